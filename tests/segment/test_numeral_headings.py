"""Level-1 headings whose text opens with a Chinese numeral (``八、三月份工作安排``).

The ``一、`` marker must not read the start of a numeral list (``一、二年级``) as a heading,
but a heading may itself begin with a numeral: a month, a count of items, a year. Texts
written for this test.
"""

from __future__ import annotations

from planparse.context import PlanSpan
from planparse.normalize import normalize_text
from planparse.segment import segment_outline


def _top(text: str) -> list[tuple[str, str]]:
    doc = normalize_text(text)
    return [(n.marker, doc.text[n.marker_end:n.heading_end])
            for n in segment_outline(doc, PlanSpan(0, len(doc.text)))]


def test_headings_opening_with_a_numeral_are_sections():
    text = ("一、二〇二五年工作目标\n完成改造任务。\n二、三项重点任务\n整治环境。\n"
            "三、十月份工作安排\n组织检查。\n四、十一月份工作安排\n总结验收。\n")
    assert _top(text) == [("一、", "二〇二五年工作目标"), ("二、", "三项重点任务"),
                          ("三、", "十月份工作安排"), ("四、", "十一月份工作安排")]


def test_a_list_of_numerals_is_not_a_heading():
    text = "一、指导思想\n以人为本。\n一、二年级学生由班主任组织。\n二、工作目标\n一、二、三等奖各评若干名。\n"
    assert _top(text) == [("一、", "指导思想"), ("二、", "工作目标")]
