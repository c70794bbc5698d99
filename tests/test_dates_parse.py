"""extract.dates: date and period expressions as inclusive intervals (tests/cases/periods.yaml)."""

from datetime import date

import pytest

from conftest import case_id, load_cases
from extract.dates import find_dates, parse, whole_year

BASE = date(2013, 12, 31)  # the base date of the shared case table's relative expressions
CASES = load_cases("periods")


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_dates_parse_case(case):
    got = parse(case["input"], base=BASE)
    if case["expected"] is None:
        assert got is None, got
        return
    assert got is not None, case["input"]
    assert f"{got.start_iso or '..'}/{got.end_iso or '..'}" == case["expected"]
    assert got.rule.startswith("date.")


def test_dates_parse_relative_needs_base():
    assert parse("上半年") is None
    assert parse("去年", base=date(2020, 6, 1)).start == date(2019, 1, 1)


def test_dates_scan_period_sentence_spans():
    text = "本报告中所列数据的统计期限自2013年1月1日起至2013年12月1日止。如对本报告有任何疑问"
    found = find_dates(text)
    assert len(found) == 1
    d = found[0]
    assert (d.start, d.end, d.grain) == (date(2013, 1, 1), date(2013, 12, 1), "range")
    assert text[d.span[0]:d.span[1]] == "2013年1月1日起至2013年12月1日止"
    assert not whole_year(d)


def test_dates_scan_keeps_longest_and_order():
    text = "截至2013年12月初,累计主动公开政府信息28条。2014年1月20日发布,二○一二年二月二十日"
    found = find_dates(text)
    assert [f.rule for f in found] == ["date.as_of", "date.day", "date.day"]
    assert found[0].end == date(2013, 12, 1) and found[0].start is None
    assert found[2].start == date(2012, 2, 20)
    for f in found:
        assert text[f.span[0]:f.span[1]] == f.text


def test_dates_scan_ignores_relative_words_without_base():
    assert find_dates("上半年全区共受理申请267件，较去年同期上升") == []


def test_dates_scan_lost_digits_is_not_a_date():
    # 063 nanlv: 统计期限自201211日起至20121231日止 (年/月 lost in scraping)
    assert find_dates("统计期限自201211日起至20121231日止") == []


def test_dates_whole_year():
    assert whole_year(parse("2022年1月1日至12月31日"))
    assert not whole_year(parse("2022年1月1日至2023年12月31日"))
    assert not whole_year(parse("2013年12月"))
