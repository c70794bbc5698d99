"""Reading PDF reports: pypdfium2 for the text of every page, pdfplumber for tables on the few
pages that hold them.

``read_pdf(data, path, sha256) -> RawDocument`` with ``kind='pdf'``:

* ``text``: the pages' text in order (pypdfium2, fast), ``\\r\\n`` turned into ``\\n``, a page
  number standing alone on a page's first or last line (``- 4 -``, ``第 4 页``) dropped, every
  page ending with ``\\n``. ``page_starts[i]`` is the raw offset where page i+1 starts.
  Letter-spaced labels (``结 果维持``) and ``2013 年`` spacing are left as printed, and so are
  Kangxi radicals (⼈ U+2F08 for 人): normalization maps them (pypdfium2 reads the Noto prints of
  corpus-pdf/kangxi-text-layer as ideographs already; pdfminer gave radicals).
* ``tables``: pdfplumber's table finder ("lines" strategy) runs only on pages whose pypdfium2
  text has a table word (read_pdf.yaml ``table_words``: 信息内容, 申请人情况, 本年新收, …) or
  number rows, and on the page after one whose table reaches the foot of the page. It reads the
  page's ruling from pypdfium2's path objects and the cells' text from pypdfium2's characters
  (pdfminer's parse of a page costs ten times more; benchmarks/bench_pdf.py checks the tables
  are pdfplumber's own, up to white space); a page whose drawings pypdfium2 cannot read goes
  through pdfplumber whole. White filled unstroked rectangles are dropped first (Word-made
  pages paint paragraphs on them; the "lines" strategy took them for ruling lines), and the
  ruling is closed at the ends of the vertical lines (a table cut by a page break has no line
  there). A found table of at least two columns becomes a ``Table`` with ``page`` (1-based):
  ``rows`` is the grid with merged cells expanded
  (a merged cell's text repeats in every slot it covers, as for HTML; a slot no cell covers is
  None; line breaks inside a cell are '\\n'). In ``text`` the table's characters are replaced, at
  the place they stood on the page, by one line per table row, the row's cells (each once, in
  x order) separated by tabs, a cell's line breaks as spaces; ``anchor`` is where that starts and
  ``spans`` gives each slot's (start, end) in ``text``. A table split over pages comes out as one
  piece per page; a piece that opens its page and follows a piece that closed the previous page
  has ``continues=True`` (stitching is the table model's job).
* Unusable files raise ``UnreadableInput`` (empty, broken, encrypted: with the reason) or
  ``NeedsOCR`` (no text layer; a garbled one: more than ``garbled_share`` of the characters
  outside ordinary Chinese report text, the out-of-vocabulary rate of Apache Tika's tika-eval
  taken over Unicode blocks).
* Limits: past ``table_seconds`` of table extraction or ``max_table_pages`` table pages, tables
  are not read further; a page of more than ``max_page_objects`` objects or ``max_page_edges``
  ruling segments (a map, a chart) is not searched; ``notes`` says so. Pages past ``max_pages``
  are not read (noted).
* pdfminer (the slow path only) never talks to the terminal (``Could not get FontBBox…``, a
  thousand times for 012 淮安 2024 with some pdfminer versions, a few dozen for the 平潭 prints):
  its loggers are muted while reading and the count is logged once per file at debug level on
  the ``gouji.read_pdf`` logger.
"""

from __future__ import annotations

import ctypes
import io
import logging
import re
import time
from bisect import insort
from contextlib import contextmanager
from functools import lru_cache
from typing import Optional

from .errors import NeedsOCR, UnreadableInput
from .rules import load
from .types import RawDocument, Table

log = logging.getLogger("gouji.read_pdf")

_NUMBER_LINE = re.compile(r"^\s*[-+]?\d[\d,.]*\s*$")
# A table row as pypdfium2 reads it: a label then two or more numbers (条 21 21; 3001 53 0 0 61 4 3119)
_ROW_LINE = re.compile(r"(?:^|\s)[-+]?\d[\d,.]*(?:\s+[-+]?\d[\d,.]*)+\s*$")


@lru_cache(maxsize=1)
def _config() -> dict:
    data = dict(load("read_pdf"))
    data["page_number_re"] = re.compile(data["page_number"])
    return data


# --------------------------------------------------------------------------- garbled text


def _ordinary(cp: int) -> bool:
    """A character of ordinary Chinese report text (Kangxi/CJK radicals included)."""
    return (
        0x20 <= cp < 0x7F
        or 0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3134F
        or 0x2F00 <= cp <= 0x2FD5  # Kangxi radicals (browser prints use them for ideographs)
        or 0x2E80 <= cp <= 0x2EF3  # CJK radicals supplement (⺠ for 民)
        or 0x3000 <= cp <= 0x303F  # CJK punctuation 、。「」〇
        or 0xFF00 <= cp <= 0xFFEF  # full-width forms （），：
        or 0xFE30 <= cp <= 0xFE4F  # CJK compatibility forms ︵
        or 0x2010 <= cp <= 0x2027  # dashes, quotes “”, ellipsis, bullet
        or 0x2030 <= cp <= 0x2033  # ‰ ′ ″
        or 0x2160 <= cp <= 0x217F  # Roman numerals Ⅰ
        or 0x2460 <= cp <= 0x24FF  # ① ⑴ ⒈
        or 0x3200 <= cp <= 0x32FF  # ㈠ ㊣
        or 0x2190 <= cp <= 0x21FF  # arrows
        or 0x25A0 <= cp <= 0x25FF  # □ ■ ● ○ ★
        or 0x2600 <= cp <= 0x2606
        or cp in (0xA0, 0xB0, 0xB1, 0xB7, 0xD7, 0xF7, 0x2116, 0x2103, 0x00A7, 0x00A5, 0x2212)
    )


def garbled_share(text: str) -> float:
    """Share of non-space characters outside ordinary Chinese report text (0.0 for no text)."""
    total = bad = 0
    for ch in text:
        if ch.isspace():
            continue
        total += 1
        if not _ordinary(ord(ch)):
            bad += 1
    return bad / total if total else 0.0


# --------------------------------------------------------------------------- pdfminer chatter


class _Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.count = 0
        self.first: Optional[str] = None

    def emit(self, record):
        self.count += 1
        if self.first is None:
            try:
                self.first = record.getMessage()[:120]
            except Exception:  # a broken log call in pdfminer must not break reading
                self.first = str(record.msg)[:120]


@contextmanager
def _quiet_pdfminer(path: str):
    """Mute pdfminer's loggers while reading; log how much they said once, at debug level."""
    logger = logging.getLogger("pdfminer")
    saved = (logger.level, logger.propagate, list(logger.handlers))
    counter = _Counter()
    logger.setLevel(logging.WARNING)  # its debug/info never even gets formatted
    logger.propagate = False
    logger.handlers = [counter]
    try:
        yield
    finally:
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.handlers = saved[2]
        if counter.count:
            log.debug("%s: pdfminer warned %d times (first: %s)", path, counter.count, counter.first)


# --------------------------------------------------------------------------- tables


def _is_white(color) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        return color >= 0.99
    try:
        vals = [float(v) for v in color]
    except (TypeError, ValueError):
        return False
    if len(vals) == 4:  # CMYK: white is no ink
        return all(v <= 0.01 for v in vals)
    return bool(vals) and all(v >= 0.99 for v in vals)


def _keep_object(obj) -> bool:
    # Word-made pages (pre-2019 平潭 prints) paint each paragraph on a white filled rectangle with
    # no stroke; the "lines" strategy takes their edges for ruling lines (corpus-pdf/README.md).
    if obj.get("object_type") == "rect" and obj.get("fill") and not obj.get("stroke"):
        return not _is_white(obj.get("non_stroking_color"))
    return True


def _grid(table, text=None) -> tuple[list[list[Optional[str]]], list[tuple[tuple, int, str]]]:
    """Expand a pdfplumber table: (grid rows, [(cell bbox, origin row, text)] in reading order).

    Cell text from pdfplumber's characters, or with ``text`` (a _PdfiumText) from pypdfium2's."""
    if text is None:
        extracted = table.extract()
    else:
        extracted = [[None if c is None else text.in_box(c) for c in row.cells] for row in table.rows]
    cells = []
    for row, texts in zip(table.rows, extracted):
        for bbox, txt in zip(row.cells, texts):
            if bbox is not None:
                cells.append((bbox, txt or ""))
    xs = sorted({round(b[0], 1) for b, _ in cells})
    tops = sorted({round(b[1], 1) for b, _ in cells})
    grid: list[list[Optional[str]]] = [[None] * len(xs) for _ in tops]
    origin = []
    eps = 0.5
    for bbox, txt in cells:
        x0, top, x1, bottom = bbox
        r0 = tops.index(round(top, 1))
        origin.append((bbox, r0, txt))
        for r, t in enumerate(tops):
            if top - eps <= t < bottom - eps:
                for c, x in enumerate(xs):
                    if x0 - eps <= x < x1 - eps:
                        grid[r][c] = txt
    origin.sort(key=lambda o: (o[1], o[0][0]))
    return grid, origin


class _PageTable:
    def __init__(self, table, page_height: float, text=None):
        self.grid, self.origin = _grid(table, text)
        x0, top, x1, bottom = table.bbox
        # pdfplumber measures from the top of the page, pdfium from the bottom
        self.box = (x0, page_height - bottom, x1, page_height - top)
        self.ncols = len(self.grid[0]) if self.grid else 0


class _TablePage:
    """What pdfplumber's TableFinder reads from a page ("lines" strategy): edges and bbox;
    ``text`` (a _PdfiumText) gives the cells' text."""

    def __init__(self, edges, text, bbox):
        self.edges, self.text, self.bbox = edges, text, bbox
        self.chars = []


class _PdfiumText:
    """A page's pypdfium2 text with each character's box (pdfplumber's top-based y)."""

    def __init__(self, tp, text: str, height: float, pdfium_c):
        self.text = text
        # (index in text, centre x, centre y of the glyph, line top, line bottom)
        self.chars: list[tuple[int, float, float, float, float]] = []
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        loose = pdfium_c.FS_RECTF()
        for i, ch in enumerate(text):
            if ch.isspace():
                continue
            if not pdfium_c.FPDFText_GetCharBox(tp.raw, i, left, right, bottom, top):
                continue
            cx = (left.value + right.value) / 2
            cy = height - (bottom.value + top.value) / 2
            line_top, line_bottom = height - top.value, height - bottom.value
            # The loose box spans the font's line height (a full stop or 一 has a flat ink
            # box); unless odd metrics move it off the glyph (001 洪泽 2023: the vertical label
            # 三、本年度办理结果 has loose boxes 200 pt wide).
            if pdfium_c.FPDFText_GetLooseCharBox(tp.raw, i, ctypes.byref(loose)):
                lx = (loose.left + loose.right) / 2
                if left.value - 1 <= lx <= right.value + 1:
                    line_top = height - max(loose.top, loose.bottom)
                    line_bottom = height - min(loose.top, loose.bottom)
            self.chars.append((i, cx, cy, line_top, line_bottom))

    def in_box(self, bbox) -> str:
        """The text of the characters whose centre lies in bbox (x0, top, x1, bottom), in
        reading order: a line break where the next character stands on another line (less than
        half the line height in common; browser prints set a narrow cell's label one character a
        line), a space where the page's text has one between them."""
        x0, top, x1, bottom = bbox
        inside = [c for c in self.chars if x0 <= c[1] < x1 and top <= c[2] < bottom]
        out = []
        prev = None
        for c in inside:
            if prev is not None:
                common = min(prev[4], c[4]) - max(prev[3], c[3])
                if common < 0.5 * min(prev[4] - prev[3], c[4] - c[3]):
                    out.append("\n")
                elif " " in self.text[prev[0] + 1:c[0]]:
                    out.append(" ")
            out.append(self.text[c[0]])
            prev = c
        return "".join(out).strip()


def _pdfium_edges(page, height: float, pdfium_c) -> list[dict]:
    """pdfplumber-style edges of a page's drawings, read with pypdfium2 (no pdfminer parse).

    Like pdfplumber: an axis-aligned rectangle gives its four sides, other subpaths their
    horizontal and vertical segments; curves and slanted segments give none. Paths inside form
    XObjects are read with the form's matrix. White filled unstroked paths are dropped here
    (see _keep_object); unpainted paths are not drawings."""
    import ctypes

    edges: list[dict] = []
    mat = pdfium_c.FS_MATRIX()
    px, py = ctypes.c_float(), ctypes.c_float()
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))

    def h_edge(x0, x1, y, kind):
        top = height - y
        x0, x1 = min(x0, x1), max(x0, x1)
        edges.append({"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": top,
                      "doctop": top, "width": x1 - x0, "height": 0, "orientation": "h"})

    def v_edge(x, y0, y1, kind):
        top, bottom = height - max(y0, y1), height - min(y0, y1)
        edges.append({"object_type": kind, "x0": x, "x1": x, "top": top, "bottom": bottom,
                      "doctop": top, "width": 0, "height": bottom - top, "orientation": "v"})

    def subpath(points):
        if len(points) >= 2 and points[-1] == points[0]:
            points = points[:-1]
        xs = sorted({round(p[0], 3) for p in points})
        ys = sorted({round(p[1], 3) for p in points})
        if len(points) == 4 and len(xs) == 2 and len(ys) == 2:  # a rectangle
            h_edge(xs[0], xs[1], ys[1], "rect_edge")
            h_edge(xs[0], xs[1], ys[0], "rect_edge")
            v_edge(xs[0], ys[0], ys[1], "rect_edge")
            v_edge(xs[1], ys[0], ys[1], "rect_edge")
            return
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            if abs(y0 - y1) < 1e-3 and abs(x0 - x1) >= 1e-3:
                h_edge(x0, x1, y0, "line")
            elif abs(x0 - x1) < 1e-3 and abs(y0 - y1) >= 1e-3:
                v_edge(x0, y0, y1, "line")

    def path(obj, outer):
        if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fillmode), ctypes.byref(stroke)):
            return
        if fillmode.value == 0 and not stroke.value:
            return
        if fillmode.value and not stroke.value and pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
            if min(r.value, g.value, b.value) >= 252:
                return  # white paragraph background (Word-made pages)
        m = matrix(obj, outer)
        points, curve = [], False
        for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, k)
            pdfium_c.FPDFPathSegment_GetPoint(seg, ctypes.byref(px), ctypes.byref(py))
            x, y = px.value, py.value
            pt = (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                if points and not curve:
                    subpath(points)
                points, curve = [pt], False
            else:
                curve |= kind == pdfium_c.FPDF_SEGMENT_BEZIERTO
                points.append(pt)
                if pdfium_c.FPDFPathSegment_GetClose(seg) and points:
                    points.append(points[0])
        if points and not curve:
            subpath(points)

    def matrix(obj, outer):
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(mat)):
            return outer
        a1, b1, c1, d1, e1, f1 = mat.a, mat.b, mat.c, mat.d, mat.e, mat.f
        a2, b2, c2, d2, e2, f2 = outer
        return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
                e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)

    def walk(objs, outer, depth):
        for obj in objs:
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                path(obj, outer)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 8:
                n = pdfium_c.FPDFFormObj_CountObjects(obj)
                walk((pdfium_c.FPDFFormObj_GetObject(obj, k) for k in range(n)), matrix(obj, outer), depth + 1)

    raw = page.raw
    walk((pdfium_c.FPDFPage_GetObject(raw, k) for k in range(pdfium_c.FPDFPage_CountObjects(raw))),
         (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0)
    return edges


def _find_tables(page) -> list[_PageTable]:
    """pdfplumber's tables of a page ("lines" strategy), white unstroked fills dropped.

    ``page``: a pdfplumber page, or a _TablePage of pypdfium2 edges and characters."""
    from pdfplumber.table import TableFinder, TableSettings

    height = float(page.bbox[3] - page.bbox[1])
    if not isinstance(page, _TablePage):
        page = page.filter(_keep_object)
    # A table cut by a page break has no ruling line where the cut is (2024 平潭 print: the row
    # 7.属于行政执法案卷 opens page 4 without a top border): close the ruling at the ends of the
    # vertical lines.
    settings = {}
    vertical = [e for e in page.edges if e.get("orientation") == "v"]
    if vertical:
        settings["explicit_horizontal_lines"] = [min(e["top"] for e in vertical),
                                                 max(e["bottom"] for e in vertical)]
    out = []
    text = page.text if isinstance(page, _TablePage) else None
    for t in TableFinder(page, TableSettings.resolve(settings)).tables:
        pt = _PageTable(t, height, text)
        if pt.ncols >= 2 and pt.grid and any(c for row in pt.grid for c in row):
            out.append(pt)
    return out


# --------------------------------------------------------------------------- page text


def _drop_page_numbers(text: str, cfg) -> list[bool]:
    """Per character: True where a page-number line (first or last line of the page) stands."""
    drop = [False] * len(text)
    lines = list(re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text))
    lines = [m for m in lines if m.group(0)]
    for m in (lines[:1] + lines[-1:]) if lines else []:
        if cfg["page_number_re"].match(m.group(0).rstrip("\r\n")):
            for i in range(m.start(), m.end()):
                drop[i] = True
    return drop


def _compose(text: str, charboxes, tables: list[_PageTable], cfg):
    """The page's text with each table's characters replaced by its rows.

    Returns (page text, [(table, offset of its first row in page text, slot spans)],
    starts_with_table, ends_with_table).
    """
    n = len(text)
    drop = _drop_page_numbers(text, cfg)
    member: list[Optional[int]] = [None] * n
    if tables and charboxes is not None:
        for i, ch in enumerate(text):
            if ch.isspace() or drop[i]:
                continue
            box = charboxes(i)
            if box is None:
                continue
            cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            for k, t in enumerate(tables):
                x0, y0, x1, y1 = t.box
                if x0 - 1 <= cx <= x1 + 1 and y0 - 1 <= cy <= y1 + 1:
                    member[i] = k
                    break
        # white space between two characters of the same table belongs to it
        last_k, last_i = None, -1
        for i in range(n):
            if member[i] is not None:
                if last_k is not None and member[i] == last_k:
                    for j in range(last_i + 1, i):
                        if text[j].isspace():
                            member[j] = last_k
                last_k, last_i = member[i], i
            elif not text[i].isspace():
                last_k = None
    out: list[str] = []
    length = 0
    placed = []
    inserted = set()
    first_visible = None  # 'table' | 'text'
    last_visible = None
    i = 0
    while i < n:
        ch = text[i]
        if drop[i]:
            i += 1
            continue
        k = member[i]
        if k is None:
            if ch == "\r":
                ch = "\n"
                if i + 1 < n and text[i + 1] == "\n":
                    i += 1
            if ch == "\n" and out and out[-1].endswith("\n") and last_visible == "table":
                i += 1
                continue  # the line break right after a table's rows
            out.append(ch)
            length += len(ch)
            if not ch.isspace():
                first_visible = first_visible or "text"
                last_visible = "text"
            i += 1
            continue
        if k not in inserted:
            inserted.add(k)
            if out and not out[-1].endswith("\n"):
                out.append("\n")
                length += 1
            block, spans = _table_block(tables[k], length)
            placed.append((tables[k], length, spans))
            out.append(block)
            length += len(block)
            first_visible = first_visible or "table"
            last_visible = "table"
        i += 1
    page = "".join(out)
    if page and not page.endswith("\n"):
        page += "\n"
    return page, placed, first_visible == "table", last_visible == "table"


def _table_block(t: _PageTable, start: int):
    """Tab-separated rows of a table and each grid slot's span (relative to the page text)."""
    lines = []
    pos = start
    span_of: dict[int, tuple[int, int]] = {}
    by_row: dict[int, list] = {}
    for idx, (bbox, r, txt) in enumerate(t.origin):
        by_row.setdefault(r, []).append((idx, txt))
    for r in range(len(t.grid)):
        parts = []
        for idx, txt in by_row.get(r, []):
            flat = txt.replace("\n", " ").replace("\t", " ")
            span_of[idx] = (pos, pos + len(flat))
            parts.append(flat)
            pos += len(flat) + 1
        if not parts:
            pos += 1
        lines.append("\t".join(parts))
    block = "\n".join(lines) + "\n"
    # slot -> span of the covering cell (matched by bbox cover, as in _grid)
    eps = 0.5
    xs = sorted({round(b[0], 1) for b, _r, _t in t.origin})
    tops = sorted({round(b[1], 1) for b, _r, _t in t.origin})
    spans = [[None] * len(xs) for _ in tops]
    for idx, (bbox, _r, _txt) in enumerate(t.origin):
        x0, top, x1, bottom = bbox
        for r, tp in enumerate(tops):
            if top - eps <= tp < bottom - eps:
                for c, x in enumerate(xs):
                    if x0 - eps <= x < x1 - eps:
                        spans[r][c] = span_of[idx]
    return block, spans


# --------------------------------------------------------------------------- entry point


def _table_page(text: str, cfg) -> bool:
    if any(w in text for w in cfg["table_words"]):
        return True
    lines = text.splitlines()
    numeric = sum(1 for line in lines if _NUMBER_LINE.match(line))
    rows = sum(1 for line in lines if _ROW_LINE.search(line))
    return numeric >= cfg["numeric_lines"] or rows >= cfg["number_rows"]


def _open(data: bytes, path: str):
    import pypdfium2 as pdfium

    if not data:
        raise UnreadableInput(path, "empty file")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise UnreadableInput(path, "encrypted PDF: it needs a password to open") from exc
        raise UnreadableInput(path, f"broken PDF: {msg}") from exc


def read_pdf(data: bytes, path: str, sha256: str) -> RawDocument:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    cfg = _config()
    pdf = _open(data, path)
    notes: list[str] = []
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise UnreadableInput(path, "broken PDF: it has no pages")
        if n_pages > cfg["max_pages"]:
            notes.append(f"only the first {cfg['max_pages']} of {n_pages} pages read")
            n_pages = cfg["max_pages"]
        page_texts: list[str] = []
        for i in range(n_pages):
            try:
                page = pdf[i]
                tp = page.get_textpage()
                page_texts.append(tp.get_text_range())
                tp.close()
                page.close()
            except pdfium.PdfiumError as exc:
                page_texts.append("")
                notes.append(f"page {i + 1} unreadable: {exc}")
        everything = "".join(page_texts)
        chars = sum(1 for ch in everything if not ch.isspace())
        if chars < cfg["min_chars"]:
            raise NeedsOCR(path, f"no text layer ({chars} characters on {n_pages} pages): scanned or image-only PDF")
        share = garbled_share(everything)
        if share > cfg["garbled_share"]:
            sample = "".join(ch for ch in everything if not ch.isspace())[:12]
            raise NeedsOCR(path, f"garbled text layer: {share:.0%} of the characters are not Chinese "
                                 f"text (fonts without a Unicode map), e.g. {sample!r}")
        empty = [i + 1 for i, t in enumerate(page_texts) if sum(not c.isspace() for c in t) < cfg["min_page_chars"]]
        if empty:
            notes.append("pages without text (images?): " + ", ".join(map(str, empty)))
        # one garbled page (a table set in a font without a Unicode map) in a readable file
        garbled = [i + 1 for i, t in enumerate(page_texts)
                   if len(t) >= cfg["min_chars"] and garbled_share(t) > cfg["garbled_share"]]
        if garbled:
            notes.append("garbled text layer on pages " + ", ".join(map(str, garbled)) + " (needs OCR)")

        candidates = [i for i, t in enumerate(page_texts) if _table_page(t, cfg)]
        found = _read_tables(data, path, pdf, candidates, cfg, notes)

        text_parts: list[str] = []
        page_starts: list[int] = []
        tables: list[Table] = []
        offset = 0
        prev_ends_with_table = False
        for i, raw_page in enumerate(page_texts):
            page_starts.append(offset)
            page_tables = found.get(i, [])
            charboxes = None
            tp = page = None
            if page_tables:
                page = pdf[i]
                tp = page.get_textpage()
                if tp.count_chars() == len(raw_page):
                    charboxes = _charbox_fn(tp, pdfium_c)
                else:
                    notes.append(f"page {i + 1}: table text left as printed (character count mismatch)")
            try:
                page_text, placed, starts_t, ends_t = _compose(raw_page, charboxes,
                                                               page_tables if charboxes else [], cfg)
            except Exception as exc:  # noqa: BLE001 - the page's text as printed, tables dropped
                notes.append(f"page {i + 1}: tables dropped ({type(exc).__name__})")
                page_text, placed, starts_t, ends_t = _compose(raw_page, None, [], cfg)
            if tp is not None:
                tp.close()
                page.close()
            for j, (pt, start, spans) in enumerate(placed):
                tables.append(Table(
                    rows=tuple(tuple(r) for r in pt.grid),
                    anchor=offset + start,
                    page=i + 1,
                    index=len(tables),
                    spans=tuple(tuple(None if s is None else (s[0] + offset, s[1] + offset) for s in r) for r in spans),
                    continues=bool(j == 0 and starts_t and prev_ends_with_table),
                ))
            prev_ends_with_table = bool(placed) and ends_t
            text_parts.append(page_text)
            offset += len(page_text)
        return RawDocument(path=path, sha256=sha256, kind="pdf", text="".join(text_parts),
                           page_starts=tuple(page_starts), tables=tuple(tables), notes=tuple(notes))
    finally:
        pdf.close()


def _charbox_fn(tp, pdfium_c):
    import ctypes

    left, right, bottom, top = (ctypes.c_double() for _ in range(4))

    def box(i):
        ok = pdfium_c.FPDFText_GetCharBox(tp.raw, i, left, right, bottom, top)
        if not ok:
            return None
        return (left.value, bottom.value, right.value, top.value)

    return box


def _read_tables(data, path, pdf, candidates, cfg, notes) -> dict[int, list[_PageTable]]:
    """pdfplumber tables of the candidate pages, within the file's time and page limits."""
    import pypdfium2.raw as pdfium_c

    found: dict[int, list[_PageTable]] = {}
    if not candidates:
        return found
    if len(candidates) > cfg["max_table_pages"]:
        notes.append(f"tables read on the first {cfg['max_table_pages']} of {len(candidates)} table pages only")
        candidates = candidates[: cfg["max_table_pages"]]
    import pypdfium2 as pdfium

    started = time.monotonic()
    plumber: dict = {}  # opened only if a page needs the slow path
    with _quiet_pdfminer(path):
        todo = list(candidates)
        queued = set(todo)
        k = 0
        while k < len(todo):
            i = todo[k]
            k += 1
            if time.monotonic() - started > cfg["table_seconds"]:
                notes.append(f"table extraction stopped after {cfg['table_seconds']:.0f} s at page {i + 1}")
                break
            page = pdf[i]
            objects = pdfium_c.FPDFPage_CountObjects(page.raw)
            page.close()
            if objects > cfg["max_page_objects"]:
                notes.append(f"page {i + 1}: tables not read ({objects} drawing objects)")
                continue
            try:
                tables, height = _page_tables(pdf, i, pdfium, pdfium_c)
            except _TooManyEdges as exc:
                notes.append(f"page {i + 1}: tables not read ({exc})")
                continue
            except Exception:  # noqa: BLE001 - odd drawings: pdfplumber reads the whole page
                try:
                    tables, height = _plumber_page_tables(data, i, plumber)
                except Exception as exc:  # one bad page must not lose the others
                    notes.append(f"page {i + 1}: tables not read ({type(exc).__name__}: {exc})"[:200])
                    continue
            if tables:
                found[i] = tables
                # A table reaching the foot of the page may go on over the page, whose
                # text may hold no table word (沭阳 2023 print: page 4 is all 三 rows).
                lowest = min(t.box[1] for t in tables)
                nxt = i + 1
                if lowest < 0.25 * height and nxt < len(pdf) and nxt not in queued:
                    queued.add(nxt)
                    insort(todo, nxt)
        if plumber:
            plumber["pdf"].close()
    return found


class _TooManyEdges(Exception):
    """A page whose drawings are too many lines to look for tables in."""


def _plumber_page_tables(data: bytes, i: int, plumber: dict) -> tuple[list[_PageTable], float]:
    """The slow path: pdfplumber (pdfminer) parses page i in full."""
    import pdfplumber

    if not plumber:
        plumber["pdf"] = pdfplumber.open(io.BytesIO(data))
    page = plumber["pdf"].pages[i]
    return _find_tables(page), float(page.height)


def _page_tables(pdf, i: int, pdfium, pdfium_c) -> tuple[list[_PageTable], float]:
    """Tables of page i: pdfplumber's table finder on pypdfium2's drawings and characters
    (pdfminer's parse of the page would cost ten times more)."""
    page = pdf[i]
    tp = page.get_textpage()
    try:
        width, height = (float(v) for v in page.get_size())
        text = _PdfiumText(tp, tp.get_text_range(), height, pdfium_c)
        edges = _pdfium_edges(page, height, pdfium_c)
    finally:
        tp.close()
        page.close()
    if len(edges) > _config()["max_page_edges"]:
        # a drawing (map, chart) rather than a table: intersecting its lines takes minutes
        raise _TooManyEdges(f"{len(edges)} ruling segments")
    return _find_tables(_TablePage(edges, text, (0.0, 0.0, width, height))), height
