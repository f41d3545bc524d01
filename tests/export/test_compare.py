"""planparse compare: synonyms as data, units harmonized, one row per plan, and a chart."""

from __future__ import annotations

import subprocess
import sys

import pytest
from export_fakes import fake_results, make_result, write_batch_dir

from planparse.compare import chart, compare, harmonize_unit, metric_examples, normalize_metric

pytest.importorskip("pandas")


@pytest.mark.parametrize("rule_id,canonical,example,should_match", list(metric_examples()),
                         ids=lambda v: str(v))
def test_synonym_examples(rule_id, canonical, example, should_match):
    assert (canonical in normalize_metric(example)) is should_match


@pytest.mark.parametrize("value,unit,expected", [
    (3.5, "万元", (35000.0, "元")),
    (2, "亿元", (200000000.0, "元")),
    (90, "百分之", (90.0, "%")),
    (5, "‰", (0.5, "%")),
    (3, "个百分点", (3.0, "个百分点")),
    (12, "万平方米", (120000.0, "平方米")),
    (7, "张", (7, "张")),  # unknown units pass through
    (None, "%", (None, "%")),
    (4, None, (4, None)),
])
def test_harmonize_unit(value, unit, expected):
    assert harmonize_unit(value, unit) == expected


def test_compare_one_row_per_plan_with_comparator_and_deadline(tmp_path):
    write_batch_dir(tmp_path / "out")
    df = compare(tmp_path / "out", "合格率")
    assert list(df["issuer"]) == ["东风社区", "西湖街道"]
    first = df.iloc[0]
    assert (first["kind"], first["comparator"], first["value_std"], first["deadline"]) == ("target", ">=", 95.0, "年底")
    assert first["mentions"] == 2  # the fact of last year is counted, the target is shown
    assert df.iloc[1]["unit_std"] == "%" and df.iloc[1]["unit"] == "百分之"


def test_compare_finds_synonyms(tmp_path):
    write_batch_dir(tmp_path / "out")
    assert list(compare(tmp_path / "out", "覆盖率")["metric"]) == ["宣传覆盖面"]
    assert list(compare(tmp_path / "out", "覆盖面")["metric"]) == ["宣传覆盖面"]


def test_compare_exact(tmp_path):
    write_batch_dir(tmp_path / "out")
    assert compare(tmp_path / "out", "合格率", exact=True).empty
    assert len(compare(tmp_path / "out", "体检合格率", exact=True)) == 1


def test_compare_harmonizes_money():
    df = compare(fake_results(), "专项资金")
    assert sorted(zip(df["value_std"], df["unit_std"], strict=True)) == [(20000.0, "元"), (35000.0, "元")]


def test_compare_prefers_a_target_over_an_earlier_fact():
    r = make_result("x.txt", "甲社区", 2024, "满意度", 90, "%", extra_fact=True)
    # move the fact before the target in document order
    p = r.plans[0]
    p.targets.reverse()
    df = compare([r], "满意率")
    assert len(df) == 1 and df.iloc[0]["kind"] == "target" and df.iloc[0]["mentions"] == 2


@pytest.mark.parametrize("with_font", [True, False], ids=["cjk-font-if-any", "no-cjk-font"])
def test_chart_writes_a_png(tmp_path, monkeypatch, with_font):
    pytest.importorskip("matplotlib")
    import planparse.compare as cmp

    if not with_font:
        monkeypatch.setattr(cmp, "find_cjk_font", lambda: None)
    notes = []
    df = compare(fake_results(), "合格率")
    font = chart(df, tmp_path / "c.png", "合格率", log=notes.append)
    assert (tmp_path / "c.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if not with_font:
        assert font is None and notes and "no CJK font" in notes[0]


def test_cli_compare(tmp_path):
    write_batch_dir(tmp_path / "out")
    p = subprocess.run([sys.executable, "-m", "planparse", "compare", str(tmp_path / "out"), "--metric", "合格率",
                        "--format", "csv", "--chart", str(tmp_path / "c.png")], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    lines = p.stdout.strip().splitlines()
    assert lines[0].startswith("path,plan_id,issuer") and len(lines) == 3
    assert (tmp_path / "c.png").exists()


def test_cli_compare_without_batch_output(tmp_path):
    from planparse.cli import main

    assert main(["compare", str(tmp_path), "--metric", "合格率"]) == 2
