"""PDF reading: text in reading order, running heads and page numbers dropped, wrapped lines joined."""

from __future__ import annotations

import pytest

from planparse.errors import UnsupportedFormatError
from planparse.read import read_source

pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
LEFT, SIZE, WIDTH, HEIGHT = 72, 12, A4[0], A4[1]
CHARS_PER_LINE = 30  # 30 × 12 pt = 360 pt of text width


def _make_pdf(path, pages: list[list[str]], header: str | None, footer_fmt: str | None):
    c = canvas.Canvas(str(path), pagesize=A4)
    for i, lines in enumerate(pages, start=1):
        if header:
            c.setFont(FONT, 9)
            c.drawString(LEFT, HEIGHT - 40, header)
        c.setFont(FONT, SIZE)
        y = HEIGHT - 90
        for line in lines:
            c.drawString(LEFT, y, line)
            y -= SIZE * 1.8
        if footer_fmt:
            c.setFont(FONT, 9)
            c.drawCentredString(WIDTH / 2, 30, footer_fmt.format(i=i, n=len(pages)))
        c.showPage()
    c.save()


def _wrap(paragraph: str) -> list[str]:
    return [paragraph[i:i + CHARS_PER_LINE] for i in range(0, len(paragraph), CHARS_PER_LINE)]


LONG = ("为进一步改善辖区人居环境，提升居民生活品质，街道决定在全辖区开展环境整治行动，"
        "重点解决背街小巷脏乱差、违章搭建和占道经营等突出问题，现制定本方案。")
PAGES = [
    ["街道环境整治工作方案", *_wrap(LONG), "一、工作目标", "到2025年底完成30个小区的改造。"],
    ["二、主要任务", "(一)清理卫生死角。", "(二)拆除违章建筑。"],
    ["三、保障措施", "加强组织领导，落实工作责任。"],
]


@pytest.mark.parametrize("footer", ["- {i} -", "第{i}页", "{i}/{n}", "第 {i} 页 共 {n} 页", "{i}"])
def test_pdf_text_without_furniture(tmp_path, footer):
    path = tmp_path / "plan.pdf"
    _make_pdf(path, PAGES, header="某某街道办事处文件", footer_fmt=footer)
    doc = read_source(path)
    assert doc.format == "pdf"
    lines = doc.text.split("\n")
    assert lines == ["街道环境整治工作方案", LONG, "一、工作目标", "到2025年底完成30个小区的改造。",
                     "二、主要任务", "(一)清理卫生死角。", "(二)拆除违章建筑。", "三、保障措施",
                     "加强组织领导，落实工作责任。"]


def test_single_page_keeps_its_first_line(tmp_path):
    """A line seen once is no running head, even at the top of the only page."""
    path = tmp_path / "one.pdf"
    _make_pdf(path, [["社区工作计划", "一、指导思想", "坚持以人民为中心。"]], header=None, footer_fmt="- {i} -")
    assert read_source(path).text == "社区工作计划\n一、指导思想\n坚持以人民为中心。"


def test_pdf_without_text_layer_needs_ocr(tmp_path):
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(100, 100, 200, 300, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(UnsupportedFormatError) as ei:
        read_source(path)
    assert "OCR" in ei.value.one_line()


def test_pdf_named_txt_is_read_as_pdf(tmp_path):
    path = tmp_path / "plan.txt"
    _make_pdf(path, [["社区工作计划"]], header=None, footer_fmt=None)
    doc = read_source(path)
    assert (doc.format, doc.text) == ("pdf", "社区工作计划")


def test_damaged_pdf_is_unsupported(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"garbage" * 20)
    with pytest.raises(UnsupportedFormatError):
        read_source(path)


def test_two_page_running_head_is_dropped(tmp_path):
    path = tmp_path / "two.pdf"
    _make_pdf(path, PAGES[1:], header="某某街道办事处文件", footer_fmt=None)
    assert read_source(path).text.split("\n") == ["二、主要任务", "(一)清理卫生死角。", "(二)拆除违章建筑。",
                                                  "三、保障措施", "加强组织领导，落实工作责任。"]


def test_notes_say_what_reading_the_pdf_changed(tmp_path):
    """Dropped page furniture and joined lines are counted in the notes (PP110 warnings)."""
    path = tmp_path / "plan.pdf"
    _make_pdf(path, PAGES, header="某某街道办事处文件", footer_fmt="第{i}页")
    doc = read_source(path)
    assert "6 running heads or page numbers dropped from the PDF's page edges" in doc.notes
    joined = len(_wrap(LONG)) - 1
    assert f"{joined} hard-wrapped PDF lines joined to the line before (a paragraph split by the layout)" in doc.notes
    import planparse

    codes = [w.code for w in planparse.parse_file(path).warnings]
    assert codes.count("PP110") >= 2


def test_a_scanned_page_among_text_pages_is_noted(tmp_path):
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for lines in [PAGES[1], None, PAGES[2]]:
        if lines is None:  # an image only: no text layer on this page
            c.rect(100, 100, 200, 300, fill=1)
        else:
            c.setFont(FONT, SIZE)
            for j, line in enumerate(lines):
                c.drawString(LEFT, HEIGHT - 90 - j * SIZE * 1.8, line)
        c.showPage()
    c.save()
    doc = read_source(path)
    assert "三、保障措施" in doc.text
    assert "1 of 3 PDF pages have no text layer (scanned?) and gave no text: page 2" in doc.notes


def test_a_clean_pdf_has_no_notes(tmp_path):
    path = tmp_path / "one.pdf"
    _make_pdf(path, [["社区工作计划", "一、指导思想", "坚持以人民为中心。"]], header=None, footer_fmt=None)
    assert read_source(path).notes == ()
