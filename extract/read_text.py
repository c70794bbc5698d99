"""Decoding plain-text reports in any Chinese encoding.

Reports come as UTF-8 (with or without BOM), GB18030/GBK, Big5 (mirror sites publishing
traditional copies) and UTF-16 (Windows "Unicode" saves, with or without BOM). Statistical
detectors are easily fooled by short Chinese texts (GBK bytes read as Big5 give real, but
random, traditional characters), so we decode *strictly* in a fixed order and score every
candidate by how much of it is ordinary Chinese; the frequent-character lists are data in
extract/read_text.yaml. charset-normalizer is only asked about files none of those encodings
reads (a last resort; its answer must pass the same plausibility test).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from . import rules
from .errors import UnreadableInput

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Printable "punctuation" a report is made of besides ideographs and ASCII.
_OK_RANGES = (
    (0x3000, 0x303F),  # CJK symbols and punctuation 、。《》〔〕
    (0xFF00, 0xFFEF),  # full-width forms （），：
    (0x2000, 0x206F),  # general punctuation “”…—
    (0x2460, 0x24FF),  # ① ⑴
    (0x3200, 0x32FF),  # ㈠
    (0x2E80, 0x2FDF),  # radicals printed for ideographs by browser-made PDFs
    (0x00B7, 0x00B7),  # ·
    (0x00D7, 0x00D7),  # ×
    (0x2160, 0x217F),  # Roman numerals Ⅰ
    (0x25A0, 0x25FF),  # ■ ○ ●
    (0x2190, 0x21FF),  # arrows
    (0x00A0, 0x00A0),
)


@dataclass(frozen=True)
class _Score:
    cjk: int = 0  # ideographs
    common: int = 0  # ideographs in the frequent lists
    ascii: int = 0  # printable ASCII (no spaces)
    ok: int = 0  # other ordinary punctuation
    bad: int = 0  # controls, U+FFFD, private use, unassigned, surrogates
    other: int = 0  # anything else (Latin-1 letters, Cyrillic, symbols, ...)

    @property
    def total(self) -> int:
        return self.cjk + self.ascii + self.ok + self.bad + self.other

    @property
    def common_share(self) -> float:
        return self.common / self.cjk if self.cjk else 0.0

    @property
    def bad_share(self) -> float:
        return self.bad / self.total if self.total else 0.0

    @property
    def plain_share(self) -> float:
        """Share of characters a Chinese report is made of (ideographs, ASCII, punctuation)."""
        return (self.cjk + self.ascii + self.ok) / self.total if self.total else 0.0


@lru_cache(maxsize=1)
def _data():
    data = rules.load("read_text")
    common = frozenset("".join(data["common_simplified"].split())) | frozenset(
        "".join(data["common_traditional"].split()))
    return common, data["plausibility"]


@lru_cache(maxsize=1)
def _signatures() -> tuple:
    sigs = rules.load("read_text")["signatures"]
    return tuple((s["magic"].encode("latin-1").decode("unicode_escape").encode("latin-1"), s["reason"])
                 for s in sigs)


_KINDS: dict[str, int] = {}  # character -> kind, filled as characters are met


def _kind(ch: str, common: frozenset) -> int:
    """0 space, 1 common ideograph, 2 other ideograph, 3 ASCII, 4 punctuation, 5 bad, 6 other."""
    o = ord(ch)
    if o < 0x80:
        if 0x21 <= o <= 0x7E:
            return 3
        return 0 if o in (0x20, 0x09, 0x0A, 0x0D, 0x0C) else 5
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF or o == 0x3007:
        return 1 if ch in common else 2
    if o == 0x3000:
        return 0
    if o == 0xFFFD or o <= 0x9F or 0xE000 <= o <= 0xF8FF or 0xD800 <= o <= 0xDFFF:
        return 5
    if any(a <= o <= b for a, b in _OK_RANGES):
        return 4
    if unicodedata.category(ch) in ("Cn", "Co", "Cs", "Cc"):
        return 5
    return 6


def score_text(text: str) -> _Score:
    """Counts over a sample (the start and the middle of the text), one pass per distinct
    character: a report has a few hundred distinct characters in thousands."""
    common, cfg = _data()
    n = cfg["sample_chars"] // 2
    sample = text if len(text) <= 2 * n else text[:n] + text[len(text) // 2: len(text) // 2 + n]
    k = [0] * 7
    kinds = _KINDS
    for ch, c in Counter(sample).items():
        kind = kinds.get(ch)
        if kind is None:
            kind = kinds[ch] = _kind(ch, common)
        k[kind] += c
    return _Score(cjk=k[1] + k[2], common=k[1], ascii=k[3], ok=k[4], bad=k[5], other=k[6])


def _plausible(s: _Score, legacy: bool) -> str | None:
    """None if the decoded text looks like a report's text, else the reason it does not."""
    _, cfg = _data()
    if s.total == 0:
        return "no text (only white space)"
    if s.cjk >= 20 and s.common_share < cfg["min_common_cjk_share"]:
        return f"only {s.common_share:.0%} of the Chinese characters are common ones (mojibake?)"
    if s.bad_share > cfg["max_bad_share"]:
        return f"{s.bad_share:.0%} control or undefined characters (binary data?)"
    if s.plain_share < 0.9:
        return (f"only {s.plain_share:.0%} of the characters are Chinese, ASCII or punctuation"
                " (mojibake or another script?)")
    if legacy or s.cjk:
        if legacy and s.cjk < 2:
            return "no Chinese characters"
        if s.cjk and s.common_share < cfg["min_common_cjk_share"]:
            return f"only {s.common_share:.0%} of the Chinese characters are common ones (mojibake?)"
    return None


def _utf16_guess(data: bytes) -> str | None:
    """BOM-less UTF-16 shows as NULs in one byte parity (ASCII digits, line ends)."""
    head = data[:8192]
    nul = head.count(b"\x00")
    if len(head) < 4 or nul < max(2, len(head) // 64):
        return None
    even = head[0::2].count(b"\x00")
    odd = head[1::2].count(b"\x00")
    if odd > 4 * even:
        return "utf-16-le"
    if even > 4 * odd:
        return "utf-16-be"
    return None


def _strict(data: bytes, enc: str) -> str | None:
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def _name(enc: str) -> str:
    return {"utf-8-sig": "utf-8-sig", "cp950": "big5", "big5hkscs": "big5"}.get(enc, enc)


def decode_text(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """(text, encoding name). Raises UnreadableInput when no encoding gives Chinese text."""
    if not data:
        raise UnreadableInput(path, "empty file")
    for magic, reason in _signatures():
        if data.startswith(magic):
            raise UnreadableInput(path, reason)
    reasons: list[str] = []

    # 1. A BOM is the file's own word; it must still decode and look like text.
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _strict(data, enc if enc != "utf-16-le" and enc != "utf-16-be" else "utf-16")
            if text is None:
                raise UnreadableInput(
                    path, f"has a {_name(enc)} byte-order mark but does not decode as {_name(enc)}")
            text = text.lstrip("\ufeff")
            name = "utf-8-sig" if enc == "utf-8-sig" else enc[:6]  # utf-16 / utf-32: BOM'd
            why = _plausible(score_text(text), legacy=False)
            if why:
                raise UnreadableInput(path, f"decodes as {name} but {why}")
            return text, name

    # 2. NUL bytes: UTF-16 without BOM (or binary).
    guess = _utf16_guess(data)
    if guess:
        text = _strict(data, guess)
        if text is not None and not _plausible(score_text(text), legacy=False):
            return text, guess
        reasons.append(f"NUL bytes but not {guess} text")

    # 3. UTF-8: GB/Big5 bytes almost never form valid UTF-8, so a strict decode decides.
    text = _strict(data, "utf-8")
    if text is not None:
        why = _plausible(score_text(text), legacy=False)
        if why is None:
            return text, "utf-8"
        raise UnreadableInput(path, f"decodes as UTF-8 but {why}")
    reasons.append("not UTF-8")

    # 4. GB18030 vs Big5: both decode much of the other's bytes; keep the one made of more
    #    frequent characters (seed-style traditional copies come in Big5 from Taiwan mirrors).
    best: tuple[tuple, str, str] | None = None
    for enc in ("gb18030", "big5", "cp950", "big5hkscs"):
        if enc in ("cp950", "big5hkscs") and best is not None and best[2] == "big5":
            break
        text = _strict(data, enc)
        if text is None:
            continue
        s = score_text(text)
        why = _plausible(s, legacy=True)
        if why:
            reasons.append(f"{_name(enc)}: {why}")
            continue
        key = (s.common, s.plain_share)
        if best is None or key > best[0]:
            best = (key, text, _name(enc))
    if best is not None:
        return best[1], best[2]

    # 5. BOM-less UTF-16 without ASCII (no NULs), and files with a few broken bytes (a cut
    #    multi-byte character): decode leniently and accept only near-clean results.
    _, cfg = _data()
    if len(data) % 2 == 0:
        for enc in ("utf-16-le", "utf-16-be"):
            text = _strict(data, enc)
            if text is not None and not _plausible(score_text(text), legacy=True):
                return text, enc
    for enc in ("utf-8", "gb18030", "big5"):
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd")
        if bad / max(1, len(text)) <= cfg["max_replacement_share"]:
            if not _plausible(score_text(text.replace("\ufffd", "")), legacy=enc != "utf-8"):
                return text, enc

    # 6. Last resort: ask charset-normalizer (other Chinese code pages); same test applies.
    try:
        from charset_normalizer import from_bytes

        match = from_bytes(data[:65536]).best()
    except Exception:  # noqa: BLE001 - a detector failure only means "no suggestion"
        match = None
    if match is not None and match.encoding not in ("utf_8", "gb18030", "big5", "cp950"):
        text = _strict(data, match.encoding)
        if text is not None and not _plausible(score_text(text), legacy=True):
            return text, match.encoding
        reasons.append(f"{match.encoding} (detector's guess): not Chinese text")

    reasons = list(dict.fromkeys(reasons))  # cp950/big5hkscs report as big5 too
    raise UnreadableInput(path, "cannot decode as Chinese text (" + "; ".join(reasons[:4]) + ")")
