"""The relation lexicon (``data/relations.yaml``) and the small text helpers built on it."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import regex

from ...models import Relation
from ...resources import Tables, compile_pattern, compile_std, load, std_twin, trie_pattern, word_trie

# A list marker at the start of a clause: 1、 (一) 一是 ① 第一, 第十二条 (data/markers.yaml clause_marker,
# which targets read too)
MARKER = load("markers")["clause_marker"]

# The characters MARKER can start with after its leading blanks (besides digits): a line or
# clause whose first character is none of them has no marker, and the regex is not run.
MARKER_STARTS = frozenset("#(〔第一二三四五六七八九十") | frozenset(map(chr, range(ord("①"), ord("⑳") + 1)))
_BLANKS = " \t\u3000"
# The first characters of the markers that may hold one of 。:,; (第一,): no other marker does.
MARKER_HEAD_END_STARTS = frozenset("第")
MARKER_FIRST = MARKER_STARTS | frozenset(_BLANKS)  # with digits: where match_marker may find one


# A marker opening with a numeral or a digit (一、 1. 12) 二是 1.2.3) has one of these within the three
# characters after its first: the delimiter after at most three numerals or digits, the . after
# one or two digits, or 是 after one numeral.
_NUMERALS = frozenset("一二三四五六七八九十")
_AFTER_NUMBER = frozenset(")、.．是")


def match_marker(text: str, pos: int, endpos: int):
    """``relation_lexicon().marker.match(text, pos, endpos)``, skipping the regex when the first
    character after up to four blanks cannot start a marker (most clauses), or is a numeral or a
    digit with no delimiter after it (一律, 2024年: clauses open so more often than with a marker)."""
    i = pos
    if i < endpos and text[i] not in _BLANKS:  # the usual case: no leading blanks
        c = text[i]
        if c in _NUMERALS or (c.isdigit() and c not in MARKER_STARTS):  # (① is a digit, and a marker alone)
            if _AFTER_NUMBER.isdisjoint(text[i + 1:min(endpos, i + 4)]):
                return None
            return relation_lexicon().marker.match(text, pos, endpos)
        if c in MARKER_STARTS:
            return relation_lexicon().marker.match(text, pos, endpos)
        return None
    while i < endpos and i - pos < 4 and text[i] in _BLANKS:
        i += 1
    if i >= endpos or not (text[i] in MARKER_STARTS or text[i].isdigit()):
        return None  # (a fifth blank cannot start one either)
    return relation_lexicon().marker.match(text, pos, endpos)


def trigger_at(text: str, pos: int):
    """``relation_lexicon().trigger_re.match(text, pos)``, skipped when no trigger starts with
    the character at ``pos``."""
    lx = relation_lexicon()
    if pos >= len(text) or text[pos] not in lx.trigger_firsts:
        return None
    return lx.trigger_re.match(text, pos)


def literal_re(words) -> re.Pattern:
    """One pattern for "where does any of these words start": a quick check before a loop over them.

    Plain words only, so the standard ``re`` does: each call costs a fraction of a ``regex``
    call, which matters for checks run on every clause. The words are merged into a trie
    (``办(?:公室)?``), so each position tries each first character once, not every word; a
    match says whether and where a word starts, not which (one-character words alone: one
    character class). Bounded: nothing is repeated. For "does any occur" :func:`any_word_re`
    is cheaper.
    """
    ws = {w for w in words if w}
    if ws and all(len(w) == 1 for w in ws):
        return compile_std("[" + "".join(sorted(map(re.escape, ws))) + "]")
    return compile_std(trie_pattern(word_trie(ws)) or "(?!)")


def _holds_other(w: str, ws: set[str]) -> bool:
    """Whether another word of ``ws`` occurs in ``w``: one of its shorter substrings is in ``ws``
    (a set lookup per substring of a short word, not a scan of every word per word: the unit
    lexicon's ~200 words cost ~25 ms that way in every process)."""
    n = len(w)
    return any(w[i:j] in ws for i in range(n) for j in range(i + 1, n + 1 if i else n))  # all but w[0:n]


def any_word_re(words) -> re.Pattern:
    """One pattern for "does any of these words occur", built for that question alone.

    A word holding another word of the list (办公室 holds 办) occurs only where that one
    does, so it is left out; the one-character words come first, then a trie of the longer
    ones. The engine tries the alternatives at each place in turn, and most words found in
    a text are one-character unit endings or modals (局, 会, 要): this order finds them
    first, which makes a search several times cheaper than the trie of every word. A match
    says whether a word occurs, not which, nor where the first word of the list starts.
    Bounded: nothing is repeated.
    """
    ws = {w for w in words if w}
    kept = {w for w in ws if not _holds_other(w, ws)}
    alts = sorted(re.escape(w) for w in kept if len(w) == 1)
    trie = word_trie({w for w in kept if len(w) > 1})
    alts += [re.escape(ch) + trie_pattern(sub) for ch, sub in sorted(trie.items())]
    return compile_std("(?:" + "|".join(alts) + ")" if alts else "(?!)")


_LISTED = std_twin(compile_pattern(r"(?<!\d)、(?!\d)|[和及与](?!\d)"), classes=True)  # 组织、协调和督导 is a list, 15、30号 and 3月和9月 are not
_QUOTED = std_twin(compile_pattern(r"“[^”]{0,20}”|\"[^\"]{0,20}\""))  # 开展“双随机、一公开”检查: a quoted name is no list


class RelationLexicon(Tables):
    trigger_of: dict[str, Relation]  # trigger word -> relation
    trigger_re: re.Pattern  # triggers and modals, longest first
    modals: frozenset[str]
    adverbs: tuple[str, ...]
    start_words: tuple[tuple[str, Relation], ...]  # task-start word -> relation, longest first
    supervise_object: regex.Pattern | re.Pattern
    framing: regex.Pattern | re.Pattern
    marker: regex.Pattern | re.Pattern
    continuations: tuple[str, ...]
    supervise_endings: tuple[str, ...]
    supervise_contains: tuple[str, ...]
    subject_verb_stop: tuple[str, ...]
    task_time: regex.Pattern | re.Pattern
    owner_time_lead: regex.Pattern | re.Pattern  # 3月15日前 before an owner (not part of its name)
    # derived, for speed: quick "can this match at all" checks before the loops over words
    continuation_re: re.Pattern  # any subject continuation
    adverb_ends: frozenset[str]  # last characters of the adverbs
    lead_adverbs: tuple[str, ...]  # adverbs that are neither modals nor triggers, longest first
    trigger_firsts: frozenset[str]  # first characters of the triggers and modals
    trigger_word: re.Pattern  # any trigger or modal, guards left out: trigger_re needs one
    follow_on: tuple[tuple[str, Relation], ...] = ()  # clause-opening word -> relation, longest first
    unit_labels: dict[str, Relation] | None = None  # 责任单位 -> responsible (a label before a unit list)
    trigger_chars: frozenset[str] = frozenset()  # every character of the triggers and modals
    metric_predicate: re.Pattern | regex.Pattern | None = None  # 满意度达到90%: a clause stating a level
    past_event: re.Pattern | regex.Pattern | None = None  # 召开了……: a unit's past deed, no task
    partner_lead: re.Pattern | regex.Pattern | None = None  # 与X开展……: X works with the issuer
    partner_task: re.Pattern | regex.Pattern | None = None  # 开展/进行/配合 after 与X: a joint activity
    plural_setup: re.Pattern | regex.Pattern | None = None  # 各社区相应成立……: each unit sets up a body


@functools.cache
def relation_lexicon() -> RelationLexicon:
    spec = load("relations")
    trigger_of: dict[str, Relation] = {}
    for rel, words in spec["trigger_words"].items():
        for w in words:
            trigger_of[w] = Relation(rel)
    modals = frozenset(spec["modals"])
    # 要 is not a modal in 要求/要点 (重要 is caught by the owner check); 负责人/负责制 are nouns
    words = sorted(set(trigger_of) | modals, key=lambda w: (-len(w), w))
    # 应急 (区应急中心, 街道应急救援队) is no modal 应
    guards = {"要": "(?![求点素])", "应": "(?!急)", "负责": "(?!人(?!员)|制|同志|的)", "将": "(?![来近])", "需": "(?!求)",
              "分管": "(?!负责|领导|副|同志|的)", "监督": "(?!电话|举报|邮箱|组|员)", "主管": "(?!部门|单位)",
              # 宣传督导组, 督查组: the end of a body's name, not a verb; 监督员, 督导员: a post
              "督导": "(?!组|员)", "督查": "(?!组|员)"}
    trig = "(?:" + "|".join(regex.escape(w) + guards.get(w, "") for w in words) + ")"
    # Words and lookahead guards only: checked and compiled by the loader, then run by the
    # standard re (the same matches; a call costs a fraction of a regex call, and the trigger
    # pattern is run on every clause that holds a trigger word)
    trigger_re = std_twin(compile_pattern(trig, where="relations.yaml triggers"))
    trigger_firsts = frozenset(w[0] for w in words if w)
    trigger_word = any_word_re(words)
    trigger_words = words
    start_words: list[tuple[str, Relation]] = []
    for rel, words in spec["task_start_relation"].items():
        start_words += [(w, Relation(rel)) for w in words if w != "对"]
    for w, rel in trigger_of.items():
        if rel is not Relation.responsible:
            start_words.append((w, rel))
    for rel, words in spec["relations"].items():  # the contract's lexicon: 督查/检查/指导 supervise …
        if rel != "responsible":
            start_words += [(w, Relation(rel)) for w in words]
    start_words.sort(key=lambda x: -len(x[0]))
    adverbs = tuple(sorted(set(spec["adverbs"]), key=lambda w: -len(w)))
    continuations = tuple(sorted(spec["subject_continuations"], key=len, reverse=True))
    return RelationLexicon(
        trigger_of=trigger_of,
        trigger_re=trigger_re,
        modals=modals,
        adverbs=adverbs,
        start_words=tuple(start_words),
        supervise_object=std_twin(compile_pattern(spec["supervise_object_pattern"], where="relations.yaml")),
        framing=std_twin(compile_pattern(spec["framing_pattern"], where="relations.yaml")),
        continuations=continuations,
        supervise_endings=tuple(sorted(spec["supervise_endings"], key=len, reverse=True)),
        supervise_contains=tuple(spec["supervise_contains"]),
        subject_verb_stop=tuple(spec["subject_verb_stop"]),
        # (matched at one place each: the standard re, class escapes written out, std_twin)
        task_time=std_twin(compile_pattern(spec["task_time_pattern"], where="relations.yaml task_time_pattern"),
                           classes=True),
        owner_time_lead=std_twin(compile_pattern(spec["owner_time_lead_pattern"], where="relations.yaml"),
                                 classes=True),
        marker=std_twin(compile_pattern(r"[ \t\u3000]{0,4}" + MARKER + r"[ \t\u3000]{0,2}", where="marker"),
                        classes=True),
        continuation_re=any_word_re(continuations),
        adverb_ends=frozenset(a[-1] for a in adverbs if a),
        lead_adverbs=tuple(a for a in adverbs if a not in modals and a not in trigger_of),
        trigger_firsts=trigger_firsts,
        trigger_word=trigger_word,
        follow_on=tuple(sorted(((w, Relation(rel)) for rel, ws in spec.get("follow_on", {}).items() for w in ws),
                               key=lambda x: -len(x[0]))),
        unit_labels={w: Relation(rel) for rel, ws in spec.get("unit_labels", {}).items() for w in ws},
        trigger_chars=frozenset(c for w in trigger_words for c in w),
        metric_predicate=std_twin(compile_pattern(spec["metric_predicate_pattern"], where="relations.yaml"))
        if spec.get("metric_predicate_pattern") else None,
        past_event=std_twin(compile_pattern(spec["past_event_pattern"], where="relations.yaml"), classes=True)
        if spec.get("past_event_pattern") else None,
        partner_lead=std_twin(compile_pattern(spec["partner_lead_pattern"], where="relations.yaml"))
        if spec.get("partner_lead_pattern") else None,
        partner_task=std_twin(compile_pattern(spec["partner_task_pattern"], where="relations.yaml"))
        if spec.get("partner_task_pattern") else None,
        plural_setup=std_twin(compile_pattern(spec["plural_setup_pattern"], where="relations.yaml"))
        if spec.get("plural_setup_pattern") else None,
    )


@functools.cache
def _continuations_by_first() -> tuple[tuple[str, tuple[int, ...]], ...]:
    """(first character, places in ``continuations`` of the words starting with it), one pair
    per first character."""
    out: dict[str, list[int]] = {}
    for i, w in enumerate(relation_lexicon().continuations):
        if w:
            out.setdefault(w[0], []).append(i)
    return tuple((ch, tuple(ix)) for ch, ix in out.items())


def continuations_in(window: str) -> list[str]:
    """The subject continuations that may occur in ``window``, in lexicon order: those whose
    first character is there (the others cannot, and looking for each costs a search)."""
    words = relation_lexicon().continuations
    # (one substring test per first character: a set of the window's characters would make a
    # string of each of them)
    ix = [i for ch, at in _continuations_by_first() if ch in window for i in at]
    ix.sort()
    return [words[i] for i in ix]


def follow_on_at(text: str, pos: int) -> tuple[str, Relation] | None:
    """The follow-on word (``协助``, ``督促``, ``会同``) opening a clause at ``pos``, with its relation."""
    for w, rel in relation_lexicon().follow_on:
        if text.startswith(w, pos):
            return w, rel
    return None


@dataclass(frozen=True)
class _Lookups:
    """Word lists as sets by length: "the longest word of the list that starts (ends) here" is
    a few set probes, longest first, instead of a loop over every word."""

    adverbs: frozenset[str]
    adverb_lens: tuple[int, ...]  # lengths of the adverbs, longest first
    start_rel: dict[str, Relation]  # task-start word -> relation (the first in start_words)
    start_lens: tuple[int, ...]
    adverb_firsts: frozenset[str] = frozenset()  # first characters of the adverbs


@functools.cache
def _lookups() -> _Lookups:
    lx = relation_lexicon()
    start_rel: dict[str, Relation] = {}
    for w, rel in lx.start_words:
        start_rel.setdefault(w, rel)
    # (no empty words in the lists: "" would start and end everything)
    return _Lookups(
        adverbs=frozenset(a for a in lx.adverbs if a),
        adverb_lens=tuple(sorted({len(a) for a in lx.adverbs if a}, reverse=True)),
        start_rel={w: r for w, r in start_rel.items() if w},
        start_lens=tuple(sorted({len(w) for w in start_rel if w}, reverse=True)),
        adverb_firsts=frozenset(a[0] for a in lx.adverbs if a),
    )


def strip_adverbs_right(s: str) -> str:
    """``社区治保主任具体`` → ``社区治保主任`` (adverbs between an owner and its trigger)."""
    lx = relation_lexicon()
    if not s or s[-1] not in lx.adverb_ends:
        return s  # no adverb can end it (most owner candidates)
    lk = _lookups()
    while s:  # the longest adverb that ends s and is not all of it, again and again
        for n in lk.adverb_lens:
            if len(s) > n and s[-n:] in lk.adverbs:
                s = s[:-n]
                break
        else:
            break
    return s


def skip_framing(s: str) -> int:
    """How many leading characters of a clause are framing (``在……统一领导下,``)."""
    m = relation_lexicon().framing.match(s)
    if not m:
        return 0
    i = m.end()
    while i < len(s) and s[i] in ", ":
        i += 1
    return i


def skip_task_lead(s: str) -> int:
    """How many leading characters of a task are framing or adverbs (``在……领导下,积极``)."""
    lx = relation_lexicon()
    lk = _lookups()
    i = 0
    for _ in range(6):
        m = lx.framing.match(s, i)
        if m:
            i = m.end()
            while i < len(s) and s[i] in ", ":
                i += 1
            continue
        if s[i:i + 1] not in lk.adverb_firsts:
            break  # no adverb starts at i (the loop below would find none)
        for n in lk.adverb_lens:  # the longest adverb starting at i, 负责 left out
            w = s[i:i + n]
            if len(w) == n and w in lk.adverbs and w != "负责":
                i += n
                break
        else:
            break
    return i


def start_relation(t: str) -> Relation | None:
    """The relation of the first word of ``start_words`` (longest first) that ``t`` starts with."""
    got = _start_word(t)
    return got[0] if got is not None else None


def _start_word(t: str) -> tuple[Relation, int] | None:
    """:func:`start_relation` and the length of the word."""
    lk = _lookups()
    for n in lk.start_lens:
        if len(t) >= n:
            rel = lk.start_rel.get(t[:n])
            if rel is not None:
                return rel, n
    return None


def relation_of_task(task: str, default: Relation) -> Relation:
    """Refine a plain 负责/要 by what the task starts with.

    >>> relation_of_task("对各街道进行指导、督促和检查", Relation.responsible).value
    'supervise'
    >>> relation_of_task("将经费列入预算", Relation.responsible).value
    'responsible'
    """
    lx = relation_lexicon()
    t = task[skip_task_lead(task):]
    if t[:1] == "," and len(t) < len(task):  # 按照职责分工,密切配合: the adverb's own clause, then the task
        t = t[1:]
        t = t[skip_task_lead(t):]
    if t.startswith("负责"):
        t = t[2:]
    tm = lx.task_time.match(t)
    if tm:
        t = t[tm.end():]
    if lx.supervise_object.match(t):
        return Relation.supervise
    head = t.split(",", 1)[0]
    if not head.startswith(("配合", "协助", "参与")) and (
            ((head.endswith(lx.supervise_endings) or head.startswith(lx.supervise_endings)) and len(head) <= 24
             and not _LISTED.search(_QUOTED.sub("", head[head.rfind("的") + 1:])))  # (…产品、…产品的质量抽查: one activity)
            or any(w in head for w in lx.supervise_contains)):
        return Relation.supervise
    got = _start_word(t)
    if got is not None and not t.startswith("的", got[1]):  # 检查的组织协调: a modifier, not the task's verb
        return got[0]
    if "总体领导" in head or head.endswith("领导和协调"):
        return Relation.lead
    return default
