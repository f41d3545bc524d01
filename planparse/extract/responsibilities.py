"""Responsibilities: which unit owns which task."""

from __future__ import annotations

from ..context import PlanContext
from ..models import Responsibility


def extract_responsibilities(ctx: PlanContext) -> list[Responsibility]:
    """Responsibilities of the plan, in document order."""
    return []
