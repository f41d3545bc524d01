"""Golden plans for the time extractor, and its figures on every gold-annotated corpus.

The golden cases (``tests/golden/times/<case>.txt`` written for this project, ``<case>.json`` the
reviewed expected expressions) run the extractor alone on the whole text, so a change in the
segmenter does not move them. ``PLANPARSE_REGEN=1`` rewrites the expected files (review the diff).
"""

from __future__ import annotations

import importlib.util
import json
import os
import pathlib

import pytest
from conftest import OWN_CORPORA, ROOT, SHARED, needs_shared

from planparse.context import PlanContext
from planparse.extract import extract_times
from planparse.normalize import normalize_text

GOLDEN = ROOT / "tests" / "golden" / "times"
CASES = sorted(GOLDEN.glob("*.txt"))


def _expressions(source: str) -> list[dict]:
    doc = normalize_text(source)
    ctx = PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text))
    return [{"text": t.text, "kind": t.kind.value, "start": t.start, "end": t.end, "recurrence": t.recurrence}
            for t in extract_times(ctx)]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_golden_plan(case):
    source = case.read_text(encoding="utf-8")
    got = _expressions(source)
    expected_path = case.with_suffix(".json")
    if os.environ.get("PLANPARSE_REGEN"):
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(expected_path.read_text(encoding="utf-8"))


def test_golden_cases_exist():
    assert CASES, f"no golden cases under {GOLDEN}"


# --- figures on the gold corpora (shared seed + dev, the project's own corpora) -----------------
def _score_module():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _figures(gold_paths: list[pathlib.Path]) -> dict[str, float]:
    """P/R/F1, kind and start accuracy as score.py counts them (span overlap, gold order)."""
    score = _score_module()
    ng = np_ = tp = kind_ok = start_ok = start_n = 0
    for gp in gold_paths:
        gold = json.loads(gp.read_text(encoding="utf-8"))
        text = (gp.parent / gold["file"]).read_text(encoding="utf-8")
        golds = [(score.locate(text, it["text"], it.get("occurrence", 0)), it)
                 for p in gold["plans"] for it in p.get("times", [])]
        doc = normalize_text(text)
        preds = [(tuple(t.span), t.model_dump(mode="json"))
                 for t in extract_times(PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text)))]
        ng, np_ = ng + len(golds), np_ + len(preds)
        for g, p in score.greedy_span_match(golds, preds, lambda a, b: True):
            tp += 1
            kind_ok += g["kind"] == p["kind"]
            if g.get("start") and g["kind"] in ("date", "range"):
                start_n += 1
                start_ok += g["start"].upper() == (p.get("start") or "").upper()
    prec, rec = tp / max(np_, 1), tp / max(ng, 1)
    return {"f1": 2 * prec * rec / max(prec + rec, 1e-9), "kind": kind_ok / max(tp, 1),
            "start": start_ok / max(start_n, 1)}


def _gold_sets():
    sets = [("own", sorted(OWN_CORPORA.glob("*.gold.json")))]
    if (SHARED / "corpora").is_dir():
        sets += [("seed", sorted((SHARED / "corpora" / "seed").glob("*.gold.json"))),
                 ("dev", sorted((SHARED / "corpora" / "dev").glob("*.gold.json")))]
    return [pytest.param(name, paths, id=name) for name, paths in sets if paths]


@needs_shared
@pytest.mark.parametrize(("name", "paths"), _gold_sets())
def test_gold_corpus_figures(name, paths):
    """Issue 5's bar: F1 >= 0.92, kind accuracy >= 0.92, start accuracy >= 0.90 on each gold set."""
    fig = _figures(paths)
    assert fig["f1"] >= 0.92, fig
    assert fig["kind"] >= 0.92, fig
    assert fig["start"] >= 0.90, fig
