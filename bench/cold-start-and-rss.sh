#!/usr/bin/env bash
# Cold start (process start to first embedding of one line) and peak RSS (embedding the benchmark
# corpus at batch 32) for `./jembed embed` and for the equivalent ONNX Runtime program, run
# alternately; also for `./jembed embed --weights int8` when the command has that option (extra
# rows, jembed only: the ONNX Runtime program runs the float32 model). Needs a build first:
# ./mvnw -B -ntp -q install -DskipTests (it also makes the launcher's AOT cache).
# Usage: bench/cold-start-and-rss.sh [runs]     (default 5 runs each, medians reported)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
. bin/find-jdk
java="$(jembed_find_jdk)/bin/java"
cp_file=bench/target/classpath.txt
./mvnw -B -ntp -q -o -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >/dev/null
ort_cp="bench/target/classes:$(cat "$cp_file")"
corpus=bench/src/main/resources/bench-corpus.txt
ort=("$java" --enable-native-access=ALL-UNNAMED -cp "$ort_cp" dev.jembed.bench.compare.OrtEmbedMain)

echo "warming the page cache and extracting the ORT model once"
echo "hello" | ./jembed embed >/dev/null
echo "hello" | "${ort[@]}" - >/dev/null 2>&1

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
# /usr/bin/time: %e elapsed seconds, %M peak RSS in KiB
measure() { local f; f=$(mktemp); /usr/bin/time -o "$f" -f "%e %M" "$@" >/dev/null 2>&1; tail -1 "$f"; rm -f "$f"; }

int8=false
./jembed embed --help | grep -q -- '--weights' && int8=true

declare -a js jo jr or qs qr
for ((i = 0; i < runs; i++)); do
  js+=("$(echo "hello" | measure ./jembed embed | cut -d' ' -f1)")
  jo+=("$(echo "hello" | measure "${ort[@]}" - | cut -d' ' -f1)")
  $int8 && qs+=("$(echo "hello" | measure ./jembed embed --weights int8 | cut -d' ' -f1)")
  jr+=("$(measure ./jembed embed --input "$corpus" --output /dev/null --batch-size 32 | cut -d' ' -f2)")
  or+=("$(measure "${ort[@]}" "$corpus" | cut -d' ' -f2)")
  $int8 && qr+=("$(measure ./jembed embed --weights int8 --input "$corpus" --output /dev/null --batch-size 32 | cut -d' ' -f2)")
done
model_mb=$(( $(stat -c %s cli/target/jembed-model/jembed-models/sentence-transformers/all-MiniLM-L6-v2/model.safetensors) / 1000000 ))
printf '| measure | jembed | ONNX Runtime |\n|---|---|---|\n'
printf '| cold start, one line (s) | %s | %s |\n' "$(printf '%s\n' "${js[@]}" | median)" "$(printf '%s\n' "${jo[@]}" | median)"
printf '| peak RSS, corpus at batch 32 (MiB) | %s | %s |\n' \
  "$(( $(printf '%s\n' "${jr[@]}" | median | cut -d. -f1) / 1024 ))" "$(( $(printf '%s\n' "${or[@]}" | median | cut -d. -f1) / 1024 ))"
if $int8; then
  printf '| cold start, one line, --weights int8 (s) | %s | |\n' "$(printf '%s\n' "${qs[@]}" | median)"
  printf '| peak RSS, corpus at batch 32, --weights int8 (MiB) | %s | |\n' \
    "$(( $(printf '%s\n' "${qr[@]}" | median | cut -d. -f1) / 1024 ))"
fi
echo "model.safetensors: ${model_mb} MB; medians of $runs runs; $(nproc) cores"
