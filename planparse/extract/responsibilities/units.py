"""Unit phrases: does a string name one or more units, and where does each item sit?

A responsibility's owner must look like a unit (``区卫生局``, ``各社区``, ``社区治保主任``,
``卫生、民政、残联等部门``): every item of the list ends with a unit suffix or an office
(``data/unit_suffixes.yaml``), or is a government domain (``区财政``). The checks are
lexical on purpose: they run on the short span between a clause start and a trigger word.

>>> [s for s, _, _ in split_units("区卫生局和残联")]
['区卫生局', '残联']
>>> [s for s, _, _ in split_units("卫生、民政、残联等部门")]
['卫生', '民政', '残联']
>>> split_units("加强社区管理") is None
True
"""

from __future__ import annotations

import functools
import re

from ...resources import Tables, compile_pattern, load, std_twin
from .lexicon import any_word_re, literal_re

_LIST_SEPS = "、,"
_YEAR_START = std_twin(compile_pattern(r"\d{2,4}年"), classes=True)
_DATED_PAREN = std_twin(compile_pattern(r"[(][^()]{0,12}\d[^()]{0,12}[)]"), classes=True)  # 项目确定(2017年5月份)护理部
_CONJ = ("以及", "和", "及", "与")
_BAD_CHARS = frozenset(";。:“”《》\n")  # no unit item holds one (but a quoted short name, below)
# 村“两委”, 村“两委”干部: a unit name may hold one short quoted name, read as if unquoted
_QUOTED_NAME = std_twin(compile_pattern(r"“([\u4e00-\u9fff]{1,6})”"), classes=True)


class UnitLexicon(Tables):
    suffixes: tuple[str, ...]
    offices: tuple[str, ...]
    domains: frozenset[str]
    areas: tuple[str, ...]
    not_owners: frozenset[str]
    bad_starts: tuple[str, ...]
    unit_starts: tuple[str, ...]  # unit names that open with a bad start (使用单位)
    list_closers: tuple[str, ...]
    loose_offices: tuple[str, ...]
    issuer_words: frozenset[str]
    issuer_levels: tuple[tuple[str, ...], ...]  # the level words of data's issuer_levels, one level a row
    department_issuers: tuple[str, ...]  # an issuer ending so names itself as an owner (区教育局负责……)
    false_suffix_words: tuple[str, ...]
    reject_chars: frozenset[str]
    reject_substrings: tuple[str, ...]
    suffix_continuations: frozenset[str]


@functools.cache
def lexicon() -> UnitLexicon:
    spec = load("unit_suffixes")
    longest = lambda xs: tuple(sorted(set(xs), key=lambda w: (-len(w), w)))  # noqa: E731
    return UnitLexicon(
        suffixes=longest(spec["suffixes"]),
        offices=longest(spec["offices"]),
        domains=frozenset(spec["domains"]),
        areas=longest(spec["areas"]),
        not_owners=frozenset(spec["not_owners"]),
        bad_starts=longest(spec["bad_starts"]),
        unit_starts=tuple(spec.get("unit_starts") or ()),
        list_closers=longest(spec["list_closers"]),
        loose_offices=longest(spec["loose_offices"]),
        issuer_words=frozenset(spec["issuer_words"]),
        issuer_levels=tuple(tuple(row) for row in spec.get("issuer_levels") or ()),
        department_issuers=tuple(spec.get("department_issuers") or ()),
        false_suffix_words=longest(spec["false_suffix_words"]),
        reject_chars=frozenset(spec["reject_chars"]),
        reject_substrings=tuple(spec["reject_substrings"]),
        suffix_continuations=frozenset(spec["suffix_continuations"]),
    )


def level_of(word: str) -> int | None:
    """The row of ``issuer_levels`` whose words ``word`` holds (乡政府: the 乡/镇 row), or None."""
    for i, row in enumerate(lexicon().issuer_levels):
        if any(w in word for w in row):
            return i
    return None


def levels_named(s: str) -> frozenset[int]:
    """The rows of ``issuer_levels`` with a word in ``s`` (an issuer or a title)."""
    return frozenset(i for i, row in enumerate(_level_words()) if row is None or row.search(s))


@functools.cache
def _level_words() -> tuple[re.Pattern | None, ...]:
    """One "does any of the row's words occur" pattern per row of ``issuer_levels`` (None for a
    row holding the empty word, which every string holds)."""
    return tuple(None if "" in row else any_word_re(row) for row in lexicon().issuer_levels)


def _strip_paren_tail(s: str) -> str:
    """``各社区市民法制学校(可依托…)`` → ``各社区市民法制学校``."""
    if s.endswith(")") and "(" in s:
        return s[: s.rfind("(")]
    return s


class _Tables(Tables):
    """Lookups derived once from the lexicon, so that each check is a few dict/set probes."""

    rank: dict[str, int]  # ending -> its place in offices + suffixes (first wins, as in a loop)
    rank_loose: dict[str, int]  # the same with loose_offices appended
    longest: int  # the longest ending
    last_chars: frozenset[str]  # last characters of every ending and domain: a unit ends in one
    reject_sub: re.Pattern  # any reject substring
    # any character of _BAD_CHARS or reject_chars, or any reject substring: a string holding none
    # passes both tests of _is_unit_item that read them (one search instead of three calls)
    poison: re.Pattern
    unit_word: re.Pattern  # any ending or domain: a unit item holds one, so a unit list does
    unit_chars: frozenset[str]  # the one-character endings (局, 会, 员): each is a unit word alone
    # bad_starts by first character, false_suffix_words by last: a test tries the few that can apply
    bad_starts_at: dict[str, tuple[str, ...]]
    short_bad_starts_at: dict[str, tuple[str, ...]]  # those of at most two characters
    false_suffixes_at: dict[str, tuple[str, ...]]
    suffixes_at: dict[str, tuple[str, ...]]  # the unit suffixes by last character
    org_tails_at: dict[str, tuple[str, ...]]  # the unit suffixes and domains by last character
    domains: frozenset[str]
    domain_lens: tuple[int, ...]  # the lengths of the domains
    areas: frozenset[str]
    reject_at: dict[str, tuple[str, ...]]  # reject_substrings by first character
    lexicon: UnitLexicon
    # the endings of rank (rank_loose) by last character, in rank order: _ending as a few endswith
    endings_at: dict[str, tuple[str, ...]]
    endings_loose_at: dict[str, tuple[str, ...]]
    closer_ends: frozenset[str]  # last characters of the list closers


@functools.cache
def _tables() -> _Tables:
    lx = lexicon()
    rank: dict[str, int] = {}
    for i, w in enumerate(lx.offices + lx.suffixes):
        rank.setdefault(w, i)
    rank_loose = dict(rank)
    for i, w in enumerate(lx.loose_offices, len(lx.offices) + len(lx.suffixes)):
        rank_loose.setdefault(w, i)
    words = [w for w in rank_loose if w]
    unit_words = [w for w in (*words, *lx.domains) if w]
    return _Tables(
        rank=rank, rank_loose=rank_loose, longest=max(map(len, words), default=0),
        last_chars=frozenset(w[-1] for w in (*words, *lx.domains) if w),
        reject_sub=any_word_re(lx.reject_substrings),
        poison=any_word_re((*_BAD_CHARS, *lx.reject_chars, *lx.reject_substrings)),
        unit_word=any_word_re(unit_words),
        unit_chars=frozenset(w for w in unit_words if len(w) == 1),
        bad_starts_at=_by_char(lx.bad_starts, 0),
        short_bad_starts_at=_by_char(tuple(w for w in lx.bad_starts if len(w) <= 2), 0),
        false_suffixes_at=_by_char(lx.false_suffix_words, -1),
        suffixes_at=_by_char(lx.suffixes, -1),
        org_tails_at=_by_char((*lx.suffixes, *sorted(lx.domains)), -1),
        domains=lx.domains,
        domain_lens=tuple(sorted({len(d) for d in lx.domains})),
        areas=frozenset(lx.areas),
        reject_at=_by_char(lx.reject_substrings, 0),
        lexicon=lx,
        endings_at=_by_char(tuple(sorted(rank, key=rank.__getitem__)), -1),
        endings_loose_at=_by_char(tuple(sorted(rank_loose, key=rank_loose.__getitem__)), -1),
        closer_ends=frozenset(c[-1] for c in lx.list_closers if c),
    )


def _by_char(words: tuple[str, ...], at: int) -> dict[str, tuple[str, ...]]:
    """``words`` grouped by their character ``at`` (0: first, -1: last), in their order; an empty
    word (which every string starts and ends with) joins every group and the ``""`` key, which
    a lookup by an empty string's ``s[:1]`` or ``s[-1:]`` reads."""
    keys = {w[at] for w in words if w}
    groups: dict[str, list[str]] = {c: [] for c in keys}
    for w in words:  # one pass (a scan of every word per character cost ~10 ms per process)
        for c in (w[at],) if w else keys:
            groups[c].append(w)
    out = {c: tuple(ws) for c, ws in groups.items()}
    out[""] = tuple(w for w in words if not w)
    return out


def starts_badly(s: str) -> bool:
    """``s.startswith(lexicon().bad_starts)``, trying only the words that start like ``s``."""
    by_first = _tables().bad_starts_at
    return s.startswith(by_first.get(s[:1], by_first[""])) and not s.startswith(lexicon().unit_starts)


def no_list_starts_at(text: str, pos: int) -> bool:
    """True when no unit list starts at ``pos`` (:func:`split_units` is None for every
    ``text[pos:e]``): a bad start of at most two characters opens it. Every such span of two
    characters or more starts badly, and a one-character span is no list either."""
    by_first = _tables().short_bad_starts_at
    return text.startswith(by_first.get(text[pos:pos + 1], by_first[""]), pos) \
        and not text.startswith(lexicon().unit_starts, pos)


def short_bad_starts_by_first() -> dict[str, tuple[str, ...]]:
    """The bad starts of at most two characters by first character (:func:`no_list_starts_at`'s
    table; the key ``""`` holds the empty word, if any)."""
    return _tables().short_bad_starts_at


def _ends_falsely(s: str) -> bool:
    """``s.endswith(lexicon().false_suffix_words)``, trying only the words that end like ``s``."""
    by_last = _tables().false_suffixes_at
    return s.endswith(by_last.get(s[-1:], by_last[""]))


def may_hold_unit(text: str, start: int = 0, end: int | None = None) -> bool:
    """False when ``text[start:end]`` holds no unit ending and no domain: then no part of it is
    a unit list (:func:`split_units` is None), so the checks that need an owner can be skipped."""
    return unit_word_search()(text, start, len(text) if end is None else end) is not None


@functools.cache
def unit_chars() -> frozenset[str]:
    """The one-character unit words: a span holding one holds a unit word (no search needed)."""
    return _tables().unit_chars


@functools.cache
def unit_word_search():
    """``search`` of the pattern of every unit ending and domain (:func:`may_hold_unit` without a call)."""
    return _tables().unit_word.search


def _ending(s: str, rank: dict[str, int], longest: int) -> str:
    """The first word of the ending list (offices, suffixes[, loose offices]) that ends ``s``."""
    best, best_rank = "", None
    n = len(s)
    for k in range(1, min(n, longest) + 1):
        r = rank.get(s[n - k:])
        if r is not None and (best_rank is None or r < best_rank):
            best, best_rank = s[n - k:], r
    if "" in rank and (best_rank is None or rank[""] < best_rank):
        best = ""
    return best


def _ending_at(s: str, by_last: dict[str, tuple[str, ...]]) -> str:
    """:func:`_ending` by a table of :func:`_Tables` (``endings_at``): the first word in rank
    order that ends ``s`` is the one of least rank (an empty word, at its rank, ends every ``s``)."""
    for w in by_last.get(s[-1:], by_last[""]):
        if s.endswith(w):
            return w
    return ""


def is_unit_item(s: str, loose: bool = False) -> bool:
    """One item of a unit list: ``区卫生局``, ``各社区``, ``社区民警``, ``区财政``, ``卫生``.

    ``loose`` also accepts generic posts (``……员``, ``……长``, ``教师``): only where a trigger
    word or 由 makes the subject certain. Memoized: the same short spans are asked again and
    again (each clause prefix, each list item), and the lexicon is fixed once loaded.
    """
    return _is_unit_item(s, loose)


@functools.lru_cache(maxsize=1 << 16)
def _is_unit_item(s: str, loose: bool) -> bool:
    s = s.strip()
    if s.endswith(")") and "(" in s:  # (_strip_paren_tail)
        s = s[: s.rfind("(")]
    if "“" in s:  # 村“两委”, 农委“三创”办: a quoted name after a unit or a level word is part of the name
        q = _QUOTED_NAME.search(s)
        if q is not None and q.start() > 0 and _names_a_body(s[:q.start()]):
            s = s[:q.start()] + q.group(1) + s[q.end():]
    if not 1 < len(s) <= 24:
        return False
    tb = _tables()
    if s[-1] not in tb.last_chars:
        return False  # neither an ending nor a domain: nothing below can say yes
    lx = tb.lexicon
    if s in lx.not_owners or s[0] in "我本其":
        return False
    by_last = tb.false_suffixes_at  # (_ends_falsely: the words that end like s)
    if starts_badly(s) or s.endswith(by_last.get(s[-1], by_last[""])) or (
            s[0].isdigit() and _YEAR_START.match(s)):
        return False
    if "(" in s and _DATED_PAREN.search(s):
        return False
    # (most items hold no character or word of the two reject tests below: one search clears both)
    poisoned = tb.poison.search(s) is not None
    if poisoned and not _BAD_CHARS.isdisjoint(s):
        return False
    ending = _ending_at(s, tb.endings_loose_at if loose else tb.endings_at)
    head = s[: len(s) - len(ending)]  # 事业单位负责人: 负责 is part of the office, not a verb
    if poisoned and (not lx.reject_chars.isdisjoint(head) or (tb.reject_sub.search(s) and any(
            w in s and not (w in ending and s.count(w) == 1)
            for c in tb.reject_at.keys() & {*s, ""} for w in tb.reject_at[c]))):  # (the words s may hold)
        return False
    if ending:
        return True
    core = s[1:] if s.startswith("各") else s
    return _area_domain(core) or core in lx.domains


def _names_a_body(s: str) -> bool:
    """``村``, ``社区``, ``农委``: a level word, an area or a unit (what a quoted name may follow in
    a unit's name, 村“两委”; not a verb, 整治“散乱污”企业)."""
    lx = lexicon()
    return s in lx.issuer_words or s in lx.areas or is_unit_item(s)


def _area_domain(core: str) -> bool:
    """``区财政``: an area, then a domain: for each length a domain has, the tail a domain and
    the rest an area (set probes; asked on every miss)."""
    tb = _tables()
    n = len(core)
    for k in tb.domain_lens:
        if k <= n and core[n - k:] in tb.domains and core[:n - k] in tb.areas:
            return True
    return False


_SEPS_RE = literal_re(_LIST_SEPS)


def _split_top(s: str) -> list[tuple[int, int]]:
    """Split at 、 and , outside parentheses: ``县(市、区)政府、市局`` → two items."""
    if "(" not in s:  # no parentheses: every separator splits (a lone ")" changes nothing)
        if _SEPS_RE.search(s) is None:
            return [(0, len(s))] if s else []  # one item (most candidates)
        cuts = [m.start() for m in _SEPS_RE.finditer(s)]
        return [(a, b) for a, b in zip([0, *(i + 1 for i in cuts)], [*cuts, len(s)], strict=True) if b > a]
    out, depth, start = [], 0, 0
    for i, c in enumerate(s):
        if c in "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif c in _LIST_SEPS and depth == 0:
            out.append((start, i))
            start = i + 1
    out.append((start, len(s)))
    return [(a, b) for a, b in out if b > a]


_CONJ_RE = literal_re(_CONJ)


def _split_conj(s: str, a: int, b: int, loose: bool = False) -> list[tuple[int, int]]:
    """Split ``区卫生局和残联`` at 和/及/与 only when both sides are units (not 自然资源和规划局)."""
    if _CONJ_RE.search(s, a + 1, b) is None:
        return [(a, b)]  # no conjunction after a's first character: the loop below splits nothing
    for conj in _CONJ:
        i = s.find(conj, a, b)
        while i > a:
            left, right = (a, i), (i + len(conj), b)
            if is_unit_item(s[left[0]:left[1]], loose) and right[1] > right[0] \
                    and not _one_name(s[left[0]:left[1]], s[right[0]:right[1]]):
                rest = _split_conj(s, *right, loose)
                if all(is_unit_item(s[x:y], loose) for x, y in rest):
                    return [left, *rest]
            i = s.find(conj, i + 1, b)
    return [(a, b)]


def _one_name(left: str, right: str) -> bool:
    """``区文化和旅游局``: a bare domain (区文化) joined to a suffix with no area of its own is one name."""
    lx = lexicon()
    tb = _tables()
    if _ending_at(left, tb.endings_at):
        return False  # 区卫生局和残联: the left side is a unit by its own ending
    return not right.startswith(("各", *lx.areas)) and bool(_ending_at(right, tb.endings_at))


@functools.cache
def _closer_ends() -> frozenset[str]:
    return frozenset(c[-1] for c in lexicon().list_closers if c)


def strip_closer(s: str) -> str:
    """Drop a list closer: ``民政局、残联等相关部门`` → ``民政局、残联`` (but keep ``相关部门``)."""
    if s[-1:] not in _closer_ends():
        return s  # no closer ends with that character
    for c in lexicon().list_closers:
        if s.endswith(c) and len(s) > len(c):
            return s[: -len(c)]
    return s


def split_units(s: str, loose: bool = False) -> list[tuple[str, int, int]] | None:
    """Items of a unit list as ``(item, start, end)`` offsets into ``s``; None if ``s`` is not one.

    A modifier ending in 的 is dropped (``参与创建工作的各街道`` → ``各街道``); a one-character
    item joins the one before (``13个街道、镇``); an item that is not a unit by itself joins the
    next (``乡属各企、事业单位``). Memoized (a fresh list each call): the same spans come back
    from each clause and from every prefix :func:`match_unit_prefix` tries.
    """
    e = s[-1:]  # (_may_end_list)
    if not (e and (e in list_end_chars() or e.isspace() or (len(s) >= 2 and s[-2] in _LIST_SEPS))):
        return None
    got = _split_units(s, loose)
    return None if got is None else list(got)


@functools.cache
def list_end_chars() -> frozenset[str]:
    """Every last character of a unit list but blanks and the one-character item after a separator."""
    return _tables().last_chars | _closer_ends() | frozenset(")”" + _LIST_SEPS)


def _may_end_list(s: str) -> bool:
    """False when the last characters of ``s`` rule out a unit list: its last item ends it (a
    unit ending or domain, maybe before a closer, a parenthesis or blanks), or is one character
    after a separator (``13个街道、镇``). The cheap first test of :func:`split_units`."""
    e = s[-1:]
    if not e:
        return False
    return e in list_end_chars() or e.isspace() or (len(s) >= 2 and s[-2] in _LIST_SEPS)


# what makes a candidate more than one plain item: 的, a separator, a conjunction (its last
# character: one character class), a parenthesis
_NOT_ONE_ITEM = literal_re(("的", "(", *_LIST_SEPS, *(w[-1] for w in _CONJ)))


def _ends_like_unit(item: str, last_chars: frozenset[str]) -> bool:
    """Can ``item`` (a list's last item) end a unit? Its last character is one a unit ends with
    (村“两委”: a closing quote's name ends it)."""
    if item.endswith("”"):
        item = item[:-1]
    return bool(item) and item[-1] in last_chars


@functools.lru_cache(maxsize=1 << 15)
def _split_units(s: str, loose: bool) -> tuple[tuple[str, int, int], ...] | None:
    tb = _tables()
    if not s or len(s) > 60 or starts_badly(s) or tb.unit_word.search(s) is None:  # (may_hold_unit inline)
        return None
    if s[-1] not in tb.closer_ends and _NOT_ONE_ITEM.search(s) is None:
        # one plain item (most candidates): the steps below, shortened (no modifier to drop, no
        # closer, one piece: the list is that item when it ends like one and is a unit)
        if len(s) > 1 and not _ends_like_unit(s.strip(), tb.last_chars):
            return None
        return ((s, 0, len(s)),) if is_unit_item(s, loose) else None
    base = 0
    k = s.rfind("的")
    if k >= 0:
        if "对" in s[:k] or "把" in s[:k]:
            return None  # X对整改不力的单位(进行督查): the units are the object of X's task, not its subject
        base = k + 1
    closer_ends = tb.closer_ends  # (strip_closer's first test, without the call)
    body = s[base:] if base else s
    if body[-1:] in closer_ends:
        body = strip_closer(body)
    if not body:
        return None
    tops = _split_top(body)
    if not tops:
        return None
    # The list's last item ends the last piece (a one-character piece may join the one
    # before): unless that end can end a unit, the list is none, and nothing below is needed.
    a, b = tops[-1]
    last_len = b - a if body[b - 1] not in closer_ends else len(strip_closer(body[a:b]))
    if last_len > 1:
        if not _ends_like_unit(_strip_paren_tail(body[a:a + last_len].strip()), tb.last_chars):
            return None
    pieces: list[tuple[int, int]] = []
    for a, b in tops:
        if body[b - 1] in closer_ends:
            b = a + len(strip_closer(body[a:b]))
        pieces.extend(_split_conj(body, a, b, loose))
    # one-char items join the previous (13个街道、镇); non-units join the next (各企、事业单位)
    merged: list[list[int]] = []
    pending: int | None = None
    for a, b in pieces:
        if b - a == 1 and merged and pending is None:
            merged[-1][1] = b
            continue
        if not is_unit_item(body[a:b], loose):
            if pending is not None or b - a > 4:
                return None  # only a short head-less item joins the next one (各企、事业单位)
            pending = a
            continue
        if pending is not None:
            a, pending = pending, None
        merged.append([a, b])
    if pending is not None or not merged:
        return None
    out = []
    for a, b in merged:
        item = _strip_paren_tail(body[a:b])
        out.append((item, base + a, base + a + len(item)))
    return tuple(out)


def match_unit_prefix(s: str, max_len: int = 16, loose: bool = False,
                      follows=None, or_any: bool = False) -> tuple[str, int] | None:
    """The longest unit list at the start of ``s`` (``区残联制定…`` → ``区残联``), with its length.

    A suffix cut from a longer word does not count (``社区书记任组长``: not ``社区书记任组``).
    ``follows(rest)``, when given, must accept what comes after the unit (a verb), so that
    ``街道司法所牵头协调处理`` gives ``街道司法所``, not ``街道司法所牵头协调处``. ``or_any``: when
    ``follows`` accepts none, the longest unit list all the same (what a second call without
    ``follows`` gives, read in the same loop).
    """
    if not may_hold_unit(s, 0, min(len(s), max_len)):
        return None  # no prefix can be a unit list
    conts = lexicon().suffix_continuations
    list_end = list_end_chars()
    top = min(len(s), max_len)
    de = s.find("的", 0, top)
    if de >= 0:
        top = de  # a longer prefix holds 的
    fallback = None  # (or_any) the longest unit list that follows rejects
    for n in range(top, 1, -1):
        e = s[n - 1]
        if e in "、,和及与" or s[n - 2] in "、,":  # 分管副区长、区|残疾人……: a cut, not 13个街道、镇
            continue
        # (_may_end_list: its last test, on s[n - 2], is done above)
        if not (e in list_end or e.isspace()) or s[n - 1:n + 1] in conts:
            continue
        cand = s[:n]
        if _split_units(cand, loose) is None:
            continue
        # last: ``follows`` may run a tagger, the checks above are lookups
        if follows is not None and not follows(s[n:]):
            if or_any and fallback is None:
                fallback = cand, n
            continue
        return cand, n
    return fallback


@functools.cache
def org_name_ends() -> frozenset[str]:
    """Every last character an :func:`is_org_name` string can have: a cheap test before it."""
    lx = lexicon()
    return frozenset(w[-1] for w in (*lx.suffixes, *lx.domains) if w) | {")"}


@functools.cache
def org_end_finditer():
    """``finditer`` of one character of :func:`org_name_ends`."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(org_name_ends())) + "]").finditer


def may_end_org(text: str, p: int, start: int = 0) -> bool:
    """False when no name ``text[a:p]`` (``start <= a < p``) is an organization
    (:func:`is_org_name`): it ends neither in a parenthesis nor in a unit suffix or a domain
    (an area's domain). A cheap test (one probe, one endswith) before the names ending at ``p``."""
    c = text[p - 1]
    if c == ")":
        return True
    tails = _tables().org_tails_at
    return text.endswith(tails.get(c, tails[""]), start, p)


@functools.lru_cache(maxsize=1 << 15)
def is_org_name(s: str) -> bool:
    """A unit that is an organization (ends in a unit suffix), not a post (``社区书记``).

    Memoized (the function itself: it is asked on every clause's first words)."""
    s = _strip_paren_tail(s)
    core = s[1:] if s.startswith("各") else s
    by_last = _tables().suffixes_at  # (s.endswith(lexicon().suffixes), trying those that end like s)
    org = s.endswith(by_last.get(s[-1:], by_last[""])) or _area_domain(core)
    return org and is_unit_item(s)  # the cheap test on the ending first
