"""Splitting glued digit runs of flattened tables into cells, and nothing else.

Scraped pages lose the cell borders: 规范性文件898989, 行政处罚26480430, a table 三 row
'640020470'. A run is split only into readings where every cell is a well-formed number (no
leading zero, a decimal only where the column takes one, a sign only in 本年增/减), spaces in the
run are cell borders, and the number of cells is the table's; the callers then keep the readings
that the table's identities allow and accept a row only when exactly one reading is left.
"""

from __future__ import annotations

from typing import Iterator, Optional

import regex

_TOKEN = regex.compile(r"[+\-]?[\d.]+")
MAX_READINGS = 20000


def _cells_of(token: str, k: int, kinds: list[str]) -> Iterator[list[str]]:
    """Every way to cut ``token`` into exactly k numbers of the given kinds."""
    if k == 0:
        if token == "":
            yield []
        return
    if token == "":
        return
    kind = kinds[0]
    for cut in range(1, len(token) - k + 2):
        head = token[:cut]
        if not _well_formed(head, kind):
            continue
        for rest in _cells_of(token[cut:], k - 1, kinds[1:]):
            yield [head] + rest


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


def readings(run: str, kinds: list[str]) -> list[list[str]]:
    """All readings of ``run`` (digits, spaces as borders, signs) as len(kinds) cells."""
    tokens = run.split()
    # a sign starts a new cell (本年增/减 prints +3, -2)
    parts: list[str] = []
    for t in tokens:
        parts.extend(p for p in regex.split(r"(?=[+\-])", t) if p)
    n = len(kinds)
    out: list[list[str]] = []

    def walk(i: int, col: int, acc: list[str]):
        if len(out) > MAX_READINGS:
            return
        if i == len(parts):
            if col == n:
                out.append(list(acc))
            return
        remaining_tokens = len(parts) - i
        for k in range(1, n - col - (remaining_tokens - 1) + 1):
            for cells in _cells_of(parts[i], k, kinds[col:col + k]):
                walk(i + 1, col + k, acc + cells)

    if parts:
        walk(0, 0, [])
    return out


def value(cell: str):
    v = float(cell) if "." in cell else int(cell)
    return v
