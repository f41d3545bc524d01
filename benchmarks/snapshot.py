"""Parse every corpus text and keep the JSON, or compare with a kept snapshot.

A change meant only to make planparse faster must not change what it finds. This
script proves it: take a snapshot before the change, another after, compare.

    python benchmarks/snapshot.py --out /tmp/snap-before            # before
    python benchmarks/snapshot.py --out /tmp/snap-after --compare /tmp/snap-before

Inputs: every ``.txt`` under ``../shared/corpora`` (or ``PLANPARSE_SHARED``), under
``planparse/corpora`` and any ``--extra DIR``. Each file gives one JSON (the contract's,
``source.path`` made relative) named after its path. ``--compare`` prints, for every file
whose JSON differs, the first differing paths of the JSON tree, and exits 1 if any differ.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_SHARED = pathlib.Path(os.environ.get("PLANPARSE_SHARED", ROOT.parent / "shared"))


def inputs(shared: pathlib.Path, extra: list[pathlib.Path]) -> list[tuple[str, pathlib.Path]]:
    """(key, path) of every text to parse, keys stable across checkouts."""
    out = []
    roots = [("shared", shared / "corpora"), ("own", ROOT / "planparse" / "corpora")]
    roots += [(f"extra{i}", d) for i, d in enumerate(extra)]
    for tag, root in roots:
        if root.is_dir():
            for p in sorted(root.rglob("*.txt")):
                out.append((f"{tag}/{p.relative_to(root)}", p))
    return out


def _diff(a, b, path: str = "$", limit: int = 5) -> list[str]:
    """The first ``limit`` JSON paths at which ``a`` and ``b`` differ."""
    if type(a) is not type(b):
        return [f"{path}: {a!r:.80} != {b!r:.80}"]
    if isinstance(a, dict):
        out: list[str] = []
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{path}.{k}: only in {'after' if k not in b else 'before'}")
            else:
                out += _diff(a[k], b[k], f"{path}.{k}", limit - len(out))
            if len(out) >= limit:
                break
        return out[:limit]
    if isinstance(a, list):
        out = []
        if len(a) != len(b):
            out.append(f"{path}: length {len(a)} != {len(b)}")
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            out += _diff(x, y, f"{path}[{i}]", limit - len(out))
            if len(out) >= limit:
                break
        return out[:limit]
    return [] if a == b else [f"{path}: {a!r:.80} != {b!r:.80}"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, type=pathlib.Path, help="directory for the JSON files")
    ap.add_argument("--compare", type=pathlib.Path, help="an earlier snapshot to compare with")
    ap.add_argument("--shared", type=pathlib.Path, default=DEFAULT_SHARED)
    ap.add_argument("--extra", type=pathlib.Path, action="append", default=[], help="more directories of .txt")
    a = ap.parse_args(argv)

    import planparse

    pipe = planparse.Pipeline()
    a.out.mkdir(parents=True, exist_ok=True)
    files = inputs(a.shared, a.extra)
    for key, path in files:
        try:
            data = json.loads(pipe.parse_file(path).model_dump_json())
            data["source"]["path"] = key
        except planparse.PlanparseError as e:
            data = {"error": type(e).__name__, "message": str(e)}
        name = key.replace("/", "__") + ".json"
        (a.out / name).write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    print(f"{len(files)} files parsed into {a.out}", file=sys.stderr)
    if not a.compare:
        return 0
    changed = 0
    before_names = {p.name for p in a.compare.glob("*.json")}
    after_names = {p.name for p in a.out.glob("*.json")}
    for name in sorted(before_names ^ after_names):
        changed += 1
        print(f"{name}: only in {'before' if name in before_names else 'after'}")
    for name in sorted(before_names & after_names):
        before = json.loads((a.compare / name).read_text(encoding="utf-8"))
        after = json.loads((a.out / name).read_text(encoding="utf-8"))
        if before != after:
            changed += 1
            print(f"{name}:")
            for line in _diff(before, after):
                print(f"  {line}")
    print(f"{changed} of {len(before_names | after_names)} files differ", file=sys.stderr)
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
