"""Property tests: for any text, the offset map is valid, faithful and monotone."""

from __future__ import annotations

from conftest import assert_spans_roundtrip
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import planparse
from planparse.normalize import normalize_text
from planparse.normalize.noise import char_table

# Pieces that trigger every rule: CJK (simplified and traditional), full-width forms,
# pinyin glosses, hyphens, spaces of several kinds, digits with units, newlines.
FRAGMENTS = [
    "社", "區", "工作", "計劃", "和", "谐", "一、", "(一)", "（二）", "1.", "：", "，", "。", "、",
    "(qū)", "(chuàng)", "(lu:)", "(GDP)", "-", "‐", " ", "  ", "\u3000", "\u00a0", "\n", "\r\n",
    "2024", "12", "年", "月", "个", "%", "％", "“", "”", "《", "》", "\u200b", "﹒", "①", "组长:", "王明",
]
texts = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
    st.text(max_size=60),
)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(texts)
def test_every_normalized_char_comes_from_its_source_char(source):
    nt = normalize_text(source)
    table = char_table()
    for p, ch in enumerate(nt.text):
        s, e = nt.to_source(p, p + 1)
        assert e == s + 1
        assert source[s].translate(table) == ch
        assert nt.from_source(s) == p


@SETTINGS
@given(texts, st.data())
def test_spans_map_to_valid_monotone_source_spans(source, data):
    nt = normalize_text(source)
    n = len(nt.text)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    s, e = nt.to_source(a, b)
    assert 0 <= s <= e <= len(source)
    if a < b:
        # the source slice holds the origin of every normalized character in the span
        for p in range(a, b):
            ps, pe = nt.to_source(p, p + 1)
            assert s <= ps < pe <= e
        assert nt.source_slice(a, b) == source[s:e]
    a2 = data.draw(st.integers(a, n))
    b2 = data.draw(st.integers(max(a2, b), n))
    s2, e2 = nt.to_source(a2, b2)
    assert s <= s2
    if b > a and b2 > a2:
        assert e <= e2


@SETTINGS
@given(texts)
def test_only_noise_characters_are_deleted(source):
    """Han characters, digits and line breaks survive (page counters 第1页共9页 aside)."""
    assume("页" not in source and "頁" not in source)
    nt = normalize_text(source)
    kept = {nt.to_source(p, p + 1)[0] for p in range(len(nt.text))}
    deleted = "".join(c for i, c in enumerate(source) if i not in kept)
    allowed = set(" -\u2010\u2011\u2212\u200b\u200c\u200d\u2060\ufeff()（）:ńňǹḿ"
                  "abcdefghijklmnopqrstuvwxyzüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ")
    assert set(deleted) <= allowed, deleted


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_parse_text_never_raises_and_spans_roundtrip(source):
    result = planparse.parse_text(source)
    assert_spans_roundtrip(source, result)


@SETTINGS
@given(texts, st.data())
def test_offset_shortcuts_equal_their_definitions(source, data):
    """to_source inlined, the cut points and deleted_before agree with the segment map read plainly."""
    nt = normalize_text(source)
    n = len(nt.text)

    def src_pos(p):  # the source index of normalized character p, by a linear walk of the segments
        i = max(k for k, ns in enumerate(nt._norm_starts) if ns <= p)
        return nt._src_starts[i] + p - nt._norm_starts[i]

    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    if a == b:
        expect = (src_pos(a), src_pos(a)) if a < n else (len(source), len(source))
    else:
        expect = (src_pos(a), src_pos(b - 1) + 1)
    assert nt.to_source(a, b) == expect
    cuts = [p for p in range(1, n) if src_pos(p) != src_pos(p - 1) + 1]
    assert sorted(nt.cut_points) == cuts
    assert nt.cut_points_in(a, b) == [p for p in cuts if a <= p < b]
    for p in range(1, n):
        assert nt.deleted_before(p) == (p in cuts)


@SETTINGS
@given(st.lists(st.integers(0, 50), max_size=12).map(sorted), st.integers(-2, 52), st.integers(0, 12))
def test_last_at_or_before_is_bisect_right(starts, p, lo):
    import bisect

    from planparse.normalize.offsets import _last_at_or_before

    lo = min(lo, len(starts))
    assert _last_at_or_before(starts, p, lo) == bisect.bisect_right(starts, p, lo) - 1
