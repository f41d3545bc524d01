"""planparse export: the seven tables, as Parquet files and an embedded DuckDB database."""

from __future__ import annotations

import subprocess
import sys

import pytest
from export_fakes import fake_results, write_batch_dir

from planparse.export.corpus_tables import SCHEMAS, TABLES, export, tables

duckdb = pytest.importorskip("duckdb")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("export")
    results = write_batch_dir(root / "out")
    counts = export(root / "out", parquet_dir=str(root / "pq"), duckdb_file=str(root / "plans.duckdb"))
    return root, results, counts


def test_every_table_is_written_with_its_schema(exported):
    root, _, counts = exported
    con = duckdb.connect(str(root / "plans.duckdb"), read_only=True)
    for t in TABLES:
        cols = [r[0] for r in con.execute(f'DESCRIBE "{t}"').fetchall()]
        assert cols == [n for n, _ in SCHEMAS[t]], t
        assert con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] == counts[t]
        assert pq.read_table(root / "pq" / f"{t}.parquet").num_rows == counts[t]


def test_row_counts_follow_the_results(exported):
    _, results, counts = exported
    plans = [p for r in results for p in r.plans]
    assert counts["plans"] == len(plans)
    assert counts["targets"] == sum(len(p.targets) for p in plans)
    assert counts["sections"] == sum(len(list(p.iter_sections())) for p in plans)
    assert counts["units"] == sum(1 + len(p.responsibilities) + sum(bool(r.org) + bool(r.holder) for r in p.roles)
                                  for p in plans)


def test_the_readme_query_runs_on_the_embedded_file(exported):
    root, _, _ = exported
    con = duckdb.connect(str(root / "plans.duckdb"), read_only=True)
    rows = con.execute("SELECT issuer, value FROM targets WHERE metric LIKE '%合格率%' ORDER BY issuer, value").fetchall()
    assert rows == [("东风社区", 80.0), ("东风社区", 95.0), ("西湖街道", 98.5)]


def test_offsets_point_into_the_source_text(exported):
    root, results, _ = exported
    text = {r.source.path: r.source.text for r in results}
    con = duckdb.connect(str(root / "plans.duckdb"), read_only=True)
    for t in ("targets", "times", "roles", "responsibilities"):
        for path, start, end, snippet in con.execute(f'SELECT path, start, "end", text FROM "{t}"').fetchall():
            assert text[path][start:end] == snippet, (t, path)


def test_tables_join_on_plan_key(exported):
    root, _, _ = exported
    con = duckdb.connect(str(root / "plans.duckdb"), read_only=True)
    n = con.execute("SELECT count(*) FROM targets t JOIN plans p USING (plan_key) WHERE p.year = 2024").fetchone()[0]
    assert n == 2


def test_units_and_money_are_harmonized_in_targets(exported):
    root, _, _ = exported
    con = duckdb.connect(str(root / "plans.duckdb"), read_only=True)
    rows = con.execute("SELECT issuer, value_std, unit_std FROM targets WHERE metric_norm = '专项资金' "
                       "ORDER BY value_std").fetchall()
    assert rows == [("中心社区", 20000.0, "元"), ("北城区民政局", 35000.0, "元")]


def test_empty_input_gives_typed_empty_tables(tmp_path):
    write_batch_dir(tmp_path / "out", results=[])
    export(tmp_path / "out", duckdb_file=str(tmp_path / "x.duckdb"))
    con = duckdb.connect(str(tmp_path / "x.duckdb"), read_only=True)
    assert con.execute("SELECT issuer, value FROM targets WHERE metric LIKE '%合格率%'").fetchall() == []


def test_tables_from_parse_results_in_memory():
    dfs = tables(fake_results())
    assert set(dfs) == set(TABLES)
    assert list(dfs["roles"]["person"]) == ["王明"] * 5


def test_export_replaces_an_existing_database(exported, tmp_path):
    root, _, _ = exported
    db = tmp_path / "x.duckdb"
    db.write_bytes(b"not a database")
    export(root / "out", duckdb_file=str(db))
    assert duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM plans").fetchone()[0] == 5


def test_export_needs_a_destination(exported):
    from planparse.errors import ConfigError

    with pytest.raises(ConfigError):
        export(exported[0] / "out")


def test_cli_export(exported, tmp_path):
    root, _, _ = exported
    p = subprocess.run([sys.executable, "-m", "planparse", "export", str(root / "out"), "--duckdb",
                        str(tmp_path / "c.duckdb"), "--parquet", str(tmp_path / "pq")], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert "targets 6" in p.stderr
    assert sorted(f.name for f in (tmp_path / "pq").iterdir()) == sorted(f"{t}.parquet" for t in TABLES)
