"""Which build of planparse is in use: pure Python, or with the hot modules compiled by mypyc.

planparse is pure Python. ``PLANPARSE_COMPILE=1 pip install .`` (see setup.py) also compiles the
modules of ``COMPILED`` with mypyc into extension modules installed beside their sources; Python
imports an extension module in preference to the ``.py`` of the same name. Nothing here imports
those modules: ``planparse --version`` asks without loading the pipeline.

This file is read by setup.py too (exec, no planparse import): keep it free of imports of planparse.
"""

from __future__ import annotations

import importlib.machinery
import os

# The modules mypyc compiles, chosen by callgrind's count over the shared corpora (docs/benchmarks.md).
# Each must type-check under mypy; a compiled module binds calls to its own functions and classes early
# (a monkeypatch of one of its names does not reach its callers inside it) and its classes cannot be
# subclassed by interpreted ones (tests use tests/purepy.py for both).
COMPILED = (
    "planparse.classify",
    "planparse.classify.sections",
    "planparse.context",
    "planparse.extract.numerals",
    "planparse.extract.pos",
    "planparse.extract.responsibilities",
    "planparse.extract.responsibilities.lexicon",
    "planparse.extract.responsibilities.units",
    "planparse.extract.roles",
    "planparse.extract.targets",
    "planparse.extract.targets.frame",
    "planparse.extract.targets.scan",
    "planparse.extract.times",
    "planparse.graph.build",
    "planparse.normalize",
    "planparse.normalize.noise",
    "planparse.segment.meta",
    "planparse.segment.outline",
    "planparse.segment.plans",
)

_ROOT = os.path.dirname(os.path.abspath(__file__))


def source_path(module: str, root: str = _ROOT) -> str:
    """The ``.py`` of a module of ``COMPILED`` under the package directory ``root``."""
    parts = module.split(".")[1:]
    base = os.path.join(root, *parts)
    return os.path.join(base, "__init__.py") if os.path.isdir(base) else base + ".py"


def compiled_modules(root: str = _ROOT) -> list[str]:
    """The modules of ``COMPILED`` that have an extension module beside their source (so import loads it)."""
    out = []
    for module in COMPILED:
        src = source_path(module, root)
        stem = src[: -len(".py")]
        if any(os.path.exists(stem + suffix) for suffix in importlib.machinery.EXTENSION_SUFFIXES):
            out.append(module)
    return out


def build_kind() -> str:
    """``pure Python``, or ``compiled with mypyc (N of M modules)``."""
    found = compiled_modules()
    if not found:
        return "pure Python"
    return f"compiled with mypyc ({len(found)} of {len(COMPILED)} modules)"
