"""Build script: pyproject.toml holds the metadata; this adds the mypyc build.

``pip install .`` (any wheel build) compiles the modules listed in planparse/_build.py with mypyc
when it can: mypy comes from the package index into pip's build environment (the build backend in
_backend/ asks for it), a C compiler and the Python headers are needed. When mypyc or the C compile
fails, one warning line is printed and the pure-Python package is installed all the same.
``PLANPARSE_COMPILE=0`` installs pure Python; ``PLANPARSE_COMPILE=1`` compiles editable installs too
(``pip install -e .`` is pure by default: an extension module beside the sources would shadow edits of
the ``.py`` files). ``planparse --version`` says which build is in use. The decision itself is
``_build.setup_compiles`` (tested in tests/test_compiled.py).
"""

from __future__ import annotations

import gc
import os
import sys
from concurrent.futures import ThreadPoolExecutor

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))


sys.path.insert(0, os.path.join(HERE, "_backend"))  # pip's build puts it there too (backend-path)
from planparse_backend import _build_info  # noqa: E402  (planparse/_build.py, read without importing planparse)

BUILD = _build_info()
# How it compiles (measured in docs/benchmarks.md, "Compiled build"): gcc's -O level, and mypyc's
# multi-file mode (a C file per module, compiled one per core; "0": one 16 MB C file).
OPT_LEVEL = os.environ.get("PLANPARSE_COMPILE_OPT", "2")
MULTI_FILE = os.environ.get("PLANPARSE_COMPILE_MULTI", "1") != "0"


def _warn(msg: str) -> None:
    print(f"planparse: {msg}; installing pure Python (PLANPARSE_COMPILE=0 skips the attempt)", file=sys.stderr)


def _compiled_sources() -> list[str]:
    return [os.path.relpath(BUILD["source_path"](m), HERE) for m in BUILD["COMPILED"]]


def _extensions() -> list:
    try:
        from mypyc.build import mypycify
    except ImportError:
        _warn(f"mypyc cannot be imported (pip install '{BUILD['MYPYC_REQUIREMENT']}' to compile)")
        return []
    try:
        extensions = mypycify(["--ignore-missing-imports", "--follow-imports=silent", *_compiled_sources()],
                              opt_level=OPT_LEVEL, multi_file=MULTI_FILE, group_name="planparse")
    except (Exception, SystemExit) as e:  # mypy's errors end in SystemExit
        _warn(f"mypyc could not compile the modules ({e!r})")
        return []
    # mypy's checked program (about 1 GB of objects) stays alive to the end of this process, and the
    # cycle collector walked it again and again at exit: 43 s of a 4-minute install, minutes on a busy
    # machine (docs/benchmarks.md, "Compiled build"). Frozen, the collector no longer looks at it.
    gc.freeze()
    return extensions


def _jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def _parallel_compile(compiler, jobs: int):
    """``compiler.compile`` running one compiler process per source file, ``jobs`` at a time.

    distutils compiles an extension's sources one after another; mypyc's multi-file mode gives the
    one shared library a C file per module. Same steps as CCompiler.compile (whose per-file
    ``_compile`` the unix compiler implements; others compile as before), biggest file first."""
    serial = compiler.compile

    def compile(sources, output_dir=None, macros=None, include_dirs=None, debug=False, extra_preargs=None,
                extra_postargs=None, depends=None):
        if jobs < 2 or len(sources) < 2 or getattr(compiler, "compiler_type", "") != "unix":
            return serial(sources, output_dir, macros, include_dirs, debug, extra_preargs, extra_postargs,
                          depends)
        macros, objects, extra_postargs, pp_opts, build = compiler._setup_compile(
            output_dir, macros, include_dirs, sources, depends, extra_postargs)
        cc_args = compiler._get_cc_args(pp_opts, debug, extra_preargs)
        todo = [(obj, *build[obj]) for obj in objects if obj in build]
        todo.sort(key=lambda t: -os.path.getsize(t[1]) if os.path.exists(t[1]) else 0)
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for f in [pool.submit(compiler._compile, obj, src, ext, cc_args, extra_postargs, pp_opts)
                      for obj, src, ext in todo]:
                f.result()
        return objects

    return compile


class OptionalBuildExt(build_ext):
    """build_ext whose failure leaves no extension behind: the package stays pure Python."""

    def build_extensions(self) -> None:
        self.compiler.compile = _parallel_compile(self.compiler, _jobs())
        super().build_extensions()

    def run(self) -> None:
        try:
            super().run()
        except (Exception, SystemExit) as e:
            _warn(f"the C compile of the mypyc modules failed ({e!r})")
            for path in self.get_outputs():
                if os.path.exists(path):
                    os.remove(path)
            self.extensions = []


kwargs: dict = {}
if BUILD["setup_compiles"](sys.argv[1:], os.environ.get("PLANPARSE_COMPILE")):
    kwargs["ext_modules"] = _extensions()
    kwargs["cmdclass"] = {"build_ext": OptionalBuildExt}

setup(**kwargs)
