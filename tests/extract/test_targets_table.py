"""planparse.targets_table: one DataFrame row per target, with plan fields and source offsets."""

from __future__ import annotations

import subprocess
import sys

import planparse
from planparse.export.tables import TARGET_COLUMNS

TEXT = "青禾社区2024年工作计划\n一、工作目标\n居民满意率不低于95%,新建停车位120个。\n"


def test_columns_and_rows():
    df = planparse.targets_table(planparse.parse_text(TEXT))
    assert list(df.columns) == list(TARGET_COLUMNS)
    assert len(df) == 2
    assert df["value"].tolist() == [95, 120]
    assert df["comparator"].tolist() == [">=", ">="]
    for _, row in df.iterrows():
        assert TEXT[row["start"]:row["end"]] == row["text"]


def test_many_results_and_dicts():
    r = planparse.parse_text(TEXT)
    df = planparse.targets_table([r, r.model_dump(mode="json")])
    assert len(df) == 4


def test_empty_result_keeps_columns():
    df = planparse.targets_table(planparse.parse_text("社区工作计划\n一、指导思想\n以人为本。\n"))
    assert df.empty and list(df.columns) == list(TARGET_COLUMNS)


def test_import_planparse_does_not_import_pandas():
    code = "import planparse, sys; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
