"""The contract's sections built from the segmenter's nodes: the pipeline's ``sections`` stage.

Compiled with the hot modules (``_build.COMPILED``): every section maps its spans back to the
source (:meth:`NormalizedText.to_source`, compiled too) and builds one model.

>>> from planparse import parse_text
>>> [(s.marker, s.heading) for s in parse_text("一、工作目标\\n绿化率达到40%。\\n").plans[0].sections]
[('一、', '工作目标')]
"""

from __future__ import annotations

from .context import PlanContext, SectionNode
from .models import Section, SectionLabel
from .models.base import checked_model


def assign_ids(nodes: list[SectionNode], prefix: str) -> None:
    """Give each node its path id (``p2.s3``, ``p2.s3.1``) and parent link."""
    for i, n in enumerate(nodes, 1):
        n.id = f"{prefix}.s{i}"
        n.parent = None
        _assign_children(n)


def _assign_children(node: SectionNode) -> None:
    for i, c in enumerate(node.children, 1):
        c.id = f"{node.id}.{i}"
        c.parent = node
        _assign_children(c)


def _strip_span(text: str, start: int, end: int, chars: str = " \t\r\n\u3000") -> tuple[int, int]:
    """``[start, end)`` without the ``chars`` at both ends (str.strip's C loop, not one per character)."""
    if start >= end:
        return start, end
    body = text[start:end].lstrip(chars)
    start = end - len(body)
    return start, start + len(body.rstrip(chars))


_HEADING_TRAIL = " \t\r\n\u3000,，.。;；:：、*"  # "*": Markdown bold around a heading


def _with_trailing_gloss(ctx: PlanContext, start: int, end: int) -> tuple[int, int]:
    """Extend a source span over noise the normalizer deleted right after it (``工作目標(biāo)``).

    A heading is read as written up to its stop; a pinyin gloss after its last character
    belongs to it (the gold keeps it), while spaces and line breaks do not.
    """
    src = ctx.doc.source
    if src[end:end + 1] != "(":  # no gloss: the usual case, decided without the scan
        return start, end
    k = end
    while k < len(src) and src[k] not in " \t\r\n\u3000,，。;；:：" and k - end < 12:
        k += 1
    gap = src[end:k]
    if gap.startswith("(") and gap.endswith(")") and ctx.doc.from_source(end) == ctx.doc.from_source(k):
        return start, k
    return start, end


_validate_section = Section.__pydantic_validator__.validate_python  # Section(**fields) without __init__'s wrapper


def section_to_model(ctx: PlanContext, node: SectionNode) -> Section:
    """Turn a segmenter node into the contract's Section, with source spans and as-written strings."""
    doc = ctx.doc
    text = doc.text
    src = doc.source
    start, marker_end, heading_end = node.heading_start, node.marker_end, node.heading_end
    hs0, he0 = doc.to_source(start, max(heading_end, marker_end))
    if src[he0:he0 + 1] == "(":  # _with_trailing_gloss's first test, without its call
        hs0, he0 = _with_trailing_gloss(ctx, hs0, he0)
    marker = None
    if node.marker:
        ms, me = _strip_span(text, start, marker_end)
        if me > ms:
            a, b = doc.to_source(ms, me)  # doc.source_slice, inlined
            marker = src[a:b]
    hs, he = _strip_span(text, marker_end, heading_end, _HEADING_TRAIL)
    heading = ""
    if he > hs:
        a, b = doc.to_source(hs, he)
        if src[b:b + 1] == "(":
            a, b = _with_trailing_gloss(ctx, a, b)
        heading = src[a:b]
    fields = {
        "id": node.id,
        "marker": marker,
        "level": node.level,
        "heading": heading,
        "label": node.label,
        "heading_span": (hs0, he0),
        "span": doc.to_source(start, node.end),
        "children": [section_to_model(ctx, c) for c in node.children] if node.children else [],
    }
    # the segmenter's values are of the fields' types (str ids and headings, int levels, int spans
    # from to_source, Section children): built without validating them again, unless a label
    # is not yet a SectionLabel (a node made elsewhere) or a level not an int
    label: object = node.label
    level: object = node.level
    node_id: object = node.id
    if type(label) is SectionLabel and type(level) is int and type(node_id) is str:
        return checked_model(Section, fields)
    return _validate_section(fields)


def sections_to_models(ctx: PlanContext, nodes: list[SectionNode]) -> list[Section]:
    """The Section models of a plan's top-level nodes (each nesting its children's)."""
    return [section_to_model(ctx, n) for n in nodes]
