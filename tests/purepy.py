"""An interpreted copy of a planparse module, whichever build is installed.

With the optional mypyc build (setup.py, planparse/_build.py) some modules are compiled: a compiled
module calls its own functions and classes directly, so a monkeypatch of one of its names does not
reach its callers, and its classes cannot be subclassed by interpreted ones. A test that replaces a
module's function (to compare a fast path with the plain one) or subclasses one of its classes (to
watch what a method is told) does so on ``interpreted(name)``: a fresh module executed from the
``.py`` source, under the same name, its imports served by the modules already loaded. Not entered
in sys.modules, so nothing else sees it; in the pure-Python build it is a second copy of the same code.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import os
import types


def interpreted(name: str) -> types.ModuleType:
    """A new interpreted module ``name`` from its source file."""
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None, name
    origin = spec.origin
    if not origin.endswith(".py"):  # the compiled extension: its source lies beside it
        stem = next(origin[: -len(s)] for s in importlib.machinery.EXTENSION_SUFFIXES if origin.endswith(s))
        origin = stem + ".py"
    assert os.path.exists(origin), f"no source for {name} at {origin}"
    is_package = os.path.basename(origin) == "__init__.py"
    loader = importlib.machinery.SourceFileLoader(name, origin)
    copy_spec = importlib.util.spec_from_file_location(
        name, origin, loader=loader,
        submodule_search_locations=[os.path.dirname(origin)] if is_package else None)
    module = importlib.util.module_from_spec(copy_spec)
    loader.exec_module(module)
    return module
