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


def audit_group(views: dict) -> dict[str, list[dict]]:
    """The cross-year flags of one agency's reports, as contract JSON per report name: plain
    data, so a worker process can compute it."""
    from extract.crossyear import cross_report_flags
    from extract.serialize import flag_json

    return {p: [flag_json(f) for f in fl] for p, fl in cross_report_flags(views).items()}


def refresh_cross_flags(db: sqlite_utils.Database, workers: int = 1) -> int:
    """Recompute cross_year.* flags for every agency with a pending report; how many stored.

    The audit segments every report's prose into words (repeated text), as costly as extracting
    the report: with ``workers`` > 1 the agencies are audited in that many processes, and their
    flags written here, an agency per transaction.
    """
    pending = {rid for (rid,) in db.execute("SELECT report_id FROM cross_pending")}
    pending_keys = {k for (k,) in db.execute("SELECT key FROM cross_pending_agency")}
    if not pending and not pending_keys:
        return 0
    try:
        from extract.crossyear import ReportView, agency_key
    except ImportError:  # the cross-year audit is not part of this checkout
        db.execute("DELETE FROM cross_pending")
        db.execute("DELETE FROM cross_pending_agency")
        return 0

    # agencies and years as a manifest gives them where it does, as extracted otherwise
    groups: dict = defaultdict(list)
    for rid, path, agency in db.execute(
            "SELECT r.id, r.path, coalesce(m.agency, r.agency) FROM reports r "
            "LEFT JOIN manifest m ON m.sha256 = r.sha256 "
            "WHERE r.status = 'ok' AND coalesce(m.year, r.year) IS NOT NULL ORDER BY r.path"):
        key = agency_key(agency)
        if key is not None:
            groups[key].append((rid, path))
    todo = [members for key, members in groups.items()
            if key in pending_keys or pending.intersection(rid for rid, _ in members)]

    def views_of(members) -> dict:
        views = {}
        for rid, path in members if len(members) > 1 else ():
            (text,) = db.execute("SELECT text FROM reports WHERE id = ?", [rid]).fetchone()
            view = report_json(db, rid)
            view["flags"] = [f for f in view["flags"] if not f["code"].startswith(CROSS)]
            manifest = view.pop("manifest", None) or {}
            view["report"] = {**view["report"], **{k: manifest[k] for k in ("agency", "year")
                                                   if manifest.get(k) is not None}}
            views[path] = ReportView(path, view, text)
        return views

    stored = 0

    def write(members, flags: dict) -> None:
        nonlocal stored
        ids = [rid for rid, _ in members]
        by_path = dict((p, rid) for rid, p in members)
        with db.atomic():
            marks = ",".join("?" * len(ids))
            db.execute(f"DELETE FROM flags WHERE code LIKE 'cross\\_year.%' ESCAPE '\\' "
                       f"AND report_id IN ({marks})", ids)
            rows = [{"report_id": by_path[p], **_row(f)} for p, fl in flags.items() for f in fl]
            if rows:
                db["flags"].insert_all(rows)
            stored += len(rows)
            db.execute(f"DELETE FROM cross_pending WHERE report_id IN ({marks})", ids)

    several = [m for m in todo if len(m) > 1]
    for members in todo:
        if len(members) == 1:  # nothing to compare with: its old flags go
            write(members, {})
    if workers > 1 and len(several) > 1:
        _audit_in_workers(several, views_of, write, workers)
    else:
        for members in several:
            write(members, audit_group(views_of(members)))
    with db.atomic():  # the rest: removed reports, reports with no agency or year
        db.conn.executemany("DELETE FROM cross_pending WHERE report_id = ?",
                            [(rid,) for rid in pending])
        db.conn.executemany("DELETE FROM cross_pending_agency WHERE key = ?",
                            [(k,) for k in pending_keys])
    return stored


def _audit_in_workers(groups, views_of, write, workers: int) -> None:
    """Audit ``groups`` in ``workers`` processes, at most 2 agencies per worker in flight."""
    from concurrent.futures import FIRST_COMPLETED, wait

    from extract.segment import words

    from .ingest import Limits, _pool

    words("预热")  # jieba's dictionary loaded once here, not once in each worker
    pool = _pool(workers, Limits(timeout=0, memory_mb=0))
    inflight: dict = {}
    try:
        for members in groups:
            while len(inflight) >= 2 * workers:
                done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
                for fut in done:
                    write(inflight.pop(fut), fut.result())
            inflight[pool.submit(audit_group, views_of(members))] = members
        while inflight:
            done, _ = wait(list(inflight), return_when=FIRST_COMPLETED)
            for fut in done:
                write(inflight.pop(fut), fut.result())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _row(g: dict) -> dict:
    import json

    extra = {k: v for k, v in g.items() if k not in ("code", "severity", "message", "values",
                                                   "evidence")}
    return {"code": g["code"], "severity": g["severity"], "message": g["message"],
            "values": json.dumps(g["values"], ensure_ascii=False),
            "evidence": json.dumps(g["evidence"], ensure_ascii=False),
            "extra": json.dumps(extra, ensure_ascii=False) if extra else None}
