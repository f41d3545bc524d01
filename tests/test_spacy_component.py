"""The spaCy entry point: nlp.add_pipe("planparse") on a blank Chinese pipeline."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest

spacy = pytest.importorskip("spacy")

from planparse import ConfigError, ParseResult, Pipeline  # noqa: E402
from planparse.models import Plan, Responsibility, Role, Section, Source, Target, TimeExpr  # noqa: E402
from planparse.spacy_component import SPAN_KEYS, PlanparseComponent  # noqa: E402

# Our own text (never copied from ../shared): a title, two numbered sections, a target,
# times, a role and a responsibility, with full-width punctuation and a CRLF.
PLAN_TEXT = (
    "2025年街道平安建设工作计划\n"
    "一、工作目标\n"
    "到2025年底，群众安全感达到95%以上。\r\n"
    "二、保障措施\n"
    "（一）成立领导小组。组长：李明，副组长：街道办主任。\n"
    "（二）街道综治办牵头，各社区配合，每月15日前上报进展。\n"
)

SEGMENTERS = ["char", "jieba"]


def blank_zh(segmenter: str):
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})


@pytest.fixture(scope="module", params=SEGMENTERS)
def nlp(request):
    n = blank_zh(request.param)
    n.add_pipe("planparse")
    return n


def test_factory_is_an_entry_point():
    eps = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert eps.get("planparse") == "planparse.spacy_component:make_planparse"


def test_add_pipe_works_without_importing_planparse():
    # A fresh process: only the entry point can tell spaCy where "planparse" lives.
    code = (
        "import spacy, sys\n"
        "nlp = spacy.blank('zh')\n"
        "nlp.add_pipe('planparse')\n"
        "doc = nlp('社区工作计划\\n一、工作目标\\n完成培训。\\n')\n"
        "print(type(doc._.planparse).__name__, len(doc.spans['planparse_plans']))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["ParseResult", "1"]


def test_importing_planparse_does_not_import_spacy():
    code = "import planparse, sys; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_doc_text_is_the_input_and_result_is_attached(nlp):
    doc = nlp(PLAN_TEXT)
    assert doc.text == PLAN_TEXT
    assert isinstance(doc._.planparse, ParseResult)
    assert doc._.planparse.source.chars == len(PLAN_TEXT)


def test_every_span_key_is_set(nlp):
    doc = nlp(PLAN_TEXT)
    assert set(SPAN_KEYS.values()) <= set(doc.spans)


def test_plan_spans_match_the_result(nlp):
    doc = nlp(PLAN_TEXT)
    plans = doc._.planparse.plans
    spans = list(doc.spans["planparse_plans"])
    assert [s.id_ for s in spans] == [p.id for p in plans]
    assert all(s.label_ == "plan" for s in spans)


@pytest.mark.parametrize("kind", list(SPAN_KEYS))
def test_spans_cover_the_items_they_come_from(nlp, kind):
    """Whatever the extractors find today, each item's span is inside its spaCy span (expand)."""
    doc = nlp(PLAN_TEXT)
    items = []
    for plan in doc._.planparse.plans:
        if kind == "plans":
            items.append(plan)
        elif kind == "sections":
            items.extend(plan.iter_sections())
        else:
            items.extend(getattr(plan, kind))
    items = [it for it in items if it.span[1] > it.span[0]]
    spans = list(doc.spans[SPAN_KEYS[kind]])
    assert len(spans) == len(items)
    for it, sp in zip(items, spans, strict=True):
        assert sp.start_char <= it.span[0] and it.span[1] <= sp.end_char


# -- mapping, checked on a hand-made result so it does not depend on the extractors' progress ------

def _hand_made_result(text: str) -> ParseResult:
    def at(s: str, occ: int = 0) -> tuple[int, int]:
        pos = -1
        for _ in range(occ + 1):
            pos = text.index(s, pos + 1)
        return (pos, pos + len(s))

    sec_goal = Section(id="p1.s1", marker="一、", level=1, heading="工作目标", label="objectives",
                       heading_span=at("一、工作目标"), span=(at("一、工作目标")[0], at("二、保障措施")[0]))
    sec_sub = Section(id="p1.s2.1", marker="（一）", level=2, heading="成立领导小组", label="other",
                      heading_span=at("（一）成立领导小组"), span=at("（一）成立领导小组。组长：李明，副组长：街道办主任。"))
    sec_meas = Section(id="p1.s2", marker="二、", level=1, heading="保障措施", label="measures",
                       heading_span=at("二、保障措施"), span=(at("二、保障措施")[0], len(text)), children=[sec_sub])
    plan = Plan(
        id="p1", title="2025年街道平安建设工作计划", span=(0, len(text)),
        sections=[sec_goal, sec_meas],
        # "安全感达" starts inside the jieba token 安全感: expand must widen it.
        targets=[Target(text="感达到95%以上", span=at("感达到95%以上"), kind="target", comparator=">=", value=95,
                        unit="%")],
        times=[TimeExpr(text="2025年底", span=at("2025年底"), kind="date", start="2025-12"),
               TimeExpr(text="每月15日前", span=at("每月15日前"), kind="recurring", recurrence="monthly"),
               TimeExpr(text="", span=(5, 5), kind="date")],  # empty: cannot be a spaCy span
        roles=[Role(text="组长：李明", span=at("组长：李明"), position="组长", person="李明")],
        responsibilities=[Responsibility(text="街道综治办牵头", span=at("街道综治办牵头"), owner="街道综治办",
                                         relation="lead", task="")],
    )
    return ParseResult(planparse_version="test", source=Source(encoding="utf-8", sha256="0", chars=len(text)),
                       plans=[plan])


@pytest.fixture(params=SEGMENTERS)
def stubbed_doc(request, monkeypatch):
    n = blank_zh(request.param)
    comp = n.add_pipe("planparse")
    result = _hand_made_result(PLAN_TEXT)
    monkeypatch.setattr(comp.pipeline, "parse_text", lambda text, **kw: result)
    return n(PLAN_TEXT), result


@pytest.mark.parametrize(
    ("key", "labels", "ids"),
    [
        ("planparse_plans", ["plan"], ["p1"]),
        ("planparse_sections", ["objectives", "measures", "other"], ["p1.s1", "p1.s2", "p1.s2.1"]),
        ("planparse_targets", ["target"], ["p1.targets[0]"]),
        ("planparse_times", ["date", "recurring"], ["p1.times[0]", "p1.times[1]"]),
        ("planparse_roles", ["组长"], ["p1.roles[0]"]),
        ("planparse_responsibilities", ["lead"], ["p1.responsibilities[0]"]),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_items_become_labelled_spans(stubbed_doc, key, labels, ids):
    doc, _ = stubbed_doc
    spans = list(doc.spans[key])
    assert [s.label_ for s in spans] == labels
    assert [s.id_ for s in spans] == ids


def test_spans_expand_to_token_edges(stubbed_doc):
    doc, result = stubbed_doc
    target = result.plans[0].targets[0]
    span = doc.spans["planparse_targets"][0]
    assert span.start_char <= target.span[0] and target.span[1] <= span.end_char
    assert target.text in span.text


def test_exact_spans_keep_their_text(stubbed_doc):
    doc, result = stubbed_doc
    role = result.plans[0].roles[0]
    span = doc.spans["planparse_roles"][0]
    assert role.text in span.text
    assert doc.text[role.span[0]:role.span[1]] == role.text


def test_result_is_the_pipelines_object(stubbed_doc):
    doc, result = stubbed_doc
    assert doc._.planparse is result


# -- configuration and serialization -----------------------------------------------------------

def test_settings_reach_the_pipeline():
    n = spacy.blank("zh")
    comp = n.add_pipe("planparse", config={"ref_year": 2024, "extractors": ["times", "roles"], "strict": True})
    assert isinstance(comp, PlanparseComponent)
    assert isinstance(comp.pipeline, Pipeline)
    assert comp.pipeline.config.ref_year == 2024
    assert comp.pipeline.config.extractors == ("times", "roles")
    assert comp.pipeline.config.strict is True


def test_unknown_extractor_is_a_config_error():
    n = spacy.blank("zh")
    with pytest.raises(ConfigError):
        n.add_pipe("planparse", config={"extractors": ["weather"]})


def test_nlp_pipe_processes_every_text():
    n = spacy.blank("zh")
    n.add_pipe("planparse")
    texts = ["社区工作计划\n一、工作目标\n", "学校安全工作方案\n一、指导思想\n"]
    docs = list(n.pipe(texts))
    assert [d.text for d in docs] == texts
    assert all(isinstance(d._.planparse, ParseResult) for d in docs)


def test_doc_bytes_roundtrip_keeps_spans():
    n = spacy.blank("zh")
    n.add_pipe("planparse")
    doc = n(PLAN_TEXT)
    data = doc.to_bytes(exclude=["user_data"])
    back = type(doc)(n.vocab).from_bytes(data)
    assert [(s.start_char, s.end_char) for s in back.spans["planparse_plans"]] == \
        [(s.start_char, s.end_char) for s in doc.spans["planparse_plans"]]
