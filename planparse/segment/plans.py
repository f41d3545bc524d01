"""Find the plans compiled in one file (``第1篇 … 第10篇``, ``篇一``, ``计划(一)``).

A web page often compiles several plans: ``…范文第1篇`` separators, variant titles
``…工作计划(一)``, ``(二)``, ``(三)``, or ``篇一/篇二``. Each *boundary* line starts
a plan; page chrome (site names, timestamps, ``上一篇:…下一篇:…``) stays outside.

Rules (data in ``data/plan_titles.yaml``):

* a ``第N篇`` separator alone on its line is compilation chrome: the plan starts after it,
  and its title is the next line when that line looks like a title (``2017年…计划(一)``);
  ``第2篇 某某工作方案`` (a title after a space on the same line) starts a plan titled by it;
* ``…篇一`` lines and numbered titles (``…计划(一)``, ``…计划1``) start a plan and are its title;
  a bare ``篇一``/``【篇一】``/``篇一:名称`` separator followed by a title line gives way to that
  title (the separator is chrome), else ``篇一:名称`` is titled by the name after the colon;
* a title glued to the first heading (``…实施方案模板范文一、背景分析``) starts a plan;
* without any boundary the file holds one plan, titled by its first title-like line;
* text before the first boundary is a plan of its own only when it has an outline
  (two or more line-start headings), otherwise it is the page's preamble;
* a plan ends at the next boundary or at the first terminal chrome line (``上一篇:``);
  no boundary after the page footer starts a plan; a title or separator line repeated later
  (a table of contents, a teaser) and a title with nothing under it are not plans;
* a title may end with a parenthesized span of years or a status (``…方案(2025—2027年)``,
  ``…办法(试行)``).

>>> from planparse.normalize import normalize_text
>>> doc = normalize_text("范文\\n计划范文第1篇\\n2017年社区工作计划(一)\\n一、目标\\n2017年社区工作计划(二)\\n一、任务\\n")
>>> [doc.text[p.title_start:p.title_end] for p in split_plans(doc)]
['2017年社区工作计划(一)', '2017年社区工作计划(二)']
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

import regex

from ..context import PlanSpan
from ..normalize import NormalizedText
from ..resources import (
    compile_pattern,
    compile_std,
    literal_gate,
    load,
    required_clauses,
    std_twin,
    top_level_branches,
)
from .outline import line_start_marker_count

_WS = " \t\r\u3000"


class _Line:
    """A line of the text (a plain class, compiled ``__init__``: one per line; see outline.Candidate)."""

    def __init__(self, start: int, end: int, text: str, terminal: bool | None = None) -> None:
        self.start = start  # first non-space character
        self.end = end  # end of the line, trailing spaces excluded
        self.text = text
        self.terminal = terminal  # is_terminal_chrome(text), once asked


@dataclass
class _Boundary:
    line_index: int  # the boundary's first line (a separator, or the title line)
    start: int  # where the plan starts (the title, or just after a separator)
    title_start: int | None
    title_end: int | None
    line: str = ""  # the boundary line's text (a separator repeated later was a table of contents)


@functools.cache
def _spec():
    spec = load("plan_titles")
    rules = {r["id"]: compile_pattern(r["pattern"], where=f"plan_titles:{r['id']}") for r in spec["rules"]}
    return spec, rules  # chrome lines are matched through one alternation: _any_of


@functools.cache
def _any_of(key: str, ids: tuple[str, ...] = ()):
    """One alternation of rule lists (``ids`` picks rules): it matches where one of the rules does.

    One scan instead of one per rule; group names are dropped (the alternation only says yes or no).
    """
    pats = [regex.sub(r"\(\?P<\w+>", "(?:", r["pattern"]) for k in key.split("+") for r in _spec()[0][k]
            if not ids or r["id"] in ids]
    return compile_pattern("|".join(f"(?:{p})" for p in pats), where=f"plan_titles:{key}")


def _top_level_alternation(pattern: str) -> bool:
    """Does ``pattern`` hold a ``|`` outside every group and character class?"""
    return len(top_level_branches(pattern)) > 1


_INLINE_FLAGS = compile_pattern(r"\(\?[a-zA-Z]+[):]")


@functools.cache
def _line_test(key: str) -> Callable[[str], bool]:
    """A test equal to ``_any_of(key).search(line) is not None``, made cheaper.

    In a searched alternation, a branch anchored at the line start whose next item is a
    character class (``^[^。,]{1,20}>``, ``^\\d{4}-``) is tried at every position of the line,
    which made the chrome test ~5x slower than it needs to be: those branches are tried at
    position 0 only, in one ``match``, and the others searched in one alternation.
    """
    branches = [b for k in key.split("+") for r in _spec()[0][k]
                for b in top_level_branches(regex.sub(r"\(\?P<\w+>", "(?:", r["pattern"]))]
    whole = _any_of(key)
    start_only = [b for b in branches if b.startswith("^") and b[1:2] in ("[", "\\")]
    if not start_only or any(_INLINE_FLAGS.search(b) for b in branches):  # a flag applies to every branch
        return lambda line: whole.search(line) is not None
    # the anchored branches matched by the standard re (std_twin; a call costs a fraction of a regex
    # call), the searched ones by regex (it looks for the literal a match needs first)
    at_start = std_twin(compile_pattern("|".join(f"(?:{b[1:]})" for b in start_only), where=f"plan_titles:{key} (^)"),
                        classes=True)
    rest = [b for b in branches if b not in start_only]
    anywhere = compile_pattern("|".join(f"(?:{b})" for b in rest), where=f"plan_titles:{key}") if rest else None
    return lambda line: at_start.match(line) is not None or (anywhere is not None and anywhere.search(line) is not None)




@functools.cache
def _rule_match(rule_id: str) -> Callable:
    """``_spec()[1][rule_id].match`` run by the standard re (:func:`std_twin`, class escapes written
    out as the regex module's: the same matches and groups): a rule matched at a line's start costs
    a fraction of a regex call."""
    return std_twin(_spec()[1][rule_id], classes=True).match


@functools.cache
def _needs(rule_id: str) -> str:
    """The literal a rule's trailing lookahead requires (``…(?=一、)`` → ``一、``), else "".

    A line without it cannot match, so the rule's search (which tries every position) is skipped.
    """
    pattern = next(r["pattern"] for r in _spec()[0]["rules"] if r["id"] == rule_id)
    m = regex.search(r"\(\?=([^\\()\[\]{}.*+?|^$]+)\)\Z", pattern)
    if not m or "(?i" in pattern or _top_level_alternation(pattern):
        return ""
    return m.group(1)


def _lines(text: str, start: int = 0, end: int | None = None) -> list[_Line]:
    end = len(text) if end is None else end
    out = []
    pos = start
    lead = _WS + "#"  # indentation and Markdown heading marks
    raws = text[start:end].split("\n")
    if not raws[-1]:
        raws.pop()  # the text ends with a line break (or is empty): no line after it
    for raw in raws:
        body = raw.lstrip(lead)
        s = pos + len(raw) - len(body)
        body = body.rstrip(_WS)
        out.append(_Line(s, s + len(body), body))
        pos += len(raw) + 1
    return out


def is_chrome_line(line: str) -> bool:
    """Page chrome (timestamps, page captions, breadcrumbs): never a title, never plan text."""
    return _line_test("chrome_lines+terminal_chrome")(line)


def is_terminal_chrome(line: str) -> bool:
    """Chrome after which nothing belongs to the plan (``上一篇:``, ``文档评论(0)``)."""
    return _line_test("terminal_chrome")(line)


@functools.cache
def _needed_somewhere(key: str) -> re.Pattern | None:
    """One standard-``re`` alternation of strings of which every line ``_any_of(key)`` matches holds
    one (:func:`resources.required_clauses`, its strongest clause), or None when none is known."""
    clauses = required_clauses(_any_of(key).pattern)
    return compile_std("|".join(map(re.escape, clauses[0]))) if clauses else None


def _rule_out_terminal(lines: list[_Line]) -> None:
    """Settle ``terminal`` to False for every line that cannot be terminal chrome, in one search.

    A terminal chrome line holds one of the strings of :func:`_needed_somewhere` (``上一篇``,
    ``相关文章``, ...): one search of them over the lines joined finds the few lines that do, which
    keep ``None`` (:func:`_terminal` tests them one by one); the others cannot match.
    """
    needed = _needed_somewhere("terminal_chrome")
    if needed is None:
        return
    joined = "\n".join([ln.text for ln in lines])
    touched: set[int] = set()
    m = needed.search(joined)
    if m is not None:
        starts = []
        pos = 0
        for ln in lines:
            starts.append(pos)
            pos += len(ln.text) + 1
        while m is not None:  # the line holding the string's first character (a line holds no "\n")
            touched.add(bisect.bisect_right(starts, m.start()) - 1)
            m = needed.search(joined, m.end())
    for i, ln in enumerate(lines):
        if ln.terminal is None and i not in touched:
            ln.terminal = False


def _terminal(ln: _Line) -> bool:
    if ln.terminal is None:
        ln.terminal = bool(ln.text) and is_terminal_chrome(ln.text)
    return ln.terminal


def is_title_line(line: str) -> bool:
    """A short line ending with a genre word (``…工作计划``, ``…实施方案范文``), not a heading or sentence."""
    s = line.strip()
    if not (4 <= len(s) <= 60) or s[-1] in "。,;:!?、" or "。" in s:
        return False
    if line_start_marker_count(s) or is_chrome_line(s):
        return False
    suffixes, genre, genre_ends = _title_words()
    core = s
    for suf in suffixes if s.endswith(suffixes) else ():
        if core.endswith(suf):
            core = core[: -len(suf)]
            break
    t = _spec()[1]["title_trailer"].search(core)
    if t and t.start() > 0:
        core = core[:t.start()]  # "…行动方案(2025—2027年)", "…办法(试行)"
    core = core.rstrip(")》>")
    return core.endswith(genre_ends) or ("关于" in s and any(w in s[-8:] for w in genre))


@functools.cache
def _title_words() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """``title_suffixes`` longest first, ``genre_words``, and the genre words with ``(草案)`` after them too."""
    spec = _spec()[0]
    genre = tuple(spec["genre_words"])
    return (tuple(sorted(spec["title_suffixes"], key=len, reverse=True)), genre,
            genre + tuple(w + "(草案)" for w in genre))


def _boundaries(text: str, lines: list[_Line]) -> list[_Boundary]:
    _, rules = _spec()
    anchored = _any_of("rules", ("separator_nth", "separator_pian", "numbered_title"))
    may_anchor = literal_gate(anchored.pattern)  # most lines hold neither 篇 nor a genre word
    anchored = std_twin(anchored, classes=True)  # matched at the line start: by the standard re
    # the glued-title rules, each with the literal it needs and its gate, looked up once, not per line
    glued_rules = [(rules[rid], _needs(rid), literal_gate(rules[rid].pattern)) for rid in ("title_glued", "pian_glued")]
    out: list[_Boundary] = []
    i = 0
    n = len(lines)
    while i < n:
        ln = lines[i]
        t = ln.text
        if not t:
            i += 1
            continue
        maybe = may_anchor(t) and anchored.match(t) is not None  # else none of the three rules below matches
        m = _rule_match("separator_nth")(t) if maybe else None
        if m and m.group("named"):
            if is_title_line(m.group("named")):  # 第2篇 某某工作方案: the title is on the separator's line
                ts = ln.start + m.start("named")
                out.append(_Boundary(i, ts, ts, ln.start + m.end("named"), t))
                i += 1
                continue
            m = None  # 第2篇 followed by anything else: no separator
        if m:
            # the separator is chrome; a title-like next line is the plan's title
            j = i + 1
            while j < n and not lines[j].text:
                j += 1
            if j < n and (is_title_line(lines[j].text) or _rule_match("numbered_title")(lines[j].text)):
                nxt = lines[j]
                out.append(_Boundary(i, nxt.start, nxt.start, nxt.end))
                i = j + 1
                continue
            rest = m.group("rest")
            name = rest[1:].strip() if rest else ""
            if name and not m.group("pre") and is_title_line(name):
                # 第1篇:某某工作方案 with no title line below: the rest of the line is the title
                ts = ln.start + m.start("rest") + rest.index(name)
                out.append(_Boundary(i, ts, ts, ts + len(name), t))
                i += 1
                continue
            start = lines[j].start if j < n else ln.end
            out.append(_Boundary(i, start, None, None))
            i = j
            continue
        m = _rule_match("separator_pian")(t) if maybe else None
        if m and (m.start("rest") if m.group("rest") else len(m.group(0))) <= 44:
            rest = m.group("rest")
            j = i + 1
            while j < n and not lines[j].text:
                j += 1
            bare = not m.group("pre") and (rest or len(m.group(0).rstrip("。. ")) == len(t))
            if bare and j < n and _is_own_title(lines[j].text):
                # 【篇一】 / 篇一:名称 over the plan's own title line: the separator is chrome
                nxt = lines[j]
                out.append(_Boundary(i, nxt.start, nxt.start, nxt.end, t))
                i = j + 1
                continue
            if rest:
                ts = ln.start + m.start("rest")
                out.append(_Boundary(i, ln.start, ts, ts + len(rest), t))
            else:
                out.append(_Boundary(i, ln.start, ln.start, ln.start + len(m.group(0).rstrip("。. ")), t))
            i += 1
            continue
        m = _rule_match("numbered_title")(t) if maybe else None
        if m and not line_start_marker_count(t):
            out.append(_Boundary(i, ln.start, ln.start, ln.end))
            i += 1
            continue
        g = None
        for rule, need, gate in glued_rules:
            if need in t and gate(t):
                g = rule.search(t)
                if g:
                    break
        if g:
            ts = ln.start + g.start("title")
            out.append(_Boundary(i, ts, ts, ln.start + g.end("title")))
        i += 1
    return out


def _is_own_title(line: str) -> bool:
    """A title line that can follow a separator (not the next separator of a table of contents)."""
    return ((is_title_line(line) or _rule_match("numbered_title")(line) is not None)
            and not _rule_match("separator_pian")(line) and not _rule_match("separator_nth")(line))


def _first_title(lines: list[_Line], lo: int, hi: int) -> _Line | None:
    """The first title-like line among ``lines[lo:hi]`` before the first body paragraph.

    Short numbered lines (site navigation such as ``1. 首页``) are passed over; a body
    paragraph (a long line or one ending a sentence) ends the search.
    """
    for ln in lines[lo:hi]:
        t = ln.text
        if not t or is_chrome_line(t):
            continue
        if is_title_line(t):
            return ln
        if line_start_marker_count(t) and len(t) <= 16:
            continue
        if len(t) > 60 or t[-1] in "。;:" or line_start_marker_count(t):
            return None
    return None


def _plan_end(text: str, lines: list[_Line], lo: int, hi: int, default_end: int) -> int:
    """End of a plan whose lines are ``lines[lo:hi]``: before terminal chrome, trailing space trimmed."""
    end = default_end
    for ln in lines[lo:hi]:
        if ln.terminal is False:  # settled by _rule_out_terminal (most lines): no call
            continue
        if _terminal(ln):
            end = ln.start
            break
    while end > 0 and text[end - 1] in _WS + "\n":
        end -= 1
    return end


def split_plans(doc: NormalizedText) -> list[PlanSpan]:
    """Return each plan's span and title span, in document order (normalized coordinates)."""
    text = doc.text
    lines = _lines(text)
    if not lines:
        return [PlanSpan(0, len(text))]
    _rule_out_terminal(lines)
    bounds = _boundaries(text, lines)
    plans: list[PlanSpan] = []
    if not bounds:
        title = _first_title(lines, 0, len(lines))
        first = next((ln for ln in lines if ln.text and not is_chrome_line(ln.text)), lines[0])
        start = title.start if title else first.start
        lo = next(k for k, ln in enumerate(lines) if ln.start >= start or ln.end >= start)
        end = _plan_end(text, lines, lo + 1, len(lines), len(text))
        return [PlanSpan(start, max(end, start), title.start if title else None, title.end if title else None)]
    # nothing after the page footer starts a plan (related-article lists: "…工作计划(二)")
    footer = next((k for k in range(bounds[0].line_index + 1, len(lines))
                   if lines[k].terminal is not False and _terminal(lines[k])), None)
    if footer is not None:
        bounds = [b for b in bounds if b.line_index < footer]
    # a title repeated later was a table of contents or a teaser: the last one starts the plan
    def _title(b: _Boundary) -> str | None:
        return text[b.title_start:b.title_end] if b.title_start is not None else None

    later: set[str] = set()
    later_lines: set[str] = set()
    kept_bounds: list[_Boundary] = []
    for b in reversed(bounds):
        t = _title(b)
        if (t is not None and t in later) or (b.line and b.line in later_lines):
            continue
        if t is not None:
            later.add(t)
        if b.line:
            later_lines.add(b.line)
        kept_bounds.append(b)
    bounds = kept_bounds[::-1]
    # a preamble with its own outline is a plan (a real plan followed by its compiled variants)
    pre = lines[: bounds[0].line_index]
    first_ln = next((ln for ln in pre if ln.text and not is_chrome_line(ln.text)), None)
    if first_ln is not None and sum(1 for ln in pre if ln.text and line_start_marker_count(ln.text)) >= 2:
        title = _first_title(lines, 0, bounds[0].line_index)
        start = title.start if title else first_ln.start
        end = _plan_end(text, lines, 0, bounds[0].line_index, lines[bounds[0].line_index].start)
        plans.append(PlanSpan(start, max(end, start), title.start if title else None, title.end if title else None))
    for k, b in enumerate(bounds):
        hi = bounds[k + 1].line_index if k + 1 < len(bounds) else len(lines)
        default_end = lines[hi].start if hi < len(lines) else len(text)
        if k + 1 < len(bounds):
            # a separator line that precedes the next title is outside both plans
            default_end = min(default_end, bounds[k + 1].start)
        end = _plan_end(text, lines, b.line_index + 1, hi, default_end)
        plans.append(PlanSpan(b.start, max(end, b.title_end or b.start), b.title_start, b.title_end))
    # a title with nothing under it (a list of the compiled titles) is not a plan
    kept = [p for p in plans if text[p.title_end if p.title_end is not None else p.start:p.end].strip()]
    return kept or plans
