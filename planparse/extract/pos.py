"""Part of speech of short strings (a heading, a few characters after a unit, a metric phrase).

The extractors ask small questions: is the first word a verb, does a heading end in a noun,
is ``谷孝红`` a person's name, which words make ``社区康复协调员配备率``. jieba's tagger
answers them, but ``import jieba.posseg`` and its first cut cost about two seconds per
process (its prefix dictionary, its word-tag table and its model modules), more than
parsing a plan, and every batch worker paid it. This module gives jieba's answers
without jieba: :func:`cut` returns exactly what ``jieba.posseg.cut(s)`` yields (same words,
same tags, ties included; ``tests/extract/test_pos.py`` compares the two), from two tables
made once from jieba 0.42's own data (MIT licence, © 2013 Sun Junyi) by
:mod:`planparse.extract.build_pos_words`:

* ``data/pos_words.tsv``: jieba's ``dict.txt`` (word, frequency, tag), sorted by code point;
* ``data/pos_hmm.tsv``: jieba's tagging HMM, which guesses words and tags where characters
  make no known word (names like ``谷孝红``, new words like ``专班``).

Both are mapped into memory and searched in place (binary search over sorted byte lines);
a word, a character's emissions or a state's transitions are parsed the first time they
are asked for. So loading costs about a millisecond, and a plan's few dozen short strings
about 15 ms of CPU, where ``import jieba.posseg`` and its first cut cost about two seconds.

The algorithm is jieba's: the most probable path through the known words (log frequency
minus log total, ties to the longer word), runs of single characters that are no word given
to the HMM (Viterbi over (B/M/E/S, tag) states), alphanumerics tagged ``m``/``eng`` and
everything else ``x``. Only short strings come here, never a whole document.

>>> cut("组长:王康辉")
(('组长', 'v'), (':', 'x'), ('王康辉', 'nr'))
"""

from __future__ import annotations

import functools
import math
import mmap
import os
import re
from typing import Any

from ..errors import RuleDataError
from ..resources import compile_std, data_path

# jieba.posseg's character classes, kept as jieba writes them (stdlib re, same semantics):
# a block of Han characters and alphanumerics is segmented; anything else is punctuation.
_HAN_INTERNAL = compile_std("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._]+)")
_SKIP_INTERNAL = re.compile(r"(\r\n|\s)")
_HAN_DETAIL = compile_std("([\u4e00-\u9fd5]+)")
_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_NUM = re.compile(r"[\.0-9]+")
_ENG = re.compile(r"[a-zA-Z0-9]+")


def _map(name: str) -> bytes | mmap.mmap:
    """A data file mapped into memory (read-only): a lookup touches a few pages, not 5 MB; worker
    processes share the pages. Read whole where the package is not on a file system."""
    p = data_path(name)
    try:
        with open(os.fspath(p), "rb") as f:  # type: ignore[call-overload]
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (TypeError, OSError, ValueError):
        return p.read_bytes()


class _Sorted:
    """Lines ``key<TAB>…`` of a bytes blob, sorted by bytes from ``start`` on, found by binary search in place."""

    def __init__(self, raw: bytes | mmap.mmap, start: int) -> None:
        self.raw = raw
        self.start = start  # first line of the sorted part; raw[start - 1] is a newline
        self.end = len(raw)

    def at_or_after(self, key: bytes, lo: int = 0, hi: int = 0) -> int:
        """Byte offset of the first line that sorts at or after ``key`` (between line starts ``lo`` and ``hi``)."""
        raw = self.raw
        lo, hi = lo or self.start, hi or self.end
        while lo < hi:
            mid = (lo + hi) // 2
            s = raw.rfind(b"\n", lo - 1, mid) + 1
            e = raw.find(b"\n", s)
            if raw[s:e] < key:
                lo = e + 1
            else:
                hi = s
        return lo

    def line(self, p: int) -> bytes:
        return self.raw[p:self.raw.find(b"\n", p)]


def _header(raw: bytes | mmap.mmap, name: str) -> tuple[dict[str, str], int]:
    """``# key<TAB>value`` lines at the top of a table, and where the data starts."""
    head: dict[str, str] = {}
    start = 0
    while raw[start:start + 1] == b"#":
        end = raw.find(b"\n", start)
        k, _, v = raw[start + 1:end].decode("utf-8").strip().partition("\t")
        if v:
            head[k] = v
        start = end + 1
    if start == 0:
        raise RuleDataError(f"data/{name}: no header")
    return head, start


class _Table:
    """jieba's dictionary: ``word<TAB>freq<TAB>tag`` lines sorted by bytes."""

    def __init__(self, raw: bytes | mmap.mmap) -> None:
        head, start = _header(raw, "pos_words.tsv")
        if "total" not in head:
            raise RuleDataError("data/pos_words.tsv: no '# total' header line")
        self.lines = _Sorted(raw, start)
        self.log_total = math.log(int(head["total"]))
        self._cache: dict[str, tuple[int, str] | None] = {}
        # a word's log frequency minus the log total (jieba's route weight), set with its entry in _cache
        self.log_prob: dict[str, float] = {}
        self._buckets: dict[str, tuple[int, int]] = {}

    @property
    def known(self) -> dict[str, tuple[int, str] | None]:
        """The answers of :meth:`get` so far, by fragment (read-only for callers): a hot loop
        looks a fragment up here and calls :meth:`get` only when it is missing."""
        return self._cache

    def _bucket(self, c: str) -> tuple[int, int]:
        """Where the words that start with ``c`` are: the searches for ``c…`` stay inside."""
        b = self._buckets.get(c)
        if b is None:
            lines = self.lines
            lo = lines.at_or_after(c.encode("utf-8"))
            hi = lines.at_or_after(chr(ord(c) + 1).encode("utf-8", "surrogatepass"), lo)
            b = self._buckets[c] = (lo, hi)
        return b

    def get(self, frag: str) -> tuple[int, str] | None:
        """``(freq, tag)`` of a word, ``(0, "")`` for a fragment that only starts longer words, else None."""
        hit = self._cache.get(frag, False)
        if hit is not False:
            return hit  # type: ignore[return-value]
        key = frag.encode("utf-8")
        lines = self.lines
        lo, hi = self._bucket(frag[0])
        p = lines.at_or_after(key, lo, hi) if lo < hi else hi
        out: tuple[int, str] | None = None
        if lines.raw[p:p + len(key)] == key:
            line = lines.line(p)
            if line[len(key):len(key) + 1] == b"\t":
                _, f, t = line.split(b"\t")
                out = (int(f), t.decode("ascii"))
                if out[0]:
                    self.log_prob[frag] = math.log(out[0]) - self.log_total
            else:
                out = (0, "")
        self._cache[frag] = out
        return out


@functools.cache
def _table() -> _Table:
    return _Table(_map("pos_words.tsv"))


MIN_FLOAT = -3.14e100  # jieba's "impossible" emission
MIN_INF = float("-inf")


class _HMM:
    """jieba's tagging HMM over (B/M/E/S, tag) states, numbered in the order of their tuples.

    Only what a guess needs is parsed: a state's transitions and a character's line the
    first time they are used.
    """

    def __init__(self, raw: bytes | mmap.mmap) -> None:
        _, start = _header(raw, "pos_hmm.tsv")
        chars = raw.find(b"\n# chars\n", start - 1) + 1
        if chars <= 0:
            raise RuleDataError("data/pos_hmm.tsv: no '# chars' line")
        self._state_lines = raw[start:chars].split(b"\n")[:-1]
        self.names: list[tuple[str, str]] = []
        self.start: list[float] = []
        for ln in self._state_lines:
            bmes, tag, p, _ = ln.split(b"\t", 3)
            self.names.append((bmes.decode("ascii"), tag.decode("ascii")))
            self.start.append(float(p))
        self.all_states = tuple(range(len(self.names)))
        self._trans: list[dict[int, float] | None] = [None] * len(self.names)
        self._chars_lines = _Sorted(raw, chars + len(b"# chars\n"))
        self._chars: dict[str, tuple[tuple[int, ...], dict[int, float]]] = {}
        self._emit_of: dict[str, dict[int, float]] = {}
        self._into: list[dict[int, float]] | None = None
        self._movers: frozenset[int] = frozenset()

    def trans(self, x: int) -> dict[int, float]:
        """Next states of state ``x`` with their log-probabilities."""
        t = self._trans[x]
        if t is None:
            nxt = self._state_lines[x].split(b"\t", 3)[3].decode("ascii")
            t = self._trans[x] = {int(a): float(b) for a, b in (i.split(":") for i in nxt.split())}
        return t

    def char(self, c: str) -> tuple[tuple[int, ...], dict[int, float]]:
        """(allowed states, emission log-probs) of a character; unknown: any state, no emission."""
        hit = self._chars.get(c)
        if hit is None:
            key = c.encode("utf-8") + b"\t"
            lines = self._chars_lines
            p = lines.at_or_after(key)
            if lines.raw[p:p + len(key)] != key:
                hit = (self.all_states, {})
            else:
                _, allowed, em = lines.line(p).decode("utf-8").split("\t")
                hit = (self.all_states if allowed == "-" else tuple(int(x) for x in allowed.split()),
                       {int(a): float(b) for a, b in (x.split(":") for x in em.split())})
            self._chars[c] = hit
        return hit

    def emissions(self, c: str) -> dict[int, float]:
        """The allowed states of a character with their emission log-probs (jieba's
        ``MIN_FLOAT`` for an allowed state it gives none): one dict for :meth:`viterbi`."""
        hit = self._emit_of.get(c)
        if hit is None:
            allowed, em = self.char(c)
            hit = self._emit_of[c] = {y: em.get(y, MIN_FLOAT) for y in allowed}
        return hit

    def into(self) -> list[dict[int, float]]:
        """For each state, the states that reach it with their transition log-probs (made once)."""
        if self._into is None:
            into: list[dict[int, float]] = [{} for _ in self.all_states]
            for x in self.all_states:
                for y, p in self.trans(x).items():
                    into[y][x] = p
            self._into = into
            self._movers = frozenset(x for x in self.all_states if self.trans(x))
        return self._into

    def viterbi(self, obs: str) -> list[int]:
        """The best state sequence, exactly as jieba's ``posseg.viterbi`` finds it (ties too).

        jieba takes, for each state ``y``, the max of ``(V[y0] + trans(y0 → y) + emit, y0)``
        over all previous states, a missing transition counting as -inf; it keeps the states
        the character allows that some previous state reaches (else all it reaches). Here only
        the previous states with a transition into ``y`` are visited (the smaller of the two
        dicts read, the other probed); a state that only -inf scores reach gets jieba's answer
        for an all -inf max: -inf from the largest previous state.
        """
        trans = self.trans
        into = self.into()
        emit = self.emissions(obs[0])
        v = {y: self.start[y] + e for y, e in emit.items()}
        path: list[dict[int, int]] = [dict.fromkeys(emit, -1)]
        movers = self._movers  # the states with a transition (made with into())
        for t in range(1, len(obs)):
            last = max(y0 for y0 in v if y0 in movers)
            emit = self.emissions(obs[t])
            nv: dict[int, float] = {}
            back: dict[int, int] = {}
            for y, e in emit.items():
                inc = into[y]
                # the previous states with a transition into y, each once, read from the smaller of
                # the two dicts and probed in the other (no set built: the max below does not depend
                # on their order; a + b == b + a exactly, so either side may be the one read)
                small, big = (v, inc) if len(v) <= len(inc) else (inc, v)
                best, arg = MIN_INF, last
                reached = False
                for y0, a in small.items():
                    b = big.get(y0)
                    if b is not None:
                        reached = True
                        score = a + b + e
                        if score > best or (score == best and y0 > arg):
                            best, arg = score, y0
                if reached:
                    nv[y], back[y] = best, arg
            if not nv:  # no allowed state is reached: every state reached (or every state) counts
                rows = [(y0, v0, tr) for y0, v0 in v.items() if (tr := trans(y0))]
                nv, back = self._step_any(rows, last, self.char(obs[t])[1])
            v = nv
            path.append(back)
        _, state = max((v[y], y) for y in v)
        route = [0] * len(obs)
        for i in range(len(obs) - 1, -1, -1):
            route[i] = state
            state = path[i][state]
        return route

    def _step_any(self, rows, last: int, em: dict[int, float]) -> tuple[dict[int, float], dict[int, int]]:
        """A Viterbi step over the states ``rows`` reach, or over all states when they reach none
        (jieba's fallbacks, when the character allows none of them)."""
        states = {y for _, _, tr in rows for y in tr} or set(self.all_states)
        nv: dict[int, float] = {}
        back: dict[int, int] = {}
        for y in states:
            e = em.get(y, MIN_FLOAT)
            best, arg = MIN_INF, last
            for y0, v0, tr in rows:
                p = tr.get(y)
                if p is not None:
                    score = v0 + p + e
                    if score > best or (score == best and y0 > arg):
                        best, arg = score, y0
            nv[y], back[y] = best, arg
        return nv, back


@functools.cache
def _hmm() -> _HMM:
    return _HMM(_map("pos_hmm.tsv"))


def _tag_of(word: str) -> str:
    hit = _table().get(word)
    return hit[1] if hit and hit[0] else "x"


def lookup(word: str) -> tuple[int, str] | None:
    """``(frequency, tag)`` of a word of the dictionary, else None (roles: is 车间 a word?).

    >>> lookup("车间")[1], lookup("车间主")
    ('n', None)
    """
    hit = _table().get(word)
    return hit if hit and hit[0] else None


def _guess(block: str) -> list[tuple[str, str]]:
    """Words and tags of a run of Han characters that make no known word (jieba's HMM)."""
    hmm = _hmm()
    states = [hmm.names[i] for i in hmm.viterbi(block)]
    out: list[tuple[str, str]] = []
    begin = nexti = 0
    for i, (bmes, tag) in enumerate(states):
        if bmes == "B":
            begin = i
        elif bmes == "E":
            out.append((block[begin:i + 1], tag))
            nexti = i + 1
        elif bmes == "S":
            out.append((block[i], tag))
            nexti = i + 1
    if nexti < len(block):
        out.append((block[nexti:], states[nexti][1]))
    return out


def _detail(buf: str) -> list[tuple[str, str]]:
    """A run of single characters that is no word: Han parts guessed, numbers ``m``, letters ``eng``."""
    out: list[tuple[str, str]] = []
    for blk in _HAN_DETAIL.split(buf):
        if not blk:
            continue
        if _HAN_DETAIL.match(blk):
            out += _guess(blk)
            continue
        for x in _SKIP_DETAIL.split(blk):
            if x:
                out.append((x, "m" if _NUM.match(x) else "eng" if _ENG.match(x) else "x"))
    return out


def _route(s: str) -> list[str]:
    """The most probable split of ``s`` into words (jieba's DAG and route, ties to the longer word)."""
    table = _table()
    log_total = table.log_total
    known, log_prob = table.known, table.log_prob  # (table.get without the call where it is known)
    n = len(s)
    # from each position: the best route's weight and the end of its first word; a tie goes to
    # the longer word (jieba's max of (weight, end) pairs: the ends come in increasing order)
    score_at = [0.0] * (n + 1)
    end_at = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        best: float | None = None
        end = i
        for j in range(i + 1, n + 1):  # stops at the first fragment that starts no word
            frag = s[i:j]
            hit: Any = known.get(frag, False)
            if hit is False:
                hit = table.get(frag)
            if hit is None:
                break
            if hit[0]:
                score = log_prob[frag] + score_at[j]
                if best is None or score >= best:
                    best, end = score, j - 1
        if best is None:
            best, end = -log_total + score_at[i + 1], i
        score_at[i], end_at[i] = best, end
    words = []
    i = 0
    while i < n:
        j = end_at[i] + 1
        words.append(s[i:j])
        i = j
    return words


def _cut_block(s: str) -> list[tuple[str, str]]:
    """Tag one block of Han characters and alphanumerics (jieba.posseg's ``__cut_DAG``)."""
    table = _table()
    out: list[tuple[str, str]] = []
    buf = ""

    def flush() -> None:
        if len(buf) == 1:
            out.append((buf, _tag_of(buf)))
        elif not (table.get(buf) or (0,))[0]:
            out.extend(_detail(buf))
        else:
            out.extend((c, _tag_of(c)) for c in buf)

    for w in _route(s):
        if len(w) == 1:
            buf += w
            continue
        if buf:
            flush()
            buf = ""
        out.append((w, _tag_of(w)))
    if buf:
        flush()
    return out


@functools.lru_cache(maxsize=8192)
def cut(s: str) -> tuple[tuple[str, str], ...]:
    """``(word, tag)`` pairs of ``s``, as ``jieba.posseg.cut`` gives them (see the module doc).

    >>> cut("2025年覆盖率达到95%")
    (('2025', 'm'), ('年', 'm'), ('覆盖率', 'n'), ('达到', 'v'), ('95', 'm'), ('%', 'x'))
    """
    out: list[tuple[str, str]] = []
    for blk in _HAN_INTERNAL.split(s):
        if not blk:
            continue
        if _HAN_INTERNAL.match(blk):
            out += _cut_block(blk)
            continue
        for x in _SKIP_INTERNAL.split(blk):
            if _SKIP_INTERNAL.match(x):
                out.append((x, "x"))
            else:
                out.extend((c, "x") for c in x)
    return tuple(out)


def first_word(s: str) -> tuple[str, str] | None:
    """``cut(s)[0]`` (None when ``cut(s)`` is empty), without tagging the rest of ``s``.

    The first block's route is found whole (the first word depends on all of it), but only
    its first run of single characters that is no word goes to the HMM, and no later word
    is tagged. The responsibilities extractor asks only whether the first word of a few
    characters is a verb; ``tests/extract/test_pos.py`` compares this with :func:`cut`.
    """
    for blk in _HAN_INTERNAL.split(s):
        if not blk:
            continue
        if _HAN_INTERNAL.match(blk):
            return _first_of_block(blk)
        for x in _SKIP_INTERNAL.split(blk):
            if _SKIP_INTERNAL.match(x):
                return (x, "x")
            if x:
                return (x[0], "x")
    return None


def _first_of_block(s: str) -> tuple[str, str]:
    """The first pair :func:`_cut_block` gives for ``s`` (not empty)."""
    buf = ""
    for w in _route(s):
        if len(w) == 1:
            buf += w
            continue
        if not buf:
            return (w, _tag_of(w))
        break
    # (flush's first pair)
    if len(buf) == 1:
        return (buf, _tag_of(buf))
    if (_table().get(buf) or (0,))[0]:
        return (buf[0], _tag_of(buf[0]))
    for blk in _HAN_DETAIL.split(buf):  # (_detail's first pair)
        if not blk:
            continue
        if _HAN_DETAIL.match(blk):
            return _guess(blk)[0]
        for x in _SKIP_DETAIL.split(blk):
            if x:
                return (x, "m" if _NUM.match(x) else "eng" if _ENG.match(x) else "x")
    raise AssertionError("a non-empty run of characters gives a word")  # (unreachable)
