"""Plain-text reading: encodings, BOMs, cut characters, offsets = decoded bytes, typed errors."""

from __future__ import annotations

import codecs

import pytest

from planparse.errors import (
    EmptyInputError,
    EncodingError,
    FileNotFoundPlanError,
    ReadError,
    UnsupportedFormatError,
)
from planparse.read import read_source
from planparse.read.encoding import decode_bytes

SIMPLIFIED = "社区安全工作计划\r\n一、指导思想\n坚持预防为主，确保全年安全事故为零。\n二、工作目标\n到2025年底，完成30个小区的改造。\n"
TRADITIONAL = "社區安全工作計劃\r\n一、指導思想\n堅持預防為主，確保全年安全事故為零。\n二、工作目標\n到2025年底，完成30個小區的改造。\n"

# (id, text, bytes, expected encoding)
CASES = [
    ("utf8", SIMPLIFIED, SIMPLIFIED.encode("utf-8"), "utf-8"),
    ("utf8_bom", SIMPLIFIED, codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8-sig"),
    ("gb18030", SIMPLIFIED, SIMPLIFIED.encode("gb18030"), "gb18030"),
    ("gbk_traditional", TRADITIONAL, TRADITIONAL.encode("gbk"), "gb18030"),
    ("big5", TRADITIONAL, TRADITIONAL.encode("big5"), "big5"),
    ("utf16le_bom", SIMPLIFIED, codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), "utf-16-le"),
    ("utf16be_bom", SIMPLIFIED, codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), "utf-16-be"),
    ("utf16le_no_bom", SIMPLIFIED, SIMPLIFIED.encode("utf-16-le"), "utf-16-le"),
    ("utf16be_no_bom", SIMPLIFIED, SIMPLIFIED.encode("utf-16-be"), "utf-16-be"),
    ("utf16le_no_bom_all_cjk", "社区工作计划实施方案", "社区工作计划实施方案".encode("utf-16-le"), "utf-16-le"),
]


@pytest.mark.parametrize(("text", "data", "encoding"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_encoding_detected_and_text_exact(tmp_path, text, data, encoding):
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    doc = read_source(path)
    assert doc.encoding == encoding
    assert doc.text == text  # CRLF kept, BOM removed, nothing else changed
    assert doc.format == "txt"


@pytest.mark.parametrize(("enc", "cut"), [("gb18030", 1), ("utf-8", 1), ("utf-8", 2), ("big5", 1)])
def test_cut_trailing_character_is_dropped(tmp_path, enc, cut):
    text = SIMPLIFIED.rstrip() if enc != "big5" else TRADITIONAL.rstrip()
    data = text.encode(enc)[:-cut]
    path = tmp_path / "cut.txt"
    path.write_bytes(data)
    doc = read_source(path)
    assert doc.text == text[:-1]
    assert any("trailing" in n for n in doc.notes)


def test_big5_vs_gb18030_is_decided_by_common_characters():
    data = TRADITIONAL.encode("big5")
    # these bytes are also valid GB18030, which would give nonsense
    data.decode("gb18030")
    assert decode_bytes(data).text == TRADITIONAL


def test_utf8_with_one_bad_byte_stays_utf8(tmp_path):
    text = SIMPLIFIED * 40
    data = text.encode("utf-8")
    cut = data.index(b"\n", 500) + 1  # between two characters
    data = data[:cut] + b"\xff" + data[cut:]
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    doc = read_source(path)
    assert doc.encoding == "utf-8"
    assert doc.text.count("\ufffd") == 1


def test_huge_file_reads(tmp_path):
    text = SIMPLIFIED * 50_000  # about 2.5 M characters
    path = tmp_path / "huge.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read_source(path).text == text


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundPlanError):
        read_source(tmp_path / "nope.txt")


def test_directory_is_a_read_error(tmp_path):
    with pytest.raises(ReadError):
        read_source(tmp_path)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", "\u3000\u3000\n".encode("utf-8"), codecs.BOM_UTF8],
                         ids=["empty", "ascii_ws", "ideographic_ws", "bom_only"])
def test_empty_or_blank(tmp_path, data):
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    with pytest.raises(EmptyInputError):
        read_source(path)


def test_binary_with_nuls_is_unsupported(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises((UnsupportedFormatError, EncodingError)):
        read_source(path)


def test_undecodable_is_encoding_error():
    # bytes that are no UTF-8, GB18030, Big5 or UTF-16 text and carry no NUL
    data = b"\x80\xff" * 3 + b"\xfe"
    with pytest.raises((EncodingError, UnsupportedFormatError)):
        decode_bytes(data)


def test_error_one_line_message(tmp_path):
    with pytest.raises(FileNotFoundPlanError) as ei:
        read_source(tmp_path / "missing.txt")
    assert ei.value.one_line().startswith("error PP102")
