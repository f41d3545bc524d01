"""Numerals (issue 4): one table row per written form → its value, and the quantity scanner.

Inputs are written for this project (none copied from ../shared).
"""

from __future__ import annotations

import pytest

from planparse.extract.numerals import (
    parse_cn_int,
    parse_fraction,
    parse_number,
    parse_percent_words,
    to_halfwidth_digits,
)
from planparse.extract.targets.scan import scan_quantities

# (id, written, value)
NUMBERS = [
    ("arabic_int", "2530", 2530),
    ("arabic_zero", "0", 0),
    ("arabic_decimal", "12.5", 12.5),
    ("arabic_small_decimal", "0.1", 0.1),
    ("thousands_comma", "1,200", 1200),
    ("thousands_comma_two", "12,345,678", 12345678),
    ("fullwidth_digits", "３０", 30),
    ("fullwidth_decimal", "１２．５", 12.5),
    ("wan_decimal", "1.2万", 12000),
    ("wan_int", "3万", 30000),
    ("yi_decimal", "2.5亿", 250000000),
    ("cn_one", "一", 1),
    ("cn_liang", "两", 2),
    ("cn_ten", "十", 10),
    ("cn_eleven", "十一", 11),
    ("cn_twenty", "二十", 20),
    ("cn_twenty_three", "二十三", 23),
    ("cn_hundred", "一百", 100),
    ("cn_bare_hundred", "百", 100),
    ("cn_hundred_twenty", "一百二十", 120),
    ("cn_hundred_five", "一百零五", 105),
    ("cn_hundred_ten", "一百一十", 110),
    ("cn_liang_qian", "两千", 2000),
    ("cn_liang_qian_ling_wu", "两千零五", 2005),
    ("cn_wan_mixed", "一万二千", 12000),
    ("cn_san_wan", "三万", 30000),
    ("cn_shi_wan", "十万", 100000),
    ("cn_yi", "三亿", 300000000),
    ("cn_digits_year", "二〇一〇", 2010),
    ("cn_digits_year_zero_ring", "二○一八", 2018),
    ("cn_digits_ling", "一九九八", 1998),
    ("cn_financial", "叁佰", 300),
    ("cn_financial_ten", "拾", 10),
    ("arabic_with_cn_unit", "3千", 3000),
    ("pct_words", "百分之九十", 90),
    ("pct_words_hundred", "百分之百", 100),
    ("pct_words_five", "百分之五", 5),
    ("pct_words_arabic", "百分之12.5", 12.5),
    ("pct_words_ninety_five", "百分之九十五", 95),
    ("fraction_two_thirds", "三分之二", 2 / 3),
    ("fraction_one_third", "三分之一", 1 / 3),
    ("fraction_half", "二分之一", 0.5),
    ("fraction_arabic", "5分之1", 0.2),
    ("fraction_quarter", "四分之三", 0.75),
]


@pytest.mark.parametrize(("written", "value"), [c[1:] for c in NUMBERS], ids=[c[0] for c in NUMBERS])
def test_parse_number(written, value):
    assert parse_number(written) == pytest.approx(value)


@pytest.mark.parametrize("written", ["", "进一步", "abc", "十七大", "百分之", "三分之"])
def test_parse_number_rejects(written):
    assert parse_number(written) is None


def test_parse_cn_int_ascii_digits():
    assert parse_cn_int("0042") == 42


def test_parse_fraction_needs_infix():
    assert parse_fraction("三分") is None


def test_parse_percent_words_only_with_lead():
    assert parse_percent_words("九十") is None


def test_halfwidth_digits():
    assert to_halfwidth_digits("１２．５％") == "12.5%"


def _scan(text):
    return [(text[q.start:q.end], q.value, q.value_max, q.unit) for q in scan_quantities(text, 0, len(text))]


# (id, text, [(span text, value, value_max, unit), ...]) -- what the scanner reads, before exclusions
SCANS = [
    ("count_hu", "辖区居民3120户", [("3120户", 3120, None, "户")]),
    ("percent_sign", "达标率96%", [("96%", 96, None, "%")]),
    ("permille", "发生率0.2‰", [("0.2‰", 0.2, None, "‰")]),
    ("percent_words", "覆盖面达到百分之八十", [("百分之八十", 80, None, "%")]),
    ("permille_words", "发生率控制在千分之三以内", [("千分之三", 3, None, "‰")]),
    ("points", "提高3个百分点", [("3个百分点", 3, None, "个百分点")]),
    ("square_metres", "用房不少于80平方米", [("80平方米", 80, None, "平方米")]),
    ("pingmi_spelling", "活动室60平米以上", [("60平米", 60, None, "平方米")]),
    ("wan_keeps_unit", "服务老人2.3万人次", [("2.3万人次", 2.3, None, "万人次")]),
    ("wanyuan", "投入资金150万元", [("150万元", 150, None, "万元")]),
    ("range_zhi", "得分在70至85分之间", [("70至85分", 70, 85, "分")]),
    ("range_dash_count", "每组5-8人", [("5-8人", 5, 8, "人")]),
    ("range_percent", "占比30%-40%", [("30%-40%", 30, 40, "%")]),
    ("cn_count", "下设六个小组", [("六个", 6, None, "个")]),
    ("cn_liang_count", "新建两所幼儿园", [("两所", 2, None, "所")]),
    ("decimal_comma_area", "辖区面积2、6平方公里", [("2、6平方公里", 2.6, None, "平方公里")]),
    ("comma_list_not_decimal", "第1、2个", [("2个", 2, None, "个")]),
    ("fraction_alone", "三分之二的村", [("三分之二", 2 / 3, None, None)]),
    ("mug_per_m3", "浓度40微克/立方米", [("40微克/立方米", 40, None, "微克/立方米")]),
    ("year_has_no_unit", "2015年计划", [("2015年", 2015, None, "年")]),
    ("no_unit_no_quantity", "落实12.4宣传日", []),
    ("letter_glued", "PM2.5浓度下降", []),
    ("word_yi", "进一步加强", []),
    ("vague_tens", "几十名志愿者", []),
    ("approximate_pair", "两三个月,三五个人", []),
    ("cn_year_digits_kept", "二〇二五年", [("二〇二五年", 2025, None, "年")]),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in SCANS], ids=[c[0] for c in SCANS])
def test_scan_quantities(text, expected):
    got = _scan(text)
    assert [(t, pytest.approx(v), m, u) for t, v, m, u in got] == expected
