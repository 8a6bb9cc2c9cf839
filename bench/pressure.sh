#!/bin/bash
# Issue 17's 5000-job run: 5000 jobs each printing a random amount of /dev/urandom (827 MB in
# all, the same sizes every time), 8 at once, output to /dev/null. Wall time and peak RSS of
# procdeck-cli without and with --export, beside GNU parallel and xargs, from /usr/bin/time -v.
#
#   bench/pressure.sh [path/to/procdeck-cli] [repeats]
set -euo pipefail
CLI=${1:-build/src/cli/procdeck-cli}
REPEATS=${2:-1}
JOBS=5000
TOTAL=827000000
WORK=$(mktemp -d /tmp/procdeck-pressure.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export XDG_DATA_HOME=$WORK/data # run folders and history kept out of $HOME

# Sizes uniform in [0, 2 × mean], seeded, scaled so that they add up to TOTAL exactly.
awk -v n=$JOBS -v total=$TOTAL 'BEGIN {
    srand(17); for (i = 0; i < n; i++) { r[i] = rand(); sum += r[i] }
    left = total
    for (i = 0; i < n - 1; i++) { s = int(r[i] / sum * total); print s; left -= s }
    print left }' > "$WORK/sizes"

measure() { # name, command...
    local name=$1; shift
    /usr/bin/time -v -o "$WORK/time" "$@" > /dev/null 2> "$WORK/stderr" || true
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + t[k]; print s }' "$WORK/time")
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$WORK/time")
    printf '%-28s %8.2f s %10s MiB   (load %s)\n' "$name" "$wall" "$rss" "$(cut -d' ' -f1 /proc/loadavg)"
    if [ -f "$WORK/export.jsonl" ]; then
        printf '%-28s %8s   %s MB of JSON Lines, %s rows\n' "" "" \
            "$(( $(stat -c %s "$WORK/export.jsonl") / 1000000 ))" "$(wc -l < "$WORK/export.jsonl")"
    fi
    rm -f "$WORK/export.jsonl"
}

echo "5000 jobs, $(awk '{ s += $1 } END { printf "%.0f", s / 1e6 }' "$WORK/sizes") MB of urandom, -j 8, $(nproc) cores"
printf '%-28s %10s %14s\n' "" "wall" "peak RSS"
# Round by round, so that a machine whose load changes treats every tool alike.
for ((round = 1; round <= REPEATS; round++)); do
    measure "procdeck-cli" "$CLI" -j 8 --no-history --template 'head -c {} /dev/urandom' --values-file "$WORK/sizes"
    measure "procdeck-cli --export" "$CLI" -j 8 --no-history --export "$WORK/export.jsonl" \
        --template 'head -c {} /dev/urandom' --values-file "$WORK/sizes"
    if command -v parallel > /dev/null; then
        measure "GNU parallel" parallel --will-cite -j 8 'head -c {} /dev/urandom' :::: "$WORK/sizes"
    fi
    measure "xargs -P 8" xargs -P 8 -I{} head -c {} /dev/urandom < "$WORK/sizes"
done
