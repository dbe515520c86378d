#!/usr/bin/env bash
# jembed serve against in-process encode: requests/s and p50/p99 latency at 1, 8 and 64 clients.
#   build once:  ./mvnw -B -ntp -q package -DskipTests
#   then:        bench/serve-bench.sh [--clients 1,8,64] [--queries 3000] [--batches 150] [--threads N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bin/find-jdk"
java="$(jembed_find_jdk)/bin/java"
cli_jar="$(ls "$root"/cli/target/jembed-cli-*.jar | grep -v -- '-all-minilm-l6-v2.jar' | head -1)"
model_jar="$(ls "$root"/cli/target/jembed-cli-*-all-minilm-l6-v2.jar | head -1)"
cp="$root/bench/target/classes:$cli_jar:$(<"$root/cli/target/classpath.txt"):$model_jar"
read -r -a jvm_args <"$root/bench/target/jvm.args" || [ ${#jvm_args[@]} -gt 0 ] # the root pom's jembed.jvm.flags, written by the build
exec "$java" "${jvm_args[@]}" -XX:+UseSerialGC -Xmx1g -cp "$cp" dev.jembed.bench.serve.ServeBench "$@"
