#!/bin/sh
# A Slurm job array: task K converts shard K of the list (sbatch slurm-array.sh).
# A requeued task resumes: books with a done-marker are skipped.
#SBATCH --job-name=bindery
#SBATCH --array=0-3
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
exec bindery convert --inputs-from "${LIST:-list.txt}" --shard-from-env -o "${OUT:-books}" \
  --skip-existing --results "${OUT:-books}/results-${SLURM_ARRAY_TASK_ID}.jsonl" -q -j 1
