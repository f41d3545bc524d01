"""Every data file loads, every rule pattern is linear-time safe, every rule's examples hold."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.errors import RuleDataError
from planparse.resources import (
    check_pattern,
    compile_pattern,
    list_data_files,
    literal_gate,
    load,
    required_clauses,
    required_literals,
)


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


@pytest.mark.parametrize(("fname", "rule"), RULES, ids=[f"{f}:{r['id']}" for f, r in RULES])
def test_literal_gate_lets_every_matching_example_through(fname, rule):
    """The gate before a search never says no where the rule matches (its examples, and pieces of them)."""
    pat = compile_pattern(rule["pattern"])
    gate = literal_gate(rule["pattern"])
    ex = rule.get("examples") or {}
    for s in [*ex.get("match", []), *ex.get("reject", [])]:
        for piece in {s, s[1:], s[:-1], s[2:], s[:-2], "x" + s + "\n"}:
            if pat.search(piece):
                assert gate(piece), (rule["id"], piece, required_literals(rule["pattern"]))


GATED = [r"^第\d{1,3}篇$", r"(?:工作计划|实施方案)(?=一、)", r"(?<=\p{Han})(-)(?=\p{Han})", r"a(?:b|c)+d?",
         r"(?:上一篇|下一篇)\s{0,2}[::]|因篇幅|^相关文档", r"(?i)abc", r"[[:alpha:]]x", r"(?:ab){e<=1}", r"(?>ab)c",
         r"x*y+z?", r"(?:a|)b", r"(?!q)r", r"\d+年|\d+月"]


@given(st.sampled_from(GATED), st.lists(st.sampled_from(list("第篇1二工作计划实施方案一、-社区abcdqrxyzABC年月 ::因篇幅上一篇相关文档")),
                                        max_size=14).map("".join))
@settings(max_examples=400, deadline=None)
def test_literal_gate_never_refuses_a_string_the_pattern_matches(pattern, s):
    if compile_pattern(pattern).search(s):
        assert literal_gate(pattern)(s)


def test_required_literals_reads_what_every_match_needs():
    assert required_literals(r"^第\d{1,3}篇$") == ("第",)
    assert set(required_literals(r"(?:上一篇|下一篇)\s{0,2}[::]|因篇幅")) == {"上一篇", "下一篇", "因篇幅"}
    assert required_literals(r"(?<=\p{Han})(-)(?=\p{Han})") == ("-",)
    assert required_literals(r"x*y?") is None  # nothing required
    assert required_literals(r"(?i)abc") is None  # case folded
    assert required_literals(r"[[:alpha:]]x") is None and required_literals(r"(?:ab){e<=1}") is None  # regex-only syntax
    assert required_literals(r"(?:a|)b") == ("b",)  # an empty branch requires nothing, b is still needed
    assert required_clauses(r"(?:工作计划|实施方案)(?=一、)") == (("实施方案", "工作计划"), ("一、",))  # both needed
