#!/bin/bash
# Issue 27.3's targets: 1 GiB of lines through `--pipe --block 10M wc -l` at -j 2 at least as
# fast as GNU parallel's --pipe in the same run, `--pipepart -a` at least 2× it, and
# procdeck-cli's RSS bounded by the blocks in flight. Each is run REPEATS times, best kept; every
# run's line count is checked against the file's.
#
#   bench/pipe.sh [path/to/procdeck-cli] [repeats] [MiB]
set -euo pipefail
CLI=$(realpath "${1:-build/src/cli/procdeck-cli}")
REPEATS=${2:-3}
MIB=${3:-1024}
WORK=$(mktemp -d /tmp/procdeck-pipebench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK XDG_DATA_HOME=$WORK/data PARALLEL_SHELL=/bin/sh
mkdir -p "$WORK/.parallel" && touch "$WORK/.parallel/will-cite"

# The lines, generated once: the numbers from 1 that fill MIB MiB (whole lines only).
LINES=$(python3 -c 'import sys
left, n, d = int(sys.argv[1]) * 2**20, 0, 1
while left > 0:
    count = min(9 * 10 ** (d - 1), left // (d + 1))
    n, left, d = n + count, left - count * (d + 1), d + 1
    if count == 0: break
print(n)' "$MIB")
seq 1 "$LINES" > "$WORK/lines"

run() { # NAME COMMAND...: prints "seconds peak-rss-KiB" of the best of REPEATS
    local name=$1; shift
    for _ in $(seq "$REPEATS"); do
        /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" > "$WORK/out"
        local sum; sum=$(awk '{ s += $1 } END { print s }' "$WORK/out")
        [ "$sum" = "$LINES" ] || { echo "$name counted $sum lines, not $LINES" >&2; exit 1; }
        cat "$WORK/time"
    done | sort -n | head -1
}

read -r parallel_s parallel_kb < <(run parallel \
    sh -c 'parallel -j2 --pipe --block 10M wc -l < "$0"' "$WORK/lines")
read -r pipe_s pipe_kb < <(run procdeck-pipe \
    sh -c '"$1" --no-history -j2 --pipe --block 10M wc -l < "$0"' "$WORK/lines" "$CLI")
read -r part_s part_kb < <(run procdeck-pipepart \
    "$CLI" --no-history -j2 --pipepart -a "$WORK/lines" --block 10M wc -l)
read -r ppart_s ppart_kb < <(run parallel-pipepart \
    parallel -j2 --pipepart -a "$WORK/lines" --block 10M wc -l)

ratio() { echo "scale=2; $1 / $2" | bc; }
mib() { echo "scale=1; $1 / 1024" | bc; }
printf '%s MiB, %s lines, -j 2, --block 10M, best of %s (load %s)\n' "$MIB" "$LINES" \
    "$REPEATS" "$(cut -d' ' -f1 /proc/loadavg)"
printf '| run | seconds | peak RSS | speed vs parallel --pipe |\n| --- | --- | --- | --- |\n'
printf '| parallel --pipe | %s s | %s MiB | 1 × |\n' "$parallel_s" "$(mib "$parallel_kb")"
printf '| procdeck-cli --pipe | %s s | %s MiB | %s × |\n' "$pipe_s" "$(mib "$pipe_kb")" \
    "$(ratio "$parallel_s" "$pipe_s")"
printf '| parallel --pipepart | %s s | %s MiB | %s × |\n' "$ppart_s" "$(mib "$ppart_kb")" \
    "$(ratio "$parallel_s" "$ppart_s")"
printf '| procdeck-cli --pipepart | %s s | %s MiB | %s × |\n' "$part_s" "$(mib "$part_kb")" \
    "$(ratio "$parallel_s" "$part_s")"
