"""The character table and the noise rules of the normalizer (data in ``data/web_noise.yaml``, ``data/t2s.tsv``).

Two kinds of change keep the offset map cheap:

* one-to-one replacements, done with ``str.translate`` (:func:`char_table`):
  full-width ASCII and small forms folded (``（一）`` → ``(一)``, ``﹒`` → ``.``),
  odd spaces (NBSP, U+3000, U+2002–U+200A) → ``' '``, traditional → simplified;
* deletions found by the rules of ``web_noise.yaml`` on the translated text
  (:func:`find_deletions`), minus those inside a protected range.

>>> "（一）".translate(char_table(fold_width=True, to_simplified=False))
'(一)'
>>> "社區（qū）".translate(char_table())
'社区(qū)'
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

import regex

from ..errors import RuleDataError
from ..resources import (
    compile_pattern,
    compile_std,
    literal_gate,
    load,
    lookbehind_reach,
    required_clauses,
    std_twin,
)

# Small form variants (U+FE50..U+FE6B) and half-width CJK punctuation: same meaning as the
# ordinary forms, seen in PDF and OCR text ('0﹒1%'). ①②③, 、。《》“” are left alone.
_SMALL_FORMS = {
    "﹐": ",", "﹑": "、", "﹒": ".", "﹔": ";", "﹕": ":", "﹖": "?", "﹗": "!",
    "﹙": "(", "﹚": ")", "﹛": "{", "﹜": "}", "﹝": "〔", "﹞": "〕", "﹟": "#", "﹠": "&",
    "﹡": "*", "﹢": "+", "﹣": "-", "﹤": "<", "﹥": ">", "﹦": "=", "﹨": "\\", "﹩": "$",
    "﹪": "%", "﹫": "@",
    "｡": "。", "｢": "「", "｣": "」", "､": "、",
    "\u2010": "-", "\u2011": "-", "\u2212": "-",  # hyphen, non-breaking hyphen, minus sign
}
# Spaces that are a plain space for every later stage. Tabs and newlines are not touched.
_SPACES = "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"


@functools.cache
def _width_table() -> dict[int, str]:
    table = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
    table.update({ord(k): v for k, v in _SMALL_FORMS.items()})
    table.update({ord(c): " " for c in _SPACES})
    return table


@functools.cache
def _t2s_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for row in load("t2s"):
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
def translation_table(*, fold_width: bool = True, to_simplified: bool = True) -> list[int]:
    """:func:`char_table` as a list indexed by code point: ``str.translate`` runs about twice as
    fast with it on CJK text (a list index instead of a dict lookup); code points past its end
    are left as they are.

    The list ends with the Basic Multilingual Plane's last changed character when the table's
    astral characters can be left to :func:`_astral_changes`: a list up to the last astral one
    (U+2B726) would hold ~180,000 entries (~6 MB, ~20M instructions to build in every process)
    for a few hundred rare characters."""
    table = char_table(fold_width=fold_width, to_simplified=to_simplified)
    if _astral_changes(fold_width, to_simplified) is not None:
        table = {cp: ch for cp, ch in table.items() if cp <= 0xFFFF}
    out = list(range(max(table, default=0) + 1))
    for cp, ch in table.items():
        out[cp] = ord(ch)
    return out


_ASTRAL = "[\U00010000-\U0010FFFF]"


@functools.cache
def _astral_changes(fold_width: bool, to_simplified: bool) -> dict[str, str] | None:
    """The table's changes of astral characters, made by a second pass over the astral characters
    of a text (:func:`translate`), or None when they must stay in the one list: when a character
    the list changes becomes one that this second pass would change again. None too when the
    table changes no astral character."""
    table = char_table(fold_width=fold_width, to_simplified=to_simplified)
    astral = {chr(cp): ch for cp, ch in table.items() if cp > 0xFFFF}
    if not astral or any(cp <= 0xFFFF and ch in astral for cp, ch in table.items()):
        return None
    return astral


def _translate(source: str, table: list[int], fold_width: bool, to_simplified: bool) -> str:
    """``source.translate`` by the list, then the astral characters it leaves (see
    :func:`translation_table`)."""
    out = source.translate(table)
    astral = _astral_changes(fold_width, to_simplified)
    if astral is None or source.isascii():
        return out
    search = _astral_search()
    if search.search(out) is None:
        return out
    return search.sub(lambda m: astral.get(m[0], m[0]), out)


@functools.cache
def _astral_search() -> re.Pattern:
    return re.compile(_ASTRAL)


# str.translate costs a table lookup per character (~420 instructions on CJK text), while most
# texts hold no character the table changes (simplified Chinese, half-width punctuation): one
# search of a character class of the changed characters answers that at C speed (about a tenth
# of the cost). Building that class costs ~1 ms once per process (its compiled form comes from the
# disk cache; ~5 ms when that is cold), what the table costs on ~25,000 characters: a process
# starts using it once the characters it has translated, this text included, reach that many (a
# one-file ``planparse parse`` of a short plan never builds it; a long text pays for it at once).
DETECT_AFTER = 25_000
_translated = 0


@functools.cache
def _first_changed(fold_width: bool, to_simplified: bool) -> Callable[[str], int]:
    """A function giving the index of the first character of a text that the table changes or that
    is astral (-1 if none): the text before it is left as it is.

    One ``re`` character class: the changed characters of the Basic Multilingual Plane (``re``
    compiles them into a bitmap; a class listing astral characters too would be tried member by
    member) and one range for any astral character, which sends the text to the table.
    """
    table = char_table(fold_width=fold_width, to_simplified=to_simplified)
    changed = sorted(cp for cp, ch in table.items() if cp <= 0xFFFF and ord(ch) != cp)
    # re.escape escapes ASCII characters only, and they sort first: the class is written as
    # re.escape of them all would write it, without a str.translate of ~4,000 characters
    bmp = re.escape("".join([chr(cp) for cp in changed if cp < 128])) + "".join([chr(cp) for cp in changed if cp >= 128])
    search = compile_std("[" + bmp + _ASTRAL[1:]).search

    def first(text: str) -> int:
        m = search(text)
        return -1 if m is None else m.start()
    return first


def translate(source: str, *, fold_width: bool = True, to_simplified: bool = True) -> str:
    """``source.translate(translation_table(...))``, skipping the part before the first changed character."""
    global _translated
    table = translation_table(fold_width=fold_width, to_simplified=to_simplified)
    if _translated + len(source) < DETECT_AFTER:
        _translated += len(source)
        return _translate(source, table, fold_width, to_simplified)
    _translated = DETECT_AFTER  # the detector is built (now): every later text uses it
    k = _first_changed(fold_width, to_simplified)(source)
    if k < 0:
        return source
    # the astral characters are at k or after it (the detector stops at them too)
    return source[:k] + _translate(source[k:], table, fold_width, to_simplified) if k else \
        _translate(source, table, fold_width, to_simplified)


@dataclass(frozen=True)
class NoiseRule:
    """One deletion rule: its pattern deletes the first participating group."""

    id: str
    pattern: regex.Pattern
    unless: tuple[str, ...] = ()
    source_must_be: str | None = None  # characters the source must hold where this rule deletes
    may_match: Callable[[str], bool] = lambda s: True  # False: the pattern cannot match in this text


@functools.cache
def _rules() -> tuple[tuple[NoiseRule, ...], dict[str, regex.Pattern]]:
    spec = load("web_noise") or {}
    protections = {
        p["id"]: compile_pattern(p["pattern"], where=f"web_noise:{p['id']}")
        for p in spec.get("protections", [])
    }
    rules = []
    for r in spec.get("deletions", []):
        unless = tuple(r.get("unless", ()))
        missing = [u for u in unless if u not in protections]
        if missing:
            raise RuleDataError(f"web_noise:{r['id']}: unknown protections {missing}")
        rules.append(NoiseRule(r["id"], compile_pattern(r["pattern"], where=f"web_noise:{r['id']}"), unless,
                               r.get("source_must_be"), literal_gate(r["pattern"])))
    return tuple(rules), protections


def rule_ids() -> list[str]:
    """The ids of the deletion rules, in file order."""
    return [r.id for r in _rules()[0]]


def _span_of(m: regex.Match) -> tuple[int, int]:
    """The first capture group that took part in the match, else the whole match."""
    for g in range(1, (m.re.groups or 0) + 1):
        s, e = m.span(g)
        if s >= 0:
            return s, e
    return m.span()


PROTECTION_REACH = 100  # no protection match is longer: a window this wide around a candidate sees it


@functools.cache
def _window_scan(pat: regex.Pattern) -> tuple[regex.Pattern | re.Pattern, Callable[[str], bool] | None, int]:
    """How :func:`_protected` scans a window for the protection ``pat``: the pattern to run, a
    test that is False for a window (read from ``reach`` characters before it) in which the
    pattern cannot match, or None when there is no such test.

    The pattern is its standard-``re`` twin (:func:`resources.std_twin`: same matches; a window
    is short, where a call of ``re`` costs a fraction of one of ``regex``). The test is the
    pattern's literal gate (``colon_value`` needs a ``:``, most windows hold none), kept only when
    it needs more than the space every candidate is."""
    reach = lookbehind_reach(pat.pattern)
    gate = None
    if reach is not None and any(c != (" ",) for c in required_clauses(pat.pattern)):
        gate = literal_gate(pat.pattern)
    return std_twin(pat, classes=True), gate, reach or 0


def _protected(pat: regex.Pattern, text: str, near: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Ranges the protection ``pat`` keeps, looked for only in windows around the candidates ``near``.

    Scanning windows instead of the whole text keeps a 10 MB document with few candidates fast;
    lookbehinds still see the text before a window, so the matches are the same.
    """
    scan, gate, reach = _window_scan(pat)
    starts: list[int] = []
    ends: list[int] = []
    windows: list[list[int]] = []
    for s, e in sorted(near):
        ws, we = max(0, s - PROTECTION_REACH), min(len(text), e + PROTECTION_REACH)
        if windows and ws <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], we)
        else:
            windows.append([ws, we])
    last_end = -1
    for ws, we in windows:
        if gate is not None and not gate(text[max(0, ws - reach):we]):
            continue  # a literal every match holds is missing from the window
        for m in scan.finditer(text, ws, we):
            s, e = _span_of(m)
            if e > s and s >= last_end:
                starts.append(s)
                ends.append(e)
                last_end = e
    return starts, ends


def _inside(ranges: tuple[list[int], list[int]], s: int, e: int) -> bool:
    starts, ends = ranges
    i = bisect.bisect_right(starts, s) - 1
    return i >= 0 and e <= ends[i]


def find_deletions(text: str, *, source: str | None = None, only: set[str] | None = None) -> list[tuple[int, int]]:
    """Ranges of the translated ``text`` to delete, sorted.

    Args:
        text: the translated text (same length as ``source``).
        source: the text before translation, for the rules with ``source_must_be``
            (an ideographic space is kept where an ASCII space would go).
        only: restrict to some rule ids (for tests).

    >>> find_deletions("和-谐社區(qū)")
    [(1, 2), (5, 9)]
    """
    rules, protections = _rules()
    out: list[tuple[int, int]] = []
    for rule in rules:
        if only is not None and rule.id not in only:
            continue
        if rule.source_must_be is not None and source is not None and not any(c in source for c in rule.source_must_be):
            continue  # nothing it finds could be kept (a text without any ASCII space: a third of them)
        if not rule.may_match(text):
            continue  # a literal every match holds is missing (no zero-width space, no 页, no hyphen)
        found = [sp for sp in map(_span_of, rule.pattern.finditer(text)) if sp[1] > sp[0]]
        if found and rule.unless:
            kept = {pid: _protected(protections[pid], text, found) for pid in rule.unless}
            found = [sp for sp in found if not any(_inside(kept[p], *sp) for p in rule.unless)]
        if found and rule.source_must_be is not None and source is not None:
            allowed = rule.source_must_be
            found = [(s, e) for s, e in found if all(c in allowed for c in source[s:e])]
        out.extend(found)
    out.sort()
    return out
