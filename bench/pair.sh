#!/usr/bin/env bash
# Two bindery builds on the same inputs, paired: each round runs BEFORE then
# AFTER on every input and target one after the other, so a busy machine
# slows both alike. Prints per input and target the median wall time, median
# CPU time (user + sys), the median of the per-round ratios (before ÷ after)
# and the highest peak RSS (/usr/bin/time), with the load average, and
# whether the two builds wrote the same bytes (cmp).
#   bash bench/pair.sh BEFORE AFTER ROUNDS TO FILE...   (TO: pdf, epub, json…)
# Outputs go to $BENCH_DIR (default /tmp/bindery-pair); SOURCE_DATE_EPOCH is fixed.
set -euo pipefail
[ $# -ge 5 ] || { echo "usage: bench/pair.sh BEFORE AFTER ROUNDS TO FILE..." >&2; exit 2; }
before="$(realpath "$1")"; after="$(realpath "$2")"; rounds="$3"; to="$4"; shift 4
data="${BENCH_DIR:-/tmp/bindery-pair}"
mkdir -p "$data"
export SOURCE_DATE_EPOCH=1700000000
results="$data/times.tsv"
: > "$results"
load_at_start="$(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$rounds"); do
  for f in "$@"; do
    for build in before after; do
      bin="$before"; [ "$build" = after ] && bin="$after"
      out="$data/$build"
      mkdir -p "$out"
      /usr/bin/time -f '%e %U %S %M' -o "$data/time.out" "$bin" convert "$f" --to "$to" -q -o "$out" >/dev/null 2>"$data/err.log" \
        || { echo "pair: $build failed on $f: $(tail -1 "$data/err.log")" >&2; exit 1; }
      read -r wall user sys kb < <(tail -1 "$data/time.out")
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(basename "$f")" "$build" "$r" "$wall" "$(echo "$user + $sys" | bc)" "$kb" >> "$results"
    done
    name="$(basename "${f%.*}").$to"
    if cmp -s "$data/before/$name" "$data/after/$name"; then same=same; else same=DIFFERENT; fi
    printf '%s\tcmp\t%s\t%s\n' "$(basename "$f")" "$r" "$same" >> "$results"
  done
done
echo "$rounds round(s), --to $to, $(nproc) cores, load average $load_at_start at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
python3 - "$results" <<'PY'
import statistics, sys
from collections import defaultdict
runs = defaultdict(dict)   # (file, build) -> round -> (wall, cpu, kb)
same = defaultdict(set)
files = []
for line in open(sys.argv[1], encoding="utf-8"):
    f, build, r, *rest = line.rstrip("\n").split("\t")
    if f not in files:
        files.append(f)
    if build == "cmp":
        same[f].add(rest[0])
    else:
        runs[(f, build)][r] = (float(rest[0]), float(rest[1]), int(rest[2]))
print("| input | build | median wall s | median CPU s | before ÷ after (wall, CPU) | peak RSS MB | bytes |")
print("|---|---|---|---|---|---|---|")
for f in files:
    b, a = runs[(f, "before")], runs[(f, "after")]
    for build, t in (("before", b), ("after", a)):
        wall = statistics.median(x[0] for x in t.values())
        cpu = statistics.median(x[1] for x in t.values())
        peak = max(x[2] for x in t.values()) / 1000
        ratio = "—"
        if build == "after":
            rw = statistics.median(b[r][0] / a[r][0] for r in a if r in b)
            rc = statistics.median(b[r][1] / a[r][1] for r in a if r in b)
            ratio = f"{rw:.2f}×, {rc:.2f}×"
        print(f"| {f} | {build} | {wall:.2f} | {cpu:.2f} | {ratio} | {peak:.0f} | {'/'.join(sorted(same[f])) if build == 'after' else ''} |")
PY
