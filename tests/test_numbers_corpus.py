"""scan_numbers on the real reports (normalized text): spans, and sentences auditors rely on."""

from __future__ import annotations

from functools import lru_cache

import pytest

from extract.normalize import normalize
from extract.numbers import scan_numbers
from extract.read import read_file


@lru_cache(maxsize=None)
def _text(path: str) -> str:
    return normalize(read_file(path)).text


def _reports(corpus_dir):
    paths = sorted(corpus_dir.glob("*.txt"))
    if not paths:
        pytest.skip("no corpus reports")
    return paths


def test_numbers_corpus_spans_exact_ordered_disjoint(corpus_dir):
    for path in _reports(corpus_dir):
        text = _text(str(path))
        last = 0
        for m in scan_numbers(text):
            assert text[m.start:m.end] == m.text, path.name
            assert m.start >= last, (path.name, m)
            last = m.end


def test_numbers_corpus_date_parts_never_counts(corpus_dir):
    """A bare number glued to 月/日/号 is never read as a count (period and publication dates)."""
    bad = []
    for path in _reports(corpus_dir):
        text = _text(str(path))
        for m in scan_numbers(text):
            if m.kind in ("count", "decimal") and m.unit is None and text[m.end:m.end + 1] in ("月", "日", "号"):
                bad.append((path.name, text[max(0, m.start - 8):m.end + 4]))
    assert bad == []


def test_numbers_corpus_table_labels_are_not_counts(corpus_dir):
    """属于三类内部事务信息 / 属于四类过程性信息 name table rows (2019+ reports flattened)."""
    for path in _reports(corpus_dir):
        text = _text(str(path))
        for m in scan_numbers(text):
            assert not (m.text in ("三", "四") and text.startswith("类", m.end)
                        and text[m.start - 2:m.start] == "属于"), path.name


def _sentence(text: str, phrase: str) -> tuple[int, int]:
    i = text.find(phrase)
    assert i >= 0, phrase
    return i, i + len(phrase)


CASES = [
    # (report, phrase found in the normalized text, expected (text, value, kind, unit, qualifier))
    ("000_ee0214fd6cb0a06f.txt", "截至2013年12月初,累计主动公开政府信息28条",
     [("2013", 2013, "year", "年", None), ("12", 12, "date_part", "月", None),
      ("28", 28, "count", "条", None)]),
    ("041_shanghai-shi-2023-partial.txt", "较2022年上升29.3%",
     [("2022", 2022, "year", "年", None), ("29.3", 29.3, "change", "%", None)]),
    ("043_shanghai-putuo-2022h1-stats.txt", "比2021年同期上升1.52%",
     [("2021", 2021, "year", "年", None), ("1.52", 1.52, "change", "%", None)]),
    ("023_beijing-dongcheng-jianguomen-jiedao-2013-partial.txt", "近千次",
     [("千", 1000, "count", "次", "approx")]),
    ("018_pingtan-zonghe-shiyanqu-2018.txt", "30多个区直单位",
     [("30", 30, "count", "个", "more")]),
    ("003_pingtan-xian-2011.txt", "共五个部分组成",
     [("五", 5, "count", "个部分", None)]),
    ("003_pingtan-xian-2011.txt", "政府信息303条，占71.3%",
     [("303", 303, "count", "条", None), ("71.3", 71.3, "percent", "%", None)]),
    ("006_pingtan-dishuiju-2013.txt", "共计减免金额219062.78元",
     [("219062.78", 219062.78, "decimal", "元", None)]),
    ("022_beijing-xicheng-guangnei-jiedao-2013-partial.txt", "发放43万份",
     [("43万", 430000, "count", "份", None)]),
]


@pytest.mark.parametrize("name,phrase,want", CASES, ids=[c[1][:16] for c in CASES])
def test_numbers_corpus_sentence(corpus_dir, name, phrase, want):
    path = corpus_dir / name
    if not path.exists():
        pytest.skip(f"{name} not in corpus")
    text = _text(str(path))
    a, b = _sentence(text, phrase)
    got = [(m.text, m.value, m.kind, m.unit, m.qualifier) for m in scan_numbers(text, a, b)]
    assert got == want


def test_numbers_corpus_contact_lines_are_codes(corpus_dir):
    """019 and 003: 邮编, 电话 with area code, e-mail at 163.com: every digit run is a code."""
    for name in ("019_pingtan-zonghe-shiyanqu-2019.txt", "003_pingtan-xian-2011.txt"):
        path = corpus_dir / name
        if not path.exists():
            pytest.skip(f"{name} not in corpus")
        text = _text(str(path))
        a = text.find("邮编")
        assert a >= 0
        b = text.find("com", a) + 3
        got = scan_numbers(text, a, b)
        assert got and {m.kind for m in got} == {"code"}, [(m.text, m.kind) for m in got]
