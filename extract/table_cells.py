"""Table cells and labels: what a printed cell is worth, and which canonical key a label names.

A cell is read into a ``CellValue``: ``status`` value (a number), blank (no value: '', '/', '—',
'-' …, kept apart from 0) or invalid (a text, a negative or a fraction where a count belongs:
material for table.cell_invalid). Labels are compared after ``norm_label``: white space and line
breaks dropped (PDF cells wrap as '商 业 企\\n业'), brackets and numbering marks unified, the
leading numbering (一、 （一） 1.) stripped.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from .rules import load

_FW = str.maketrans("０１２３４５６７８９．，＋－－：（）", "0123456789.,+--:()")
_BRACKETS = str.maketrans({"(": "（", ")": "）", "[": "（", "]": "）", "\"": "“", "'": "‘",
                           ":": "：", "，": "、", ",": "、", "．": ".", "､": "、"})
_SPACE = regex.compile(r"[\s\u3000\u00a0]+")
_NUMBERING = regex.compile(
    r"^(?:其中[：:]?)?(?:[一二三四五六七八九十]+[、.]|（[一二三四五六七八九十]+）|\d{1,2}[.、）)]|"
    r"（\d{1,2}）|[①-⑩])+")


def vocab() -> dict:
    return load("tables")


def squash(text: Optional[str]) -> str:
    """The cell text without any white space (PDF and HTML cells wrap anywhere)."""
    return _SPACE.sub("", text or "")


@lru_cache(maxsize=20000)
def norm_label(text: Optional[str], keep_numbering: bool = False) -> str:
    """A label as the vocabularies spell it. Grid cells come from the raw text, so the
    normalizer's character rules are applied here too (mirror copies print 總計, 商業企業)."""
    from .normalize import normalize_text

    s = squash(normalize_text(squash(text))[0] if text else "").translate(_BRACKETS)
    if not keep_numbering:
        s = _NUMBERING.sub("", s)
    return s


def display(text: Optional[str]) -> str:
    """A printed label for facts and messages: normalized characters, no white space, numbering
    kept (（一）予以公开)."""
    return norm_label(text, keep_numbering=True) if text else ""


def numbering(text: Optional[str]) -> Optional[str]:
    m = _NUMBERING.match(squash(text).translate(_BRACKETS))
    return m.group(0) if m else None


# ------------------------------------------------------------------------ values


@dataclass(frozen=True)
class CellValue:
    status: str  # value | blank | invalid
    value: Optional[float | int] = None
    unit: Optional[str] = None
    reason: str = ""


_INT = regex.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
_DEC = regex.compile(r"^\d+\.\d+$")
# 16 digits or more is no count or amount of these tables, and past what SQLite's INTEGER holds
_TOO_LONG = regex.compile(r"\d{16}")
_SIGNED = regex.compile(r"^([+\-−])(\d+(?:\.\d+)?)$")
_WITH_UNIT = regex.compile(r"^(\d+(?:\.\d+)?)(万元|元|件|条|个|项|人次)$")


def to_number(s: str):
    s = s.replace(",", "")
    return float(s) if "." in s else int(s)


def parse_cell(raw: Optional[str], kind: str = "count") -> CellValue:
    """Read one printed cell. kind: count (whole ≥ 0), decimal (an amount, unit allowed),
    signed (本年增/减: +3, -2, 0)."""
    if raw is None:
        return CellValue("blank")
    s = squash(raw).translate(_FW)
    if s in _no_value():
        return CellValue("blank")
    if _TOO_LONG.search(s.replace(",", "")):
        return CellValue("invalid", reason="too_large")
    if _INT.match(s):
        return CellValue("value", to_number(s))
    m = _SIGNED.match(s.replace("−", "-"))
    if m:
        v = to_number(m.group(2))
        v = -v if m.group(1) in "-−" else v
        if kind == "signed":
            return CellValue("value", v)
        if v == 0:
            return CellValue("value", 0)
        return CellValue("invalid", reason="negative" if m.group(1) != "+" else "signed")
    if _DEC.match(s):
        v = to_number(s)
        if kind in ("decimal",):
            return CellValue("value", v)
        if float(v).is_integer():
            return CellValue("value", int(v))
        return CellValue("invalid", reason="fraction")
    m = _WITH_UNIT.match(s)
    if m and kind == "decimal" and m.group(2) in ("元", "万元"):
        # 025: the 采购总金额 cell prints 251000元; the unit is not fixed for that column
        return CellValue("value", to_number(m.group(1)), unit=m.group(2))
    return CellValue("invalid", reason="text")


@lru_cache(maxsize=1)
def _no_value() -> frozenset:
    return frozenset(squash(x) for x in vocab()["no_value"])


def is_numberish(raw: Optional[str]) -> bool:
    """A cell that belongs to the value area: a number, a blank mark or a signed number."""
    if raw is None:
        return False
    s = squash(raw).translate(_FW)
    if s in _no_value():
        return True
    return bool(_INT.match(s) or _DEC.match(s) or _SIGNED.match(s) or _WITH_UNIT.match(s))


# ------------------------------------------------------------------------ label matching


def match_alias(label: str, table: dict, exact: frozenset = frozenset(),
                truncated: bool = True) -> Optional[str]:
    """The key whose alias best names ``label`` (already normalized): the longest alias contained
    in the label; else (truncated PDF cells) the key of an alias that starts with the label."""
    if not label:
        return None
    best, best_len = None, 0
    for key, aliases in table.items():
        for alias in aliases:
            a = norm_label(alias)
            if key in exact:
                if label == a and len(a) > best_len:
                    best, best_len = key, len(a)
            elif a in label and len(a) > best_len:
                best, best_len = key, len(a)
    if best is not None or not truncated:
        return best
    n = vocab().get("min_truncated", 4)
    if len(label) >= n:
        hits = {key for key, aliases in table.items() if key not in exact
                for alias in aliases if norm_label(alias).startswith(label)}
        if len(hits) == 1:
            return hits.pop()
    return None
