#!/usr/bin/env python3
"""The house rules that can be read off the sources (issue 12): no file over 400 lines; each class in
files named after it; app code in namespace procdeck::app; no circle among the rooms' includes
(a room is a .h with its .cpp). Prints each breach; exits 1 if there is any."""
import re
import sys
from pathlib import Path

ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
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

# The rooms and their includes: src/<part>/<stem>.{h,cpp} is one room.
include = re.compile(r'^#include "([^"]+)"', re.M)
rooms = {}
for path in sources:
    room = f'{path.parent.name}/{path.stem}'
    for target in include.findall(path.read_text()):
        target_path = (ROOT / 'src' / target) if '/' in target else path.parent / target
        if target_path.exists() and target_path.suffix == '.h':
            other = f'{target_path.parent.name}/{target_path.stem}'
            if other != room:
                rooms.setdefault(room, set()).add(other)
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

for b in breaches:
    print(b)
print(f'{len(CODE)} files read, {len(rooms)} rooms with includes: {len(breaches)} breach(es)')
sys.exit(1 if breaches else 0)
