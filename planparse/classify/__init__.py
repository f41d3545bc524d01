"""Label sections with the canonical schema."""

from .sections import classify_sections

__all__ = ["classify_sections"]
