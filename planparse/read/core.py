"""Dispatch a path to the reader for its format.

Offsets in the output refer to ``SourceDocument.text``: for ``.txt`` the bytes
decoded (BOM removed, nothing else changed); for html/docx/pdf/doc the
extracted text.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from ..errors import EmptyInputError, EncodingError, FileNotFoundPlanError, ReadError


@dataclass(frozen=True)
class SourceDocument:
    """Decoded text of one input and how it was obtained."""

    text: str
    encoding: str
    format: str
    path: str | None
    sha256: str  # of the raw bytes


def _decode_txt(data: bytes, path: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise EncodingError(f"{path}: not text in a known encoding", path=path)


def read_source(path: str | os.PathLike[str]) -> SourceDocument:
    """Read ``path`` and return its decoded text.

    Raises:
        FileNotFoundPlanError: the path does not exist.
        EmptyInputError: the file holds no text.
        EncodingError: the bytes decode in no known encoding.
    """
    p = os.fspath(path)
    if not os.path.exists(p):
        raise FileNotFoundPlanError(f"{p}: no such file", path=p)
    if not os.path.isfile(p):
        raise ReadError(f"{p}: not a regular file", path=p)
    with open(p, "rb") as fh:
        data = fh.read()
    if not data.strip():
        raise EmptyInputError(f"{p}: file is empty", path=p)
    text, enc = _decode_txt(data, p)
    return SourceDocument(text=text, encoding=enc, format="txt", path=p, sha256=hashlib.sha256(data).hexdigest())
