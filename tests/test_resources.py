"""Every data file loads, every rule pattern is linear-time safe, every rule's examples hold."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.errors import RuleDataError
from planparse.resources import (
    check_pattern,
    compile_pattern,
    group_body,
    list_data_files,
    literal_gate,
    load,
    pattern_structure,
    required_clauses,
    required_literals,
    top_level_branches,
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
         r"x*y+z?", r"(?:a|)b", r"(?!q)r", r"\d+年|\d+月", r"(?<=ab)c", r"(?:ab){2}c", r"x(?:ab)?y",
         r"(?:a|bc)(?=d|e)f?", r"(?P<g>[ab]c)(?:d|ef)", r"(?<=[。!])(?:x|yz)", r"(?:a\d|b)(?:c|d)",
         r"[ab]{2,3}c", r"(?:(?:a|b)c)+d", r"^(?:x|y)$"]


@given(st.sampled_from(GATED), st.lists(st.sampled_from(list("第篇1二工作计划实施方案一、-社区abcdefqrxyzABC年月 ::因篇幅上一篇相关文档。!")),
                                        max_size=14).map("".join))
@settings(max_examples=1500, deadline=None)
def test_literal_gate_never_refuses_a_string_the_pattern_matches(pattern, s):
    if compile_pattern(pattern).search(s):
        assert literal_gate(pattern)(s)


def _pieces(rule: dict) -> list[str]:
    """Strings near what the rule matches: its examples, their halves and characters, and its own literals."""
    ex = rule.get("examples") or {}
    out: list[str] = []
    for e in [*ex.get("match", []), *ex.get("reject", [])]:
        out += [e, e[: len(e) // 2], e[len(e) // 2:], *e]
    for clause in required_clauses(rule["pattern"]):
        out += list(clause)
    return [*out, " ", "\n", "x", "1", "2024", "一、", ":", "(", ")"] or ["x"]


@pytest.mark.parametrize(("fname", "rule"), RULES, ids=[f"{f}:{r['id']}" for f, r in RULES])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_literal_gate_never_refuses_a_match_of_a_data_rule(fname, rule, data):
    pat = compile_pattern(rule["pattern"])
    s = "".join(data.draw(st.lists(st.sampled_from(_pieces(rule)), max_size=8)))
    if pat.search(s):
        assert literal_gate(rule["pattern"])(s), (rule["id"], s)


def test_required_literals_reads_what_every_match_needs():
    assert required_literals(r"^第\d{1,3}篇$") == ("第",)
    assert set(required_literals(r"(?:上一篇|下一篇)\s{0,2}[::]|因篇幅")) == {"上一篇", "下一篇", "因篇幅"}
    assert required_literals(r"(?<=\p{Han})(-)(?=\p{Han})") == ("-",)
    assert required_literals(r"x*y?") is None  # nothing required
    assert required_literals(r"(?i)abc") is None  # case folded
    assert required_literals(r"[[:alpha:]]x") is None and required_literals(r"(?:ab){e<=1}") is None  # regex-only syntax
    assert required_literals(r"(?:a|)b") == ("b",)  # an empty branch requires nothing, b is still needed
    assert required_clauses(r"(?:工作计划|实施方案)(?=一、)")[0] == ("实施方案一、", "工作计划一、")  # joined
    assert required_clauses(r"(?P<org>\p{Han}{1,9}?(?:社区|村))(?=地处|位于)")[0] == (
        "社区位于", "社区地处", "村位于", "村地处")  # across a group's end into a lookahead


# -- the pattern-source scanner (times' group bodies, plan titles' top-level branches) ----------

def test_pattern_structure_skips_escapes_and_classes():
    # escaped parentheses and bars, classes holding them, a ] first in a class (also after ^)
    got = [(i, c, d) for i, c, d in pattern_structure(r"\(x\|[(|)]([]|][^]|)]\))|y")]
    assert got == [(10, "(", 0), (23, ")", 0), (24, "|", 0)]
    assert [c for _, c, _ in pattern_structure(r"[\]|(]z|w")] == ["|"]  # an escaped ] does not close the class


def test_group_body():
    assert group_body(r"(?P<y>(?:19|20)\d{2})年", 6) == r"(?:19|20)\d{2}"
    assert group_body(r"(?P<s>[(\]])(?P=s)", 6) == r"[(\]]"
    assert group_body(r"(?P<s>[]()])x", 6) == "[]()]"
    assert group_body(r"(?P<s>a(b)", 6) is None  # never closed


def test_top_level_branches():
    assert top_level_branches(r"^第[一二]|(?:a|b)c|[|]\||d") == ["^第[一二]", "(?:a|b)c", r"[|]\|", "d"]
    assert top_level_branches("abc") == ["abc"]
    assert top_level_branches("|") == ["", ""]


@given(st.text(alphabet="ab()[]|\\^", max_size=30))
@settings(max_examples=300, deadline=None)
def test_top_level_branches_cut_at_bars_only(pattern):
    branches = top_level_branches(pattern)
    assert "|".join(branches) == pattern
    assert len(branches) == 1 + sum(1 for _, c, d in pattern_structure(pattern) if c == "|" and d == 0)


def test_lookbehind_reach_is_the_widest_lookbehind():
    from planparse.resources import lookbehind_reach

    assert lookbehind_reach("组长") == 0
    assert lookbehind_reach(r"(?<![主责])任") == 1
    assert lookbehind_reach(r"(?:(?<=组长)由|(?<!\n[^,]{0,3})为)") == 4
    assert lookbehind_reach(r"(?<=\p{Han})任") == 1
    assert lookbehind_reach(r"(?<=组+)任") is None  # no bound: no gate
