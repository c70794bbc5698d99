"""Prose counts: label + number + unit as facts with contract keys.

The patterns and vocabularies are data (counts.yaml); this module walks the sentences of the
normalized text, gives each count number its *left context* (the words since the previous count
of the sentence), tries the rules on it, and links breakdown items (其中 / 分别为 / …中，) to the
total they split (Fact.parent), marking whether the report presents the list as complete
(Fact.exhaustive): categories after 分别为 or "在…的N条政府信息中，" are complete; a bare 其中 list
is complete when it covers its total, exceeds it or names a residual (其他…); 其中包括 / 涉及 name
examples. Changes (较上年增加12件), figures of another year, zeros said in words and counts in
other units (咨询300次) are not facts. Fact ids are "text:<start>".
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import replace as dataclasses_replace
from functools import lru_cache
from typing import Optional

import regex

from . import rules as rulefiles
from .types import Document, Fact, NumberMatch, ReportMeta, Section

_NOT_COUNT_KINDS = {"year", "date_part", "ordinal", "code", "change"}
_LEFT_MAX = 80  # characters of left context a rule sees


@lru_cache(maxsize=None)
def pattern(name: str, section: str = "text") -> regex.Pattern:
    """A named word pattern of counts.yaml (`text:` for this module, `checks:` for the checks)."""
    data = rulefiles.load("counts")
    return regex.compile(rulefiles.expand(data[section][name], data.get("patterns", {})))


@dataclass
class _Rule:
    id: str
    key: str
    role: str
    left: regex.Pattern
    right: Optional[regex.Pattern]
    right_follows: Optional[regex.Pattern]
    context: Optional[regex.Pattern]
    not_context: Optional[regex.Pattern]
    not_left: Optional[regex.Pattern]
    label: str
    percent: bool = False
    wide: bool = False
    printed: bool = True  # label from the matched words (False: the rule's fixed label)


@dataclass
class _Cfg:
    units: list
    unit_re: regex.Pattern
    key_units: dict
    rules: list
    children: dict
    exhaustive: regex.Pattern
    examples: regex.Pattern
    continues: regex.Pattern
    restates: regex.Pattern
    cumulative: regex.Pattern
    as_of: regex.Pattern
    change_left: regex.Pattern
    approx_right: regex.Pattern
    approx_left: regex.Pattern


def _compile(source: str, data: dict, anchor: str = "") -> regex.Pattern:
    names = data.get("patterns", {})
    src = rulefiles.expand(source, names)
    if anchor == "end":
        src = "(?:" + src + r")\s*$"
    return regex.compile(src, ignore_unused=True, **_named_lists(data))


def _named_lists(data: dict) -> dict:
    return {k: list(v) for k, v in data.get("lists", {}).items()}


@lru_cache(maxsize=1)
def config() -> _Cfg:
    data = rulefiles.load("counts")
    units = sorted(data["units"], key=len, reverse=True)
    unit_re = regex.compile(r"^\s*(%|％|" + "|".join(map(regex.escape, units)) + ")")
    rules = []
    for r in data["rules"]:
        rules.append(_Rule(
            id=r["id"], key=r["key"], role=r.get("role", "fact"),
            left=_compile(r.get("left", ""), data, "end"),
            right=_compile(r["right"], data) if r.get("right") else None,
            right_follows=_compile(r["right_follows"], data) if r.get("right_follows") else None,
            context=_compile(r["context"], data) if r.get("context") else None,
            not_context=_compile(r["not_context"], data) if r.get("not_context") else None,
            not_left=_compile(r["not_left"], data) if r.get("not_left") else None,
            label=r.get("label", ""), percent=bool(r.get("percent")),
            wide=bool(r.get("wide")), printed=r.get("printed", True)))
    children = {}
    for key, alts in data["children"].items():
        children[key] = [(a["key"], _compile(a["label"], data)) for a in alts]
    b = data["breakdown"]
    q = data["qualifiers"]
    return _Cfg(
        units=units, unit_re=unit_re, key_units=data.get("key_units", {}), rules=rules,
        children=children,
        exhaustive=_compile(b["exhaustive"], data), examples=_compile(b["examples"], data),
        continues=_compile(b["continues"], data), restates=_compile(b["restates"], data),
        cumulative=_compile(q["cumulative"], data), as_of=_compile(q["as_of"], data),
        change_left=_compile(data["change_left"], data),
        approx_right=_compile(data["approx_right"], data),
        approx_left=_compile(data["approx_left"], data))


# --------------------------------------------------------------------------- helpers


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split at 。！？ and line ends (； keeps a list together)."""
    out, pos = [], 0
    for m in pattern("sentence_end").finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _unit_after(text: str, nm: NumberMatch) -> tuple[Optional[str], int]:
    cfg = config()
    if nm.unit:
        m = regex.match(r"\s*" + regex.escape(nm.unit), text[nm.end:nm.end + 8])
        if m:
            return ("%" if nm.unit in ("%", "％") else nm.unit), nm.end + m.end()
        return ("%" if nm.unit in ("%", "％") else nm.unit), nm.end
    m = cfg.unit_re.match(text[nm.end:nm.end + 6])
    if not m:
        return None, nm.end
    u = m.group(1)
    return ("%" if u in ("%", "％") else u), nm.end + m.end()


def _is_count_like(text: str, nm: NumberMatch) -> bool:
    if nm.kind in _NOT_COUNT_KINDS:
        return False
    if pattern("date_right").match(text[nm.end:nm.end + 4]):
        return False
    if pattern("ordinal_left").search(text[max(0, nm.start - 4):nm.start]):
        return False
    # a digit glued to Latin letters (phone numbers, URLs)
    return not pattern("not_count_right").match(text[nm.end:nm.end + 1])


def clean_label(s: str) -> str:
    # a label never spans a comma or colon (parentheses aside): 主要类别有：机构职能类信息
    depth, cut = 0, 0
    for i, ch in enumerate(s):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "，,；;：:。":
            cut = i + 1
    s = s[cut:]
    for name in ("label_lead", "label_time", "label_verb_lead", "label_channel_lead"):
        s = pattern(name).sub("", s)
    if len(s) > 3:
        s = pattern("label_verb_trail").sub("", s)
    s = pattern("label_trail").sub("", s)
    s = regex.sub(r"[\s，,；;：:、]+$", "", s)
    return s.strip()


@dataclass
class _Open:
    fact_index: int
    key: str
    exhaustive: Optional[bool] = None  # None until the first item shows the marker
    items: int = 0
    weak: bool = False  # opened by a bare 其中 (see _settle_lists)


def _child_key(cfg: _Cfg, parent_key: str, label: str) -> Optional[str]:
    for key, pat in cfg.children.get(parent_key, ()):
        if pat.search(label):
            return key
    return None


def _children_keys(cfg: _Cfg, parent_key: str) -> set:
    return {k for k, _ in cfg.children.get(parent_key, ())}


def _looks_like_label(label: str) -> bool:
    return 1 <= len(label) <= 30 and not pattern("not_label").search(label)


# --------------------------------------------------------------------------- main

# totals that are not contract quantities but whose 其中 parts are (005: 制作、获取政府信息总数)
_GENERIC = ("info.produced", "other.total")


def find_facts(doc: Document, sections: tuple[Section, ...], meta: ReportMeta,
               numbers: tuple[NumberMatch, ...]) -> tuple[Fact, ...]:
    cfg = config()
    text = doc.text
    nums = sorted(numbers, key=lambda n: n.start)
    facts: list[Fact] = []
    prev_total: Optional[int] = None  # last total of the previous sentence (index in facts)
    last_proactive_total: Optional[int] = None
    carry: Optional[_Open] = None  # a list that may run on into the next sentence
    carry_key: Optional[str] = None
    weak_parents: set = set()
    used_ids: set = set()
    ni = 0
    prev_sent = ""
    # the headings above each sentence by one sweep (sentences come in text order); a scan of
    # every section per sentence was quadratic on heading-only text ('一、概述\n' * 10000)
    by_start = sorted(range(len(sections)), key=lambda i: sections[i].start)
    si = 0
    active: list[int] = []
    for s_start, s_end in sentences(text):
        sent = text[s_start:s_end]
        sent_nums = []
        while ni < len(nums) and nums[ni].start < s_end:
            if nums[ni].start >= s_start:
                sent_nums.append(nums[ni])
            ni += 1
        if not sent_nums:
            # a sentence without numbers ends any list and any 其中 link
            prev_total, carry, carry_key, prev_sent = None, None, None, sent
            continue
        first_count = next((n for n in sent_nums if _is_count_like(text, n)), sent_nums[0])
        head = text[s_start:first_count.start]
        # rule contexts: this sentence, the one before and the headings above it
        # (028: 本年度全区共收到70件申请 under 三、收到和处理政府信息公开申请情况)
        while si < len(by_start) and sections[by_start[si]].start <= s_start:
            active.append(by_start[si])
            si += 1
        active = [i for i in active if s_start < sections[i].body_end]
        titles = "".join(sections[i].title for i in sorted(active))
        ctx = prev_sent + "\n" + sent + "\n" + titles
        open_: Optional[_Open] = None
        if prev_total is not None and cfg.continues.search(sent):
            # 007: …1913条。其中，区直、县直各单位…
            open_ = _Open(prev_total, facts[prev_total].key, exhaustive=True, weak=True)
        elif last_proactive_total is not None and cfg.restates.search(head):
            # 005: 主动公开的政府信息，县直各单位… / 010: …主动公开政府信息的主要类别有：
            open_ = _Open(last_proactive_total, facts[last_proactive_total].key, exhaustive=True)
        implicit_prev = prev_total
        boundary = s_start
        prev_change_left: Optional[str] = None
        prev_change_start = s_start
        list_key: Optional[str] = None
        sentence_total: Optional[int] = None
        first_fact = True
        transposed = _transposed_lists(text, s_start, s_end, sent_nums)
        for nm in sent_nums:
            if nm.kind == "change":
                # 较上年增加12件，共计95件: keep the label for the count that follows
                prev_change_start = max(boundary, nm.start - _LEFT_MAX)
                prev_change_left = text[prev_change_start:nm.start]
                boundary = _unit_after(text, nm)[1]
                continue
            if not _is_count_like(text, nm):
                continue
            unit, unit_end = _unit_after(text, nm)
            # labels are short: a bounded left context keeps long unpunctuated text linear
            left_start = max(boundary, nm.start - _LEFT_MAX)
            left = text[left_start:nm.start]
            if nm.start in transposed:
                # 同意公开、部分公开、不予公开的分别为5件、3件、2件: the label printed before 分别为
                left_start, left = transposed[nm.start]
                if open_ is not None and open_.exhaustive is None:
                    open_.exhaustive = True
            if _inside_includes(text, s_start, nm.start):
                # 041: 规章18件(含新制定4件,修改14件): parts of one entry, not entries of the list
                boundary = unit_end
                continue
            if unit == "%" or nm.kind == "percent":
                fact, _ = _match_rule(cfg, doc, meta, sent, left, left_start, nm, "%", unit_end,
                                      s_end, percent=True, ctx=ctx)
                if fact is not None:
                    used_ids.add(f"text:{fact.start}%")
                    facts.append(dataclasses_replace(fact, id=f"text:{fact.start}%"))
                boundary = unit_end
                continue
            if cfg.change_left.search(left):
                prev_change_left, prev_change_start = left, left_start
                boundary = unit_end
                continue
            qualifier = nm.qualifier or ("approx" if cfg.approx_left.search(left) else None)
            if cfg.approx_right.match(text[nm.end:nm.end + 2]):
                qualifier = qualifier or "more"
                m = cfg.unit_re.match(text[nm.end + 1:nm.end + 7])
                if m:  # 7700余条: the unit follows the 余
                    unit, unit_end = m.group(1), nm.end + 1 + m.end()
            in_list = open_ is not None or list_key is not None
            # 053: 应主动公开的其他信息3 (the last entry of a list lost its 条)
            if unit is None and not (in_list and regex.match(r"\s*(?:[，,。；;)）]|$)",
                                                              text[nm.end:nm.end + 2])
                                     and pattern("unitless_entry").search(left)):
                boundary = unit_end
                continue
            # 较上年增加12件，共计95件: the label stands before the change
            stripped = pattern("bare_connector").sub("", left)
            if not stripped and prev_change_left is not None:
                left = pattern("change_tail").sub("", prev_change_left)
                left_start = prev_change_start
            prev_change_left = None
            fact, role = _match_rule(cfg, doc, meta, sent, left, left_start, nm, unit, unit_end, s_end,
                                     ctx=ctx)
            next_boundary = unit_end if fact is None else max(unit_end, fact.end)
            if fact is None:
                if not in_list:
                    boundary = next_boundary
                    continue
                label, lstart = _item_label(left, left_start)
                host = open_
                if not _looks_like_label(label) or (
                        host is not None and not _same_measure(facts[host.fact_index].unit, unit)):
                    # a number that is no list entry ends the list (014: …办理复文 after 规划计划文件2件)
                    open_, list_key = None, None
                    boundary = next_boundary
                    continue
                if host is not None:
                    key = _child_key(cfg, facts[host.fact_index].key, label)
                    rule = "count.breakdown_item"
                else:
                    key, rule = list_key, "count.list_item"
                    if pattern("normative_doc").fullmatch(label):
                        key = "proactive.normative_docs"
                if key is None:
                    boundary = next_boundary
                    continue
                fact = Fact(key=key, label=label, value=nm.value, unit=unit, origin="text",
                            start=lstart, end=unit_end, rule=rule, page=doc.page_of(lstart))
                role = "item" if host is not None else "list"
            # ---- link a breakdown item to its total
            parent_idx, exhaustive = None, False
            if role == "item" or (role == "total" and open_ is not None
                                  and facts[open_.fact_index].key in _GENERIC):
                if open_ is None and first_fact and carry is not None and fact.key == carry_key:
                    open_ = carry  # 003: …303条，占71.3%。各乡镇…122条
                if open_ is None and role == "item" and implicit_prev is not None \
                        and facts[implicit_prev].key == "requests.answered" \
                        and fact.key == "requests.by_outcome":
                    open_ = _Open(implicit_prev, "requests.answered", exhaustive=True)  # 025
                if open_ is not None:
                    parent = facts[open_.fact_index]
                    if fact.key == "case.by_outcome" and parent.key in ("review.total", "litigation.total"):
                        fact = dataclasses_replace(fact, key=parent.key.split(".")[0] + ".by_outcome")
                    ok = (parent.key in _GENERIC or fact.key in _children_keys(cfg, parent.key)
                          or (fact.key == "proactive.by_unit" and parent.key.startswith("proactive.")))
                    if ok:
                        if open_.exhaustive is None:
                            between = text[parent.end:fact.start]
                            if cfg.examples.search(between):
                                open_.exhaustive = False
                            else:
                                open_.exhaustive = bool(cfg.exhaustive.search(between))
                                open_.weak = bool(pattern("weak_qizhong").search(between))
                        if open_.weak:
                            weak_parents.add(open_.fact_index)
                        parent_idx, exhaustive = open_.fact_index, bool(open_.exhaustive)
                        if fact.key == "proactive.by_channel":
                            # one item is often published on several channels: never a partition
                            exhaustive = False
                        open_.items += 1
                        carry_key = fact.key
                    else:
                        open_ = None
            if fact is not None and fact.key.startswith("case."):
                fact = None
            if fact is not None and _about_other_year(left, meta.year, fact.key):
                # 2012年主动公开政府信息16条，2013年… in a 2013 report: last year's figure
                fact = None
            first_fact = False
            implicit_prev = None
            if fact is None or not _unit_ok(cfg, fact.key, unit):
                boundary = next_boundary
                continue
            fid = f"text:{fact.start}"
            while fid in used_ids:
                fid += "'"
            used_ids.add(fid)
            fact = dataclasses_replace(
                fact, id=fid, qualifier=fact.qualifier or qualifier,
                parent=facts[parent_idx].id if parent_idx is not None else None,
                exhaustive=exhaustive)
            facts.append(fact)
            idx = len(facts) - 1
            if fact.key in ("proactive.by_category", "proactive.normative_docs") and parent_idx is None:
                list_key = "proactive.by_category"  # 025: 主动公开规章13件，行政规范性文件60件…
            if role == "total" and (parent_idx is None or facts[parent_idx].key in _GENERIC):
                after = text[unit_end:unit_end + 12]
                if pattern("opens_list").match(after) or fact.rule.endswith("restated"):
                    open_ = _Open(idx, fact.key, exhaustive=True)
                elif parent_idx is None:
                    open_ = _Open(idx, fact.key)
                sentence_total = idx
                if fact.key == "proactive.total":
                    last_proactive_total = idx
            boundary = next_boundary
        prev_total = sentence_total
        prev_sent = sent
        carry = open_ if (open_ is not None and open_.items) else None
        if carry is None:
            carry_key = None
    return tuple(_settle_lists(facts, weak_parents))


def _settle_lists(facts: list[Fact], weak_parents: set) -> list[Fact]:
    """A bare 其中 may name every part of a total or only a few (其中予以公开40件、部分公开5件 of
    95; 其中规范性文件12件 of 256). Such a list counts as complete when it covers its total, names
    a residual (其他处理, 其他应主动公开的信息: 019), or exceeds the total (007, 014). Parts of all
    information produced (005: 主动公开/依申请公开/不予公开) and sub-units (各乡镇: 007) are
    complete by construction."""
    out = list(facts)
    # a channel named inside a list of categories is a category (2023 沭阳发改局: …财政预决算信息6条；
    # 政府网站信息185条；政府信息公开制度1条, all parts of 249)
    kids_of: dict = {}
    for i, f in enumerate(out):
        if f.parent:
            kids_of.setdefault(f.parent, []).append(i)
    for kids in kids_of.values():
        keys = {out[i].key for i in kids}
        if "proactive.by_channel" in keys and "proactive.by_category" in keys:
            ex = any(out[i].exhaustive for i in kids if out[i].key == "proactive.by_category")
            for i in kids:
                if out[i].key == "proactive.by_channel":
                    out[i] = dataclasses_replace(out[i], key="proactive.by_category", exhaustive=ex)
    facts = out
    out = list(facts)
    for pidx in weak_parents:
        parent = facts[pidx]
        kids = kids_of.get(parent.id, [])
        if not kids or parent.key == "info.produced" \
                or all(facts[i].key == "proactive.by_unit" for i in kids):
            continue
        total = sum(facts[i].value for i in kids)
        complete = (total >= parent.value
                    or any(pattern("residual").search(facts[i].label) for i in kids))
        for i in kids:
            out[i] = dataclasses_replace(out[i], exhaustive=complete and facts[i].exhaustive)
    return out


def _transposed_lists(text: str, s_start: int, s_end: int, nums: list) -> dict:
    """Labels listed before 分别为 and their numbers after it, paired in order:
    {number start: (label start, label)}; nothing unless the counts agree."""
    out: dict = {}
    sent = text[s_start:s_end]
    if "分别" not in sent and "依次" not in sent:
        # the words `transposed` ends with (counts.yaml): most sentences have none, and trying
        # its lazy 60-character label run at every position was 12% of all extraction time
        return out
    for m in pattern("transposed").finditer(sent):
        labels_text = m.group("labels")
        after = s_start + m.end()
        seq = []
        pos = after
        for n in nums:
            if n.start < after:
                continue
            if not pattern("transposed_gap").fullmatch(text[pos:n.start]):
                break
            seq.append(n)
            pos = _unit_after(text, n)[1]
        for splitter in ("transposed_split", "transposed_split_wide"):
            parts = [(x.start(), x.group()) for x in regex.finditer(
                r"[^" + pattern(splitter).pattern + r"]+", labels_text)]
            if len(parts) == len(seq) >= 2:
                base = s_start + m.start("labels")
                for (off, lab), n in zip(parts, seq):
                    out[n.start] = (base + off, lab)
                break
    return out


def _inside_includes(text: str, s_start: int, pos: int) -> bool:
    return bool(pattern("includes_open").search(text[max(s_start, pos - _LEFT_MAX):pos]))


_INFO_UNITS = {"条", "件", "份"}


def _same_measure(parent_unit: Optional[str], unit: Optional[str]) -> bool:
    if unit is None or parent_unit is None or unit == parent_unit:
        return True
    return unit in _INFO_UNITS and parent_unit in _INFO_UNITS


_KEEP_OTHER_YEAR = ("proactive.cumulative", "requests.carried_forward")


def _about_other_year(left: str, year: Optional[int], key: str) -> bool:
    """The words before a count name another year (or 上年) and not the report's own."""
    if key in _KEEP_OTHER_YEAR:
        return False
    if pattern("other_year_words").search(left):
        return True
    if year is None:
        return False
    years = {int(y) for y in pattern("year_in_left").findall(left)}
    return bool(years) and year not in years and not pattern("since_words").search(left)


def _unit_ok(cfg: _Cfg, key: str, unit: Optional[str]) -> bool:
    if unit is None:
        return True  # only list entries get here without a unit (053)
    want = cfg.key_units.get(key)
    if want is None:
        return unit != "%" and unit not in ("元", "万元", "亿元")
    return unit in want


def _item_label(left: str, boundary: int) -> tuple[str, int]:
    """The label of a list entry: the left context without connectors and 信息/的 tails."""
    label = clean_label(left)
    if not label:
        return "", boundary
    pos = left.rfind(label)
    return label, boundary + (pos if pos >= 0 else 0)


def _match_rule(cfg: _Cfg, doc: Document, meta: ReportMeta, sent: str, left: str, boundary: int,
                nm: NumberMatch, unit: Optional[str], unit_end: int, s_end: int,
                percent: bool = False, ctx: str = ""):
    text = doc.text
    right_text = text[unit_end:min(s_end, unit_end + 40)]
    for r in cfg.rules:
        if r.percent != percent:
            continue
        base, src = boundary, left
        if r.wide:
            # the clause since the last ；/sentence start, numbers included
            s0 = max(text.rfind("；", 0, nm.start) + 1, nm.start - 60, 0)
            base, src = s0, text[s0:nm.start]
        m = r.left.search(src)
        if not m:
            continue
        if r.not_left is not None and r.not_left.search(left):
            continue
        if r.right is not None and not r.right.match(right_text):
            continue
        if r.right_follows is not None and not r.right_follows.match(right_text):
            continue
        if r.context is not None and not r.context.search(ctx or sent):
            continue
        if r.not_context is not None and r.not_context.search(sent):
            continue
        if r.label == "label":
            raw = m.group("label")
            if r.role == "total":
                label = clean_label(raw)
            else:
                # vocabulary words stay whole (同意公开); only connectors before go: (其中机构职能类
                label = pattern("label_time").sub("", pattern("label_lead").sub("", raw)).strip()
            lstart = base + m.start("label") + max(0, raw.find(label))
            if not label:
                continue
        else:
            lstart = base + m.start() if m.end() > m.start() else nm.start
            label = (_printed_label(text, lstart, nm, unit_end, right_text, r) if r.printed else "") \
                or r.label
        key = r.key
        qualifier = None
        if key in ("proactive.cumulative", "proactive.total"):
            key, qualifier = _cumulative_or_year(cfg, meta, sent, left, key)
        end = unit_end
        if r.right is not None:
            rm = r.right.match(right_text)
            end = unit_end + rm.end()
        return Fact(key=key, label=label, value=nm.value, unit=unit, origin="text",
                    start=min(lstart, nm.start), end=end, rule=r.id,
                    page=doc.page_of(min(lstart, nm.start)), qualifier=qualifier), r.role
    return None, None


def _printed_label(text: str, lstart: int, nm: NumberMatch, unit_end: int, right_text: str,
                   r: _Rule) -> str:
    """The report's own words for a fixed-key fact: the phrase the rule matched before the
    number (受理政府信息公开申请) or after it (涉及政府信息公开工作的行政复议)."""
    if r.right is not None:
        words = r.right.match(right_text).group(0)
    else:
        words = text[lstart:nm.start]
    words = pattern("label_connector_trail").sub("", words).strip()
    return words if 2 <= len(words) <= 30 else ""


def _cumulative_or_year(cfg: _Cfg, meta: ReportMeta, sent: str, left: str, key: str):
    """seed 000: 截至2013年12月初,累计主动公开… in a 2013 report is the year-to-date total;
    历年累计 / 自2008年以来累计 / 到目前累计 (no date in the year) is a running total."""
    if not cfg.cumulative.search(left):
        return key, None
    if pattern("running_words").search(left):
        return "proactive.cumulative", "cumulative"
    year = meta.year
    m = cfg.as_of.search(sent)
    if m and m.group("y") and year and int(m.group("y")) == year:
        return "proactive.total", "as_of"
    if m and m.group("y") is None and pattern("as_of_month").search(sent):
        return "proactive.total", "as_of"
    if pattern("year_then_cumulative").search(sent) and not pattern("not_year_to_date").search(left):
        y = pattern("year_of_cumulative").search(sent)
        if y is None or (year and int(y.group(1)) == year):
            return "proactive.total", "as_of"
    return "proactive.cumulative", "cumulative"
