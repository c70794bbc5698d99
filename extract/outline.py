"""The section outline: headings, nesting and section kinds (stub, to be filled)."""

from __future__ import annotations

from .types import Document, Section


def find_sections(doc: Document) -> tuple[Section, ...]:
    return ()
