#!/usr/bin/env python3
"""Rerun the README's examples and refresh (or check) the outputs pasted in it.

Each output block in README.md follows a marker line ``<!-- example: NAME -->``; this script
runs the commands shown just above that block, in a scratch folder holding a copy of the
bundled corpus (so the commands run exactly as written), and compares or rewrites the block.

    python docs/readme_examples.py            # print the fresh outputs
    python docs/readme_examples.py --check    # exit 1 and show a diff when the README is stale
    python docs/readme_examples.py --write    # rewrite the README's output blocks in place
    python docs/readme_examples.py --eval     # also print the figures of docs/evaluation.md

The ``pycon`` blocks (the graph examples) are doctests: ``tests/test_readme.py`` runs them.
Timings in the batch summary are ignored by ``--check``.
"""

from __future__ import annotations

import argparse
import difflib
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SHARED = pathlib.Path(os.environ.get("PLANPARSE_SHARED", ROOT.parent / "shared"))

DUCKDB_QUERY = "SELECT issuer, value FROM targets WHERE metric LIKE '%合格率%'"
# name -> the commands the README shows above the block, as argument lists (no shell)
EXAMPLES: dict[str, list[list[str]]] = {
    "batch": [
        ["planparse", "batch", "planparse/corpora/*.txt", "-o", "out", "--jobs", "2"],  # batch expands the glob
        ["planparse", "export", "out", "--duckdb", "out/plans.duckdb"],
    ],
    "duckdb": [
        [sys.executable, "-c", "import duckdb; print(duckdb.connect('out/plans.duckdb', read_only=True)"
                               f".sql(\"{DUCKDB_QUERY}\"))"],
    ],
    "compare": [["planparse", "compare", "out", "--metric", "合格率"]],
}
_BLOCK = re.compile(r"(<!-- example: (?P<name>[\w-]+) -->\n```[^\n]*\n)(?P<body>.*?)(```)", re.S)
_TIMING = re.compile(r"\d+(\.\d+)? s, \d+(\.\d+)? files/s")


def run_examples(workdir: pathlib.Path) -> dict[str, str]:
    """Run every example in ``workdir`` (which gets a copy of ``planparse/corpora``); name -> output."""
    shutil.copytree(ROOT / "planparse" / "corpora", workdir / "planparse" / "corpora")
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200", NO_COLOR="1")
    out: dict[str, str] = {}
    for name, cmds in EXAMPLES.items():
        text = ""
        for cmd in cmds:
            # stderr first: the CLI's summaries go there, the tables to stdout
            p = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True)
            if p.returncode not in (0, 1):
                raise SystemExit(f"{' '.join(cmd)}: exit {p.returncode}\n{p.stderr}")
            text += p.stdout + p.stderr
        out[name] = "\n".join(line.rstrip() for line in text.strip("\n").splitlines()) + "\n"
    return out


def _comparable(s: str) -> str:
    return _TIMING.sub("N s, N files/s", s)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--check", action="store_true", help="exit 1 when a README block differs")
    g.add_argument("--write", action="store_true", help="rewrite the README's output blocks")
    ap.add_argument("--eval", action="store_true", help="also run the commands of docs/evaluation.md")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="readme-examples-") as tmp:
        fresh = run_examples(pathlib.Path(tmp))
    readme = README.read_text(encoding="utf-8")
    found = {m.group("name") for m in _BLOCK.finditer(readme)}
    missing = set(EXAMPLES) - found
    if missing:
        print(f"README.md has no block for: {', '.join(sorted(missing))}", file=sys.stderr)
    stale = 0
    for m in _BLOCK.finditer(readme):
        name = m.group("name")
        if name not in fresh:
            continue
        old, new = m.group("body"), fresh[name]
        if _comparable(old) != _comparable(new):
            stale += 1
            if a.check:
                sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                                           f"README {name}", f"fresh {name}"))
    if a.write:
        README.write_text(_BLOCK.sub(lambda m: m.group(1) + fresh.get(m.group("name"), m.group("body")) + m.group(4),
                                     readme), encoding="utf-8")
        print(f"README.md: {len(found & set(fresh))} block(s) written, {stale} had changed")
    elif a.check:
        print(f"README.md: {stale} stale block(s)" if stale else "README.md: all example outputs are current")
    else:
        for name, text in fresh.items():
            print(f"<!-- example: {name} -->\n{text}")
    if a.eval:
        dirs = [SHARED / "corpora" / "seed", SHARED / "corpora" / "dev", ROOT / "planparse" / "corpora"]
        for d in [*([x] for x in dirs), dirs]:
            print("$ planparse eval " + " ".join(str(x) for x in d), flush=True)
            subprocess.run([sys.executable, "-m", "planparse", "eval", *map(str, d)], cwd=ROOT,
                           env=dict(os.environ, PYTHONPATH=str(ROOT)))
    return 1 if (a.check and (stale or missing)) else 0


if __name__ == "__main__":
    sys.exit(main())
