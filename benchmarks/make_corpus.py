"""Build a mixed corpus for batch runs from the shared corpora (../shared/corpora).

The files differ from each other and from their sources: each is a slice or a
concatenation of slices (at line boundaries) of one to three source texts,
sometimes converted to traditional characters, and written in one of UTF-8,
UTF-8 with BOM, GB18030, UTF-16 (with BOM) or Big5 (Big5 only for traditional
text). A fraction of the files (``--corrupt-rate``, 5% by default) is corrupt
on purpose, in three kinds that any correct reader must reject:

* ``binary``: random bytes with NULs behind a PNG signature (not text at all);
* ``truncated_gb18030``: GB18030 bytes cut in the middle of a two-byte character
  *and* with an invalid sequence (``FF 81 8D FF``) every 16 bytes or so, and an odd
  length: invalid as UTF-8, GB18030, Big5, cp1252 and UTF-16 alike, and far too
  damaged to decode with replacement characters;
* ``empty``: zero bytes, or only whitespace.

``MANIFEST.tsv`` lists every file with its kind, encoding and recipe, so a test
can check that exactly the corrupt files end in ``errors.jsonl``.

Usage::

    python benchmarks/make_corpus.py --out /tmp/corpus1000 --n 1000
    python benchmarks/make_corpus.py --out /tmp/corpus40 --n 40 --seed 7
"""

from __future__ import annotations

import argparse
import os
import pathlib
import random
import sys

HERE = pathlib.Path(__file__).resolve().parent
DEFAULT_SHARED = pathlib.Path(os.environ.get("PLANPARSE_SHARED", HERE.parent.parent / "shared"))

GOOD_ENCODINGS = [("utf-8", 40), ("utf-8-sig", 10), ("gb18030", 30), ("utf-16", 20)]
CORRUPT_KINDS = ("binary", "truncated_gb18030", "empty")
INVALID_RUN = b"\xff\x81\x8d\xff"  # no valid reading in utf-8, gb18030, big5 or cp1252


def load_sources(shared: pathlib.Path) -> list[tuple[str, list[str]]]:
    """(name, lines) of every .txt under shared/corpora, lines with their newlines."""
    out = []
    for p in sorted((shared / "corpora").rglob("*.txt")):
        text = p.read_text(encoding="utf-8")
        lines = text.splitlines(keepends=True)
        if sum(len(x) for x in lines) >= 80:
            out.append((f"{p.parent.name}/{p.name}", lines))
    if not out:
        raise SystemExit(f"no source texts under {shared / 'corpora'}")
    return out


def _slice(rng: random.Random, name: str, lines: list[str]) -> tuple[str, str]:
    """A run of whole lines, 30-100% of the source (capped at 120 lines), at least 80 chars when possible."""
    n = len(lines)
    if n <= 3:
        return "".join(lines), f"{name}[:]"
    length = min(n, max(3, int(n * rng.uniform(0.3, 1.0))), 120)
    start = rng.randrange(0, n - length + 1)
    return "".join(lines[start:start + length]), f"{name}[{start}:{start + length}]"


def _is_traditional(text: str, t2s) -> bool:
    sample = text[:2000]
    return sum(a != b for a, b in zip(sample, t2s.convert(sample), strict=False)) >= 3


def _encode_big5(text: str) -> bytes:
    """Big5 bytes; characters Big5 lacks become '?' (the file stays valid Big5)."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("big5")
        except UnicodeEncodeError:
            out += b"?"
    return bytes(out)


def good_file(rng: random.Random, sources, s2t, t2s) -> tuple[bytes, str, str]:
    """(bytes, encoding, recipe) of one readable file."""
    k = rng.choices([1, 2, 3], weights=[50, 35, 15])[0]
    parts, recipe = [], []
    for name, lines in rng.sample(sources, k):
        text, r = _slice(rng, name, lines)
        parts.append(text.rstrip("\n") + "\n")
        recipe.append(r)
    text = "\n".join(parts)
    if not text.strip():
        text = "社区工作计划\n一、工作目标\n"
    traditional = _is_traditional(text, t2s)
    if not traditional and rng.random() < 0.1:
        text, traditional = s2t.convert(text), True
        recipe.append("s2t")
    if traditional and rng.random() < 0.6:
        return _encode_big5(text), "big5", "+".join(recipe)
    enc = rng.choices([e for e, _ in GOOD_ENCODINGS], weights=[w for _, w in GOOD_ENCODINGS])[0]
    return text.encode(enc), enc, "+".join(recipe)


def corrupt_file(rng: random.Random, kind: str, sources) -> tuple[bytes, str]:
    """(bytes, recipe) of one file that no correct reader accepts."""
    if kind == "binary":
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(512, 4096)))
        return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + body.replace(b"\x00", b"\x00\x00"), "random bytes"
    if kind == "empty":
        return rng.choice([b"", b"\n", b"  \r\n\t\n"]), "empty or ASCII whitespace"
    name, lines = rng.choice(sources)
    text, r = _slice(rng, name, lines)
    data = bytearray(text.encode("gb18030"))
    damaged = bytearray()
    for i in range(0, len(data), 16):
        damaged += data[i:i + 16] + INVALID_RUN
    # cut right after a lead byte of a two-byte character
    cut = len(damaged)
    for j in range(len(damaged) - 1, 0, -1):
        if damaged[j] >= 0x81 and damaged[j] != 0xFF and j > len(damaged) // 2:
            cut = j + 1
            break
    out = bytes(damaged[:cut])
    if len(out) % 2 == 0:
        out += b"\xff"
    return out, f"{r} gb18030, invalid run every 16 bytes, cut mid-character"


class _CharMap:
    """One-to-one character conversion with an OpenCC-like ``convert`` method."""

    def __init__(self, table: dict[int, str]) -> None:
        self._table = table

    def convert(self, text: str) -> str:
        return text.translate(self._table)


def char_converters() -> tuple[_CharMap, _CharMap]:
    """(s2t, t2s) built from planparse's own table (data/t2s.tsv), so no OpenCC install is needed.

    s2t takes, for each simplified character, the first traditional one listed for it:
    enough to make text that a reader must recognise as traditional.
    """
    from planparse.resources import load

    rows = load("t2s")
    t2s: dict[int, str] = {}
    s2t: dict[int, str] = {}
    for row in rows:
        trad, simp = row[0], row[1]
        if len(trad) != 1 or len(simp) != 1:
            continue
        t2s[ord(trad)] = simp
        s2t.setdefault(ord(simp), trad)
    return _CharMap(s2t), _CharMap(t2s)


def build(out: pathlib.Path, n: int, seed: int, corrupt_rate: float, shared: pathlib.Path) -> list[dict]:
    """Write ``n`` files and MANIFEST.tsv into ``out``; return the manifest rows."""
    rng = random.Random(seed)
    sources = load_sources(shared)
    s2t, t2s = char_converters()
    n_corrupt = round(n * corrupt_rate)
    if n >= 20 and corrupt_rate > 0:
        n_corrupt = max(n_corrupt, len(CORRUPT_KINDS))
    kinds = ["good"] * (n - n_corrupt) + [CORRUPT_KINDS[i % len(CORRUPT_KINDS)] for i in range(n_corrupt)]
    rng.shuffle(kinds)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for i, kind in enumerate(kinds, 1):
        name = f"plan_{i:04d}.txt"
        if kind == "good":
            data, enc, recipe = good_file(rng, sources, s2t, t2s)
        else:
            data, recipe = corrupt_file(rng, kind, sources)
            enc = "-"
        (out / name).write_bytes(data)
        rows.append({"name": name, "kind": kind, "encoding": enc, "bytes": len(data), "recipe": recipe})
    with open(out / "MANIFEST.tsv", "w", encoding="utf-8") as fh:
        fh.write("name\tkind\tencoding\tbytes\trecipe\n")
        for r in rows:
            fh.write(f"{r['name']}\t{r['kind']}\t{r['encoding']}\t{r['bytes']}\t{r['recipe']}\n")
    return rows


def read_manifest(path: pathlib.Path) -> list[dict]:
    """Rows of a MANIFEST.tsv written by :func:`build`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    head = lines[0].split("\t")
    return [dict(zip(head, ln.split("\t"), strict=True)) for ln in lines[1:] if ln]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, type=pathlib.Path)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corrupt-rate", type=float, default=0.05)
    ap.add_argument("--shared", type=pathlib.Path, default=DEFAULT_SHARED)
    a = ap.parse_args(argv)
    rows = build(a.out, a.n, a.seed, a.corrupt_rate, a.shared)
    by_kind: dict[str, int] = {}
    by_enc: dict[str, int] = {}
    for r in rows:
        by_kind[r["kind"]] = by_kind.get(r["kind"], 0) + 1
        by_enc[r["encoding"]] = by_enc.get(r["encoding"], 0) + 1
    print(f"{len(rows)} files in {a.out}: kinds {by_kind}; encodings {by_enc}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
