"""Checks on the report's structure: the parts the introduction promises, stated counts of
points, numbering, and the six headings of the standard formats.

- structure.declared_parts: the introduction's list (由概述、…组成) or count (共六个部分) of parts
  against the body's top-level sections (an unnumbered 统计表 after the last one counts as a
  part). Values [declared, found]; [stated, listed] when the introduction contradicts itself.
  Fewer parts than promised is flagged only when a promised part is missing before one that is
  present and the text does not stop mid-sentence: excerpts and cut copies are not faulted.
- structure.enumeration: 以下两个方面 / 主要有三点 and the list that opens right after it (the
  next run of same-style headings, or of 一是/二是 points). Values [stated, found].
- structure.numbering: a heading list or 一是/二是 run that skips or repeats a number.
  Values [expected, printed] at the first fault.
- structure.missing_section: a std2019/std2021 report without one of the six headings, when a
  later one is present (a cut copy is not faulted). Values: the missing headings' numbers.

Vocabulary and patterns: extract/outline.yaml (the outline and these checks share it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

import regex

from .. import rules
from ..outline import Enumeration, cn_to_int, find_enumerations, section_kind
from ..types import Analysis, Evidence, Flag, Section
from . import make_flag

_CN_DIGITS = "零一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n - 10] if n > 10 else "")
    return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")


@lru_cache(maxsize=1)
def _data():
    data = rules.load("outline")

    def comp(p):
        return regex.compile(rules.expand(p, data))

    kinds = {k["id"]: comp(k["pattern"]) for k in data["kinds"]}
    return dict(
        declared=[comp(p) for p in data["declared_parts"]],
        part_end=comp(data["part_end"]),
        part_join=comp(data["part_join"]),
        common=set(data["common_bigrams"]),
        appendix_table=comp(data["appendix_table"]),
        clean_end=comp(data["clean_end"]),
        phrases=[comp(p) for p in data["enumeration_phrases"]],
        gap=int(data["enumeration_gap"]),
        standard=data["standard_headings"],
        annex=comp(data["annex_marker"]),
        kinds=kinds,
    )


def _ev(doc, start, end, quote=True) -> Evidence:
    return Evidence(start=start, end=end, page=doc.page_of(start),
                    quote=doc.text[start:end][:120] if quote else None)


# --------------------------------------------------------------------------- declared parts


@dataclass(frozen=True)
class Declared:
    start: int
    end: int
    count: Optional[int]  # the stated number (共六个部分), None when only listed
    parts: tuple[str, ...]  # the listed titles, () when only counted


def _split_join(item: str) -> list[str]:
    """Split an item that joins two parts with 和/以及/与 where the two sides differ in kind."""
    for m in _data()["part_join"].finditer(item):
        left, right = item[:m.start()], item[m.end():]
        kl, kr = section_kind(left), section_kind(right)
        if kl != kr and (kl != "other" or _is_kind(left, "other")) and \
                (kr != "other" or _is_kind(right, "other")):
            return [left] + _split_join(right)
    return [item]


def _split_parts(listing: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The listed parts read two ways: (items as separated by 、，, items with joins split)."""
    d = _data()
    listing = regex.sub(r"[（(][^）)]{0,30}[）)]", "", listing)
    listing = regex.sub(r"\s+", "", listing)
    # '由区政府办公室编制，包括概述、…': the list starts after the last 由/包括
    listing = regex.split(r"(?:由|包括|包含|分为)[:：]?", listing)[-1]
    listing = regex.sub(r"^(?:本报告|本年报|报告|全文|内容)+", "", listing)
    raw = [p for p in regex.split(r"[、，,；;]", listing) if p]
    items: list[str] = []
    carry = ""
    for p in raw:
        cur = carry + ("、" if carry else "") + p
        if d["part_end"].search(cur) or len(cur) > 40:
            items.append(cur)
            carry = ""
        else:
            carry = cur
    if carry:
        items.append(carry)
    split = [x for it in items for x in _split_join(it)]
    return tuple(items), tuple(split)


def _is_kind(title: str, kind: str) -> bool:
    pat = _data()["kinds"].get(kind)
    return bool(pat and pat.search(title))


def find_declared(text: str, intro_end: int) -> Optional[Declared]:
    """The introduction's list and/or count of parts, if it has one."""
    intro = text[:intro_end]
    for pat in _data()["declared"]:
        for m in pat.finditer(intro):
            gd = m.groupdict()
            count = cn_to_int(gd["count"]) if gd.get("count") else None
            parts: tuple[str, ...] = ()
            if gd.get("list"):
                joined, split = _split_parts(gd["list"])
                parts = joined if count is not None and len(joined) == count else split
                known = [p for p in parts if section_kind(p) != "other" or _is_kind(p, "other")]
                if len(known) < 2:
                    # '成员由党政办、组织办…组成' is not a list of report parts
                    if count is None:
                        continue
                    parts = ()
            if count is None and not parts:
                continue
            return Declared(m.start(), m.end(), count, parts)
    return None


def _bigrams(s: str) -> set[str]:
    common = _data()["common"]
    return {s[i:i + 2] for i in range(len(s) - 1)} - common


def _matches(part: str, title: str) -> bool:
    kp, kt = section_kind(part), section_kind(title)
    if kp == kt and (kp != "other" or (_is_kind(part, "other") and _is_kind(title, "other"))):
        return True
    return len(_bigrams(part) & _bigrams(title)) >= 2


def _top_level(sections: tuple[Section, ...], text: str = "") -> list[Section]:
    """The body's top-level sections, up to an annex that numbers afresh (附件：… 一、总则)."""
    if not sections:
        return []
    top_level = min(s.level for s in sections)
    top = [s for s in sections if s.level == top_level]
    for k in range(1, len(top)):
        if top[k].ordinal == 1 and _data()["annex"].search(text, top[k - 1].start, top[k].start):
            return top[:k]
    return top


def _check_declared(analysis: Analysis) -> Iterable[Flag]:
    doc, sections = analysis.doc, analysis.sections
    text = doc.text
    top = _top_level(sections, text)
    intro_end = top[0].start if top else min(len(text), 1500)
    dec = find_declared(text, intro_end)
    if dec is None:
        return
    ev_intro = _ev(doc, dec.start, dec.end)
    listed = len(dec.parts)
    if dec.count is not None and listed and dec.count != listed:
        # the introduction contradicts itself (071: eight parts listed, 共九个部分)
        yield make_flag("structure.declared_parts", (dec.count, listed), [ev_intro],
                        declared=dec.count,
                        detail=f"，但列出的是{listed}个部分：{'、'.join(dec.parts)}")
        return
    if not top:
        return
    declared = dec.count if dec.count is not None else listed
    # the body's parts, with an unnumbered statistics table after the last one as a part
    found_titles = [s.title for s in top]
    found_spans = [(s.start, s.end) for s in top]
    if not any(section_kind(t) == "appendix" for t in found_titles):
        tail_start = top[-1].start
        m = _data()["appendix_table"].search(text, tail_start)
        if m or (doc.tables and dec.parts and any(section_kind(p) == "appendix" for p in dec.parts)):
            found_titles.append("统计表")
            found_spans.append((m.start(), m.end()) if m else (len(text), len(text)))
    found = len(found_titles)
    if found == declared:
        return
    # tie each listed part to the body's parts, in order
    matched: list[Optional[int]] = []
    j = 0
    for p in dec.parts:
        k = next((i for i in range(j, found) if _matches(p, found_titles[i])), None)
        matched.append(k)
        if k is not None:
            j = k + 1
    absent = [p for p, k in zip(dec.parts, matched) if k is None]
    used = {k for k in matched if k is not None}
    extra = [t for i, t in enumerate(found_titles) if i not in used]
    if found < declared:
        if not dec.parts:
            return  # a count alone cannot tell a missing part from a text cut short
        last_matched = max((i for i, k in enumerate(matched) if k is not None), default=-1)
        gap = any(k is None for k in matched[:last_matched])
        if not gap or not _data()["clean_end"].search(text):
            # promised parts absent after the last part present, or a text that stops
            # mid-sentence (022 ends inside 四、复议和诉讼情况): it may simply be cut short
            return
    detail = ""
    if absent:
        detail += "；引言列出的" + "、".join(f"“{p}”" for p in absent) + "在正文中没有对应部分"
    if found > declared and extra:
        detail += "；正文多出" + "、".join(f"“{t}”" for t in extra)
    ev = [ev_intro] + [_ev(doc, s, e) for s, e in found_spans]
    yield make_flag("structure.declared_parts", (declared, found), ev, declared=declared,
                    detail=f"，正文有{found}个部分" + detail)


# --------------------------------------------------------------------------- enumeration


def _siblings(sections: tuple[Section, ...], first: int) -> list[int]:
    s0 = sections[first]
    out = [first]
    for i in range(first + 1, len(sections)):
        s = sections[i]
        if s.level < s0.level:
            break
        if s.parent == s0.parent and s.style == s0.style:
            out.append(i)
        elif s.level == s0.level:
            break
    return out


def _check_enumeration(analysis: Analysis, enums: tuple[Enumeration, ...]) -> Iterable[Flag]:
    doc, sections = analysis.doc, analysis.sections
    text = doc.text
    d = _data()
    seen = set()
    for pat in d["phrases"]:
        for m in pat.finditer(text):
            if m.start() in seen:
                continue
            seen.add(m.start())
            stated = cn_to_int(m.group("n"))
            if not stated:
                continue
            limit = m.end() + d["gap"]
            # the points open a new list inside the section that announces them
            inside = [s for s in sections if s.start <= m.start() < s.body_end]
            container = inside[-1] if inside else None
            head = next((i for i, s in enumerate(sections) if m.end() <= s.start <= limit), None)
            if head is not None:
                h = sections[head]
                if h.ordinal != 1 or (container is not None and (
                        h.level <= container.level or h.start >= container.body_end)):
                    head = None
            run = next((e for e in enums if m.end() <= e.start <= limit), None)
            if run is not None and run.ordinals[0] != 1:
                run = None
            if head is not None and (run is None or sections[head].start <= run.start):
                idx = _siblings(sections, head)
                found = len(idx)
                spans = [(sections[i].start, sections[i].end) for i in idx]
            elif run is not None:
                found = len(run.items)
                spans = [(s, min(e, s + 40)) for _n, s, e in run.items]
            else:
                continue
            if found == stated:
                continue
            ev = [_ev(doc, m.start(), m.end())] + [_ev(doc, s, e) for s, e in spans]
            yield make_flag("structure.enumeration", (stated, found), ev,
                            phrase=m.group(0), declared=stated, found=found)


# --------------------------------------------------------------------------- numbering


def _sequence_fault(ordinals: list[int]) -> Optional[tuple[int, int]]:
    """(expected, printed) at the first skip or repeat, None when 1, 2, 3… holds."""
    for k in range(1, len(ordinals)):
        if ordinals[k] != ordinals[k - 1] + 1:
            return ordinals[k - 1] + 1, ordinals[k]
    return None


def _numeral(style: str, n: int) -> str:
    if style.startswith("arabic"):
        return str(n)
    if style == "circled":
        return chr(ord("①") + n - 1)
    return _cn(n)


def _describe(ordinals: list[int], label) -> str:
    """'一、二、三、一、二、三、五（编号重新从一开始；缺四）' for a reader to find the fault."""
    seq = "、".join(label(n) for n in ordinals)
    notes = []
    runs, cur = [], [ordinals[0]]
    for n in ordinals[1:]:
        if n <= cur[-1] and n != cur[-1]:
            runs.append(cur)
            cur = [n]
        else:
            cur.append(n)
    runs.append(cur)
    if len(runs) > 1:
        notes.append("编号重新从" + "、".join(label(r[0]) for r in runs[1:]) + "开始")
    for r in runs:
        missing = sorted(set(range(r[0], max(r) + 1)) - set(r))
        # counted once (r.count per item was quadratic on 40000 repeated 一、 headings)
        seen = Counter(r)
        repeated = sorted(n for n, k in seen.items() if k > 1)
        if missing:
            notes.append("缺" + "、".join(label(n) for n in missing))
        if repeated:
            notes.append("重复" + "、".join(label(n) for n in repeated))
    return seq + ("（" + "；".join(notes) + "）" if notes else "")


def _check_numbering(analysis: Analysis, enums: tuple[Enumeration, ...]) -> Iterable[Flag]:
    doc, sections = analysis.doc, analysis.sections
    groups: dict[tuple, list[int]] = {}
    for i, s in enumerate(sections):
        key = (s.parent, s.style)
        prev = groups.get(key)
        if prev and s.ordinal == 1 and _data()["annex"].search(doc.text, sections[prev[-1]].start, s.start):
            # an annex after the report numbers afresh (附件：… 一、…): a new list, not a restart
            groups[(s.parent, s.style, i)] = groups.pop(key)
        groups.setdefault(key, []).append(i)
    for (parent, style, *_), idx in groups.items():
        ordinals = [sections[i].ordinal for i in idx]
        fault = _sequence_fault(ordinals)
        if not fault:
            continue
        where = "一级标题" if parent is None else f"“{sections[parent].title}”下的标题"
        detail = where + "编号依次为" + _describe(ordinals, lambda n: _numeral(style, n))
        ev = [_ev(doc, sections[i].start, sections[i].end) for i in idx]
        yield make_flag("structure.numbering", fault, ev, detail=detail)
    for e in enums:
        ords = list(e.ordinals)
        if ords[0] != 1:
            continue
        fault = _sequence_fault(ords)
        if not fault:
            continue
        detail = "要点编号依次为" + _describe(ords, lambda n: _cn(n) + "是")
        ev = [_ev(doc, s, min(en, s + 40)) for _n, s, en in e.items]
        yield make_flag("structure.numbering", fault, ev, detail=detail)


# --------------------------------------------------------------------------- standard headings


def _check_standard(analysis: Analysis) -> Iterable[Flag]:
    if analysis.meta.format not in ("std2019", "std2021"):
        return
    top = _top_level(analysis.sections, analysis.doc.text)
    if not top:
        return
    std = _data()["standard"]
    present = [any(_is_kind(s.title, h["kind"]) for s in top) for h in std]
    last = max((i for i, p in enumerate(present) if p), default=-1)
    # a heading absent after the last one present may just be a text cut short
    missing = [i for i in range(last) if not present[i]]
    if not missing or sum(present) < 3:
        # fewer than three of the six: an excerpt, or not laid out in the standard way
        return
    titles = [std[i]["title"] for i in missing]
    ev = [_ev(analysis.doc, s.start, s.end) for s in top]
    yield make_flag("structure.missing_section", tuple(i + 1 for i in missing), ev,
                    what="“" + "”“".join(titles) + "”部分（标准格式六个部分之一）")


def check(analysis: Analysis) -> Iterable[Flag]:
    enums = find_enumerations(analysis.doc, analysis.sections)
    flags: list[Flag] = []
    flags.extend(_check_declared(analysis))
    flags.extend(_check_enumeration(analysis, enums))
    flags.extend(_check_numbering(analysis, enums))
    flags.extend(_check_standard(analysis))
    return flags
