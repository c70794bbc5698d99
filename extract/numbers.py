"""Numbers in running text with exact spans.

Two entry points:

- ``parse_number(s)``: the value of one number string (Arabic with or without thousands
  separators, full-width or not, Chinese lowercase/大写/colloquial, mixed 1.2万 / 12万3456,
  percentages as fractions, negatives); None when ``s`` is not one number.
- ``scan_numbers(text, start, end)``: every number in ``text[start:end]`` as a NumberMatch whose
  span indexes ``text``; the kind (count, percent, decimal, year, date_part, change, ordinal,
  code), the measure word after it and a qualifier (约/余/以下 ...) are read from the characters
  around it.

The tables and patterns are data (extract/numbers.yaml); this module interprets them.  One regex
pass finds the candidates; each candidate is then classified with a few anchored matches at its
edges, so the cost grows with the number of candidates, not with per-character Python work.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Optional

import regex

from . import rules
from .types import Number, NumberMatch

_R = rules.load("numbers")

# --------------------------------------------------------------------------- tables

_DIGITS: dict[str, int] = {str(k): int(v) for k, v in _R["digits"].items()}
_SMALL: dict[str, int] = {str(k): int(v) for k, v in _R["small_units"].items()}
_BIG: dict[str, int] = {str(k): int(v) for k, v in _R["big_units"].items()}
_UNITS_ALL: dict[str, int] = {**_SMALL, **_BIG}
_SHORTHAND: dict[str, str] = {str(k): str(v) for k, v in _R["shorthand"].items()}
_FOLD = str.maketrans({str(k): str(v) for k, v in _R["fold"].items()})
_ZEROS = frozenset(k for k, v in _DIGITS.items() if v == 0)
_CN_CHARS = frozenset(_DIGITS) | frozenset(_UNITS_ALL) | frozenset(_SHORTHAND)
_MARKERS: dict[str, int] = {}
for _key in ("circled", "paren_digits", "paren_cn"):
    for _i, _ch in enumerate(_R[_key], 1):
        _MARKERS[_ch] = _i

_MAX_LEN = 200
_MAX_FIGURE = 10 ** 15
_ASCII_NUM = regex.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", regex.ASCII)
_HAS_ASCII_DIGIT = regex.compile(r"[0-9]")
_CHAR_TOK: dict[str, tuple] = {}
for _ch, _d in _DIGITS.items():
    _CHAR_TOK[_ch] = ("z",) if _d == 0 else ("n", _d, 1)
for _ch, _u in _UNITS_ALL.items():
    _CHAR_TOK[_ch] = ("u", _u)
_TOKEN = regex.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)|(.)", regex.ASCII | regex.DOTALL)

# --------------------------------------------------------------------------- parse_number


def _out(v) -> Number:
    if isinstance(v, int):
        return v
    if v == v.to_integral_value():
        return int(v)
    return float(v)


def _arabic(tok: str):
    """int or Decimal of an ASCII number token (thousands commas already validated)."""
    if "," in tok:
        tok = tok.replace(",", "")
    if "." in tok:
        return Decimal(tok)
    return int(tok)


def _tokens(s: str) -> Optional[list]:
    """Tokens of a (folded, shorthand-expanded) number without sign, percent or 点:
    ('n', value, ndigits) numbers, ('z',) zeros inside a unit form, ('u', value) units."""
    if _HAS_ASCII_DIGIT.search(s) is None:  # all Chinese: one dict lookup per character
        try:
            return [_CHAR_TOK[ch] for ch in s]
        except KeyError:
            return None
    out = []
    for m in _TOKEN.finditer(s):
        a = m.group(1)
        if a is not None:
            out.append(("n", _arabic(a), len(a)))
            continue
        ch = m.group(2)
        d = _DIGITS.get(ch)
        if d is not None:
            if d == 0 and ch in _ZEROS:
                out.append(("z",))
            else:
                out.append(("n", d, 1))
            continue
        u = _UNITS_ALL.get(ch)
        if u is None:
            return None
        out.append(("u", u))
    return out


def _eval(toks: list):
    """Value of a unit form (一千二百三十四, 3万5千, 12万3456, 一万二), None if malformed.

    One pass: ``stack`` holds the terms already multiplied by their unit, in strictly
    descending unit order; a big unit (万/亿) multiplies every smaller term before it."""
    stack = []
    pending = None
    pdig = 0
    colloq = 0  # the unit right before ``pending`` (no 零 between): 一万二 reads 2 as 2000
    prev = ""
    last = 0
    zero = False
    for t in toks:
        k = t[0]
        if k == "n":
            if pending is not None:
                return None
            pending, pdig = t[1], t[2]
            colloq = last if prev == "u" else 0
            prev = "n"
        elif k == "z":
            if pending is not None or not stack:
                return None
            zero = True
            prev = "z"
        else:
            u = t[1]
            if u < 10000:
                if pending is None:
                    if u != 10:
                        return None
                    g = 1
                else:
                    g = pending
                    if g >= 10 or g == 0:
                        return None
                if stack and stack[-1][1] <= u:
                    return None
            else:
                if prev == "z":
                    return None  # 七千零万
                if pending is None:
                    g = 0
                elif colloq and colloq < u and pdig == 1 and isinstance(pending, int):
                    g = pending * colloq // 10  # 一千二万: 1200 万
                else:
                    g = pending
                    if stack and stack[-1][1] < u and g >= stack[-1][1]:
                        return None  # 7千3456亿
                while stack and stack[-1][1] < u:
                    g += stack.pop()[0]
                if g == 0 or g >= u or (stack and stack[-1][1] <= u):
                    return None
            stack.append((g * u, u))
            pending = None
            zero = False
            prev = "u"
            last = u
    if prev == "z" or (pending is None and not stack):
        return None
    total = 0
    for v, _ in stack:
        total += v
    if pending is not None:
        if colloq and not zero and pdig == 1 and isinstance(pending, int):
            return total + pending * colloq // 10
        if stack and pending >= stack[-1][1]:
            return None
        total += pending
    return total


def _value(s: str):
    """int/Decimal of an unsigned number string without percent marks; None if not a number."""
    if not s:
        return None
    if s.isascii():
        if _ASCII_NUM.fullmatch(s):
            return _arabic(s)
        return None
    for k, v in _SHORTHAND.items():
        if k in s:
            s = s.replace(k, v)
    if "点" in s:
        ip, _, fp = s.partition("点")
        scale = 1
        if fp and fp[-1] in _BIG:  # 一点二万
            scale = _BIG[fp[-1]]
            fp = fp[:-1]
        iv = _value(ip)
        if iv is None or not fp or isinstance(iv, Decimal):
            return None
        frac = []
        for ch in fp:
            if ch.isascii() and ch.isdigit():
                frac.append(ch)
            elif ch in _DIGITS and ch not in "两兩":
                frac.append(str(_DIGITS[ch]))
            else:
                return None
        return Decimal(f"{iv}.{''.join(frac)}") * scale
    # digit by digit: 二〇一三, 一九九八, 零 (两 never writes a digit string)
    if all(ch in _DIGITS for ch in s):
        if len(s) == 1:
            return _DIGITS[s]
        if "两" in s or "兩" in s:
            return None
        return int("".join(str(_DIGITS[ch]) for ch in s))
    toks = _tokens(s)
    if toks is None:
        return None
    return _eval(toks)


def parse_number(s: str) -> Number | None:
    """The value of one number string (Arabic, Chinese, mixed, percent), None if not a number.

    Percentages are fractions: '12.5%' -> 0.125, '百分之五十' -> 0.5 (scan_numbers keeps the
    printed figure, 50, with unit '%')."""
    if not isinstance(s, str):
        return None
    s = s.strip()
    if not s or len(s) > _MAX_LEN:  # longer runs are digit garbage (and int() refuses >4300)
        return None
    if s.isdigit() and s.isascii():
        return int(s)
    s = s.translate(_FOLD)
    neg = False
    if s[0] in "-+":
        neg = s[0] == "-"
        s = s[1:].lstrip()
    elif s[0] == "负":
        neg = True
        s = s[1:]
    if not s:
        return None
    div = 0
    if s[-1] == "%":
        div, s = 100, s[:-1].rstrip()
    elif s[-1] == "‰":
        div, s = 1000, s[:-1].rstrip()
    elif s.startswith("百分之"):
        div, s = 100, s[3:]
        if s == "百":  # 百分之百
            s = "一百"
    elif s.startswith("千分之"):
        div, s = 1000, s[3:]
    try:
        v = _value(s)
    except (InvalidOperation, ValueError):
        return None
    if v is None:
        return None
    if div:
        v = Decimal(v) / div
    if neg:
        v = -v
    return _out(v)


# --------------------------------------------------------------------------- scan patterns

_P = _R["patterns"]
_SCAN = regex.compile(rules.expand(_P["scan"], _P))

_Q = _R["qualifiers"]
_C = _R["change"]
_UNIT_WORDS = list(_R["units"]) + ["月", "月份", "日", "号", "时", "年度", "秒"]
_AFTER = regex.compile(
    # 10万余元: the scale goes with 元 (unit 万元) even with 余/多 between them
    r"(?:(?P<scale>[万亿千])(?=[余多](?:元|美元)))?"
    r"(?P<between>[余多])?[ 　]?(?P<unit>\L<units>)"
    r"(?P<qa>(?P<approx>\L<approx_after>)|(?P<more>\L<more_after>)|(?P<less>\L<less_after>))?",
    units=_UNIT_WORDS, approx_after=_Q["approx_after"], more_after=_Q["more_after"],
    less_after=_Q["less_after"])
_QUAL_BEFORE = regex.compile(
    r"(?<=(?:(?P<approx>\L<ab>)|(?P<more>\L<mb>)|(?P<less>\L<lb>))[ 　]?)",
    ab=_Q["approx_before"], mb=_Q["more_before"], lb=_Q["less_before"])
_CHANGE = regex.compile(
    r"(?<=(?:(?P<inc>\L<inc>)|(?P<dec>\L<dec>)"
    r"|\L<cmp>[^，。；;,\n]{0,12}?(?:(?P<inc>\L<incs>)|(?P<dec>\L<decs>)))了?"
    r"(?:\L<ab>|\L<mb>|\L<lb>)?[ 　]?)",
    inc=_C["increase"], dec=_C["decrease"], incs=_C["increase_short"],
    decs=_C["decrease_short"], cmp=_C["compare"], ab=_Q["approx_before"],
    mb=_Q["more_before"], lb=_Q["less_before"])
# 电话：24336240 — a code word earlier in the same clause (at most 14 characters back)
_CODE_BEFORE = regex.compile(r"(?<=\L<w>[^，。；;,！!？?\n、]{0,14})", w=_R["code_before"])
_CODE_AFTER = regex.compile(r"\L<w>", w=_R["code_after"])
_EXCL = regex.compile(r"\L<w>", w=_R["exclusions"])
_EXCL_MAX = max(len(w) for w in _R["exclusions"])
_LIST_CTX = regex.compile(r"(?:分别|依次|各为|各有)[^。；;\n]{0,12}\Z")
_LIST_AFTER = regex.compile(r"[ 　]?[、和及与][ 　]?[0-9０-９]")
_ORD_RANGE = regex.compile(r"[ 　]?[至到~～\-－—][ 　]?第?")
_CONNECT = regex.compile(r"[ 　]?[、,，和及与至到~～\-－—][ 　]?")
_RANGE_AFTER = regex.compile(r"[ 　]?[、,，和及与至到~～\-－—][ 　]?(?:[0-9０-９]|\L<cn>)",
                             cn=sorted(_CN_CHARS))

_SCALED = frozenset(_R["scaled_units"])
# last characters the lookbehind rules can end with: a cheap test before running them
_QUAL_LAST = frozenset(w[-1] for k in ("approx_before", "more_before", "less_before")
                       for w in _Q[k]) | frozenset(" 　")
_CHANGE_LAST = (frozenset(w[-1] for k in ("increase", "decrease", "increase_short",
                                          "decrease_short") for w in _C[k])
                | _QUAL_LAST | frozenset("了"))
_ORD_LAST = frozenset(w[-1] for w in _R["ordinal_before"]) | frozenset("(（")
_VAGUE_BEFORE = frozenset(_R["vague_before"])
_VAGUE_AFTER = frozenset(_R["vague_after"])
_ORD_BEFORE = regex.compile(r"(?<=\L<w>[(（]?)", w=_R["ordinal_before"])
_ORD_BEFORE_CN = frozenset(_R["ordinal_before_cn"])
_ORD_UNITS = frozenset(_R["ordinal_units"])
_BARE_ROUND = regex.compile(r"(?<=\L<w>)", w=_R["bare_round_before"])
_ENUM_AFTER = tuple(_R["enumerator_after"])
_HEAD_AFTER = frozenset(_R["heading_after"])
_HEAD_BEFORE = frozenset(_R["heading_before_chars"])
_APPROX_NOT = frozenset(_Q["approx_not_with_units"])
_OPEN = frozenset("（(〔［【[")
_CLOSE = frozenset("）)〕］】]")
_BIG_OR_ROUND = frozenset("百千万佰仟萬")
_SCALE_CHARS = frozenset(u[0] for u in _R["scaled_units"])
_DIGIT_CHARS = frozenset("0123456789０１２３４５６７８９")
_COMMAS = frozenset(",，")
_COMMA_SPLIT = regex.compile(r"[,，]")
_DIGIT_RUN = regex.compile(r"[0-9]{1,200}(?![0-9])")
_DATE_UNIT = {"月": "月", "月份": "月", "日": "日", "号": "号", "时": "时", "秒": "秒", "季度": "季度"}


def _fold_int(s: str) -> int:
    return int(s.translate(_FOLD))


class _Cand:
    """A number being classified (mutable while scanning; frozen into a NumberMatch)."""

    __slots__ = ("start", "end", "value", "kind", "unit", "qualifier", "cn_only", "pending")

    def __init__(self, start, end, value, kind="count", unit=None, qualifier=None,
                 cn_only=False, pending=False):
        self.start, self.end, self.value, self.kind = start, end, value, kind
        self.unit, self.qualifier, self.cn_only, self.pending = unit, qualifier, cn_only, pending


def _excluded(text: str, s: int, e: int) -> bool:
    """A Chinese-numeral span that lies inside a word like 统一, 一次性, 十二五 is no number."""
    lo = max(0, s - _EXCL_MAX + 1)
    hi = min(len(text), e + _EXCL_MAX - 1)
    for m in _EXCL.finditer(text, lo, hi, overlapped=True):
        if m.start() < e and m.end() > s:
            inside = s <= m.start() and m.end() <= e and (m.start(), m.end()) != (s, e)
            if not inside:  # 万一 inside 四十万一千 is part of the number
                return True
    return False


def _classify(text: str, s: int, e: int, value, *, core: str, cn_only: bool,
              has_pp: str | None, sign_start: int, sign: str | None = None) -> Optional[_Cand]:
    """Kind, unit and qualifier of the number text[s:e] (s is the start of the whole match,
    sign and 百分之 included; the digits end at e)."""
    n = len(text)
    after = _AFTER.match(text, e) if e < n else None
    unit = None
    between = None
    if after is not None:
        unit = (after.group("scale") or "") + after.group("unit")
        between = after.group("between")
        if unit == "分" and text.startswith(("之", "别"), after.end()):
            if text.startswith("之", after.end()):
                return None  # 三分之一: a fraction, not 3 points
            unit, after = None, None
    nxt = text[e] if e < n else ""
    prev = text[sign_start - 1] if sign_start > 0 else ""
    is_int = isinstance(value, int)
    plain_arabic = not cn_only and core.isdigit()  # no separators, no decimals, no 万
    c = _Cand(s, e, value, cn_only=cn_only)

    # ---- percent (12.5%, 百分之五十, 千分之五)
    if has_pp or unit in ("%", "％", "‰"):
        c.kind = "percent"
        c.unit = "‰" if (has_pp == "千分之" or unit == "‰") else "%"
        if has_pp and unit in ("%", "％", "‰"):
            unit = None
    # ---- ordinals: 第三, 第（一）项, （三）, 一是, 一、, 3. at line start
    if c.kind != "percent":
        if (prev in _ORD_LAST and _ORD_BEFORE.match(text, sign_start)) or (
                cn_only and prev in _ORD_BEFORE_CN):
            return _ordinal(c, unit)
        if unit in _ORD_UNITS:
            return _ordinal(c, unit)
        if prev in _OPEN and nxt in _CLOSE:
            if is_int and 1900 <= value <= 2100 and len(core) == 4:
                c.kind = "year"
                return c
            if plain_arabic and core.startswith(("0", "０")) and len(core) > 1:
                c.kind = "code"
                return c
            c.kind = "ordinal"
            return c
        if cn_only and unit is None:
            for w in _ENUM_AFTER:
                if text.startswith(w, e):
                    c.kind = "ordinal"
                    return c
        if (plain_arabic and nxt in _HEAD_AFTER and (e + 1 >= n or text[e + 1] not in _DIGIT_CHARS)
                and not sign):
            # 3. / 3、 / 3） at a line start or after a sentence end; 3.加强 (a dot before a
            # Chinese word) is a heading wherever flattened text put it (019: 主要做法1.加强)
            if sign_start == 0 or prev in _HEAD_BEFORE or (
                    nxt in ".．" and len(core) <= 2 and e + 1 < n and _is_cjk(text[e + 1])) or (
                    # 003: 规范政府信息公开行为1、加强信息公开培训 (a heading run into prose)
                    nxt == "、" and value <= 20 and _is_cjk(prev) and e + 1 < n
                    and _is_cjk(text[e + 1]) and _follows_heading(text, sign_start, value)):
                c.kind = "ordinal"
                return c

    # ---- Latin-ish suffix after plain digits (100M) is caught by the latin pattern earlier.
    # ---- years, months, days
    if unit in ("年", "年度") and c.kind != "percent":
        if is_int and 1900 <= value <= 2100 and (
                (plain_arabic and len(core) == 4) or (cn_only and value >= 1900)):
            c.kind, c.unit = "year", unit
            return c
        if cn_only and all(ch in _DIGITS for ch in core) and len(core) > 1:
            c.kind, c.unit = "year", unit
            return c
    if unit in _DATE_UNIT and c.kind != "percent":
        du = _DATE_UNIT[unit]
        if du == "月":
            if is_int and 1 <= value <= 12:
                c.kind, c.unit = "date_part", "月"
                return c
            unit = None
        elif du in ("日", "号"):
            after_month = prev == "月"
            if du == "日" and not after_month and text.startswith(("内", "以内", "之内"),
                                                                  after.end()):
                c.unit = "日"
                unit = "日"
            elif after_month or (du == "日" and is_int and 1 <= value <= 31):
                c.kind, c.unit = "date_part", du
                return c
            elif du == "日" and plain_arabic and len(core) >= 5 and core.startswith(("19", "20")):
                # 统计期限为201711日至20171231日: a date whose separators were lost
                c.kind, c.unit = "date_part", du
                return c
            else:
                c.kind, c.unit = "code", du
                return c
        elif du == "时":
            if is_int and 0 <= value <= 24:
                c.kind, c.unit = "date_part", "时"
                return c
            unit = None
        elif du == "秒":
            unit = None
        elif du == "季度":
            if is_int and 1 <= value <= 4:
                c.kind, c.unit = "date_part", "季度"
                return c
    if unit == "分" and prev == "时":
        c.kind, c.unit = "date_part", "分"
        return c

    # ---- Chinese numerals only count with a unit (or a percent, or in a range/list)
    if cn_only:
        if prev in _VAGUE_BEFORE or (nxt in _VAGUE_AFTER):
            return None
        if unit is None and c.kind != "percent":
            if all(ch in _DIGITS for ch in core) and len(core) > 1:
                return None  # 三五件-style guesses and digit strings outside years
            if _RANGE_AFTER.match(text, e):
                c.pending = True
            else:
                return None
        elif all(ch in _DIGITS for ch in core) and len(core) > 1 and c.kind != "percent":
            return None  # 三五件, 一两条: an estimate, not a figure

    # ---- codes: phone numbers, postcodes, addresses, serials
    if is_int and abs(value) >= _MAX_FIGURE:
        # no figure of these reports has 16 digits (an ID number, a run of table cells read as
        # one), and SQLite's INTEGER would refuse to store it as a count
        c.kind = "code"
        return c
    if not cn_only and c.kind != "percent":
        if plain_arabic and core[0] in "0０" and len(core) > 1:
            c.kind = "code"
            return c
        if unit == "号" or _CODE_AFTER.match(text, e):
            c.kind = "code"
            return c
        if plain_arabic and len(core) >= 7 and unit is None:
            c.kind = "code"
            return c
        if unit is None and _CODE_BEFORE.match(text, sign_start):
            c.kind = "code"
            return c
    if unit in ("年", "年度"):
        unit = "年"

    # ---- unit, qualifier
    if c.kind != "percent":
        if unit in _DATE_UNIT and c.unit != "日":  # 15日内 keeps 日 as a duration
            unit = None
        c.unit = unit
    q = None
    qb = _QUAL_BEFORE.match(text, sign_start) if prev in _QUAL_LAST else None
    if qb is not None:
        q = "approx" if qb.group("approx") else "more" if qb.group("more") else "less"
        if q == "approx" and c.unit in _APPROX_NOT:
            q = None
    if q is None and between and (unit or c.kind == "percent"):
        q = "more"
    if q is None and after is not None and after.group("qa"):
        q = "approx" if after.group("approx") else "more" if after.group("more") else "less"
    c.qualifier = q

    # ---- changes: 较上年增加12件, 同比增长12%, 比去年减少3件, 增加了5条
    ch = _CHANGE.match(text, sign_start) if prev in _CHANGE_LAST else None
    if ch is not None:
        c.kind = "change"
        if ch.group("dec") and value > 0:
            c.value = -value
        return c
    if c.kind == "count" and not is_int:
        c.kind = "decimal"
    return c


def _follows_heading(text: str, s: int, value: int) -> bool:
    """A mid-line 3、 is a heading when it is the first (1、) or its predecessor (2、) stands
    shortly before; 当面申请3、网上申请5件 is a list of counts."""
    if value == 1:
        return True
    prev = regex.compile(rf"(?<![0-9０-９]){value - 1}[、.．]")
    return prev.search(text, max(0, s - 400), s) is not None


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _ordinal(c: _Cand, unit) -> _Cand:
    c.kind = "ordinal"
    c.unit = unit if unit not in (None, "%", "％") else None
    return c


def _emit_num(text: str, m, out: list) -> None:
    """Classify one 'num' candidate (possibly a comma list) and append _Cands to out."""
    cs, ce = m.span("core")
    core = m.group("core")
    sign = m.group("sign")
    pp = m.group("pp")
    s0 = m.start()
    # comma runs: thousands separators or a list?
    if "," in core or "，" in core:
        pieces = _split_commas(text, core, cs, s0)
        if pieces is not None:
            for i, (ps, pe) in enumerate(pieces):
                first = i == 0
                _emit_piece(text, (s0 if first else ps), ps, pe, text[ps:pe],
                            sign if first else None, pp if first else None, out)
            return
    _emit_piece(text, s0, cs, ce, core, sign, pp, out)


def _split_commas(text: str, core: str, cs: int, s0: int):
    """None when the commas are thousands separators; else the spans of the list items."""
    # the Arabic head with commas (a mixed tail like 1,234万 stays with the last piece)
    j = 0
    while j < len(core) and (core[j] in _DIGIT_CHARS or core[j] in _COMMAS):
        j += 1
    head = core[:j].rstrip(",，")
    groups = _COMMA_SPLIT.split(head)
    thousands = (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
                 and len(groups) > 1)
    if thousands:
        # a list may still look like thousands: 分别为120，300，500件 / 1,200和300
        # (1,200和300 stays 1200: a one-digit head reads as thousands)
        if not (_LIST_CTX.search(text, max(0, s0 - 16), s0)
                or (len(groups[0]) > 1 and _LIST_AFTER.match(text, cs + len(core)))):
            return None
    spans = []
    pos = cs
    for k, g in enumerate(groups):
        spans.append((pos, pos + len(g)))
        pos += len(g) + 1
    # the last piece keeps whatever follows the head (decimal part, 万, trailing comma is cut)
    last_s = spans[-1][0]
    spans[-1] = (last_s, cs + len(core))
    return spans


def _emit_piece(text, s, cs, ce, core, sign, pp, out):
    value = parse_number(core)
    if value is None and pp == "百分之" and core == "百":  # 百分之百
        value = 100
    elif (value is None and len(core) == 1 and core in _BIG_OR_ROUND and not pp and not sign
          and (_BARE_ROUND.match(text, cs) or text[ce:ce + 1] in ("余", "多"))
          and _AFTER.match(text, ce) and text[cs - 1:cs] not in _VAGUE_BEFORE):
        value = _UNITS_ALL[core]  # 近千次 (023): about a thousand; 千余条: over a thousand
    cn_only = not any(ch in _DIGIT_CHARS for ch in core)
    if value is None and not cn_only:
        # a mixed run that is no number (12十分, 3一站式): keep its Arabic head
        k = 0
        while k < len(core) and (core[k] in _DIGIT_CHARS or core[k] in ".．"):
            k += 1
        while k and core[k - 1] in ".．":
            k -= 1
        core = core[:k]
        ce = cs + k
        value = parse_number(core)
    if value is None:
        return
    # 12万元: the 万 belongs to the unit (contract keeps 万元)
    if core[-1] in _SCALE_CHARS and ce < len(text):
        um = _AFTER.match(text, ce - 1)
        scale = _UNITS_ALL[core[-1]]
        if (um is not None and (um.group("scale") or "") + um.group("unit") in _SCALED
                and len(core) > 1
                and all(_UNITS_ALL.get(ch, 0) < scale for ch in core[:-1])):
            # 3万5千元 is 35000 元: only a scale that ends the whole number joins the unit
            v2 = parse_number(core[:-1])
            if v2 is not None:
                core, ce, value = core[:-1], ce - 1, v2
    if sign:
        value = -value
    c = _classify(text, s, ce, value, core=core, cn_only=cn_only, has_pp=pp,
                  sign_start=s, sign=sign)
    # exclusions only for what survived (most bare Chinese numerals never get this far)
    if c is not None and not (cn_only and _excluded(text, cs, ce)):
        out.append(c)


def _emit_special(text: str, m, out: list) -> None:
    g = m.lastgroup  # latin | docno | date | time | phone | marker
    if g == "latin":
        base = m.start()
        for d in _DIGIT_RUN.finditer(m.group()):
            out.append(_Cand(base + d.start(), base + d.end(), int(d.group()), "code"))
    elif g == "docno":
        for name in ("dy", "dn"):
            a, b = m.span(name)
            out.append(_Cand(a, b, int(m.group(name)), "code"))
    elif g == "date":
        a, b = m.span("y")
        out.append(_Cand(a, b, int(m.group("y")), "year"))
        a, b = m.span("m")
        out.append(_Cand(a, b, int(m.group("m")), "date_part", "月"))
        a, b = m.span("d")
        out.append(_Cand(a, b, int(m.group("d")), "date_part", "日"))
    elif g == "time":
        for name, u in (("h", "时"), ("mi", "分"), ("se", "秒")):
            if m.group(name) is not None:
                a, b = m.span(name)
                out.append(_Cand(a, b, int(m.group(name)), "date_part", u))
    elif g == "phone":
        for name in ("area", "tel"):
            a, b = m.span(name)
            out.append(_Cand(a, b, int(m.group(name)), "code"))
    elif g == "marker":
        out.append(_Cand(m.start(), m.end(), _MARKERS[m.group()], "ordinal"))


def _propagate(text: str, cands: list) -> list:
    """Items of a list or range take the kind/unit of the last item: 2,3,4月 are months,
    分别为12，3，5件 are all 件, 2013-2014年 are years, 一至三月 are months."""
    for i in range(len(cands) - 2, -1, -1):
        a, b = cands[i], cands[i + 1]
        if a.unit is not None or a.kind not in ("count", "decimal") or a.qualifier:
            continue
        cm = _CONNECT.match(text, a.end)
        if cm is None or cm.end() != b.start:
            continue
        if b.kind == "year":
            if isinstance(a.value, int) and 1900 <= a.value <= 2100:
                a.kind, a.unit, a.pending = "year", b.unit, False
        elif b.kind == "date_part" and b.unit in ("月", "日"):
            hi = 12 if b.unit == "月" else 31
            if isinstance(a.value, int) and 1 <= a.value <= hi:
                a.kind, a.unit, a.pending = "date_part", b.unit, False
        elif b.kind in ("count", "decimal", "percent") and b.unit is not None and not b.pending:
            a.unit, a.pending = b.unit, False
            if b.kind == "percent":
                a.kind = "percent"
    # 第1-3项: the end of an ordinal range is an ordinal too
    for i in range(len(cands) - 1):
        a, b = cands[i], cands[i + 1]
        if a.kind == "ordinal" and b.kind in ("count", "decimal") and not b.qualifier:
            rm = _ORD_RANGE.match(text, a.end)
            if rm is not None and rm.end() == b.start:
                b.kind, b.pending = "ordinal", False
    return [c for c in cands if not c.pending]


def scan_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMatch]:
    """Every number in text[start:end], spans indexing ``text``, in order and never overlapping.

    The span covers the number itself (with its sign and a 百分之 prefix); the measure word
    (or %) after it is ``unit`` and 约/余/以上 around it is ``qualifier``, both outside the span.
    Chinese numerals inside words (统一, 一些, 十分) are skipped; 一是/第三/（三） are ordinals.
    """
    if end is None:
        end = len(text)
    cands: list[_Cand] = []
    for m in _SCAN.finditer(text, start, end):
        # the alternative that matched is the last group to close (its own groups nest inside)
        if m.lastgroup == "num":
            _emit_num(text, m, cands)
        else:
            _emit_special(text, m, cands)
    cands = _propagate(text, cands)
    return [NumberMatch(c.start, c.end, c.value, c.kind, c.unit, c.qualifier, text[c.start:c.end])
            for c in cands]
