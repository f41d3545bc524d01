"""A numbered section of a plan's outline, nested through ``children``."""

from __future__ import annotations

from pydantic import Field

from .base import ContractModel, Span
from .enums import SectionLabel


def _no_children() -> list[Section]:
    return []


class Section(ContractModel):
    """One heading and everything under it, up to the next heading of the same or a higher level.

    >>> Section(id="p1.s1", marker="一、", level=1, heading="指导思想", label="guiding_ideology",
    ...         heading_span=(0, 6), span=(0, 30)).label.value
    'guiding_ideology'
    """

    id: str = Field(description="path of ordinals inside the plan: p2.s3, p2.s3.1")
    marker: str | None = Field(description="the numbering as written: 一、 （一） 1. (1) ① 第一阶段; null when unnumbered")
    level: int = Field(description="depth in this plan's outline from nesting, 1 = top")
    heading: str = Field(description="heading text without the marker, up to the first 。；;:： or line end")
    label: SectionLabel = Field(SectionLabel.other, description="canonical label (docs/schema); inherited below level 1")
    heading_span: Span = Field(description="the marker and the heading")
    span: Span = Field(description="the whole section, children included")
    # a Python function, not ``list``: pydantic inspects the factory's signature, and for a builtin that
    # means parsing its text signature with the tokenize module (~12M instructions in every new process)
    children: list[Section] = Field(default_factory=_no_children, description="sub-sections in document order")

    def walk(self):
        """Yield this section and all its descendants in document order."""
        yield self
        for c in self.children:
            yield from c.walk()
