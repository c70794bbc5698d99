"""Reading DOCX reports: paragraphs and tables in document order (python-docx).

``read_docx(data, path, sha256) -> RawDocument`` with ``kind='docx'``:

* The body's XML children are read in order (``w:p``, ``w:tbl``, and the ones inside content
  controls ``w:sdt``), so prose and tables keep their order. Page headers and footers are page
  furniture and are not read.
* ``text``: one line per paragraph (its text as Word shows it: a ``w:br`` inside a paragraph is
  a line break, a ``w:tab`` a tab), empty paragraphs dropped, every line ending with ``\\n``.
* Tables of at least 2 × 2 grid slots become ``Table`` objects, the same contract as for HTML:
  ``rows`` is the grid with merged cells expanded (``w:gridSpan`` across, ``w:vMerge`` down: a
  merged cell's text repeats in every slot it covers; slots a row leaves out with
  ``w:gridBefore``/``w:gridAfter`` or by ending early are None; an empty cell is ''), a cell's
  paragraphs joined by '\\n'. In ``text`` the table stands at ``anchor`` as one line per row, the
  row's cells (each merged cell once, where it starts) separated by tabs, a cell's line breaks
  as spaces; ``spans`` gives each slot's (start, end) there. A one-column or one-row table is
  layout (a framed paragraph) and is read as lines; a table holding another table is layout too:
  its cells are read as blocks, the inner tables as tables.
* A file python-docx cannot open (not a zip, no document part, encrypted by Word) raises
  ``UnreadableInput`` with the reason.
"""

from __future__ import annotations

import io
import zipfile
from typing import Optional

from .errors import UnreadableInput
from .types import RawDocument, Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _para_text(p) -> str:
    """A w:p's visible text: runs (also inside hyperlinks, insertions, smart tags), br, tab."""
    out = []
    for el in p.iter():
        tag = el.tag
        if tag == W + "t":
            out.append(el.text or "")
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag == W + "delText":
            continue  # deleted text of tracked changes is not shown
    return "".join(out)


def _cell_text(tc) -> str:
    lines = []
    for el in tc:
        if el.tag == W + "p":
            lines.append(_para_text(el))
        elif el.tag == W + "tbl":  # a table inside a cell: its rows as lines
            for tr in el.iter(W + "tr"):
                lines.append(" ".join(_cell_text(c).replace("\n", " ") for c in tr.findall(W + "tc")))
        elif el.tag == W + "sdt":
            content = el.find(W + "sdtContent")
            if content is not None:
                lines.append(_cell_text(content))
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines).replace("\t", " ").strip(" ")


def _int_attr(el, name: str, default: int = 0) -> int:
    if el is None:
        return default
    try:
        return max(0, int(el.get(W + name, default)))
    except ValueError:
        return default


def _vmerge(tc) -> Optional[str]:
    """'restart', 'continue' or None (not merged)."""
    pr = tc.find(W + "tcPr")
    vm = pr.find(W + "vMerge") if pr is not None else None
    if vm is None:
        return None
    return vm.get(W + "val") or "continue"


def _table(tbl):
    """(grid, origin cells per row) of a w:tbl: origin = [(slot row, first col, ncols, text)]."""
    rows = []
    for tr in tbl.findall(W + "tr"):
        pr = tr.find(W + "trPr")
        before = min(63, _int_attr(pr.find(W + "gridBefore") if pr is not None else None, "val"))
        cells = []
        for el in tr:
            if el.tag == W + "tc":
                cells.append(el)
            elif el.tag == W + "sdt":  # cells inside a content control
                content = el.find(W + "sdtContent")
                if content is not None:
                    cells.extend(content.findall(W + "tc"))
        rows.append((before, cells))
    grid: list[list[Optional[str]]] = []
    owner: list[list[Optional[tuple[int, int]]]] = []  # slot -> (row, col) of its origin cell
    origins: list[list[tuple[int, int, int, str]]] = []
    for r, (before, cells) in enumerate(rows):
        row_text: list[Optional[str]] = [None] * before
        row_owner: list[Optional[tuple[int, int]]] = [None] * before
        row_origins = []
        col = before
        for tc in cells:
            pr = tc.find(W + "tcPr")
            # Word tables have at most 63 columns; a larger span is broken markup
            span = min(63, max(1, _int_attr(pr.find(W + "gridSpan") if pr is not None else None, "val", 1)))
            merge = _vmerge(tc)
            above = owner[r - 1][col] if r > 0 and col < len(owner[r - 1]) else None
            if merge == "continue" and above is not None:
                text = grid[above[0]][above[1]]
                who = above
            else:
                text = _cell_text(tc)
                who = (r, col)
                row_origins.append((r, col, span, text))
            row_text.extend([text] * span)
            row_owner.extend([who] * span)
            col += span
        grid.append(row_text)
        owner.append(row_owner)
        origins.append(row_origins)
    width = max((len(r) for r in grid), default=0)
    for r in range(len(grid)):
        pad = width - len(grid[r])
        grid[r].extend([None] * pad)
        owner[r].extend([None] * pad)
    return grid, owner, origins


class _Out:
    def __init__(self):
        self.parts: list[str] = []
        self.length = 0

    def line(self, s: str) -> None:
        self.parts.append(s + "\n")
        self.length += len(s) + 1


def _block(el, out: _Out, tables: list) -> None:
    tag = el.tag
    if tag == W + "p":
        text = _para_text(el)
        for line in text.split("\n"):
            if line.strip():
                out.line(line)
    elif tag == W + "tbl":
        if el.find(".//" + W + "tbl") is not None:
            # a table holding a table lays out the page: its cells are read as blocks and only
            # the inner tables are data tables (as for HTML)
            for tc in el.iter(W + "tc"):
                if next((a for a in tc.iterancestors(W + "tbl")), None) is el:
                    for child in tc:
                        _block(child, out, tables)
            return
        grid, owner, origins = _table(el)
        if len(grid) < 2 or not grid or len(grid[0]) < 2:
            for row in origins:  # layout: a framed paragraph
                for _r, _c, _n, text in row:
                    for line in text.split("\n"):
                        if line.strip():
                            out.line(line)
            return
        anchor = out.length
        span_of: dict[tuple[int, int], tuple[int, int]] = {}
        for row in origins:
            pos = out.length
            parts = []
            for r, c, _n, text in row:
                flat = text.replace("\n", " ")
                span_of[(r, c)] = (pos, pos + len(flat))
                parts.append(flat)
                pos += len(flat) + 1
            out.line("\t".join(parts))
        spans = tuple(tuple(None if o is None else span_of[o] for o in row) for row in owner)
        tables.append((anchor, tuple(tuple(r) for r in grid), spans))
    elif tag == W + "sdt":
        content = el.find(W + "sdtContent")
        if content is not None:
            for child in content:
                _block(child, out, tables)
    elif tag in (W + "customXml", W + "smartTag"):
        for child in el:
            _block(child, out, tables)


def read_docx(data: bytes, path: str, sha256: str) -> RawDocument:
    if not data:
        raise UnreadableInput(path, "empty file")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise UnreadableInput(path, "encrypted or old binary Word file (OLE container), not a DOCX")
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableInput(path, f"broken DOCX: {type(exc).__name__}: {exc}"[:200]) from exc
    except Exception as exc:  # python-docx raises its own errors for a non-Word package
        raise UnreadableInput(path, f"not a Word document: {type(exc).__name__}: {exc}"[:200]) from exc
    out = _Out()
    found: list = []
    for el in document.element.body:
        _block(el, out, found)
    text = "".join(out.parts)
    if not text.strip():
        raise UnreadableInput(path, "DOCX holds no text")
    tables = tuple(Table(rows=grid, anchor=anchor, index=i, spans=spans)
                   for i, (anchor, grid, spans) in enumerate(found))
    return RawDocument(path=path, sha256=sha256, kind="docx", text=text, tables=tables)
