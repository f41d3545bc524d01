"""Normalize text while keeping a map back to the decoded source.

Normalization happens in two kinds of steps:

* one-to-one character replacements (full-width to ASCII, traditional to
  simplified), done with ``str.translate`` so positions do not move;
* deletions of web noise (pinyin glosses after characters, hyphens inside words,
  stray spaces between CJK characters), recorded as source ranges.

The kept pieces of the source form the normalized text; :meth:`NormalizedText.to_source`
maps a normalized span back with a binary search over the kept segments, so the
map costs O(number of deletions) memory, not O(characters).

>>> nt = normalize_text("社區(qū)工作")
>>> nt.text
'社区工作'
>>> nt.source_slice(0, 3)
'社區(qū)工'
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Final

from .noise import find_deletions, translate


class NormalizedText:
    """The normalized text of a source, with the map back to source offsets.

    A plain class, compiled with the hot modules (``_build.COMPILED``): every stage maps spans
    through it, and a compiled caller calls a compiled class's methods directly. Its fields are
    set once, by the constructor (``Final``: mypy refuses an assignment).
    """

    def __init__(self, source: str, text: str, _norm_starts: list[int] | None = None,
                 _src_starts: list[int] | None = None) -> None:
        ns = _norm_starts if _norm_starts is not None else []
        ss = _src_starts if _src_starts is not None else []
        self.source: Final = source
        self.text: Final = text
        # Kept segments: normalized start, source start (lengths follow from the next segment).
        self._norm_starts: Final = ns
        self._src_starts: Final = ss
        # One kept segment (nothing deleted but maybe a head or a tail: most texts): a span maps
        # by a shift, no binary search. None otherwise.
        self._shift: Final = ss[0] if len(ns) == 1 and ns[0] == 0 else None
        self._cut_points: frozenset[int] | None = None

    def __repr__(self) -> str:
        return f"NormalizedText(source={self.source!r}, text={self.text!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalizedText):
            return NotImplemented
        return (self.source == other.source and self.text == other.text
                and self._norm_starts == other._norm_starts and self._src_starts == other._src_starts)

    @property
    def cut_points(self) -> frozenset[int]:
        """Normalized positions right after a deletion (kept segments' starts, the first excepted)."""
        cuts = self._cut_points
        if cuts is None:
            cuts = self._cut_points = frozenset(self._norm_starts[1:])
        return cuts

    def cut_points_in(self, start: int, end: int) -> list[int]:
        """The :attr:`cut_points` in ``[start, end)``, sorted."""
        ns = self._norm_starts
        i = bisect.bisect_left(ns, max(start, 1), 1)
        return ns[i:bisect.bisect_left(ns, end, i)]

    def deleted_before(self, p: int) -> bool:
        """Did the normalizer delete source text right before normalized position ``p``?

        Only a kept segment's start can follow a deletion (or the start of the source):
        a set lookup spares the binary searches of :meth:`to_source` for every other position.
        """
        return p in self.cut_points or (p == 0 and bool(self._src_starts) and self._src_starts[0] > 0)

    def _src_pos(self, p: int) -> int:
        """Source index of the normalized character at ``p`` (0 <= p < len(text))."""
        i = _last_at_or_before(self._norm_starts, p, 0)
        return self._src_starts[i] + (p - self._norm_starts[i])

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized ``[start, end)`` to the source span it came from.

        Deleted noise inside the span is included in the source span; noise at its edges is not.
        """
        n = len(self.text)
        if not (0 <= start <= end <= n):
            raise ValueError(f"span ({start}, {end}) outside normalized text of length {n}")
        if start == end and start >= n:
            s = len(self.source)
            return (s, s)
        shift = self._shift
        if shift is not None:
            return (start + shift, end + shift)
        ns, ss = self._norm_starts, self._src_starts
        i = _last_at_or_before(ns, start, 0)  # _src_pos, inlined: extractors call this per span
        s = ss[i] + (start - ns[i])
        if start == end:
            return (s, s)
        last = end - 1
        j = _last_at_or_before(ns, last, i)
        return (s, ss[j] + (last - ns[j]) + 1)

    def source_slice(self, start: int, end: int) -> str:
        """The source text behind a normalized span: what an as-written field must hold."""
        s, e = self.to_source(start, end)
        return self.source[s:e]

    def from_source(self, pos: int) -> int:
        """Normalized index of the first kept character at or after source ``pos``."""
        i = _last_at_or_before(self._src_starts, pos, 0)
        if i < 0:
            return 0
        seg_len = (self._norm_starts[i + 1] if i + 1 < len(self._norm_starts) else len(self.text)) \
            - self._norm_starts[i]
        off = pos - self._src_starts[i]
        if off < seg_len:
            return self._norm_starts[i] + off
        return self._norm_starts[i] + seg_len


def _last_at_or_before(starts: list[int], p: int, lo: int) -> int:
    """``bisect.bisect_right(starts, p, lo) - 1``: the last index from ``lo`` on whose start is at or
    before ``p`` (``lo - 1`` if none). A loop compiled with this class: from compiled code, a call of
    ``bisect`` (an attribute lookup, boxed arguments, a rich comparison per step) costs several
    times this search of a short sorted list of ints."""
    hi = len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if p < starts[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo - 1


def _build(source: str, translated: str, deletions: Iterable[tuple[int, int]]) -> NormalizedText:
    pieces: list[str] = []
    norm_starts: list[int] = []
    src_starts: list[int] = []
    pos = 0  # next source index not yet consumed
    n = 0  # normalized length so far
    for s, e in sorted(deletions):
        if s < pos:  # overlapping deletion: keep the part not yet deleted
            s = pos
        if e <= s:
            continue
        if s > pos:
            norm_starts.append(n)
            src_starts.append(pos)
            pieces.append(translated[pos:s])
            n += s - pos
        pos = e
    if pos < len(source) or not norm_starts:
        norm_starts.append(n)
        src_starts.append(pos)
        pieces.append(translated[pos:])
    return NormalizedText(source=source, text="".join(pieces), _norm_starts=norm_starts, _src_starts=src_starts)


def normalize_text(source: str, *, fold_width: bool = True, to_simplified: bool = True,
                   remove_noise: bool = True) -> NormalizedText:
    """Normalize ``source`` for the later stages, keeping the offset map.

    Args:
        source: the decoded source text (BOM removed, nothing else changed).
        fold_width: fold full-width ASCII forms and the ideographic space (``（一）`` → ``(一)``).
        to_simplified: convert traditional characters to simplified, one character for one.
        remove_noise: delete pinyin glosses, in-word hyphens and stray spaces between CJK characters.
    """
    translated = translate(source, fold_width=fold_width, to_simplified=to_simplified)
    assert len(translated) == len(source), "character table must map one character to one"
    deletions = find_deletions(translated, source=source) if remove_noise else []
    return _build(source, translated, deletions)
