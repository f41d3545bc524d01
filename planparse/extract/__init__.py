"""Extractors: each a pure function of a :class:`planparse.context.PlanContext`."""

from .responsibilities import extract_responsibilities
from .roles import extract_roles
from .targets import extract_targets
from .times import extract_times

__all__ = ["extract_responsibilities", "extract_roles", "extract_targets", "extract_times"]
