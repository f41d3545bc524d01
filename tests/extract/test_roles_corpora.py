"""Roles and responsibilities against every gold file we have (issue 6's bar), scored as
shared/tools/score.py does: roles F1 >= 0.90 with org accuracy >= 0.80, responsibilities
F1 >= 0.85 with relation accuracy >= 0.90.

Reads ../shared at run time (skipped when absent) and the project's own corpora.
"""

from __future__ import annotations

import importlib.util
import json

import pytest
from conftest import OWN_CORPORA, SHARED

import planparse
from planparse.config import ParseConfig


def _scorer():
    path = SHARED / "tools" / "score.py"
    if not path.is_file():
        pytest.skip(f"reference scorer not found at {path} (set PLANPARSE_SHARED)")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_SCORES: dict = {}


def _score(name, directory):
    if name in _SCORES:
        return _SCORES[name]
    score = _scorer()
    golds = sorted(directory.glob("*.gold.json"))
    if not golds:
        pytest.skip(f"no gold files under {directory}")
    tally = {k: score.Tally() for k in ("plans", "sections", "targets", "times", "roles", "resp")}
    pipe = planparse.Pipeline(ParseConfig(extractors=("roles", "responsibilities")))
    for gp in golds:
        gold = json.loads(gp.read_text(encoding="utf-8"))
        path = gp.parent / gold["file"]
        pred = pipe.parse_file(path).model_dump(mode="json")
        score.score_file(path.read_text(encoding="utf-8"), gold, pred, tally)
    _SCORES[name] = (tally["roles"].as_dict(), tally["resp"].as_dict())
    return _SCORES[name]


DIRS = {"seed": SHARED / "corpora" / "seed", "dev": SHARED / "corpora" / "dev", "own": OWN_CORPORA}


@pytest.mark.parametrize("name", sorted(DIRS))
def test_roles_bar(name):
    roles, _ = _score(name, DIRS[name])
    assert roles["f1"] >= 0.90, roles
    if roles["attr"].get("org") is not None:
        assert roles["attr"]["org"] >= 0.80, roles


@pytest.mark.parametrize("name", sorted(DIRS))
def test_responsibilities_bar(name):
    _, resp = _score(name, DIRS[name])
    assert resp["f1"] >= 0.85, resp
    if resp["attr"].get("relation") is not None:
        assert resp["attr"]["relation"] >= 0.90, resp
