"""Prose counts on the case table tests/cases/counts.yaml (texts quoted from corpus reports)."""

import pytest

from conftest import case_id, load_cases
from extract.counts import find_facts
from extract.numbers import scan_numbers
from extract.types import ReportMeta

CASES = load_cases("counts")


def _facts(make_doc, case):
    doc = make_doc(case["text"])
    meta = ReportMeta(year=case.get("year"))
    return find_facts(doc, (), meta, tuple(scan_numbers(doc.text))), doc


def _matches(fact, want):
    if "key" in want and fact.key != want["key"]:
        return False
    if "value" in want and fact.value != want["value"]:
        return False
    if "label" in want and not (want["label"] in fact.label or fact.label in want["label"]):
        return False
    if "unit" in want and fact.unit != want["unit"]:
        return False
    if "qualifier" in want and fact.qualifier != want["qualifier"]:
        return False
    return True


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_counts_case(make_doc, case):
    facts, doc = _facts(make_doc, case)
    by_id = {f.id: f for f in facts}
    for want in case.get("facts") or []:
        found = [f for f in facts if _matches(f, want)]
        assert found, f"missing {want} in {[(f.key, f.label, f.value) for f in facts]}"
        f = found[0]
        if "parent" in want:
            assert f.parent in by_id and by_id[f.parent].key == want["parent"], (want, f)
        if "exhaustive" in want:
            assert f.exhaustive is want["exhaustive"], (want, f)
        # the span covers the label and the number
        span = doc.text[f.start:f.end]
        assert f.value in [n.value for n in scan_numbers(span)], span
    for bad in case.get("absent") or []:
        assert not [f for f in facts if _matches(f, bad)], (bad, facts)


def test_counts_ids_unique_and_parents_resolve(make_doc):
    for case in CASES:
        facts, _ = _facts(make_doc, case)
        ids = [f.id for f in facts]
        assert len(ids) == len(set(ids))
        assert all(f.parent in ids for f in facts if f.parent)
        assert all(f.origin == "text" and f.rule for f in facts)
