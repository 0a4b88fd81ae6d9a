#!/usr/bin/env bash
# bindery against Typst, pandoc and Calibre in the same run, paired: each
# round runs every tool on the same input one after the other, so a busy
# machine slows all of them alike. Prints per work and tool the median wall
# time, the median of the per-round ratios (competitor ÷ bindery) and the
# peak memory (/usr/bin/time -v), then bindery's per-stage shares.
#   bash bench/run.sh [ROUNDS]    (default 3; NOVEL_CHARS=5000000; STAGES=0 skips the
#                                  per-stage benches; release build)
# Typst (PyPI `typst`) is given the structure bindery found (bench/typst_from_json.py),
# pandoc bindery's Markdown, Calibre the raw text. Nothing is written into
# the checkout; results go to $BENCH_DIR (default /tmp/bindery-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
chars="${NOVEL_CHARS:-5000000}"
gen=../shared/bench/make_novel.py
bulletin=../shared/corpus/luoyang-bulletin/input.txt
for f in "$gen" "$bulletin"; do
  [ -f "$f" ] || { echo "bench: $f not found (it lives beside the checkout)" >&2; exit 1; }
done
data="${BENCH_DIR:-/tmp/bindery-bench}"
mkdir -p "$data/out"
novel="$data/novel-$chars.txt"
[ -f "$novel" ] || python3 "$gen" "$novel" --chars "$chars"
# BINDERY=path measures another build (a quick check of this script with target/debug).
if [ -z "${BINDERY:-}" ]; then cargo build --release --quiet; fi
B="$(realpath "${BINDERY:-target/release/bindery}")"
export SOURCE_DATE_EPOCH=1700000000
font_dir="$PWD/fonts"

have() { command -v "$1" >/dev/null 2>&1; }
python3 -c 'import typst' 2>/dev/null && typst=1 || { typst=0; echo "bench: no Python typst; Typst left out" >&2; }
have pandoc && pandoc=1 || { pandoc=0; echo "bench: no pandoc; left out" >&2; }
have ebook-convert && calibre=1 || { calibre=0; echo "bench: no ebook-convert; Calibre left out" >&2; }

# The structure bindery found, handed to Typst and pandoc (not timed).
for name in bulletin novel; do
  src="$bulletin"; [ "$name" = novel ] && src="$novel"
  "$B" convert "$src" --to json,md --no-report -o "$data/in-$name" -q
  json="$data/in-$name/$(basename "${src%.*}").json"
  python3 bench/typst_from_json.py "$json" "$data/$name.typ" "Noto Serif CJK SC" zh
  cp "$data/in-$name/$(basename "${src%.*}").md" "$data/$name.md"
done

results="$data/times.tsv"
: > "$results"
# measure WORK TOOL ROUND command…: one timed run, appended as a line.
measure() {
  local work="$1" tool="$2" round="$3"; shift 3
  if /usr/bin/time -f '%e %M' -o "$data/time.out" "$@" >/dev/null 2>"$data/err.log"; then
    read -r secs kb < <(tail -1 "$data/time.out")
    printf '%s\t%s\t%s\t%s\t%s\n' "$work" "$tool" "$round" "$secs" "$kb" >> "$results"
  else
    echo "bench: $tool failed on $work: $(tail -1 "$data/err.log")" >&2
  fi
}
# Typst through its Python binding (a function would not run under /usr/bin/time).
typst_pdf=(python3 -c 'import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]])')
# Calibre's PDF output runs Chromium, which refuses root without this.
[ "$(id -u)" = 0 ] && export QTWEBENGINE_CHROMIUM_FLAGS="${QTWEBENGINE_CHROMIUM_FLAGS:---no-sandbox}"

for r in $(seq 1 "$rounds"); do
  echo "bench: round $r of $rounds" >&2
  o="$data/out"
  measure "bulletin → EPUB+PDF" bindery "$r" "$B" convert "$bulletin" --to epub,pdf -o "$o/b" -q
  [ $typst = 1 ] && measure "bulletin → EPUB+PDF" "Typst (PDF only)" "$r" "${typst_pdf[@]}" "$data/bulletin.typ" "$o/bulletin-typst.pdf" "$font_dir"
  [ $pandoc = 1 ] && measure "bulletin → EPUB+PDF" "pandoc (EPUB only)" "$r" pandoc "$data/bulletin.md" -o "$o/bulletin-pandoc.epub"
  if [ $calibre = 1 ]; then
    measure "bulletin → EPUB+PDF" "Calibre EPUB" "$r" ebook-convert "$bulletin" "$o/bulletin-calibre.epub"
    measure "bulletin → EPUB+PDF" "Calibre PDF" "$r" ebook-convert "$bulletin" "$o/bulletin-calibre.pdf"
  fi
  measure "novel → PDF" bindery "$r" "$B" convert "$novel" --to pdf -o "$o/n" -q
  [ $typst = 1 ] && measure "novel → PDF" Typst "$r" "${typst_pdf[@]}" "$data/novel.typ" "$o/novel-typst.pdf" "$font_dir"
  measure "novel → EPUB" bindery "$r" "$B" convert "$novel" --to epub -o "$o/n" -q
  [ $pandoc = 1 ] && measure "novel → EPUB" pandoc "$r" pandoc "$data/novel.md" -o "$o/novel-pandoc.epub"
  [ $calibre = 1 ] && measure "novel → EPUB" "Calibre EPUB" "$r" ebook-convert "$novel" "$o/novel-calibre.epub"
done

echo
echo "Paired medians over $rounds round(s), novel of $chars characters; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg):"
python3 - "$results" <<'PY'
import statistics, sys
from collections import defaultdict
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
t = defaultdict(dict)   # (work, tool) -> round -> (secs, kb)
order = []
for work, tool, r, secs, kb in rows:
    if (work, tool) not in order:
        order.append((work, tool))
    t[(work, tool)][r] = (float(secs), int(kb))
print("| work | tool | median wall s | ÷ bindery (paired median) | peak RSS MiB |")
print("|---|---|---|---|---|")
for work, tool in order:
    runs = t[(work, tool)]
    ours = t.get((work, "bindery"), {})
    med = statistics.median(s for s, _ in runs.values())
    peak = max(kb for _, kb in runs.values()) / 1024
    ratios = [runs[r][0] / ours[r][0] for r in runs if r in ours and ours[r][0] > 0]
    ratio = "—" if tool == "bindery" or not ratios else f"{statistics.median(ratios):.1f}×"
    print(f"| {work} | {tool} | {med:.3f} | {ratio} | {peak:.0f} |")
PY

if [ "${STAGES:-1}" = 1 ]; then
  # bindery alone on the generated variants: per-stage medians and the CLI's wall time and memory.
  for v in "zh-gbk --encoding gbk" "zh-wrap40 --wrap 40" "zh-half --chars 2500000" \
           "en --lang en --chars 2000000" "en-double --lang en --chars 4000000"; do
    set -- $v
    [ -f "$data/$1.txt" ] || python3 "$gen" "$data/$1.txt" "${@:2}"
  done
  echo
  echo "bindery's stages (benches/pipeline.rs):"
  cargo bench --quiet --bench pipeline -- "$bulletin" "$rounds"
  for f in "$novel" "$data/zh-gbk.txt" "$data/zh-wrap40.txt" "$data/zh-half.txt" "$data/en.txt" "$data/en-double.txt"; do
    cargo bench --quiet --bench pipeline -- "$f" "$rounds"
  done
  echo
  echo "| input | to | wall s | peak RSS MB |"
  echo "|---|---|---|---|"
  for src in "$bulletin" "$novel" "$data/zh-gbk.txt" "$data/zh-wrap40.txt" "$data/en.txt"; do
    for to in epub pdf epub,pdf; do
      /usr/bin/time -v "$B" convert "$src" --to "$to" -o "$data/out/v" -q 2> "$data/time.log" >/dev/null
      wall=$(grep "Elapsed (wall clock)" "$data/time.log" | awk '{print $NF}')
      rss=$(grep "Maximum resident set size" "$data/time.log" | awk '{printf "%.0f", $NF/1024}')
      echo "| $(basename "$src") | $to | $wall | $rss |"
    done
  done
fi
