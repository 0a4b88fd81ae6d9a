#!/usr/bin/env bash
# The scorer's table for every case we have: our own cases (tests/cases), the
# sample (examples/sample) and the user's bulletin (../shared/corpus).
#   bash bench/quality.sh [epub|json]      (default json)
set -euo pipefail
cd "$(dirname "$0")/.."
fmt="${1:-json}"
cargo build --quiet
work="$(mktemp -d)"
mkdir -p "$work/cases" "$work/out"
for d in tests/cases/*/ examples/sample/ ../shared/corpus/*/; do
  [ -f "$d/truth.json" ] || continue
  name="$(basename "$d")"
  ln -s "$(realpath "$d")" "$work/cases/$name"
  ./target/debug/bindery convert "$d/input.txt" --to "$fmt" --no-report -o "$work/tmp/$name" >/dev/null 2>&1
  cp "$work/tmp/$name/input.$fmt" "$work/out/$name.$fmt"
done
python3 ../shared/eval/score.py --table "$work/cases" "$work/out"
rm -rf "$work"
