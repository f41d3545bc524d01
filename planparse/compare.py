"""Compare one metric across plans: ``planparse compare OUT --metric 合格率``.

Plans name the same measure differently (覆盖率/覆盖面, 知晓率/知晓度) and state
values in different units (万元 vs 元, % vs 百分之). Both are DATA in
``data/metric_synonyms.yaml``: a metric is normalized by replacing each variant
with its canonical word, a value is converted to its standard unit. The result
has one row per plan and normalized metric, with the comparator and deadline as
stated, so a reader sees *what* each plan promises and *by when*.

>>> normalize_metric("政策知晓度")
'政策知晓率'
>>> harmonize_unit(3.5, "万元")
(35000.0, '元')
"""

from __future__ import annotations

import functools
import os
import pathlib
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import ConfigError, RuleDataError
from .models import ParseResult
from .resources import alternation, compile_pattern, load

COLUMNS = [
    "path", "plan_id", "issuer", "year", "title", "label", "metric", "metric_norm", "kind", "comparator",
    "value", "value_max", "unit", "value_std", "value_max_std", "unit_std", "deadline", "section_id",
    "text", "start", "end", "mentions",
]


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, tuple[str, float]]]:
    spec = load("metric_synonyms")
    variants: dict[str, str] = {}
    try:
        for entry in spec["metrics"]:
            canon = entry["canonical"]
            for v in entry.get("variants") or []:
                if v in variants and variants[v] != canon:
                    raise RuleDataError(f"metric_synonyms: {v!r} is a variant of two metrics")
                variants[v] = canon
        units = {str(k): (str(v[0]), float(v[1])) for k, v in spec["units"].items()}
    except (KeyError, TypeError, IndexError, ValueError) as e:
        raise RuleDataError(f"data/metric_synonyms.yaml: {e}") from e
    return variants, units


@functools.cache
def _variant_pattern():
    variants, _ = _tables()
    return compile_pattern(alternation(variants), where="metric_synonyms") if variants else None


def normalize_metric(metric: str | None) -> str | None:
    """The metric with each synonym replaced by its canonical word (longest variant first).

    >>> normalize_metric("服务覆盖面"), normalize_metric("体检合格率")
    ('服务覆盖率', '体检合格率')
    """
    if not metric:
        return metric
    m = "".join(metric.split())
    pat = _variant_pattern()
    if pat is None:
        return m
    variants, _ = _tables()
    return pat.sub(lambda mo: variants[mo.group(0)], m)


def harmonize_unit(value: float | int | None, unit: str | None) -> tuple[float | int | None, str | None]:
    """``(value, unit)`` in the standard unit of its family; unknown units pass through unchanged.

    >>> harmonize_unit(90, "百分之")
    (90.0, '%')
    """
    if unit is None:
        return value, unit
    _, units = _tables()
    std = units.get(unit.strip())
    if std is None or value is None:
        return value, unit
    return round(float(value) * std[1], 6), std[0]


# -- reading targets -------------------------------------------------------------------------------

def iter_target_rows(source: Any) -> Iterator[dict]:
    """One flat dict per target, with its plan's path, id, issuer, year and title.

    ``source`` is a batch output directory, a ``plans.jsonl`` file, or parse results.
    """
    if isinstance(source, (str, os.PathLike)):
        from .corpus import iter_plan_records

        p = pathlib.Path(source)
        if not (p / "plans.jsonl").exists() and not p.is_file():
            raise ConfigError(f"{p}: no plans.jsonl here (run 'planparse batch ... -o {p}' first)")
        for rec in iter_plan_records(p):
            plan = rec.get("plan")
            if plan:
                yield from _plan_target_rows(rec["path"], plan)
        return
    for r in source:
        if isinstance(r, ParseResult):
            for plan in r.plans:
                yield from _plan_target_rows(r.source.path or "", plan.model_dump(mode="json"))


def _plan_target_rows(path: str, plan: dict) -> Iterator[dict]:
    for i, t in enumerate(plan.get("targets") or []):
        value_std, unit_std = harmonize_unit(t.get("value"), t.get("unit"))
        vmax_std, _ = harmonize_unit(t.get("value_max"), t.get("unit"))
        yield {
            "path": path, "plan_id": plan["id"], "issuer": plan.get("issuer"), "year": plan.get("year"),
            "title": plan.get("title"), "ord": i, "metric": t.get("metric"),
            "metric_norm": normalize_metric(t.get("metric")), "kind": t.get("kind"),
            "subject": t.get("subject"), "comparator": t.get("comparator"), "value": t.get("value"),
            "value_max": t.get("value_max"), "unit": t.get("unit"), "value_std": value_std,
            "value_max_std": vmax_std, "unit_std": unit_std, "per": t.get("per"),
            "deadline": t.get("deadline"), "section_label": t.get("section_label"),
            "section_id": t.get("section_id"), "text": t.get("text"),
            "start": t["span"][0], "end": t["span"][1],
        }


def _label(row: dict) -> str:
    who = row.get("issuer") or row.get("title") or pathlib.Path(row["path"]).stem
    year = f" {row['year']}" if row.get("year") else ""
    return f"{who}{year} ({pathlib.Path(row['path']).stem}:{row['plan_id']})"


# -- the comparison ---------------------------------------------------------------------------------

def compare(source: Any, metric: str, *, exact: bool = False):
    """A DataFrame with one row per plan and normalized metric matching ``metric``.

    The query is normalized like the targets' metrics, then matched as a substring
    (``合格率`` finds ``体检合格率``; ``exact=True`` wants the whole metric). When a
    plan states the same metric several times, the row keeps the first *target*
    (else the first fact) and ``mentions`` counts them all.

    >>> from planparse.models import ParseResult, Plan, Source, Target
    >>> t = Target(text="知晓度达到百分之九十", span=(0, 10), kind="target", metric="知晓度",
    ...            comparator=">=", value=90, unit="百分之")
    >>> r = ParseResult(planparse_version="0", source=Source(path="a.txt", encoding="utf-8", sha256="0", chars=10),
    ...                 plans=[Plan(id="p1", span=(0, 10), issuer="XX社区", targets=[t])])
    >>> df = compare([r], "知晓率")
    >>> df[["issuer", "metric_norm", "comparator", "value_std", "unit_std"]].values.tolist()
    [['XX社区', '知晓率', '>=', 90.0, '%']]
    """
    import pandas as pd

    query = normalize_metric(metric)
    if not query:
        raise ConfigError("compare: give a metric, e.g. --metric 合格率")
    chosen: dict[tuple[str, str, str], dict] = {}
    for row in iter_target_rows(source):
        m = row["metric_norm"]
        if not m or (m != query if exact else query not in m):
            continue
        key = (row["path"], row["plan_id"], m)
        old = chosen.get(key)
        if old is None:
            chosen[key] = {**row, "mentions": 1}
            continue
        old["mentions"] += 1
        if old["kind"] != "target" and row["kind"] == "target":
            chosen[key] = {**row, "mentions": old["mentions"]}
    rows = sorted(chosen.values(), key=lambda r: (r["path"], _plan_no(r["plan_id"]), r["start"]))
    for r in rows:
        r["label"] = _label(r)
    return pd.DataFrame(rows, columns=COLUMNS)


def _plan_no(plan_id: str) -> int:
    try:
        return int(plan_id.lstrip("p"))
    except ValueError:
        return 0


# -- the chart --------------------------------------------------------------------------------------

CJK_FONT_HINTS = ("Noto Sans CJK", "Noto Serif CJK", "Source Han", "WenQuanYi", "SimHei", "Microsoft YaHei",
                  "PingFang", "Hiragino Sans GB", "Droid Sans Fallback", "AR PL", "Sarasa", "Noto Sans SC")


def find_cjk_font() -> str | None:
    """The family name of an installed font that has Chinese glyphs, or None."""
    from matplotlib import font_manager

    names = sorted({f.name for f in font_manager.fontManager.ttflist})
    for hint in CJK_FONT_HINTS:
        for n in names:
            if hint.lower() in n.lower():
                return n
    return None


def chart(df, path: str | os.PathLike[str], metric: str, *, log=None) -> str | None:
    """Draw a horizontal bar per row (value in its standard unit) into a PNG; return the font used.

    Without a CJK font the labels fall back to file and plan ids (Chinese would show as boxes).
    """
    import matplotlib

    matplotlib.use("Agg")
    import warnings

    import matplotlib.pyplot as plt

    font = find_cjk_font()
    if font:
        plt.rcParams["font.sans-serif"] = [font, *plt.rcParams["font.sans-serif"]]
        plt.rcParams["font.family"] = "sans-serif"
        plt.rcParams["axes.unicode_minus"] = False
    elif log:
        log("compare: no CJK font installed (e.g. apt-get install fonts-noto-cjk); labels use file ids")
    rows = df.to_dict("records")
    labels = [r["label"] if font else f"{pathlib.Path(r['path']).stem}:{r['plan_id']}" for r in rows]
    values = [float(r["value_std"]) if _present(r["value_std"]) else 0.0 for r in rows]
    units = sorted({str(r["unit_std"]) for r in rows if _present(r["unit_std"])})
    fig, ax = plt.subplots(figsize=(9, max(2.0, 0.45 * len(rows) + 1.2)))
    ax.barh(range(len(rows)), values, color="#4C72B0")
    ax.set_yticks(range(len(rows)), labels=labels, fontsize=8)
    ax.invert_yaxis()
    for i, r in enumerate(rows):
        unit = r["unit_std"] if _present(r["unit_std"]) else ""
        note = f"{r['comparator']} {_fmt(r['value_std'])}{unit}"
        if font:  # the metric as written and the deadline are Chinese: only with a CJK font
            note = f"{r['metric']} {note}" + (f"  ({r['deadline']})" if _present(r.get("deadline")) else "")
        ax.text(values[i], i, " " + note, va="center", fontsize=7)
    title = f"{metric}" if font else "metric comparison"
    ax.set_title(f"{title}: {len(rows)} plans" + (f" [{', '.join(units)}]" if units else ""))
    ax.margins(x=0.35)
    fig.tight_layout()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing-glyph warnings when no CJK font is present
        fig.savefig(os.fspath(path), dpi=120)
    plt.close(fig)
    return font


def _present(v) -> bool:
    """Not None and not NaN (pandas turns a missing value into NaN)."""
    return v is not None and v == v


def _fmt(v) -> str:
    if not _present(v):
        return "?"
    v = float(v)
    return str(int(v)) if v.is_integer() else f"{v:g}"


def format_table(df) -> str:
    """A compact text table for the terminal."""
    cols = ["label", "metric", "comparator", "value_std", "unit_std", "deadline", "kind"]
    if df.empty:
        return "(no plan states this metric)"
    return df[cols].astype(object).where(df[cols].notna(), "").to_string(index=False)


def main_compare(source: str, metric: str, *, chart_path: str | None = None, fmt: str = "table",
                 output: str | None = None, exact: bool = False, log=None) -> int:
    """What ``planparse compare`` does; returns the number of rows."""
    df = compare(source, metric, exact=exact)
    if fmt == "csv":
        text = df.to_csv(index=False)
    elif fmt == "json":
        text = df.to_json(orient="records", force_ascii=False, indent=1) + "\n"
    else:
        text = format_table(df) + "\n"
    if output:
        pathlib.Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if chart_path:
        chart(df, chart_path, metric, log=log)
    return len(df)


def metric_examples() -> Iterable[tuple[str, str, str, bool]]:
    """``(id, canonical, example, should_match)`` for every example in the data (a test runs them)."""
    for entry in load("metric_synonyms")["metrics"]:
        ex = entry.get("examples") or {}
        for s in ex.get("match", []):
            yield entry["id"], entry["canonical"], s, True
        for s in ex.get("reject", []):
            yield entry["id"], entry["canonical"], s, False
