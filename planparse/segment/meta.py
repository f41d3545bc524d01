"""A plan's issuer and year, when its title, opening or signature states them.

Precision first: the issuer is the organisation that opens the title
(``白云湖社区2016年…方案``), a grassroots unit that is the subject of an opening
sentence (``XX社区地处…``), or the organisation line of a signature block followed
by a date. The year is a four-digit year in the title, else one the opening names
as the plan's year (``2017年,我区…``). Placeholders (``20XX``) give no year.
Rules are data: ``data/plan_meta.yaml``.

>>> from planparse.normalize import normalize_text
>>> from planparse.context import PlanSpan
>>> doc = normalize_text("白云湖社区2016年学雷锋活动方案\\n一、指导思想\\n")
>>> detect_plan_meta(doc, PlanSpan(0, len(doc.text), 0, 16))
('白云湖社区', 2016)
"""

from __future__ import annotations

import functools

from ..context import PlanSpan
from ..normalize import NormalizedText
from ..resources import compile_pattern, load


@functools.cache
def _spec():
    spec = load("plan_meta")
    rules = {r["id"]: compile_pattern(r["pattern"], where=f"plan_meta:{r['id']}") for r in spec["rules"]}
    date = compile_pattern(spec["signature"]["date"], where="plan_meta:signature")
    return spec, rules, date


def _year(text: str) -> int | None:
    try:
        y = int(text)
    except ValueError:
        return None
    return y if 1949 <= y <= 2100 else None


def _signature_org(doc: NormalizedText, plan: PlanSpan) -> str | None:
    spec, _, date = _spec()
    tail = doc.text[max(plan.start, plan.end - 200):plan.end]
    lines = [ln.strip() for ln in tail.split("\n") if ln.strip()]
    if len(lines) >= 2 and date.match(lines[-1]):
        org = lines[-2]
        if len(org) <= spec["signature"]["max_org_chars"] and any(org.endswith(s) for s in spec["org_suffixes"]):
            return org
    return None


def detect_plan_meta(doc: NormalizedText, plan: PlanSpan) -> tuple[str | None, int | None]:
    """``(issuer, year)`` of the plan when its text states them (normalized strings)."""
    spec, rules, _ = _spec()
    text = doc.text
    title = ""
    body_start = plan.start
    if plan.title_start is not None and plan.title_end is not None:
        title = text[plan.title_start:plan.title_end]
        body_start = max(plan.start, plan.title_end)
    body = text[body_start:min(plan.end, body_start + spec["body_chars"])]

    issuer = None
    m = rules["title_issuer"].search(title) if title else None
    if m:
        issuer = m.group("org")
    if issuer is None:
        m = rules["body_issuer"].search(body)
        if m:
            issuer = m.group("org")
    if issuer is None:
        issuer = _signature_org(doc, plan)

    year = None
    m = rules["title_year"].search(title) if title else None
    if m:
        year = _year(m.group("year"))
    if year is None:
        m = rules["body_year"].search(body)
        if m:
            year = _year(m.group("year") or m.group("year2"))
    return issuer, year
