"""Splitting glued digit runs of flattened tables into cells, and nothing else.

Scraped pages lose the cell borders: 规范性文件898989, 行政处罚26480430, a table 三 row
'640020470'. A run is split only into readings where every cell is a well-formed number (no
leading zero, a decimal only where the column takes one, a sign only in 本年增/减), spaces in the
run are cell borders, and the number of cells is the table's; the callers then keep the readings
that the table's identities allow and accept a row only when exactly one reading is left.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

MAX_READINGS = 5000


def _well_formed(s: str, kind: str) -> bool:
    body = s
    if s[0] in "+-":
        if kind != "signed" or len(s) == 1:
            return False
        body = s[1:]
    if "." in body:
        if kind != "decimal":
            return False
        a, _, b = body.partition(".")
        if not a or not b or "." in b or (len(a) > 1 and a[0] == "0"):
            return False
        return a.isdigit() and b.isdigit()
    if not body.isdigit():
        return False
    return body == "0" or body[0] != "0"


def readings(run: str, kinds: list[str]) -> Optional[list[list[str]]]:
    """All readings of ``run`` (digits, spaces as borders, signs) as len(kinds) cells; None when
    there are more than MAX_READINGS (the caller then leaves the run unread: a capped list
    could hide the other readings that make a choice ambiguous)."""
    parts: list[str] = []
    for t in run.split():
        # a sign starts a new cell (本年增/减 prints +3, -2)
        parts.extend(p for p in regex.split(r"(?=[+\-])", t) if p)
    if not parts:
        return []
    text = "".join(parts)
    borders, pos = set(), 0
    for p in parts:
        pos += len(p)
        borders.add(pos)  # a cell may not run across a space or a sign
    n = len(kinds)
    nxt_border = {}
    for i in range(len(text) + 1):
        nxt_border[i] = min(b for b in borders if b > i) if i < len(text) else len(text)

    @lru_cache(maxsize=None)
    def count(i: int, col: int) -> int:
        if i == len(text):
            return 1 if col == n else 0
        if col == n:
            return 0
        total = 0
        for j in range(i + 1, nxt_border[i] + 1):
            if _well_formed(text[i:j], kinds[col]):
                total += count(j, col + 1)
        return total

    if count(0, 0) > MAX_READINGS:
        return None
    out: list[list[str]] = []

    def walk(i: int, col: int, acc: list[str]):
        if i == len(text):
            if col == n:
                out.append(list(acc))
            return
        if col == n or count(i, col) == 0:
            return
        for j in range(i + 1, nxt_border[i] + 1):
            if _well_formed(text[i:j], kinds[col]):
                acc.append(text[i:j])
                walk(j, col + 1, acc)
                acc.pop()

    walk(0, 0, [])
    return out


def value(cell: str):
    v = float(cell) if "." in cell else int(cell)
    return v
