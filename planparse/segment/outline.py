"""Segment a plan's outline by its numbered headings into a tree of sections."""

from __future__ import annotations

from ..context import PlanSpan, SectionNode
from ..normalize import NormalizedText


def segment_outline(doc: NormalizedText, plan: PlanSpan) -> list[SectionNode]:
    """Top-level sections of ``plan`` (nested through ``children``), in normalized coordinates."""
    return []
