#!/usr/bin/env bash
# The long fuzz run: the @Tag("fuzz") jqwik properties of tokenizer, engine and pooling with TRIES tries
# each (default 500,000; every parser has at least two properties, so >= 10^6 cases per parser), in JVMs
# with a small heap (HEAP, default 192m) so that a parse that allocates for a size it did not validate
# fails with an OutOfMemoryError, which the fuzz check reports. The three modules run side by side at
# low priority (nice 10); BUDGET (seconds, default none) stops them when time is up, and the
# FUZZ-PROGRESS lines (every 20,000 cases of a parser) then say how far each parser got.
#
#   fuzz/long-run.sh                        # the full run
#   TRIES=2000 fuzz/long-run.sh             # a quick rehearsal
#   BUDGET=1800 fuzz/long-run.sh            # at most half an hour
#
# Logs go to fuzz/target/<module>.log; the summary (last FUZZ-STATS / FUZZ-PROGRESS line per parser,
# failures) is printed at the end.
set -uo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
TRIES=${TRIES:-500000}
HEAP=${HEAP:-192m}
BUDGET=${BUDGET:-0}
mkdir -p fuzz/target
start=$(date +%s)
echo "long fuzz run: $TRIES tries per property, heap $HEAP, budget ${BUDGET}s, started $(date -u +%FT%TZ)"
# compile once; the runs below only execute tests, so they never write the same target folder
./mvnw -B -ntp -q test-compile -pl tokenizer,engine,pooling -am || exit 1
pids=()
for module in tokenizer engine pooling; do
    limit=()
    [ "$BUDGET" -gt 0 ] && limit=(timeout --kill-after=30 "$BUDGET")
    nice -n 10 "${limit[@]}" ./mvnw -B -ntp surefire:test -pl "$module" -am -P '!x86-widths' \
        -Dgroups=fuzz -Dtest="dev/jembed/$module/**/*FuzzTest" -Dsurefire.failIfNoSpecifiedTests=false \
        -Djqwik.tries.default="$TRIES" \
        -DargLine="--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xss8m -Xmx$HEAP" \
        > "fuzz/target/$module.log" 2>&1 &
    pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
end=$(date +%s)
echo "finished $(date -u +%FT%TZ) after $((end - start)) s, exit status $status"
for module in tokenizer engine pooling; do
    echo "== $module"
    # the last report of each parser: its final FUZZ-STATS, else its latest FUZZ-PROGRESS
    # (-o: jqwik prints a banner without a line end, so a report line may not start its line)
    grep -ohE 'FUZZ-(STATS|PROGRESS) .*' "fuzz/target/$module.log" \
        | awk '{ key = $2; for (i = 3; i <= NF && $i !~ /^cases=/; i++) key = key " " $i; last[key] = $0 } END { for (k in last) print last[k] }' | sort
    grep -hE 'untyped|hides|Tests run:.*Failures: [1-9]|OutOfMemoryError' "fuzz/target/$module.log" | sort -u | head -20
done
exit "$status"
