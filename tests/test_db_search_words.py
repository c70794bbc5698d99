"""Searching report text: jieba words in FTS5, short Chinese queries, snippets."""

import pytest

from conftest import case_id, load_cases
from db import store
from db.search import query_words, search, snippet
from extract.types import Analysis, ReportMeta

CASES = load_cases("db_search")


@pytest.fixture
def db(fresh_db, make_doc):
    import yaml

    from conftest import CASES as CASE_DIR

    reports = yaml.safe_load((CASE_DIR / "db_search.yaml").read_text(encoding="utf-8"))["reports"]
    from db.search import index_words

    for name, text in reports.items():
        doc = make_doc(text, f"{name}.txt")
        rows = store.report_rows(Analysis(doc=doc, meta=ReportMeta()), name, index_words(doc.text))
        with fresh_db.atomic():
            store.write_report(fresh_db, rows)
    return fresh_db


@pytest.mark.parametrize("exact_below", [0, 5000], ids=["index", "index+scan"])
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_db_search_finds_reports_containing_every_word(db, case, exact_below):
    hits = search(db, case["query"], exact_below=exact_below)
    assert sorted(h.path for h in hits) == sorted(case["hits"])
    words = query_words(case["query"])
    for h in hits:
        assert any(f"[{word}]" in h.snippet for word in words)


def test_db_search_counts_occurrences(db):
    hits = {h.path: h.hits for h in search(db, "政府信息")}
    assert hits == {"a": 1, "b": 1, "c": 1, "d": 1}
    hits = {h.path: h.hits for h in search(db, "公开")}
    assert hits == {"a": 1, "b": 2, "c": 2, "d": 1, "e": 1}


def test_db_search_snippet_marks_the_word_and_cuts_long_text():
    text = "甲" * 100 + "行政复议" + "乙" * 100
    s = snippet(text, ["复议"], width=10)
    assert s == "…" + "甲" * 8 + "行政[复议]" + "乙" * 10 + "…"
    assert snippet("没有", ["复议"]) == "没有"
