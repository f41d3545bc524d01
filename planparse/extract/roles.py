"""Roles: who holds which position in which body.

The genre writes roles in a handful of shapes (``data/positions.yaml`` holds the words):

* lists: ``组长:王康辉 副组长:卞西刚`` / ``组员:胡顺花 王言菊 葛文士`` (one role per name);
  names padded to a three-character width are one name (``张　丽`` → 张丽, the text stays the
  source slice); in ``组长:刘振华 街道党工委书记`` the office after the name is its title;
  deeper-indented lines without a label continue the roster above them;
* ``X任组长``, ``以X为组长``, ``X担任调委会主任``, ``X为本次创建工作的第一责任人``,
  ``A和B分别为第一责任人、具体责任人`` (zipped);
* ``组长由X担任``, ``成员由各村、社区主要负责人组成`` (a shared head is distributed:
  各村主要负责人, 社区主要负责人; a head of ``shared_heads`` also over a last 和:
  ``A、B和C负责人``), ``由X组成的领导小组`` (members);
* ``……委员会主任谷孝红`` (a body, a position and a person).

A holder that ends in a person's name (``区残联副理事长杜东``, ``陆水平主任``) gives ``person``;
otherwise an office (``社区书记``, ``镇长``, ``车间主任``: a frequent word before a title is no
name) gives ``holder``. Names are a surname from
``data/surnames.tsv`` plus one or two characters, confirmed by the tagger's ``nr`` where the
slot is not already a name slot (:mod:`planparse.extract.pos`, on the candidate's few characters).

``org`` is the body named in the sentence (``……领导小组由X任组长``, ``……组成的领导小组``),
else the nearest body set up before it in the plan (``成立……领导小组``, a header line
``办公室(市创城办)``, a sub-body ``下设……指挥部``, a clause opener ``督查评估组由……``); after
``下设办公室`` the roles belong to that office. A body is named in full, not by its alias
(``安全生产委员会(以下简称安委会)``), unless the full name is generic (``办公室(以下简称创城办)``).

>>> from planparse import parse_text
>>> r = parse_text("五、成立领导小组\\n村成立创卫工作领导小组。\\n组长:王康辉 副组长:卞西刚\\n")
>>> [(x.position, x.person, x.org) for x in r.plans[0].roles]
[('组长', '王康辉', '创卫工作领导小组'), ('副组长', '卞西刚', '创卫工作领导小组')]
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

import regex

from ..context import PlanContext
from ..models import Role
from ..resources import Tables, compile_pattern, literal_gate, load, lookbehind_reach, std_twin
from .pos import cut as pos_cut
from .pos import lookup as pos_lookup

_HANS = compile_pattern(r"\p{Han}+")  # fullmatch: every character Han, one call instead of one per character


class _Lex(Tables):
    positions: tuple[str, ...]
    pos_alt: str
    body_alt: str
    heads: tuple[str, ...]
    titles: tuple[str, ...]
    not_name: frozenset[str]
    surnames: frozenset[str]
    placeholder: regex.Pattern
    list_re: regex.Pattern
    verb_re: regex.Pattern
    by_re: regex.Pattern
    members_re: regex.Pattern
    member_re: regex.Pattern
    member_anchor: regex.Pattern  # 组成 with a body name after it, which every match of member_re holds
    member_bar: regex.Pattern  # what member_re holds nowhere before its 组成 (a reverse search)
    member_lead: int
    member_reach: int
    body_re: regex.Pattern
    body_name_re: regex.Pattern
    named_re: regex.Pattern
    named_anchor: regex.Pattern  # the body word of named_re with a position after it
    named_bar: regex.Pattern  # what named_re holds nowhere before its body word (a reverse search)
    named_lead: int  # named_re's body word starts at most this far after the match
    named_reach: int  # named_re reads at most this far past its start
    sub_office_re: regex.Pattern
    generic_bodies: frozenset[str]
    bodies: tuple[str, ...]  # longest first
    body_verb_alt: str
    not_bodies: frozenset[str]
    shared_heads: frozenset[str]
    padded_re: regex.Pattern
    sub_body_re: regex.Pattern
    opener_re: regex.Pattern
    opener_anchor: regex.Pattern  # the 由 after every match of opener_re (after a body's last character)
    opener_lead: int  # opener_re's 由 stands at most this far after the match's start
    opener_bar: regex.Pattern  # what opener_re holds nowhere before its 由 (a reverse search)


def _longest(xs) -> tuple[str, ...]:
    return tuple(sorted(set(xs), key=lambda w: (-len(w), w)))


def _first_chars(words) -> str:
    """A look-ahead for the first characters of ``words``, put before their alternation.

    Speed only: it states what the alternation needs anyway, so the engine skips at once the
    positions of a lazy run where no word can start (same matches).
    """
    return "(?=[" + regex.escape("".join(sorted({w[0] for w in words}))) + "])"


@functools.cache
def _lex() -> _Lex:
    spec = load("positions")
    positions = _longest(spec["positions"])
    pos_alt = "(?:" + "|".join(regex.escape(p) for p in positions) + ")"
    bodies = _longest(spec["body_suffixes"])
    body_alt = "(?:" + "|".join(regex.escape(b) for b in bodies) + ")"
    verbs = "(?:" + "|".join(_longest(spec["body_verbs"])) + ")"
    surnames = frozenset(r[0] for r in load("surnames") if r and r[0])
    ph = spec["placeholder_name"]
    name_chars = r"[^\s:,;。、()]"
    # 组　长 / 组　　长 / 副 组 长: a position spaced out to align a list
    spaced_alt = "(?:" + "|".join("[ \u3000]{0,3}".join(regex.escape(c) for c in p) for p in positions) + ")"
    named_bodies = ("委员会", "领导小组", "指挥部", "办公室")
    named_alt = "(?:" + "|".join(named_bodies) + ")"
    named_lead = 24
    member_span = 60
    opener_span = 30
    pos_first = _first_chars(positions)
    body_first = _first_chars([*bodies, "组"])
    # every match of member_re ends with 组成, then a body name after it: its anchor checks the name
    member_tail = rf"的?[^,。;:、\s]{{0,24}}?{_first_chars(bodies)}{body_alt}"
    body_last = "".join(sorted({b[-1] for b in bodies} | {"组"}))
    return _Lex(
        positions=positions,
        pos_alt=pos_alt,
        body_alt=body_alt,
        heads=_longest(spec["office_heads"]),
        titles=_longest(spec["name_titles"]),
        not_name=frozenset(spec["not_name_parts"]),
        surnames=surnames,
        placeholder=compile_pattern(rf"^{ph}$", where="positions.yaml placeholder"),
        # 组长:王康辉 副组长:卞西刚 / 组员:胡顺花 王言菊 葛文士 (one line); in running text the
        # entries end at ; before the next label (组长:X;副组长:Y) and the roster at 。
        list_re=compile_pattern(rf"(?<![\p{{Han}}])({spaced_alt})[ \t\u3000]{{0,2}}:[ \t\u3000]{{0,2}}([^\n]{{1,120}}?)"
                                rf"(?=[ \t\u3000]{{1,4}}{spaced_alt}[ \t\u3000]{{0,2}}:|;[ \t\u3000]{{0,2}}{spaced_alt}"
                                rf"[ \t\u3000]{{0,2}}:|。|\n|$)", where="roles list"),
        # X任组长 / 以X为组长 / X担任调委会主任 / X为本次创建工作的第一责任人
        verb_re=compile_pattern(rf"(分别)?(担任|兼任|出任|(?<![主责信委放到就])任|为|是)([^,。;:、\n任为担是]{{0,20}}?)"
                                rf"{pos_first}({pos_alt}(?:、{pos_alt}){{0,3}})"
                                rf"(?=[,。;、:\s)]|$|等|的)", where="roles verb"),
        # 组长由X担任 / 成员由X组成
        # 县级路长由X担任: a level written before the position is part of it
        by_re=compile_pattern(rf"((?:{'|'.join(_longest(spec['level_prefixes']))})?{pos_alt})(?:\d{{1,3}}名)?,?由((?:{name_chars}|、){{2,60}}?)(担任|兼任|组成|出任)",
                              where="roles by"),
        # 成员为各班劳动委员和管护员: a member position opening a clause, then its holders
        members_re=compile_pattern(rf"(?:^|(?<=[,;:\n]))({'|'.join(map(regex.escape, _longest(spec['member_positions'])))})"
                                   rf"为([^,。;:\n]{{2,60}}?)(?=[,。;\n]|$)", where="roles members are"),
        # (由)X等组成的领导小组
        member_re=compile_pattern(rf"由?([^,。;:\n]{{2,{member_span}}}?)等?组成的?([^,。;:、\s]{{0,24}}?"
                                  rf"{_first_chars(bodies)}{body_alt})",
                                  where="roles members"),
        body_re=compile_pattern(rf"{verbs}(?:[^。;]{{0,80}}?组成的)?([^,。;:、()\s]{{0,24}}?{body_alt}(?:办公室)?)"
                                rf"(?:[(](?:以下简称|简称)?([^()]{{1,10}})[)])?", where="roles body"),
        body_name_re=compile_pattern(rf"^[^,。;:、()\s]{{0,24}}?{body_alt}$", where="roles body name"),
        # ……委员会主任谷孝红
        named_re=compile_pattern(rf"([^,。;:、()\s]{{2,{named_lead}}}?{named_alt})({pos_alt})"
                                 rf"(\p{{Han}}{{2,3}})(?=[,。;、\s]|负责|担任|同志)", where="roles named"),
        named_anchor=compile_pattern(rf"{named_alt}(?={pos_alt})", where="roles named anchor"),
        named_bar=compile_pattern(r"(?r)[,。;:、()\s]", where="roles named barrier"),
        named_lead=named_lead,
        # prefix, body word, position, name, look-ahead
        named_reach=named_lead + max(map(len, named_bodies)) + len(positions[0]) + 3 + 2,
        member_anchor=compile_pattern(rf"组成(?={member_tail})", where="roles members anchor"),
        member_bar=compile_pattern(r"(?r)[,。;:\n]", where="roles members barrier"),
        member_lead=1 + member_span + 1,  # 由 X 等 before 组成
        member_reach=1 + member_span + 1 + 2 + 1 + 24 + len(bodies[0]),  # 由 X 等 组成 的 prefix body
        generic_bodies=frozenset(bodies),
        bodies=bodies,
        body_verb_alt=verbs,
        not_bodies=frozenset(spec["not_bodies"]),
        sub_office_re=compile_pattern(r"下设(?:办公室|[\p{Han}]{0,8}办公室)(?:[(](?:以下简称|简称)?([^()]{1,10})[)])?",
                                      where="roles sub office"),
        shared_heads=frozenset(spec["shared_heads"]),
        # 王　红: a one-character surname and one character, padded to a three-character width
        padded_re=compile_pattern(r"(?<!\p{Han})(\p{Han})[ \u3000]{1,2}(\p{Han})(?!\p{Han})", where="roles padded name"),
        # 安委会下设应急救援指挥部: a sub-body (下设办公室 is sub_office_re's)
        sub_body_re=compile_pattern(rf"下设(?!办公室)([^,。;:、()\s]{{1,24}}?{body_alt})(?=[,。;:、(\s]|$)",
                                    where="roles sub body"),
        # 学校安全管理委员会由校长任主任委员 / 督查评估组由X任组长: a body that opens a clause
        opener_re=compile_pattern(rf"(?:^|(?<=[,:。;\n]))([^,。;:、()\s“”]{{2,{opener_span}}}?{body_first}"
                                  rf"(?:{body_alt}|组))(?=由)", where="roles opener"),
        opener_anchor=compile_pattern(rf"(?<=[{regex.escape(body_last)}])由", where="roles opener anchor"),
        opener_lead=opener_span + len(bodies[0]),
        opener_bar=compile_pattern(r"(?r)[,。;:、()\s“”]", where="roles opener barrier"),
    )


class _Patterns(Tables):
    """The helpers' patterns, compiled once: they run on every line and every candidate."""

    office_verb: regex.Pattern  # 任组长 / 为组长 inside a holder: no holder
    pos_end: regex.Pattern  # ends with a position
    body_end: regex.Pattern  # ends with a body suffix
    body_gap: regex.Pattern  # 担任调委会主任: the body in the verb's gap
    body_after: regex.Pattern  # ……任组长的“三创”工作小组
    body_made: regex.Pattern  # ……组成的领导小组
    body_opening: regex.Pattern  # ……领导小组由X任组长
    # 成立 / 建立 ...: split on short strings, by its twin in the standard re where it has one (a
    # call of re costs a fraction of a regex call)
    body_verb: regex.Pattern | re.Pattern
    body_scan: regex.Pattern | re.Pattern  # _lex().body_re, by re where it has a twin (see _bodies)
    role_before: regex.Pattern  # 由社区书记任组长、副主任: the last role in a chunk
    closer_before_head: regex.Pattern  # 各单位主要负责人: 等(单位) before a head
    closer_tail: regex.Pattern  # 综治主任等社区工作人员
    gloss: regex.Pattern  # 李某某(街道党工委书记)
    name_sep: regex.Pattern
    list_marker: regex.Pattern  # A. / 1、 / (一) before a holder
    line_marker: regex.Pattern  # (一) / 一、 / 1. opening a line
    line_annex: regex.Pattern  # 附件1:
    line_cut: regex.Pattern
    line_roster: regex.Pattern  # ……成员名单
    line_alias: regex.Pattern  # 办公室(市创城办)
    line_end_chars: str  # a body header ends with one of these (see _bodies)
    line_end: regex.Pattern  # one of line_end_chars where a header's core can end
    spaces: regex.Pattern
    people_sep: regex.Pattern
    people_split: regex.Pattern  # people_sep, kept: a space or a 、 before each name
    sentence_end: regex.Pattern
    article: regex.Pattern  # 第十二条 before a holder
    unit_must: regex.Pattern  # 各乡镇(街道)要…… opening a sentence


@functools.cache
def _pats() -> _Patterns:
    lx = _lex()
    spec = load("positions")
    ends = "".join(sorted({b[-1] for b in spec["body_suffixes"]} | set(_HEADER_ENDS)))

    def c(pattern: str, name: str) -> regex.Pattern:
        return compile_pattern(pattern, where=f"roles {name}")

    return _Patterns(
        office_verb=c("(?:任|为)" + lx.pos_alt, "office verb"),
        pos_end=c(lx.pos_alt + "$", "position end"),
        body_end=c(lx.body_alt + "$", "body end"),
        body_gap=c(r"([^的]{0,16}" + lx.body_alt + ")$", "body gap"),
        body_after=c(r"的([^,。;:、\s]{0,24}?" + lx.body_alt + ")", "body after"),
        body_made=c(r"(?:组成|成员)的([^,。;:、\s]{0,24}?" + lx.body_alt + ")", "body made"),
        # 督查评估组由X任组长 / 抢险突击队由X任队长: any 组 or 队 that opens a clause before 由 names one
        body_opening=c(r"(?:^|(?<=[,:;\s]))([^,。;:、()\s]{2,30}?(?:" + lx.body_alt + r"|[组队](?=由|,)))(?=由|下设|,|设)",
                       "body opening"),
        body_verb=std_twin(c(lx.body_verb_alt, "body verb")),
        body_scan=std_twin(lx.body_re, classes=True),
        role_before=c(r"(?:(?<![主责信委放到就])任|为|担任|兼任)[^,。;、]{0,10}?" + lx.pos_alt, "role before"),
        closer_before_head=c(r"等(?:单位|部门|科室)?(?=主要负责人|负责人|主要领导|一把手|负责同志)", "closer"),
        closer_tail=c(r"(?<=\p{Han}{2})等[^、,和及与]{1,10}$", "closer tail"),
        gloss=c(r"[(][^()]{0,20}[)]", "gloss"),
        name_sep=c(r"[\s\u3000、,]", "name sep"),
        list_marker=c(r"[ \t\u3000]{0,3}(?:[A-Za-z]|\d{1,2}|[一二三四五六七八九十]{1,2})[.、)][ \t\u3000]{0,3}",
                      "list marker"),
        line_marker=c(r"^(?:[(][一二三四五六七八九十\d]{1,3}[)]|[一二三四五六七八九十\d]{1,3}[、.])", "line marker"),
        line_annex=c(r"^附(?:件)?\d?[:]?", "line annex"),
        line_cut=c(r"[,:]", "line cut"),
        line_roster=c(r"(?:(?:成员|人员)?名单|组成(?:人员)?如下|成员如下)$", "line roster"),
        line_alias=c(r"^(.{1,24})[(](?:以下简称|简称)?([^()]{1,10})[)]$", "line alias"),
        line_end_chars=ends,
        # followed by the line's end (spaces are stripped), the cut (,:), 名单, 组成如下 or an alias's (
        line_end=c("[" + regex.escape(ends) + r"](?=[\s\x1c-\x1f,:(名成人组]|\Z)", "line end"),
        spaces=c(r"[ \u3000]", "spaces"),
        people_sep=c(r"[\s\u3000、,]+|(?<=某)[及和]", "people sep"),
        people_split=c(r"([\s\u3000、,]+|(?<=某)[及和])", "people split"),
        article=c(r"[ \t\u3000]{0,3}第[一二三四五六七八九十百零〇\d]{1,6}条[ \t\u3000]{0,3}", "article"),
        unit_must=c(r"[ \t]{0,4}(各?[^,。;:、\s]{1,16}?)(?:要|应当|应|必须|须)", "unit must"),
        sentence_end=c(r"[。;\n]", "sentence end"),
    )


# -- names and holders ------------------------------------------------------------------

def _tagged_as_name(s: str) -> bool:
    """The tagger reads ``s`` as a name: one ``nr`` word, or ``nr`` then a noun-like word."""
    words = pos_cut(s)
    return (len(words) == 1 and words[0][1] == "nr") or (
        len(words) >= 1 and words[0][1] == "nr" and "".join(w for w, _ in words) == s and len(words) <= 2
        and all(f in ("nr", "ng", "n", "nz") for _, f in words))


def is_person_name(s: str, *, slot: bool) -> bool:
    """A person's name: ``王康辉``, ``杜东``, ``XXX``. ``slot``: the context already expects a name.

    >>> is_person_name("王康辉", slot=True), is_person_name("社区书记", slot=True)
    (True, False)
    """
    lx = _lex()
    if lx.placeholder.match(s):
        return True
    if not 2 <= len(s) <= 4 or _HANS.fullmatch(s) is None:
        return False
    sur = 2 if s[:2] in lx.surnames else (1 if s[0] in lx.surnames else 0)
    if not sur or len(s) - sur not in (1, 2):
        return False
    if any(c in lx.not_name for c in s[sur:]):
        return False
    return slot or _tagged_as_name(s)


def join_padded_names(s: str) -> str:
    """Two-character names typeset to a three-character width are one name: ``王 红`` → ``王红``.

    Only a surname and one character, each alone between non-Han characters, join: ``何志远 秦
    丽 吕建国`` keeps its full names apart. The caller keeps the source slice as the role's text.

    >>> join_padded_names("孙 力、李明华、周\u3000燕(主任)")
    '孙力、李明华、周燕(主任)'
    """
    lx = _lex()

    def one(m: regex.Match) -> str:
        sur, given = m.group(1), m.group(2)
        if sur in lx.surnames and given not in lx.not_name:
            return sur + given
        return m.group(0)

    return lx.padded_re.sub(one, s)


def _common_word(s: str) -> bool:
    """``s`` is a frequent word that is no name (车间, 高中): ``车间主任`` is an office, not 车间 + 主任."""
    hit = pos_lookup(s)
    return hit is not None and hit[0] >= 20 and not hit[1].startswith("nr")


def _office_head(s: str) -> str | None:
    heads = _lex().heads
    if not s.endswith(heads):  # one C call; most phrases end with no office head
        return None
    return next((h for h in heads if s.endswith(h)), None)


def parse_holder(s: str, *, slot: bool = True) -> tuple[str | None, str | None]:
    """``(person, holder)`` of a holder phrase, or ``(None, None)``.

    >>> parse_holder("区残联副理事长杜东"), parse_holder("陆水平主任"), parse_holder("社区书记")
    (('杜东', None), ('陆水平', None), (None, '社区书记'))
    """
    lx = _lex()
    s = s.strip(" \t\u3000")
    for pre in ("由", "以"):
        if s.startswith(pre) and len(s) > 2:
            s = s[len(pre):]
    if s.endswith("等"):
        s = s[:-1]
    if not s:
        return None, None
    if is_person_name(s, slot=slot):
        return s, None
    for t in lx.titles if s.endswith(lx.titles) else ():  # 陆水平主任, 邱正言同志 (not 车间主任: 车间 is a word)
        if s.endswith(t) and is_person_name(s[: -len(t)], slot=True) and not _common_word(s[: -len(t)]):
            return s[: -len(t)], None
    if s.endswith("同志") and len(s) > 4 and any(is_person_name(s[-2 - n:-2], slot=True) for n in (2, 3)):
        s = s[:-2]  # 社区副主任XXX同志
    for n in (3, 2):  # 区残联副理事长杜东: an office, then a name
        if len(s) > n + 1 and _office_head(s[:-n]) and is_person_name(s[-n:], slot=True):
            return s[-n:], None
    if _office_head(s) and len(s) <= 16 and not _pats().office_verb.search(s):
        return None, s
    return None, None


def _split_list_seps(s: str) -> list[tuple[str, str]]:
    """``相关部门、各街道、各社区一把手`` → ``(item, separator before it)``; 和/及/与 split too."""
    out: list[tuple[str, str]] = []
    cur, sep = "", ""
    skip = False
    for i, c in enumerate(s):
        if skip:  # the 及 of a 以及 read below
            skip = False
            continue
        if c in "、,":
            out.append((cur, sep))
            cur, sep = "", "、"
        elif c == "以" and s.startswith("及", i + 1) and cur and (_office_head(cur) or parse_holder(cur)[0]):
            out.append((cur, sep))  # 市长、副市长以及各部门负责人: 以及 joins the last item
            cur, sep, skip = "", "和", True
        elif c in "和及与" and cur and (_office_head(cur) or (i + 1 < len(s) and _unitish(cur))
                                       or parse_holder(cur)[0]):
            out.append((cur, sep))
            cur, sep = "", "和"
        else:
            cur += c
    out.append((cur, sep))
    return [(x.strip(), sp) for x, sp in out if x.strip()]


def _split_list(s: str) -> list[str]:
    return [x for x, _ in _split_list_seps(s)]


def _unitish(s: str) -> bool:
    from .responsibilities.units import is_unit_item

    return is_unit_item(s)


def _head_for(items: list[tuple[str, str]], i: int) -> str | None:
    """The office head item ``i`` shares: the next item's head over 、 (``各村、社区主要负责人``),
    over 和/及 when ``i`` stands alone before it (``街道职能科室和各社区负责人``), and a shared
    head (``负责人``) over 、 then a last 和/及 (``党政办、财政所和城建办负责人``)."""
    for j in range(i + 1, len(items)):
        head = _office_head(items[j][0])
        if head:
            seps = [items[k][1] for k in range(i + 1, j + 1)]
            if all(sp == "、" for sp in seps):
                return head
            if j == i + 1 and (i == 0 or items[i][1] != "、"):
                return head
            if head in _lex().shared_heads and seps[-1] == "和" and all(sp == "、" for sp in seps[:-1]):
                return head
            return None
    return None


def holders_of(s: str, *, slot: bool = True, units: bool = True) -> list[tuple[str | None, str | None]]:
    """All holders of a list, the shared head distributed (``各村、社区主要负责人``)."""
    ps = _pats()
    s = ps.closer_before_head.sub("", s)
    s = ps.closer_tail.sub("", s)  # 综治主任等社区工作人员 → 综治主任
    items = _split_list_seps(s)
    out = []
    for i, (it, _) in enumerate(items):
        person, holder = parse_holder(it, slot=slot)
        if person is None and holder is None and (_unitish(it) or _unit_named(it)):
            head = _head_for(items, i)
            if head is None and not _unitish(it):
                continue
            holder = it + head if head else (it if units and _org_like(it) else None)
        if person is None and holder is None:
            continue
        out.append((person, holder))
    return out


def _unit_named(s: str) -> bool:
    """``经济发展办``: a name with a unit's ending, for an item that a shared head follows."""
    from .responsibilities.units import lexicon

    return 2 < len(s) <= 16 and _HANS.fullmatch(s) is not None and s.endswith(lexicon().suffixes)


def _org_like(s: str) -> bool:
    from .responsibilities.units import is_org_name

    return is_org_name(s)


def _drop_name_glosses(s: str) -> str:
    """``李某某(街道党工委书记) 王某某(主任)`` → names only; ``各村(社区)党组织书记`` is kept."""
    out, last = [], 0
    ps = _pats()
    for m in ps.gloss.finditer(s):
        before = ps.name_sep.split(s[last:m.start()])[-1]
        if before and (is_person_name(before, slot=True) or _office_head(before)):
            out.append(s[last:m.start()] + " ")
            last = m.end()
    out.append(s[last:])
    return "".join(out)


def _roster_names(raw: str) -> list[tuple[str | None, str | None]] | None:
    """The holders of a roster entry (``王康辉 卞西刚``, ``李某某(书记)``, ``刘振华 街道党工委书记``,
    ``医务科、护理部负责人``), or None when it holds something else."""
    names = _drop_name_glosses(join_padded_names(raw))  # 李某某(街道党工委书记)
    names = names.strip().rstrip("。;,").replace("…", " ").strip()
    parts = _pats().people_split.split(names)
    people = [x for x in parts[0::2]]
    seps = [""] + [" " if not x.strip() else "、" for x in parts[1::2]]
    keep = [k for k, x in enumerate(people) if x]
    people, seps = [people[k] for k in keep], [seps[k] for k in keep]
    parsed = [parse_holder(n) for n in people]
    # 刘振华 街道党工委书记 / 周立新 县委副书记、县长: offices after a name are its titles
    titles: set[int] = set()
    for k in range(1, len(people)):
        after_name = parsed[k - 1][0] is not None and k - 1 not in titles and seps[k] == " "
        after_title = k - 1 in titles and seps[k] == "、"
        if (after_name or after_title) and parsed[k][0] is None and not people[k].startswith("各") \
                and (parsed[k][1] or people[k].endswith(_lex().titles)):
            titles.add(k)
    people = [x for k, x in enumerate(people) if k not in titles]
    parsed = [x for k, x in enumerate(parsed) if k not in titles]
    if any(p == (None, None) for p in parsed):
        # 委员:医务科、护理部负责人及各临床科室主任: a shared head distributed
        parsed = holders_of("、".join(people))
        if len(parsed) < len(_split_list("、".join(people))):
            return None
    if not parsed:
        return None
    # 组长:区民政局局长 冯某某: an office then the name is one person
    return [p for k, p in enumerate(parsed)
            if not (p[1] and k + 1 < len(parsed) and parsed[k + 1][0] and not parsed[k + 1][1])]


# -- the extractor ------------------------------------------------------------------------



def _gated(pattern: regex.Pattern, text: str, start: int, end: int) -> bool:
    """False when ``pattern`` cannot match in ``text[start:end]`` (a literal every match holds is missing).

    Speed only, for the scans whose literals most plans lack (a body word, 任/为 with a
    position, a member list): one search for the literals instead of the engine's try at
    every position. The window opens as far before ``start`` as a lookbehind reads; never
    from the document's start, which would make a file of many plans cost quadratic time.
    """
    reach = lookbehind_reach(pattern.pattern)
    return True if reach is None else literal_gate(pattern.pattern)(text[max(0, start - reach):end])


def _near_anchors(pattern: regex.Pattern, anchor: regex.Pattern, text: str, start: int, end: int,
                  lead: int, reach: int, barrier: regex.Pattern | None = None):
    """The matches of ``pattern.finditer(text, start, end)``, searched for near anchors only.

    Speed only, for a pattern that opens with a lazy run the engine would try at every
    position. Exact when every match starting at ``p`` holds a match of ``anchor`` starting in
    ``[p, p + lead]`` and the pattern reads at most ``reach`` characters past its start (so a
    search cut short ``reach`` characters after the last possible start finds the same matches).

    ``barrier`` (a reverse pattern, ``(?r)[…]``) finds characters no match holds between its
    start and its anchor: the search for an anchor starts after the last one before it (a match
    starting further back holds an earlier anchor, and that anchor's search found it).
    """
    search = std_twin(pattern, classes=True).search  # short searches: re's call costs a fraction of regex's
    pos = start
    for a in anchor.finditer(text, start, end, overlapped=True):
        lo, hi = max(pos, a.start() - lead), a.start()
        if barrier is not None:
            b = barrier.search(text, lo, hi)
            if b is not None:
                lo = b.end()
        while lo <= hi:
            m = search(text, lo, min(end, hi + reach))
            if m is None or m.start() > hi:
                break
            yield m
            pos = lo = max(m.end(), m.start() + 1)


class _Hit:
    """A role found (a plain class: a dataclass is built through an interpreted ``__init__``)."""

    def __init__(self, start: int, end: int, position: str, person: str | None, holder: str | None,
                 org: str | None, n: int = 0) -> None:
        self.start = start
        self.end = end
        self.position = position
        self.person = person
        self.holder = holder
        self.org = org
        self.n = n  # ordinal inside one list (成员:XXX XXX XXX)


_COUNTED = compile_pattern(r"[若干两几一二三四五六七八九十\d]{1,3}个")

# how far back a holder list before 任/为 is read (a clause of five offices and a shared head)
_HOLDER_REACH = 64

_HEADER_ENDS = ("组", "办", "部", "会", "队", "班")  # an organization named as a header: 综合组, 市创城办
_NUMERAL_CHARS = frozenset("一二三四五六七八九十")  # (with "(" and digits: what a line marker opens with)


def _is_body_header(s: str) -> bool:
    """A line that names a body: ``X市……工作指挥部``, ``综合组``, ``市创城办`` (not ``组织机构``)."""
    from .responsibilities.units import is_org_name

    lx = _lex()
    if not 1 < len(s) <= 24 or s in lx.not_bodies or _pats().pos_end.search(s) \
            or "下设" in s or "设在" in s:
        return False
    return bool(lx.body_name_re.match(s)) or (s.endswith(_HEADER_ENDS) and is_org_name(s))


def _clean_body(name: str) -> str:
    for pre in ("了", "一个", "由", "我", "本"):
        if name.startswith(pre):
            name = name[len(pre):]
    return name


class _Roles:
    def __init__(self, ctx: PlanContext) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.lx = _lex()
        self.hits: list[_Hit] = []
        self._events: list[tuple[int, str]] | None = None
        self._event_pos: list[int] = []
        # (start, end, body): a sentence that opens by naming a body with its first position
        # (慢病小组组长由X担任,副组长由Y担任,成员为…): the later positions are the same body's
        self._named_in_sentence: list[tuple[int, int, str]] = []

    # bodies seen so far ---------------------------------------------------------------
    @property
    def events(self) -> list[tuple[int, str]]:
        """(pos, body name) in order: what "the body" is at pos. Read on the first role found
        (most plans have none, and the scan for bodies costs more than the one for roles)."""
        if self._events is None:
            self._bodies()
        assert self._events is not None
        return self._events

    def _bodies(self) -> None:
        text, ctx, lx = self.text, self.ctx, self.lx
        ps = _pats()
        ev: list[tuple[int, str]] = []
        # (body_scan: re scans a plan in about two thirds of regex's time, the same matches)
        for m in ps.body_scan.finditer(text, ctx.start, ctx.end) if _gated(lx.body_re, text, ctx.start, ctx.end) else ():
            name = _clean_body(m.group(1))
            alias = m.group(2)
            # 安全生产委员会(以下简称安委会) is the committee; 办公室(以下简称创城办) is 创城办
            generic = name in lx.generic_bodies or len(name) <= 3
            ev.append((m.end(), alias if alias and generic and _is_body_header(alias) else name))
        # 安委会下设应急救援指挥部 / 学校安全管理委员会由校长任主任委员: bodies named on the way
        for m in lx.sub_body_re.finditer(text, ctx.start, ctx.end):
            name = _clean_body(m.group(1))
            # 下设两个工作组: a count of bodies names none of them
            if name not in lx.generic_bodies and _is_body_header(name) and not _COUNTED.match(name):
                ev.append((m.end(), name))
        for m in _near_anchors(lx.opener_re, lx.opener_anchor, text, ctx.start, ctx.end, lx.opener_lead,
                               lx.opener_lead + 1, lx.opener_bar):
            name = _clean_body(ps.body_verb.split(m.group(1))[-1])
            if name not in lx.generic_bodies and len(name) > 3 and ps.body_end.search(name) \
                    and "设在" not in name and "下设" not in name:
                ev.append((m.end(), name))
        # header lines: ``X工作指挥部,名单如下:`` / ``办公室(市创城办)`` / ``(一)综合组``
        # The core tested below is a piece of the line that ends with one of ps.line_end_chars
        # (or it is no body header), at the line's end or before what is cut off after it:
        # only the lines holding such a character are read.
        ends = ps.line_end_chars
        p = ctx.start
        while p < ctx.end:
            hit = ps.line_end.search(text, p, ctx.end)
            if hit is None:
                break
            p = max(p, text.rfind("\n", p, hit.start()) + 1)
            q = text.find("\n", hit.start(), ctx.end)
            q = ctx.end if q < 0 else q
            line = text[p:q].strip()
            # (each pattern below is run only where its first or last character can be there:
            # a marker opens with "(", a numeral or a digit, an annex with 附, an alias ends in ")")
            c0 = line[:1]
            core = ps.line_marker.sub("", line) if c0 == "(" or c0 in _NUMERAL_CHARS or c0.isdigit() else line
            core = ps.line_annex.sub("", core) if core.startswith("附") else core
            if "," in core or ":" in core:
                core = ps.line_cut.split(core, maxsplit=1)[0]
            if core.endswith(("名单", "如下")):  # 防汛抢险队名单, 安全委员会组成如下
                core = ps.line_roster.sub("", core)
            alias = None
            am = ps.line_alias.match(core) if core.endswith(")") else None
            if am:
                core, alias = am.group(1), am.group(2)
            core = _clean_body(ps.body_verb.split(core)[-1])  # 社区成立应急领导小组
            if core and core[-1] in ends and _is_body_header(core):
                generic = core in lx.generic_bodies or len(core) <= 3
                ev.append((q, alias if alias and generic and _is_body_header(alias) else core))
            p = q + 1
        # 下设办公室: the office of the latest body
        for m in lx.sub_office_re.finditer(text, ctx.start, ctx.end):
            # 委员会下设办公室: the office of the latest 委员会, else of the latest body
            word = next((b for b in lx.bodies if text.endswith(b, ctx.start, m.start())), "")
            ev.append((m.end(), "\x00" + word))
        ev.sort()
        resolved: list[tuple[int, str]] = []
        for pos, name in ev:
            if name.startswith("\x00"):
                word = name[1:]
                same = [n for _, n in resolved if word and n.endswith(word)]
                last = same[-1] if same else (resolved[-1][1] if resolved else "")
                name = last + "办公室" if last and not last.endswith("办公室") else last
                if not name:
                    continue
            resolved.append((pos, name))
        self._events = resolved
        self._event_pos = [p for p, _ in resolved]

    def body_before(self, pos: int, window: int = 800) -> str | None:
        events = self.events
        i = bisect.bisect_right(self._event_pos, pos) - 1
        if i >= 0 and pos - events[i][0] <= window:
            return events[i][1]
        return None

    def org_for(self, pos: int, end: int, position: str, pos_prefix: str | None) -> str | None:
        text = self.text
        if pos_prefix:
            return pos_prefix
        for a, b, body in self._named_in_sentence:
            if a <= pos < b:
                return body
        # ……组成的领导小组 / ……任组长的“三创”工作小组 later in the same sentence
        ps = _pats()
        sm = ps.sentence_end.search(text, end, self.ctx.end) if end < self.ctx.end else None
        se = sm.start() if sm else max(end, self.ctx.end)
        m = ps.body_after.match(text[end:se])
        if m:
            return _clean_body(m.group(1))
        m2 = ps.body_made.search(text[end:se])
        if m2:
            return _clean_body(m2.group(1))
        org = self.body_before(pos)
        # a body that opens the sentence: ``……领导小组由区政府长任组长``
        ss = pos
        if ss > self.ctx.start:
            ss = max(self.ctx.start, *(text.rfind(c, self.ctx.start, pos) + 1 for c in "。;\n"))
        opener = ""
        for m3 in ps.body_opening.finditer(text[ss:pos]):
            if "设在" not in m3.group(1) and "设于" not in m3.group(1):
                opener = m3.group(1).split("下设")[0]  # the last opening body is wanted
        opener = ps.body_verb.split(opener)[-1]  # 镇政府成立X领导小组 → X领导小组
        if opener and opener not in self.lx.generic_bodies and (
                len(opener) > 3 or (opener.endswith(("组", "队")) and _is_body_header(opener))):
            org = _clean_body(opener)
        if org and "下设办公室" in text[ss:pos] and not org.endswith("办公室"):
            org = org + "办公室"
        if org and position.startswith("办公室") and not org.endswith(("办公室", "办")):
            org = org + "办公室"
        return org

    def add(self, a: int, b: int, position: str, person, holder, pos_prefix=None, org_at=None, n=0) -> None:
        org = self.org_for(org_at if org_at is not None else a, b, position, pos_prefix)
        self.hits.append(_Hit(a, b, position, person, holder, org, n))

    # shapes ---------------------------------------------------------------------------
    def run(self) -> list[_Hit]:
        text, ctx, lx = self.text, self.ctx, self.lx
        ps = _pats()
        taken: list[tuple[int, int]] = []
        for m in lx.list_re.finditer(text, ctx.start, ctx.end):
            position = ps.spaces.sub("", m.group(1))
            parsed = _roster_names(m.group(2))
            if not parsed:
                continue
            for n, (person, holder) in enumerate(parsed):
                self.add(m.start(), m.end(), position, person, holder, n=n)
            taken.append((m.start(), m.end()))
            self._continuation(m.start(), m.end(), position, taken)
        if text.find("名单如下", ctx.start, ctx.end) >= 0:  # the plan only: a whole-file test per plan was quadratic
            self._announced_lists(taken)
        if text.find("如下:", ctx.start, ctx.end) >= 0:
            self._division_lists(taken)
        for m in lx.by_re.finditer(text, ctx.start, ctx.end):
            position, who = m.group(1), m.group(2)
            if self._inside(m.start(), taken):
                continue
            a = m.start()
            # 综合协调组组长由……担任: the body just before the position
            cs = a
            while cs > ctx.start and a - cs < 24 and text[cs - 1] not in ",。;:\n、":
                cs -= 1
            before = _clean_body(text[cs:a])
            prefix = before if before and _is_body_header(before) else None
            if prefix:
                sm = ps.sentence_end.search(text, m.end(), ctx.end)
                self._named_in_sentence.append((a, sm.start() if sm else ctx.end, prefix))
            # 调解委员16名,由……组成 / 办公室主任由……担任
            for person, holder in holders_of(who):
                self.add(a, m.end(), position, person, holder, pos_prefix=prefix)
            taken.append((m.start(), m.end()))
        for m in lx.members_re.finditer(text, ctx.start, ctx.end) if _gated(lx.members_re, text, ctx.start, ctx.end) else ():
            if self._inside(m.start(), taken):
                continue
            hs = holders_of(m.group(2), units=False)
            for person, holder in hs:
                self.add(m.start(), m.end(), m.group(1), person, holder)
            if hs:
                taken.append((m.start(), m.end()))
        for m in lx.verb_re.finditer(text, ctx.start, ctx.end) if _gated(lx.verb_re, text, ctx.start, ctx.end) else ():
            if self._inside(m.start(), taken):
                continue
            respectively, gap, pos_group = m.group(1), m.group(3), m.group(4)
            positions, prefix = self._positions(pos_group)
            pm = ps.body_gap.search(gap)
            if pm and not prefix:
                prefix = pm.group(1).lstrip("“”本该")
            if not positions:
                continue
            held = self._holders_before(m.start())
            if not held:
                continue
            a, holders = held
            owner = self._elided_owner(a) if any(h in lx.shared_heads for _, h in holders) else None
            if owner:  # 各乡镇要成立工作机构,主要负责同志为第一责任人
                holders = [(p, owner + h if h in lx.shared_heads else h) for p, h in holders]
            if respectively and len(holders) == len(positions):
                pairs = list(zip(holders, positions, strict=True))
            else:
                pairs = [(h, positions[0]) for h in holders]
            for (person, holder), position in pairs:
                self.add(a, m.end(), position, person, holder, pos_prefix=prefix)
            taken.append((a, m.end()))
        for m in _near_anchors(lx.member_re, lx.member_anchor, text, ctx.start, ctx.end, lx.member_lead,
                               lx.member_reach, lx.member_bar):
            if self._inside(m.start(), taken) or self._inside(m.end() - 1, taken):
                continue
            who = m.group(1)
            k = max(who.rfind(","), who.rfind(":"), who.rfind("由"))
            if k >= 0:
                who = who[k + 1:]
            a = m.start(1) + (k + 1 if k >= 0 else 0)
            hs = holders_of(who, slot=False, units=False)  # 由各部门组成的办公室: units are not holders
            if not hs:
                continue
            org = _clean_body(m.group(2))
            for person, holder in hs:
                self.hits.append(_Hit(a, m.end(), "成员", person, holder, org))
            taken.append((a, m.end()))
        for m in _contact_re().finditer(text, ctx.start, ctx.end) if text.find("联系", ctx.start, ctx.end) >= 0 else ():
            unit, name = m.group(2), m.group(3)
            if self._inside(m.start(), taken) or not _org_like(unit) or not is_person_name(name, slot=True):
                continue
            self.hits.append(_Hit(m.start(), m.end(), m.group(1), name, None, unit))
            taken.append((m.start(), m.end()))
        named = _near_anchors(lx.named_re, lx.named_anchor, text, ctx.start, ctx.end, lx.named_lead,
                              lx.named_reach, lx.named_bar) if _gated(lx.named_anchor, text, ctx.start, ctx.end) else ()
        for m in named:
            if self._inside(m.start(2), taken):
                continue
            name = m.group(3)
            if is_person_name(name, slot=False):
                body = m.group(1)
                k = max(body.rfind("、"), body.rfind(","))
                self.hits.append(_Hit(m.start(1), m.end(), m.group(2), name, None, body[k + 1:]))
        return self.hits

    def _qualified(self, prefix: str, word: str, verbs: tuple[str, ...]) -> str:
        """A header's position: ``word`` with what qualifies it before, from after the last of
        ``verbs`` (设立…, 实行…); nothing when that is a body's name or ``各…`` (they name no position)."""
        for verb in verbs:
            k = prefix.rfind(verb)
            if k >= 0:
                prefix = prefix[k + len(verb):]
        if prefix.endswith(self.lx.bodies) or prefix.startswith("各"):
            prefix = ""
        return prefix + word

    def _announced_lists(self, taken: list[tuple[int, int]]) -> None:
        """``团队长名单如下:`` then lines of ``<group>:<names>`` (several entries may share a line):
        every name holds the announced position. The lines end at the first one that is not
        such a list; a label that is itself a position is a roster line (list_re's)."""
        text, ctx = self.text, self.ctx
        head_re, entry_re = _announce_patterns()
        for h in head_re.finditer(text, ctx.start, ctx.end):
            position = h.group(1)
            word = next((w for w in self.lx.positions if position.endswith(w)), position[-3:])
            position = self._qualified(position[:-len(word)], word, _SETUP_VERBS)
            p = h.end() + 1
            while p < ctx.end:
                q = text.find("\n", p, ctx.end)
                q = ctx.end if q < 0 else q
                entries = list(entry_re.finditer(text, p, q))
                if not entries or text[p:entries[0].start()].strip(" \t\u3000"):
                    break
                got: list[Any] = []
                for i, e in enumerate(entries):
                    b = entries[i + 1].start() if i + 1 < len(entries) else q
                    label = _pats().spaces.sub("", e.group(1))
                    rest = text[e.end():b].strip(" \t\u3000")
                    parsed = None if label in self.lx.positions else _roster_names(rest)
                    if not parsed:
                        got = []
                        break
                    got.append((e.start(), e.end() + len(text[e.end():b].rstrip(" \t\u3000")), parsed))
                if not got:
                    break
                for a, b, parsed in got:
                    for n, (person, holder) in enumerate(parsed):
                        self.add(a, b, position, person, holder, n=n)
                    taken.append((a, b))
                p = q + 1

    def _division_lists(self, taken: list[tuple[int, int]]) -> None:
        """``……实行项目负责人制,分工如下:`` (a header naming a position, ending in one of the data's
        ``division_headers``) then lines of ``<task>:<unit> <name> <name>``: every name holds the
        header's position, in the unit named on its line (org); a gloss ``(联系电话…)`` is skipped.
        The lines end at the first one that is not such a line."""
        text, ctx = self.text, self.ctx
        ends, pos_re, token_re = _division_patterns()
        k = text.find("如下:", ctx.start, ctx.end)
        while k >= 0:
            q = text.find("\n", k, ctx.end)
            q = ctx.end if q < 0 else q
            ls = text.rfind("\n", ctx.start, k) + 1
            nxt = text.find("如下:", k + 3, ctx.end)
            if not text.endswith(ends, ls, k + 3) or text[k + 3:q].strip(" \t\u3000"):
                k = nxt
                continue
            pm = pos_re.search(text, ls, k)
            if pm is None:
                k = nxt
                continue
            position = self._qualified(pm.group(1), pm.group(2), _DIVISION_VERBS)
            p = q + 1
            while p < ctx.end:
                q = text.find("\n", p, ctx.end)
                q = ctx.end if q < 0 else q
                got = self._division_line(p, q, token_re)
                if not got:
                    break
                unit, names = got
                for n, (a, b, name) in enumerate(names):
                    a0 = unit[0] if unit and n == 0 else a
                    org = unit[2] if unit else self.org_for(a, b, position, None)
                    self.hits.append(_Hit(a0, b, position, name, None, org, 0))
                    taken.append((a0, b))
                p = q + 1
            k = text.find("如下:", p, ctx.end) if p < ctx.end else -1

    def _division_line(self, p: int, q: int, token_re: regex.Pattern):
        """``<task>:<unit> <name> <name>`` between ``p`` and ``q``: ((start, end, unit) or None,
        [(start, end, name)]), or None when the line is something else."""
        text = self.text
        c = text.find(":", p, q)
        label = text[p:c].strip(" \t\u3000") if c >= 0 else ""
        if not label or len(label) > 24 or any(x in label for x in ",。;:"):
            return None
        unit = None
        names: list[tuple[int, int, str]] = []
        for m in token_re.finditer(text, c + 1, q):
            tok = m.group()
            if tok[0] == "(":
                continue
            if is_person_name(tok, slot=True):
                names.append((m.start(), m.end(), tok))
            elif unit is None and not names and _org_like(tok):
                unit = (m.start(), m.end(), tok)
            else:
                return None
        return (unit, names) if names else None

    def _continuation(self, start: int, end: int, position: str, taken: list[tuple[int, int]]) -> None:
        """Roster lines under a label that carry none of their own (``　　　　孙　梅　副书记``):
        indented deeper than the label's line, names or offices only; the first other line ends them."""
        text, ctx = self.text, self.ctx
        q = text.find("\n", end, ctx.end)
        if q < 0 or text[end:q].strip(" \t"):
            return
        ls = text.rfind("\n", ctx.start, start) + 1
        label_line = text[ls:q]
        indent = len(label_line) - len(label_line.lstrip(" \t"))
        p = q + 1
        while p < ctx.end:
            q = text.find("\n", p, ctx.end)
            q = ctx.end if q < 0 else q
            line = text[p:q]
            body = line.lstrip(" \t")
            ind = len(line) - len(body)
            body = body.rstrip(" \t")
            if ind <= indent or not body or len(body) > 80 or any(c in body for c in ":;。"):
                return
            parsed = _roster_names(body)
            if not parsed:
                return
            a = p + ind
            for n, (person, holder) in enumerate(parsed):
                self.add(a, a + len(body), position, person, holder, n=n)
            taken.append((a, a + len(body)))
            p = q + 1

    def _elided_owner(self, a: int) -> str | None:
        """The unit a sentence opened with (``各乡镇(街道)要……,``) when a bare head follows it."""
        text, ctx = self.text, self.ctx
        if a <= ctx.start or text[a - 1] != ",":
            return None
        ss = max(ctx.start, *(text.rfind(c, ctx.start, a) + 1 for c in "。;\n"))
        m = _pats().unit_must.match(text[ss:a])
        if m and _unitish(m.group(1)) and "," not in text[ss:ss + m.end()]:
            return m.group(1)
        return None

    @staticmethod
    def _inside(p: int, spans) -> bool:
        return any(a <= p < b for a, b in spans)

    def _positions(self, group: str) -> tuple[list[str], str | None]:
        """``调委会主任`` → (['主任'], '调委会'); ``第一责任人、具体责任人`` → both."""
        lx = self.lx
        parts = group.split("、")
        out: list[str] = []
        prefix = None
        for i, p in enumerate(parts):
            if p in lx.positions:
                out.append(p)
                continue
            for pos in lx.positions:
                if p.endswith(pos):
                    pre = p[: -len(pos)]
                    if i == 0 and _pats().body_end.search(pre):
                        prefix = pre.lstrip("“”")
                        out.append(pos)
                    break
        return out, prefix

    def _holders_before(self, t: int) -> tuple[int, list[tuple[str | None, str | None]]] | None:
        """The holder list that ends at ``t`` (the verb), back to a clause start, 由 or 以."""
        text, ctx = self.text, self.ctx
        a = t
        while a > ctx.start and t - a < _HOLDER_REACH and text[a - 1] not in ",。;:\n由以":
            a -= 1
        mk = _pats().list_marker.match(text[a:t])
        if mk:  # A. 校长是……: a list marker is no part of the holder
            a += mk.end()
        ak = _pats().article.match(text[a:t])
        if ak:  # 第十二条　总经理X为……: nor an article's number
            a += ak.end()
        chunk = text[a:t]
        # a previous bare holder clause joins: 各村委会主任,学校校长为第一责任人
        if a > ctx.start and text[a - 1] == ",":
            b = a - 1
            c = b
            while c > ctx.start and b - c < 16 and text[c - 1] not in ",。;:\n":
                c -= 1
            prev = text[c:b]
            if (c == ctx.start or text[c - 1] in "。;\n") and prev and _office_head(prev) \
                    and not _pats().office_verb.search(prev) and parse_holder(prev)[1]:
                chunk, a = prev + "、" + chunk, c
        # only what follows the last role in the chunk: 由社区书记任组长、副主任 → 副主任
        k = -1
        for m in _pats().role_before.finditer(chunk):
            k = m.end()
        if k >= 0:
            while k < len(chunk) and chunk[k] in "、,":
                k += 1
            a += k
            chunk = chunk[k:]
        if not chunk:
            return None
        hs = holders_of(chunk)
        return (a, _titles_of_one(chunk, hs)) if hs else None


def _titles_of_one(chunk: str, hs: list[tuple[str | None, str | None]]) -> list[tuple[str | None, str | None]]:
    """``村党支部书记、村委会主任赵长河``: offices over 、 before an office and a name are that
    person's titles, one holder (not ``区政府办公室副主任和区残联理事长``: two offices)."""
    if len(hs) < 2 or all(p is None for p, _ in hs):
        return hs
    items = _split_list_seps(chunk)
    if len(items) != len(hs):
        return hs
    if hs[-1][0] is not None and all(p is None and h is not None for p, h in hs[:-1]) \
            and all(sep == "、" for _, sep in items[1:]) and items[-1][0] != hs[-1][0]:
        return [hs[-1]]
    # 局党组成员、副局长邵明辉和大队长卢海涛: the same inside a longer list, for a run of offices
    # joined by 、 to a titled name (not a plural office: 各镇主要负责人、局长张三 are two)
    keep = [True] * len(hs)
    for i in range(len(hs) - 2, -1, -1):
        p, h = hs[i]
        nxt_p = hs[i + 1][0]
        titled_next = nxt_p is not None and items[i + 1][0] != nxt_p
        if p is None and h is not None and not h.startswith("各") and items[i + 1][1] == "、" \
                and (titled_next or not keep[i + 1]):
            keep[i] = False
    if all(keep) or keep[-1] is False:
        return hs
    return [x for x, k in zip(hs, keep, strict=True) if k]


_SETUP_VERBS = ("设立", "设置", "配备", "选聘", "聘请", "明确", "确定", "设")


@functools.cache
def _announce_patterns() -> tuple[regex.Pattern, regex.Pattern]:
    """The header announcing a list of one position (``团队长名单如下:``,
    ``设立卫生监督员1名,名单如下:``: a known position or a word ending in 员) at a line's end, and
    one ``<group>:`` entry label of a line."""
    lx = _lex()
    head = compile_pattern(rf"(\p{{Han}}{{0,8}}?(?:{lx.pos_alt}|\p{{Han}}员))(?:\d{{1,3}}名|[一二两三四五六七八九十]名)?,?名单如下:"
                           rf"[ \t\u3000]*(?=\n)", where="roles announced list")
    entry = compile_pattern(r"(?:(?<=\n)|(?<=[ \t\u3000]))([^\s:,;。、()]{1,12}):", where="roles list entry")
    return head, entry


_DIVISION_VERBS = (*_SETUP_VERBS, "实行", "推行", "落实")


@functools.cache
def _division_patterns() -> tuple[tuple[str, ...], regex.Pattern, regex.Pattern]:
    """The endings of a header announcing a division of work among holders of one position
    (data's ``division_headers``: ``分工如下:``), the position in such a header (up to four Han
    characters before a known position), and one token of an entry line (a gloss in brackets is one)."""
    lx = _lex()
    ends = tuple(w + ":" for w in load("positions").get("division_headers") or ())
    pos = compile_pattern(rf"(\p{{Han}}{{0,4}}?)({lx.pos_alt})", where="roles division position")
    token = compile_pattern(r"[(][^()\n]{0,40}[)]|[^\s\u3000、,()]+", where="roles division token")
    return ends, pos, token


@functools.cache
def _contact_re() -> regex.Pattern:
    """``联系人:<unit> <name>``: a contact position, a unit name, blanks, a name (data's contact_positions)."""
    words = "|".join(regex.escape(w) for w in _longest(load("positions").get("contact_positions") or ()))
    return compile_pattern(rf"({words or '(?!)'})[ \t\u3000]{{0,2}}:[ \t\u3000]{{0,2}}(\p{{Han}}{{2,24}})"
                           rf"[ \t\u3000]{{1,3}}(\p{{Han}}{{2,3}})(?!\p{{Han}})", where="roles contact")


def extract_roles(ctx: PlanContext) -> list[Role]:
    """Roles of the plan, in document order."""
    hits = _Roles(ctx).run()
    hits.sort(key=lambda h: (h.start, h.end))
    out: list[Role] = []
    seen: set[tuple] = set()
    text = ctx.text
    for h in hits:
        key = (h.position, h.person, h.holder, h.start, h.n)
        if key in seen:
            continue
        seen.add(key)
        a, b = h.start, h.end
        while a < b and text[a] in " \t\u3000,、":
            a += 1
        while b > a and text[b - 1] in " \t\u3000,、。;":
            b -= 1
        if b <= a:
            continue
        out.append(Role(text=ctx.source(a, b), span=ctx.span(a, b), position=h.position, person=h.person,
                        holder=h.holder, org=h.org, section_id=ctx.section_id_at(a)))
    return out
