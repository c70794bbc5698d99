"""Checks: text_table.mismatch, a figure the prose states that differs from the table's.

The pairs compared are data (extract/tables.yaml ``text_table``): prose received / answered /
carried forward / each outcome subtotal / review / litigation against the table 三/四 cell or the
sum of the sub-rows the prose summarises (025: 予以公开及部分公开258件 where （一）+（二） = 275;
无法提供265件 where （四）1–3 = 337), and for the pre-2019 统计表 the same key read from the table
(009: 主动公开政府信息4970条 vs 统计表 72804). Values are [text value, table value].
"""

from __future__ import annotations

from typing import Iterable, Optional

from ..table_cells import norm_label, vocab
from ..tables import read_tables
from ..types import Analysis, Evidence, Fact, Flag
from . import make_flag
from .tables import T3_COLUMNS, Cells, _num, evidence

SKIP_QUALIFIERS = {"approx", "more", "less", "cumulative"}


def _row_parts(cells: Cells, row: str) -> tuple[Optional[float], list[Evidence], str]:
    """A t3 row's figure, the cells that give it, and how (总计 cell or the sum of its cells)."""
    v = cells.row_value(row)
    if v is None:
        return None, [], ""
    total = cells.rec(f"t3.{row}.total")
    if total is not None and total.status == "value":
        return v, list(evidence([total])), f"{total.row_label} {_num(v)}"
    recs = [cells.rec(f"t3.{row}.{c}") for c in T3_COLUMNS if cells.has_value(f"t3.{row}.{c}")]
    label = recs[0].row_label if recs else row
    how = "+".join(str(_num(r.value)) for r in recs) or "0"
    return v, list(evidence(recs)), f"{label} {how}"


def _term_value(cells: Cells, term: str, table_facts: list[Fact]):
    """(value, evidence, description) of one term; value None when the table does not give it."""
    if term.startswith("="):
        key, _, lab = term[1:].partition("~")
        hits = [f for f in table_facts if f.key == key and f.qualifier is None
                and (not lab or (f.label and lab in f.label))]
        if len(hits) != 1:
            return None, [], ""
        f = hits[0]
        cell = f"统计表 {' / '.join(f.cell)}" if f.cell else None
        return f.value, [Evidence(start=f.start, end=f.end, page=f.page, cell=cell, quote=f.raw)], \
            f"统计表{f.cell[0] if f.cell else key} {_num(f.value)}"
    if term.endswith(".*"):
        prefix = term[3:-2]
        # every sub-row the official table has (a row not read leaves the subtotal unknown)
        rows = [r["key"] for r in vocab()["t3"]["rows"] if r["key"].startswith(prefix + ".")]
        parts = [_row_parts(cells, r) for r in rows]
        if not rows or any(v is None for v, _, _ in parts):
            return None, [], ""
        ev = [e for v, es, _ in parts if v for e in es]
        shown = [d for v, _, d in parts if v]
        return sum(v for v, _, _ in parts), ev, "、".join(shown) or "各项均为0"
    if term.startswith("t3."):
        return _row_parts(cells, term[3:])
    v, ok = cells.term(term)
    rec = cells.rec(term)
    if not ok or rec is None:
        return None, [], ""
    return v, list(evidence([rec])), f"{rec.cell_name} {_num(v)}"


def _alternative(cells, terms, table_facts):
    total, ev, how = 0, [], []
    for t in terms:
        v, e, d = _term_value(cells, t, table_facts)
        if v is None:
            return None, [], ""
        total += v
        ev += e
        how.append(d)
    return total, ev, "；".join(how)


def _rule_for(fact: Fact, rules: list[dict]) -> Optional[dict]:
    """The rule for a prose fact: its key, and the longest label alias its label contains."""
    best, best_len = None, -1
    label = norm_label(fact.label or "")
    for rule in rules:
        if rule["prose"] != fact.key:
            continue
        labels = rule.get("labels")
        if not labels:
            if best_len < 0:
                best, best_len = rule, 0
            continue
        for a in labels:
            a = norm_label(a)
            if a in label and len(a) > best_len:
                best, best_len = rule, len(a)
    return best


def check(analysis: Analysis) -> Iterable[Flag]:
    read = read_tables(analysis.doc)
    if not read.records:
        return ()
    cells = Cells(read)
    table_facts = [f for f in analysis.facts if f.origin == "table"]
    rules = vocab()["text_table"]
    flags, seen = [], set()
    for fact in analysis.facts:
        if fact.origin != "text" or fact.qualifier in SKIP_QUALIFIERS:
            continue
        candidates = [r for r in rules if r["prose"] == fact.key]
        if not candidates:
            continue
        # t3/t4 rules and the 统计表 rules: whichever the document's tables can answer
        for group in (["t3", "t4"], ["="]):
            sub = [r for r in candidates if any(t[0].startswith(tuple(group)) for t in r["table"])]
            rule = _rule_for(fact, sub)
            if rule is None:
                continue
            alts = [_alternative(cells, terms, table_facts) for terms in rule["table"]]
            known = [a for a in alts if a[0] is not None]
            if not known or any(abs(v - fact.value) < 1e-9 for v, _, _ in known):
                continue
            table_value, ev_cells, how = known[0]
            ident = (rule["id"], fact.value, table_value)
            if ident in seen:
                continue
            seen.add(ident)
            ev = (Evidence(start=fact.start, end=fact.end, page=fact.page,
                           quote=analysis.doc.text[fact.start:fact.end]),) + tuple(ev_cells)
            flags.append(make_flag("text_table.mismatch", values=(_num(fact.value), _num(table_value)),
                                   evidence=ev, label=fact.label or fact.key,
                                   text_value=_num(fact.value), table_value=_num(table_value),
                                   detail=how))
    return tuple(flags)
