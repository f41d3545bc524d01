"""The character table and the noise rules of the normalizer (data in ``data/web_noise.yaml``, ``data/t2s.tsv``).

>>> "（一）".translate(char_table(fold_width=True, to_simplified=False))
'(一)'
"""

from __future__ import annotations

import functools

from ..resources import compile_pattern, load


@functools.cache
def _width_table() -> dict[int, str]:
    table = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
    table[0x3000] = " "
    return table


@functools.cache
def _t2s_table() -> dict[int, str]:
    table: dict[int, str] = {}
    try:
        rows = load("t2s")
    except Exception:  # the table is optional until it ships
        return table
    for row in rows:
        if len(row) >= 2 and len(row[0]) == 1 and len(row[1]) == 1:
            table[ord(row[0])] = row[1]
    return table


@functools.cache
def char_table(*, fold_width: bool = True, to_simplified: bool = True) -> dict[int, str]:
    """A ``str.translate`` table that maps one character to exactly one character."""
    table: dict[int, str] = {}
    if to_simplified:
        table.update(_t2s_table())
    if fold_width:
        table.update(_width_table())
    return table


@functools.cache
def _noise_patterns():
    try:
        spec = load("web_noise")
    except Exception:
        return []
    return [compile_pattern(r["pattern"], where=f"web_noise:{r['id']}") for r in spec.get("deletions", [])]


def find_deletions(text: str) -> list[tuple[int, int]]:
    """Source ranges to delete: each rule's first capture group (or whole match) is noise."""
    out: list[tuple[int, int]] = []
    for pat in _noise_patterns():
        for m in pat.finditer(text):
            g = 1 if m.re.groups else 0
            s, e = m.span(g)
            if e > s:
                out.append((s, e))
    return out
