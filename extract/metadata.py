"""Report metadata: title, agency, year, statistical period, publication date, format.

Rules are data (extract/metadata.yaml); every value records the rule that produced it. Nothing
is invented: a period the report does not state is None (never derived from the year), a
publication date comes only from a labelled header or the date line of the sign-off (the seed's
first line "2021-4-10 | 总结报告" is a mirror's date and category, not a publication date).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from . import rules
from .dates import DateSpan, find_dates, to_int
from .types import Document, Period, ReportMeta, Section


# --------------------------------------------------------------------------- rule loading


@lru_cache(maxsize=1)
def _cfg() -> dict:
    return rules.load("metadata")


def _x(pattern: str) -> str:
    return rules.expand(pattern, _cfg()["parts"])


@lru_cache(maxsize=None)
def _re(pattern: str, flags: int = 0) -> "regex.Pattern":
    return regex.compile(_x(pattern), flags)


def _part(name: str) -> "regex.Pattern":
    return _re("{" + name + "}")


# --------------------------------------------------------------------------- helpers


_WS = regex.compile(r"\s+")
_HAN = regex.compile(r"\p{Han}+")


def _lines(text: str, limit: int) -> list[tuple[int, int, str]]:
    """The first ``limit`` non-empty lines as (start, end, stripped text) with exact offsets.

    Line by line with find: splitting the whole text first cost a copy of a long report (or a
    5 MB one-line file) on every call for the few lines at its head."""
    out: list[tuple[int, int, str]] = []
    start = 0
    while True:
        nl = text.find("\n", start)
        end = len(text) if nl < 0 else nl
        raw = text[start:end]
        stripped = raw.strip(" \t\u3000|｜")
        if stripped:
            lead = raw.index(stripped[0])
            out.append((start + lead, start + lead + len(stripped), stripped))
            if len(out) >= limit:
                break
        if nl < 0:
            break
        start = nl + 1
    return out


def _inside_book_title(text: str, pos: int) -> bool:
    """True when pos stands inside 《…》 (a cited notice or regulation, not the report)."""
    head = text[max(0, pos - 120):pos]
    return head.rfind("《") > head.rfind("》")


def _year_value(s: str) -> Optional[int]:
    y = to_int(s)
    return y if y is not None and 1990 <= y <= 2100 else None


# --------------------------------------------------------------------------- header lines


@lru_cache(maxsize=1)
def _header_patterns() -> tuple:
    """((kind, ((label, pattern), ...)), ...) built once (escaping and joining every label per
    report was a tenth of this stage)."""
    cfg = _cfg()
    return tuple(
        (kind, tuple((label, _re(cfg["header_not_after"] + regex.escape(label) + cfg["header_sep"]
                                 + cfg["header_value"], regex.M)) for label in labels))
        for kind, labels in cfg["header"].items())


def _header(text: str) -> dict:
    """Label: value lines at the head of crawled pages: {kind: (value, start, end, label)}."""
    cfg = _cfg()
    head_end = min(len(text), cfg["header_chars"])
    found: dict = {}
    for kind, labelled in _header_patterns():
        for label, pat in labelled:
            for m in pat.finditer(text, 0, head_end):
                value = m.group("value").strip(" \t\u3000|｜")
                if not value:
                    continue
                start = m.start("value") + m.group("value").index(value[0])
                found.setdefault(kind, []).append((value, start, start + len(value), label))
            if kind in found and kind != "published":
                break
    return found


def _header_published(header: dict) -> Optional[tuple[str, tuple[int, int], str]]:
    for value, start, _end, label in header.get("published", []):
        for d in find_dates(value):
            if d.grain == "day" and d.start:
                return d.start.isoformat(), (start + d.span[0], start + d.span[1]), label
    return None


# --------------------------------------------------------------------------- title


def _title_subject(title: str) -> str:
    """The agency part of a title: without the year, 关于, and the report words."""
    s = _re("{report_tail}$").sub("", title)
    s = _re(_cfg()["agency"]["title_strip"]).sub("", s)
    return s.strip(" \t\u3000|｜:：,，、-—")


def _good_title(candidate: str) -> bool:
    cfg = _cfg()["title"]
    if len(candidate) > cfg["max_chars"]:
        return False
    if not _re(cfg["pattern"]).match(candidate):
        return False
    if _re(cfg["reject"]).search(candidate):
        return False
    # a title names a year or an agency ("政府信息公开年报" alone is a site's column name)
    prefix = _re("{report_tail}$").sub("", candidate)
    if _part("year4").search(prefix):
        return True
    subject = _title_subject(candidate)
    return len(subject) >= 2 and bool(_re("{agency_suffix}$").search(subject))


def _find_title(text: str, header: dict) -> Optional[tuple[str, tuple[int, int], str]]:
    for value, start, end, _label in header.get("title", []):
        return value, (start, end), "title.header"
    lines = _lines(text, _cfg()["title"]["lines"])
    for i, (start, end, line) in enumerate(lines):
        cand = _WS.sub("", line).strip("《》")
        if _good_title(cand):
            # 051 minyi: "五常市民意乡" / "2021年政府信息公开工作年度报告" - the agency on the line above
            if not _title_subject(cand) and i > 0:
                pstart, _pend, prev = lines[i - 1]
                if len(prev) <= 30 and _HAN.fullmatch(prev):
                    return prev + cand, (pstart, end), "title.two_lines"
            return cand, (start, end), "title.line"
        m = _re(_cfg()["title"]["prefix"]).match(line)
        if m and _good_title(m.group("title")):
            return m.group("title"), (start, start + m.end("title")), "title.prefix"
        if i + 1 < len(lines) and len(line) <= 40:
            nstart, nend, nxt = lines[i + 1]
            joined = _WS.sub("", line + nxt)
            # 014 kewei: "2024 年上海市科委政府信息公开工作" / "年度报告"
            if len(nxt) <= 40 and _good_title(joined) and not _good_title(_WS.sub("", nxt)):
                return joined, (start, nend), "title.two_lines"
    return None


# --------------------------------------------------------------------------- not a report


def _is_not_report(text: str, title: Optional[str], has_period: bool = False) -> bool:
    """Notices about the report (044/045), statistical bulletins (043), texts without any mark
    of an annual report. Decided by content: the title area, then the report's marks."""
    cfg = _cfg()["not_report"]
    lines = [ln[2] for ln in _lines(text, cfg["title_lines"])]
    notice, bulletin = _re(cfg["notice"]), _re(cfg["bulletin"])
    for i in range(len(lines)):
        for n in (1, 2, 3):
            chunk = lines[i:i + n]
            if len(chunk) < n or any(len(c) > 60 for c in chunk):
                break
            joined = _WS.sub("", "".join(chunk))
            if notice.search(joined) and _re(cfg["notice_about"]).search(joined):
                return True
            if bulletin.search(joined) and title is None:
                return True
    marks = sum(1 for p in _cfg()["report_marks"] if _re(p).search(text))
    if marks == 0:
        return True
    if title is None and not has_period \
            and len(_re(_cfg()["disclosure_word"]).findall(text)) < _cfg()["disclosure_min"]:
        return True
    return False


# --------------------------------------------------------------------------- period


def _find_period(text: str) -> tuple[Optional[Period], bool]:
    cfg = _cfg()["period"]
    reach = cfg["reach"]
    lost_seen: Optional[Period] = None
    for cue in _re(cfg["cue"]).finditer(text):
        after = cue.end()
        window_end = min(len(text), after + reach + 60)
        for d in find_dates(text, after, window_end):
            if d.span[0] - after > reach:
                break
            if d.grain == "day":
                continue  # a single day is not a period
            if d.start or d.end:
                start = d.start.isoformat() if d.start else None
                end = d.end.isoformat() if d.end else None
                return Period(start, end, (cue.start(), d.span[1]), "period." + d.rule[5:],
                              text[cue.start():d.span[1]]), True
        if lost_seen is not None:
            continue
        tail = text[after:window_end]
        lead = len(tail) - len(tail.lstrip(" \t\u3000为是自从由:："))
        m = _re(cfg["lost_digits"]).match(tail, lead)
        if m and m.start() - lead <= 2:
            y = int(m.group("y"))
            if 1990 <= y <= 2100:
                # 统计期限为201711日至20171231日: the digits start with the year; the whole year
                lost_seen = Period(f"{y}-01-01", f"{y}-12-31",
                                   (cue.start(), after + m.end()), "period.lost_digits_year",
                                   text[cue.start():after + m.end()])
                continue
        m = _re(cfg["lost_all"]).match(tail)
        if m and m.group("lost").strip():
            lost_seen = Period(None, None, (cue.start(), after + m.end()), "period.dates_lost",
                               text[cue.start():after + m.end()])
    if lost_seen is not None:
        return lost_seen, True
    return None, False


# --------------------------------------------------------------------------- year


def _year(text: str, title: Optional[str], period: Optional[Period], header: dict,
          not_report: bool) -> tuple[Optional[int], str]:
    cfg = _cfg()["year"]
    if title:
        m = _part("year4").search(title)
        if m and _year_value(m.group()):
            return _year_value(m.group()), "year.title"
    intro = cited = None
    for m in _re(cfg["intro"]).finditer(text):
        y = _year_value(m.group("year"))
        if y is None:
            continue
        if not _inside_book_title(text, m.start()):
            intro = y
            break
        # 《…关于做好2012年政府信息公开工作年度报告有关事项的通知》: the notice's year, weaker
        cited = cited or y
    if intro:
        return intro, "year.intro"
    if period is not None and period.end:
        return int(period.end[:4]), "year.period"
    if period is not None and period.start:
        return int(period.start[:4]), "year.period"
    if period is not None and period.rule == "period.lost_digits_year" and period.start:
        return int(period.start[:4]), "year.period"
    if cited:
        return cited, "year.intro_cited"
    # the first year the text mentions outside header lines and citations (seed 000:
    # "2013年街道全面…开展"); never the header's publication date
    header_spans = [(s, e) for vals in header.values() for (_v, s, e, _l) in vals]
    for m in _re(cfg["first_mention"]).finditer(text):
        if any(s <= m.start() < e for s, e in header_spans):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_head = text[line_start:m.start()]
        if regex.search(r"(?:发布|公开|发文|成文)?(?:时间|日期)[:：]", line_head):
            continue
        if _inside_book_title(text, m.start()):
            continue
        y = _year_value(m.group("year"))
        if y:
            return y, "year.first_mention"
    if not_report:
        m = _re(cfg["doc_number"]).search(text)
        if m:
            return int(m.group("year")), "year.doc_number"
    return None, ""


# --------------------------------------------------------------------------- publication date


def _signoff(text: str) -> Optional[tuple[DateSpan, Optional[tuple[str, int, int]]]]:
    """The date line under the report's sign-off (the last date-only line), with the agency
    line right above it when it names one."""
    cfg = _cfg()["published"]
    best = None
    for m in _re(cfg["signoff_line"]).finditer(text):
        if m.start() < len(text) * 0.3:
            continue
        # a date alone on a line is a sign-off when it closes the text, when an attachment
        # follows (the 统计表 may be longer than the report) or under an agency line; a date
        # cell of a flattened table is not
        rest = text[m.end():].lstrip()
        closes = len(rest) <= cfg["signoff_tail"] and not _re(cfg["signoff_heading"]).search(rest)
        if not (closes or _re(cfg["signoff_next"]).match(rest)
                or _agency_line_above(text, m.start())):
            continue
        best = m
    if best is None:
        for m in _re(cfg["signoff_inline"]).finditer(text):
            if m.start() >= len(text) * 0.3:
                best = m
    if best is None:
        return None
    dates = [d for d in find_dates(text, best.start("date"), best.end("date")) if d.grain == "day"]
    if not dates:
        return None
    d = dates[0]
    return d, _agency_line_above(text, best.start())


def _agency_line_above(text: str, pos: int) -> Optional[tuple[str, int, int]]:
    """The line right above ``pos`` when it is an agency name (the sign-off)."""
    prev_end = text.rfind("\n", 0, pos)
    if prev_end <= 0:
        return None
    prev_start = text.rfind("\n", 0, prev_end) + 1
    line = text[prev_start:prev_end].strip(" \t\u3000")
    if line and len(line) <= 40 and regex.fullmatch(r"[\p{Han}（）()]+", line) \
            and _re("{agency_suffix}$").search(line):
        s = prev_start + text[prev_start:prev_end].index(line[0])
        return line, s, s + len(line)
    return None


# --------------------------------------------------------------------------- agency


def _agency_kind(name: Optional[str]) -> Optional[str]:
    if not name:
        return None
    cfg = _cfg()["agency"]
    if _re(cfg["department"]).search(name):
        return "department"
    if _re(cfg["government"]).search(name):
        return "government"
    return None


def _intro_agency(text: str) -> Optional[tuple[str, tuple[int, int], str]]:
    for rule in _cfg()["agency"]["intro"]:
        for m in _re(rule["pattern"], regex.M).finditer(text, 0, min(len(text), 6000)):
            name = m.group("agency")
            # 011 pingtan: 我区管委会办公室编制 - a self-reference, not a name
            if name.startswith(("我", "本", "各", "全")) or "我" in name:
                continue
            return name, (m.start("agency"), m.end("agency")), rule["id"]
    return None


def _refine_subject(text: str, subject: str):
    """A fuller name for the title's subject from the report's own sentences, or None."""
    for rule in _cfg()["agency"]["refine"]:
        for m in _re(rule["pattern"]).finditer(text, 0, min(len(text), 6000)):
            groups = m.groupdict()
            if groups.get("office"):
                if subject.endswith(groups["short"]) and not _agency_kind_is_named(subject):
                    return subject + groups["office"], (m.start("short"), m.end("office")), rule["id"]
                continue
            name = groups.get("name") or ""
            at = name.find(subject)
            if at > 0:
                return name[:at + len(subject)], (m.start("name"), m.start("name") + at + len(subject)), rule["id"]
    return None


def _agency_kind_is_named(name: str) -> bool:
    """True when the name already ends in an institution (人民政府, 局, 办公室…), not a place."""
    return bool(_re(_cfg()["agency"]["institution"]).search(name))


def _choose_agency(title_subject, header_agency, signoff_agency, intro_agency):
    """The agency: the title's subject, made more precise by a header or sign-off name that
    contains it (平潭综合实验区 → 发布机构: 平潭综合实验区管委会办公室)."""
    best = title_subject
    if best:
        for cand in (header_agency, signoff_agency):
            if cand and best[0] in cand[0] and len(cand[0]) > len(best[0]):
                best = cand
        return best
    if intro_agency and intro_agency[2] in ("agency.intro_publishes", "agency.intro_compiled_by",
                                            "agency.intro_compiled_per"):
        # the report names itself in its first sentence (034 taizhou: 现公布泰州市人民政府2017年…
        # beside a header 发布机构 | 市政府办): as good as a title
        return _choose_agency(intro_agency, header_agency, signoff_agency, None)
    for cand in (signoff_agency, header_agency, intro_agency):
        if cand:
            return cand
    return None


# --------------------------------------------------------------------------- format


def _format(text: str, year: Optional[int]) -> str:
    cfg = _cfg()["format"]
    if _re(cfg["std2021"]).search(text):
        return "std2021"
    if _re(cfg["std2019"]).search(text):
        return "std2019"
    if year is None:
        return "pre2019"
    if year >= 2021:
        return "std2021"
    if year >= 2019:
        return "std2019"
    return "pre2019"


# --------------------------------------------------------------------------- entry point


def find_meta(doc: Document, sections: tuple[Section, ...] = ()) -> ReportMeta:
    text = doc.text
    header = _header(text)
    title_found = _find_title(text, header)
    title, title_span = (title_found[0], title_found[1]) if title_found else (None, None)
    period, stated = _find_period(text)
    not_report = _is_not_report(text, title, stated)
    year, year_rule = _year(text, title, period, header, not_report)

    title_subject = None
    if title_found:
        subject = _title_subject(title)
        # only a leading year is dropped: 平潭综合实验区2011年政府信息公开… keeps its year
        # between place and 政府, and is no 人民政府
        gov = _re(_cfg()["agency"]["title_government"]).match(
            _re("^{year4}{sp}年度?").sub("", title))
        if gov and gov.group("place") == subject:
            subject = subject + "人民政府"
        title_kind_name = subject
        if len(subject) >= 2:
            title_subject = (subject, None, "agency.title")
            # locate the subject inside the title span when it is written there contiguously
            where = text.find(subject, title_span[0], title_span[1] + 1)
            if where >= 0:
                title_subject = (subject, (where, where + len(subject)), "agency.title")
    if title_subject:
        refined = _refine_subject(text, title_subject[0])
        if refined:
            title_subject = refined
    header_agency = None
    for value, start, end, label in header.get("agency", []):
        if regex.fullmatch(r"[\p{Han}（）()]{2,30}", value) and "网" not in value:
            header_agency = (value, (start, end), "agency.header")
            break
    sign = _signoff(text)
    signoff_agency = None
    if sign and sign[1]:
        name, s, e = sign[1]
        signoff_agency = (name, (s, e), "agency.signoff")
    intro_agency = None if title_subject else _intro_agency(text)
    chosen = _choose_agency(title_subject, header_agency, signoff_agency, intro_agency)
    agency, agency_span, agency_rule = chosen if chosen else (None, None, "")
    kind = _agency_kind(title_kind_name if title_subject else agency)

    published = published_span = None
    published_rule = ""
    got = _header_published(header)
    if got:
        published, published_span, published_rule = got[0], got[1], "published.header"
    elif sign:
        published = sign[0].start.isoformat()
        published_span = sign[0].span
        published_rule = "published.signoff"

    fmt = "not_report" if not_report else _format(text, year)
    return ReportMeta(title=title, agency=agency, year=year, format=fmt, period=period,
                      period_stated=stated, published=published, title_span=title_span,
                      agency_span=agency_span, published_span=published_span,
                      agency_kind=kind, year_rule=year_rule, agency_rule=agency_rule,
                      published_rule=published_rule)
