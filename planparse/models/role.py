"""Who holds which position, and which unit owns which task."""

from __future__ import annotations

from pydantic import Field

from .base import ContractModel, Span
from .enums import Relation, SectionLabel


class Role(ContractModel):
    """A position in a body, held by a named person or by an office.

    >>> Role(text="组长:王康辉", span=(0, 6), position="组长", person="王康辉").person
    '王康辉'
    """

    text: str
    span: Span
    position: str = Field(description="组长, 副组长, 成员, 组员, 办公室主任, 第一责任人, 联络员")
    person: str | None = Field(None, description="a named person: 王康辉")
    holder: str | None = Field(None, description="the office holding the position when no person is named: 社区书记")
    org: str | None = Field(None, description="the body: 创卫工作领导小组")
    section_id: str | None = Field(None, description="id of the innermost enclosing section")


class Responsibility(ContractModel):
    """A clause that gives a unit a task.

    >>> Responsibility(text="区卫生局负责康复指导", span=(0, 10), owner="区卫生局",
    ...                relation="responsible", task="康复指导").relation.value
    'responsible'
    """

    text: str = Field(description="the clause that assigns the task")
    span: Span
    owner: str = Field(description="the unit (normalized): 区卫生局, 各社区")
    relation: Relation = Field(description="负责 responsible; 牵头/主管 lead; 配合/协助 cooperate; 督查/指导 supervise")
    task: str = Field(description="what is owned, as written")
    section_label: SectionLabel = Field(SectionLabel.other, description="label of the enclosing top-level section")
    section_id: str | None = Field(None, description="id of the innermost enclosing section")
