"""The evaluation harness, tested against hand-made predictions and against the reference scorer."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SHARED, needs_shared

from planparse.eval import Tally, evaluate_dir, score_file

TEXT = "社区工作计划\n一、工作目标\n绿化率达到40%，2024年底前完成。\n组长:王明 负责全面工作。\n街道办负责协调。\n"


def _gold():
    return {"file": "a.txt", "plans": [{
        "title": "社区工作计划",
        "sections": [{"marker": "一、", "level": 1, "heading": "工作目标", "label": "objectives"}],
        "targets": [{"text": "绿化率达到40%", "occurrence": 0, "kind": "target", "metric": "绿化率",
                     "comparator": ">=", "value": 40, "unit": "%"}],
        "times": [{"text": "2024年底", "occurrence": 0, "kind": "date", "start": "2024-12"}],
        "roles": [{"text": "组长:王明", "occurrence": 0, "position": "组长", "person": "王明", "org": None}],
        "responsibilities": [{"text": "街道办负责协调", "occurrence": 0, "owner": "街道办", "relation": "responsible"}],
    }]}


def _span(s):
    i = TEXT.index(s)
    return [i, i + len(s)]


def _tallies(pred):
    T = {k: Tally() for k in ("plans", "sections", "targets", "times", "roles", "resp")}
    score_file(TEXT, _gold(), pred, T)
    return {k: t.as_dict() for k, t in T.items()}


def test_perfect_prediction_scores_one():
    pred = {"plans": [{
        "sections": [{"marker": "一、", "level": 1, "heading": "工作目标", "label": "objectives", "children": []}],
        "targets": [{"span": _span("绿化率达到40%"), "value": 40.0, "unit": "%", "comparator": ">=",
                     "kind": "target", "metric": "绿化率"}],
        "times": [{"span": _span("2024年底前"), "kind": "date", "start": "2024-12"}],
        "roles": [{"position": "组长", "person": "王明"}],
        "responsibilities": [{"span": _span("街道办负责协调"), "owner": "街道办", "relation": "responsible"}],
    }]}
    r = _tallies(pred)
    for k, c in r.items():
        assert c["f1"] == 1.0, k
        assert all(v == 1.0 for v in c["attr"].values()), (k, c["attr"])


def test_wrong_attributes_and_misses_are_counted():
    pred = {"plans": [{
        "sections": [{"marker": "一、", "level": 2, "heading": "工作目标", "label": "tasks", "children": [
            {"marker": "1、", "level": 3, "heading": "多余", "label": "tasks", "children": []}]}],
        "targets": [{"span": _span("绿化率达到40%"), "value": 41, "unit": "%", "comparator": ">=", "kind": "target"}],
        "times": [{"span": _span("2024年底"), "kind": "period", "start": "2024"}],
        "roles": [{"position": "副组长", "person": "王明"}],
        "responsibilities": [{"span": _span("街道办负责协调"), "owner": "区政府", "relation": "lead"}],
    }, {"sections": []}]}
    r = _tallies(pred)
    assert r["plans"]["tp"] == 0
    assert (r["sections"]["tp"], r["sections"]["pred"]) == (1, 2)
    assert r["sections"]["attr"] == {"level": 0.0, "label": 0.0}
    assert r["targets"]["tp"] == 0  # value differs: no match
    assert r["times"]["tp"] == 1 and r["times"]["attr"] == {"kind": 0.0, "start": 0.0}
    assert r["roles"]["tp"] == 0 and r["resp"]["tp"] == 0


def test_errors_list_each_miss_false_positive_and_wrong_attribute():
    pred = {"plans": [{
        "sections": [{"marker": "一、", "level": 2, "heading": "工作目标", "label": "tasks", "children": [
            {"marker": "1、", "level": 3, "heading": "多余", "label": "tasks", "children": []}]}],
        "targets": [{"text": "达到40%", "span": _span("达到40%"), "value": 41, "unit": "%"}],
        "times": [{"text": "2024年底", "span": _span("2024年底"), "kind": "period", "start": "2024"}],
        "roles": [{"position": "组长", "person": "王明", "org": "街道"}],
        "responsibilities": [{"text": "街道办负责协调", "span": _span("街道办负责协调"), "owner": "街道办",
                              "relation": "lead"}],
    }]}
    T = {k: Tally() for k in ("plans", "sections", "targets", "times", "roles", "resp")}
    errors: list[dict] = []
    score_file(TEXT, _gold(), pred, T, errors=errors)
    got = {(e["component"], e["error"]) for e in errors}
    assert got == {("sections", "level"), ("sections", "label"), ("sections", "spurious"),
                   ("targets", "missed"), ("targets", "spurious"), ("times", "kind"), ("times", "start"),
                   ("resp", "relation")}  # the role matches and the gold gives no org to compare
    missed = next(e for e in errors if e["error"] == "missed")
    assert TEXT[missed["span"][0]:missed["span"][1]] == missed["text"] == "绿化率达到40%"
    # the listing changes no count
    assert {k: t.as_dict() for k, t in T.items()} == _tallies(pred)


def test_empty_prediction_and_empty_gold():
    T = {k: Tally() for k in ("plans", "sections", "targets", "times", "roles", "resp")}
    score_file(TEXT, {"file": "a.txt", "plans": [{"sections": []}]}, {"plans": [{"sections": []}]}, T)
    assert T["sections"].as_dict()["f1"] == 1.0  # nothing to find, nothing found


@needs_shared
@pytest.mark.parametrize("corpus", ["seed", "dev"])
def test_agrees_with_reference_scorer(tmp_path, corpus):
    """planparse eval and shared/tools/score.py print the same figures on the same predictions."""
    import planparse

    d = SHARED / "corpora" / corpus
    preds = {}
    for gp in sorted(d.glob("*.gold.json")):
        txt = gp.parent / json.loads(gp.read_text(encoding="utf-8"))["file"]
        preds[txt.stem] = planparse.parse_file(txt).model_dump(mode="json")
        (tmp_path / f"{txt.stem}.json").write_text(json.dumps(preds[txt.stem], ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "ref.json"
    subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(d), "--pred-dir", str(tmp_path),
                    "--json", str(out)], check=True, capture_output=True)
    ref = json.loads(out.read_text(encoding="utf-8"))
    ours = evaluate_dir(d, predict=lambda p: preds[p.stem])["components"]
    for k in ("plans", "sections", "targets", "times", "roles", "resp"):
        for m in ("precision", "recall", "f1", "gold", "pred", "tp"):
            assert ours[k][m] == pytest.approx(ref[k][m]), (k, m)
        assert ours[k]["attr"] == pytest.approx(ref[k]["attr"]), k


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_gold_text_in_another_encoding_scores_the_same(tmp_path, encoding):
    """The annotated text is read as planparse reads it, so a GB18030 or UTF-16 file is scored, not refused."""
    for enc, sub in (("utf-8", "u8"), (encoding, "other")):
        d = tmp_path / sub
        d.mkdir()
        (d / "a.txt").write_bytes(TEXT.encode(enc))
        (d / "a.gold.json").write_text(json.dumps(_gold(), ensure_ascii=False), encoding="utf-8")
    u8 = evaluate_dir(tmp_path / "u8")["components"]
    other = evaluate_dir(tmp_path / "other")["components"]
    assert other == u8
    assert u8["targets"]["tp"] == 1
