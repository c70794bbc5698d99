"""The pipeline: read -> normalize -> outline -> metadata -> numbers -> facts -> checks.

Each stage is a plain function of the document and what earlier stages found; none prints,
touches a database or raises on "not found". Only unusable input raises (UnreadableInput).
"""

from __future__ import annotations

import dataclasses
import time

from . import counts, metadata, normalize, numbers, outline, read, tables
from .checks import run_checks
from .types import Analysis, Document, RawDocument


def analyse_document(doc: Document) -> Analysis:
    timings: dict = {}
    t = time.perf_counter()

    def lap(name):
        nonlocal t
        now = time.perf_counter()
        timings[name] = now - t
        t = now

    sections = outline.find_sections(doc)
    lap("outline")
    meta = metadata.find_meta(doc, sections)
    lap("metadata")
    nums = tuple(numbers.scan_numbers(doc.text))
    lap("numbers")
    table_result = tables.find_table_facts(doc, meta)
    lap("tables")
    if table_result.format and meta.format != "not_report":
        meta = dataclasses.replace(meta, format=table_result.format)
    prose = counts.find_facts(doc, sections, meta, nums)
    lap("counts")
    analysis = Analysis(doc=doc, meta=meta, sections=sections,
                        facts=tuple(prose) + tuple(table_result.facts), numbers=nums,
                        warnings=tuple(doc.raw.notes) + tuple(table_result.warnings),
                        timings=timings)
    if meta.format != "not_report":
        flags = run_checks(analysis)
        analysis = dataclasses.replace(analysis, flags=flags)
    lap("checks")
    return analysis


def analyse_raw(raw: RawDocument) -> Analysis:
    return analyse_document(normalize.normalize(raw))


def analyse_file(path) -> Analysis:
    """Read, normalize and analyse one report file. Raises UnreadableInput for unusable input."""
    return analyse_raw(read.read_file(path))


def analyse_text(text: str, path: str = "<text>") -> Analysis:
    """Analyse a report given as a string (tests, other callers)."""
    return analyse_raw(read.read_bytes(text.encode("utf-8"), path))
