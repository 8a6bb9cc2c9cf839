#!/usr/bin/env python3
"""Measures ProcDeck against its peers and prints one table of ratios (see bench/run)."""
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUILD = Path(sys.argv[1] if len(sys.argv) > 1 else 'build-bench').resolve()
CLI = BUILD / 'src/cli/procdeck-cli'
SPAWNLOOP = BUILD / 'bench/procdeck-bench-spawnloop'
MODELSCALE = BUILD / 'bench/procdeck-bench-modelscale'
WINDOWLOAD = BUILD / 'bench/procdeck-bench-windowload'
SAMPLERCOST = BUILD / 'bench/procdeck-bench-samplercost'
QUICK = '--quick' in sys.argv  # smaller sizes, for trying the script itself
WORK = Path(tempfile.mkdtemp(prefix='procdeck-bench-'))
ENV = dict(os.environ, XDG_DATA_HOME=str(WORK / 'data'), XDG_CONFIG_HOME=str(WORK / 'config'), QT_QPA_PLATFORM='offscreen')
rows = []


def wall(cmd, shell=False):
    start = time.perf_counter()
    subprocess.run(cmd, shell=shell, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def best(n, cmd, shell=False):
    return min(wall(cmd, shell) for _ in range(n))


def timed(cmd):
    """Wall seconds and peak RSS (KiB) from GNU time."""
    out = subprocess.run(['/usr/bin/time', '-f', '%e %M'] + cmd, env=ENV, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, check=False).stderr.strip().splitlines()[-1]
    seconds, kib = out.split()
    return float(seconds), int(kib)


def keyvalues(cmd):
    out = subprocess.run(cmd, env=ENV, capture_output=True, text=True, check=False).stdout
    return dict(line.split('=', 1) for line in out.splitlines() if '=' in line)


def row(name, measured, baseline, ratio, target, met):
    rows.append((name, measured, baseline, ratio, target, 'yes' if met else '**no**'))
    print(f'  {name}: {measured} | {baseline} | {ratio}', flush=True)


print(f'ProcDeck benchmarks in {WORK}', flush=True)

# 1. Spawn throughput: 1000 × /bin/true, 16 at once, no shell.
n = 300 if QUICK else 1000
seq = ' '.join(str(i) for i in range(1, n + 1))
raw = best(3, [str(SPAWNLOOP), str(n), '16', '/bin/true', '{}'])  # the same command lines: /bin/true 1, 2, …
ours = best(3, [str(CLI), '--quiet', '--no-history', '-j', '16', '--no-shell', '--template', '/bin/true {}', '--range', f'1..{n}'])
xargs = best(3, f'seq {n} | xargs -P16 -n1 /bin/true', shell=True)
row('Spawn: procdeck-cli rate vs raw posix_spawn loop', f'{n / ours:.0f} jobs/s', f'{n / raw:.0f} jobs/s (raw)',
    f'{raw / ours:.2f} ×', '≥ 0.8 ×', raw / ours >= 0.8)
row('Spawn: xargs -P16 rate vs raw loop', f'{n / xargs:.0f} jobs/s', f'{n / raw:.0f} jobs/s (raw)', f'{raw / xargs:.2f} ×', '(peer)', True)
if shutil.which('parallel'):
    par = best(3, f'seq {n} | parallel --will-cite -j16 /bin/true', shell=True)
    row('Spawn: GNU parallel rate vs raw loop', f'{n / par:.0f} jobs/s', f'{n / raw:.0f} jobs/s (raw)', f'{raw / par:.2f} ×', '(peer)', True)

# 2. The seed batch: ten sleeps at -j 10 end with the longest.
top = 3 if QUICK else 10
runs = [wall([str(CLI), '--quiet', '--no-history', '-j', str(top), '--template', 'sleep {}', '--range', f'1..{top}'])
        for _ in range(3)]
over = (statistics.median(runs) - top) * 1000
row(f'Seed batch: sleep 1..{top} at -j {top}, wall − {top} s (median of 3)', f'{over:.0f} ms', f'{top} s', f'{over:.0f} ms over',
    '≤ 50 ms', over <= 50)

# 3. Capture: 1 GB of stdout kept complete.
size = (256 if QUICK else 1024) * 1024 * 1024
out_dir = WORK / 'capture'
base_rss = timed([str(CLI), '--quiet', '--no-history', '--output-dir', str(out_dir), '--', 'true'])[1]
ours_t, ours_rss = min(timed([str(CLI), '--quiet', '--no-history', '--output-dir', str(out_dir), '--', 'head', '-c', str(size), '/dev/zero'])
                       for _ in range(3))
pipe_t, _ = min(timed(['sh', '-c', f'head -c {size} /dev/zero | cat > /dev/null']) for _ in range(3))
file_t, _ = min(timed(['sh', '-c', f'head -c {size} /dev/zero | cat > {WORK}/pipe.out; rm {WORK}/pipe.out']) for _ in range(3))
py_t, py_rss = timed(['python3', '-c', f"import subprocess; subprocess.run(['head', '-c', '{size}', '/dev/zero'], capture_output=True)"])
shutil.rmtree(out_dir, ignore_errors=True)
row(f'Capture {size >> 20} MiB: procdeck-cli (kept on disk) vs head | cat > /dev/null', f'{ours_t:.2f} s', f'{pipe_t:.2f} s',
    f'{ours_t / pipe_t:.2f} ×', '≤ 1.5 ×', ours_t / pipe_t <= 1.5)
row('Capture: the same vs head | cat > file (both keep it on disk)', f'{ours_t:.2f} s', f'{file_t:.2f} s',
    f'{ours_t / file_t:.2f} ×', '(fair peer)', True)
row('Capture: procdeck-cli RSS growth', f'{(ours_rss - base_rss) / 1024:.1f} MiB', f'{base_rss / 1024:.1f} MiB (idle)',
    '', '< 64 MiB', ours_rss - base_rss < 64 * 1024)
row('Capture: Python subprocess.run(capture_output=True)', f'{py_t:.2f} s, {py_rss / 1024:.0f} MiB peak', f'{pipe_t:.2f} s',
    f'{py_t / pipe_t:.2f} ×', '(peer)', True)

# 4. The window under load: 64 × `nice -n 19 yes` for 10 s.
w = keyvalues([str(WINDOWLOAD), '64', '3' if QUICK else '10'])
p99 = float(w.get('late_p99_ms', 'inf'))
row('Window: heartbeat lateness p50 / p99 / max (64 × yes, output view live)',
    f"{w.get('late_p50_ms')} / {w.get('late_p99_ms')} / {w.get('late_max_ms')} ms", '10 ms timer', '', 'p99 < 50 ms', p99 < 50)
# The same with malloc_trim(0) before each sample: what RSS grows by without it and not with it
# is freed memory glibc keeps for reuse (the spill batches' high-water mark), not memory held.
t = keyvalues([str(WINDOWLOAD), '64', '3' if QUICK else '10', 'trim'])
row('Window: RSS first / last sample (with malloc_trim before each), bytes counted exactly',
    f"{w.get('rss_first_mib')} / {w.get('rss_last_mib')} MiB ({t.get('rss_first_mib')} / {t.get('rss_last_mib')}), "
    f"{w.get('bytes_gib')} GiB", '', f"exact: {w.get('bytes_exact')}",
    'flat, exact', w.get('bytes_exact') == 'yes' and float(w.get('rss_last_mib', 0)) <= float(w.get('rss_first_mib', 0)) * 1.1)

# 5. Scale: 100,000 finished jobs in the model.
m = keyvalues([str(MODELSCALE), '20000' if QUICK else '100000'])
row(f"Scale: {m.get('jobs')} finished jobs in the table: RSS", f"{m.get('rss_mib')} MiB", '', '', '< 300 MiB',
    float(m.get('rss_mib', 'inf')) < 300)
row('Scale: slowest sort by a column / filter by text', f"{m.get('sort_ms_worst')} ms / {m.get('filter_ms')} ms", '', '',
    '< 250 ms each', int(m.get('sort_ms_worst', 9999)) < 250 and int(m.get('filter_ms', 9999)) < 250)

# 6. History cost: 10,000 short jobs with history on and off.
n = 2000 if QUICK else 10000
job = [str(CLI), '--quiet', '-j', '16', '--no-shell', '--template', '/bin/true {}', '--range', f'1..{n}']
off, on = [], []
for _ in range(3):  # interleaved, so that a noisy moment hurts both
    off.append(wall(job + ['--no-history']))
    on.append(wall(job))
ratio = statistics.median(on) / statistics.median(off)
row(f'History: {n} jobs with history on vs off (median of 3)', f'{statistics.median(on):.2f} s', f'{statistics.median(off):.2f} s',
    f'{ratio:.3f} ×', '≤ 1.05 ×', ratio <= 1.05)

# 7. What sampling CPU and memory costs with 64 jobs (3 processes each) running.
c = keyvalues([str(SAMPLERCOST)])
row('Sampling: one /proc pass for 64 jobs, share of a core at 0.5 s', f"{c.get('sample_ms')} ms a sample",
    '', f"{c.get('core_percent')} %", '< 1 %', float(c.get('core_percent', 'inf')) < 1)

# 8. The window at scale: against procdeck-cli (timed until its --export is in place), and its rate
#    as the table fills (the last 10,000 of 100,000 against the first 10,000).
sys.path.insert(0, str(Path(__file__).parent))
import windowscale  # noqa: E402
n = 4000 if QUICK else 20000
win, ours = windowscale.window_vs_cli(BUILD, n, WORK, ENV)
row(f'Window (its jobs in the engine) vs procdeck-cli: {n} × /bin/true at -j 16, until the --export '
    'is written (median of 3)', f'{win:.2f} s', f'{ours:.2f} s', f'{win / ours:.2f} ×', '≤ 1.3 ×',
    win / ours <= 1.3)
win, ours = windowscale.window_vs_cli(BUILD, n, WORK, ENV, in_window=True)
row(f'Window --in-window vs procdeck-cli: {n} × /bin/true at -j 16, until the --export is written '
    '(median of 3)', f'{win:.2f} s', f'{ours:.2f} s', f'{win / ours:.2f} ×', '≤ 1.3 ×',
    win / ours <= 1.3)
big = 20000 if QUICK else 100000
seconds, first, last, ended = windowscale.rate_first_last(BUILD, big, WORK, ENV, big // 10)
row(f'Window: {ended} jobs, rate of the last {big // 10} vs the first {big // 10}', f'{last:.0f} jobs/s',
    f'{first:.0f} jobs/s', f'{last / first:.2f} ×', '≥ 0.8 ×', last / first >= 0.8)

cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')), platform.processor())
header = (f'Measured {time.strftime("%Y-%m-%d")} on {os.cpu_count()} × {cpu}, {platform.system()} {platform.release()}'
          + (' (--quick sizes)' if QUICK else ''))
table = [header, '', '| measure | ProcDeck | baseline | ratio | target | met |', '| --- | --- | --- | --- | --- | --- |']
cell = lambda text: str(text).replace('|', '\\|')
table += ['| ' + ' | '.join(cell(c) for c in r) + ' |' for r in rows]
text = '\n'.join(table) + '\n'
out = Path('bench/out')
out.mkdir(parents=True, exist_ok=True)
(out / 'results.md').write_text(text)
print()
print(text)
shutil.rmtree(WORK, ignore_errors=True)
