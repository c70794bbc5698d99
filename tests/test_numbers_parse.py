"""parse_number on the case tables: the shared 78 numerals plus ours, negatives included."""

from __future__ import annotations

import csv

import pytest

from conftest import case_id, load_cases
from extract.numbers import parse_number

CASES = load_cases("numbers")


def _same(got, expected) -> bool:
    if expected is None:
        return got is None
    if got is None or isinstance(got, bool):
        return False
    if float(expected).is_integer() and not isinstance(got, int):
        return False  # values are ints where whole (contract §3)
    return abs(got - expected) <= 1e-9 * max(1.0, abs(expected))


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_numbers_parse_case(case):
    got = parse_number(case["input"])
    assert _same(got, case["expected"]), (case["input"], got, case["expected"], case.get("note"))


def test_numbers_parse_shared_table_all_pass(shared_dir):
    """Every row of the shared reference table, read from the file itself."""
    path = shared_dir / "reference" / "cases" / "numerals_cases.tsv"
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) >= 78
    wrong = [(r["input"], parse_number(r["input"]), r["expected"]) for r in rows
             if not _same(parse_number(r["input"]), float(r["expected"]))]
    assert wrong == []


def test_numbers_parse_case_table_has_negatives():
    assert sum(1 for c in CASES if c["expected"] is None) >= 20


@pytest.mark.parametrize("s", [None, 12, b"12"])
def test_numbers_parse_non_strings_are_none(s):
    assert parse_number(s) is None
