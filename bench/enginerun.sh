#!/bin/bash
# Issue 25's throughput and memory: N `true` jobs at -j 16 handed to the user's engine
# (--detach, then --wait) against the same jobs run by a standalone procdeck-cli, alternately
# in one run, on a private socket and history; and the engine's resident memory with the N
# ended jobs (after its trim, idle) against its memory with none. The target: ≤ 1.3×.
#
#   bench/enginerun.sh [path/to/build] [jobs] [repeats]
#
# Last measured (5000 2, 3 runs at load 14, 2 cores): 1.06-1.09 x; 1.92 KiB a job in each run,
# 204 MiB at 100,000 (the window's 214.7 MiB is the target).
set -euo pipefail
BUILD=${1:-build}
JOBS=${2:-5000}
REPEATS=${3:-2}
CLI=$BUILD/src/cli/procdeck-cli
ENGINE=$BUILD/src/engine/procdeck-engine
WORK=$(mktemp -d /tmp/procdeck-enginerun.XXXXXX)
mkdir -m 700 "$WORK/run"
export XDG_RUNTIME_DIR=$WORK/run XDG_STATE_HOME=$WORK/state XDG_DATA_HOME=$WORK/data
trap '"$CLI" --stop-engine >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

seconds() { local start; start=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $start" | bc; }
standalone() { "$CLI" -j16 --template 'true {}' --range "1..$JOBS"; }
engine() { "$CLI" --detach -j16 --template 'true {}' --range "1..$JOBS" && "$CLI" --wait; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }

"$ENGINE" --idle-exit 0 >/dev/null 2>&1 &
ENGINE_PID=$!
for _ in $(seq 100); do [ -S "$WORK/run/procdeck/engine" ] && break; sleep 0.1; done
rss_empty=$(rss_kb "$ENGINE_PID")
ours=(); theirs=()
for _ in $(seq "$REPEATS"); do
    theirs+=("$(seconds standalone)")
    ours+=("$(seconds engine)")
done
best() { printf '%s\n' "$@" | sort -n | head -1; }
s=$(best "${theirs[@]}"); e=$(best "${ours[@]}")
# The engine gives freed memory back a few seconds after its queue empties.
sleep 5
rss_full=$(rss_kb "$ENGINE_PID")
held=$((JOBS * REPEATS))
printf '%d true at -j16: standalone %.2f s, through the engine %.2f s: %.2f x (target <= 1.3; load %s)\n' \
    "$JOBS" "$s" "$e" "$(echo "$e / $s" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
printf 'engine RSS: %.1f MiB empty, %.1f MiB with %d ended jobs: %.2f KiB a job, %.0f MiB at 100,000\n' \
    "$(echo "$rss_empty / 1024" | bc -l)" "$(echo "$rss_full / 1024" | bc -l)" "$held" \
    "$(echo "($rss_full - $rss_empty) / $held" | bc -l)" \
    "$(echo "($rss_empty + ($rss_full - $rss_empty) * 100000 / $held) / 1024" | bc -l)"
