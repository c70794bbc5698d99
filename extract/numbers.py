"""Numbers in running text with exact spans (stub, to be filled)."""

from __future__ import annotations

import regex

from .types import Number, NumberMatch

_ARABIC = regex.compile(r"\d+(?:\.\d+)?")


def parse_number(s: str) -> Number | None:
    """The value of one number string (Arabic, Chinese, mixed, percent), None if not a number."""
    try:
        v = float(s)
    except ValueError:
        return None
    return int(v) if v.is_integer() else v


def scan_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMatch]:
    """Every number in text[start:end], spans indexing ``text``."""
    out = []
    for m in _ARABIC.finditer(text, start, len(text) if end is None else end):
        out.append(NumberMatch(m.start(), m.end(), parse_number(m.group()), text=m.group()))
    return out
