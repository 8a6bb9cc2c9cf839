#!/bin/bash
# Issue 28's target for --slurm-workers: 2,000 `true` jobs with --slurm-allocate '-n 8'
# --slurm-workers (one worker step on the node runs them all) within 3x the same run here, at -j 8
# both. Starts the tests' one-node cluster (tests/services/slurm.sh, needs root), best of REPEATS,
# and stops it.
#
#   bench/slurmworkers.sh [path/to/procdeck-cli] [repeats] [jobs]
set -euo pipefail
CLI=$(realpath "${1:-build/src/cli/procdeck-cli}")
REPEATS=${2:-3}
N=${3:-2000}
here=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/procdeck-slurmworkers.XXXXXX)
trap '"$here/../tests/services/slurm.sh" stop "$WORK/state"; rm -rf "$WORK"' EXIT
"$here/../tests/services/slurm.sh" start "$WORK/state" >/dev/null
export SLURM_CONF=$(cat "$WORK/state")/slurm.conf
JOBS=(--no-history --quiet -j 8 --export "$WORK/out.jsonl" --template true --range "1..$N")

once() { # MODE: prints the seconds of one run, after counting its rows run on the node
    local start end
    rm -f "$WORK/out.jsonl"
    start=$(date +%s.%N)
    case $1 in
    here) "$CLI" "${JOBS[@]}" ;;
    workers) "$CLI" --slurm-allocate '-n 8' --slurm-workers "${JOBS[@]}" ;;
    esac > /dev/null 2>"$WORK/err"
    end=$(date +%s.%N)
    echo "$end - $start" | bc
    (grep -c '"exit_code":0' "$WORK/out.jsonl" 2>/dev/null || echo -) >> "$WORK/ok-$1"
}
for mode in here workers; do
    best=$(for _ in $(seq "$REPEATS"); do once $mode; done | sort -n | head -1)
    printf '%s true jobs, %-36s best %6.2f s of %s; exit 0: %s (load %s)\n' "$N" \
        "$(case $mode in here) echo '-j 8 here:' ;;
            workers) echo "--slurm-allocate '-n 8' --slurm-workers:" ;; esac)" \
        "$best" "$REPEATS" "$(paste -sd/ "$WORK/ok-$mode")" "$(cut -d' ' -f1 /proc/loadavg)"
done
echo "(target: the workers within 3x the run here)"
