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
_ALL_FIELDS: dict[type, set[str]] = {}  # model class -> the one fields-set its checked_model instances share


def checked_model(cls: type[_M], values: dict) -> _M:
    """``cls(**values)`` without validating ``values`` again, for an extractor's hot loop.

    ``values`` must name every field of ``cls``, in the order the model declares them, each
    already of the type validation would give it (an enum member, not its string; a tuple of
    ints for a span): then the instance is the one ``cls(**values)`` builds, field for field,
    fields set included (what ``model_construct`` makes, without its per-field loop, which
    costs more than the validation it skips). tests/test_models.py compares the two.

    Every instance of ``cls`` built here shares one fields-set, the set of all of ``cls``'s fields
    (the same set ``cls(**values)`` gives each instance its own copy of). A set per model was a
    quarter of the objects the cycle collector tracks in a parse result (46 of 162 per plan) and
    ~50 MB of a 10 MB file's peak RSS; each full collection walks every live result, so on one long
    file that cost grew with the file (docs/benchmarks.md, "Growth"). Sharing is safe because
    pydantic never removes a name from the set in place: assignment adds the field's name (already
    there; extra fields are forbidden), ``model_copy`` and ``copy`` copy the set first.
    """
    m = cls.__new__(cls)
    _set(m, "__dict__", values)
    fields = _ALL_FIELDS.get(cls)
    if fields is None:
        fields = _ALL_FIELDS[cls] = set(cls.model_fields)
    _set(m, "__pydantic_fields_set__", fields if len(values) == len(fields) else set(values))
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m
