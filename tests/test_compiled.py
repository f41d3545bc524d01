"""The mypyc build (setup.py, planparse/_build.py): when it compiles, what it compiles, and that it
gives what pure Python gives.

``pip install '.[test]' && pytest`` (the README's command, CI's) installs the compiled build where a
C compiler is there and tests it: ``pytest`` imports the installed package, not the checkout. Against
a compiled build kept aside (docs/benchmarks.md, "Compiled build"):

    pip install --no-deps --target /tmp/planparse-compiled .
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
from planparse._build import (
    COMPILED,
    MYPYC_REQUIREMENT,
    build_kind,
    compile_wanted,
    compiled_modules,
    setup_compiles,
    source_path,
)

_EXT = tuple(importlib.machinery.EXTENSION_SUFFIXES)


def _loaded_compiled() -> list[str]:
    return [m for m in COMPILED if importlib.import_module(m).__file__.endswith(_EXT)]


def test_compiled_list_names_modules_with_sources():
    for module in COMPILED:
        assert os.path.exists(source_path(module)), module
        assert importlib.util.find_spec(module) is not None, module


@pytest.mark.parametrize(("commands", "env", "compiles"), [
    (["bdist_wheel"], None, True),                  # pip install . / pip wheel . (PLANPARSE_COMPILE unset)
    (["bdist_wheel"], "", True),
    (["bdist_wheel", "--dist-dir", "d"], " 1 ", True),
    (["bdist_wheel"], "0", False),                  # PLANPARSE_COMPILE=0: pure Python
    (["bdist_wheel"], "False", False),
    (["bdist_wheel"], "no", False),
    (["build"], None, True),
    (["build_ext", "--inplace"], None, True),
    (["install"], None, True),
    (["editable_wheel", "--dist-dir", "d"], None, False),  # pip install -e .: the sources stay in charge
    (["editable_wheel"], "1", True),
    (["develop"], None, False),
    (["develop"], "yes", True),
    (["egg_info"], None, False),                    # pip's metadata steps never compile
    (["dist_info"], "1", False),
    (["sdist"], None, False),
    ([], "1", False),
])
def test_setup_decides_when_to_compile(commands, env, compiles):
    assert setup_compiles(commands, env) is compiles


def test_editable_installs_are_pure_unless_asked():
    assert compile_wanted(None, editable=False) and not compile_wanted(None, editable=True)
    assert compile_wanted("1", editable=True) and not compile_wanted("0", editable=False)


def _backend():
    """_backend/planparse_backend.py (pyproject.toml's build backend), loaded from the checkout."""
    pytest.importorskip("setuptools.build_meta", reason="setuptools is not installed")
    path = pathlib.Path(__file__).resolve().parent.parent / "_backend" / "planparse_backend.py"
    if not path.exists():
        pytest.skip("no source checkout beside the tests")
    spec = importlib.util.spec_from_file_location("planparse_backend_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("env", "editable", "asks"), [
    (None, False, True), ("0", False, False), ("1", False, True),
    (None, True, False), ("1", True, True), ("0", True, False),
])
def test_backend_asks_for_mypy_exactly_when_the_build_compiles(monkeypatch, env, editable, asks):
    """pip's isolated build environment gets mypy whenever setup.py will run mypyc in it."""
    backend = _backend()
    if env is None:
        monkeypatch.delenv("PLANPARSE_COMPILE", raising=False)
    else:
        monkeypatch.setenv("PLANPARSE_COMPILE", env)
    assert backend._mypy(editable) == ([MYPYC_REQUIREMENT] if asks else [])
    assert compile_wanted(env, editable) is asks


def test_cli_children_run_the_build_under_test():
    """The CLI tests start `python -m planparse` from the checkout: it runs the build this process
    imports (conftest sets PYTHONSAFEPATH when that is an installed copy), not the checkout's sources."""
    if sys.version_info < (3, 11) and compiled_modules():
        pytest.skip("PYTHONSAFEPATH needs Python >= 3.11: there the children run the checkout's pure sources")
    root = pathlib.Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-m", "planparse", "--version"], cwd=root, capture_output=True,
                         text=True, timeout=120, check=True).stdout
    assert f"({build_kind()})" in out


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
