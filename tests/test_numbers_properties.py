"""Property tests: renderings of random integers parse back; scan spans are exact and disjoint."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.numbers import parse_number, scan_numbers

LOWER = "零一二三四五六七八九"
UPPER = "零壹贰叁肆伍陆柒捌玖"
SMALL_LOWER = ("", "十", "百", "千")
SMALL_UPPER = ("", "拾", "佰", "仟")


def _group(n: int, digits: str, small: tuple) -> str:
    """0 < n < 10000 in the standard form: 零 for a gap between non-zero digits, none trailing."""
    out, zero = [], False
    for p in (3, 2, 1, 0):
        d = n // 10 ** p % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append(digits[0])
            zero = False
        out.append(digits[d] + small[p])
    return "".join(out)


def to_chinese(n: int, daxie: bool = False) -> str:
    """Standard Chinese rendering of 0 <= n < 10**16 (一十 reduced to 十 at the very start)."""
    digits, small = (UPPER, SMALL_UPPER) if daxie else (LOWER, SMALL_LOWER)
    big = ("", "萬" if False else "万", "亿", "万亿")
    if n == 0:
        return digits[0]
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    out, need_zero = [], False
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            need_zero = bool(out)
            continue
        if out and (need_zero or g < 1000):
            out.append(digits[0])
        out.append(_group(g, digits, small) + big[i])
        need_zero = False
    s = "".join(out)
    if not daxie and s.startswith("一十"):
        s = s[1:]
    return s


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_numbers_property_chinese_rendering_parses_back(n):
    assert parse_number(to_chinese(n)) == n, to_chinese(n)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_numbers_property_daxie_rendering_parses_back(n):
    assert parse_number(to_chinese(n, daxie=True)) == n, to_chinese(n, daxie=True)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.booleans())
def test_numbers_property_thousands_separators_parse_back(n, full_width):
    s = f"{n:,}"
    if full_width:
        s = s.translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    assert parse_number(s) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**12))
def test_numbers_property_chinese_count_scans_as_one_match(n):
    """Duckling-style: a rendered number before a unit is one match covering all of it."""
    r = to_chinese(n)
    got = scan_numbers("共受理" + r + "件。")
    assert [(m.text, m.value, m.kind, m.unit) for m in got] == [(r, n, "count", "件")]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1000, max_value=10**12))
def test_numbers_property_arabic_thousands_count_scans_as_one_match(n):
    r = f"{n:,}"
    got = scan_numbers("累计公开信息" + r + "条")
    assert [(m.text, m.value, m.unit) for m in got] == [(r, n, "条")]


KINDS = {"count", "percent", "decimal", "year", "date_part", "change", "ordinal", "code"}
FRAGMENTS = st.sampled_from([
    "共", "受理", "申请", "件", "条", "个", "人次", "，", ",", "、", "。", "%", "％", "年", "月", "日",
    "号", "第", "一是", "（", "）", "(", ")", "约", "余", "多", "以上", "较上年增加", "减少", "分别为",
    "百分之", "负", "-", ".", "．", ":", "：", "〔", "〕", "\n", " ", "万", "千", "百", "十", "零",
    "一", "二", "两", "三", "九", "〇", "统一", "一些", "www.", "com", "GB", "@", "邮编", "电话",
    "１", "２", "０", "点", "廿", "壹", "拾",
])
NUMS = st.integers(min_value=0, max_value=10**9).map(str)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, NUMS), max_size=40))
def test_numbers_property_scan_spans_exact_ordered_disjoint(parts):
    text = "".join(parts)
    got = scan_numbers(text)
    last = 0
    for m in got:
        assert text[m.start:m.end] == m.text
        assert m.start >= last and m.end > m.start
        assert isinstance(m.value, (int, float))
        assert m.kind in KINDS and m.qualifier in (None, "approx", "more", "less")
        last = m.end


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, NUMS), max_size=30), st.data())
def test_numbers_property_scan_by_range_stays_in_range(parts, data):
    text = "".join(parts)
    a = data.draw(st.integers(min_value=0, max_value=len(text)))
    b = data.draw(st.integers(min_value=a, max_value=len(text)))
    for m in scan_numbers(text, a, b):
        assert a <= m.start < m.end <= b


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60))
def test_numbers_property_any_text_never_raises(text):
    assert parse_number(text) is None or isinstance(parse_number(text), (int, float))
    for m in scan_numbers(text):
        assert text[m.start:m.end] == m.text


def test_numbers_property_pathological_runs_do_not_raise():
    for text in ("十" * 3000, "1" * 5000, "一" * 3000 + "件", "x" + "1" * 5000 + ".com",
                 "1," * 2000 + "1件", "百分之" * 100):
        scan_numbers(text)
        parse_number(text)
