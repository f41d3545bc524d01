"""The target extractor's data, loaded once: units, comparators, metric heads and cues.

Everything a rule needs to know about words lives in ``planparse/data`` (units.yaml,
comparators.yaml, metrics.yaml, target_cues.yaml, numerals.yaml); this module turns those
files into compiled, bounded patterns and lookup tables.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import regex

from ...resources import Tables, alternation, compile_pattern, load, std_twin


@dataclass(frozen=True)
class UnitInfo:
    """One unit: its canonical spelling and how it behaves."""

    unit: str
    kind: str  # percent | count | measure | money | score | time | rate | age
    cn: bool  # accepted after a Chinese numeral
    needs_comparator: bool
    cite_blocked: bool = False


@dataclass(frozen=True)
class ComparatorWord:
    """A comparator word: its operator (or ``state``/``change``) and whether it bounds."""

    word: str
    op: str
    bounding: bool
    rule_id: str


class Lexicon(Tables):
    """All tables of the target extractor."""

    units: dict[str, UnitInfo]  # spelling -> info
    unit_re: regex.Pattern  # a unit spelling, anchored with .match
    multipliers: dict[str, int]
    approx_marks: tuple[str, ...]  # 1200余人次: skipped between number and unit
    age_metric_words: tuple[str, ...]  # 平均年龄52.3岁: an age needing no comparator
    counted_time_metrics: dict[str, tuple[str, ...]]  # 优良天数298天: a time unit counted by its metric
    decimal_comma_kinds: frozenset[str]
    prefix: dict[str, ComparatorWord]
    suffix: dict[str, ComparatorWord]
    suffix_re: regex.Pattern  # a suffix comparator, anchored with .match
    suffix_firsts: frozenset[str]  # the first characters of the suffix words (a gate before suffix_re)
    strict_markers: tuple[str, ...]
    metric_bound_re: regex.Pattern  # 最高额度 right before the number: the name caps it
    metric_bound_op: dict[str, str]
    range_connectors: tuple[str, ...]
    metric_suffixes: tuple[str, ...]
    generic_heads: frozenset[str]
    generic_heads_seq: tuple[str, ...]  # the same words, for startswith/endswith (built once, not per call)
    default_metric_by_kind: dict[str, str]  # 92分以上为优秀: a score's metric when none is named
    header_closers: tuple[str, ...]
    header_label_re: regex.Pattern  # 杨树湾村: at a line start
    lead_strip_re: regex.Pattern
    lead_strip_words: tuple[str, ...]  # the words of lead_strip_re: a chunk starting with none cannot match it
    lead_strip_keep: tuple[str, ...]  # 其他: words that start with a lead_strip word (其) but name a part of the metric
    tail_strip_re: regex.Pattern
    tail_strip_words: tuple[str, ...]  # the words of tail_strip_re: a chunk ending with none cannot match it
    split_verbs: frozenset[str]
    keep_verbs: frozenset[str]
    bare_verbs: frozenset[str]
    metric_period_units: frozenset[str]
    list_label_max: int  # 本科每人每月1000元: the longest label of a list item
    list_unit_kinds: frozenset[str]  # the kinds of unit whose labelled lists take the lead's metric (money)
    list_label_heads: tuple[str, ...]  # 中央补助资金2150万元: a label that names an amount is the metric
    list_breakdown_leads: tuple[str, ...]  # 其中: the items are parts of a whole, each named by its label
    list_lead_verbs: tuple[str, ...]  # 发放安家补贴: what a lead pays stands after these
    list_close_seps: str  # 、 ;: items this close share the item before's metric even without a base (每人)
    list_lead_cuts: tuple[str, ...]  # 护理补贴按照护理等级确定: what a lead sets stands before these
    list_item_seps: str  # what opens a list item (, 、 ; :)
    list_lead_ends: str  # what ends the clause naming the list's metric (服务人口:)
    list_next_re: regex.Pattern  # another labelled figure follows
    list_lead_reject_re: regex.Pattern  # 从分布看, 按整治内容分: a lead that names no metric
    change_bases: tuple[str, ...]  # 比/较/同比/年均 before a change verb: the base of the change
    change_base_false_friends: tuple[str, ...]  # 比例, 较大: no base
    change_phrase_drop: tuple[str, ...]  # 同比均下降: adverbs left out of the change's metric
    target_cues_re: regex.Pattern
    false_friends_re: regex.Pattern
    ba_verbs_re: regex.Pattern
    fact_false_friends_re: regex.Pattern
    weak_target_cues_re: regex.Pattern
    np_breakers: frozenset[str]
    bare_powers: frozenset[str]
    scope_suffixes: tuple[str, ...]
    cite_cues_re: regex.Pattern
    comparator_false_friends: tuple[str, ...]
    indefinite_ok: frozenset[str]
    lead_patterns: tuple[regex.Pattern, ...]
    tail_patterns: tuple[regex.Pattern, ...]  # phrases that close a chunk but name no metric (在…基础上)
    chrome_after: tuple[str, ...]
    chrome_before: tuple[str, ...]
    rank_cues: tuple[str, ...]
    rank_lead_re: regex.Pattern
    rank_metric: str
    rank_set_leads: frozenset[str]
    compound_numerals: tuple[str, ...]
    condition_after: tuple[str, ...]
    condition_clause_end: tuple[str, ...]
    single_item_re: regex.Pattern
    qualifier_leads: tuple[str, ...]  # 对/涉及 before a bounded amount that picks out a noun
    qualifier_measures: tuple[str, ...]  # 面积/教龄: what the amount measures, before it
    start_value_leads: tuple[str, ...]  # 由/从 before the level a change starts from
    change_to_words: tuple[str, ...]  # 增加到/降至 after it
    ratio_re: regex.Pattern
    list_count_max: int
    fact_cues_re: regex.Pattern
    fact_noun_cues_re: regex.Pattern  # 常住人口: a report's cue unless the figure is a percentage
    reference_preps: tuple[str, ...]
    target_sections: frozenset[str]
    heading_fact_re: regex.Pattern
    heading_target_re: regex.Pattern
    fact_sections: frozenset[str]
    named_re: regex.Pattern
    named_longest: int  # characters in the longest named phrase
    announce_before_re: regex.Pattern
    announce_after: tuple[str, ...]
    structural_nouns: tuple[str, ...]
    qualifier_kinds: frozenset[str]
    qualifier_bounded_kinds: frozenset[str]  # kinds that sort a noun only with a comparator (超过20桌的有9起)
    standard_re: regex.Pattern  # 的标准给予作业补助: what the rate before it pays for
    share_verbs: tuple[str, ...]  # 占: a share or weight stated after the thing it measures
    share_lead_strip: tuple[str, ...]
    share_names: dict[str, str]
    table_min_cells: int
    table_total_labels: frozenset[str]
    table_generic_headers: frozenset[str]
    share_of_re: regex.Pattern  # 占教师考核成绩的 right before the number
    qualifier_re: regex.Pattern  # 的村有 before a count: the amount before it sorts the noun
    owner_nouns_re: regex.Pattern
    indefinite: frozenset[str]
    distributive_re: regex.Pattern
    frequency_re: regex.Pattern
    frequency_units: frozenset[str]
    left_blockers: tuple[str, ...]
    right_blockers: tuple[str, ...]
    adverbial_prefix: frozenset[str]
    numeral_chars: str
    numeral_digits: frozenset[str]


@functools.cache
def pattern(source: str, where: str = "") -> regex.Pattern:
    """A fixed pattern of the extractor, compiled on first use and kept (per-call sites stay cheap)."""
    return compile_pattern(source, where=where)


@functools.cache
def short(p: regex.Pattern) -> regex.Pattern | re.Pattern:
    """The pattern to run on a short string or window (a metric chunk, a clause, a sentence of at
    most 160 characters): its twin by the standard ``re`` with class escapes written out
    (:func:`planparse.resources.std_twin`, same matches), else ``p`` itself.

    Speed only: a call of the regex module costs ~12K instructions, ``re``'s a fraction of it, and
    a written-out class (``\\d``, ``\\p{Han}``) costs little where few characters are tried. Kept
    per pattern (one positional argument: a cheap cache key).
    """
    return std_twin(p, classes=True)


def _words_re(words, where: str, *, suffix: str = "") -> regex.Pattern:
    return compile_pattern(alternation(words) + suffix, where=where)


@functools.cache
def lexicon() -> Lexicon:
    """Build the tables from ``planparse/data`` (cached per process)."""
    u = load("units")
    units: dict[str, UnitInfo] = {}
    for e in u["units"]:
        info = UnitInfo(e["unit"], e["kind"], bool(e.get("cn", True)), bool(e.get("needs_comparator", False)),
                        bool(e.get("cite_blocked", False)))
        for sp in e["spellings"]:
            units[str(sp)] = info
    c = load("comparators")
    prefix = {w: ComparatorWord(w, r["op"], bool(r.get("bounding")), r["id"]) for r in c["prefix"] for w in r["words"]}
    suffix = {w: ComparatorWord(w, r["op"], bool(r.get("bounding")), r["id"]) for r in c["suffix"] for w in r["words"]}
    m = load("metrics")
    label_max = int(m.get("list_label_max", 8))  # (list_label_max, list_next_re)
    item_seps = str(m.get("list_item_seps", "、,;:"))  # (list_item_seps, list_next_re)
    cues = load("target_cues")
    kind, excl = cues["kind"], cues["exclude"]
    num = load("numerals")
    return Lexicon(
        units=units,
        unit_re=_words_re(units, "units.yaml"),
        multipliers={str(k): int(v) for k, v in u.get("multipliers", {}).items()},
        approx_marks=tuple(str(w) for w in u.get("approx_marks", [])),
        age_metric_words=tuple(str(w) for w in u.get("age_metric_words", [])),
        counted_time_metrics={str(k): tuple(map(str, v)) for k, v in (u.get("counted_time_metrics") or {}).items()},
        decimal_comma_kinds=frozenset(u.get("decimal_comma_kinds", [])),
        prefix=prefix,
        suffix=suffix,
        suffix_re=_words_re(suffix, "comparators.yaml suffix"),
        suffix_firsts=frozenset(w[:1] for w in suffix),
        strict_markers=tuple(c.get("strict_markers", [])),
        metric_bound_re=compile_pattern(
            "(" + alternation([w for ws in (c.get("metric_bounds") or {}).values() for w in ws] or ["\x00"])
            + r")\p{Han}{1," + str(int(c.get("metric_bound_max_noun", 4))) + r"}$", where="comparators.yaml metric_bounds"),
        metric_bound_op={w: op for op, ws in (c.get("metric_bounds") or {}).items() for w in ws},
        range_connectors=tuple(c.get("range_connectors", [])),
        metric_suffixes=tuple(sorted(m["suffixes"], key=len, reverse=True)),
        generic_heads=frozenset(m.get("generic_heads", [])),
        generic_heads_seq=tuple(sorted(set(m.get("generic_heads", [])))),
        default_metric_by_kind={str(k): str(v) for k, v in (m.get("default_metric_by_kind") or {}).items()},
        header_closers=tuple(sorted(m.get("header_closers", []), key=len, reverse=True)),
        header_label_re=compile_pattern(rf"[ \t\u3000]*[\p{{Han}}]{{2,{int(m.get('header_label_max', 8))}}}:",
                                        where="metrics.yaml header_label_max"),
        lead_strip_re=_words_re(m["lead_strip"], "metrics.yaml lead_strip"),
        lead_strip_words=tuple(str(w) for w in m["lead_strip"]),
        lead_strip_keep=tuple(str(w) for w in m.get("lead_strip_keep", [])),
        tail_strip_re=_words_re(m["tail_strip"], "metrics.yaml tail_strip", suffix=r"\Z"),
        tail_strip_words=tuple(str(w) for w in m["tail_strip"]),
        split_verbs=frozenset(m.get("split_verbs", [])),
        keep_verbs=frozenset(m.get("keep_verbs", [])),
        bare_verbs=frozenset(m.get("bare_verbs", [])),
        metric_period_units=frozenset(m.get("metric_period_units", [])),
        list_label_max=label_max,
        list_unit_kinds=frozenset(m.get("list_unit_kinds", [])),
        list_label_heads=tuple(str(w) for w in m.get("list_label_heads", [])),
        list_breakdown_leads=tuple(str(w) for w in m.get("list_breakdown_leads", [])),
        list_lead_verbs=tuple(str(w) for w in m.get("list_lead_verbs", [])),
        list_close_seps=str(m.get("list_close_seps", "、;")),
        list_lead_cuts=tuple(str(w) for w in m.get("list_lead_cuts", [])),
        list_item_seps=item_seps,
        list_lead_ends=str(m.get("list_lead_ends", ",:")),
        list_next_re=compile_pattern(r"\s*[" + regex.escape(item_seps) + r"]\s*[\p{Han}]{1," + str(label_max)
                                     + r"}?(?:每\p{Han}{1,2}){0,2}\d",
                                     where="metrics.yaml list_label_max"),
        list_lead_reject_re=compile_pattern("|".join(f"(?:{p})" for p in (m.get("list_lead_reject") or ["\x00"])),
                                            where="metrics.yaml list_lead_reject"),
        change_bases=tuple(str(w) for w in m.get("change_bases", [])),
        change_base_false_friends=tuple(str(w) for w in m.get("change_base_false_friends", [])),
        change_phrase_drop=tuple(str(w) for w in m.get("change_phrase_drop", [])),
        target_cues_re=compile_pattern(
            "|".join([alternation(kind["target_cues"]), *list(kind.get("target_cue_patterns", []))]),
            where="target_cues.yaml target_cues"),
        weak_target_cues_re=compile_pattern(
            alternation(kind.get("weak_target_cues", [])),
            where="target_cues.yaml weak_target_cues"),
        np_breakers=frozenset(m.get("np_breakers", [])),
        fact_false_friends_re=_words_re(kind.get("fact_false_friends") or ["\x00"], "target_cues.yaml fact_false_friends"),
        ba_verbs_re=_words_re(kind.get("ba_verbs") or ["\x00"], "target_cues.yaml ba_verbs"),
        false_friends_re=_words_re(kind.get("false_friends") or ["\x00"], "target_cues.yaml false_friends"),
        bare_powers=frozenset(excl.get("bare_powers", [])),
        scope_suffixes=tuple(excl.get("scope_suffixes", [])),
        comparator_false_friends=tuple(c.get("false_friends", [])),
        indefinite_ok=frozenset(c.get("indefinite_ok", [])),
        lead_patterns=tuple(compile_pattern(p, where="metrics.yaml lead_patterns") for p in m.get("lead_patterns", [])),
        tail_patterns=tuple(compile_pattern(p, where="metrics.yaml tail_patterns") for p in m.get("tail_patterns", [])),
        chrome_after=tuple(excl.get("chrome_after", [])),
        chrome_before=tuple(excl.get("chrome_before", [])),
        rank_cues=tuple(excl.get("rank_cues", [])),
        rank_lead_re=compile_pattern("(" + alternation(excl.get("rank_leads") or ["\x00"]) + ")(?:"
                                     + alternation(excl.get("rank_areas") or ["\x00"]) + ")?([第前])$",
                                     where="target_cues.yaml rank_leads"),
        rank_metric=str(excl.get("rank_metric", "排名")),
        rank_set_leads=frozenset(excl.get("rank_set_leads", [])),
        compound_numerals=tuple(excl.get("compound_numerals", [])),
        condition_after=tuple(excl.get("condition_after", [])),
        condition_clause_end=tuple(excl.get("condition_clause_end", [])),
        single_item_re=_words_re(excl.get("single_item_heads") or ["\x00"], "target_cues.yaml single_item_heads"),
        qualifier_leads=tuple(sorted(excl.get("qualifier_leads", []), key=len, reverse=True)),
        qualifier_measures=tuple(excl.get("qualifier_measures", [])),
        start_value_leads=tuple(excl.get("start_value_leads", [])),
        change_to_words=tuple(excl.get("change_to_words", [])),
        ratio_re=compile_pattern(alternation(excl.get("ratio_verbs") or ["\x00"]) + r"(?:1|一)(?:个|名|处|座|所|支|间|套)",
                                 where="target_cues.yaml ratio_verbs"),
        cite_cues_re=_words_re(excl.get("cite_cues") or ["\x00"], "target_cues.yaml cite_cues"),
        list_count_max=int(excl.get("list_count_max", 10)),
        fact_noun_cues_re=_words_re(kind.get("fact_noun_cues") or ["\x00"], "target_cues.yaml fact_noun_cues"),
        fact_cues_re=_words_re(kind["fact_cues"], "target_cues.yaml fact_cues"),
        reference_preps=tuple(kind.get("reference_preps", [])),
        target_sections=frozenset(kind.get("target_sections", [])),
        heading_fact_re=_words_re(kind.get("heading_fact_cues") or ["\x00"], "target_cues.yaml heading_fact_cues"),
        heading_target_re=_words_re(kind.get("heading_target_cues") or ["\x00"], "target_cues.yaml heading_target_cues"),
        fact_sections=frozenset(kind.get("fact_sections", [])),
        named_re=_words_re(excl["named_phrases"], "target_cues.yaml named_phrases"),
        named_longest=max((len(str(w)) for w in excl["named_phrases"]), default=0),
        announce_before_re=_words_re(excl["announce_before"], "target_cues.yaml announce_before"),
        announce_after=tuple(excl.get("announce_after", [])),
        structural_nouns=tuple(excl.get("structural_nouns", [])),
        qualifier_kinds=frozenset(excl.get("qualifier_kinds", [])),
        qualifier_bounded_kinds=frozenset(excl.get("qualifier_bounded_kinds", [])),
        standard_re=compile_pattern(
            r"的" + alternation(m.get("standard_nouns") or ["\x00"]) + r"(?:由[^,。;:、\s]{1,10}?)?(?:统一)?"
            + alternation(m.get("standard_verbs") or ["\x00"]) + r"([^,。;:、()\s的]{2,14}?)(?=[,。;:、()\s]|$)",
            where="metrics.yaml standard_verbs"),
        share_verbs=tuple(sorted(m.get("share_verbs", []), key=len, reverse=True)),
        share_lead_strip=tuple(m.get("share_tail_strip", [])),
        share_names={str(k): str(v) for k, v in (m.get("share_names") or {}).items()},
        table_min_cells=int(m.get("table_min_cells", 4)),
        table_total_labels=frozenset(m.get("table_total_labels", [])),
        table_generic_headers=frozenset(m.get("table_generic_headers", [])),
        share_of_re=compile_pattern("(?:" + alternation(m.get("share_verbs") or ["\x00"]) + r")[^,;。:!?\s\d]{1,14}的$",
                                    where="metrics.yaml share_verbs"),
        qualifier_re=compile_pattern(
            r"的[\u4e00-\u9fff]{1,6}?" + alternation(excl.get("qualifier_links") or ["\x00"]) + r"?(?=[\d"
            + regex.escape(str(num.get("numeral_chars", "一二两三四五六七八九十"))) + "])",
            where="target_cues.yaml qualifier_links"),
        owner_nouns_re=_words_re(excl["owner_nouns"], "target_cues.yaml owner_nouns"),
        indefinite=frozenset(excl.get("indefinite_numerals", [])),
        distributive_re=_words_re(excl["distributive_cues"], "target_cues.yaml distributive_cues"),
        frequency_re=_words_re(excl["frequency_periods"], "target_cues.yaml frequency_periods"),
        frequency_units=frozenset(excl.get("frequency_units", [])),
        left_blockers=tuple(excl.get("left_blockers", [])),
        right_blockers=tuple(excl.get("right_blockers", [])),
        adverbial_prefix=frozenset(c.get("adverbial", [])),
        numeral_chars=str(num.get("numeral_chars", "零〇一二两三四五六七八九十百千万亿")),
        numeral_digits=frozenset(str(k) for k in num["digits"]),
    )
