#!/bin/bash
# Issue 25's target: `procdeck-cli --detach` of 1,000 jobs returns in under 1 s. Times the
# hand-over alone (the jobs run on in the engine), cold (the client starts the engine) and warm
# (an engine already answers), best of REPEATS each, on a private socket and history.
#
#   bench/detach.sh [path/to/procdeck-cli] [repeats]
set -euo pipefail
CLI=${1:-build/src/cli/procdeck-cli}
REPEATS=${2:-3}
WORK=$(mktemp -d /tmp/procdeck-detach.XXXXXX)
mkdir -m 700 "$WORK/run"
export XDG_RUNTIME_DIR=$WORK/run XDG_STATE_HOME=$WORK/state XDG_DATA_HOME=$WORK/data
trap '"$CLI" --stop-engine; rm -rf "$WORK"' EXIT

handover() { # prints the seconds one --detach of 1,000 jobs took
    local start end
    start=$(date +%s.%N)
    "$CLI" --detach --template 'true {}' --range 1..1000 > "$WORK/numbers"
    end=$(date +%s.%N)
    [ "$(wc -l < "$WORK/numbers")" = 1000 ] || { echo "not 1000 numbers" >&2; exit 1; }
    echo "$end - $start" | bc
}
best() { sort -n | head -1; }

cold=$(for _ in $(seq "$REPEATS"); do handover; "$CLI" --wait >/dev/null || true
       "$CLI" --stop-engine; done | best)
warm=$("$CLI" --detach --shell true >/dev/null
       for _ in $(seq "$REPEATS"); do handover; "$CLI" --wait >/dev/null || true; done | best)
printf 'detach of 1000 jobs: cold (engine started) %.3f s, warm %.3f s  (target < 1 s; load %s)\n' \
    "$cold" "$warm" "$(cut -d' ' -f1 /proc/loadavg)"
