"""Plan splitting (compilations, separators, chrome) and plan meta (issuer, year). Texts written for these tests."""

from __future__ import annotations

import json

import pytest
from conftest import SHARED, needs_shared

from planparse.normalize import normalize_text
from planparse.segment import detect_plan_meta, split_plans


def plans(text: str):
    doc = normalize_text(text)
    out = []
    for p in split_plans(doc):
        title = doc.text[p.title_start:p.title_end] if p.title_start is not None else None
        out.append((title, doc.text[p.start:p.end]))
    return out


COMPILATION = (
    "社区工作计划范文\n\n时间:2024-05-06 09:12:30\n\n社区工作计划\n\n"
    "社区工作计划范文第1篇\n\n2017年社区平安工作计划(一)\n\n一、落实责任\n社区书记负总责。\n\n"
    "2017年社区平安工作计划(二)\n\n一、加强宣传\n张贴标语。\n\n"
    "社区工作计划范文第2篇\n\n为做好本年度工作,制定本计划。\n一、指导思想\n以人为本。\n二、工作目标\n居民满意。\n\n"
    "上一篇:街道工作计划 下一篇:村级工作计划\n"
)


def test_compilation_counts_titles_and_keeps_chrome_out():
    got = plans(COMPILATION)
    assert [t for t, _ in got] == ["2017年社区平安工作计划(一)", "2017年社区平安工作计划(二)", None]
    for _, body in got:
        assert "上一篇" not in body and "时间:" not in body and "范文第" not in body
    assert got[2][1].startswith("为做好本年度工作")
    assert got[2][1].endswith("居民满意。")


def test_pian_headings_are_titles():
    text = "社区计划集锦(3篇)\n导语文字。\n社区计划集锦篇一\n第一个计划的正文。\n社区计划集锦篇二\n第二个计划的正文。\n"
    assert [t for t, _ in plans(text)] == ["社区计划集锦篇一", "社区计划集锦篇二"]


def test_title_list_and_footer_links_are_not_plans():
    text = ("社区计划集锦\n社区计划集锦篇一\n社区计划集锦篇二\n导语。\n社区计划集锦篇一\n第一个计划的正文。\n"
            "社区计划集锦篇二\n第二个计划的正文。\n上一篇:街道计划\n相关推荐\n某某工作计划(一)\n")
    assert [t for t, _ in plans(text)] == ["社区计划集锦篇一", "社区计划集锦篇二"]


def test_single_plan_with_page_chrome_before_title():
    text = "您的当前位置:首页正文\n\n社区爱国卫生月活动方案\n\n2020-03-31 来源:某某网\n\n一、活动主题\n人人参与。\n"
    got = plans(text)
    assert len(got) == 1
    assert got[0][0] == "社区爱国卫生月活动方案"
    assert "当前位置" not in got[0][1]


def test_single_plan_without_title():
    text = "为全面做好创建工作,特制定本方案。\n一、指导思想\n以人为本。\n"
    got = plans(text)
    assert len(got) == 1 and got[0][0] is None and got[0][1].startswith("为全面做好")


def test_title_glued_to_first_heading_on_a_one_line_page():
    text = "安全月工作计划学校人员密集,下面是整理的计划,请阅读。安全月工作计划一一、指导思想以文件精神为指导。二、工作目标杜绝事故。"
    got = plans(text)
    assert [t for t, _ in got] == ["安全月工作计划一"]
    assert got[0][1].startswith("安全月工作计划一一、")


def test_pian_separator_glued_to_first_heading():
    text = "社区建设工作计划汇编九篇\n导语。\n社区建设工作计划 篇1一、明确宗旨\n正文。\n"
    assert [t.replace(" ", "") for t, _ in plans(text)] == ["社区建设工作计划篇1"]  # the normalizer may drop the space


PIAN_COLON = (
    "社区计划范文(精选2篇)\n本文目录:\n篇一:社区敬老活动方案\n篇二:青石村2024年健身活动方案\n导语文字。\n"
    "篇一:社区敬老活动方案\n\nXX社区20XX年敬老活动方案\n为弘扬美德,制定本方案。\n一、活动主题\n情暖夕阳。\n"
    "篇二：青石村2024年健身活动方案\n为丰富村民生活,制定本方案。\n一、活动内容\n篮球赛。\n上一篇:某某方案\n"
)


def test_pian_separator_with_a_colon_starts_a_plan_and_the_toc_is_not_one():
    got = plans(PIAN_COLON)
    # the separator gives way to the plan's own title line; otherwise the name after the colon titles it
    assert [t for t, _ in got] == ["XX社区20XX年敬老活动方案", "青石村2024年健身活动方案"]
    assert got[0][1].endswith("情暖夕阳。") and got[1][1].endswith("篮球赛。")


def test_bare_pian_separator_gives_way_to_the_title_line_below():
    text = "计划3篇\n【篇一】\n2024年青石社区禁毒工作计划\n一、目标\n略。\n【篇二】\n一、任务\n略。\n"
    assert [t for t, _ in plans(text)] == ["2024年青石社区禁毒工作计划", "【篇二】"]


@pytest.mark.parametrize("title", ["青石乡农田水利三年行动方案(2024—2026年)", "青石村集体资产管理办法(试行)",
                                   "青石镇2024年工作要点(征求意见稿)"])
def test_title_with_a_parenthesized_trailer(title):
    got = plans(title + "\n一、目标\n略。\n")
    assert [t for t, _ in got] == [title]


META = {
    "issuer_and_year_in_title": ("白云湖社区2016年学雷锋活动方案\n一、指导思想\n", ("白云湖社区", 2016)),
    "year_only_in_title": ("2017年社区平安创建工作计划(一)\n一、落实责任\n", (None, 2017)),
    "placeholder_year": ("20XX年社区工作计划\n一、目标\n", (None, None)),
    "issuer_as_subject": ("社区工作计划\nXX社区地处城区中心,商业繁华。\n", ("XX社区", None)),
    "issuer_after_shi": ("创卫计划\n创建卫生村,是卞家涝坡村在创卫工作中的重要举措。\n", ("卞家涝坡村", None)),
    "we_are_not_an_issuer": ("社区工作计划\n我们社区坚持以人为本。\n", (None, None)),
    "year_in_opening": ("民主法治工作计划\n2017年,我区创建示范社区活动要以法治为指导。\n", (None, 2017)),
    "cited_document_year_ignored": ("工作计划\n根据《2018年法治建设方案》要求开展工作。\n", (None, None)),
    "signature_block": ("防汛预案\n一、组织机构\n略。\nxx中区社区\n20xx年6月2日\n", ("xx中区社区", None)),
    "signature_date_in_chinese_numerals": ("防汛预案\n一、组织机构\n略。\n青石村村民委员会\n二〇二四年五月六日\n",
                                           ("青石村村民委员会", None)),
    "joint_signature_on_one_line_gives_the_first_body": (
        "帮扶工作方案\n一、目标\n略。\n中共青石乡委员会\u3000\u3000青石乡人民政府\n2024年3月1日\n", ("中共青石乡委员会", None)),
    "joint_signature_on_stacked_lines_gives_the_first_body": (
        "帮扶工作方案\n一、目标\n略。\n中共青石乡委员会\n青石乡人民政府\n2024年3月1日\n", ("中共青石乡委员会", None)),
    "sentence_above_the_date_is_no_signature": (
        "帮扶工作方案\n一、目标\n资金全部用于青石村。\n2024年3月1日\n", (None, None)),
    "year_span_in_title_gives_its_first_year": ("青石乡农田水利三年行动方案(2024—2026年)\n一、目标\n", (None, 2024)),
    "year_span_after_the_issuer": ("青石村2024—2025年度冬季防火工作方案\n一、目标\n", ("青石村", 2024)),
}

HEADER = ("青石村村民委员会文件\n青村发〔2024〕3号\n青石村冬季防火工作方案\n各村民小组:\n"
          "为做好防火工作,制定本方案。\n一、目标\n略。\n")


def test_official_document_header_names_the_issuer():
    doc = normalize_text(HEADER)
    plan = split_plans(doc)[0]
    assert doc.text[plan.title_start:plan.title_end] == "青石村冬季防火工作方案"
    assert detect_plan_meta(doc, plan) == ("青石村村民委员会", None)


def test_header_mark_without_wenjian_needs_a_document_number():
    with_number = normalize_text("青石乡人民政府\n青政发〔2024〕7号\n青石乡农田水利工作方案\n一、目标\n略。\n")
    without = normalize_text("青石乡人民政府\n青石乡农田水利工作方案\n一、目标\n略。\n")
    assert detect_plan_meta(with_number, split_plans(with_number)[0])[0] == "青石乡人民政府"
    assert detect_plan_meta(without, split_plans(without)[0])[0] is None


@pytest.mark.parametrize("case", sorted(META))
def test_plan_meta(case):
    text, expected = META[case]
    doc = normalize_text(text)
    plan = split_plans(doc)[0]
    if plan.title_start is None:  # these small texts open with their title line
        plan.title_start, plan.title_end = 0, doc.text.index("\n")
    assert detect_plan_meta(doc, plan) == expected


@needs_shared
def test_seed_compilation_plan_count_is_exact():
    import planparse

    seed = SHARED / "corpora" / "seed"
    for gold_path in sorted(seed.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        result = planparse.parse_file(seed / gold["file"])
        assert len(result.plans) == len(gold["plans"])
        assert [p.title for p in result.plans] == [p["title"] for p in gold["plans"]]


def test_separator_with_the_title_on_its_own_line():
    """``第N篇 <title>``: the separator and the plan's title share one line, a space between."""
    text = ("某乡2028年工作计划选编(共2篇)\n发布时间:2028-02-01 10:00\n\n"
            "第1篇\u3000某乡2028年植树造林工作计划\n一、目标\n新增林地50亩。\n二、措施\n分片包干。\n\n"
            "第2篇\u3000某乡2028年防汛抢险工作方案\n一、组织\n成立防汛指挥部。\n二、物资\n备足沙袋。\n")
    got = plans(text)
    assert [t for t, _ in got] == ["某乡2028年植树造林工作计划", "某乡2028年防汛抢险工作方案"]
    assert "新增林地" in got[0][1] and "防汛" not in got[0][1]


def test_separator_with_a_colon_before_the_title():
    """``第N篇:<title>`` (full- or half-width colon) with no title line below: the rest is the title."""
    text = ("某乡2028年工作方案选编\n发布日期:2028-02-01\n\n"
            "第1篇：某乡2028年护林防火工作方案\n\n为做好护林防火工作,制定本方案。\n一、目标\n火灾受害率控制在0.5‰以内。\n\n"
            "第2篇:某乡2028年农田灌溉工作计划\n\n为保障灌溉,制定本计划。\n一、任务\n新修渠道3公里。\n")
    got = plans(text)
    assert [t for t, _ in got] == ["某乡2028年护林防火工作方案", "某乡2028年农田灌溉工作计划"]
    assert "受害率" in got[0][1] and "渠道" not in got[0][1]


def test_separator_followed_by_prose_on_its_line_is_no_boundary():
    """``第2篇 讲的是……`` is a sentence about an article, not a plan heading."""
    assert len(plans("某社区2028年工作计划\n一、目标\n第2篇 文章写得很好\n二、措施\n入户走访。\n")) == 1


def test_meta_near_start_finds_what_the_plain_search_finds():
    """A rule searched from before the first place its ``near`` finds (plan_meta.yaml ``near`` and
    ``reach``, speed only) finds the match the plain search finds."""
    import random

    from conftest import OWN_CORPORA

    from planparse.segment import meta

    spec, rules, _ = meta._spec()
    ids = [r["id"] for r in spec["rules"] if r.get("near")]
    assert ids
    pieces = ["社区居委会", "居委会", "社区", "村", "街道", "镇", "乡", "地处", "位于", "现有", "辖区", "将", "要",
              "在", "按照", "根据", "坚持", "今年", "全年", "。", ",", ";", ":", "\n", "是", "白云湖", "XX", "我们",
              "青石", "各", "2016", "工作", "的", "开展", "x"]
    rng = random.Random(7)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 60))) for _ in range(3000)]
    texts += [p.read_text(encoding="utf-8") for p in sorted(OWN_CORPORA.glob("*.txt"))]
    found = 0
    for rid in ids:
        fast, plain = meta._search(rid), rules[rid].search
        for t in texts:
            a, b = fast(t), plain(t)
            assert (a and (a.span(), a.group("org"))) == (b and (b.span(), b.group("org"))), t
            found += b is not None
    assert found
