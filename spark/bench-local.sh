#!/usr/bin/env bash
# spark/bench-local.sh [COPIES] [RUNS]: documents/s of EmbedJob in local[1] and local[2] against the
# single-process `./jembed embed` (all cores) on the benchmark corpus repeated COPIES times
# (default 20: 20,000 lines). Every run is a fresh JVM, timed from start to exit (JVM and Spark
# start-up, model load, reading, embedding, writing jsonl), RUNS times each (default 1), configurations
# interleaved. CPU time (user + system, all threads) is reported too: on a shared machine it
# varies much less than wall time, and documents per CPU-second show Spark's own overhead. Each Spark output is checked bit for bit against the command's (CompareWithCli.java).
# Prints a markdown table and the load average around the runs. Needs the build (README) and the
# corpus: JEMBED_BENCH_CORPUS (default ../shared/fixtures/bench-corpus.txt next to the repository).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
copies="${1:-20}"
runs="${2:-1}"
corpus="${JEMBED_BENCH_CORPUS:-$root/../shared/fixtures/bench-corpus.txt}"
[ -f "$corpus" ] || { echo "bench-local.sh: no corpus at $corpus (set JEMBED_BENCH_CORPUS)" >&2; exit 1; }
# shellcheck source=../bin/find-jdk
. "$root/bin/find-jdk"
java="$(jembed_find_jdk)/bin/java"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
input="$work/corpus.txt"
for _ in $(seq "$copies"); do cat "$corpus"; done >"$input"
lines="$(wc -l <"$input")"

declare -A total cpu
configs=("jembed embed" "EmbedJob local[1]" "EmbedJob local[2]")
run_one() {
  case "$1" in
    "jembed embed") "$root/jembed" embed --input "$input" --output "$work/cli.jsonl" ;;
    "EmbedJob local[1]") "$here/run-local.sh" --master 'local[1]' --input "$input" --output "$work/spark1" --output-format jsonl --overwrite ;;
    "EmbedJob local[2]") "$here/run-local.sh" --master 'local[2]' --input "$input" --output "$work/spark2" --output-format jsonl --overwrite ;;
  esac
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $lines lines, $runs run(s) each" >&2
for r in $(seq "$runs"); do
  for c in "${configs[@]}"; do
    TIMEFORMAT='%R %U %S'
    { time run_one "$c" >/dev/null 2>"$work/err.log"; } 2>"$work/time.txt" || { cat "$work/err.log" >&2; exit 1; }
    read -r t u s <"$work/time.txt"
    total["$c"]="${total["$c"]:-} $t"
    cpu["$c"]="${cpu["$c"]:-} $(echo "$u + $s" | bc)"
    echo "run $r: $c: ${t} s wall, $(echo "$u + $s" | bc) s CPU (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

for d in spark1 spark2; do
  "$java" "$here/CompareWithCli.java" "$work/$d" "$work/cli.jsonl" >&2
done

echo "| configuration | wall time (s) | documents/s | CPU time (s) | documents per CPU-second |"
echo "|---|---|---|---|---|"
for c in "${configs[@]}"; do
  read -r -a ts <<<"${total["$c"]}"
  read -r -a cs <<<"${cpu["$c"]}"
  for i in "${!ts[@]}"; do
    printf '| %s | %.1f | %.1f | %.1f | %.1f |\n' "$c" "${ts[$i]}" "$(echo "$lines / ${ts[$i]}" | bc -l)" \
      "${cs[$i]}" "$(echo "$lines / ${cs[$i]}" | bc -l)"
  done
done
