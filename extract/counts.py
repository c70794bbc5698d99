"""Prose counts: label + number + unit as facts with contract keys (stub, to be filled)."""

from __future__ import annotations

from .types import Document, Fact, NumberMatch, ReportMeta, Section


def find_facts(doc: Document, sections: tuple[Section, ...], meta: ReportMeta,
               numbers: tuple[NumberMatch, ...]) -> tuple[Fact, ...]:
    return ()
