"""Flat tables of a batch run: plans, sections, targets, times, roles, responsibilities, units.

Every row carries ``plan_key`` (``path#p1``: the join key), ``path`` and ``plan_id``;
span-bearing rows carry ``start``/``end`` source offsets (a time's own ISO bounds are
``time_start``/``time_end``). The targets table repeats the plan's issuer, year and
title, and adds ``metric_norm``/``value_std``/``unit_std`` from
``data/metric_synonyms.yaml``, so that one query answers a question:

    SELECT issuer, value FROM targets WHERE metric LIKE '%合格率%'

Rows are built from the ``plans.jsonl`` records (plain dicts, no model validation:
fast on large runs) and handed to the writers in batches as pyarrow tables with a
fixed schema, so an empty table still has typed columns.

>>> rows = table_rows({"path": "a.txt", "plan": {"id": "p1", "span": [0, 9], "issuer": "XX社区",
...     "sections": [], "targets": [], "times": [], "roles": [], "responsibilities": []},
...     "source": {"sha256": "0", "encoding": "utf-8", "chars": 9, "format": "txt"},
...     "plan_index": 1, "plan_count": 1, "warnings": []})
>>> rows["plans"][0]["plan_key"], rows["units"][0]["name"]
('a.txt#p1', 'XX社区')
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

TABLES = ("plans", "sections", "targets", "times", "roles", "responsibilities", "units")

_KEY = [("plan_key", "string"), ("path", "string"), ("plan_id", "string")]
_SPAN = [("text", "string"), ("start", "int64"), ("end", "int64")]

SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "plans": [*_KEY, ("sha256", "string"), ("encoding", "string"), ("format", "string"), ("chars", "int64"),
              ("plan_index", "int64"), ("plan_count", "int64"), ("title", "string"), ("issuer", "string"),
              ("year", "int64"), ("start", "int64"), ("end", "int64"), ("n_sections", "int64"),
              ("n_targets", "int64"), ("n_times", "int64"), ("n_roles", "int64"),
              ("n_responsibilities", "int64"), ("n_warnings", "int64")],
    "sections": [*_KEY, ("section_id", "string"), ("parent_id", "string"), ("level", "int64"),
                 ("marker", "string"), ("heading", "string"), ("label", "string"),
                 ("heading_start", "int64"), ("heading_end", "int64"), ("start", "int64"), ("end", "int64")],
    "targets": [*_KEY, ("issuer", "string"), ("year", "int64"), ("title", "string"), ("ord", "int64"),
                ("section_id", "string"), ("section_label", "string"), ("kind", "string"),
                ("subject", "string"), ("metric", "string"), ("metric_norm", "string"),
                ("comparator", "string"), ("value", "float64"), ("value_max", "float64"), ("unit", "string"),
                ("value_std", "float64"), ("value_max_std", "float64"), ("unit_std", "string"),
                ("per", "string"), ("deadline", "string"), *_SPAN],
    "times": [*_KEY, ("ord", "int64"), ("section_id", "string"), ("kind", "string"), ("time_start", "string"),
              ("time_end", "string"), ("recurrence", "string"), *_SPAN],
    "roles": [*_KEY, ("ord", "int64"), ("section_id", "string"), ("position", "string"), ("person", "string"),
              ("holder", "string"), ("org", "string"), *_SPAN],
    "responsibilities": [*_KEY, ("ord", "int64"), ("section_id", "string"), ("section_label", "string"),
                         ("owner", "string"), ("owner_key", "string"), ("relation", "string"),
                         ("task", "string"), *_SPAN],
    "units": [*_KEY, ("name", "string"), ("unit_key", "string"), ("role", "string"), ("relation", "string"),
              ("section_id", "string"), ("start", "int64"), ("end", "int64")],
}


def unit_key(name: str | None) -> str | None:
    """A merge key for a unit name: NFKC, no whitespace (区 卫生局 = 区卫生局).

    Deliberately conservative: aliases (残联 = 残疾人联合会) are the graph's business.
    """
    if not name:
        return None
    return "".join(unicodedata.normalize("NFKC", name).split())


def arrow_schema(table: str):
    """The pyarrow schema of a table."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64()}
    return pa.schema([(n, types[t]) for n, t in SCHEMAS[table]])


def _walk(sections: list[dict], parent: str | None = None) -> Iterator[tuple[dict, str | None]]:
    for s in sections:
        yield s, parent
        yield from _walk(s.get("children") or [], s["id"])


def table_rows(rec: dict) -> dict[str, list[dict]]:
    """The rows one ``plans.jsonl`` record contributes to each table."""
    from ..compare import harmonize_unit, normalize_metric

    out: dict[str, list[dict]] = {t: [] for t in TABLES}
    plan = rec.get("plan")
    if not plan:
        return out
    path, pid = rec["path"], plan["id"]
    key = {"plan_key": f"{path}#{pid}", "path": path, "plan_id": pid}
    src = rec.get("source") or {}
    sections = list(_walk(plan.get("sections") or []))
    out["plans"].append({
        **key, "sha256": src.get("sha256"), "encoding": src.get("encoding"), "format": src.get("format"),
        "chars": src.get("chars"), "plan_index": rec.get("plan_index"), "plan_count": rec.get("plan_count"),
        "title": plan.get("title"), "issuer": plan.get("issuer"), "year": plan.get("year"),
        "start": plan["span"][0], "end": plan["span"][1], "n_sections": len(sections),
        "n_targets": len(plan.get("targets") or []), "n_times": len(plan.get("times") or []),
        "n_roles": len(plan.get("roles") or []), "n_responsibilities": len(plan.get("responsibilities") or []),
        "n_warnings": len(rec.get("warnings") or []),
    })
    for s, parent in sections:
        out["sections"].append({
            **key, "section_id": s["id"], "parent_id": parent, "level": s.get("level"), "marker": s.get("marker"),
            "heading": s.get("heading"), "label": s.get("label"), "heading_start": s["heading_span"][0],
            "heading_end": s["heading_span"][1], "start": s["span"][0], "end": s["span"][1]})
    for i, t in enumerate(plan.get("targets") or []):
        value_std, unit_std = harmonize_unit(t.get("value"), t.get("unit"))
        vmax_std, _ = harmonize_unit(t.get("value_max"), t.get("unit"))
        out["targets"].append({
            **key, "issuer": plan.get("issuer"), "year": plan.get("year"), "title": plan.get("title"), "ord": i,
            "section_id": t.get("section_id"), "section_label": t.get("section_label"), "kind": t.get("kind"),
            "subject": t.get("subject"), "metric": t.get("metric"), "metric_norm": normalize_metric(t.get("metric")),
            "comparator": t.get("comparator"), "value": t.get("value"), "value_max": t.get("value_max"),
            "unit": t.get("unit"), "value_std": value_std, "value_max_std": vmax_std, "unit_std": unit_std,
            "per": t.get("per"), "deadline": t.get("deadline"), "text": t.get("text"),
            "start": t["span"][0], "end": t["span"][1]})
    for i, t in enumerate(plan.get("times") or []):
        out["times"].append({
            **key, "ord": i, "section_id": t.get("section_id"), "kind": t.get("kind"), "time_start": t.get("start"),
            "time_end": t.get("end"), "recurrence": t.get("recurrence"), "text": t.get("text"),
            "start": t["span"][0], "end": t["span"][1]})
    if plan.get("issuer"):
        out["units"].append({**key, "name": plan["issuer"], "unit_key": unit_key(plan["issuer"]),
                             "role": "issuer", "relation": None, "section_id": None, "start": None, "end": None})
    for i, r in enumerate(plan.get("roles") or []):
        out["roles"].append({
            **key, "ord": i, "section_id": r.get("section_id"), "position": r.get("position"),
            "person": r.get("person"), "holder": r.get("holder"), "org": r.get("org"), "text": r.get("text"),
            "start": r["span"][0], "end": r["span"][1]})
        for field, role in (("org", "body"), ("holder", "holder")):
            if r.get(field):
                out["units"].append({**key, "name": r[field], "unit_key": unit_key(r[field]), "role": role,
                                     "relation": None, "section_id": r.get("section_id"),
                                     "start": r["span"][0], "end": r["span"][1]})
    for i, r in enumerate(plan.get("responsibilities") or []):
        out["responsibilities"].append({
            **key, "ord": i, "section_id": r.get("section_id"), "section_label": r.get("section_label"),
            "owner": r.get("owner"), "owner_key": unit_key(r.get("owner")), "relation": r.get("relation"),
            "task": r.get("task"), "text": r.get("text"), "start": r["span"][0], "end": r["span"][1]})
        out["units"].append({**key, "name": r.get("owner"), "unit_key": unit_key(r.get("owner")), "role": "owner",
                             "relation": r.get("relation"), "section_id": r.get("section_id"),
                             "start": r["span"][0], "end": r["span"][1]})
    return out


def iter_table_batches(records: Iterable[dict], batch_rows: int = 50_000) -> Iterator[tuple[str, Any]]:
    """Yield ``(table name, pyarrow.Table)`` batches; every table yields at least one (maybe empty) batch."""
    import pyarrow as pa

    buf: dict[str, list[dict]] = {t: [] for t in TABLES}
    emitted: set[str] = set()

    def flush(t: str):
        tbl = pa.Table.from_pylist(buf[t], schema=arrow_schema(t))
        buf[t] = []
        emitted.add(t)
        return t, tbl

    for rec in records:
        for t, rows in table_rows(rec).items():
            buf[t].extend(_coerce(t, rows))
            if len(buf[t]) >= batch_rows:
                yield flush(t)
    for t in TABLES:
        if buf[t] or t not in emitted:
            yield flush(t)


def _coerce(table: str, rows: list[dict]) -> list[dict]:
    floats = [n for n, ty in SCHEMAS[table] if ty == "float64"]
    if floats:
        for r in rows:
            for n in floats:
                if r.get(n) is not None:
                    r[n] = float(r[n])
    return rows


def tables(source: Any) -> dict[str, Any]:
    """All tables as pandas DataFrames, from a batch output dir, a plans.jsonl, or parse results."""
    import pyarrow as pa

    parts: dict[str, list] = {t: [] for t in TABLES}
    for t, tbl in iter_table_batches(_records(source)):
        parts[t].append(tbl)
    return {t: pa.concat_tables(parts[t]).to_pandas() for t in TABLES}


def _records(source: Any) -> Iterator[dict]:
    import os

    if isinstance(source, (str, os.PathLike)):
        from ..corpus import iter_plan_records

        yield from iter_plan_records(source)
        return
    from ..corpus import plan_records

    for r in source:
        yield from plan_records(r, r.source.path or "")


def export(source: Any, *, parquet_dir: str | None = None, duckdb_file: str | None = None) -> dict[str, int]:
    """Write the tables as Parquet files and/or a DuckDB database; return row counts per table."""
    from ..errors import ConfigError

    if not parquet_dir and not duckdb_file:
        raise ConfigError("export: give --parquet DIR and/or --duckdb FILE")
    counts = {t: 0 for t in TABLES}
    writers = []
    if parquet_dir:
        from .parquet import ParquetTables

        writers.append(ParquetTables(parquet_dir))
    if duckdb_file:
        from .duckdb import DuckDBTables

        writers.append(DuckDBTables(duckdb_file))
    try:
        for t, tbl in iter_table_batches(_records(source)):
            counts[t] += tbl.num_rows
            for w in writers:
                w.write(t, tbl)
        for w in writers:
            w.close()
    except BaseException:
        for w in writers:
            w.abort()
        raise
    return counts
