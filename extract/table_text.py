"""Tables that are not tables: flattened pages, markdown pipes, one row per line.

When a reader gave no grid (a .txt copy of a page, a PDF-to-markdown text), the tables are read
from the text itself. The known row labels are found in order (white space tolerated inside them:
027 prints 社会公益 组织, 本年度办 理结果); the text between a label and the next is the row's
run of numbers, with the next label's own number (2.其他法律…) taken off its end. A run is cut
into cells (extract.table_split) and a reading is accepted only when the column count and the
table's identities leave exactly one (T3-3 per row; T3-1/T3-2 per column for the rows still
open; T4-1 per block; for the 统计表 其中 items = their total and 历年累计 ≥ 本年度). Otherwise
the row is recorded as unreadable with a warning: never a guess.
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from typing import Optional

import regex

from .table_cells import norm_label, vocab
from .table_model import CellRecord, TableRead
from .table_grid import _next_group, t3_row_key
from .table_split import readings, value
from .types import Document

T3_ORDER = ("natural_person", "business", "research", "ngo", "legal_services", "other_org", "total")
T3_NAMES = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
T4_NAMES = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结",
            "total": "总计"}
BLOCK_NAMES = {"review": "行政复议", "lit_direct": "行政诉讼 未经复议直接起诉",
               "lit_after_review": "行政诉讼 复议后起诉"}
_RUN_TAIL = regex.compile(r"[\d\s.+\-]*$")
MAX_COMBOS = 50000


def _t(name: str) -> str:
    """A pattern of tables.yaml's ``text`` section."""
    return vocab()["text"][name]


@lru_cache(maxsize=None)
def _fuzzy(alias: str) -> str:
    """An alias as a pattern that allows white space between its characters."""
    chars = [regex.escape(c) for c in norm_label(alias)]
    return r"\s*".join(chars)


def _pattern(names: list[tuple[str, str]]):
    """One alternation over (name, alias) pairs, longest alias first."""
    # built once per vocabulary list: rebuilding (and recompiling, when regex's own cache had
    # dropped it) the big alternations per report was a tenth of the tables stage
    return _pattern_of(tuple(names))


@lru_cache(maxsize=64)
def _pattern_of(names: tuple):
    names = sorted(names, key=lambda p: -len(norm_label(p[1])))
    groups = []
    index = {}
    for i, (name, alias) in enumerate(names):
        g = f"a{i}"
        index[g] = name
        groups.append(f"(?P<{g}>{_fuzzy(alias)})")
    return regex.compile("|".join(groups)), index


def _plain(doc: Document) -> str:
    """Markdown pipes and separator rows read as spaces (014: '| 规章 | 0 | 0 | 0 |')."""
    text = doc.text
    if text.count("|") < 20:
        return text
    out = regex.sub(r"\|[-:\s|]*-[-:\s|]*\|", lambda m: " " * len(m.group(0)), text)
    return out.replace("|", " ")


class _Rec:
    def __init__(self, doc: Document, out: TableRead):
        self.doc, self.out = doc, out

    def add(self, table, key, row_label, col_label, raw, start, end, rule, label=None, unit=None,
            kind="count", qualifier=None):
        from .table_cells import parse_cell
        cv = parse_cell(raw, kind)
        status, v = cv.status, cv.value
        self.out.records.append(CellRecord(
            table=table, key=key, row_label=row_label, col_label=col_label, raw=raw, status=status,
            value=v, unit=cv.unit or unit if status == "value" else None, label=label, start=start,
            end=end, page=self.doc.page_of(start), rule=rule, reason=cv.reason, qualifier=qualifier))


def _cell_spans(text: str, run_start: int, run: str, cells: list[str]) -> list[tuple[int, int]]:
    """Where each cell of a reading stands in the text."""
    spans, pos = [], 0
    for c in cells:
        while pos < len(run) and run[pos].isspace():
            pos += 1
        spans.append((run_start + pos, run_start + pos + len(c)))
        pos += len(c)
    return spans


# ------------------------------------------------------------------------ table 三 and 四


def _t3_anchors(text: str, start: int, end: int):
    v = vocab()["t3"]
    names = []
    for r in v["rows"]:
        for a in r["aliases"]:
            names.append((("row", r["key"]), a))
    for g, aliases in v["groups"].items():
        for a in aliases:
            names.append((("group", g), a))
    pat, index = _pattern(names)
    found = []
    exact = set(v["exact_rows"])
    for m in pat.finditer(text, start, end):
        g = next(k for k, val in m.groupdict().items() if val is not None)
        kind, name = index[g]
        # 其他 and 总计 are rows only with their own number (3.其他, （七）总计): the words also
        # stand inside other labels (部分公开（…不计其他情形）)
        if kind == "row" and name in exact:
            before = text[max(0, m.start() - 6):m.start()]
            if not regex.search(_t("exact_row_number"), before):
                continue
        found.append((m.start(), m.end(), index[g]))
    return found


def _read_t3(doc: Document, text: str, out: TableRead, rec: _Rec) -> Optional[int]:
    """Table 三 from flattened text; returns where it ends."""
    m = regex.search(_fuzzy("本年新收政府信息公开申请数量"), text)
    if not m:
        return None
    start = m.start()
    stop = regex.search(_t("t3_end"), text[start:])
    end = start + stop.start() if stop else min(len(text), start + 6000)
    anchors = _t3_anchors(text, start, end)
    rows_spec = {r["key"]: r for r in vocab()["t3"]["rows"]}
    group = None
    rows = []  # (key, label text, run, run_start)
    for i, (s, e, (kind, name)) in enumerate(anchors):
        nxt = anchors[i + 1][0] if i + 1 < len(anchors) else end
        seg = text[e:nxt]
        if kind == "group":
            group = name if name != "results" else group
            seg = regex.sub(_t("group_number"), "", seg)
            if name == "other" and _RUN_TAIL.search(seg).group(0).strip():
                # 2019: （六）其他处理 carries one value row
                if i + 1 < len(anchors) and anchors[i + 1][2] == ("row", "other.no_correction"):
                    continue
                tail = _RUN_TAIL.search(seg)
                rows.append(("other", text[s:e], tail.group(0), e + tail.start()))
            continue
        key = name
        if key == "other.other" and group != "other":
            continue
        if "." in key:
            group = key.split(".")[0]
        # take the next label's own number off the end (00000002.其他法律…)
        if i + 1 < len(anchors):
            nkind, nname = anchors[i + 1][2]
            n = rows_spec.get(nname, {}).get("n") if nkind == "row" else None
            if n is not None:
                seg = regex.sub(rf"{n}\s*[.、．]\s*$", "", seg)
        seg = regex.sub(_t("group_number"), "", seg)
        tail = _RUN_TAIL.search(seg)
        run = tail.group(0)
        rows.append((key, text[s:e], run, e + tail.start()))
    if len(rows) < 5:
        return None
    out.tables.add("t3")
    fmt = "std2021" if any(k.startswith("other.") for k, *_ in rows) else (
        "std2019" if any(k == "other" for k, *_ in rows) else None)
    if fmt and not out.format:
        out.format = fmt
    # readings per row: the row identity (T3-3) first
    cands = {}
    for key, label, run, rs in rows:
        rd = readings(run, ["count"] * 7) or []
        ok = [r for r in rd if sum(value(c) for c in r[:6]) == value(r[6])]
        cands[key] = ok or (rd if len(rd) == 1 else [])
        if not rd:
            out.warnings.append(f"表三“{norm_label(label, True)}”行：“{run.strip()}”读不出7个数")
    open_rows = [k for k in cands if len(cands[k]) > 1]
    chosen = {k: c[0] for k, c in cands.items() if len(c) == 1}
    size = 1
    for k in open_rows:
        size *= len(cands[k])
    if open_rows and size <= MAX_COMBOS:  # more: left open rather than judged on a sample
        combos = list(itertools.product(*(cands[k] for k in open_rows)))
        results = [k for k in cands if k not in ("new_received", "carried_over", "total_processed",
                                                 "carried_forward")]

        def col_ok(assign, j):
            def val(k):
                r = assign.get(k)
                return None if r is None else value(r[j])
            a, b, t, f = (val(k) for k in ("new_received", "carried_over", "total_processed",
                                           "carried_forward"))
            if None not in (a, b, t, f) and a + b != t + f:
                return False
            parts = [val(k) for k in results]
            if t is not None and None not in parts and sum(parts) != t:
                return False
            return True

        good = []
        for combo in combos:
            assign = dict(chosen)
            assign.update(zip(open_rows, combo))
            if all(col_ok(assign, j) for j in range(7)):
                good.append(combo)
        for idx, k in enumerate(open_rows):
            options = {tuple(g[idx]) for g in good}
            if len(options) == 1:
                chosen[k] = list(options.pop())
    for key, label, run, rs in rows:
        lab = norm_label(label, keep_numbering=True)
        if key not in chosen:
            out.unreadable.add(f"t3.{key}")
            n = len(cands.get(key) or [])
            out.warnings.append(f"表三“{lab}”行：数字“{run.strip()}”有{n}种拆分，未读取")
            continue
        cells = chosen[key]
        for (s, e), c, col, name in zip(_cell_spans(text, rs, run, cells), cells, T3_ORDER, T3_NAMES):
            rec.add("t3", f"t3.{key}.{col}", lab, name, c, s, e, "table.text.t3")
    return end


def _read_t4(doc: Document, text: str, start: int, out: TableRead, rec: _Rec) -> None:
    m = None
    for m in regex.finditer(_t("t4_header_end"), text[start:start + 3000] if start else text):
        pass
    if m is None:
        return
    base = start if start else 0
    e = base + m.end()
    tail = regex.match(r"[\d\s]*", text[e:e + 200]).group(0)
    nxt = text[e + len(tail):e + len(tail) + 1]
    if nxt in "年月" and nxt:
        tail = tail.rsplit(None, 1)[0] if tail.strip() else tail
    if not tail.strip():
        return
    rd = readings(tail, ["count"] * 15) or []
    ok = [r for r in rd if all(sum(value(c) for c in r[b:b + 4]) == value(r[b + 4]) for b in (0, 5, 10))]
    out.tables.add("t4")
    pick = ok if ok else (rd if len(rd) == 1 else [])
    if len(pick) != 1:
        out.warnings.append(f"表四：数字“{tail.strip()}”有{len(pick)}种符合的拆分，未读取")
        out.unreadable.update(f"t4.{b}" for b in BLOCK_NAMES)
        return
    cells = pick[0]
    keys = [(b, k) for b in ("review", "lit_direct", "lit_after_review")
            for k in ("upheld", "corrected", "other", "pending", "total")]
    for (s, en), c, (b, k) in zip(_cell_spans(text, e, tail, cells), cells, keys):
        rec.add("t4", f"t4.{b}.{k}", BLOCK_NAMES[b], T4_NAMES[k], c, s, en, "table.text.t4")


# ------------------------------------------------------------------------ table 二


def _read_t2(doc: Document, text: str, out: TableRead, rec: _Rec) -> None:
    v = vocab()["t2"]
    m = regex.search(_t("t2_start"), text)
    if not m:
        return
    end_m = regex.search(_fuzzy("本年新收政府信息公开申请数量") + "|" + _t("t2_end"), text[m.start():])
    end = m.start() + (end_m.start() if end_m else 3000)
    region = text[m.start():end]
    fmt = None
    for col, f in v["format_columns"].items():
        if any(regex.search(_fuzzy(a), region) for a in v["columns"][col]):
            fmt = f
            break
    if fmt is None:
        return
    out.format = out.format or fmt
    layout = v["layout"][fmt]
    names = [(("item", k), a) for k, aliases in v["items"].items() for a in aliases]
    names += [(("col", k), a) for k, aliases in v["columns"].items() for a in aliases]
    names += [(("other", "x"), a) for a in ("信息内容", "第二十条")]
    pat, index = _pattern(names)
    anchors = []
    for mm in pat.finditer(text, m.start(), end):
        g = next(k for k, val in mm.groupdict().items() if val is not None)
        anchors.append((mm.start(), mm.end(), index[g]))
    out.tables.add("t2")
    for i, (s, e, (kind, name)) in enumerate(anchors):
        if kind != "item" or name not in layout:
            continue
        nxt = anchors[i + 1][0] if i + 1 < len(anchors) else end
        seg = text[e:nxt]
        cols = layout[name]
        kinds = ["decimal" if c in v["decimal_columns"] else "signed" if c in v["signed_columns"]
                 else "count" for c in cols]
        unit = None
        um = regex.search(_t("amount_unit"), seg)
        if um and kinds[-1] == "decimal":
            unit = um.group(1)
            seg = seg[:um.start()]
        mrun = regex.match(r"[\d\s.+\-]*", seg)
        run = mrun.group(0)
        rd = readings(run, kinds) or []
        label = norm_label(text[s:e])
        if len(rd) != 1:
            out.unreadable.add(f"t2.{name}")
            out.warnings.append(f"表二“{label}”行：数字“{run.strip()}”有{len(rd)}种拆分，未读取")
            continue
        cells = rd[0]
        for (cs, ce), c, col in zip(_cell_spans(text, e, run, cells), cells, cols):
            u = unit if col in v["decimal_columns"] and unit else v["units"].get(col)
            k = ("decimal" if col in v["decimal_columns"] else
                 "signed" if col in v["signed_columns"] else "count")
            rec.add("t2", f"t2.{name}.{col}", label, _t2_col_name(col), c, cs, ce, "table.text.t2",
                    unit=u, kind=k)


def _t2_col_name(col: str) -> str:
    return vocab()["t2"]["columns"][col][0]


# ------------------------------------------------------------------------ pre-2019 统计表


def _read_pre(doc: Document, text: str, out: TableRead, rec: _Rec) -> None:
    v = vocab()["pre2019"]
    h = regex.search(_t("pre_header"), text)
    if not h:
        return
    head = text[h.end():h.end() + 80]
    two = "累计" in head
    names = []
    for i, spec in enumerate(v["rows"]):
        for a in spec["aliases"]:
            names.append((i, a))
    pat, index = _pattern(names)
    anchors = []
    for m in pat.finditer(text, h.end(), min(len(text), h.end() + 4000)):
        if anchors and m.start() - anchors[-1][1] > 60:
            break
        g = next(k for k, val in m.groupdict().items() if val is not None)
        anchors.append((m.start(), m.end(), index[g]))
    if len(anchors) < 3:
        return
    out.tables.add("pre2019")
    kinds_n = 2 if two else 1
    rows = []
    for i, (s, e, si) in enumerate(anchors):
        spec = v["rows"][si]
        nxt = anchors[i + 1][0] if i + 1 < len(anchors) else min(len(text), e + 40)
        seg = text[e:nxt]
        um = regex.match(_t("pre_unit"), seg)
        unit = um.group(1) if um else None
        body_start = e + (um.end() if um else 0)
        body = text[body_start:nxt]
        # the next label's number (2.政府公报公开) and 其中： stand before it
        body = regex.sub(_t("pre_next_number"), "", body) if i + 1 < len(anchors) else body
        mrun = regex.match(r"[\d\s.]*", body)
        run = mrun.group(0)
        printed = norm_label(text[s:e])
        rows.append(dict(spec=spec, printed=printed, run=run, start=body_start, unit=unit, label=text[s:e]))
    spaced = sum(1 for r in rows if len(r["run"].split()) == kinds_n) > len(rows) / 2
    for r in rows:
        kinds = ["decimal" if r["spec"].get("unit_from_table") else "count"] * kinds_n
        toks = r["run"].split()
        if spaced and len(toks) != kinds_n:
            r["cands"] = []
        else:
            rd = readings(r["run"], kinds) or []
            if kinds_n == 2:
                rd = [x for x in rd if value(x[1]) >= value(x[0])]  # 历年累计 includes the year
            r["cands"] = rd
    _resolve_pre(rows, v, text)
    for r in rows:
        spec, printed = r["spec"], r["printed"]
        from .table_grid import pre_key
        if r.get("chosen") is None:
            if spec.get("key"):
                out.unreadable.add(spec["key"])
                out.warnings.append(f"统计表“{printed}”行：数字“{r['run'].strip()}”无法确定拆分，未读取")
            continue
        cells = r["chosen"]
        for (cs, ce), c, which in zip(_cell_spans(text, r["start"], r["run"], cells), cells,
                                      ("year", "cumulative")):
            key, label, qualifier = pre_key(spec, printed, which)
            unit = r["unit"] if spec.get("unit_from_table") else None
            rec.add("pre2019", key, printed, "历年累计" if which == "cumulative" else "本年度", c, cs, ce,
                    "table.text.pre2019", label=label, unit=unit,
                    kind="decimal" if spec.get("unit_from_table") else "count", qualifier=qualifier)


def _resolve_pre(rows: list[dict], v: dict, text: str) -> None:
    """Choose each row's reading: unique ones stand; a 其中 list and its total are solved
    together (their sums must agree in each column); a total still open is settled by the prose
    when exactly one reading's 本年度 figure is the one the prose states."""
    for r in rows:
        if len(r["cands"]) == 1:
            r["chosen"] = r["cands"][0]
    # groups: a parent row and the child rows that follow it
    for i, r in enumerate(rows):
        key = r["spec"].get("key")
        kids_keys = v.get("children_of", {}).get(key)
        if not kids_keys:
            continue
        kids = []
        for r2 in rows[i + 1:]:
            if r2["spec"].get("parent") == key:
                kids.append(r2)
            else:
                break
        if not kids:
            continue
        members = [r] + kids
        open_m = [m for m in members if m.get("chosen") is None and m["cands"]]
        if not open_m or any(m.get("chosen") is None and not m["cands"] for m in members):
            continue
        size = 1
        for m in open_m:
            size *= len(m["cands"])
        if size > MAX_COMBOS:
            continue
        good = []
        for combo in itertools.product(*(m["cands"] for m in open_m)):
            assign = {id(m): m.get("chosen") for m in members}
            for m, c in zip(open_m, combo):
                assign[id(m)] = c
            ncol = len(assign[id(r)])
            if all(value(assign[id(r)][j]) == sum(value(assign[id(k)][j]) for k in kids)
                   for j in range(ncol)):
                good.append(combo)
        if not good:
            continue
        # the prose may settle a total that the sums leave open
        if len({tuple(g[0]) for g in good}) > 1 and open_m[0] is r:
            stated = _prose_numbers(r["spec"].get("key"), v, text)
            keep = [g for g in good if value(g[0][0]) in stated]
            if keep:
                good = keep
        for idx, m in enumerate(open_m):
            options = {tuple(g[idx]) for g in good}
            if len(options) == 1:
                m["chosen"] = list(options.pop())
    for r in rows:
        if r.get("chosen") is None and len(r["cands"]) > 1 and r["spec"].get("key") in v.get("prose", {}):
            stated = _prose_numbers(r["spec"]["key"], v, text)
            keep = [c for c in r["cands"] if value(c[0]) in stated]
            if len(keep) == 1:
                r["chosen"] = keep[0]


def _prose_numbers(key: Optional[str], v: dict, text: str) -> set:
    pat = v.get("prose", {}).get(key)
    if not pat:
        return set()
    found = set()
    for m in regex.finditer(pat + r"\s*(\d+)\s*[条件]", text):
        found.add(int(m.group(1)))
    return found


# ------------------------------------------------------------------------ markdown pipes


def _t3_order(fmt: str) -> list[str]:
    keys = [r["key"] for r in vocab()["t3"]["rows"]]
    if fmt == "std2019":
        i = keys.index("other.no_correction")
        keys = keys[:i] + ["other"] + keys[i + 3:]
    return keys


def _md_rows(doc: Document):
    """(line start, [(cell text, start, end)]) for every markdown table row, separators skipped."""
    rows = []
    for m in regex.finditer(r"^[ \t]*\|(.*)\|[ \t]*$", doc.text, regex.M):
        cells, pos = [], m.start(1)
        for part in m.group(1).split("|"):
            cells.append((part.strip(), pos + len(part) - len(part.lstrip()), pos + len(part.rstrip())))
            pos += len(part) + 1
        if all(regex.fullmatch(r"[-: ]*", c[0]) for c in cells):
            continue
        rows.append((m.start(), cells))
    return rows


def _read_md(doc: Document, out: TableRead, rec: _Rec, want) -> bool:
    """Tables three and four from a PDF-to-markdown text (014): the value rows of table 三 may
    be split from their labels; they are placed by the official row order, and only when their
    count is the official one and every row that kept its label sits at its own place."""
    from .table_cells import is_numberish, squash
    rows = _md_rows(doc)
    if len(rows) < 10:
        return False
    m = regex.search(_fuzzy("本年新收政府信息公开申请数量"), doc.text)
    if not m:
        return False
    start = doc.text.rfind("\n", 0, m.start()) + 1
    t4m = regex.search(r"行政复议", doc.text[m.end():])
    t3_end = m.end() + t4m.start() if t4m else len(doc.text)
    value_rows = []  # (label key or None, label, value cells)
    t4_rows = []
    group = None
    for line_start, cells in rows:
        if line_start < start:
            continue
        run = []
        for c in reversed(cells):
            if not is_numberish(c[0]):
                break
            run.insert(0, c)
        while len(run) > 7 and not squash(run[-1][0]):
            run.pop()  # a trailing empty column (014 row 一 prints '| 34 |  |')
        labels = [c[0] for c in cells[: len(cells) - len(run)] if c[0]]
        normed = [norm_label(x, keep_numbering=True) for x in labels]
        if not any(squash(c[0]) for c in run):
            group = _next_group(None, normed, group)  # a label row: （三）不予公开
            continue
        if line_start >= t3_end:
            if len(run) == 15:
                t4_rows.append(run)
            continue
        if len(run) != 7:
            continue
        key = t3_row_key(normed, True, group) if labels else None
        group = _next_group(key, normed, group)
        value_rows.append((key, labels[-1] if labels else "", run))
    done = False
    keys = [k for k, _, _ in value_rows]
    if "t3" in want and value_rows and None not in keys and len(set(keys)) == len(keys):
        # every value row kept its label: read them by label, whatever their number
        out.tables.add("t3")
        if any(k.startswith("other.") for k in keys):
            out.format = out.format or "std2021"
        elif "other" in keys:
            out.format = out.format or "std2019"
        for key, lab, run in value_rows:
            for (raw, s, e), col, name in zip(run, T3_ORDER, T3_NAMES):
                rec.add("t3", f"t3.{key}.{col}", lab, name, raw if squash(raw) else None, s, e,
                        "table.md.label")
        done = True
    if "t3" in want and value_rows and not done:
        for fmt in ("std2021", "std2019"):
            order = _t3_order(fmt)
            if len(order) != len(value_rows):
                continue
            if all(k is None or k == order[i] or (k == "other.other" and order[i] == "other")
                   for i, (k, _, _) in enumerate(value_rows)):
                out.tables.add("t3")
                out.format = out.format or fmt
                for key, (k, lab, run) in zip(order, value_rows):
                    for (raw, s, e), col, name in zip(run, T3_ORDER, T3_NAMES):
                        rec.add("t3", f"t3.{key}.{col}", lab or key, name, raw if squash(raw) else None,
                                s, e, "table.md.order")
                done = True
                break
        if not done:
            out.warnings.append(f"表三：markdown表格有{len(value_rows)}个数值行，与标准表的行数不符，未按顺序读取")
    if "t4" in want and len(t4_rows) == 1:
        out.tables.add("t4")
        keys = [(b, k) for b in ("review", "lit_direct", "lit_after_review")
                for k in ("upheld", "corrected", "other", "pending", "total")]
        for (raw, s, e), (b, k) in zip(t4_rows[0], keys):
            rec.add("t4", f"t4.{b}.{k}", BLOCK_NAMES[b], T4_NAMES[k], raw if squash(raw) else None, s, e,
                    "table.md.order")
    return done


# ------------------------------------------------------------------------ entry


def read_text_tables(doc: Document, want=frozenset()) -> TableRead:
    out = TableRead()
    rec = _Rec(doc, out)
    text = _plain(doc)
    if "t3" in want or "t4" in want or "t2" in want:
        if "t2" in want:
            _read_t2(doc, text, out, rec)
        if _read_md(doc, out, rec, want):
            return out
        end = _read_t3(doc, text, out, rec) if "t3" in want else None
        if "t4" in want:
            _read_t4(doc, text, end or 0, out, rec)
    if "pre2019" in want and not out.tables:
        _read_pre(doc, text, out, rec)
    return out
