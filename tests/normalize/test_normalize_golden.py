"""Golden files: tests/golden/normalize/<case>.txt (our own text) → <case>.json (normalized text, deletions).

``PLANPARSE_REGEN=1 pytest tests/normalize/test_normalize_golden.py`` rewrites the .json files; review the diff before committing.
"""

from __future__ import annotations

import json
import os
import pathlib

import pytest

from planparse.normalize import normalize_text

GOLDEN = pathlib.Path(__file__).resolve().parent.parent / "golden" / "normalize"
CASES = sorted(GOLDEN.glob("*.txt"))


def _deleted_ranges(source: str, nt) -> list[list]:
    """Source ranges that no normalized character comes from, with their text."""
    kept = sorted(nt.to_source(p, p + 1)[0] for p in range(len(nt.text)))
    out: list[list] = []
    prev = -1
    for k in [*kept, len(source)]:
        if k > prev + 1:
            out.append([prev + 1, k, source[prev + 1:k]])
        prev = k
    return out


def _actual(source: str) -> dict:
    nt = normalize_text(source)
    return {"text": nt.text, "deleted": _deleted_ranges(source, nt)}


@pytest.mark.parametrize("txt", CASES, ids=lambda p: p.stem)
def test_golden(txt):
    source = txt.read_bytes().decode("utf-8")
    expected_path = txt.with_suffix(".json")
    actual = _actual(source)
    if os.environ.get("PLANPARSE_REGEN"):
        expected_path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert actual == expected
    for s, e, text in expected["deleted"]:
        assert source[s:e] == text


def test_golden_cases_exist():
    assert len(CASES) >= 5
