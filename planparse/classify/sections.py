"""Classify sections into the labels of shared/docs/schema.md."""

from __future__ import annotations

from ..context import SectionNode
from ..normalize import NormalizedText


def classify_sections(doc: NormalizedText, sections: list[SectionNode]) -> None:
    """Set ``label`` on every node of the tree, in place."""
    return None
