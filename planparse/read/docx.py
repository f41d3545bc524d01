"""Text of a .docx: paragraphs and table rows in body order, with Word's list numbers rendered.

Word does not store automatic numbers (``一、``, ``（一）``, ``1.``) in the text: a paragraph
only says "list numId, level ilvl", and ``numbering.xml`` says how that level counts
(start, numFmt, lvlText such as ``%1、`` or ``（%1）``, restarts). Converters drop the CJK
formats (docx2python, docling), so the headings lose their markers; here they are rendered.

Counting follows Word: numbers belong to the abstract list, so two ``w:num`` sharing one
``w:abstractNum`` continue each other; a ``w:num`` with ``w:lvlOverride/w:startOverride``
restarts that level where it is first used; a level restarts after any higher level
(or after the level named by ``w:lvlRestart``, never when it is 0). The label is followed by
nothing when it ends in punctuation (``一、目标``, ``(一)目标``, ``1.目标``), else by one space
(Word shows a tab). Bullets are dropped: they carry no number.

Tables come row by row: one line per row, cells separated by a tab, paragraphs inside
a cell by a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULLSTOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_LABEL_ENDS = "、.．)）:：]】〕>》,，"


def _cn_under_10000(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    """一 … 九千九百九十九, with 零 for inner gaps and 十 (not 一十) for 10–19."""
    if n == 0:
        return digits[0]
    parts: list[str] = []
    zero = False
    for value, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // value % 10
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append(digits[0])
            zero = False
        parts.append(digits[d] + unit)
    s = "".join(parts)
    if s.startswith(digits[1] + units[0]) and n < 20:
        s = s[1:]
    return s


def chinese_counting(n: int) -> str:
    """Word's ``chineseCounting``: 一 … 十 … 九十九, then digit by digit (一〇〇)."""
    if 0 < n < 100:
        return _cn_under_10000(n)
    return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))


def chinese_counting_thousand(n: int) -> str:
    """Word's ``chineseCountingThousand``: 一 … 一百零一 … 九千九百九十九."""
    if 0 < n < 10000:
        return _cn_under_10000(n)
    return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))


def _letters(n: int, upper: bool) -> str:
    # Word: a … z, aa … zz, aaa …
    n = max(n, 1)
    letter = chr((n - 1) % 26 + (65 if upper else 97))
    return letter * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in Word's ``numFmt`` ``fmt`` (unknown formats fall back to decimal).

    >>> [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 99)]
    ['一', '十', '十一', '二十', '九十九']
    >>> format_number(3, "ideographTraditional"), format_number(2, "decimalEnclosedCircle")
    ('丙', '②')
    """
    if fmt in ("decimal", "ordinal", "cardinalText", "ordinalText", "decimalHalfWidth"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in ("chineseCounting", "japaneseCounting", "taiwaneseCounting", "koreanCounting"):
        return chinese_counting(n)
    if fmt in ("chineseCountingThousand", "taiwaneseCountingThousand", "japaneseDigitalTenThousand"):
        return chinese_counting_thousand(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return _cn_under_10000(n, _CN_LEGAL, "拾佰仟") if 0 < n < 10000 else str(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseLegal"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[n - 1] if 0 < n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return _PAREN[n - 1] if 0 < n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return _FULLSTOP[n - 1] if 0 < n <= 20 else f"{n}."
    if fmt == "lowerLetter":
        return _letters(n, upper=False)
    if fmt == "upperLetter":
        return _letters(n, upper=True)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class Level:
    """One level of an abstract list: how it counts and how its label looks."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart_after: int | None = None  # w:lvlRestart (1-based level), None = any higher level
    is_lgl: bool = False
    suffix: str = "tab"


@dataclass
class ListState:
    """Counters of one abstract list (shared by every w:num that points to it)."""

    counters: dict[int, int] = field(default_factory=dict)


def _val(el, tag: str) -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val") if child is not None else None


def _int(s: str | None, default: int) -> int:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


def _parse_level(lvl) -> Level:
    level = Level()
    level.start = _int(_val(lvl, "start"), 1)
    level.fmt = _val(lvl, "numFmt") or "decimal"
    text = _val(lvl, "lvlText")
    level.text = text if text is not None else ""
    restart = _val(lvl, "lvlRestart")
    level.restart_after = _int(restart, 0) if restart is not None else None
    level.is_lgl = lvl.find(W + "isLgl") is not None and _val(lvl, "isLgl") not in ("0", "false")
    level.suffix = _val(lvl, "suff") or "tab"
    return level


class Numbering:
    """The lists of one document and the running counters: ``label(numId, ilvl)`` per paragraph."""

    def __init__(self, numbering_el, styles_el=None) -> None:
        self.abstract_levels: dict[str, dict[int, Level]] = {}
        self.num_abstract: dict[str, str] = {}
        self.num_overrides: dict[str, dict[int, tuple[int | None, Level | None]]] = {}
        self.states: dict[str, ListState] = {}
        self.used_nums: set[str] = set()
        self.rendered = 0  # list numbers written into the text (for the reader's notes)
        self.style_numpr: dict[str, tuple[str | None, int | None]] = {}
        self.style_based_on: dict[str, str] = {}
        self.style_level: dict[str, int] = {}  # a list level linked to a paragraph style (w:lvl/w:pStyle)
        if styles_el is not None:
            self._read_styles(styles_el)
        if numbering_el is not None:
            self._read_numbering(numbering_el)

    def _read_styles(self, styles_el) -> None:
        for st in styles_el.iter(W + "style"):
            sid = st.get(W + "styleId")
            if not sid:
                continue
            based = _val(st, "basedOn")
            if based:
                self.style_based_on[sid] = based
            ppr = st.find(W + "pPr")
            numpr = ppr.find(W + "numPr") if ppr is not None else None
            if numpr is not None:
                num_id = _val(numpr, "numId")
                ilvl = _val(numpr, "ilvl")
                self.style_numpr[sid] = (num_id, int(ilvl) if ilvl is not None else None)

    def _read_numbering(self, el) -> None:
        style_links: dict[str, str] = {}
        for absn in el.iter(W + "abstractNum"):
            aid = absn.get(W + "abstractNumId")
            levels = {}
            for lvl in absn.iter(W + "lvl"):
                ilvl = _int(lvl.get(W + "ilvl"), 0)
                levels[ilvl] = _parse_level(lvl)
                linked = _val(lvl, "pStyle")
                if linked:
                    self.style_level.setdefault(linked, ilvl)
            self.abstract_levels[aid] = levels
            link = _val(absn, "numStyleLink")
            if link:
                style_links[aid] = link
        for num in el.iter(W + "num"):
            nid = num.get(W + "numId")
            aid = _val(num, "abstractNumId")
            if nid is None or aid is None:
                continue
            self.num_abstract[nid] = aid
            overrides = {}
            for ov in num.iter(W + "lvlOverride"):
                ilvl = _int(ov.get(W + "ilvl"), 0)
                start = _val(ov, "startOverride")
                lvl = ov.find(W + "lvl")
                overrides[ilvl] = (_int(start, 1) if start is not None else None,
                                   _parse_level(lvl) if lvl is not None else None)
            self.num_overrides[nid] = overrides
        # an abstractNum that only links to a numbering style takes that style's list
        for aid, style in style_links.items():
            num_id = self.style_numpr.get(style, (None, None))[0]
            target = self.num_abstract.get(num_id) if num_id else None
            if target and target != aid and not self.abstract_levels.get(aid):
                for nid, a in list(self.num_abstract.items()):
                    if a == aid:
                        self.num_abstract[nid] = target

    def paragraph_numpr(self, p) -> tuple[str | None, int]:
        """(numId, ilvl) of a paragraph, from its own numPr or its style chain."""
        num_id: str | None = None
        ilvl: int | None = None
        ppr = p.find(W + "pPr")
        if ppr is not None:
            numpr = ppr.find(W + "numPr")
            if numpr is not None:
                num_id = _val(numpr, "numId")
                lv = _val(numpr, "ilvl")
                ilvl = int(lv) if lv is not None and lv.isdigit() else None
            style = _val(ppr, "pStyle")
            seen = set()
            while style and style not in seen and (num_id is None or ilvl is None):
                seen.add(style)
                s_num, s_ilvl = self.style_numpr.get(style, (None, None))
                if num_id is None and s_num is not None:
                    num_id = s_num
                if ilvl is None and s_num is not None:
                    ilvl = s_ilvl if s_ilvl is not None else self.style_level.get(style)
                style = self.style_based_on.get(style)
        return num_id, ilvl or 0

    def _level(self, num_id: str, ilvl: int) -> Level | None:
        aid = self.num_abstract.get(num_id)
        if aid is None:
            return None
        override = self.num_overrides.get(num_id, {}).get(ilvl)
        if override and override[1] is not None:
            return override[1]
        return self.abstract_levels.get(aid, {}).get(ilvl)

    def label(self, num_id: str | None, ilvl: int) -> str:
        """Advance the counters for one numbered paragraph and return its rendered label."""
        if not num_id or num_id == "0" or num_id not in self.num_abstract:
            return ""
        level = self._level(num_id, ilvl)
        if level is None:
            return ""
        aid = self.num_abstract[num_id]
        state = self.states.setdefault(aid, ListState())
        if num_id not in self.used_nums:
            self.used_nums.add(num_id)
            for ov_lvl, (start, _) in self.num_overrides.get(num_id, {}).items():
                if start is not None:
                    state.counters[ov_lvl] = start - 1
        state.counters[ilvl] = state.counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in state.counters if k > ilvl]:
            dl = self._level(num_id, deeper)
            restart_after = dl.restart_after if dl is not None and dl.restart_after is not None else deeper
            if restart_after != 0 and ilvl < restart_after:
                del state.counters[deeper]
        if level.fmt == "bullet":
            return ""

        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = self._level(num_id, k)
            if lv is None:
                return ""
            n = state.counters.get(k, lv.start)
            fmt = "decimal" if level.is_lgl and lv.fmt not in ("none",) else lv.fmt
            return format_number(n, fmt)

        text = re.sub(r"%([1-9])", sub, level.text)
        if not text or level.suffix == "nothing" or text[-1] in _LABEL_ENDS:
            return text
        return text + " "


def _run_text(el) -> str:
    """Visible text under ``el`` in document order: w:t, tabs, breaks; not deleted text or fallbacks."""
    out: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag in (W + "del", W + "moveFrom", W + "instrText", W + "delText", MC_FALLBACK,
                       W + "footnoteReference", W + "endnoteReference", W + "commentReference"):
                continue
            if tag == W + "t":
                out.append(child.text or "")
            elif tag == W + "tab":
                out.append("\t")
            elif tag in (W + "br", W + "cr"):
                out.append("\n")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag == W + "rPr" or tag == W + "pPr":
                continue
            else:
                walk(child)

    walk(el)
    return "".join(out)


def _paragraph(p, numbering: Numbering | None) -> str:
    label = ""
    if numbering is not None:
        num_id, ilvl = numbering.paragraph_numpr(p)
        label = numbering.label(num_id, ilvl)
        if label:
            numbering.rendered += 1
    return label + _run_text(p)


def _table_lines(tbl, numbering: Numbering | None) -> list[str]:
    lines = []
    for tr in tbl.iter(W + "tr"):
        if tr.getparent() is not tbl:
            continue
        cells = []
        for tc in tr.findall(W + "tc"):
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            if vmerge is not None and vmerge.get(W + "val") in (None, "continue"):
                continue  # continuation of a vertically merged cell: its text is above
            parts = []
            for child in tc:
                if child.tag == W + "p":
                    t = _paragraph(child, numbering).strip()
                    if t:
                        parts.append(t)
                elif child.tag == W + "tbl":
                    parts.extend(_table_lines(child, numbering))
            cells.append(" ".join(parts))
        line = "\t".join(cells).strip()
        if line:
            lines.append(line)
    return lines


def _block_lines(container, numbering: Numbering | None) -> list[str]:
    lines: list[str] = []
    for child in container:
        if child.tag == W + "p":
            lines.append(_paragraph(child, numbering))
        elif child.tag == W + "tbl":
            lines.extend(_table_lines(child, numbering))
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                lines.extend(_block_lines(content, numbering))
    return lines


def docx_to_text(path: str) -> str:
    """The text of the .docx at ``path`` (see the module docstring)."""
    return docx_text_and_notes(path)[0]


def docx_text_and_notes(path: str) -> tuple[str, tuple[str, ...]]:
    """The text of the .docx at ``path`` and notes (PP110 warnings) on what reading it added or
    rearranged: list numbers rendered (they are not in the document's text, so a user searching
    the .docx for ``（一）`` finds nothing) and tables flattened into lines."""
    import docx

    document = docx.Document(path)
    part = document.part
    numbering_el = None
    try:
        numbering_el = part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        numbering_el = None
    styles_el = None
    try:
        styles_el = part.styles.element
    except (KeyError, NotImplementedError, AttributeError):
        styles_el = None
    numbering = Numbering(numbering_el, styles_el) if numbering_el is not None else None
    body = document.element.body
    lines = _block_lines(body, numbering)
    notes = []
    if numbering is not None and numbering.rendered:
        notes.append(f"{numbering.rendered} list numbers rendered from the .docx numbering definitions "
                     f"(Word keeps them out of the text)")
    tables = sum(1 for _ in body.iter(W + "tbl"))
    if tables:
        notes.append(f"{tables} .docx tables read row by row (one line per row, cells separated by a tab)")
    return "\n".join(line.rstrip() for line in lines), tuple(notes)
