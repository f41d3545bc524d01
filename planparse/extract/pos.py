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

* ``data/pos_words.tsv``: jieba's ``dict.txt`` (word, frequency, tag), sorted by code point
  and searched in place as bytes, so loading it is reading one file (~5 MB);
* ``data/pos_hmm.tsv``: jieba's tagging HMM, which guesses words and tags where characters
  make no known word (names like ``谷孝红``, new words like ``专班``); a character's line is
  parsed the first time that character needs a guess.

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
import re

from ..errors import RuleDataError
from ..resources import data_path

# jieba.posseg's character classes, kept as jieba writes them (stdlib re, same semantics):
# a block of Han characters and alphanumerics is segmented; anything else is punctuation.
_HAN_INTERNAL = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._]+)")
_SKIP_INTERNAL = re.compile(r"(\r\n|\s)")
_HAN_DETAIL = re.compile("([\u4e00-\u9fd5]+)")
_SKIP_DETAIL = re.compile(r"([\.0-9]+|[a-zA-Z0-9]+)")
_NUM = re.compile(r"[\.0-9]+")
_ENG = re.compile(r"[a-zA-Z0-9]+")


class _Table:
    """``word<TAB>freq<TAB>tag`` lines sorted by bytes, searched in place."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        start = 0
        total = 0
        while raw.startswith(b"#", start):
            end = raw.index(b"\n", start)
            head = raw[start:end].split(b"\t")
            if head[0].strip() == b"# total":
                total = int(head[1])
            start = end + 1
        if not total or start == 0:
            raise RuleDataError("data/pos_words.tsv: no '# total' header line")
        self.start = start  # first word line; raw[start - 1] is a newline
        self.log_total = math.log(total)
        self._cache: dict[str, tuple[int, str] | None] = {}

    def _first_at_or_after(self, key: bytes) -> int:
        """Byte offset of the first line that sorts at or after ``key``."""
        raw = self.raw
        lo, hi = self.start, len(raw)
        while lo < hi:
            mid = (lo + hi) // 2
            s = raw.rfind(b"\n", lo - 1, mid) + 1
            e = raw.find(b"\n", s)
            if raw[s:e] < key:
                lo = e + 1
            else:
                hi = s
        return lo

    def get(self, frag: str) -> tuple[int, str] | None:
        """``(freq, tag)`` of a word, ``(0, "")`` for a fragment that only starts longer words, else None."""
        hit = self._cache.get(frag, False)
        if hit is not False:
            return hit  # type: ignore[return-value]
        key = frag.encode("utf-8")
        raw = self.raw
        p = self._first_at_or_after(key)
        out: tuple[int, str] | None = None
        if raw.startswith(key, p):
            e = raw.find(b"\n", p)
            line = raw[p:e]
            if line[len(key):len(key) + 1] == b"\t":
                _, f, t = line.split(b"\t")
                out = (int(f), t.decode("ascii"))
            else:
                out = (0, "")
        self._cache[frag] = out
        return out


@functools.cache
def _table() -> _Table:
    return _Table(data_path("pos_words.tsv").read_bytes())


MIN_FLOAT = -3.14e100  # jieba's "impossible" emission
MIN_INF = float("-inf")


class _HMM:
    """jieba's tagging HMM over (B/M/E/S, tag) states; a character's line is parsed on first use."""

    def __init__(self, raw: bytes) -> None:
        lines = raw.split(b"\n")
        k = 0
        while lines[k].startswith(b"#"):
            k += 1
        self.names: list[tuple[str, str]] = []
        self.start: list[float] = []
        self.trans: list[dict[int, float]] = []
        while not lines[k].startswith(b"# chars"):
            pos_, tag, start, nxt = lines[k].decode("ascii").split("\t")
            self.names.append((pos_, tag))
            self.start.append(float(start))
            self.trans.append({int(a): float(b) for a, b in (x.split(":") for x in nxt.split())})
            k += 1
        self.all_states = tuple(range(len(self.names)))
        # character lines stay bytes, keyed by the character's UTF-8 (three bytes: all are Han)
        self._raw = {ln[:3]: ln for ln in lines[k + 1:] if ln}
        self._chars: dict[str, tuple[tuple[int, ...], dict[int, float]]] = {}

    def char(self, c: str) -> tuple[tuple[int, ...], dict[int, float]]:
        """(allowed states, emission log-probs) of a character; unknown: any state, no emission."""
        hit = self._chars.get(c)
        if hit is None:
            ln = self._raw.get(c.encode("utf-8"))
            if ln is None:
                hit = (self.all_states, {})
            else:
                _, allowed, em = ln.decode("utf-8").split("\t")
                hit = (self.all_states if allowed == "-" else tuple(int(x) for x in allowed.split()),
                       {int(a): float(b) for a, b in (x.split(":") for x in em.split())})
            self._chars[c] = hit
        return hit

    def viterbi(self, obs: str) -> list[int]:
        """The best state sequence, computed exactly as jieba's ``posseg.viterbi`` does (ties too)."""
        trans = self.trans
        allowed, em = self.char(obs[0])
        v = {y: self.start[y] + em.get(y, MIN_FLOAT) for y in allowed}
        path: list[dict[int, int]] = [dict.fromkeys(allowed, -1)]
        for t in range(1, len(obs)):
            prev = [x for x in path[-1] if trans[x]]
            expect = {y for x in prev for y in trans[x]}
            allowed, em = self.char(obs[t])
            states = set(allowed) & expect or expect or set(self.all_states)
            nv: dict[int, float] = {}
            back: dict[int, int] = {}
            for y in states:
                e = em.get(y, MIN_FLOAT)
                nv[y], back[y] = max((v[y0] + trans[y0].get(y, MIN_INF) + e, y0) for y0 in prev)
            v = nv
            path.append(back)
        _, state = max((v[y], y) for y in path[-1])
        route = [0] * len(obs)
        for i in range(len(obs) - 1, -1, -1):
            route[i] = state
            state = path[i][state]
        return route


@functools.cache
def _hmm() -> _HMM:
    return _HMM(data_path("pos_hmm.tsv").read_bytes())


def _tag_of(word: str) -> str:
    hit = _table().get(word)
    return hit[1] if hit and hit[0] else "x"


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
    n = len(s)
    best: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
    for i in range(n - 1, -1, -1):
        cands: list[tuple[float, int]] = []
        for j in range(i + 1, n + 1):  # stops at the first fragment that starts no word
            hit = table.get(s[i:j])
            if hit is None:
                break
            if hit[0]:
                cands.append((math.log(hit[0]) - log_total + best[j][0], j - 1))
        if not cands:
            cands.append((-log_total + best[i + 1][0], i))
        best[i] = max(cands)
    words = []
    i = 0
    while i < n:
        j = best[i][1] + 1
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
