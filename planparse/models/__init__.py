"""All output models of the contract (shared/docs/output-contract.md), re-exported."""

from .base import ContractModel, ParseWarning, Span
from .document import SCHEMA_VERSION, ErrorRecord, ParseResult, Plan, Source
from .enums import Comparator, Relation, SectionLabel, TargetKind, TimeKind
from .role import Responsibility, Role
from .section import Section
from .target import Target
from .time import TimeExpr

__all__ = [
    "SCHEMA_VERSION",
    "Comparator",
    "ContractModel",
    "ErrorRecord",
    "ParseResult",
    "ParseWarning",
    "Plan",
    "Relation",
    "Responsibility",
    "Role",
    "Section",
    "SectionLabel",
    "Source",
    "Span",
    "Target",
    "TargetKind",
    "TimeExpr",
    "TimeKind",
]
