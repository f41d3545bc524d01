"""Normalization with an offset map: later stages read clean text, spans still point into the source."""

from .offsets import NormalizedText, normalize_text

__all__ = ["NormalizedText", "normalize_text"]
