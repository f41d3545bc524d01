"""Any bytes under any name: read_source returns text or raises a typed PlanparseError, nothing else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planparse.errors import PlanparseError
from planparse.read import read_source

PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"\xff\xfe",
            b"<html><body>", "社区工作计划\n".encode("gb18030"), "一、目标".encode()]
NAMES = ["a.txt", "a.html", "a.docx", "a.pdf", "a.doc", "a.dat", "a"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PREFIXES), st.binary(max_size=300), st.sampled_from(NAMES))
def test_any_bytes_read_or_typed_error(prefix, body, name):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(prefix + body)
        try:
            doc = read_source(path)
        except PlanparseError as e:
            assert e.one_line().startswith("error PP")
            return
        assert doc.text.strip()
        assert doc.format in {"txt", "html", "docx", "pdf", "doc"}


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=200).filter(lambda t: t.strip()))
def test_utf8_text_reads_back_exactly(text):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "plan.txt"
        data = text.encode("utf-8")
        path.write_bytes(data)
        try:
            doc = read_source(path)
        except PlanparseError:
            # NUL-bearing or magic-number-like text may be refused, never misread
            assert "\x00" in text or data[:2] in (b"MZ", b"BZ") or data[:4] in (b"RIFF", b"\x00\x00\x01\x00") \
                or data.startswith((b"GIF8", b"%PDF", b"{\\rtf", b"\x1f\x8b", b"II*\x00", b"MM\x00*"))
            return
        if "\x00" not in text:
            assert doc.text == (text[1:] if text.startswith("\ufeff") else text)
