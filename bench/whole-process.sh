#!/usr/bin/env bash
# Whole-process comparison, as users run it: `./jembed embed` over the benchmark corpus (batch 32,
# 2 threads, JSONL written to a file) against an ONNX Runtime Java program doing the same whole job
# (start, load, tokenize, embed, write: dev.jembed.bench.compare.OrtEmbedMain), and one short query
# (`./jembed similarity a b`: cold start to first vectors) against the ORT program on the same two
# lines. Runs alternate; medians of wall time and peak RSS. jembed also runs at the narrower vector
# widths of this host (AVX2 on an AVX-512 CPU, 128-bit vectors) through JEMBED_JAVA_OPTS; ORT runs
# natively. Extra jembed rows: JEMBED_EXTRA="label=JVM flags;label=flags" (e.g. collectors).
# Needs a build first: ./mvnw -B -ntp -q install -DskipTests
# Usage: bench/whole-process.sh [runs]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
threads=2
. bin/find-jdk
java="$(jembed_find_jdk)/bin/java"
./mvnw -B -ntp -q -o -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
ort=("$java" --enable-native-access=ALL-UNNAMED -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.jembed.bench.compare.OrtEmbedMain)
corpus=bench/src/main/resources/bench-corpus.txt
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

flags="$(grep -m1 -E '^(flags|Features)' /proc/cpuinfo || true)"
declare -a labels=(native) opts=("")
case "$flags" in *avx512f*) labels+=(AVX2); opts+=("-XX:UseAVX=2") ;; esac
case "$flags" in *avx2*) labels+=(128-bit); opts+=("-XX:MaxVectorSize=16") ;; esac
IFS=';' read -r -a extra <<<"${JEMBED_EXTRA:-}"
for e in "${extra[@]}"; do [ -n "$e" ] && labels+=("${e%%=*}") && opts+=("${e#*=}"); done

measure() { local f; f=$(mktemp); /usr/bin/time -o "$f" -f "%e %M" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; cat "$f" >&2; exit 1; }; tail -1 "$f"; rm -f "$f"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "warming the page cache and extracting the ORT model once"
echo hello | ./jembed embed >/dev/null
echo hello | "${ort[@]}" - >/dev/null 2>&1

q1="How many people live in London?"
q2="Around 9 Million people live in London"
declare -A corpus_s corpus_m query_s
for ((r = 0; r < runs; r++)); do
  res="$(measure "${ort[@]}" "$corpus" "$threads" "$out/ort.jsonl")"
  corpus_s[ort]+="${res% *} "; corpus_m[ort]+="${res#* } "
  res="$(printf '%s\n%s\n' "$q1" "$q2" | measure "${ort[@]}" - 1)"
  query_s[ort]+="${res% *} "
  for i in "${!labels[@]}"; do
    l="${labels[$i]}"
    res="$(JEMBED_JAVA_OPTS="${opts[$i]}" measure ./jembed embed --input "$corpus" --output "$out/jembed.jsonl" --batch-size 32 --threads "$threads")"
    corpus_s[$l]+="${res% *} "; corpus_m[$l]+="${res#* } "
    res="$(JEMBED_JAVA_OPTS="${opts[$i]}" measure ./jembed similarity "$q1" "$q2")"
    query_s[$l]+="${res% *} "
  done
  echo "round $((r + 1))/$runs done" >&2
done
# the same whole job: the files must agree (max abs difference of the first vector's values, as a check)
paste -d' ' <(head -1 "$out/ort.jsonl" | tr -d '[]' | tr ',' '\n') <(head -1 "$out/jembed.jsonl" | tr -d '[]' | tr ',' '\n') |
  awk '{d=$1-$2; if (d<0) d=-d; if (d>m) m=d} END {printf "first vector, ORT vs jembed: max abs diff %.2e\n", m}'

med() { tr ' ' '\n' <<<"$1" | grep -v '^$' | median; }
host="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
echo
echo "host: $host; $("$java" -version 2>&1 | head -1); corpus $(wc -l <"$corpus") lines, batch 32, $threads threads; medians of $runs runs"
echo
echo "| jembed JVM | corpus embed to JSONL (s) | ORT program (s) | ORT/jembed speed | peak RSS jembed / ORT (MiB) | \`similarity a b\` cold (s) | ORT program, 2 lines (s) |"
echo "|---|---|---|---|---|---|---|"
ot="$(med "${corpus_s[ort]}")"; om="$(med "${corpus_m[ort]}")"; oq="$(med "${query_s[ort]}")"
for l in "${labels[@]}"; do
  jt="$(med "${corpus_s[$l]}")"; jm="$(med "${corpus_m[$l]}")"; jq="$(med "${query_s[$l]}")"
  printf '| %s | %s | %s | %.2f | %d / %d | %s | %s |\n' "$l" "$jt" "$ot" "$(echo "$ot / $jt" | bc -l)" \
    "$(( ${jm%.*} / 1024 ))" "$(( ${om%.*} / 1024 ))" "$jq" "$oq"
done
