"""The quick first checks of the responsibilities stage agree with the full checks they guard.

Each check (a character set, a literal search, a look at the last characters) only skips work
whose answer it knows: these tests hold it to that on the corpora and on every character.
"""

from __future__ import annotations

import pathlib

import pytest
from conftest import OWN_CORPORA, SHARED

from planparse.extract.responsibilities import _ROLE_IN, _role_in
from planparse.extract.responsibilities.lexicon import (
    MARKER_STARTS,
    match_marker,
    relation_lexicon,
    strip_adverbs_right,
    trigger_at,
)
from planparse.extract.responsibilities.units import (
    _may_end_list,
    _split_units,
    is_unit_item,
    lexicon,
    may_hold_unit,
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
