"""Structural invariants of splitting and segmentation on arbitrary mixes of markers, chrome and text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.classify import classify_sections
from planparse.normalize import normalize_text
from planparse.segment import detect_plan_meta, segment_outline, split_plans

PIECES = ["一、", "二、", "十一、", "(一)", "（二）", "1、", "2、", "3.", "1.1", "2.1.1", "①", "②", "第一阶段", "第一部分",
          "一是", "二是", "a)", "A.", "〔一〕", "指导思想", "工作目标", "加强领导", "。", "，", ",", ":", "；", "\n", "\n\n",
          "  ", "2017年", "12.4", "16:00", "工作计划(一)", "范文第1篇", "篇一", "上一篇:x", "时间:2023-01-01", "社区",
          "负责", "计划", "方案", "一一、", "**", "#### ", "1 ", "(1)", "5、", "附件"]


def _check(node, lo, hi, level):
    assert lo <= node.heading_start <= node.marker_end <= node.heading_end <= node.end <= hi
    assert node.level == level
    last = node.heading_start
    for child in node.children:
        assert child.heading_start >= last
        _check(child, node.heading_start, node.end, level + 1)
        last = child.end


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_plans_and_sections_nest_inside_each_other(pieces):
    doc = normalize_text("".join(pieces))
    for plan in split_plans(doc):
        assert 0 <= plan.start <= plan.end <= len(doc.text)
        if plan.title_start is not None:
            assert plan.start <= plan.title_start <= plan.title_end <= plan.end
        nodes = segment_outline(doc, plan)
        classify_sections(doc, nodes)
        detect_plan_meta(doc, plan)
        last = plan.start
        for node in nodes:
            assert node.heading_start >= last
            _check(node, plan.start, plan.end, 1)
            last = node.end
