"""The section outline: headings, nesting and section kinds; and 一是/二是 point lists.

Headings are found at line starts and, because many crawled reports are one long line
(019: '…联系。一、总体情况2019年，在…（一）基本情况今年，…'), inline too - but an inline heading
must continue the numbering (the next expected number of an open list, or 1 for a new sub-list),
so running text like '其中：2、…' or '第二十条第（一）项' does not become a heading. Line-start
headings are taken even out of sequence: that is what the numbering check needs to see
(014 restarts 一、二、三 after 六、).

Patterns and vocabularies are data: extract/outline.yaml.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from . import rules
from .types import Document, Section

def cn_to_int(s: str) -> Optional[int]:
    """一 -> 1, 十二 -> 12, 二十三 -> 23 (heading and 一是 ordinals); None when not a numeral."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    from .numbers import parse_number

    v = parse_number(s)
    return v if isinstance(v, int) and 0 < v < 1000 else None


def _marker_ordinal(m) -> Optional[int]:
    d = m.groupdict()
    if d.get("num"):
        return cn_to_int(d["num"])
    if d.get("enc"):
        return ord(d["enc"]) - ord("㈠") + 1
    if d.get("circ"):
        return ord(d["circ"]) - ord("①") + 1
    return None


@dataclass(frozen=True)
class Enumeration:
    """A run of 一是/二是/三是 points: ``items`` are (ordinal, start, end) spans."""

    start: int
    end: int
    items: tuple[tuple[int, int, int], ...]

    @property
    def ordinals(self) -> tuple[int, ...]:
        return tuple(i[0] for i in self.items)


@dataclass(frozen=True)
class _Rules:
    styles: tuple  # (id, rank, compiled pattern)
    inline_after: object
    not_before: object
    not_before_arabic: object
    not_after: object
    title_stop: object
    title_max: int
    inline_end: object
    phrases: object
    kinds: tuple  # (id, compiled)
    regions: tuple  # (start compiled, end compiled or None)
    known_heading: object
    enum_item: object


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = rules.load("outline")

    def comp(p):
        return regex.compile(rules.expand(p, data))

    styles = tuple((s["id"], rank, comp(s["pattern"])) for rank, s in enumerate(data["styles"]))
    phrases = sorted(set(data["heading_phrases"]), key=len, reverse=True)
    return _Rules(
        styles=styles,
        inline_after=comp(data["inline_after"]),
        not_before=comp(data["not_before"]),
        not_before_arabic=comp(data["not_before_arabic"]),
        not_after=comp(data["not_after_number"]),
        title_stop=comp(data["title_stop"]),
        title_max=int(data["title_max"]),
        inline_end=comp(data["inline_title_end"]),
        phrases=regex.compile(r"\L<phrases>", phrases=phrases),
        kinds=tuple((k["id"], comp(k["pattern"])) for k in data["kinds"]),
        regions=tuple((comp(r["start"]), comp(r["end"]) if r.get("end") else None)
                      for r in data["table_regions"]),
        enum_item=comp(data["enumeration_item"]),
        known_heading=regex.compile(rules.expand(data["known_heading"], data), phrases=phrases),
    )


def style_ids() -> tuple[str, ...]:
    return tuple(s[0] for s in _rules().styles)


def section_kind(title: str) -> str:
    """The kind of a section from its own title (vocabulary in outline.yaml), else 'other'."""
    for kind, pat in _rules().kinds:
        if pat.search(title):
            return kind
    return "other"


_REGION_CAP = 8000  # a table whose end marker is lost still ends somewhere


def table_regions(text: str) -> list[tuple[int, int]]:
    """Spans of flattened statistics tables whose numbered rows are not headings.

    A region ends at its end marker (table 三: the 结转下年度继续办理 row and its cells), at the
    first sentence end for a table without one (the pre-2019 统计表 has no 。 in its cells), or
    at the next top-level heading with a known title, whichever comes first.
    """
    r = _rules()
    out = []
    for start_pat, end_pat in r.regions:
        pos = 0
        while True:
            m = start_pat.search(text, pos)
            if not m:
                break
            stops = [min(len(text), m.start() + _REGION_CAP)]
            if end_pat is not None:
                e = end_pat.search(text, m.end())
                if e:
                    stops.append(e.end())
            else:
                dot = text.find("。", m.end())
                if dot >= 0:
                    stops.append(dot)
            h = r.known_heading.search(text, m.end())
            if h:
                stops.append(h.start())
            end = max(min(stops), m.end())
            out.append((m.start(), end))
            pos = end
    return out


def _line_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\u3000\r":
        i -= 1
    return i < 0 or text[i] == "\n"


@dataclass
class _Cand:
    start: int
    marker_end: int
    style: str
    rank: int
    ordinal: int
    number: str
    line_start: bool
    after_punct: bool


def _candidates(text: str) -> list[_Cand]:
    r = _rules()
    regions = table_regions(text)
    cands: list[_Cand] = []
    for style, rank, pat in r.styles:
        for m in pat.finditer(text):
            s = m.start()
            if any(a <= s < b for a, b in regions):
                continue
            before = text[max(0, s - 40):s]
            if r.not_before.search(before.rstrip()):  # '第二十条第\n（一）项' in PDF text
                continue
            if style.startswith("arabic") and r.not_before_arabic.search(before):
                continue
            if r.not_after.match(text, m.end()):
                continue
            ordinal = _marker_ordinal(m)
            if not ordinal:
                continue
            number = m.group("num") if m.groupdict().get("num") else m.group(0).strip("（()）、，, ")
            ls = _line_start(text, s)
            ap = bool(r.inline_after.search(before)) or s == 0
            if not ls and style == "cn_dun" and m.group(0)[-1:] in ".．" and not ap:
                continue
            cands.append(_Cand(s, m.end(), style, rank, ordinal, number, ls, ap))
    cands.sort(key=lambda c: (c.start, c.rank))
    out: list[_Cand] = []
    last_end = -1
    for c in cands:
        if c.start < last_end:
            continue
        out.append(c)
        last_end = c.marker_end
    return out


def _title(text: str, c: _Cand) -> tuple[str, int, int]:
    """(title, title_start, title_end) for a heading whose number ends at c.marker_end."""
    r = _rules()
    s = c.marker_end
    while s < len(text) and text[s] in " \t\u3000":
        s += 1
    stop = r.title_stop.search(text, s)
    e = stop.start() if stop else len(text)
    seg = text[s:e]
    ph = r.phrases.match(seg)
    if c.line_start:
        # a contents line: the title ends before the next number (032 '一、概述,(一)注重…')
        nxt = regex.search(r"[，,、]\s*(?=[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．])", seg)
        if nxt and nxt.start() >= 2:
            seg = seg[:nxt.start()]
        if ph and regex.match(r"[\s\d]", seg[ph.end():ph.end() + 1]):
            seg = ph.group(0)  # '一、总体情况 2019年，我区…'
        elif stop and text[e] == "。":
            # a heading followed by its text on the same line, ending in 。: the title is the
            # first clause (000 '(三)信息公开的形式,在区政府门户网站上公开。'), or a known title
            # or one ending in 情况 at its start (PDF '四、…存在的主要问题及改进情况目前，我县…')
            comma = regex.search(r"[，,]|\s", seg)
            if comma and comma.start() >= 2:
                seg = seg[:comma.start()]
            if ph and ph.end() < len(seg):
                seg = ph.group(0)
            else:
                m = r.inline_end.search(seg)
                if m and m.end() < len(seg) - 1:
                    seg = seg[:m.end()]
    if not c.line_start or len(seg) > r.title_max:
        if ph:
            seg = ph.group(0)
        else:
            # running text starts at a digit, a space, a bracket or a comma
            cut = regex.search(r"[\s\d，,（(“\"]|[一二三四五六七八九十]是", seg[2:])
            limit = cut.start() + 2 if cut else len(seg)
            m = r.inline_end.search(seg, 0, limit) if not c.line_start else None
            seg = seg[:m.end()] if m else seg[:limit]
            if len(seg) > r.title_max:
                seg = seg[:r.title_max]
    seg = seg.rstrip(" \t\u3000、，,")
    return seg, s, s + len(seg)


def _appearance_ranks(cands: list[_Cand]) -> Optional[dict]:
    """Ranks by order of first appearance when a report numbers against the usual hierarchy
    (1. parts with （一） points beneath, restarting under each part); None when the usual
    hierarchy holds.

    Only line-start headings vote, and the evidence must be plain: the lower style comes
    first, and the higher style restarts at 1 after the lower style's next item.
    """
    hier = {style: rank for style, rank, _p in _rules().styles}
    lines = [c for c in cands if c.line_start]
    if not lines:
        return None
    first: dict[str, int] = {}
    for k, c in enumerate(lines):
        first.setdefault(c.style, k)
    seen = sorted(first, key=first.get)
    if [hier[x] for x in seen] == sorted(hier[x] for x in seen):
        return None
    for a, b in zip(seen, seen[1:]):
        if hier[a] < hier[b]:
            continue
        # a (lower in the hierarchy) heads b: after a's next item, b restarts at 1
        k = first[b]
        if k == 0 or lines[k - 1].style != a:
            return None  # b first comes under something else (2013 dishuiju: 二、 then （一）)
        nxt_a = next((i for i in range(k, len(lines)) if lines[i].style == a), None)
        if nxt_a is None:
            return None
        above = set(seen[:seen.index(a)])
        restart = False
        for i in range(nxt_a + 1, len(lines)):
            if lines[i].style in above:
                break
            if lines[i].style == b:
                restart = lines[i].ordinal == 1
                break
        if not restart:
            return None
    order = list(seen)
    for style in sorted(hier, key=hier.get):
        if style in order:
            continue
        pos = 0
        for i, e in enumerate(order):
            if hier[e] < hier[style]:
                pos = i + 1
        order.insert(pos, style)
    return {style: i for i, style in enumerate(order)}


def _drop_contents_list(accepted: list[dict]) -> list[dict]:
    """Drop a table of contents at the top: headings that the body repeats word for word soon
    after (032 '一、概述,(一)注重重点推进,…,六、主要问题和改进措施,' then '一、概述' again)."""
    if not accepted:
        return accepted
    first = accepted[0]
    for j in range(1, len(accepted)):
        b = accepted[j]
        if b["start"] - first["start"] > 800:
            break
        if (b["style"], b["ordinal"], b["title"]) == (first["style"], first["ordinal"],
                                                        first["title"]) and first["title"]:
            kept = accepted[j:]
            for a in kept:
                a["parent"] = a["parent"] - j if a["parent"] is not None and a["parent"] >= j \
                    else None
            return kept
    return accepted


def find_sections(doc: Document) -> tuple[Section, ...]:
    text = doc.text
    r = _rules()
    accepted: list[dict] = []
    stack: list[int] = []  # indices into accepted, ranks increasing
    cands = _candidates(text)
    remap = _appearance_ranks(cands)
    if remap:
        for c in cands:
            c.rank = remap[c.style]
    for c in cands:
        same = next((i for i in stack if accepted[i]["style"] == c.style), None)
        expected = accepted[same]["ordinal"] + 1 if same is not None else 1
        # a sub-list opening right after an inline heading's title, in the same sentence
        # (019 '（二）主要做法1.加强组织领导…', '2.把握工作重点，扎实推进信息公开（1）加强…')
        opens_sub = (accepted and c.ordinal == 1 and same is None
                     and c.rank > accepted[-1]["rank"]
                     and c.start - accepted[-1]["start"] <= 40
                     and not regex.search(r"[。；;！!？?\n]", text[accepted[-1]["start"]:c.start]))
        if not c.line_start and not opens_sub:
            if c.after_punct:
                # an open list's number repeated or one skipped is still a heading, for the
                # numbering check to see - but only for Chinese numerals after a full stop,
                # which running text does not produce ('…工作。（二）完善制度。…（二）队伍建设')
                slip = (same is not None and c.style in ("cn_dun", "cn_paren")
                        and c.ordinal in (expected - 1, expected + 1)
                        and regex.search(r"[。；;]\s*$", text[max(0, c.start - 3):c.start]))
                if c.ordinal != expected and not slip:
                    continue
            else:
                # inline after a table's numbers: only the next top-level heading with a
                # known title (019 '…32.52元三、收到和处理政府信息公开申请情况')
                root = accepted[stack[0]]["style"] if stack else None
                prev = text[c.start - 1] if c.start else ""
                if (c.ordinal != expected or root != c.style or prev in ",，、）)"
                        or not r.phrases.match(text, c.marker_end)):
                    continue
        title, ts, te = _title(text, c)
        if not title and not c.line_start:
            continue
        if accepted and accepted[-1]["end"] > c.start:
            # the previous title ran into this heading: it ends where this one starts
            prev = accepted[-1]
            prev["title"] = text[prev["title_start"]:c.start].rstrip(" \t\u3000、，,")
            prev["end"] = max(prev["title_start"] + len(prev["title"]), prev["start"] + 1)
        while stack and accepted[stack[-1]]["rank"] >= c.rank:
            stack.pop()
        parent = stack[-1] if stack else None
        accepted.append(dict(style=c.style, rank=c.rank, ordinal=c.ordinal, number=c.number,
                             start=c.start, end=max(te, c.marker_end), title=title,
                             title_start=ts, parent=parent))
        stack.append(len(accepted) - 1)
    accepted = _drop_contents_list(accepted)
    ranks = sorted({a["rank"] for a in accepted})
    level_of = {rk: i + 1 for i, rk in enumerate(ranks)}
    # a section's text ends at the next heading of the same or a higher level
    body_ends = [len(text)] * len(accepted)
    open_: list[int] = []
    for i, a in enumerate(accepted):
        while open_ and accepted[open_[-1]]["rank"] >= a["rank"]:
            body_ends[open_.pop()] = a["start"]
        open_.append(i)
    out = []
    for i, a in enumerate(accepted):
        body_end = body_ends[i]
        out.append(Section(number=a["number"], level=level_of[a["rank"]], title=a["title"],
                           kind=section_kind(a["title"]), start=a["start"], end=a["end"],
                           body_end=body_end, style=a["style"], ordinal=a["ordinal"],
                           parent=a["parent"]))
    return tuple(out)


def find_enumerations(doc: Document, sections: tuple[Section, ...] | None = None
                      ) -> tuple[Enumeration, ...]:
    """Runs of 一是/二是/三是 points, nested runs included.

    A heading ends every open run. 一是 starts a new run; when it comes right after a short
    topic sentence of an open run's item (011 '一是推进行政权力清单公开。一是按照…二是按照…。
    二是推进财政资金信息公开'), the new run is nested and the outer run resumes at the number it
    expects. An item continues the innermost run that expects it, else an outer one that does,
    else the innermost run (a skip or a repeat, which the numbering check reports).
    """
    text = doc.text
    if sections is None:
        sections = find_sections(doc)
    bounds = sorted({s.start for s in sections} | {len(text)})
    heading_ends = {s.end for s in sections}
    regions = table_regions(text)
    pat = _rules().enum_item
    items = []
    for m in pat.finditer(text):
        if any(a <= m.start() < b for a, b in regions):
            continue
        items.append((cn_to_int(m.group("num")), m.start(), m.end()))
    # 一是 in the same sentence as an inline heading (011 '（一）加强组织领导，健全工作机制一是
    # 高度重视。…'): the heading's title may have been cut before it.
    bare = regex.compile(r"一是(?![否的])")
    known = {i[1] for i in items}
    for e in heading_ends:
        m = bare.search(text, e, min(len(text), e + 40))
        if m and m.start() not in known and not regex.search(r"[。；;！!？?\n]", text[e:m.start()]):
            items.append((1, m.start(), m.end()))
    items = sorted(i for i in items if i[0])
    items.sort(key=lambda i: i[1])

    def next_bound(pos):
        k = bisect_right(bounds, pos)
        return bounds[k] if k < len(bounds) else len(text)

    runs: list[list[tuple[int, int, int]]] = []
    stack: list[int] = []  # indices of open runs, outermost first
    for it in items:
        n, s, _e = it
        if stack and next_bound(runs[stack[-1]][-1][1]) <= s:
            stack = []  # a heading came between
        if n == 1:
            if stack:
                prev = runs[stack[-1]][-1]
                between = text[prev[2]:s]
                if len(between) <= 40 and regex.search(r"[。：:；;]", between):
                    runs.append([it])
                    stack.append(len(runs) - 1)
                    continue
            runs.append([it])
            stack = [len(runs) - 1]
            continue
        if not stack:
            runs.append([it])
            stack = [len(runs) - 1]
            continue
        target = None
        for k in range(len(stack) - 1, -1, -1):
            if runs[stack[k]][-1][0] + 1 == n:
                target = k
                break
        if target is None:
            target = len(stack) - 1
        del stack[target + 1:]
        runs[stack[-1]].append(it)
    out = []
    for run in sorted(runs, key=lambda r: r[0][1]):
        end_limit = next_bound(run[-1][1])
        stop = text.find("。", run[-1][2], end_limit)
        last_end = stop + 1 if stop >= 0 else end_limit
        spans = []
        for k, (n, s, _e) in enumerate(run):
            e = run[k + 1][1] if k + 1 < len(run) else last_end
            spans.append((n, s, e))
        out.append(Enumeration(start=run[0][1], end=last_end, items=tuple(spans)))
    return tuple(out)
