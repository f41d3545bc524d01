"""Extracted text feeds the pipeline: spans of a parse of a .docx/.pdf/.html index SourceDocument.text."""

from __future__ import annotations

import pytest
from conftest import assert_spans_roundtrip

import planparse
from planparse.read import read_source

BODY = ["街道环境整治工作方案", "一、工作目标", "到2025年底完成30个小区的改造，居民满意度达90%以上。",
        "二、主要任务", "(一)清理卫生死角。", "(二)拆除违章建筑。", "三、保障措施", "街道城管科负责日常巡查。"]


def _docx(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for line in BODY:
        d.add_paragraph(line)
    p = tmp_path / "plan.docx"
    d.save(p)
    return p


def _pdf(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    p = tmp_path / "plan.pdf"
    c = canvas.Canvas(str(p), pagesize=A4)
    c.setFont("STSong-Light", 12)
    y = A4[1] - 80
    for line in BODY:
        c.drawString(72, y, line)
        y -= 22
    c.showPage()
    c.save()
    return p


def _html(tmp_path):
    p = tmp_path / "plan.html"
    p.write_text("<html><body>" + "".join(f"<p>{line}</p>" for line in BODY) + "</body></html>", encoding="utf-8")
    return p


@pytest.mark.parametrize("make", [_docx, _pdf, _html], ids=["docx", "pdf", "html"])
def test_parse_file_spans_index_extracted_text(tmp_path, make):
    path = make(tmp_path)
    text = read_source(path).text
    assert text.split("\n") == BODY
    result = planparse.parse_file(path)
    assert result.plans
    assert_spans_roundtrip(text, result)
