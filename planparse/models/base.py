"""The span type and the base model every contract model shares."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Span = Annotated[
    tuple[int, int],
    Field(description="[start, end) in Python str indices into the decoded source text"),
]
"""``(start, end)``: ``source_text[start:end] == text`` always holds."""


class ContractModel(BaseModel):
    """Base of all output models: unknown fields are rejected, so the contract cannot drift."""

    model_config = ConfigDict(extra="forbid", use_enum_values=False, validate_assignment=False)


class ParseWarning(ContractModel):
    """A recoverable problem, kept in the output instead of raised.

    >>> ParseWarning(code="PP301", message="no outline found", span=None).code
    'PP301'
    """

    code: str
    message: str
    span: Span | None = None
