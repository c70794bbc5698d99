"""Checks on the statistical period and the publication date (period.*, published.*).

Deadlines (report-formats.md §1): before the 2019 条例 every agency publishes by 3月31日 of the
next year; for report years 2019 on, departments (县级以上人民政府部门) by 1月31日 and each
government's own report by 3月31日. The period is always the whole calendar year.
"""

from __future__ import annotations

from datetime import date
from typing import Iterable, Optional

import regex

from .. import rules
from ..types import Analysis, Evidence, Flag
from . import make_flag

# the year the revised 条例 (国务院令第711号) first governs: reports on 2019 and later
NEW_REGULATION_YEAR = 2019


def _cn(iso: Optional[str]) -> str:
    if not iso:
        return "（日期缺失）"
    d = date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def deadline(year: int, agency_kind: Optional[str]) -> tuple[date, str]:
    """The last lawful publication day of a report on ``year`` and the rule that sets it."""
    if year < NEW_REGULATION_YEAR:
        return date(year + 1, 3, 31), "2007年条例第三十一条：每年3月31日前公布"
    if agency_kind == "department":
        return date(year + 1, 1, 31), "2019年条例第四十九条：政府部门每年1月31日前公布"
    return date(year + 1, 3, 31), "2019年条例第四十九条：各级人民政府每年3月31日前公布"


def looks_complete(text: str) -> bool:
    """The text reaches the report's closing parts (问题及改进, 其他需要报告的事项, 附表) in its
    last part: a copy cut before them may still state its period there (gold 022 guangnei:
    报告后附相关的说明), so a missing period is flagged only on a report read to its end."""
    pattern = rules.load("metadata")["report_end"]
    tail_from = int(len(text) * 0.4)
    return regex.search(pattern, text[tail_from:]) is not None


def _evidence(doc, span) -> tuple[Evidence, ...]:
    if not span:
        return ()
    start, end = span
    return (Evidence(start, end, page=doc.page_of(start), quote=doc.text[start:end]),)


def check(analysis: Analysis) -> Iterable[Flag]:
    meta, doc = analysis.meta, analysis.doc
    if meta.format == "not_report":
        return []
    flags: list[Flag] = []
    p = meta.period
    if p is None or (p.start is None and p.end is None):
        if meta.period_stated and p is not None:
            flags.append(make_flag("period.missing", values=(), evidence=_evidence(doc, p.span),
                                   detail=f"的具体日期（“{p.text}”，日期缺失）"))
        elif looks_complete(doc.text):
            # nothing to quote: point at the report's title (where a reader starts looking)
            flags.append(make_flag("period.missing", values=(),
                                   evidence=_evidence(doc, meta.title_span),
                                   detail="（全文未见“统计期限”等说明）"))
    else:
        ev = _evidence(doc, p.span)
        if p.start and p.end:
            s, e = date.fromisoformat(p.start), date.fromisoformat(p.end)
            whole = s.year == e.year and (s.month, s.day) == (1, 1) and (e.month, e.day) == (12, 31)
            if not whole:
                flags.append(make_flag("period.partial_year", values=(p.start, p.end), evidence=ev,
                                       start=_cn(p.start), end=_cn(p.end)))
            # the year from the title or the report's own name for itself, not one derived
            # from the period
            if (s.year == e.year and meta.year and meta.year_rule in ("year.title", "year.intro")
                    and s.year != meta.year):
                flags.append(make_flag("period.year_mismatch", values=(s.year, meta.year),
                                       evidence=ev + _evidence(doc, meta.title_span),
                                       period_year=s.year, year=meta.year))
    if meta.published and meta.year:
        pub = date.fromisoformat(meta.published)
        last, rule = deadline(meta.year, meta.agency_kind)
        ev = _evidence(doc, meta.published_span)
        if pub > last:
            flags.append(make_flag("published.late", values=(meta.published, last.isoformat()),
                                   evidence=ev, published=_cn(meta.published),
                                   deadline=_cn(last.isoformat()), rule=rule))
        if p is not None and p.end and pub < date.fromisoformat(p.end):
            flags.append(make_flag("published.early", values=(meta.published, p.end),
                                   evidence=ev + _evidence(doc, p.span),
                                   published=_cn(meta.published), end=_cn(p.end)))
    return flags
