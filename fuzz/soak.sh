#!/usr/bin/env bash
# The long concurrency soak (pooling's ConcurrencySoakTest): one model shared by 16 threads for ENCODES
# encodes (default 100,000) of texts of every length, each vector compared bit for bit with the same text
# encoded alone by a single-threaded model, then CLOSE_ROUNDS (default 200) rounds of close() while 16
# threads encode. MODEL=<sentence-transformers folder> runs it on a real model instead of the tiny BERT.
#
#   fuzz/soak.sh
#   MODEL=~/.cache/jembed/embedded/sentence-transformers--all-MiniLM-L6-v2/<hash> ENCODES=2000 CLOSE_ROUNDS=4 fuzz/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/find-jdk
JAVA_HOME="$(jembed_find_jdk javac)"
export JAVA_HOME
ENCODES=${ENCODES:-100000}
CLOSE_ROUNDS=${CLOSE_ROUNDS:-200}
mkdir -p fuzz/target
model=()
[ -n "${MODEL:-}" ] && model=("-Djembed.soak.model=$MODEL")
nice -n 10 ./mvnw -B -ntp test -pl pooling -am -P '!x86-widths' -Dgroups=soak -Dtest='ConcurrencySoakTest' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true -Djembed.soak.encodes="$ENCODES" -Djembed.soak.closeRounds="$CLOSE_ROUNDS" \
    "${model[@]}" 2>&1 | tee fuzz/target/soak.log | grep -E '^SOAK|Tests run:|FAIL' || true
grep -q 'BUILD SUCCESS' fuzz/target/soak.log
