"""Hand-built parse results (text written for these tests) with targets, times, roles and responsibilities."""

from __future__ import annotations

import hashlib
import json

from planparse.corpus import plan_records
from planparse.models import ParseResult, Plan, Responsibility, Role, Section, Source, Target, TimeExpr


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    s = text.index(part, after)
    return s, s + len(part)


def make_result(path: str, issuer: str, year: int, metric: str, value: float, unit: str,
                comparator: str = ">=", deadline: str | None = "年底", extra_fact: bool = False) -> ParseResult:
    """One plan whose text states ``metric`` ``comparator`` ``value unit``; spans point into that text."""
    target_text = f"{metric}达到{value:g}{unit}"
    text = (f"{issuer}{year}年工作计划\n一、工作目标\n{deadline or ''}{target_text}。\n"
            f"二、组织领导\n组长:王明\n{issuer}办公室负责日常工作。\n")
    if extra_fact:
        text += f"去年{metric}为80{unit}。\n"
    sec1 = Section(id="p1.s1", marker="一、", level=1, heading="工作目标", label="objectives",
                   heading_span=_span(text, "一、工作目标"), span=(text.index("一、"), text.index("二、")))
    sec2 = Section(id="p1.s2", marker="二、", level=1, heading="组织领导", label="organization",
                   heading_span=_span(text, "二、组织领导"), span=(text.index("二、"), len(text)))
    targets = [Target(text=target_text, span=_span(text, target_text), kind="target", metric=metric,
                      comparator=comparator, value=value, unit=unit, deadline=deadline,
                      section_label="objectives", section_id="p1.s1")]
    if extra_fact:
        fact = f"{metric}为80{unit}"
        targets.append(Target(text=fact, span=_span(text, fact), kind="fact", metric=metric, comparator="=",
                              value=80, unit=unit, section_label="organization", section_id="p1.s2"))
        targets.sort(key=lambda t: t.span)
    times = [TimeExpr(text=f"{year}年", span=_span(text, f"{year}年"), kind="period", start=str(year))]
    if deadline:
        times.append(TimeExpr(text=deadline, span=_span(text, deadline), kind="date", start=f"{year}-12",
                              section_id="p1.s1"))
    roles = [Role(text="组长:王明", span=_span(text, "组长:王明"), position="组长", person="王明",
                  org=f"{issuer}领导小组", section_id="p1.s2")]
    owner = f"{issuer}办公室"
    resp_text = f"{owner}负责日常工作"
    resps = [Responsibility(text=resp_text, span=_span(text, resp_text), owner=owner, relation="responsible",
                            task="日常工作", section_label="organization", section_id="p1.s2")]
    plan = Plan(id="p1", title=f"{issuer}{year}年工作计划", span=(0, len(text)), issuer=issuer, year=year,
                sections=[sec1, sec2], targets=targets, times=sorted(times, key=lambda t: t.span),
                roles=roles, responsibilities=resps)
    src = Source(path=path, encoding="utf-8", sha256=hashlib.sha256(text.encode()).hexdigest(),
                 chars=len(text), text=text)
    return ParseResult(planparse_version="0.1.0", source=src, plans=[plan])


FAKES = [
    ("plans/a.txt", "东风社区", 2023, "体检合格率", 95, "%"),
    ("plans/b.txt", "西湖街道", 2024, "食品抽检合格率", 98.5, "百分之"),
    ("plans/c.txt", "南山村", 2024, "宣传覆盖面", 90, "%"),
    ("plans/d.txt", "北城区民政局", 2022, "专项资金", 3.5, "万元"),
    ("plans/e.txt", "中心社区", 2023, "专项资金", 20000, "元"),
]


def fake_results() -> list[ParseResult]:
    return [make_result(*f, extra_fact=(i == 0)) for i, f in enumerate(FAKES)]


def write_batch_dir(out, results=None) -> list[ParseResult]:
    """Write a batch-like output directory (plans.jsonl + empty errors.jsonl) from parse results."""
    results = results if results is not None else fake_results()
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "plans.jsonl", "w", encoding="utf-8") as fh:
        for r in results:
            for rec in plan_records(r, r.source.path):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    (out / "errors.jsonl").write_text("", encoding="utf-8")
    return results
