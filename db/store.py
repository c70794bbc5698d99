"""Opening the database and storing analyses: one report's rows are written, or replaced, at once.

An analysis is turned into plain rows (``report_rows``) where it was made, in a worker process if
there are workers, and written by ``write_report`` in the main process inside the caller's
transaction. The rows are the contract JSON (extract.serialize.analysis_json) taken apart, with
anything that has no column kept in a JSON ``extra``, so db.queries.report_json can put the same
object back together.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import sqlite_utils

from .schema import migrations

REPORT_KEYS = ("title", "agency", "year", "format", "period", "published")
TOP_KEYS = ("source", "sha256", "report", "sections", "facts", "flags")
SECTION_KEYS = ("number", "level", "title", "kind", "start", "end")
FACT_KEYS = ("key", "label", "value", "unit", "origin", "start", "end", "page", "rule",
             "id", "parent", "exhaustive", "qualifier", "cell")
FLAG_KEYS = ("code", "severity", "message", "values", "evidence")


def open_db(path, *, readonly: bool = False) -> sqlite_utils.Database:
    """The gouji database at ``path`` (created if missing), in WAL mode, migrations applied.

    ``readonly`` opens it through a ``file:...?mode=ro`` URI: SQLite itself refuses every write.
    """
    if readonly:
        import sqlite3

        p = Path(path)
        if not p.is_file():
            raise FileNotFoundError(f"no database at {path}")
        conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
        return sqlite_utils.Database(conn)
    db = sqlite_utils.Database(path)
    # another gouji ingest may hold the write lock for a batch: wait for it, do not fail
    db.execute("PRAGMA busy_timeout = 60000")
    if str(path) != ":memory:":
        db.enable_wal()
        # WAL with synchronous=NORMAL: a commit is not fsynced (the WAL is, at checkpoints).
        # A killed process loses nothing committed; a power cut may lose the last
        # transactions, never the database's consistency. One fsync per report otherwise.
        db.execute("PRAGMA synchronous = NORMAL")
    migrations.apply(db)
    return db


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _extra(d: dict, known) -> str | None:
    rest = {k: v for k, v in d.items() if k not in known}
    return _dumps(rest) if rest else None


def report_rows(analysis, source: str, words: str = "") -> dict[str, Any]:
    """Everything to store for one analysed report, as plain picklable rows."""
    from extract.serialize import analysis_json

    out = analysis_json(analysis, source=source)
    rep = out["report"]
    meta = analysis.meta
    raw = analysis.doc.raw
    period = rep.get("period") or {}
    keep: dict[str, Any] = {
        "warnings": list(analysis.warnings),
        "period_stated": meta.period_stated,
        "period_rule": meta.period.rule if meta.period else None,
        "period_text": meta.period.text if meta.period else None,
        "agency_kind": meta.agency_kind,
        "title_span": meta.title_span,
        "agency_span": meta.agency_span,
        "published_span": meta.published_span,
        "pages": len(raw.page_starts),
        "tables": len(raw.tables),
    }
    if any(k not in REPORT_KEYS for k in rep):
        keep["report_extra"] = {k: v for k, v in rep.items() if k not in REPORT_KEYS}
    if any(k not in TOP_KEYS for k in out):
        keep["top_extra"] = {k: v for k, v in out.items() if k not in TOP_KEYS}
    report = {
        "path": source, "sha256": out["sha256"], "kind": raw.kind, "encoding": raw.encoding,
        "status": raw.status if raw.status in ("ok", "needs_ocr") else "ok",
        "title": rep["title"], "agency": rep["agency"], "year": rep["year"],
        "format": rep["format"], "period_start": period.get("start"),
        "period_end": period.get("end"), "published": rep["published"],
        "text": analysis.doc.text, "ingested_at": now(), "json": _dumps(keep),
    }
    # the serializer keeps the order of the analysis; should it ever drop or reorder items,
    # the columns it does not print are left empty rather than taken from the wrong item
    same = len(out["sections"]) == len(analysis.sections)
    sections = []
    for i, s_json in enumerate(out["sections"]):
        s = analysis.sections[i] if same else None
        sections.append({**{k: s_json[k] for k in SECTION_KEYS},
                         "body_end": s.body_end if s else None, "style": s.style if s else None,
                         "ordinal": s.ordinal if s else None, "parent": s.parent if s else None})
    same = len(out["facts"]) == len(analysis.facts)
    facts = []
    for i, f_json in enumerate(out["facts"]):
        raw_text = analysis.facts[i].raw if same else None
        facts.append({
            "key": f_json["key"], "label": f_json["label"], "value": f_json["value"],
            "unit": f_json["unit"], "origin": f_json["origin"], "start": f_json["start"],
            "end": f_json["end"], "page": f_json["page"], "rule": f_json["rule"],
            "fact_id": f_json.get("id"), "parent": f_json.get("parent"),
            "exhaustive": int(bool(f_json.get("exhaustive"))),
            "qualifier": f_json.get("qualifier"),
            "cell": _dumps(f_json["cell"]) if f_json.get("cell") is not None else None,
            "raw": raw_text, "extra": _extra(f_json, FACT_KEYS),
        })
    flags = [{"code": g["code"], "severity": g["severity"], "message": g["message"],
              "values": _dumps(g["values"]), "evidence": _dumps(g["evidence"]),
              "extra": _extra(g, FLAG_KEYS)} for g in out["flags"]]
    return {"report": report, "sections": sections, "facts": facts, "flags": flags,
            "words": words}


def needs_ocr_rows(source: str, sha256: str, kind: str | None, reason: str) -> dict[str, Any]:
    """A report with no usable text layer: kept (so a re-run skips it) with status needs_ocr."""
    report = {"path": source, "sha256": sha256, "kind": kind, "encoding": None,
              "status": "needs_ocr", "title": None, "agency": None, "year": None,
              "format": None, "period_start": None, "period_end": None, "published": None,
              "text": "", "ingested_at": now(), "json": _dumps({"reason": reason})}
    return {"report": report, "sections": [], "facts": [], "flags": [], "words": ""}


# a report's agency for grouping and filtering: the manifest's when it names one
AGENCY_SQL = "coalesce((SELECT agency FROM manifest WHERE sha256 = r.sha256), r.agency)"


def _pend_agency_of(db: sqlite_utils.Database, report_id: int) -> None:
    """List ``report_id``'s agency for the cross-year audit: its other reports may have flags
    that cite this one."""
    row = db.execute(f"SELECT {AGENCY_SQL} FROM reports r WHERE r.id = ?",
                     [report_id]).fetchone()
    if not row or not row[0]:
        return
    try:
        from extract.crossyear import agency_key
    except ImportError:  # the cross-year audit is not part of this checkout
        return
    key = agency_key(row[0])
    if key:
        db.execute("INSERT OR IGNORE INTO cross_pending_agency (key) VALUES (?)", [key])


def delete_report(db: sqlite_utils.Database, report_id: int) -> None:
    # its agency's other reports may have cross-year flags that cite it
    _pend_agency_of(db, report_id)
    for table in ("sections", "facts", "flags"):
        db.execute(f"DELETE FROM {table} WHERE report_id = ?", [report_id])
    db.execute("DELETE FROM reports_fts WHERE rowid = ?", [report_id])
    db.execute("DELETE FROM reports WHERE id = ?", [report_id])


def delete_path(db: sqlite_utils.Database, path: str, keep_sha: str | None = None) -> int:
    """Remove the report stored for ``path`` unless its content is ``keep_sha``; how many went."""
    ids = [r[0] for r in db.execute(
        "SELECT id FROM reports WHERE path = ? AND sha256 IS NOT ?", [path, keep_sha])]
    for rid in ids:
        delete_report(db, rid)
    return len(ids)


def _q(column: str) -> str:
    return f'"{column}"'


def write_report(db: sqlite_utils.Database, rows: dict[str, Any]) -> int:
    """Store one report's rows, replacing what was stored for its path or its content.

    Call inside ``db.atomic()``: the old rows go and the new ones come in one transaction.
    """
    rep = rows["report"]
    delete_path(db, rep["path"])
    old = db.execute("SELECT id FROM reports WHERE sha256 = ?", [rep["sha256"]]).fetchone()
    if old:
        delete_report(db, old[0])
    cur = db.execute(
        f"INSERT INTO reports ({', '.join(rep)}) VALUES ({', '.join('?' * len(rep))})",
        list(rep.values()))
    rid = cur.lastrowid
    for table in ("sections", "facts", "flags"):
        if rows[table]:
            # plain executemany: the rows are built here with the same keys, ready for SQLite
            # (sqlite_utils.insert_all checks every value; a third of the writer's time)
            cols = list(rows[table][0])
            db.conn.executemany(
                f"INSERT INTO {table} (report_id, {', '.join(_q(c) for c in cols)}) "
                f"VALUES (?{', ?' * len(cols)})",
                [(rid, *(r.get(c) for c in cols)) for r in rows[table]])
    if rows["words"]:
        db.execute("INSERT INTO reports_fts (rowid, words) VALUES (?, ?)", [rid, rows["words"]])
    db.execute("DELETE FROM failures WHERE path = ?", [rep["path"]])
    db.execute("INSERT OR IGNORE INTO cross_pending (report_id) VALUES (?)", [rid])
    return rid


def record_failure(db: sqlite_utils.Database, path: str, sha256: str | None, reason: str) -> None:
    """A file that could not be read as a report; the latest reason per path is kept."""
    db.execute("DELETE FROM failures WHERE path = ?", [path])
    db.execute("INSERT INTO failures (path, sha256, reason, at) VALUES (?, ?, ?, ?)",
               [path, sha256, reason, now()])


MANIFEST_FIELDS = ("url", "agency", "year", "published")


def write_manifest(db: sqlite_utils.Database, sha256: str, source: str, values: dict) -> bool:
    """Store what a manifest says about the content ``sha256``; True when it changed. A changed
    agency or year moves the report between the cross-year audit's groups: both are redone."""
    new = tuple(values.get(k) for k in MANIFEST_FIELDS)
    old = db.execute("SELECT url, agency, year, published FROM manifest WHERE sha256 = ?",
                     [sha256]).fetchone()
    if old is not None and tuple(old) == new:
        return False
    row = db.execute("SELECT id FROM reports WHERE sha256 = ?", [sha256]).fetchone()
    if row:
        _pend_agency_of(db, row[0])  # the group it leaves
    db.execute("INSERT OR REPLACE INTO manifest (sha256, source, url, agency, year, published) "
               "VALUES (?, ?, ?, ?, ?, ?)", [sha256, source, *new])
    if row:
        db.execute("INSERT OR IGNORE INTO cross_pending (report_id) VALUES (?)", [row[0]])
    return True


def manifest_of(db: sqlite_utils.Database, sha256: str) -> dict | None:
    """The manifest values stored for a content, the empty ones left out; None if none."""
    row = db.execute("SELECT url, agency, year, published FROM manifest WHERE sha256 = ?",
                     [sha256]).fetchone()
    if row is None:
        return None
    return {k: v for k, v in zip(MANIFEST_FIELDS, row) if v is not None} or None
