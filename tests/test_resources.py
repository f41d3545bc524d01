"""Every data file loads, every rule pattern is linear-time safe, every rule's examples hold."""

from __future__ import annotations

import pathlib
import re

import pytest
import regex
from conftest import OWN_CORPORA, SHARED
from hypothesis import HealthCheck, assume, given, settings
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
    std_twin,
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


# ------------------------------------------------------------------ std_twin: the standard re where both engines match alike
def test_std_twin_keeps_the_regex_module_for_syntax_the_engines_read_apart():
    """Word boundaries, back references, inline flags, atomic groups, the regex module's own named
    group syntax, POSIX classes, a fuzzy brace, a negated class inside a set, flags other than
    MULTILINE/DOTALL, and what re refuses (a lookbehind of varying width) keep the regex module."""
    for p in [r"\bx", r"(a)\1", r"(?i)a", "[[:alpha:]]", "(?>a)", "(?<x>a)", "(?:ab){e<=1}", "(?<=a|bc)x",
              r"[^\S\n]", r"\\\b", r"\Ax", r"[a[b]"]:
        pat = compile_pattern(p)
        assert std_twin(pat, classes=True) is pat, p
    pat = compile_pattern("a", regex.IGNORECASE)
    assert std_twin(pat, classes=True) is pat
    pat = compile_pattern(r"第\d篇")
    assert std_twin(pat) is pat and std_twin(pat, classes=True) is not pat  # a class written out: asked for


def test_std_twin_takes_plain_syntax_once():
    """Words, escaped punctuation (an escaped backslash before a letter too), sets, counted repeats,
    lookaround, named groups: the twin, the same source, made once per pattern."""
    for p in [r"(?:甲乙|丙\.|丁\(戊\))", r"\\d", "[^,。]{1,3}(?=组)", r"(?<![主责])任(?!务)", "a{2}b{1,}c{,3}", "^x|y$",
              r"(?P<n>[一二])(?P=n)\n\u4e00"]:
        pat = compile_pattern(p)
        twin = std_twin(pat)
        assert isinstance(twin, re.Pattern) and twin.pattern == p, p
        assert std_twin(pat) is twin
    twin = std_twin(compile_pattern("^a$", regex.MULTILINE | regex.DOTALL))
    assert isinstance(twin, re.Pattern) and twin.flags & (re.M | re.S) == re.M | re.S


def test_std_twin_writes_class_escapes_out_as_the_regex_module_reads_them():
    """\\s, \\d, \\w and \\p{..} (and their negations outside a set) become the regex module's own
    sets: every code point, where the two engines' classes differ too (re's \\s holds U+001C..U+001F,
    their \\d and \\w differ by Unicode version), is matched alike."""
    from planparse.resources import _every_character

    every = _every_character()
    for cls in [r"\s", r"\d", r"\w", r"\p{Han}", r"\S", r"\D", r"\W", r"\P{Han}", r"[^\s,]", r"[\d.]"]:
        pat = compile_pattern(cls + "+")
        twin = std_twin(pat, classes=True)
        assert isinstance(twin, re.Pattern), cls
        assert [m.span() for m in pat.finditer(every)] == [m.span() for m in twin.finditer(every)], cls
    assert re.match(r"\s", "\x1c") and not compile_pattern(r"\s").match("\x1c")  # where the engines differ
    assert std_twin(compile_pattern(r"\s"), classes=True).match("\x1c") is None


def _sample_texts() -> list[str]:
    from planparse.normalize import normalize_text

    files = sorted(SHARED.glob("corpora/**/*.txt"))[:15] + sorted(pathlib.Path(OWN_CORPORA).glob("**/*.txt"))[:5]
    return [normalize_text(p.read_text(encoding="utf-8", errors="replace")).text for p in files]


def test_plain_rule_patterns_same_under_both_engines():
    """The relation rules' patterns that run on the standard re (framing, supervise_object,
    metric_predicate, the trigger words): the regex module matches the same spans at every
    position of real plans; patterns with escapes of letters (\\d) stay on it."""
    from planparse.extract.responsibilities.lexicon import relation_lexicon

    lx = relation_lexicon()
    stds = [lx.framing, lx.supervise_object, lx.trigger_re, lx.metric_predicate]
    assert all(isinstance(p, re.Pattern) for p in stds)
    extra = "在区委的统一领导下,在镇党委领导下开展,加强对各街道的指导,对各社区进行督查,在,在,的领导下,满意度达到九成"
    for std in stds:
        rx = regex.compile(std.pattern, regex.V0)
        for text in [*_sample_texts(), extra]:
            for i in range(len(text)):
                a, b = std.match(text, i), rx.match(text, i)
                assert (a and a.span()) == (b and b.span()), text[i:i + 12]


_TWIN_PATTERNS = ("unit_re", "suffix_re", "owner_nouns_re", "lead_strip_re", "named_re", "heading_fact_re",
                  "heading_target_re")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_TWIN_PATTERNS), st.data())
def test_word_list_twins_match_like_regex(name, data):
    """A word list's ``re`` twin (the targets lexicon's lists) matches and searches like its ``regex`` pattern."""
    from planparse.extract.targets.lexicon import lexicon

    pat = getattr(lexicon(), name)
    twin = std_twin(pat)
    assert twin is not pat
    words = regex.sub(r"\\(.)", r"\1", pat.pattern[3:-1]).split("|")
    pieces = words[:40] + [w[:1] for w in words[:20]] + [w[1:] for w in words[:20]] + ["3", "、", "的", "x", " "]
    text = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=12)))
    hi = data.draw(st.integers(0, len(text)))
    for p in range(hi + 1):
        a, b = pat.match(text, p, hi), twin.match(text, p, hi)
        assert (a.span() if a else None) == (b.span() if b else None)
        a, b = pat.search(text, p, hi), twin.search(text, p, hi)
        assert (a.span() if a else None) == (b.span() if b else None)


_ATOMS = st.sampled_from(["a", "b", "中", ",", r"\.", r"\(", "\\\\", "[ab]", "[^a,]", "[a-c中]", ".", "^", "$", r"\s",
                          r"\d", r"\w", r"\S", r"\D", r"\W", r"\p{Han}", r"[^\s,]", r"[\d.]", r"\n", r"\u4e00", "[]a]"])


def _plain_patterns():
    def grow(inner):
        return st.one_of(
            st.lists(inner, min_size=2, max_size=3).map("".join),
            st.lists(inner, min_size=2, max_size=3).map(lambda xs: "(?:" + "|".join(xs) + ")"),
            st.tuples(inner, st.sampled_from(["*", "+", "?", "{1,2}", "{2}", "*?", "+?", "??"]))
            .map(lambda t: "(?:" + t[0] + ")" + t[1]),
            st.tuples(st.sampled_from(["(", "(?P<g>"]), inner).map(lambda t: t[0] + t[1] + ")"),
            st.tuples(st.sampled_from(["(?=", "(?!", "(?<=", "(?<!"]), inner).map(lambda t: t[0] + t[1] + ")"),
        )
    return st.recursive(_ATOMS, grow, max_leaves=6)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(_plain_patterns(), st.text(alphabet="ab中,.(\\\nc\x1c\u3000\U00020000²٣1 \U00010d40]", max_size=10),
       st.sampled_from([0, regex.MULTILINE, regex.DOTALL]))
def test_std_twin_matches_like_the_regex_module(source, text, flags):
    """Any pattern of the syntax std_twin hands to re (class escapes written out) gives the same
    match, search and fullmatch, groups included, at every position under both engines."""
    try:
        pat = compile_pattern(source, flags)
    except RuleDataError:  # a nested unbounded quantifier: no rule pattern
        assume(False)
    twin = std_twin(pat, classes=True)
    assert twin is pat or isinstance(twin, re.Pattern)
    for i in range(len(text) + 1):
        for op in ("match", "search", "fullmatch"):
            a, b = getattr(pat, op)(text, i), getattr(twin, op)(text, i)
            assert (a and a.regs) == (b and b.regs), (op, i)


def test_tables_record_takes_its_fields_by_keyword_and_is_read_only():
    from planparse.resources import Tables

    class Lex(Tables):
        words: tuple[str, ...]
        limit: int = 3

    lx = Lex(words=("局",))
    assert (lx.words, lx.limit) == (("局",), 3)
    assert Lex(words=(), limit=5).limit == 5
    with pytest.raises(TypeError, match="missing fields"):
        Lex(limit=5)
    with pytest.raises(TypeError, match="unexpected"):
        Lex(words=(), wrods=())
    with pytest.raises(AttributeError):
        lx.words = ()
    with pytest.raises(AttributeError):
        del lx.limit
    changed = lx.replace(limit=4)
    assert (changed.words, changed.limit, lx.limit) == (("局",), 4, 3)
    assert "limit" in repr(lx) and "words" in repr(lx)


def test_tables_record_without_annotations_takes_the_fields_it_is_given():
    # what a subclass compiled by mypyc looks like to Tables (the optional build keeps no
    # annotations): the constructor's keywords are its fields; read-only, replace and repr still work
    from planparse.resources import Tables

    class Compiled(Tables):
        pass

    assert Compiled._fields is None
    rec = Compiled(words=("局",), limit=3)
    assert (rec.words, rec.limit) == (("局",), 3)
    with pytest.raises(AttributeError):
        rec.limit = 4
    changed = rec.replace(limit=4)
    assert (changed.words, changed.limit, rec.limit) == (("局",), 4, 3)
    assert "limit" in repr(rec) and "words" in repr(rec)


def test_lexicons_are_tables_records():
    # the large per-process lexicons use the cheap record, not a frozen dataclass (start-up)
    import dataclasses
    import importlib

    from planparse.extract import roles
    from planparse.resources import Tables

    relations = importlib.import_module("planparse.extract.responsibilities.lexicon")
    units = importlib.import_module("planparse.extract.responsibilities.units")
    targets = importlib.import_module("planparse.extract.targets.lexicon")

    for make in (targets.lexicon, roles._lex, roles._pats, relations.relation_lexicon, units.lexicon, units._tables):
        record = make()
        assert isinstance(record, Tables) and not dataclasses.is_dataclass(record)
        # a mypyc-compiled lexicon class keeps no annotations (_fields None): mypyc's attribute list then
        names = list(record._names())
        assert names and all(hasattr(record, f) for f in names)
