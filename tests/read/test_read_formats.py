"""Format detection by magic bytes and extension, HTML text, .doc through a converter."""

from __future__ import annotations

import os
import stat
import zipfile

import pytest

from planparse.errors import ConverterError, EmptyInputError, UnsupportedFormatError
from planparse.read import read_source, sniff_format

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>站点标题</title>
<style>p {{ color: red }}</style><script>var a = "一、不是正文";</script></head>
<body><div class="nav">首页 &gt; 工作计划</div>
<h1>社区&nbsp;环境整治工作方案</h1>
<p>一、工作目标</p><p>到2025年底，完成<b>30个</b>小区的改造。<br>居民满意度达90%以上。</p>
<noscript>请开启脚本</noscript><!-- 注释 -->
<table><tr><th>任务</th><th>牵头单位</th></tr><tr><td>垃圾分类</td><td>城管科</td></tr></table>
<ul><li>（一）宣传发动</li><li>（二）集中整治</li></ul>
</body></html>"""
EXPECTED = ["首页 > 工作计划", "社区\xa0环境整治工作方案", "一、工作目标", "到2025年底，完成30个小区的改造。",
            "居民满意度达90%以上。", "任务\t牵头单位", "垃圾分类\t城管科", "（一）宣传发动", "（二）集中整治"]


@pytest.mark.parametrize(("charset", "codec"), [("utf-8", "utf-8"), ("gb2312", "gbk"), ("GBK", "gb18030")])
def test_html_visible_text(tmp_path, charset, codec):
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format(charset=charset).encode(codec))
    doc = read_source(path)
    assert doc.format == "html"
    assert doc.text.split("\n") == EXPECTED


def test_html_with_lying_meta_charset_falls_back_to_detection(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes(PAGE.format(charset="utf-8").encode("gb18030"))
    assert read_source(path).text.split("\n") == EXPECTED


def test_html_sniffed_for_unknown_extension(tmp_path):
    path = tmp_path / "page.asp2"
    path.write_bytes(PAGE.format(charset="utf-8").encode("utf-8"))
    assert read_source(path).format == "html"


def test_txt_holding_markup_stays_text(tmp_path):
    """A .txt is the user's word that it is text: offsets index the raw characters."""
    path = tmp_path / "raw.txt"
    path.write_bytes("<p>一、目标</p>".encode())
    doc = read_source(path)
    assert (doc.format, doc.text) == ("txt", "<p>一、目标</p>")


def test_html_without_visible_text_is_empty(tmp_path):
    path = tmp_path / "blank.html"
    path.write_bytes(b"<html><head><title>x</title></head><body><script>1</script></body></html>")
    with pytest.raises(EmptyInputError):
        read_source(path)


def _docx_bytes(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("一、工作目标")
    p = tmp_path / "real.docx"
    d.save(p)
    return p.read_bytes()


def test_docx_named_txt_is_read_as_docx(tmp_path):
    path = tmp_path / "disguised.txt"
    path.write_bytes(_docx_bytes(tmp_path))
    doc = read_source(path)
    assert (doc.format, doc.text) == ("docx", "一、工作目标")


def test_zip_that_is_not_docx(tmp_path):
    path = tmp_path / "bundle.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(UnsupportedFormatError):
        read_source(path)


@pytest.mark.parametrize(("name", "data"), [
    ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    ("photo.txt", b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + b"\x00" * 64),
    ("archive.txt", b"\x1f\x8b\x08\x00" + b"\x00" * 64),
    ("fake.pdf", b"\x00\x01\x02\x03" * 64),
])
def test_binary_inputs_are_unsupported(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnsupportedFormatError) as ei:
        read_source(path)
    assert "\n" not in ei.value.one_line()


def test_text_with_a_misleading_pdf_extension_is_text(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_bytes("一、工作目标".encode())
    assert read_source(path).format == "txt"


def test_sniff_ole_is_doc(tmp_path):
    path = tmp_path / "old.txt"
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    path.write_bytes(data)
    assert sniff_format(data, str(path)) == "doc"


# --- .doc through a converter -------------------------------------------------------------

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _fake_converter(bin_dir, name, body):
    script = bin_dir / name
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


def test_doc_via_fake_antiword(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_converter(bin_dir, "antiword", "printf '社区工作计划\\n一、工作目标\\n'")
    monkeypatch.setenv("PATH", str(bin_dir))
    path = tmp_path / "plan.doc"
    path.write_bytes(OLE)
    doc = read_source(path)
    assert (doc.format, doc.encoding, doc.text) == ("doc", "doc:antiword", "社区工作计划\n一、工作目标\n")
    assert doc.notes == ("a legacy .doc converted to text by antiword: list numbers and tables are as that "
                         "converter renders them",)


def test_doc_falls_back_to_catdoc_when_antiword_fails(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_converter(bin_dir, "antiword", "echo 'not a Word file' >&2; exit 1")
    _fake_converter(bin_dir, "catdoc", "printf '二、主要任务\\n'")
    monkeypatch.setenv("PATH", str(bin_dir))
    path = tmp_path / "plan.doc"
    path.write_bytes(OLE)
    assert read_source(path).encoding == "doc:catdoc"


def test_doc_all_converters_fail(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_converter(bin_dir, "antiword", "exit 2")
    monkeypatch.setenv("PATH", str(bin_dir))
    path = tmp_path / "plan.doc"
    path.write_bytes(OLE)
    with pytest.raises(ConverterError):
        read_source(path)


def test_doc_without_converter_says_what_to_install(tmp_path, monkeypatch):
    empty = tmp_path / "empty_bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    path = tmp_path / "plan.doc"
    path.write_bytes(OLE)
    with pytest.raises(UnsupportedFormatError) as ei:
        read_source(path)
    line = ei.value.one_line()
    assert "apt-get install antiword" in line and "\n" not in line


@pytest.mark.skipif(not any(os.path.exists(os.path.join(d, "antiword")) for d in os.environ.get("PATH", "").split(":")),
                    reason="antiword not installed (apt-get install antiword)")
def test_real_antiword_on_garbage_fails_cleanly(tmp_path):
    path = tmp_path / "plan.doc"
    path.write_bytes(OLE)
    with pytest.raises((ConverterError, EmptyInputError)):
        read_source(path)
