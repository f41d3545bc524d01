"""A self-contained HTML view of one parse result: the source text with every span marked.

Researchers check extractions by eye; this view shows the outline beside the text and
colours sections, targets, times, roles and responsibilities, with the extracted fields
in each mark's tooltip. No JavaScript framework, no network: one file.

>>> from planparse import parse_text
>>> html = render_html(parse_text("社区工作计划\\n一、工作目标\\n"), "社区工作计划\\n一、工作目标\\n")
>>> html.startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import html as _html
from typing import Any

from ..models import ParseResult

_KINDS = {  # layer -> (css class, colour)
    "heading": ("h", "#dbeafe"),
    "target": ("t", "#fde68a"),
    "time": ("d", "#bbf7d0"),
    "role": ("r", "#fbcfe8"),
    "resp": ("o", "#ddd6fe"),
}

_CSS = """
body{font-family:system-ui,'Noto Sans CJK SC','PingFang SC',sans-serif;margin:0;display:flex}
nav{width:22rem;height:100vh;overflow:auto;border-right:1px solid #ddd;padding:1rem;box-sizing:border-box;font-size:.9rem}
main{flex:1;height:100vh;overflow:auto;padding:1rem 2rem;box-sizing:border-box}
pre{white-space:pre-wrap;font-family:inherit;line-height:1.7}
mark{border-radius:3px;padding:0 1px}
nav ul{padding-left:1rem;margin:.2rem 0} nav a{text-decoration:none;color:#1e3a8a}
.lbl{color:#666;font-size:.8em} .legend span{padding:0 .4rem;margin-right:.3rem;border-radius:3px}
""" + "".join(f"mark.{c}{{background:{col}}}\n" for c, col in _KINDS.values())


def _fields(item: Any, names: tuple[str, ...]) -> str:
    parts = []
    for n in names:
        v = getattr(item, n, None)
        if v is None or v == "":
            continue
        parts.append(f"{n}: {getattr(v, 'value', v)}")
    return "\n".join(parts)


def _marks(result: ParseResult) -> list[tuple[int, int, str, str, str]]:
    """(start, end, layer, anchor id, tooltip) for every span worth showing."""
    out = []
    for plan in result.plans:
        for s in plan.iter_sections():
            out.append((*s.heading_span, "heading", s.id, f"{s.id} · {s.label.value}"))
        for t in plan.targets:
            out.append((*t.span, "target", "", _fields(t, ("kind", "subject", "metric", "comparator", "value",
                                                            "value_max", "unit", "per", "deadline"))))
        for x in plan.times:
            out.append((*x.span, "time", "", _fields(x, ("kind", "start", "end", "recurrence"))))
        for r in plan.roles:
            out.append((*r.span, "role", "", _fields(r, ("position", "person", "holder", "org"))))
        for r in plan.responsibilities:
            out.append((*r.span, "resp", "", _fields(r, ("owner", "relation", "task"))))
    return out


def _render_text(source: str, marks: list[tuple[int, int, str, str, str]]) -> str:
    """The source with non-overlapping marks; a mark that overlaps an earlier one is dropped."""
    marks = sorted(marks, key=lambda m: (m[0], -(m[1] - m[0])))
    pieces: list[str] = []
    pos = 0
    for s, e, layer, anchor, tip in marks:
        if s < pos or e <= s:
            continue
        pieces.append(_html.escape(source[pos:s]))
        cls = _KINDS[layer][0]
        aid = f' id="{_html.escape(anchor)}"' if anchor else ""
        pieces.append(f'<mark class="{cls}"{aid} title="{_html.escape(tip)}">{_html.escape(source[s:e])}</mark>')
        pos = e
    pieces.append(_html.escape(source[pos:]))
    return "".join(pieces)


def _outline(sections) -> str:
    if not sections:
        return ""
    items = []
    for s in sections:
        items.append(f'<li><a href="#{_html.escape(s.id)}">{_html.escape((s.marker or "") + s.heading[:30])}</a> '
                     f'<span class="lbl">{s.label.value}</span>{_outline(s.children)}</li>')
    return "<ul>" + "".join(items) + "</ul>"


def render_html(result: ParseResult, source_text: str) -> str:
    """Render ``result`` over ``source_text`` (the text its offsets index) as one HTML page."""
    title = _html.escape(result.source.path or "planparse")
    nav = []
    for plan in result.plans:
        meta = " · ".join(x for x in (plan.issuer, str(plan.year) if plan.year else None) if x)
        nav.append(f"<h3>{plan.id} {_html.escape(plan.title or '')}</h3><div class='lbl'>{_html.escape(meta)}</div>"
                   f"<div class='lbl'>{len(plan.targets)} targets · {len(plan.times)} times · {len(plan.roles)} roles"
                   f" · {len(plan.responsibilities)} responsibilities</div>{_outline(plan.sections)}")
    legend = "".join(f'<span style="background:{col}">{name}</span>' for name, (_, col) in _KINDS.items())
    return (f"<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'><title>{title}</title>"
            f"<style>{_CSS}</style></head><body><nav><div class='legend'>{legend}</div>{''.join(nav)}</nav>"
            f"<main><pre>{_render_text(source_text, _marks(result))}</pre></main></body></html>\n")
