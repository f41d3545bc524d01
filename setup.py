"""Build script: pyproject.toml holds the metadata; this adds the optional mypyc build.

``pip install .`` installs pure Python (no compiler needed). ``PLANPARSE_COMPILE=1 pip install .``
also compiles the modules listed in planparse/_build.py with mypyc (mypy comes from the package
index into the build environment; a C compiler and the Python headers are needed). When the
compile fails, a warning is printed and the pure-Python package is installed all the same.
``planparse --version`` says which build is in use.
"""

from __future__ import annotations

import importlib.util
import os
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))
MYPY = "mypy>=2.4,<3"  # the mypyc tried (2.4.1); a later major may refuse code this one accepts


def _wanted() -> bool:
    return os.environ.get("PLANPARSE_COMPILE", "").strip().lower() not in ("", "0", "no", "false")


def _warn(msg: str) -> None:
    print(f"planparse: {msg}; installing pure Python", file=sys.stderr)


def _compiled_sources() -> list[str]:
    path = os.path.join(HERE, "planparse", "_build.py")
    info: dict = {"__file__": path, "__name__": "planparse_build"}
    with open(path, encoding="utf-8") as f:
        exec(compile(f.read(), path, "exec"), info)
    return [os.path.relpath(info["source_path"](m), HERE) for m in info["COMPILED"]]


def _extensions() -> list:
    try:
        from mypyc.build import mypycify
    except ImportError:
        _warn("PLANPARSE_COMPILE is set but mypyc (package mypy) cannot be imported")
        return []
    try:
        return mypycify(["--ignore-missing-imports", "--follow-imports=silent", *_compiled_sources()],
                        opt_level="3", group_name="planparse")
    except (Exception, SystemExit) as e:  # mypy's errors end in SystemExit
        _warn(f"mypyc could not compile the modules ({e!r})")
        return []


class OptionalBuildExt(build_ext):
    """build_ext whose failure leaves no extension behind: the package stays pure Python."""

    def run(self) -> None:
        try:
            super().run()
        except (Exception, SystemExit) as e:
            _warn(f"the C compile of the mypyc modules failed ({e!r})")
            for path in self.get_outputs():
                if os.path.exists(path):
                    os.remove(path)
            self.extensions = []


# commands that build or install code: the others (egg_info, dist_info: pip's metadata steps) need no mypyc run
_BUILDS = {"build", "build_ext", "bdist_wheel", "install", "develop", "editable_wheel"}

kwargs: dict = {}
if _wanted():
    if _BUILDS & set(sys.argv[1:]):
        kwargs["ext_modules"] = _extensions()
        kwargs["cmdclass"] = {"build_ext": OptionalBuildExt}
    elif importlib.util.find_spec("mypyc") is None:
        # pip's isolated build asks for the build's requirements first (egg_info): setuptools' PEP 517
        # backend answers with setup_requires, so mypy is installed before the build runs this again
        kwargs["setup_requires"] = [MYPY]

setup(**kwargs)
