"""Responsibilities: which unit owns which task.

Four shapes, each a general habit of the genre:

* a clause whose subject is a unit list, then a trigger: ``区财政要将经费列入预算``,
  ``社区治保会将积极配合派出所……``, ``区卫生局和残联负责成立……`` (two owners);
* ``由X牵头/负责/组织……`` at a clause start;
* an item headed by its owner (``1、街道残疾人联合会。负责……;开展……``) or a duty list
  under a body (``办公室(市创城办)`` … ``主要职责:`` ``1.负责……``): every duty is the owner's;
* a task-decomposition table flattened to one cell per paragraph (序号/项目/牵头部门/相关责任部门).

A clause without a subject (``……,具体负责平安创建的具体事项``) belongs to the body set up in
the same sentence (``成立……领导小组``) or to the sentence's subject (``办公室设在区残联,负责……``).
Not responsibilities: the issuer speaking of itself (``我们``, ``我镇要``), framing
(``在X的指导下``), named persons. The relation comes from ``data/relations.yaml``.

>>> from planparse import parse_text
>>> r = parse_text("一、职责分工\\n区卫生局负责康复训练。\\n")
>>> [(x.owner, x.relation.value, x.task) for x in r.plans[0].responsibilities]
[('区卫生局', 'responsible', '康复训练')]
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

import regex

from ...context import PlanContext
from ...models import Relation, Responsibility, SectionLabel
from ...models.base import checked_model
from ...resources import compile_pattern, compile_std, load, std_twin
from ..pos import cut as pos_cut
from ..pos import first_word
from .lexicon import (
    MARKER_FIRST,
    MARKER_HEAD_END_STARTS,
    MARKER_STARTS,
    any_word_re,
    continuations_in,
    follow_on_at,
    literal_re,
    match_marker,
    relation_lexicon,
    relation_of_task,
    skip_framing,
    skip_task_lead,
    strip_adverbs_right,
    trigger_at,
)
from .table import _BLANKS, find_table_rows
from .units import (
    is_org_name,
    is_unit_item,
    level_of,
    levels_named,
    lexicon,
    list_end_chars,
    match_unit_prefix,
    may_end_org,
    no_list_starts_at,
    org_end_finditer,
    short_bad_starts_by_first,
    split_units,
    unit_chars,
    unit_word_search,
)

# (the patterns of this module run on the standard re where both engines match alike, class
# escapes written out: resources.std_twin; a call of the regex module costs several times more)
_ROLE_IN = std_twin(compile_pattern(
    r"(?:任|担任|兼任|为|是)[^,;。]{0,16}?(?:组长|主任|组员|成员|指挥长|总指挥|责任人|委员)(?:[,;。]|$)"))
_ASKING = ("要求", "责成", "请")
# _ROLE_IN needs one of its role nouns: a clause without any is not searched
_PHONE_OR_ROLE = any_word_re(("电话", "组长", "主任", "组员", "成员", "指挥长", "总指挥", "责任人", "委员"))
_ROLE_NOUNS = any_word_re(("组长", "主任", "组员", "成员", "指挥长", "总指挥", "责任人", "委员"))
_PERSON_AHEAD = std_twin(compile_pattern(r"(?:[X×xＸ*＊]{1,4}|\p{Han}某某|\p{Han}某)(?:同志)?(?:负责|牵头|担任|任)"),
                         classes=True)
_ISSUED = ("印发", "发布", "颁布", "批准", "转发", "下发")
_COUNT = std_twin(compile_pattern(r"(?:\d{1,3}|[一二三四五六七八九十两]{1,3})(?:名|个|位)"), classes=True)
_COUNT_FIRST = frozenset("一二三四五六七八九十两")
_TIME_LEAD_FIRST = frozenset("0123456789〇零一二三四五六七八九十年月第上下")
# what a date or deadline before an owner may start with (a recurring deadline: 每月20日前各社区报送……)
_TIME_LEAD_OPEN = _TIME_LEAD_FIRST | frozenset("每")
_APPOINT = std_twin(compile_pattern(r"担任|兼任|组成"))
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_ROLE_CLAUSE = std_twin(compile_pattern(
    r"(?:任|担任|兼任|为)[^,;。]{0,8}?(?:组长|主任|组员|成员|指挥长|总指挥|责任人|委员)|[^,;。]{0,12}?组成"
    r"|(?:任|担任|兼任)\p{Han}{0,6}?(?:长|主任|员)(?:[,;。]|$)"), classes=True)

# 医疗质量组由X任组长,负责……: a body that opens a sentence by naming its head owns the
# subjectless duties after it (the body ends like a body of data/positions.yaml, or in 组/队)
_BODY_HEAD_CLAUSE = std_twin(compile_pattern(
    r"([^,;。:、()\s由]{2,16}?(?:组|队|办公室|指挥部|委员会|专班))由[^,;。]{1,20}?(?:任|担任|兼任)"
    r"[^,;。]{0,4}?(?:组长|队长|主任|指挥长|召集人|负责人)$"), classes=True)

_LABELLED_ITEM = compile_pattern(r"[\p{Han}()]{2,16}")  # one name of a 责任单位: list

_PART_SPLIT = re.compile(r"[^;,]+")  # the labelled lists of an inline bracket


@functools.cache
def _inline_label_re() -> regex.Pattern | re.Pattern | None:
    """``(牵头单位:A;责任单位:B、C)``: a bracket holding only labelled unit lists (a unit may hold
    one short bracket of its own: 各村(社区))."""
    labels = relation_lexicon().unit_labels
    if not labels:
        return None
    lab = "|".join(sorted(map(re.escape, labels), key=len, reverse=True))
    item = r"(?:[^()\n;,:]|\([^()\n;,:]{1,8}\))"
    return std_twin(compile_pattern(rf"\((?:{lab}):{item}{{2,80}}(?:[;,](?:{lab}):{item}{{2,80}})*\)"))


@functools.cache
def _label_tails() -> tuple[str, ...]:
    """Each unit label's last two characters and a colon (``单位:``, ``部门:``): a bracket that
    :func:`_inline_label_re` matches holds one (the empty string, found everywhere, when a label
    is shorter)."""
    labels = relation_lexicon().unit_labels or {}
    if any(len(w) < 2 for w in labels):
        return ("",)
    return tuple(sorted({w[-2:] + ":" for w in labels}))


_SENT_END = "。;!?\n"
_SENT_BLANKS = frozenset(_BLANKS)  # what a sentence is trimmed of (table.trimmed_pieces' blanks)
_CLAUSE_CHARS = literal_re(",:、()")
_HEAD_END = literal_re("。:,;")  # where an item's heading stops
_DUTY_HEADS = ("主要职责", "职责", "工作职责", "主要任务")  # a heading over a body's duty list
_DUTY_HEAD_ENDS = frozenset(h[-1] for h in _DUTY_HEADS)
_NOT_AFTER_YOU = ("任", "担任", "兼任", "为", "组成", "于", "此", "衷", "来", "于")
_COOP_LEAD = ("会同", "联合", "协同")
_LEADS = ("并由", "统一由", "均由", "由")
# clause starts that may give the clause an owner (与X开展……: X, data's partner_lead_pattern)
_OWN_STARTS = (*_ASKING, *_LEADS, *_COOP_LEAD, "与")
_OWN_WORD = any_word_re((*_OWN_STARTS, "由"))  # where a clause may start with one, or hold 由
_OWN_FIRSTS = frozenset(w[0] for w in _OWN_STARTS)  # (a clause whose first character is none opens with none)
_SUBJECT_VERB = any_word_re(("设在", "设于", "为"))  # subject_with's verbs
# Loose endings (posts) that a modal alone does not make an owner: 人员 are people a rule binds
# (外来人员须登记, 新入职人员须经培训); a trigger word (巡查人员负责……) still does.
_PEOPLE_AT_LARGE = ("人员", "队员")
# 区财政, 镇财政, 县民政: an area and a government domain name a department in three characters
_AREA_DOMAIN = compile_std("[" + "".join(a for a in lexicon().areas if len(a) == 1) + "](?:"
                          + "|".join(sorted(lexicon().domains)) + ")")
_LAST_SEP = re.compile(r".*[、,和及与]", re.S)  # (matched from a clause start: up to its last separator)
# A later clause of a sentence (after ,) owns its task without a trigger word only when it opens with
# 各X or an area-prefixed organization (……,区文旅局择优推荐……): the characters such a subject starts with
_LATER_FIRST = frozenset("各") | frozenset(a[0] for a in lexicon().areas)
# a comma, then such a character: a sentence without one has no later clause the rule reads (a clause
# starts after each comma of its sentence, and holds none: its own first character after a marker is
# no comma); such a subject may follow a deadline (……,每月20日前各社区报送……: data's owner_time_lead_pattern)
_LATER_AT = compile_std(",(?:" + (load("relations").get("owner_time_lead_pattern") or "(?!)") + ")?["
                        + "".join(re.escape(c) for c in sorted(_LATER_FIRST)) + "]")
# ……,县市场监管局不得……: a rule, no task (data's later_subject_stops)
_NOT_TASK_STARTS = tuple(load("relations").get("later_subject_stops") or ())
# a clause ending so is a condition (发现问题的, 接到报警后: data's condition_end_chars)
_CONDITION_ENDS = frozenset(load("relations").get("condition_end_chars") or "")
# a short time clause ending so may stand between a unit and its modal (乡镇发现问题后须……: time_clause_end_chars)
_TIME_CLAUSE_ENDS = frozenset(load("relations").get("time_clause_end_chars") or "")
# an item headed by a unit whose text opens so names what the item inspects (重点检查……: item_object_leads)
_ITEM_OBJECT_LEADS = tuple(load("relations").get("item_object_leads") or ())
# 值班电话:…: a contact line (data's contact_line_pattern, read up to the character after the clause: a clause
# ends before its colon; never matching when the data has none)
_CONTACT_LINE = std_twin(compile_pattern(load("relations").get("contact_line_pattern") or "(?!)",
                                         where="relations.yaml contact_line_pattern"))


def _role_in(text: str, pos: int = 0, endpos: int | None = None):
    """``_ROLE_IN.search``, after a quick look for its role nouns."""
    end = len(text) if endpos is None else endpos
    return _ROLE_IN.search(text, pos, end) if _ROLE_NOUNS.search(text, pos, end) else None


class Found:
    """A responsibility in normalized coordinates, before it becomes a model.

    A plain class, not a dataclass: compiled, a dataclass is built through the ``__init__`` that
    ``dataclasses`` writes at run time, an interpreted call (~2,000-4,000 instructions, once per
    clause read); this ``__init__`` is compiled with the class. ``==`` is identity (nothing
    compares two).
    """

    def __init__(self, owner: str, relation: Relation, start: int, end: int, task_start: int, task_end: int,
                 task_fallback: tuple[int, int] | None = None, sent: int = -1,
                 owner_item: tuple[str, int, int] | None = None, implicit: bool = False) -> None:
        self.owner = owner
        self.relation = relation
        self.start = start  # text span
        self.end = end
        self.task_start = task_start
        self.task_end = task_end
        self.task_fallback = task_fallback  # span used when the task is empty
        self.sent = sent  # sentence start: one entry per owner and sentence
        self.owner_item = owner_item
        self.implicit = implicit  # the owner comes from the sentence's subject or body, not the clause

    def __repr__(self) -> str:
        return (f"Found(owner={self.owner!r}, relation={self.relation!r}, start={self.start!r}, end={self.end!r}, "
                f"task_start={self.task_start!r}, task_end={self.task_end!r}, "
                f"task_fallback={self.task_fallback!r}, sent={self.sent!r}, owner_item={self.owner_item!r}, "
                f"implicit={self.implicit!r})")


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans split at 。;!? and line ends, whitespace trimmed, blank ones left out (the
    matches of ``trimmed_pieces(_SENT_END)``, found by str.find: one call per stop met, where a
    search made a match object per sentence)."""
    out: list[tuple[int, int]] = []
    stops = _SENT_END
    nxt = [text.find(c, start, end) for c in stops]  # the next place of each stop character
    a = start
    while a < end:
        b, k = end, -1
        for i in range(len(stops)):
            p = nxt[i]
            if 0 <= p < b:
                b, k = p, i
        x, y = a, b
        while x < y and text[x] in _SENT_BLANKS:
            x += 1
        while y > x and text[y - 1] in _SENT_BLANKS:
            y -= 1
        if y > x:
            out.append((x, y))
        if k < 0:
            break
        nxt[k] = text.find(stops[k], b + 1, end)
        a = b + 1
    return out


def _clauses(text: str, ss: int, se: int) -> list[int]:
    """Clause starts inside a sentence: after , : and after a ( that opens a clause, not a name."""
    s = text[ss:se]
    if "(" not in s and "、负责" not in s and "、牵头" not in s:  # (most sentences)
        # the loop below, shortened: a start after each , and : (found by str.find, one call per
        # separator and kind: a search of the sentence and a match object per start, or a split
        # and a string per piece, cost more)
        starts = [ss]
        i, j = text.find(",", ss, se), text.find(":", ss, se)
        while i >= 0 or j >= 0:
            if j < 0 or 0 <= i < j:
                starts.append(i + 1)
                i = text.find(",", i + 1, se)
            else:
                starts.append(j + 1)
                j = text.find(":", j + 1, se)
        return starts
    starts = [ss]
    depth_open: list[int] = []
    opened = False  # a start after a ( comes late: then starts need sorting
    for m in _CLAUSE_CHARS.finditer(text, ss, se):  # the only characters the loop looks at
        i = m.start()
        c = text[i]
        if c in ",:" or (c == "、" and text.startswith(("负责", "牵头"), i + 1)):
            starts.append(i + 1)
        elif c == "(":
            depth_open.append(i)
        elif c == ")" and depth_open:
            o = depth_open.pop()
            after = text[i + 1] if i + 1 < se else "。"
            if after in ",。;)\n" or i + 1 >= se:
                starts.append(o + 1)
                opened = True
    return sorted(set(starts)) if opened else starts  # else increasing and distinct already


def _clause_ends(starts: list[int], se: int) -> list[int]:
    """Where each clause of :func:`_clauses` ends: before the next start, the last at ``se``."""
    ends = [x - 1 for x in starts[1:]]
    ends.append(se)
    return ends


def _ends_with_noun(s: str) -> bool:
    """``街道残疾人联合会`` ends in a noun, ``矛盾调处`` in a verb (tagger on the heading only)."""
    words = pos_cut(s)
    return bool(words) and not (len(words[-1][0]) >= 2 and words[-1][1].startswith("v"))


def _named_person_at(text: str, p: int) -> bool:
    """A person's name (surname + 1-2 characters, tagged ``nr``) starts at ``p``."""
    from ..roles import is_person_name

    return any(is_person_name(text[p:p + n], slot=False) for n in (3, 2) if p + n <= len(text))


def _verb_follows(text: str, p: int, ce: int) -> bool:
    """True when the word at ``p`` is a two-character verb (tagger on at most 6 characters)."""
    if p >= ce or not "\u4e00" <= text[p] <= "\u9fff":
        return False
    first = first_word(text[p:min(ce, p + 6)])  # (the tagger's first word only)
    return first is not None and first[1] == "v" and len(first[0]) >= 2 \
        and first[0] not in relation_lexicon().subject_verb_stop


def _is_verb_start(s: str) -> bool:
    """True when the tagger reads the first word of an owner candidate as a verb (安排党政领导)."""
    if len(s) < 5:
        return False
    first = first_word(s[:8])
    if first is None:
        return False
    word, flag = first
    return flag in ("v", "d", "p") and len(word) >= 2 and not is_org_name(s)


# The part-of-speech helpers above are asked about the same short strings again and again
# (an owner candidate such as 区卫生局 in every clause it heads, the same item heading in every
# plan): their answers depend on the string alone, so the call sites go through these caches.
_is_verb_start_cached = functools.lru_cache(maxsize=1 << 14)(lambda s: _is_verb_start(s))
_ends_with_noun_cached = functools.lru_cache(maxsize=1 << 14)(lambda s: _ends_with_noun(s))
# _verb_follows reads only text[p:min(ce, p + 6)], _named_person_at only text[p:p + 3]: the same
# answer for that window alone (the call sites pass no more, so that equal windows share an entry)
_verb_follows_cached = functools.lru_cache(maxsize=1 << 14)(lambda w: _verb_follows(w, 0, len(w)))
_named_person_cached = functools.lru_cache(maxsize=1 << 14)(lambda w: _named_person_at(w, 0))


@functools.cache
def _head_lines() -> re.Pattern:
    """The lines headed_blocks() reads while no owner is open, each matched from the newline
    before it (a quick scan for that character finds the lines).

    Its own first test, as a pattern: a line starting with 第 (a marker that may hold a head
    end), or a head (from the first non-blank character to the first 。:,; or the line end)
    of two characters or more that ends in a unit list's last character, 职责/任务's, a ")"
    or a blank, or has 、 before its last character. A marker holds no 。:,; but 第X,, so a
    head after a marker ends there too, and is skipped by this test only if the marker-aware
    one skips it.
    """
    stops = "。:,;"  # _HEAD_END's characters
    keep = "".join(sorted(re.escape(c) for c in (list_end_chars() | _DUTY_HEAD_ENDS | {")"}) - set(stops)))
    firsts = "".join(sorted(map(re.escape, MARKER_HEAD_END_STARTS)))
    h = f"[^{stops}\\n]"
    # the head read once (possessive: it ends at the first stop), then its last characters
    return compile_std(rf"\n[^\S\n]*(?=\S)(?:[{firsts}]|{h}{{2,}}+(?=[{stops}\n]|\Z)"
                      rf"(?:(?<=[{keep}])|(?<=[^\S\n])|(?<=、{h})))")


def _head_line_starts(text: str, start: int, end: int) -> list[int]:
    """Where the lines of [start, end) that _head_lines() finds start."""
    return [m.start() + start for m in _head_lines().finditer("\n" + text[start:end])]


@functools.cache
def _lead_adverb_firsts() -> frozenset[str] | None:
    """The first characters of the lexicon's lead adverbs (a clause position with none of them
    starts none), or None when one is empty (it starts everywhere)."""
    words = relation_lexicon().lead_adverbs
    return None if "" in words else frozenset(w[0] for w in words)


@functools.cache
def _owner_ends() -> frozenset[str]:
    """The last characters an owner candidate can have: a unit list's, or an adverb's (stripped)."""
    return list_end_chars() | relation_lexicon().adverb_ends


@functools.cache
def _body_patterns():
    """``成立……领导小组``: the body set up in a sentence, and its verbs alone (a quick first check)."""
    spec = load("positions")
    body_suffix = "|".join(sorted(spec["body_suffixes"], key=len, reverse=True))
    verbs = "|".join(sorted(spec["body_verbs"], key=len, reverse=True))
    body_re = std_twin(compile_pattern(
        rf"(?:{verbs})(?:[^,。;:]{{0,60}}?组成的)?([^,。;:、()\s]{{0,24}}?(?:{body_suffix}))",
        where="positions.yaml body"), classes=True)
    plain = all(regex.escape(v) == v for v in spec["body_verbs"])
    return body_re, any_word_re(spec["body_verbs"]) if plain else None


@functools.cache
def _no_owner_table() -> dict[str, tuple[str, ...]] | None:
    """:meth:`_Extractor.no_owner_from` as one probe: a clause's first character -> the short bad
    starts opening with it, for the characters that open no date or count (owners_of would cut
    those first). None when the lexicon holds an empty bad start (it would open every clause)."""
    by_first = short_bad_starts_by_first()
    if by_first.get(""):
        return None
    return {c: words for c, words in by_first.items()
            if c and not (c in _TIME_LEAD_FIRST or c in _COUNT_FIRST or c.isdigit())}


class _Extractor:
    lean = True  # a sentence without a trigger word takes _sentence_without_trigger (tests turn it off)

    def __init__(self, ctx: PlanContext) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.lx = relation_lexicon()
        self.found: list[Found] = []
        self.covered: list[tuple[int, int]] = []  # spans handled by headed blocks and tables
        self.body_re, self.body_verb = _body_patterns()
        self.issuer = ctx.issuer
        # the levels the plan is issued at (data's issuer_levels): from the issuer, else the title
        self.own_levels = levels_named(self.issuer or ctx.title or "")
        self._follows: dict[str, bool] = {}
        self._covered_at: tuple[list[int], list[int]] | None = None
        self.owner_ends = _owner_ends()
        self.unit_word = unit_word_search()  # .search of any unit ending or domain: may_hold_unit
        self.unit_chars = unit_chars()  # one-character unit words: no search where one is seen
        self.suffix_continuations = lexicon().suffix_continuations  # 所在, 会同: no unit ends there
        self.sentence_like = True  # the sentence being read ends in 。;!? or holds a comma
        self.no_owner_at = _no_owner_table()
        self.unit_starts = lexicon().unit_starts  # unit names opening with a bad start (使用单位)

    # -- helpers -------------------------------------------------------------------------
    def owners_of(self, cand_start: int, cand_end: int, allow_issuer: bool = False,
                  loose: bool = False) -> list[tuple[str, int, int]] | None:
        text = self.text
        if cand_end <= cand_start:
            return None
        # The last characters first (a unit list ends in a unit ending, a closer, a parenthesis or
        # one character after a separator; an adverb there is stripped): split_units' first test,
        # which the count and adverbs cut from the front and back do not change.
        e = text[cand_end - 1]
        if e not in self.owner_ends and not e.isspace() and (
                cand_end - cand_start < 2 or text[cand_end - 2] not in "、,"):
            return None
        if e not in self.unit_chars and self.unit_word(text, cand_start, cand_end) is None:
            return None  # no unit ending, no domain: split_units below would say None
        if text[cand_end - 1:cand_end + 1] in self.suffix_continuations:
            return None  # 并追究所|在部门……: the unit ending is the first character of a word (所在)
        p = self.past_time_lead(cand_start, cand_end)
        if p < cand_end:  # 3月15日前各社区完成……: the date is no part of the owner
            cand_start = p
        cand = text[cand_start:cand_end]
        cnt = _COUNT.match(cand) if cand[:1].isdigit() or cand[:1] in _COUNT_FIRST else None  # 4名社区干部负责……
        if cnt:
            cand_start += cnt.end()
            cand = cand[cnt.end():]
        cand2 = strip_adverbs_right(cand)
        items = split_units(cand2, loose=loose)
        if not items:
            return None
        if len(items) == 1:
            one = items[0][0]
            if not allow_issuer and (self.is_issuer(one) or (
                    one in lexicon().issuer_words and self.speaks_as_issuer(one))):
                return None
            # _is_verb_start is False for an organization name: ask the tagger only about the rest
            if not is_org_name(one) and _is_verb_start_cached(one):
                return None
        return [(it, cand_start + a, cand_start + b) for it, a, b in items]

    def no_owner_from(self, cs: int) -> bool:
        """True when :meth:`owners_of` is None for every candidate starting at ``cs``: a bad start
        of at most two characters opens it (加强, 开展, 对: :func:`no_list_starts_at`), and no
        date or count that owners_of would cut first."""
        table = self.no_owner_at
        if table is not None:  # (the lines below, as one probe)
            return self.text.startswith(table.get(self.text[cs], ()), cs) \
                and not self.text.startswith(self.unit_starts, cs) \
                and not (self.text[cs] == "每" and self.past_time_lead(cs, cs + 24) > cs)  # 每月20日前各社区……
        c = self.text[cs]
        if c in _TIME_LEAD_OPEN and self.past_time_lead(cs, cs + 24) > cs:
            return False
        if c in _TIME_LEAD_FIRST or c in _COUNT_FIRST or c.isdigit():
            return False
        return no_list_starts_at(self.text, cs)

    def colon_duty(self, cs: int, ce: int, ns: int, se: int, ss: int) -> bool:
        """``青禾社区、荷塘社区:做好……``: a line opening with a unit list and a colon, then a verb
        (no trigger word: ``X:负责……`` is read as a subjectless clause), gives each unit the rest
        of the sentence. True when read."""
        text = self.text
        if ns < se and text.startswith(self.lx.adverbs, ns):
            # 区卫健局、区民政局:按照各自职责,配合做好……: a framing clause, then the trigger word
            adv = next(a for a in self.lx.adverbs if text.startswith(a, ns))
            q = ns + len(adv)
            trig = trigger_at(text, q + 1) if text.startswith(",", q) else None
            if text.startswith(",", q) and text[ce - 1] in self.owner_ends \
                    and (cs == 0 or text[cs - 1] in "\n \t\u3000)、."):
                if trig is not None and trig.group(0) in self.lx.trigger_of:
                    rel, ts = self.lx.trigger_of[trig.group(0)], trig.end()
                elif trig is None and _verb_follows_cached(text[q + 1:min(se, q + 7)]):
                    rel, ts = Relation.responsible, q + 1  # A、B:按照各自职能,组织动员……
                else:
                    rel = None
                owners = self.owners_of(cs, ce) if rel is not None else None
                if owners:
                    if rel is Relation.responsible:
                        rel = relation_of_task(text[ts:se], rel)
                    self.add(owners, rel, cs, se, ts, se, sent=ss)
                    return True
        if ns >= se or trigger_at(text, ns) is not None or (cs > 0 and text[cs - 1] not in "\n \t\u3000)、."):
            return False
        if text[ce - 1] not in self.owner_ends or not _verb_follows_cached(text[ns:min(se, ns + 6)]):
            return False
        owners = self.owners_of(cs, ce)
        if not owners:
            return False
        self.add(owners, relation_of_task(text[ns:se], Relation.responsible), cs, se, ns, se, sent=ss)
        return True

    def dated_lead(self, starts: list[int]) -> bool:
        """The sentence's first clause is a date or deadline alone (``5月底前,各村完成……``): the
        second clause opens the sentence."""
        a, b = starts[0], starts[1]
        return self.text[a] in _TIME_LEAD_FIRST and self.past_time_lead(a, b) >= b - 1

    def later_opens(self, cs: int, ce: int) -> bool:
        """A later clause ``text[cs:ce]`` opens with a character such a subject starts with (_LATER_FIRST),
        perhaps after a deadline (每月20日前各社区报送……)."""
        c = self.text[cs]
        if c in _LATER_FIRST:
            return True
        if c not in _TIME_LEAD_OPEN:
            return False
        p = self.past_time_lead(cs, ce)
        return cs < p < ce and self.text[p] in _LATER_FIRST

    def past_time_lead(self, a: int, b: int) -> int:
        """Where ``text[a:b]`` goes on after a date or deadline it opens with (``3月15日前``), else ``a``."""
        if self.text[a] not in _TIME_LEAD_OPEN:
            return a
        m = relation_lexicon().owner_time_lead.match(self.text, a, b)
        return m.end() if m else a

    def is_issuer(self, owner: str) -> bool:
        """The plan's issuer speaking of itself (``社区将进一步……`` in a 社区 plan)."""
        if owner.startswith("各"):
            return False
        if self.issuer and (owner == self.issuer or self.issuer.endswith(owner)):
            # a department (区教育局) named by its name gives itself a share of the work beside the
            # units it directs: an owner; a place or a level (红石镇, 社区) is the issuer speaking
            return not (len(owner) > 2 and self.issuer.endswith(lexicon().department_issuers))
        if owner in lexicon().issuer_words:
            return self.speaks_as_issuer(owner)
        title = self.ctx.title or ""
        return bool(title) and owner in title

    def speaks_as_issuer(self, word: str) -> bool:
        """Is a level word alone (社区, 学校, 乡) the issuer speaking? Yes in a plan issued at its
        level, or whose title names no level (issuer unknown); no in a plan whose issuer or title
        names other levels only, or whose known issuer names none (区教育局: 学校 is a school)."""
        lv = level_of(word)
        if lv is None:
            return True  # 本院, 我院, 本镇: always the issuer
        if not self.own_levels:
            return not self.issuer
        return lv in self.own_levels

    def add(self, owners, relation, start, end, task_start, task_end, fallback=None, sent=-1,
            implicit=False) -> None:
        if owners and owners[0][1] > start and self.past_time_lead(start, owners[0][1]) == owners[0][1]:
            start = owners[0][1]  # 3月15日前各社区完成……: the text starts with the owner, not the date
        for owner in owners:
            self.found.append(Found(owner[0], relation, start, end, task_start, task_end, fallback,
                                    sent=sent, owner_item=owner, implicit=implicit))

    def in_covered(self, pos: int) -> bool:
        if self._covered_at is None:
            return any(a <= pos < b for a, b in self.covered)
        starts, ends = self._covered_at
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and pos < ends[i]

    def _index_covered(self) -> None:
        """Merge the covered spans once they are all known (tables and headed blocks come
        before the sentences), so that :meth:`in_covered` is one bisection."""
        starts: list[int] = []
        ends: list[int] = []
        for a, b in sorted(self.covered):
            if b <= a:
                continue  # holds no position
            if ends and a <= ends[-1]:
                ends[-1] = max(ends[-1], b)
            else:
                starts.append(a)
                ends.append(b)
        self._covered_at = (starts, ends)

    # -- shapes --------------------------------------------------------------------------
    def run(self) -> list[Found]:
        ctx = self.ctx
        for row in find_table_rows(ctx):
            self.covered.append((row.start, row.end))
            for rel, owners in ((Relation.lead, row.leads), (Relation.cooperate, row.coops),
                                (Relation.responsible, row.resps)):
                for owner in owners:
                    self.found.append(Found(owner, rel, row.start, row.end, row.task_start, row.task_end))
        self.headed_blocks()
        self.inline_labels()
        self._index_covered()
        text = self.text
        unit_word = self.unit_word
        cov_starts, cov_ends = self._covered_at or ([], [])
        ci, nc = 0, len(cov_starts)
        for ss, se in _sentences(text, ctx.start, ctx.end):
            # in_covered(ss), the sentences coming in order: the first merged span not ending by ss
            while ci < nc and cov_ends[ci] <= ss:
                ci += 1
            if ci < nc and cov_starts[ci] <= ss:
                continue
            # Every owner a sentence can give is a unit list (a clause's subject, 由X, a unit
            # clause) or the body it sets up (成立……领导小组): a sentence with neither a unit
            # word nor a body verb adds nothing, so it is not read clause by clause.
            um = unit_word(text, ss, se)
            if um is None and self.body_verb is not None and not self.body_verb.search(text, ss, se):
                continue
            self.sentence(ss, se, um.span() if um else (se, se))
        return self.found

    def sentence(self, ss: int, se: int, first_unit: tuple[int, int]) -> None:
        """Read sentence [ss, se) clause by clause; ``first_unit``: the span of the sentence's
        first unit-word match ((se, se) when there is none). Every unit word starts at or after
        it, so a clause ending before it holds none and a clause holding it holds one."""
        text = self.text
        trigger_word = self.lx.trigger_word.search
        unit_word = self.unit_word
        unit_one = self.unit_chars
        may_mark = MARKER_FIRST
        labels = self.lx.unit_labels
        # the weak rules of clause() want a sentence, not a heading line
        self.sentence_like = (se < len(text) and text[se] in "。;!?") or text.find(",", ss, se) >= 0
        # Where the trigger words of the sentence start, by one scan (most sentences have none):
        # a clause holds one if one starts inside it, as its own search would say, for a match
        # cannot reach across a character no trigger word holds (the punctuation between
        # clauses); next to any other character the clause is searched.
        # (one search first: most sentences hold none, and a search costs less than a finditer)
        t1 = trigger_word(text, ss, se)
        any_trigger = t1 is not None
        if not any_trigger and self.lean:
            self._sentence_without_trigger(ss, se, first_unit)
            return
        tpos = [t1.start(), *[x.start() for x in self.lx.trigger_word.finditer(text, t1.end(), se)]] \
            if t1 is not None else []
        u0, u1 = first_unit
        last_trigger = tpos[-1] if tpos else -1
        t_chars = self.lx.trigger_chars
        nt = len(tpos)
        starts = _clauses(text, ss, se)
        n = len(starts)
        sentence_body: tuple[str, int, int] | None = None
        # the body set up in the sentence is the owner of subjectless clauses only, which need a trigger
        m = self.body_re.search(text, ss, se) if any_trigger and (
            self.body_verb is None or self.body_verb.search(text, ss, se)) else None
        sentence_subject = None
        subject_rel: Relation | None = None
        pending_unit = None
        # (the later rule's test below of a clause after a comma, its first character one of
        # _LATER_FIRST, is _LATER_AT matching at that comma: no search of the sentence first)
        later_at = self.sentence_like
        # (each clause ends before the next start; _label_line moves the next start past the unit
        # list it reads, which leaves that clause empty: read live from starts, it is skipped)
        for k, (cs, ce) in enumerate(zip(starts, _clause_ends(starts, se), strict=True)):
            if ce <= cs:
                continue
            # (match_marker's first test, without the call: most clauses start with no marker)
            c0 = text[cs]
            mk = match_marker(text, cs, ce) if c0 in may_mark or c0.isdigit() else None
            if mk is not None:
                cs = mk.end()
                if ce <= cs:
                    continue
            if m is not None and m.start() < cs:
                sentence_body = (m.group(1), m.start(1), m.end(1))
            # ``2. 农业农村治理。``: a short sentence right after a marker is an item heading
            heading = mk is not None and k == 0 and se - cs <= 15
            # (a label line: a clause before ":" with a clause after it; a clause ending before
            # the next start ends at its separator)
            if labels and k + 1 < n and text[ce] == ":" and (label_rel := labels.get(text[cs:ce])) is not None \
                    and self._label_line(label_rel, starts, k, cs, ce, ss, se):
                continue
            if k == 0 and n > 1 and text[ce] == ":" and not (labels and text[cs:ce] in labels) \
                    and self.colon_duty(cs, ce, starts[1], se, ss):
                return
            # A clause with neither a unit word nor a trigger word gives nothing: every owner is a
            # unit list, and a subjectless duty opens with a trigger (clause() would say None, and
            # subject_with() None too).
            has_unit = False if ce <= u0 else True if (cs <= u0 and u1 <= ce) or text[ce - 1] in unit_one \
                else unit_word(text, cs, ce) is not None
            if not any_trigger:
                has_trigger = trigger_after = False
            elif (cs > ss and text[cs - 1] in t_chars) or (ce < se and text[ce] in t_chars):
                has_trigger = trigger_word(text, cs, ce) is not None  # a word may reach across
                trigger_after = trigger_word(text, ce, se) is not None
            else:
                i = bisect.bisect_left(tpos, cs)
                has_trigger = i < nt and tpos[i] < ce
                trigger_after = last_trigger >= ce
            first = (k == 0 or (k == 1 and (text[cs - 1] == ":" or self.dated_lead(starts)))) and not heading
            if (first or text[cs - 1] == ":") and trigger_after:
                # (the pattern holds 由 outside any optional part: a clause without one is not tried)
                bh = _BODY_HEAD_CLAUSE.fullmatch(text, cs, ce) if text.find("由", cs, ce) >= 0 else None
                if bh is not None:  # 医疗质量组由X任组长,负责A: the body owns A
                    sentence_subject = (bh.group(1), bh.start(1), bh.end(1))
                    subject_rel = pending_unit = None
                    continue
            later = later_at and not first and not has_trigger and k > 0 and not heading \
                and text[cs - 1] == "," and (text[cs] in _LATER_FIRST or (text[cs] in _TIME_LEAD_OPEN and self.later_opens(cs, ce)))
            if not has_trigger and (not has_unit or (not later and self._only_for_later(
                    cs, ce, se, first, heading, trigger_after))):
                pending_unit = None
                continue
            n_before = len(self.found)
            got = self.clause(cs, ce, se, ss, first=first, heading=heading,
                              has_unit=has_unit, has_trigger=has_trigger, later=later)
            if got == "subjectless" and pending_unit:
                owners = pending_unit
                t0 = cs + skip_task_lead(text[cs:ce])
                trig = trigger_at(text, t0)
                ts = trig.end() if trig else t0
                rel = self.lx.trigger_of.get(trig.group(0), Relation.responsible) if trig else Relation.responsible
                rel = relation_of_task(text[ts:se], rel) if rel is Relation.responsible else rel
                self.add(owners, rel, owners[0][1], se, ts, se, sent=ss)
                if len(owners) == 1 and trig is not None and trig.group(0) in self.lx.trigger_of:
                    # 护理部:负责A,配合B: a follow-on clause with another relation is its own duty
                    sentence_subject, subject_rel = owners[0], rel
                pending_unit = None
                continue
            pending_unit = None
            if got == "unit":
                pending_unit = self.owners_of(cs, ce)
                continue
            if got == "found" and k == 0:
                sentence_subject = self.found[-1].owner_item
                # one owner with an explicit trigger (X负责A): a follow-on clause is its own duty
                subject_rel = self.found[-1].relation if (
                    n_before == len(self.found) - 1 and not self.found[-1].implicit) else None
            if got == "subjectless":
                owner = sentence_subject or sentence_body
                if owner:
                    t0 = cs + skip_task_lead(text[cs:ce])
                    trig = trigger_at(text, t0)
                    ts = trig.end() if trig else t0
                    rel = self.lx.trigger_of.get(trig.group(0), Relation.responsible) if trig else Relation.responsible
                    rel = relation_of_task(text[ts:se], rel) if rel is Relation.responsible else rel
                    # ……负责A,配合做好B: a follow-on clause with another relation stands alone
                    # (the owner is the sentence's subject when there is one: tested by truth, not by `is`,
                    # which mypyc's unboxed tuples do not keep)
                    # (not after a condition: 发现……的,督促…… is what the duty does when it finds something)
                    own = bool(sentence_subject) and subject_rel is not None and rel is not subject_rel \
                        and follow_on_at(text, cs) is not None and text[cs - 2:cs - 1] not in _CONDITION_ENDS
                    self.add([owner], rel, cs, se, ts, se, sent=ss, implicit=not own)
            elif got is None and has_unit:  # subject_with needs a unit before its verb
                if _SUBJECT_VERB.search(text, cs + 1, ce) is not None:  # (subject_with's first test)
                    sentence_subject = self.subject_with(cs, ce) or sentence_subject

    def _sentence_without_trigger(self, ss: int, se: int, first_unit: tuple[int, int]) -> None:
        """:meth:`sentence` for a sentence with no trigger word (most of them), without what
        only a subjectless clause uses (the sentence's subject and body, a unit clause before
        it): such a clause opens with a trigger. A clause gives a duty by a unit label, by
        由X/要求X/会同X at its start or 由X inside, or by the weak rules of :meth:`clause`
        (a sentence, not a heading: an organization opening it, a subject continuation).
        """
        text = self.text
        sentence_like = self.sentence_like
        own_any = _OWN_WORD.search(text, ss, se) is not None
        colon = text.find(":", ss, se) >= 0
        if not sentence_like and not colon and not own_any:
            return  # no label, no 由X/要求X/会同X, no weak rule
        unit_word = self.unit_word
        u0, u1 = first_unit
        may_mark = MARKER_FIRST
        labels = self.lx.unit_labels
        cont_search = self.lx.continuation_re.search
        # Each search of a clause's window below looks inside the sentence: where the sentence
        # holds no such word, no window does. Without 由X/要求X/会同X, a subject continuation
        # or a label, only a first clause (the first, or the second after a date) can give a duty.
        cont_any = sentence_like and cont_search(text, ss, se) is not None
        starts = _clauses(text, ss, se)
        n = len(starts)
        ends = _clause_ends(starts, se)
        later_any = sentence_like and _LATER_AT.search(text, ss, se) is not None
        if not (own_any or cont_any or colon or later_any):
            del ends[2:]  # (the loop stops there)
        for k, (cs, ce) in enumerate(zip(starts, ends, strict=False)):
            if ce <= cs:
                continue
            c0 = text[cs]
            mk = match_marker(text, cs, ce) if c0 in may_mark or c0.isdigit() else None
            if mk is not None:
                cs = mk.end()
                if ce <= cs:
                    continue
            heading = mk is not None and k == 0 and se - cs <= 15
            if colon and labels and k + 1 < n and text[ce] == ":" \
                    and (label_rel := labels.get(text[cs:ce])) is not None \
                    and self._label_line(label_rel, starts, k, cs, ce, ss, se):
                continue
            if k == 0 and n > 1 and text[ce] == ":" and not (labels and text[cs:ce] in labels) \
                    and self.colon_duty(cs, ce, starts[1], se, ss):
                return
            first = (k == 0 or (k == 1 and (text[cs - 1] == ":" or self.dated_lead(starts)))) and not heading
            later = not first and later_any and k > 0 and text[cs - 1] == "," and (c0 in _LATER_FIRST or (c0 in _TIME_LEAD_OPEN and self.later_opens(cs, ce)))
            # not _only_for_later(..., trigger_after=False), the cheap tests before the unit words
            if not ((own_any and (text.startswith(_OWN_STARTS, cs, ce) or text.find("由", cs + 2, min(ce, cs + 24)) >= 0))
                    or (sentence_like and not heading
                        and (first or later or (cont_any and cont_search(text, cs + 2, min(ce, cs + 30)) is not None))
                        and not self.no_owner_from(cs))):  # (the weak rules read an owner from cs)
                continue
            if ce <= u0 or (not (cs <= u0 and u1 <= ce) and unit_word(text, cs, ce) is None):
                continue
            self.clause(cs, ce, se, ss, first=first, heading=heading, has_unit=True, has_trigger=False, later=later)

    def chain(self, pos: int, se: int) -> tuple[list[tuple[list, Relation]], int]:
        """``由A牵头、B配合、C具体负责``: the owners and relations after the first, and where they end."""
        text = self.text
        out: list[tuple[list, Relation]] = []
        while text.startswith("、", pos):
            nxt = self.lx.trigger_re.search(text, pos + 1, se)  # the segment's owners stop at its trigger
            hit = match_unit_prefix(text[pos + 1:nxt.start() if nxt else se], 24, loose=True)
            if not hit:
                break
            q = pos + 1 + hit[1]
            owners = self.owners_of(pos + 1, q, allow_issuer=True, loose=True)
            trig = trigger_at(text, q + skip_task_lead(text[q:se]))
            if not owners or not trig or trig.group(0) not in self.lx.trigger_of:
                break
            out.append((owners, self.lx.trigger_of[trig.group(0)]))
            pos = trig.end()
        return out, pos

    def partners(self, pos: int, se: int) -> tuple[list, int]:
        """``由X会同Y制定……``: Y cooperates; the task starts after Y."""
        for w in _COOP_LEAD:
            if self.text.startswith(w, pos):
                hit = match_unit_prefix(self.text[pos + len(w):se])
                if hit:
                    q = pos + len(w) + hit[1]
                    owners = self.owners_of(pos + len(w), q, allow_issuer=True)
                    if owners:
                        return owners, q
                break
        return [], pos

    def subject_with(self, cs: int, ce: int) -> tuple[str, int, int] | None:
        """``办公室设在区残联`` / ``X为…负责人``: the subject a following subjectless clause refers to."""
        text = self.text
        if _SUBJECT_VERB.search(text, cs + 1, ce) is None:
            return None  # each verb below counts only after the clause start
        for verb in ("设在", "设于", "为"):
            i = text.find(verb, cs, ce)
            if i > cs:
                owners = self.owners_of(cs, i)
                if owners and len(owners) == 1:
                    return owners[0]
        return None

    def _only_for_later(self, cs: int, ce: int, se: int, first: bool, heading: bool, trigger_after: bool) -> bool:
        """True when clause [cs, ce), which holds no trigger word, could only give what a later
        clause of its sentence needs (its unit list, a subject) and no later clause holds a
        trigger word: then it gives nothing. Its own duties come from 由X/要求X/会同X at its
        start, 由X inside, a subject continuation, or an organization opening the sentence
        (the weak rules of :meth:`clause`); everything else in it serves a subjectless clause,
        which opens with a trigger. ``trigger_after``: a trigger word lies in [ce, se).
        """
        text = self.text
        if trigger_after:
            return False  # a later clause may be subjectless
        if text.startswith(_OWN_STARTS, cs, ce) or text.find("由", cs + 2, min(ce, cs + 24)) >= 0:
            return False
        if self.sentence_like and not heading and (
                first or self.lx.continuation_re.search(text, cs + 2, min(ce, cs + 30)) is not None) \
                and not self.no_owner_from(cs):  # (the weak rules read an owner from cs)
            return False
        return True

    def clause(self, cs: int, ce: int, se: int, ss: int, first: bool = False, heading: bool = False,
               has_unit: bool = True, has_trigger: bool = True, later: bool = False):
        """Find a responsibility starting in clause [cs, ce) whose task runs to sentence end ``se``.

        Returns "found", "subjectless" (a trigger with no owner before it), "unit" (the clause
        is nothing but a unit list: ``安全社区创建工作领导小组,负责……``) or None. ``has_unit``
        and ``has_trigger``: whether [cs, ce) holds a unit word and a trigger word (the caller
        has looked).
        """
        text = self.text
        c = text[cs:ce]
        if _PHONE_OR_ROLE.search(c) is not None and (("电话" in c and _CONTACT_LINE.search(text, cs, min(ce + 2, len(text))) is not None) or (
                _ROLE_NOUNS.search(c) and _ROLE_IN.search(c) and not (has_trigger and any(
                    m.group(0) in self.lx.trigger_of for m in self.lx.trigger_re.finditer(c))))):
            return None  # 值班电话: …, 各网格长为本网格第一责任人: a contact line or a role
        # (else none of the three loops below starts; a first character that opens no such word
        # is one probe, not a test of each word)
        own_start = c[0] in _OWN_FIRSTS and c.startswith(_OWN_STARTS)
        for w in _ASKING if own_start and c.startswith(_ASKING) else ():  # 要求各乡镇、部门按照……: the units asked
            if c.startswith(w) and match_unit_prefix(c[len(w):]):
                cs, c = cs + len(w), c[len(w):]
                has_unit = self.unit_word(text, cs, ce) is not None
                has_trigger = self.lx.trigger_word.search(text, cs, ce) is not None
                own_start = c.startswith(_OWN_STARTS)
                break
        # 各社区相应成立……, 各村明确1名管水员: each unit addressed sets up a body or names a post (data's
        # plural_setup_pattern; read before 由, which may name the new body's head: 成立由书记任组长的专班)
        if c[0] == "各" and (first or later or text[cs - 1] == ",") and self.lx.plural_setup is not None:
            v = self.lx.plural_setup.search(text, cs + 2, min(ce, cs + 20))
            owners = self.owners_of(cs, v.start()) if v is not None else None
            if v is not None and owners and owners[0][0].startswith("各") and owners[-1][2] == v.start():
                self.add_with_partners(owners, cs, se, v.start(), ss)
                return "found"
        # 由X牵头/负责/组织……
        lead = 0
        hit = None  # the unit list after 由, when the test below has read it
        for w in _LEADS if own_start and c.startswith(_LEADS) else ():
            if c.startswith(w) and not c.startswith(("由于", "由此")):
                lead = len(w)
                break
        if not lead:  # ……的农户由村民小组长上门督促 / 评估工作由各街镇组织实施
            k = c.find("由", 2)
            if 0 < k < 24 and not c.startswith(("由于", "由此", "由下"), k) and "的" not in c[k:k + 2] \
                    and not (self.lx.trigger_word.search(c, 0, k) and self.lx.trigger_re.search(c, 0, k)):
                # (a unit list followed by a predicate, else the longest: one loop for both)
                hit = match_unit_prefix(c[k + 1:], 24, loose=True, follows=self.follows, or_any=True)
                if hit and not _ROLE_CLAUSE.match(c, k + 1 + hit[1]):
                    cs, c, lead = cs + k, c[k:], 1  # (c[lead:] is the string hit was read from)
        if lead:
            if not hit:
                hit = match_unit_prefix(c[lead:], 24, loose=True, follows=self.follows, or_any=True)
            if hit and not text.startswith(_ISSUED, cs + lead + hit[1]):
                after = cs + lead + hit[1]
                owners = self.owners_of(cs + lead, after, allow_issuer=True, loose=True)
                if _PERSON_AHEAD.match(text, after) or _named_person_cached(text[after:after + 3]):
                    return None  # 由科长邱某某负责: a named person, not a unit
                trig_after = trigger_at(text, after + skip_task_lead(text[after:se]))
                if trig_after and text.startswith("的", trig_after.end()):
                    return None  # 由专职人员承担的……: a modifier, not a task
                role = _ROLE_CLAUSE.match(text, after) or _role_in(text, after, ce) or (
                    not trig_after and _APPOINT.search(text, after, ce))
                if owners and not role:  # 由社区书记任组长 / 由X担任 / 由X组成的 are roles
                    t0 = after + skip_task_lead(text[after:se])
                    trig = trigger_at(text, t0)
                    if trig and trig.group(0) in self.lx.trigger_of:
                        rel = self.lx.trigger_of[trig.group(0)]
                        ts = trig.end()
                    else:
                        rel, ts = Relation.responsible, after
                    chain, ts = self.chain(ts, se) if text.startswith("、", ts) else ([], ts)
                    partners, ts = self.partners(ts, se)
                    if partners:
                        self.add(partners, Relation.cooperate, cs, se, ts, se, sent=ss)
                    if rel is Relation.responsible:
                        rel = relation_of_task(text[ts:se], rel)
                    for more, more_rel in [(owners, rel), *chain]:
                        if text[ts:ts + 1] == ",":
                            self.add(more, more_rel, cs, se, ts, ts, fallback=self.tail_task(ts, se)
                                     or self.heading_task(ss), sent=ss)
                        else:
                            self.add(more, more_rel, cs, se, ts, se, fallback=self.heading_task(ss), sent=ss)
                    return "found"
            if self.owners_of(cs, ce):
                return "unit"  # 由……组成的X领导小组, 负责……
            return None
        # 与X开展…… / 我们将与X……: the issuer, unnamed or speaking of itself, works with X: X owns the task
        if "与" in c[:10] and self.lx.partner_lead is not None and self.lx.partner_task is not None:
            pm = self.lx.partner_lead.match(c)
            if pm is not None:
                q = cs + pm.end()
                hit = match_unit_prefix(text[q:se])
                owners = self.owners_of(q, q + hit[1]) if hit and self.lx.partner_task.match(
                    text, q + hit[1], se) else None
                if owners and hit:
                    ts = q + hit[1]
                    self.add(owners, relation_of_task(text[ts:se], Relation.cooperate), cs, se, ts, se, sent=ss)
                    return "found"
        # 会同X制定…: X cooperates
        for w in _COOP_LEAD if own_start and c.startswith(_COOP_LEAD) else ():
            if c.startswith(w):
                hit = match_unit_prefix(c[len(w):])
                if hit:
                    owners = self.owners_of(cs + len(w), cs + len(w) + hit[1], allow_issuer=True)
                    if owners:
                        self.add(owners, Relation.cooperate, cs, se, cs + len(w) + hit[1], se, sent=ss)
                        return "found"
                return None
        # X负责/要/牵头……
        # Everything from here on but the subjectless check needs an owner, and an owner is a
        # unit list: a clause with no unit ending and no domain in it has none (most clauses).
        # (has_trigger: else finditer finds none) Every owner below is read from cs: none when
        # the clause opens with a bad start (加强……要……).
        no_owner = has_unit and self.no_owner_from(cs)
        for trig in self.lx.trigger_re.finditer(text, cs, ce) if has_unit and has_trigger and not no_owner else ():
            t = trig.start()
            if t == cs:
                continue
            # (both checks are pure: the cheaper one first)
            word = trig.group(0)
            owners = self.owners_of(cs, t, loose=True)
            if not owners and text[t - 1] in _TIME_CLAUSE_ENDS and word in self.lx.modals:
                owners = self.time_clause_subject(cs, t)  # 乡镇发现问题后须……: the time clause's subject
            if not owners or self.inside_unit_name(cs, t, ce):
                continue
            if word not in self.lx.trigger_of and not all(is_unit_item(o) for o, _, _ in owners):
                # a post read loosely (教师要……, 督导员要……) owns what a modal gives it, but
                if any(o.endswith(_PEOPLE_AT_LARGE) for o, _, _ in owners):
                    continue  # 外来人员须登记: people a rule binds
                nxt = trigger_at(text, trig.end())
                if nxt is not None and nxt.group(0) in self.lx.trigger_of:
                    continue  # 楼栋长要负责……: the trigger word after the modal starts the task (as before)
            ts = trig.end()
            if text.startswith("的", ts):
                continue  # 由专职人员承担的……: a modifier, not a predicate
            if _role_in(text, ts, min(ce + 1, se)):
                return None  # ……分管负责同志为成员: a role
            rel = self.lx.trigger_of.get(word, Relation.responsible)
            if rel in (Relation.cooperate, Relation.supervise) and self.states_level(ts, ce):
                return None  # 教师参与课后服务比例不低于80%: a target about the owner
            if rel is Relation.responsible:
                rel = relation_of_task(text[ts:se], rel)
            if ts >= se and not self.sentence_like:
                return None  # 家校社协同 as a bare heading line: no task
            if ts >= se or text[ts] in ",)":
                # 市生态环境局牵头, …: the task is the sentence's last clause, or the item's heading
                self.add(owners, rel, cs, ce, ts, ts, fallback=self.tail_task(ts, se) or self.heading_task(ss),
                         sent=ss)
            else:
                if text.startswith(_COOP_LEAD, ts):  # X要会同Y建立……: Y cooperates
                    partners, pts = self.partners(ts, se)
                    if partners:
                        self.add(partners, Relation.cooperate, cs, se, pts, se, sent=ss)
                        if rel is Relation.responsible:  # X要会同Y每季度开展督导检查: the task after Y
                            rel = relation_of_task(text[pts:se], rel)
                self.add(owners, rel, cs, se, ts, se, sent=ss)
            return "found"
        # subjectless 负责…… / 要……: a trigger after the framing and adverbs (none without a trigger word)
        if has_trigger:
            t0 = skip_framing(c)
            lead_adverbs = self.lx.lead_adverbs  # adverbs that are neither modals nor triggers
            lead_firsts = _lead_adverb_firsts()
            for _ in range(3):
                if (lead_firsts is not None and c[t0:t0 + 1] not in lead_firsts) or not c.startswith(lead_adverbs, t0):
                    break
                t0 += len(next(a for a in lead_adverbs if c.startswith(a, t0)))
            trig0 = trigger_at(c, t0)
            if trig0 and not self.in_covered(cs) and not _role_in(c):
                return "subjectless"
        if not has_unit or no_owner:
            return None
        e = text[ce - 1]  # (owners_of's first test on the last characters, without the call)
        if (e in self.owner_ends or e.isspace() or (ce - cs >= 2 and text[ce - 2] in "、,")) \
                and self.owners_of(cs, ce):
            return "unit"
        if heading or not self.sentence_like:
            return None  # the weak rules below want a sentence, not a heading line
        # 各社区根据……制定: a unit subject with no trigger word
        win_end = min(ce, cs + 30)
        if self.lx.continuation_re.search(text, cs + 2, win_end):  # else no word below is there
            later_trigger = has_trigger and any(m.group(0) in self.lx.trigger_of
                                                for m in self.lx.trigger_re.finditer(text, cs, ce))
            continuations = continuations_in(text[cs + 2:win_end])
        else:
            later_trigger, continuations = False, []
        for w in continuations:
            p = text.find(w, cs + 2, win_end)
            if p < 0:
                continue
            owners = self.owners_of(cs, p, loose=w in ("每", "对"))
            if owners and text.find("的", cs, owners[0][1]) >= 0:
                break  # 排名靠后的单位在全街道通报: a unit described by what happens to it, no subject
            if owners and all((o.startswith("各") or is_org_name(o) or later_trigger or w in ("每", "对"))
                              and not o.startswith("每个") for o, _, _ in owners):
                if self.states_level(p, ce):
                    return None  # 图书馆每周开放时间不少于40小时: a target, no task
                self.add_with_partners(owners, cs, se, p, ss)
                return "found"
        # 大班组与邻近的小学开展联合教研: X与Y开展/进行……, no trigger word: X owns the task, Y is the
        # partner it works with (no owner; data's partner_task_pattern)
        if first and text.find("与", cs, min(ce, cs + 24)) > cs and self.lx.partner_task is not None:
            hit = match_unit_prefix(text[cs:min(ce, cs + 24)])
            j = text.rfind("与", cs, cs + hit[1]) if hit else -1
            x_end = j if j > cs else (cs + hit[1] if hit and text.startswith("与", cs + hit[1]) else -1)
            if x_end > cs:
                v = self.lx.partner_task.search(text, x_end + 2, ce)
                owners = self.owners_of(cs, x_end) if v is not None and v.group().endswith(("开展", "进行")) else None
                if owners and v is not None and all(o.startswith("各") or is_org_name(o) for o, _, _ in owners):
                    self.add_with_partners(owners, cs, se, v.start(), ss)
                    return "found"
        # 各社区完成入户摸底: a first clause whose subject is an organization, then a verb; a later
        # clause only with 各X or an area-prefixed organization (……,区文旅局择优推荐参评), the shortest
        # subject that a verb follows, not a rule or an announcement (data's later_subject_stops)
        if first or later:
            # the subject starts after a deadline the clause opens with (5月底前各社区报送……)
            os_ = self.past_time_lead(cs, ce) if text[cs] in _TIME_LEAD_OPEN else cs
            # ends p from os_ + 16 (or ce) down to os_ + 2 where the character before p can end an
            # organization name
            ends: list[int] = [m.end() for m in org_end_finditer()(text, os_ + 1, min(ce, os_ + 16))]
            for p in (ends if later else reversed(ends)):  # a later clause: the shortest subject first
                if not may_end_org(text, p, os_) or text[p - 1:p + 1] in self.suffix_continuations:
                    continue  # (is_org_name below would say False; 县卫健委抽调骨干组|建: no unit ends there)
                k = text.rfind("、", os_, p)  # the name after the last 、
                if not is_org_name(text[k + 1 if k >= 0 else os_:p]):
                    continue
                owners = self.owners_of(cs, p)
                if later and not (owners and len(owners) == 1 and owners[0][1] == os_
                                  and (is_unit_item(owners[0][0]) if owners[0][0].startswith("各")
                                       else owners[0][0][0] in _LATER_FIRST and len(owners[0][0]) > 3)
                                  and not text.startswith(_NOT_TASK_STARTS, p)):
                    continue  # (a later clause tries each end, the shortest first)
                # (after a deadline only the units addressed as 各X: 2026年各社区完成……, not a statement such as
                # 2026年区财政投入600万元)
                if owners and all(
                        (o.startswith("各") or (os_ == cs and ((len(o) > 3 and is_org_name(o)) or _AREA_DOMAIN.fullmatch(o))))
                        and not o.startswith("每个")
                        for o, _, _ in owners) and _verb_follows_cached(text[p:min(ce, p + 6)]):
                    if self.states_level(p, ce):
                        return None
                    self.add_with_partners(owners, cs, se, p, ss)
                    return "found"
                if not later:
                    break
        return None

    def time_clause_subject(self, cs: int, t: int) -> list[tuple[str, int, int]] | None:
        """``乡镇发现问题后须……``, ``施工单位进场前须……``: a unit list, then a short time clause
        (2 to 10 Han characters ending in 后/前/时, no 的) before the modal at ``t``: the unit is
        the subject of both."""
        hit = match_unit_prefix(self.text[cs:t])
        if not hit or not 2 <= t - cs - hit[1] <= 10:
            return None
        p = cs + hit[1]
        if _HAN_RUN.fullmatch(self.text, p, t) is None or self.text.find("的", p, t) >= 0:
            return None
        return self.owners_of(cs, p)

    def states_level(self, a: int, b: int) -> bool:
        """``text[a:b]`` states a level reached (满意度达到90%, 开放时间不少于40小时: data's
        metric_predicate_pattern) or a deed done (召开了……: past_event_pattern), not a task."""
        mp = self.lx.metric_predicate
        if mp is not None and mp.search(self.text, a, b) is not None:
            return True
        pe = self.lx.past_event
        return pe is not None and pe.match(self.text[a:b]) is not None  # 召开了……: a past deed

    def add_with_partners(self, owners, cs: int, se: int, p: int, ss: int) -> None:
        """Add ``owners`` for the task at ``p``; ``会同/联合 Y`` right there makes Y a cooperating unit.
        Not in a background section: a unit and a verb with no trigger word there tell what was
        done (区财政投入资金860万元 among last year's results), not what is to be done."""
        n = self.ctx.section_at(cs)
        while n is not None:  # 1.2 现状基础 under 1. 总体要求: the sub-section's own label counts
            if n.label is SectionLabel.background:
                return
            n = n.parent
        text = self.text
        ts = p
        for w in _COOP_LEAD:
            if text.startswith(w, p):
                hit = match_unit_prefix(text[p + len(w):se])
                if hit:
                    partners = self.owners_of(p + len(w), p + len(w) + hit[1], allow_issuer=True)
                    if partners:
                        ts = p + len(w) + hit[1]
                        self.add(partners, Relation.cooperate, cs, se, ts, se, sent=ss)
                break
        rel = relation_of_task(text[ts:se], Relation.responsible)
        self.add(owners, rel, cs, se, ts, se, sent=ss)

    def follows(self, rest: str) -> bool:
        """:meth:`predicate_follows`, once per string: a clause asks it again for 由X on a second pass."""
        got = self._follows.get(rest)
        if got is None:
            got = self._follows[rest] = self.predicate_follows(rest)
        return got

    def predicate_follows(self, rest: str) -> bool:
        """After 由X: a trigger, a role verb, or a word tagged as verb or adverb."""
        if not rest or not "\u4e00" <= rest[0] <= "\u9fff":
            return False
        if self.lx.trigger_re.match(rest) or rest.startswith(("任", "担任", "兼任", "组成", "为")):
            return True
        if _PERSON_AHEAD.match(rest):
            return True  # 由公共卫生科科长邱某某负责: checked as a named person below
        first = first_word(rest[:6])
        return first is not None and first[1] in ("v", "vn", "d", "ad", "p", "vd")

    def inside_unit_name(self, cs: int, t: int, ce: int) -> bool:
        """Is the trigger at ``t`` part of a unit name (市应急管理局: 应)?"""
        text = self.text
        sep = _LAST_SEP.match(text, cs, t)  # the unit starts after the last separator, or at cs
        k = sep.end() if sep else cs
        # 石桥镇应急办和……: a longer unit reaching a list separator wins over 石桥镇 + 应
        for j in range(t + 2, min(ce, t + 6) + 1):
            if j < ce and text[j] in "、和及与等" and is_unit_item(text[k:j]) and trigger_at(text, j + 1) is None:
                if self.lx.trigger_re.search(text, j, ce):
                    return True
        if is_unit_item(text[k:t]):
            return False
        for j in range(t + 1, min(ce, t + 6) + 1):
            if j == ce or text[j] in "、,和及与等":
                if is_unit_item(text[k:j]) and j > t + 1:
                    return True
        return False

    def tail_task(self, ts: int, se: int) -> tuple[int, int] | None:
        """``由X牵头,Y参与,编制预案``: the last clause, when it names no owner of its own."""
        k = self.text.rfind(",", ts, se)
        if k < 0 or k + 1 >= se:
            return None
        tail = self.text[k + 1:se]
        if any(m.group(0) in self.lx.trigger_of for m in self.lx.trigger_re.finditer(tail)):
            return None
        return (k + 1, se)

    def _label_line(self, rel: Relation, starts: list[int], k: int, cs: int, ce: int, ss: int, se: int) -> bool:
        """``责任单位:A、B``: each unit of the clause after the label owns the item's heading.

        True when read; ``starts`` then skips the unit list (both sentence readers share this).
        """
        ue = starts[k + 2] - 1 if k + 2 < len(starts) else se
        owners = self.owners_of(ce + 1, ue, allow_issuer=True) or self._labelled_names(ce + 1, ue)
        task = self.heading_task(ss)
        if owners and task:
            self.add(owners, rel, cs, ue, *task, sent=ss)
            starts[k + 1] = ue + 1  # the unit list is read
            return True
        return False

    def inline_labels(self) -> None:
        """``(牵头单位:A;责任单位:B、C)`` closing an item: each labelled unit owns the item's task
        (its first sentence), with the label's relation. The first unit of a list is given with
        its label, later ones alone; the bracket is not read again as sentences."""
        pat = _inline_label_re()
        text, labels = self.text, self.lx.unit_labels
        start, end = self.ctx.start, self.ctx.end
        if pat is None or not any(text.find(t, start, end) >= 0 for t in _label_tails()):
            return  # (looked for inside the plan only: the text may hold many plans)
        for m in pat.finditer(text, start, end):
            task = self.heading_task(m.start())
            if task is None:
                continue
            got: list[Any] = []
            for part in _PART_SPLIT.finditer(text, m.start() + 1, m.end() - 1):
                ps, pe = part.span()
                colon = text.find(":", ps, pe)
                rel = labels.get(text[ps:colon]) if colon > ps else None  # type: ignore
                owners = None if rel is None else (
                    self.owners_of(colon + 1, pe, allow_issuer=True) or self._labelled_names(colon + 1, pe))
                if not owners:
                    got = []
                    break
                got.append((rel, ps, owners))
            for rel, ps, owners in got:
                for i, owner in enumerate(owners):
                    a = ps if i == 0 else owner[1]
                    self.found.append(Found(owner[0], rel, a, owner[2], *task, sent=ps, owner_item=owner))
            if got:
                self.covered.append((m.start(), m.end()))

    def _labelled_names(self, a: int, b: int) -> list[tuple[str, int, int]] | None:
        """``责任单位:区就业服务中心、区人力资源市场``: the label says every item is a unit, so a short
        name the unit lexicon does not know is one too, when most items of the list are units."""
        items = [(m.group(), m.start(), m.end()) for m in _LABELLED_ITEM.finditer(self.text, a, b)]
        if len(items) < 2 or self.text[a:b].strip(" \t\u3000") != "、".join(x for x, _, _ in items):
            return None
        known = sum(1 for x, _, _ in items if is_unit_item(x))
        return items if 2 * known > len(items) else None

    def heading_task(self, pos: int) -> tuple[int, int] | None:
        """The first sentence of the paragraph holding ``pos``, marker removed (the item's task)."""
        text = self.text
        ls = text.rfind("\n", self.ctx.start, pos) + 1
        if ls < self.ctx.start:
            ls = self.ctx.start
        mk = match_marker(text, ls, pos)
        a = mk.end() if mk else ls
        b = a
        while b < pos and text[b] not in "。;\n":
            b += 1
        return (a, b) if b > a else None

    def headed_blocks(self) -> None:
        """``1、街道残疾人联合会。负责……`` and ``主要职责:`` lists: every duty is the head's."""
        text, ctx = self.text, self.ctx
        list_end = list_end_chars()
        owner: tuple[str, int, int] | None = None
        last_body: tuple[str, int, int] | None = None
        last_body_line = -99
        # Organization heads seen since last_body, newest last, as (body, line, head): each is the
        # new last_body if its head ends in a noun (the tagger), which is asked only when a duty
        # list heading wants last_body (most plans have none): then newest first, as reading
        # every head in turn would have kept the newest one that ends in a noun.
        bodies: list[tuple[tuple[str, int, int], int, str]] = []
        in_duties = False
        duty_kind = None
        start, end = ctx.start, ctx.end
        # While no owner is open only the lines _head_lines() finds can change anything: the
        # loop goes from one to the next, counting the lines between.
        cands = _head_line_starts(text, start, end)
        ci, nc = 0, len(cands)
        pos, nli = start, 0  # the next line to read, and its number
        while pos <= end:
            if owner is None:
                while ci < nc and cands[ci] < pos:
                    ci += 1
                if ci == nc:
                    break
                nli += text.count("\n", pos, cands[ci])
                pos = cands[ci]
            a, li = pos, nli
            b = text.find("\n", a, end)
            if b < 0:
                b = end
            pos, nli = b + 1, nli + 1
            line = text[a:b]
            rest = line.lstrip()
            if not rest:
                continue  # a blank line
            lead = b - len(rest)
            # (match_marker's first test inline: text[lead] is no blank)
            mk = match_marker(text, lead, b) if rest[0] in MARKER_STARTS or rest[0].isdigit() else None
            body_start = mk.end() if mk else lead
            hm = _HEAD_END.search(text, body_start, b)
            head_end = hm.start() if hm else b
            if owner is None:
                # With no owner open, a line matters only as a head (a unit list: split_units'
                # first test on its last characters, at most 24 long) or as 主要职责.
                if head_end - body_start < 2:
                    continue
                e = text[head_end - 1]
                if e != ")" and (head_end - body_start > 24 or (
                        e not in list_end and e not in _DUTY_HEAD_ENDS and not e.isspace()
                        and text[head_end - 2] not in "、,")):
                    continue
            head = text[body_start:head_end]
            alias = None
            if head.endswith(")") and "(" in head:
                inner = head[head.rfind("(") + 1:-1]
                for pre in ("以下简称", "简称"):
                    inner = inner[len(pre):] if inner.startswith(pre) else inner
                alias = inner
                head_core = head[: head.rfind("(")]
            else:
                head_core = head
            items = split_units(head_core) if 1 < len(head_core) <= 24 else None
            # a head: one unit from the line's start whose head ends in a noun (that last test,
            # by the tagger, only where its answer is used: _ends_with_noun_cached(head_core))
            one_unit = bool(items) and len(items) == 1 and items[0][1] == 0  # type: ignore
            if one_unit and is_org_name(items[0][0]):  # type: ignore
                name = items[0][0]  # type: ignore
                if alias and split_units(alias):
                    name = alias
                bodies.append(((name, body_start, head_end), li, head_core))
            # a duty list under 主要职责:
            if head in _DUTY_HEADS and not mk:
                while bodies:
                    body, body_line, body_head = bodies.pop()
                    if _ends_with_noun_cached(body_head):
                        last_body, last_body_line = body, body_line
                        bodies.clear()
                if last_body and li - last_body_line <= 12:
                    owner, in_duties, duty_kind = last_body, True, None
                    self.covered.append((a, b))
                    continue
            if in_duties and owner:
                kind = mk.group(0)[-1] if mk else None
                if mk and (duty_kind is None or kind == duty_kind):
                    duty_kind = kind
                    self.duties(owner, body_start, b)
                    continue
                in_duties, owner = False, None
            # 1、街道残疾人联合会。负责……
            if mk and one_unit and head_end < b and text[head_end] in "。:" and not alias \
                    and _ends_with_noun_cached(head_core):
                rest_at = head_end + 1
                if text.startswith(_LEADS, rest_at, b) or text.startswith(_ITEM_OBJECT_LEADS, rest_at, b) \
                        or self.lx.task_time.match(text[rest_at:b]) is not None \
                        or (text[rest_at:rest_at + 1] in _TIME_LEAD_FIRST
                            and self.lx.owner_time_lead.match(text, rest_at, b) is not None):
                    # (一)抢险救援组。由街道应急办牵头,……: the item names its owners itself;
                    # (一)定点医疗机构。重点检查……: the unit is what the item inspects, no owner;
                    # 1.少儿艺术班。7月至8月开设…, 2.中老年班。每周二开设…: an activity's schedule, no duty list
                    owner = None
                    continue
                owner = (items[0][0], body_start, body_start + len(items[0][0]))  # type: ignore
                if rest_at < b:
                    self.duties(owner, rest_at, b)
                continue
            # 医务部:牵头负责A;负责B的督导检查 (no marker): a line opening with one unit, a colon and a
            # trigger word is that unit's duty list too, each ;/。 piece a duty; the line alone
            if not mk and owner is None and one_unit and head_end < b and text[head_end] == ":" and not alias \
                    and text.find(";", head_end, b) > 0:
                rest_at = head_end + 1
                trig = trigger_at(text, rest_at + skip_task_lead(text[rest_at:b]))
                if trig is not None and trig.group(0) in self.lx.trigger_of and _ends_with_noun_cached(head_core):
                    self.duties((items[0][0], body_start, body_start + len(items[0][0])), rest_at, b)  # type: ignore
                continue
            if owner and not mk and not in_duties:
                trig = trigger_at(text, lead + skip_task_lead(text[lead:b]))
                if trig and trig.group(0) in self.lx.trigger_of:
                    self.duties(owner, lead, b)
                    continue
            if mk or (owner is not None and one_unit and _ends_with_noun_cached(head_core)):
                owner = None

    def duties(self, owner: tuple[str, int, int], a: int, b: int) -> None:
        """Each ;/。 piece of [a, b) is a duty of ``owner``."""
        text = self.text
        self.covered.append((a, b))
        for ss, se in _sentences(text, a, b):
            se = min(se, b)
            if ":" in text[ss:se] or se - ss < 3:
                continue
            for ps, pe in self.follow_on_pieces(ss, se):
                self.duty(owner, ps, pe)

    def follow_on_pieces(self, ss: int, se: int) -> list[tuple[int, int]]:
        """``负责A,协助做好B``: a clause opened by a follow-on word (data ``follow_on``) whose
        relation differs from the duty so far, or that brings a partner (``会同X``), is a duty of its own."""
        text = self.text
        out: list[tuple[int, int]] = []
        ps = ss
        rel = self.duty_relation(ss, se)[0]
        k = text.find(",", ss, se)
        while k >= 0:
            fo = follow_on_at(text, k + 1)
            # (会同X…: a partner joins, a duty of its own whatever the relation so far)
            if fo and (fo[1] is not rel or fo[0] in _COOP_LEAD) and k - ps >= 3 \
                    and text[k - 1:k] not in _CONDITION_ENDS:  # (发现……的,督促……: one duty)
                out.append((ps, k))
                ps = k + 1
                rel = fo[1]
            k = text.find(",", k + 1, se)
        out.append((ps, se))
        return out

    def duty_relation(self, ps: int, pe: int) -> tuple[Relation, int]:
        """The relation of a duty [ps, pe) and where its task starts."""
        text = self.text
        t0 = ps + skip_task_lead(text[ps:pe])
        trig = trigger_at(text, t0)
        if trig and trig.group(0) in self.lx.trigger_of:
            rel, ts = self.lx.trigger_of[trig.group(0)], trig.end()
        else:
            rel, ts = Relation.responsible, ps
        if rel is Relation.responsible:
            rel = relation_of_task(text[ts:pe], rel)
        return rel, ts

    def duty(self, owner: tuple[str, int, int], ps: int, pe: int) -> None:
        """One duty [ps, pe) of ``owner``, and the units it works with (会同X). A piece that opens
        with a unit of its own and a trigger word (……。区财政局负责资金保障) is that unit's duty."""
        text = self.text
        # (the unit of two characters or more must be followed by a trigger word inside the same 24
        # characters: a piece with none there, most duties, is not read prefix by prefix)
        w_end = min(pe, ps + 24)
        hit = match_unit_prefix(text[ps:w_end], follows=_opens_with_trigger) \
            if pe - ps > 3 and self.lx.trigger_word.search(text, ps + 2, w_end) is not None else None
        if hit is not None:
            q = ps + hit[1]
            trig = trigger_at(text, q + skip_task_lead(text[q:pe])) or trigger_at(text, q)
            own = self.owners_of(ps, q) if trig is not None else None
            if own and trig is not None:
                if trig.group(0) in self.lx.trigger_of:
                    rel, ts = self.duty_relation(q, pe)
                else:  # 各乡镇要……: a modal
                    ts = trig.end()
                    rel = relation_of_task(text[ts:pe], Relation.responsible)
                for o in own:
                    self.found.append(Found(o[0], rel, ps, pe, ts, pe))
                return
        rel, ts = self.duty_relation(ps, pe)
        self.found.append(Found(owner[0], rel, ps, pe, ts, pe))
        # 会同区残联制定……: the other unit cooperates (at a clause start inside the duty)
        for w in _COOP_LEAD:
            k = text.find(w, ps, pe)
            while k >= 0:
                if k in (ps, ts) or text[k - 1] in ",、":
                    hit = match_unit_prefix(text[k + len(w):pe])
                    if hit:
                        self.found.append(Found(hit[0], Relation.cooperate, ps, pe, k + len(w) + hit[1], pe))
                k = text.find(w, k + 1, pe)


@functools.cache
def _plan_itself() -> regex.Pattern | re.Pattern:
    """A task that is the drafting of the plan itself (data ``plan_itself_task_pattern``)."""
    return std_twin(compile_pattern(load("relations")["plan_itself_task_pattern"],
                                    where="relations.yaml plan_itself_task_pattern"), classes=True)


def _opens_with_trigger(rest: str) -> bool:
    """A trigger word or a modal opens ``rest`` (after adverbs): what follows a unit that owns it."""
    return trigger_at(rest, 0) is not None or trigger_at(rest, skip_task_lead(rest)) is not None


@functools.cache
def _announces() -> regex.Pattern | re.Pattern:
    """A short task announcing the list after it (data ``announce_task_pattern``)."""
    return std_twin(compile_pattern(load("relations")["announce_task_pattern"],
                                    where="relations.yaml announce_task_pattern"), classes=True)


def _dedupe(found: list[Found]) -> list[Found]:
    """One entry per owner and clause; a clause whose owner is only implied by its sentence
    (``各社区相应成立……,负责……``) adds nothing when that sentence already gave the owner a task."""
    seen: set[tuple[str, int]] = set()
    in_sentence: set[tuple[str, int]] = set()
    out = []
    for f in sorted(found, key=lambda f: (f.start, f.end)):
        key = (f.owner, f.start)
        if key in seen or (f.implicit and (f.owner, f.sent) in in_sentence):
            continue
        seen.add(key)
        in_sentence.add((f.owner, f.sent))
        out.append(f)
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\u3000\r\n,":
        a += 1
    while b > a and text[b - 1] in " \t\u3000\r\n,。;":
        b -= 1
    return a, b


def extract_responsibilities(ctx: PlanContext) -> list[Responsibility]:
    """Responsibilities of the plan, in document order."""
    out: list[Responsibility] = []
    text = ctx.text
    to_source, source, section_at = ctx.doc.to_source, ctx.doc.source, ctx.section_at
    for f in _dedupe(_Extractor(ctx).run()):
        a, b = _trim(text, f.start, f.end)
        ta, tb = _trim(text, f.task_start, f.task_end)
        if tb <= ta:
            if f.task_fallback:
                ta, tb = _trim(text, *f.task_fallback)
            if tb <= ta:
                ta, tb = a, b
        if b <= a or (tb - ta <= 16 and _plan_itself().match(text, ta, tb)) \
                or (tb - ta <= 24 and _announces().search(text, ta, tb) is not None):
            continue
        span = to_source(a, b)  # (ctx.span; the text sliced with it: ctx.source maps it again)
        ts, te = to_source(ta, tb)
        node = section_at(a)  # (ctx.section_label_at and section_id_at, one lookup)
        # the values are of the fields' types (a Relation, a SectionLabel): no validation again
        out.append(checked_model(Responsibility, {
            "text": source[span[0]:span[1]],
            "span": span,
            "owner": f.owner,
            "relation": f.relation,
            "task": source[ts:te],
            "section_label": node.top().label if node else SectionLabel.other,
            "section_id": node.id if node else None,
        }))
    return out
