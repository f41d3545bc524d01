"""A numbered section of a plan's outline, nested through ``children``."""

from __future__ import annotations

from .base import ContractModel, Span
from .enums import SectionLabel


class Section(ContractModel):
    """One heading and everything under it, up to the next heading of the same or a higher level.

    >>> Section(id="p1.s1", marker="一、", level=1, heading="指导思想", label="guiding_ideology",
    ...         heading_span=(0, 6), span=(0, 30)).label.value
    'guiding_ideology'
    """

    id: str
    marker: str | None
    level: int
    heading: str
    label: SectionLabel = SectionLabel.other
    heading_span: Span
    span: Span
    children: list[Section] = []

    def walk(self):
        """Yield this section and all its descendants in document order."""
        yield self
        for c in self.children:
            yield from c.walk()
