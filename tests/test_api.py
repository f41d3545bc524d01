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


@pytest.mark.parametrize("path", sorted(OWN_CORPORA.glob("*.txt")), ids=lambda p: p.name)
def test_own_corpora_roundtrip(path):
    r = planparse.parse_file(path)
    assert_spans_roundtrip(path.read_text(encoding="utf-8"), r)


def test_import_is_light():
    import subprocess

    code = "import planparse, sys; print(sorted(m for m in ('spacy','pandas','dask','jieba') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_parse_text_returns_contract():
    r = planparse.parse_text("社区工作计划\n一、工作目标\n")
    assert r.schema_version == "1"
    assert r.source.chars == len("社区工作计划\n一、工作目标\n")
