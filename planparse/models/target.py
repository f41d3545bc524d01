"""Quantified targets and facts."""

from __future__ import annotations

from pydantic import Field

from .base import ContractModel, Span
from .enums import Comparator, SectionLabel, TargetKind


class Target(ContractModel):
    """A number that states a level to reach (``target``) or a measured state (``fact``).

    >>> Target(text="配备率达到100%", span=(10, 19), kind="target", metric="配备率", comparator=">=",
    ...        value=100, unit="%").comparator.value
    '>='
    """

    text: str = Field(description="the smallest source span holding metric, comparator, value and unit")
    span: Span
    kind: TargetKind = Field(description="target: a level to reach or keep; fact: a stated state or result")
    subject: str | None = Field(None, description="what is measured (normalized): 社区康复协调员")
    metric: str | None = Field(None, description="the measure (normalized): 配备率, 床位数, 绿化")
    comparator: Comparator = Field(description=">= for 不低于/达到/以上 and bare targets, <= for 以内/不超过, = for facts")
    value: int | float = Field(description="the number, Chinese numerals converted; for a range its lower end")
    value_max: int | float | None = Field(None, description="upper end of a range (60至80分)")
    unit: str | None = Field(None, description="one spelling per unit: %, 名, 人, 户, 个, 次, 平方米, 万元, 张, 学时, 分")
    per: str | None = Field(None, description="the rate's base: 每千名老人 → 千名老人, 一年不少于4次 → 年")
    deadline: str | None = Field(None, description="the time the target is due, as written: 2010年底, 年内")
    section_label: SectionLabel = Field(SectionLabel.other, description="label of the enclosing top-level section")
    section_id: str | None = Field(None, description="id of the innermost enclosing section")
