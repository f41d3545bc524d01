"""Time expressions: dates, ranges, recurring schedules, periods, durations."""

from __future__ import annotations

from ..context import PlanContext
from ..models import TimeExpr


def extract_times(ctx: PlanContext) -> list[TimeExpr]:
    """Time expressions of the plan, in document order."""
    return []
