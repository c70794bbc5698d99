"""The JSON shape of contract.md §3, produced by one function for show, export and goldens."""

from __future__ import annotations

from typing import Any

from .types import Analysis, Evidence, Fact, Flag, Section


def _num(v):
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def section_json(s: Section) -> dict:
    return {"number": s.number, "level": s.level, "title": s.title, "kind": s.kind,
            "start": s.start, "end": s.end}


def fact_json(f: Fact) -> dict:
    d: dict[str, Any] = {"key": f.key, "label": f.label, "value": _num(f.value), "unit": f.unit,
                         "origin": f.origin, "start": f.start, "end": f.end, "page": f.page,
                         "rule": f.rule}
    if f.id:
        d["id"] = f.id
    if f.parent:
        d["parent"] = f.parent
    if f.exhaustive:
        d["exhaustive"] = True
    if f.qualifier:
        d["qualifier"] = f.qualifier
    if f.cell:
        d["cell"] = list(f.cell)
    return d


def evidence_json(e: Evidence) -> dict:
    d: dict[str, Any] = {"start": e.start, "end": e.end}
    for name in ("page", "cell", "quote", "source"):
        v = getattr(e, name)
        if v is not None:
            d[name] = v
    return d


def flag_json(f: Flag) -> dict:
    return {"code": f.code, "severity": f.severity, "message": f.message,
            "values": [_num(v) for v in f.values],
            "evidence": [evidence_json(e) for e in f.evidence]}


def analysis_json(a: Analysis, source: str | None = None) -> dict:
    m = a.meta
    period = None
    if m.period is not None and (m.period.start or m.period.end):
        period = {"start": m.period.start, "end": m.period.end}
    return {
        "source": source if source is not None else a.doc.source,
        "sha256": a.doc.sha256,
        "report": {"title": m.title, "agency": m.agency, "year": m.year, "format": m.format,
                   "period": period, "published": m.published},
        "sections": [section_json(s) for s in a.sections],
        "facts": [fact_json(f) for f in a.facts],
        "flags": [flag_json(f) for f in a.flags],
    }
