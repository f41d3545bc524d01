"""Roles: who holds which position in which body."""

from __future__ import annotations

from ..context import PlanContext
from ..models import Role


def extract_roles(ctx: PlanContext) -> list[Role]:
    """Roles of the plan, in document order."""
    return []
