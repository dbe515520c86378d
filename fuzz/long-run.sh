#!/usr/bin/env bash
# The long fuzz run: the @Tag("fuzz") jqwik properties of tokenizer, engine and pooling with TRIES tries
# each (default 500,000; every parser has at least two properties, so >= 10^6 cases per parser), in JVMs
# with a small heap (HEAP, default 192m) so that a parse that allocates for a size it did not validate
# fails with an OutOfMemoryError, which the fuzz check reports. The three modules run at
# low priority (nice 10), one module after the other; BUDGET (seconds, default none) stops them when time is up, and the
# FUZZ-PROGRESS lines (every 20,000 cases of a parser) then say how far each parser got.
#
#   fuzz/long-run.sh                        # the full run
#   TRIES=2000 fuzz/long-run.sh             # a quick rehearsal
#   BUDGET=1800 fuzz/long-run.sh            # at most half an hour
#
# The log goes to fuzz/target/long-run.log; the summary (last FUZZ-STATS / FUZZ-PROGRESS line per parser,
# failures) is printed at the end.
set -uo pipefail
cd "$(dirname "$0")/.."
. bin/find-jdk
JAVA_HOME="$(jembed_find_jdk javac)" || exit 1
export JAVA_HOME
TRIES=${TRIES:-500000}
HEAP=${HEAP:-192m}
BUDGET=${BUDGET:-0}
mkdir -p fuzz/target
start=$(date +%s)
echo "long fuzz run: $TRIES tries per property, heap $HEAP, budget ${BUDGET}s, started $(date -u +%FT%TZ)"
limit=()
[ "$BUDGET" -gt 0 ] && limit=(timeout --kill-after=30 "$BUDGET")
# one Maven run: it builds what the three modules need, then runs their fuzz tests one module after
# the other (parallel runs would compile the same target folders at once)
nice -n 10 "${limit[@]}" ./mvnw -B -ntp test -pl tokenizer,engine,pooling -am -P '!x86-widths' \
    -Dgroups=fuzz -Dtest='**/*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
    -Djqwik.tries.default="$TRIES" -Djembed.test.heap="$HEAP" > fuzz/target/long-run.log 2>&1
status=$?
end=$(date +%s)
echo "finished $(date -u +%FT%TZ) after $((end - start)) s, exit status $status"
# the last report of each parser: its final FUZZ-STATS, else its latest FUZZ-PROGRESS
# (-o: jqwik prints a banner without a line end, so a report line may not start its line)
grep -aohE 'FUZZ-(STATS|PROGRESS) .*' fuzz/target/long-run.log \
    | awk '{ key = $2; for (i = 3; i <= NF && $i !~ /^cases=/; i++) key = key " " $i; last[key] = $0 } END { for (k in last) print last[k] }' | sort
grep -ahE 'untyped|hides|Tests run:.*Failures: [1-9]|OutOfMemoryError' fuzz/target/long-run.log | sort -u | head -20
exit "$status"
