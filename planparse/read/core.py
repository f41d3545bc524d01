"""Dispatch a path to the reader for its format.

Offsets in the output refer to ``SourceDocument.text``: for ``.txt`` the bytes
decoded (BOM removed, nothing else changed); for html/docx/pdf/doc the
extracted text.

The format comes from the bytes first (magic numbers), the extension second: a ``.txt``
that is really a PDF is read as a PDF, a ``PK`` zip holding ``word/document.xml`` is a
.docx whatever its name, ``D0 CF 11 E0`` is an OLE2 (.doc) file. HTML is recognised by
extension, or by ``<!DOCTYPE html``/``<html`` at the start of a file that is not ``.txt``.
Images, archives and executables are refused with :class:`UnsupportedFormatError`.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass

from ..errors import (
    EmptyInputError,
    FileNotFoundPlanError,
    ReadError,
    UnsupportedFormatError,
)
from .encoding import decode_bytes, has_binary_nuls


@dataclass(frozen=True)
class SourceDocument:
    """Decoded text of one input and how it was obtained.

    ``format`` is one of ``txt``, ``html``, ``docx``, ``pdf``, ``doc`` (or ``string`` for
    text given directly); ``encoding`` is the codec of the bytes for txt/html, the container
    for the others (``docx``, ``pdf``, ``doc:antiword``); ``notes`` say what the reader had to
    decide (a cut character dropped, the charset chosen, furniture removed).
    """

    text: str
    encoding: str
    format: str
    path: str | None
    sha256: str  # of the raw bytes
    notes: tuple[str, ...] = ()


TEXT_EXT = {".txt", ".text", ".md", ".csv", ".tsv", ".log", ""}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml", ".shtm", ".mht", ".asp", ".aspx", ".php", ".jsp"}
_MAGIC_REFUSED = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"{\\rtf", "an RTF document (save it as .docx or .txt)"),
    (b"\x00\x00\x01\x00", "an icon"),
)

_ANY_MAGIC = tuple(m for m, _ in _MAGIC_REFUSED)  # one startswith rules them all out (text files)


def sniff_format(data: bytes, path: str) -> str:
    """``txt``, ``html``, ``docx``, ``pdf`` or ``doc`` for these bytes; raises when unsupported."""
    ext = os.path.splitext(path)[1].lower()
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        import zipfile  # here, not at the top: every process imports this module (a batch's parent too)

        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile as e:
            raise UnsupportedFormatError(f"{path}: a damaged zip file ({e})", path=path) from e
        if "word/document.xml" in names:
            return "docx"
        kind = "an OpenDocument file (save it as .docx)" if "content.xml" in names else "a zip archive"
        raise UnsupportedFormatError(f"{path}: {kind}, not a supported document", path=path)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if ext in (".xls", ".ppt", ".msg", ".xlsx", ".pptx"):
            raise UnsupportedFormatError(f"{path}: an Office {ext} file, not a document", path=path)
        return "doc"
    for magic, what in _MAGIC_REFUSED if data.startswith(_ANY_MAGIC) else ():
        if data.startswith(magic):
            # 'MZ'/'BZh' are also how some text files start: only refuse if the bytes are not text
            if magic in (b"MZ", b"BZh") and not has_binary_nuls(data):
                break
            raise UnsupportedFormatError(f"{path}: {what}, not a text document", path=path)
    if ext in (".docx", ".pdf", ".doc", ".docm", ".dotx"):
        if has_binary_nuls(data):
            raise UnsupportedFormatError(f"{path}: named {ext} but its content is not a {ext[1:]} file", path=path)
        return "txt"  # a text file with a misleading name: read it as text
    if ext in HTML_EXT:
        return "html"
    if ext not in TEXT_EXT:
        start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:256].lower()
        if start.startswith((b"<!doctype html", b"<html", b"<?xml version")) and b"<html" in data[:4096].lower():
            return "html"
    if has_binary_nuls(data):
        raise UnsupportedFormatError(f"{path}: binary data (NUL bytes), not a text document", path=path)
    return "txt"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_source(path: str | os.PathLike[str]) -> SourceDocument:
    """Read ``path`` and return its decoded or extracted text.

    Raises:
        FileNotFoundPlanError: the path does not exist.
        EmptyInputError: the file (or the text extracted from it) holds no text.
        EncodingError: the bytes decode in no known encoding.
        UnsupportedFormatError: an image, archive, binary, scanned PDF, or a .doc without converter.
        ConverterError: the .doc converters all failed.
    """
    p = os.fspath(path)
    try:
        st = os.stat(p)  # one stat for os.path.exists and os.path.isfile
    except (OSError, ValueError):
        raise FileNotFoundPlanError(f"{p}: no such file", path=p) from None
    if not stat.S_ISREG(st.st_mode):
        raise ReadError(f"{p}: not a regular file", path=p)
    try:
        with open(p, "rb") as fh:
            data = fh.read()
    except OSError as e:
        raise ReadError(f"{p}: cannot read ({e.strerror or e})", path=p) from e
    if not data.strip():
        raise EmptyInputError(f"{p}: file is empty", path=p)
    fmt = sniff_format(data, p)
    notes: tuple[str, ...] = ()
    if fmt == "txt":
        decoded = decode_bytes(data, where=p)
        text, enc, notes = decoded.text, decoded.encoding, decoded.notes
    elif fmt == "html":
        from .html import html_to_text

        got = html_to_text(data, where=p)
        text, enc, notes = got.text, got.encoding, got.notes
    elif fmt == "docx":
        from .docx import docx_text_and_notes

        try:
            text, notes = docx_text_and_notes(p)
        except Exception as e:  # python-docx on a damaged package
            raise UnsupportedFormatError(f"{p}: cannot read this .docx ({type(e).__name__}: {e})", path=p) from e
        enc = "docx"
    elif fmt == "pdf":
        from .pdf import pdf_text_and_notes

        (text, notes), enc = pdf_text_and_notes(p), "pdf"
    elif fmt == "doc":
        from .doc import doc_to_text

        text, converter = doc_to_text(p)
        enc = f"doc:{converter}"
        notes = (f"a legacy .doc converted to text by {converter}: list numbers and tables are as that "
                 f"converter renders them",)
    else:  # pragma: no cover - sniff_format returns only the formats above
        raise UnsupportedFormatError(f"{p}: unsupported format {fmt}", path=p)
    if not text.strip():
        raise EmptyInputError(f"{p}: no text in this {fmt} file", path=p)
    return SourceDocument(text=text, encoding=enc, format=fmt, path=p, sha256=_sha(data), notes=notes)


__all__ = ["SourceDocument", "read_source", "sniff_format"]
