"""Read what surrounds a quantity: comparator, metric and subject, per, kind.

All reads look at bounded windows around the quantity (a clause or a sentence, capped in
characters), and the part-of-speech tagger (:mod:`planparse.extract.pos`) runs only on those
short windows.
"""

from __future__ import annotations

import functools
import re

import regex

from ...resources import alternation, compile_pattern, compile_std, std_twin
from ..pos import cut as pos_cut
from .lexicon import ComparatorWord, lexicon, pattern, short
from .scan import Quantity

CLAUSE_BOUND = set(",;。:!?\n\r")
SENTENCE_BOUND = set("。;!?\n\r")
MAX_CLAUSE = 40
MAX_SENTENCE = 160
MAX_NP = 24
OPEN_QUOTES = "“\"「『"
CLOSE_QUOTES = "”\"」』"

# The FIRST marker of a list: a count announces items only when item one follows.
_LIST_MARKER = r"(?:1[、.．]|\(1\)|\(一\)|一、|①|一是|第一|首先)"
_NEXT_COUNT = r"[\d零〇一二两三四五六七八九十百千]{1,6}(?:个|名|人|户|家|所|支|项|件|%)"


class Comparison:
    """The comparator found around a quantity.

    A plain class with slots (one per quantity of a plan: a dataclass instance costs more to
    make, and none of its generated methods is used; compared by identity).
    """

    __slots__ = ("clause", "start", "strict", "suffix", "suffix_end", "verb_between", "word")

    def __init__(self, start: int = -1, clause: int = -1) -> None:
        self.word: ComparatorWord | None = None  # prefix word
        self.start = start  # where the prefix word starts (or the quantity when none)
        self.verb_between = False  # 至少招募2名: a verb between the adverbial comparator and the number
        self.suffix: ComparatorWord | None = None
        self.suffix_end = -1
        self.strict = False
        self.clause = clause  # where the clause holding the number starts (clause_start of the quantity)

    def __repr__(self) -> str:
        return "Comparison(" + ", ".join(f"{k}={getattr(self, k)!r}" for k in _COMPARISON_FIELDS) + ")"

    @property
    def bounding(self) -> bool:
        return bool((self.word and self.word.bounding) or (self.suffix and self.suffix.bounding))


_COMPARISON_FIELDS = ("word", "start", "verb_between", "suffix", "suffix_end", "strict", "clause")


@functools.cache
def _prefix_patterns() -> tuple[regex.Pattern, regex.Pattern]:
    """The prefix comparator with a base (不低于总数的60%) and the adverbial one (至少招募2名).

    The direct one (a comparator word right before the number) is :func:`_direct_prefix`.
    """
    lx = lexicon()
    alt = alternation(lx.prefix)
    based = compile_pattern("(" + alt + r")(?:[^,;。:!?\n\d]{1,14}?的|每[\p{Han}]{1,3})\Z",
                            where="targets prefix base")
    adverbial = compile_pattern("(" + alternation(lx.adverbial_prefix) + r")[\p{Han}]{1," + str(_ADVERBIAL_GAP) + r"}\Z",
                                where="targets adverbial prefix")
    return based, adverbial


_ADVERBIAL_GAP = 10  # at most this many characters (the verb) between an adverbial comparator and the number


@functools.cache
def _adverbial_words() -> re.Pattern:
    """The adverbial comparator words, compiled by ``re`` (a gate before the adverbial pattern)."""
    return compile_std(alternation(lexicon().adverbial_prefix or ["\x00"]))


@functools.cache
def _adverbial_reach() -> int:
    """How far before the number an adverbial comparator can start: its longest word and the gap."""
    return max((len(w) for w in lexicon().adverbial_prefix), default=0) + _ADVERBIAL_GAP


# the last clause bound or parenthesis of a window (.* runs to its end and gives back to the last one)
_LAST_BOUND = re.compile("(?s).*[" + re.escape("".join(sorted(CLAUSE_BOUND)) + "()") + "]")


def clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause holding ``pos``: after the last , ; 。 : ( or line break, at most MAX_CLAUSE back."""
    lo = pos - MAX_CLAUSE if pos - MAX_CLAUSE > floor else floor  # (max: a builtin call costs ~800 instructions)
    depth = 0
    last = _LAST_BOUND.match
    while True:  # from one bound or parenthesis to the one before it
        m = last(text, lo, pos)
        if m is None:
            return lo
        i = m.end() - 1
        c = text[i]
        if c == ")":
            depth += 1
        elif c == "(":
            if depth == 0:
                return i + 1
            depth -= 1
        elif depth == 0:  # a clause bound
            return i + 1
        pos = i


_SENTENCE_CHARS = "".join(sorted(SENTENCE_BOUND))


def sentence_start(text: str, pos: int, floor: int) -> int:
    lo = pos - MAX_SENTENCE if pos - MAX_SENTENCE > floor else floor
    stop = -1
    for c in _SENTENCE_CHARS:
        k = text.rfind(c, lo, pos)
        if k > stop:
            stop = k
    return stop + 1 if stop >= 0 else lo


def clause_end(text: str, pos: int, ceil: int, limit: int = MAX_NP) -> int:
    """Where the clause from ``pos`` ends: at the first clause bound or parenthesis, at most ``limit`` on."""
    hi = pos + limit if pos + limit < ceil else ceil
    m = _CLAUSE_END.search(text, pos, hi) if pos < hi else None
    return m.start() if m is not None else (hi if hi > pos else pos)


_CLAUSE_END = re.compile("[" + re.escape("".join(sorted(CLAUSE_BOUND)) + "()") + "]")


def _false_friend(text: str, start: int, end: int) -> bool:
    """``市下达2个任务``: the comparator 达 is the tail of another word."""
    for ff in lexicon().comparator_false_friends:
        if len(ff) > end - start and text.startswith(ff, end - len(ff)) and end - len(ff) <= start:
            return True
    return False


@functools.cache
def _prefix_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(w) for w in lexicon().prefix if w}, reverse=True))


@functools.cache
def _prefix_lasts() -> frozenset[str]:
    """The last characters of the prefix comparator words."""
    return frozenset(w[-1] for w in lexicon().prefix if w)


def _direct_prefix(text: str, lo: int, end: int) -> int:
    """Start of the longest prefix comparator ending exactly at ``end`` (not before ``lo``), else -1.

    What a search for the words' alternation anchored at ``end`` finds (its leftmost match is
    the longest word), with one dict lookup per word length.
    """
    if text[end - 1:end] not in _prefix_lasts():
        return -1  # no word ends with the character before the number
    words = lexicon().prefix
    for n in _prefix_lengths():
        s = end - n
        if s >= lo and text[s:end] in words:
            return s
    return -1


def find_comparison(text: str, q: Quantity, floor: int, ceil: int) -> Comparison:
    """The prefix comparator (direct, with a base 不低于总数的60%, or adverbial 至少招募2名) and suffix."""
    lx = lexicon()
    based, adverbial = _prefix_patterns()
    cs = clause_start(text, q.start, floor)
    win_start = q.start - 24 if q.start - 24 > cs else cs  # (max: a builtin call costs ~800 instructions)
    cmp = Comparison(q.start, cs)
    d = _direct_prefix(text, win_start, q.start)
    if d >= 0 and _false_friend(text, d, q.start):
        d = -1
    if d >= 0:
        cmp.word, cmp.start = lx.prefix[text[d:q.start]], d
    else:
        # the base form ends with 的 or has 每 in its last four characters
        m = None
        if text[q.start - 1:q.start] == "的" or "每" in text[(q.start - 4 if q.start - 4 > win_start else win_start):q.start - 1]:
            m = based.search(text, win_start, q.start)
        if m and _false_friend(text, m.start(1), m.end(1)):
            m = None
        if m:
            cmp.word, cmp.start = lx.prefix[m.group(1)], m.start()
        else:
            # no adverbial match starts further back than its longest word and the gap, and each
            # holds one of the words there (a plain-word search first: most windows hold none)
            a = q.start - _adverbial_reach()
            if a < win_start:
                a = win_start
            m = adverbial.search(text, a, q.start) if _adverbial_words().search(text, a, q.start) else None
            if m:
                cmp.word, cmp.start, cmp.verb_between = lx.prefix[m.group(1)], m.start(), True
    sm = None
    if text[q.end:q.end + 1] in lx.suffix_firsts or "" in lx.suffix_firsts:  # a suffix word starts right there
        sm = std_twin(lx.suffix_re).match(text, q.end, q.end + 4 if q.end + 4 < ceil else ceil)
    if sm:
        cmp.suffix, cmp.suffix_end = lx.suffix[sm.group()], sm.end()
        after = text[sm.end():sm.end() + 6]
        cmp.strict = after.startswith(lx.strict_markers)
    return cmp


# -- part-of-speech on short windows ------------------------------------------------------

def pos_tags(s: str) -> tuple[tuple[str, str], ...]:
    """Part-of-speech tags of a short string, jieba's tag set (never the whole document)."""
    return pos_cut(s) if s else ()


def strip_chunk(s: str, *, lead: bool = True, tail: bool = True) -> str:
    """Trim cue words, markers, times and particles from both ends of a metric chunk."""
    lx = lexicon()
    s = s.strip(" 、,的“”\"")
    if lead:
        for pat in lx.lead_patterns:
            m = short(pat).match(s)
            if m and m.end() > 0:  # a chunk that is only a marker or a time (到2025年) holds no metric
                s = s[m.end():].lstrip(" 、,")
    if tail:
        for pat in lx.tail_patterns:
            m = short(pat).search(s)
            if m and m.start() > 0:  # 近视率在2025年基础上: the base year is no part of the metric
                s = s[:m.start()].rstrip(" 、,")
    for _ in range(4):
        before = s
        if lead:
            n = _lead_word(s)  # lead_strip_re's match at the start
            if 0 <= n < len(s) and not s.startswith(lx.lead_strip_keep):
                s = s[n:]
        if tail:
            n = _tail_word(s)  # tail_strip_re's match (it ends the chunk)
            if 0 <= n < len(s):
                s = s[:len(s) - n]
        s = s.strip(" 、,“”\"")
        if s == before:
            break
    if _lead_word(s) == len(s):  # only a cue word (力争) is left: no metric here
        return ""
    return s


@functools.cache
def _strip_words() -> tuple[frozenset[str], tuple[int, ...], frozenset[str], tuple[int, ...]]:
    """The lead and tail strip words, each with their lengths, longest first."""
    lx = lexicon()
    lead, tail = frozenset(lx.lead_strip_words), frozenset(lx.tail_strip_words)
    return (lead, tuple(sorted({len(w) for w in lead}, reverse=True)),
            tail, tuple(sorted({len(w) for w in tail}, reverse=True)))


def _lead_word(s: str) -> int:
    """The length of the longest lead strip word ``s`` starts with, -1 when none.

    What ``lead_strip_re.match(s)`` finds (its words longest first: the first that matches is the
    longest), with one set lookup per word length instead of a call of the pattern.
    """
    words, lengths, _, _ = _strip_words()
    for n in lengths:
        if n <= len(s) and s[:n] in words:
            return n
    return -1


def _tail_word(s: str) -> int:
    """The length of the longest tail strip word ``s`` ends with, -1 when none.

    What ``tail_strip_re.search(s)`` finds (words then ``\\Z``: the leftmost match is the longest
    word ending the chunk), with one set lookup per word length instead of a ``regex`` search
    through the chunk.
    """
    _, _, words, lengths = _strip_words()
    for n in lengths:
        if n <= len(s) and s[len(s) - n:] in words:
            return n
    return -1


@functools.cache
def _split_words() -> tuple[str, ...]:
    """The verbs :func:`split_subject_metric` splits a chunk at (a word of the chunk is a part of it)."""
    lx = lexicon()
    return tuple(w for w in (*lx.keep_verbs, *lx.split_verbs) if w)


def split_subject_metric(chunk: str) -> tuple[str | None, str | None]:
    """``社区康复协调员配备率`` → (社区康复协调员, 配备率); ``居民户的文化活动参与率`` → (居民户, 文化活动参与率)."""
    lx = lexicon()
    chunk = strip_chunk(chunk)
    if not chunk:
        return None, None
    if "的" in chunk:
        head, _, tail = chunk.rpartition("的")
        tail = strip_chunk(tail)
        if len(tail) >= 2:
            return (strip_chunk(head) or None), tail
    for suf in lx.metric_suffixes:
        if chunk.endswith(suf) and len(chunk) > len(suf):
            tags = pos_tags(chunk)
            words = [w for w, _ in tags]
            if not words:
                break
            metric = words[-1]
            k = len(words) - 1
            if len(metric) <= len(suf) and k > 0 and short(pattern(r"\p{Han}")).match(words[k - 1]):  # 配备 + 率
                k -= 1
                metric = words[k] + metric
            elif k > 0 and tags[k - 1][1] in ("v", "vn", "n") and len(words[k - 1]) == 2:  # 培训 + 合格率
                k -= 1
                metric = words[k] + metric
            subject = strip_chunk("".join(words[:k]))
            return (subject or None), metric
    if not any(v in chunk for v in _split_words()):
        return None, chunk  # no word of the loop below is in the chunk: spare the tagger
    tags = pos_tags(chunk)
    for i, (w, _) in enumerate(tags):
        if i > 0 and w in lx.keep_verbs and i < len(tags) - 1:
            subject = strip_chunk("".join(x for x, _ in tags[:i]))
            return (subject or None), "".join(x for x, _ in tags[i:])
        if i > 0 and w in lx.split_verbs and i < len(tags) - 1:
            subject = strip_chunk("".join(x for x, _ in tags[:i]))
            metric = strip_chunk("".join(x for x, _ in tags[i + 1:]))
            if len(metric) >= 2:
                return (subject or None), metric
    return None, chunk


def following_np(text: str, pos: int, ceil: int) -> tuple[str, str | None, int]:
    """The noun phrase after a count (``20名安全员``, ``98%的社区达到…标准``).

    Returns (noun, verb phrase or None, end of the phrase in ``text``).
    """
    end = clause_end(text, pos, ceil)
    raw = text[pos:end]
    # stop before the next quantity (4个行政村14个合作社)
    m = pattern(_NEXT_COUNT, "targets next count").search(raw)
    if m and m.start() > 0:
        raw = raw[:m.start()]
        end = pos + m.start()
    listed = raw.rstrip().endswith("、")  # 1个示范乡镇、9个示范村: a list of nouns, no verb phrase
    off = 0
    if raw.startswith("的"):
        off = 1
    tags = pos_tags(raw[off:])
    # 300人组成的X: a verb + 的 right after the count is a modifier, skip it
    if len(tags) >= 2 and tags[0][1].startswith("v") and tags[1][0] == "的":
        off += len(tags[0][0]) + 1
        tags = tags[2:]
    noun_parts: list[str] = []
    seen_noun = False
    verb_break = False
    i = 0
    while i < len(tags):
        w, f = tags[i]
        if w in ("、", "等", "等等") and seen_noun:
            noun_parts.append(w)
            i += 1
            continue
        if w == "的":
            prev_flag = tags[i - 1][1] if i > 0 else ""
            if seen_noun and prev_flag.startswith(("n", "j", "r")) and not prev_flag.startswith("nr"):
                break  # 康复机构的资源优势: a possessive ends the noun
            noun_parts.append(w)
            i += 1
            continue
        if seen_noun and len(w) == 1 and f in ("zg", "ng", "vg", "g", "k", "tg"):
            noun_parts.append(w)  # 网格 + 员: a one-character suffix morpheme stays in the noun
            i += 1
            continue
        if seen_noun and w in lexicon().np_breakers:
            verb_break = True
            break
        if seen_noun and (f.startswith(("v", "d", "p", "c")) and f != "vn"):
            # 管理的住宅小区: a verb that modifies (followed by 的) stays in the noun
            if i + 1 < len(tags) and tags[i + 1][0] == "的":
                noun_parts.append(w)
                i += 1
                continue
            verb_break = not f.startswith("c")
            break
        if f.startswith(("n", "j", "vn", "a", "b", "m", "q", "l", "i", "f", "s", "x", "eng", "r")) or w in "“”\"":
            if f.startswith(("n", "j", "vn", "l", "i", "eng")):
                seen_noun = True
            noun_parts.append(w)
            i += 1
            continue
        if not seen_noun:
            noun_parts.append(w)
            i += 1
            continue
        break
    noun = "".join(noun_parts).strip("的、“”\"")
    if listed and verb_break:
        noun_parts, verb_break = [w for w, _ in tags], False
    rest = "".join(w for w, _ in tags[i:]).strip() if verb_break else ""
    noun_end = pos + off + len("".join(noun_parts).rstrip("的、“”\""))
    return noun, (rest or None), (end if rest else noun_end)


def window_has(pat: regex.Pattern, text: str, start: int, end: int,
               false_friends: regex.Pattern | None = None) -> regex.Match | re.Match | None:
    """The last match of ``pat`` in ``text[start:end]`` that no false friend covers (相应 is not 应)."""
    found = list(std_twin(pat).finditer(text, start, end))
    if not found or false_friends is None:
        return found[-1] if found else None  # false friends are looked for only when there is a match
    covered = [m.span() for m in std_twin(false_friends).finditer(text, max(0, start - 3), min(len(text), end + 3))]
    last = None
    for m in found:
        if any(a <= m.start() and m.end() <= b for a, b in covered):
            continue
        last = m
    return last


_OPEN_QUOTE = re.compile("[" + re.escape(OPEN_QUOTES) + "]")


def is_quoted_name(text: str, q: Quantity, floor: int, ceil: int) -> bool:
    """The number sits in a short quoted phrase (“三创”, “十个幸福社区”): it names something."""
    lo = q.start - 8 if q.start - 8 > floor else floor
    if _OPEN_QUOTE.search(text, lo, q.start) is None:
        return False  # no quote opens before the number
    left = -1
    for i in range(q.start - 1, lo - 1, -1):
        c = text[i]
        if c in OPEN_QUOTES:
            left = i
            break
        if c in CLOSE_QUOTES or c in CLAUSE_BOUND:
            return False
    if left < 0:
        return False
    hi = q.end + 8 if q.end + 8 < ceil else ceil
    for i in range(q.num_end, hi):
        c = text[i]
        if c in CLOSE_QUOTES:
            return True
        if c in OPEN_QUOTES or c in CLAUSE_BOUND:
            return False
    return False


def announces_list(text: str, q: Quantity, np_end: int, ceil: int) -> bool:
    """``三个工作网络。一是…``, ``分三个阶段:``: the count announces the items that follow."""
    lx = lexicon()
    if np_end >= ceil:
        return False
    c = text[np_end]
    if c == ":":
        return True
    if c == "(":
        inner = text[np_end + 1:clause_end(text, np_end + 1, ceil, 30)]
        return "、" in inner  # 八项措施(制定检查计划、…)
    if c in "。\n":
        j = np_end + 1
        while j < ceil and text[j] in " \n\r\t\u3000":
            j += 1
        if any(text.startswith(w, j) for w in lx.announce_after if w != ":"):
            return True
        new_line = "\n" in text[np_end:j]
        first_item = pattern(_LIST_MARKER, "targets first list marker")
        return new_line and bool(first_item.match(text, j, min(ceil, j + 5)))
    return False
