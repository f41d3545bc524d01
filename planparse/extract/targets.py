"""Quantified targets and facts."""

from __future__ import annotations

from ..context import PlanContext
from ..models import Target, TimeExpr


def extract_targets(ctx: PlanContext, times: list[TimeExpr] | None = None) -> list[Target]:
    """Targets and facts of the plan, in document order; ``times`` give deadlines."""
    return []
