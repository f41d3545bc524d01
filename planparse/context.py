"""What the stages hand each other: the plan being parsed, in normalized coordinates.

Stages work on the normalized text (``doc.text``). Normalized offsets never leave
a stage: every model a stage returns carries *source* spans, made with
:meth:`PlanContext.span` and :meth:`PlanContext.source`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .models import SectionLabel
from .normalize import NormalizedText


@dataclass
class PlanSpan:
    """A plan found by :func:`planparse.segment.split_plans`, in normalized coordinates."""

    start: int
    end: int
    title_start: int | None = None
    title_end: int | None = None


class SectionNode:
    """A section of the outline in normalized coordinates (the segmenter's output).

    ``heading_start`` is where the marker starts; ``heading_end`` where the heading ends;
    ``marker_end`` where the marker ends and the heading text begins; ``end`` is the end of the
    whole section, children included.

    A plain class, not a dataclass: compiled, a dataclass is built through the ``__init__`` that
    ``dataclasses`` writes at run time, an interpreted call with keyword arguments (~4,000
    instructions, once per section); this ``__init__`` is compiled with the class. Equality is
    identity (a dataclass's field-wise ``==`` would recurse through ``parent`` and ``children``).
    """

    def __init__(self, marker: str | None, marker_kind: str, level: int, heading_start: int, marker_end: int,
                 heading_end: int, end: int, label: SectionLabel = SectionLabel.other, id: str = "",
                 parent: SectionNode | None = None, children: list[SectionNode] | None = None) -> None:
        self.marker = marker
        self.marker_kind = marker_kind
        self.level = level
        self.heading_start = heading_start
        self.marker_end = marker_end
        self.heading_end = heading_end
        self.end = end
        self.label = label
        self.id = id
        self.parent = parent
        self.children: list[SectionNode] = [] if children is None else children

    def __repr__(self) -> str:  # the dataclass's, without the parent
        return (f"SectionNode(marker={self.marker!r}, marker_kind={self.marker_kind!r}, level={self.level!r}, "
                f"heading_start={self.heading_start!r}, marker_end={self.marker_end!r}, "
                f"heading_end={self.heading_end!r}, end={self.end!r}, label={self.label!r}, id={self.id!r}, "
                f"children={self.children!r})")

    @property
    def start(self) -> int:
        return self.heading_start

    def top(self) -> SectionNode:
        """The level-1 ancestor (or itself)."""
        n = self
        while n.parent is not None:
            n = n.parent
        return n

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class PlanContext:
    """One plan as the extractors see it."""

    doc: NormalizedText
    plan_id: str
    start: int
    end: int
    title: str | None = None
    issuer: str | None = None
    year: int | None = None
    sections: list[SectionNode] = field(default_factory=list)  # top level, nested through children
    _flat: list[SectionNode] = field(default_factory=list, repr=False)
    _flat_starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        """Rebuild the position index after the sections change."""
        flat: list[SectionNode] = []  # depth first, in document order (what walk() yields), without generators
        stack = self.sections[::-1]
        while stack:
            n = stack.pop()
            flat.append(n)
            if n.children:
                stack.extend(n.children[::-1])
        self._flat = flat
        self._flat_starts = [n.heading_start for n in self._flat]

    @property
    def text(self) -> str:
        """The whole normalized document (index it with this plan's ``start``/``end``)."""
        return self.doc.text

    @property
    def plan_text(self) -> str:
        return self.doc.text[self.start:self.end]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of a normalized span."""
        return self.doc.to_source(start, end)

    def source(self, start: int, end: int) -> str:
        """Source text of a normalized span: use it for every ``text`` and as-written field."""
        return self.doc.source_slice(start, end)

    def flat_sections(self) -> list[SectionNode]:
        return self._flat

    def section_at(self, pos: int) -> SectionNode | None:
        """The innermost section containing normalized position ``pos``."""
        i = bisect.bisect_right(self._flat_starts, pos) - 1
        while i >= 0:
            n = self._flat[i]
            if n.heading_start <= pos < n.end:
                # the innermost: a later-starting node that still contains pos is deeper
                return n
            i -= 1
        return None

    def section_id_at(self, pos: int) -> str | None:
        n = self.section_at(pos)
        return n.id if n else None

    def section_label_at(self, pos: int) -> SectionLabel:
        """Label of the enclosing top-level section, ``other`` outside all sections."""
        n = self.section_at(pos)
        return n.top().label if n else SectionLabel.other
