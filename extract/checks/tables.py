"""Checks: the tables' own arithmetic (report-formats.md §6).

T3-1 table.t3_balance (一 + 二 = （七）总计 + 四, each column), T3-2 table.t3_results_total (the
result rows add to （七）总计, each column), T3-3 table.t3_row_total (the applicant columns add to
总计, each row; the five 法人或其他组织 columns to a printed 小计), T4-1 table.t4_block_total,
table.cell_invalid (a text, negative or fraction in a count cell) and the soft table.t2_stock.

A cell printed blank counts as nothing in a sum (025 leaves most cells blank); a cell that could
not be read (a glued run left unsplit, a text in a number cell) stops the identities that need it.
An identity is checked only when its total cell holds a number.
"""

from __future__ import annotations

from typing import Iterable, Optional

from ..table_model import CellRecord, TableRead
from ..tables import read_tables
from ..types import Analysis, Evidence, Flag
from . import make_flag

T3_COLUMNS = ("natural_person", "business", "research", "ngo", "legal_services", "other_org")
T3_FIXED = ("granted", "partial", "denied.state_secret", "denied.prohibited", "denied.three_safety",
            "denied.third_party", "denied.internal", "denied.process", "denied.enforcement_file",
            "denied.admin_query", "unable.no_info", "unable.needs_creation", "unable.unclear",
            "not_processed.complaint", "not_processed.repeat", "not_processed.publication",
            "not_processed.massive", "not_processed.confirm")
T3_OTHER_2021 = ("other.no_correction", "other.unpaid_fee", "other.other")
T4_PARTS = ("upheld", "corrected", "other", "pending")


class Cells:
    """The first record of each key, and the arithmetic the checks need."""

    def __init__(self, read: TableRead):
        self.by_key: dict[str, CellRecord] = {}
        for rec in read.records:
            if rec.key and rec.key not in self.by_key and rec.qualifier is None:
                self.by_key[rec.key] = rec
        self.unreadable = read.unreadable

    def rec(self, key: str) -> Optional[CellRecord]:
        return self.by_key.get(key)

    def has_value(self, key: str) -> bool:
        r = self.by_key.get(key)
        return r is not None and r.status == "value"

    def term(self, key: str):
        """(value, known): a blank cell is 0 and known; missing, unreadable or invalid: unknown."""
        r = self.by_key.get(key)
        if r is None or r.status == "invalid":
            return None, False
        if r.status == "blank":
            # a blank 总计 beside applicant cells that hold numbers was not printed (014's
            # markdown lost 四、结转 总计 1): unknown, not 0
            if key.startswith("t3.") and key.endswith(".total"):
                row = key[:-len(".total")]
                if any(self.has_value(f"{row}.{c}") and self.by_key[f"{row}.{c}"].value
                       for c in T3_COLUMNS):
                    return None, False
            return 0, True
        return r.value, True

    def total(self, keys) -> tuple[Optional[float], bool, bool]:
        """(sum, all known, any printed number) over keys."""
        s, known, any_value = 0, True, False
        for k in keys:
            v, ok = self.term(k)
            if not ok:
                known = False
                continue
            s += v
            any_value = any_value or self.has_value(k)
        return s, known, any_value

    def row_value(self, row: str) -> Optional[float]:
        """A t3 row's figure: its 总计 cell, else the sum of its printed cells (None: nothing)."""
        if self.has_value(f"t3.{row}.total"):
            return self.by_key[f"t3.{row}.total"].value
        s, known, any_value = self.total(f"t3.{row}.{c}" for c in T3_COLUMNS)
        # a row printed all blank is nothing (025's 2.其他法律行政法规禁止公开); a row not read is unknown
        return s if known else None

    def t3_rows(self) -> list[str]:
        prefix = "t3."
        rows = []
        for k in self.by_key:
            if k.startswith(prefix):
                row = k[len(prefix):].rsplit(".", 1)[0]
                if row not in rows:
                    rows.append(row)
        return rows

    def result_rows(self) -> list[str]:
        rows = self.t3_rows()
        other = [r for r in T3_OTHER_2021 if r in rows] or (["other"] if "other" in rows else [])
        return list(T3_FIXED) + other


def _num(v):
    return int(v) if isinstance(v, float) and v.is_integer() else v


def evidence(recs: Iterable[Optional[CellRecord]]) -> tuple[Evidence, ...]:
    return tuple(Evidence(start=max(r.start, 0), end=max(r.end, 0), page=r.page, cell=r.cell_name,
                          quote=r.raw) for r in recs if r is not None)


def _t3(cells: Cells) -> list[Flag]:
    flags: list[Flag] = []
    rows = cells.t3_rows()
    if not rows:
        return flags
    columns = list(T3_COLUMNS) + ["org_subtotal", "total"]
    results = cells.result_rows()
    for col in columns:
        name = {"total": "总计", "org_subtotal": "小计"}.get(col) or (
            cells.rec(f"t3.new_received.{col}").col_label if cells.rec(f"t3.new_received.{col}") else col)
        # T3-1
        left, ok1, any1 = cells.total([f"t3.new_received.{col}", f"t3.carried_over.{col}"])
        right, ok2, any2 = cells.total([f"t3.total_processed.{col}", f"t3.carried_forward.{col}"])
        if ok1 and ok2 and (any1 or any2) and cells.has_value(f"t3.total_processed.{col}") and left != right:
            recs = [cells.rec(f"t3.{r}.{col}") for r in ("new_received", "carried_over",
                                                         "total_processed", "carried_forward")]
            flags.append(make_flag("table.t3_balance", values=(_num(left), _num(right)),
                                   evidence=evidence(recs), column=name, left=_num(left),
                                   right=_num(right)))
        # T3-2
        if cells.has_value(f"t3.total_processed.{col}"):
            parts, ok, anyv = cells.total(f"t3.{r}.{col}" for r in results)
            total = cells.rec(f"t3.total_processed.{col}").value
            # 025 prints no 总计 for the result rows: a column with no printed result is not summed
            if ok and anyv and parts != total:
                recs = [cells.rec(f"t3.total_processed.{col}")] + [
                    cells.rec(f"t3.{r}.{col}") for r in results if cells.has_value(f"t3.{r}.{col}")]
                flags.append(make_flag("table.t3_results_total", values=(_num(parts), _num(total)),
                                       evidence=evidence(recs), column=name, parts_sum=_num(parts),
                                       total=_num(total)))
    # T3-3
    for row in rows:
        has_sub = cells.rec(f"t3.{row}.org_subtotal") is not None
        checks = [("total", T3_COLUMNS)]
        if has_sub:
            checks = [("total", ("natural_person", "org_subtotal")), ("org_subtotal", T3_COLUMNS[1:])]
        for total_col, parts_cols in checks:
            tkey = f"t3.{row}.{total_col}"
            if not cells.has_value(tkey):
                continue
            parts, ok, anyv = cells.total(f"t3.{row}.{c}" for c in parts_cols)
            total = cells.rec(tkey).value
            if ok and anyv and parts != total:
                recs = [cells.rec(tkey)] + [cells.rec(f"t3.{row}.{c}") for c in parts_cols
                                            if cells.has_value(f"t3.{row}.{c}")]
                flags.append(make_flag("table.t3_row_total", values=(_num(parts), _num(total)),
                                       evidence=evidence(recs), row=cells.rec(tkey).row_label,
                                       parts_sum=_num(parts), total=_num(total)))
    return flags


def _t4(cells: Cells) -> list[Flag]:
    flags = []
    for block in ("review", "lit_direct", "lit_after_review"):
        tkey = f"t4.{block}.total"
        if not cells.has_value(tkey):
            continue
        parts, ok, anyv = cells.total(f"t4.{block}.{c}" for c in T4_PARTS)
        total = cells.rec(tkey).value
        if ok and parts != total:
            recs = [cells.rec(tkey)] + [cells.rec(f"t4.{block}.{c}") for c in T4_PARTS]
            flags.append(make_flag("table.t4_block_total", values=(_num(parts), _num(total)),
                                   evidence=evidence(recs), block=cells.rec(tkey).row_label,
                                   parts_sum=_num(parts), total=_num(total)))
    return flags


def _t2(cells: Cells) -> list[Flag]:
    flags = []
    for item, name in (("regulation", "规章"), ("normative_doc", "规范性文件")):
        issued, in_force, repealed = (cells.rec(f"t2.{item}.{c}") for c in ("issued", "in_force", "repealed"))
        if all(r is not None and r.status == "value" for r in (issued, in_force, repealed)):
            if issued.value > in_force.value + repealed.value:
                flags.append(make_flag(
                    "table.t2_stock", values=(_num(issued.value), _num(in_force.value + repealed.value)),
                    evidence=evidence([issued, in_force, repealed]), item=name,
                    detail=f"本年制发{_num(issued.value)}件，多于现行有效{_num(in_force.value)}件与本年废止"
                           f"{_num(repealed.value)}件之和"))
        published, total = cells.rec(f"t2.{item}.published"), cells.rec(f"t2.{item}.total_public")
        if all(r is not None and r.status == "value" for r in (published, total)):
            if total.value < published.value:
                flags.append(make_flag(
                    "table.t2_stock", values=(_num(total.value), _num(published.value)),
                    evidence=evidence([total, published]), item=name,
                    detail=f"对外公开总数量{_num(total.value)}少于本年新公开数量{_num(published.value)}"))
    return flags


def _invalid(read: TableRead) -> list[Flag]:
    flags, seen = [], set()
    for rec in read.records:
        if rec.key and rec.status == "invalid" and (rec.key, rec.col_label) not in seen:
            seen.add((rec.key, rec.col_label))
            flags.append(make_flag("table.cell_invalid", values=(rec.raw,), evidence=evidence([rec]),
                                   cell=rec.cell_name, raw=rec.raw))
    return flags


def check(analysis: Analysis) -> Iterable[Flag]:
    read = read_tables(analysis.doc)
    if not read.records:
        return ()
    cells = Cells(read)
    return tuple(_invalid(read) + _t3(cells) + _t4(cells) + _t2(cells))
