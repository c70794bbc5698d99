"""extract/read_text.yaml loads and is consistent."""

import opencc

from extract.read_text import _data, _signatures
from extract.rules import load

DATA = load("read_text")


def test_frequent_character_lists():
    simp = "".join(DATA["common_simplified"].split())
    trad = "".join(DATA["common_traditional"].split())
    assert len(simp) == len(set(simp)) == 1500
    assert not set(trad) & set(simp)  # traditional forms that differ from the simplified
    cc = opencc.OpenCC("t2s")
    assert sum(cc.convert(ch) in simp for ch in trad) / len(trad) > 0.95
    common, cfg = _data()
    assert len(common) == len(set(simp) | set(trad))
    assert 0 < cfg["min_common_cjk_share"] < 1 and cfg["sample_chars"] >= 1000


def test_report_words_are_frequent():
    common, _ = _data()
    for word in ("政府信息公开工作年度报告", "政府資訊公開", "依申请公开", "行政复议", "統計期限"):
        assert all(ch in common for ch in word), word


def test_signatures_are_bytes_with_reasons():
    sigs = _signatures()
    assert sigs and all(isinstance(m, bytes) and m and r for m, r in sigs)
    assert (b"\x89PNG", "an image file (PNG), not a text report") in sigs
