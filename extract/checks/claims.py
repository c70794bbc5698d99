"""Checks: claims in words that the report's own figures contradict (claim.contradiction).

- 均获维持 / 全部胜诉 / 无败诉 while table 四 shows cases corrected or still pending
  (025: 行政复议7件，诉讼9件，均获维持; table 四 尚未审结 2 and 1); values [corrected + pending].
- 所有申请均已办理完成 while applications are carried into next year (014: …转下一年度办理答复的有1件);
  values [carried forward].
- 未收到…政府信息公开申请 while applications are counted; values [received].
- outcomes reported beside zero applications (不予公开10条 with 收到申请0件); values [outcomes].
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, Optional

from ..counts import pattern, sentences
from ..types import Analysis, Evidence, Fact, Flag
from . import make_flag


_COLUMN = {"corrected": "结果纠正", "pending": "尚未审结"}


def _fact(first: dict, key: str) -> Optional[Fact]:
    return first.get(key)


def _value(first: dict, key: str) -> Optional[float]:
    f = first.get(key)
    return f.value if f is not None else None


def _ev(doc, start, end) -> Evidence:
    return Evidence(start=start, end=end, page=doc.page_of(start), quote=doc.text[start:end])


def _fact_ev(doc, f: Fact) -> Evidence:
    """A fact as evidence: its span, and for a table fact the cell (表四 行政复议 / 尚未审结)."""
    cell = None
    if f.cell:
        table = {"t2": "表二", "t3": "表三", "t4": "表四"}.get(f.key.split(".")[0], "")
        cell = (table + " " + " / ".join(f.cell)).strip()
    return Evidence(start=f.start, end=f.end, page=f.page if f.page is not None else doc.page_of(f.start),
                    cell=cell, quote=f.raw if f.raw is not None else doc.text[f.start:f.end])


def check(analysis: Analysis) -> Iterable[Flag]:
    doc = analysis.doc
    text = doc.text
    facts = list(analysis.facts)
    first: dict = {}  # key -> the first fact with that key (table cells are unique per key)
    for f in facts:
        first.setdefault(f.key, f)
    out: list[Flag] = []
    sents = sentences(text)
    starts = [s0 for s0, _ in sents]

    def sentence_of(pos: int) -> tuple[int, int]:
        i = bisect_right(starts, pos) - 1
        if i >= 0 and sents[i][0] <= pos < sents[i][1]:
            return sents[i]
        return pos, pos

    # 均获维持 vs table 四 (one flag per sentence and block: 均获维持…零败诉 is one claim)
    done = set()
    for m in pattern("upheld", "checks").finditer(text):
        s0, s1 = sentence_of(m.start())
        sent = text[s0:m.end()]
        blocks = []
        if "复议" in sent:
            blocks.append(("行政复议", ("review",)))
        if "诉讼" in sent:
            blocks.append(("行政诉讼", ("lit_direct", "lit_after_review")))
        for name, keys in blocks:
            if (s0, name) in done:
                continue
            done.add((s0, name))
            cols = ("corrected",) if pattern("concluded_only", "checks").search(sent) \
                else ("corrected", "pending")
            bad, seen, parts, cells = 0, False, {}, []
            for b in keys:
                for col in cols:
                    cf = _fact(first, f"t4.{b}.{col}")
                    if cf is not None:
                        seen = True
                        bad += cf.value
                        parts[col] = parts.get(col, 0) + cf.value
                        if cf.value:
                            cells.append(cf)
            if seen and bad > 0:
                shown = "、".join(f"{_COLUMN[c]}{v}件" for c, v in parts.items() if v)
                out.append(make_flag(
                    "claim.contradiction", values=[bad],
                    evidence=[_ev(doc, s0, m.end())] + [_fact_ev(doc, c) for c in cells],
                    claim=text[max(s0, m.start() - 12):m.end()],
                    detail=f"表四{name}{shown}"))
    # 所有申请均已办理完成 vs carried forward
    prose = [f for f in facts if f.key == "requests.carried_forward" and f.origin == "text"]
    for m in pattern("all_done", "checks").finditer(text):
        s0, s1 = sentence_of(m.start())
        carried = _fact(first, "t3.carried_forward.total")
        n = carried.value if carried is not None and carried.value else (prose[0].value if prose else None)
        if n:
            ev = [_ev(doc, s0, m.end())] + [_fact_ev(doc, f) for f in prose[:1]]
            if carried is not None and carried.value:
                ev.append(_fact_ev(doc, carried))
            out.append(make_flag(
                "claim.contradiction", values=[n], evidence=ev, claim=text[m.start():m.end()],
                detail=f"有{n}件申请结转下年度继续办理"))
    # 未收到申请 vs applications counted
    # (a running total from a 统计表's 历年累计 column is not this year's: 011)
    received = [f for f in facts if f.key in ("requests.received", "t3.new_received.total")
                and f.value and f.value > 0 and f.qualifier != "cumulative"]
    for m in pattern("none_received", "checks").finditer(text):
        s0, s1 = sentence_of(m.start())
        # 本级未收到申请，全区收到5件: a count in the claim's own sentence is another scope
        others = [f for f in received if f.origin != "text" or not s0 <= f.start < s1]
        if others:
            f = others[0]
            out.append(make_flag(
                "claim.contradiction", values=[f.value],
                evidence=[_ev(doc, m.start(), m.end()), _fact_ev(doc, f)],
                claim=text[m.start():m.end()], detail=f"另处载明收到申请{f.value}件"))
            break
    # outcomes beside zero applications (text facts of one report, no carry-over mentioned)
    zero = [f for f in facts if f.key == "requests.received" and f.origin == "text" and f.value == 0
            and f.qualifier != "cumulative"]
    outcomes = [f for f in facts if f.key == "requests.by_outcome" and f.origin == "text"
                and f.value and f.value > 0 and f.qualifier != "cumulative"]
    if zero and outcomes and not pattern("carry_over_mentioned", "checks").search(text) \
            and _value(first, "t3.carried_over.total") in (None, 0):
        n = sum(f.value for f in outcomes)
        out.append(make_flag(
            "claim.contradiction", values=[n],
            evidence=[_ev(doc, zero[0].start, zero[0].end)] + [_ev(doc, f.start, f.end) for f in outcomes],
            claim=text[zero[0].start:zero[0].end], detail=f"却报告办理结果{n}件"))
    return out
