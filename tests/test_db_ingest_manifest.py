"""--manifest: known url, agency, year and published date, kept apart from what extraction
found, matched by path, file name or zip member; queries and the cross-year audit use them."""

import shutil
import zipfile

import pytest
from click.testing import CliRunner

from db.ingest import find_sources, ingest
from db.manifest import ManifestError, load_manifest
from db.queries import export_reports, list_flags

# the 平潭综合实验区 2011 -> 2012 pair: 2012's 历年累计 breaks against 2011's (1516 + 739 != 4359)
Y2011, Y2012 = "004_pingtan-zonghe-shiyanqu-2011.txt", "007_pingtan-zonghe-shiyanqu-2012.txt"
OTHER = "048_nanxun-xiang-2014.txt"


@pytest.fixture
def folder(tmp_path, corpus_dir):
    d = tmp_path / "reports"
    (d / "sub").mkdir(parents=True)
    for name in (Y2011, Y2012):
        shutil.copy(corpus_dir / name, d / name)
    shutil.copy(corpus_dir / OTHER, d / "sub" / OTHER)
    return d


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def cross_codes(db):
    return sorted((r["path"].rsplit("/", 1)[1], r["code"]) for r in db.query(
        "SELECT r.path, f.code FROM flags f JOIN reports r ON r.id = f.report_id "
        "WHERE f.code LIKE 'cross_year.%'"))


def by_name(db):
    return {r["source"].rsplit("/", 1)[1]: r for r in export_reports(db)}


def test_db_manifest_values_stored_apart_and_shown_beside_the_extracted(fresh_db, folder,
                                                                      tmp_path):
    # columns in any order, extra ones ignored, a path, a bare name, Chinese headers
    m = write(tmp_path / "m.csv",
              "备注,发布机关,文件名,年度,链接,发布日期\n"
              f"x,某某区人民政府,{folder / Y2011},2011年,https://example.gov.cn/a.htm,2012/3/5\n"
              f"y,,{OTHER},,https://example.gov.cn/b.htm,\n"
              "z,谁,not-here.txt,2020,,\n")
    s = ingest(fresh_db, find_sources([str(folder)]), manifest=load_manifest(m))
    assert (s.ingested, s.manifest_matched, s.manifest_unused) == (3, 2, 1)
    out = by_name(fresh_db)
    assert out[Y2011]["manifest"] == {"url": "https://example.gov.cn/a.htm",
                                      "agency": "某某区人民政府", "year": 2011,
                                      "published": "2012-03-05"}
    # the extracted fields are kept as extraction found them
    assert out[Y2011]["report"]["agency"] != "某某区人民政府"
    assert out[OTHER]["manifest"] == {"url": "https://example.gov.cn/b.htm"}
    assert "manifest" not in out[Y2012]
    assert fresh_db["manifest"].count == 2


def test_db_manifest_agency_and_year_drive_queries_and_the_audit(fresh_db, folder, tmp_path):
    s = ingest(fresh_db, find_sources([str(folder)]))
    assert (Y2012, "cross_year.cumulative") in cross_codes(fresh_db)
    # the manifest says 2011's report is another agency's: 2012 has no previous year any more
    m = write(tmp_path / "m.csv", f"file,agency\n{Y2011},某某县人民政府\n")
    s = ingest(fresh_db, find_sources([str(folder)]), manifest=load_manifest(m))
    assert (s.unchanged, s.manifest_matched) == (3, 1)
    assert cross_codes(fresh_db) == []
    assert {r["report"].rsplit("/", 1)[1] for r in list_flags(fresh_db, agency="某某县")} == {Y2011}
    assert fresh_db.execute("SELECT DISTINCT agency FROM report_facts WHERE path LIKE ?",
                            [f"%{Y2011}"]).fetchall() == [("某某县人民政府",)]
    # a manifest that puts the 2012 report in 2014 keeps it apart from 2011 as well
    m = write(tmp_path / "m.csv", f"file,year\n{Y2012},2014\n")
    ingest(fresh_db, find_sources([str(folder)]), manifest=load_manifest(m))
    assert cross_codes(fresh_db) == []
    assert {r["year"] for r in list_flags(fresh_db, year=2014)} == {2014}
    # and a manifest that gives both the same agency and consecutive years pairs them again
    m = write(tmp_path / "m.csv", f"file,year,agency\n{Y2011},2011,甲\n{Y2012},2012,甲\n")
    ingest(fresh_db, find_sources([str(folder)]), manifest=load_manifest(m))
    assert (Y2012, "cross_year.cumulative") in cross_codes(fresh_db)


def test_db_manifest_matches_zip_members_by_member_name(fresh_db, folder, tmp_path):
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(folder / Y2011, f"2011/{Y2011}")
        zf.write(folder / "sub" / OTHER, f"x/{OTHER}")
    m = write(tmp_path / "m.tsv", f"member\turl\n2011/{Y2011}\thttp://a\n{OTHER}\thttp://b\n")
    s = ingest(fresh_db, find_sources([str(archive)]), manifest=load_manifest(m))
    assert s.manifest_matched == 2
    urls = {k: v["manifest"]["url"] for k, v in by_name(fresh_db).items()}
    assert urls == {Y2011: "http://a", OTHER: "http://b"}


def test_db_manifest_a_name_in_two_folders_matches_only_by_path(folder, tmp_path):
    m = load_manifest(write(tmp_path / "m.csv", f"path,url\na/{OTHER},http://a\n"
                                                 f"b/{OTHER},http://b\n"))
    assert m.lookup(str(folder / OTHER), str(folder / OTHER)) is None
    m = load_manifest(write(tmp_path / "m.csv", f"path,url\n{OTHER},http://a\n"))
    assert m.lookup(str(folder / OTHER), str(folder / OTHER)).url == "http://a"
    assert m.lookup(str(folder / "x.txt"), str(folder / "x.txt")) is None


@pytest.mark.parametrize("text, error", [("url,agency\nhttp://a,甲\n", "no file column"),
                                         ("file,notes\na.txt,x\n", "none of the columns"),
                                         ("", "empty")])
def test_db_manifest_unusable_is_refused(tmp_path, text, error):
    with pytest.raises(ManifestError, match=error):
        load_manifest(write(tmp_path / "m.csv", text))


def test_db_manifest_from_the_command_line(folder, tmp_path):
    from pipeline import cli

    m = write(tmp_path / "m.csv", f"file,year,agency\n{Y2011},2011,甲\n")
    res = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "c.db"),
                                   "--workers", "1", "--manifest", str(m)])
    assert res.exit_code == 0, res.output
    assert "manifest: 1 files matched" in res.output
    res = CliRunner().invoke(cli, ["flags", "--db", str(tmp_path / "c.db"), "--agency", "甲",
                                   "--json"])
    assert res.exit_code == 0 and Y2011 in res.output and '"agency": "甲"' in res.output
    res = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(tmp_path / "c.db"),
                                   "--manifest", str(tmp_path / "none.csv")])
    assert res.exit_code != 0
