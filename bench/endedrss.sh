#!/bin/bash
# Issue 25's memory target: the engine holding N ended jobs takes no more resident memory than
# the window holding N ended jobs of its own (run in-process, as before the engine). Each runs
# N × /bin/true at -j 16 on a private socket, history and data; once all have ended and it has
# idled 5 s (its allocator's trim), its VmRSS is read. Prints both and engine / window.
#
#   bench/endedrss.sh [path/to/build] [jobs]
#
# Last measured (100000, load 11, 2 cores): engine 176.5 MiB, window 297.7 MiB: 0.59 x.
set -euo pipefail
BUILD=${1:-build}
JOBS=${2:-100000}
CLI=$BUILD/src/cli/procdeck-cli
ENGINE=$BUILD/src/engine/procdeck-engine
GUI=$BUILD/src/app/procdeck
WORK=$(mktemp -d /tmp/procdeck-endedrss.XXXXXX)
mkdir -m 700 "$WORK/run"
export XDG_RUNTIME_DIR=$WORK/run XDG_STATE_HOME=$WORK/state XDG_DATA_HOME=$WORK/data \
    XDG_CONFIG_HOME=$WORK/config QT_QPA_PLATFORM=offscreen
WINDOW_PID=
cleanup() {
    [ -n "$WINDOW_PID" ] && kill "$WINDOW_PID" 2>/dev/null || true
    "$CLI" --stop-engine >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT
JOBS_ARGS=(-j16 --no-shell --template '/bin/true {}' --range "1..$JOBS")
rss_mib() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }

# The window: its own jobs, until its export says every one has ended.
"$GUI" "${JOBS_ARGS[@]}" --export "$WORK/window.jsonl" >/dev/null 2>&1 &
WINDOW_PID=$!
until [ -s "$WORK/window.jsonl" ]; do
    kill -0 "$WINDOW_PID" 2>/dev/null || { echo "the window ended early" >&2; exit 1; }
    sleep 0.2
done
sleep 5
window=$(rss_mib "$WINDOW_PID")
kill "$WINDOW_PID"
wait "$WINDOW_PID" 2>/dev/null || true
WINDOW_PID=

# The engine: the same jobs handed over (--detach), then --wait for their end.
"$ENGINE" --idle-exit 0 >/dev/null 2>&1 &
ENGINE_PID=$!
for _ in $(seq 100); do [ -S "$WORK/run/procdeck/engine" ] && break; sleep 0.1; done
"$CLI" --detach "${JOBS_ARGS[@]}" >/dev/null
"$CLI" --wait >/dev/null
sleep 5
engine=$(rss_mib "$ENGINE_PID")
printf 'jobs=%d\nwindow_rss_mib=%s\nengine_rss_mib=%s\nengine_vs_window=%.2f\nload=%s\n' \
    "$JOBS" "$window" "$engine" "$(echo "$engine / $window" | bc -l)" \
    "$(cut -d' ' -f1 /proc/loadavg)"
