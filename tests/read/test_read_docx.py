""".docx reading: body order, tables row by row, and Word list numbers rendered from numbering.xml.

The documents are built here with python-docx; numbering.xml is written by hand, as Word would.
"""

from __future__ import annotations

import pytest

from planparse.read import read_source
from planparse.read.docx import chinese_counting, chinese_counting_thousand, format_number

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402


def _lvl(ilvl, fmt, text, start=1, restart=None, suff=None, lgl=False):
    extra = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    extra += '<w:isLgl/>' if lgl else ""
    extra += f'<w:suff w:val="{suff}"/>' if suff else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def _numbering_xml(abstracts: dict[int, list[str]], nums: dict[int, tuple[int, dict[int, int]]]) -> str:
    parts = [f"<w:numbering {nsdecls('w')}>"]
    for aid, levels in abstracts.items():
        parts.append(f'<w:abstractNum w:abstractNumId="{aid}">{"".join(levels)}</w:abstractNum>')
    for nid, (aid, overrides) in nums.items():
        ov = "".join(f'<w:lvlOverride w:ilvl="{lv}"><w:startOverride w:val="{s}"/></w:lvlOverride>'
                     for lv, s in overrides.items())
        parts.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{ov}</w:num>')
    parts.append("</w:numbering>")
    return "".join(parts)


def _build(tmp_path, numbering_xml: str, paras: list[tuple[str, int | None, int]], name="plan.docx",
           table: list[list[str]] | None = None):
    """paras: (text, numId or None, ilvl)."""
    d = docx.Document()
    d.part.numbering_part._element = parse_xml(numbering_xml)
    for text, num_id, ilvl in paras:
        p = d.add_paragraph(text)
        if num_id is not None:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    path = tmp_path / name
    d.save(path)
    return path


CN_OUTLINE = {1: [_lvl(0, "chineseCounting", "%1、"), _lvl(1, "chineseCounting", "（%2）"),
                  _lvl(2, "decimal", "%3.")]}


def test_chinese_outline_with_levels_and_restart(tmp_path):
    path = _build(tmp_path, _numbering_xml(CN_OUTLINE, {1: (1, {}), 2: (1, {0: 1})}), [
        ("社区安全工作计划", None, 0),
        ("指导思想", 1, 0),
        ("坚持预防为主", 1, 1),
        ("落实责任", 1, 1),
        ("每月检查一次", 1, 2),
        ("每季度演练一次", 1, 2),
        ("工作目标", 1, 0),
        ("事故为零", 1, 1),
        ("全年培训4次", 1, 2),
        ("附则", 2, 0),  # a new w:num with startOverride: the list restarts at 一
    ])
    doc = read_source(path)
    assert doc.format == "docx"
    assert doc.text.split("\n") == [
        "社区安全工作计划",
        "一、指导思想",
        "（一）坚持预防为主",
        "（二）落实责任",
        "1.每月检查一次",
        "2.每季度演练一次",
        "二、工作目标",
        "（一）事故为零",
        "1.全年培训4次",
        "一、附则",
    ]


def test_two_nums_on_one_abstract_list_continue(tmp_path):
    path = _build(tmp_path, _numbering_xml(CN_OUTLINE, {1: (1, {}), 3: (1, {})}), [
        ("甲项", 1, 0), ("乙项", 3, 0), ("丙项", 1, 0),
    ])
    assert read_source(path).text.split("\n") == ["一、甲项", "二、乙项", "三、丙项"]


def test_multilevel_decimal_and_start_value(tmp_path):
    xml = _numbering_xml({5: [_lvl(0, "decimal", "%1", start=3, suff="space"), _lvl(1, "decimal", "%1.%2", suff="space")]},
                         {7: (5, {})})
    path = _build(tmp_path, xml, [("总体要求", 7, 0), ("目标", 7, 1), ("原则", 7, 1), ("任务", 7, 0), ("分工", 7, 1)])
    assert read_source(path).text.split("\n") == ["3 总体要求", "3.1 目标", "3.2 原则", "4 任务", "4.1 分工"]


def test_lvl_restart_zero_never_restarts(tmp_path):
    xml = _numbering_xml({1: [_lvl(0, "chineseCounting", "%1、"), _lvl(1, "decimalEnclosedCircle", "%2", restart=0,
                                                                        suff="nothing")]}, {1: (1, {})})
    path = _build(tmp_path, xml, [("一项", 1, 0), ("甲", 1, 1), ("二项", 1, 0), ("乙", 1, 1)])
    assert read_source(path).text.split("\n") == ["一、一项", "①甲", "二、二项", "②乙"]


def test_is_legal_renders_decimal(tmp_path):
    xml = _numbering_xml({1: [_lvl(0, "chineseCounting", "%1、"), _lvl(1, "decimal", "%1.%2", lgl=True)]},
                         {1: (1, {})})
    path = _build(tmp_path, xml, [("总则", 1, 0), ("范围", 1, 1)])
    assert read_source(path).text.split("\n") == ["一、总则", "1.1 范围"]


def test_table_rows_follow_paragraphs_in_order(tmp_path):
    path = _build(tmp_path, _numbering_xml(CN_OUTLINE, {1: (1, {})}), [("任务分工", 1, 0)],
                  table=[["序号", "任务", "牵头单位"], ["1", "垃圾分类", "城管科"]])
    assert read_source(path).text.split("\n") == ["一、任务分工", "序号\t任务\t牵头单位", "1\t垃圾分类\t城管科"]


def test_notes_count_rendered_numbers_and_tables(tmp_path):
    """What the reader added (list numbers) or rearranged (tables) is said in the notes (PP110)."""
    path = _build(tmp_path, _numbering_xml(CN_OUTLINE, {1: (1, {})}),
                  [("工作目标", 1, 0), ("完善台账", 1, 1), ("工作措施", 1, 0)],
                  table=[["序号", "任务"], ["1", "垃圾分类"]])
    assert read_source(path).notes == (
        "3 list numbers rendered from the .docx numbering definitions (Word keeps them out of the text)",
        "1 .docx tables read row by row (one line per row, cells separated by a tab)")


def test_docx_without_numbering_part(tmp_path):
    d = docx.Document()
    d.add_paragraph("街道工作方案")
    d.add_paragraph("一、工作目标")
    path = tmp_path / "plain.docx"
    d.save(path)
    doc = read_source(path)
    assert doc.text == "街道工作方案\n一、工作目标"
    assert doc.notes == ()  # markers typed as text: nothing rendered, nothing to say


def test_empty_docx_is_empty_input(tmp_path):
    from planparse.errors import EmptyInputError

    d = docx.Document()
    d.add_paragraph("   ")
    path = tmp_path / "empty.docx"
    d.save(path)
    with pytest.raises(EmptyInputError):
        read_source(path)


@pytest.mark.parametrize(("n", "fmt", "expected"), [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (15, "chineseCounting", "十五"),
    (20, "chineseCounting", "二十"), (99, "chineseCounting", "九十九"), (100, "chineseCounting", "一〇〇"),
    (100, "chineseCountingThousand", "一百"), (101, "chineseCountingThousand", "一百零一"),
    (110, "chineseCountingThousand", "一百一十"), (1005, "chineseCountingThousand", "一千零五"),
    (3, "ideographTraditional", "丙"), (11, "ideographTraditional", "甲"),
    (4, "decimalEnclosedCircle", "④"), (21, "decimalEnclosedCircle", "21"),
    (2, "lowerLetter", "b"), (27, "upperLetter", "AA"), (4, "lowerRoman", "iv"), (14, "upperRoman", "XIV"),
    (12, "decimalFullWidth", "１２"), (7, "decimal", "7"), (3, "decimalZero", "03"),
    (12, "chineseLegalSimplified", "拾贰"), (5, "unknownFormat", "5"),
])
def test_format_number(n, fmt, expected):
    assert format_number(n, fmt) == expected


def test_counting_helpers_agree_below_100():
    assert all(chinese_counting(n) == chinese_counting_thousand(n) for n in range(1, 100))


def test_numbering_inherited_from_paragraph_style(tmp_path):
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    d.part.numbering_part._element = parse_xml(_numbering_xml(CN_OUTLINE, {4: (1, {})}))
    style = d.styles.add_style("PlanLevel1", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr>'))
    d.add_paragraph("计划标题")
    d.add_paragraph("指导思想", style="PlanLevel1")
    d.add_paragraph("工作目标", style="PlanLevel1")
    path = tmp_path / "styled.docx"
    d.save(path)
    assert read_source(path).text.split("\n") == ["计划标题", "一、指导思想", "二、工作目标"]
