"""Accuracy against hand-checked gold files (contract.md §4).

``load_gold(path)`` reads one gold YAML (a malformed one raises GoldFileError naming file and
line); ``score_report(gold, output)`` compares one report's contract JSON with its gold;
``evaluate(gold_dir, corpus_dir)`` runs the pipeline over a corpus folder (every report file,
so cross-report checks see neighbouring years) and scores the ones that have gold.

Scoring, as the contract states it:
- report fields: year, format, period (start and end) and agency; agency counts as right when
  one name contains the other (gold often keeps the short form: 上海市科委, 谢塘镇).
- a gold fact is found when an output fact has the same key, the same value and, for keys with
  a free label (``*`` in contract §1), a label that contains or is contained in the gold label.
  A gold fact not found, where an output fact with that key (and label) carries a value no gold
  fact of that key has, is a wrong value.
- a gold flag is found by an output flag with the same code whose values include all the gold
  values; an output flag that matches no gold flag is a false alarm.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

import yaml

from .errors import GoujiError

LABELLED_KEYS = {
    "proactive.by_category", "proactive.by_channel", "requests.by_channel",
    "requests.by_outcome", "review.by_outcome", "litigation.by_outcome",
}
REPORT_FIELDS = ("year", "format", "period", "agency")
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")


class GoldFileError(GoujiError):
    """A gold file is malformed."""


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class GoldFact:
    key: str
    value: float
    label: Optional[str] = None
    unit: Optional[str] = None
    line: int = 0


@dataclass(frozen=True)
class GoldFlag:
    code: str
    values: tuple = ()
    line: int = 0


@dataclass(frozen=True)
class Gold:
    path: str
    source: str
    report: dict
    facts: tuple[GoldFact, ...]
    flags: tuple[GoldFlag, ...]


def _fail(path, node, msg):
    line = node.start_mark.line + 1 if node is not None else 0
    raise GoldFileError(f"{path}:{line}: {msg}")


def _num(v):
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return v


def load_gold(path) -> Gold:
    """One gold YAML file. Raises GoldFileError('<file>:<line>: <what is wrong>')."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise GoldFileError(f"{path}:{line}: not valid YAML: {getattr(exc, 'problem', exc)}")
    if not isinstance(data, dict) or root is None:
        raise GoldFileError(f"{path}:1: expected a mapping with source, report, facts, flags")
    nodes = {k.value: v for k, v in root.value}
    for name in ("source", "report"):
        if name not in data:
            raise GoldFileError(f"{path}:1: missing '{name}'")
    report = data["report"]
    if not isinstance(report, dict):
        _fail(path, nodes.get("report"), "'report' must be a mapping")
    period = report.get("period")
    if period is not None and (not isinstance(period, list) or len(period) != 2):
        _fail(path, nodes.get("report"), "report.period must be null or [start, end]")
    facts = []
    fact_nodes = nodes.get("facts")
    for i, item in enumerate(data.get("facts") or []):
        node = fact_nodes.value[i] if fact_nodes is not None else None
        if not isinstance(item, dict) or "key" not in item or "value" not in item:
            _fail(path, node, "a fact needs key and value")
        value = _num(item["value"])
        if value is None:
            _fail(path, node, f"fact value {item['value']!r} is not a number")
        if item["key"] in LABELLED_KEYS and not item.get("label"):
            _fail(path, node, f"fact {item['key']} needs a label")
        facts.append(GoldFact(key=str(item["key"]), value=value,
                              label=(str(item["label"]) if item.get("label") is not None else None),
                              unit=item.get("unit"), line=node.start_mark.line + 1 if node else 0))
    flags = []
    flag_nodes = nodes.get("flags")
    for i, item in enumerate(data.get("flags") or []):
        node = flag_nodes.value[i] if flag_nodes is not None else None
        if not isinstance(item, dict) or "code" not in item:
            _fail(path, node, "a flag needs a code")
        values = item.get("values") or []
        if not isinstance(values, list) or any(_num(v) is None for v in values):
            _fail(path, node, f"flag values must be a list of numbers, got {values!r}")
        flags.append(GoldFlag(code=str(item["code"]), values=tuple(values),
                              line=node.start_mark.line + 1 if node else 0))
    return Gold(path=str(path), source=str(data["source"]), report=report, facts=tuple(facts),
                flags=tuple(flags))


def load_gold_dir(gold_dir) -> list[Gold]:
    return [load_gold(p) for p in sorted(Path(gold_dir).glob("*.yaml"))]


# --------------------------------------------------------------------------- scoring


def _same(a, b) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=0.005)
    except (TypeError, ValueError):
        return False


def _label_ok(gold_label, out_label) -> bool:
    if not gold_label:
        return True
    g, o = _squash(gold_label), _squash(out_label or "")
    return bool(o) and (g in o or o in g)


def _squash(s: str) -> str:
    return "".join(ch for ch in s if not ch.isspace() and ch not in "“”\"'")


def _field_ok(name, gold_value, out_report) -> bool:
    out = out_report.get(name)
    if name == "period":
        if gold_value is None:
            return out is None
        if not out:
            return False
        return [str(gold_value[0]), str(gold_value[1])] == [out.get("start"), out.get("end")]
    if name == "agency":
        if gold_value is None:
            return out is None
        if not out:
            return False
        g, o = _squash(str(gold_value)), _squash(str(out))
        return g in o or o in g
    return gold_value == out


@dataclass
class ReportScore:
    source: str
    fields: dict = field(default_factory=dict)  # name -> (ok, gold, out)
    found: list = field(default_factory=list)  # (GoldFact, out fact)
    missed: list = field(default_factory=list)  # GoldFact
    wrong: list = field(default_factory=list)  # (GoldFact, out fact)
    flags_found: list = field(default_factory=list)  # (GoldFlag, out flag)
    flags_missed: list = field(default_factory=list)  # GoldFlag
    false_alarms: list = field(default_factory=list)  # out flag dicts
    flags_raised: int = 0
    error: Optional[str] = None


def _flag_matches(g: GoldFlag, out: dict) -> bool:
    if out.get("code") != g.code:
        return False
    pool = list(out.get("values") or [])
    for v in g.values:
        hit = next((i for i, w in enumerate(pool) if _same(v, w)), None)
        if hit is None:
            return False
        pool.pop(hit)
    return True


def score_report(gold: Gold, output: Optional[dict], error: Optional[str] = None) -> ReportScore:
    """Compare one report's contract JSON (None when the file failed) with its gold."""
    rs = ReportScore(source=gold.source, error=error)
    out_report = (output or {}).get("report") or {}
    for name in REPORT_FIELDS:
        gv = gold.report.get(name)
        if name == "year" and gv is None:
            continue
        rs.fields[name] = (_field_ok(name, gv, out_report) if output else False, gv,
                           out_report.get(name))
    out_facts = list((output or {}).get("facts") or [])
    used = set()
    for gf in gold.facts:
        hit = None
        for i, of in enumerate(out_facts):
            if i in used or of.get("key") != gf.key or not _same(of.get("value"), gf.value):
                continue
            if gf.key in LABELLED_KEYS and not _label_ok(gf.label, of.get("label")):
                continue
            hit = i
            break
        if hit is not None:
            used.add(hit)
            rs.found.append((gf, out_facts[hit]))
            continue
        # A wrong value: same key (and label) but a value no gold fact of that key/label has.
        peers = [g for g in gold.facts if g.key == gf.key
                 and (gf.key not in LABELLED_KEYS or _label_ok(gf.label, g.label))]
        wrong = None
        for of in out_facts:
            if of.get("key") != gf.key:
                continue
            if gf.key in LABELLED_KEYS and not _label_ok(gf.label, of.get("label")):
                continue
            if not any(_same(of.get("value"), p.value) for p in peers):
                wrong = of
                break
        if wrong is not None:
            rs.wrong.append((gf, wrong))
        else:
            rs.missed.append(gf)
    out_flags = list((output or {}).get("flags") or [])
    rs.flags_raised = len(out_flags)
    taken = set()
    for g in gold.flags:
        hit = next((i for i, of in enumerate(out_flags) if i not in taken and _flag_matches(g, of)),
                   None)
        if hit is None:
            rs.flags_missed.append(g)
        else:
            taken.add(hit)
            rs.flags_found.append((g, out_flags[hit]))
    for i, of in enumerate(out_flags):
        if i not in taken and not any(_flag_matches(g, of) for g in gold.flags):
            rs.false_alarms.append(of)
    return rs


def family(key: str) -> str:
    return key.split(".", 1)[0]


def _ratio(n, d):
    return round(n / d, 4) if d else None


def summarize(scores: Iterable[ReportScore]) -> dict:
    """Totals over reports: field accuracy, fact recall and wrong-value rate (overall and per
    key family), flag recall and false alarms (overall and per code)."""
    scores = list(scores)
    fields = {name: [0, 0] for name in REPORT_FIELDS}
    fam: dict = {}
    codes: dict = {}
    tot = {"gold_facts": 0, "found": 0, "wrong": 0, "gold_flags": 0, "flags_found": 0,
           "flags_raised": 0, "false_alarms": 0}
    for rs in scores:
        for name, (ok, _, _) in rs.fields.items():
            fields[name][0] += ok
            fields[name][1] += 1
        for gf, _ in rs.found:
            fam.setdefault(family(gf.key), [0, 0, 0])[0] += 1
        for gf, _ in rs.wrong:
            fam.setdefault(family(gf.key), [0, 0, 0])[1] += 1
        for gf in rs.missed:
            fam.setdefault(family(gf.key), [0, 0, 0])[2] += 1
        for g, _ in rs.flags_found:
            codes.setdefault(g.code, [0, 0, 0])[0] += 1
        for g in rs.flags_missed:
            codes.setdefault(g.code, [0, 0, 0])[1] += 1
        for of in rs.false_alarms:
            codes.setdefault(of["code"], [0, 0, 0])[2] += 1
        tot["found"] += len(rs.found)
        tot["wrong"] += len(rs.wrong)
        tot["gold_facts"] += len(rs.found) + len(rs.wrong) + len(rs.missed)
        tot["flags_found"] += len(rs.flags_found)
        tot["gold_flags"] += len(rs.flags_found) + len(rs.flags_missed)
        tot["flags_raised"] += rs.flags_raised
        tot["false_alarms"] += len(rs.false_alarms)
    field_total = sum(v[1] for v in fields.values())
    return {
        "reports": len(scores),
        "failed": sum(1 for rs in scores if rs.error),
        "report_fields": _ratio(sum(v[0] for v in fields.values()), field_total),
        "fields": {k: _ratio(*v) for k, v in fields.items()},
        "fact_recall": _ratio(tot["found"], tot["gold_facts"]),
        "wrong_value_rate": _ratio(tot["wrong"], tot["gold_facts"]),
        "flag_recall": _ratio(tot["flags_found"], tot["gold_flags"]),
        "false_alarm_rate": _ratio(tot["false_alarms"], tot["flags_raised"]),
        "counts": tot,
        "families": {k: {"gold": sum(v), "recall": _ratio(v[0], sum(v)),
                         "wrong": _ratio(v[1], sum(v))} for k, v in sorted(fam.items())},
        "codes": {k: {"gold": v[0] + v[1], "found": v[0], "false_alarms": v[2]}
                  for k, v in sorted(codes.items())},
    }


# --------------------------------------------------------------------------- running


def report_files(corpus_dir) -> list[Path]:
    return sorted(p for p in Path(corpus_dir).iterdir()
                  if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)


def run_corpus(corpus_dir, analyse: Optional[Callable] = None) -> dict[str, tuple]:
    """Analyse every report in a folder: {file name: (json or None, error or None)}, with the
    cross-report flags added where the cross-year audit exists."""
    from .process import analyse_file
    from .serialize import analysis_json

    analyse = analyse or analyse_file
    results: dict[str, tuple] = {}
    analyses = {}
    for path in report_files(corpus_dir):
        try:
            a = analyse(path)
        except GoujiError as exc:
            results[path.name] = (None, str(exc))
            continue
        analyses[path.name] = a
        results[path.name] = (analysis_json(a, source=path.name), None)
    from .crossyear import ReportView, cross_report_flags
    from .serialize import flag_json

    views = {name: ReportView(name, results[name][0], a.doc.text) for name, a in analyses.items()}
    for name, flags in cross_report_flags(views).items():
        results[name][0]["flags"].extend(flag_json(f) for f in flags)
    return results


def evaluate(gold_dir, corpus_dir, results: Optional[dict] = None) -> tuple[dict, list[ReportScore]]:
    """Score a corpus folder against a gold folder: (summary, per-report scores)."""
    golds = load_gold_dir(gold_dir)
    if results is None:
        results = run_corpus(corpus_dir)
    scores = []
    for gold in golds:
        out, err = results.get(gold.source, (None, f"{gold.source}: not in {corpus_dir}"))
        scores.append(score_report(gold, out, err))
    return summarize(scores), scores


# --------------------------------------------------------------------------- presenting


def _pct(v):
    return "  n/a" if v is None else f"{100 * v:5.1f}%"


def format_summary(summary: dict, title: str = "") -> str:
    c = summary["counts"]
    lines = []
    if title:
        lines.append(title)
    lines += [
        f"reports scored      {summary['reports']}  (failed to read: {summary['failed']})",
        f"report fields       {_pct(summary['report_fields'])}  "
        + "  ".join(f"{k} {_pct(v).strip()}" for k, v in summary["fields"].items()),
        f"fact recall         {_pct(summary['fact_recall'])}  ({c['found']}/{c['gold_facts']})",
        f"wrong values        {_pct(summary['wrong_value_rate'])}  ({c['wrong']})",
        f"flag recall         {_pct(summary['flag_recall'])}  ({c['flags_found']}/{c['gold_flags']})",
        f"false alarms        {_pct(summary['false_alarm_rate'])}  "
        f"({c['false_alarms']} of {c['flags_raised']} raised)",
        "",
        "fact family          gold  recall  wrong",
    ]
    for k, v in summary["families"].items():
        lines.append(f"  {k:<18} {v['gold']:>5}  {_pct(v['recall'])} {_pct(v['wrong'])}")
    lines += ["", "flag code                        gold  found  false alarms"]
    for k, v in summary["codes"].items():
        lines.append(f"  {k:<30} {v['gold']:>5}  {v['found']:>5}  {v['false_alarms']:>5}")
    return "\n".join(lines)


def _where(d: dict) -> str:
    page = f" p.{d['page']}" if d.get("page") else ""
    return f"[{d.get('start')}:{d.get('end')}{page}]"


def format_details(scores: list[ReportScore]) -> str:
    out = []
    for rs in scores:
        rows = []
        if rs.error:
            rows.append(f"  FAILED  {rs.error}")
        for name, (ok, gv, ov) in rs.fields.items():
            if not ok:
                rows.append(f"  field   {name}: gold {gv!r}, got {ov!r}")
        for gf in rs.missed:
            label = f" {gf.label}" if gf.label else ""
            rows.append(f"  miss    {gf.key}{label} = {gf.value}  (gold line {gf.line})")
        for gf, of in rs.wrong:
            rows.append(f"  wrong   {gf.key} {gf.label or ''} = {gf.value}, got {of.get('value')} "
                        f"«{of.get('label')}» {_where(of)} rule {of.get('rule')}")
        for g in rs.flags_missed:
            rows.append(f"  missed flag  {g.code} {list(g.values)}  (gold line {g.line})")
        for of in rs.false_alarms:
            ev = "; ".join(_where(e) + (f" {e['cell']}" if e.get("cell") else "")
                           for e in of.get("evidence") or [])
            rows.append(f"  false alarm  {of['code']} {of.get('values')} {of.get('message')} {ev}")
        if rows:
            out.append(rs.source)
            out.extend(rows)
    return "\n".join(out) if out else "no misses, wrong values or false alarms"
