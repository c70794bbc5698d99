"""Cross-year flags are stored with each report after a run, and redone when a report changes."""

import json
import shutil

from db.ingest import find_sources, ingest
from extract.crossyear import ReportView, cross_report_flags
from extract.process import analyse_file
from extract.serialize import analysis_json


def expected_cross(folder):
    views = {}
    for p in sorted(folder.iterdir()):
        a = analyse_file(p)
        views[str(p)] = ReportView(str(p), analysis_json(a), a.doc.text)
    return sorted((path, f.code, json.dumps(list(f.values)))
                  for path, flags in cross_report_flags(views).items() for f in flags)


def stored_cross(db):
    return sorted((r["path"], r["code"], r["values"]) for r in db.query(
        'SELECT r.path, f.code, f."values" FROM flags f JOIN reports r ON r.id = f.report_id '
        "WHERE f.code LIKE 'cross_year.%'"))


def test_db_cross_flags_stored_as_the_audit_computes_them(fresh_db, tmp_path, corpus_dir):
    folder = tmp_path / "pingtan"
    folder.mkdir()
    for p in corpus_dir.glob("*pingtan-zonghe-shiyanqu-201*.txt"):
        shutil.copy(p, folder / p.name)
    s = ingest(fresh_db, find_sources([str(folder)]))
    want = expected_cross(folder)
    assert want  # 平潭 2011-2019: 历年累计 chain breaks (1516 + 739 != 4359)
    assert stored_cross(fresh_db) == want
    assert s.cross_flags == len(want)
    assert fresh_db["cross_pending"].count == 0
    # a changed report: the flags of its agency are worked out again, none left twice
    first = sorted(folder.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n附：本报告电子版可在网站下载。\n",
                     encoding="utf-8")
    ingest(fresh_db, find_sources([str(folder)]))
    want = expected_cross(folder)
    assert stored_cross(fresh_db) == want
    n = fresh_db.execute("SELECT count(*) FROM flags WHERE code LIKE 'cross_year.%'").fetchone()[0]
    assert n == len(want)


def test_db_cross_flags_failure_keeps_the_ingest_and_stays_pending(fresh_db, tmp_path,
                                                                   corpus_dir, monkeypatch):
    import extract.crossyear

    folder = tmp_path / "two"
    folder.mkdir()
    for p in sorted(corpus_dir.glob("*pingtan-zonghe-shiyanqu-201[12].txt")):
        shutil.copy(p, folder / p.name)

    def broken(views):
        raise ValueError("audit bug")

    monkeypatch.setattr(extract.crossyear, "cross_report_flags", broken)
    s = ingest(fresh_db, find_sources([str(folder)]))
    assert s.ingested == 2 and s.cross_error == "ValueError: audit bug"
    assert "cross-year flags not updated" in s.line()
    assert fresh_db["cross_pending"].count == 2
    monkeypatch.undo()
    s = ingest(fresh_db, find_sources([str(folder)]))
    assert (s.unchanged, s.cross_error) == (2, None)
    assert fresh_db["cross_pending"].count == 0
    assert stored_cross(fresh_db) == expected_cross(folder)
