"""planparse: Chinese work plans (工作计划, 实施方案) to structured data with source offsets.

>>> import planparse
>>> r = planparse.parse_text("社区工作计划\\n一、工作目标\\n")
>>> r.schema_version
'1'
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import Pipeline, parse, parse_file, parse_text
from .config import ParseConfig
from .corpus import batch, parse_corpus
from .errors import (
    ConfigError,
    EmptyInputError,
    EncodingError,
    PlanparseError,
    ReadError,
    UnsupportedFormatError,
)
from .models import (
    ErrorRecord,
    ParseResult,
    ParseWarning,
    Plan,
    Responsibility,
    Role,
    Section,
    Source,
    Target,
    TimeExpr,
)
from .read import SourceDocument, read_source

__all__ = [
    "ConfigError",
    "EmptyInputError",
    "EncodingError",
    "ErrorRecord",
    "ParseConfig",
    "ParseResult",
    "ParseWarning",
    "Pipeline",
    "Plan",
    "PlanparseError",
    "ReadError",
    "Responsibility",
    "Role",
    "Section",
    "Source",
    "SourceDocument",
    "Target",
    "TimeExpr",
    "UnsupportedFormatError",
    "__version__",
    "batch",
    "parse",
    "parse_corpus",
    "parse_file",
    "parse_text",
    "read",
    "read_source",
    "targets_table",
]


def read(path):
    """Read any supported file: ``planparse.read(path)`` → :class:`SourceDocument` (text + metadata)."""
    return read_source(path)


def targets_table(results):
    """Targets of one or many parse results as a pandas DataFrame (pandas imported only here)."""
    from .export.tables import targets_table as _targets_table

    return _targets_table(results)
