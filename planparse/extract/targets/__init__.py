"""Quantified targets and facts: ``配备率达到100%``, ``住户2530户``, ``60至80分``.

How it works, in one pass over the plan:

1. :func:`scan.scan_quantities` finds every number that carries a unit (or is a percent
   word or a fraction) with one compiled pattern;
2. exclusions drop numbers that name things (``三个代表``, ``“三创”``), ordinals, times and
   durations, frequencies (``每季度一次``), ``一`` meaning "a" (``组织一支宣传队``) and counts
   that announce a list (``以下三个方面``);
3. :mod:`frame` reads the bounded window around each quantity: comparator, metric and
   subject, rate base (``per``), and whether it is a target or a fact;
4. the deadline is the time expression that governs it (same sentence, or the section's
   ``到2010年底``).

Rules and word lists are data (``planparse/data/units.yaml``, ``comparators.yaml``,
``metrics.yaml``, ``target_cues.yaml``).

>>> from planparse import parse_text
>>> t = parse_text("工作目标\\n街道助残联络员配备率100%,培训合格率不低于95%。\\n").plans[0].targets
>>> [(x.metric, x.comparator.value, x.value, x.unit) for x in t]
[('配备率', '>=', 100, '%'), ('培训合格率', '>=', 95, '%')]
"""

from __future__ import annotations

import bisect
import functools
from typing import Any

import regex

from ...context import PlanContext
from ...models import Comparator, SectionLabel, Target, TargetKind, TimeExpr
from ...models.base import checked_model
from ...models.enums import members_by_value
from ...resources import compile_pattern, std_twin
from ..pos import first_word
from ..responsibilities.lexicon import match_marker
from .frame import (
    Comparison,
    announces_list,
    clause_end,
    clause_start,
    find_comparison,
    following_np,
    is_quoted_name,
    pos_tags,
    sentence_start,
    split_subject_metric,
    strip_chunk,
    window_has,
)
from .lexicon import lexicon, pattern, short
from .scan import Quantity, _read_number, _unit_at, scan_quantities

__all__ = ["extract_targets"]


class _Found:
    """A target read, before its model is made (a plain class with slots: one per target)."""

    __slots__ = ("start", "end", "q", "kind", "comparator", "metric", "subject", "per", "sentence",  # noqa: RUF023
                 "period")  # (the fields' order: __init__'s)

    def __init__(self, start: int, end: int, q: Quantity, kind: str, comparator: str, metric: str | None,
                 subject: str | None, per: str | None, sentence: int, period: int) -> None:
        self.start = start
        self.end = end
        self.q = q
        self.kind = kind
        self.comparator = comparator
        self.metric = metric
        self.subject = subject
        self.per = per
        self.sentence = sentence
        self.period = period

    def __repr__(self) -> str:
        return "_Found(" + ", ".join(f"{k}={getattr(self, k)!r}" for k in _FOUND_FIELDS) + ")"


_FOUND_FIELDS = ("start", "end", "q", "kind", "comparator", "metric", "subject", "per", "sentence", "period")


def extract_targets(ctx: PlanContext, times: list[TimeExpr] | None = None) -> list[Target]:
    """Targets and facts of the plan, in document order; ``times`` give deadlines."""
    text = ctx.text
    lo, hi = ctx.start, ctx.end
    times_ = _Times(times or [])
    named = _Named(text, lo, hi)
    found: list[_Found] = []
    leans: dict[int, tuple[int, Any]] = {}  # _section_lean's answers, per section of the plan
    for q in scan_quantities(text, lo, hi):
        cmp = find_comparison(text, q, lo, hi)
        if _excluded(ctx, q, cmp, named, times_):
            continue
        found.extend(_read(ctx, q, cmp, found, leans))
    _strict_bands(found)
    return [_to_model(ctx, f, times_) for f in found]


def _strict_bands(found: list[_Found]) -> None:
    """``60至74分…60分以下``: a "below" band whose bound another band includes is strict (<)."""
    for i, f in enumerate(found):
        if f.comparator != "<=" or f.q.unit != "分":
            continue
        near = found[max(0, i - 4):i + 4]
        if any(g is not f and g.q.unit == f.q.unit and g.comparator in ("range", ">=") and g.q.value == f.q.value
               for g in near):
            f.comparator = "<"


# -- exclusions ---------------------------------------------------------------------------

def _in_time(ctx: PlanContext, q: Quantity, times: _Times) -> bool:
    if not times.items:
        return False
    s, e = ctx.doc.to_source(q.start, q.num_end)  # (ctx.span)
    return times.covering(s, e)


_CLAUSE_BREAKS = frozenset(",;。:!?\n")
_COUNTED_REACH = 12  # how far back in the clause the counting metric may stand


def _counted_time(text: str, q: Quantity, lo: int, words: tuple[str, ...] | None) -> bool:
    """``优良天数298天``, ``超标天数比上年减少5天``: the metric before the number, in its clause,
    counts the time unit, so the figure is a quantity without a comparator."""
    if not words:
        return False
    a = max(lo, q.start - _COUNTED_REACH)
    for w in words:
        k = text.rfind(w, a, q.start)
        if k >= 0 and _CLAUSE_BREAKS.isdisjoint(text[k:q.start]):
            return True
    return False


def _excluded(ctx: PlanContext, q: Quantity, cmp: Comparison, named, times) -> bool:
    text, lo, hi = ctx.text, ctx.start, ctx.end
    lx = lexicon()
    # Every test below only says "excluded"; the ones that most often do come first.
    bounding = cmp.bounding  # (a property: read once)
    bounded = bounding or (cmp.word is not None and cmp.word.rule_id == "state_reach")
    if not bounding and _in_time(ctx, q, times):
        return True  # a time or a duration; 压缩至15个工作日以内 stays a target
    if q.needs_comparator and not (q.unit_kind == "age" and not q.chinese
                                   and text.endswith(lx.age_metric_words, lo, q.start)) \
            and not _counted_time(text, q, lo, None if q.unit is None else lx.counted_time_metrics.get(q.unit)):
        if not bounded:
            return True
        if q.unit_kind == "age" and not (cmp.word is not None and cmp.word.bounding):
            return True  # 60岁以上老人: a group of people, not a requirement
        if q.unit == "年" and 1900 <= q.value <= 2100:
            return True
    # tuple arguments: one C call per word list (endswith on [lo, start) = the word fits inside the plan)
    rank = text.endswith(lx.rank_cues, lo, q.start)
    if not rank:
        lead = _rank_lead(text, q, lo)
        if lead is not None and lead.group(2) == "前" and lead.group(1) in lx.rank_set_leads \
                and text.startswith("的", q.end):
            return True  # 排名前10位的药品: a set of things
        rank = lead is not None
    rank = rank or _ratio_base(text, q, hi)
    if _ratio_numerator(text, q, lo):
        return True
    if not rank and text.endswith(lx.left_blockers, lo, q.start):
        return True
    if text.startswith(lx.right_blockers, q.num_end):
        return True
    if text.startswith(lx.chrome_after, q.end):
        return True
    if text.endswith(lx.chrome_before, lo, q.start):
        return True
    if named.overlaps(q.start, q.end):
        return True
    if q.chinese and q.numeral in lx.bare_powers:
        return True
    sec = ctx.section_at(q.start)
    if sec is not None and sec.heading_start <= q.start < sec.marker_end:
        return True  # an outline marker (1.1, 3.2) read as a number
    if ("." in q.numeral and (q.start == lo or text[q.start - 1] == "\n") and q.unit_kind != "percent"
            and "\u4e00" <= text[q.end:q.end + 1] <= "\u9fff"):
        return True  # 3.2分阶段目标: a decimal outline number opening a heading line
    if q.start > lo and (text[q.start - 1].isascii() and text[q.start - 1].isalnum()):
        return True
    if is_quoted_name(text, q, lo, hi):
        return True
    if q.chinese and not q.cn_ok and not bounding:
        return True
    if q.fraction:
        nxt = text[q.end:q.end + 1]
        if not (cmp.word or (nxt and "\u4e00" <= nxt <= "\u9fff")):
            return True
    cs = cmp.clause if cmp.clause >= 0 else clause_start(text, q.start, lo)
    after = cmp.suffix_end if cmp.suffix_end > q.end else q.end  # (max: a builtin call costs ~800 instructions)
    if (q.unit_kind in lx.qualifier_kinds or (bounding and q.unit_kind in lx.qualifier_bounded_kinds)) \
            and _sorts_counted_noun(text, after, hi):
        return True
    if text.startswith(lx.condition_after, after):
        return True  # 超过37.3℃后复测: a condition, not a level
    if text[after:clause_end(text, after, hi, 30)].endswith(lx.condition_clause_end):
        return True
    if bounding and text.startswith("的", after) and window_has(lx.single_item_re, text, max(cs, q.start - 12), q.start):
        return True  # 单笔超过5万元的支出: a bound on one item scopes a rule
    if text.endswith(lx.start_value_leads, lo, q.start) and text.startswith(lx.change_to_words, q.end):
        return True  # 由3个增加到5个: the level it starts from; the target is the one after 增加到
    if cmp.suffix is not None and cmp.word is None and q.unit_kind != "percent" \
            and _picks_out_noun(text, cs, q, after, hi):
        return True  # 5000平方米以上工地安装…, 对涉及10人以上的纠纷: the bound names the things, sets no level
    if q.cite_blocked and not bounding and window_has(lx.cite_cues_re, text, cs, q.start):
        return True
    if (q.chinese and q.unit_kind == "count" and q.value <= lx.list_count_max and not cmp.word
            and not text[q.start - 1:q.start] == "等"
            and ("、" in text[cs:q.start] or any(c in text[(q.start - 12 if q.start - 12 > cs else cs):q.start] for c in "和及与"))):
        return True  # 幸福里、枫林两个社区: the count of the items just named
    if (not q.chinese and q.unit_kind == "count" and 2 <= q.value <= lx.list_count_max and not cmp.word
            and not cmp.suffix and _items_before(text, cs, q.start) == q.value):
        return True  # 东街、西街、南街3个社区: written in digits, the count still equals the items named
    if q.unit_kind == "count":
        if q.is_indefinite_one and not (cmp.word and cmp.word.word in lx.indefinite_ok) and not cmp.suffix:
            if not window_has(lx.distributive_re, text, q.start - 16 if q.start - 16 > cs else cs, q.start):
                return True
        if q.unit in lx.frequency_units and not bounding:
            if window_has(lx.frequency_re, text, cs, q.start):
                return True
        if q.chinese and not bounding and text.startswith(lx.compound_numerals, q.start):
            return True
        if window_has(lx.announce_before_re, text, q.start - 4 if q.start - 4 > cs else cs, q.start):
            return True
        if text.startswith(lx.structural_nouns, q.end):
            return True
        owner = std_twin(lx.owner_nouns_re).match
        m = owner(text, q.end, q.end + 4 if q.end + 4 < hi else hi)
        if m and text.startswith("、", m.end()) and owner(text, m.end() + 1, min(hi, m.end() + 5)):
            return True
        # The noun phrase after the count ends inside its clause (no bound before the clause's end)
        # or at that end: each check below needs a bound after it (: ( 。 or a line break for a
        # list announced, a comma or the text's end for a scope), so only that end can hold it,
        # and a scope noun's suffix must stand in the clause. Elsewhere the phrase is not read.
        ce = clause_end(text, after, hi)
        c = text[ce:ce + 1]
        if c in _LIST_AFTER or ((c == "," or not c) and any(w in text[after:ce] for w in lx.scope_suffixes)):
            noun, vp, np_end = following_np(text, after, hi)
            if noun and not vp and len(noun) <= 12 and announces_list(text, q, np_end, hi):
                return True
            if noun and noun.endswith(lx.scope_suffixes) and text[np_end:np_end + 1] in (",", ""):
                return True
    return False


_LIST_AFTER = frozenset(":(。\n")  # what announces_list reads after a noun phrase


class _Named:
    """The named phrases of a plan (``三个代表``), found where a quantity might overlap one.

    The spans are those of one search through the plan (sorted, disjoint), but that search runs
    only when a search around a quantity finds a phrase: most plans name none, and a window
    with no match holds no span of the plan-wide search either.
    """

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.text, self.lo, self.hi = text, lo, hi
        self.starts: list[int] | None = None
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Does a named phrase of the plan overlap ``[start, end)``?"""
        if self.starts is None:
            lx = lexicon()
            n = lx.named_longest
            # a phrase overlapping [start, end) starts after start - n and ends by its start + n
            named = std_twin(lx.named_re)
            a, b = start - n + 1, end - 1 + n  # (within the plan: builtin max/min calls cost ~800 instructions)
            if named.search(self.text, a if a > self.lo else self.lo, b if b < self.hi else self.hi) is None:
                return False
            spans = [m.span() for m in named.finditer(self.text, self.lo, self.hi)]
            self.starts, self.ends = [a for a, _ in spans], [b for _, b in spans]
        k = bisect.bisect_right(self.ends, start)  # the first named phrase ending after the start
        return k < len(self.starts) and self.starts[k] < end


def _items_before(text: str, cs: int, pos: int) -> int:
    """How many items a 、-list of short names ending right at ``pos`` names (0 when there is none).

    The last item must be a bare name (4 characters at most) and the list hold no number:
    ``东庄、西庄建设污水处理站2座`` and ``一等奖1名、二等奖2名`` are no such list.
    """
    seg = text[cs:pos]
    if "、" not in seg or seg.endswith(("、", "等")) or any(c.isdigit() for c in seg):
        return 0
    if len(seg.rsplit("、", 1)[1]) > _LIST_ITEM_MAX:
        return 0
    return seg.count("、") + 1


_LIST_ITEM_MAX = 4


def _picks_out_noun(text: str, cs: int, q: Quantity, after: int, hi: int) -> bool:
    """``5000平方米以上工地``, ``营业面积200平方米以上的餐饮单位``, ``对涉及10人以上的纠纷``: a bound
    written after the amount, with no comparator word, right before a noun (or 的 and a noun) in a
    clause that opens with the amount, with what it measures (面积) or with 对/涉及: the bounded
    amount picks out the things the clause speaks of (a qualifier), it sets no level to reach.
    A count needs the lead word or the measure (10个以上村庄完成改造 may be a target)."""
    nxt = text[after:after + 1]
    if not nxt or not ("\u4e00" <= nxt <= "\u9fff" or nxt == "、"):
        return False
    if nxt == "、" and text.find("的", after, clause_end(text, after, hi, 30)) < 0:
        return False
    if nxt != "的" and nxt != "、":
        fw = first_word(text[after:after + 4])
        if fw is not None and fw[1] in ("v", "d", "p"):
            return False  # 100平方米以上需报批: a verb follows, the bound states a condition elsewhere
    lx = lexicon()
    head = text[cs:q.start]
    mk = match_marker(head, 0, len(head))
    if mk:  # 1.建筑面积…: an outline marker opening the clause
        head = head[mk.end():]
    lead = False
    while head.startswith(lx.qualifier_leads):
        w = next(x for x in lx.qualifier_leads if head.startswith(x))
        head, lead = head[len(w):], True
    if head:
        if len(head) > 8 or not head.endswith(lx.qualifier_measures) \
                or not all("\u4e00" <= c <= "\u9fff" for c in head):
            return False
        lead = True
    return lead or q.unit_kind in ("measure", "money")


def _sorts_counted_noun(text: str, pos: int, hi: int) -> bool:
    """``30万元以上的村有3个``: 的 + a short noun + a count follow, so the amount only sorts the noun."""
    m = short(lexicon().qualifier_re).match(text, pos, min(hi, pos + 12))
    if not m:
        return False
    num = _read_number(text, m.end(), hi)
    if num is None:
        return False
    unit, _ = _unit_at(text, num[1], hi)
    return unit is not None and unit.kind == "count"


def _rank_lead(text: str, q: Quantity, lo: int) -> regex.Match | None:
    """``进入全县前`` / ``居全区第`` right before the number: a rank (group 1 the verb, 2 第 or 前)."""
    if not text.endswith(("第", "前"), lo, q.start):
        return None
    a = q.start - 8
    return short(lexicon().rank_lead_re).search(text, a if a > lo else lo, q.start)  # (max: a builtin call costs ~800 instructions)


def _ratio_base(text: str, q: Quantity, hi: int) -> bool:
    """``每300户至500户设置1个投放点``: the base after 每 is the quantity."""
    return text[q.start - 1:q.start] == "每" and bool(short(lexicon().ratio_re).match(text, q.end, min(hi, q.end + 6)))


def _ratio_numerator(text: str, q: Quantity, lo: int) -> bool:
    """The 1 of ``每300户设置1个投放点`` says "one per base", it counts nothing."""
    if q.value != 1:
        return False
    ratio = short(lexicon().ratio_re).match
    for k in range(q.start - 2, max(lo, q.start - 4) - 1, -1):
        m = ratio(text, k, q.end)
        if m and m.end() == q.end:
            j = text.rfind("每", max(lo, k - 14), k)
            return j >= 0 and any(c.isdigit() for c in text[j:k])
    return False


# -- reading one quantity -----------------------------------------------------------------

_NOT_NOUN_AFTER_DE = ("为", "是", "评为", "视为", "定为", "确定为", "列为", "予以", "给予", "标准", "水平", "规模",
                      "幅度", "速度", "比例", "要求", "目标")


def _follows_noun(text: str, q: Quantity, cmp: Comparison, hi: int) -> bool:
    """``20名安全员``, ``98%的社区达到…``: the counted thing comes after the number."""
    pos = cmp.suffix_end if cmp.suffix else q.end
    if pos >= hi:
        return False
    c = text[pos]
    if c == "的":
        if text.startswith(_NOT_NOUN_AFTER_DE, pos + 1):
            return False  # 90分以上的为优秀, 不低于50元的标准
        return (pos + 1 < hi and "\u4e00" <= text[pos + 1] <= "\u9fff") or text[pos + 1:pos + 2] in "“\""
    if not ("\u4e00" <= c <= "\u9fff" or c in "“\""):
        return False
    if text.startswith(("为", "是", "作为", "左右", "上下", "之间", "以", "或", "和", "及", "等", "比"), pos):
        return False
    return True


def _kind(ctx: PlanContext, q: Quantity, cmp: Comparison, sent: int, cs: int, following: bool,
          leans: dict[int, tuple[int, Any]]) -> str:
    """Target or fact: comparator, cues in the sentence before the number, section label, unit.

    ``leans``: :func:`_section_lean`'s answers for the plan's sections (filled as they are asked).
    """
    lx = lexicon()
    text = ctx.text
    score = 0.0
    if cmp.bounding:
        score += 3
    elif q.value_max is not None:
        score += 2  # a range is mostly a band to reach, but plans also describe sizes (覆盖300至500户)
    if cmp.word is not None:
        score += {"state_reach": 0.5, "state_be": -2.5, "change": 1.5, "approx": 0}.get(cmp.word.rule_id, 0)
    if q.unit_kind == "percent":
        score += 1
    elif q.unit_kind == "count":
        score -= 0.5
    t = window_has(lx.target_cues_re, text, sent, q.start, lx.false_friends_re)
    if t is not None and t.group() == "将" and lx.ba_verbs_re.search(text, t.end(), min(ctx.end, q.end + 24)):
        t = window_has(lx.target_cues_re, text, sent, t.start(), lx.false_friends_re)  # 将 = 把
    f = window_has(lx.fact_cues_re, text, sent, q.start, lx.fact_false_friends_re)
    if q.unit_kind != "percent":
        fn = window_has(lx.fact_noun_cues_re, text, sent, q.start, lx.fact_false_friends_re)
        if fn is not None and (f is None or fn.start() > f.start()):
            f = fn
    f_pos = f.start() if f else -1
    past = _past_year(ctx, sent, q.start)
    if past is not None and past > f_pos:
        f_pos = past  # 2023年全镇共发生事故2起, in a 2024 plan: a report
    w = window_has(lx.weak_target_cues_re, text, sent, q.start)
    t_pos = t.start() if t else -1
    w_pos = w.start() if w else -1
    latest = f_pos if f_pos > t_pos else t_pos  # (max: a builtin call costs ~800 instructions)
    if w_pos > latest:
        latest = w_pos
    if _topic_year(text, sent, past):
        latest = f_pos  # 2025年,全区新增就业…,完成年度目标任务的111.6%: the year's results
    if latest < 0:
        pass
    elif latest == f_pos:
        score -= 3
    elif latest == t_pos:
        score += 3
    elif f_pos < 0 or any(c in text[f_pos:w_pos] for c in ",;"):
        score += 1.5  # 在现有32个小区基础上,新增20个: a new clause with its own goal verb
    else:
        score -= 3  # 已有46个城市基本建成…: the report governs the goal verb in its clause
    clause = text[cs:q.start]
    for lead in ("一是", "二是", "三是", "四是", "五是"):
        if clause.startswith(lead):
            clause = clause[len(lead):]
    if following and clause.startswith(lx.reference_preps):
        score -= 4
    if cmp.word is None and text[q.start - 1:q.start] == "(" and text[q.end:q.end + 1] == ")":
        score -= 3  # 组织领导(15分): a figure in brackets states what an item is worth
    if following and cmp.word is None and text[q.start - 1:q.start] == "的":
        score -= 1.5  # 已建立的7人的治保会, 下辖的5个社区调委会: a relative clause points at what exists
    heading, label = _section_lean(ctx, q.start, leans)
    if heading < 0:
        score -= 3  # 一、上半年工作情况: the section reports, whatever its label
    else:
        if label in lx.target_sections or heading > 0:
            score += 1
        elif label in lx.fact_sections:
            score -= 1.5
    return "target" if score > 0 else "fact"


def _topic_year(text: str, sent: int, past: int | None) -> bool:
    """``2025年,全区新增就业8926人,…``: a past year opening the sentence before a comma is its
    topic, and the goal words of every clause after it (新增, 完成目标任务) report that year's results."""
    if past is None or text[sent:past].strip(" \t\u3000"):
        return False
    return _TOPIC_YEAR.match(text, past) is not None


_TOPIC_YEAR = compile_pattern(r"(?:19|20)\d\d\s?年(?:度|全年)?[,:]")


def _section_lean(ctx: PlanContext, pos: int, leans: dict[int, tuple[int, Any]]) -> tuple[int, Any]:
    """:func:`_heading_lean` of the innermost section at ``pos`` and the value of its top-level label
    (``ctx.section_label_at``), worked out once per section: ``leans`` keeps them by the section
    node (alive as long as the plan's context) for the plan's later quantities."""
    node = ctx.section_at(pos)
    key = id(node)
    hit = leans.get(key)
    if hit is None:
        label = node.top().label if node is not None else SectionLabel.other
        hit = leans[key] = (_heading_lean(ctx, node), getattr(label, "value", label))
    return hit


def _heading_lean(ctx: PlanContext, node) -> int:
    """-1 when a heading enclosing ``node`` (a section, or None) says the section reports, +1 when
    it plans, 0 otherwise.

    The innermost heading with a cue decides (二、存在问题 under a plan still reports).
    """
    while node is not None:
        a, b = node.marker_end, node.heading_end
        if b > a:
            lean = _heading_cue(ctx.text[a:b])
            if lean:
                return lean
        node = node.parent
    return 0


@functools.lru_cache(maxsize=1024)
def _heading_cue(heading: str) -> int:
    """What a heading says: -1 a report, +1 a plan, 0 neither.

    Keyed by the heading's text (the cues are plain words), so it is read once per heading
    wording across plans, and the cache holds no document.
    """
    lx = lexicon()
    f = std_twin(lx.heading_fact_re).search(heading)
    t = std_twin(lx.heading_target_re).search(heading)
    if f and not t:
        return -1
    if t and not f:
        return 1
    if f and t:
        return 1 if t.start() > f.start() else -1  # 上半年工作总结及下半年计划: the last word rules
    return 0


_YEAR = r"(?<![比较\d(《〔\[])((?:19|20)\d\d)\s?年(?![底末]?前|以来|本|版)"


def _past_year(ctx: PlanContext, start: int, end: int) -> int | None:
    """Position of a year before the plan's own year in ``[start, end)`` (a report of a past year)."""
    if not ctx.year or ctx.text.find("年", start, end) < 0:  # every year written holds 年
        return None
    pos = None
    for m in pattern(_YEAR, "targets past year").finditer(ctx.text, start, end):
        if int(m.group(1)) < ctx.year:
            pos = m.start()
    return pos


def _comparator(q: Quantity, cmp: Comparison, kind: str) -> str:
    if q.value_max is not None:
        return "range"
    if cmp.suffix is not None and cmp.suffix.op in ("<=", ">="):
        if cmp.suffix.op == "<=" and cmp.strict:
            return "<"
        return cmp.suffix.op
    if cmp.suffix is not None and cmp.suffix.op == "=":
        return "="
    w = cmp.word
    if w is not None:
        if w.op == "change":
            return "="
        if w.op == "state":
            return ">=" if kind == "target" else "="
        return w.op
    return ">=" if kind == "target" else "="


_SLASH_PER = r"/(人次|人|户|月|年|天|日|次|床|间|套|平方米)"
_PER_EACH = r"每个([\u4e00-\u9fff]{3,12})$"
_PER_TAIL = r"每(人|户|名|位|班|校|村)$"
_PER_HEAD = r"^每(?:个|名|位)?(人|户|村|校|家|队|组|班|[\u4e00-\u9fff]{1,4}?(?=负责|联系|要|应|须)|[\u4e00-\u9fff]{1,3}$)"
_PER_PERIOD = r"每(半年|年|季度|季|月|半月|周|星期|学期|学年|天|日|餐|次|课)"
_PER_BASE = r"每个?([^,;。:的至不最]{1,8}?)(?:拥有|配有|配备|有|的|平均)"
_PER_ONE = r"(?:一)(年|学期|季度|月|周|天)$"


@functools.cache
def _per_patterns() -> tuple[Any, Any, tuple[Any, ...]]:
    """The rate-base patterns, compiled on first use (not at import: cold start); run on short
    windows and chunks (:func:`lexicon.short`)."""
    return (short(compile_pattern(_SLASH_PER, where="targets slash per")),
            short(compile_pattern(_PER_EACH, where="targets per each")),
            tuple(short(compile_pattern(p, where="targets per")) for p in (_PER_BASE, _PER_PERIOD, _PER_ONE, _PER_HEAD,
                                                                            _PER_TAIL)))


def _per(chunk: str) -> tuple[str, str | None]:
    """Take the rate base out of a metric chunk.

    ``每千名老人拥有床位数`` → (床位数, 千名老人); ``入户走访每月`` → (入户走访, 月);
    ``小型文体活动一年`` → (小型文体活动, 年).
    """
    if "每" not in chunk and "一" not in chunk:
        return chunk, None  # every pattern below needs one of them
    _, each, pats = _per_patterns()
    original = chunk
    pers = []
    m = each.match(chunk)
    if m:  # 每个街镇备用金: the first word is the base, the rest the metric
        tags = pos_tags(m.group(1))
        if len(tags) >= 2 and len(tags[0][0]) >= 2 and len(tags[1][0]) >= 2 and tags[1][1].startswith("n"):
            return "".join(w for w, _ in tags[1:]), tags[0][0]
    period = None
    for i, pat in enumerate(pats):
        for _ in range(3):
            m = pat.search(chunk)
            if not m:
                break
            pers.append(m.group(1))
            if i == 1 and period is None:
                period = (m.group(), chunk[m.end():m.end() + 2])
            chunk = chunk[:m.start()] + chunk[m.end():]
    pers.sort(key=lambda p: original.find(p))  # 每人每年: the first base written
    return _keep_period(chunk, period), (pers[0] if pers else None)


def _keep_period(chunk: str, period: tuple[str, str] | None) -> str:
    """``科主任每周查房``: a period (每周) before what is done stays in the metric (每周查房).

    Not when it ends the chunk (``培训每年`` + 不少于4学时), opens it (nobody named before it) or its
    unit is no stretch of time (每次).
    """
    if period is None:
        return chunk
    word, nxt = period
    if word[1:] not in lexicon().metric_period_units or len(nxt) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in nxt):
        return chunk
    k = chunk.find(nxt)
    return chunk[:k] + word + chunk[k:] if k > 0 else chunk  # 每人每月服务: who does it is unnamed


def _read(ctx: PlanContext, q: Quantity, cmp: Comparison, found: list[_Found],
          leans: dict[int, tuple[int, Any]]) -> list[_Found]:
    text, lo, hi = ctx.text, ctx.start, ctx.end
    lx = lexicon()
    sent = sentence_start(text, q.start, lo)
    left_edge = cmp.start if cmp.word is not None and not cmp.verb_between else q.start
    cs = cmp.clause if left_edge == q.start and cmp.clause >= 0 else clause_start(text, left_edge, lo)
    period = _period_start(text, q.start, lo)
    if found:
        prev_end = found[-1].end if found[-1].end < left_edge else left_edge  # (max, min: builtin calls cost ~800 instructions)
        if found[-1].q.end > prev_end:
            prev_end = found[-1].q.end
        if cs < prev_end <= left_edge:
            cs = prev_end  # 接待群众3批14人次, 12个行政村、3个社区: the chunk stops at the previous quantity
    if _ratio_base(text, q, hi):
        # 每300户至500户设置1个投放点: the base measures how much one 投放点 serves
        m = short(lx.ratio_re).match(text, q.end, min(hi, q.end + 6))
        assert m is not None  # (_ratio_base found it)
        noun: str | None
        noun, _, np_end = following_np(text, m.end(), hi)
        if not noun or noun.startswith(lx.generic_heads_seq):
            # 保洁员按每300人配备1名的标准: what is provided stands before 每
            _, noun = split_subject_metric(text[cs:q.start - 1])
        return [_Found(q.start - 1, q.end, q, _kind(ctx, q, cmp, sent, cs, False, leans), "range" if q.value_max else "=",
                       noun or None, noun or None, None, sent, period)]
    following = _follows_noun(text, q, cmp, hi) and not (cmp.word is not None and cmp.word.op == "change")
    if following and cmp.word is not None and cmp.bounding and not cmp.verb_between:
        # 平均浓度低于50微克/立方米的A乡、B镇: a metric before the comparator wins over the noun after
        before = text[cs:left_edge].rstrip()
        if before.endswith(lx.metric_suffixes):
            following = False
    kind = _kind(ctx, q, cmp, period, cs, following, leans)
    comparator = _comparator(q, cmp, kind)
    if kind == "target" and (cmp.word is None or cmp.word.op == "state") and cmp.suffix is None \
            and q.value_max is None:
        bound = short(lx.metric_bound_re).search(text, max(cs, q.start - 12), left_edge)
        if bound:  # 最高额度30万元: a cap named in the metric (最高气温38℃, a fact, is a measure)
            comparator = lx.metric_bound_op[bound.group(1)]
    after = end = cmp.suffix_end if cmp.suffix_end > q.end else q.end  # (max: a builtin call costs ~800 instructions)
    slash_per = _per_patterns()[0].match(text, q.end, q.end + 4 if q.end + 4 < hi else hi)
    if slash_per:  # 300元/人: the base written after the unit
        end = max(end, slash_per.end())
    per = None
    subject = metric = None
    start = left_edge
    # the chunk before the comparator or number
    chunk_start = cs
    chunk = text[chunk_start:left_edge]
    change = cmp.word is not None and cmp.word.op == "change"
    base_at = -1  # where the base of a change starts (比上年, 同比, 年均)
    whole = ""  # a change's subject and metric as written in its own clause
    if change:
        k = _change_base(chunk)
        if k >= 0:
            chunk = chunk[:k]
            base_at = chunk_start + k
            if found and found[-1].sentence == sent and found[-1].kind != kind and not strip_chunk(chunk):
                # 去向落实率为88.9%,比上年提高1.6个百分点: a change in a clause of its own follows the figure
                # it changes (a report's result, or a plan's goal)
                kind = found[-1].kind
                comparator = _comparator(q, cmp, kind)
    chunk, per = _per(chunk)
    if slash_per and per is None:
        per = slash_per.group(1)
    if per is None and cmp.verb_between:  # 每个网格至少配备1名: the base stands before the comparator
        _, per = _per(text[chunk_start:cmp.start])
    if following:
        noun, vp, np_end = following_np(text, end, hi)
        end = np_end if np_end > end else end
        if kind == "target" and vp:
            subject, metric = noun or None, vp
        else:
            metric = noun or None
            subject = _subject_before_verb(text[chunk_start:cmp.start] if cmp.verb_between else chunk)
        start = left_edge if cmp.word is not None else q.start
    else:
        inner = chunk.strip()
        if (not inner or inner in lx.generic_heads) and cs > lo and text[cs - 1] == "(":
            # 压疮发生率(目标≤0.1‰), 工作落实(50分): the metric stands right before the parenthesis
            outer = cs - 1
            while outer > max(lo, cs - 24) and text[outer - 1] not in "、,;。:()\n":
                outer -= 1
            chunk = text[outer:cs - 1]
            chunk_start = outer
        parts = _coordinated(chunk, cmp.word.word if cmp.word else "")
        if parts:
            out = []
            for part in parts:
                sub, met = split_subject_metric(part)
                k = text.rfind(met or part, chunk_start, left_edge)
                if change:
                    met = _change_metric(text, strip_chunk(part) or _name(text, sent, left_edge, sub, met), base_at, cmp)
                out.append(_Found(k if k >= 0 else left_edge, end, q, kind, comparator, met, sub, per,
                                  sent, period))
            return out
        if cmp.verb_between and cmp.word is not None:
            # 禁毒社工至少走访1次: the verb after the comparator is what is counted
            subject, _ = split_subject_metric(text[chunk_start:cmp.start])
            metric = strip_chunk(text[cmp.start + len(cmp.word.word):q.start]) or None
            start = cmp.start
        else:
            subject, metric = split_subject_metric(chunk)
            if change and metric:  # 其他垃圾产生量较2023年下降: the whole name, as written
                whole = strip_chunk(chunk)
                if not whole.endswith(metric):
                    whole = ""
        if metric and not cmp.verb_between:
            k = text.rfind(metric, chunk_start, left_edge)
            start = k if k >= 0 else left_edge
            if subject is None and not change and len(metric) <= lx.list_label_max:
                lead = _list_lead(text, lo, q, chunk_start, end, hi, metric, per, found, sent)
                if lead is not None:  # 各服务站服务人口:星河站21350人,望月站16840人
                    subject, metric = metric, lead
    bare = metric if metric in lx.bare_verbs else None
    if bare:
        metric = None  # 年内新增3个以上: look for what is counted in the clause before
    if metric is None and not (found and found[-1].q.end > cs - 2 and found[-1].period == period):
        # 选派…到上级医院进修,每年不少于10人次: the metric is the clause before
        prev = clause_start(text, cs - 1, lo) if cs - 1 > lo and text[cs - 1] in ",\n" else cs
        if prev < cs - 1 and not (found and found[-1].q.end > prev):
            subject, metric = split_subject_metric(text[prev:cs - 1])
            if metric and metric.endswith(lx.generic_heads_seq):
                subject = metric = None  # 工作目标 / 到2025年达到90%: a heading names no metric
            if metric:
                k = text.rfind(metric, prev, cs)
                start = k if k >= 0 else start
    if metric is None and found and found[-1].period == period and not bare:
        subject, metric = found[-1].subject, found[-1].metric
        if per is None:
            per = found[-1].per
    if metric is None and bare:
        metric = bare
    if metric is None or metric in lx.generic_heads:
        metric = _header_metric(text, q.start, lo) or metric
    if change:  # 接报火灾412起,比上年下降6.8%: the size of a change in what is named (接报火灾比上年下降)
        metric = _change_metric(text, whole if whole and metric and whole.endswith(metric) else _name(text, sent, left_edge, subject, metric),
                                base_at, cmp)
    paid = short(lx.standard_re).match(text, after, after + 40 if after + 40 < hi else hi)
    if paid:  # 按每亩30元的标准给予作业补助: the standard of what is paid
        noun = paid.group(1)
        metric = noun if noun.endswith("标准") else noun + "标准"
    rank = _rank_lead(text, q, lo) if cmp.word is None else None
    if rank is not None:  # 平均分进入全县前3名: a ceiling when set (or 前N), what is ranked + 排名
        if rank.group(2) == "前" or kind == "target":
            comparator = "<="
        if rank.group(1) != lx.rank_metric:
            sub, met = split_subject_metric(text[cs:rank.start()])
            if met:
                subject, metric, start = sub, met + lx.rank_metric, text.rfind(met, cs, rank.start())
    column = _column_header(text, q, lo, hi)
    if column == "":  # a figure inside a table's name cell
        return []
    if column is not None:  # 16栋 in a text table under 楼栋数: the column names what is counted
        metric, start = column, left_edge
    if metric is None:
        metric = None if q.unit_kind is None else lx.default_metric_by_kind.get(q.unit_kind)  # 92分以上为优秀: a score
    share = _share(text, q, cmp, lo, metric)
    if share is not None:  # 隐患整改占40分: a share or weight, stated
        metric, kind, comparator = share, "fact", "range" if q.value_max is not None else "="
    elif cmp.word is None and cmp.suffix is None and q.value_max is None \
            and short(lx.share_of_re).search(text, max(lo, q.start - 16), q.start):
        kind, comparator = "fact", "="  # 检查结果占教师考核成绩的30%: a share of a whole, stated
    return [_Found(start, end, q, kind, comparator, metric, subject, per, sent, period)]


def _list_lead(text: str, lo: int, q: Quantity, chunk_start: int, end: int, hi: int, label: str, per: str | None,
               found: list[_Found], sent: int) -> str | None:
    """What a list of labelled figures measures (``培训补贴按照证书等级确定,初级工每人1200元、中级工每人1800元``):
    the metric of the item before in the sentence (same kind of unit), or for the first item the clause
    before it, when the figure's own chunk is only a short label that opens a list item; else None."""
    lx = lexicon()
    if q.unit_kind not in lx.list_unit_kinds or label.endswith(lx.metric_suffixes) or label.endswith(lx.list_label_heads) \
            or label in lx.generic_heads:
        return None
    p = chunk_start
    while p < q.start and text[p] in " \t\u3000":
        p += 1
    if text[p:p + 1] in lx.list_item_seps:
        sep = p
    elif p > lo and text[p - 1] in lx.list_item_seps:
        sep = p - 1
    else:
        return None
    if text.startswith(lx.list_breakdown_leads, sep + 1):  # 其中消防器材更新2.5万元: the parts of a whole
        return None
    prev = found[-1] if found else None
    if prev is not None and prev.sentence == sent and prev.q.unit_kind == q.unit_kind and prev.q.end <= sep:
        # the item before: its metric when it is no label of its own
        # 日常养护资金按照县道每公里每年不低于1万元、乡道不低于5000元; 本科每人每月1000元,硕士每人每月1500元
        if prev.metric and (prev.subject is not None or prev.per is not None) \
                and (text[sep] in lx.list_close_seps or (per is not None and prev.per is not None)):
            return prev.metric
        return None
    # the first item: another item follows, and the clause before names what they measure
    if not short(lx.list_next_re).match(text, end, min(hi, end + lx.list_label_max + 8)):
        return None
    if sep <= lo or text[sep] not in lx.list_lead_ends:
        return None
    a = clause_start(text, sep, lo)
    head = text[a:sep]
    if not head or any(c.isdigit() for c in head) or short(lx.list_lead_reject_re).search(head):
        return None
    # 按规定发放安家补贴: what is paid, after the paying verb; 护理补贴按照护理等级确定: what is set, before 按照
    k = -1
    for v in lx.list_lead_verbs:
        i = head.rfind(v)
        if i >= 0 and i + len(v) > k:
            k = i + len(v)
    if 0 <= k <= len(head) - 2:
        head = head[k:]
    else:
        for w in lx.list_lead_cuts:
            k = head.find(w)
            if k > 0:
                head = head[:k]
                break
    _, lead = split_subject_metric(head)
    if not lead or lead in lx.generic_heads or lead.endswith(lx.generic_heads_seq):
        return None
    return lead


def _change_base(chunk: str) -> int:
    """Where the base of a change starts in the chunk before the change verb (比上年, 同比, 年均), else -1."""
    lx = lexicon()
    for mark in lx.change_bases:
        k = chunk.rfind(mark)
        while k >= 0 and (chunk.startswith(lx.change_base_false_friends, k)
                          or (len(mark) == 1 and k > 0 and chunk[k - 1:k + 1] in lx.change_bases)):
            k = chunk.rfind(mark, 0, k)  # 比例, 较大: no base; the 比 of 同比 is found as 同比
        if k >= 0:
            return k
    return -1


def _name(text: str, lo: int, hi: int, subject: str | None, metric: str | None) -> str:
    """刑事案件 + 发案率: what a change is of, named whole when written so in text[lo:hi], else the metric."""
    if not metric:
        return ""
    if subject and not metric.startswith(subject) and text.find(subject + metric, lo, hi) >= 0:
        return subject + metric
    return metric


def _change_metric(text: str, name: str, base_at: int, cmp: Comparison) -> str:
    """What changes + the base + the verb (接报火灾 + 比上年 + 下降): a change's size is no level of ``name``."""
    lx = lexicon()
    assert cmp.word is not None
    phrase = "".join(text[base_at:cmp.start].split()) if base_at >= 0 else ""
    if phrase not in lx.change_bases:
        for w in lx.change_phrase_drop:
            if phrase.endswith(w):  # 同比均下降
                phrase = phrase[: -len(w)]
                break
    phrase += cmp.word.word
    if name.endswith(phrase):  # (a name read from the clause itself may hold the verb already)
        return name
    return name + phrase


def _share(text: str, q: Quantity, cmp: Comparison, lo: int, metric: str | None) -> str | None:
    """``X占40%`` / ``X仅占9.1%`` with no comparator word: the metric ``X占比`` (``X分值`` for points), else None."""
    lx = lexicon()
    if cmp.word is not None or cmp.suffix is not None:
        return None
    verb = next((v for v in lx.share_verbs if text.endswith(v, lo, q.start)), None)
    if verb is None:
        return None
    name = metric or ""
    if name.endswith(verb):
        name = name[: -len(verb)]
    for w in lx.share_lead_strip:
        if name.endswith(w):
            name = name[: -len(w)]
            break
    return name + lx.share_names.get(q.unit or "", "占比")


_CELL_GAP = r"[ \t\u3000]+"


def _cells(line: str) -> list[str]:
    return [c for c in pattern(_CELL_GAP, "targets table cells").split(line.strip(" \t\u3000")) if c]


def _column_header(text: str, q: Quantity, lo: int, hi: int) -> str | None:
    """The header of the column a figure fills in a table pasted as text (``楼栋数`` over ``16栋``), "" for a
    figure inside a cell of such a table's row (a part of the name the cell gives), else None."""
    lx = lexicon()
    ls = text.rfind("\n", lo, q.start) + 1
    le = text.find("\n", q.end, hi)
    le = hi if le < 0 else le
    seg = text[ls:le].strip(" \t\u3000")
    if not (" " in seg or "\t" in seg or "\u3000" in seg):
        return None  # a row's cells are set apart by a gap (one ideographic space, normalized to " ", is one)
    before = _cells(text[ls:q.start] + "|")  # cells before the figure's ("|" keeps a cell glued to it)
    row = _cells(text[ls:le])
    first = row[0] if row else ""
    total = first in lx.table_total_labels  # 合计 spans the serial and the name cells
    if len(row) + total < lx.table_min_cells:
        return None
    # a figure inside a cell (其余三个乡镇打捆项目) is part of what the cell names: no quantity of the table
    glued = before[-1][:-1]  # what stands in the figure's cell before it
    inside = bool(glued) and glued not in lx.prefix  # (不少于8公里: a comparator opens the cell)
    col = len(before) - 1 + total
    if not total and not first.isdigit():
        return None
    k = ls
    for _ in range(12):  # the header: the first line above the rows holding no digit
        if k <= lo:
            return None
        prev = text.rfind("\n", lo, k - 1) + 1
        line = text[prev:k - 1]
        k = prev
        cells = _cells(line)
        if not cells:
            continue
        if cells[0].isdigit() or cells[0] in lx.table_total_labels:
            continue  # another row
        if any(c.isdigit() for c in line) or len(cells) < lx.table_min_cells or col >= len(cells):
            return None
        if inside:
            return ""
        name = pattern(r"[(（][^()（）]{1,6}[)）]$", "targets table unit").sub("", cells[col])
        if not name or name in lx.generic_heads or name in lx.table_generic_headers:
            return None
        return name
    return None


def _header_metric(text: str, pos: int, lo: int) -> str | None:
    """The metric of a header line ending with ":" above a run of ``label:`` rows (per-village lines)."""
    lx = lexicon()
    ls = text.rfind("\n", lo, pos) + 1
    if not lx.header_label_re.match(text, ls, pos):
        return None
    for _ in range(40):  # at most that many rows between the header and this one
        if ls <= lo:
            return None
        prev = text.rfind("\n", lo, ls - 1) + 1
        line = text[prev:ls - 1].strip()
        ls = prev
        if not line or (lx.header_label_re.match(line) and not line.endswith(":")):
            continue  # another label row
        if not line.endswith(":"):
            return None
        head = line[:-1]
        for _ in range(3):  # 目标任务如下: peel closers and generic heads from the right
            cut = next((w for w in (*lx.header_closers, *lx.generic_heads) if head.endswith(w)), None)
            if cut is None:
                break
            head = head[:-len(cut)]
        _, metric = split_subject_metric(head)
        return metric if metric and metric.endswith(lx.metric_suffixes) else None
    return None


def _subject_before_verb(chunk: str) -> str | None:
    """``社区党委下设`` → 社区党委: who has the counted things, without the verb that introduces them."""
    chunk, _ = _per(chunk)
    tags = list(pos_tags(strip_chunk(chunk)))
    while tags and (tags[-1][1].startswith(("v", "d", "p", "u")) or tags[-1][0] in lexicon().split_verbs):
        tags.pop()
    subject = strip_chunk("".join(w for w, _ in tags))
    return subject if subject and len(subject) <= 16 else None


def _period_start(text: str, pos: int, floor: int) -> int:
    """Start of the sentence up to a full stop (a ; does not end it): metrics carry over inside it."""
    lo = pos - 160 if pos - 160 > floor else floor  # (max: a builtin call costs ~800 instructions)
    stop = -1
    for c in "。!?\n":
        k = text.rfind(c, lo, pos)
        if k > stop:
            stop = k
    return stop + 1 if stop >= 0 else lo


def _coordinated(chunk: str, cmp_word: str) -> list[str]:
    """``参与率和基本安全知识的知晓率均``: one number for two metrics gives two targets."""
    lx = lexicon()
    core = chunk.rstrip()
    for tail in ("均", "都", "分别"):
        if core.endswith(tail):
            core = core[: -len(tail)]
            break
    else:
        if not cmp_word.startswith(("均", "都")):
            return []
    for conj in ("和", "及", "与", "、"):
        if conj in core:
            a, _, b = core.rpartition(conj)
            if a and b and all(x.endswith(lx.metric_suffixes) for x in (a, b)):
                return [a, b]
    return []


# -- deadline and model -------------------------------------------------------------------

class _Times:
    """Time expressions sorted by source start, for bounded look-ups (no scan of every time per target)."""

    def __init__(self, times: list[TimeExpr]) -> None:
        self.items = sorted(times, key=lambda t: t.span[0])
        self.starts = [t.span[0] for t in self.items]

    def within(self, a: int, b: int) -> list[TimeExpr]:
        """Times whose source span lies inside ``[a, b)``."""
        i = bisect.bisect_left(self.starts, a)
        out = []
        while i < len(self.items) and self.starts[i] < b:
            if self.items[i].span[1] <= b:
                out.append(self.items[i])
            i += 1
        return out

    def covering(self, a: int, b: int) -> bool:
        """Is ``[a, b)`` inside one time span?"""
        i = bisect.bisect_right(self.starts, a) - 1
        for t in self.items[(i - 3 if i > 3 else 0):i + 1]:
            if t.span[0] <= a and b <= t.span[1]:
                return True
        return False


def _deadline(ctx: PlanContext, f: _Found, times: _Times) -> str | None:
    """The time that governs the target: one in the same sentence before it, else one that opens its section.

    A time that is a comparison base (比上年, 较2015年) governs nothing.
    """
    if f.kind != "target" or not times.items:
        return None

    def usable(t: TimeExpr, kinds: tuple[str, ...]) -> bool:
        if t.kind.value not in kinds:
            return False
        before = ctx.doc.source[max(0, t.span[0] - 2):t.span[0]]
        return not before.endswith(("比", "较", "同比"))

    a, b = ctx.span(f.sentence if f.sentence < f.start else f.start, f.start if f.start > f.q.start else f.q.start)
    found = [t for t in times.within(a, b) if usable(t, ("date", "period", "range"))]
    if found:
        return found[-1].text
    sec = ctx.section_at(f.start)
    if sec is None:
        return None
    ha, hb = ctx.span(sec.heading_start, max(sec.heading_start, min(sec.end, sec.heading_end + 40, f.start)))
    for t in times.within(ha, hb):
        if usable(t, ("date", "period")):
            return t.text
    return None


def _num(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


def _to_model(ctx: PlanContext, f: _Found, times: _Times) -> Target:
    node = ctx.section_at(f.start)  # (ctx.section_label_at and section_id_at, one lookup)
    label = node.top().label if node is not None else SectionLabel.other
    span = ctx.span(f.start, f.end)
    values: dict[str, Any] = {
        "text": ctx.doc.source[span[0]:span[1]],  # ctx.source(f.start, f.end), without mapping the span again
        "span": span,
        "kind": _KINDS.get(f.kind),
        "subject": f.subject,
        "metric": f.metric,
        "comparator": _COMPARATORS.get(f.comparator),
        "value": _num(f.q.value),
        "value_max": _num(f.q.value_max) if f.q.value_max is not None else None,
        "unit": f.q.unit,
        "per": f.per,
        "deadline": _deadline(ctx, f, times),
        "section_label": _LABELS.get(label),
        "section_id": node.id if node is not None else None,
    }
    if values["kind"] is None or values["comparator"] is None or values["section_label"] is None:
        return Target(**{**values, "kind": f.kind, "comparator": f.comparator, "section_label": label})  # validation decides
    return checked_model(Target, values)  # each value of its field's type: no validation again


# the enum members by value (a member looks itself up too: it equals its value)
_KINDS = members_by_value(TargetKind)
_COMPARATORS = members_by_value(Comparator)
_LABELS = members_by_value(SectionLabel)
