"""Who holds which position, and which unit owns which task."""

from __future__ import annotations

from .base import ContractModel, Span
from .enums import Relation, SectionLabel


class Role(ContractModel):
    """A position in a body, held by a named person or by an office.

    >>> Role(text="组长:王康辉", span=(0, 6), position="组长", person="王康辉").person
    '王康辉'
    """

    text: str
    span: Span
    position: str
    person: str | None = None
    holder: str | None = None
    org: str | None = None
    section_id: str | None = None


class Responsibility(ContractModel):
    """A clause that gives a unit a task.

    >>> Responsibility(text="区卫生局负责康复指导", span=(0, 10), owner="区卫生局",
    ...                relation="responsible", task="康复指导").relation.value
    'responsible'
    """

    text: str
    span: Span
    owner: str
    relation: Relation
    task: str
    section_label: SectionLabel = SectionLabel.other
    section_id: str | None = None
