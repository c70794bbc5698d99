"""--scheduler: the same extraction on a Dask cluster (two worker processes here), written by
this process: the database holds what a local run stores."""

import shutil

import pytest

from db.ingest import find_sources, ingest
from db.queries import export_reports
from db.store import open_db

distributed = pytest.importorskip("distributed")

FILES = ["003_pingtan-xian-2011.txt", "004_pingtan-zonghe-shiyanqu-2011.txt",
         "007_pingtan-zonghe-shiyanqu-2012.txt", "025_shanghai-shifu-bangongting-2019.html",
         "048_nanxun-xiang-2014.txt"]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as c:
        yield c


def rows(db):
    return (list(export_reports(db)),
            sorted(db.execute("SELECT path, reason FROM failures").fetchall()),
            sorted(db.execute("SELECT r.path, f.words FROM reports_fts f "
                              "JOIN reports r ON r.id = f.rowid").fetchall()))


def test_db_ingest_on_a_dask_cluster_stores_what_a_local_run_stores(tmp_path, corpus_dir,
                                                                     cluster):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in FILES:
        shutil.copy(corpus_dir / name, folder / name)
    (folder / "empty.txt").write_bytes(b"")
    local, remote = open_db(tmp_path / "local.db"), open_db(tmp_path / "dask.db")
    a = ingest(local, find_sources([str(folder)]), workers=1)
    # by address, as `gouji ingest --scheduler tcp://...` does; a window smaller than the files
    b = ingest(remote, find_sources([str(folder)]), scheduler=cluster.scheduler_address,
               window=2)
    assert (b.ingested, b.failed, b.cross_flags) == (a.ingested, a.failed, a.cross_flags)
    assert a.ingested == len(FILES) and a.cross_flags > 0
    assert rows(remote) == rows(local)
    # a second run over the same files has nothing to send
    c = ingest(remote, find_sources([str(folder)]), scheduler=cluster.scheduler_address)
    assert (c.ingested, c.unchanged, c.failed_before) == (0, len(FILES), 1)
