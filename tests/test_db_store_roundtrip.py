"""Stored rows rebuild the contract JSON exactly, and a report's rows are replaced as a whole."""

import dataclasses
import json

import pytest

from db import store
from db.queries import export_reports, report_json
from extract.serialize import analysis_json
from extract.types import Evidence, Fact, Flag, Period, Section

TEXT = ("平潭县人民政府2013年政府信息公开工作年度报告\n一、概述\n本年度主动公开政府信息28条，"
        "其中规范性文件3条。收到行政复议申请2件。\n")


def rich_analysis(analyse, text=TEXT, path="corpus/x.txt"):
    """An analysis with every optional field of sections, facts and flags filled in."""
    a = analyse(text, path)
    meta = dataclasses.replace(
        a.meta, title="平潭县人民政府2013年政府信息公开工作年度报告", agency="平潭县人民政府",
        year=2013, format="pre2019", published="2014-01-20",
        period=Period("2013-01-01", "2013-12-31", (0, 5), "period.test", "2013年"))
    sections = (Section("一", 1, "概述", "overview", 26, 30, 60, "cn_dun", 1, None),)
    facts = (
        Fact("proactive.total", "主动公开政府信息", 28, "条", "text", 37, 40, "count.label_number",
             id="text:37", exhaustive=False),
        Fact("proactive.normative_docs", "规范性文件", 3.0, "条", "text", 44, 46, "count.sub",
             id="text:44", parent="text:37", exhaustive=True, qualifier="as_of"),
        Fact("t3.granted.total", "予以公开/总计", 2.5, None, "table", 50, 51, "table.cell",
             id="t3:4:8", page=2, cell=("（一）予以公开", "总计"), raw="2.5"),
    )
    flags = (Flag("sum.parts_total", "error", "其中各项之和3不等于总数28", (3, 28.0),
                  (Evidence(37, 40), Evidence(44, 46, page=2, cell="表三 总计", quote="3条"))),)
    return dataclasses.replace(a, meta=meta, sections=sections, facts=facts, flags=flags)


def store_one(db, analysis, path="corpus/x.txt", words=""):
    rows = store.report_rows(analysis, path, words)
    with db.atomic():
        return store.write_report(db, rows)


def test_db_store_rebuilds_contract_json_with_every_field(fresh_db, analyse):
    a = rich_analysis(analyse)
    rid = store_one(fresh_db, a)
    expected = json.loads(json.dumps(analysis_json(a, source="corpus/x.txt"), ensure_ascii=False))
    assert report_json(fresh_db, rid) == expected
    # the same text, key order included, so a diff of show --json and export is empty
    assert json.dumps(report_json(fresh_db, rid), ensure_ascii=False) == json.dumps(
        expected, ensure_ascii=False)
    assert [o for o in export_reports(fresh_db, cross=False)] == [expected]


def test_db_store_columns_hold_the_values(fresh_db, analyse):
    rid = store_one(fresh_db, rich_analysis(analyse))
    rep = fresh_db["reports"].get(rid)
    assert (rep["agency"], rep["year"], rep["period_start"], rep["period_end"]) == (
        "平潭县人民政府", 2013, "2013-01-01", "2013-12-31")
    assert rep["status"] == "ok" and rep["text"].startswith("平潭县")
    facts = list(fresh_db.query("SELECT key, value, parent, exhaustive, cell, page FROM facts "
                                "ORDER BY id"))
    assert facts[0] == {"key": "proactive.total", "value": 28, "parent": None, "exhaustive": 0,
                        "cell": None, "page": None}
    assert facts[1]["parent"] == "text:37" and facts[1]["exhaustive"] == 1
    assert json.loads(facts[2]["cell"]) == ["（一）予以公开", "总计"] and facts[2]["page"] == 2
    (flag,) = fresh_db.query('SELECT code, "values", evidence FROM flags')
    assert json.loads(flag["values"]) == [3, 28]
    assert json.loads(flag["evidence"])[1]["cell"] == "表三 总计"


def test_db_store_new_content_at_a_path_replaces_all_its_rows(fresh_db, analyse):
    old = store_one(fresh_db, rich_analysis(analyse))
    new_text = TEXT.replace("28条", "29条")
    new = store_one(fresh_db, rich_analysis(analyse, new_text))
    assert [r["id"] for r in fresh_db["reports"].rows] == [new]
    for table in ("sections", "facts", "flags"):
        assert not list(fresh_db[table].rows_where("report_id = ?", [old])), table
    assert fresh_db.execute("SELECT count(*) FROM reports_fts WHERE rowid = ?",
                            [old]).fetchone()[0] == 0


def test_db_store_failed_write_keeps_the_old_report(fresh_db, analyse, monkeypatch):
    old = store_one(fresh_db, rich_analysis(analyse))
    before = {t: fresh_db[t].count for t in ("reports", "sections", "facts", "flags")}
    original = store.write_report

    def broken(db, rows):
        original(db, {**rows, "flags": [{"code": None}]})  # NOT NULL code: fails at the end

    monkeypatch.setattr(store, "write_report", broken)
    with pytest.raises(Exception):
        with fresh_db.atomic():
            store.write_report(fresh_db, store.report_rows(
                rich_analysis(analyse, TEXT.replace("28条", "30条")), "corpus/x.txt"))
    assert {t: fresh_db[t].count for t in before} == before
    assert fresh_db["reports"].get(old)["path"] == "corpus/x.txt"


def test_db_schema_migrations_apply_once_in_wal_mode(tmp_path):
    path = tmp_path / "a.db"
    db = store.open_db(path)
    assert {"reports", "sections", "facts", "flags", "failures", "reports_fts"} <= set(
        db.table_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    db = store.open_db(path)  # a second open applies nothing again
    assert [m.name for m in store.migrations.applied(db)] == [
        m.name for m in store.migrations.pending(store.sqlite_utils.Database(memory=True))]
    assert not store.migrations.pending(db)
    with pytest.raises(Exception):  # sha256 is unique: one row per content
        db["reports"].insert_all([{"path": p, "sha256": "s", "ingested_at": "t"}
                                  for p in ("a", "b")])
