"""scan_numbers on the case table: complete match lists, kinds, units and qualifiers."""

from __future__ import annotations

import pytest

from conftest import case_id, load_cases
from extract.numbers import scan_numbers

CASES = load_cases("numbers_scan")


def _as_tuples(matches):
    return [(m.text, m.value, m.kind, m.unit, m.qualifier) for m in matches]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_numbers_scan_case(case):
    text = case["text"]
    got = scan_numbers(text)
    want = [(e["text"], e["value"], e["kind"], e.get("unit"), e.get("qualifier"))
            for e in case["expect"]]
    assert _as_tuples(got) == want, case.get("note")
    for m in got:
        assert text[m.start:m.end] == m.text


def test_numbers_scan_case_table_has_negatives():
    assert sum(1 for c in CASES if not c["expect"]) >= 10


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_numbers_scan_works_inside_a_longer_text(case):
    """The same matches, shifted, when the case stands inside other text and is scanned by range."""
    pre, post = "前文。\n", "\n后文。"
    text = pre + case["text"] + post
    got = scan_numbers(text, len(pre), len(pre) + len(case["text"]))
    alone = scan_numbers(case["text"])
    assert [(m.start - len(pre), m.end - len(pre), m.value, m.kind) for m in got] == \
        [(m.start, m.end, m.value, m.kind) for m in alone]


def test_numbers_scan_full_width_digits_unfolded_and_folded_agree():
    a = scan_numbers("共受理申请１，２３４件，其中予以公开４０件，占３．２％")
    b = scan_numbers("共受理申请1,234件,其中予以公开40件,占3.2%")
    assert [(m.value, m.kind, m.unit) for m in a] == [(m.value, m.kind, m.unit) for m in b] == [
        (1234, "count", "件"), (40, "count", "件"), (3.2, "percent", "%")]


def test_numbers_scan_range_stays_inside_bounds():
    text = "共12件，其中3件"
    assert [m.text for m in scan_numbers(text, 4)] == ["3"]
    assert [m.text for m in scan_numbers(text, 0, 4)] == ["12"]


def test_numbers_scan_change_sign_follows_the_verb():
    got = {m.text: m.value for m in scan_numbers("较上年增加12件，比去年减少3件，同比下降4.5%")}
    assert got == {"12": 12, "3": -3, "4.5": -4.5}


def test_numbers_scan_date_parts_never_counts():
    text = "本报告统计期限自2013年1月1日起至2013年12月31日止，发布于2014-01-20 15:22"
    kinds = {m.kind for m in scan_numbers(text)}
    assert kinds == {"year", "date_part"}
