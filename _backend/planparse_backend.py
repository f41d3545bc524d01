"""planparse's build backend: setuptools' own, which also asks pip for mypy when the build compiles.

pip installs a project's build requirements into an isolated environment before it builds. mypy
(whose mypyc compiles planparse/_build.py's COMPILED) is one of them only for a build that compiles:
a wheel unless ``PLANPARSE_COMPILE=0``, an editable install only with ``PLANPARSE_COMPILE=1``
(``_build.compile_wanted``, the rule setup.py applies when it builds).
"""

from __future__ import annotations

import os

from setuptools import build_meta as _orig
from setuptools.build_meta import *  # noqa: F403  (the PEP 517 and 660 hooks, as setuptools has them)

_HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _build_info() -> dict:
    path = os.path.join(_HERE, "planparse", "_build.py")
    info: dict = {"__file__": path, "__name__": "planparse_build"}
    with open(path, encoding="utf-8") as f:
        exec(compile(f.read(), path, "exec"), info)
    return info


def _mypy(editable: bool) -> list[str]:
    info = _build_info()
    return [info["MYPYC_REQUIREMENT"]] if info["compile_wanted"](os.environ.get("PLANPARSE_COMPILE"), editable) else []


def get_requires_for_build_wheel(config_settings=None):
    return _orig.get_requires_for_build_wheel(config_settings) + _mypy(editable=False)


def get_requires_for_build_editable(config_settings=None):
    return _orig.get_requires_for_build_editable(config_settings) + _mypy(editable=True)
