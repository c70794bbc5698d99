"""extract/normalize.yaml loads and is consistent: tables one-to-one, radicals to ideographs,
every chrome pattern reachable through the keyword gate, pinyin syllables complete."""

import re
import unicodedata

import pytest
import regex

from extract.normalize import _rules
from extract.rules import load

DATA = load("normalize")


def test_character_table_is_one_to_one():
    R = _rules()
    assert all(len(v) == 1 for v in R.table.values())
    assert R.table[ord("０")] == "0" and R.table[ord("ｚ")] == "z" and R.table[0x3000] == " "
    for kept in "，、（）：；《》“”㈠①":
        assert ord(kept) not in R.table, kept


def test_every_radical_maps_to_an_ideograph():
    R = _rules()
    kangxi = [o for o in range(0x2F00, 0x2FD6)]
    assert all(o in R.table for o in kangxi)  # all 214 Kangxi radicals
    for o in kangxi + [ord(k) for k in DATA["radicals_supplement"]]:
        target = R.table[o]
        assert unicodedata.category(target) == "Lo" and "CJK" in unicodedata.name(target), hex(o)
    for k in DATA["radicals_supplement"]:
        assert 0x2E80 <= ord(k) <= 0x2EF3 and unicodedata.name(k).startswith("CJK RADICAL")


@pytest.mark.parametrize("kind", ["lines", "spans"])
def test_chrome_patterns_compile_and_pass_the_gate(kind):
    """A chrome pattern can fire only on lines holding a keyword: each pattern's literal words
    must include one, or the pattern is dead."""
    keywords = DATA["chrome"]["keywords"]
    for rule in DATA["chrome"][kind]:
        regex.compile(rule["pattern"])
        assert any(k in rule["pattern"] for k in keywords), rule["id"]


def test_ids_unique():
    ids = [r["id"] for kind in ("lines", "spans") for r in DATA["chrome"][kind]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("gloss", ["jié", "shù", "jù", "jìn", "xiàng", "lǜ", "zhuang", "er",
                                   "guān", "yīng", "chǎn", "nüe", "a", "ang"])
def test_pinyin_syllables_accepted(gloss):
    R = _rules()
    assert gloss.translate(R.detone) in R.syllables


@pytest.mark.parametrize("word", ["pdf", "doc", "xls", "jpg", "www", "http", "gov", "cn", "com"])
def test_file_and_web_words_are_not_pinyin(word):
    R = _rules()
    assert word not in R.syllables


def test_glosses_in_the_mangled_corpus_are_all_known_syllables(corpus_dir):
    R = _rules()
    seen = set()
    for name in ("000_ee0214fd6cb0a06f.txt", "044_guoban-notice-2019-60-pinyin-mangled.txt",
                 "045_guoban-format-2021-30-trad-pinyin-mangled.txt"):
        text = (corpus_dir / name).read_text(encoding="utf-8")
        seen.update(re.findall(r"[\u4e00-\u9fff]\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+)\)", text))
    assert len(seen) > 40
    assert all(g.translate(R.detone) in R.syllables for g in seen), sorted(
        g for g in seen if g.translate(R.detone) not in R.syllables)
