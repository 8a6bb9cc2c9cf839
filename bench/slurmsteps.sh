#!/bin/bash
# Issue 28's targets: 100 short jobs with --slurm inside `salloc -n 8` in at most 8 s (39.8 s
# before, when every step asked for the whole allocation), every slurm_job_id JOBID.STEPID; the
# same 100 with --slurm-allocate '-n 8' (procdeck-cli asks for the allocation itself); and, for
# scale, the same 100 sruns started by xargs -P 8 in salloc -n 8 (no ProcDeck); and the same 100
# with --slurm-allocate '-n 8' --slurm-workers (one worker step runs them all). Starts the tests'
# one-node cluster (tests/services/slurm.sh, needs root), best of REPEATS, and stops it.
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
JOBS=(--no-history --quiet -j 8 --export "$WORK/out.jsonl" --template 'echo {}' --range 1..100)

once() { # MODE: prints the seconds of one run, after counting its ids
    local start end
    rm -f "$WORK/out.jsonl"
    start=$(date +%s.%N)
    case $1 in
    steps) salloc -n 8 "$CLI" --slurm "${JOBS[@]}" ;;
    allocate) "$CLI" --slurm-allocate '-n 8' "${JOBS[@]}" ;;
    workers) "$CLI" --slurm-allocate '-n 8' --slurm-workers "${JOBS[@]}" ;;
    xargs) salloc -n 8 bash -c 'seq 100 | xargs -P8 -I{} srun --exact -n1 -c1 --quiet echo {}' ;;
    esac > /dev/null 2>"$WORK/err"
    end=$(date +%s.%N)
    echo "$end - $start" | bc
    (grep -c '"slurm_job_id":"[0-9]*\.[0-9]*"' "$WORK/out.jsonl" 2>/dev/null || echo -) >> "$WORK/ids-$1"
}
for mode in steps allocate xargs workers; do
    best=$(for _ in $(seq "$REPEATS"); do once $mode; done | sort -n | head -1)
    printf '100 short jobs, %-40s best %6.2f s of %s; rows with JOBID.STEPID: %s (load %s)\n' \
        "$(case $mode in steps) echo '--slurm -j 8 inside salloc -n 8:' ;;
            allocate) echo "--slurm-allocate '-n 8' -j 8:" ;;
            xargs) echo 'srun by xargs -P 8 inside salloc -n 8:' ;;
            workers) echo "--slurm-allocate '-n 8' --slurm-workers:" ;; esac)" \
        "$best" "$REPEATS" "$(paste -sd/ "$WORK/ids-$mode")" "$(cut -d' ' -f1 /proc/loadavg)"
done
echo "(target for the first two and the workers: <= 8 s, every row with its id)"
