"""``planparse demo``: parse a bundled plan and show its outline, targets, times and roles.

The bundled plans live in ``planparse/corpora`` (written for this project, with gold files).
"""

from __future__ import annotations

import pathlib
import sys
from importlib import resources as _ir

from .errors import ReadError

DEMO_PREFERENCE = ("demo",)  # a bundled file whose name starts with one of these is shown first


def bundled_plans() -> list[pathlib.Path]:
    """The plan texts shipped with the package."""
    root = pathlib.Path(str(_ir.files("planparse").joinpath("corpora")))
    return sorted(root.glob("*.txt")) if root.is_dir() else []


def default_demo_file() -> pathlib.Path:
    files = bundled_plans()
    if not files:
        raise ReadError("no bundled plans found under planparse/corpora (broken install?)")
    for pref in DEMO_PREFERENCE:
        for f in files:
            if f.name.startswith(pref):
                return f
    # the richest sample: the largest file
    return max(files, key=lambda f: f.stat().st_size)


def _section_tree(tree, sections) -> None:
    for s in sections:
        marker = s.marker or ""
        node = tree.add(f"[bold cyan]{marker}[/]{s.heading[:40]}  [dim]{s.label.value} · {s.id}[/]")
        _section_tree(node, s.children)


def run_demo(path: str | None = None, *, color: bool = True) -> int:
    """Parse ``path`` (default: a bundled plan) and print a readable summary. Returns an exit code."""
    from rich.console import Console
    from rich.table import Table
    from rich.tree import Tree

    from .api import parse_file

    f = pathlib.Path(path) if path else default_demo_file()
    result = parse_file(f)
    console = Console(no_color=not color, highlight=False, soft_wrap=False,
                      force_terminal=color and sys.stdout.isatty(), width=120)
    console.print(f"[bold]planparse demo[/] · {f.name} · {result.source.chars} chars · "
                  f"encoding {result.source.encoding} · {len(result.plans)} plan(s)")
    for plan in result.plans:
        title = plan.title or "(untitled plan)"
        meta = ", ".join(x for x in (plan.issuer, str(plan.year) if plan.year else None) if x)
        tree = Tree(f"[bold magenta]{plan.id}[/] {title}" + (f"  [dim]({meta})[/]" if meta else ""))
        _section_tree(tree, plan.sections)
        console.print(tree)
        if plan.targets:
            t = Table(title=f"{plan.id} targets and facts", show_lines=False)
            for col in ("kind", "subject", "metric", "cmp", "value", "unit", "per", "deadline", "section"):
                t.add_column(col)
            for x in plan.targets:
                val = f"{x.value:g}" + (f"–{x.value_max:g}" if x.value_max is not None else "")
                t.add_row(x.kind.value, x.subject or "", x.metric or "", x.comparator.value, val, x.unit or "",
                          x.per or "", x.deadline or "", x.section_label.value)
            console.print(t)
        if plan.times:
            t = Table(title=f"{plan.id} times")
            for col in ("text", "kind", "start", "end", "recurrence"):
                t.add_column(col)
            for x in plan.times:
                t.add_row(x.text, x.kind.value, x.start or "", x.end or "", x.recurrence or "")
            console.print(t)
        if plan.roles:
            t = Table(title=f"{plan.id} roles")
            for col in ("position", "person", "holder", "org"):
                t.add_column(col)
            for x in plan.roles:
                t.add_row(x.position, x.person or "", x.holder or "", x.org or "")
            console.print(t)
        if plan.responsibilities:
            t = Table(title=f"{plan.id} responsibilities")
            for col in ("owner", "relation", "task"):
                t.add_column(col)
            for x in plan.responsibilities:
                t.add_row(x.owner, x.relation.value, x.task[:50])
            console.print(t)
    for w in result.warnings:
        console.print(f"[yellow]warning {w.code}[/]: {w.message}")
    return 0
