"""Standard tables (二, 三, 四) and pre-2019 统计表 as facts.

``find_table_facts(doc, meta) -> TableFacts``: the readers' grids first (extract.table_grid);
when a document has no grid for a table, its flattened text is read instead
(extract.table_text: markdown pipes, one-row-per-line, glued digit runs of scraped pages). Each
printed number cell becomes a Fact (origin 'table', key t2./t3./t4. or a prose key for the
统计表, cell = (row label, column label), raw = the printed string); blank cells are no fact;
cells holding text are kept for table.cell_invalid. ``read_tables(doc)`` gives the full
records (blank and invalid cells included) for the checks; it is cached per document.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Optional

from .table_model import CellRecord, TableRead
from .types import Document, Fact, ReportMeta


@dataclass(frozen=True)
class TableFacts:
    facts: tuple[Fact, ...] = ()
    format: Optional[str] = None  # std2019 | std2021 when a standard table decides it
    warnings: tuple[str, ...] = ()


_CACHE: list = []  # [(weakref to doc, TableRead)], the last few documents


def read_tables(doc: Document) -> TableRead:
    """Every table cell of ``doc`` as records (cached: the checks ask again)."""
    for ref, result in _CACHE:
        if ref() is doc:
            return result
    result = _read(doc)
    try:
        _CACHE.append((weakref.ref(doc), result))
    except TypeError:
        return result
    del _CACHE[:-4]
    return result


def _read(doc: Document) -> TableRead:
    from .table_grid import read_grids
    from .table_text import read_text_tables

    out = read_grids(doc)
    missing = {"t2", "t3", "t4", "pre2019"} - out.tables
    if "pre2019" not in missing or out.tables & {"t2", "t3", "t4"}:
        missing.discard("pre2019")
    if missing:
        text = read_text_tables(doc, want=missing)
        out.extend(text)
    _locate(doc, out)
    return out


def _locate(doc: Document, out: TableRead) -> None:
    """Give records without a span one: the table's anchor (no better place is known)."""
    for rec in out.records:
        if rec.start < 0:
            rec.start = rec.end = 0


def _fact(rec: CellRecord, n: int) -> Fact:
    value = rec.value
    if isinstance(value, float) and value.is_integer() and rec.unit is None and "amount" not in (rec.key or ""):
        value = int(value)
    label = rec.label if rec.label is not None else f"{rec.row_label} / {rec.col_label}".strip(" /")
    return Fact(key=rec.key, label=label, value=value, unit=rec.unit, origin="table",
                start=rec.start, end=rec.end, rule=rec.rule, id=f"table:{n}", page=rec.page,
                cell=(rec.row_label, rec.col_label), raw=rec.raw, qualifier=rec.qualifier)


def find_table_facts(doc: Document, meta: ReportMeta) -> TableFacts:
    result = read_tables(doc)
    facts = []
    seen = set()
    for rec in result.records:
        if rec.key is None or rec.status != "value":
            continue
        ident = (rec.key, rec.label, rec.qualifier)
        if ident in seen:
            continue  # a header repeated on the next page, a spanned cell read twice
        seen.add(ident)
        facts.append(_fact(rec, len(facts)))
    return TableFacts(facts=tuple(facts), format=result.format, warnings=tuple(result.warnings))
