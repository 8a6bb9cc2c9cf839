#!/usr/bin/env python3
"""The house check's own test: on a small tree, it must refuse an include the map does not allow,
a line past 100 characters, a function past ~60 lines and a debt that grew, and pass the same
tree without them."""
import subprocess
import sys
import tempfile
from pathlib import Path

CHECK = Path(__file__).resolve().parent / 'housecheck.py'
MAP = """| folder | may include | what it holds |
| --- | --- | --- |
| `types/` | — | values |
| `process/` | types | processes |
| `history/` | types process | the history |
"""


def tree(root, job_cpp, debt=''):
    files = {
        'docs/engine.md': MAP,
        'src/core/types/CMakeLists.txt': 'qt_add_library(procdeck_core_types STATIC spec.h)\n',
        'src/core/process/CMakeLists.txt':
            'target_link_libraries(procdeck_core_process PUBLIC procdeck_core_types)\n',
        'src/core/history/CMakeLists.txt':
            'target_link_libraries(procdeck_core_history PUBLIC procdeck_core_process)\n',
        'src/core/types/spec.h': '#pragma once\nstruct Spec {};\n',
        'src/core/history/store.h': '#pragma once\n#include "process/job.h"\n',
        'src/core/process/job.h': '#pragma once\n#include "types/spec.h"\n',
        'src/core/process/job.cpp': job_cpp,
        'tools/house-debt.txt': debt,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def check(job_cpp, debt=''):
    with tempfile.TemporaryDirectory() as d:
        tree(Path(d), job_cpp, debt)
        run = subprocess.run([sys.executable, str(CHECK), d], capture_output=True, text=True)
        return run.returncode, run.stdout


GOOD = '#include "job.h"\n\nint run()\n{\n' + '    return 0;\n' + '}\n'
CASES = {
    'an include the map does not allow':
        GOOD.replace('#include "job.h"', '#include "job.h"\n#include "history/store.h"'),
    'a line past 100 characters': GOOD.replace('return 0;', 'return 0; // ' + 'x' * 100),
    'a function past 60 lines': GOOD.replace('    return 0;\n',
                                             '    int a = 0;\n' * 70 + '    return a;\n'),
}

failures = []
status, out = check(GOOD)
if status != 0:
    failures.append(f'a tree within the rules was refused:\n{out}')
for what, text in CASES.items():
    status, out = check(text)
    if status == 0:
        failures.append(f'{what} was let through:\n{out}')
    else:
        print(f'refused, as it must be: {what}: {out.splitlines()[0]}')
# What stood before the rules may stay as it was (the debt), never grow.
LONG = CASES['a function past 60 lines']
if check(LONG, 'function src/core/process/job.cpp run 74\n')[0] != 0:
    failures.append('a function as long as its debt was refused')
if check(LONG, 'function src/core/process/job.cpp run 70\n')[0] == 0:
    failures.append('a function longer than its debt was let through')
for f in failures:
    print('FAIL:', f)
sys.exit(1 if failures else 0)
