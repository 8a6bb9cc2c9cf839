#!/usr/bin/env python3
"""The window at scale: its rate against procdeck-cli's, and whether it holds as the table grows.

Used by bench.py; on its own: python3 bench/windowscale.py BUILD_DIR [JOBS] [BIG_JOBS]
"""
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_until_export(cmd, export, env, deadline_s=1800):
    """Seconds from start until `export` is in place (the window stays open: it is then closed)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd + ['--export', str(export)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        while not export.exists():
            if proc.poll() is not None or time.perf_counter() - start > deadline_s:
                return float('inf')
            time.sleep(0.02)
        return time.perf_counter() - start
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(60)


def jobs_args(n):
    return ['-j', '16', '--no-shell', '--template', '/bin/true {}', '--range', f'1..{n}']


def private_engine_env(env, work):
    """`env` with an engine of the bench's own: its socket, log and output under `work`."""
    run = work / 'run'
    run.mkdir(mode=0o700, exist_ok=True)
    return dict(env, XDG_RUNTIME_DIR=str(run), XDG_STATE_HOME=str(work / 'state'))


def stop_engine(build, env):
    subprocess.run([str(build / 'src/cli/procdeck-cli'), '--stop-engine'], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def window_vs_cli(build, n, work, env, in_window=False):
    """Median of 3 (interleaved) seconds for n × /bin/true at -j 16: window, procdeck-cli.

    The window hands its command line's jobs to the user's engine (started by the first run and
    stopped after each, so that each run starts with an empty one); `in_window` keeps them in
    the window's own process (--in-window)."""
    gui = [str(build / 'src/app/procdeck')] + (['--in-window'] if in_window else [])
    cli = [str(build / 'src/cli/procdeck-cli'), '--quiet']
    env = private_engine_env(env, work)
    win, ours = [], []
    for i in range(3):
        win.append(run_until_export(gui + jobs_args(n), work / f'window-{in_window}-{i}.jsonl',
                                    env))
        stop_engine(build, env)
        ours.append(run_until_export(cli + jobs_args(n), work / f'cli-{in_window}-{i}.jsonl', env))
    return sorted(win)[1], sorted(ours)[1]


def rate_first_last(build, n, work, env, part=10000):
    """Jobs/s of the first and of the last `part` jobs to end, from the window's own export."""
    export = work / 'big.jsonl'
    # The window's own process: the rate of its own scheduler and table as they fill.
    seconds = run_until_export([str(build / 'src/app/procdeck'), '--in-window'] + jobs_args(n),
                               export, env)
    ends = []
    with open(export) as rows:
        for line in rows:
            finished = json.loads(line).get('finished')
            if finished:
                ends.append(finished)
    ends.sort()
    to_s = lambda iso: time.mktime(time.strptime(iso[:19], '%Y-%m-%dT%H:%M:%S')) + float('0' + iso[19:-1])
    span = lambda a, b: max(to_s(ends[b]) - to_s(ends[a]), 1e-3)
    first = (part - 1) / span(0, part - 1)
    last = (part - 1) / span(len(ends) - part, len(ends) - 1)
    return seconds, first, last, len(ends)


if __name__ == '__main__':
    build = Path(sys.argv[1]).resolve()
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    big = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
    work = Path(tempfile.mkdtemp(prefix='procdeck-windowscale-'))
    env = dict(os.environ, XDG_DATA_HOME=str(work / 'data'), XDG_CONFIG_HOME=str(work / 'config'),
               QT_QPA_PLATFORM='offscreen')
    if n > 0:
        win, cli = window_vs_cli(build, n, work, env)
        print(f'window_engine_s={win:.2f}\ncli_s={cli:.2f}\nratio={win / cli:.2f}')
        win, cli = window_vs_cli(build, n, work, env, in_window=True)
        print(f'window_in_window_s={win:.2f}\ncli_s={cli:.2f}\nratio={win / cli:.2f}')
    if big > 0:
        seconds, first, last, ended = rate_first_last(build, big, work, env, min(10000, big // 10))
        print(f'big_s={seconds:.1f}\nbig_jobs={ended}\nfirst_rate={first:.0f}\nlast_rate={last:.0f}\nlast_vs_first={last / first:.2f}')
