"""A plan's title, issuer and year."""

from __future__ import annotations

from ..context import PlanSpan
from ..normalize import NormalizedText


def detect_plan_meta(doc: NormalizedText, plan: PlanSpan) -> tuple[str | None, int | None]:
    """``(issuer, year)`` of the plan when its text states them (normalized strings)."""
    return (None, None)
