"""Property tests (hypothesis): a date written in any style the reports use parses back to
itself, and a period sentence written around it yields the same interval and a span that
quotes it."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.dates import find_dates, parse

CN = "〇一二三四五六七八九"
FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def cn_small(n: int) -> str:
    """十二, 三十一, 二十 - how reports write months and days in Chinese."""
    if n < 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


def styles(d: date) -> list[str]:
    return [
        f"{d.year}年{d.month}月{d.day}日",
        f"{d.year} 年 {d.month} 月 {d.day} 日",
        f"{d.year}年{d.month:02d}月{d.day:02d}日",
        f"{d.year}年{d.month}月{d.day}日".translate(FULL),
        "".join(CN[int(c)] for c in str(d.year)) + f"年{cn_small(d.month)}月{cn_small(d.day)}日",
        f"{d.year}.{d.month}.{d.day}",
        d.isoformat(),
        f"{d.year}/{d.month}/{d.day}",
    ]


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31))


@settings(max_examples=150, deadline=None)
@given(dates)
def test_dates_roundtrip_every_style(d):
    for s in styles(d):
        got = parse(s)
        assert got is not None, s
        assert (got.start, got.end, got.grain) == (d, d, "day"), s


@settings(max_examples=100, deadline=None)
@given(dates, st.integers(min_value=0, max_value=400), st.sampled_from(["至", "到", "起至", "—"]))
def test_dates_roundtrip_ranges_in_sentences(start, length, conn):
    end = start + timedelta(days=length)
    right = f"{end.month}月{end.day}日" if end.year == start.year else f"{end.year}年{end.month}月{end.day}日"
    phrase = f"{start.year}年{start.month}月{start.day}日{conn}{right}"
    text = f"本报告所列数据统计期限为{phrase}。如有疑问请联系。"
    found = find_dates(text)
    assert len(found) == 1
    got = found[0]
    assert (got.start, got.end) == (start, end)
    assert text[got.span[0]:got.span[1]] == phrase
