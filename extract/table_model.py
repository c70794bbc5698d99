"""What a table reader produces: one record per printed cell, before it becomes a Fact.

Records keep blank and invalid cells too (facts do not): the checks need to know that a cell was
printed blank (no value, counts as nothing in a sum) or held a text (table.cell_invalid), and
which cells could not be read at all (``unreadable``: identities that need them are not checked).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四", "pre2019": "统计表"}


@dataclass
class CellRecord:
    table: str  # t2 | t3 | t4 | pre2019
    key: Optional[str]  # the fact key (t3.granted.total, proactive.total …); None: read, not kept
    row_label: str
    col_label: str
    raw: Optional[str]
    status: str  # value | blank | invalid
    value: Optional[float] = None
    unit: Optional[str] = None
    label: Optional[str] = None  # the fact label (free-label keys: the printed row label)
    start: int = -1
    end: int = -1
    page: Optional[int] = None
    rule: str = ""
    reason: str = ""
    qualifier: Optional[str] = None  # cumulative: a 统计表 历年累计 cell

    @property
    def cell_name(self) -> str:
        name = TABLE_NAMES.get(self.table, self.table)
        return f"{name} {self.row_label} / {self.col_label}" if self.col_label else f"{name} {self.row_label}"


@dataclass
class TableRead:
    records: list = field(default_factory=list)
    format: Optional[str] = None
    warnings: list = field(default_factory=list)
    unreadable: set = field(default_factory=set)  # fact keys whose cell could not be read
    tables: set = field(default_factory=set)  # which tables were found (t2, t3, t4, pre2019)

    def extend(self, other: "TableRead") -> None:
        self.records.extend(other.records)
        self.warnings.extend(other.warnings)
        self.unreadable |= other.unreadable
        # table 二 decides the format first (contract §3), wherever it was read
        if other.format and (not self.format or ("t2" in other.tables and "t2" not in self.tables)):
            self.format = other.format
        self.tables |= other.tables
