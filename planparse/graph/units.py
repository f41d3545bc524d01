"""The unit key: one unit written two ways is one graph node (see docs/units.md).

The key is computed from the owner as extracted (already simplified, half-width):

1. punctuation, spaces and quotes are dropped (``“三创”办`` → ``三创办``);
2. a leading ``各`` and a trailing list closer (``等相关部门``) are dropped: ``各社区`` → ``社区``;
3. one leading area level (区/县/市/乡/镇/省/街道) is split off, the rest goes through the alias
   table (``data/unit_aliases.tsv``): ``区残联`` → ``区`` + ``残疾人联合会``;
4. within one plan, a key without an area level joins the one key of that plan that has
   the same rest with a level (``卫生局`` → ``区卫生局`` when the plan names ``区卫生局`` and no
   other ``…卫生局``); see :func:`resolve_in_plan`.

>>> unit_key("区残联") == unit_key("区残疾人联合会")
True
>>> unit_key("街道残疾人联合会") == unit_key("区残联")
False
>>> resolve_in_plan(["区卫生局", "卫生局", "残联", "区残联"])["卫生局"]
'区卫生局'
"""

from __future__ import annotations

import functools
import unicodedata

import regex

from ..resources import load

_DROP = regex.compile(r"[\s\p{P}\p{S}]")
AREAS = ("街道", "区", "县", "市", "乡", "镇", "省")
_CLOSERS = ("等有关部门", "等相关部门", "等部门", "等单位", "等")


@functools.cache
def _aliases() -> dict[str, str]:
    return {row[0]: row[1] for row in load("unit_aliases") if len(row) >= 2}


@functools.lru_cache(maxsize=1 << 16)  # owners repeat across plans and files
def split_key(name: str) -> tuple[str, str]:
    """``(area level, rest)`` of a unit name after clean-up and alias expansion."""
    s = unicodedata.normalize("NFKC", name or "")
    if not s.isalnum():  # (a letter or digit is never a space, punctuation or symbol: most names skip the sub)
        s = _DROP.sub("", s)
    if s.startswith("各") and len(s) > 2:
        s = s[1:]
    for c in _CLOSERS:
        if s.endswith(c) and len(s) > len(c) + 1:
            s = s[: -len(c)]
            break
    area = ""
    for a in AREAS:
        if s.startswith(a) and len(s) - len(a) >= 2:
            area, s = a, s[len(a):]
            break
    return area, _aliases().get(s, s)


def unit_key(name: str) -> str:
    """The merge key of a unit name: ``区残联`` → ``区残疾人联合会``."""
    area, rest = split_key(name)
    return area + rest


def resolve_in_plan(names) -> dict[str, str]:
    """Map each name of one plan to its key, a bare name joining its one leveled form."""
    split = {n: split_key(n) for n in names}
    leveled: dict[str, set[str]] = {}
    for area, rest in split.values():
        if area:
            leveled.setdefault(rest, set()).add(area + rest)
    out = {}
    for n, (area, rest) in split.items():
        if not area and len(leveled.get(rest, ())) == 1:
            out[n] = next(iter(leveled[rest]))
        else:
            out[n] = area + rest
    return out
