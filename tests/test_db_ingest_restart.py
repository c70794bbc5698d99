"""kill -9 in the middle of an ingest loses nothing committed; the next run does what is missing."""

import shutil
import signal
import subprocess
import sys

import pytest

from db.ingest import find_sources, ingest
from db.store import open_db

KILLER = """
import os, signal, sys
from db.store import open_db
from db.ingest import extract_rows as REAL_EXTRACT
from db.ingest import find_sources, ingest
db = open_db(sys.argv[1])
seen = 0
def progress(status, name):
    global seen
    seen += 1
    if seen == int(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)
ingest(db, find_sources([sys.argv[2]]), workers=int(sys.argv[4]), progress=progress)
"""


@pytest.fixture
def corpus_copy(tmp_path, corpus_dir):
    d = tmp_path / "corpus"
    shutil.copytree(corpus_dir, d, ignore=shutil.ignore_patterns("*.pdf", "*.tsv"))
    return d


@pytest.mark.parametrize("workers, kill_at", [(1, 5), (2, 30)])
def test_db_ingest_restart_after_kill_does_exactly_what_is_missing(tmp_path, corpus_copy,
                                                                   workers, kill_at):
    total = len(list(find_sources([str(corpus_copy)])))
    path = tmp_path / "k.db"
    proc = subprocess.run([sys.executable, "-c", KILLER, str(path), str(corpus_copy),
                           str(kill_at), str(workers)], capture_output=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL
    db = open_db(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    committed = db["reports"].count + db["failures"].count
    if workers == 1:  # one transaction per report: every report reported done is stored
        assert committed == kill_at
    else:  # batches (20 reports or 5 s): the batch in progress is lost, whole
        assert 0 < committed <= kill_at
    fts = db.execute("SELECT count(*) FROM reports_fts").fetchone()[0]
    assert fts == db.execute("SELECT count(*) FROM reports WHERE text != ''").fetchone()[0]
    stored = db["reports"].count
    sticky = db.execute("SELECT count(*) FROM failures WHERE reason NOT LIKE 'internal error%'"
                        ).fetchone()[0]
    s = ingest(db, find_sources([str(corpus_copy)]), workers=workers)
    assert (s.unchanged, s.failed_before) == (stored, sticky)
    assert s.ingested + s.needs_ocr + s.failed == total - stored - sticky
    assert db["reports"].count + db["failures"].count == total


def crash_on_boom(name, data):
    """Stands in for analysis in worker processes: a file that kills its worker outright."""
    import os

    from db.ingest import _analyse

    if "boom" in name:
        os._exit(3)
    return _analyse(name, data)


def test_db_ingest_worker_crash_is_recorded_and_the_run_goes_on(tmp_path, corpus_copy,
                                                                monkeypatch):
    (corpus_copy / "boom.txt").write_text("平潭县人民政府2013年政府信息公开工作年度报告", "utf-8")
    total = len(list(find_sources([str(corpus_copy)])))
    database = open_db(tmp_path / "c.db")
    monkeypatch.setattr("db.ingest.analyse", crash_on_boom)  # before the pool forks
    s = ingest(database, find_sources([str(corpus_copy)]), workers=2)
    # the files in flight beside it are run again alone: only boom is the crash
    assert s.failures == [(str(corpus_copy / "boom.txt"), "extraction crashed its worker process")]
    assert s.ingested == total - 1
    monkeypatch.undo()
    s = ingest(database, find_sources([str(corpus_copy)]), workers=2)
    assert (s.ingested, s.unchanged) == (1, total - 1)  # a crash is tried again next run
