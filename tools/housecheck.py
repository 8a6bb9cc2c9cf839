#!/usr/bin/env python3
"""The house rules that can be read off the sources (issues 12 and 24): no file over 400 lines;
each class in files named after it; app code in namespace procdeck::app; no circle among the
rooms' includes (a room is a .h with its .cpp); src/core's folders include and link only what
the map in docs/engine.md allows; lines of at most 100 characters and functions of at most ~60
lines in src/ (beyond tools/house-debt.txt). Prints each breach; exits 1 if there is any."""
import re
import sys
from pathlib import Path

ARGS = [a for a in sys.argv[1:] if not a.startswith('--')]
ROOT = Path(ARGS[0] if ARGS else Path(__file__).resolve().parent.parent)
MAX_LINES = 400
CODE = [p for d in ('src', 'tests', 'bench', 'tools') for p in sorted((ROOT / d).rglob('*'))
        if p.suffix in ('.h', '.cpp', '.c', '.py')]
breaches = []

for path in CODE:
    lines = path.read_text(encoding='utf-8', errors='replace').count('\n')
    if lines > MAX_LINES:
        breaches.append(f'{path.relative_to(ROOT)}: {lines} lines (at most {MAX_LINES})')

sources = [p for p in CODE if p.parts[len(ROOT.parts)] == 'src' and p.suffix in ('.h', '.cpp')]
class_decl = re.compile(r'^(?:class|struct) (\w+)(?: final)?\s*(?::[^;{]*)?\{?\s*$', re.M)
for path in sources:
    if path.suffix != '.h':
        continue
    for name in class_decl.findall(path.read_text()):
        # A plain struct of values may sit beside the class that makes it; a class may not.
        text = path.read_text()
        is_class = re.search(rf'^class {name}\b', text, re.M) is not None
        # Named after it, or after its namespace and role (parallel::CommandTemplate in
        # paralleltemplate.h, runlog::StreamWriter in runlogwriter.h).
        namespaces = re.findall(r'^namespace ([\w:]+) \{', text, re.M)
        role = re.findall(r'[A-Z][a-z]+', name)[-1].lower() if re.findall(r'[A-Z][a-z]+', name) else ''
        by_namespace = any(ns.split('::')[-1] + role == path.stem for ns in namespaces)
        if is_class and name.lower() != path.stem and not by_namespace:
            breaches.append(f'{path.relative_to(ROOT)}: class {name} in a file not named after it')
member_def = re.compile(r'^(?:[A-Za-z][\w:<>,*& ]*[\s*&])?(\w+)::~?\w+\([^;]*$', re.M)
for path in sources:
    if path.suffix != '.cpp' or path.name == 'main.cpp':
        continue
    own = {m.group(1) for m in re.finditer(r'^class (\w+)', (path.with_suffix('.h')).read_text(), re.M)} \
        if path.with_suffix('.h').exists() else set()
    for owner in set(member_def.findall(path.read_text())):
        if owner[0].isupper() and owner not in own and owner.lower() != path.stem:
            if any((ROOT / 'src').rglob(f'{owner.lower()}.h')):
                breaches.append(f'{path.relative_to(ROOT)}: defines members of {owner}, whose home is {owner.lower()}.cpp')

for path in sources:
    if path.parent.name == 'app' and path.name != 'main.cpp':
        if 'namespace procdeck::app' not in path.read_text():
            breaches.append(f'{path.relative_to(ROOT)}: app code outside namespace procdeck::app')

# The rooms and their includes: src/<part>/…/<stem>.{h,cpp} is one room. Inside src/core a
# header of another folder is named by folder ("output/outputlog.h"), elsewhere by "core/…".
include = re.compile(r'^#include "([^"]+)"', re.M)
SRC = ROOT / 'src'
def resolve(path, target):
    candidates = [path.parent / target]
    if '/' in target:
        candidates += [SRC / 'core' / target, SRC / target]
    return next((c for c in candidates if c.exists()), None)
def room_of(path):
    return str(path.relative_to(SRC).with_suffix(''))
rooms = {}
for path in sources:
    room = room_of(path)
    for target in include.findall(path.read_text()):
        target_path = resolve(path, target)
        if target_path is not None and target_path.suffix == '.h':
            other = room_of(target_path)
            if other != room:
                rooms.setdefault(room, set()).add(other)

# The map of src/core's folders (docs/engine.md): who may include (and link) whom.
map_row = re.compile(r'^\| `(\w+)/` \| ([^|]*) \|', re.M)
allowed = {f: set(re.findall(r'\w+', deps)) for f, deps in
           map_row.findall((ROOT / 'docs/engine.md').read_text())}
if not allowed:
    breaches.append('docs/engine.md: no map of src/core\'s folders')
for room, others in sorted(rooms.items()):
    parts = room.split('/')
    if parts[0] != 'core':
        continue
    folder = parts[1] if len(parts) > 2 else '(top)'
    for other in sorted(others):
        oparts = other.split('/')
        ofolder = oparts[1] if oparts[0] == 'core' and len(oparts) > 2 else None
        if oparts[0] != 'core':
            breaches.append(f'src/{room}: includes {other}, outside the engine')
        elif ofolder != folder and ofolder not in allowed.get(folder, set()):
            breaches.append(f'src/{room}: includes {other}, which the map (docs/engine.md) '
                            f'does not allow for {folder}/')
for folder in sorted(allowed):
    cmake = SRC / 'core' / folder / 'CMakeLists.txt'
    if not cmake.exists():
        breaches.append(f'src/core/{folder}: in the map but not a folder with a CMakeLists.txt')
        continue
    for linked in re.findall(r'procdeck_core_(\w+)', cmake.read_text()):
        if linked != folder and linked not in allowed[folder]:
            breaches.append(f'{cmake.relative_to(ROOT)}: links {linked}, which the map '
                            f'does not allow')
state = {}
def visit(room, trail):
    state[room] = 'open'
    for other in sorted(rooms.get(room, ())):
        if state.get(other) == 'open':
            circle = trail[trail.index(other):] + [other]
            breaches.append('include circle: ' + ' → '.join(circle))
        elif other not in state:
            visit(other, trail + [other])
    state[room] = 'done'
for room in sorted(rooms):
    if room not in state:
        visit(room, [room])

# Lines of at most 100 characters and functions of at most ~60 lines in src/. What stood when
# the rule came is listed in tools/house-debt.txt: an entry may shrink (and goes when it is
# paid), never grow, and nothing new may join it. --write-debt rewrites the list.
MAX_WIDTH, MAX_FUNCTION = 100, 60
def function_lengths(path):
    """(name, lines) of each function whose body opens with '{' alone at column 0 (the house's
    brace style), counted from the first line of its signature to its closing brace."""
    lines = path.read_text(errors='replace').split('\n')
    for i, line in enumerate(lines):
        if line != '{':
            continue
        j = i - 1
        while j >= 0 and (lines[j].startswith((' ', '\t')) or lines[j] == ''):
            j -= 1
        if j < 0 or lines[j].startswith(('namespace', 'class ', 'struct ', 'enum ', '#', '//', '}')):
            continue
        k = next((k for k in range(i + 1, len(lines)) if lines[k].startswith('}')), len(lines))
        name = re.search(r'([\w:~]+)\s*\(', lines[j])
        yield (name.group(1) if name else lines[j][:40].strip()), k - j + 1
found = {}
for path in sources:
    rel = str(path.relative_to(ROOT))
    wide = sum(1 for line in path.read_text(errors='replace').split('\n') if len(line) > MAX_WIDTH)
    if wide:
        found[('wide', rel)] = wide
    for name, length in function_lengths(path):
        if length > MAX_FUNCTION:
            key = ('function', f'{rel} {name}')
            found[key] = max(length, found.get(key, 0))
DEBT = ROOT / 'tools' / 'house-debt.txt'
if '--write-debt' in sys.argv:
    DEBT.write_text('# What stood when the width and function rules came (issue 24): '
                    'may shrink, never grow.\n' + ''.join(f'{kind} {what} {n}\n' for (kind, what), n in sorted(found.items())))
debt = {}
for line in (DEBT.read_text().splitlines() if DEBT.exists() else []):
    if line and not line.startswith('#'):
        kind, rest = line.split(' ', 1)
        what, n = rest.rsplit(' ', 1)
        debt[(kind, what)] = int(n)
for (kind, what), n in sorted(found.items()):
    owed = debt.get((kind, what), 0)
    if n > owed:
        if kind == 'wide':
            breaches.append(f'{what}: {n} line(s) past {MAX_WIDTH} characters (at most {owed})')
        else:
            breaches.append(f'{what}: {n} lines (at most {max(owed, MAX_FUNCTION)})')

for b in breaches:
    print(b)
print(f'{len(CODE)} files read, {len(rooms)} rooms with includes: {len(breaches)} breach(es)')
sys.exit(1 if breaches else 0)
