"""Reading the database: reports back as contract JSON, flags, failures, read-only SQL."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterator, Optional

import sqlite_utils

from extract.errors import GoujiError

from .store import manifest_of, open_db


class QueryError(GoujiError):
    """A query could not be run (a write statement, or bad SQL)."""


def _num(v):
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _loads(text: Optional[str], default):
    return json.loads(text) if text else default


def report_json(db: sqlite_utils.Database, report_id: int) -> dict:
    """One stored report as the contract §3 object, rebuilt from its rows (= ``show --json``)."""
    db.conn.row_factory = sqlite3.Row
    try:
        r = db.execute("SELECT * FROM reports WHERE id = ?", [report_id]).fetchone()
        if r is None:
            raise QueryError(f"no report with id {report_id}")
        sections = db.execute(
            'SELECT number, level, title, kind, start, "end" FROM sections WHERE report_id = ? '
            "ORDER BY id", [report_id]).fetchall()
        facts = db.execute("SELECT * FROM facts WHERE report_id = ? ORDER BY id",
                           [report_id]).fetchall()
        flags = db.execute("SELECT * FROM flags WHERE report_id = ? ORDER BY id",
                           [report_id]).fetchall()
    finally:
        db.conn.row_factory = None
    keep = _loads(r["json"], {})
    period = None
    if r["period_start"] or r["period_end"]:
        period = {"start": r["period_start"], "end": r["period_end"]}
    report = {"title": r["title"], "agency": r["agency"], "year": r["year"],
              "format": r["format"], "period": period, "published": r["published"],
              **keep.get("report_extra", {})}
    out = {"source": r["path"], "sha256": r["sha256"], "report": report,
           "sections": [dict(s) for s in sections],
           "facts": [_fact(f) for f in facts],
           "flags": [{"code": g["code"], "severity": g["severity"], "message": g["message"],
                      "values": [_num(v) for v in _loads(g["values"], [])],
                      "evidence": _loads(g["evidence"], []), **_loads(g["extra"], {})}
                     for g in flags]}
    out.update(keep.get("top_extra", {}))
    manifest = manifest_of(db, r["sha256"])
    if manifest:  # what the manifest says, beside (not instead of) what extraction found
        out["manifest"] = manifest
    return out


def _fact(f: sqlite3.Row) -> dict:
    d = {"key": f["key"], "label": f["label"], "value": _num(f["value"]), "unit": f["unit"],
         "origin": f["origin"], "start": f["start"], "end": f["end"], "page": f["page"],
         "rule": f["rule"]}
    if f["fact_id"]:
        d["id"] = f["fact_id"]
    if f["parent"]:
        d["parent"] = f["parent"]
    if f["exhaustive"]:
        d["exhaustive"] = True
    if f["qualifier"]:
        d["qualifier"] = f["qualifier"]
    if f["cell"]:
        d["cell"] = json.loads(f["cell"])
    d.update(_loads(f["extra"], {}))
    return d


def export_reports(db: sqlite_utils.Database, cross: bool = True) -> Iterator[dict]:
    """Every analysed report (status ok) as contract JSON, in path order; the stored
    cross-report flags (cross_year.*) are left out unless ``cross``."""
    ids = [rid for (rid,) in db.execute(
        "SELECT id FROM reports WHERE status = 'ok' ORDER BY path")]
    for rid in ids:
        out = report_json(db, rid)
        if not cross:
            out["flags"] = [f for f in out["flags"] if not f["code"].startswith("cross_year.")]
        yield out


def list_flags(db: sqlite_utils.Database, code: Optional[str] = None,
               severity: Optional[str] = None, agency: Optional[str] = None,
               year: Optional[int] = None) -> list[dict]:
    """Stored flags with their report, filtered; ``code`` matches a prefix (sum. = sum.*),
    ``agency`` a substring."""
    where, params = ["1"], []
    if code:
        where.append("(f.code = ? OR f.code LIKE ? || '%')")
        params += [code, code.rstrip(".") + "."]
    if severity:
        where.append("f.severity = ?")
        params.append(severity)
    # a manifest's agency and year, where one was given, stand for the report's
    if agency:
        where.append("instr(coalesce(m.agency, r.agency), ?) > 0")
        params.append(agency)
    if year is not None:
        where.append("coalesce(m.year, r.year) = ?")
        params.append(year)
    sql = ("SELECT r.path AS report, coalesce(m.agency, r.agency) AS agency, "
           "coalesce(m.year, r.year) AS year, f.code, f.severity, f.message, "
           'f."values" FROM flags f JOIN reports r ON r.id = f.report_id '
           "LEFT JOIN manifest m ON m.sha256 = r.sha256 "
           f"WHERE {' AND '.join(where)} ORDER BY r.path, f.id")
    return list(db.query(sql, params))


def list_failures(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query("SELECT path, reason, at, sha256 FROM failures ORDER BY path"))


def _deny_attach(action, *args):
    return sqlite3.SQLITE_DENY if action in (sqlite3.SQLITE_ATTACH,
                                             sqlite3.SQLITE_DETACH) else sqlite3.SQLITE_OK


def run_query(path, sql: str) -> tuple[list[str], list[tuple]]:
    """(column names, rows) of one SQL statement, on a read-only connection to the database."""
    if not Path(path).is_file():
        raise QueryError(f"no database at {path}")
    open_db(path).close()  # a database made by an older gouji gets its new tables and views
    db = open_db(path, readonly=True)
    db.conn.set_authorizer(_deny_attach)  # ATTACH could open another file read-write
    try:
        cur = db.conn.execute(sql)
        columns = [d[0] for d in cur.description or ()]
        return columns, cur.fetchall()
    except sqlite3.Error as exc:
        msg = str(exc)
        if "readonly" in msg or "not authorized" in msg:
            raise QueryError("gouji query is read-only: the statement would change the "
                             "database and was refused") from exc
        raise QueryError(f"SQL error: {msg}") from exc
    finally:
        db.close()


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def format_table(columns, rows, max_width: int = 60) -> str:
    """A plain-text table, wide characters counted as two columns; cells longer than
    ``max_width`` are cut, except in the last column (a message is read whole)."""
    def cell(v, last: bool) -> str:
        s = "" if v is None else " ".join(str(v).split())
        if not last and _width(s) > max_width:
            while _width(s) > max_width - 1:
                s = s[:-1]
            s += "…"
        return s

    n = len(columns)
    grid = [[cell(c, False) for c in columns]]
    grid += [[cell(v, i == n - 1) for i, v in enumerate(row)] for row in rows]
    widths = [max(_width(r[i]) for r in grid) for i in range(n)]
    if n:
        widths[-1] = min(widths[-1], max_width)  # the rule under the header, not the longest
    lines = []
    for k, r in enumerate(grid):
        lines.append("  ".join(v + " " * max(0, w - _width(v))
                               for v, w in zip(r, widths)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
