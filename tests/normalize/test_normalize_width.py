"""One-to-one character folding: full-width ASCII, small forms, odd spaces; CJK punctuation untouched."""

from __future__ import annotations

import pytest

from planparse.normalize import normalize_text

CASES = [
    ("fullwidth_parens", "（一）", "(一)"),
    ("fullwidth_punct", "目标：到年底，完成；", "目标:到年底,完成;"),
    ("fullwidth_digits_percent", "９５％", "95%"),
    ("ideographic_space", "一、\u3000\u3000目标", "一、  目标"),
    ("small_full_stop", "0﹒1%", "0.1%"),
    ("small_comma_enum", "甲﹐乙﹑丙", "甲,乙、丙"),
    ("small_parens", "﹙三﹚", "(三)"),
    ("halfwidth_cjk_stop", "完成｡", "完成。"),
    ("nbsp", "a\u00a0b", "a b"),
    ("minus_sign", "5\u22123", "5-3"),
    ("circled_kept", "①②③", "①②③"),
    ("cjk_punct_kept", "、。《》“”〔〕【】——", "、。《》“”〔〕【】——"),
]


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_fold(source, expected):
    nt = normalize_text(source, to_simplified=False, remove_noise=False)
    assert nt.text == expected
    assert len(nt.text) == len(source)


def test_fold_off():
    assert normalize_text("（一）", fold_width=False, remove_noise=False).text == "（一）"
