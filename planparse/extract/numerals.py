"""Chinese and arabic numerals to numbers, shared by every extractor.

We convert a numeral span already found by a rule, never running text:
``cn2an.transform`` over whole text corrupts ordinary words (``进一步`` → ``进1步``,
see shared/docs/library-notes.md), so spans are found first, then converted here.
The converter is small and table-driven (digits and units in ``data/numerals.yaml``).

>>> parse_cn_int("一百二十")
120
>>> parse_cn_int("二〇一〇")
2010
>>> parse_number("1.2万")
12000.0
>>> parse_number("百分之九十")
90.0
>>> parse_number("三分之二")  # doctest: +ELLIPSIS
0.666...
"""

from __future__ import annotations

import functools

from ..resources import load


@functools.cache
def _tables() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    spec = load("numerals")
    return dict(spec["digits"]), dict(spec["small_units"]), dict(spec["big_units"])


def parse_cn_int(s: str) -> int | None:
    """Convert a Chinese integer numeral (``十二``, ``两千零五``, ``二〇一〇``, ``1万``) to int, else None."""
    if not s:
        return None
    digits, small, big = _tables()
    s = s.strip()
    if s.isascii() and s.isdigit():
        return int(s)
    # digit-by-digit form: 二〇一〇, 一九九八
    if len(s) > 1 and all(c in digits for c in s):
        return int("".join(str(digits[c]) for c in s))
    total = section = num = 0
    seen = False
    i = 0
    while i < len(s):
        c = s[i]
        if c in digits:
            num = digits[c]
            seen = True
        elif c.isdigit():
            j = i
            while j < len(s) and s[j].isdigit():
                j += 1
            num = int(s[i:j])
            seen = True
            i = j
            continue
        elif c in small:
            section += (num if (num or seen) else 1) * small[c]
            num = 0
            seen = True
        elif c in big:
            section += num
            total += section * big[c]
            section = num = 0
            seen = True
        else:
            return None
        i += 1
    return total + section + num if seen else None


_HALFWIDTH = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}


def to_halfwidth_digits(s: str) -> str:
    """Full-width digits and separators to ASCII (``１２．５`` → ``12.5``)."""
    return s.translate(_HALFWIDTH) if not s.isascii() else s


def parse_fraction(s: str) -> float | None:
    """``三分之二`` → 0.666…, ``3分之1`` → 0.333…: the denominator is written first."""
    infix = load("numerals").get("fraction_infix", "分之")
    den, sep, num = to_halfwidth_digits(s.strip()).partition(infix)
    if not sep:
        return None
    d, n = _plain_number(den), _plain_number(num)
    if d is None or n is None or d == 0:
        return None
    return n / d


def parse_percent_words(s: str) -> float | None:
    """``百分之九十`` → 90.0, ``百分之百`` → 100.0, ``百分之12.5`` → 12.5; None when not so written."""
    s = s.strip()
    for lead in load("numerals").get("percent_words", ["百分之"]):
        if s.startswith(lead) and len(s) > len(lead):
            return _plain_number(s[len(lead):])
    return None


def parse_number(s: str) -> float | None:
    """A number written in arabic (``1,200``, ``12.5``, ``1.2万``) or Chinese (``两``, ``一百二十``).

    Written percentages give the percent (``百分之九十`` → 90.0) and fractions their
    quotient (``三分之一`` → 0.333…).
    """
    if not s:
        return None
    s = s.strip()
    v = parse_percent_words(s)
    if v is not None:
        return v
    if load("numerals").get("fraction_infix", "分之") in s:
        return parse_fraction(s)
    return _plain_number(s)


def _plain_number(s: str) -> float | None:
    """Arabic or Chinese number, with 万/亿 multipliers, no percent or fraction words."""
    if not s:
        return None
    s = to_halfwidth_digits(s.strip()).replace(",", "")
    _, _, big = _tables()
    mult = 1
    while s and s[-1] in big:
        mult *= big[s[-1]]
        s = s[:-1]
    try:
        return float(s) * mult
    except ValueError:
        pass
    v = parse_cn_int(s)
    return float(v * mult) if v is not None else None
