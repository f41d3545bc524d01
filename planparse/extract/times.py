"""Time expressions: dates, ranges, recurring schedules, periods, durations.

How it works: a small set of anchored patterns, built once from the vocabulary in
``data/time_words.yaml``, runs over the plan's normalized text. Every match becomes a
candidate; candidates are taken left to right, the longest at each position winning, so
``2010年1月—2月`` (a range) beats ``2010年1月`` (a date) and ``每年年底`` (recurring) beats
``年底``. All repetitions are bounded, so the scan is linear in the text.

Speed without changing a match: the engine is fast only where a pattern holds a literal it can
search for, so a rule whose alternatives hold different literals runs as one pattern per
alternative (:class:`_Split`), a pattern is not run on a plan lacking a character every match
of it holds (:func:`_required_chars`), a rule is not run on a plan where its literal gate
(words every match holds, :attr:`_Rule.gate`) is not found, the series is searched only around
two close items, and a candidate is built and checked only when it can still be chosen. The
tests compare all of it with the whole patterns run one by one.

Values follow the contract: ISO-8601 prefixes with ``X`` for each unknown digit.
Conventions (annotation guide, "Times"):

* a deadline is a date and keeps its suffix in the span: ``9月21日前`` → ``XXXX-09-21``;
* a year the publisher removed or replaced stays unknown: ``年9月21日`` → ``XXXX-09-21``,
  ``20××年`` → ``20XX``; the plan's year (``ctx.year``) is never used to fill ``start``;
* ``年底`` → ``XXXX-12``, ``年初`` → ``XXXX-01``; month parts keep month precision
  (``11月中旬`` → ``XXXX-11``);
* periods (``今年``, ``上半年``, ``年内``, ``“十二五”期间``) have ``start`` null unless the
  expression itself states the year (``2010年上半年`` → ``2010-01``);
* a range's missing parts are inherited from its start (``2010年1月—2月`` → ``2010-01`` … ``2010-02``);
* years in cited titles (``《…2022年版》``), document numbers (``〔2018〕``) and page
  timestamps (``时间:2024-05-09 08:12:30``) are not times.

>>> [(m.kind, m.start_value, m.end_value) for m in scan_times("2010年1月—2月完成筹备。")]
[('range', '2010-01', '2010-02')]
>>> [(m.kind, m.recurrence) for m in scan_times("要求每周四16:00前上报。")]
[('recurring', 'weekly')]
"""

from __future__ import annotations

import functools
import itertools
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import regex

from .. import diskcache
from ..context import PlanContext
from ..models import TimeExpr, TimeKind
from ..models.base import checked_model
from ..models.enums import members_by_value
from ..resources import (
    alternation,
    check_pattern,
    compile_pattern,
    compile_std,
    group_body,
    load,
    lookbehind_reach,
    required_clauses,
    std_twin,
    trie_alternation,
)
from .numerals import parse_cn_int

try:  # the standard library's pattern parser: what a pattern requires (see _required_chars)
    from re import _constants as _sre_c  # type: ignore
    from re import _parser as _sre_parse  # type: ignore
except ImportError:  # Python 3.10
    import sre_constants as _sre_c
    import sre_parse as _sre_parse

_CN_DIGITS = "〇○零一二三四五六七八九"
_SP = "[ ]?"  # PDF extractions put a space between number and unit ("12 月底前")
_PUNCT_BEFORE = r"[\s,.;:!?、。()“”\"'《》【】\[\]—\-~]"


class TimeMatch:
    """One time expression found in a normalized text (normalized offsets).

    A plain class, not a dataclass: compiled, a dataclass is built through the ``__init__`` that
    ``dataclasses`` writes at run time, an interpreted call (~2,000-4,000 instructions, once per
    expression built); this ``__init__`` is compiled with the class. Treated as frozen; ``==``
    and ``hash`` are field-wise, as the frozen dataclass's were (:meth:`astuple`).
    """

    __slots__ = ("start", "end", "kind", "start_value", "end_value", "recurrence", "rule")  # noqa: RUF023

    def __init__(self, start: int, end: int, kind: str, start_value: str | None = None,
                 end_value: str | None = None, recurrence: str | None = None, rule: str = "") -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.start_value = start_value
        self.end_value = end_value
        self.recurrence = recurrence
        self.rule = rule

    def astuple(self) -> tuple[int, int, str, str | None, str | None, str | None, str]:
        """The fields, in order (``dataclasses.astuple`` of the dataclass this was)."""
        return (self.start, self.end, self.kind, self.start_value, self.end_value, self.recurrence, self.rule)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TimeMatch):
            return NotImplemented
        return self.astuple() == other.astuple()

    def __hash__(self) -> int:
        return hash(self.astuple())

    def __repr__(self) -> str:
        return (f"TimeMatch(start={self.start!r}, end={self.end!r}, kind={self.kind!r}, "
                f"start_value={self.start_value!r}, end_value={self.end_value!r}, "
                f"recurrence={self.recurrence!r}, rule={self.rule!r})")


@dataclass(frozen=True)
class _Rule:
    id: str
    # the rule's pattern, or its alternatives as patterns of their own, in order (see _Split)
    sources: tuple[str, ...]
    build: Callable[[regex.Match, dict], TimeMatch | None]  # the match and its _groups
    # the id of an earlier rule that matches wherever this one does (range opens with a date):
    # this rule is then tried only where that one matches (speed only)
    starts_of: str | None = None
    source: str = ""  # the whole pattern, as one string: what the parts must find, match for match
    # per part, characters each of its matches holds: a part is skipped in a plan without them
    needs: tuple[frozenset[str], ...] = ()
    words: bool = False  # plain words, compiled by re (see _compile_words)
    # the parts compiled, each on first use: most never meet their characters in a small file,
    # and compiling them all would add to every cold start
    compiled: list = field(default_factory=list, compare=False, repr=False)
    # a pattern without look-around or group that matches inside the span of every match of the
    # rule: where it matches nowhere in a plan, no part is run (one literal-led search by re
    # instead of a scan per part, each trying a number or a year at every position)
    gate: str | None = None
    # for a rule tried at its host's starts (starts_of): a gate match lies within this many
    # characters from the start of each of its matches, and the rule is tried only where one does
    # (instead of the plan-wide search)
    gate_within: int | None = None
    # per part, clauses of words each of its matches needs one of (:func:`_anchor_words`): a part is
    # not run on a plan holding no word of a clause
    anchors: tuple[tuple[tuple[str, ...], ...], ...] = ()

    @property
    def gate_pattern(self) -> re.Pattern | None:
        if self.gate is None:
            return None
        key = (self.id, self.gate)
        p = _GATES.get(key)
        if p is None:
            p = _GATES[key] = _compile_words(self.gate, where=f"times.{self.id}.gate")
        return p

    def part(self, i: int) -> regex.Pattern | re.Pattern:
        p = self.compiled[i]
        if p is None:
            where = f"times.{self.id}"
            p = self.compiled[i] = (_compile_words(self.sources[i], where=where) if self.words
                                    else compile_pattern(self.sources[i], regex.MULTILINE, where=where))
        return p

    @property
    def parts(self) -> tuple[regex.Pattern | re.Pattern, ...]:
        """All parts compiled."""
        return tuple(self.part(i) for i in range(len(self.sources)))

    @property
    def pattern(self) -> regex.Pattern:
        """The whole pattern compiled (tests compare the parts' matches with its own)."""
        if len(self.sources) == 1 and not self.words:
            return self.part(0)
        key = (self.id, self.source)
        p = _WHOLES.get(key)
        if p is None:
            p = _WHOLES[key] = compile_pattern(self.source, regex.MULTILINE, where=f"times.{self.id}")
        return p


_GATES: dict[tuple[str, str], Any] = {}
_WHOLES: dict[tuple[str, str], Any] = {}


# --------------------------------------------------------------------------- vocabulary
@functools.cache
def _words() -> dict:
    return load("time_words")


def _alt(words) -> str:
    return alternation(words)


def _ph() -> str:
    return "[" + regex.escape(_words()["placeholder_chars"]) + "]"


def _pieces() -> dict[str, str]:
    """The shared sub-patterns (as strings, without groups)."""
    w = _words()
    ph = _ph()
    clock = (r"(?:[012]?\d:[0-5]\d(?::[0-5]\d)?|[012]?\d[点时](?:[0-5]?\d分|半|整)?"
             r"|[一二三四五六七八九十]{1,3}[点时]半?)")
    clock_end = r"(?:[012]?\d:[0-5]\d|[012]?\d[点时])"
    day_period = _alt(w["day_periods"])
    return {
        "ph": ph,
        "ynum": rf"(?:(?:19|20)\d{{2}}|(?:19|20){ph}{{1,2}}|{ph}{{2,4}}|[一二][{_CN_DIGITS}]{{3}})",
        # not inside a longer number, except right after a list marker glued to it (3.2024年6月底前)
        "year_lb": (rf"(?:(?<=^[ \t]{{0,4}}\d{{1,2}}\.)|"
                    rf"(?<![\d.\-/A-Za-z{regex.escape(w['placeholder_chars'])}{_CN_DIGITS}十]))"),
        "mnum": rf"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|元(?=月)|{ph}{{1,2}})",
        "dnum": (rf"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
                 rf"|[一二三四五六七八九]|{ph}{{1,2}})"),
        "mpart": _alt(w["month_parts"]),
        "ypart": "[" + "".join(c for p in w["year_parts"] for c in p["words"]) + "]",
        "tod": (rf"(?:{_SP}(?:{day_period}{_SP}{clock}?|{clock})"
                rf"(?:{_SP}(?:-|—|~|至|到){_SP}{clock_end})?)"),
        "dl": r"(?:之前|以前|为止|前(?![后夕期])|止)",
        "sep": rf"(?:起?{_SP}(?:至|到)|" + "|".join(regex.escape(s) for s in w["range_separators"]) + ")",
        "redacted": (rf"(?:^|(?<={_PUNCT_BEFORE})|(?<={_alt(w['redaction_lead_words'])}))年"),
        "cnum": r"(?:\d{1,3}|[一二两三四五六七八九十半几]{1,3})",
    }


def _date_alts(p: str, *, standalone_month: bool = True, split: bool = False) -> list[str]:
    """The alternatives of a date (year / month / day / part) whose groups are prefixed with ``p``.

    ``split``: the numeric date once per century (``19``/``20``), so that each alternative holds a
    literal the engine can search for (see :func:`_split`).
    """
    s = _pieces()
    year_lb = s["year_lb"] if standalone_month else ""  # after a range separator no look-behind
    year = rf"{year_lb}(?P<{p}y>{s['ynum']}){_SP}年度?"
    month = rf"(?P<{p}m>{s['mnum']}){_SP}月份?(?!{_alt(_words()['month_reject_before'])})"
    day = rf"(?P<{p}d>{s['dnum']}){_SP}(?:日|号(?!{_alt(_words()['day_reject_before'])}))"
    mtail = rf"(?:{_SP}{day}|(?P<{p}mp>{s['mpart']}))?"
    # year, then month (day or part) or a year part (2014年底, 2014年年底)
    alt_year = rf"{year}(?:{_SP}{month}{mtail}|年?(?P<{p}yp>{s['ypart']}))?"
    alt_redacted = rf"(?P<{p}ry>{s['redacted']}){month}{mtail}"
    month_lb = (rf"(?<![\d{_CN_DIGITS}十百千两几个每第本上下当该同半整{regex.escape(_words()['placeholder_chars'])}.])"
                rf"(?<![{_words()['month_word_heads']}][{_CN_DIGITS}十])")
    rel_year = _alt(_words()["relative_year_prefixes"])
    # a list marker glued to the month (1.4月16日至6月30日) is no part of a number, as for years
    marker_lb = r"(?<=^[ \t\u3000]{0,4}\d{1,2}\.)"
    alt_month = rf"(?:{rel_year}|{marker_lb}|{month_lb}){month}{mtail}" if standalone_month else rf"{month}{mtail}"
    numeric_lb = r"(?<![\d.\-/])" if standalone_month else ""
    alt_numeric = [(rf"{numeric_lb}(?P<{p}ny>{c}\d{{2}})(?P<{p}ns>[-./])(?P<{p}nm>1[0-2]|0?[1-9])"
                    rf"(?P={p}ns)(?P<{p}nd>3[01]|[12]\d|0?[1-9])(?!\d)") for c in (("19", "20") if split else ("(?:19|20)",))]
    alt_ypart = (rf"(?<![\d{_CN_DIGITS}十{regex.escape(_words()['placeholder_chars'])}每全逐])"
                 rf"(?P<{p}yw>[今明去当]?年)(?P<{p}yp2>{s['ypart']})")
    alts = [alt_year, alt_redacted, alt_month, *alt_numeric, alt_ypart]
    if not standalone_month:
        alts.append(day)
    return alts


def _date_tail(p: str) -> str:
    """What may follow a date: a time of day, a weekday in brackets (8月8日(星期五))."""
    weekday = rf"(?:{_SP}\((?:{_alt(_words()['weekday_heads'])})[一二三四五六日天]\))?"
    return rf"(?P<{p}t>{_pieces()['tod']})?{weekday}"


def _date_core(p: str, *, standalone_month: bool = True) -> str:
    """A date (year / month / day / part) whose groups are prefixed with ``p``."""
    # Every alternative opens with a look-behind or an optional group, so the engine would try
    # each of them at every position of the text; this one-character guard (a superset of their
    # first characters) lets it skip ahead.
    guard = _date_first_chars() if standalone_month else ""
    return guard + "(?:" + "|".join(_date_alts(p, standalone_month=standalone_month)) + ")" + _date_tail(p)


def _guard(chars: str) -> str:
    """A look-ahead for the characters a rule can start with.

    Speed only: a rule that opens with a look-behind or an optional group makes the engine try
    it at every position of the text; the guard lets it skip to the next possible first
    character. It must list every character a match can start with, or matches are lost.
    """
    return "(?=[" + regex.escape("".join(sorted(set(chars)))) + "])"


def _ynum_first() -> str:
    """First characters of ``ynum``: ``19``/``20``, placeholders, ``一``/``二`` (``一九九八``)."""
    return "12" + _words()["placeholder_chars"] + "一二"


def _mnum_first() -> str:
    """First characters of ``mnum``: digits, ``十``, ``一``-``九``, ``元`` (元月), placeholders."""
    return "0123456789十元" + _CN_DIGITS[3:] + _words()["placeholder_chars"]


def _date_first_chars() -> str:
    """The guard of a standalone date: ``ynum``; ``redacted`` (``年``); relative years and ``mnum``;
    numeric dates (``19``/``20``); ``[今明去当]?年``."""
    rel = "".join(x[0] for x in _words()["relative_year_prefixes"])
    return _guard(_ynum_first() + "年" + rel + _mnum_first() + "今明去当")


# --------------------------------------------------------------------------- values
def _num2(s: str | None, width: int = 2) -> str | None:
    """``9`` → ``09``, ``十一`` → ``11``, ``__`` → ``XX``; None when absent."""
    if s is None:
        return None
    s = s.strip()
    if s.isdigit() and _no_digit_placeholder():
        return f"{int(s):0{width}d}"  # (what the lines below give digits: they hold no placeholder)
    if s == "元":  # 元月: January
        return "01"
    if any(c in _words()["placeholder_chars"] for c in s):
        return "X" * width
    v = int(s) if s.isdigit() else parse_cn_int(s)
    return None if v is None else f"{v:0{width}d}"


@functools.cache
def _no_digit_placeholder() -> bool:
    """No placeholder character is a digit: a run of digits then holds no placeholder (speed only)."""
    return not any(c.isdigit() for c in _words()["placeholder_chars"])


def _year(s: str) -> str:
    """``2010`` / ``二〇一〇`` / ``20××`` / ``**`` → ``2010`` / ``2010`` / ``20XX`` / ``XXXX``."""
    if s.isdigit() and _no_digit_placeholder():
        return s  # (what the lines below give digits)
    ph = _words()["placeholder_chars"]
    if any(c in ph for c in s):
        digits = "".join(c for c in s if c.isdigit())
        return (digits + "XXXX")[:4] if digits else "XXXX"
    if s.isdigit():
        return s
    v = parse_cn_int(s)
    return str(v) if v is not None else "XXXX"


@functools.cache
def _ypart_month() -> dict[str, str]:
    return {c: p["month"] for p in _words()["year_parts"] for c in p["words"]}


_GROUP_NAMES: dict[regex.Pattern, tuple[str | None, ...]] = {}


def _groups(m: regex.Match) -> dict[str | None, str | None]:
    """``m.groupdict()``, read from ``m.groups()``: the same values, at a fraction of the cost.

    (The ``regex`` module builds a name index on every ``groupdict()`` and named look-up; the
    names by group number are kept here once per pattern. Unnamed groups fall under ``None``.)
    """
    names = _GROUP_NAMES.get(m.re)
    if names is None:
        by_number = {i: n for n, i in m.re.groupindex.items()}
        names = _GROUP_NAMES[m.re] = tuple(by_number.get(i) for i in range(1, m.re.groups + 1))
    return dict(zip(names, m.groups(), strict=False))  # (as many names as groups: read from the pattern)


def _parts(g: dict, p: str) -> tuple[str | None, str | None, str | None]:
    """(year, month, day) of a date matched by :func:`_date_core` with prefix ``p`` (its :func:`_groups`)."""
    ny, nm, nd, yw, yp2, y, ry, yp, m, d = _part_keys(p)
    if g.get(ny):
        return g[ny], _num2(g[nm]), _num2(g[nd])
    if g.get(yw):
        return "XXXX", _ypart_month()[g[yp2]], None
    year = _year(g[y]) if g.get(y) else ("XXXX" if g.get(ry) is not None else None)
    if g.get(yp):
        return year, _ypart_month()[g[yp]], None
    return year, _num2(g.get(m)), _num2(g.get(d))


@functools.cache
def _part_keys(p: str) -> tuple[str, ...]:
    """The group names :func:`_parts` reads for prefix ``p`` (made once, not per match)."""
    return tuple(p + k for k in ("ny", "nm", "nd", "yw", "yp2", "y", "ry", "yp", "m", "d"))


def _iso(y: str | None, mo: str | None, d: str | None) -> str:
    out = y or "XXXX"
    if mo:
        out += "-" + mo
        if d:
            out += "-" + d
    return out


def _valid(y: str | None, mo: str | None, d: str | None) -> bool:
    if mo and mo != "XX" and not 1 <= int(mo) <= 12:
        return False
    return not (d and d != "XX" and not 1 <= int(d) <= 31)


# --------------------------------------------------------------------------- builders
def _build_date(m: regex.Match, g: dict) -> TimeMatch | None:
    y, mo, d = _parts(g, "a")
    if not _valid(y, mo, d):
        return None
    # a placeholder month with neither year nor day (X月) says nothing
    if mo == "XX" and y is None and d is None:
        return None
    return TimeMatch(m.start(), m.end(), "date", _iso(y, mo, d), rule="date" if not g.get("ary") else "date_redacted")


def _build_range(m: regex.Match, g: dict) -> TimeMatch | None:
    ay, am, ad = _parts(g, "a")
    by, bm, bd = _parts(g, "b")
    if not (_valid(ay, am, ad) and _valid(by, bm, bd)):
        return None
    if by is None and bm is None and bd is None:
        return None
    # inherit the missing higher-order parts from the start
    if g["bnext"]:  # 次年一月三十一日: the year after the start's
        by = str(int(ay) + 1) if ay and ay.isdigit() else None
    elif by is None:
        by = ay
        if bm is None:
            bm = am
    if bd and not bm:
        return None
    start, end = _iso(ay, am, ad), _iso(by, bm, bd)
    if start == end and not (ay or "").count("X") and "X" not in start:
        return None
    return TimeMatch(m.start(), m.end(), "range", start, end, rule="range")


def _build_open_range(m: regex.Match, g: dict) -> TimeMatch | None:
    """即日起至2025年3月底: a range whose start is the plan's issue, left null."""
    by, bm, bd = _parts(g, "b")
    if not _valid(by, bm, bd) or (by is None and bm is None):
        return None
    return TimeMatch(m.start(), m.end(), "range", None, _iso(by, bm, bd), rule="open_range")


def _build_year_range(m: regex.Match, g: dict) -> TimeMatch | None:
    a, b = g["ya"], g["yb"]
    if int(b) <= int(a):
        return None
    return TimeMatch(m.start(), m.end(), "range", a, b, rule="year_range")


def _build_month_range(m: regex.Match, g: dict) -> TimeMatch | None:
    y = _year(g["ay"]) if g["ay"] else None
    a, b = _num2(g["am"]), _num2(g["bm"])
    if not (a and b and _valid(y, a, None) and _valid(y, b, None)) or int(b) <= int(a):
        return None
    return TimeMatch(m.start(), m.end(), "range", _iso(y, a, None), _iso(y, b, None), rule="month_range")


def _build_day_range(m: regex.Match, g: dict) -> TimeMatch | None:
    y = _year(g["ay"]) if g["ay"] else None
    mo, a, b = _num2(g["am"]), _num2(g["ad"]), _num2(g["bd"])
    if not (mo and a and b and _valid(y, mo, a) and _valid(y, mo, b)) or "X" in a + b or int(b) <= int(a):
        return None
    return TimeMatch(m.start(), m.end(), "range", _iso(y, mo, a), _iso(y, mo, b), rule="day_range")


@functools.cache
def _unit_recurrence() -> dict[str, str]:
    return {word: u["recurrence"] for u in _words()["recurrence_units"] for word in u["words"]}


def _recurrence(base: str, mult: str | None) -> str:
    n = 1
    if mult:
        n = int(mult) if mult.isdigit() else (parse_cn_int(mult) or 1)
    if n == 1:
        return base
    known = _words()["recurrence_multiples"].get(base, {})
    if n in known:
        return known[n]
    unit = {"daily": "days", "weekly": "weeks", "monthly": "months", "yearly": "years",
            "quarterly": "quarters"}.get(base, base)
    return f"every_{n}_{unit}"


def _build_recurring(m: regex.Match, g: dict) -> TimeMatch | None:
    unit = next(g[k] for k in ("uw", "um", "uy", "ux") if g[k])
    rec = _unit_recurrence().get(unit.lstrip("个")) or _unit_recurrence().get(unit)
    if rec is None:
        return None
    return TimeMatch(m.start(), m.end(), "recurring", recurrence=_recurrence(rec, g["mult"]), rule="recurring")


def _build_per_unit(m: regex.Match, g: dict) -> TimeMatch | None:
    return TimeMatch(m.start(), m.end(), "recurring", recurrence=_words()["per_units"][g["pu"]], rule="per_unit")


def _build_frequency(m: regex.Match, g: dict) -> TimeMatch | None:
    unit = g["fu"].lstrip("个")
    half = g["fn"] == "半"
    base = _words()["frequency_units"].get("半" + unit if half else unit)
    if base is None:
        return None
    mult = g["fn"] if g["fn"] not in (None, "一", "1", "半") else None
    return TimeMatch(m.start(), m.end(), "recurring", recurrence=_recurrence(base, mult), rule="frequency")


def _build_period(m: regex.Match, g: dict) -> TimeMatch | None:
    return TimeMatch(m.start(), m.end(), "period", rule="period")


@functools.cache
def _clause_seasons() -> tuple[frozenset[str], str, tuple[str, ...]]:
    w = _words()
    return frozenset(w["clause_seasons"]), str(w["clause_openers"]), tuple(w["season_year_leads"])


def _build_word_period(m: regex.Match, g: dict) -> TimeMatch | None:
    """A period word; a single season only where it opens a clause (夏季落实…, not 开展春季劳动周)."""
    seasons, openers, leads = _clause_seasons()
    a = m.start()
    if a > 0 and m.group() in seasons:
        s = m.string
        if s[a - 1] not in openers and not s.endswith(leads, 0, a):
            return None
    return TimeMatch(a, m.end(), "period", rule="period")


def _build_half_year(m: regex.Match, g: dict) -> TimeMatch | None:
    start = None
    if g["ay"]:
        start = _year(g["ay"]) + "-" + _words()["half_years"][g["h"]]
    return TimeMatch(m.start(), m.end(), "period", start, rule="half_year")


def _build_quarter(m: regex.Match, g: dict) -> TimeMatch | None:
    q = _num2(g["q"], 1)
    months = _words()["quarter_months"]
    if q is None or int(q) not in months:
        return None
    start = _year(g["ay"]) + "-" + months[int(q)] if g["ay"] else None
    return TimeMatch(m.start(), m.end(), "period", start, rule="quarter")


def _build_duration(m: regex.Match, g: dict) -> TimeMatch | None:
    return TimeMatch(m.start(), m.end(), "duration", rule="duration")


def _build_bare_year(m: regex.Match, g: dict) -> TimeMatch | None:
    return TimeMatch(m.start(), m.end(), "date", g["y"], rule="bare_year")


def _series_items(m: regex.Match) -> list[TimeMatch]:
    """Split ``日排查、周书面汇报`` into one recurring expression per item."""
    item = _series_item_pattern()
    units = _words()["series_units"]
    out = []
    for im in item.finditer(m.string, m.start(), m.end()):
        out.append(TimeMatch(im.start(), im.end(), "recurring", recurrence=units[im[1]], rule="series"))
    return out if len(out) >= 2 and len({t.recurrence for t in out}) >= 2 else []


@functools.cache
def _series_item_pattern() -> regex.Pattern:
    w = _words()
    units = "[" + "".join(w["series_units"]) + "]"
    return compile_pattern(rf"(?P<su>{units})[\u4e00-\u9fff]{{0,3}}?{_alt(w['series_verbs'])}",
                           where="time_words.series")


# --------------------------------------------------------------------------- rules
@dataclass(frozen=True)
class _Split:
    """A rule ``prefix(?:alt|alt|…)suffix`` run as one pattern per alternative (speed only).

    The engine skips ahead to a literal every match must hold (``年``, ``半年``, ``以来``) and tries
    the pattern only around it; a rule whose alternatives hold different literals has none, and
    is tried at every position. Run apart, each alternative has its literal, and the rule's match
    at a position is its first alternative that matches there (:func:`_rule_matches`). That is
    exact when ``prefix`` makes no choice (look-arounds, fixed text): the engine then tries the
    alternatives in order at each position, each with all its own choices, before moving on.
    ``whole``: the rule as one pattern when it is written otherwise (tests compare the two).
    """

    prefix: str
    alts: list[str]
    suffix: str
    whole: str | None = None


@diskcache.memo("times.required_chars")
def _required_chars(pattern: str) -> frozenset[str]:
    """Characters every match of ``pattern`` holds (speed only: the part is skipped without them).

    Read from the standard library's parse of the pattern: literals in its main sequence, in
    groups and in repeats of at least one, and those common to all branches; nothing from
    look-arounds (a look-behind may look outside the plan), sets or case-insensitive groups.
    Group names are dropped first (alternatives reuse them) and back-references require
    nothing. A pattern the parser refuses requires nothing: it only runs everywhere.
    """
    if regex.search(r"(?<!\\)\{(?![\d,])", pattern):  # a fuzzy match {e<=1}: literals to the standard parser
        return frozenset()
    plain = regex.sub(r"(?<!\\)\(\?P=\w+\)", "", regex.sub(r"(?<!\\)\(\?P<\w+>", "(?:", pattern))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. a POSIX class the two parsers read differently
            tree = _sre_parse.parse(plain)
    except Exception:  # any refusal only costs speed
        return frozenset()
    if tree.state.flags & _sre_c.SRE_FLAG_IGNORECASE:
        return frozenset()
    return frozenset(_required_in(tree))


def _required_in(seq) -> set[str]:
    out: set[str] = set()
    for op, av in seq:
        if op is _sre_c.LITERAL:
            out.add(chr(av))
        elif op is _sre_c.SUBPATTERN:
            if not av[1] & _sre_c.SRE_FLAG_IGNORECASE:
                out |= _required_in(av[3])
        elif op in (_sre_c.MAX_REPEAT, _sre_c.MIN_REPEAT):
            if av[0] >= 1:
                out |= _required_in(av[2])
        elif op is _sre_c.BRANCH:
            out |= set.intersection(*(_required_in(b) for b in av[1]))
    return out


_ANCHORS_MAX = 5  # more words cost about as many looks through the plan as the part's own search
_ANCHOR_BEHIND = 8  # the widest look-behind words are read from: they may stand this far before the plan


def _anchor_words(pattern: str) -> tuple[tuple[str, ...], ...]:
    """Clauses of words that every match of ``pattern`` needs in the text it is searched in: one word
    of each clause (:func:`planparse.resources.required_clauses`, strongest first), read from
    ``_ANCHOR_BEHIND`` characters before the search's start on (look-behinds). () when none is known.

    Kept: at most two clauses of at most ``_ANCHORS_MAX`` words, each of two characters or more (a
    character alone is :func:`_present`'s). Speed only: ``str.find`` goes through a plan at a few
    instructions a character, where a pattern's search costs ten or more, so on a plan holding no
    word of a clause the part's search is spared.
    """
    reach = lookbehind_reach(pattern)
    if reach is None or reach > _ANCHOR_BEHIND:
        return ()
    return tuple(c for c in required_clauses(pattern)
                 if len(c) <= _ANCHORS_MAX and min(len(w) for w in c) >= 2)[:2]


def _any_in(clauses: tuple[tuple[str, ...], ...], text: str, start: int, end: int,
            seen: dict[tuple[str, ...], bool]) -> bool:
    """Does ``text[start - _ANCHOR_BEHIND:end]`` hold a word of each clause (:func:`_anchor_words`)?

    ``seen``: the answers of this scan so far, by clause (the parts of a rule often share one).
    """
    for words in clauses:
        hit = seen.get(words)
        if hit is None:
            a = start - _ANCHOR_BEHIND
            hit = False
            for w in words:
                if text.find(w, a if a > 0 else 0, end) >= 0:  # (max: a builtin call costs ~800 instructions)
                    hit = True
                    break
            seen[words] = hit
        if not hit:
            return False
    return True


@diskcache.memo("times.max_width")
def _max_width(pattern: str) -> int | None:
    """The most characters a match of ``pattern`` spans (look-arounds aside); None when unbounded
    or when the standard library's parser refuses it.

    Group names are dropped and each back-reference stands for the groups of its name. Kept on
    disk (a pure function of the pattern's text): parsing the date-range pattern costs ~10M
    instructions in every process.
    """
    bodies: dict[str, list[str]] = {}
    for m in regex.finditer(r"(?<!\\)\(\?P<(\w+)>", pattern):
        body = group_body(pattern, m.end())
        if body is None:
            return None
        bodies.setdefault(m[1], []).append(body)
    plain = regex.sub(r"(?<!\\)\(\?P=(\w+)\)", lambda m: "(?:" + "|".join(bodies.get(m[1], [""])) + ")", pattern)
    plain = regex.sub(r"(?<!\\)\(\?P<\w+>", "(?:", plain)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            hi = _sre_parse.parse(plain).getwidth()[1]
    except Exception:
        return None
    return None if hi >= _sre_c.MAXREPEAT else hi


def _present(text: str, start: int, end: int) -> frozenset[str]:
    """Which of the characters some part requires occur in ``text[start:end]``.

    (``c in`` a copy of the region: a third of what ``text.find(c, start, end)`` costs per character.)
    """
    region = text[start:end]
    return frozenset(c for c in _needed_chars() if c in region)


@functools.cache
def _needed_chars() -> frozenset[str]:
    return frozenset().union(*(n for r in _rules() for n in r.needs), *(n for n, _ in _series_item_parts()))


def _ordered(words) -> list[str]:
    """The words, escaped, in the order :func:`alternation` tries them (longest first)."""
    return [regex.escape(x) for x in sorted(set(words), key=lambda x: (-len(x), x))]


def _compile_words(pattern: str, *, where: str) -> re.Pattern:
    """A pattern of plain words (no look-around, no group) compiled by the standard ``re``.

    (Also the rules' gates, words with optional characters between them.)

    Speed only. Such a pattern holds no literal every match must contain, so the ``regex``
    engine tests each position against each first character; ``re`` skips through the text
    with a table of the first characters (a third of the instructions on the period words).
    Both engines give a plain alternation the same matches (leftmost, first alternative); the
    linear-time check applies as to every pattern.
    """
    check_pattern(pattern, where=where)
    return compile_std(pattern)


def _one_of(words) -> str:
    """``_alt(words)``, as ``[上下]半年`` when the words differ only in their first character.

    Same matches; the engine then has a literal (``半年``) to search for.
    """
    words = sorted(set(words))
    rest = {x[1:] for x in words}
    if len(words) > 1 and len(rest) == 1 and all(len(x) > 1 for x in words):
        return "[" + regex.escape("".join(x[0] for x in words)) + "]" + regex.escape(rest.pop())
    return _alt(words)


@functools.cache
def _rules() -> tuple[_Rule, ...]:
    w = _words()
    s = _pieces()
    sep = s["sep"]
    rules: list[tuple[str, str | _Split, Callable]] = []

    date = _date_core("a")
    rules.append(("date", _Split("", _date_alts("a", split=True), rf"{_date_tail('a')}(?P<adl>{s['dl']})?",
                                 whole=rf"{date}(?P<adl>{s['dl']})?"), _build_date))
    next_year = _alt(w["range_end_next_year"])
    rules.append(("range", rf"{date}{_SP}{sep}{_SP}(?P<bnext>{next_year})?{_date_core('b', standalone_month=False)}"
                           rf"(?:{s['dl']})?",
                  _build_range))
    rules.append(("year_range",
                  _Split(r"(?:(?<=^[ \t]{0,4}\d{1,2}\.)|(?<![\d.\-/]))(?P<ya>", ["19", "20"],
                         rf"\d{{2}}){_SP}{sep}{_SP}(?P<yb>(?:19|20)\d{{2}}){_SP}学?年度?"),
                  _build_year_range))
    rules.append(("open_range", _Split("", _ordered(w["open_range_starts"]),
                                       rf"{_SP}(?:至|到){_SP}{_date_core('b')}(?:{s['dl']})?"),
                  _build_open_range))
    rules.append(("year_since", rf"{s['year_lb']}(?P<ay>(?:19|20)\d{{2}}){_SP}年{_SP}{w['since_suffix']}",
                  lambda m, g: TimeMatch(m.start(), m.end(), "period", g["ay"], rule="year_since")))
    year_opt = rf"(?:{s['year_lb']}(?P<ay>{s['ynum']}){_SP}年)?"
    mnum_plain = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
    rules.append(("month_range",
                  rf"{year_opt}(?<![\d.])(?P<am>{mnum_plain}){_SP}{sep}{_SP}(?P<bm>{mnum_plain}){_SP}月份?"
                  rf"(?:{s['dl']})?", _build_month_range))
    rules.append(("day_range",
                  rf"{year_opt}(?P<am>{s['mnum']}){_SP}月(?P<ad>{s['dnum']}){_SP}[日号]?{_SP}{sep}{_SP}"
                  rf"(?P<bd>{s['dnum']}){_SP}[日号](?:{s['dl']})?", _build_day_range))

    # recurring: 每 + unit (+ weekday / days / part) (+ time) (+ deadline) (+ count)
    dnum, cnt = s["dnum"], _alt(w["recurrence_count_words"])
    rec = (rf"每逢?{_SP}(?P<mult>[1-9]\d(?=日|天|个?月|周)|[两二三四五六七八九十2-9])?(?:"
           rf"(?P<uw>周|星期|礼拜)(?:[一二三四五六日天](?![次期遍回个])"
           rf"(?:(?:[、,和及至到]|{_SP}-{_SP})(?:周|星期)?[一二三四五六日天](?![次期遍回个])){{0,6}})?"
           rf"|(?P<um>个?月)(?:{dnum}(?:[、,和及]{dnum}){{0,6}}[日号]|{s['mpart']})?"
           rf"|(?P<uy>学?年度?)(?:年?{s['ypart']}|的?{s['mnum']}月份?(?:(?:[、,和及]|{sep}){s['mnum']}月份?){{0,11}}"
           rf"(?:{dnum}[日号]|{s['mpart']})?)?"
           rf"|(?P<ux>半个?月|个?季度|季|半年|个?工作日|个?小时|天|日|晚|夜|早|学期))"
           rf"(?:{s['tod']})?(?:{s['dl']})?(?:{_SP}[一二两三四五六七八九十1-9]{_SP}{cnt})?")
    rules.append(("recurring", rec, _build_recurring))
    rules.append(("per_unit", _Split("", ["按", "逐"], rf"(?P<pu>{_alt(w['per_units'])})(?!份|度|计划|目标|要求)"),
                  _build_per_unit))
    su = "[" + "".join(w["series_units"]) + "]"
    routine_lead, routine_tail = rf"(?<={_alt(w['routine_leads'])})(?P<su>", \
        rf")(?:{_alt(w['series_verbs'])})(?={_alt(w['routine_tails'])})"
    rules.append(("routine", _Split(routine_lead, [regex.escape(u) for u in w["series_units"]], routine_tail,
                                    whole=routine_lead + su + routine_tail), _build_routine))
    # the prefix makes no choice: a one-character number, units that cannot match at one
    # position together, a one-character count
    rules.append(("frequency",
                  _Split(rf"(?<![\d{_CN_DIGITS}十每第])(?P<fn>[一两二三四五六半1-9])(?P<fu>个?月|季度|年|周|天)"
                         rf"(?:[一两二三1-9])", _ordered(w["recurrence_count_words"]), ""), _build_frequency))

    # periods
    per_words = [x for p in w["periods"] for x in p["words"]]
    since = w["since_suffix"]
    per = trie_alternation(per_words)
    # 寒假、暑假期间: periods joined by 、/和 that share one 期间 are one period; 秋季运动会 names an event
    rules.append(("period", rf"{per}(?:(?:[、和]{per}){{1,3}}期间|{since}|期间)?(?!季?{_alt(w['period_reject_before'])})",
                  _build_word_period))
    for cp in w["conditional_periods"]:
        cond = ""
        if cp.get("reject_before"):
            cond = f"(?!{_alt(cp['reject_before'])})"
        if cp.get("require_before"):
            cond = f"(?={_alt(cp['require_before'])})"
        if cp.get("reject_after"):
            cond = f"(?<!{_alt(cp['reject_after'])}{regex.escape(cp['word'])})" + cond
        rules.append((cp["id"], regex.escape(cp["word"]) + cond, _build_period))
    fest = trie_alternation(w["festivals"])  # 元旦、春节等节日前: the festivals named belong to the period
    # 春节、清明节前后和农忙时节: a period joined after the festivals' suffix belongs to it
    rules.append(("festival", rf"{fest}(?:[、和]{fest}){{0,3}}{_alt(w['festival_suffixes'])}(?:[、和]{per})?",
                  _build_period))
    rules.append(("festival_list", rf"{fest}(?:[、和]?{fest}){{0,6}}等节假?日(?:{_alt(w['festival_suffixes'])}|前)",
                  _build_period))
    ev = _alt(w["event_period_heads"])
    rules.append(("event_period", rf"(?:{_alt(w['relative_year_prefixes'])})?{ev}(?:[、和]{ev}){{0,3}}期间", _build_period))
    half = _one_of(w["half_years"])
    rules.append(("half_year",
                  rf"(?:{s['year_lb']}(?P<ay>{s['ynum']}){_SP}年|(?:今|明|去|本)年)?(?P<h>{half})(?:{since})?",
                  _build_half_year))
    rules.append(("quarter",
                  rf"(?:{s['year_lb']}(?P<ay>{s['ynum']}){_SP}年度?|{s['redacted']})?"
                  rf"(?<!每)第?(?P<q>[一二三四1-4])季度(?:[初末底]|{since})?", _build_quarter))
    # 2023年汛期, 2015年春季: a season of a stated year is a period starting with that year
    seasons = [x for p in w["periods"] if p["id"] == "seasons" for x in p["words"]]
    rules.append(("year_season",
                  rf"{s['year_lb']}(?P<ay>{s['ynum']}){_SP}年度?{_SP}(?:{_alt(seasons)})(?:期间)?",
                  lambda m, g: TimeMatch(m.start(), m.end(), "period", _year(g["ay"]), rule="year_season")))
    # 2025年全年: the whole of a stated year is one period starting with it (not a date and 全年)
    rules.append(("year_whole",
                  rf"{s['year_lb']}(?P<ay>{s['ynum']}){_SP}年度?{_SP}全年",
                  lambda m, g: TimeMatch(m.start(), m.end(), "period", _year(g["ay"]), rule="year_whole")))
    recent_heads = ["近", "今后", "未来", "最近"]
    recent_rest = rf"{_SP}{s['cnum']}{_SP}个?(?:年|月)(?:来|以来)?"
    recent_count = rf"(?<![\d{_CN_DIGITS}十第每])[一二两三四五六七八九十]{{1,2}}年(?:来|以来)"
    rules.append(("recent_years",
                  _Split("", [h + recent_rest for h in recent_heads] + [recent_count], "",
                         whole=rf"(?:{'|'.join(recent_heads)}){recent_rest}|{recent_count}"), _build_period))
    # the optional opening quote makes no real choice: no alternative starts with a quote
    rules.append(("named_period",
                  _Split(r'[“\"]?', ["十[一二三四五六七八九]五", "[一二三四五六七八九]五普法"],
                         rf'[”\"]?(?:{_alt(w["named_period_suffixes"])}|第[一二三四五]年)'), _build_period))

    # durations
    units = _alt(w["duration_units"])
    tails = _alt(w["duration_tails"])
    cn = s["cnum"]
    num_lb = (rf"(?<![\d.{_CN_DIGITS}十百千两几每第下本这那近])(?<!(?<!{_alt(w['duration_lb_exempt'])})上)"
              rf"(?<!{_alt(w['duration_reject_leads'])}{_SP})"
              rf"(?<!{_alt(w['duration_reject_adverbs'])}[\u4e00-\u9fff]{{1,3}})")
    rules.append(("duration_lead", _Split("", _ordered(w["duration_number_leads"]), rf"{_SP}{cn}{_SP}{units}"),
                  _build_duration))
    # the number makes no choice: it is followed by a unit or a space, never by a digit
    rules.append(("duration_tail", _Split(rf"{num_lb}{cn}{_SP}", _ordered(w["duration_units"]), rf"{_SP}{tails}"),
                  _build_duration))
    rules.append(("duration_unit",
                  _Split(rf"{num_lb}{cn}{_SP}", ["个小时", "小时", "分钟", "个月", "个工作日", "工作日", "周(?![年岁])"], ""),
                  _build_duration))
    # 带教期为1年: a term's length (one year too)
    rules.append(("term_years", rf"(?<={_alt(w['term_leads'])}{_SP}){cn}{_SP}年(?![级制度初底末终内])", _build_duration))
    # 两年, 三年 (not 一年: 一年不少于4次 is a rate)
    rules.append(("duration_years",
                  rf"(?<![\d.{_CN_DIGITS}十百千两几每第上下本这那近前后今明去当逐多同历全次翌个])"
                  rf"(?<!{_alt(w['duration_reject_leads'])}{_SP})"
                  rf"(?:[二两三四五六七八九十]|[2-9]){_SP}年(?![级制度初底末终内来前后里半以之期次轮份代])"
                  rf"(?!{_SP}{_alt(w['duration_years_reject_before'])})"
                  r"(?![^\s,。;、:]{0,5}率)",  # 戒断三年未复吸率: part of a rate's name
                  _build_duration))

    # a year the publisher removed, standing alone: 到年,通过… / 年,蔬菜基地…
    rules.append(("redacted_year",
                  rf"(?:^|(?<=[\s,。;:])){_alt(w['redacted_bare_year_leads'])}?年(?=[,。;])",
                  lambda m, g: TimeMatch(m.start(), m.end(), "date", "XXXX", rule="redacted_year")))

    # a bare year in a title or phrase: 2017社区民主法治创建工作计划
    unit_chars = regex.escape(w["count_unit_chars"])
    rules.append(("bare_year",
                  _Split(rf"(?<![\d.\-/:A-Za-z{regex.escape(w['placeholder_chars'])}])(?<!{_alt(w['count_lead_words'])})"
                         r"(?P<y>", ["19[5-9]", r"20\d"], rf"\d)(?=[\u4e00-\u9fff])(?![{unit_chars}年])"),
                  _build_bare_year))

    # first-character guards (speed only, see _guard) where they pay: rules opening with an
    # optional year; date and range carry theirs in _date_core
    guards = {"month_range": _guard(_ynum_first() + _mnum_first()),
              "day_range": _guard(_ynum_first() + _mnum_first())}
    # literal gates (speed only, see _Rule.gate) where they pay: rules whose parts open with a
    # number or a year the engine tries everywhere, and end in words seldom met together
    # (a gate only says whether it matches: written as tries, re tries fewer branches per position)
    gates = {"duration_tail": rf"{trie_alternation(w['duration_units'])}{_SP}{trie_alternation(w['duration_tails'])}",
             "year_season": rf"年度?{_SP}{_alt(seasons)}",
             "year_whole": rf"年度?{_SP}全年",
             "year_since": rf"年{_SP}{since}"}
    # range: its first date, then a separator (起至 and the space before 至 aside)
    sep_words = _alt(["至", "到", *w["range_separators"]])
    gates["range"] = sep_words
    gate_within = {"range": _max_width(rf"{date}{_SP}起?{_SP}{sep_words}")}
    starts_of = {"range": "date"}  # range is date's first date, a separator, a second date
    plain_words = {"period", "festival"}  # compiled by re (see _compile_words)
    out = []
    for rid, pat, build in rules:
        if isinstance(pat, _Split):
            parts = [pat.prefix + "(?:" + a + ")" + pat.suffix for a in pat.alts]
            whole = pat.whole or pat.prefix + "(?:" + "|".join(pat.alts) + ")" + pat.suffix
        else:
            if rid in guards:
                pat = guards[rid] + "(?:" + pat + ")"
            parts, whole = [pat], pat
        out.append(_Rule(rid, tuple(parts), build, starts_of.get(rid), whole, tuple(_required_chars(x) for x in parts),
                         rid in plain_words, [None] * len(parts), gates.get(rid), gate_within.get(rid),
                         tuple(_anchor_words(x) for x in parts)))
    # the series (日排查、周汇报) is handled apart: one match gives several expressions
    return tuple(out)


def _build_routine(m: regex.Match, g: dict) -> TimeMatch | None:
    return TimeMatch(m.start(), m.end(), "recurring", recurrence=_words()["series_units"][g["su"]], rule="routine")


# a series item: a unit, up to _SERIES_FILL characters, a verb; up to _SERIES_OWNER characters (who
# does it: 班组日检查、车间周检查) may open each item; _SERIES_MORE items at most after the first
_SERIES_OWNER, _SERIES_FILL, _SERIES_MORE = 4, 3, 4


@functools.cache
def _series_pattern() -> regex.Pattern:
    w = _words()
    units = "[" + "".join(w["series_units"]) + "]"
    item = rf"{units}[\u4e00-\u9fff]{{0,{_SERIES_FILL}}}?{_alt(w['series_verbs'])}"
    owner = rf"[\u4e00-\u9fff]{{0,{_SERIES_OWNER}}}?"
    return compile_pattern(rf"(?:^|(?<={_PUNCT_BEFORE})|(?<=实行|实施|坚持|落实|建立|做到|推行|执行)){owner}{item}"
                           rf"(?:[、,和及]{owner}{item}){{1,{_SERIES_MORE}}}", regex.MULTILINE, where="times.series")


@functools.cache
def _series_item_parts() -> tuple[tuple[frozenset[str], regex.Pattern], ...]:
    """The series item once per unit (each has a literal the engine searches for), with what it requires."""
    w = _words()
    pats = [rf"{regex.escape(u)}[\u4e00-\u9fff]{{0,{_SERIES_FILL}}}?{_alt(w['series_verbs'])}" for u in w["series_units"]]
    return tuple((_required_chars(x), compile_pattern(x, where="time_words.series")) for x in pats)


def _series_matches(text: str, start: int, end: int, present: frozenset[str] | None = None):
    """``_series_pattern().finditer(text, start, end)``, searched only where two items are close.

    The pattern opens with look-behinds and has no literal, so the engine would try it at every
    position. A match opens with an item at most _SERIES_OWNER characters in, and the next item
    starts at most ``gap`` characters after it; the items are found first (a literal search).
    The search around such a pair reads at most the pattern's width past its start (it has no
    look-ahead), so cutting the text there changes no match starting up to the first item.
    """
    present = _present(text, start, end) if present is None else present
    found = set()
    for needs, part in _series_item_parts():
        if needs <= present:
            m = part.search(text, start, end)  # an overlapped scan: each search from after the last start
            while m is not None:
                a = m.start()
                found.add(a)
                m = part.search(text, a + 1, end)
    items = sorted(found)
    if len(items) < 2:
        return
    item_width = 1 + _SERIES_FILL + max(len(v) for v in _words()["series_verbs"])
    gap = item_width + 1 + _SERIES_OWNER
    width = _SERIES_OWNER + item_width + _SERIES_MORE * (1 + _SERIES_OWNER + item_width)
    pattern = _series_pattern()
    last = start
    for a, b in itertools.pairwise(items):
        if b - a > gap or a < last:
            continue
        m = pattern.search(text, max(a - _SERIES_OWNER, last), min(end, a + width + 1))
        if m is not None and m.start() <= a:
            yield m
            last = m.end()


# --------------------------------------------------------------------------- filters
_WINDOW = 200  # how far the filters look around a match: keeps the scan linear on break-less pages


@functools.cache
def _filter_patterns() -> dict[str, Any]:
    """The filters' patterns, compiled once (they run on every candidate), each run as its twin by the
    standard ``re`` where there is one (:func:`std_twin`, same matches; class escapes written out: they
    run on a sentence at most): a call of ``re`` costs a fraction of a ``regex`` module's."""
    w = _words()
    pats = {
        "cited_head": (_alt(w["cited_document_heads"]) + r"[\u4e00-\u9fff]{0,4}$", 0),
        "cited_tail": (r"[^。,;:!?\n]{0,60}?" + _alt(w["cited_document_tails"]), 0),
        "file_name": (r"[^\s。,;!?]{0,40}?\.(?:docx?|pdf|wps|txt|pptx?|xlsx?)(?![A-Za-z])", regex.IGNORECASE),
        "label_before": (_alt(w["chrome_labels"]) + r"[\s:]{0,3}$", 0),
        "numeric_date": (r"(?:19|20)\d\d([-/.])\d{1,2}\1\d", 0),
        "seconds": (r"\d:[0-5]\d:[0-5]\d", 0),
        "chrome_words": (_alt(w["chrome_line_words"]), 0),  # any of them inside the sentence
        "clock_after": (r"\s*[012]?\d:[0-5]\d", 0),
    }
    return {k: std_twin(compile_pattern(pat, flags, where=f"times.filter.{k}"), classes=True)
            for k, (pat, flags) in pats.items()}


def _line_bounds(text: str, a: int, b: int) -> tuple[int, int]:
    """The line around ``[a, b)``, at most ``_WINDOW`` characters either side."""
    # (conditional expressions: a builtin max or min call costs ~800 instructions)
    lo, hi = (a - _WINDOW if a > _WINDOW else 0), (b + _WINDOW if b + _WINDOW < len(text) else len(text))
    ls = text.rfind("\n", lo, a)
    le = text.find("\n", b, hi)
    return (lo if ls < 0 else ls + 1), (hi if le < 0 else le)


def _in_citation(text: str, a: int, b: int) -> bool:
    """Inside a cited title ``《…》`` or a document number ``〔2018〕``/``[2018]``."""
    lo = a - 80 if a > 80 else 0  # (max: a builtin call costs ~800 instructions)
    op = text.rfind("《", lo, a)
    if op >= 0 and text.find("》", op, a) < 0 and 0 <= text.find("》", b, b + 80):
        return True
    if a > 0 and text[a - 1] in "〔[【" and b < len(text) and text[b] in "〕]】":
        return True
    # a document cited without 《》: 关于(转发)20xx年…方案的通知
    h = a - 10 if a > 10 else 0
    if _cited_heads().search(text, h, a):  # a head word in the 10 characters before
        head = text[h:a]
        f = _filter_patterns()
        if f["cited_head"].search(head) and f["cited_tail"].match(text[b:b + 80]):
            return True
    # an edition: 《…目录》(2019年本), 2022年版
    return text[b:b + 1] == "版" or (text[b:b + 2] in ("本)", "本〕") and text[max(0, a - 2):a] == "》(")


@functools.cache
def _cited_heads() -> re.Pattern:
    """The cited-document head words (关于), plain words compiled by ``re`` (see :func:`_compile_words`), as a
    trie (only whether one is there is read: fewer branches tried per position)."""
    return _compile_words(trie_alternation(_words()["cited_document_heads"]), where="time_words.cited_document_heads")


def _sentence_bounds(text: str, a: int, b: int) -> tuple[int, int]:
    """The sentence around ``[a, b)``: page text often has no line breaks at all."""
    lo, hi = max(0, a - _WINDOW), min(len(text), b + _WINDOW)
    starts = [i + 1 for i in (text.rfind(c, lo, a) for c in "\n。!?") if i >= 0]
    ends = [i for i in (text.find(c, b, hi) for c in "\n。!?") if i >= 0]
    return (max(starts) if starts else lo), (min(ends) if ends else hi)


def _is_chrome(text: str, tm: TimeMatch, blurbs: dict[tuple[int, int], bool] | None = None) -> bool:
    """A page timestamp, a file name or a site's blurb, not a time of the plan.

    ``blurbs``: what was found for each sentence already looked at (one scan per sentence);
    :data:`_NO_BLURBS` when no blurb word is within ``_WINDOW`` characters of the scanned text
    (see :func:`_blurb_memo`), so none is in any sentence around its expressions.
    """
    w = _words()
    f = _filter_patterns()
    # a file name (2026年…计划.docx); it has its dot within 41 characters
    if text.find(".", tm.end, tm.end + 41) >= 0 and f["file_name"].match(text[tm.end:tm.end + 50]):
        return True
    # a site blurb (下面是小编带来关于2021年…的内容)
    if blurbs is not _NO_BLURBS:
        bounds = _sentence_bounds(text, tm.start, tm.end)
        blurb = None if blurbs is None else blurbs.get(bounds)
        if blurb is None:
            blurb = f["chrome_words"].search(text, *bounds) is not None
            if blurbs is not None:
                blurbs[bounds] = blurb
        if blurb:
            return True
    if tm.kind not in ("date", "range"):
        return False
    ls, le = _line_bounds(text, tm.start, tm.end)
    before = text[(tm.start - 12 if tm.start - 12 > ls else ls):tm.start]  # (max, min: builtin calls cost ~800 instructions)
    after = text[tm.end:(tm.end + 12 if tm.end + 12 < le else le)]
    # a label right before the date (发布时间:…), or right after it (2020-03-31 来源:…)
    if f["label_before"].search(before):
        return True
    numeric = bool(f["numeric_date"].match(text[tm.start:tm.end]))
    if not numeric:
        return False
    if any(lab in after for lab in w["chrome_labels"]):
        return True
    if f["seconds"].search(text[tm.start:tm.end]) or f["clock_after"].match(after):
        return True
    line_before = text[ls:tm.start].strip()
    if not line_before and not text[tm.end:le].strip():
        return True  # a numeric date alone on its line: the page's date line
    return line_before.rstrip(":") in w["chrome_line_labels"]


_NO_BLURBS: dict[tuple[int, int], bool] = {}  # a marker (compared by identity), never written


def _blurb_memo(text: str, start: int, end: int) -> dict[tuple[int, int], bool]:
    """The ``blurbs`` of :func:`_is_chrome` for expressions in ``text[start:end]``.

    A sentence around an expression lies within ``_WINDOW`` characters of it; the blurb words
    are plain words, so when one search of that whole stretch finds none, no sentence holds
    one and no sentence needs to be bounded (one search per scan instead of one per sentence).
    """
    lo, hi = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    return {} if _blurb_words().search(text, lo, hi) else _NO_BLURBS


@functools.cache
def _blurb_words() -> re.Pattern:
    """The blurb words (``chrome_words`` of :func:`_filter_patterns`) compiled by ``re`` (see :func:`_compile_words`),
    as a trie (only whether one is there is read: fewer branches tried per position)."""
    return _compile_words(trie_alternation(_words()["chrome_line_words"]), where="times.filter.chrome_words")


def _rule_matches(rule: _Rule, text: str, start: int, end: int, starts: dict[str, list[int]], keep: bool,
                  present: frozenset[str] | None = None,
                  seen: dict[tuple[str, ...], bool] | None = None) -> list[regex.Match]:
    """``list(rule.pattern.finditer(text, start, end))``, computed faster where it can be.

    ``keep``: also note in ``starts[rule.id]`` every position where the rule matches (an
    overlapped scan: finditer's matches are those that start at or after the previous one's end).
    A rule with ``starts_of`` is tried only at the positions its host noted. A rule split into
    alternatives (:class:`_Split`) matches where any of them does, as the first one matching
    there. A match at a position does not depend on where the search began (look-behinds see
    before it, ``^`` needs a real line start), so all of these give finditer's matches.
    ``present``: the characters of :func:`_present`; a part lacking one it requires is skipped, and so
    is one none of whose anchor words (:attr:`_Rule.anchors`) is there (``seen``: see :func:`_any_in`).
    A rule whose gate (:attr:`_Rule.gate`) matches nowhere in ``text[start:end]`` matches nowhere;
    one with ``gate_within`` is tried at a host's start only where its gate matches that close.
    """
    present = _present(text, start, end) if present is None else present
    seen = {} if seen is None else seen
    if keep:
        found = starts[rule.id] = []
    anchors = rule.anchors
    if rule.starts_of is None and not keep and len(anchors) == 1 and not _any_in(anchors[0], text, start, end, seen):
        return []  # (before the gate: a word's look-up costs less than the gate's search)
    if rule.gate is not None and rule.gate_within is None and rule.gate_pattern.search(text, start, end) is None:  # type: ignore
        return []
    out: list[Any] = []
    compiled = rule.compiled
    if rule.starts_of is None and not keep and len(compiled) == 1:
        if not rule.needs[0] <= present:
            return out
        # pattern.finditer(text, start, end) as a loop of searches (most parts match nowhere in a
        # plan, and a search costs a third of what starting the regex module's scanner does):
        # finditer's next match is the first one found searching from the previous one's end; after
        # an empty match finditer itself takes over from its position, where it would find it too
        pattern = compiled[0] or rule.part(0)
        m = pattern.search(text, start, end)
        while m is not None:
            out.append(m)
            a, b = m.span()
            if b == a:
                it = pattern.finditer(text, a, end)
                next(it)  # the empty match just given
                out.extend(it)
                break
            m = pattern.search(text, b, end)
        return out
    if rule.starts_of is not None:
        pattern = rule.part(0)
        gate, within = rule.gate_pattern, rule.gate_within
        last = start
        for p in starts[rule.starts_of]:
            if p >= last and (within is None or gate.search(text, p, p + within if p + within < end else end)):  # type: ignore
                m = pattern.match(text, p, end)
                if m is not None:
                    out.append(m)
                    e = m.end()
                    last = e if e > p else p + 1  # max(e, p + 1) (a builtin call costs ~800 instructions)
        return out
    hits = []  # (position, part, match): every position where a part matches (overlapped searches)
    for i, needs in enumerate(rule.needs):
        if needs <= present and _any_in(anchors[i], text, start, end, seen):
            part = compiled[i] or rule.part(i)
            m = part.search(text, start, end)
            while m is not None:
                a = m.start()
                hits.append((a, i, m))
                m = part.search(text, a + 1, end)
    if len(rule.sources) > 1:
        hits.sort()  # by position, then part: (position, part) pairs are all different
    last = prev = start - 1
    for p, _, m in hits:
        if p == prev:
            continue  # a later alternative at the same position
        prev = p
        if keep:
            found.append(p)
        if p >= last:
            out.append(m)
            e = m.end()
            last = e if e > p else p + 1  # max(e, p + 1)
    return out


def scan_times(text: str, start: int = 0, end: int | None = None) -> list[TimeMatch]:
    """All time expressions in ``text[start:end]`` (normalized text), in order, without overlaps.

    >>> [(m.kind, m.start_value) for m in scan_times("年9月21日前完成。")]
    [('date', 'XXXX-09-21')]
    """
    end = len(text) if end is None else end
    # (start, -length, priority, rule, match): a match is built (and checked) only when it is
    # the longest at its position and not inside an earlier expression; builders keep the
    # match's span, so the order is known before building
    cands: list[tuple[int, int, int, _Rule | None, regex.Match]] = []
    starts: dict[str, list[int]] = {}
    present = _present(text, start, end)
    seen: dict[tuple[str, ...], bool] = {}  # _any_in's answers
    for prio, rule, keep, shared_needs in _rule_order():
        if not (keep or shared_needs <= present):
            continue  # no part of the rule can match here (spares the call)
        for m in _rule_matches(rule, text, start, end, starts, keep, present, seen):
            a, b = m.span()
            if b > a:
                cands.append((a, a - b, prio, rule, m))
    for m in _series_matches(text, start, end, present):
        # the series as a whole outranks its pieces; it is split again below
        cands.append((m.start(), m.start() - m.end(), -1, None, m))
    cands.sort()  # by start, longest first, then priority: no two candidates tie on all three
    out: list[TimeMatch] = []
    last = start
    blurbs = None  # _blurb_memo, once a candidate gets that far
    for a, _, _, crule, m in cands:
        if a < last:
            continue
        if crule is not None:
            tm = crule.build(m, _groups(m))
        else:
            items = _series_items(m)
            tm = TimeMatch(m.start(), m.end(), "recurring", rule="series:" + str(len(items))) if items else None
        if tm is None:
            continue
        if _in_citation(text, tm.start, tm.end):
            continue
        if blurbs is None:
            blurbs = _blurb_memo(text, start, end)
        if _is_chrome(text, tm, blurbs):
            continue
        if tm.rule.startswith("series:"):
            series = _series_pattern().match(text, tm.start, tm.end)
            out.extend(_series_items(series) if series else [])
        else:
            out.append(tm)
        last = tm.end
    return out


@functools.cache
def _rule_order() -> tuple[tuple[int, _Rule, bool, frozenset[str]], ...]:
    """(priority, rule, whether it is a host (its starts are kept), the characters every part of it
    needs: where one is missing no part runs), in order."""
    hosts = _hosts()
    return tuple((prio, r, r.id in hosts, frozenset.intersection(*r.needs)) for prio, r in enumerate(_rules()))


@functools.cache
def _hosts() -> frozenset[str]:
    """Rules whose match starts another rule is tried at (``starts_of``)."""
    return frozenset(r.starts_of for r in _rules() if r.starts_of)


def extract_times(ctx: PlanContext) -> list[TimeExpr]:
    """Time expressions of the plan, in document order.

    >>> from planparse.normalize import normalize_text
    >>> doc = normalize_text("一、工作安排\\n9月底前完成自查。")
    >>> [(t.text, t.start) for t in extract_times(PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text)))]
    [('9月底前', 'XXXX-09')]
    """
    doc = ctx.doc
    to_source, source, section_id_at = doc.to_source, doc.source, ctx.section_id_at
    out = []
    for tm in scan_times(ctx.text, ctx.start, ctx.end):
        span = to_source(tm.start, tm.end)  # (ctx.span; the text sliced with it: ctx.source maps it again)
        # the values are of the fields' types (scan_times's kinds are TimeKind's values): no validation again
        out.append(checked_model(TimeExpr, {
            "text": source[span[0]:span[1]],
            "span": span,
            "kind": _TIME_KINDS[tm.kind],
            "start": tm.start_value,
            "end": tm.end_value,
            "recurrence": tm.recurrence,
            "section_id": section_id_at(tm.start),
        }))
    return out


_TIME_KINDS = members_by_value(TimeKind)
