"""Typed errors with stable codes.

Every failure planparse reports is a :class:`PlanparseError` subclass with a
stable ``code`` (``PP1xx`` input, ``PP2xx`` data/config, ``PP9xx`` internal)
and an ``exit_code`` that the CLI returns. Recoverable problems are not
raised: they become :class:`planparse.models.Warning` entries in the output.

>>> try:
...     raise EmptyInputError("计划.txt: file is empty")
... except PlanparseError as e:
...     (e.code, e.exit_code)
('PP103', 3)
"""

from __future__ import annotations


class PlanparseError(Exception):
    """Base class: every error planparse raises on purpose."""

    code = "PP000"
    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def one_line(self) -> str:
        """The message as one line, prefixed with the code: what the CLI prints."""
        msg = " ".join(str(self.message).split())
        return f"error {self.code} {type(self).__name__}: {msg}"


class ReadError(PlanparseError):
    """The input could not be read (missing, unreadable, not a file)."""

    code = "PP101"
    exit_code = 3


class FileNotFoundPlanError(ReadError):
    """The path does not exist."""

    code = "PP102"


class EmptyInputError(ReadError):
    """The file (or the text extracted from it) is empty."""

    code = "PP103"


class EncodingError(ReadError):
    """The bytes are not text in any encoding planparse knows."""

    code = "PP104"


class UnsupportedFormatError(ReadError):
    """The format is unknown, binary, or needs a converter that is not installed."""

    code = "PP105"


class ConverterError(ReadError):
    """An external converter (for .doc) failed or is missing."""

    code = "PP106"


class RuleDataError(PlanparseError):
    """A data file under planparse/data is malformed."""

    code = "PP201"
    exit_code = 4


class ConfigError(PlanparseError):
    """Invalid configuration or command-line usage."""

    code = "PP202"
    exit_code = 2


class GoldFormatError(PlanparseError):
    """A gold file does not follow the annotation guide."""

    code = "PP203"
    exit_code = 4


# Codes of warnings: recoverable problems kept in ``ParseResult.warnings`` (never raised).
READER_NOTE = "PP110"
WARNING_CODES: dict[str, str] = {
    READER_NOTE: "what the reader decided about the input: the charset taken from an HTML <meta>, an "
                 "encoding chosen among several or guessed, undecodable bytes replaced, a cut character dropped",
    "PP901": "a pipeline stage crashed on this document; its output is missing (a bug: please report)",
}


class StageError(PlanparseError):
    """A pipeline stage failed on a document (a bug: please report it)."""

    code = "PP901"
    exit_code = 5


__all__ = [
    "READER_NOTE",
    "WARNING_CODES",
    "ConfigError",
    "ConverterError",
    "EmptyInputError",
    "EncodingError",
    "FileNotFoundPlanError",
    "GoldFormatError",
    "PlanparseError",
    "ReadError",
    "RuleDataError",
    "StageError",
    "UnsupportedFormatError",
]
