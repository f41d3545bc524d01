"""The span type and the base model every contract model shares."""

from __future__ import annotations

from typing import Annotated, TypeVar

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


_M = TypeVar("_M", bound=ContractModel)
_set = object.__setattr__


def checked_model(cls: type[_M], values: dict) -> _M:
    """``cls(**values)`` without validating ``values`` again, for an extractor's hot loop.

    ``values`` must name every field of ``cls``, in the order the model declares them, each
    already of the type validation would give it (an enum member, not its string; a tuple of
    ints for a span): then the instance is the one ``cls(**values)`` builds, field for field,
    fields set included (what ``model_construct`` makes, without its per-field loop, which
    costs more than the validation it skips). tests/test_models.py compares the two.
    """
    m = cls.__new__(cls)
    _set(m, "__dict__", values)
    _set(m, "__pydantic_fields_set__", set(values))
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m
