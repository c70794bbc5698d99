"""The types every stage shares: frozen dataclasses, no behaviour beyond small lookups.

A report goes through the pipeline once:

    read_file(path)   -> RawDocument   (decoded text, page starts, tables as grids)
    normalize(raw)    -> Document      (normalized text + offset map back to raw)
    outline(doc)      -> Sections
    metadata(doc)     -> ReportMeta    (title, agency, year, period, published, format)
    facts(doc, ...)   -> Facts         (prose counts, table cells)
    checks(analysis)  -> Flags

Every span (start, end) indexes ``Document.text``, the normalized text, which is never
rewritten after it is built.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional, Union

Number = Union[int, float]


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Cell:
    """One table cell as printed: ``text`` is the raw string (None for a merged/absent cell)."""

    text: Optional[str]
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Table:
    """A table read from markup (HTML, DOCX) or a PDF page, rows of cells with spans expanded.

    ``rows`` is a rectangular grid after rowspan/colspan expansion (a spanned cell repeats its
    text in every slot it covers). ``anchor`` is the raw-text offset where the table stands in
    ``RawDocument.text`` (the table's flattened text is also in the raw text there, so prose
    around it keeps its order). ``page`` is 1-based for PDFs, None otherwise.
    """

    rows: tuple[tuple[Optional[str], ...], ...]
    anchor: int = 0
    page: Optional[int] = None
    index: int = 0
    # Raw-text (start, end) of each grid slot's text (the covering cell's), None where no cell
    # stands; () when the reader cannot tell (PDF tables). Same shape as ``rows``.
    spans: tuple = ()
    # PDF: this piece goes on a table begun on the previous page (no header row of its own).
    continues: bool = False


@dataclass(frozen=True)
class RawDocument:
    """What a reader produced from one file, before normalization."""

    path: str
    sha256: str
    kind: str  # txt | html | pdf | docx
    text: str  # decoded text (for html/pdf/docx: the extracted text)
    encoding: Optional[str] = None
    page_starts: tuple[int, ...] = ()  # raw offsets where PDF pages 1, 2, ... start
    tables: tuple[Table, ...] = ()
    status: str = "ok"  # ok | needs_ocr
    notes: tuple[str, ...] = ()  # reader warnings worth keeping (e.g. 'garbled text layer')


@dataclass(frozen=True)
class Document:
    """The normalized text of one report and the map back to the raw text.

    ``offsets[i]`` is the raw offset of normalized character i; ``offsets[len(text)]`` is the raw
    end. A normalized span [s, e) came from raw [offsets[s], offsets[e-1] + 1).
    """

    raw: RawDocument
    text: str
    offsets: tuple[int, ...]

    @property
    def source(self) -> str:
        return self.raw.path

    @property
    def sha256(self) -> str:
        return self.raw.sha256

    @property
    def tables(self) -> tuple[Table, ...]:
        return self.raw.tables

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw-text span a normalized span came from."""
        if end <= start:
            r = self.offsets[start] if start < len(self.offsets) else len(self.raw.text)
            return r, r
        return self.offsets[start], self.offsets[end - 1] + 1

    def page_of(self, start: int) -> Optional[int]:
        """1-based PDF page of a normalized offset, None for documents without pages."""
        if not self.raw.page_starts:
            return None
        raw = self.offsets[min(start, len(self.offsets) - 1)]
        return max(1, bisect_right(self.raw.page_starts, raw))

    def page_of_raw(self, raw_offset: int) -> Optional[int]:
        if not self.raw.page_starts:
            return None
        return max(1, bisect_right(self.raw.page_starts, raw_offset))

    def norm_offset(self, raw_offset: int) -> int:
        """First normalized offset whose raw offset is >= raw_offset (for table anchors)."""
        from bisect import bisect_left

        return min(bisect_left(self.offsets, raw_offset, 0, len(self.text)), len(self.text))


# --------------------------------------------------------------------------- numbers


@dataclass(frozen=True)
class NumberMatch:
    """A number found in running text: [start, end) indexes the text it was found in.

    ``kind``: count | percent | decimal | year | date_part | change | ordinal | code (phone
    numbers, postcodes, document numbers, digits inside URLs: never counts).
    ``qualifier``: approx (约/近/左右), more (余/多/以上), less (不到/以下) or None.
    ``unit``: the measure word right after the number (件, 条, 人, 万元, %, ...) or None.
    """

    start: int
    end: int
    value: Number
    kind: str = "count"
    unit: Optional[str] = None
    qualifier: Optional[str] = None
    text: str = ""


# --------------------------------------------------------------------------- outline


@dataclass(frozen=True)
class Section:
    """A heading and the text it governs.

    ``start``/``end`` span the heading line (number and title); ``body_end`` is where the
    section's text ends (next heading of the same or a higher level, or the end of text).
    ``style`` is the numbering family (cn_dun 一、, cn_paren （一）, arabic_dot 1., arabic_paren
    （1）, circled ①, part 第一部分); ``ordinal`` its 1-based position in that family.
    """

    number: str
    level: int
    title: str
    kind: str
    start: int
    end: int
    body_end: int
    style: str = ""
    ordinal: int = 0
    parent: Optional[int] = None  # index of the enclosing section in the outline tuple


# --------------------------------------------------------------------------- metadata


@dataclass(frozen=True)
class Period:
    """The statistical period a report states: inclusive dates as ISO strings.

    ``start``/``end`` None when the report states a period whose dates are lost; ``span`` is
    where the period sentence stands.
    """

    start: Optional[str]
    end: Optional[str]
    span: tuple[int, int] = (0, 0)
    rule: str = ""
    text: str = ""


@dataclass(frozen=True)
class ReportMeta:
    title: Optional[str] = None
    agency: Optional[str] = None
    year: Optional[int] = None
    format: str = "pre2019"  # pre2019 | std2019 | std2021 | not_report
    period: Optional[Period] = None
    period_stated: bool = False  # a period sentence exists (even with its dates lost)
    published: Optional[str] = None  # ISO date
    title_span: Optional[tuple[int, int]] = None
    agency_span: Optional[tuple[int, int]] = None
    published_span: Optional[tuple[int, int]] = None
    agency_kind: Optional[str] = None  # department | government (for deadlines)
    year_rule: str = ""  # id of the rule that gave the year (year.title, year.period, ...)
    agency_rule: str = ""
    published_rule: str = ""


# --------------------------------------------------------------------------- facts and flags


@dataclass(frozen=True)
class Fact:
    """One number a report states, with where it stands and the rule that read it.

    ``id`` is unique within a report (e.g. ``text:512`` or ``t3:4:2``); ``parent`` is the id of
    the total a breakdown item belongs to; ``exhaustive`` marks the items of a breakdown the
    report presents as complete (分别为, categories of a total), so sum checks may use them.
    ``cell`` names a table cell (row label, column label) for table facts.
    """

    key: str
    label: str
    value: Number
    unit: Optional[str]
    origin: str  # text | table
    start: int
    end: int
    rule: str
    id: str = ""
    page: Optional[int] = None
    parent: Optional[str] = None
    exhaustive: bool = False
    qualifier: Optional[str] = None  # cumulative | as_of | approx | more | less
    cell: Optional[tuple[str, str]] = None
    raw: Optional[str] = None  # the printed string (table cells)


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    page: Optional[int] = None
    cell: Optional[str] = None  # e.g. "表三 （一）予以公开 / 自然人"
    quote: Optional[str] = None
    source: Optional[str] = None  # another report (cross-year flags)


@dataclass(frozen=True)
class Flag:
    code: str
    severity: str  # error | warning | info
    message: str
    values: tuple = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """Everything extracted from one report; checks read it and return flags."""

    doc: Document
    meta: ReportMeta
    sections: tuple[Section, ...] = ()
    facts: tuple[Fact, ...] = ()
    numbers: tuple[NumberMatch, ...] = ()
    flags: tuple[Flag, ...] = ()
    warnings: tuple[str, ...] = ()
    timings: dict = field(default_factory=dict, compare=False, hash=False)
