"""A plan's issuer and year, when its title, opening or signature states them.

Precision first: the issuer is the body named by an official-document header above the
title (``某村村民委员会文件`` / ``某村发〔2025〕9号``), else the organisation that opens the
title (``白云湖社区2016年…方案``), a grassroots unit that is the subject of an opening
sentence (``XX社区地处…``), or the organisation line of a signature block followed
by a date. A joint signature (``中共某镇委员会  某镇人民政府``, or bodies on stacked lines)
gives the first body named: joint documents name their lead body first. The year is the
first four-digit year in the title (the start of a span ``(2025—2027年)``), else one the
opening names as the plan's year (``2017年,我区…``). Placeholders (``20XX``) give no year.
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
from ..resources import compile_pattern, compile_std, literal_gate, load

_NAME_EXTRA = "Xx×*()"  # placeholders (XX社区) and brackets (中共某县委员会(某县人民政府))


@functools.cache
def _spec():
    spec = load("plan_meta")
    rules = {r["id"]: compile_pattern(r["pattern"], where=f"plan_meta:{r['id']}") for r in spec["rules"]}
    date = compile_pattern(spec["signature"]["date"], where="plan_meta:signature")
    rules.update({r["id"]: compile_pattern(r["pattern"], where=f"plan_meta:{r['id']}")
                  for r in spec["header"]["rules"]})
    rules["joint_gap"] = compile_pattern(spec["signature"]["joint_gap"], where="plan_meta:joint_gap")
    return spec, rules, date


@functools.cache
def _search(rule_id: str):
    """``rules[rule_id].search``, behind a gate on the literals every match needs (no match: no search).

    A rule with ``near`` and ``reach`` (speed only) is searched from ``reach - 1`` characters before
    the first place ``near`` finds (no match starts earlier), and not at all where it finds none.
    """
    pat = _spec()[1][rule_id]
    gate = literal_gate(pat.pattern)
    rule: dict = next((r for r in _spec()[0]["rules"] if r["id"] == rule_id), {})
    if rule.get("near") is None:
        return lambda text: pat.search(text) if gate(text) else None
    near = compile_std(rule["near"]).search
    back = int(rule["reach"]) - 1

    def search(text: str):
        m = near(text)
        return pat.search(text, max(0, m.start() - back)) if m is not None else None
    return search


def _year(text: str) -> int | None:
    try:
        y = int(text)
    except ValueError:
        return None
    return y if 1949 <= y <= 2100 else None


def _is_org(name: str) -> bool:
    """A body's name: Han characters (or XX placeholders) only, not too long, ending with an organisation word."""
    spec = _spec()[0]
    return (2 <= len(name) <= spec["signature"]["max_org_chars"]
            and name.endswith(_org_suffixes())  # one C call first: most names end with none
            and all("\u4e00" <= ch <= "\u9fff" or ch in _NAME_EXTRA for ch in name))


@functools.cache
def _org_suffixes() -> tuple[str, ...]:
    return tuple(_spec()[0]["org_suffixes"])


def _signature_org(doc: NormalizedText, plan: PlanSpan) -> str | None:
    """The first body of the signature block (organisation lines just above a closing date)."""
    spec, rules, date = _spec()
    tail = doc.text[max(plan.start, plan.end - 200):plan.end]
    lines = [ln.strip() for ln in tail.split("\n") if ln.strip()]
    if len(lines) < 2 or not date.match(lines[-1]):
        return None
    first = None
    for line in reversed(lines[-1 - spec["signature"]["max_org_lines"]:-1]):
        bodies = rules["joint_gap"].split(line)
        if not all(_is_org(b) for b in bodies):
            break
        first = bodies[0]  # bodies stacked on lines: the topmost is named first
    return first


def _header_org(doc: NormalizedText, plan: PlanSpan) -> str | None:
    """The body of an official-document header (``X文件``, or ``X`` over a ``X发〔2025〕9号`` line)."""
    spec, rules, _ = _spec()
    cfg = spec["header"]
    text = doc.text
    top = plan.title_start if plan.title_start is not None else plan.start
    before = [ln.strip() for ln in text[max(0, top - cfg["chars"]):top].split("\n")]
    if top > 0 and text[top - 1] != "\n":
        before = before[:-1]  # the title's own line, left of a glued title
    lines = [ln for ln in before if ln][-cfg["lines"]:]
    if plan.title_start is None:  # no title: the header opens the plan itself
        lines += [ln.strip() for ln in text[plan.start:plan.start + cfg["chars"]].split("\n") if ln.strip()][:cfg["lines"]]
    for k, line in enumerate(lines):
        m = rules["header_mark"].match(line)
        if not m or not _is_org(m.group("org")):
            continue
        if m.group("file") or (k + 1 < len(lines) and rules["header_number"].match(lines[k + 1])):
            return m.group("org")
    return None


def detect_plan_meta(doc: NormalizedText, plan: PlanSpan) -> tuple[str | None, int | None]:
    """``(issuer, year)`` of the plan when its text states them (normalized strings)."""
    spec = _spec()[0]
    text = doc.text
    title = ""
    body_start = plan.start
    if plan.title_start is not None and plan.title_end is not None:
        title = text[plan.title_start:plan.title_end]
        body_start = max(plan.start, plan.title_end)
    body = text[body_start:min(plan.end, body_start + spec["body_chars"])]

    issuer = _header_org(doc, plan)
    m = _search("title_issuer")(title) if title and issuer is None else None
    if m:
        issuer = m.group("org")
    if issuer is None:
        m = _search("body_issuer")(body)
        if m:
            issuer = m.group("org")
    if issuer is None:
        issuer = _signature_org(doc, plan)

    year = None
    m = _search("title_year")(title) if title else None
    if m:
        year = _year(m.group("year"))
    if year is None:
        m = _search("body_year")(body)
        if m:
            year = _year(m.group("year") or m.group("year2"))
    return issuer, year
