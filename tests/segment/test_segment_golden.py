"""Golden outlines: whole pages written for these tests, parsed end to end.

Each ``tests/golden/segment/<case>.txt`` has ``<case>.json``: per plan its title,
issuer, year and flat sections ``[marker, level, heading, label]`` (label of level-1
sections only). Regenerate after a deliberate change with
``python tests/segment/test_segment_golden.py --write`` and review the diff.
"""

from __future__ import annotations

import json
import pathlib
import sys

import pytest

import planparse

GOLDEN = pathlib.Path(__file__).resolve().parent.parent / "golden" / "segment"


def outline_of(path: pathlib.Path) -> dict:
    result = planparse.parse_file(path)
    plans = []
    for plan in result.plans:
        sections = [[s.marker, s.level, s.heading, s.label if s.level == 1 else None]
                    for s in plan.iter_sections()]
        plans.append({"title": plan.title, "issuer": plan.issuer, "year": plan.year, "sections": sections})
    return {"plans": plans}


def _label_value(obj):
    return json.loads(json.dumps(obj, ensure_ascii=False, default=lambda v: getattr(v, "value", str(v))))


CASES = sorted(GOLDEN.glob("*.txt"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_golden_outline(path):
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert _label_value(outline_of(path)) == expected


if __name__ == "__main__" and "--write" in sys.argv:
    for p in CASES:
        p.with_suffix(".json").write_text(json.dumps(_label_value(outline_of(p)), ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
