"""The quick first checks of the responsibilities stage agree with the full checks they guard.

Each check (a character set, a literal search, a look at the last characters) only skips work
whose answer it knows: these tests hold it to that on the corpora and on every character.
"""

from __future__ import annotations

import pathlib

import pytest
from conftest import OWN_CORPORA, SHARED
from purepy import interpreted

from planparse.context import PlanContext
from planparse.extract.responsibilities import _ROLE_IN, _SENT_END, _clauses, _Extractor, _role_in, _sentences
from planparse.extract.responsibilities.lexicon import (
    MARKER_STARTS,
    continuations_in,
    match_marker,
    relation_lexicon,
    skip_task_lead,
    start_relation,
    strip_adverbs_right,
    trigger_at,
)
from planparse.extract.responsibilities.table import _paragraphs
from planparse.extract.responsibilities.units import (
    _may_end_list,
    _split_units,
    is_unit_item,
    lexicon,
    may_hold_unit,
    org_end_finditer,
    org_name_ends,
    unit_word_search,
)
from planparse.normalize import normalize_text

OWN = "一、组织领导\n成立区康复工作领导小组,由分管副区长任组长。\n(二)区卫生局、民政局等相关部门负责康复训练;各社区要建立台账。\n①  第一,2.1 ## 3、"


def _texts() -> list[str]:
    files = sorted(SHARED.glob("corpora/**/*.txt")) + sorted(pathlib.Path(OWN_CORPORA).glob("**/*.txt"))
    return [OWN] + [normalize_text(p.read_text(encoding="utf-8", errors="replace")).text for p in files[:40]]


@pytest.fixture(scope="module")
def texts():
    return _texts()


def test_marker_starts_cover_every_first_character():
    """MARKER is written by hand next to MARKER_STARTS: no other first character can match."""
    marker = relation_lexicon().marker
    tails = ["", "、", ".", ")", "是", "一、", "1)", "〕", ".1", "1", "二三、", "# 1、", "一,"]
    for cp in range(0x21, 0x10000):
        c = chr(cp)
        if c in MARKER_STARTS or c.isdigit() or c in " \t\u3000" or 0xD800 <= cp <= 0xDFFF:
            continue
        for tail in tails:
            assert not marker.match(c + tail), (c, tail)


def test_match_marker_agrees(texts):
    marker = relation_lexicon().marker
    for text in texts:
        for i in range(0, len(text) - 1):
            if i == 0 or text[i - 1] in "\n,;。:":
                for end in (min(len(text), i + 3), min(len(text), i + 12), len(text)):
                    got, want = match_marker(text, i, end), marker.match(text, i, end)
                    assert (got and got.span()) == (want and want.span()), (text[i:i + 12],)


def test_trigger_at_agrees(texts):
    trig = relation_lexicon().trigger_re
    for text in texts:
        for i in range(len(text) + 1):
            got, want = trigger_at(text, i), trig.match(text, i)
            assert (got and got.span()) == (want and want.span())


def test_role_in_agrees(texts):
    for text in texts:
        for i in range(0, len(text), 7):
            got, want = _role_in(text, i, min(len(text), i + 40)), _ROLE_IN.search(text, i, min(len(text), i + 40))
            assert (got and got.span()) == (want and want.span())


def test_split_units_quick_rejections_are_right(texts):
    """Where the last characters or the missing unit words say "no list", the full algorithm
    (memo and quick checks bypassed) says None too."""
    full = _split_units.__wrapped__
    for text in texts:
        for i in range(0, len(text), 3):
            for n in (2, 3, 5, 8, 13, 21, 34):
                s = text[i:i + n]
                if not _may_end_list(s) or not may_hold_unit(s):
                    assert full(s, False) is None and full(s, True) is None, s


def test_unit_item_needs_a_unit_word(texts):
    for text in texts:
        for i in range(0, len(text), 5):
            for n in (2, 3, 4, 6, 9):
                s = text[i:i + n]
                if is_unit_item(s, loose=True):
                    assert may_hold_unit(s), s


def test_strip_adverbs_right_shortcut():
    lx = relation_lexicon()
    for a in lx.adverbs:
        assert strip_adverbs_right("区卫生局" + a) == "区卫生局"
    assert strip_adverbs_right("区卫生局") == "区卫生局"
    assert all(a[-1] in lx.adverb_ends for a in lx.adverbs)
    assert lexicon().suffixes  # the unit lexicon loads


def _split_trimmed(text: str, stops: str, start: int, end: int) -> list[tuple[int, int]]:
    """The plain definition: cut at each stop character, strip blanks, drop blank pieces."""
    out, s = [], start
    for i in [i for i in range(start, end) if text[i] in stops] + [end]:
        a, b = s, i
        while a < b and text[a] in " \t\u3000\r":
            a += 1
        while b > a and text[b - 1] in " \t\u3000\r":
            b -= 1
        if b > a:
            out.append((a, b))
        s = i + 1
    return out


def test_sentence_and_paragraph_pieces_agree(texts):
    odd = [" \u3000a b \r\n\n\t。;c\u3000", "", "\n\n", "  ", "a", "。a。", " a\u3000\r"]
    for text in texts + odd:
        for start, end in ((0, len(text)), (1, max(1, len(text) - 2))):
            assert _sentences(text, start, end) == _split_trimmed(text, _SENT_END, start, end)
            assert _paragraphs(text, start, end) == _split_trimmed(text, "\n", start, end)


def test_clause_starts_shortcut_agrees(texts):
    """Without ( and 、负责/、牵头 the starts are the sentence start and after each , and :."""
    full = _clauses_full
    for text in [*texts, "区卫生局(牵头)、负责,a:b(c)。", "a、负责b,c", "(a,b)c"]:
        for ss, se in _sentences(text, 0, len(text)):
            assert _clauses(text, ss, se) == full(text, ss, se), text[ss:se]


def _clauses_full(text: str, ss: int, se: int) -> list[int]:
    starts = [ss]
    depth_open: list[int] = []
    for i in range(ss, se):
        c = text[i]
        if c in ",:" or (c == "、" and text.startswith(("负责", "牵头"), i + 1)):
            starts.append(i + 1)
        elif c == "(":
            depth_open.append(i)
        elif c == ")" and depth_open:
            o = depth_open.pop()
            after = text[i + 1] if i + 1 < se else "。"
            if after in ",。;)\n" or i + 1 >= se:
                starts.append(o + 1)
    return sorted(set(starts))


def test_word_set_lookups_agree_with_word_loops(texts):
    """skip_task_lead, strip_adverbs_right and start_relation probe sets by length: the same
    answer as trying each word of the list in order."""
    lx = relation_lexicon()

    def strip_loop(s: str) -> str:
        changed = True
        while changed and s:
            changed = False
            for a in lx.adverbs:
                if s.endswith(a) and len(s) > len(a):
                    s, changed = s[:-len(a)], True
                    break
        return s

    def start_loop(t: str):
        return next((rel for w, rel in lx.start_words if t.startswith(w)), None)

    def lead_loop(s: str) -> int:
        i = 0
        for _ in range(6):
            m = lx.framing.match(s, i)
            if m:
                i = m.end()
                while i < len(s) and s[i] in ", ":
                    i += 1
                continue
            for a in lx.adverbs:
                if s.startswith(a, i) and a != "负责":
                    i += len(a)
                    break
            else:
                break
        return i

    samples = [a + b for a in lx.adverbs for b in ("", "区卫生局", *lx.adverbs[:6])]
    samples += [w + "工作" for w, _ in lx.start_words] + ["负责", "具体负责", "积极主动配合", "对"]
    for text in texts[:10]:
        samples += [text[i:i + n] for i in range(0, len(text), 11) for n in (1, 2, 4, 9)]
    for s in samples:
        assert strip_adverbs_right(s) == strip_loop(s), s
        assert skip_task_lead(s) == lead_loop(s), s
        assert start_relation(s) is start_loop(s), s


def test_continuations_in_keeps_lexicon_order(texts):
    words = relation_lexicon().continuations
    for text in texts[:10]:
        for i in range(0, len(text), 13):
            window = text[i:i + 28]
            assert continuations_in(window) == [w for w in words if w[0] in window], window


def test_organization_ends_pattern(texts):
    ends = org_name_ends()
    for text in texts[:10]:
        assert [m.start() for m in org_end_finditer()(text)] == [i for i, c in enumerate(text) if c in ends]


def test_clause_flags_are_the_searches(texts):
    """What sentence() tells clause() and _only_for_later() (has_unit, has_trigger, a trigger
    word after the clause), found by one scan and positions, is what a search of the span says."""
    lx = relation_lexicon()
    seen = {"clause": 0, "later": 0}
    # an interpreted copy of the module: a class compiled by mypyc cannot be subclassed by this one
    resp = interpreted("planparse.extract.responsibilities")

    class Checked(resp._Extractor):
        def clause(self, cs, ce, se, ss, first=False, heading=False, has_unit=True, has_trigger=True, later=False):
            assert has_unit == (unit_word_search()(self.text, cs, ce) is not None)
            assert has_trigger == (lx.trigger_word.search(self.text, cs, ce) is not None)
            seen["clause"] += 1
            return super().clause(cs, ce, se, ss, first, heading, has_unit, has_trigger, later)

        def _only_for_later(self, cs, ce, se, first, heading, trigger_after):
            assert trigger_after == (lx.trigger_word.search(self.text, ce, se) is not None)
            seen["later"] += 1
            return super()._only_for_later(cs, ce, se, first, heading, trigger_after)

    for text in texts[:20]:
        doc = normalize_text(text)  # (already normalized: the same text, a plain context over it)
        Checked(PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text))).run()
    assert seen["clause"] > 100 and seen["later"] > 100


def test_any_word_patterns_say_what_the_word_tries_say(texts):
    """any_word_re (contained words left out, one-character words first) finds a word in a
    span exactly where the trie of every word does."""
    from planparse.extract.responsibilities.lexicon import any_word_re, literal_re
    from planparse.extract.responsibilities.units import _tables

    lx, ulx, tb = relation_lexicon(), lexicon(), _tables()
    lists = [
        [w for w in (*tb.rank_loose, *ulx.domains) if w],
        sorted(set(lx.trigger_of) | lx.modals),
        list(lx.continuations),
        list(ulx.reject_substrings),
        ["办", "办公室", "公室", "室", "x"],  # held words go, their holders follow
        ["设在", "设于", "为"],
    ]
    for words in lists:
        full, short = literal_re(words), any_word_re(words)
        for text in texts[:12]:
            for i in range(0, len(text), 3):
                for n in (1, 2, 5, 17):
                    j = min(len(text), i + n)
                    assert (full.search(text, i, j) is None) == (short.search(text, i, j) is None), text[i:j]
    assert any_word_re(["办", "办公室"]).pattern == "(?:办)"
    assert any_word_re([]).search("办") is None


def test_row_number_line_check_agrees(texts):
    """find_table_rows reads nothing when no line is a row number: the one search says so
    exactly when no paragraph's squashed cell is one."""
    from planparse.extract.responsibilities.table import _ROW_NO, _any_row_number, _squash

    odd = ["12", " 1 2 \r", "a\n 123\nb", "12345", "1a", "\u3000１２\u3000", "1\t2", "1\n\n", "\n 7", "1 2 3 4 5",
           "a\r\n12\r\n", "\t\t3\t", "1\u30002 3\u30004"]
    for text in texts + odd:
        for start in (0, len(text) // 3):
            want = any(_ROW_NO.match(_squash(text[a:b])) for a, b in _paragraphs(text, start, len(text)))
            assert _any_row_number(text, start, len(text)) == want, text[start:start + 40]


def test_trigger_pattern_same_under_both_engines(texts):
    """The trigger pattern (words and lookahead guards) runs on the standard re: the regex
    module, which compiles rule patterns, matches the same spans at every position."""
    import re

    import regex

    std = relation_lexicon().trigger_re
    assert isinstance(std, re.Pattern)
    rx = regex.compile(std.pattern, regex.V0)
    for text in [*texts[:15], "负责人员负责人负责制负责的要求要点要将来分管负责分管领导监督电话主管部门"]:
        for i in range(len(text)):
            a, b = std.match(text, i), rx.match(text, i)
            assert (a and a.span()) == (b and b.span()), text[i:i + 8]
        assert [m.span() for m in std.finditer(text)] == [m.span() for m in rx.finditer(text)]


def test_only_di_markers_hold_a_head_end():
    """headed_blocks finds a head's end before reading the marker, except after 第: MARKER's
    only alternative holding one of 。:,; is 第X, / 第X、."""
    import re

    from planparse.extract.responsibilities.lexicon import MARKER, MARKER_HEAD_END_STARTS

    literal = re.sub(r"\{\d+(?:,\d*)?\}|\(\?[:!=]", "", MARKER)  # quantifiers and groups hold , and : too
    holding = [a for a in literal.split("|") if any(c in a for c in "。:,;")]
    assert holding and all(a.lstrip("([").startswith(tuple(MARKER_HEAD_END_STARTS)) for a in holding), holding
    marker = relation_lexicon().marker
    for s in ["第一,", "第二、", "一、", "(一)", "1.", "1.2.3 ", "①", "一是", "# 1、", "〔三〕"]:
        m = marker.match(s)
        assert m and (not any(c in m.group(0) for c in "。:,;") or s[0] in MARKER_HEAD_END_STARTS), s


def test_lean_path_finds_what_the_full_reading_finds(texts):
    """A sentence without a trigger word read by _sentence_without_trigger gives the same
    responsibilities as the full clause-by-clause reading."""
    def run(text, lean):
        doc = normalize_text(text)
        ex = _Extractor(PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text)))
        ex.lean = lean
        return [(f.owner, f.relation, f.start, f.end, f.task_start, f.task_end) for f in ex.run()]

    crafted = ["各社区根据实际制定方案。区卫生局会同区民政局制定计划。由区残联组织实施。",
               "责任单位:区卫生局、区民政局。各街道完成入户摸底,社区每月上报。", "要求各乡镇按照方案执行。"]
    own = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(OWN_CORPORA).glob("*.txt"))]
    found = 0
    for text in [*texts, *crafted, *own]:
        fast = run(text, True)
        assert fast == run(text, False)
        found += len(fast)
    assert found > 100


def test_unit_chars_are_unit_words():
    """A span holding one of unit_chars() holds a unit word: owners_of and sentence() skip the search."""
    from planparse.extract.responsibilities.units import unit_chars

    assert unit_chars() and all(unit_word_search()(c) for c in unit_chars())
    assert all(len(c) == 1 for c in unit_chars())
def _shortcut_skips(text: str, a: int, b: int) -> bool:
    """headed_blocks' first test on the line [a, b) with no owner open (the plain definition)."""
    from planparse.extract.responsibilities import _DUTY_HEAD_ENDS, _HEAD_END
    from planparse.extract.responsibilities.lexicon import MARKER_HEAD_END_STARTS
    from planparse.extract.responsibilities.units import list_end_chars

    rest = text[a:b].lstrip()
    if not rest:
        return True
    if rest[0] in MARKER_HEAD_END_STARTS:
        return False
    lead = b - len(rest)
    hm = _HEAD_END.search(text, lead, b)
    head_end = hm.start() if hm else b
    if head_end - lead < 2:
        return True
    e = text[head_end - 1]
    return e != ")" and e not in list_end_chars() and e not in _DUTY_HEAD_ENDS and not e.isspace() \
        and text[head_end - 2] not in "、,"


HEADED = ("一、职责分工\n1、街道残疾人联合会。负责康复训练;会同区卫生局制定方案。\n"
          "办公室(区创建办)\n主要职责:\n1.负责日常工作;\n2.协助督查。\n\n第一,区民政局:负责救助。\n"
          "  (二)区财政局。\n负责经费保障。\n区卫生局 \n 街道、 社区 :\n、a\n:x\nab)\n")


def test_head_lines_are_the_lines_the_first_test_keeps(texts):
    from planparse.extract.responsibilities import _head_line_starts

    for text in [*texts, HEADED, " 区卫生局\n\n第一,x\n  ab)"]:
        starts = set(_head_line_starts(text, 0, len(text)))
        a = 0
        for line in text.split("\n"):
            b = a + len(line)
            assert (a in starts) == (not _shortcut_skips(text, a, b)), line
            a = b + 1


def test_headed_blocks_same_as_reading_every_line(texts, monkeypatch):
    """Jumping between the lines _head_lines() finds gives what reading every line gives."""
    # an interpreted copy of the module, whose calls go through the name patched below
    resp = interpreted("planparse.extract.responsibilities")

    def run(text, extractor=_Extractor):
        doc = normalize_text(text)
        ex = extractor(PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text)))
        ex.headed_blocks()
        return [(f.owner, f.relation, f.start, f.end, f.task_start) for f in ex.found], ex.covered

    gaps = ["区残联办公室(区创建办)\n" + "开展工作。\n" * n + "主要职责:\n1.负责康复训练;\n2.协助督查。\n" for n in (10, 11, 12)]
    corpus = [*texts, HEADED, HEADED.replace("\n", "\n\n"), *gaps, *sorted(pathlib.Path(OWN_CORPORA).glob("*.txt"))]
    corpus = [t if isinstance(t, str) else t.read_text(encoding="utf-8") for t in corpus]
    fast = [run(t) for t in corpus]
    every_line = lambda text, start, end: [start, *(i + 1 for i in range(start, end) if text[i] == "\n")]  # noqa: E731
    monkeypatch.setattr(resp, "_head_line_starts", every_line)
    assert [run(t, resp._Extractor) for t in corpus] == fast
    assert any(found for found, _ in fast)


def test_duty_list_owner_is_the_newest_head_ending_in_a_noun(monkeypatch):
    """headed_blocks asks the tagger about an organization head only when a duty list heading
    wants it: the owner is still the newest head that ends in a noun, an older one when the
    newest does not."""
    # an interpreted copy of the module, whose calls go through the name patched below
    resp = interpreted("planparse.extract.responsibilities")
    text = "区残联办公室\n区卫生局\n主要职责:\n1.负责康复训练;\n2.协助督查。\n"

    def owners(not_nouns):
        monkeypatch.setattr(resp, "_ends_with_noun_cached", lambda s: s not in not_nouns)
        doc = normalize_text(text)
        ex = resp._Extractor(PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text)))
        ex.headed_blocks()
        return sorted({f.owner for f in ex.found})

    assert owners(()) == ["区卫生局"]
    assert owners(("区卫生局",)) == ["区残联办公室"]
    assert owners(("区卫生局", "区残联办公室")) == []


def test_may_end_org_is_a_first_test_of_is_org_name(texts):
    """may_end_org(text, p, start) is False only where no name text[a:p] (start <= a) is an
    organization: the organization rule skips such ends without asking is_org_name."""
    from planparse.extract.responsibilities.units import is_org_name, may_end_org

    skipped = 0
    for text in [*texts[:12], "区财政局、各街道办事处(区创建办)和县民政、区卫生"]:
        for p in range(1, len(text) + 1):
            if may_end_org(text, p, max(0, p - 16)):
                continue
            skipped += 1
            assert not any(is_org_name(text[a:p]) for a in range(max(0, p - 16), p)), text[max(0, p - 16):p]
    assert skipped > 1000


def test_area_domain_is_an_area_then_a_domain():
    """_area_domain by set probes says what trying every area in turn says."""
    from planparse.extract.responsibilities.units import _area_domain

    lx = lexicon()
    words = ["", *lx.areas, *lx.domains, "各", "局", "区财"]
    for a in words:
        for b in words:
            core = a + b
            want = any(core.startswith(x) and core[len(x):] in lx.domains for x in lx.areas)
            assert _area_domain(core) == want, core


def test_no_owner_from_a_bad_start(texts):
    """Where no_owner_from(cs) is True (a bad start of at most two characters, no date or count
    first), owners_of finds no owner in any span from cs: clause() skips the rules that read one."""
    lx = lexicon()
    crafted = "加强区卫生局、民政局等部门负责。对各社区要。开展各街道办事处完成。在区残联。严格要求各单位。" \
        + "".join(w + "区卫生局," for w in lx.bad_starts)
    skipped = 0
    for text in [*texts[:12], crafted]:
        doc = normalize_text(text)
        ex = _Extractor(PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text)))
        t = ex.text
        for cs in range(len(t)):
            if not ex.no_owner_from(cs):
                continue
            skipped += 1
            for e in range(cs + 1, min(len(t), cs + 30) + 1):
                for loose in (False, True):
                    assert ex.owners_of(cs, e, allow_issuer=True, loose=loose) is None, t[cs:e]
    assert skipped > 300


def test_ending_table_agrees_with_the_ranked_probes(texts):
    """_ending_at (the endings by last character, in rank order) names the ending of least rank,
    as probing every tail length does."""
    from planparse.extract.responsibilities.units import _ending, _ending_at, _tables

    tb = _tables()
    samples = ["", "局", "区卫生局", "社区治保主任", "教师", "副组长", "x"] + [w for w in tb.rank_loose if w]
    samples += [text[i:i + n] for text in texts[:15] for i in range(0, len(text), 3) for n in (1, 2, 3, 5, 8)]
    for s in samples:
        assert _ending_at(s, tb.endings_at) == _ending(s, tb.rank, tb.longest), s
        assert _ending_at(s, tb.endings_loose_at) == _ending(s, tb.rank_loose, tb.longest), s


def test_split_conj_first_test(texts):
    """_split_conj returns its piece whole without trying each conjunction only when none lies
    after the piece's first character: the same pieces as the loop over the conjunctions."""
    from planparse.extract.responsibilities.units import _CONJ, _one_name, _split_conj, is_unit_item

    def plain(s, a, b, loose=False):
        for conj in _CONJ:
            i = s.find(conj, a, b)
            while i > a:
                left, right = (a, i), (i + len(conj), b)
                if is_unit_item(s[left[0]:left[1]], loose) and right[1] > right[0] \
                        and not _one_name(s[left[0]:left[1]], s[right[0]:right[1]]):
                    rest = plain(s, *right, loose)
                    if all(is_unit_item(s[x:y], loose) for x, y in rest):
                        return [left, *rest]
                i = s.find(conj, i + 1, b)
        return [(a, b)]

    split = 0
    for s in [*texts[:15], "区卫生局和残联", "以及区民政局", "和区残联与", "区卫生局以及残联", "区卫生局和区民政局与残联"]:
        for a in range(0, len(s), 2):
            for b in (a + 2, a + 5, a + 9, a + 14):
                b = min(b, len(s))
                for loose in (False, True):
                    got = _split_conj(s, a, b, loose)
                    assert got == plain(s, a, b, loose), s[a:b]
                    split += len(got) > 1
    assert split > 5


def test_reject_words_by_first_character(texts):
    """is_unit_item tries the reject substrings whose first character the item holds: every
    reject substring an item holds is among them."""
    from planparse.extract.responsibilities.units import _tables

    tb, words = _tables(), lexicon().reject_substrings
    for text in texts[:15]:
        for i in range(0, len(text), 2):
            s = text[i:i + 12]
            tried = {w for c in tb.reject_at.keys() & {*s, ""} for w in tb.reject_at[c]}
            assert {w for w in words if w in s} <= tried, s


def test_no_owner_table_agrees(texts):
    """no_owner_from's one probe says what the date/count test and no_list_starts_at say."""
    found = 0  # positions the table marks, over all texts (a text may hold none: not vacuous overall)
    for text in [*texts[:12], "3月底前区卫生局负责,一名干部,对各社区,在区残联,加强督查"]:
        doc = normalize_text(text)
        ex = _Extractor(PlanContext(doc=doc, plan_id="p1", start=0, end=len(doc.text)))
        assert ex.no_owner_at is not None
        got = [ex.no_owner_from(cs) for cs in range(len(ex.text))]
        ex.no_owner_at = None
        assert got == [ex.no_owner_from(cs) for cs in range(len(ex.text))]
        found += sum(map(bool, got))
    assert found


def test_match_unit_prefix_agrees_with_trying_every_prefix(texts):
    """match_unit_prefix stops before the first 的 and tests the last characters first: the same
    prefix as trying every length with split_units."""
    from planparse.extract.responsibilities.units import match_unit_prefix, split_units

    conts = lexicon().suffix_continuations

    def plain(s, max_len=16, loose=False):
        for n in range(min(len(s), max_len), 1, -1):
            cand = s[:n]
            if cand[-1] in "、,和及与" or s[n - 1:n + 1] in conts or cand[-2] in "、,":
                continue
            if "的" in cand or split_units(cand, loose) is None:
                continue
            return cand, n
        return None

    found = 0
    for text in [*texts[:15], "区卫生局的各街道负责", "区民政局、残联等部门和各社区"]:
        for i in range(0, len(text), 2):
            s = text[i:i + 20]
            for loose in (False, True):
                got = match_unit_prefix(s, 16, loose=loose)
                assert got == plain(s, 16, loose), s
                found += got is not None
    assert found > 100


def test_levels_named_and_adverb_first_characters(texts):
    """levels_named searches one pattern per row of issuer_levels: the rows a word test names;
    skip_task_lead stops where no adverb starts (its loop is held to the word loop above)."""
    from planparse.extract.responsibilities.units import levels_named

    rows = lexicon().issuer_levels
    assert rows
    for text in [*texts[:15], "区卫生院和镇中学", "街道办事处", ""]:
        for i in range(0, len(text) + 1, 9):
            s = text[i:i + 20]
            assert levels_named(s) == frozenset(k for k, row in enumerate(rows) if any(w in s for w in row)), s


def test_match_marker_numeral_and_digit_first_test():
    """A numeral or a digit with none of )、.．是 in the next three characters opens no marker:
    match_marker says None without the regex, and the regex agrees on every such opening."""
    marker = relation_lexicon().marker
    firsts = list("一二三四五六七八九十0123456789") + [c for c in map(chr, range(0x30, 0x10000))
                                                        if c.isdigit() and not 0xD800 <= ord(c) <= 0xDFFF][:200]
    tails = ["", "、", ".", ")", "是", ".1", "1", "12、", "二三、", "二三四、", "年", "律", "1.2", "十是", "条 ",
             "．", "1)", "23.", "、1", "一二)", "(", ",", "个月"]
    for c in firsts:
        for tail in tails:
            for rest in ("", "工作", "1"):
                s = c + tail + rest
                for end in range(1, len(s) + 1):
                    got, want = match_marker(s, 0, end), marker.match(s, 0, end)
                    assert (got and got.span()) == (want and want.span()), (s, end)


def test_row_number_cell_test_is_the_regex():
    """_is_row_no answers as _ROW_NO.match on every one- and two-character cell and on samples."""
    from planparse.extract.responsibilities.table import _ROW_NO, _is_row_no

    cells = ["", "1", "12", "1234", "12345", "1\n", "12\n\n", "\n", "１２", "١٢", "1a", "a1", "一", "12年", " 1", "1 ",
             "①", "²", "0000", "9999\n"]
    cells += [chr(cp) for cp in range(0x20, 0x3000)] + [chr(cp) + "1" for cp in range(0x4E00, 0x4E40)]
    for cell in cells:
        assert _is_row_no(cell) == (_ROW_NO.match(cell) is not None), repr(cell)


def test_label_tails_are_in_every_inline_label_bracket():
    """inline_labels looks for the labels' last two characters and colon before its pattern: each
    label ends so."""
    from planparse.extract.responsibilities import _label_tails

    tails = _label_tails()
    assert all(any(w.endswith(t[:-1]) for t in tails) for w in relation_lexicon().unit_labels)


def _twins():
    """The patterns of the stage that run on the standard re (resources.std_twin), by use."""
    import importlib

    import planparse.extract.responsibilities as R

    L, T, U = (importlib.import_module(f"planparse.extract.responsibilities.{m}") for m in ("lexicon", "table", "units"))

    lx = relation_lexicon()
    at_one_place = [lx.marker, lx.owner_time_lead, lx.task_time, lx.past_event, R._plan_itself(), R._PERSON_AHEAD,
                    R._COUNT, R._ROLE_CLAUSE, R._BODY_HEAD_CLAUSE, U._YEAR_START, T._ROW_NO, T._DATE_CELL]
    searched = [R._ROLE_IN, R._APPOINT, R._body_patterns()[0], U._DATED_PAREN, L._LISTED, L._QUOTED,
                R._inline_label_re()]
    return at_one_place, searched


def test_twinned_patterns_match_like_the_regex_module(texts):
    """Each pattern the stage runs on the standard re finds what the regex module finds with the
    same source (class escapes as std_twin wrote them out) on real plans, from every position of
    a line, with the window ends the extractor gives (a clause, a line, the text)."""
    import re

    import regex

    at_one_place, searched = _twins()
    extra = ("1、医疗质量组由李主任任组长\n3月15日前各社区完成 2024年底前 (2017年5月份)\n第十三条 中心\n"
             "12\n2025年底\n由科长王某负责 4名社区干部 每季度一次 召开了会议 组织、协调和督导 “双随机、一公开”\n"
             "(牵头单位:区民政局;责任单位:各街道、区财政局)\n制定本实施方案\n成立由A组成的工作领导小组")
    for pats, how in ((at_one_place, ("match", "fullmatch")), (searched, ("search",))):
        for std in pats:
            assert isinstance(std, re.Pattern), std
            rx = regex.compile(std.pattern, regex.V0 | (std.flags & (re.M | re.S)))
            for text in [extra, *texts[:8]]:
                for i in range(0, len(text), 1 if how[0] == "match" else 3):
                    line_end = text.find("\n", i)
                    for end in {min(len(text), i + 12), len(text) if line_end < 0 else line_end, len(text)}:
                        for h in how:
                            a, b = getattr(std, h)(text, i, end), getattr(rx, h)(text, i, end)
                            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), \
                                (std.pattern[:40], text[i:end][:30])


def test_unit_prefix_or_any_is_the_second_call(texts):
    """match_unit_prefix(..., follows=f, or_any=True) gives what the call with ``follows`` gives,
    else what the call without it gives (the two calls clause() made), after every 由 and at every
    clause start of real plans, for accepting, rejecting and picky ``follows``."""
    from planparse.extract.responsibilities.units import match_unit_prefix

    follows = (lambda r: True, lambda r: False, lambda r: r.startswith(("负责", "牵头", "组织")),
               lambda r: len(r) % 3 == 0)
    seen = 0
    for text in texts:
        starts = [i + 1 for i, ch in enumerate(text) if ch in "由,、\n"]
        for i in starts:
            s = text[i:i + 40]
            for f in follows:
                for loose in (True, False):
                    want = match_unit_prefix(s, 24, loose=loose, follows=f) or match_unit_prefix(s, 24, loose=loose)
                    assert match_unit_prefix(s, 24, loose=loose, follows=f, or_any=True) == want, s
                    seen += want is not None
    assert seen > 100


def test_body_head_clause_needs_its_you(texts):
    """sentence() tries the body-head pattern (医疗质量组由X任组长) only on a clause holding 由: every
    clause of real plans it matches holds one."""
    from planparse.extract.responsibilities import _BODY_HEAD_CLAUSE

    extra = "医疗质量组由李主任任组长,负责全院质控。\n宣传组由办公室主任担任召集人,负责宣传"
    seen = 0
    for text in [extra, *texts]:
        for ss, se in _sentences(text, 0, len(text)):
            starts = _clauses(text, ss, se)
            for cs, ce in zip(starts, [x - 1 for x in starts[1:]] + [se], strict=True):
                if ce > cs and _BODY_HEAD_CLAUSE.fullmatch(text, cs, ce):
                    seen += 1
                    assert "由" in text[cs:ce], text[cs:ce]
    assert seen >= 2
