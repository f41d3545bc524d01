"""The traditional→simplified table: one to one, and harmless on simplified text."""

from __future__ import annotations

import pytest
from conftest import SHARED, needs_shared

from planparse.normalize import normalize_text
from planparse.normalize.build_t2s import KEEP_DESPITE_GB2312
from planparse.normalize.noise import char_table
from planparse.resources import load

T2S = char_table(fold_width=False, to_simplified=True)


def test_table_is_one_to_one_and_sizeable():
    rows = load("t2s")
    assert len(rows) > 3000
    assert all(len(r) == 2 and len(r[0]) == 1 and len(r[1]) == 1 and r[0] != r[1] for r in rows)


def test_no_standard_simplified_character_is_a_key():
    """GB 2312 is the simplified standard set: its characters must stay, bar three documented ones."""
    in_gb = []
    for cp in T2S:
        try:
            chr(cp).encode("gb2312")
        except UnicodeEncodeError:
            continue
        in_gb.append(chr(cp))
    assert set(in_gb) <= KEEP_DESPITE_GB2312


@pytest.mark.parametrize(("trad", "simp"), [
    ("社區創建工作計劃", "社区创建工作计划"),
    ("鄉鎮衛生檢查", "乡镇卫生检查"),
    ("為進一步發展", "为进一步发展"),
    ("後續關於權責", "后续关于权责"),
    ("臺灣裡裏衆眾", "台湾里里众众"),
])
def test_traditional_is_simplified(trad, simp):
    assert normalize_text(trad, fold_width=False, remove_noise=False).text == simp


@pytest.mark.parametrize("word", ["乾坤", "显著", "覆盖", "藉此", "干部", "后勤", "于是", "皇后"])
def test_simplified_words_unchanged(word):
    assert normalize_text(word, fold_width=False, remove_noise=False).text == word


@needs_shared
def test_simplified_corpus_is_unchanged():
    """Thousands of characters of simplified plans (read at run time): the table changes none."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "corpora" / "seed").glob("*.txt"))]
    text = "".join(texts)
    assert len(text) > 5000
    changed = [c for c in text if ord(c) in T2S]
    assert changed == []
