"""Every data file loads, every rule pattern is linear-time safe, every rule's examples hold."""

from __future__ import annotations

import pytest

from planparse.errors import RuleDataError
from planparse.resources import check_pattern, compile_pattern, list_data_files, load


def _name(f: str) -> str:
    return f.rsplit(".", 1)[0]


@pytest.mark.parametrize("fname", list_data_files())
def test_data_file_loads(fname):
    assert load(_name(fname)) is not None


def _rules():
    """(file, rule) for every rule dict with an id and a pattern, anywhere in a YAML data file."""
    out = []

    def visit(fname, obj):
        if isinstance(obj, dict):
            if "id" in obj and "pattern" in obj:
                out.append((fname, obj))
            for v in obj.values():
                visit(fname, v)
        elif isinstance(obj, list):
            for v in obj:
                visit(fname, v)

    for f in list_data_files():
        if f.endswith(".yaml"):
            visit(f, load(_name(f)))
    return out


RULES = _rules()


@pytest.mark.parametrize(("fname", "rule"), RULES, ids=[f"{f}:{r['id']}" for f, r in RULES])
def test_rule_pattern_and_examples(fname, rule):
    pat = compile_pattern(rule["pattern"], where=f"{fname}:{rule['id']}")
    ex = rule.get("examples") or {}
    for s in ex.get("match", []):
        assert pat.search(s), f"{rule['id']} should match {s!r}"
    for s in ex.get("reject", []):
        assert not pat.search(s), f"{rule['id']} should not match {s!r}"


@pytest.mark.parametrize("bad", [r"(a+)+", r"(?:\d*x)*", r"(\p{Han}+,?)+"])
def test_nested_quantifiers_are_refused(bad):
    with pytest.raises(RuleDataError):
        check_pattern(bad)


@pytest.mark.parametrize("ok", [r"\d{1,4}年", r"(?:一|二|三)、", r"[0-9]+(?:\.[0-9]+)?%"])
def test_linear_patterns_pass(ok):
    check_pattern(ok)


def test_missing_file_is_a_typed_error():
    with pytest.raises(RuleDataError):
        load("no_such_table")
