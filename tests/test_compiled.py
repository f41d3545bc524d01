"""The optional mypyc build (setup.py, planparse/_build.py): what it compiles, and that it gives what
pure Python gives.

Run the suite against the compiled build (docs/benchmarks.md, "Compiled build"):

    PLANPARSE_COMPILE=1 pip install --no-deps --target /tmp/planparse-compiled .
    PYTHONPATH=/tmp/planparse-compiled pytest

(``pytest``, not ``python -m pytest``, which would put the checkout's pure sources first.)
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest
from conftest import OWN_CORPORA, SHARED

import planparse
from planparse._build import COMPILED, compiled_modules, source_path

_EXT = tuple(importlib.machinery.EXTENSION_SUFFIXES)


def _loaded_compiled() -> list[str]:
    return [m for m in COMPILED if importlib.import_module(m).__file__.endswith(_EXT)]


def test_compiled_list_names_modules_with_sources():
    for module in COMPILED:
        assert os.path.exists(source_path(module)), module
        assert importlib.util.find_spec(module) is not None, module


def test_build_kind_is_what_is_loaded():
    """compiled_modules() (what --version reports, read off the files) is what import loads."""
    assert compiled_modules() == _loaded_compiled()


_DUMP = """
import json, sys
import planparse
from planparse._build import compiled_modules
print(json.dumps(compiled_modules()))
for p in sys.argv[1:]:
    print(planparse.parse_file(p).model_dump_json())
"""


def _dump(package_parent: pathlib.Path, cwd: pathlib.Path, paths: list[str]) -> tuple[list[str], list[str]]:
    env = dict(os.environ, PYTHONPATH=str(package_parent))
    out = subprocess.run([sys.executable, "-c", _DUMP, *paths], cwd=cwd, env=env, capture_output=True,
                         timeout=600, check=True).stdout.decode("utf-8").splitlines()
    return json.loads(out[0]), out[1:]


@pytest.mark.skipif(not _loaded_compiled(), reason="pure-Python build in use (no mypyc build installed)")
def test_compiled_output_is_pure_python_output(tmp_path):
    """Every bundled and shared corpus text parses to the same JSON with the compiled modules as with
    the same package's sources run by the interpreter."""
    package = pathlib.Path(planparse.__file__).resolve().parent
    pure = tmp_path / "pure"
    shutil.copytree(package, pure / "planparse",
                    ignore=lambda d, names: [n for n in names if n.endswith(_EXT) or n == "__pycache__"])
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    paths = sorted(str(p) for p in OWN_CORPORA.rglob("*.txt"))
    if (SHARED / "corpora").is_dir():
        paths += sorted(str(p) for p in (SHARED / "corpora").rglob("*.txt"))
    compiled_mods, compiled_out = _dump(package.parent, run_dir, paths)
    pure_mods, pure_out = _dump(pure, run_dir, paths)
    assert compiled_mods == list(COMPILED) and pure_mods == []
    assert len(compiled_out) == len(pure_out) == len(paths)
    for path, a, b in zip(paths, compiled_out, pure_out, strict=True):
        assert a == b, path


def test_compiled_modules_type_check():
    """mypyc compiles only what mypy accepts; when it refuses, ``PLANPARSE_COMPILE=1`` falls back to pure
    Python with a warning, so a type error in one of COMPILED silently costs the compiled build (it did
    twice). mypy runs here with setup.py's options, so CI catches it."""
    pytest.importorskip("mypy", reason="mypy (in the test extras) is not installed")
    # The checkout's sources (what setup.py compiles), not the installed package: from site-packages,
    # mypy would take the libraries beside planparse for the user's own modules and refuse them.
    root = pathlib.Path(__file__).resolve().parent.parent
    if not (root / "setup.py").exists():
        pytest.skip("no source checkout beside the tests (setup.py not found)")
    out = subprocess.run([sys.executable, "-m", "mypy", "--ignore-missing-imports", "--follow-imports=silent",
                          "--no-incremental", *[os.path.relpath(source_path(m, str(root / "planparse")), root)
                                                for m in COMPILED]],
                         cwd=root, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stdout + out.stderr
