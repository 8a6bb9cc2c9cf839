#!/usr/bin/env python3
"""Before and after: spawn throughput and the window's heartbeat of two builds, interleaved.

    python3 bench/compare_builds.py OLD_BUILD NEW_BUILD [--quick]

Each build directory needs procdeck-cli, procdeck-bench-spawnloop and procdeck-bench-windowload
(bench/run's targets). Rounds alternate old and new so that a noisy moment hurts both; the raw
posix_spawn loop of the same round is the baseline of each ratio.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

builds = [Path(a).resolve() for a in sys.argv[1:3]]
QUICK = '--quick' in sys.argv
ROUNDS = 3 if QUICK else 5
N = 300 if QUICK else 1000
WORK = Path(tempfile.mkdtemp(prefix='procdeck-compare-'))
ENV = dict(os.environ, XDG_DATA_HOME=str(WORK / 'data'), QT_QPA_PLATFORM='offscreen')


def wall(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def keyvalues(cmd):
    out = subprocess.run(cmd, env=ENV, capture_output=True, text=True, check=False).stdout
    return dict(line.split('=', 1) for line in out.splitlines() if '=' in line)


spawn = {b: [] for b in builds}
raw = []
beats = {b: [] for b in builds}
for _ in range(ROUNDS):
    raw.append(wall([str(builds[0] / 'bench/procdeck-bench-spawnloop'), str(N), '16', '/bin/true']))
    for b in builds:
        spawn[b].append(wall([str(b / 'src/cli/procdeck-cli'), '--quiet', '--no-history', '-j', '16', '--no-shell',
                              '--template', '/bin/true {}', '--range', f'1..{N}']))
for _ in range(1 if QUICK else 3):
    for b in builds:
        w = keyvalues([str(b / 'bench/procdeck-bench-windowload'), '64', '3' if QUICK else '6'])
        beats[b].append((float(w.get('late_p50_ms', 'nan')), float(w.get('late_p99_ms', 'nan'))))

rawm = statistics.median(raw)
print(f'{N} x /bin/true at -j 16, median of {ROUNDS}; raw posix_spawn loop {N / rawm:.0f} jobs/s')
for name, b in zip(('before', 'after'), builds):
    m = statistics.median(spawn[b])
    p50 = statistics.median(x[0] for x in beats[b])
    p99 = statistics.median(x[1] for x in beats[b])
    print(f'{name:6} {b}: {N / m:.0f} jobs/s = {rawm / m:.2f} x raw; window heartbeat p50 {p50:.2f} ms, p99 {p99:.2f} ms (64 x yes)')
