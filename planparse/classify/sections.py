"""Classify sections into the labels of shared/docs/schema.md.

The method is a lexicon scorer whose lexicons are data, so every decision can be
explained and reproduced:

0. a heading opening like a closing clause (``本方案自…起施行``) is ``other``, and one headed
   by a phase (``总结验收阶段``) is ``schedule``, whatever synonyms it holds (:func:`decisive_label`);
1. a canonical heading decides (``data/section_labels.yaml``): the heading is, or
   contains, a synonym of a label; the earliest synonym in the heading wins, then the
   longest (``主要工作及措施`` → ``tasks``), except that a synonym overlapping it and
   ending later is the head of one compound (``主要工作措施`` → ``measures``);
2. otherwise a short heading ending with a generic head noun names its label through that
   noun (``改造内容``, ``活动项目`` → ``tasks``, ``纪律要求`` → ``requirements``;
   ``heading_suffixes`` in ``data/section_cues.yaml``; a light head such as 工作 or 方式 defers to
   its modifier: ``考核方式`` → ``evaluation``; see :func:`head_noun_label`);
3. otherwise the heading is a slogan (``落实创建工作责任制``): each label scores
   ``heading_factor × heading cues + body cues`` (``data/section_cues.yaml``; cues matched
   longest first, the body read for its first ``body_chars`` characters), and the best
   label wins when it reaches ``min_score``;
4. a slogan that scores too little is ``tasks`` (what the plan will do) when it starts
   with a verb or reads as a phrase (``slogan_min_chars`` or more), else ``other``
   (a short noun heading such as ``理论框架``).

Sub-sections inherit their parent's label unless their own heading is canonical
for another label (``2、成立领导机构`` under ``创建内容``).

>>> from planparse.normalize import normalize_text
>>> from planparse.context import PlanSpan
>>> from planparse.segment import segment_outline
>>> doc = normalize_text("一、指导思想\\n以人为本。\\n二、落实创建工作责任制\\n社区成立领导小组,书记任组长。\\n")
>>> nodes = segment_outline(doc, PlanSpan(0, len(doc.text)))
>>> classify_sections(doc, nodes)
>>> [n.label.value for n in nodes]
['guiding_ideology', 'organization']
"""

from __future__ import annotations

import functools
import re

from ..context import SectionNode
from ..models import SectionLabel
from ..models.enums import members_by_value
from ..normalize import NormalizedText
from ..resources import compile_std, load

_PUNCT = " \t\r\n\u3000,，.。、;；:：()（）“”\"'《》"


@functools.cache
def _lexicon() -> tuple[tuple[str, str], ...]:
    """(synonym, label) pairs, longest synonym first."""
    pairs = [(w, label) for label, words in load("section_labels").items() for w in words]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@functools.cache
def _cues():
    spec = load("section_cues")
    cues = sorted(((w, label, float(wt)) for label, d in spec["cues"].items() for w, wt in d.items()),
                  key=lambda c: -len(c[0]))
    return spec, tuple(cues)


@functools.cache
def _by_first_char() -> dict[str, tuple[tuple[str, str, int], ...]]:
    """The lexicon indexed by first character: (synonym, label, rank in :func:`_lexicon`)."""
    index: dict[str, list[tuple[str, str, int]]] = {}
    for rank, (word, label) in enumerate(_lexicon()):
        index.setdefault(word[:1], []).append((word, label, rank))
    return {ch: tuple(entries) for ch, entries in index.items()}


# One character class of the punctuation: a search answers "none here" (most headings) at C
# speed, where str.translate costs a table lookup per character.
_PUNCT_RE = compile_std("[" + re.escape(_PUNCT) + "]")


def _clean(s: str) -> str:
    return _PUNCT_RE.sub("", s) if _PUNCT_RE.search(s) else s


@functools.lru_cache(maxsize=1 << 12)  # a heading is asked again for its sub-sections and in later plans
def canonical_label(heading: str) -> str | None:
    """The label a canonical heading names, or None for a slogan.

    >>> canonical_label("主要工作及措施")
    'tasks'
    >>> canonical_label("发挥群防群治队伍作用") is None
    True
    """
    h = _clean(heading)
    # the first occurrence of each synonym that starts with a character of the heading
    index = _by_first_char()
    first: list[tuple[int, int, int, str]] = []
    for ch in index.keys() & set(h):
        for word, label, rank in index[ch]:
            i = h.find(word)
            if i >= 0:
                first.append((i, -(i + len(word)), rank, label))
    if not first:
        return None
    # earliest first, then longest, then the lexicon's order (longest synonym first)
    found = [(i, -neg_end, label) for i, neg_end, _, label in sorted(first)]
    _, end, label = found[0]
    # Overlapping synonyms form one compound whose head is last (主要工作措施 = 主要 + 工作措施);
    # non-overlapping ones are coordinated and the first decides (主要任务与目标).
    for s2, e2, lab2 in found[1:]:
        if s2 < end and e2 > end:
            end, label = e2, lab2
    return label


@functools.cache
def _cues_by_first_char() -> dict[str, tuple[tuple[int, tuple[str, str, float]], ...]]:
    """The cues indexed by first character, each with its rank in :func:`_cues` (longest first)."""
    index: dict[str, list[tuple[int, tuple[str, str, float]]]] = {}
    for rank, cue in enumerate(_cues()[1]):
        index.setdefault(cue[0][:1], []).append((rank, cue))
    return {ch: tuple(entries) for ch, entries in index.items()}


@functools.cache
def _cue_first_chars() -> re.Pattern:
    """The cues' first characters as one character class."""
    return compile_std("[" + "".join(re.escape(ch) for ch in sorted(_cues_by_first_char())) + "]")


def _cue_scores(text: str, cap: int | None) -> dict[str, float]:
    """Sum of cue weights in ``text``, longest cue first, no overlaps; at most ``cap`` hits per cue."""
    index = _cues_by_first_char()
    # the cues present in the text, in the lexicon's order: only those starting with one of its characters are
    # tried (the characters found by one scan in C: cheaper than a set of all the text's characters)
    present = sorted(rc for ch in set(_cue_first_chars().findall(text)) for rc in index[ch] if rc[1][0] in text)
    taken = [False] * len(text)
    scores: dict[str, float] = {}
    for _, (word, label, wt) in present:
        hits = 0
        start = text.find(word)
        while start >= 0 and (cap is None or hits < cap):
            end = start + len(word)
            if not any(taken[start:end]):
                for k in range(start, end):
                    taken[k] = True
                scores[label] = scores.get(label, 0.0) + wt
                hits += 1
            start = text.find(word, end)
    return scores


@functools.cache
def _heads() -> dict[str, tuple[tuple[str, str], ...]]:
    """(head noun, label) pairs of ``heading_suffixes`` by last character, longest first."""
    spec, _ = _cues()
    index: dict[str, list[tuple[str, str]]] = {}
    for word, label in sorted(spec["heading_suffixes"].items(), key=lambda p: -len(p[0])):
        index.setdefault(word[-1], []).append((word, label))
    return {ch: tuple(pairs) for ch, pairs in index.items()}


@functools.cache
def _starts_and_stops() -> tuple[tuple[str, ...], tuple[str, ...], re.Pattern]:
    """``verb_starts`` and ``heading_starts`` as tuples (one ``str.startswith`` call tests them all),
    and the ``clause_stops`` as one character class."""
    spec, _ = _cues()
    return (tuple(spec["verb_starts"]), tuple(spec["heading_starts"]),
            compile_std("[" + re.escape(spec["clause_stops"]) + "]"))


@functools.lru_cache(maxsize=1 << 12)  # asked twice per heading (decisive_label, head_noun_label)
def _first_head(h: str) -> tuple[str, str, int, int] | None:
    """(head, label, start, end) of the heading's first conjunct: the first known head noun
    that ends the heading's first clause or stands before a boundary (``申报条件和程序`` → 条件).

    A head that names a time only after a numeral (``time_heads``: ``三月份``, ``五月``)
    counts only there (``宣传月`` is no month).
    """
    spec, _ = _cues()
    boundaries, time_heads, numerals = spec["head_boundaries"], spec["time_heads"], spec["numerals"]
    stop = _starts_and_stops()[2].search(h)
    clause = stop.start() if stop else len(h)
    h = h[:clause]  # only the first clause: a sentence's later object (…树立…的理念) names no section
    heads = _heads()
    for i in range(1, len(h) + 1):
        if i < len(h) and h[i] not in boundaries:
            continue
        for word, label in heads.get(h[i - 1], ()):
            start = i - len(word)
            if start < 0 or not h.startswith(word, start):
                continue
            if word in time_heads and (start == 0 or h[start - 1] not in numerals):
                continue
            return word, label, start, i
    return None


def decisive_label(heading: str) -> str | None:
    """A label that holds even over a canonical synonym inside the heading, or None.

    A few headings name a section only when they are the whole heading, being also the
    opening of verb phrases (``whole_headings``: ``组织实施`` alone, not ``组织实施扩大…``). A
    heading opening like a closing clause (``本方案自印发之日起实施``, ``未尽事宜…``) is
    ``other`` whatever units it names; a heading whose head is a phase (``总结验收阶段``) is
    a step of the schedule, not the evaluation its modifier names (``decisive_heads``).

    >>> decisive_label("总结验收阶段"), decisive_label("本方案由领导小组负责解释"), decisive_label("考核验收")
    ('schedule', 'other', None)
    """
    spec, _ = _cues()
    h = _clean(heading)
    if h in spec["whole_headings"]:
        return spec["whole_headings"][h]
    if h.startswith(_starts_and_stops()[1]):  # one C call; most headings open with none
        for start, label in spec["heading_starts"].items():
            if h.startswith(start):
                return label
    head = _first_head("".join(heading.split()))  # boundaries kept: 动员部署阶段（3月上旬）
    if head is not None and head[0] in spec["decisive_heads"] and len(h) > len(head[0]):
        return spec["decisive_heads"][head[0]]
    return None


def head_noun_label(heading: str) -> str | None:
    """The label named by the heading's head noun, or None.

    Chinese noun phrases put the head last, so a heading the lexicon does not know
    (``纪律要求``, ``督导评估``) still says what kind of section it is through its last word,
    or the last word of its first conjunct (``申报条件和程序``, ``问题与不足``). Only
    the noun phrase after the last ``的`` counts (``开展某活动的评选条件``); it must be
    short (``suffix_max_chars``), and a verb phrase names its object rather than the
    section (``解决突出问题``) unless it is just verb + head (``落实要求``) or the object is a
    body of the plan's own set-up (``verb_object_heads``: ``健全领导体制``). A head that is
    usually a slogan's object (``object_heads``: 问题) counts only in a heading that is no
    verb phrase. A light head (``light_heads``: 工作, 方式, 机制 …) lets its modifier name the
    section when the modifier can (``考核方式`` → evaluation, ``资金管理`` → measures) and
    names it itself otherwise (``德育工作`` → tasks). Results already reached (``past_cues``:
    ``近年来工作成效``) are the background, not an objective.

    >>> head_noun_label("申报条件和程序"), head_noun_label("解决群众反映的突出问题")
    ('standards', None)
    >>> head_noun_label("评价方式"), head_noun_label("德育工作"), head_noun_label("近年来工作成效")
    ('evaluation', 'tasks', 'background')
    """
    spec, _ = _cues()
    h = "".join(heading.split())
    found = _first_head(h)
    if found is None:
        return None
    word, label, start, i = found
    if word in spec["object_heads"] and len(_clean(h)) <= len(word):  # a bare 问题 says too little
        return None
    de = h.rfind("的", 0, start)
    while de > 0 and h[de - 1:de + 1] in spec["heading_suffixes"]:  # 目的 is a word
        de = h.rfind("的", 0, de - 1)
    phrase = _clean(h[de + 1:i])
    if len(phrase) > spec["suffix_max_chars"]:
        return None
    # a verb phrase names its object (解决突出问题), unless it is verb + head (落实要求);
    # a "verb" coordinated with a noun is a noun (组织与领导)
    verb = next((v for v in spec["verb_starts"] if phrase.startswith(v)), None)
    if (verb is not None and len(phrase) > len(verb) + len(word)
            and phrase[len(verb)] not in spec["head_boundaries"] and word not in spec["verb_object_heads"]):
        return None
    # heads that are usually a slogan's object (解决群众反映的突出问题) need a noun heading
    if word in spec["object_heads"] and h.startswith(_starts_and_stops()[0]):
        return None
    if word in spec["light_heads"]:
        modifier = _clean(h[de + 1:start])
        if modifier and modifier not in spec["light_heads"]:  # 工作方法: a light modifier says nothing
            label = head_noun_label(modifier) or label
    if label == "objectives" and any(c in h for c in spec["past_cues"]):
        return "background"
    return label


def slogan_label(heading: str, body: str) -> str:
    """Label of a non-canonical heading from heading and body cues (see module docstring)."""
    spec, _ = _cues()
    h = _clean(heading)
    head = head_noun_label(heading)
    if head is not None:
        return head
    scores: dict[str, float] = {}
    for label, s in _cue_scores(h, 1).items():
        scores[label] = scores.get(label, 0.0) + spec["heading_factor"] * s
    for label, s in _cue_scores(body[: spec["body_chars"]], spec["body_cap"]).items():
        scores[label] = scores.get(label, 0.0) + s
    if scores:
        label, best = max(scores.items(), key=lambda kv: (kv[1], kv[0] == spec["default_label"]))
        if best >= spec["min_score"]:
            return label
    if h.startswith(_starts_and_stops()[0]) or len(h) >= spec["slogan_min_chars"]:
        return spec["default_label"]
    return "other"


_LABELS = members_by_value(SectionLabel)


def _label(value: str) -> SectionLabel:
    """``SectionLabel(value)``, ``other`` for a value that names no label."""
    return _LABELS.get(value, SectionLabel.other)


def classify_sections(doc: NormalizedText, sections: list[SectionNode]) -> None:
    """Set ``label`` on every node of the tree, in place."""
    text = doc.text
    for node in sections:
        heading = text[node.marker_end:node.heading_end]
        label = decisive_label(heading) or canonical_label(heading)
        if label is None:
            body_start = node.heading_end
            body_end = node.children[0].heading_start if node.children else node.end
            body = text[body_start:max(body_start, body_end)]
            if len(body.strip()) < 20 and node.children:
                body = text[body_start:node.end]
            label = slogan_label(heading, body)
        node.label = _label(label)
        _inherit(text, node)


_CHILD_MAX_CHARS = 10  # a sub-heading names its own topic only when it is short (成立领导机构)


def _inherit(text: str, parent: SectionNode) -> None:
    """Children take the parent's label unless their own short heading is canonical for another."""
    for child in parent.children:
        heading = _clean(text[child.marker_end:child.heading_end])
        own = canonical_label(heading) if len(heading) <= _CHILD_MAX_CHARS else None
        child.label = _label(own) if own else parent.label
        _inherit(text, child)
