"""Table cells and labels: values, blanks and texts; labels matched tolerantly to canonical keys."""

import pytest
import yaml

from conftest import CASES as CASES_DIR
from extract.table_cells import match_alias, norm_label, parse_cell, vocab
from extract.table_grid import t3_row_key
from extract.table_split import readings

with open(CASES_DIR / "tables.yaml", encoding="utf-8") as fh:
    CASES = yaml.safe_load(fh)  # several case lists in one file (cells, labels, splits)


@pytest.mark.parametrize("case", CASES["cells"], ids=lambda c: f"{c['raw']!r}-{c.get('kind', 'count')}")
def test_tables_cells_parse(case):
    cv = parse_cell(case["raw"], case.get("kind", "count"))
    assert cv.status == case["status"]
    if case["status"] == "value":
        assert cv.value == case["value"]
        assert cv.unit == case.get("unit")
    else:
        assert cv.value is None


@pytest.mark.parametrize("case", CASES["t3_rows"], ids=lambda c: "|".join(c["labels"])[-20:])
def test_tables_cells_t3_row_labels(case):
    labels = [norm_label(x, keep_numbering=True) for x in case["labels"]]
    assert t3_row_key(labels, case.get("has_values", True), None) == case["key"]


@pytest.mark.parametrize("case", CASES["t3_columns"], ids=lambda c: c["label"])
def test_tables_cells_t3_columns(case):
    v = vocab()["t3"]
    key = match_alias(norm_label(case["label"]), v["columns"], exact=frozenset(v["exact_columns"]))
    assert key == case["key"]


@pytest.mark.parametrize("case", CASES["splits"], ids=lambda c: c["run"])
def test_tables_split_readings(case):
    kinds = case["kinds"] if isinstance(case["kinds"], list) else ["count"] * case["kinds"]
    rd = readings(case["run"], kinds)
    assert len(rd) == case["count"]
    if "unique" in case:
        assert rd == [case["unique"]]
