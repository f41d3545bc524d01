"""Golden files for roles and responsibilities: tests/golden/roles/<case>.txt → <case>.json.

The two stages run alone over the whole text (no outline, so section labels are ``other``),
so a change elsewhere in the pipeline does not move these files. ``PLANPARSE_REGEN=1``
rewrites the expected files (review the diff before committing).
"""

from __future__ import annotations

import json
import os
import pathlib

import pytest

from planparse.context import PlanContext
from planparse.extract import extract_responsibilities, extract_roles
from planparse.normalize import normalize_text

GOLDEN = pathlib.Path(__file__).resolve().parent.parent / "golden" / "roles"
ROLE_FIELDS = ("text", "position", "person", "holder", "org")
RESP_FIELDS = ("text", "owner", "relation", "task")


def _run(text: str) -> dict:
    doc = normalize_text(text)
    ctx = PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text))
    out: dict = {"roles": [], "responsibilities": []}
    for kind, items, fields in (("roles", extract_roles(ctx), ROLE_FIELDS),
                                ("responsibilities", extract_responsibilities(ctx), RESP_FIELDS)):
        for it in items:
            assert text[it.span[0]:it.span[1]] == it.text
            d = it.model_dump(mode="json")
            out[kind].append({k: d[k] for k in fields})
    return out


@pytest.mark.parametrize("case", sorted(p.stem for p in GOLDEN.glob("*.txt")))
def test_golden_roles(case):
    text = (GOLDEN / f"{case}.txt").read_text(encoding="utf-8")
    got = _run(text)
    expected_path = GOLDEN / f"{case}.json"
    if os.environ.get("PLANPARSE_REGEN"):
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert got == expected
