"""Text of a PDF with a text layer: lines in reading order, running heads and page numbers dropped.

* Lines come from pdfplumber, top to bottom on each page, pages in order.
* A line that runs to the right margin and does not end a sentence continues on the next
  line (PDF hard-wraps paragraphs): the two are joined without a space, unless the next
  line starts with an outline marker (``二、``, ``(三)``, ``4.``). Headings and items then
  start lines, as in a text file.
* Page furniture: a line in the top or bottom two lines of a page that recurs (digits
  ignored) on at least half of the pages, or that is a page number (``第1页``, ``- 3 -``,
  ``1/9``, ``第 2 页 共 9 页``, ``Page 3``, a bare number), is dropped.
* No text at all: the PDF is scanned images and needs OCR first; that is an error.
"""

from __future__ import annotations

import collections
import re

from ..errors import UnsupportedFormatError

PAGE_NUMBER = re.compile(
    r"^\s*(?:第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|[-—–－]\s*\d{1,4}\s*[-—–－]|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?|\d{1,4}|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页)\s*$",
    re.I,
)
MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d)"
                    r"|\d{1,2}(?:\.\d{1,2}){1,3}|第[一二三四五六七八九十\d]{1,4}[章节条部分]|[①-⑳])")
SENTENCE_END = "。!?！？;；:：”」』)）》"
EDGE = 2  # lines at the top and bottom of a page that may be furniture


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def _page_lines(page) -> list[dict]:
    try:
        lines = page.extract_text_lines(layout=False, strip=True, return_chars=False)
    except Exception:  # a damaged page: keep what the plain extractor gives
        text = page.extract_text() or ""
        return [{"text": t, "x0": 0.0, "x1": 0.0} for t in text.split("\n")]
    return [ln for ln in lines if ln.get("text", "").strip()]


def _drop_furniture(pages: list[list[dict]]) -> list[list[dict]]:
    """The pages without their running heads and page numbers (module docstring)."""
    n = len(pages)
    counts: collections.Counter[str] = collections.Counter()
    for lines in pages:
        edge = {_furniture_key(ln["text"]) for ln in lines[:EDGE] + lines[-EDGE:]}
        counts.update(edge)
    repeated = {k for k, c in counts.items() if c >= max(2, (n + 1) // 2)}
    out = []
    for lines in pages:
        keep = []
        for i, ln in enumerate(lines):
            at_edge = i < EDGE or i >= len(lines) - EDGE
            if at_edge and (PAGE_NUMBER.match(ln["text"]) or _furniture_key(ln["text"]) in repeated):
                continue
            keep.append(ln)
        out.append(keep)
    return out


def _join_wrapped(lines: list[dict]) -> list[str]:
    """Join hard-wrapped lines (see the module docstring); ``right`` is the page's right margin."""
    out: list[str] = []
    carry = False
    for i, ln in enumerate(lines):
        text = ln["text"].strip()
        if carry and out:
            out[-1] += text
        else:
            out.append(text)
        width = ln.get("x1", 0.0) - ln.get("x0", 0.0)
        char_w = width / max(len(text), 1)
        right = ln.get("right", 0.0)
        full = right > 0 and ln.get("x1", 0.0) >= right - 1.5 * char_w
        nxt = lines[i + 1]["text"] if i + 1 < len(lines) else ""
        carry = bool(full and text and text[-1] not in SENTENCE_END and nxt and not MARKER.match(nxt))
    return out


def pdf_to_text(path: str) -> str:
    """The text layer of the PDF at ``path`` (see the module docstring)."""
    return pdf_text_and_notes(path)[0]


def pdf_text_and_notes(path: str) -> tuple[str, tuple[str, ...]]:
    """The text layer of the PDF at ``path`` and notes on what reading it changed or could not read.

    The notes (reported as PP110 warnings) say which pages gave no text (a scan among text
    pages loses its plan text silently otherwise), how many running heads and page numbers
    were dropped and how many hard-wrapped lines were joined: what a user comparing the
    output with the PDF would otherwise have to discover.

    Raises:
        UnsupportedFormatError: encrypted or damaged, or no text layer (needs OCR).
    """
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            pages = [_page_lines(page) for page in pdf.pages]
    except Exception as e:
        raise UnsupportedFormatError(f"{path}: cannot read this PDF ({type(e).__name__}: {e})", path=path) from e
    if not any(pages):
        raise UnsupportedFormatError(
            f"{path}: the PDF has no text layer (scanned pages?); it needs OCR first, e.g. ocrmypdf -l chi_sim",
            path=path,
        )
    notes: list[str] = []
    empty = [i for i, lines in enumerate(pages, 1) if not lines]
    if empty:
        shown = ", ".join(map(str, empty[:10])) + (", …" if len(empty) > 10 else "")
        notes.append(f"{len(empty)} of {len(pages)} PDF pages have no text layer (scanned?) and gave no text: "
                     f"page {shown}")
    before = sum(map(len, pages))
    pages = _drop_furniture(pages)
    dropped = before - sum(map(len, pages))
    if dropped:
        notes.append(f"{dropped} running heads or page numbers dropped from the PDF's page edges")
    flat: list[dict] = []
    for page in pages:
        right = max((ln.get("x1", 0.0) for ln in page), default=0.0)
        flat.extend({**ln, "right": right} for ln in page)  # a paragraph may go on over a page break
    lines = _join_wrapped(flat)
    joined = len(flat) - len(lines)
    if joined:
        notes.append(f"{joined} hard-wrapped PDF lines joined to the line before (a paragraph split by the layout)")
    return "\n".join(lines), tuple(notes)
