"""read_html on small pages from tests/cases/read_html.yaml: visible text lines and table grids."""

import pytest

from conftest import case_id, load_cases
from extract.read_html import read_html

CASES = load_cases("read_html")


def _grid(table):
    return [list(row) for row in table.rows]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_read_html_case(case):
    raw = read_html(case["html"].encode("utf-8"), "case.html", "0")
    assert raw.kind == "html"
    assert raw.text.split("\n")[:-1] == case["lines"]
    assert [_grid(t) for t in raw.tables] == case["tables"]
    for word in case.get("absent", []):
        assert word not in raw.text


@pytest.mark.parametrize("case", [c for c in CASES if c["tables"]], ids=case_id)
def test_read_html_table_spans_index_the_raw_text(case):
    raw = read_html(case["html"].encode("utf-8"), "case.html", "0")
    for t in raw.tables:
        assert raw.text[t.anchor:].startswith(raw.text[t.spans[0][0][0]:t.spans[0][0][1]])
        for row, spans in zip(t.rows, t.spans):
            for cell, span in zip(row, spans):
                if cell is None:
                    assert span is None
                else:
                    assert raw.text[span[0]:span[1]] == cell.replace("\n", " ")
