"""Write and read the graph: node-link JSON, GraphML, GEXF (format by file extension).

GraphML and GEXF hold only scalars of one type per attribute: no None, no lists. So, per
attribute name and element kind, we keep the values as they are when they are all ``str``
(or all of one number/bool type); otherwise every value of that attribute is written as JSON
text, and the attribute is listed in the graph attribute ``planparse_json_attrs``. Reading
decodes those attributes again, so ``read_graph(write_graph(G))`` has every attribute intact.
Multigraph edge keys are written as the edge ``id`` (GraphML) and restored.

GEXF (for Gephi) keeps no graph attributes, so there every attribute is JSON text and is
decoded on reading; GEXF renumbers multigraph edge keys, so use GraphML or JSON to round-trip.
"""

from __future__ import annotations

import json
import os
import pathlib

FORMATS = {".json": "node-link", ".graphml": "graphml", ".gexf": "gexf"}
_MARK = "planparse_json_attrs"


def graph_format(path: str | os.PathLike[str]) -> str:
    ext = pathlib.Path(path).suffix.lower()
    if ext not in FORMATS:
        from ..errors import ConfigError

        raise ConfigError(f"unknown graph format {ext!r}: use one of {', '.join(FORMATS)}")
    return FORMATS[ext]


def _plain_types(values) -> bool:
    types = {type(v) for v in values}
    return len(types) == 1 and types <= {str, int, float, bool}


def encode_for_xml(G, everything: bool = False):
    """A copy of ``G`` whose attributes GraphML/GEXF can hold (see module docstring).

    ``everything``: JSON-encode every attribute (GEXF, which keeps no graph attributes to say
    which ones were encoded).
    """
    H = G.copy()
    json_attrs = {"node": [], "edge": []}
    for kind, items in (("node", [d for _, d in H.nodes(data=True)]),
                        ("edge", [d for *_, d in H.edges(keys=True, data=True)])):
        names = sorted({k for d in items for k in d})
        for name in names:
            present = [d[name] for d in items if name in d]
            if _plain_types(present) and not (everything and name != "label"):
                continue
            json_attrs[kind].append(name)
            for d in items:
                if name in d:
                    d[name] = json.dumps(d[name], ensure_ascii=False)
    graph_json = [k for k, v in H.graph.items() if not isinstance(v, (str, int, float, bool))]
    for k in graph_json:
        H.graph[k] = json.dumps(H.graph[k], ensure_ascii=False)
    json_attrs["graph"] = graph_json
    H.graph[_MARK] = json.dumps(json_attrs)
    return H


def decode_from_xml(H):
    """Undo :func:`encode_for_xml` on a graph read back from GraphML/GEXF."""
    spec = json.loads(H.graph.pop(_MARK, "{}") or "{}")
    for k in ("node_default", "edge_default"):
        if H.graph.get(k) == {}:
            H.graph.pop(k)
    for name in spec.get("node", []):
        for _, d in H.nodes(data=True):
            if name in d:
                d[name] = json.loads(d[name])
    for name in spec.get("edge", []):
        for *_, d in H.edges(keys=True, data=True):
            if name in d:
                d[name] = json.loads(d[name])
    for name in spec.get("graph", []):
        if name in H.graph:
            H.graph[name] = json.loads(H.graph[name])
    return H


def write_graph(G, path: str | os.PathLike[str]) -> str:
    """Write ``G`` to ``path`` in the format its extension names; returns the format."""
    import networkx as nx

    fmt = graph_format(path)
    if fmt == "node-link":
        data = nx.node_link_data(G, edges="edges")
        pathlib.Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    elif fmt == "graphml":
        nx.write_graphml(encode_for_xml(G), path, encoding="utf-8", named_key_ids=True)
    else:
        H = encode_for_xml(G, everything=True)
        H.graph.clear()
        nx.write_gexf(H, path, encoding="utf-8")
    return fmt


def read_graph(path: str | os.PathLike[str]):
    """Read a graph written by :func:`write_graph` (attributes restored)."""
    import networkx as nx

    fmt = graph_format(path)
    if fmt == "node-link":
        data = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    if fmt == "graphml":
        H = nx.read_graphml(path, force_multigraph=True)
        return decode_from_xml(H)
    H = nx.read_gexf(path)
    if not H.is_multigraph():
        H = nx.MultiDiGraph(H)
    H.graph.clear()
    for n, d in H.nodes(data=True):
        if d.get("label") == n:
            d.pop("label")  # networkx fills a missing GEXF label with the node id
    for items in ((d for _, d in H.nodes(data=True)), (d for *_, d in H.edges(keys=True, data=True))):
        for d in items:
            d.pop("id", None)
            for k, v in list(d.items()):
                if isinstance(v, str) and k != "label":
                    try:
                        d[k] = json.loads(v)
                    except ValueError:
                        pass
    return H
