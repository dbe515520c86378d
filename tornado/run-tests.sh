#!/usr/bin/env bash
# Runs the tornado module's tests on a TornadoVM device (bailout off: a kernel that does not compile
# for the device fails its test instead of running as Java):
#   TORNADOVM_HOME=/path/to/tornadovm-sdk tornado/run-tests.sh            # the parity tests
#   TORNADOVM_HOME=/path/to/tornadovm-sdk tornado/run-tests.sh --bench    # the benchmark against the cpu backend
# Extra arguments go to Maven. TORNADOVM_HOME must be an SDK built or installed the official way
# (see the README's GPU section); its tornado-argfile gives the tests' JVM options. Builds the
# modules the tests need (tokenizer, engine, pooling, cli with its embedded model) first.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
die() {
  echo "run-tests.sh: $*" >&2
  exit 1
}

[ -n "${TORNADOVM_HOME:-}" ] || die "TORNADOVM_HOME is not set; point it at a TornadoVM SDK (see the README's GPU section)"
[ -f "$TORNADOVM_HOME/tornado-argfile" ] || die "$TORNADOVM_HOME/tornado-argfile is missing; is TORNADOVM_HOME a TornadoVM SDK?"
api=("$TORNADOVM_HOME"/share/java/tornado/tornado-api-*.jar)
[ -f "${api[0]}" ] || die "no tornado-api jar in $TORNADOVM_HOME/share/java/tornado"
version="$(basename "${api[0]}" .jar)"
version="${version#tornado-api-}"

# the module's test classes by name: -am builds the modules the tests load (tokenizer, engine,
# pooling, cli with the embedded model), whose own tests do not match and are not run
tests=(-Dtest='TinyModelParityTest,MiniLmStsbParityTest')
if [ "${1:-}" = --bench ]; then
  shift
  tests=(-Dtest=TornadoBenchmark -Dtornado.test.options=-Djembed.tornado.profile=true)
fi

cd "$root"
exec ./mvnw -B -ntp verify -pl tornado -am -Dtornadovm.version="$version" -Dsurefire.failIfNoSpecifiedTests=false \
  "${tests[@]}" "$@"
