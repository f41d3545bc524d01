"""planparse: Chinese work plans (工作计划, 实施方案) to structured data with source offsets.

>>> import planparse
>>> r = planparse.parse_text("社区工作计划\\n一、工作目标\\n")
>>> r.schema_version
'1'
"""

from __future__ import annotations

__version__ = "0.1.0"

import importlib
from typing import TYPE_CHECKING

from .config import ParseConfig
from .errors import (
    ConfigError,
    EmptyInputError,
    EncodingError,
    PlanparseError,
    ReadError,
    UnsupportedFormatError,
)

# Imported now, not lazily: loading the subpackage later would rebind ``planparse.read``, the function below.
from .read import SourceDocument, read_source

# The rest loads on first use (PEP 562), so ``import planparse`` stays cheap: a batch's parent process
# starts its workers before it would have finished importing the pipeline and pydantic.
_LAZY = {
    "Pipeline": "api", "parse": "api", "parse_file": "api", "parse_text": "api",
    "batch": "corpus", "parse_corpus": "corpus",
    **dict.fromkeys(["ErrorRecord", "ParseResult", "ParseWarning", "Plan", "Responsibility", "Role", "Section",
                     "Source", "Target", "TimeExpr"], "models"),
}

if TYPE_CHECKING:
    from .api import Pipeline, parse, parse_file, parse_text
    from .corpus import batch, parse_corpus
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


def __getattr__(name: str):
    """A public name, or a subpackage (``planparse.graph``), imported on first access."""
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(f".{module}", __name__), name)
        globals()[name] = value
        return value
    if not name.startswith("_"):
        try:
            return importlib.import_module(f".{name}", __name__)
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":
                raise
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


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
