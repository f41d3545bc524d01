"""pandas tables of parse results: one row per item, ready for filtering and grouping.

pandas is imported inside the functions, so ``import planparse`` stays light.

>>> import planparse
>>> r = planparse.parse_text("XX社区2024年工作计划\\n一、工作目标\\n绿化覆盖率达到40%以上。\\n")
>>> df = planparse.targets_table(r)
>>> df[["metric", "comparator", "value", "unit"]].values.tolist()
[['绿化覆盖率', '>=', 40, '%']]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..models import ParseResult

TARGET_COLUMNS = (
    "path", "plan_id", "plan_title", "issuer", "year", "section_id", "section_label",
    "subject", "metric", "comparator", "value", "value_max", "unit", "per", "deadline", "kind",
    "text", "start", "end",
)


def _results(results: ParseResult | dict | Iterable[ParseResult | dict]) -> list[dict[str, Any]]:
    """Accept one result or many, as models or as their JSON dicts."""
    if isinstance(results, dict) or hasattr(results, "model_dump"):
        results = [results]
    out = []
    for r in results:
        out.append(r.model_dump(mode="json") if hasattr(r, "model_dump") else r)
    return out


def targets_table(results: ParseResult | dict | Iterable[ParseResult | dict]) -> pd.DataFrame:
    """One row per target or fact, with its plan's title, issuer and year.

    ``start``/``end`` are source offsets (``source[start:end] == text``); ``value`` keeps
    ints as ints where every value is whole.
    """
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for res in _results(results):
        path = (res.get("source") or {}).get("path")
        for plan in res.get("plans", []):
            for t in plan.get("targets", []):
                start, end = t["span"]
                rows.append({
                    "path": path,
                    "plan_id": plan.get("id"),
                    "plan_title": plan.get("title"),
                    "issuer": plan.get("issuer"),
                    "year": plan.get("year"),
                    "section_id": t.get("section_id"),
                    "section_label": t.get("section_label"),
                    "subject": t.get("subject"),
                    "metric": t.get("metric"),
                    "comparator": t.get("comparator"),
                    "value": t.get("value"),
                    "value_max": t.get("value_max"),
                    "unit": t.get("unit"),
                    "per": t.get("per"),
                    "deadline": t.get("deadline"),
                    "kind": t.get("kind"),
                    "text": t.get("text"),
                    "start": start,
                    "end": end,
                })
    df = pd.DataFrame(rows, columns=list(TARGET_COLUMNS))
    return df.astype({"start": "int64", "end": "int64"}) if len(df) else df
