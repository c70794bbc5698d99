"""Standard tables (二, 三, 四) and pre-2019 统计表 as facts (stub, to be filled)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .types import Document, Fact, ReportMeta


@dataclass(frozen=True)
class TableFacts:
    facts: tuple[Fact, ...] = ()
    format: Optional[str] = None  # std2019 | std2021 when a standard table decides it
    warnings: tuple[str, ...] = ()


def find_table_facts(doc: Document, meta: ReportMeta) -> TableFacts:
    return TableFacts()
