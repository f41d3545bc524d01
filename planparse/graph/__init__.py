"""The ownership graph: plans, units, persons, bodies, tasks and targets (contract: Graph).

>>> import planparse
>>> from planparse.graph import build_graph, owners_of
>>> G = build_graph(planparse.parse_text("三、职责分工\\n区卫生局负责康复指导。\\n"))
>>> owners_of(G, section=None)
['区卫生局']

networkx is imported lazily, so ``import planparse.graph`` stays light.
"""

from .build import TASK_RELATIONS, build_graph
from .io import read_graph, write_graph
from .query import owners_of, tasks_of, unit_table
from .units import resolve_in_plan, unit_key

__all__ = ["TASK_RELATIONS", "build_graph", "owners_of", "read_graph", "resolve_in_plan", "tasks_of",
           "unit_key", "unit_table", "write_graph"]
