"""The outline segmenter: every marker style, levels by nesting, restarts, skips, false positives.

All texts are written for these tests. Each case lists the expected outline as
``(marker, level, heading)`` in document order (normalized marker, heading without
trailing punctuation).
"""

from __future__ import annotations

import pytest

from planparse.context import PlanSpan
from planparse.normalize import normalize_text
from planparse.segment import segment_outline, split_plans

_TRAIL = " \t\r\n\u3000,，.。、;；:："


def outline(text: str) -> list[tuple[str, int, str]]:
    doc = normalize_text(text)
    nodes = [n for plan in split_plans(doc) for n in segment_outline(doc, plan)]
    out = []
    for top in nodes:
        for n in top.walk():
            heading = doc.text[n.marker_end:n.heading_end].strip(_TRAIL)
            out.append((n.marker.strip(), n.level, heading))
    return out


MARKER_STYLES = {
    "cn_dun": ("一、指导思想\n以人为本。\n二、工作目标\n绿化率40%。\n",
               [("一、", 1, "指导思想"), ("二、", 1, "工作目标")]),
    "cn_dun_teens": ("十、附则\n略。\n十一、其他\n略。\n",
                     [("十、", 1, "附则"), ("十一、", 1, "其他")]),
    "cn_paren_fullwidth": ("一、主要任务\n（一）宣传发动\n内容。\n（二）组织实施\n内容。\n",
                           [("一、", 1, "主要任务"), ("(一)", 2, "宣传发动"), ("(二)", 2, "组织实施")]),
    "cn_paren_halfwidth": ("(一)宣传发动\n内容。\n(二)组织实施\n内容。\n",
                           [("(一)", 1, "宣传发动"), ("(二)", 1, "组织实施")]),
    "cn_tortoise": ("〔一〕总体要求\n略。\n〔二〕重点任务\n略。\n",
                    [("〔一〕", 1, "总体要求"), ("〔二〕", 1, "重点任务")]),
    "ar_dun": ("三、工作措施\n1、加强领导。\n2、落实经费。\n",
               [("三、", 1, "工作措施"), ("1、", 2, "加强领导"), ("2、", 2, "落实经费")]),
    "ar_dot": ("1.加强领导。\n2.落实经费。\n", [("1.", 1, "加强领导"), ("2.", 1, "落实经费")]),
    "ar_dot_fullwidth": ("1．加强领导。\n2．落实经费。\n", [("1.", 1, "加强领导"), ("2.", 1, "落实经费")]),
    "ar_half_paren": ("1)宣传发动。\n2)检查验收。\n", [("1)", 1, "宣传发动"), ("2)", 1, "检查验收")]),
    "ar_paren_fullwidth": ("（1）耕地保护。\n（2）食品卫生。\n", [("(1)", 1, "耕地保护"), ("(2)", 1, "食品卫生")]),
    "decimal": ("一、背景分析\n1.1政策背景\n1.2社会背景\n二、目标设定\n2.1总体目标\n2.1.1近期目标\n2.1.2远期目标\n2.2分项目标\n",
                [("一、", 1, "背景分析"), ("1.1", 2, "政策背景"), ("1.2", 2, "社会背景"),
                 ("二、", 1, "目标设定"), ("2.1", 2, "总体目标"), ("2.1.1", 3, "近期目标"),
                 ("2.1.2", 3, "远期目标"), ("2.2", 2, "分项目标")]),
    "circled": ("①加强巡查。\n②及时上报。\n", [("①", 1, "加强巡查"), ("②", 1, "及时上报")]),
    "paren_digit_char": ("⑴加强巡查。\n⑵及时上报。\n", [("⑴", 1, "加强巡查"), ("⑵", 1, "及时上报")]),
    "roman": ("Ⅰ、总体要求\n略。\nⅡ、工作任务\n略。\n", [("Ⅰ、", 1, "总体要求"), ("Ⅱ、", 1, "工作任务")]),
    "latin_lower": ("a)成立小组。\nb)制定方案。\n", [("a)", 1, "成立小组"), ("b)", 1, "制定方案")]),
    "latin_upper": ("A.组织机构\nB.工作职责\n", [("A.", 1, "组织机构"), ("B.", 1, "工作职责")]),
    "stage": ("三、实施步骤\n第一阶段:动员部署(3月)。\n第二阶段:组织实施(4月至9月)。\n",
              [("三、", 1, "实施步骤"), ("第一阶段", 2, "动员部署(3月)"), ("第二阶段", 2, "组织实施(4月至9月)")]),
    "step": ("第一步,摸清底数。\n第二步,集中整治。\n", [("第一步", 1, "摸清底数"), ("第二步", 1, "集中整治")]),
    "chapter_article": ("第一章 总则\n第一条 为了规范管理。\n第二条 本办法适用于本区。\n第二章 附则\n",
                        [("第一章", 1, "总则"), ("第一条", 2, "为了规范管理"), ("第二条", 2, "本办法适用于本区"),
                         ("第二章", 1, "附则")]),
    "di_comma": ("第一,加强领导。\n第二,落实责任。\n", [("第一,", 1, "加强领导"), ("第二,", 1, "落实责任")]),
    "yishi_paragraphs": ("四、突出重点\n一是强化治安防范。\n二是完善调解制度。\n",
                         [("四、", 1, "突出重点"), ("一是", 2, "强化治安防范"), ("二是", 2, "完善调解制度")]),
    "yiyao_paragraphs": ("一要提高认识。\n二要加强协作。\n", [("一要", 1, "提高认识"), ("二要", 1, "加强协作")]),
    "ar_space_formal": ("1 总则\n1.1 编制目的\n2 组织体系\n",
                        [("1", 1, "总则"), ("1.1", 2, "编制目的"), ("2", 1, "组织体系")]),
}


@pytest.mark.parametrize("case", sorted(MARKER_STYLES))
def test_marker_styles(case):
    text, expected = MARKER_STYLES[case]
    assert outline(text) == expected


HEADINGS = {
    "body_after_colon": ("一、指导思想:以人为本,服务居民。\n", "指导思想"),
    "whole_sentence_item": ("1、治安制度规范有效,定期例会制度。其余从略。\n", "治安制度规范有效,定期例会制度"),
    "semicolon_ends": ("1、卫生设施齐全;公厕整洁。\n", "卫生设施齐全"),
    "space_after_marker": ("一、 明确宗旨\n", "明确宗旨"),
    "comma_does_not_end": ("一、加强领导,完善制度\n", "加强领导,完善制度"),
    "marker_alone_on_line": ("(一)\n组织领导\n成立小组。\n", "组织领导"),
    "redundant_comma_after_paren": ("(一)、规范办学行为。\n", "规范办学行为"),
}


@pytest.mark.parametrize("case", sorted(HEADINGS))
def test_heading_text(case):
    text, expected = HEADINGS[case]
    got = outline(text)
    assert got and got[0][2] == expected


LEVELS = {
    "item_under_top_is_level_2": (
        "三、工作措施\n1、加强领导。\n(1)成立小组。\n(2)明确分工。\n2、落实经费。\n四、工作要求\n",
        [("三、", 1), ("1、", 2), ("(1)", 3), ("(2)", 3), ("2、", 2), ("四、", 1)]),
    "kind_on_stack_closes_below": (
        "一、目标\n(一)总体目标\n1、近期。\n2、远期。\n(二)具体目标\n二、任务\n",
        [("一、", 1), ("(一)", 2), ("1、", 3), ("2、", 3), ("(二)", 2), ("二、", 1)]),
    "senior_kind_closes_junior": (
        "二、组织机构\n1.负责对接。\n2.协调工作。\n(一)综合组\n(二)宣传组\n",
        [("二、", 1), ("1.", 2), ("2.", 2), ("(一)", 2), ("(二)", 2)]),
    "restart_under_new_parent": (
        "一、目标\n1、甲。\n2、乙。\n二、任务\n1、丙。\n2、丁。\n",
        [("一、", 1), ("1、", 2), ("2、", 2), ("二、", 1), ("1、", 2), ("2、", 2)]),
    "restart_in_same_section": (
        "一、任务\n1、甲。\n2、乙。\n另有以下安排:\n1、丙。\n2、丁。\n",
        [("一、", 1), ("1、", 2), ("2、", 2), ("1、", 2), ("2、", 2)]),
    "nested_same_kind_when_outer_resumes": (
        "一、任务\n1、甲。\n2、乙。\n3、丙。\n4、丁。\n5、戊。\n1、戊的第一项。\n2、戊的第二项。\n6、己。\n",
        [("一、", 1), ("1、", 2), ("2、", 2), ("3、", 2), ("4、", 2), ("5、", 2), ("1、", 3), ("2、", 3),
         ("6、", 2)]),
    "skipped_number": (
        "一、标准\n1、设施齐全。\n2、服务到位。\n4、道路畅通。\n",
        [("一、", 1), ("1、", 2), ("2、", 2), ("4、", 2)]),
    "first_item_not_one": (
        "二、工作计划\n内容。\n三、主要措施\n1、加强领导。\n",
        [("二、", 1), ("三、", 1), ("1、", 2)]),
    "lost_first_top_heading": (
        "1、做好规划。\n2、突出宪法。\n二、加强法律进社区\n1、深化活动。\n",
        [("1、", 1), ("2、", 1), ("二、", 1), ("1、", 2)]),
    "top_kind_never_nests_under_items": (
        "准备工作:\n1、联系场地。\n2、准备物资。\n一、活动目的\n关爱老人。\n二、活动安排\n",
        [("1、", 1), ("2、", 1), ("一、", 1), ("二、", 1)]),
    "phases_under_a_paren_heading": (
        "四、工作安排\n(一)准备工作\n1、制定方案。\n(二)实施步骤\n第一阶段:动员。\n第二阶段:实施。\n",
        [("四、", 1), ("(一)", 2), ("1、", 3), ("(二)", 2), ("第一阶段", 3), ("第二阶段", 3)]),
    "skipped_top_level": ("五、成立领导小组\n略。\n七、检查考核\n略。\n", [("五、", 1), ("七、", 1)]),
    "articles_numbered_through_chapters": (
        "第一章 总则\n第一条 为规范管理,制定本方案。\n第二条 本方案适用于全公司。\n"
        "第二章 目标\n第三条 年度目标如下:\n(一)杜绝重伤事故;\n(二)隐患整改率100%。\n第四条 目标分解到车间。\n"
        "第三章 附则\n第五条 本方案自印发之日起施行。\n",
        [("第一章", 1), ("第一条", 2), ("第二条", 2), ("第二章", 1), ("第三条", 2), ("(一)", 3), ("(二)", 3),
         ("第四条", 2), ("第三章", 1), ("第五条", 2)]),
    "sections_restart_per_chapter": (
        "第一章 总则\n第一节 目的\n略。\n第二节 范围\n略。\n第二章 任务\n第一节 宣传\n略。\n第二节 培训\n略。\n",
        [("第一章", 1), ("第一节", 2), ("第二节", 2), ("第二章", 1), ("第一节", 2), ("第二节", 2)]),
    "top_heading_opening_with_a_year": (
        "三、主要任务\n1.修路。\n2.建桥。\n四、2024年重点工程\n1.道路硬化工程。\n2.路灯安装工程。\n",
        [("三、", 1), ("1.", 2), ("2.", 2), ("四、", 1), ("1.", 2), ("2.", 2)]),
}


@pytest.mark.parametrize("case", sorted(LEVELS))
def test_levels(case):
    text, expected = LEVELS[case]
    assert [(m, lv) for m, lv, _ in outline(text)] == expected


FALSE_POSITIVES = {
    "commemoration_day": "一、宣传活动\n12.4全国法制宣传日开展法律咨询。\n",
    "number_list_in_sentence": "一、基本情况\n社区面积1、2平方公里不等。\n",
    "number_list_at_line_start": "一、基本情况\n1、2、3号楼为老旧小区。\n",
    "date_with_dot": "一、工作安排\n2010.1完成摸底。\n",
    "year_at_line_start": "一、工作安排\n2017年是关键之年。\n",
    "time_of_day": "一、工作安排\n16:00前上报材料。\n",
    "phone_number": "一、联系方式\n0571-88886666为值班电话。\n",
    "decimal_amount": "一、经费保障\n3.5万元用于宣传。\n",
    "yishi_inline_enumeration": "一、主要任务\n今年要做好两件事,一是强化管理,二是完善制度。\n",
    "lone_yishi_paragraph": "一、主要任务\n一是强化管理,提高水平。\n其他工作照常开展。\n",
    "paren_items_inside_paragraph": "一、主要任务\n必须做到:(1)定期检查;(2)及时整改。\n二、工作要求\n按时上报。\n三、其他\n略。\n",
    "first_responsible_person": "一、责任\n第一责任人由书记担任。\n",
    "title_with_variant_number": "社区平安创建工作计划(一)\n一、指导思想\n以人为本。\n",
}


@pytest.mark.parametrize("case", sorted(FALSE_POSITIVES))
def test_false_positives_refused(case):
    got = outline(FALSE_POSITIVES[case])
    assert all(lv == 1 for _, lv, _ in got), got  # only the real top-level headings survive
    assert [m for m, _, _ in got] == [m for m in ("一、", "二、", "三、") if m in FALSE_POSITIVES[case]]


def test_table_rows_padded_with_wide_spaces_are_not_sections():
    text = ("一、工作目标\n主要指标如下:\n\u3000\u3000序号\u3000指标名称\u3000\u3000\u3000\u3000目标值\u3000\u3000\u3000完成时限\n"
            "\u3000\u30001\u3000\u3000新建公厕\u3000\u3000\u3000\u300012座\u3000\u3000\u3000\u30002024年6月底前\n"
            "\u3000\u30002\u3000\u3000绿化覆盖率\u3000\u3000\u3000不低于40%\u3000\u3000\u3000竣工验收时\n"
            "二、主要任务\n1.修路。\n2.建桥。\n")
    assert outline(text) == [("一、", 1, "工作目标"), ("二、", 1, "主要任务"), ("1.", 2, "修路"), ("2.", 2, "建桥")]


def test_table_rows_with_one_space_between_cells_are_not_sections():
    text = ("一、重点项目\n序号\u3000项目名称\u3000规模\u3000投资（万元）\u3000完成时间\n"
            "1\u3000\u3000东湖绿道工程\u30008公里\u3000900\u3000区园林局\u30002027年5月\n"
            "2\u3000\u3000北街管网改造\u30003.5公里\u3000420\u3000区住建局\u30002027年9月\n"
            "二、保障措施\n1.加强领导。\n2.强化督查。\n")
    assert [m for m, _, _ in outline(text)] == ["一、", "二、", "1.", "2."]


def test_halfwidth_item_dot_glued_to_a_number_is_an_item_when_the_list_expects_it():
    # "3.8月底前…" after item 2 is item 3, not the decimal 3.8; "2.5万元用于宣传" alone stays a number
    text = "一、工作安排\n1.3月底前完成摸底。\n2.5月底前完成整改。\n3.8月底前完成验收。\n二、保障措施\n略。\n"
    assert [m for m, _, _ in outline(text)] == ["一、", "1.", "2.", "3.", "二、"]
    as_decimal = "一、经费保障\n2.5万元用于宣传。\n"
    assert [m for m, _, _ in outline(as_decimal)] == ["一、"]


def test_letter_spaced_heading_is_not_a_table_row():
    text = "一、组\u3000\u3000织\u3000\u3000领\u3000\u3000导\n社区成立领导小组。\n二、工作目标\n略。\n"
    assert [m for m, _, _ in outline(text)] == ["一、", "二、"]


def test_numbered_line_with_a_two_cell_gap_is_still_a_section():
    text = "一、工作目标\n1  总则\u3000\u3000本方案适用于全区\n2  范围\n略。\n"
    assert [m for m, _, _ in outline(text)][:2] == ["一、", "1"]


def test_fullwidth_item_dot_before_halfwidth_digits_is_an_item():
    # "４．35岁…" folds to "4.35岁…", but the source typed item 4 then the number 35
    text = ("一、工作目标\n３．高血压患者规范管理率达到60%;\n４．35岁以上居民血压测量率达到65%;\n"
            "５．18岁以上居民吸烟率低于20%。\n二、主要任务\n略。\n")
    assert outline(text) == [("一、", 1, "工作目标"), ("3.", 2, "高血压患者规范管理率达到60%"),
                             ("4.", 2, "35岁以上居民血压测量率达到65%"), ("5.", 2, "18岁以上居民吸烟率低于20%"),
                             ("二、", 1, "主要任务")]


def test_fullwidth_decimal_of_one_width_stays_a_decimal_unless_the_outline_expects_an_item():
    as_item = "一、工作目标\n１．建档率达到90%;\n２．１８岁以上居民体检率达到60%。\n"
    assert [m for m, _, _ in outline(as_item)] == ["一、", "1.", "2."]
    as_decimal = "一、经费保障\n３．５万元用于宣传。\n"
    assert [m for m, _, _ in outline(as_decimal)] == ["一、"]


def test_run_on_page_outline_from_sentence_ends():
    text = ("校园安全工作计划一、指导思想以上级关于校园安全的部署为指导,把师生平安放在首位,稳步提升校园管理水平。"
            "二、工作目标以减少意外伤害为重点,定期开展隐患排查,做到问题早发现早处置。"
            "三、工作重点1.排查风险,消除隐患,加强巡查。2.落实值班制度,明确各岗位责任人。")
    got = outline(text)
    assert got == [("一、", 1, "指导思想"), ("二、", 1, "工作目标"), ("三、", 1, "工作重点"),
                   ("1.", 2, "排查风险,消除隐患,加强巡查"), ("2.", 2, "落实值班制度,明确各岗位责任人")]


def test_run_on_page_needs_the_expected_number():
    text = ("社区工作安排很多,我们要一一落实到位,确保各项工作顺利推进,不出任何差错,让居民满意放心。"
            "5、这是一个被插入的页码标记,不是提纲。二、这也不是,因为前面没有一。")
    assert outline(text) == []


def test_toc_glued_to_body():
    text = ("垃圾分类实施方案一、背景分析\n1.1政策背景\n二、目标设定\n2.1总体目标\n"
            "2.2量化指标一、背景分析1.1政策背景 国家层面提出了明确要求,地方层面也出台了配套措施,"
            "各街道结合实际制定细则,社区逐步建立分类投放、分类收集、分类运输和分类处理的体系,"
            "居民参与率逐年提高,但仍存在设施不足、宣传不够、监督不严等问题,需要在新一轮工作中加以解决。\n")
    got = outline(text)
    assert [(m, lv) for m, lv, _ in got][-3:] == [("2.2", 2), ("一、", 1), ("1.1", 2)]
    assert got[-3][2] == "量化指标"
    assert got[-1][2] == "政策背景"


def test_section_spans_nest_and_end_before_next_sibling():
    text = "一、目标\n1、甲。\n2、乙。\n二、任务\n丙。\n"
    doc = normalize_text(text)
    nodes = segment_outline(doc, PlanSpan(0, len(doc.text)))
    first, second = nodes
    assert doc.text[first.heading_start:first.end] == "一、目标\n1、甲。\n2、乙。"
    assert first.children[-1].end == first.end
    assert doc.text[second.heading_start:second.end] == "二、任务\n丙。"


def test_short_plan_with_long_paragraph_keeps_inline_items_as_text():
    text = ("一、主要任务\n"
            "各社区要把普法宣传放在日常工作中,突出重点人群,结合居民需求开展形式多样的宣传活动,具体做好以下几项。"
            "(1)街道成立康复工作领导小组,负责辖区康复工作的组织协调和督促检查。"
            "(2)社区配备专职康复协调员,做好残疾人康复需求的调查登记和服务转介。\n"
            "二、工作要求\n按时上报。\n")
    assert [m for m, _, _ in outline(text)] == ["一、", "二、"]


def test_marker_after_a_space_inside_a_line():
    text = "1、总则 1.1 编制目的\n1.2 编制依据\n2、组织体系\n"
    assert [(m, lv, h) for m, lv, h in outline(text)] == [
        ("1、", 1, "总则"), ("1.1", 2, "编制目的"), ("1.2", 2, "编制依据"), ("2、", 1, "组织体系")]
