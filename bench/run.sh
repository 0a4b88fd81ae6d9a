#!/usr/bin/env bash
# Benchmarks on generated novels: per-stage medians (benches/pipeline.rs) and
# the whole CLI's wall time and peak memory (/usr/bin/time -v).
#   bash bench/run.sh [RUNS]        (default 3 runs; release build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
gen=../shared/bench/make_novel.py
[ -f "$gen" ] || { echo "bench: $gen not found (it lives beside the checkout)" >&2; exit 1; }
data="${BENCH_DIR:-/tmp/bindery-bench}"
mkdir -p "$data/out"
[ -f "$data/zh.txt" ] || python3 "$gen" "$data/zh.txt"
[ -f "$data/zh-gbk.txt" ] || python3 "$gen" "$data/zh-gbk.txt" --encoding gbk
[ -f "$data/zh-wrap40.txt" ] || python3 "$gen" "$data/zh-wrap40.txt" --wrap 40
[ -f "$data/zh-half.txt" ] || python3 "$gen" "$data/zh-half.txt" --chars 2500000
[ -f "$data/en.txt" ] || python3 "$gen" "$data/en.txt" --lang en --chars 2000000
[ -f "$data/en-double.txt" ] || python3 "$gen" "$data/en-double.txt" --lang en --chars 4000000
cargo build --release --quiet
cargo bench --quiet --bench pipeline -- ../shared/corpus/luoyang-bulletin/input.txt "$runs"
for f in zh zh-gbk zh-wrap40 zh-half en en-double; do
  cargo bench --quiet --bench pipeline -- "$data/$f.txt" "$runs"
done
echo
echo "| input | to | wall s | peak RSS MB |"
echo "|---|---|---|---|"
for f in luoyang zh zh-gbk zh-wrap40 en; do
  src="$data/$f.txt"; [ "$f" = luoyang ] && src=../shared/corpus/luoyang-bulletin/input.txt
  for to in epub pdf epub,pdf; do
    /usr/bin/time -v ./target/release/bindery convert "$src" --to "$to" -o "$data/out" 2> "$data/time.log" >/dev/null
    wall=$(grep "Elapsed (wall clock)" "$data/time.log" | awk '{print $NF}')
    rss=$(grep "Maximum resident set size" "$data/time.log" | awk '{printf "%.0f", $NF/1024}')
    echo "| $f | $to | $wall | $rss |"
  done
done
