"""The cross-year audit run in worker processes stores what the audit computes in one."""

import shutil

from db.cross import refresh_cross_flags
from db.ingest import find_sources, ingest


def stored(db):
    return sorted(db.execute(
        'SELECT r.path, f.code, f."values", f.message FROM flags f '
        "JOIN reports r ON r.id = f.report_id WHERE f.code LIKE 'cross_year.%'").fetchall())


def test_db_cross_flags_in_workers_as_in_one_process(fresh_db, tmp_path, corpus_dir):
    folder = tmp_path / "reports"
    folder.mkdir()
    # two agencies with several years each: the 平潭 实验区 chain and 平潭县
    for p in list(corpus_dir.glob("*pingtan-zonghe-shiyanqu-201[1-5].txt")) + list(
            corpus_dir.glob("*pingtan-xian-201*.txt")):
        shutil.copy(p, folder / p.name)
    s = ingest(fresh_db, find_sources([str(folder)]), workers=2)
    in_workers = stored(fresh_db)
    assert s.cross_flags == len(in_workers) > 0
    fresh_db.execute("DELETE FROM flags WHERE code LIKE 'cross_year.%'")
    fresh_db.execute("INSERT INTO cross_pending SELECT id FROM reports")
    fresh_db.conn.commit()
    assert refresh_cross_flags(fresh_db, workers=1) == len(in_workers)
    assert stored(fresh_db) == in_workers
