"""The table vocabularies (extract/tables.yaml) load and agree with the contract's keys."""

from hypothesis import given, settings, strategies as st

from extract.table_cells import norm_label, vocab
from extract.table_split import readings
from extract.table_text import _t3_order

CONTRACT_T3_ROWS = {
    "new_received", "carried_over", "granted", "partial", "denied.state_secret", "denied.prohibited",
    "denied.three_safety", "denied.third_party", "denied.internal", "denied.process",
    "denied.enforcement_file", "denied.admin_query", "unable.no_info", "unable.needs_creation",
    "unable.unclear", "not_processed.complaint", "not_processed.repeat", "not_processed.publication",
    "not_processed.massive", "not_processed.confirm", "other.no_correction", "other.unpaid_fee",
    "other.other", "total_processed", "carried_forward"}


def test_tables_vocab_t3_rows_are_the_contracts():
    rows = [r["key"] for r in vocab()["t3"]["rows"]]
    assert set(rows) == CONTRACT_T3_ROWS and len(rows) == 25
    assert len(_t3_order("std2021")) == 25 and len(_t3_order("std2019")) == 23
    assert "other" in _t3_order("std2019")


def test_tables_vocab_aliases_are_not_empty_after_normalizing():
    v = vocab()
    tables = [v["t2"]["items"], v["t2"]["columns"], v["t3"]["columns"], v["t3"]["groups"],
              v["t4"]["blocks"], v["t4"]["columns"]]
    for table in tables:
        for key, aliases in table.items():
            assert aliases and all(norm_label(a) for a in aliases), key
    for r in v["t3"]["rows"] + v["pre2019"]["rows"]:
        assert all(norm_label(a) for a in r["aliases"]), r


def test_tables_vocab_t2_layouts_use_known_columns():
    v = vocab()["t2"]
    for fmt, layout in v["layout"].items():
        for item, cols in layout.items():
            assert item in v["items"]
            assert all(c in v["columns"] and v["format_columns"][c] == fmt for c in cols if c != "decisions")


def test_tables_vocab_text_table_rules_name_known_rows():
    rows = {r["key"] for r in vocab()["t3"]["rows"]} | {"other"}
    for rule in vocab()["text_table"]:
        for alt in rule["table"]:
            for term in alt:
                if term.startswith("t3."):
                    body = term[3:].removesuffix(".*")
                    assert body in rows or any(r.startswith(body + ".") for r in rows), term
                elif term.startswith("t4."):
                    b, c = term[3:].split(".")
                    assert b in vocab()["t4"]["blocks"] and c in vocab()["t4"]["columns"]


@settings(deadline=None)  # no timed assertions
@given(st.lists(st.integers(min_value=0, max_value=99999), min_size=1, max_size=7))
def test_tables_vocab_glued_run_keeps_the_true_reading(cells):
    """Gluing cells and splitting them again always offers the printed cells among the readings."""
    glued = "".join(str(c) for c in cells)
    found = readings(glued, ["count"] * len(cells))
    assert found is None or [str(c) for c in cells] in found  # None: too many to enumerate


@settings(deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=999), min_size=1, max_size=7))
def test_tables_vocab_spaced_run_has_one_reading(cells):
    """Cells printed with spaces between them have exactly one reading."""
    spaced = " ".join(str(c) for c in cells)
    assert readings(spaced, ["count"] * len(cells)) == [[str(c) for c in cells]]
