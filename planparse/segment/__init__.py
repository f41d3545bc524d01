"""Split a file into plans and segment each plan's outline."""

from .meta import detect_plan_meta
from .outline import segment_outline
from .plans import split_plans

__all__ = ["detect_plan_meta", "segment_outline", "split_plans"]
