#!/bin/sh
# GNU parallel on one machine: 4 workers, one shard each; rerun to resume.
parallel -j 4 bindery convert --inputs-from "${LIST:-list.txt}" --shard {}/4 -o "${OUT:-books}" \
  --skip-existing --results "${OUT:-books}/results-{}.jsonl" -q -j 1 ::: 0 1 2 3
