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


@pytest.mark.parametrize("fold_width", [True, False])
@pytest.mark.parametrize("to_simplified", [True, False])
def test_translate_with_detector_equals_table(monkeypatch, fold_width, to_simplified):
    """Past DETECT_AFTER characters, translate() skips to the first changed character: same text as the table
    (the character table itself, astral characters included: the list leaves those to a second pass)."""
    from planparse.normalize import noise

    table = noise.char_table(fold_width=fold_width, to_simplified=to_simplified)
    astral = sorted(chr(cp) for cp in table if cp > 0xFFFF)[:40]
    texts = ["社区工作计划,完成90%", "社区（一）工作", "社區工作", "工作\U00020000區", "\U0002A6A5",
             "", "abc", "工作　目标", "完成｡", "甲﹐乙", "a\u00a0b\u3000c",
             "區" + "".join(astral) + "（一）\U00020000", "工作" + "".join(astral[::-1]), "ab\U0001F600c區"]
    monkeypatch.setattr(noise, "_translated", noise.DETECT_AFTER)  # the detector is used from the first text
    for t in texts:
        assert noise.translate(t, fold_width=fold_width, to_simplified=to_simplified) == t.translate(table)
    monkeypatch.setattr(noise, "_translated", 0)  # and the table itself before
    for t in texts:
        assert noise.translate(t, fold_width=fold_width, to_simplified=to_simplified) == t.translate(table)
