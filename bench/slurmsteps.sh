#!/bin/bash
# Issue 28.1's target: 100 short jobs with --slurm inside `salloc -n 8` in at most 8 s (39.8 s
# before, when every step asked for the whole allocation), every slurm_job_id JOBID.STEPID. Starts
# the tests' one-node cluster (tests/services/slurm.sh, needs root), best of REPEATS, and stops it.
#
#   bench/slurmsteps.sh [path/to/procdeck-cli] [repeats]
set -euo pipefail
CLI=$(realpath "${1:-build/src/cli/procdeck-cli}")
REPEATS=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/procdeck-slurmsteps.XXXXXX)
trap '"$here/../tests/services/slurm.sh" stop "$WORK/state"; rm -rf "$WORK"' EXIT
"$here/../tests/services/slurm.sh" start "$WORK/state" >/dev/null
export SLURM_CONF=$(cat "$WORK/state")/slurm.conf

once() { # prints the seconds of one run, after checking its ids
    local start end ids
    start=$(date +%s.%N)
    salloc -n 8 "$CLI" --no-history --quiet --slurm -j 8 --export "$WORK/out.jsonl" \
        --template 'echo {}' --range 1..100 > /dev/null 2>"$WORK/err"
    end=$(date +%s.%N)
    ids=$(grep -c '"slurm_job_id":"[0-9]*\.[0-9]*"' "$WORK/out.jsonl" || true)
    echo "$end - $start" | bc
    echo "$ids" >> "$WORK/ids"
}
best=$(for _ in $(seq "$REPEATS"); do once; done | sort -n | head -1)
printf '100 short jobs, --slurm -j 8 inside salloc -n 8: best %.2f s of %s; rows with JOBID.STEPID: %s (target <= 8 s; load %s)\n' \
    "$best" "$REPEATS" "$(paste -sd/ "$WORK/ids")" "$(cut -d' ' -f1 /proc/loadavg)"
