"""Reading table grids (HTML, DOCX, PDF readers' ``Table``s) into cell records.

A grid is recognised by its labels, not by its position: table 二 by 第二十条/信息内容 and its
column names, table 三 by 自然人/本年新收, table 四 by 结果维持/尚未审结, the pre-2019 统计表 by
its row vocabulary. A PDF table split over pages continues the previous grid's kind and column
map when it has no header of its own. Spanned cells repeat their text in every slot; when the
reader gives ``Table.spans`` a row's printed cells are told apart by their span (025: a colspan
value cell under a header whose colspan sits one slot further), else slot by slot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from .table_cells import (display, is_numberish, match_alias, norm_label, parse_cell, squash,
                          vocab)
from .table_model import CellRecord, TableRead
from .types import Document, Table


@dataclass
class Cell:
    text: Optional[str]
    first: int  # first slot
    last: int  # last slot
    span: Optional[tuple] = None  # raw (start, end)


def row_cells(table: Table, i: int) -> list[Cell]:
    """The printed cells of row i (spanned slots merged when the reader tells them apart)."""
    row = table.rows[i]
    spans = getattr(table, "spans", None)
    srow = spans[i] if spans and i < len(spans) else None
    cells: list[Cell] = []
    for j, text in enumerate(row):
        sp = srow[j] if srow and j < len(srow) else None
        if cells and sp is not None and cells[-1].span == sp:
            cells[-1].last = j
            continue
        cells.append(Cell(text, j, j, sp))
    return cells


def _kind(table: Table) -> Optional[str]:
    """Which table a grid is, by the marker words of tables.yaml (t4 first: its header has
    行政复议 words only; t3's 自然人 never stands in table 二)."""
    flat = "".join(squash(c) for row in table.rows for c in row if c)
    v = vocab()
    for kind in ("t4", "t3", "t2"):
        spec = v[kind]["markers"]
        if sum(1 for m in spec["all"] if m in flat) == len(spec["all"]) and (
                not spec.get("any") or any(norm_label(m) in flat for m in spec["any"])):
            return kind
    pre = v["pre2019"]
    if any(norm_label(a) in flat for r in pre["rows"] for a in r["aliases"]) and any(
            m in flat for m in pre["markers"]):
        return "pre2019"
    return None


class GridReader:
    """Reads the tables of one document in order, keeping state across page-split grids."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.out = TableRead()
        self.last_kind: Optional[str] = None
        self.t3_cols: Optional[list] = None  # column keys in printed order
        self.t3_group: Optional[str] = None
        self.t2_cols: Optional[list] = None
        self.t4_cols: Optional[dict] = None
        self.pre_cols: Optional[tuple] = None
        # contract §3: table 二's columns decide the format first, table 三's （六） rows next
        self.fmt_t2: Optional[str] = None
        self.fmt_t3: Optional[str] = None

    # ------------------------------------------------------------------ helpers
    def _record(self, table: Table, cell: Cell, tname: str, key: Optional[str], row_label: str,
                col_label: str, kind: str = "count", label: Optional[str] = None,
                unit: Optional[str] = None, rule: str = "") -> CellRecord:
        cv = parse_cell(cell.text, kind)
        if cell.span is not None:
            start, end = self.doc.norm_offset(cell.span[0]), self.doc.norm_offset(cell.span[1])
        else:
            # a reader without cell spans: the table's place is the best known
            start = end = self.doc.norm_offset(table.anchor)
        rec = CellRecord(table=tname, key=key, row_label=row_label, col_label=col_label,
                         raw=cell.text, status=cv.status, value=cv.value,
                         unit=cv.unit or (unit if cv.status == "value" else None),
                         label=label, start=start, end=end, page=table.page, rule=rule,
                         reason=cv.reason)
        self.out.records.append(rec)
        return rec

    def read(self, tables) -> TableRead:
        for table in tables:
            if not table.rows:
                continue
            kind = _kind(table) or self.last_kind
            if kind == "t2":
                self._t2(table)
            elif kind == "t3":
                self._t3(table)
            elif kind == "t4":
                self._t4(table)
            elif kind == "pre2019":
                self._pre(table)
            else:
                continue
            self.last_kind = kind
        self.out.format = self.fmt_t2 or self.fmt_t3
        return self.out

    # ------------------------------------------------------------------ table 二
    def _t2(self, table: Table) -> None:
        v = vocab()["t2"]
        found = False
        for i in range(len(table.rows)):
            cells = row_cells(table, i)
            heads = [(c, match_alias(norm_label(c.text), v["columns"], truncated=False)) for c in cells]
            if sum(1 for _, k in heads if k) >= 1 and not any(is_numberish(c.text) for c in cells[1:]):
                self.t2_cols = [(c, k) for c, k in heads[1:] if k]
                for _, k in self.t2_cols:
                    fmt = v["format_columns"].get(k)
                    if fmt and not self.fmt_t2:
                        self.fmt_t2 = fmt
                continue
            if not cells:
                continue
            item = match_alias(norm_label(cells[0].text), v["items"], truncated=False)
            if not item or not self.t2_cols:
                continue
            found = True
            vals = [c for c in cells[1:]]
            # one printed value cell per header cell: pair them in order; else by slot
            if len(vals) == len(self.t2_cols):
                pairs = [(h, k, c) for (h, k), c in zip(self.t2_cols, vals)]
            else:
                pairs = []
                for h, k in self.t2_cols:
                    c = next((c for c in vals if c.first <= h.first <= c.last), None)
                    if c is not None:
                        pairs.append((h, k, c))
            seen = set()
            for h, k, c in pairs:
                if k in seen:
                    continue
                seen.add(k)
                kind = ("decimal" if k in v["decimal_columns"] else
                        "signed" if k in v["signed_columns"] else "count")
                self._record(table, c, "t2", f"t2.{item}.{k}", norm_label(cells[0].text),
                             norm_label(h.text), kind=kind, unit=v["units"].get(k),
                             rule="table.grid.t2")
        if found:
            self.out.tables.add("t2")

    # ------------------------------------------------------------------ table 三
    def _t3_columns(self, table: Table) -> tuple[Optional[dict], int]:
        """{slot: column key} from the header rows, and the index of the first body row."""
        v = vocab()["t3"]
        exact = frozenset(v["exact_columns"])
        stacks: dict[int, list[str]] = {}
        body = 0
        for i, row in enumerate(table.rows):
            labels = [norm_label(c) for c in row]
            if any(match_alias(lab, {r["key"]: r["aliases"] for r in v["rows"][:2]}, truncated=False)
                   for lab in labels):
                body = i
                break
            if any(is_numberish(c) and squash(c) for c in row):
                body = i
                break
            for j, lab in enumerate(labels):
                if lab:
                    stacks.setdefault(j, []).append(lab)
            body = i + 1
        cols: dict[int, str] = {}
        for j, stack in stacks.items():
            key = None
            for lab in reversed(stack):
                key = match_alias(lab, v["columns"], exact=exact)
                if key:
                    break
            if key:
                cols[j] = key
        if len(set(cols.values())) < 3:
            return None, 0
        return cols, body

    def _t3_row_key(self, labels: list[str], has_values: bool) -> Optional[str]:
        """The t3 row a row's label cells name (labels with their numbering, in order)."""
        key = t3_row_key(labels, has_values, self.t3_group)
        self.t3_group = _next_group(key, labels, self.t3_group)
        return key

    def _t3(self, table: Table) -> None:
        cols, body = self._t3_columns(table)
        order = None
        if cols is not None:
            keys = []
            for j in sorted(cols):
                if cols[j] not in keys:
                    keys.append(cols[j])
            # a header split over two PDF grids (2023 PDF: 自然人/总计 above, 商业企业…其他 below)
            # names only part of the columns: the official order then stands
            if "natural_person" in keys and "total" in keys:
                order = keys
                self.t3_cols = order
        elif self.t3_cols:
            order = self.t3_cols
        for i in range(body, len(table.rows)):
            cells = row_cells(table, i)
            run = []  # the trailing value cells
            for c in reversed(cells):
                if not is_numberish(c.text):
                    break
                run.insert(0, c)
            # a text in a value cell (无, 3件) ends the numeric run early: take short cells that
            # name no row back into the run, up to the column count (table.cell_invalid material)
            need = len(order) if order else 7
            k = len(cells) - len(run) - 1
            while len(run) < need and k >= 0 and _value_like(cells[k].text):
                run.insert(0, cells[k])
                k -= 1
            labels_cells = cells[: len(cells) - len(run)]
            if order and len(run) >= len(order):
                vals = run[len(run) - len(order):]
                pairs = list(zip(order, vals))
            elif len(run) >= 7 and (order is None or "org_subtotal" not in order):
                pairs = list(zip(T3_ORDER, run[len(run) - 7:]))
            else:
                pairs = []
            labels = []
            for c in labels_cells:
                lab = norm_label(c.text, keep_numbering=True)
                if lab and lab not in labels:
                    labels.append(lab)
            has_values = any(squash(c.text) for _, c in pairs)
            key = self._t3_row_key(labels, has_values)
            if key is None:
                continue
            if not pairs:
                self.out.warnings.append(f"表三“{squash(labels_cells[-1].text) if labels_cells else key}”行："
                                         f"数值单元格{len(run)}个，与列数不符，未读取")
                self.out.unreadable.add(f"t3.{key}")
                continue
            if key in ("other.no_correction", "other.unpaid_fee", "other.other"):
                self.fmt_t3 = self.fmt_t3 or "std2021"
            elif key == "other":
                self.fmt_t3 = self.fmt_t3 or "std2019"
            row_label = display(labels_cells[-1].text) if labels_cells else key
            for k, c in pairs:
                self._record(table, c, "t3", f"t3.{key}.{k}", row_label, _col_label(k), rule="table.grid.t3")
        self.out.tables.add("t3")

    # ------------------------------------------------------------------ table 四
    def _t4(self, table: Table) -> None:
        v = vocab()["t4"]
        stacks: dict[int, list[str]] = {}
        value_rows = []
        for i, row in enumerate(table.rows):
            nums = [c for c in row if is_numberish(c) and squash(c)]
            if len(nums) >= 5 and len(nums) >= len([c for c in row if squash(c)]) - 1:
                value_rows.append(i)
                continue
            for j, c in enumerate(row):
                lab = norm_label(c)
                if lab:
                    stacks.setdefault(j, []).append(lab)
        cols: dict[int, tuple[str, str]] = {}
        for j, stack in stacks.items():
            block = col = None
            for bk in v["blocks"]:  # most specific first (tables.yaml): 复议后起诉 contains 复议
                if any(norm_label(a) in lab for lab in stack for a in v["blocks"][bk]):
                    block = bk
                    break
            for lab in reversed(stack):
                col = match_alias(lab, v["columns"], truncated=False)
                if col:
                    break
            if block and col:
                cols[j] = (block, col)
        if len(set(cols.values())) == 15:
            self.t4_cols = cols
        else:
            # 2019 PDF: the 行政复议/行政诉讼 header row stayed on the previous page; 15 value
            # cells then stand in the official order
            cols = self.t4_cols or {}
        for i in value_rows:
            cells = row_cells(table, i)
            vals = [c for c in cells if is_numberish(c.text)]
            if not cols or len(vals) == 15:
                if len(vals) != 15:
                    continue
                pairs = [((b, k), c) for (b, k), c in zip(
                    [(b, k) for b in v["block_order"] for k in v["order"]], vals)]
            else:
                pairs, seen = [], set()
                for c in cells:
                    bk = cols.get(c.first)
                    if bk and bk not in seen:
                        seen.add(bk)
                        pairs.append((bk, c))
            for (b, k), c in pairs:
                self._record(table, c, "t4", f"t4.{b}.{k}", _block_label(b), _t4_col_label(k),
                             rule="table.grid.t4")
        if value_rows:
            self.out.tables.add("t4")

    # ------------------------------------------------------------------ pre-2019 统计表
    def _pre(self, table: Table) -> None:
        v = vocab()["pre2019"]
        year_col = cum_col = unit_col = None
        for i, row in enumerate(table.rows[:3]):
            for j, c in enumerate(row):
                lab = norm_label(c)
                if "累计" in lab and cum_col is None:
                    cum_col = j
                elif regex.fullmatch(v["year_column"], lab) and year_col is None:
                    year_col = j
                elif "单位" in lab and unit_col is None:
                    unit_col = j
        if year_col is None:
            if not self.pre_cols or self.pre_cols[3] != len(table.rows[0]):
                return
            # a 统计表 continued on the next PDF page, without its header
            year_col, cum_col, unit_col, _ = self.pre_cols
        else:
            self.pre_cols = (year_col, cum_col, unit_col, len(table.rows[0]))
        self.out.tables.add("pre2019")
        for i, row in enumerate(table.rows):
            cells = row_cells(table, i)
            label_cells = [c for c in cells if c.last < min(x for x in (year_col, unit_col) if x is not None)]
            if not label_cells:
                continue
            printed = norm_label(label_cells[-1].text)
            spec = pre_row(printed)
            if spec is None:
                continue
            unit = None
            if unit_col is not None:
                uc = next((c for c in cells if c.first <= unit_col <= c.last), None)
                unit = squash(uc.text) if uc and uc.text else None
            for col, which in ((year_col, "year"), (cum_col, "cumulative")):
                if col is None:
                    continue
                c = next((c for c in cells if c.first <= col <= c.last), None)
                if c is None:
                    continue
                key, label, qualifier = pre_key(spec, printed, which)
                rec = self._record(table, c, "pre2019", key, printed,
                                   "历年累计" if which == "cumulative" else "本年度",
                                   kind="decimal" if spec.get("unit_from_table") else "count",
                                   label=label, unit=unit if spec.get("unit_from_table") else None,
                                   rule="table.grid.pre2019")
                rec.qualifier = qualifier


def _value_like(text: Optional[str]) -> bool:
    """A short cell that is no row label: a value printed as text (无, 3件, 约5)."""
    s = squash(text)
    if not s or len(s) > 4:
        return False
    v = vocab()["t3"]
    rows = {r["key"]: r["aliases"] for r in v["rows"]}
    return not (match_alias(norm_label(s), rows) or match_alias(norm_label(s), v["groups"]))


def pre_row(printed: str) -> Optional[dict]:
    """The pre-2019 row spec whose alias best names a printed label."""
    best, best_len = None, 0
    for spec in vocab()["pre2019"]["rows"]:
        for a in spec["aliases"]:
            a = norm_label(a)
            if a in printed and len(a) > best_len:
                best, best_len = spec, len(a)
    return best


def pre_key(spec: dict, printed: str, which: str) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(fact key, label, qualifier) of a pre-2019 cell. The 本年度 column gives the facts (gold
    003); 历年累计 of 主动公开信息数 is proactive.cumulative, and every other running total is
    kept under its row's key with qualifier 'cumulative' (cross-year checks need them: 007's
    网站公开 1509 → 4359, 016's 受理依申请公开信息总数 1 → 0)."""
    key = spec.get("key")
    qualifier = None
    if which == "cumulative":
        if spec.get("cumulative"):
            key = spec["cumulative"]
        elif key:
            qualifier = "cumulative"
    label = None
    if key and spec.get("label") == "printed":
        label = printed
        strip = spec.get("strip")
        if strip and label.endswith(strip):
            label = label[: -len(strip)]
    return key, label, qualifier


T3_ORDER = ("natural_person", "business", "research", "ngo", "legal_services", "other_org", "total")
_T3_COLS = {"natural_person": "自然人", "business": "商业企业", "research": "科研机构",
            "ngo": "社会公益组织", "legal_services": "法律服务机构", "other_org": "其他",
            "org_subtotal": "小计", "total": "总计"}
_T4_BLOCKS = {"review": "行政复议", "lit_direct": "行政诉讼 未经复议直接起诉",
              "lit_after_review": "行政诉讼 复议后起诉"}
_T4_COLS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结",
            "total": "总计"}


def _col_label(k: str) -> str:
    return _T3_COLS.get(k, k)


def _block_label(b: str) -> str:
    return _T4_BLOCKS.get(b, b)


def _t4_col_label(k: str) -> str:
    return _T4_COLS.get(k, k)


def read_grids(doc: Document) -> TableRead:
    return GridReader(doc).read(doc.tables)


_SUBNUM = regex.compile(r"(?<!\d)(\d{1,2})[.、](?=\D)")


def t3_row_key(labels: list[str], has_values: bool, group: Optional[str]) -> Optional[str]:
    """The t3 row key named by a row's labels (each with its numbering), given the group (不予公开,
    无法提供, 不予处理, 其他处理) the previous rows were under. A sub-row whose words are damaged
    (001's PDF prints 2.其他法律行政止公开) is still placed by its number within its group."""
    v = vocab()["t3"]
    rows = {r["key"]: r["aliases"] for r in v["rows"]}
    exact = frozenset(v["exact_rows"])
    groups = v["groups"]
    key = None
    last_plain = None
    for raw in labels:
        lab = norm_label(raw)
        g = match_alias(lab, groups, truncated=False)
        k = match_alias(lab, rows, exact=exact)
        if g and g != "results" and (not k or len(lab) <= 6):
            group = g
            key = None
            last_plain = raw
            continue
        if k:
            key = k
        last_plain = raw
    if key is None and last_plain is not None and group:
        # the number may follow stray characters of a vertical label (001's PDF: 理结2.其他法律…)
        m = _SUBNUM.search(last_plain)
        if m:
            n = int(m.group(1))
            hit = [r["key"] for r in v["rows"] if r.get("group") == group and r.get("n") == n]
            if len(hit) == 1:
                key = hit[0]
    if key and "." in key:
        if key.split(".")[0] != group and key == "other.other":
            return None
        return key
    if key is None and labels and has_values and group == "other":
        if match_alias(norm_label(labels[-1]), groups, truncated=False) == "other":
            return "other"  # 2019: （六）其他处理 is one value row
    return key


def _next_group(key: Optional[str], labels: list[str], group: Optional[str]) -> Optional[str]:
    v = vocab()["t3"]
    for raw in labels:
        g = match_alias(norm_label(raw), v["groups"], truncated=False)
        if g and g != "results":
            group = g
    if key and "." in key:
        return key.split(".")[0]
    if key in ("new_received", "carried_over", "granted", "partial", "total_processed",
               "carried_forward"):
        return None
    return group
