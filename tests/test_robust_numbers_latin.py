"""The linear `latin` pattern of numbers.yaml finds exactly what the plain backtracking pattern
it replaced found (on short strings, where the old one is fast), and stays linear on long runs
(tests/test_robust_hostile.py has the hang guard)."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import numbers, rules

# the pattern before it was made linear (quadratic on '1.' * 50000 and 'a' * 100000)
REFERENCE_LATIN = (
    r"(?:[A-Za-z][A-Za-z0-9_.\-@/:?=&#%~]*[0-9][A-Za-z0-9_.\-@/:?=&#%~]*"
    r"|[0-9][0-9_.\-@/:?=&#~]*[A-Za-z@][A-Za-z0-9_.\-@/:?=&#%~]*)")
_P = dict(numbers._P, latin=REFERENCE_LATIN)
REFERENCE = regex.compile(rules.expand(_P["scan"], _P))

PIECES = list("aZx19０-._@/:?=&#%~一十万（）〔〕年月日件 ，。负") + [
    "2013", "abc", "123", "http://", "www.", ".gov.cn", "@163.com", "GB2312", "0591-"]


def _spans(pattern, s):
    return [(m.span(), m.lastgroup) for m in pattern.finditer(s)]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_robust_numbers_latin_same_matches_as_reference(s):
    assert _spans(numbers._SCAN, s) == _spans(REFERENCE, s)


def test_robust_numbers_latin_reference_cases():
    for s, code in [("见http://www.gov.cn/a/b_1.html", "1"), ("邮箱12345@qq.com", "12345"),
                    ("GB2312编码", "2312"), ("a" * 70 + "1", "1")]:
        got = [m for m in numbers.scan_numbers(s) if m.kind == "code"]
        assert [m.text for m in got] == [code], s
    # negatives: no letter after the digits, or a number glued to 万 before them
    assert [m.kind for m in numbers.scan_numbers("共12.5万元")] != ["code"]
    assert all(m.kind != "code" for m in numbers.scan_numbers("受理3件，办结2件"))
