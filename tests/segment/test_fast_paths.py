"""The segmenter's shortcuts give what the plain algorithms give (speed work must not change output).

Each shortcut is checked against a reference written the slow, obvious way, on arbitrary
mixes of markers, chrome and text.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planparse.context import PlanSpan
from planparse.normalize import normalize_text
from planparse.resources import load
from planparse.segment import outline, plans

PIECES = ["一、", "二、", "十一、", "(一)", "(二)", "1、", "2、", "3.", "1.1", "2.1.1", "①", "⑵", "第一阶段", "第一部分",
          "一是", "二要", "a)", "A.", "〔一〕", "【二】", "Ⅱ、", "指导思想", "工作目标", "加强领导", "。", ",", ":", ";",
          "\n", "  ", " ", "\u3000", "\t", "2017年", "12.4", "1.5万", "第1篇", "篇一", "上一篇:x", "时间:2023-01-01",
          "**", "#### ", "1 ", "(1)", "5、", "附件", "x", "Z", "\r", "工作计划(一)", "实施方案", "一、"]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def _match_marker_reference(text: str, pos: int, runon_only: bool):
    """Every kind tried in order on the window, as before the shortcuts."""
    window = text[pos:pos + outline._WINDOW]
    for kind in outline._spec()[1]:
        if runon_only and not kind.runon:
            continue
        m = kind.pattern.match(window)
        if not m:
            continue
        n = outline._ordinal(kind, m.group("num"))
        if n is None or n <= 0:
            continue
        return pos, pos + m.end(), kind.id, n
    return None


@settings(max_examples=150, deadline=None)
@given(texts)
def test_match_marker_equals_trying_every_kind(text):
    for pos in range(len(text) + 1):
        for runon_only in (False, True):
            got = outline.match_marker(text, pos, runon_only=runon_only)
            ref = _match_marker_reference(text, pos, runon_only)
            if ref is None:
                assert got is None
            else:
                assert (got.start, got.marker_end, got.ordinal) == (ref[0], ref[1], ref[3])
                assert got.kind == ref[2] or got.kind.startswith(ref[2] + "_")  # di_part_章


def test_every_marker_example_may_start_with_its_first_character():
    for k in load("markers")["kinds"]:
        for ex in k["examples"]["match"]:
            assert outline._may_start(ex[0], False), (k["id"], ex)
            if k.get("runon"):
                assert outline._may_start(ex[0], True), (k["id"], ex)


def _lines_reference(text: str):
    out, pos = [], 0
    while pos < len(text):
        nl = text.find("\n", pos)
        stop = len(text) if nl < 0 else nl
        s, e = pos, stop
        while s < e and (text[s] in plans._WS or text[s] == "#"):
            s += 1
        while e > s and text[e - 1] in plans._WS:
            e -= 1
        out.append((s, e, text[s:e]))
        pos = stop + 1
    return out


@settings(max_examples=150, deadline=None)
@given(texts)
def test_plan_lines_equal_a_character_walk(text):
    assert [(ln.start, ln.end, ln.text) for ln in plans._lines(text)] == _lines_reference(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "因篇幅", "小编", "来源:", "文档评论(", "相关推荐", "_第2页", "首页>", "范文>",
                                 "2020-03-31", " 16:50", "发布时间:", "当前位置", "相关文章", ".docx"]),
                max_size=12).map("".join))
def test_chrome_alternations_equal_their_rules(line):
    spec = plans._spec()[0]
    pats = {k: [plans.compile_pattern(r["pattern"]) for r in spec[k]] for k in ("chrome_lines", "terminal_chrome")}
    terminal = any(p.search(line) for p in pats["terminal_chrome"])
    assert plans.is_terminal_chrome(line) == terminal
    assert plans.is_chrome_line(line) == (terminal or any(p.search(line) for p in pats["chrome_lines"]))
    anchored = any(plans._spec()[1][r].match(line) for r in ("separator_nth", "separator_pian", "numbered_title"))
    assert anchored <= bool(plans._any_of("rules", ("separator_nth", "separator_pian", "numbered_title")).match(line))
    for rid in ("title_glued", "pian_glued"):
        if plans._spec()[1][rid].search(line):
            assert plans._needs(rid) in line


def test_needs_reads_only_a_trailing_literal_lookahead():
    assert plans._needs("title_glued") == "一、"
    assert plans._needs("numbered_title") == ""
    assert plans._top_level_alternation("a|b")
    assert not plans._top_level_alternation("(?:^|(?<=[。]))x(?=一、)")
    assert not plans._top_level_alternation(r"[|]\|x")


def _heading_bounds_reference(doc, c, runon):
    """The heading scan one character at a time (the gap read from the source at every Han character)."""
    text = doc.text
    stops = outline._spec()[0]["heading_stops"]
    ws = outline._WS
    i, le = c.marker_end, c.line_end
    while i < le and text[i] in ws + ":,、." + outline._DECORATION:
        i += 1
    hs = i
    limit = min(le, hs + 300)
    long_line = runon or (le - c.line_start) >= 120
    j = hs
    while j < limit:
        ch = text[j]
        if ch in stops:
            break
        if j - hs >= 2 and "\u4e00" <= ch <= "\u9fff":
            a, b = doc.to_source(j - 1, j + 1)
            gap = doc.source[a + 1:b - 1]
            gap = len(gap) if gap and not gap.strip() else 0
            if gap >= 2 or (gap and long_line):
                break
        if ch in ws and j - hs >= 2:
            k = j
            while k < limit and text[k] in ws:
                k += 1
            wide = k - j >= 2 or long_line
            if k < limit and ((wide and "\u4e00" <= text[k] <= "\u9fff") or outline.match_marker(text, k, runon_only=True)):
                break
            j = k
            continue
        j += 1
    he = j
    while he > hs and text[he - 1] in outline._DECORATION + ws:
        he -= 1
    if hs == he and c.origin == "line":  # a marker alone on its line: the next line is the heading
        nxt = le + 1
        nle = text.find("\n", nxt)
        nle = len(text) if nle < 0 else nle
        s = nxt
        while s < nle and text[s] in ws:
            s += 1
        if s < nle and not outline.match_marker(text, s):
            e = s
            while e < min(nle, s + 300) and text[e] not in stops:
                e += 1
            return hs, e
    return hs, he


def _after_sentence_reference(text, spans):
    out = []
    for ls, le in spans:
        i = ls
        while i < le:
            if text[i] in "。!?;:" or text[i] in outline._WS:
                j = i + 1
                while j < le and text[j] in outline._WS:
                    j += 1
                if j < le and outline.match_marker(text, j, runon_only=True):
                    out.append(j)
                i = j
            else:
                i += 1
    return out


GAPPY = [*PIECES, "社 区", "工作  目标", "实 施 方 案", "主要任务 加强", "政策背景 国家", "。 二、", "; (三)"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(GAPPY), max_size=30).map("".join))
def test_heading_scan_and_runon_markers_equal_a_character_walk(text):
    doc = normalize_text(text)
    plan = PlanSpan(0, len(doc.text))
    cands, _ = outline._collect(doc.text, plan)
    spans = [(ls, le) for ls, le in outline._line_spans(doc.text, 0, len(doc.text))]
    for c in cands:
        for runon in (False, True):
            assert outline._heading_bounds(doc, c, runon) == _heading_bounds_reference(doc, c, runon)
    assert [c.start for c in outline._after_sentence(doc.text, spans)] == _after_sentence_reference(doc.text, spans)


def _is_table_row_reference(text: str, start: int, end: int, cfg: dict) -> bool:
    """Cells cut at wide gaps, one character at a time."""
    ws = outline._WS
    cells: list[str] = []
    i, n = start, end
    while i < n and text[i] in ws:
        i += 1
    cell_start = i
    while i < n:
        if text[i] in ws:
            k = i
            while k < n and text[k] in ws:
                k += 1
            if k - i >= cfg["min_gap"] or k == n:
                cells.append(text[cell_start:i])
                cell_start = k
            i = k
            continue
        i += 1
    if cell_start < n:
        cells.append(text[cell_start:n])
    if len(cells) < cfg["min_cells"]:
        # or more cells at single spaces, each with a digit or a Han character
        if not cfg.get("narrow_min_cells") or not text[start:end].strip(ws):
            return False
        cells = [c for c in "".join(" " if ch in ws else ch for ch in text[start:end]).split(" ") if c]
        if len(cells) < cfg["narrow_min_cells"] or not all(
                any((ch.isdigit() and ch.isascii()) or "\u4e00" <= ch <= "\u9fff" for ch in c) for c in cells):
            return False
    stops = outline._spec()[0]["heading_stops"]
    return all(cfg["min_cell_chars"] <= len(cell) <= cfg["max_cell_chars"] and not any(ch in stops for ch in cell)
               for cell in cells)


CELLS = ["开工改造", "15个", "2025年6月底前", "x", "一", "  ", "   ", " ", "\t", "\u3000", "。", "这是一个很长很长很长很长很长的单元格内容"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(CELLS), max_size=12).map("".join), st.sampled_from([1, 2, 3]))
def test_table_row_equals_a_character_walk(rest, min_gap):
    cfg = {**outline._spec()[0]["table_row"], "min_gap": min_gap}
    text = "1" + rest
    assert outline._is_table_row(text, 1, len(text), cfg) == _is_table_row_reference(text, 1, len(text), cfg)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([*outline._canonical_terms()[:40], "以", "和", "1", "。", "加强"]), max_size=6).map("".join))
def test_glued_cut_takes_the_longest_canonical_term(text):
    cfg = outline._spec()[0]["glued_heading"]
    ref = None
    for term in outline._canonical_terms():  # longest first
        if text.startswith(term):
            cut = len(term)
            nxt = text[cut] if cut < len(text) else ""
            glued = nxt.isdigit() or ("\u4e00" <= nxt <= "\u9fff" and nxt not in cfg["joiners"])
            ref = cut if len(text) - cut >= cfg["min_rest"] and glued else None
            break
    assert outline._glued_cut(text, 0, len(text), True) == ref
    assert outline._glued_cut(text, 0, len(text), False) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, "因篇幅", "上一篇:", "下一篇", "相关文章", "相关推荐", "更多", "推荐", "京公网安备",
                                 "全文共12字", "仅展示3", "文档评论(", "附件列表", " ", "\n", "\n\n"]),
                max_size=30).map("".join))
def test_terminal_lines_ruled_out_in_one_search_equal_the_line_test(text):
    lines = plans._lines(text)
    plans._rule_out_terminal(lines)
    assert [plans._terminal(ln) for ln in lines] == [bool(ln.text) and plans.is_terminal_chrome(ln.text) for ln in lines]


def test_terminal_chrome_is_searched_joined():
    assert plans._needed_somewhere("terminal_chrome") is not None  # else the shortcut is silently off


@settings(max_examples=100, deadline=None)
@given(st.sets(st.sampled_from(list("一二三十1234(〔【第①⑵Ⅱa A加强的。、 ")), max_size=12), st.booleans())
def test_starters_in_equals_may_start_per_character(chars, runon_only):
    assert outline._starters_in(set(chars), runon_only) == {ch for ch in chars if outline._may_start(ch, runon_only)}


@settings(max_examples=300, deadline=None)
@given(texts, st.booleans())
def test_any_kind_twin_matches_like_the_regex_alternation(text, runon_only):
    """match_marker's alternation run by re (std_twin) gives the regex module's groups and lastindex."""
    rx = outline._any_kind(runon_only)
    for pos in range(len(text)):
        window = text[pos:pos + outline._WINDOW]
        a, b = rx.match(window), outline._any_kind_match(runon_only)(window)
        assert (a and (a.regs, a.lastindex)) == (b and (b.regs, b.lastindex)), window
