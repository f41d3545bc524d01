"""Section labels: canonical headings decide, slogans are scored by heading then body cues. Texts written here."""

from __future__ import annotations

import pytest

from planparse.classify import classify_sections
from planparse.classify.sections import canonical_label, decisive_label, head_noun_label, slogan_label
from planparse.context import PlanSpan
from planparse.normalize import normalize_text
from planparse.segment import segment_outline

CANONICAL = {
    "指导思想": "guiding_ideology",
    "基本原则": "principles",
    "工作目标": "objectives",
    "文明社区创建基本目标": "objectives",
    "组织领导": "organization",
    "成立领导小组": "organization",
    "职责分工": "responsibilities",
    "责任划分": "responsibilities",
    "主要任务与目标": "tasks",  # the earliest synonym wins
    "主要工作及措施": "tasks",
    "工作措施": "measures",
    "保障措施": "measures",
    "方法步骤": "schedule",
    "创建步骤": "schedule",
    "工作要求": "requirements",
    "检查考核": "evaluation",
    "标准与条件": "standards",
    "基本情况": "background",
    "附件": "other",
    "资金筹措": "measures",
    "经费来源": "measures",
    "十月工作安排": "schedule",
    "九月份工作安排": "schedule",
    "月度工作安排": "schedule",
    "工作日程": "schedule",
}


@pytest.mark.parametrize("heading", sorted(CANONICAL))
def test_canonical_heading_decides(heading):
    assert canonical_label(heading) == CANONICAL[heading]


SLOGANS = {
    "responsibility_system_in_heading": ("落实创建工作责任制", "", "organization"),
    "publicity_in_heading": ("加大宣传,全员参与", "", "measures"),
    "mass_prevention_in_heading": ("发挥群防群治队伍作用", "", "measures"),
    "scoring_in_heading": ("开展评比表彰,调动积极性", "", "evaluation"),
    "body_decides_organization": ("切实推进平安建设", "社区成立领导小组,由书记任组长,副主任任副组长。", "organization"),
    "body_decides_schedule": ("稳步推进创建", "第一阶段为动员阶段,第二阶段为实施阶段,分步骤推进。", "schedule"),
    "plain_slogan_is_tasks": ("深入开展矛盾纠纷排查调处", "矛盾纠纷要及时化解。", "tasks"),
    "short_noun_heading_is_other": ("附录说明", "", "other"),
    "month_lines_make_a_schedule": ("逐项推进", "三月份:动员部署。\n四月份:全面排查。\n五月份:集中整治。", "schedule"),
    "numeric_month_lines_make_a_schedule": ("本季度推进", "7月:摸底调查。\n8月:入户走访。\n9月:总结评比。", "schedule"),
    "short_heading_ending_in_neirong_is_tasks": ("整治内容", "包括道路、绿化和照明。", "tasks"),
    "short_heading_ending_in_xiangmu_is_tasks": ("比赛项目", "1.拔河比赛。\n2.跳绳比赛。", "tasks"),
    "long_heading_ending_in_neirong_is_scored": ("认真学习领会文件精神和主要精神内容", "社区成立领导小组,书记任组长。",
                                                  "organization"),
}


@pytest.mark.parametrize("case", sorted(SLOGANS))
def test_slogan_scored_by_cues(case):
    heading, body, expected = SLOGANS[case]
    assert canonical_label(heading) is None
    assert slogan_label(heading, body) == expected


def _labels(text):
    doc = normalize_text(text)
    nodes = segment_outline(doc, PlanSpan(0, len(doc.text)))
    classify_sections(doc, nodes)
    return [(n.marker, n.label.value) for top in nodes for n in top.walk()]


def test_subsections_inherit_unless_canonical():
    text = ("二、创建内容\n(一)提高创建意识\n1、提高认识。\n2、成立领导机构。\n(二)加强宣传教育\n"
            "三、工作措施\n1、加强领导。\n")
    assert _labels(text) == [("二、", "tasks"), ("(一)", "tasks"), ("1、", "tasks"), ("2、", "organization"),
                             ("(二)", "tasks"), ("三、", "measures"), ("1、", "organization")]


def test_every_node_gets_a_label():
    labels = _labels("一、甲乙\n1、丙丁\n(1)戊己\n")
    assert len(labels) == 3 and all(isinstance(v, str) for _, v in labels)


@pytest.mark.parametrize(("heading", "label"), [("主要工作措施", "measures"), ("工作目标和主要任务", "objectives")])
def test_compound_head_versus_coordination(heading, label):
    assert canonical_label(heading) == label


def test_long_subheading_mentioning_a_synonym_inherits():
    text = "二、活动内容\n(一)4月1日至11日为宣传发动阶段,各单位同步推进。\n"
    assert _labels(text) == [("二、", "tasks"), ("(一)", "tasks")]


def _canonical_reference(heading: str):
    """Every synonym looked for in turn (the lexicon scan the first-character index replaces)."""
    from planparse.classify.sections import _clean, _lexicon

    h = _clean(heading)
    found = [(h.find(w), h.find(w) + len(w), label) for w, label in _lexicon() if w in h]
    if not found:
        return None
    found.sort(key=lambda f: (f[0], -f[1]))
    _, end, label = found[0]
    for s2, e2, lab2 in found[1:]:
        if s2 < end and e2 > end:
            end, label = e2, lab2
    return label


def test_canonical_label_equals_a_scan_of_the_whole_lexicon():
    import random

    from planparse.classify.sections import _lexicon

    words = [w for w, _ in _lexicon()] + ["的", "和", "及", "、", "(一)", "加强", "社区", "，", " "]
    rng = random.Random(8)
    for _ in range(3000):
        heading = "".join(rng.choice(words) for _ in range(rng.randint(0, 4)))
        assert canonical_label(heading) == _canonical_reference(heading), heading


HEADS = {
    "纪律要求": "requirements",
    "督导评估": "evaluation",
    "申报条件和程序": "standards",  # the head of the first conjunct
    "问题与不足": "background",
    "开展四进活动的评选条件": "standards",  # only the noun phrase after 的 counts
    "落实要求": "requirements",  # verb + head is still a noun heading
    "组织与领导": "organization",  # a "verb" coordinated with a noun is a noun
    "解决群众反映的突出问题": None,  # a slogan's object (object_heads)
    "加强督导评估": None,  # a verb phrase names its object, not the section
    "要求": "requirements",  # a bare head names its section (九、要求)
    "问题": None,  # ... but not a bare slogan object (object_heads)
    "夯实基础": None,  # a slogan's object after a verb
    "推进城乡环境综合整治工作目标": None,  # too long without 的
    "评价方式": "evaluation",  # a light head: the modifier names the section
    "资金管理": "measures",
    "宣传工作": "measures",
    "德育工作": "tasks",  # ... or, when the modifier names none, the head does
    "实施办法": "measures",
    "工作方法": "measures",  # a light modifier says nothing
    "成立工作领导小组": "organization",  # a verb setting up one of the plan's bodies
    "健全应急工作机构": "organization",
    "三月份": "schedule",  # a month after a numeral
    "宣传月": None,  # ... not a month
    "近年来工作成效": "background",  # a result already reached
    "取得的成效和存在的不足": "background",
    "深入开展法治教育,引导干部牢固树立法治的理念": None,  # only the first clause is read
}


@pytest.mark.parametrize("heading", sorted(HEADS))
def test_head_noun_names_the_label(heading):
    assert head_noun_label(heading) == HEADS[heading]


DECISIVE = {
    "总结验收阶段": "schedule",  # a phase, whatever its modifier names
    "动员部署阶段（3月上旬）": "schedule",
    "本方案由区卫生健康局负责解释": "other",  # a closing clause naming a unit
    "本方案自印发之日起施行，由领导小组办公室负责解释": "other",
    "未尽事宜另行通知": "other",
    "考核验收": None,
    "组织实施": "organization",  # a whole heading only
    "组织实施扩大免疫规划": None,
    "阶段": None,
}


@pytest.mark.parametrize("heading", sorted(DECISIVE))
def test_decisive_label_overrides_synonyms(heading):
    assert decisive_label(heading) == DECISIVE[heading]


def test_closing_clause_and_phase_headings_in_a_plan():
    text = ("一、总结验收阶段\n各社区对照标准自查。\n二、本方案自印发之日起施行，由领导小组办公室负责解释\n")
    assert _labels(text) == [("一、", "schedule"), ("二、", "other")]
