"""The pipeline entry points and the contract's invariants on real files."""

from __future__ import annotations

import sys

import pytest
from conftest import OWN_CORPORA, SHARED, assert_spans_roundtrip, needs_shared

import planparse


def _shared_txt():
    if not (SHARED / "corpora").is_dir():
        return []
    return sorted((SHARED / "corpora").rglob("*.txt"))


@needs_shared
@pytest.mark.parametrize("path", _shared_txt(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shared_corpora_parse_and_roundtrip(path):
    r = planparse.parse_file(path)
    assert_spans_roundtrip(r.source.text if r.source.text else path.read_text(encoding="utf-8"), r)
    assert r.plans, "every file yields at least one plan"


@pytest.mark.parametrize("path", sorted(OWN_CORPORA.rglob("*.txt")),
                         ids=lambda p: str(p.relative_to(OWN_CORPORA)))
def test_own_corpora_roundtrip(path):
    """Every own and held-out file (some GBK, GB18030 or Big5): spans index the decoded text."""
    from planparse.read.core import read_source

    r = planparse.parse_file(path)
    assert_spans_roundtrip(read_source(path).text, r)


def test_import_is_light():
    import subprocess

    code = "import planparse, sys; print(sorted(m for m in ('spacy','pandas','dask','jieba') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_lazy_names_load_on_use_and_read_stays_a_function():
    import subprocess

    # importing the pipeline later (it imports the planparse.read subpackage) must not rebind planparse.read
    code = ("import planparse, sys; light = 'planparse.api' not in sys.modules; "
            "p = planparse.Pipeline; from planparse import ErrorRecord, batch; "
            "print(light, callable(planparse.read), planparse.read.__module__, ErrorRecord.__name__, "
            "'Pipeline' in dir(planparse), hasattr(planparse, 'no_such_name'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True", "planparse", "ErrorRecord", "True", "False"]


def test_parse_text_returns_contract():
    r = planparse.parse_text("社区工作计划\n一、工作目标\n")
    assert r.schema_version == "1"
    assert r.source.chars == len("社区工作计划\n一、工作目标\n")


def test_parsing_does_not_import_jieba():
    """Part-of-speech tags come from planparse.extract.pos: a parse never loads jieba (two seconds)."""
    import subprocess

    code = ("import planparse, sys; "
            "planparse.parse_file(sys.argv[1]); "
            "from planparse.extract import pos; "
            "print(pos.cut.cache_info().currsize > 0, "
            "sorted(m for m in ('jieba', 'jieba.posseg', 'spacy') if m in sys.modules))")
    path = str(OWN_CORPORA / "cun_fangxun_fangan.txt")
    out = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True []"  # the tagger ran, jieba was never imported


# -- reader notes become PP110 warnings ------------------------------------------------------------
_NOTE_PLAN = "红石镇2024年安全生产工作方案\n一、工作目标\n隐患整改率达到100%。\n"


@pytest.mark.parametrize(
    "data, note",
    [
        # a character cut at the end of the file (a truncated download)
        (_NOTE_PLAN.encode("utf-8") + "二".encode()[:2], "dropped 2 trailing byte(s)"),
        # one bad byte inside otherwise UTF-8 text (a long enough file for the tolerance)
        ((_NOTE_PLAN * 10).encode("utf-8").replace("标".encode(), b"\xff", 1), "replaced by U+FFFD"),
    ],
    ids=["cut-character", "bad-byte"],
)
def test_reader_notes_become_warnings(tmp_path, data, note):
    from planparse.errors import READER_NOTE, WARNING_CODES
    from planparse.read import read_source

    p = tmp_path / "plan.txt"
    p.write_bytes(data)
    notes = read_source(p).notes
    assert any(note in n for n in notes), notes
    r = planparse.parse_file(p)
    got = [(w.code, w.message, w.span) for w in r.warnings if w.code == READER_NOTE]
    assert got == [(READER_NOTE, n, None) for n in notes]
    assert READER_NOTE in WARNING_CODES
    assert r.plans and r.plans[0].targets, "the notes do not stop the parse"
    assert READER_NOTE in planparse.parse_file(p).model_dump_json()


def test_clean_input_has_no_reader_warning(tmp_path):
    p = tmp_path / "plan.txt"
    p.write_text(_NOTE_PLAN, encoding="utf-8")
    assert [w for w in planparse.parse_file(p).warnings if w.code == "PP110"] == []
    assert planparse.parse_text(_NOTE_PLAN).warnings == []
