"""Quantified targets and facts."""

from __future__ import annotations

from .base import ContractModel, Span
from .enums import Comparator, SectionLabel, TargetKind


class Target(ContractModel):
    """A number that states a level to reach (``target``) or a measured state (``fact``).

    >>> Target(text="配备率达到100%", span=(10, 19), kind="target", metric="配备率", comparator=">=",
    ...        value=100, unit="%").comparator.value
    '>='
    """

    text: str
    span: Span
    kind: TargetKind
    subject: str | None = None
    metric: str | None = None
    comparator: Comparator
    value: int | float
    value_max: int | float | None = None
    unit: str | None = None
    per: str | None = None
    deadline: str | None = None
    section_label: SectionLabel = SectionLabel.other
    section_id: str | None = None
