"""Instructions per pass over the shared corpora, end to end and per stage, under callgrind.

Used to compare the pure-Python build with the compiled one (docs/benchmarks.md, "Compiled build").
Wall-clock time on a shared machine is noise; callgrind's instruction count is not. Python frames
have no name of their own in callgrind, so each measured piece of work runs inside a C iterator of
the standard library that planparse does not use (itertools.starmap, filterfalse, ...): that
function's inclusive count is the work's count.

    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg-pass.out python benchmarks/cg_stages.py pass
    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg-front.out python benchmarks/cg_stages.py front
    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg-extract.out python benchmarks/cg_stages.py extract
    python benchmarks/cg_stages.py report /tmp/cg-pass.out /tmp/cg-front.out /tmp/cg-extract.out

``pass``: one warm pass (every file parsed and its graph built), then one measured pass. ``front`` and
``extract``: a warm pass records every call of each stage, then replays each stage's calls twice.
Each pass and replay starts with planparse's bounded text caches empty (bench._clear_text_caches).
Run from the tree root with PYTHONPATH pointing at the build to measure; ``planparse --version``
says which build that is. ``CG_GLOB`` (default ``**/*.txt``, under the shared corpora) picks the
files, e.g. ``CG_GLOB=seed/*.txt`` for the seed alone.
"""

from __future__ import annotations

import collections
import functools
import glob
import itertools
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("PLANPARSE_SHARED", os.path.join(HERE, "..", "..", "shared"))
REPEATS = 2


def _call(fn, args):
    return fn(*args)


# name -> (runs a list of (fn, args) through the iterator, the iterator's C function in callgrind)
_DRIVERS = [
    (lambda it: collections.deque(itertools.starmap(_call, it), 0), "starmap_next"),
    (lambda it: collections.deque(itertools.filterfalse(lambda fa: (_call(*fa), True)[1], it), 0),
     "filterfalse_next"),
    (lambda it: collections.deque(itertools.takewhile(lambda fa: (_call(*fa), True)[1], it), 0), "takewhile_next"),
    (lambda it: collections.deque(itertools.dropwhile(lambda fa: (_call(*fa), True)[1], it), 0), "dropwhile_next"),
    (lambda it: collections.deque(itertools.accumulate(it, lambda _, fa: _call(*fa), initial=0), 0),
     "accumulate_next"),
    (lambda it: collections.deque(itertools.groupby(it, key=lambda fa: (_call(*fa), 0)[1]), 0), "groupby_next"),
    (lambda it: functools.reduce(lambda _, fa: _call(*fa), it, None), "functools_reduce"),
]
GROUPS = {
    "front": ["read", "normalize", "split", "segment", "classify", "meta", "sections"],
    "extract": ["times", "targets", "roles", "responsibilities", "graph"],
}


def _measure(group: str) -> None:
    sys.path.insert(0, HERE)
    from bench import _clear_text_caches

    import planparse
    from planparse import api
    from planparse.graph import build_graph

    files = sorted(glob.glob(os.path.join(SHARED, "corpora", os.environ.get("CG_GLOB", "**/*.txt")), recursive=True))
    assert files, f"no corpora under {SHARED}"
    pipe = planparse.Pipeline()
    if group == "pass":
        def one_pass():
            _clear_text_caches()
            for f in files:
                build_graph(pipe.parse_file(f))
        one_pass()
        _DRIVERS[0][0]([(one_pass, ())])
        return
    calls: dict[str, list] = collections.defaultdict(list)
    stage, read = api.Pipeline._stage, api.read_source

    def recording_stage(self, name, warnings, fn, *args):
        calls[name].append((fn, args))
        return stage(self, name, warnings, fn, *args)

    def recording_read(path):
        calls["read"].append((read, (path,)))
        return read(path)

    api.Pipeline._stage, api.read_source = recording_stage, recording_read
    try:
        results = [pipe.parse_file(f) for f in files]
    finally:
        api.Pipeline._stage, api.read_source = stage, read
    calls["graph"] = [(build_graph, (r,)) for r in results]
    for name, (drive, _) in zip(GROUPS[group], _DRIVERS):  # noqa: B905 (fewer stages than drivers)
        for _ in range(REPEATS):
            _clear_text_caches()
            drive(list(calls[name]))


def _inclusive(out_file: str) -> dict[str, int]:
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out_file],
                          capture_output=True, text=True, check=True).stdout
    counts = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+)\s.*:(\w+)\b", line)
        if m and m.group(2) not in counts:
            counts[m.group(2)] = int(m.group(1).replace(",", ""))
    return counts


def _report(out_files: list[str]) -> None:
    for out_file in out_files:
        counts = _inclusive(out_file)
        group = next((g for g in GROUPS if g in os.path.basename(out_file)), "pass")
        names = ["pass"] if group == "pass" else GROUPS[group]
        for name, (_, symbol) in zip(names, _DRIVERS):  # noqa: B905
            n = counts.get(symbol)
            per = n if group == "pass" else (n / REPEATS if n is not None else None)
            print(f"{name:18s} {per / 1e6:10.1f} M" if per is not None else f"{name:18s} (no {symbol})")


if __name__ == "__main__":
    if sys.argv[1] == "report":
        _report(sys.argv[2:])
    else:
        _measure(sys.argv[1])
