"""Segment a plan's outline by its numbered headings into a tree of sections.

One pass over the plan's lines finds *candidates*: a marker (``一、``, ``(一)``, ``1、``,
``1.1``, ``①``, ``第一阶段``, ``一是`` …, see ``data/markers.yaml``) anchored at a line
start. On a page that lost its line breaks (few line-start markers, long lines, and senior
headings such as ``一、`` right after sentence ends) markers after a sentence end count too,
but only when their number is the expected one.

Levels come from nesting, not from a marker-to-level table. A stack holds the marker
kinds open in this plan:

* a kind already on the stack is a sibling there: it closes everything below it
  (``二、`` after ``1、``…``5、`` closes the ``1、`` list);
* a new kind nests under the top of the stack (``1、`` directly under ``三、`` is level 2),
  unless it is conventionally more senior than the top (``(一)`` after ``1.``), which it
  then closes first;
* numbers decide ambiguous cases: the expected next number continues a list, a skip of
  up to three is tolerated (``14、`` then ``16、``), ``1`` restarts a list, and a ``1``
  while the same kind is open at ``L`` nests when ``L+1`` follows later;
* ``一是`` counts only when ``二是`` also starts its own paragraph.

A heading runs from the marker to the first ``。;:!?`` or the line end (commas do not end
it); a canonical heading glued to its body (``二、工作目标以预防…``) is cut after the
canonical term.

>>> from planparse.normalize import normalize_text
>>> from planparse.context import PlanSpan
>>> doc = normalize_text("一、指导思想\\n以人为本。\\n二、主要任务\\n1、宣传。\\n2、巡逻。\\n")
>>> [(n.marker, n.level, [c.marker for c in n.children]) for n in segment_outline(doc, PlanSpan(0, len(doc.text)))]
[('一、', 1, []), ('二、', 1, ['1、', '2、'])]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

import regex

from ..context import PlanSpan, SectionNode
from ..normalize import NormalizedText
from ..resources import alternation, compile_pattern, compile_std, load, std_twin

_WS = " \t\r\u3000"
_DECORATION = "#*"
_HEADING_LEAD = _WS + ":,、." + _DECORATION  # skipped between a marker and its heading
_DECORATION_WS = _DECORATION + _WS
_WS_NL = _WS + "\n"
_WINDOW = 24  # markers are short: match on a bounded window, so lookbehinds see no context
_MAX_SKIP = 3
_TOP_RANK = 1.0  # 一、: the senior-most numbering of the genre
_RUNON_RANK = 2.0  # 一、 (一) 〔一〕: headings whose presence after sentence ends marks a run-on page
_LOOKAHEAD = 60


@dataclass(frozen=True)
class MarkerKind:
    id: str
    source: str  # the pattern as written in markers.yaml; compiled on first use (:attr:`pattern`)
    numeral: str
    rank: float
    runon: bool
    sibling_required: bool
    document_wide: tuple[str, ...] = ()

    @property
    def pattern(self) -> Any:
        """The compiled pattern (compiled on first use: most texts use only a few kinds)."""
        key = (self.id, self.source)
        p = _KIND_PATTERNS.get(key)
        if p is None:
            p = _KIND_PATTERNS[key] = compile_pattern(self.source, where=f"markers:{self.id}")
        return p


_KIND_PATTERNS: dict[tuple[str, str], Any] = {}


class Candidate:
    """A marker found in the text, not yet accepted as a section.

    A plain class, not a dataclass: compiled, a dataclass is built through the ``__init__`` that
    ``dataclasses`` writes at run time, an interpreted call (~4,000 instructions, once per marker
    found); this ``__init__`` is compiled with the class.
    """

    def __init__(self, start: int, marker_end: int, kind: str, rank: float, ordinal: int, sub: tuple[int, ...],
                 line_end: int, origin: str, marker: str = "", sibling_required: bool = False,
                 line_start: int = -1, document_wide: bool = False, alt: Candidate | None = None) -> None:
        self.start = start
        self.marker_end = marker_end
        self.kind = kind
        self.rank = rank
        self.ordinal = ordinal
        self.sub = sub
        self.line_end = line_end
        self.origin = origin  # "line", "runon" or "glued"
        self.marker = marker
        self.sibling_required = sibling_required
        self.line_start = line_start
        self.document_wide = document_wide  # numbered through the document (第N条), not per parent
        self.alt = alt  # another reading of the same marker, tried when this one is refused

    def __repr__(self) -> str:
        return (f"Candidate(start={self.start!r}, marker_end={self.marker_end!r}, kind={self.kind!r}, "
                f"rank={self.rank!r}, ordinal={self.ordinal!r}, sub={self.sub!r}, line_end={self.line_end!r}, "
                f"origin={self.origin!r}, marker={self.marker!r}, sibling_required={self.sibling_required!r}, "
                f"line_start={self.line_start!r}, document_wide={self.document_wide!r}, alt={self.alt!r})")


class _Open:
    """A marker kind open on the outline's stack (a plain class: see :class:`Candidate`)."""

    def __init__(self, kind: str, rank: float, ordinal: int, sub: tuple[int, ...], node: SectionNode) -> None:
        self.kind = kind
        self.rank = rank
        self.ordinal = ordinal
        self.sub = sub
        self.node = node


@dataclass
class _State:
    stack: list[_Open] = field(default_factory=list)
    roots: list[SectionNode] = field(default_factory=list)
    flat: list[tuple[SectionNode, int]] = field(default_factory=list)  # (node, depth)
    last: dict[str, int] = field(default_factory=dict)  # last ordinal placed, per document-wide kind


@functools.cache
def _spec():
    spec = load("markers")
    kinds = [
        MarkerKind(k["id"], k["pattern"], k["numeral"],
                   float(k["rank"]), bool(k.get("runon")), bool(k.get("sibling_required")),
                   tuple(k.get("document_wide", ())))
        for k in spec["kinds"]
    ]
    return spec, kinds


@functools.cache
def _canonical_terms() -> tuple[str, ...]:
    """Canonical heading terms (longest first) from the section label lexicon."""
    lex = load("section_labels")
    terms: set[str] = set()
    for label, entry in lex.items():
        if label.startswith("_"):
            continue
        words = entry.get("headings", []) if isinstance(entry, dict) else entry
        terms.update(w for w in words if len(w) >= 3)
    return tuple(sorted(terms, key=len, reverse=True))


def _ordinal(kind: MarkerKind, raw: str) -> int | None:
    if kind.numeral == "arabic":
        return int(raw)
    if kind.numeral == "circled":
        return ord(raw) - 0x2460 + 1
    if kind.numeral == "paren_digit":
        return ord(raw) - 0x2474 + 1
    if kind.numeral == "roman":
        return ord(raw) - 0x2160 + 1
    if kind.numeral == "latin":
        return ord(raw.lower()) - ord("a") + 1
    if raw.isdigit():
        return int(raw)
    return _parse_cn_int()(raw)


@functools.cache
def _parse_cn_int():
    """The Chinese numeral reader, imported on first use (planparse.extract loads every extractor)."""
    from ..extract.numerals import parse_cn_int

    return parse_cn_int


@functools.cache
def _any_kind(runon_only: bool):
    """One pattern trying every kind in order: its matching branch names the first kind that matches.

    Most positions hold no marker; one compiled alternation answers that in one call instead of
    one call per kind. Inner group names are made unique per branch (``k3_num``).
    """
    parts = [f"(?P<k{i}>" + k.source.replace("(?P<", f"(?P<k{i}_") + ")"
             for i, k in enumerate(_spec()[1]) if k.runon or not runon_only]
    return compile_pattern("|".join(parts), where="markers: any kind")


@functools.cache
def _any_kind_match(runon_only: bool):
    """``_any_kind(runon_only).match``, run by the standard re (:func:`std_twin`: the same groups
    and ``lastindex``; a call costs a fraction of a regex call, and a match is tried at each
    position that may start a marker). The partial matches of :func:`_may_start` stay on regex."""
    return std_twin(_any_kind(runon_only), classes=True).match


_BRANCHES: dict[bool, dict[int, tuple[int, MarkerKind, int, tuple[int, ...], int]]] = {}


def _branches(runon_only: bool) -> dict[int, tuple[int, MarkerKind, int, tuple[int, ...], int]]:
    """Per branch of :func:`_any_kind` (by the number of its outer group, the match's
    ``lastindex``): the kind's index, the kind, and the numbers of its ``num``, ``sub``/``sub2``
    and ``unit`` groups inside the alternation (0: none). Numbers, not names: a lookup by name
    in a pattern of ~50 groups costs more than the match."""
    out = _BRANCHES.get(runon_only)
    if out is None:
        index = _any_kind(runon_only).groupindex
        out = {}
        for i, k in enumerate(_spec()[1]):
            if f"k{i}" in index:
                out[index[f"k{i}"]] = (i, k, index[f"k{i}_num"],
                                       tuple(index[f"k{i}_{g}"] for g in ("sub", "sub2") if f"k{i}_{g}" in index),
                                       index.get(f"k{i}_unit", 0))
        _BRANCHES[runon_only] = out
    return out


_ORDINALS: dict[tuple[str, str], int | None] = {}  # (numeral system, as written) -> ordinal
_UNSET = object()


_STARTERS: dict[bool, dict[str, bool]] = {False: {}, True: {}}
_STARTER_SET: dict[bool, set[str]] = {False: set(), True: set()}  # the characters answered True


def _may_start(ch: str, runon_only: bool) -> bool:
    """Can a marker (of the runon kinds only, if asked) start with ``ch``?

    Asked once per character with a partial match of :func:`_any_kind` on that character alone
    (a marker is matched on a window that starts with it, so no lookbehind sees further), then
    remembered: most characters of a text (加, 强, 的) are answered by one dict lookup.
    """
    known = _STARTERS[runon_only]
    ok = known.get(ch)
    if ok is None:
        ok = known[ch] = _any_kind(runon_only).match(ch, partial=True) is not None
        if ok:
            _STARTER_SET[runon_only].add(ch)
    return ok


def _starters_in(chars: set[str], runon_only: bool) -> set[str]:
    """The characters of ``chars`` that may start a marker (:func:`_may_start` of each, by set operations)."""
    for ch in chars.difference(_STARTERS[runon_only]):
        _may_start(ch, runon_only)
    return chars & _STARTER_SET[runon_only]


def match_marker(text: str, pos: int, *, runon_only: bool = False) -> Candidate | None:
    """The marker starting exactly at ``pos`` (first kind that matches), or None."""
    window = text[pos:pos + _WINDOW]
    if window and not _may_start(window[0], runon_only):
        return None
    first = _any_kind_match(runon_only)(window)
    if first is None:
        return None
    # The branch that matched is the first kind that matches here, and its match is the one
    # the kind's own pattern gives (nothing follows the alternation): read it from its groups.
    idx, kind, num, subs, unit_group = _branches(runon_only)[first.lastindex]
    raw = first.group(num)
    key = (kind.numeral, raw)
    n = _ORDINALS.get(key, _UNSET)
    if n is _UNSET:
        n = _ORDINALS[key] = _ordinal(kind, raw)
    if n is None or n <= 0:  # type: ignore
        return _match_from(window, pos, idx + 1, runon_only)
    sub = tuple([int(v) for v in first.group(*subs) if v]) if len(subs) > 1 else \
        ((int(first.group(subs[0])),) if subs and first.group(subs[0]) else ())
    unit = first.group(unit_group) if unit_group else None
    end = first.end()
    return Candidate(pos, pos + end, kind.id + ("_" + unit if unit else ""), kind.rank, n, sub, -1, "line",  # type: ignore
                     window[:end], kind.sibling_required, -1, unit in kind.document_wide)


def _match_from(window: str, pos: int, first_kind: int, runon_only: bool) -> Candidate | None:
    """The kinds from ``first_kind`` on, each tried on its own (after a kind whose number is no ordinal)."""
    for kind in _spec()[1][first_kind:]:
        if runon_only and not kind.runon:
            continue
        m = kind.pattern.match(window)
        if not m:
            continue
        n = _ordinal(kind, m.group("num"))
        if n is None or n <= 0:
            continue
        groups = m.groupdict()
        sub = tuple(int(groups[g]) for g in ("sub", "sub2") if groups.get(g))
        kid = kind.id + ("_" + groups["unit"] if groups.get("unit") else "")
        return Candidate(pos, pos + m.end(), kid, kind.rank, n, sub, -1, "line", window[: m.end()],
                         kind.sibling_required, document_wide=groups.get("unit") in kind.document_wide)
    return None


def line_start_marker_count(line: str) -> int:
    """1 when the (stripped) line starts with an outline marker, else 0."""
    s = line.lstrip(_WS)
    c = match_marker(s, 0) if s else None
    return 1 if c and not c.sibling_required else 0


# -- candidates --------------------------------------------------------------------------

def _line_spans(text: str, start: int, end: int):
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield pos, stop
        pos = stop + 1


def _collect(text: str, plan: PlanSpan) -> tuple[list[Candidate], bool]:
    """Line-start candidates, plus after-sentence candidates when the plan lost its line breaks."""
    body_start = plan.start
    line_cands: list[Candidate] = []
    longest = 0
    spans = []
    lead = _WS + _DECORATION  # indentation, Markdown "#### " and "**" before a marker
    known = _STARTERS[False]
    titled = plan.title_start is not None and plan.title_end is not None
    raws = text[plan.start:plan.end].split("\n")
    if not raws[-1]:
        raws.pop()  # the plan ends with a line break (or is empty): no line after it
    le = plan.start - 1
    for raw in raws:
        ls = le + 1
        le = ls + len(raw)
        if titled and ls <= plan.title_start < le + 1:  # type: ignore
            ls = max(ls, plan.title_end)  # type: ignore  # text after a title glued to its first heading
            raw = text[ls:le]
        spans.append((ls, le))
        if le - ls > longest:
            longest = le - ls
        body = raw.lstrip(lead)
        if not body:
            continue
        s = le - len(body)
        if s < body_start:
            continue
        ok = known.get(body[0])
        if not (ok or (ok is None and _may_start(body[0], False))):
            continue  # no marker starts with this character (most lines)
        c = match_marker(text, s)
        if c:
            c.line_end, c.line_start = le, ls
            line_cands.append(c)
    main = [c for c in line_cands if not c.sibling_required]
    runon = len(main) < 3 and longest >= 120
    cands = list(line_cands)
    if runon:
        # a page that lost its line breaks shows its senior headings (一、 (一)) after sentence
        # ends, or, with no line-start heading at all, an item list 1、 2、; otherwise inline
        # (1)…(2) lists are running text and the page keeps its lines
        extra = _after_sentence(text, spans)
        runon = any(c.rank <= _RUNON_RANK for c in extra) or (not main and _has_sequence(extra))
        if runon:
            cands.extend(extra)
    if runon:
        cands.sort(key=lambda c: c.start)
        dedup: list[Candidate] = []
        for c in cands:
            if dedup and dedup[-1].start == c.start:
                continue
            dedup.append(c)
        cands = dedup
    return cands, runon


def _has_sequence(cands: list[Candidate]) -> bool:
    """An item 1 followed by item 2 of the same kind: a page with no line-start heading at all."""
    firsts = {c.kind for c in cands if c.ordinal == 1 and not c.sub}
    return any(c.kind in firsts and c.ordinal == 2 and not c.sub for c in cands)


@functools.cache
def _sentence_ends() -> re.Pattern:
    return compile_std("[" + re.escape("。!?;:" + _WS) + "]")


def _after_sentence(text: str, spans: list[tuple[int, int]]) -> list[Candidate]:
    """Markers right after a sentence end (``。!?;:``) or a space, for pages without line breaks."""
    triggers = _sentence_ends()
    known = _STARTERS[True]
    out: list[Candidate] = []
    for ls, le in spans:
        after = ls  # a space right after a trigger was skipped with it
        for t in triggers.finditer(text, ls, le):
            i = t.start()
            if i < after:
                continue
            j = i + 1
            while j < le and text[j] in _WS:
                j += 1
            after = j
            if j < le and (known.get(text[j]) or (text[j] not in known and _may_start(text[j], True))):
                c = match_marker(text, j, runon_only=True)
                if c:
                    c.line_end, c.line_start = le, ls
                    c.origin = "runon"
                    out.append(c)
    return out


def _filter_siblings(cands: list[Candidate]) -> list[Candidate]:
    """Drop 一是-style candidates that have no next sibling starting its own line."""
    out: list[Candidate] = []
    for i, c in enumerate(cands):
        if c.sibling_required:
            ok = False
            for d in cands[i + 1:i + 1 + _LOOKAHEAD]:
                if d.kind == c.kind:
                    ok = d.ordinal == c.ordinal + 1
                    break
                if d.rank < c.rank:  # a more senior heading ends this run of items
                    break
            prev_ok = any(d.kind == c.kind and d.ordinal == c.ordinal - 1 for d in out[-_LOOKAHEAD:])
            if not (ok or prev_ok):
                continue
        out.append(c)
    return out


def _line_readings(doc: NormalizedText, cands: list[Candidate]) -> list[Candidate]:
    """Line-start candidates checked against what width folding and layout hide.

    * A table row (``1    开工改造小区    15个    2025年6月底前``: short cells at wide gaps)
      is not a section.
    * ``４．35岁…`` folds to the decimal ``4.35``; the source's full-width dot says it may be
      item ``4.`` followed by ``35岁``: when the digits change width across the dot (typed as
      two tokens) the item reading replaces the decimal, otherwise it is the fallback tried
      when the decimal is refused by the outline.
    """
    spec = _spec()[0]
    out: list[Candidate] = []
    for c in cands:
        if c.origin == "line" and _is_table_row(doc.text, c.marker_end, c.line_end, spec["table_row"]):
            continue
        if c.sub:
            item = _fullwidth_dot_item(doc, c, spec["fullwidth_dot"])
            if item is not None:
                if item.alt is None:  # the widths say "item"
                    c = item
                else:
                    c.alt, item.alt = item, None
        out.append(c)
    return out


def _is_table_row(text: str, start: int, end: int, cfg: dict) -> bool:
    """The rest of a numbered line is ``min_cells`` short cells separated by wide gaps.

    Cells are split at runs of ``min_gap`` spaces or more; the spaces at both ends are no cell.
    """
    rest = text[start:end].strip(_WS)
    if not rest:
        return False
    if cfg["min_cells"] > 1 and cfg["min_gap"] > 0 and _ANY_WS.search(rest) is None:
        return False  # no space, so one cell (most headings): no split
    stops = _spec()[0]["heading_stops"]
    lo, hi = cfg["min_cell_chars"], cfg["max_cell_chars"]
    cells = _wide_gap(cfg["min_gap"]).split(rest)
    if len(cells) < cfg["min_cells"]:
        # 1　X105线改造工程　28公里　5320　县公路中心: cells at single spaces (an ideographic space is
        # one space in the normalized text), more of them, each with a digit or a Han character
        narrow = cfg.get("narrow_min_cells", 0)
        if not narrow:
            return False
        cells = _NARROW_GAP.split(rest)
        if len(cells) < narrow or not all(_CELL_WORD.search(cell) for cell in cells):
            return False
    return all(lo <= len(cell) <= hi and not any(ch in stops for ch in cell) for cell in cells)


_NARROW_GAP = compile_std("[" + re.escape(_WS) + "]+")
_CELL_WORD = compile_std("[0-9\u4e00-\u9fff]")


_ANY_WS = compile_std("[" + re.escape(_WS) + "]")


@functools.cache
def _wide_gap(min_gap: int) -> regex.Pattern:
    return compile_pattern("[" + regex.escape(_WS) + "]{" + str(min_gap) + ",}", where="outline table gap")


_FULLWIDTH_DIGITS = "０１２３４５６７８９"


def _fullwidth_dot_item(doc: NormalizedText, c: Candidate, cfg: dict) -> Candidate | None:
    """The item reading of a decimal candidate whose dot is a full-width ``．`` in the source.

    Returns the item candidate; its ``alt`` is set (to the decimal) when the widths do not
    decide, None when they do.
    """
    text = doc.text
    dot = text.find(".", c.start, c.marker_end)
    if dot <= c.start or dot + 1 >= len(text):
        return None
    a, b = doc.to_source(dot - 1, dot + 2)
    src = doc.source[a:b]
    if len(src) != 3 or src[1] not in "\uff0e.":
        return None
    kind = next(k for k in _spec()[1] if k.id == cfg["item_kind"])
    item = Candidate(c.start, dot + 1, kind.id, kind.rank, c.ordinal, (), c.line_end, c.origin, text[c.start:dot + 1],
                     kind.sibling_required, line_start=c.line_start)
    if src[1] == "." or (src[0] in _FULLWIDTH_DIGITS) == (src[2] in _FULLWIDTH_DIGITS):
        item.alt = c  # same width: a decimal typed in one go, or an item; the outline decides
    return item


# -- headings ------------------------------------------------------------------------------

def _deleted_gap(doc: NormalizedText, k: int) -> int:
    """How many spaces the normalizer deleted just before normalized position ``k``."""
    if k <= 0 or k >= len(doc.text) or not doc.deleted_before(k):
        return 0
    a, b = doc.to_source(k - 1, k + 1)
    gap = doc.source[a + 1:b - 1]
    return len(gap) if gap and not gap.strip() else 0


@functools.cache
def _stops_or_space() -> re.Pattern:
    """A heading stop or a space: where the heading scan looks next (one class of literal
    characters: the standard ``re``, whose call costs a fraction of ``regex``'s)."""
    stops = _spec()[0]["heading_stops"]
    return compile_std("[" + re.escape(stops + _WS) + "]")


def _heading_bounds(doc: NormalizedText, c: Candidate, runon: bool) -> tuple[int, int]:
    """Heading text span after the marker: up to the first stop, the line end or a wide gap.

    A gap of two spaces (or one on a long run-on line) before a Han character separates
    a heading from its body on pages that lost their line breaks (``1.1政策背景 国家层面``);
    the normalizer may have deleted those spaces, so the source is consulted.
    """
    text = doc.text
    stops = _spec()[0]["heading_stops"]
    i = c.marker_end
    le = c.line_end
    while i < le and text[i] in _HEADING_LEAD:
        i += 1
    hs = i
    limit = min(le, hs + 300)
    long_line = runon or (le - c.line_start) >= 120
    # Jump from one stop or space to the next; in between, only a Han character right after a
    # deletion of the normalizer (a cut point) can end the heading.
    special = _stops_or_space()
    cuts = doc.cut_points_in(hs + 2, limit)
    ci = 0
    j = hs
    while j < limit:
        m = special.search(text, j, limit)
        p = m.start() if m else limit
        gap_at = -1
        while ci < len(cuts) and cuts[ci] < p:
            k = cuts[ci]
            ci += 1
            if k >= j and "\u4e00" <= text[k] <= "\u9fff":
                gap = _deleted_gap(doc, k)
                if gap >= 2 or (gap and long_line):
                    gap_at = k
                    break
        if gap_at >= 0:
            j = gap_at
            break
        j = p
        if j >= limit:
            break
        ch = text[j]
        if ch in stops:
            break
        if ch in _WS and j - hs >= 2:
            k = j
            while k < limit and text[k] in _WS:
                k += 1
            wide = k - j >= 2 or long_line
            if k < limit and ((wide and "\u4e00" <= text[k] <= "\u9fff") or match_marker(text, k, runon_only=True)):
                break  # a wide gap before body text, or any gap before the next marker ("总则 1.1 编制目的")
            j = k
            continue
        j += 1
    he = j
    while he > hs and text[he - 1] in _DECORATION_WS:
        he -= 1  # "**智慧社区建设**:"
    if hs == he and c.origin == "line":
        # a marker alone on its line: the heading is the next line, up to its first stop
        nxt = le + 1
        nle = text.find("\n", nxt)
        nle = len(text) if nle < 0 else nle
        s = nxt
        while s < nle and text[s] in _WS:
            s += 1
        if s < nle and not match_marker(text, s):
            e = s
            while e < min(nle, s + 300) and text[e] not in stops:
                e += 1
            return hs, e
    return hs, he


def _glued_cut(text: str, hs: int, he: int, runon: bool) -> int | None:
    """Where a canonical heading glued to its body ends (``工作目标以预防…`` → after ``工作目标``)."""
    if not runon:
        return None
    cfg = _spec()[0]["glued_heading"]
    m = _canonical_prefix().match(text, hs)  # the longest canonical term at hs
    if m is None:
        return None
    cut = m.end()
    nxt = text[cut] if cut < len(text) else ""
    glued = nxt.isdigit() or ("\u4e00" <= nxt <= "\u9fff" and nxt not in cfg["joiners"])
    if he - cut >= cfg["min_rest"] and glued:
        return cut
    return None


@functools.cache
def _canonical_prefix() -> regex.Pattern:
    """The canonical terms as one alternation, longest first: a match at a position is the longest term there."""
    return compile_pattern(alternation(_canonical_terms()), where="outline canonical terms")


# -- placement ------------------------------------------------------------------------------

def _continues(o: _Open, c: Candidate) -> bool:
    """``c`` is the next item of the open list ``o`` (decimal parts checked too)."""
    if c.sub or o.sub:
        if len(c.sub) != len(o.sub):
            return False
        return (c.ordinal, *c.sub[:-1]) == (o.ordinal, *o.sub[:-1]) and c.sub[-1] == o.sub[-1] + 1
    return c.ordinal == o.ordinal + 1


def _decimal_parent_ok(st: _State, c: Candidate) -> bool:
    """A decimal ``N.1`` opening a new list must sit under an item numbered ``N``."""
    if not c.sub or c.sub[-1] != 1:
        return False
    if len(c.sub) == 2:  # 1.1.1 under 1.1
        return any(o.sub and (o.ordinal, *o.sub) == (c.ordinal, c.sub[0]) for o in st.stack)
    return any(not o.sub and o.ordinal == c.ordinal for o in st.stack)


def _place(st: _State, c: Candidate, upcoming: list[Candidate], strict: bool) -> int | None:
    """Depth (0-based) at which ``c`` becomes a section, or None to refuse it."""
    same = [d for d in range(len(st.stack) - 1, -1, -1) if st.stack[d].kind == c.kind]
    for d in same:  # the expected next number, at any open depth
        if _continues(st.stack[d], c):
            return d
    if c.sub:
        # decimal outlines are self-describing: N.1 opens under item N, else refuse
        if _decimal_parent_ok(st, c):
            d = same[0] if same else len(st.stack)
            if same:
                return d
            return _nest_depth(st, c)
        if not st.stack and not same and c.sub == (1,) * len(c.sub) and c.ordinal == 1:
            return 0
        if same and c.ordinal == st.stack[same[0]].ordinal + 1 and c.sub[-1] == 1:
            return same[0]
        return None
    if same:
        d = same[0]
        o = st.stack[d]
        if strict:
            return None
        if c.ordinal == 1:
            # restart, or a nested list when the outer list resumes at L+1 later
            for u in upcoming[:_LOOKAHEAD]:
                if u.kind == c.kind and u.ordinal == o.ordinal + 1:
                    return d + 1
                if u.rank < o.rank and u.kind != c.kind:
                    break
            return d
        if o.ordinal < c.ordinal <= o.ordinal + _MAX_SKIP:
            return d
        return None
    # a new kind
    last = st.last.get(c.kind) if c.document_wide else None
    if last is not None and (c.ordinal == last + 1 or (not strict and last < c.ordinal <= last + _MAX_SKIP)):
        # numbered through the document (第六条 after 第五条 closed with 第一章): not a restart
        return _nest_depth(st, c) if st.stack else 0
    if not st.stack:
        limit = 3 if strict else 10
        return 0 if c.ordinal <= limit else None
    if c.ordinal > (1 if strict else 5):
        return None
    if not strict and (c.ordinal > 1 or c.rank <= _TOP_RANK) and c.rank < min(o.rank for o in st.stack):
        # "二、" after a run of "1、…5、" whose "一、" was lost: a senior list resumes at the top;
        # "一、" itself (the senior-most kind) never nests under "1、"
        return 0
    return _nest_depth(st, c)


def _nest_depth(st: _State, c: Candidate) -> int:
    """Depth of a new kind: under the top, after closing open kinds junior to it."""
    j = len(st.stack)
    while j > 1 and st.stack[j - 1].rank > c.rank:
        j -= 1
    return j


def _push(st: _State, c: Candidate, depth: int, hs: int, he: int) -> SectionNode:
    del st.stack[depth:]
    node = SectionNode(marker=c.marker, marker_kind=c.kind, level=depth + 1, heading_start=c.start,
                       marker_end=c.marker_end, heading_end=max(he, c.marker_end), end=c.line_end)
    if depth == 0:
        st.roots.append(node)
    else:
        st.stack[depth - 1].node.children.append(node)
    st.stack.append(_Open(c.kind, c.rank, c.ordinal, c.sub, node))
    st.flat.append((node, depth))
    if c.document_wide:
        st.last[c.kind] = c.ordinal
    return node


def _glued_next(text: str, pos: int, c: Candidate, runon: bool) -> Candidate | None:
    """A marker glued right after a cut heading (``三、工作重点1.治理隐患``)."""
    g = match_marker(text, pos, runon_only=True)
    if g:
        g.line_end, g.line_start = c.line_end, c.line_start
        g.origin = "glued"
    return g


def _embedded(text: str, st: _State, hs: int, he: int, c: Candidate, runon: bool) -> Candidate | None:
    """A marker glued inside a heading that the open outline expects (TOC pages, lost breaks).

    Accepted only when preceded by a Han character (not ``第``/numerals) and either it
    continues an open list with the expected number, or it is an ``N.1`` decimal under
    item ``N``, or (pages without breaks) a ``(一)`` opening a new list. A restart ``一、``
    counts only when a glued ``1.1``/``(一)`` follows it at once (a table of contents
    glued to the body: ``10.4结语一、背景分析1.1政策背景``).
    """
    # only the positions of characters that can start a marker, in order (a heading has few or none)
    seg = text[hs + 1:he]
    starters = _starters_in(set(seg), True)
    if not starters:
        return None
    positions: list[int] = []
    for ch in starters:
        k = seg.find(ch)
        while k >= 0:
            positions.append(hs + 1 + k)
            k = seg.find(ch, k + 1)
    positions.sort()
    for i in positions:
        prev = text[i - 1]
        if "\u4e00" <= prev <= "\u9fff" and prev not in "第一二三四五六七八九十":
            g = match_marker(text, i, runon_only=True)
            if g and g.marker_end < he + 1 and g.marker_end < len(text) and "\u4e00" <= text[g.marker_end] <= "\u9fff":
                g.line_end, g.line_start = c.line_end, c.line_start
                g.origin = "glued"
                if _glued_ok(text, st, g, runon):
                    g.origin = "glued_ok"  # checked here against the open outline: place it leniently
                    return g
    return None


def _after_gap(text: str, st: _State, he: int, c: Candidate, runon: bool) -> Candidate | None:
    """The marker right after a heading that a gap ended, when the open outline expects it."""
    k = he
    while k < c.line_end and text[k] in _WS:
        k += 1
    if k == he or k >= c.line_end:
        return None
    g = match_marker(text, k, runon_only=True)
    if g is None:
        return None
    g.line_end, g.line_start, g.origin = c.line_end, c.line_start, "glued"
    if _glued_ok(text, st, g, runon):
        g.origin = "glued_ok"
        return g
    return None


def _glued_ok(text: str, st: _State, g: Candidate, runon: bool) -> bool:
    for o in st.stack:
        if o.kind == g.kind and _continues(o, g):
            return True
    if g.sub:
        return _decimal_parent_ok(st, g)
    if runon and g.kind != "cn_dun" and g.ordinal == 1 and all(o.kind != g.kind for o in st.stack):
        return True  # a first sub-item glued to its heading: "(一)建档立卡与信息化建设1.建档立卡"
    if g.ordinal == 1 and g.kind == "cn_dun" and any(o.kind == g.kind for o in st.stack):
        # restart chain: 一、X1.1 or 一、X(一) glued within a short heading
        seg = text[g.marker_end:g.marker_end + 16]
        for k in range(2, len(seg)):
            h = match_marker(text, g.marker_end + k, runon_only=True)
            if h and h.ordinal == 1 and (h.sub == (1,) or h.kind == "cn_paren"):
                return True
        return False
    return False


def segment_outline(doc: NormalizedText, plan: PlanSpan) -> list[SectionNode]:
    """Top-level sections of ``plan`` (nested through ``children``), in normalized coordinates."""
    text = doc.text
    cands, runon = _collect(text, plan)
    cands = _line_readings(doc, cands)
    cands = _filter_siblings(cands)
    st = _State()
    queue = list(cands)
    qi = 0
    last_end = plan.start
    while qi < len(queue):
        c = queue[qi]
        qi += 1
        if c.start < last_end:
            continue
        strict = c.origin not in ("line", "glued_ok")
        upcoming = queue[qi:qi + _LOOKAHEAD]  # all _place reads
        depth = _place(st, c, upcoming, strict)
        if depth is None and c.alt is not None:
            c = c.alt
            depth = _place(st, c, upcoming, strict)
        if depth is None:
            continue
        if st.flat and st.flat[-1][0].heading_end > c.start:
            prev = st.flat[-1][0]  # a heading never runs into the next section
            prev.heading_end = max(prev.marker_end, _trim(text, prev.marker_end, c.start))
        hs, he = _heading_bounds(doc, c, runon)
        he = max(min(he, plan.end), c.marker_end)  # a marker alone on the plan's last line
        glued = None
        cut = _glued_cut(text, hs, he, runon)
        if cut is not None:
            he = cut
            glued = _glued_next(text, cut, c, runon)
        _push(st, c, depth, hs, he)
        if glued is None:
            glued = _embedded(text, st, hs, he, c, runon)
            if glued is not None:
                st.flat[-1][0].heading_end = glued.start
        if glued is None:
            glued = _after_gap(text, st, he, c, runon)
        last_end = c.marker_end
        if glued is not None:
            queue.insert(qi, glued)
    _close(text, st, plan)
    return st.roots


def _close(text: str, st: _State, plan: PlanSpan) -> None:
    """Each section ends where the next section at its depth or shallower starts."""
    end = plan.end
    while end > plan.start and text[end - 1] in _WS_NL:
        end -= 1
    flat = st.flat
    open_: list[tuple[SectionNode, int]] = []
    for node, depth in flat:
        while open_ and open_[-1][1] >= depth:
            n, _ = open_.pop()
            n.end = _trim(text, n.heading_start, node.heading_start)
        open_.append((node, depth))
    while open_:
        n, _ = open_.pop()
        n.end = max(end, n.heading_end)
    for node, _ in flat:
        node.end = max(node.end, node.heading_end)


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _WS_NL:
        end -= 1
    return end
