"""One loader for every rule table, lexicon and unit list under ``planparse/data``.

Rules are data: each stage asks :func:`load` for its file by name and gets a
validated, cached object. Regexes are compiled here, with the ``regex``
module, so one place enforces the linear-time policy (no nested unbounded
quantifiers: see :func:`check_pattern`).

>>> isinstance(load("section_labels"), dict)
True
"""

from __future__ import annotations

import csv
import functools
from importlib import resources as _ir
from typing import Any

import regex

from .errors import RuleDataError

DATA_PACKAGE = "planparse.data"

# A group holding an unbounded quantifier that is itself repeated: (a+)+, (a*)*, (?:x+y)+ ...
_NESTED_QUANT = regex.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*]")


def data_path(name: str):
    """The Traversable of a file in ``planparse/data``."""
    return _ir.files(DATA_PACKAGE).joinpath(name)


def list_data_files() -> list[str]:
    """Names of all data files shipped with the package."""
    return sorted(p.name for p in _ir.files(DATA_PACKAGE).iterdir() if p.name.endswith((".yaml", ".tsv")))


@functools.cache
def load(name: str) -> Any:
    """Load ``data/NAME.yaml`` (or ``NAME.tsv``) once per process.

    YAML files give their parsed object; TSV files give a list of rows (lists of str),
    ``#`` lines and blank lines skipped.
    """
    import yaml

    for ext in (".yaml", ".tsv"):
        p = data_path(name + ext)
        if p.is_file():
            raw = p.read_text(encoding="utf-8")
            try:
                if ext == ".yaml":
                    # libyaml's C loader when present: the pure-Python one costs ~1 s of cold start
                    return yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
                rows = csv.reader((ln for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")),
                                  delimiter="\t")
                return [r for r in rows]
            except Exception as e:  # malformed data is a packaging bug: say which file
                raise RuleDataError(f"data/{name}{ext}: {e}") from e
    raise RuleDataError(f"no data file named {name!r} under planparse/data")


def check_pattern(pattern: str, *, where: str = "") -> None:
    """Refuse a pattern with a nested unbounded quantifier, the shape of catastrophic backtracking."""
    if _NESTED_QUANT.search(pattern):
        raise RuleDataError(f"{where}: nested unbounded quantifier in pattern {pattern!r}")


@functools.cache
def compile_pattern(pattern: str, flags: int = 0, *, where: str = "") -> regex.Pattern:
    """Compile a rule pattern with the ``regex`` module after the linear-time check."""
    check_pattern(pattern, where=where)
    try:
        return regex.compile(pattern, flags | regex.V0)
    except regex.error as e:
        raise RuleDataError(f"{where}: bad pattern {pattern!r}: {e}") from e


def alternation(words, *, escape: bool = True) -> str:
    """A non-capturing alternation of words, longest first so ``不低于`` wins over ``低于``."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(regex.escape(w) if escape else w for w in items) + ")"
