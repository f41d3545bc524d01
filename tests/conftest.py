"""Shared fixtures: where ../shared is, and the offset round-trip check every stage test uses."""

from __future__ import annotations

import atexit
import os
import pathlib
import shutil
import tempfile

import pytest

# The suite's compiled patterns go to a disk cache of its own, shared by the processes it starts
# (CLI and batch tests), not to the user's ~/.cache/planparse: tests load every data file and
# compile patterns no parse meets, which a real cache should not carry into every later start.
if "PLANPARSE_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.mkdtemp(prefix="planparse-test-cache-")
    os.environ["PLANPARSE_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

ROOT = pathlib.Path(__file__).resolve().parent.parent

# `pip install '.[test]' && pytest` tests the installed build (compiled with mypyc where a compiler is
# there): `pytest` puts tests/, not the checkout, on sys.path. A child `python -m planparse` or
# `python -c` started here would put the working directory first and run the checkout's pure sources
# instead; with PYTHONSAFEPATH (Python >= 3.11) the children import what this process imports. Only
# when that is an installed copy: from the checkout itself (`python -m pytest`, no install) the
# children need the working directory.
def _imports_installed_copy() -> bool:
    import importlib.util

    spec = importlib.util.find_spec("planparse")
    # (not "outside ROOT": a venv inside the checkout, `python -m venv .venv`, holds an installed copy too)
    return spec is not None and spec.origin is not None \
        and pathlib.Path(spec.origin).resolve().parent != (ROOT / "planparse").resolve()


if "PYTHONSAFEPATH" not in os.environ and _imports_installed_copy():
    os.environ["PYTHONSAFEPATH"] = "1"
SHARED = pathlib.Path(os.environ.get("PLANPARSE_SHARED", ROOT.parent / "shared"))
OWN_CORPORA = ROOT / "planparse" / "corpora"

needs_shared = pytest.mark.skipif(
    not (SHARED / "corpora").is_dir(),
    reason=f"../shared not found at {SHARED} (set PLANPARSE_SHARED); CI always has it",
)


def iter_spans(result):
    """Yield (where, span, text) for every span-bearing item of a ParseResult."""
    for plan in result.plans:
        yield f"{plan.id}", plan.span, None
        for s in plan.iter_sections():
            yield f"{s.id} heading", s.heading_span, None
            yield f"{s.id}", s.span, None
        for kind in ("targets", "times", "roles", "responsibilities"):
            for i, it in enumerate(getattr(plan, kind)):
                yield f"{plan.id}.{kind}[{i}]", it.span, it.text


def assert_spans_roundtrip(source: str, result) -> None:
    """Every span lies in the source, and ``source[start:end] == text`` where a text is given."""
    for where, (s, e), text in iter_spans(result):
        assert 0 <= s <= e <= len(source), f"{where}: span {(s, e)} outside source of length {len(source)}"
        if text is not None:
            assert source[s:e] == text, f"{where}: source[{s}:{e}]={source[s:e]!r} != {text!r}"
    for plan in result.plans:
        if plan.title is not None:
            assert plan.title in source[plan.span[0]:plan.span[1]], f"{plan.id}: title not in plan span"
        for sec in plan.iter_sections():
            hs, he = sec.heading_span
            if sec.heading:
                assert sec.heading in source[hs:he], f"{sec.id}: heading {sec.heading!r} not in heading_span"


@pytest.fixture
def roundtrip():
    return assert_spans_roundtrip
