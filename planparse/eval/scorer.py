"""Precision, recall and F1 per component, matched the way the reference scorer does.

The matching rules are those of ``shared/tools/score.py`` (the project's
reference), so ``planparse eval DIR`` and ``score.py DIR`` print the same figures:

* plans: a file counts as right when the number of plans is exact;
* sections: sequence alignment on (marker, first 8 heading characters), punctuation ignored;
  then level accuracy, and label accuracy on level-1 gold sections;
* targets: one-to-one in gold order, overlapping span and equal value; then unit, comparator,
  kind and metric accuracy;
* times: overlapping span; then kind accuracy, and start accuracy for dated gold;
* roles: multiset of (position, person or holder); then org accuracy;
* responsibilities: owner equal or contained, and overlapping span; then relation accuracy.

The pipeline runs in-process (one :class:`planparse.Pipeline` for the whole directory).

>>> t = Tally(); t.tp, t.ng, t.np = 3, 4, 3
>>> round(t.as_dict()["f1"], 3)
0.857
"""

from __future__ import annotations

import difflib
import json
import pathlib
import re
import time
import unicodedata
from collections.abc import Callable
from typing import Any

from ..errors import GoldFormatError, PlanparseError

COMPONENTS = ("plans", "sections", "targets", "times", "roles", "resp")
_PUNCT = re.compile(r"[\s\u3000，,。．.、；;：:（）()【】\[\]“”\"'‘’《》<>—\-－_·!！?？]")


def norm(s: str | None) -> str:
    """NFKC and no punctuation or spaces: the form in which strings are compared."""
    if s is None:
        return ""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", s))


def _locate(text: str, s: str, occ: int) -> tuple[int, int] | None:
    pos = -1
    for _ in range(occ + 1):
        pos = text.find(s, pos + 1)
        if pos < 0:
            return None
    return (pos, pos + len(s))


def _overlap(a, b) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _flat_sections(secs) -> list[dict]:
    out: list[dict] = []
    for s in secs or []:
        out.append(s)
        out.extend(_flat_sections(s.get("children")))
    return out


def _prf(tp: int, ng: int, np_: int) -> tuple[float, float, float]:
    p = tp / np_ if np_ else (1.0 if ng == 0 else 0.0)
    r = tp / ng if ng else (1.0 if np_ == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


class Tally:
    """Counts for one component: true positives, gold and predicted totals, attribute hits."""

    def __init__(self) -> None:
        self.tp = self.ng = self.np = 0
        self.attr: dict[str, list[int]] = {}

    def add_attr(self, name: str, ok: bool) -> None:
        a = self.attr.setdefault(name, [0, 0])
        a[0] += bool(ok)
        a[1] += 1

    def as_dict(self) -> dict[str, Any]:
        p, r, f = _prf(self.tp, self.ng, self.np)
        return {"precision": p, "recall": r, "f1": f, "gold": self.ng, "pred": self.np, "tp": self.tp,
                "attr": {k: (v[0] / v[1] if v[1] else None) for k, v in self.attr.items()},
                "attr_counts": {k: list(v) for k, v in self.attr.items()}}


def _num_eq(a, b) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-6
    except (TypeError, ValueError):
        return False


def _greedy_span_match(golds, preds, ok: Callable[[dict, dict], bool]):
    used: set[int] = set()
    pairs = []
    for gs, g in golds:
        for j, (ps, p) in enumerate(preds):
            if j in used or not _overlap(gs, ps):
                continue
            if ok(g, p):
                used.add(j)
                pairs.append((g, p))
                break
    return pairs


def _unit_norm(u: str | None) -> str:
    u = norm(u)
    return {"％": "%", "个百分点": "百分点"}.get(u, u)


def _brief(it: dict, keys: tuple[str, ...]) -> str:
    return " ".join(f"{k}={it.get(k)}" for k in keys if it.get(k) not in (None, ""))


_SHOWN = {"targets": ("value", "unit", "comparator", "kind", "metric"), "times": ("kind", "start", "end"),
          "roles": ("position", "person", "holder", "org"), "resp": ("owner", "relation")}


def _unmatched(errors: list[dict], comp: str, golds, preds, pairs) -> None:
    """Record the gold items no prediction matched (missed) and the predictions no gold matched (spurious)."""
    hit_g = {id(g) for g, _ in pairs}
    hit_p = {id(p) for _, p in pairs}
    for sp, it in golds:
        if id(it) not in hit_g:
            errors.append({"component": comp, "error": "missed", "text": it.get("text"),
                           "span": list(sp) if sp else None, "item": _brief(it, _SHOWN[comp])})
    for sp, it in preds:
        if id(it) not in hit_p:
            errors.append({"component": comp, "error": "spurious", "text": it.get("text"),
                           "span": list(sp) if sp else None, "item": _brief(it, _SHOWN[comp])})


def _attr_error(errors: list[dict] | None, comp: str, attr: str, g: dict, p: dict, ok: bool) -> bool:
    """Record a matched pair whose attribute ``attr`` differs; returns ``ok`` for the tally."""
    if not ok and errors is not None:
        sp = p.get("span")
        errors.append({"component": comp, "error": attr, "text": p.get("text") or p.get("heading"),
                       "span": list(sp) if sp else None, "item": f"gold {g.get(attr)!r}, predicted {p.get(attr)!r}"})
    return ok


def score_file(text: str, gold: dict, pred: dict, T: dict[str, Tally], *,
               label_confusion: dict[str, dict[str, int]] | None = None,
               lenient_start: bool = False, errors: list[dict] | None = None) -> None:
    """Add one file's counts to the tallies ``T`` (keys: :data:`COMPONENTS`).

    With ``errors`` (a list), also append one record per miss, false positive and wrong attribute
    (``component``, ``error``: missed / spurious / the attribute's name, ``text``, ``span``, ``item``):
    what ``planparse eval --errors`` lists, so a failure can be looked up without a script of one's own.
    """
    gplans = gold["plans"]
    pplans = pred.get("plans", []) if isinstance(pred, dict) else []
    T["plans"].tp += int(len(gplans) == len(pplans))
    T["plans"].ng += 1
    T["plans"].np += 1

    gsec = [s for p in gplans for s in p.get("sections", [])]
    psec = [s for p in pplans for s in _flat_sections(p.get("sections"))]

    def key(s: dict) -> str:
        return norm(s.get("marker")) + "|" + norm(s.get("heading"))[:8]

    sm = difflib.SequenceMatcher(a=[key(s) for s in gsec], b=[key(s) for s in psec], autojunk=False)
    T["sections"].ng += len(gsec)
    T["sections"].np += len(psec)
    seen_g: set[int] = set()
    seen_p: set[int] = set()
    for blk in sm.get_matching_blocks():
        for k in range(blk.size):
            g, p = gsec[blk.a + k], psec[blk.b + k]
            seen_g.add(blk.a + k)
            seen_p.add(blk.b + k)
            T["sections"].tp += 1
            T["sections"].add_attr("level", _attr_error(errors, "sections", "level", g, p,
                                                        g.get("level") == p.get("level")))
            if g.get("level") == 1 and g.get("label"):
                T["sections"].add_attr("label", _attr_error(errors, "sections", "label", g, p,
                                                            g.get("label") == p.get("label")))
                if label_confusion is not None:
                    row = label_confusion.setdefault(g["label"], {})
                    row[str(p.get("label"))] = row.get(str(p.get("label")), 0) + 1
    if errors is not None:
        for what, secs, seen in (("missed", gsec, seen_g), ("spurious", psec, seen_p)):
            for i, sec in enumerate(secs):
                if i not in seen:
                    sp = sec.get("span")
                    errors.append({"component": "sections", "error": what,
                                   "text": f"{sec.get('marker') or ''}{sec.get('heading') or ''}",
                                   "span": list(sp) if sp else None, "item": f"level={sec.get('level')}"})

    def gold_items(kind: str):
        return [(_locate(text, it["text"], it.get("occurrence", 0)), it) for p in gplans for it in p.get(kind, [])]

    def pred_items(kind: str):
        out = []
        for p in pplans:
            for it in p.get(kind, []) or []:
                sp = it.get("span")
                out.append((tuple(sp) if sp else None, it))
        return out

    g, pr = gold_items("targets"), pred_items("targets")
    T["targets"].ng += len(g)
    T["targets"].np += len(pr)
    pairs = _greedy_span_match(g, pr, lambda a, b: _num_eq(a.get("value"), b.get("value")))
    if errors is not None:
        _unmatched(errors, "targets", g, pr, pairs)
    for gi, pi in pairs:
        T["targets"].tp += 1
        T["targets"].add_attr("unit", _attr_error(errors, "targets", "unit", gi, pi,
                                                  _unit_norm(gi.get("unit")) == _unit_norm(pi.get("unit"))))
        T["targets"].add_attr("cmp", _attr_error(errors, "targets", "comparator", gi, pi,
                                                 gi.get("comparator") == pi.get("comparator")))
        T["targets"].add_attr("kind", _attr_error(errors, "targets", "kind", gi, pi, gi.get("kind") == pi.get("kind")))
        gm, pm = norm(gi.get("metric")), norm(pi.get("metric"))
        if gm:
            T["targets"].add_attr("metric", _attr_error(errors, "targets", "metric", gi, pi,
                                                        bool(pm) and (gm in pm or pm in gm)))

    g, pr = gold_items("times"), pred_items("times")
    T["times"].ng += len(g)
    T["times"].np += len(pr)
    pairs = _greedy_span_match(g, pr, lambda a, b: True)
    if errors is not None:
        _unmatched(errors, "times", g, pr, pairs)
    for gi, pi in pairs:
        T["times"].tp += 1
        T["times"].add_attr("kind", _attr_error(errors, "times", "kind", gi, pi, gi.get("kind") == pi.get("kind")))
        if gi.get("start") and gi.get("kind") in ("date", "range"):
            gs_, ps_ = (gi.get("start") or "").upper(), (pi.get("start") or "").upper()
            if lenient_start:
                ps_ = ps_[:len(gs_)]
            T["times"].add_attr("start", _attr_error(errors, "times", "start", gi, pi, gs_ == ps_))

    def rk(r: dict) -> tuple[str, str]:
        return (norm(r.get("position")), norm(r.get("person") or r.get("holder")))

    groles_s, proles_s = gold_items("roles"), pred_items("roles")
    groles = [it for _, it in groles_s]
    proles = [it for _, it in proles_s]
    T["roles"].ng += len(groles)
    T["roles"].np += len(proles)
    used: set[int] = set()
    role_pairs = []
    for gr in groles:
        for j, prr in enumerate(proles):
            if j not in used and rk(gr) == rk(prr):
                used.add(j)
                role_pairs.append((gr, prr))
                T["roles"].tp += 1
                if gr.get("org"):
                    go, po = norm(gr.get("org")), norm(prr.get("org"))
                    T["roles"].add_attr("org", _attr_error(errors, "roles", "org", gr, prr,
                                                           bool(po) and (go in po or po in go)))
                break
    if errors is not None:
        _unmatched(errors, "roles", groles_s, proles_s, role_pairs)

    def owner_ok(a: dict, b: dict) -> bool:
        x, y = norm(a.get("owner")), norm(b.get("owner"))
        return bool(x) and bool(y) and (x == y or x in y or y in x)

    g, pr = gold_items("responsibilities"), pred_items("responsibilities")
    T["resp"].ng += len(g)
    T["resp"].np += len(pr)
    pairs = _greedy_span_match(g, pr, owner_ok)
    if errors is not None:
        _unmatched(errors, "resp", g, pr, pairs)
    for gi, pi in pairs:
        T["resp"].tp += 1
        T["resp"].add_attr("relation", _attr_error(errors, "resp", "relation", gi, pi,
                                                   gi.get("relation") == pi.get("relation")))


def load_gold(path: pathlib.Path) -> dict:
    """Read and minimally check a gold file."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise GoldFormatError(f"{path}: {e}", path=str(path)) from e
    if not isinstance(gold, dict) or "file" not in gold or not isinstance(gold.get("plans"), list):
        raise GoldFormatError(f"{path}: expected an object with 'file' and 'plans'", path=str(path))
    return gold


def _gold_text(path: pathlib.Path) -> str:
    """The text a gold file's spans refer to: the file decoded as planparse reads it (any encoding)."""
    from ..read import read_source

    try:
        return read_source(path).text
    except PlanparseError as e:
        raise GoldFormatError(f"{path}: the annotated text cannot be read: {e}", path=str(path)) from e


def evaluate_dir(directory: str | pathlib.Path | list, *, predict: Callable[[pathlib.Path], dict] | None = None,
                 lenient_start: bool = False, errors: bool = False) -> dict[str, Any]:
    """Score every ``NAME.gold.json`` in ``directory`` against predictions.

    Args:
        directory: a folder of ``NAME.txt`` + ``NAME.gold.json`` pairs, or a list of folders (pooled).
        predict: path -> contract JSON (a dict); defaults to the planparse pipeline.
        lenient_start: compare time starts at the gold's precision (for peers that fill full dates).
        errors: also list every miss, false positive and wrong attribute per file (key ``errors``:
            ``{file name: [records]}``, see :func:`score_file`).

    Returns:
        ``{"components": {name: tally dict}, "files": n, "failed": [...], "label_confusion": {...}, "seconds": s}``
    """
    dirs = [pathlib.Path(x) for x in (directory if isinstance(directory, (list, tuple)) else [directory])]
    golds: list[pathlib.Path] = []
    for d in dirs:
        if not d.is_dir():
            raise GoldFormatError(f"{d}: not a directory", path=str(d))
        found = sorted(d.glob("*.gold.json"))
        if not found:
            raise GoldFormatError(f"{d}: no NAME.gold.json files", path=str(d))
        golds += found
    if predict is None:
        from ..api import Pipeline

        pipe = Pipeline()

        def predict(p: pathlib.Path) -> dict:
            return pipe.parse_file(p).model_dump(mode="json")

    T = {k: Tally() for k in COMPONENTS}
    confusion: dict[str, dict[str, int]] = {}
    failed: list[str] = []
    per_file: dict[str, list[dict]] = {}
    t0 = time.perf_counter()
    for gp in golds:
        gold = load_gold(gp)
        tpath = gp.parent / gold["file"]
        text = _gold_text(tpath)
        try:
            pred = predict(tpath)
        except PlanparseError as e:  # scores as an empty prediction, like a failed subprocess in score.py
            failed.append(f"{tpath.name}: {e.one_line()}")
            pred = {}
        errs: list[dict] | None = [] if errors else None
        score_file(text, gold, pred, T, label_confusion=confusion, lenient_start=lenient_start, errors=errs)
        if errs:
            per_file[str(tpath)] = errs
    out: dict[str, Any] = {
        "components": {k: t.as_dict() for k, t in T.items()},
        "files": len(golds),
        "failed": failed,
        "label_confusion": confusion,
        "seconds": round(time.perf_counter() - t0, 3),
    }
    if errors:
        out["errors"] = per_file
    return out


def _line(name: str, c: dict[str, Any]) -> str:
    attrs = " ".join(f"{k}={v[0]}/{v[1]}" for k, v in c["attr_counts"].items())
    return (f"{name:17s} P={c['precision']:.3f} R={c['recall']:.3f} F1={c['f1']:.3f} "
            f"(gold {c['gold']}, pred {c['pred']}, tp {c['tp']}) {attrs}").rstrip()


def format_report(report: dict[str, Any], *, labels: bool = True) -> str:
    """The table ``planparse eval`` prints: the same lines as ``score.py``, then per-label accuracy."""
    lines = [f"FAILED {f}" for f in report["failed"]]
    lines += [_line(k, c) for k, c in report["components"].items()]
    lines.append(f"files {report['files']} failed {len(report['failed'])} seconds {report['seconds']:.1f}")
    if labels and report.get("label_confusion"):
        lines.append("level-1 label accuracy by gold label:")
        for lab, row in sorted(report["label_confusion"].items()):
            n = sum(row.values())
            ok = row.get(lab, 0)
            wrong = ", ".join(f"{k}:{v}" for k, v in sorted(row.items(), key=lambda kv: -kv[1]) if k != lab)
            lines.append(f"  {lab:17s} {ok}/{n}" + (f"  (as {wrong})" if wrong else ""))
    for path, errs in (report.get("errors") or {}).items():
        lines.append(f"errors in {path}:")
        for e in sorted(errs, key=lambda e: (COMPONENTS.index(e["component"]), e["span"] or [0, 0])):
            where = f"{e['span'][0]}:{e['span'][1]}" if e["span"] else "-"
            lines.append(f"  {e['component']:9s} {e['error']:9s} {where:>11s} {e['text']!r}  {e['item']}".rstrip())
    return "\n".join(lines)
