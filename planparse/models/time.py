"""Time expressions."""

from __future__ import annotations

from pydantic import Field

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
    start: str | None = Field(None, description="ISO-8601 prefix, X per unknown digit: 2010-01, 20XX-03-01, XXXX-09-21")
    end: str | None = Field(None, description="end of a range, missing parts inherited from the start")
    recurrence: str | None = Field(None, description="daily, weekly, semimonthly, monthly, quarterly, yearly, ...")
    section_id: str | None = Field(None, description="id of the innermost enclosing section")
