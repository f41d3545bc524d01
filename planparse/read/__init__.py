"""Readers: any supported file in, decoded text plus metadata out."""

from .core import SourceDocument, read_source

__all__ = ["SourceDocument", "read_source"]
