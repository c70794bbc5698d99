"""Date and period expressions as inclusive intervals with a grain.

``parse(s)`` reads one expression that covers the whole string (case tables, header values);
``find_dates(text)`` scans running text and returns every expression with its span, so the
metadata stage can point at the period sentence or the date under the sign-off.

An interval is inclusive on both sides, as reports state periods (…至12月31日). As-of
expressions (截至2013年12月31日) have no start; 2013年1月1日起 has no end. The patterns are data
(extract/dates.yaml).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Optional

import regex

from . import rules

_FULL = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class DateSpan:
    """One date or period expression: inclusive [start, end] (None for an open side)."""

    start: Optional[date]
    end: Optional[date]
    grain: str  # day | month | quarter | half | year | range | as_of | open
    span: tuple[int, int] = (0, 0)
    rule: str = ""
    text: str = ""

    @property
    def start_iso(self) -> Optional[str]:
        return self.start.isoformat() if self.start else None

    @property
    def end_iso(self) -> Optional[str]:
        return self.end.isoformat() if self.end else None


def to_int(s: Optional[str]) -> Optional[int]:
    """Arabic (half- or full-width) or Chinese numerals of a date part: 2013, ２０１３, 二〇一三,
    十二, 三十一. Digit-by-digit Chinese (years) when there is no 十."""
    if s is None:
        return None
    s = s.strip().translate(_FULL)
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if "十" not in s and all(ch in _CN_DIGIT for ch in s):
        # years digit by digit, with the circles and letters scrapers put for 〇 (二Ｏ一三)
        return int("".join(str(_CN_DIGIT[ch]) for ch in s))
    return _parse_number(s)


def _parse_number(s: str) -> Optional[int]:
    try:
        from .numbers import parse_number
    except ImportError:  # pragma: no cover - numbers.py is part of the package
        return None
    v = parse_number(s)
    return int(v) if isinstance(v, (int, float)) and float(v).is_integer() else None


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[str, str, bool, "regex.Pattern"], ...]:
    data = rules.load("dates")
    parts = data["parts"]
    out = []
    for rule in data["rules"]:
        pattern = rules.expand(rule["pattern"], parts)
        out.append((rule["id"], rule["kind"], bool(rule.get("relative")),
                    regex.compile(pattern)))
    return tuple(out)


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _safe(y: Optional[int], m: Optional[int], d: Optional[int]) -> Optional[date]:
    try:
        return date(y, m, d) if y and m and d else None
    except ValueError:
        return None


def _edge(y: int, m: Optional[int], edge: Optional[str]) -> tuple[date, date]:
    """The interval of a year or month, narrowed by 底/末 (last day), 初 (first day), 上/中/下旬."""
    if m is None:
        start, end = date(y, 1, 1), date(y, 12, 31)
        if edge in ("底", "末"):
            return end, end
        if edge == "初":
            return start, start
        return start, end
    last = _last_day(y, m)
    if edge in ("底", "末"):
        return date(y, m, last), date(y, m, last)
    if edge == "初":
        return date(y, m, 1), date(y, m, 1)
    if edge == "上旬":
        return date(y, m, 1), date(y, m, 10)
    if edge == "中旬":
        return date(y, m, 11), date(y, m, 20)
    if edge == "下旬":
        return date(y, m, 21), date(y, m, last)
    return date(y, m, 1), date(y, m, last)


def _relative(word: str, base: date) -> Optional[tuple[date, date, str]]:
    y = base.year
    if word in ("上半年",):
        return date(y, 1, 1), date(y, 6, 30), "half"
    if word in ("下半年",):
        return date(y, 7, 1), date(y, 12, 31), "half"
    if word in ("本年度", "本年", "今年", "全年"):
        return date(y, 1, 1), date(y, 12, 31), "year"
    if word in ("去年", "上年度", "上年", "上一年", "上一年度"):
        return date(y - 1, 1, 1), date(y - 1, 12, 31), "year"
    if word in ("明年", "下一年", "下一年度"):
        return date(y + 1, 1, 1), date(y + 1, 12, 31), "year"
    return None


_YEAR_RANGE = (1949, 2100)


def _interpret(kind: str, g: dict, base: Optional[date]) -> Optional[tuple]:
    """(start, end, grain) of one match, None when the parts are not a real date."""
    if kind == "relative":
        return _relative(g["rel"], base) if base else None
    y1 = to_int(g.get("y1"))
    if y1 is None or not (_YEAR_RANGE[0] <= y1 <= _YEAR_RANGE[1]):
        return None
    m1, d1 = to_int(g.get("m1")), to_int(g.get("d1"))
    if m1 is not None and not 1 <= m1 <= 12:
        return None
    if kind == "day":
        d = _safe(y1, m1, d1)
        return (d, d, "day") if d else None
    if kind == "open":
        d = _safe(y1, m1, d1)
        return (d, None, "open") if d else None
    if kind == "range":
        y2 = to_int(g.get("y2")) or y1
        m2 = to_int(g.get("m2"))
        d2 = to_int(g.get("d2"))
        if g.get("d1") is None:  # month range: 2013年1-6月
            if m2 is None or not 1 <= m2 <= 12:
                return None
            start, end = date(y1, m1, 1), date(y2, m2, _last_day(y2, m2))
        else:
            start = _safe(y1, m1, d1)
            end = _safe(y2, m2 if m2 is not None else m1, d2)
        if not start or not end or end < start:
            return None
        return start, end, "range"
    if kind == "as_of":
        edge = g.get("edge")
        if d1 is not None:
            end = _safe(y1, m1, d1)
            if not end:
                return None
        else:
            _, end = _edge(y1, m1, edge)
            if edge == "初":  # 截至2013年12月初: as of the start of December (seed 000)
                end, _ = _edge(y1, m1, edge)
        return None, end, "as_of"
    if kind == "quarter":
        q = to_int(g.get("q"))
        if not q or not 1 <= q <= 4:
            return None
        return date(y1, 3 * q - 2, 1), date(y1, 3 * q, _last_day(y1, 3 * q)), "quarter"
    if kind == "half":
        if g.get("half") == "上":
            return date(y1, 1, 1), date(y1, 6, 30), "half"
        return date(y1, 7, 1), date(y1, 12, 31), "half"
    if kind == "month":
        start, end = _edge(y1, m1, g.get("edge"))
        return start, end, ("day" if g.get("edge") else "month")
    if kind == "year":
        start, end = _edge(y1, None, g.get("edge"))
        return start, end, ("day" if g.get("edge") else "year")
    return None


def _matches(text: str, pos: int, endpos: int, base: Optional[date], relative: bool):
    for rule_id, kind, is_rel, pat in _compiled():
        if is_rel and not relative:
            continue
        for m in pat.finditer(text, pos, endpos, overlapped=False):
            got = _interpret(kind, m.groupdict(), base)
            if got is None:
                continue
            start, end, grain = got
            yield DateSpan(start, end, grain, (m.start(), m.end()), rule_id, m.group())


def find_dates(text: str, start: int = 0, end: Optional[int] = None,
               base: Optional[date] = None) -> list[DateSpan]:
    """Every date or period expression in text[start:end], longest first where they overlap.

    Relative words (上半年, 去年) are read only when ``base`` is given.
    """
    end = len(text) if end is None else end
    order = {rid: i for i, (rid, *_rest) in enumerate(_compiled())}
    # longest first (自2013年1月1日起 must not hide 2013年1月1日起至2013年12月1日止), then earlier
    found = sorted(_matches(text, start, end, base, base is not None),
                   key=lambda d: (-(d.span[1] - d.span[0]), d.span[0], order[d.rule]))
    out: list[DateSpan] = []
    for d in found:
        if any(d.span[0] < o.span[1] and o.span[0] < d.span[1] for o in out):
            continue
        out.append(d)
    return sorted(out, key=lambda d: d.span[0])


def parse(s: str, base: Optional[date] = None) -> Optional[DateSpan]:
    """The one expression that covers all of ``s`` (surrounding spaces aside), else None."""
    stripped = s.strip()
    lead = len(s) - len(s.lstrip())
    best = None
    for d in _matches(s, lead, lead + len(stripped), base, True):
        if d.span == (lead, lead + len(stripped)):
            if best is None or _rank(d) < _rank(best):
                best = d
    return best


def _rank(d: DateSpan) -> int:
    return next(i for i, (rid, *_r) in enumerate(_compiled()) if rid == d.rule)


def whole_year(d: DateSpan) -> bool:
    """True when the interval is 1月1日–12月31日 of one year."""
    return (d.start is not None and d.end is not None and d.start.year == d.end.year
            and (d.start.month, d.start.day) == (1, 1) and (d.end.month, d.end.day) == (12, 31))
