"""Roles (issue 6, generalization): roster layouts and holder shapes the first corpora lacked.

One table row per rule, on sentences written for these tests: names padded to three
characters' width (``王　红``), roster continuation lines without a label, the
"name + office" layout, a shared 负责人 after a list of offices joined by 和, a title before
a name before 为, position words that begin with a surname, and the org of a sub-body.
"""

from __future__ import annotations

import pytest

from planparse.context import PlanContext
from planparse.extract import extract_roles
from planparse.extract.roles import holders_of, join_padded_names, parse_holder
from planparse.normalize import normalize_text


def _roles(text: str):
    doc = normalize_text(text)
    ctx = PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text))
    out = extract_roles(ctx)
    for r in out:
        assert text[r.span[0]:r.span[1]] == r.text  # text stays the source slice
    return [(r.position, r.person, r.holder, r.org) for r in out]


G = "防汛工作领导小组"
H = "环境整治领导小组"

CASES = {
    # a two-character name padded with an ideographic space is one person, written without it
    "padded_names": ("社区成立防汛工作领导小组。\n组　长：王　红（社区书记）\n"
                     "副组长：赵　强（社区副主任）、钱文涛（网格员）\n成　员：孙　力、李明华、周　燕\n",
                     [("组长", "王红", None, G), ("副组长", "赵强", None, G), ("副组长", "钱文涛", None, G),
                      ("成员", "孙力", None, G), ("成员", "李明华", None, G), ("成员", "周燕", None, G)]),
    # three-character names separated by ideographic spaces stay apart; a padded one joins
    "padded_among_spaced": ("社区成立防汛工作领导小组。\n成员：何志远　秦　丽　吕建国\n",
                            [("成员", "何志远", None, G), ("成员", "秦丽", None, G), ("成员", "吕建国", None, G)]),
    # ASCII spaces pad too
    "padded_ascii": ("社区成立防汛工作领导小组。\n组 长:韩 梅\n",
                     [("组长", "韩梅", None, G)]),
    # name + office: the office is the person's title, not a second holder; continuation
    # lines (no label of their own, indented) belong to the position above them
    "name_office_roster": ("街道成立环境整治领导小组。\n"
                           "　　组　长：韩立伟　街道党工委书记\n"
                           "　　副组长：冯　杰　街道办事处主任\n"
                           "　　　　　　褚国庆　街道党工委副书记\n"
                           "　　成　员：卫　东　街道城管科科长\n"
                           "　　　　　　蒋小萍　街道财政所所长\n"
                           "　　　　　　各社区主任\n"
                           "\n　　领导小组每月召开一次例会。\n",
                           [("组长", "韩立伟", None, H), ("副组长", "冯杰", None, H), ("副组长", "褚国庆", None, H),
                            ("成员", "卫东", None, H), ("成员", "蒋小萍", None, H), ("成员", None, "各社区主任", H)]),
    # continuation lines with a bracketed gloss, the label lines not indented
    "continuation_glosses": ("公司成立消防安全委员会，组成如下：\n主　任：吕志成（总经理）\n副主任：施永刚（副总经理）\n"
                             "　　　　曹丽华（行政总监）\n委　员：严　斌（保卫部部长）、金晓东（设备部经理）\n",
                             [("主任", "吕志成", None, "消防安全委员会"), ("副主任", "施永刚", None, "消防安全委员会"),
                              ("副主任", "曹丽华", None, "消防安全委员会"), ("委员", "严斌", None, "消防安全委员会"),
                              ("委员", "金晓东", None, "消防安全委员会")]),
    # a label spaced out to a four-character width
    "spaced_labels": ("成立防汛工作领导小组。\n组　　长：刘振华　　街道党工委书记\n副 组 长：陈立新　　街道办事处主任\n",
                      [("组长", "刘振华", None, G), ("副组长", "陈立新", None, G)]),
    # several offices after the name, joined by 、: still one role
    "name_offices": ("县政府成立创卫工作领导小组。\n组　长：沈国华　县委副书记、县长\n副组长：魏　宁　副县长\n",
                     [("组长", "沈国华", None, "创卫工作领导小组"), ("副组长", "魏宁", None, "创卫工作领导小组")]),
    # a line after the roster that is a sentence is no continuation
    "continuation_stops": ("成立安全工作领导小组。\n组长：许文斌\n　　领导小组负责全面工作。\n",
                           [("组长", "许文斌", None, "安全工作领导小组")]),
    # a shared 负责人 after a list of offices joined by 、 and a last 和: each office gets it
    "shared_head_and": ("成立乡村振兴工作领导小组，乡长任组长，党政办、财政所、农业服务中心和村镇建设办负责人为成员。",
                        [("组长", None, "乡长", "乡村振兴工作领导小组"),
                         ("成员", None, "党政办负责人", "乡村振兴工作领导小组"),
                         ("成员", None, "财政所负责人", "乡村振兴工作领导小组"),
                         ("成员", None, "农业服务中心负责人", "乡村振兴工作领导小组"),
                         ("成员", None, "村镇建设办负责人", "乡村振兴工作领导小组")]),
    # a title, then a name, before 为: the person
    "title_name_wei": ("第八条　总经理王建新为公司消防安全第一责任人，对消防工作全面负责。",
                       [("第一责任人", "王建新", None, None)]),
    # a position word that begins with a surname is an office, not a person
    "surname_like_office": ("车间主任为本车间消防安全直接责任人。",
                            [("直接责任人", None, "车间主任", None)]),
    # 兼任 a post that is not a body's position (安全员)
    "concurrent_post": ("工段长兼任本工段安全员，负责日常检查。",
                        [("安全员", None, "工段长", None)]),
    # a sub-body set up under a body (下设……指挥部) owns the roles after it
    "sub_body": ("公司成立消防安全委员会（以下简称消委会）。消委会下设灭火救援指挥部，总指挥由李国栋担任，"
                 "成员由各班组长组成。",
                 [("总指挥", "李国栋", None, "灭火救援指挥部"), ("成员", None, "各班组长", "灭火救援指挥部")]),
    # X组由Y任组长 names the group even when its name has no listed body word
    "named_groups": ("专班下设宣传组、考核评估组2个小组，宣传组由张伟同志任组长，考核评估组由刘洋同志任组长。",
                     [("组长", "张伟", None, "宣传组"), ("组长", "刘洋", None, "考核评估组")]),
    # … and so does X队由Y任队长
    "named_team": ("村防汛领导小组下设巡查组和抢修队。抢修队由村民兵营长任队长。",
                   [("队长", None, "村民兵营长", "抢修队")]),
    # 组委会 is a body
    "organizing_committee": ("成立运动会组委会，校长王文涛任主任，副校长李红霞任副主任。",
                             [("主任", "王文涛", None, "运动会组委会"), ("副主任", "李红霞", None, "运动会组委会")]),
    # 委员会下设办公室 after a body that opened the previous sentence
    "committee_office": ("学校安全管理委员会由校长任主任委员。委员会下设办公室，办公室设在保卫科，"
                         "保卫科科长赵刚任办公室主任。",
                         [("主任委员", None, "校长", "学校安全管理委员会"),
                          ("办公室主任", "赵刚", None, "学校安全管理委员会办公室")]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_layouts(case):
    text, expected = CASES[case]
    assert _roles(text) == expected


@pytest.mark.parametrize(("s", "expected"), [
    ("王 红", "王红"),
    ("王 红(社区书记)", "王红(社区书记)"),
    ("孙 力、李明华、周 燕", "孙力、李明华、周燕"),
    ("何志远 秦 丽 吕建国", "何志远 秦丽 吕建国"),
    ("冯 杰 街道办事处主任", "冯杰 街道办事处主任"),
    ("何志远 吕建国", "何志远 吕建国"),   # two full names stay apart
    ("组 长", "组 长"),                  # 组 is no surname
])
def test_join_padded_names(s, expected):
    assert join_padded_names(s) == expected


@pytest.mark.parametrize(("s", "expected"), [
    ("车间主任", (None, "车间主任")),
    ("总经理王建新", ("王建新", None)),
    ("陆水平主任", ("陆水平", None)),
])
def test_parse_holder_layouts(s, expected):
    assert parse_holder(s) == expected


@pytest.mark.parametrize(("s", "expected"), [
    ("党政办、财政所和村镇建设办负责人", ["党政办负责人", "财政所负责人", "村镇建设办负责人"]),
    ("城管科、环卫所和各社区党组织书记", ["城管科", "环卫所", "各社区党组织书记"]),  # 书记 is no shared head
])
def test_shared_head_over_and(s, expected):
    assert [h for _, h in holders_of(s)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a bare head after a clause that a unit opens: the unit's head
    ("各街道要建立工作台账，主要负责人为本街道禁毒工作第一责任人。",
     [("第一责任人", None, "各街道主要负责人", None)]),
    # no unit opens the sentence: the head stays bare
    ("禁毒工作领导小组由主要负责同志任组长。", [("组长", None, "主要负责同志", "禁毒工作领导小组")]),
])
def test_elided_owner(text, expected):
    assert _roles(text) == expected
