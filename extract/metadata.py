"""Report metadata: title, agency, year, statistical period, publication date (stub)."""

from __future__ import annotations

from .types import Document, ReportMeta, Section


def find_meta(doc: Document, sections: tuple[Section, ...] = ()) -> ReportMeta:
    return ReportMeta()
