"""The top of the contract: a parse result holds a source and its plans."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import ContractModel, ParseWarning, Span
from .role import Responsibility, Role
from .section import Section
from .target import Target
from .time import TimeExpr

SCHEMA_VERSION = "1"


class Source(ContractModel):
    """Where the text came from and how it was decoded.

    ``text`` is only filled when asked for (``--include-text``); offsets always refer to it.
    """

    path: str | None = None
    encoding: str
    sha256: str
    chars: int
    format: str = Field("txt", description="txt, html, docx, pdf, doc or string")
    text: str | None = None


class Plan(ContractModel):
    """One plan found in the file, with its outline and everything extracted from it."""

    id: str
    title: str | None = None
    span: Span
    issuer: str | None = None
    year: int | None = None
    sections: list[Section] = []
    targets: list[Target] = []
    times: list[TimeExpr] = []
    roles: list[Role] = []
    responsibilities: list[Responsibility] = []

    def iter_sections(self):
        """All sections, depth first, in document order."""
        for s in self.sections:
            yield from s.walk()


class ParseResult(ContractModel):
    """What ``planparse parse FILE --format json`` prints for one file."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    planparse_version: str
    source: Source
    plans: list[Plan] = []
    warnings: list[ParseWarning] = []


class ErrorRecord(ContractModel):
    """A file that could not be parsed, in batch output: nothing is lost silently."""

    path: str
    error_type: str
    code: str
    message: str
