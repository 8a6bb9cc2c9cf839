#!/usr/bin/env python3
"""How much of GNU parallel's own test suite procdeck-cli's option reader accepts (issue 27).

Reads every call of `parallel` in the suite's shell files (testsuite/tests-to-run/*.sh of
parallel 20221122: `git archive 20221122 testsuite` of a mirror of GNU parallel), reads each
call's options as parallel's Getopt::Long would (bundled single letters, values glued or next,
up to the first word that is not an option), and counts the calls whose every option
`procdeck-cli --list-parallel-options` calls supported, accepted or its own. Prints the count
and the options refused, most calls first.

A call: the word `parallel` followed by a blank, where a command can start or be named — not
inside a word or path (`/parallel`, `$parallel`, `parallel-x`) and not on a comment line or in an
`echo '### …'` heading.

Usage: tools/parallelacceptance.py TESTSUITE_DIR [PROCDECK_CLI] [--top N]
"""
import argparse
import pathlib
import re
import shlex
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
CALL = re.compile(r"(?<![\w./$-])parallel[ \t]+(.*)")
HEADING = re.compile(r"""^\s*echo\s+['"]?#""")
OK = ("supported", "accepted", "procdeck-cli's own")


def option_specs(parallel):
    """{name: '' (flag) | '=' (value) | ':' (optional, glued only)} from parallel's own table."""
    out = subprocess.run(["perl", str(HERE / "parallel-options.pl"), parallel],
                         capture_output=True, text=True, check=True).stdout
    specs = {}
    for line in out.split():
        names, kind = re.match(r"([^=:]*)([=:]?)", line).group(1, 2)
        for name in names.split("|"):
            specs[name] = kind
    return specs


def statuses(cli):
    """{option spelling: what procdeck-cli does with it} from its generated table."""
    out = subprocess.run([cli, "--list-parallel-options"], capture_output=True, text=True,
                         check=True).stdout
    table = {}
    for line in out.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 2 or not cells[0].startswith("`"):
            continue
        for name in re.findall(r"`-{1,2}([^`]+)`", cells[0]):
            table[name] = cells[1]
    return table


def words_of(rest):
    try:
        return shlex.split(rest, comments=True)
    except ValueError:  # a quote closed on a later line: the words before it are enough
        return rest.split()


def options_of(rest, specs):
    """The options one call gives, by their first spelling as written (unknown ones too)."""
    words = words_of(rest)
    given = []
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if word in ("--", ":::", "::::", ":::+", "::::+") or not word.startswith("-") \
                or word == "-":
            break
        if word.startswith("--"):
            name, glued, _ = word[2:].partition("=")
            given.append(name)
            if specs.get(name) == "=" and not glued:
                i += 1
            continue
        letters = word[1:]
        for at, letter in enumerate(letters):
            given.append(letter)
            kind = specs.get(letter, "")
            if kind in ("=", ":"):
                if kind == "=" and at == len(letters) - 1:
                    i += 1  # the value is the next word
                break  # the rest of the word is the value
    return given


def calls_in(suite):
    for path in sorted(pathlib.Path(suite).glob("tests-to-run/*.sh")):
        for line in path.read_text(errors="replace").splitlines():
            if line.lstrip().startswith("#") or HEADING.match(line):
                continue
            for match in CALL.finditer(line):
                yield match.group(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("suite", help="parallel's testsuite folder")
    parser.add_argument("cli", nargs="?", default="procdeck-cli")
    parser.add_argument("--parallel", default="/usr/bin/parallel")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    specs = option_specs(args.parallel)
    table = statuses(args.cli)
    total = accepted = 0
    refused = {}
    for rest in calls_in(args.suite):
        total += 1
        bad = {name for name in options_of(rest, specs)
               if not table.get(name, "unknown").startswith(OK)}
        accepted += not bad
        for name in bad:
            refused[name] = refused.get(name, 0) + 1
    print(f"{accepted} of {total} calls of parallel use only options procdeck-cli accepts")
    ranked = sorted(refused.items(), key=lambda kv: (-kv[1], kv[0]))
    for name, count in ranked[:args.top]:
        dash = "-" if len(name) == 1 else "--"
        print(f"{count:5d}  {dash}{name}: {table.get(name, 'not an option of parallel')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
