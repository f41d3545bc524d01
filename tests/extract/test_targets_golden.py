"""Golden files for targets: tests/golden/targets/<case>.txt → <case>.json.

The stage runs alone (no outline, so every section label is ``other``) with the time
extractor's output, so a change elsewhere in the pipeline does not move these files.
``PLANPARSE_REGEN=1`` rewrites the expected files (review the diff before committing).
"""

from __future__ import annotations

import json
import os
import pathlib

import pytest

from planparse.context import PlanContext
from planparse.extract import extract_targets, extract_times
from planparse.normalize import normalize_text

GOLDEN = pathlib.Path(__file__).resolve().parent.parent / "golden" / "targets"
FIELDS = ("text", "kind", "subject", "metric", "comparator", "value", "value_max", "unit", "per")


def _run(text: str) -> list[dict]:
    doc = normalize_text(text)
    ctx = PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text))
    out = []
    for t in extract_targets(ctx, extract_times(ctx)):
        d = t.model_dump(mode="json")
        assert text[t.span[0]:t.span[1]] == t.text
        out.append({k: d[k] for k in FIELDS})
    return out


@pytest.mark.parametrize("case", sorted(p.stem for p in GOLDEN.glob("*.txt")))
def test_golden_targets(case):
    text = (GOLDEN / f"{case}.txt").read_text(encoding="utf-8")
    got = _run(text)
    expected_path = GOLDEN / f"{case}.json"
    if os.environ.get("PLANPARSE_REGEN"):
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert got == expected
