"""Which build of planparse is in use: pure Python, or with the hot modules compiled by mypyc.

planparse is written in Python. ``pip install .`` (a wheel build, see setup.py) also compiles the
modules of ``COMPILED`` with mypyc into extension modules installed beside their sources, when mypyc
and a C compiler are there; Python imports an extension module in preference to the ``.py`` of the
same name. ``compile_wanted`` and ``setup_compiles`` are setup.py's decision. Nothing here imports
the compiled modules: ``planparse --version`` asks without loading the pipeline.

This file is read by setup.py and by the build backend (_backend/) too (exec, no planparse import):
keep it free of imports of planparse.
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
    "planparse.normalize.offsets",
    "planparse.section_models",
    "planparse.segment.meta",
    "planparse.segment.outline",
    "planparse.segment.plans",
)

# The mypy whose mypyc compiles them (2.4.1 tried); a later major may refuse code this one accepts.
MYPYC_REQUIREMENT = "mypy>=2.4,<3"

# setup.py commands: those that build or install code (the others, egg_info and dist_info, are pip's
# metadata steps and need no mypyc run), and among them those of an editable install.
BUILD_COMMANDS = frozenset({"build", "build_ext", "bdist_wheel", "install", "develop", "editable_wheel"})
EDITABLE_COMMANDS = frozenset({"develop", "editable_wheel"})
_NO = ("0", "no", "false", "off")


def compile_wanted(env: str | None, editable: bool) -> bool:
    """Whether an install compiles, given ``PLANPARSE_COMPILE`` (``env``, None when unset).

    Unset or empty: a wheel (``pip install .``, ``pip wheel .``) compiles, an editable install does
    not (an extension module beside the sources would shadow the developer's edits of the ``.py``).
    ``0``/``no``/``false``/``off``: never. Any other value (``1``): always, editable installs too.
    """
    value = (env or "").strip().lower()
    if not value:
        return not editable
    return value not in _NO


def setup_compiles(commands: list[str] | tuple[str, ...], env: str | None) -> bool:
    """Whether this run of setup.py (its command-line words ``commands``) compiles with mypyc."""
    words = set(commands)
    if not words & BUILD_COMMANDS:
        return False
    return compile_wanted(env, editable=bool(words & EDITABLE_COMMANDS))


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
