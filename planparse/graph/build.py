"""The ownership graph of one or many parse results (contract: Graph).

Nodes carry ``type`` (plan, unit, person, body, task, target); edges carry ``relation``:

* unit ``-responsible|lead|cooperate|supervise->`` task (one per responsibility);
* person ``-holds->`` body (one per role; ``position`` on the edge);
  an office holder with no name (``社区书记``) is a person node with ``office=True``;
* body ``-member_of->`` body (``……领导小组办公室`` is part of ``……领导小组``: 下设办公室);
* unit ``-owns_target->`` target (see :class:`_TargetOwners`);
* task/target/body/person/unit ``-in_plan->`` plan.

Every edge but ``in_plan`` has provenance: ``plan`` (the plan node id) and ``span`` (source
offsets ``[start, end]``), plus ``text``. Units are merged across plans by
:func:`planparse.graph.units.unit_key` (docs/units.md), except generic body names
(``办公室``, ``领导小组``), which stay with their plan; persons, bodies, tasks and targets
belong to one plan.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable

from ..models import ParseResult, Plan
from .units import resolve_in_plan, split_key

TASK_RELATIONS = ("responsible", "lead", "cooperate", "supervise")
# Owners that name a body of the plan itself, not a unit shared across plans.
GENERIC_UNITS = frozenset({"办公室", "领导小组", "工作小组", "小组", "指挥部", "委员会", "工作组", "专班",
                           "工作专班", "督导组", "督查组", "领导小组办公室"})


def _plan_label(plan: Plan, text: str | Callable[[], str | None] | None) -> str:
    """The plan's title, else its first sentence that is not a heading (for queries by topic).

    ``text`` is the source text, or a function that reads it (called only without a title).
    """
    if plan.title:
        return plan.title
    if callable(text):
        text = text()
    if not text:
        return ""
    body = text[plan.span[0]:plan.span[1]]
    # The headings of every section, walked with a stack (Plan.iter_sections' nested generators
    # cost more than the rest of this function).
    heads: set[str] = set()
    stack = list(plan.sections)
    while stack:
        s = stack.pop()
        heads.add(s.heading)
        stack.extend(s.children)
    for line in body.splitlines():
        line = line.strip()
        if not line:
            continue
        core = line.split("、", 1)[-1] if "、" in line[:4] else line
        if core in heads or len(core) < 8:
            continue
        return line[:60]
    return ""


def _source_text(result: ParseResult) -> str | None:
    """The text the result's offsets point into, or None when it cannot be had.

    ``source.text`` when the result kept it; else, for a file this process parsed, the text it
    parsed (:func:`planparse.api.parsed_text`); else the file read again by the same reader (any
    format, newlines as they are: the contract's source text), but only while its bytes are
    still those that were parsed (same sha256): a file changed since would put the offsets
    on other text.
    """
    if result.source.text is not None:
        return result.source.text
    if not result.source.path:
        return None
    from ..api import parsed_text

    text = parsed_text(result)  # parsed from this file by this process: the text is still at hand
    if text is not None:
        return text
    from ..errors import PlanparseError
    from ..read import read_source

    try:
        doc = read_source(result.source.path)
    except PlanparseError:
        return None
    if result.source.sha256 and doc.sha256 != result.source.sha256:
        return None
    return doc.text


class _LazyText:
    """The source text, read on first use: only untitled plans need it (for their label)."""

    __slots__ = ("_read", "_result", "_text")

    def __init__(self, result: ParseResult) -> None:
        self._text: str | None = None
        self._result, self._read = result, False

    def __call__(self) -> str | None:
        if not self._read:
            self._text, self._read = _source_text(self._result), True
        return self._text


def build_graph(results: ParseResult | Iterable[ParseResult]):
    """A ``networkx.MultiDiGraph`` of who owns what, over one or many parse results.

    >>> from planparse import parse_text
    >>> G = build_graph(parse_text("一、职责分工\\n区卫生局负责康复指导。\\n"))
    >>> sorted(d["type"] for _, d in G.nodes(data=True))
    ['plan', 'task', 'unit']
    """
    import networkx as nx  # lazy: `import planparse` stays light

    if isinstance(results, ParseResult):
        results = [results]
    G = nx.MultiDiGraph(schema="planparse-graph-1")
    g = _Builder(G)
    # No cycle collection while the graph is built: it only adds dicts and lists that stay alive
    # in G, yet every ~700 of them started a young collection and every so often a full one, which
    # walks all the live parse results as well: the graph of one 10 MB file took 29x the time of
    # a 1 MB one (0.71-0.86 s -> 0.37 s CPU at 10 MB with it off; docs/benchmarks.md, "Growth").
    # The collector is restored as it was, whatever happens.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for n, result in enumerate(results, 1):
            text = _LazyText(result)
            src = result.source.path or f"doc{n}"
            doc_id = (result.source.sha256 or "")[:8] or f"doc{n}"
            for plan in result.plans:
                _add_plan(g, plan, f"{doc_id}:{plan.id}", src, text)
    finally:
        if collecting:
            gc.enable()
    return G


class _Builder:
    """Adds nodes and edges to a new ``MultiDiGraph`` through its adjacency dicts.

    What ``add_node``/``add_edge`` do, without their per-call work (keyword packing, factory
    calls, the view objects of ``G.nodes``/``G[u][v]``, a cache clear per edge): the graph is
    new and ours, built with the default dict factories, and no view of it exists yet. The
    result is the same graph, nodes and edges in the same order (networkx documents these
    dicts as the graph's data structure: ``_node``, ``_succ`` (= ``_adj``), ``_pred``).
    """

    __slots__ = ("node", "pred", "succ")

    def __init__(self, G) -> None:
        self.node, self.succ, self.pred = G._node, G._succ, G._pred

    def add_node(self, n: str, attr: dict) -> None:
        """``G.add_node(n, **attr)``: a new node, or its attributes updated."""
        d = self.node.get(n)
        if d is None:
            self.node[n] = attr
            self.succ[n] = {}
            self.pred[n] = {}
        else:
            d.update(attr)

    def add_edge(self, u: str, v: str, key: str, attr: dict) -> None:
        """``G.add_edge(u, v, key=key, **attr)`` between nodes already added."""
        keydict = self.succ[u].get(v)
        if keydict is None:
            self.succ[u][v] = self.pred[v][u] = {key: attr}
        elif key in keydict:
            keydict[key].update(attr)
        else:
            keydict[key] = attr

    def has_edge(self, u: str, v: str, key: str) -> bool:
        keydict = self.succ[u].get(v)
        return keydict is not None and key in keydict


def _span(s) -> list[int]:
    return [int(s[0]), int(s[1])]


def _add_plan(g: _Builder, plan: Plan, pref: str, src: str, text: str | Callable[[], str | None] | None) -> None:
    pid = f"plan:{pref}"
    nodes = g.node
    g.add_node(pid, {"type": "plan", "name": plan.title or plan.id, "title": plan.title,
                     "label": _plan_label(plan, text), "issuer": plan.issuer, "year": plan.year, "source": src,
                     "plan_id": plan.id, "span": _span(plan.span)})
    keys = resolve_in_plan({r.owner for r in plan.responsibilities})

    def unit(name: str) -> str:
        key = keys.get(name) or resolve_in_plan([name])[name]
        if key in GENERIC_UNITS:  # 办公室, 领导小组: the one of this plan
            key = f"{key}@{pref}"
        uid = f"unit:{key}"
        d = nodes.get(uid)
        if d is None:
            g.add_node(uid, {"type": "unit", "name": name, "unit_key": key, "names": [name]})
        elif name not in d["names"]:
            d["names"] = [*d["names"], name]
            if split_key(name)[0] and not split_key(d["name"])[0]:
                d["name"] = name  # name the node by its leveled spelling (区残联, not 残联)
        if not g.has_edge(uid, pid, "in_plan"):
            g.add_edge(uid, pid, "in_plan", {"relation": "in_plan"})
        return uid

    # tasks and responsibilities
    for r in plan.responsibilities:
        tid = f"task:{pref}:{r.span[0]}"  # enums' _value_: .value is a Python-level descriptor call
        if tid not in nodes:
            g.add_node(tid, {"type": "task", "name": r.task, "text": r.text, "plan": pid, "span": _span(r.span),
                             "section_label": r.section_label._value_, "section_id": r.section_id})
            g.add_edge(tid, pid, "in_plan", {"relation": "in_plan"})
        uid = unit(r.owner)
        rel = r.relation._value_
        g.add_edge(uid, tid, f"{rel}:{r.span[0]}", {"relation": rel, "plan": pid, "span": _span(r.span),
                                                    "text": r.text, "section_label": r.section_label._value_})

    # roles: persons (or offices) hold positions in bodies
    for i, role in enumerate(plan.roles):
        who = role.person or role.holder or "?"
        per = f"person:{pref}:{who}"
        if per not in nodes:
            g.add_node(per, {"type": "person", "name": who, "office": role.person is None})
            g.add_edge(per, pid, "in_plan", {"relation": "in_plan"})
        body = role.org or "(unnamed body)"
        bid = f"body:{pref}:{body}"
        if bid not in nodes:
            g.add_node(bid, {"type": "body", "name": body})
            g.add_edge(bid, pid, "in_plan", {"relation": "in_plan"})
        g.add_edge(per, bid, f"holds:{i}", {"relation": "holds", "position": role.position, "plan": pid,
                                            "span": _span(role.span), "text": role.text})
    # 下设办公室: an office named after its group is part of it. The plan's bodies are read
    # from the plan node's in_plan edges (in the order the bodies were added), not from every
    # node of the graph: that kept building one result with many plans quadratic.
    bodies = [nodes[u]["name"] for u, kd in g.pred[pid].items() if "in_plan" in kd and nodes[u]["type"] == "body"]
    names = set(bodies)
    for b in bodies:
        for tail in ("办公室", "办"):  # at most one applies: 办公室 does not end in 办
            parent = b[: -len(tail)] if b.endswith(tail) else None
            if parent and parent in names:
                g.add_edge(f"body:{pref}:{b}", f"body:{pref}:{parent}", "member_of",
                           {"relation": "member_of", "plan": pid, "span": None, "text": None})

    # targets
    owners = _TargetOwners(plan) if plan.targets and plan.responsibilities else None
    for i, t in enumerate(plan.targets):
        gid = f"target:{pref}:{i}"
        g.add_node(gid, {"type": "target", "name": t.text, "text": t.text, "metric": t.metric, "subject": t.subject,
                         "value": t.value, "value_max": t.value_max, "unit": t.unit,
                         "comparator": t.comparator._value_, "kind": t.kind._value_, "deadline": t.deadline,
                         "section_label": t.section_label._value_, "section_id": t.section_id, "plan": pid,
                         "span": _span(t.span)})
        g.add_edge(gid, pid, "in_plan", {"relation": "in_plan"})
        for r in owners.of(t) if owners is not None else ():
            g.add_edge(unit(r.owner), gid, f"owns_target:{r.span[0]}", {"relation": "owns_target", "plan": pid,
                                                                       "span": _span(t.span), "text": t.text,
                                                                       "via": r.text})


class _TargetOwners:
    """Responsibilities that own a target, kept simple on purpose:

    1. those whose clause contains the target (``区财政每年安排……不少于500万元``);
    2. else the responsible/lead owners of the target's innermost section, when the section
       names exactly one such owner (a section with several owners says nothing about which).

    The plan's responsibilities are read once (their spans, the responsible/lead ones of each
    section), not once per target.
    """

    __slots__ = ("by_section", "clauses")

    def __init__(self, plan: Plan) -> None:
        self.clauses = [(r.span[0], r.span[1], r) for r in plan.responsibilities]
        by_section: dict[str | None, list] = {}
        for r in plan.responsibilities:
            if r.relation._value_ in ("responsible", "lead"):
                by_section.setdefault(r.section_id, []).append(r)
        self.by_section = by_section

    def of(self, t) -> list:
        s, e = t.span
        same_clause = [r for rs, re_, r in self.clauses if rs <= s and e <= re_]
        if same_clause:
            return same_clause
        if t.section_id is None:
            return []
        in_section = self.by_section.get(t.section_id, [])
        owners = {r.owner for r in in_section}
        return in_section[:1] if len(owners) == 1 else []
