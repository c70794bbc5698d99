"""Faults stay with their file: a time limit (in-process, in workers, in a thread, and a worker
stuck where no signal reaches it), a memory limit in workers, and the run goes on."""

import shutil
import signal
import threading
import time

import pytest

from db import ingest as ingest_mod
from db.ingest import Limits, _analyse, extract_rows, find_sources, ingest

GOOD = ["003_pingtan-xian-2011.txt", "005_pingtan-xian-2012.txt", "048_nanxun-xiang-2014.txt"]


@pytest.fixture
def folder(tmp_path, corpus_dir):
    d = tmp_path / "reports"
    d.mkdir()
    for name in GOOD:
        shutil.copy(corpus_dir / name, d / name)
    (d / "zz_bad.txt").write_text("平潭县人民政府2013年政府信息公开工作年度报告", "utf-8")
    return d


def slow(name, data):
    if "bad" in name:
        time.sleep(60)
    return _analyse(name, data)


def busy(name, data):
    """Python code that never sleeps long: only an asynchronous exception stops it."""
    if "bad" in name:
        end = time.monotonic() + 60
        while time.monotonic() < end:
            time.sleep(0.01)
    return _analyse(name, data)


def deaf(name, data):
    """Stuck where SIGALRM cannot reach (as a library looping in C): the watchdog ends it."""
    if "bad" in name:
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])
        time.sleep(60)
    return _analyse(name, data)


def hog(name, data):
    if "bad" in name:
        block = bytearray(1536 * 2**20)  # 1.5 GB: more than the 1 GB limit
        block[-1] = 1
    return _analyse(name, data)


def outcome(summary, folder):
    return summary.ingested, dict((n.rsplit("/", 1)[1], r) for n, r in summary.failures)


@pytest.mark.parametrize("workers", [1, 2])
def test_db_ingest_time_limit_fails_the_slow_file_alone(fresh_db, folder, monkeypatch, workers):
    monkeypatch.setattr(ingest_mod, "analyse", slow)
    started = time.monotonic()
    s = ingest(fresh_db, find_sources([str(folder)]), workers=workers,
               limits=Limits(timeout=1))
    assert outcome(s, folder) == (3, {"zz_bad.txt": "extraction took longer than 1 s"})
    assert time.monotonic() - started < 50  # stopped, not waited out (the file sleeps 60 s)
    reason = fresh_db.execute("SELECT reason FROM failures").fetchone()[0]
    assert reason == "extraction took longer than 1 s"


def test_db_ingest_time_limit_in_a_thread(monkeypatch, folder):
    """A Dask worker runs extract_rows in a thread, where there is no SIGALRM."""
    monkeypatch.setattr(ingest_mod, "analyse", busy)
    out = {}
    for name in ("zz_bad.txt", GOOD[0]):
        t = threading.Thread(target=lambda n=name: out.__setitem__(
            n, extract_rows(n, (folder / n).read_bytes(), 1)))
        t.start()
        t.join(50)
        assert not t.is_alive()
    assert out["zz_bad.txt"] == ("failed", "extraction took longer than 1 s")
    assert out[GOOD[0]][0] == "ok"


def test_db_ingest_worker_deaf_to_the_time_limit_is_ended(fresh_db, folder, monkeypatch):
    monkeypatch.setattr(ingest_mod, "analyse", deaf)
    monkeypatch.setattr(ingest_mod, "GRACE", 1)
    s = ingest(fresh_db, find_sources([str(folder)]), workers=2, limits=Limits(timeout=1))
    assert outcome(s, folder) == (3, {"zz_bad.txt": "extraction crashed its worker process"})


def test_db_ingest_memory_limit_fails_the_file_alone(fresh_db, folder, monkeypatch):
    monkeypatch.setattr(ingest_mod, "analyse", hog)
    s = ingest(fresh_db, find_sources([str(folder)]), workers=2, limits=Limits(memory_mb=1024))
    assert outcome(s, folder) == (3, {"zz_bad.txt": "memory limit exceeded"})
    # the same worker processes went on: the limit holds per process, nothing leaked
    assert fresh_db["reports"].count == 3


def test_db_ingest_without_memory_limit_the_hog_is_not_a_failure(fresh_db, folder,
                                                                  monkeypatch):
    monkeypatch.setattr(ingest_mod, "analyse", hog)
    s = ingest(fresh_db, find_sources([str(folder)]), workers=2, limits=Limits(memory_mb=0))
    assert s.ingested == 4 and not s.failures
