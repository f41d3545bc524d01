"""planparse.extract.pos gives exactly jieba.posseg.cut's words and tags, without jieba."""

from __future__ import annotations

import logging
import random
import re

import pytest
from conftest import OWN_CORPORA, SHARED

from planparse.extract import pos
from planparse.resources import data_path


@pytest.fixture(scope="module")
def jieba_cut():
    jieba = pytest.importorskip("jieba")
    jieba.setLogLevel(logging.WARNING)
    import jieba.posseg as pseg

    return lambda s: tuple((w.word, w.flag) for w in pseg.cut(s))


def _corpus_strings(limit: int) -> list[str]:
    """Clauses and 6-character windows of every corpus text, a fixed sample."""
    from planparse.normalize import normalize_text

    paths = sorted(OWN_CORPORA.glob("*.txt")) + sorted((SHARED / "corpora").rglob("*.txt"))
    out: set[str] = set()
    for p in paths:
        text = normalize_text(p.read_text(encoding="utf-8", errors="replace")).text
        out.update(c.strip() for c in re.split(r"[,。;:!?\n]", text) if 0 < len(c.strip()) <= 40)
        out.update(text[m.start():m.start() + 6] for m in re.finditer(r"[\u4e00-\u9fff]", text))
    rng = random.Random(7)
    return rng.sample(sorted(out), min(limit, len(out)))


def _mixed_strings(n: int) -> list[str]:
    """Random strings of common and rare Han characters, digits, Latin letters and punctuation."""
    rng = random.Random(11)
    common = [ln for ln in data_path("common_hanzi.tsv").read_text(encoding="utf-8").splitlines()
              if ln and not ln.startswith("#")]
    other = list("0123456789abcXYZ.+#&_%-、,。:;()《》 \t\n“”１２")
    rare = [chr(rng.randrange(0x4E00, 0x9FFF)) for _ in range(500)]
    out = []
    for _ in range(n):
        # rare characters are few: each one unknown to the HMM makes both Viterbis try all 256 states
        pools = [rng.choice((common,) * 6 + (other, other, rare)) for _ in range(rng.randint(1, 12))]
        out.append("".join(rng.choice(p) for p in pools))
    return out


def test_same_as_jieba_on_corpus_text(jieba_cut):
    strings = _corpus_strings(4000)
    assert len(strings) > 1000
    bad = [(s, jieba_cut(s), pos.cut(s)) for s in strings if jieba_cut(s) != pos.cut(s)]
    assert not bad, bad[:5]


def test_same_as_jieba_on_mixed_strings(jieba_cut):
    bad = [(s, jieba_cut(s), pos.cut(s)) for s in _mixed_strings(300) if jieba_cut(s) != pos.cut(s)]
    assert not bad, bad[:5]


@pytest.mark.parametrize(("text", "words"), [
    ("组长:王康辉", (("组长", "v"), (":", "x"), ("王康辉", "nr"))),  # a name only the HMM knows
    ("2025年覆盖率达到95%", (("2025", "m"), ("年", "m"), ("覆盖率", "n"), ("达到", "v"), ("95", "m"), ("%", "x"))),
    ("", ()),
    ("  \r\n", ((" ", "x"), (" ", "x"), ("\r\n", "x"))),
])
def test_examples(text, words):
    assert pos.cut(text) == words


def test_first_word_is_cut_first():
    """first_word(s) is cut(s)'s first pair: on corpus clauses and windows, mixed strings,
    and strings whose first run of single characters goes to the HMM (a name first)."""
    strings = [*_corpus_strings(3000), *_mixed_strings(600), "王康辉负责", "谷孝红任组长", "  \r\n", "", "。区局"]
    strings += [s[i:] for s in strings[:400] for i in (1, 2)]
    bad = [(s, pos.cut(s)[:1], pos.first_word(s)) for s in strings if (pos.cut(s)[:1] or (None,))[0] != pos.first_word(s)]
    assert not bad, bad[:5]


def test_table_finds_every_word():
    """Every 500th line of the table is found with its frequency and tag; fragments are told apart."""
    raw = data_path("pos_words.tsv").read_text(encoding="utf-8").splitlines()
    rows = [ln.split("\t") for ln in raw if ln and not ln.startswith("#")]
    table = pos._table()
    for word, freq, tag in rows[::500] + rows[-3:]:
        assert table.get(word) == (int(freq), tag), word
    assert table.get("康复训练") is not None and table.get("康复训") == (0, "")  # a prefix, not a word
    assert table.get("\u9fa5\u9fa5\u9fa5") is None


def test_table_is_sorted_by_bytes():
    raw = data_path("pos_words.tsv").read_bytes().split(b"\n")
    lines = [ln for ln in raw if ln and not ln.startswith(b"#")]
    assert lines == sorted(lines)
