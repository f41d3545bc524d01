"""Closed vocabularies of the contract, as ``(str, Enum)`` so JSON holds plain strings."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

_E = TypeVar("_E", bound=Enum)


class SectionLabel(str, Enum):
    """Canonical section labels (shared/docs/schema.md)."""

    background = "background"
    guiding_ideology = "guiding_ideology"
    principles = "principles"
    objectives = "objectives"
    organization = "organization"
    responsibilities = "responsibilities"
    tasks = "tasks"
    measures = "measures"
    schedule = "schedule"
    requirements = "requirements"
    evaluation = "evaluation"
    standards = "standards"
    other = "other"


class TargetKind(str, Enum):
    """A level to reach or keep (``target``) or a stated state or result (``fact``)."""

    target = "target"
    fact = "fact"


class Comparator(str, Enum):
    """How the value bounds the metric: ``不低于`` is ``>=``, ``以内`` is ``<=``."""

    ge = ">="
    gt = ">"
    le = "<="
    lt = "<"
    eq = "="
    range = "range"


class TimeKind(str, Enum):
    """``2014年底`` date, ``2010年1月—2月`` range, ``每季度`` recurring, ``上半年`` period, ``连续3年`` duration."""

    date = "date"
    range = "range"
    recurring = "recurring"
    period = "period"
    duration = "duration"


class Relation(str, Enum):
    """``负责`` responsible, ``牵头`` lead, ``配合`` cooperate, ``督查`` supervise."""

    responsible = "responsible"
    lead = "lead"
    cooperate = "cooperate"
    supervise = "supervise"


def members_by_value(enum: type[_E]) -> dict[str, _E]:
    """``{value: member}`` of a vocabulary: a dict lookup for hot loops, where ``enum(value)`` goes
    through the Enum's call machinery for every item. A fresh dict: callers keep it as a constant."""
    return {m.value: m for m in enum}
