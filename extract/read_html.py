"""Reading HTML reports: the report's visible text and its tables, without the site's chrome.

``read_html(data, path, sha256) -> RawDocument`` with ``kind='html'``:

* **Decoding**: a byte-order mark, else the page's own ``<meta charset>`` /
  ``<meta http-equiv="Content-Type" content="…; charset=…">`` (GB2312 and GBK read as their
  superset GB18030), else detection by ``extract.read_text.decode_text``. A declared charset the
  bytes do not decode in is ignored (mirror sites re-save pages without fixing the meta).
* **Body**: the element that holds the bulk of the page's non-link text (found by walking down
  from ``<body>`` while one child holds ≥ 90 % of it) is the report body; navigation, headers,
  footers, breadcrumbs (当前位置), scripts and styles around it are dropped. The page title and
  its source/date line (来源：… 时间：2012-04-11, 公开日期 2024-01-17) are kept as the first two
  lines when the page shows them before the body (metadata reads them).
* **Visible text**: inline text joined, block elements (p, div, br, li, h1–h6, tr, …) on their own
  lines, runs of HTML white space collapsed (removed between two CJK characters, as browsers do
  with Word's line-wrapped markup), non-breaking spaces kept as plain spaces, empty lines dropped.
  Every line ends with ``\\n``.
* **Tables**: an innermost table of at least 2 × 2 slots is a data table and becomes a
  ``Table``; a table that holds another table, or has one column, is layout and its cells are
  read as blocks. A data table's text stands in the raw text at ``Table.anchor``: one line per
  ``<tr>``, the row's cells as printed (each once) separated by a tab, a cell's own line breaks
  turned into spaces. ``Table.rows`` is the grid after rowspan/colspan expansion: a spanned
  cell's text repeats in every slot it covers; a slot no cell covers (short rows) is None; an
  empty cell is ''. Line breaks inside a cell are kept as '\\n' in the grid (one character, like
  the space in the raw text, so a cell's grid text and its raw-text span have the same length).
  ``Table.spans`` gives each slot's raw-text (start, end) (the covering cell's span), None for
  absent slots.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from typing import Optional

import regex

from .errors import UnreadableInput
from .rules import expand, load
from .types import RawDocument, Table

_WS = re.compile(r"[ \t\n\r\f]+")
_CJK = re.compile(r"[\u2e80-\u2fdf\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_CONTAINERS = frozenset(("div", "section", "article", "main", "table", "tbody", "thead", "tr", "td",
                         "th", "center", "form", "body", "html"))
_MAX_SLOTS = 200_000  # grid slots of one table (table 三 has 280)
_LINK_LISTS = frozenset(("div", "ul", "ol", "dl", "table", "section", "aside", "nav"))
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn", "x-euc-cn"}


@lru_cache(maxsize=1)
def _rules() -> dict:
    data = load("read_html")
    return {
        "date_line": regex.compile(expand(data["date_line"], data)),
        "title_words": regex.compile(data["title_words"]),
        "title_sep": regex.compile(data["title_separators"]),
        "chrome_line": regex.compile(data["chrome_line"]),
        "chrome_attr": regex.compile(data["chrome_attr"]),
        "chrome_skip": regex.compile(data["chrome_skip"]),
        "skip": frozenset(data["skip_tags"]),
        "block": frozenset(data["block_tags"]),
    }


# --------------------------------------------------------------------------- decoding


def decode_html(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """(text, encoding): BOM, else the declared charset, else detection."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    m = _META_CHARSET.search(data[:8192])
    if m:
        declared = m.group(1).decode("ascii", "ignore").lower()
        enc = "gb18030" if declared in _GB else declared
        if enc == "big5":
            enc = "big5hkscs"  # superset: Hong Kong characters in Big5 pages
        try:
            codecs.lookup(enc)
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown name or a page re-saved in another encoding: detect instead
    from .read_text import decode_text

    return decode_text(data, path)


# --------------------------------------------------------------------------- tree helpers


def _tag(el) -> Optional[str]:
    t = el.tag
    if not isinstance(t, str):
        return None  # comments, processing instructions (<?xml:namespace …?> in Word pages)
    return t.lower().split(":")[-1] if ":" in t else t.lower()


def _hidden(el) -> bool:
    if el.get("hidden") is not None:
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _has_nested_table(table) -> bool:
    return any(True for _ in table.iterdescendants("table"))


def _own_rows(table):
    """The <tr> of this table (not of tables nested in its cells)."""
    rows = []
    for tr in table.iterdescendants("tr"):
        anc = tr.getparent()
        while anc is not None and anc.tag != "table":
            anc = anc.getparent()
        if anc is table:
            rows.append(tr)
    return rows


def _span(value, cap: int) -> int:
    m = re.match(r"\s*(\d+)", value or "")
    n = int(m.group(1)) if m else 1
    return max(1, min(n, cap))  # rowspan=0 ("to the end") and junk read as 1


def _text_weight(el, weights: dict, skip, totals: Optional[dict] = None, in_link: bool = False) -> int:
    """Non-space characters of visible non-link text under el (memoised in weights; all visible
    text, links included, in totals)."""
    t = _tag(el)
    w = total = 0
    if t is not None and t not in skip and not _hidden(el):
        link = in_link or t == "a"
        own = len(_WS.sub("", el.text or ""))
        total += own
        w += 0 if link else own
        for child in el:
            w += _text_weight(child, weights, skip, totals, link)
            if totals is not None:
                total += totals.get(child, 0)
            if child.tail:
                tail = len(_WS.sub("", child.tail))
                total += tail
                w += 0 if link else tail
    weights[el] = w
    if totals is not None:
        totals[el] = total
    return w


def _link_list(el, weights: dict, totals: dict) -> bool:
    """A block that is mostly links (related articles, site maps): at least three links and
    over 70 % of its text in them. A paragraph holding one link (a website address) is not."""
    total = totals.get(el, 0)
    if total == 0 or weights.get(el, 0) > 0.3 * total:
        return False
    return sum(1 for _ in el.iter("a")) >= 3


def _chrome(el, pattern) -> bool:
    """Page chrome by its tag (nav, aside, footer) or class/id (breadcrumb, share, footer…)."""
    if _tag(el) in ("nav", "aside", "footer", "header"):
        return True
    attrs = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(attrs.strip()) and bool(pattern.search(attrs))


def _layout_table(el) -> bool:
    """el is (inside) a table that holds another table: a page layout, not data."""
    table = el if _tag(el) == "table" else next(el.iterancestors("table"), None)
    return table is not None and _has_nested_table(table)


def _find_body(root, rules):
    """The smallest element holding (≥ 90 %) the bulk of the page's non-chrome, non-link text."""
    skip = rules["skip"]
    weights: dict = {}
    totals: dict = {}
    total = _text_weight(root, weights, skip, totals)
    node = root
    while True:
        # Only containers: Word pages wrap most paragraphs in one <SPAN>, which is not the body;
        # a data table is never the body, a layout table's cell may be.
        children = [c for c in node if _tag(c) in _CONTAINERS
                    and (_tag(c) not in ("table", "tbody", "thead", "tr", "td", "th") or _layout_table(c))]
        if not children:
            return node, weights, totals
        best = max(children, key=lambda c: weights.get(c, 0))
        own = weights.get(node, 0) - sum(weights.get(c, 0) for c in node if _chrome(c, rules["chrome_attr"]))
        if _chrome(best, rules["chrome_attr"]):
            return node, weights, totals
        if own <= 0 or weights.get(best, 0) < 0.9 * own or weights.get(best, 0) < 0.05 * total:
            return node, weights, totals
        node = best


# --------------------------------------------------------------------------- text building


class _Lines:
    """Collects visible text as finished lines; tracks the offset of the text built so far."""

    def __init__(self, rules):
        self.rules = rules
        self.out: list[str] = []  # finished lines, each with its '\n'
        self.length = 0
        self.buf: list[str] = []

    def add(self, s: str) -> None:
        if s:
            self.buf.append(s)

    def flush(self) -> None:
        if not self.buf:
            return
        line = _clean_line("".join(self.buf))
        self.buf = []
        if line and not self.rules["chrome_line"].search(line):
            self.out.append(line + "\n")
            self.length += len(line) + 1

    def emit(self, line: str) -> None:
        """A finished line (table rows): no white-space processing."""
        self.flush()
        self.out.append(line + "\n")
        self.length += len(line) + 1


def _clean_line(s: str) -> str:
    def ws(m):
        # Word wraps long lines as a bare CRLF inside the text; indented template markup
        # (newline + spaces between tags) stays a space (来源：… 时间：…).
        if m.group(0) in ("\n", "\r\n", "\r"):
            a = s[m.start() - 1] if m.start() > 0 else ""
            b = s[m.end()] if m.end() < len(s) else ""
            if a and b and _CJK.match(a) and _CJK.match(b):
                return ""  # a segment break between two wide characters is not a space
        return " "

    s = _WS.sub(ws, s).replace("\xa0", " ").strip(" ")
    if not s.strip(" \u3000"):
        return ""
    return s


def _cell_lines(td, rules) -> list[str]:
    sub = _Lines(rules)
    _walk_children(td, sub, rules, tables=None)
    sub.flush()
    return [line[:-1] for line in sub.out]


def _walk_children(el, lines: _Lines, rules, tables) -> None:
    if el.text:
        lines.add(el.text)
    for child in el:
        _walk(child, lines, rules, tables)
        if child.tail:
            lines.add(child.tail)


def _walk(el, lines: _Lines, rules, tables) -> None:
    """Render el into lines; data tables go to `tables` (a list) when it is not None."""
    t = _tag(el)
    if t is None or t in rules["skip"] or _hidden(el):
        return
    if t == "br":
        lines.flush()
        return
    if t in ("nav", "aside") or rules["chrome_skip"].search(f"{el.get('class') or ''} {el.get('id') or ''}"):
        return  # share buttons, breadcrumbs, menus inside the body's element
    if t in _LINK_LISTS and "weights" in rules and _link_list(el, rules["weights"], rules["totals"]):
        return  # 相关链接 / related articles beside the report inside the body's element
    if t == "table" and tables is not None and _render_table(el, lines, rules, tables):
        return
    if t in ("pre", "xmp", "plaintext") or "white-space:pre" in (el.get("style") or "").replace(" ", "").lower():
        # preformatted (some sites print a plain-text report in one <pre>): its line breaks are lines
        lines.flush()
        for line in el.text_content().splitlines():
            lines.add(line)
            lines.flush()
        return
    block = t in rules["block"]
    if block:
        lines.flush()
    _walk_children(el, lines, rules, tables)
    if block:
        lines.flush()


def _render_table(table, lines: _Lines, rules, tables: list) -> bool:
    """Render a data table (grid + tab-separated rows); False when it is a layout table."""
    if _has_nested_table(table):
        return False
    trs = _own_rows(table)
    # Each row: list of (cell element, rowspan, colspan)
    raw_rows = []
    for tr in trs:
        if _hidden(tr):
            continue
        cells = [c for c in tr if _tag(c) in ("td", "th") and not _hidden(c)]
        raw_rows.append([(c, _span(c.get("rowspan"), 500), _span(c.get("colspan"), 100)) for c in cells])
    # Grid placement (the HTML table model: a cell takes the first free slot in its row).
    placed: dict[tuple[int, int], int] = {}  # (row, col) -> cell id
    ids: dict[tuple[int, int], int] = {}  # (row, position in the row) -> cell id
    width = 0
    for r, row in enumerate(raw_rows):
        col = 0
        for k, (el, rs, cs) in enumerate(row):
            while (r, col) in placed:
                col += 1
            cid = len(ids)
            ids[(r, k)] = cid
            for dr in range(min(rs, len(raw_rows) - r)):  # spans past the last row add none
                for dc in range(cs):
                    placed[(r + dr, col + dc)] = cid
            if len(placed) > _MAX_SLOTS:
                return False  # not a report's table (hostile or broken spans): read as blocks
            col += cs
            width = max(width, col)
    height = len(raw_rows)  # rowspans past the last row do not add rows
    if height < 2 or width < 2:
        return False
    lines.flush()
    for caption in table.findall("caption"):  # the table's title, above it as in a browser
        _walk_children(caption, lines, rules, None)
        lines.flush()
    anchor = lines.length
    cell_text: dict[int, str] = {}
    cell_span: dict[int, tuple[int, int]] = {}
    for r, row in enumerate(raw_rows):
        parts = []
        pos = lines.length
        for k, (el, _rs, _cs) in enumerate(row):
            cid = ids[(r, k)]
            text = "\n".join(_cell_lines(el, rules))
            flat = text.replace("\n", " ").replace("\t", " ")
            cell_text[cid] = text.replace("\t", " ")
            cell_span[cid] = (pos, pos + len(flat))
            parts.append(flat)
            pos += len(flat) + 1
        lines.emit("\t".join(parts))
    grid = []
    spans = []
    for r in range(height):
        grid_row, span_row = [], []
        for c in range(width):
            cid = placed.get((r, c))
            grid_row.append(None if cid is None else cell_text[cid])
            span_row.append(None if cid is None else cell_span[cid])
        grid.append(tuple(grid_row))
        spans.append(tuple(span_row))
    tables.append((anchor, tuple(grid), tuple(spans)))
    return True


# --------------------------------------------------------------------------- page title, date line


def _title_candidates(root, rules) -> list[str]:
    out = []
    for meta in root.iter("meta"):
        if (meta.get("name") or "").lower() in ("articletitle", "title"):
            c = _WS.sub(" ", meta.get("content") or "").strip()
            if c:
                out.append(c)
    titles = root.xpath("//title")
    if titles:
        t = _WS.sub(" ", titles[0].text_content() or "").strip()
        if t:
            out.append(t)
            first = rules["title_sep"].split(t)[0].strip()
            if first and first != t:
                out.append(first)
    return [c for c in out if len(c) >= 6]


def _preamble_lines(root, body, rules) -> list[str]:
    """Visible lines of the page before the report body (not inside it)."""
    lines = _Lines(rules)
    stop = []

    def walk(el):
        if el is body:
            stop.append(True)
            return
        t = _tag(el)
        if t is None or t in rules["skip"] or _hidden(el):
            return
        if t == "br":
            lines.flush()
            return
        # A metadata table's row (发布机构 … 公开日期 2024-01-17) reads as one line.
        block = t in rules["block"] and t not in ("td", "th")
        if block:
            lines.flush()
        elif t in ("td", "th"):
            lines.add(" ")
        if t == "a":  # navigation links are never the title or the date line
            return
        if el.text:
            lines.add(el.text)
        for child in el:
            walk(child)
            if stop:
                return
            if child.tail:
                lines.add(child.tail)
        if block:
            lines.flush()

    bodies = root.xpath("//body") or [root]
    walk(bodies[0])
    lines.flush()
    return [line[:-1] for line in lines.out]


def _header(pre: list[str], first_lines: list[str], candidates: list[str], rules) -> tuple[list[str], int]:
    """The title line and the source/date line shown before the body, unless the body has them,
    and after how many of the body's first lines they go."""
    head_text = "\n".join(first_lines)
    window = pre[-40:]
    title = None
    for line in reversed(window):
        s = line.strip()
        if any(s == c or (c in s and len(s) <= len(c) + 12) for c in candidates):
            title = s
            break
    if title is None:
        for line in reversed(window[-15:]):
            s = line.strip()
            if len(s) <= 80 and rules["title_words"].search(s) and not rules["date_line"].search(s):
                title = s
                break
    date = None
    for line in reversed(window):
        s = line.strip()
        if len(s) <= 160 and rules["date_line"].search(s):
            date = s
            break
    out = []
    after = 0  # how many of the body's first lines go before the inserted ones
    if title and title not in head_text:
        out.append(title)
    else:
        # the body opens with the title (平潭 2011): the date line goes under it
        for k, line in enumerate(first_lines[:3]):
            s = line.strip()
            if (title and title in s) or any(c in s and len(s) <= len(c) + 12 for c in candidates):
                after = k + 1
                break
    if date and not rules["date_line"].search(head_text):
        out.append(date)
    return out, after


# --------------------------------------------------------------------------- entry point


def read_html(data: bytes, path: str, sha256: str) -> RawDocument:
    import lxml.html
    from lxml import etree

    rules = _rules()
    text, encoding = decode_html(data, path)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str input with an encoding decl
    if not text.strip():
        raise UnreadableInput(path, "empty HTML page")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableInput(path, f"cannot parse HTML: {exc}") from exc
    bodies = root.xpath("//body")
    page = bodies[0] if bodies else root
    body, weights, totals = _find_body(page, rules)
    rules = dict(rules, weights=weights, totals=totals)

    lines = _Lines(rules)
    found: list = []
    _walk(body, lines, rules, found)
    lines.flush()
    content = "".join(lines.out)

    notes = []
    header, after = _header(_preamble_lines(root, body, rules), [ln[:-1] for ln in lines.out[:6]],
                            _title_candidates(root, rules), rules)
    inserted = "".join(h + "\n" for h in header)
    at = sum(len(ln) for ln in lines.out[:after])  # the title line(s) of the body stay first
    shift = len(inserted)

    def moved(offset: int) -> int:
        return offset + shift if offset >= at else offset

    tables = []
    for i, (anchor, grid, spans) in enumerate(found):
        spans = tuple(tuple(None if s is None else (moved(s[0]), moved(s[0]) + s[1] - s[0]) for s in row)
                      for row in spans)
        tables.append(Table(rows=grid, anchor=moved(anchor), index=i, spans=spans))
    raw = content[:at] + inserted + content[at:]
    if not raw.strip():
        raise UnreadableInput(path, "HTML page shows no text")
    return RawDocument(path=path, sha256=sha256, kind="html", text=raw, encoding=encoding,
                       tables=tuple(tables), notes=tuple(notes))

