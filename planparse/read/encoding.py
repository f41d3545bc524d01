"""Decode the bytes of a text file: which encoding, and the text with offsets kept.

The decoded text is the bytes decoded, a BOM removed, nothing else changed (no newline
translation). The order of trials says what we believe about Chinese plans found in the wild:

1. a BOM decides (UTF-8, UTF-16 LE/BE, UTF-32);
2. BOM-less UTF-16 shows itself by NUL bytes at every other position;
3. UTF-8 when it decodes: other encodings almost never produce valid UTF-8;
4. nearly-UTF-8 (a few bad bytes, at most one per thousand characters) as UTF-8 with U+FFFD;
5. GB18030, Big5 (or cp950/Big5-HKSCS) or NUL-less UTF-16: when several decode, the share of
   common characters (``data/common_hanzi.tsv``) in each decoding decides, because bytes
   decoded with the wrong table spread over thousands of rare characters; a tie goes to GB18030;
6. charset-normalizer's best guess for anything else.

A text cut in the middle of a multibyte character (web excerpts, ``head -c``) still decodes:
the incomplete trailing bytes are dropped and nothing else is added; a note says so.

>>> decode_bytes("社区工作计划".encode("gb18030")).encoding
'gb18030'
>>> decode_bytes("社區工作計劃".encode("big5")).encoding
'big5'
>>> decode_bytes("计划".encode("gb18030")[:-1]).text
'计'
"""

from __future__ import annotations

import codecs
import functools
from dataclasses import dataclass

from ..errors import EncodingError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ANY_BOM = tuple(b for b, _ in _BOMS)
MIN_SHARE = 0.25  # below this share of common characters a decoding is noise, not Chinese text
SAMPLE = 64 * 1024  # bytes looked at when scoring candidates: enough, and bounded on huge files


@dataclass(frozen=True)
class Decoded:
    """Text, the encoding used (Python codec name, ``-sig`` when a BOM was removed) and notes."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


@functools.cache
def _common_hanzi() -> frozenset[str]:
    from ..resources import load

    return frozenset(r[0] for r in load("common_hanzi") if r and len(r[0]) == 1)


def common_share(text: str) -> float:
    """Share of the non-ASCII characters of ``text`` that Chinese prose is made of.

    Those are the common hanzi and CJK punctuation; kana, box drawing, Hangul and rare
    hanzi are what bytes decoded with the wrong table turn into. 0.0 when all is ASCII.
    """
    common = _common_hanzi()
    wide = [c for c in text if c > "\x7f"]
    if not wide:
        return 0.0
    good = sum(1 for c in wide if c in common or "\u3000" <= c <= "\u303f" or "\uff01" <= c <= "\uff5e"
               or "\u2010" <= c <= "\u2027" or "\u2460" <= c <= "\u2473")
    return good / len(wide)


def _strict(data: bytes, enc: str) -> str | None:
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def _strict_cut_tail(data: bytes, enc: str, max_cut: int) -> tuple[str, int] | None:
    """Decode strictly; if only the last few bytes fail (a cut character), drop them."""
    text = _strict(data, enc)
    if text is not None:
        return text, 0
    for k in range(1, max_cut + 1):
        if len(data) <= k:
            break
        text = _strict(data[:-k], enc)
        if text is not None:
            return text, k
    return None


def plausible_share(text: str) -> float:
    """Share of characters that real Chinese text is made of: common hanzi, ASCII, CJK punctuation."""
    if not text:
        return 0.0
    common = _common_hanzi()
    ok = sum(1 for c in text if c in common or (" " <= c <= "~") or c in "\n\r\t"
             or "\u3000" <= c <= "\u303f" or "\uff01" <= c <= "\uff5e" or "\u2010" <= c <= "\u2027")
    return ok / len(text)


def _utf16_by_nuls(data: bytes) -> tuple[str, str, int] | None:
    """(encoding, text, cut) for NUL-bearing data that reads as UTF-16 (LE or BE), else None.

    ASCII in UTF-16 puts a NUL in every other byte; CJK does not, so a file with only a few
    ASCII characters has few NULs, some of them at the other parity (U+4E00 is ``00 4E``).
    Both byte orders are decoded and the one that reads as Chinese text wins.
    """
    sample = data[:SAMPLE]
    if b"\x00" not in sample or len(sample) < 2:
        return None
    best: tuple[float, str, str, int] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        got = _strict_cut_tail(sample if len(data) > SAMPLE else data, enc, 1)
        if got is None:
            continue
        score = plausible_share(got[0])
        if best is None or score > best[0]:
            best = (score, enc, got[0], got[1])
    if best is None or best[0] < 0.6:
        return None
    if len(data) > SAMPLE:
        got = _strict_cut_tail(data, best[1], 1)
        if got is None:
            return None
        return best[1], got[0], got[1]
    return best[1], best[2], best[3]


def has_binary_nuls(data: bytes) -> bool:
    """NUL bytes that are not explained by UTF-16/32: the file is not text."""
    if b"\x00" not in data[:SAMPLE]:
        return False
    return not data.startswith(_ANY_BOM) and _utf16_by_nuls(data) is None


def decode_bytes(data: bytes, *, where: str = "input") -> Decoded:
    """Decode ``data`` (see the module docstring for the order of trials).

    Raises:
        EncodingError: no encoding gives text.
    """
    for bom, enc in _BOMS if data.startswith(_ANY_BOM) else ():
        if data.startswith(bom):
            body = data[len(bom):]
            got = _strict_cut_tail(body, enc, 1 if "16" in enc else 3)
            if got is None:
                raise EncodingError(f"{where}: has a {enc} byte-order mark but is not {enc} text", path=where)
            text, cut = got
            return Decoded(text, f"{enc}-sig" if enc == "utf-8" else enc, _cut_note(cut))

    utf16 = _utf16_by_nuls(data)
    if utf16:
        enc, text, cut = utf16
        return Decoded(text, enc, _cut_note(cut))
    if b"\x00" in data[:SAMPLE]:
        raise EncodingError(f"{where}: NUL bytes: binary data, not text", path=where)

    got = _strict_cut_tail(data, "utf-8", 3)
    if got is not None:
        return Decoded(got[0], "utf-8", _cut_note(got[1]))
    # a few bad bytes in a long UTF-8 text: still UTF-8 (GB18030 would "decode" it as noise);
    # GB or Big5 text read as UTF-8 fails on nearly every character
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if bad <= max(4, len(loose) // 1000) and len(loose) >= 20 * bad:
        return Decoded(loose, "utf-8", (f"{bad} undecodable byte(s) replaced by U+FFFD",))

    candidates: list[tuple[float, int, str, str, int]] = []
    # UTF-16 without a BOM and without any ASCII has no NUL byte: it competes here too
    families = (("gb18030",), ("big5", "cp950", "big5hkscs"), ("utf-16-le",), ("utf-16-be",))
    for rank, family in enumerate(families):
        for enc in family:  # the first member of a family that decodes
            got = _strict_cut_tail(data, enc, 1 if enc.startswith("utf-16") else 3)
            if got is not None:
                text, cut = got
                candidates.append((common_share(text[:SAMPLE]), -rank, enc, text, cut))
                break
    candidates.sort(reverse=True)
    if (len(candidates) == 1 and candidates[0][0] >= MIN_SHARE) or (
            len(candidates) > 1 and candidates[0][0] >= 0.5 and candidates[1][0] < 0.5):
        _, _, enc, text, cut = candidates[0]
        return Decoded(text, enc, _cut_note(cut))

    if candidates and candidates[0][0] >= MIN_SHARE:
        _, _, enc, text, cut = candidates[0]
        notes = _cut_note(cut)
        notes += (f"valid as {candidates[0][2]} and {candidates[1][2]}; chose {enc} by the share of "
                  f"common characters ({candidates[0][0]:.2f} vs {candidates[1][0]:.2f})",)
        return Decoded(text, enc, notes)

    return _detect_with_charset_normalizer(data, where)


def _detect_with_charset_normalizer(data: bytes, where: str) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * SAMPLE]).best()
    if best is not None:
        enc = codecs.lookup(best.encoding).name
        text = _strict(data, enc)
        if text is not None:
            return Decoded(text, enc, ("encoding guessed by charset-normalizer",))
    raise EncodingError(f"{where}: not text in any encoding planparse knows "
                        "(tried UTF-8, UTF-16, GB18030, Big5 and charset-normalizer)", path=where)


def _cut_note(cut: int) -> tuple[str, ...]:
    return (f"dropped {cut} trailing byte(s) of a character cut at the end",) if cut else ()
