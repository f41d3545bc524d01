"""The ownership graph (issue 6): building, unit keys, queries, and lossless export."""

from __future__ import annotations

import pytest
from conftest import SHARED, needs_shared

import planparse
from planparse.graph import (
    build_graph,
    owners_of,
    read_graph,
    resolve_in_plan,
    tasks_of,
    unit_key,
    unit_table,
)
from planparse.graph.io import write_graph

PLAN = """2025年区康复服务工作方案
一、组织领导
成立区康复服务工作领导小组,由分管副区长任组长。领导小组下设办公室,办公室主任由区残联理事长程立新担任。
二、职责分工
1、区残联。负责康复需求调查;建立康复服务档案。
2、区卫生健康局。负责康复机构业务指导。
三、保障措施
由区残联牵头,卫生健康局配合,开展残疾人健康体检。区财政每年安排康复专项资金不少于200万元。
"""

OTHER = """2025年街道助残工作计划
一、工作任务
区残联负责辅具适配。各社区要建立残疾人台账。
"""


@pytest.fixture(scope="module")
def graph():
    return build_graph([planparse.parse_text(PLAN), planparse.parse_text(OTHER)])


def test_node_and_edge_types(graph):
    types = {d["type"] for _, d in graph.nodes(data=True)}
    assert {"plan", "unit", "person", "body", "task"} <= types
    rels = {d["relation"] for *_, d in graph.edges(keys=True, data=True)}
    assert {"responsible", "lead", "cooperate", "supervise", "holds", "member_of", "in_plan"} <= rels


def test_edges_have_provenance(graph):
    plans = {n for n, d in graph.nodes(data=True) if d["type"] == "plan"}
    for u, v, d in graph.edges(data=True):
        if d["relation"] in ("in_plan", "member_of"):
            continue
        assert d["plan"] in plans, (u, v, d)
        s, e = d["span"]
        assert 0 <= s < e


def test_units_merge_across_spellings_and_plans(graph):
    units = {d["unit_key"]: d for _, d in graph.nodes(data=True) if d["type"] == "unit"}
    # 区卫生健康局 and 卫生健康局 in one plan are one node
    assert "卫生健康局" not in units and set(units["区卫生健康局"]["names"]) == {"区卫生健康局", "卫生健康局"}
    # 区残联 of both plans is one node, and the alias table expands it
    assert units["区残疾人联合会"]["names"] == ["区残联"]
    assert len([1 for _, v, d in graph.out_edges("unit:区残疾人联合会", data=True) if d["relation"] == "in_plan"]) == 2


def test_office_is_member_of_group(graph):
    member = [(u, v) for u, v, d in graph.edges(data=True) if d["relation"] == "member_of"]
    assert any(u.endswith("领导小组办公室") and v.endswith("领导小组") for u, v in member)


def test_member_of_stays_in_its_plan():
    """One result holding many plans (each with its group and office): every office is part of
    its own plan's group only, and every plan gets its edge (bodies are found per plan)."""
    one = planparse.parse_text(PLAN)
    plans = [one.plans[0].model_copy(update={"id": f"p{i}"}) for i in range(1, 5)]
    G = build_graph(one.model_copy(update={"plans": plans}))
    member = [(u, v) for u, v, d in G.edges(data=True) if d["relation"] == "member_of"]
    assert len(member) == 4
    for u, v in member:
        assert u.rsplit(":", 1)[0] == v.rsplit(":", 1)[0]  # body:<doc>:<plan>: the same plan


def test_owns_target_same_clause(graph):
    owners = [graph.nodes[u]["name"] for u, v, d in graph.edges(data=True) if d["relation"] == "owns_target"]
    assert "区财政" in owners


def test_owners_of_by_section_and_plan(graph):
    assert owners_of(graph, section="responsibilities") == ["区残联", "区卫生健康局"] or \
        owners_of(graph, section="responsibilities") == ["区卫生健康局", "区残联"]
    assert "各社区" not in owners_of(graph, plan="康复服务")
    assert "各社区" in owners_of(graph, plan="助残")


def test_owners_of_by_metric(graph):
    assert owners_of(graph, metric="专项资金") == ["区财政"]


def test_tasks_of_any_spelling(graph):
    tasks = {t["task"] for t in tasks_of(graph, "残联")}
    assert {"康复需求调查", "辅具适配"} <= tasks
    assert tasks_of(graph, "卫生健康局")  # the bare name finds 区卫生健康局


def test_unit_table_ranks_by_tasks(graph):
    rows = unit_table(graph)
    assert rows[0]["unit"] == "区残联" and rows[0]["tasks"] == max(r["tasks"] for r in rows)
    assert [r["tasks"] for r in rows] == sorted((r["tasks"] for r in rows), reverse=True)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("区残联", "区残疾人联合会", True),
    ("各社区", "社区", True),
    ("区卫生局", "街道卫生局", False),
    ("卫生、民政等部门", "卫生民政", True),
])
def test_unit_key(a, b, same):
    assert (unit_key(a) == unit_key(b)) is same


def test_bare_name_joins_only_an_unambiguous_leveled_form():
    assert resolve_in_plan(["区卫生局", "卫生局"])["卫生局"] == "区卫生局"
    assert resolve_in_plan(["区卫生局", "市卫生局", "卫生局"])["卫生局"] == "卫生局"


def _same(G, H) -> None:
    assert dict(G.nodes(data=True)) == dict(H.nodes(data=True))
    ge = {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}
    he = {(u, v, k): d for u, v, k, d in H.edges(keys=True, data=True)}
    assert ge == he
    assert G.graph == H.graph


@pytest.mark.parametrize("ext", [".graphml", ".json"])
def test_roundtrip_small(graph, tmp_path, ext):
    path = tmp_path / f"g{ext}"
    write_graph(graph, path)
    _same(graph, read_graph(path))


def test_gexf_keeps_every_attribute(graph, tmp_path):
    path = tmp_path / "g.gexf"
    write_graph(graph, path)
    H = read_graph(path)
    assert dict(graph.nodes(data=True)) == dict(H.nodes(data=True))
    assert sorted(d["relation"] for *_, d in graph.edges(keys=True, data=True)) == \
        sorted(d["relation"] for *_, d in H.edges(keys=True, data=True))


def test_unknown_extension_is_refused(graph, tmp_path):
    from planparse.errors import PlanparseError

    with pytest.raises(PlanparseError):
        write_graph(graph, tmp_path / "g.csv")


@needs_shared
def test_seed_graphml_roundtrip(tmp_path):
    """The seed compilation's graph, written as GraphML, opens again with every attribute intact."""
    r = planparse.parse_file(SHARED / "corpora" / "seed" / "000_edac221ed81e0307.txt")
    G = build_graph(r)
    assert G.number_of_nodes() > 100
    path = tmp_path / "seed.graphml"
    write_graph(G, path)
    _same(G, read_graph(path))


def test_cli_graph(tmp_path):
    from planparse.cli import main

    src = tmp_path / "plan.txt"
    src.write_text(PLAN, encoding="utf-8")
    out = tmp_path / "out.graphml"
    assert main(["graph", str(src), "-o", str(out)]) == 0
    H = read_graph(out)
    assert any(d["type"] == "unit" for _, d in H.nodes(data=True))


def test_unit_table_as_frame(graph):
    df = unit_table(graph, as_frame=True)
    assert list(df.columns[:3]) == ["unit", "spellings", "tasks"]
    assert df["tasks"].tolist() == [r["tasks"] for r in unit_table(graph)]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_source_text_is_the_text_the_offsets_point_into(tmp_path, encoding, newline):
    """An untitled plan's label is read from the source text: the parse's own, newlines untouched."""
    from planparse.graph.build import _source_text

    path = tmp_path / "plan.txt"
    body = newline.join(["一、职责分工", "区残联负责全区残疾人康复服务的组织协调工作。", "二、工作要求",
                         "各社区于年底前建立康复服务台账。", ""])
    path.write_bytes(body.encode(encoding))
    result = planparse.parse_file(path)
    text = _source_text(result)
    assert text == planparse.parse_file(path, config=planparse.ParseConfig(include_text=True)).source.text
    assert newline in text  # not translated: the offsets count every character of the file
    for plan in result.plans:
        for sec in plan.iter_sections():
            assert text[sec.heading_span[0]:sec.heading_span[1]] == sec.marker + sec.heading
    # a result that did not come from this process's parse (here: read back from its JSON) is
    # matched with the file again, and a file changed since the parse gives no text
    loaded = planparse.ParseResult.model_validate_json(result.model_dump_json())
    assert _source_text(loaded) == text
    path.write_bytes(body.replace("年底", "月底").encode(encoding))  # changed since the parse
    assert _source_text(loaded) is None
    path.write_bytes(b"\xff\xfe\xfd")
    assert _source_text(loaded) is None
    # the result parsed here keeps the text it was parsed from, which its offsets point into
    assert _source_text(result) == text


def test_graph_is_what_the_public_api_builds(graph):
    """build_graph fills networkx's adjacency dicts itself (graph.build._Builder): the graph must
    be the one networkx's own add_node/add_edge make from the same nodes and edges, successors
    and predecessors alike (fails if a networkx release changes those dicts)."""
    import networkx as nx

    again = nx.MultiDiGraph(**graph.graph)
    again.add_nodes_from(graph.nodes(data=True))
    again.add_edges_from(graph.edges(keys=True, data=True))
    assert nx.utils.graphs_equal(graph, again)
    assert graph.number_of_edges() == again.number_of_edges() > 10
    for n in again:
        # order aside: the copy adds the edges source by source, build_graph in reading order
        assert sorted(graph.predecessors(n)) == sorted(again.predecessors(n))
        assert sorted(map(repr, graph.in_edges(n, keys=True, data=True))) == sorted(
            map(repr, again.in_edges(n, keys=True, data=True)))
        assert graph.degree(n) == again.degree(n)


def test_build_graph_runs_without_cycle_collection_and_restores_it(monkeypatch):
    """build_graph turns the cycle collector off while it adds nodes and edges (a full collection would walk
    every live parse result) and leaves it as it found it: on, off, or on after an error."""
    import gc

    from purepy import interpreted

    gb = interpreted("planparse.graph.build")  # compiled code (the mypyc build) would not see the spy below
    result = planparse.parse_text("2024年社区工作计划\n一、职责分工\n区卫生局负责康复指导。\n")
    seen = []
    real = gb._add_plan

    def spy(*args):
        seen.append(gc.isenabled())
        return real(*args)

    monkeypatch.setattr(gb, "_add_plan", spy)
    assert gc.isenabled()
    G = gb.build_graph(result)
    assert seen == [False] and gc.isenabled()
    assert sorted(d["type"] for _, d in G.nodes(data=True)) == ["plan", "task", "unit"]
    gc.disable()
    try:
        gb.build_graph(result)
        assert not gc.isenabled()
    finally:
        gc.enable()

    def boom(*args):
        raise RuntimeError("stop")

    monkeypatch.setattr(gb, "_add_plan", boom)
    with pytest.raises(RuntimeError):
        gb.build_graph(result)
    assert gc.isenabled()


def test_unit_key_drop_spares_letters_and_digits():
    """split_key skips its clean-up sub on a name of letters and digits alone (str.isalnum): exact
    because no such character is a space, punctuation or symbol (checked over every code point)."""
    import sys

    from planparse.graph import units

    assert not [hex(i) for i in range(sys.maxunicode + 1) if chr(i).isalnum() and units._DROP.match(chr(i))]
    assert units.split_key("“三创”办") == units.split_key("三创办")


def test_plan_label_past_the_first_lines():
    """An untitled plan's label is its first long line that is no heading, however far it is."""
    from planparse.graph.build import _plan_label

    text = "一、组织领导\n成立工作专班。\n" + "短句\r\n" * 700 + "一、组织领导\n全面推进社区垃圾分类工作落实见效\n"
    plan = planparse.parse(text).plans[0].model_copy(update={"title": None, "span": (0, len(text))})
    assert _plan_label(plan, text) == "全面推进社区垃圾分类工作落实见效"
    assert _plan_label(plan, lambda: text[:2100]) == ""
