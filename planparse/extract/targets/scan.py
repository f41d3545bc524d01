"""Find quantities: a number (arabic, Chinese, percent words, fraction, range) with its unit.

One compiled pattern finds number cores in the plan; each core is then read with bounded
look-ups around it (unit, multiplier, range, blockers), so the scan is linear in the text.

Why not ``cn2an.transform``: over running text it rewrites ordinary words (``进一步`` →
``进1步``) and list markers (library-notes.md). We find numeral spans first and convert each
with :mod:`planparse.extract.numerals`.

>>> text = "住户2530户,绿化率达到百分之九十。"
>>> [(q.value, q.unit) for q in scan_quantities(text, 0, len(text))]
[(2530.0, '户'), (90.0, '%')]
"""

from __future__ import annotations

import functools
import re

import regex

from ...resources import alternation, compile_pattern, compile_std, load, std_twin
from ..numerals import parse_cn_int, parse_fraction, parse_number
from .lexicon import UnitInfo, lexicon, pattern

_FRACTION_INFIX = "分之"
_ARABIC = r"\d{1,12}(?:,\d{3}(?!\d)){0,4}(?:\.\d{1,6})?"


@functools.cache
def _words(key: str) -> str:
    """An alternation of the numerals.yaml words under ``key`` (百分之, 千分之)."""
    return alternation(load("numerals").get(key, []))


@functools.cache
def _core_re() -> regex.Pattern:
    """A number core: 百分之N, N分之M, arabic, or a run of Chinese numeral characters."""
    return compile_pattern(_core_pattern(""), where="targets number core")


@functools.cache
def _core_twin() -> re.Pattern | None:
    """:func:`_core_re` compiled by the standard library's ``re`` (None if it refuses the pattern).

    Speed only: ``re`` costs about half of what ``regex`` does per call. The pattern is plain
    (classes of literal characters, ``\\d``, bounded repeats, fixed-width look-arounds, named
    groups holding no named group), which both engines read and match alike, except that their
    ``\\d`` follows each one's Unicode: the digits a newer Unicode adds lie outside the Basic
    Multilingual Plane (the test suite checks that both agree on every character inside it),
    so :func:`_core_match` uses the twin only where no such character is within reach.
    """
    try:
        return compile_std(_core_pattern(""))
    except re.error:
        return None


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_CORE_BEHIND = 2  # the core pattern's widest look-behind


def _core_match(text: str, start: int, end: int):
    """The core pattern's ``match`` for positions in ``[start, end)`` matching up to ``end``:
    :func:`_core_twin`'s where no character outside the Basic Multilingual Plane lies in reach."""
    return _core_matcher(_in_bmp(text, start, end))


def _in_bmp(text: str, start: int, end: int) -> bool:
    """No character outside the Basic Multilingual Plane in ``text[start:end]`` or within the core
    pattern's look-behind before it."""
    a = start - _CORE_BEHIND
    return _ASTRAL.search(text, a if a > 0 else 0, end) is None  # (max: a builtin call costs ~800)


def _core_matcher(bmp: bool):
    """The core pattern's ``match``: :func:`_core_twin`'s when ``bmp`` (:func:`_in_bmp` of the reach)."""
    twin = _core_twin()
    if twin is not None and bmp:
        return twin.match
    return _core_re().match


@functools.cache
def _candidate_re() -> regex.Pattern:
    """:func:`_core_re` for :func:`scan_quantities`: a plain (arabic or Chinese) core is found only
    when a character that can follow a number with a unit comes next (:func:`_follow_chars`).

    Any other plain core is passed over whole: ``(*SKIP)(*FAIL)`` resumes the search at its end,
    where a search for every core resumes after it, so the cores found are those :func:`_core_re`
    finds in the same text, less the ones no unit can follow (most Chinese numerals are words:
    进一步, 统一), and the scan's loop never sees them.
    """
    follow = _follow_chars()
    if follow is None:
        return _core_re()
    gate = "(?:(?=[" + regex.escape("".join(sorted(follow))) + "])|(*SKIP)(*FAIL))"
    return compile_pattern(_core_pattern(gate), where="targets quantity candidate")


def _guard_chars() -> str:
    """The characters a core can start with, besides digits: the first characters of the
    percent words and the Chinese numeral characters."""
    words = load("numerals")
    firsts = {w[0] for key in ("percent_words", "permille_words") for w in words.get(key, []) if w}
    return "".join(sorted(firsts)) + lexicon().numeral_chars


def _core_pattern(gate: str) -> str:
    """The core pattern; ``gate`` follows each plain (arabic or Chinese) core."""
    cn = "[" + regex.escape(lexicon().numeral_chars) + "]{1,12}"
    num = f"(?:{_ARABIC}|{cn})"
    # every alternative starts with one of these: the guard rejects the other positions at once
    guard = "[" + regex.escape(_guard_chars()) + r"\d]"
    pattern = (
        rf"(?={guard})(?:"
        rf"(?P<pct>{_words('percent_words')}{num})"
        rf"|(?P<pml>{_words('permille_words')}{num})"
        rf"|(?P<frac>{num}{_FRACTION_INFIX}{num})"
        rf"|(?<![\d.A-Za-z])(?<!\d[:：])(?P<ar>{_ARABIC})(?![\d]){gate}"
        rf"|(?P<cn>{cn}){gate}"
        ")"
    )
    return pattern


_VAGUE_BEFORE = "几数上近"


def _is_digit_run(core: str) -> bool:
    """``三五`` or ``二〇一〇``: Chinese digits one after another, with no 十/百/千 between them."""
    digits = lexicon().numeral_digits
    return len(core) > 1 and all(c in digits for c in core)


class Quantity:
    """A number with its unit, in normalized coordinates of the document.

    A plain class with slots (a plan makes one per number read: cheaper to make than a
    dataclass's instance, and to import); equality and repr field by field, as a dataclass's.
    """

    __slots__ = ("start", "end", "num_end", "value", "value_max", "unit", "unit_kind", "needs_comparator",  # noqa: RUF023
                 "chinese", "numeral", "fraction", "cite_blocked", "cn_ok")  # (the fields' order: __init__'s)

    def __init__(self, start: int, end: int, num_end: int, value: float, value_max: float | None = None,
                 unit: str | None = None, unit_kind: str | None = None, needs_comparator: bool = False,
                 chinese: bool = False, numeral: str = "", fraction: bool = False, cite_blocked: bool = False,
                 cn_ok: bool = True) -> None:
        self.start = start  # first character of the number (or of 百分之)
        self.end = end  # end of the unit (or of the number when there is none)
        self.num_end = num_end  # end of the number itself
        self.value = value
        self.value_max = value_max
        self.unit = unit
        self.unit_kind = unit_kind
        self.needs_comparator = needs_comparator
        self.chinese = chinese  # written with Chinese numerals
        self.numeral = numeral  # the number as written (normalized)
        self.fraction = fraction
        self.cite_blocked = cite_blocked
        self.cn_ok = cn_ok  # the unit takes Chinese numerals without a comparator (十分 is "very", 二期 a phase)

    def _values(self) -> tuple:
        return tuple(getattr(self, k) for k in _QUANTITY_FIELDS)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return "Quantity(" + ", ".join(f"{k}={getattr(self, k)!r}" for k in _QUANTITY_FIELDS) + ")"

    @property
    def is_indefinite_one(self) -> bool:
        return self.chinese and self.numeral in lexicon().indefinite


_QUANTITY_FIELDS = ("start", "end", "num_end", "value", "value_max", "unit", "unit_kind", "needs_comparator",
                    "chinese", "numeral", "fraction", "cite_blocked", "cn_ok")  # (Quantity's, in __init__'s order)


def _unit_at(text: str, pos: int, limit: int) -> tuple[UnitInfo | None, int]:
    """The unit starting at ``pos`` (longest spelling), and where it ends."""
    m = std_twin(lexicon().unit_re).match(text, pos, pos + 12 if pos + 12 < limit else limit)
    if not m:
        return None, pos
    return lexicon().units[m.group()], m.end()


def _value(core: str, chinese: bool) -> float | None:
    if chinese:
        v = parse_cn_int(core)
        return float(v) if v is not None else None
    try:  # an arabic core (digits, thousands commas, a decimal point): what parse_number reads
        return float(core.replace(",", ""))
    except ValueError:
        return parse_number(core)


def _read_number(text: str, pos: int, limit: int) -> tuple[float, int, bool, str] | None:
    """A plain number (arabic or Chinese) starting exactly at ``pos``: value, end, chinese, as written."""
    end = pos + 24 if pos + 24 < limit else limit
    m = _core_match(text, pos, end)(text, pos, end)
    if not m or not (m.group("ar") or m.group("cn")):
        return None
    chinese = m.group("cn") is not None
    v = _value(m.group(), chinese)
    return (v, m.end(), chinese, m.group()) if v is not None else None


@functools.cache
def _follow_chars() -> frozenset[str] | None:
    """The first characters of whatever can follow a number that carries a unit: a unit, a range
    connector, a decimal comma, a multiplier (None if an empty spelling lets anything follow)."""
    lx = lexicon()
    words = [*lx.units, *lx.range_connectors, "、", *lx.multipliers, *lx.approx_marks]
    return frozenset(w[0] for w in words) if all(words) else None


@functools.cache
def _runs(bmp: bool = False) -> re.Pattern | None:
    """For :func:`_cores`: the runs of characters a core can start with that a match can start
    in, as a plain pattern for the standard library's ``re`` (None when the shortcut does not hold).

    ``bmp``: the pattern for a text with no character outside the Basic Multilingual Plane, whose
    class leaves them out (the same runs there). Speed only: a class holding a range outside it
    cannot be one table of the Basic Multilingual Plane, and ``re`` then tests every character
    of the plan against the class's parts (about three times the instructions of the search).

    A run is a maximal stretch of the guard's characters (with ``\\d`` and, in case a newer
    Unicode of ``regex`` knows digits that ``re``'s does not, every character outside the Basic
    Multilingual Plane; the test suite checks that cover). A match starting in a run either ends
    with a core whose gate character follows it (in the run, or right after it), or goes on past
    the run: an arabic number through ``,`` or ``.``, a fraction through 分之, a percent word
    through its first character outside the class. So a run none of whose characters after the
    first, nor the one after it, is such an exit holds no match, and the pattern skips it.

    ``re`` finds the runs with a table lookup per character, where the ``regex`` module tests
    the ~30 members of the guard one by one at every character of the plan; each run is
    matched from its first character only (the look-behind), so the search stays linear.
    """
    follow = _follow_chars()
    if follow is None:
        return None
    members = re.escape(_guard_chars()) + _bmp_digit_ranges()
    cls = "[" + members + "\U00010000-\U0010FFFF]"
    inside = compile_std(cls).fullmatch
    words = load("numerals")
    exits = set(follow) | {",", "."}
    for w in (*words.get("percent_words", []), *words.get("permille_words", []), _FRACTION_INFIX):
        out = [c for c in w if not inside(c)]
        if not out:
            return None  # a word of run characters only could match inside a run
        exits.add(out[0])
    ex = "[" + re.escape("".join(sorted(exits))) + "]"
    if bmp:
        cls = "[" + members + "]"
    return compile_std(f"{cls}(?<!{cls}{cls}){cls}*(?={ex}){cls}*")


def _bmp_digit_ranges() -> str:
    """``re``'s ``\\d`` inside the Basic Multilingual Plane (``str.isdecimal``), as ranges of a class.

    Written out, the class of :func:`_runs` is one table lookup per character for ``re`` (its
    ``\\d`` is a Unicode lookup more, at every character of the plan the search passes over).
    Unicode encodes the decimal digits in runs of ten, 0 to 9 in order (a stability policy): a
    look at every tenth code point meets each run once, and the run starts its value back.
    """
    out = []
    for c in range(0, 0x10000, 10):
        ch = chr(c)
        if ch.isdecimal():
            first = c - int(ch)
            out.append(re.escape(chr(first)) + "-" + re.escape(chr(first + 9)))
    return "".join(out)


def _cores(text: str, start: int, end: int):
    """The matches ``_candidate_re().finditer(text, start, end)`` yields, found for less.

    :func:`_runs` gives the runs of the window a match can start in; in each, the core pattern
    is matched at every position the search would try, and a plain core whose gate fails
    resumes the search at its end, as ``(*SKIP)(*FAIL)`` does in the candidate pattern.
    """
    bmp = _in_bmp(text, start, end)
    runs = _runs(bmp)
    if runs is None:
        yield from _candidate_re().finditer(text, start, end)
        return
    follow = _follow_chars()
    match = _core_matcher(bmp)
    resume = start
    for r in runs.finditer(text[start:end]):  # the slice: a run may start at the window's start
        a, b = r.span()
        a += start
        b += start
        if b <= resume:
            continue
        p = a if a > resume else resume
        while p < b:
            m = match(text, p, end)
            if m is None:
                p += 1
                continue
            e = m.end()
            if (m.lastgroup == "ar" or m.lastgroup == "cn") and not (e < end and text[e] in follow):  # type: ignore
                p = e  # the gate fails: (*SKIP) resumes the search at the core's end
                continue
            yield m
            p = e
        resume = p


def scan_quantities(text: str, start: int, end: int) -> list[Quantity]:
    """Every number with a unit (or a percent word or fraction) in ``text[start:end]``."""
    out: list[Quantity] = []
    last_end = start
    lx = lexicon()
    unit_re, connectors, multipliers = std_twin(lx.unit_re), lx.range_connectors, lx.multipliers
    approx = lx.approx_marks
    for m in _cores(text, start, end):
        s, e = m.span()
        if s < last_end:  # the tail of a range, multiplier or decimal already read
            continue
        branch = m.lastgroup  # the named alternatives hold no named group of their own
        if branch == "ar" or branch == "cn":  # the candidate pattern checked what follows
            core = m.group()
            chinese = branch == "cn"
            if chinese:
                if s > start and (text[s - 1].isdigit() or text[s - 1] in _VAGUE_BEFORE):
                    continue  # 几十名, 数百人: a vague amount
                if len(core) < 4 and _is_digit_run(core):
                    continue  # 两三个, 三五人: an approximate range, not 23 or 35
            unit = unit_re.match(text, e, e + 12 if e + 12 < end else end)  # (min: a builtin call costs ~800 instructions)
            if unit is None and not (text.startswith(connectors, e) or (
                    not chinese and e < end and (text[e] == "、" or text[e] in multipliers))
                    or text.startswith(approx, e)):
                # no unit, range, decimal comma or multiplier follows: _with_unit would refuse the number
                continue
            value = _value(core, chinese)
            if value is None:
                continue
            q = _with_unit(text, s, e, end, value, chinese, core, unit)
            if q is not None:
                out.append(q)
                last_end = q.end
        elif branch == "pct":
            v = parse_number(m.group("pct"))
            if v is not None:
                out.append(Quantity(s, e, e, v, unit="%", unit_kind="percent", numeral=m.group(),
                                    chinese=not any(c.isdigit() for c in m.group())))
        elif branch == "pml":  # 千分之三 = 3‰
            lead = pattern("^" + _words("permille_words"), "numerals.yaml permille_words")
            v = parse_number(lead.sub("", m.group("pml")))
            if v is not None:
                out.append(Quantity(s, e, e, v, unit="‰", unit_kind="percent", numeral=m.group(),
                                    chinese=not any(c.isdigit() for c in m.group())))
        elif branch == "frac":
            v = parse_fraction(m.group("frac"))
            if v is not None:
                out.append(Quantity(s, e, e, v, fraction=True, numeral=m.group()))
    return out


def _with_unit(text: str, s: int, e: int, limit: int, value: float, chinese: bool, core: str,
               unit_match: regex.Match | re.Match | None) -> Quantity | None:
    """Attach the unit (with 万/亿, a decimal written 1、2, or a range 60至80) to the core at s:e.

    ``unit_match`` is the unit pattern's match at ``e`` (what :func:`_unit_at` reads), or None.
    """
    lx = lexicon()
    num_end = e
    # 1、2平方公里: a decimal point turned into 、 before a unit of measure
    # (an arabic number starts with a digit: \\d, as str.isdecimal within the Basic Multilingual Plane)
    if not chinese and e + 1 < limit and text[e] == "、" and "." not in core \
            and (text[e + 1].isdecimal() or text[e + 1] > "\uffff"):
        nxt = _read_number(text, e + 1, limit)
        if nxt and not nxt[2] and len(nxt[3]) <= 2:
            unit, uend = _unit_at(text, nxt[1], limit)
            if unit and unit.kind in lx.decimal_comma_kinds:
                v = float(f"{core}.{nxt[3]}")
                return Quantity(s, uend, nxt[1], v, unit=unit.unit, unit_kind=unit.kind,
                                needs_comparator=unit.needs_comparator, numeral=text[s:nxt[1]])
    unit, uend = (lx.units[unit_match.group()], unit_match.end()) if unit_match else (None, e)
    mult = 1
    if unit is None and text.startswith(lx.approx_marks, e):  # 1200余人次: the mark sits before the unit
        mark = next(w for w in lx.approx_marks if text.startswith(w, e))
        unit, uend = _unit_at(text, e + len(mark), limit)
    if unit is None and e < limit and text[e] in lx.multipliers and not chinese:
        # 1.2万户, 4.2万平方米: the value stays as written, the multiplier joins the unit (like 万元)
        base, uend = _unit_at(text, e + 1, limit)
        if base is None and text.startswith(lx.approx_marks, e + 1):  # 30余万元 is caught above; 3万余人
            mark = next(w for w in lx.approx_marks if text.startswith(w, e + 1))
            base, uend = _unit_at(text, e + 1 + len(mark), limit)
        if base is not None:
            unit = UnitInfo(text[e] + base.unit, base.kind, base.cn, base.needs_comparator, base.cite_blocked)
            num_end = e + 1
    value_max = None
    if unit is None or unit.kind in ("percent", "score", "count", "measure", "money"):
        # a range: 60至80分, 5-10个, 80%-90%
        rpos = uend if unit is not None else e
        for conn in lx.range_connectors if text.startswith(lx.range_connectors, rpos) else ():
            if text.startswith(conn, rpos):
                nxt = _read_number(text, rpos + len(conn), limit)
                if nxt is None or nxt[2] != chinese:
                    break
                u2, u2end = _unit_at(text, nxt[1], limit)
                if u2 is None or (unit is not None and u2.unit != unit.unit):
                    break
                if nxt[0] <= value:
                    break
                value_max, unit, uend, num_end = nxt[0], u2, u2end, nxt[1]
                break
    if unit is None:
        return None
    return Quantity(s, uend, num_end, value * mult, value_max * mult if value_max is not None else None,  # (positional:
                    unit.unit, unit.kind, unit.needs_comparator, chinese, core, False,  # keywords cost more per call)
                    unit.cite_blocked, unit.cn)
