"""Targets against every gold file we have (issue 4's bar), scored the way shared/tools/score.py does.

Reads ../shared at run time (skipped when absent) and the project's own corpora.
"""

from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import OWN_CORPORA, SHARED, needs_shared

import planparse


def _scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _score(directory):
    score = _scorer()
    tally = {k: score.Tally() for k in ("plans", "sections", "targets", "times", "roles", "resp")}
    golds = sorted(directory.glob("*.gold.json"))
    if not golds:
        pytest.skip(f"no gold files under {directory}")
    for gp in golds:
        gold = json.loads(gp.read_text(encoding="utf-8"))
        path = gp.parent / gold["file"]
        pred = planparse.parse_file(path).model_dump(mode="json")
        score.score_file(path.read_text(encoding="utf-8"), gold, pred, tally)
    return tally["targets"].as_dict()


def _dirs():
    return [SHARED / "corpora" / "seed", SHARED / "corpora" / "dev", OWN_CORPORA]


@needs_shared
@pytest.mark.parametrize("directory", _dirs(), ids=["seed", "dev", "own"])
def test_target_scores_meet_the_bar(directory):
    d = _score(directory)
    assert d["f1"] >= 0.92, d
    attr = d["attr"]
    assert attr["unit"] >= 0.95, d
    assert attr["cmp"] >= 0.95, d
    assert attr["kind"] >= 0.90, d
    assert attr["metric"] >= 0.85, d
