"""The time vocabulary (data/time_words.yaml): its examples hold, its patterns pass the linear-time check."""

from __future__ import annotations

import pytest

from planparse.extract.times import _rules, scan_times
from planparse.normalize import normalize_text
from planparse.resources import load

EXAMPLES = load("time_words")["examples"]
MATCH = [(kind, ex) for kind, spec in EXAMPLES.items() for ex in spec.get("match", [])]
REJECT = [(kind, ex) for kind, spec in EXAMPLES.items() for ex in spec.get("reject", [])]


@pytest.mark.parametrize(("kind", "example"), MATCH, ids=[f"{k}:{e}" for k, e in MATCH])
def test_match_example_is_one_expression_of_its_kind(kind, example):
    text = normalize_text(f"。{example}。").text  # inside running text, between sentences
    found = scan_times(text)
    assert [(m.kind, m.start, m.end) for m in found] == [(kind, 1, len(text) - 1)]


@pytest.mark.parametrize(("kind", "example"), REJECT, ids=[f"{k}:{e}" for k, e in REJECT])
def test_reject_example_yields_no_expression_of_its_kind(kind, example):
    found = scan_times(normalize_text(f"。{example}。").text)
    assert [m for m in found if m.kind == kind] == []


def test_every_kind_has_examples():
    assert set(EXAMPLES) == {"date", "range", "recurring", "period", "duration"}
    assert all(spec.get("match") and spec.get("reject") for spec in EXAMPLES.values())


def test_rule_ids_are_unique_and_compiled():
    rules = _rules()
    assert len({r.id for r in rules}) == len(rules)
    assert all(r.parts and all(p.pattern for p in r.parts) for r in rules)
    assert all(r.pattern.pattern == r.source for r in rules)  # the whole pattern compiles too
