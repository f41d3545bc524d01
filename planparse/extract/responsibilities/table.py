"""Task-decomposition tables flattened to one cell per paragraph.

Government plans often end with a table: 序号 | 项目 | 具体内容 | 牵头部门 | 相关责任部门 | 完成时间.
Copied from the web, every cell becomes its own paragraph::

    12
    完善社区养老服务网络
    民政局
    各街道、镇
    2025年

A header holding ``牵头`` (or ``责任单位``) switches the reader on; each row starts at a bare
number; its first cell that is not a unit list and not a date is the task, the first unit list
the lead (or the responsible unit when the header has no 牵头 column), the second the cooperating
units. Rows stop at a repeated header, a long paragraph, or the end of the plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...context import PlanContext
from ...resources import compile_pattern, compile_std, std_twin
from .units import split_units

_ROW_NO = std_twin(compile_pattern(r"^\d{1,4}$"), classes=True)
# A line whose paragraph, squashed, can be a row number (_ROW_NO): 1-4 characters, blanks
# around, spaces between, after a newline (the standard re, which finds a newline first by a
# quick scan: a pass over the plan costs a fifth of the regex module's; _ROW_NO then looks at
# the few such lines)
_SHORT_LINE = compile_std(r"\n[ \t\u3000\r]*[^ \t\u3000\r\n](?:[ \u3000]*[^ \t\u3000\r\n]){0,3}[ \t\u3000\r]*(?=\n|\Z)")


def _is_row_no(cell: str) -> bool:
    """``_ROW_NO.match(cell)`` (1-4 digits, maybe a last newline) without the regex module where a
    string test knows: on ASCII its \\d is [0-9], and no CJK ideograph is a digit; any other
    cell asks the regex (a call of the regex module costs several times these tests)."""
    s = cell[:-1] if cell.endswith("\n") else cell  # ($ also matches before a last newline)
    if not 0 < len(s) <= 4:
        return False
    if s.isascii():
        return s.isdigit()
    if any("\u4e00" <= ch <= "\u9fff" for ch in s):
        return False
    return _ROW_NO.match(cell) is not None


def _any_row_number(text: str, start: int, end: int) -> bool:
    """Whether a paragraph of [start, end) is a bare row number, where a table row starts."""
    return any(_is_row_no(_squash(m.group(0).strip(_BLANKS + "\n")))
               for m in _SHORT_LINE.finditer("\n" + text[start:end]))  # (the first line too)
_DATE_CELL = std_twin(compile_pattern(r"^(?:\d{4}年(?:\d{1,2}月)?(?:底|前|以前|内)?|\d{4}[-—~至]\d{4}年?|\d{1,2}月(?:底|前)?|长期|持续|年内|年底)$"), classes=True)
_HEADER_WORDS = ("序号", "项目", "类别", "具体内容", "内容", "完成时间", "时间", "完成", "备注", "任务", "工作任务")
_LEAD_HEAD = ("牵头",)
_RESP_HEAD = ("责任单位", "责任部门", "承办单位", "主办单位")


@dataclass
class TableRow:
    start: int
    end: int
    task_start: int
    task_end: int
    leads: list[str] = field(default_factory=list)
    coops: list[str] = field(default_factory=list)
    resps: list[str] = field(default_factory=list)


_BLANKS = " \t\u3000\r"


def trimmed_pieces(stops: str) -> re.Pattern:
    """The pieces of a text cut at any of ``stops``, without the blanks (spaces, tabs,
    ideographic spaces, CR) at either end, blank pieces dropped, as one pattern whose matches
    are the pieces. Linear: the only backtracking is over a piece's trailing blanks."""
    stop = "".join(map(re.escape, stops))
    blank = "".join(map(re.escape, _BLANKS))
    return compile_std(f"[^{stop}{blank}](?:[^{stop}]*[^{stop}{blank}])?")


_PARAGRAPH = trimmed_pieces("\n")
_SPACE = re.compile("[ \u3000]")  # what _squash removes


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank lines of [start, end), trimmed."""
    return [m.span() for m in _PARAGRAPH.finditer(text, start, end)]


def _squash(s: str) -> str:
    return s.replace(" ", "").replace("\u3000", "")


def find_table_rows(ctx: PlanContext) -> list[TableRow]:
    """Rows of flattened task tables in the plan (normalized offsets)."""
    text = ctx.text
    if not _any_row_number(text, ctx.start, ctx.end):
        return []  # a row starts at a bare number: no paragraph is one
    paras = _paragraphs(text, ctx.start, ctx.end)
    rows: list[TableRow] = []
    has_lead: bool | None = None  # None: not inside a table
    header_seen: list[str] = []
    i = 0
    while i < len(paras):
        a, b = paras[i]
        if 8 < b - a <= 150 and _SPACE.search(text, a, b) is None:
            i += 1  # squashed as long: no header word, no row number, no end of the table
            continue
        cell = _squash(text[a:b])
        row_no = len(cell) <= 4 and _is_row_no(cell)  # (no newline in a cell)
        if len(cell) <= 8 and not row_no:
            header_seen.append(cell)
            header_seen = header_seen[-12:]
            joined = "".join(header_seen)
            if any(h in joined for h in _LEAD_HEAD) and ("部门" in joined or "单位" in joined):
                has_lead = True
            elif any(h in joined for h in _RESP_HEAD) and has_lead is None:
                has_lead = False
        if has_lead is not None and row_no:
            row, i = _read_row(text, paras, i + 1, has_lead)
            if row:
                rows.append(row)
                header_seen = []
            continue
        if len(cell) > 150:
            has_lead, header_seen = None, []
        i += 1
    return rows


def _read_row(text: str, paras, i: int, has_lead: bool) -> tuple[TableRow | None, int]:
    cells: list[tuple[int, int]] = []
    while i < len(paras) and len(cells) < 8:
        a, b = paras[i]
        cell = _squash(text[a:b])
        if (len(cell) <= 4 and _is_row_no(cell)) or cell in _HEADER_WORDS or len(cell) > 150:
            break
        cells.append((a, b))
        i += 1
    task = None
    unit_cells: list[tuple[int, int, list[str]]] = []
    for a, b in cells:
        cell = text[a:b]
        if _DATE_CELL.match(_squash(cell)):
            continue
        units = split_units(_squash(cell)) if task is not None else None
        if units:
            unit_cells.append((a, b, [u for u, _, _ in units]))
        elif task is None:
            task = (a, b)
    if task is None or not unit_cells:
        return None, i
    row = TableRow(start=task[0], end=unit_cells[min(len(unit_cells), 2) - 1][1],
                   task_start=task[0], task_end=task[1])
    if has_lead:
        row.leads = unit_cells[0][2]
        if len(unit_cells) > 1:
            row.coops = unit_cells[1][2]
    else:
        row.resps = unit_cells[0][2]
    return row, i
