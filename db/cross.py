"""Cross-report flags (contract §2 cross_year.*) stored with each report.

They need the same agency's other years, so they are worked out after a run for the agencies
whose reports changed (listed in cross_pending inside each report's transaction, and the agency
in cross_pending_agency when a report leaves it: removed, or given another agency or year by a
manifest) and stored in
``flags`` like any other flag: export and ``gouji flags`` read them from the rows.
"""

from __future__ import annotations

from collections import defaultdict

import sqlite_utils

from .queries import report_json

CROSS = "cross_year."


def refresh_cross_flags(db: sqlite_utils.Database) -> int:
    """Recompute cross_year.* flags for every agency with a pending report; how many stored."""
    pending = {rid for (rid,) in db.execute("SELECT report_id FROM cross_pending")}
    pending_keys = {k for (k,) in db.execute("SELECT key FROM cross_pending_agency")}
    if not pending and not pending_keys:
        return 0
    try:
        from extract.crossyear import ReportView, agency_key, cross_report_flags
    except ImportError:  # the cross-year audit is not part of this checkout
        db.execute("DELETE FROM cross_pending")
        db.execute("DELETE FROM cross_pending_agency")
        return 0
    from extract.serialize import flag_json

    # agencies and years as a manifest gives them where it does, as extracted otherwise
    groups: dict = defaultdict(list)
    for rid, path, agency in db.execute(
            "SELECT r.id, r.path, coalesce(m.agency, r.agency) FROM reports r "
            "LEFT JOIN manifest m ON m.sha256 = r.sha256 "
            "WHERE r.status = 'ok' AND coalesce(m.year, r.year) IS NOT NULL ORDER BY r.path"):
        key = agency_key(agency)
        if key is not None:
            groups[key].append((rid, path))
    stored = 0
    for key, members in groups.items():
        ids = [rid for rid, _ in members]
        if not pending.intersection(ids) and key not in pending_keys:
            continue
        views = {}
        for rid, path in members if len(members) > 1 else ():
            (text,) = db.execute("SELECT text FROM reports WHERE id = ?", [rid]).fetchone()
            view = report_json(db, rid)
            view["flags"] = [f for f in view["flags"] if not f["code"].startswith(CROSS)]
            manifest = view.pop("manifest", None) or {}
            view["report"] = {**view["report"], **{k: manifest[k] for k in ("agency", "year")
                                                   if manifest.get(k) is not None}}
            views[path] = ReportView(path, view, text)
        flags = cross_report_flags(views) if len(members) > 1 else {}
        by_path = dict((p, rid) for rid, p in members)
        with db.atomic():
            marks = ",".join("?" * len(ids))
            db.execute(f"DELETE FROM flags WHERE code LIKE 'cross\\_year.%' ESCAPE '\\' "
                       f"AND report_id IN ({marks})", ids)
            rows = [{"report_id": by_path[p], **_row(flag_json(f))}
                    for p, fl in flags.items() for f in fl]
            if rows:
                db["flags"].insert_all(rows)
            stored += len(rows)
            db.execute(f"DELETE FROM cross_pending WHERE report_id IN ({marks})", ids)
    with db.atomic():  # the rest: removed reports, reports with no agency or year
        db.conn.executemany("DELETE FROM cross_pending WHERE report_id = ?",
                            [(rid,) for rid in pending])
        db.conn.executemany("DELETE FROM cross_pending_agency WHERE key = ?",
                            [(k,) for k in pending_keys])
    return stored


def _row(g: dict) -> dict:
    import json

    extra = {k: v for k, v in g.items() if k not in ("code", "severity", "message", "values",
                                                   "evidence")}
    return {"code": g["code"], "severity": g["severity"], "message": g["message"],
            "values": json.dumps(g["values"], ensure_ascii=False),
            "evidence": json.dumps(g["evidence"], ensure_ascii=False),
            "extra": json.dumps(extra, ensure_ascii=False) if extra else None}
