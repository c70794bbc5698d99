"""Ingesting files: content hashes skip stored files, bad files are recorded, the batch goes on."""

import shutil
from pathlib import Path
import zipfile

import pytest

from db import ingest as ingest_mod
from db.ingest import find_sources, ingest

GOOD = ["003_pingtan-xian-2011.txt", "025_shanghai-shifu-bangongting-2019.html",
        "048_nanxun-xiang-2014.txt"]


@pytest.fixture
def folder(tmp_path, corpus_dir):
    d = tmp_path / "reports"
    (d / "sub").mkdir(parents=True)
    for i, name in enumerate(GOOD):
        shutil.copy(corpus_dir / name, (d / "sub" if i else d) / name)
    (d / "notes.md").write_text("not a report kind", encoding="utf-8")
    return d


def run(db, *args, **kw):
    return ingest(db, find_sources([str(a) for a in args]), **kw)


def test_db_ingest_folder_recursively_then_nothing_to_do(fresh_db, folder, monkeypatch):
    s = run(fresh_db, folder)
    assert (s.ingested, s.unchanged, s.failed) == (3, 0, 0)
    assert sorted(r["path"].rsplit("/", 1)[1] for r in fresh_db["reports"].rows) == sorted(GOOD)

    def no_extraction(*a):
        raise AssertionError("extracted a file whose content is stored")

    monkeypatch.setattr(ingest_mod, "extract_rows", no_extraction)
    s = run(fresh_db, folder)
    assert (s.ingested, s.unchanged, s.failed) == (0, 3, 0)
    assert fresh_db["reports"].count == 3


def test_db_ingest_changed_file_replaces_its_report(fresh_db, folder):
    run(fresh_db, folder)
    target = folder / GOOD[0]
    (old,) = fresh_db["reports"].rows_where("path = ?", [str(target)])
    target.write_text(target.read_text(encoding="utf-8") + "\n补充说明。\n", encoding="utf-8")
    s = run(fresh_db, folder)
    assert (s.ingested, s.unchanged) == (1, 2)
    (new,) = fresh_db["reports"].rows_where("path = ?", [str(target)])
    assert new["sha256"] != old["sha256"] and new["text"].rstrip().endswith("补充说明。")
    assert fresh_db["reports"].count == 3


def test_db_ingest_same_content_twice_is_one_report(fresh_db, folder):
    shutil.copy(folder / GOOD[0], folder / "copy.txt")
    s = run(fresh_db, folder)
    assert (s.ingested, s.unchanged) == (3, 1)
    assert fresh_db["reports"].count == 3


def test_db_ingest_bad_files_are_recorded_and_the_batch_goes_on(fresh_db, folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "garbage.txt").write_bytes(b"\xff\x80" * 500)
    with open(folder / "huge.txt", "wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 2**20)
    s = run(fresh_db, folder, folder / "missing.txt")
    assert (s.ingested, s.failed) == (3, 4)
    reasons = {r["path"].rsplit("/", 1)[1]: r["reason"] for r in fresh_db["failures"].rows}
    assert "empty" in reasons["empty.txt"]
    assert "decode" in reasons["garbage.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "no such file" in reasons["missing.txt"]
    # a failed content is not tried again unless asked; the good ones stay stored
    s = run(fresh_db, folder)
    assert (s.ingested, s.unchanged, s.failed, s.failed_before) == (0, 3, 1, 2)
    s = run(fresh_db, folder, retry_failed=True)
    assert (s.failed, s.failed_before) == (3, 0)
    assert fresh_db["reports"].count == 3


def test_db_ingest_fixed_file_leaves_failures(fresh_db, folder, corpus_dir):
    bad = folder / "later.txt"
    bad.write_bytes(b"")
    run(fresh_db, folder)
    assert fresh_db["failures"].count == 1
    shutil.copy(corpus_dir / "005_pingtan-xian-2012.txt", bad)
    s = run(fresh_db, folder)
    assert (s.ingested, s.failed) == (1, 0)
    assert fresh_db["failures"].count == 0


def test_db_ingest_reads_zip_members_without_unpacking(fresh_db, folder, tmp_path):
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                zf.write(p, p.relative_to(folder).as_posix())
        zf.writestr("empty.txt", b"")
        zf.writestr("__MACOSX/._x.txt", b"\x00\x05\x16\x07")  # resource forks are skipped
        zf.writestr(".hidden/x.txt", b"junk")
    s = run(fresh_db, archive)
    assert (s.ingested, s.failed) == (3, 1)
    paths = sorted(r["path"] for r in fresh_db["reports"].rows)
    assert paths[0].startswith(str(archive) + "!") and any("!sub/" in p for p in paths)
    # the unpacked copies are the same content: nothing new
    s = run(fresh_db, folder)
    assert (s.ingested, s.unchanged) == (0, 3)


def test_db_ingest_globs_and_a_list_on_stdin(fresh_db, folder, tmp_path):
    import io

    names = io.StringIO(f"{folder / GOOD[0]}\n\n{folder / 'sub' / GOOD[1]}\n")
    s = ingest(fresh_db, find_sources(["-"], names))
    assert s.ingested == 2
    s = run(fresh_db, f"{folder}/**/*.txt")
    assert (s.ingested, s.unchanged) == (1, 1)
    s = run(fresh_db, f"{folder}/*.nothing")
    assert s.failed == 1 and "matches" in s.failures[0][1]


def test_db_ingest_workers_store_what_one_process_stores(tmp_path, folder, corpus_dir):
    from db.queries import export_reports
    from db.store import open_db

    shutil.copytree(corpus_dir, folder / "corpus", ignore=shutil.ignore_patterns("*.pdf"))
    serial, parallel = open_db(tmp_path / "s.db"), open_db(tmp_path / "p.db")
    a = run(serial, folder, workers=1)
    b = run(parallel, folder, workers=2, batch=7)
    assert (a.ingested, a.unchanged, a.failed) == (b.ingested, b.unchanged, b.failed)
    assert a.ingested > 50
    assert list(export_reports(serial, cross=False)) == list(export_reports(parallel,
                                                                             cross=False))


def test_db_ingest_path_now_holding_stored_content_drops_its_old_report(fresh_db, folder):
    run(fresh_db, folder)
    first, second = folder / GOOD[0], folder / "sub" / GOOD[1]
    shutil.copy(second, first)  # first's old content is gone; its new content is stored
    s = run(fresh_db, folder)
    assert (s.ingested, s.unchanged) == (0, 3)
    assert not list(fresh_db["reports"].rows_where("path = ?", [str(first)]))
    assert fresh_db["reports"].count == 2


def test_db_ingest_image_only_report_is_kept_as_needs_ocr(fresh_db, folder, monkeypatch):
    import extract.process
    from db.queries import export_reports
    from extract.errors import NeedsOCR

    real = extract.process.analyse_raw

    def scanned(raw):
        if raw.path.endswith(GOOD[0]):
            raise NeedsOCR(raw.path, "no text layer on any page")
        return real(raw)

    monkeypatch.setattr(extract.process, "analyse_raw", scanned)
    s = run(fresh_db, folder)
    assert (s.ingested, s.needs_ocr, s.failed) == (2, 1, 0)
    (row,) = fresh_db["reports"].rows_where("status = 'needs_ocr'")
    assert row["path"].endswith(GOOD[0]) and "no text layer" in row["json"]
    assert len(list(export_reports(fresh_db, cross=False))) == 2
    s = run(fresh_db, folder)  # stored: not tried again
    assert (s.ingested, s.unchanged) == (0, 3)


class GbkName(zipfile.ZipInfo):
    """A member name as Windows zip tools write it: GBK bytes, no UTF-8 flag."""

    __slots__ = ()

    def _encodeFilenameFlags(self):
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def test_db_ingest_zip_member_names_in_gbk_are_read_as_written(fresh_db, tmp_path, corpus_dir):
    archive = tmp_path / "gbk.zip"
    name = "平潭县2011年报告.txt"
    data = (corpus_dir / GOOD[0]).read_bytes()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(GbkName(name), data)
        zf.writestr("utf8/平潭.txt", data + b"\n")
    with zipfile.ZipFile(archive) as zf:
        assert not zf.infolist()[0].flag_bits & 0x800 and zf.infolist()[1].flag_bits & 0x800
    s = run(fresh_db, archive)
    assert s.ingested == 2
    assert sorted(r["path"] for r in fresh_db["reports"].rows) == [
        f"{archive}!utf8/平潭.txt", f"{archive}!{name}"]


def test_db_ingest_extraction_has_a_time_limit(fresh_db, folder, monkeypatch):
    import time

    import extract.process
    from db.ingest import extract_rows

    def stuck(raw):
        time.sleep(5)

    monkeypatch.setattr(extract.process, "analyse_raw", stuck)
    data = (folder / GOOD[0]).read_bytes()
    assert extract_rows("x.txt", data, timeout=0.2) == (
        "failed", "extraction took longer than 0.2 s")


def test_db_ingest_rerun_takes_hashes_of_untouched_files_without_reading(fresh_db, folder,
                                                                        monkeypatch):
    import os

    from db.ingest import Source

    run(fresh_db, folder)
    real_read, read = Source.read, []

    def counting(self):
        read.append(Path(self.path).name)
        return real_read(self)

    monkeypatch.setattr(Source, "read", counting)
    s = run(fresh_db, folder)
    assert (s.unchanged, read) == (3, [])
    touched = folder / GOOD[0]
    st = touched.stat()
    os.utime(touched, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # same bytes, new mtime
    s = run(fresh_db, folder)
    assert (s.ingested, s.unchanged, read) == (0, 3, [GOOD[0]])


def test_db_ingest_force_extracts_stored_files_again(fresh_db, folder):
    run(fresh_db, folder)
    ids = {r["id"] for r in fresh_db["reports"].rows}
    s = run(fresh_db, folder, force=True)
    assert (s.ingested, s.unchanged) == (3, 0)
    assert fresh_db["reports"].count == 3
    assert not ids & {r["id"] for r in fresh_db["reports"].rows}  # every report written anew
