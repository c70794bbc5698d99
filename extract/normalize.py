"""Normalization with an exact offset map back to the raw text.

``normalize_text(raw) -> (text, offsets)``: offsets[i] is the raw index of normalized character
i and offsets[len(text)] == len(raw). Every step either maps one character to one character
(traditional -> simplified, full-width -> half-width, radicals -> ideographs) or deletes
characters (pinyin glosses, spaces inside Chinese, page chrome, line breaks inside sentences),
so the map stays exact. The text is built once, piece by piece, with its offsets; nothing
rewrites it afterwards.

Tables and patterns are data: extract/normalize.yaml.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from . import rules
from .errors import RuleFileError
from .types import Document, RawDocument

_HSPACE = " \t\u3000\u00a0\ufeff\u200b\u200c\u200d\u2060"
_SENTENCE_PUNCT = regex.compile(r"[，。；：,;:]")
_LONE_NUMBER = regex.compile(r"[\d.,]+%?$")
_NEWLINE = regex.compile(r"\r\n|\r|\n|\u2028|\u2029")


@dataclass(frozen=True)
class _Rules:
    table: dict  # str.translate table: one character to one character
    table_gate: re.Pattern  # any character the table maps (stdlib re: its char-class scan is fast)
    between_digits: dict
    between_digits_re: regex.Pattern
    trad_gate: re.Pattern  # any character t2s converts
    gloss: regex.Pattern
    gloss_one: regex.Pattern
    syllables: frozenset
    detone: dict
    num_space: regex.Pattern
    han_space: regex.Pattern
    punct_space: regex.Pattern
    han: regex.Pattern
    invisible: regex.Pattern
    final: frozenset
    wrap_share: float
    min_wrapped: int
    heading: regex.Pattern
    cont_start: frozenset
    cont_end: frozenset
    unit_start: regex.Pattern
    table_row: regex.Pattern
    chrome_gate: re.Pattern  # a word every chrome line holds
    chrome: tuple  # (id, compiled)
    spans: tuple


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = rules.load("normalize")
    pats = data["patterns"]

    def comp(p):
        return regex.compile(rules.expand(p, pats))

    table: dict[int, str] = {}
    w = data["width"]
    for r in w["ranges"]:
        a, b, t = ord(r["from"]), ord(r["to"]), ord(r["target"])
        for o in range(a, b + 1):
            table[o] = chr(t + o - a)
    for k, v in w["chars"].items():
        table[ord(k)] = v
    # Kangxi radicals: their compatibility decomposition names the ideograph.
    for o in range(0x2F00, 0x2FD6):
        dec = unicodedata.decomposition(chr(o))
        if dec.startswith("<compat>"):
            table[o] = chr(int(dec.split()[1], 16))
    for k, v in data["radicals_supplement"].items():
        table[ord(k)] = v
    bad = [k for k, v in table.items() if not isinstance(v, str) or len(v) != 1]
    if bad:  # a mapping must keep one character for one, or offsets would drift
        raise RuleFileError(f"normalize.yaml: {chr(bad[0])!r} must map to exactly one character")

    bd = data["width"]["between_digits"]
    bd_re = regex.compile(r"(?<=[0-9])[" + regex.escape("".join(bd)) + r"](?=[0-9])")

    # every character OpenCC t2s changes on its own (3,500 of the 21,000 unified ideographs,
    # found in one 15 ms call at first use): a text holding none of them has nothing to convert
    chars = [chr(o) for o in range(0x4E00, 0xA000)]
    conv = _opencc().convert("\n".join(chars)).split("\n")
    trad = "".join(c for c, t in zip(chars, conv) if c != t) if len(conv) == len(chars) else ""
    trad_gate = re.compile("[" + re.escape(trad) + "]") if trad else re.compile(r"[\u4e00-\u9fff]")

    py = data["pinyin"]
    syl = frozenset(i + f for i in py["initials"] for f in py["finals"]) | frozenset(py["standalone"])
    detone = str.maketrans(py["tone_marks"], py["tone_plain"])

    lj = data["line_join"]
    return _Rules(
        table=table,
        table_gate=re.compile("[" + re.escape("".join(map(chr, table))) + "]"),
        between_digits=bd,
        between_digits_re=bd_re,
        trad_gate=trad_gate,
        gloss=comp(pats["gloss"]),
        gloss_one=comp(pats["gloss_one"]),
        syllables=syl,
        detone=detone,
        num_space=comp(pats["num_space"]),
        han_space=comp(pats["han_space"]),
        punct_space=comp(pats["punct_space"]),
        han=comp(pats["han"]),
        invisible=comp(pats["invisible"]),
        final=frozenset(lj["sentence_final"]),
        wrap_share=float(lj["wrap_share"]),
        min_wrapped=int(lj["min_wrapped_lines"]),
        heading=comp(lj["heading_start"]),
        cont_start=frozenset(lj["continuation_start"]),
        cont_end=frozenset(lj["continuation_end"]),
        unit_start=comp(lj["unit_start"]),
        table_row=comp(lj["table_row"]),
        # gates are plain literals: stdlib re scans them >10x faster than regex
        chrome_gate=re.compile("|".join(re.escape(k) for k in data["chrome"]["keywords"])),
        chrome=tuple((c["id"], comp(c["pattern"])) for c in data["chrome"]["lines"]),
        spans=tuple((c["id"], comp(c["pattern"])) for c in data["chrome"]["spans"]),
    )


@lru_cache(maxsize=1)
def _opencc():
    import opencc

    return opencc.OpenCC("t2s")


def _to_simplified(raw: str, R: _Rules) -> str:
    """Traditional -> simplified, same length as raw (so offsets stay exact).

    OpenCC converts phrases; a phrase conversion may change length, and then that line is
    converted character by character instead."""
    if not R.trad_gate.search(raw):
        return raw  # no traditional character: a simplified report (most of them)
    cc = _opencc()
    whole = cc.convert(raw)
    if whole == raw:
        return raw
    out = []
    for line in raw.splitlines(keepends=True):
        conv = cc.convert(line)
        if len(conv) != len(line):
            conv = "".join(c if len(c := cc.convert(ch)) == 1 else ch for ch in line)
        out.append(conv)
    return "".join(out)


def _gloss_cuts(conv: str, R: _Rules, cuts: list) -> None:
    """Pinyin glosses after ideographs (總結(jié)報告, 和(he)(he)): only real pinyin syllables."""
    if "(" not in conv and "（" not in conv:
        return
    for m in R.gloss.finditer(conv):
        end = m.start()
        for g in R.gloss_one.finditer(conv, m.start(), m.end()):
            if g.start() != end or g.group(1).translate(R.detone) not in R.syllables:
                break
            end = g.end()
        if end > m.start():
            cuts.append((m.start(), end))


def _letter_space_cuts(conv: str, R: _Rules, cuts: list) -> None:
    """Spaces between two ideographs when one of them stands alone (结 果维持, 政 府 信 息)."""
    han = R.han.match
    n = len(conv)
    for m in R.han_space.finditer(conv):
        a, b = m.span()
        # a digit beside counts as a neighbour: "2016年03月11日 来源" is two fields (corpus 069)
        alone_left = a < 2 or not (han(conv, a - 2) or conv[a - 2].isdigit())
        alone_right = b + 1 >= n or not (han(conv, b + 1) or conv[b + 1].isdigit())
        if alone_left or alone_right:
            cuts.append((a, b))


_SEPARATORS = frozenset(" \t|[]【】/-—>")


def _chrome(conv: str, s: int, e: int, R: _Rules, cuts: list) -> str:
    """'chrome' if the line [s, e) is page furniture; else 'keep', adding widget spans to cuts."""
    seg = conv[s:e]
    for _id, pat in R.chrome:
        if pat.match(seg):
            return "chrome"
    found = []
    for _id, pat in R.spans:
        found.extend(m.span() for m in pat.finditer(seg) if m.end() > m.start())
    if not found:
        return "keep"
    found.sort()
    rest, pos = [], 0
    for a, b in found:
        if a > pos:
            rest.append(seg[pos:a])
        pos = max(pos, b)
    rest.append(seg[pos:])
    if all(ch in _SEPARATORS for ch in "".join(rest)):
        return "chrome"
    cuts.extend((s + a, s + b) for a, b in found)
    return "keep"


def _line_spans(raw: str):
    """(start, end, newline_start, newline_end) for each line; the last has no newline."""
    spans = []
    pos = 0
    for m in _NEWLINE.finditer(raw):
        spans.append((pos, m.start(), m.start(), m.end()))
        pos = m.end()
    spans.append((pos, len(raw), len(raw), len(raw)))
    return spans


def _trim(conv: str, s: int, e: int) -> tuple[int, int]:
    while s < e and conv[s] in _HSPACE:
        s += 1
    while e > s and conv[e - 1] in _HSPACE:
        e -= 1
    return s, e


def _line_joins(conv: str, lines: list, R: _Rules) -> set:
    """Indexes of kept lines whose line break falls inside a sentence.

    Two kinds: breaks no paragraph can have (next line starts with closing punctuation, a
    number cut from its measure word, a line ending in 的/和/《), joined in any document; and
    the wrap of hard-wrapped text (PDF, pdf2md: corpus 014), joined only when the document is
    wrapped and the line reaches the wrap width."""
    kept = [i for i, ln in enumerate(lines) if ln[4] == "keep"]
    if len(kept) < 2:
        return set()
    widths = {}
    for i in kept:
        seg = conv[lines[i][0]:lines[i][1]]
        # display width: ideographs (3 UTF-8 bytes) count 2, ASCII 1
        widths[i] = len(seg) + (len(seg.encode("utf-8")) - len(seg)) // 2
    wrap = _wrap_width(sorted(w for w in widths.values() if w >= 16), R)
    joins = set()
    wrapped = set()
    memo: dict[int, bool] = {}

    def table(i, seg):
        if i not in memo:
            memo[i] = bool((seg[0] == "|" or seg[-1] == "|" or "\t" in seg or R.table_row.match(seg))
                           and not _LONE_NUMBER.match(seg))
        return memo[i]

    for n, (a, b) in enumerate(zip(kept, kept[1:])):
        if any(lines[k][4] == "blank" for k in range(a + 1, b)):
            continue  # a blank line between them is a paragraph break
        s, e = lines[a][0], lines[a][1]
        ns, ne = lines[b][0], lines[b][1]
        last, first = conv[e - 1], conv[ns]
        line, nxt = conv[s:e], conv[ns:ne]
        # a lone number is a table cell unless prose goes on around it (corpus 033: "政府信息
        # \n5928\n条"); the continuation rules below decide
        if table(a, line) or table(b, nxt):
            continue
        if last.isascii() and last.isalnum() and first.isascii() and first.isalnum():
            if not (last.isdigit() and R.unit_start.match(nxt)):
                continue  # 72804\n76424, or two Latin words: never glue
        if first in R.cont_start:
            joins.add(a)
        elif R.heading.match(nxt):
            continue
        elif last in R.cont_end or (last.isdigit() and R.unit_start.match(nxt)):
            joins.add(a)
        elif last not in R.final and _LONE_NUMBER.match(nxt) and n + 2 < len(kept):
            c = kept[n + 2]
            if lines[c][4] == "keep" and R.unit_start.match(conv[lines[c][0]:lines[c][1]]):
                joins.add(a)  # "主动公开政府信息\n5928\n条"
        elif wrap and widths[a] >= R.wrap_share * wrap and last not in R.final:
            # a heading as wide as the page ("四、因政府信息公开申请行政复议、提起行政诉讼的情况",
            # corpus-pdf 2018) continues only into a short tail, not into a paragraph
            if R.heading.match(line) and not _SENTENCE_PUNCT.search(line) and (
                    widths[b] >= 0.5 * wrap):
                continue
            wrapped.add(a)
    if len(wrapped) >= R.min_wrapped:
        joins |= wrapped
    return joins


def _wrap_width(ws: list, R: _Rules) -> int:
    """The width hard-wrapped lines reach, or 0 when the text is not hard-wrapped."""
    if len(ws) < R.min_wrapped:
        return 0
    wrap = ws[min(len(ws) - 1, (len(ws) * 3) // 4)]  # upper quartile of the longer lines
    if wrap > 160:  # paragraphs one per line (web pages): nothing is wrapped
        return 0
    # hard-wrapped text has (almost) no line longer than the wrap width; a web page's
    # one-line paragraphs do (corpus 061: a 1500-character line below short header lines)
    if sum(w > 1.15 * wrap for w in ws) > 0.1 * len(ws):
        return 0
    return wrap


def normalize_text(raw: str) -> tuple[str, tuple[int, ...]]:
    """(normalized text, offsets) where offsets[i] is the raw index of normalized char i and
    offsets[len(text)] == len(raw)."""
    R = _rules()
    conv = _to_simplified(raw, R)
    if R.table_gate.search(conv):
        conv = conv.translate(R.table)
    if R.between_digits_re.search(conv):
        conv = R.between_digits_re.sub(lambda m: R.between_digits[m.group()], conv)

    # lines: [start, end, nl_start, nl_end, status]
    # lines holding a chrome keyword (one scan of the text instead of every pattern per line)
    chrome_at = [m.start() for m in R.chrome_gate.finditer(conv)]
    ck = 0
    chrome_cuts: list[tuple[int, int]] = []
    lines = []
    for s, e, ns, ne in _line_spans(raw):
        s2, e2 = _trim(conv, s, e)
        status = "keep"
        if s2 == e2:
            status = "blank"
        else:
            while ck < len(chrome_at) and chrome_at[ck] < s2:
                ck += 1
            if ck < len(chrome_at) and chrome_at[ck] < e2:
                status = _chrome(conv, s2, e2, R, chrome_cuts)
        lines.append([s2, e2, ns, ne, status])

    joins = _line_joins(conv, lines, R)

    cuts: list[tuple[int, int]] = chrome_cuts
    _gloss_cuts(conv, R, cuts)
    if " " in conv:
        cuts.extend(m.span() for m in R.num_space.finditer(conv))
        cuts.extend(m.span() for m in R.punct_space.finditer(conv))
        _letter_space_cuts(conv, R, cuts)
    cuts.extend(m.span() for m in R.invisible.finditer(conv))
    cuts.sort()

    pieces: list[str] = []
    offs: list[int] = []
    ci = 0
    ncuts = len(cuts)
    pending_break = None  # (char offset) of a line break to emit before the next kept line
    blank_seen = False
    emitted_any = False
    for idx, (s, e, ns, ne, status) in enumerate(lines):
        if status == "blank":
            blank_seen = True
            continue
        if status == "chrome":
            continue
        if emitted_any and pending_break is not None:
            pieces.append("\n")
            offs.append(pending_break[0])
            if blank_seen and pending_break[1] is not None:
                pieces.append("\n")
                offs.append(pending_break[1])
        blank_seen = False
        # the line's text minus cuts
        while ci < ncuts and cuts[ci][1] <= s:
            ci += 1
        pos = s
        j = ci
        while j < ncuts and cuts[j][0] < e:
            a, b = cuts[j]
            if a > pos:
                pieces.append(conv[pos:a])
                offs.extend(range(pos, a))
            pos = max(pos, b)
            j += 1
        if pos < e:
            pieces.append(conv[pos:e])
            offs.extend(range(pos, e))
        emitted_any = True
        if idx in joins:
            pending_break = None
        elif ns < ne:
            # the break's raw offset: the "\n" of "\r\n", else the break character itself
            nl = ne - 1 if raw[ne - 1] == "\n" else ns
            # a following blank line contributes its own break
            nxt = lines[idx + 1] if idx + 1 < len(lines) else None
            blank_nl = None
            if nxt is not None and nxt[4] == "blank" and nxt[2] < nxt[3]:
                blank_nl = nxt[3] - 1 if raw[nxt[3] - 1] == "\n" else nxt[2]
            pending_break = (nl, blank_nl)
        else:
            pending_break = None
    offs.append(len(raw))
    text = "".join(pieces)
    return text, tuple(offs)


def normalize(raw: RawDocument) -> Document:
    text, offsets = normalize_text(raw.text)
    return Document(raw=raw, text=text, offsets=offsets)
