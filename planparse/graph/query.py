"""Questions asked of the ownership graph.

>>> from planparse import parse_text
>>> from planparse.graph import build_graph
>>> G = build_graph(parse_text("三、职责分工\\n区卫生局负责康复指导。区残联配合开展康复训练。\\n"))
>>> owners_of(G)
['区卫生局', '区残联']
>>> [t["task"] for t in tasks_of(G, "卫生局")]
['康复指导']
"""

from __future__ import annotations

from .build import TASK_RELATIONS
from .units import resolve_in_plan, unit_key


def _units(G):
    return [(n, d) for n, d in G.nodes(data=True) if d.get("type") == "unit"]


def _plan_matches(G, pid: str, plan: str | None) -> bool:
    if plan is None:
        return True
    d = G.nodes[pid]
    return plan in (d.get("title") or "") or plan in (d.get("label") or "") or plan == d.get("plan_id")


def owners_of(G, *, section: str | None = None, metric: str | None = None, plan: str | None = None,
              relations: tuple[str, ...] = TASK_RELATIONS) -> list[str]:
    """Units that own tasks, most tasks first.

    Args:
        section: only tasks in sections with this label (``responsibilities``, ``measures``…).
        metric: instead of tasks, units owning targets whose metric contains this text.
        plan: only plans whose title or opening line contains this text (``康复``).
        relations: which task relations count (default: all four).
    """
    counts: dict[str, int] = {}
    for uid, ud in _units(G):
        n = 0
        for _, v, ed in G.out_edges(uid, data=True):
            rel = ed.get("relation")
            vd = G.nodes[v]
            if metric is not None:
                if rel != "owns_target" or metric not in (vd.get("metric") or ""):
                    continue
            elif rel not in relations:
                continue
            if section is not None and vd.get("section_label") != section:
                continue
            if not _plan_matches(G, ed.get("plan") or vd.get("plan"), plan):
                continue
            n += 1
        if n:
            counts[ud["name"]] = n
    return sorted(counts, key=lambda u: (-counts[u], u))


def _unit_ids(G, unit: str) -> list[str]:
    key = unit_key(unit)
    direct = [n for n, d in _units(G) if d.get("unit_key") == key or unit in d.get("names", [])]
    if direct:
        return direct
    # a bare name: the leveled keys it would join (卫生局 → 区卫生局)
    return [n for n, d in _units(G) if resolve_in_plan([d["unit_key"], unit])[unit] == d["unit_key"]]


def tasks_of(G, unit: str) -> list[dict]:
    """Tasks a unit owns (any spelling of it), in plan and document order."""
    out = []
    for uid in _unit_ids(G, unit):
        for _, v, ed in G.out_edges(uid, data=True):
            if ed.get("relation") in TASK_RELATIONS:
                vd = G.nodes[v]
                out.append({"unit": G.nodes[uid]["name"], "relation": ed["relation"], "task": vd.get("name"),
                            "text": vd.get("text"), "plan": ed.get("plan"), "span": ed.get("span"),
                            "section_label": vd.get("section_label")})
    out.sort(key=lambda r: (r["plan"] or "", (r["span"] or [0])[0]))
    return out


def unit_table(G, *, plan: str | None = None, as_frame: bool = False):
    """Units ranked by the tasks and targets they own: one row per unit.

    Columns: unit, spellings, tasks, responsible, lead, cooperate, supervise, targets, plans.
    A list of dicts, or a pandas DataFrame with ``as_frame=True`` (pandas imported then only).
    """
    rows = []
    for uid, ud in _units(G):
        row = {"unit": ud["name"], "spellings": "、".join(ud.get("names", [])), "tasks": 0,
               **{r: 0 for r in TASK_RELATIONS}, "targets": 0, "plans": 0}
        plans = set()
        for _, _v, ed in G.out_edges(uid, data=True):
            rel = ed.get("relation")
            if rel == "in_plan":
                continue
            pid = ed.get("plan")
            if not _plan_matches(G, pid, plan):
                continue
            plans.add(pid)
            if rel in TASK_RELATIONS:
                row["tasks"] += 1
                row[rel] += 1
            elif rel == "owns_target":
                row["targets"] += 1
        row["plans"] = len(plans)
        if row["tasks"] or row["targets"]:
            rows.append(row)
    rows.sort(key=lambda r: (-r["tasks"], -r["targets"], r["unit"]))
    if as_frame:
        import pandas as pd  # lazy

        return pd.DataFrame(rows, columns=["unit", "spellings", "tasks", *TASK_RELATIONS, "targets", "plans"])
    return rows
