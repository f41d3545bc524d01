"""Time expressions."""

from __future__ import annotations

from .base import ContractModel, Span
from .enums import TimeKind


class TimeExpr(ContractModel):
    """A date, range, recurring schedule, period or duration, normalized to ISO prefixes.

    >>> TimeExpr(text="2010年1月—2月", span=(0, 10), kind="range", start="2010-01", end="2010-02").end
    '2010-02'
    """

    text: str
    span: Span
    kind: TimeKind
    start: str | None = None
    end: str | None = None
    recurrence: str | None = None
    section_id: str | None = None
