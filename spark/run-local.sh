#!/usr/bin/env bash
# spark/run-local.sh [--master 'local[N]'] EmbedJob-ARGS...
# Runs dev.jembed.spark.EmbedJob in one local JVM on the Spark jars Maven fetched for the build: no
# Spark installation needed. Default master: local[*]. Example:
#   spark/run-local.sh --master 'local[2]' --input examples/conference-talks.txt --output out --output-format jsonl
# Build once first (from the repository root): ./mvnw -B -ntp -q package -DskipTests
# Environment: JAVA_HOME (a JDK 25 or newer; else bin/find-jdk looks in the usual places),
# JEMBED_SPARK_JAVA_OPTS (extra JVM options, e.g. -Xmx8g or -Dspark.sql.shuffle.partitions=4).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/target"

die() {
  echo "run-local.sh: $*" >&2
  exit 1
}

# shellcheck source=../bin/find-jdk
. "$here/../bin/find-jdk"
jdk="$(jembed_find_jdk 2>&1)" || die "$jdk"
java="$jdk/bin/java"

master="local[*]"
if [ "${1:-}" = "--master" ]; then
  [ $# -ge 2 ] || die "--master needs a value, e.g. 'local[2]'"
  master="$2"
  shift 2
fi
case "$master" in
  local*) ;;
  *) die "--master $master: this script runs Spark in one local JVM (local, local[N], local[*]); use spark-submit for a cluster (README)" ;;
esac

jar=""
for f in "$target"/jembed-spark-*.jar; do
  case "$f" in *-job.jar | *-sources.jar | *-javadoc.jar | *-tests.jar) ;; *) jar="$f" ;; esac
done
for f in "$jar" "$target/classpath-runtime.txt" "$target/classpath-spark.txt" "$target/jvm-flags.txt"; do
  [ -n "$f" ] && [ -f "$f" ] || die "not built yet; from $(dirname "$here") run: ./mvnw -B -ntp -q package -DskipTests"
done

# jembed-spark, jembed and the embedded model, then Spark and its dependencies
classpath="$jar:$(<"$target/classpath-runtime.txt"):$(<"$target/classpath-spark.txt")"
# shellcheck disable=SC2206 # the flags file is a space-separated list, split on purpose
flags=($(<"$target/jvm-flags.txt"))

# one machine: no network interface to pick (Spark warns when the host name resolves to loopback)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# shellcheck disable=SC2086 # JEMBED_SPARK_JAVA_OPTS is split on purpose
exec "$java" "${flags[@]}" ${JEMBED_SPARK_JAVA_OPTS:-} \
  -Dlog4j2.configurationFile="$here/log4j2-local.properties" \
  -Dspark.master="$master" -Dspark.ui.enabled=false \
  -Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 \
  -cp "$classpath" dev.jembed.spark.EmbedJob "$@"
