"""Readers: any supported file in (txt, html, docx, pdf, doc), decoded text plus metadata out."""

from .core import SourceDocument, read_source, sniff_format

__all__ = ["SourceDocument", "read_source", "sniff_format"]
