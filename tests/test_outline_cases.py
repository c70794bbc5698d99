"""extract.outline on the case table tests/cases/outline.yaml (headings, enumerations, kinds)."""

import pytest

from conftest import case_id, load_cases
from extract.outline import find_enumerations, find_sections, section_kind

CASES = load_cases("outline")


def _by_type(kind):
    cases = [c for c in CASES if c["type"] == kind]
    return pytest.mark.parametrize("case", cases, ids=[case_id(c) for c in cases])


@_by_type("headings")
def test_outline_headings_case(case, make_doc):
    doc = make_doc(case["text"])
    got = [[s.style, s.number, s.level, s.title, s.kind, s.parent] for s in find_sections(doc)]
    want = [[str(x) if i == 1 else x for i, x in enumerate(h)] for h in case["headings"]]
    assert got == want


@_by_type("enumerations")
def test_outline_enumerations_case(case, make_doc):
    doc = make_doc(case["text"])
    got = [list(e.ordinals) for e in find_enumerations(doc)]
    assert got == case["enumerations"]


@_by_type("kind")
def test_outline_kind_case(case):
    assert section_kind(case["title"]) == case["kind"]


def test_outline_case_table_has_negatives():
    assert any(c["type"] == "headings" and not c["headings"] for c in CASES)
    assert any(c["type"] == "enumerations" and not c["enumerations"] for c in CASES)


def test_outline_rule_file_loads_and_compiles():
    # every pattern in extract/outline.yaml compiles, for the outline and the structure checks
    from extract import outline
    from extract.checks import structure

    r = outline._rules()
    assert [s[0] for s in r.styles] == ["part", "cn_dun", "cn_paren", "arabic_dot", "arabic_paren",
                                       "circled"]
    d = structure._data()
    assert {h["kind"] for h in d["standard"]} <= set(d["kinds"])
