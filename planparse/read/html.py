"""Visible text of an HTML page: one line per block element, scripts and page head dropped.

Offsets of the parse result refer to this extracted text. Whitespace inside a block is
collapsed the way a browser does (runs of spaces, tabs and newlines → one space), ``&nbsp;``
stays a no-break space (the normalizer folds it), ``<br>`` and every block element end a line,
table cells are separated by a tab, and empty lines are dropped.

>>> html_to_text(b"<html><head><title>t</title></head><body><p>\\xe4\\xb8\\x80\\xe3\\x80\\x81 ok</p>"
...              b"<script>x()</script><div>a&amp;b<br>c</div></body></html>").text
'一、 ok\\na&b\\nc'
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .encoding import decode_bytes

DROP = {"script", "style", "noscript", "head", "template", "svg", "math", "iframe", "object", "canvas",
        "select", "button"}
BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "title",
}
CELL = {"td", "th"}
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]{2,40})""", re.I)
_WS = re.compile(r"[ \t\n\r\f]+")
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "cp950", "iso-8859-1": "cp1252",
            "us-ascii": "cp1252", "ascii": "cp1252"}


@dataclass(frozen=True)
class HtmlText:
    """Extracted text and the encoding the page was decoded with."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, *, where: str = "input") -> tuple[str, str, tuple[str, ...]]:
    """(markup, encoding, notes): a BOM, then the meta charset if the bytes agree, then detection."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = _declared_charset(data)
        if declared:
            try:
                return data.decode(declared), declared, (f"charset {declared} from <meta>",)
            except UnicodeDecodeError:
                pass  # pages lie about their charset: fall back to detection
    d = decode_bytes(data, where=where)
    return d.text, d.encoding, d.notes


def _lxml_text(markup: str) -> str:
    from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction
    from bs4.element import CData, NavigableString, Tag

    try:
        soup = BeautifulSoup(markup, "lxml")
    except Exception:  # lxml missing or refusing the input
        soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(DROP):
        tag.decompose()

    out: list[str] = []

    def newline() -> None:
        if out and out[-1] != "\n":
            out.append("\n")

    def walk(node: Tag, pre: bool) -> None:
        for child in node.children:
            if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction, CData)):
                continue
            if isinstance(child, NavigableString):
                s = str(child)
                out.append(s if pre else _WS.sub(" ", s))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower() if child.name else ""
            if name == "br":
                out.append("\n")
                continue
            if name in BLOCK:
                newline()
                walk(child, pre or name == "pre")
                newline()
            elif name in CELL:
                if out and out[-1] not in ("\n", "\t"):
                    out.append("\t")
                walk(child, pre)
                out.append("\t")
            else:
                walk(child, pre)

    walk(soup, False)
    lines = []
    for line in "".join(out).split("\n"):
        line = line.strip()
        if line:
            lines.append(line)
    return "\n".join(lines)


def html_to_text(data: bytes, *, where: str = "input") -> HtmlText:
    """Decode an HTML page and return its visible text (see the module docstring)."""
    markup, enc, notes = decode_html(data, where=where)
    return HtmlText(_lxml_text(markup), enc, notes)
