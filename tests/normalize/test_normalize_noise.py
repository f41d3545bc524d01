"""Each kind of web noise, one parametrized case per row: source in, normalized text out."""

from __future__ import annotations

import pytest

from planparse.normalize import normalize_text
from planparse.normalize.noise import char_table, find_deletions, rule_ids

# (id, source, expected normalized text) — written for this project.
CASES = [
    # pinyin glosses after traditional characters (the characters are simplified too)
    ("pinyin_basic", "社區(qū)服務", "社区服务"),
    ("pinyin_fullwidth_parens", "創（chuàng）建", "创建"),
    ("pinyin_u_colon", "綠(lu:)化", "绿化"),
    ("pinyin_u_umlaut", "綠(lǜ)化", "绿化"),
    ("pinyin_many", "鄉(xiāng)鎮(zhèn)衛(wèi)生", "乡镇卫生"),
    ("pinyin_not_ascii_abbrev", "生产总值(GDP)增长", "生产总值(GDP)增长"),
    ("pinyin_not_plain_word", "人工智能(ai)应用", "人工智能(ai)应用"),
    ("pinyin_not_after_digit", "2024(qū)", "2024(qū)"),
    # hyphens inside words, never in number ranges or after punctuation
    ("hyphen_in_word", "构建和-谐社会", "构建和谐社会"),
    ("hyphen_chain", "宣传邓-小-平理论", "宣传邓小平理论"),
    ("hyphen_unicode", "和‐谐", "和谐"),
    ("hyphen_year_range", "2024-2025年", "2024-2025年"),
    ("hyphen_count_range", "每班5-10个", "每班5-10个"),
    ("hyphen_date", "2021-08-31", "2021-08-31"),
    ("hyphen_bullet", "明显提高。-完成全市", "明显提高。-完成全市"),
    ("hyphen_cn_numeral_range", "一-三季度", "一-三季度"),
    ("hyphen_cn_quarter_range", "一季度-三季度", "一季度-三季度"),
    # stray spaces from PDF extraction
    ("space_month", "于12 月底前完成", "于12月底前完成"),
    ("space_year", "到 2020 年", "到2020年"),
    ("space_count", "建成 50 个站点", "建成50个站点"),
    ("space_full_date", "2009 年 6 月 1 日至 30 日", "2009年6月1日至30日"),
    ("space_percent", "达 98%以上", "达98%以上"),
    ("space_hours", "首针 24 小时内", "首针24小时内"),
    ("space_year_range", "(2021-2025 年)", "(2021-2025年)"),
    ("space_range", "0- 3岁", "0-3岁"),
    ("space_line_end_word", "把基层党 组织建设好", "把基层党组织建设好"),
    ("space_letter_spaced", "实 施 方 案", "实施方案"),
    ("space_after_marker", "二、 工作要点", "二、工作要点"),
    ("space_in_brackets", "街 (镇)", "街(镇)"),
    ("space_in_quotes", "“ 三年 强村计划 ”", "“三年强村计划”"),
    ("space_before_comma", "精神 , 以实际出发 。", "精神,以实际出发。"),
    # spaces that carry meaning stay
    ("keep_newline", "工作\n计划", "工作\n计划"),
    ("keep_line_indent", "\n 一、目标", "\n 一、目标"),
    ("keep_double_space", "工作目标  九月底前", "工作目标  九月底前"),
    ("keep_heading_body", "一、指导思想 我校坚持安全第一", "一、指导思想 我校坚持安全第一"),
    ("keep_heading_body_after_colon", "计划如下: (二)工作目标 到年底", "计划如下: (二)工作目标 到年底"),
    ("keep_names", "成员:张小明 李华 王五", "成员:张小明 李华 王五"),
    ("keep_colon_value", "组长:王明 副组长:李强", "组长:王明 副组长:李强"),
    ("keep_ideographic_space", "第一阶段　动员部署", "第一阶段 动员部署"),
    ("keep_space_before_marker", "指导思想 (一)加强", "指导思想 (一)加强"),
    ("keep_line_start_number", "1 年度目标", "1 年度目标"),
    ("keep_after_sentence_end", "全面完成。 各社区", "全面完成。 各社区"),
    ("keep_before_cn_marker", "制定如下计划: 一、目标", "制定如下计划: 一、目标"),
    ("keep_decimal_heading_midline", "总则 1.1 编制目的 为做好防汛", "总则 1.1 编制目的 为做好防汛"),
    ("keep_decimal_marker_before_unit_char", "\n  7.1 名词术语", "\n  7.1 名词术语"),
    ("keep_before_compilation_marker", "年度工作计划 篇1", "年度工作计划 篇1"),
    ("keep_before_bracket_label", "各护理单元 【活动内容】", "各护理单元 【活动内容】"),
    # page counters injected into the text
    ("page_marker", "组织各村做好第2页共7页建档立卡工作", "组织各村做好建档立卡工作"),
    ("page_marker_lone_kept", "详见第3页", "详见第3页"),
    # zero-width characters
    ("zero_width", "工作\u200b计划", "工作计划"),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_noise_case(source, expected):
    nt = normalize_text(source)
    assert nt.text == expected
    # whatever was deleted, the whole normalized text maps back onto the whole source
    assert nt.source_slice(0, len(nt.text)).strip() == source.strip() or not nt.text


def test_every_rule_is_exercised():
    seen = set()
    for _, source, _ in CASES:
        translated = source.translate(char_table())
        for rid in rule_ids():
            if find_deletions(translated, source=source, only={rid}):
                seen.add(rid)
    assert seen == set(rule_ids())


def test_noise_off_keeps_text():
    nt = normalize_text("社區(qū) 2020 年", remove_noise=False)
    assert nt.text == "社区(qū) 2020 年"


def test_protection_window_scan_matches_the_rule_pattern():
    """_protected scans each window with the protection's standard-re twin, skipping windows its
    literal gate rules out: the ranges kept are those the regex pattern itself finds there."""
    import random

    from planparse.normalize import noise

    pieces = ["组长:王明 副组长:李强", "一、工作目标 本年", "(二)主要任务 2024年", "1.1 编制目的 为做好",
              "成员: 张三丰 李四 王小五", "基层党 组织", "实 施 方 案", ":", " ", "\n", "。", "工作", "组员",
              "第一章 总则 ", "社区 ", "2024 年", "精神, 以"]
    rng = random.Random(8)
    _, protections = noise._rules()
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        near = [(i, i + 1) for i, ch in enumerate(text) if ch == " "]
        if not near:
            continue
        for pat in protections.values():
            got = noise._protected(pat, text, near)

            def by_regex(text=text, near=near, pat=pat):
                saved = noise._window_scan
                noise._window_scan = lambda p: (p, None, 0)
                try:
                    return noise._protected(pat, text, near)
                finally:
                    noise._window_scan = saved
            assert got == by_regex(), (pat.pattern[:30], text)
