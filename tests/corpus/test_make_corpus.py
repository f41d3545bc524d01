"""The benchmark corpus: mixed encodings, 5% corrupt files, and a batch run that accounts for each."""

from __future__ import annotations

import importlib.util
import os
import pathlib

import pytest
from conftest import ROOT, SHARED, needs_shared

from planparse.corpus import batch, read_errors, read_results


def _load_make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "benchmarks" / "make_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


make_corpus = _load_make_corpus()


@pytest.fixture(scope="module")
def corpus40(tmp_path_factory):
    if not (SHARED / "corpora").is_dir():
        pytest.skip(f"../shared not found at {SHARED}")
    d = tmp_path_factory.mktemp("c40")
    rows = make_corpus.build(d / "in", 40, seed=7, corrupt_rate=0.05, shared=SHARED)
    report = batch([d / "in"], d / "out", jobs=2, progress=False)
    return d, rows, report


@pytest.mark.parametrize("kind", make_corpus.CORRUPT_KINDS)
def test_corrupt_bytes_are_not_text_in_any_candidate_encoding(kind):
    import random

    sources = [("x", ["2024年社区工作计划\n", "一、工作目标\n", "体检合格率达到95%以上。\n"] * 20)]
    data, _ = make_corpus.corrupt_file(random.Random(1), kind, sources)
    if kind == "empty":
        assert not data.strip()
        return
    for enc in ("utf-8", "gb18030", "big5", "cp1252", "utf-16"):
        with pytest.raises(UnicodeDecodeError):
            data.decode(enc)


def test_truncated_gb18030_is_too_damaged_to_salvage():
    import random

    sources = [("x", ["2024年社区工作计划\n", "一、工作目标\n", "体检合格率达到95%以上。\n"] * 20)]
    data, _ = make_corpus.corrupt_file(random.Random(2), "truncated_gb18030", sources)
    text = data.decode("gb18030", errors="replace")
    assert text.count("\ufffd") / len(text) > 0.1


@needs_shared
def test_builder_mixes_encodings_and_corrupts_five_percent(corpus40):
    _, rows, _ = corpus40
    assert len(rows) == 40
    kinds = [r["kind"] for r in rows]
    assert {k for k in kinds if k != "good"} == set(make_corpus.CORRUPT_KINDS)
    assert len({r["encoding"] for r in rows if r["kind"] == "good"}) >= 3
    d = corpus40[0] / "in"
    manifest = make_corpus.read_manifest(d / "MANIFEST.tsv")
    assert [m["name"] for m in manifest] == [r["name"] for r in rows]
    good_bytes = [(d / r["name"]).read_bytes() for r in rows if r["kind"] == "good"]
    assert len(set(good_bytes)) == len(good_bytes), "every readable file differs"


def _reader_lacks(encoding: str) -> bool:
    """Whether the reader cannot decode a plain plan in ``encoding`` (a gap of the reader, not of batch)."""
    import tempfile

    from planparse.errors import PlanparseError
    from planparse.read import read_source

    text = "2024年社區工作計劃\n一、工作目標\n" if encoding == "big5" else "2024年社区工作计划\n一、工作目标\n"
    with tempfile.TemporaryDirectory() as t:
        p = pathlib.Path(t) / "x.txt"
        p.write_bytes(text.encode(encoding))
        try:
            return read_source(p).text != text
        except PlanparseError:
            return True


@needs_shared
def test_batch_puts_exactly_the_corrupt_files_in_errors(corpus40):
    d, rows, report = corpus40
    lacking = sorted(e for e in ("utf-16", "big5", "gb18030", "utf-8-sig")
                     if _reader_lacks(e) and any(r["encoding"] == e for r in rows))
    if "utf-16" in lacking:
        pytest.xfail(f"the reader does not decode {', '.join(lacking)} yet (planparse/read, not batch)")
    assert report.ok and report.inputs == 40
    corrupt = {r["name"] for r in rows if r["kind"] != "good"}
    failed = {os.path.basename(e.path): e for e in read_errors(d / "out")}
    parsed = {os.path.basename(r.source.path) for r in read_results(d / "out")}
    wrongly_failed = {n: f"{failed[n].error_type}: {failed[n].message}" for n in set(failed) - corrupt}
    assert not wrongly_failed, f"readable files rejected: {wrongly_failed}"
    assert set(failed) == corrupt
    assert parsed == {r["name"] for r in rows} - corrupt


@needs_shared
def test_corrupt_files_fail_with_a_reader_error(corpus40):
    d, rows, _ = corpus40
    kind = {r["name"]: r["kind"] for r in rows}
    for e in read_errors(d / "out"):
        if kind[pathlib.Path(e.path).name] == "good":
            continue  # see the test above
        expected = {"empty": {"EmptyInputError"},
                    "binary": {"UnsupportedFormatError", "EncodingError"},
                    "truncated_gb18030": {"EncodingError"}}[kind[pathlib.Path(e.path).name]]
        assert e.error_type in expected, (e.path, e.error_type)
