"""Checks: the report's own arithmetic in the prose.

- sum.parts_total: an exhaustive breakdown (Fact.exhaustive, linked by Fact.parent) that does not
  add up to its total; values [parts_sum, total].
- sum.percent: a share stated beside a breakdown entry (…56条，占14%) or a rate (办结率100%) that
  differs from count ÷ base beyond rounding; values [percent, count, base].
- sum.percent_total: the shares of an exhaustive breakdown do not add to about 100%; values [sum].
- value.conflict: the same quantity, same scope, stated twice in the prose with different values.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from typing import Iterable, Optional

import regex

from ..counts import pattern, sentences
from ..types import Analysis, Evidence, Fact, Flag
from . import make_flag

# shares of a total add to 100 within this many percentage points (003: 98.9% is not flagged)
PERCENT_TOTAL_TOLERANCE = 2.0
_GENERIC_PARENTS = ("info.produced", "other.total")
# 办结 and 答复 counts are often different notions in one report: requests.answered is left out
_SINGLE_KEYS = {"proactive.total", "proactive.cumulative", "requests.received",
                "review.total", "litigation.total", "proactive.e_rate", "requests.fees",
                "complaints.total", "staff.total", "staff.full_time", "staff.part_time",
                "budget.special"}


def _decimals(s: str) -> int:
    return len(s.split(".")[1]) if "." in s else 0


def percent_consistent(percent: float, decimals: int, count: float, base: float) -> bool:
    """A stated share agrees with count/base when it is that value rounded or cut to the printed
    precision (005: 60/2026 = 2.96% printed 2.9%); an integer share must round right (057: 56/417
    = 13.4% printed 14%)."""
    if not base:
        return True
    computed = 100.0 * count / base
    tol = max(0.5 * 10 ** -decimals, 0.1) + 1e-9
    return abs(computed - percent) <= tol


def _num(v):
    v = round(v, 2)
    return int(v) if float(v).is_integer() else v


def _share_of(text: str, fact: Fact) -> Optional[tuple[float, int, int, int]]:
    m = pattern("share", "checks").match(text[fact.end:fact.end + 30])
    if not m:
        return None
    s = m.group(1)
    return float(s), _decimals(s), fact.end + m.start(1), fact.end + m.end()


def _runs_on(text: str, last: Fact) -> bool:
    """The list goes on past its last counted entry without a number (021, a cut copy:
    …规划计划和完成情况类信息18条;公共资金使): the breakdown we hold is not the whole list."""
    rest = text[last.end:last.end + 80]
    sh = pattern("share", "checks").match(rest)
    if sh:
        rest = rest[sh.end():]
    m = regex.search(r"[。！？\n]", rest)
    tail = rest[:m.start()] if m else rest
    if m is None and len(text) - last.end < 80:
        return bool(regex.search(r"\p{Han}", tail))
    return bool(regex.match(r"^\s*[；;，,、]", tail)) and bool(pattern("list_runs_on", "checks").search(tail)) \
        and not regex.search(r"\d", tail)


def _ev(doc, start, end) -> Evidence:
    return Evidence(start=start, end=end, page=doc.page_of(start), quote=doc.text[start:end])


def check(analysis: Analysis) -> Iterable[Flag]:
    doc = analysis.doc
    text = doc.text
    facts = [f for f in analysis.facts if f.origin == "text"]
    by_id = {f.id: f for f in facts if f.id}
    groups: dict[tuple, list[Fact]] = defaultdict(list)
    for f in facts:
        if f.parent and f.parent in by_id:
            parent = by_id[f.parent]
            gkey = (f.parent, "*" if parent.key in _GENERIC_PARENTS else f.key)
            groups[gkey].append(f)
    flags: list[Flag] = []
    for (pid, _), items in groups.items():
        total = by_id[pid]
        exhaustive = all(i.exhaustive for i in items)
        usable = [i for i in items if i.qualifier not in ("approx", "more")]
        parts_sum = sum(i.value for i in usable)
        complete = exhaustive and len(items) >= 2 and len(usable) == len(items) \
            and total.qualifier not in ("approx", "more") and not _runs_on(text, items[-1])
        if complete and abs(parts_sum - total.value) > 1e-6 \
                and not _matches_rounded(text, total, parts_sum):  # 3.5万条 of 34987
            flags.append(make_flag(
                "sum.parts_total", values=[_num(parts_sum), total.value],
                evidence=[_ev(doc, total.start, total.end), _ev(doc, items[0].start, items[-1].end)],
                label=total.label, total=total.value, parts_sum=_num(parts_sum),
                detail="+".join(str(i.value) for i in items)))
        # shares of the entries
        shares = []
        for i in items:
            sh = _share_of(text, i)
            shares.append(sh)
            if sh is None:
                continue
            p, d, s0, s1 = sh
            if total.qualifier in ("approx", "more") or i.qualifier in ("approx", "more") \
                    or percent_consistent(p, d, i.value, total.value):
                continue  # 5500余条: no exact base to check a share against
            # 005: 县直各单位…2475条，占62.2% are shares of the parts' own sum (3978), not of 2026
            if complete and parts_sum != total.value and percent_consistent(p, d, i.value, parts_sum):
                continue
            computed = round(100.0 * i.value / total.value, 2) if total.value else 0
            flags.append(make_flag(
                "sum.percent", values=[_num(p), i.value, total.value],
                evidence=[_ev(doc, i.start, s1), _ev(doc, total.start, total.end)],
                percent=_num(p), count=i.value, base=total.value, computed=computed))
        if exhaustive and len(items) >= 2 and any(shares) \
                and all(sh is not None or i.value == 0 for sh, i in zip(shares, items)):
            psum = sum(sh[0] for sh in shares if sh is not None)
            if abs(psum - 100.0) > PERCENT_TOTAL_TOLERANCE:
                last = next(sh for sh in reversed(shares) if sh is not None)
                flags.append(make_flag(
                    "sum.percent_total", values=[_num(psum)],
                    evidence=[_ev(doc, items[0].start, max(items[-1].end, last[3]))],
                    percent_sum=_num(psum)))
    flags.extend(_rates(analysis))
    flags.extend(_conflicts(analysis, facts))
    return flags


_RATE_LEFT_MAX = 200


def _rates(analysis: Analysis) -> Iterable[Flag]:
    """006: 共受理审批事项117件，办结171件，办结率100% (171/117 is not 100%)."""
    doc = analysis.doc
    text = doc.text
    nums = sorted(analysis.numbers, key=lambda n: n.start)
    out = []
    starts = [n.start for n in nums]
    for s0, s1 in sentences(text):
        sn = nums[bisect_left(starts, s0):bisect_left(starts, s1)]
        if len(sn) < 3:
            continue
        counts = []  # (number, left text)
        prev_end = s0
        for n in sn:
            after = text[n.end:n.end + 2]
            is_pct = after[:1] in ("%", "％")
            # the rate patterns read at most a few words back: a bounded window keeps one long
            # sentence of numbers ('1,' * 50000) linear instead of re-reading it per number
            left = text[max(prev_end, n.start - _RATE_LEFT_MAX):n.start]
            if is_pct:
                m = pattern("rate", "checks").search(left)
                if m and counts:
                    verb = m.group("verb")
                    num = next((c for c in reversed(counts) if regex.search(verb + r"[^，,]{0,6}$", c[1])), None)
                    base = next((c for c in counts if pattern("rate_base_left", "checks").search(c[1])), None)
                    if num is not None and base is not None and num is not base:
                        p = float(n.value)
                        if not percent_consistent(p, _decimals(n.text or str(n.value)), num[0].value,
                                                  base[0].value):
                            out.append(make_flag(
                                "sum.percent", values=[_num(p), num[0].value, base[0].value],
                                evidence=[_ev(doc, base[0].start, n.end + 1)], percent=_num(p),
                                count=num[0].value, base=base[0].value,
                                computed=round(100.0 * num[0].value / base[0].value, 2)))
                prev_end = n.end + 1
                continue
            if pattern("rate_count_right", "checks").match(after):
                counts.append((n, left))
                prev_end = n.end
    return out


def _scope(text: str, f: Fact) -> str:
    left = text[max(0, f.start - 40):f.start]
    cut = max(left.rfind("。"), left.rfind("\n"))
    left = left[cut + 1:]
    m = pattern("scope", "checks").search(left + text[f.start:f.end])
    return m.group(0) if m else ""




def _wan_digits(text: str, f: Fact) -> Optional[int]:
    """The decimals of a value printed in 万 (1.2万条: 1), None for a value printed whole."""
    m = regex.search(r"(\d+(?:\.(\d+))?)\s*万", text[f.start:f.end])
    return len(m.group(2) or "") if m else None


def _matches_rounded(text: str, f: Fact, value) -> bool:
    d = _wan_digits(text, f)
    return d is not None and round(value / 10000, d) == round(f.value / 10000, d)


def _rounded_alike(text: str, a: Fact, b: Fact) -> bool:
    """1.2万条 and 12345条 are one figure, rounded once."""
    return _matches_rounded(text, a, b.value) or _matches_rounded(text, b, a.value)


def _conflicts(analysis: Analysis, facts: list[Fact]) -> Iterable[Flag]:
    """The same quantity stated twice: same key (and label for * keys), same qualifier and scope,
    neither an entry of a different total. Seed 000 repeats its categories in 二(二) with the same
    values: no conflict."""
    text = analysis.doc.text
    by_id = {f.id: f for f in facts}
    seen: dict[tuple, Fact] = {}
    out = []
    for f in facts:
        if f.qualifier in ("approx", "more"):
            continue
        if f.key in _SINGLE_KEYS:
            if f.parent or pattern("includes_after", "checks").match(text[f.end:f.end + 4]):
                continue  # 共收到申请53件（含上年结转3件）counts something else than 新收50件
            # 收到 60 and 受理 55 applications are two quantities, not one stated twice
            verb = pattern("verb", "checks").search(text[f.start:f.end])
            k = (f.key, f.qualifier, _scope(text, f), f.unit, verb.group(0) if verb else "")
        elif f.key.endswith(("by_category", "by_channel", "by_outcome")):
            # seed 000: a category of the list restated in its own paragraph is the same quantity
            k = (f.key, f.label, f.qualifier, _scope(text, f), f.unit)
        else:
            continue
        first = seen.get(k)
        if first is None:
            seen[k] = f
            continue
        if first.value != f.value and not _rounded_alike(text, first, f):
            out.append(make_flag(
                "value.conflict", values=[first.value, f.value],
                evidence=[Evidence(first.start, first.end, analysis.doc.page_of(first.start)),
                          Evidence(f.start, f.end, analysis.doc.page_of(f.start))],
                label=f.label, first=first.value, second=f.value))
    return out
