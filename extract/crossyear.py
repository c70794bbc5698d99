"""The cross-report audit: the same agency across consecutive years (contract §2, cross_year.*).

Works on report views, not on the database: ``ReportView`` is the contract JSON of one report
plus its normalized text, so both ``gouji eval`` (fresh analyses) and the database (stored rows)
can call ``cross_report_flags``.

- Agencies are matched across years despite name variants: a report written by a government's
  office in its name (平潭综合实验区管委会办公室 for 平潭综合实验区管委会) is the same agency;
  管理委员会 is 管委会. Different governments (平潭县人民政府 vs 平潭综合实验区) stay apart.
- cross_year.carry_over: table 三 二、上年结转 of year Y against 四、结转下年度继续办理 of Y−1,
  every column both print.
- cross_year.cumulative: a running total (历年累计) of year Y against Y−1's running total plus Y's
  figure; a running total that falls is a break whatever Y's figure.
- cross_year.repeated_text: share of Y's word shingles (jieba words) found in Y−1's text.
- cross_year.identical_figures: every figure of Y equals Y−1's (enough figures to mean it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Mapping, Optional

import regex

from .checks import make_flag
from .rules import load
from .types import Evidence, Flag


@dataclass(frozen=True)
class ReportView:
    name: str
    json: dict
    text: str = ""


def _rules() -> dict:
    return load("crossyear")


def agency_key(name: Optional[str]) -> Optional[str]:
    """A name that stays the same across an agency's reports (None when unknown)."""
    if not name:
        return None
    rules = _rules()["agency"]
    key = regex.sub(r"\s+", "", name)
    for old, new in rules["replace"].items():
        key = key.replace(old, new)
    for suffix in rules["office_suffixes"]:
        if key.endswith(suffix):
            rest = key[: -len(suffix)]
            if rest.endswith(tuple(rules["office_of"])):
                key = rest
                break
    for suffix in rules["government_suffixes"]:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
            break
    return key or None


def _facts(view: ReportView) -> list[dict]:
    return list(view.json.get("facts") or [])


def _ev(view: ReportView, fact: Optional[dict] = None) -> Evidence:
    if fact is None:
        return Evidence(start=0, end=0, source=view.name)
    return Evidence(start=fact.get("start", 0), end=fact.get("end", 0), page=fact.get("page"),
                    source=view.name)


# --------------------------------------------------------------------------- carry-over


def check_carry_over(prev: ReportView, cur: ReportView) -> list[Flag]:
    before = {f["key"][len("t3.carried_forward."):]: f for f in _facts(prev)
              if f["key"].startswith("t3.carried_forward.")}
    flags = []
    for f in _facts(cur):
        if not f["key"].startswith("t3.carried_over."):
            continue
        column = f["key"][len("t3.carried_over."):]
        p = before.get(column)
        if p is None or p["value"] == f["value"]:
            continue
        flags.append(make_flag("cross_year.carry_over", values=[p["value"], f["value"]],
                               evidence=[_ev(cur, f), _ev(prev, p)], column=f.get("label") or column,
                               this_value=f["value"], prev_value=p["value"]))
    return flags


# --------------------------------------------------------------------------- running totals


def _series(view: ReportView) -> dict:
    """{series: (cumulative fact, [this-year facts])}. A series is the year figure's key and
    label: proactive.cumulative pairs with proactive.total; any other fact qualified
    'cumulative' pairs with the unqualified facts of the same key and label."""
    cum: dict = {}
    year: dict = defaultdict(list)
    for f in _facts(view):
        key, label = f["key"], f.get("label") or ""
        if key == "proactive.cumulative":
            cum.setdefault(("proactive.total", ""), f)
        elif f.get("qualifier") == "cumulative":
            cum.setdefault((key, _label_key(key, label)), f)
        elif f.get("qualifier") not in ("as_of", "cumulative"):
            year[(key, _label_key(key, label))].append(f)
    return {s: (c, year.get(s, [])) for s, c in cum.items()}


def _label_key(key: str, label: str) -> str:
    if key.endswith((".by_channel", ".by_category", ".by_outcome")):
        return regex.sub(r"[\s\d、.．:：其中（）()数]", "", label)
    return ""


def _series_label(label: str) -> str:
    """The label without its 历年累计 column name (a 统计表 row is labelled "row / 历年累计"):
    the message says 历年累计 itself."""
    return regex.sub(r"\s*(?:[/／]\s*)?历年累计\s*$", "", label) or label


def check_cumulative(prev: ReportView, cur: ReportView) -> list[Flag]:
    before = _series(prev)
    flags = []
    for series, (c, year_facts) in _series(cur).items():
        if series not in before:
            continue
        p = before[series][0]
        pv, cv = p["value"], c["value"]
        if cv < pv:
            broken = True
        elif year_facts:
            broken = not any(abs(pv + y["value"] - cv) < 0.5 for y in year_facts)
        else:
            continue
        if not broken:
            continue
        yv = year_facts[0]["value"] if year_facts else 0
        flags.append(make_flag("cross_year.cumulative", values=[pv, cv],
                               evidence=[_ev(cur, c), _ev(prev, p)],
                               label=_series_label(c.get("label") or series[0]),
                               this_value=cv, prev_value=pv,
                               year_value=yv, expected=pv + yv))
    return flags


# --------------------------------------------------------------------------- repeated text


# compiled once: regex.match(pattern_string, w) per word looked the pattern up in regex's cache
# every time, 4.4 ms per report (as long as jieba's segmentation itself)
_WORDISH = regex.compile(r"[\p{Han}A-Za-z0-9]")


def _shingles(text: str, n: int) -> list[tuple]:
    from .segment import words

    toks = [w for w in words(text) if _WORDISH.match(w)]
    return [tuple(toks[i:i + n]) for i in range(max(0, len(toks) - n + 1))]


def _prose(text: str) -> str:
    """The text without table rows (cells are tab-separated in the readers' text): the labels of
    a standard table are the same every year, and 洪泽区 2024 (002) would pass one half on its
    table 三 labels alone (51% with them, 39% without)."""
    return "\n".join(line for line in text.split("\n") if "\t" not in line)


def repeated_share(prev_text: str, cur_text: str) -> float:
    """Share of the current prose's word shingles that stand in the previous prose."""
    n = _rules()["repeated_text"]["shingle_words"]
    prev_text, cur_text = _prose(prev_text), _prose(cur_text)
    cur = _shingles(cur_text, n)
    if not cur:
        return 0.0
    seen = set(_shingles(prev_text, n))
    return sum(1 for s in cur if s in seen) / len(cur)


def check_repeated_text(prev: ReportView, cur: ReportView) -> list[Flag]:
    conf = _rules()["repeated_text"]
    if len(cur.text) < conf["min_chars"] or len(prev.text) < conf["min_chars"]:
        return []
    share = repeated_share(prev.text, cur.text)
    if share <= conf["threshold"]:
        return []
    pct = round(100 * share, 1)
    return [make_flag("cross_year.repeated_text", values=[pct],
                      evidence=[_ev(cur), _ev(prev)], share=pct)]


# --------------------------------------------------------------------------- identical figures


def check_identical_figures(prev: ReportView, cur: ReportView) -> list[Flag]:
    conf = _rules()["identical_figures"]

    def figures(view):
        return sorted((f["key"], f.get("label") or "", f["value"]) for f in _facts(view)
                      if f.get("qualifier") != "cumulative" and f["key"] != "proactive.cumulative")

    a, b = figures(prev), figures(cur)
    nonzero = sum(1 for _, _, v in b if v)
    if a != b or len(b) < conf["min_figures"] or nonzero < conf["min_nonzero"]:
        return []
    return [make_flag("cross_year.identical_figures", values=[len(b)],
                      evidence=[_ev(cur), _ev(prev)], n=len(b))]


# --------------------------------------------------------------------------- the audit

CHECKS = (check_carry_over, check_cumulative, check_repeated_text, check_identical_figures)


def cross_report_flags(views: Mapping[str, ReportView]) -> dict[str, list[Flag]]:
    """Flags for each report (by name) that need the same agency's previous year."""
    groups: dict = defaultdict(dict)
    for name, v in views.items():
        rep = v.json.get("report") or {}
        if rep.get("format") == "not_report" or not rep.get("year"):
            continue
        key = agency_key(rep.get("agency"))
        if key is None:
            continue
        # Two files of one agency and year (a text copy and a web page) are compared with the
        # previous year, not with each other; the first name wins for the previous-year role.
        groups[key].setdefault(rep["year"], []).append(v)
    out: dict[str, list[Flag]] = defaultdict(list)
    for by_year in groups.values():
        for year, views_y in by_year.items():
            prev = by_year.get(year - 1)
            if not prev:
                continue
            for cur in views_y:
                for check in CHECKS:
                    out[cur.name].extend(check(prev[0], cur))
    return dict(out)
