"""extract.checks.structure on the case table tests/cases/structure.yaml."""

import pytest

from conftest import case_id, load_cases
from extract.checks.structure import check
from extract.outline import find_sections
from extract.types import Analysis, ReportMeta

CASES = load_cases("structure")


def run(doc, fmt):
    analysis = Analysis(doc=doc, meta=ReportMeta(format=fmt), sections=find_sections(doc))
    return list(check(analysis))


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_structure_case(case, make_doc):
    doc = make_doc(case["text"])
    flags = run(doc, case["format"])
    got = sorted([f.code, list(f.values)] for f in flags)
    assert got == sorted([c, v] for c, v in case["flags"])
    for f in flags:
        # every flag can be acted on: a filled Chinese message and evidence inside the text
        assert f.message and "{" not in f.message
        assert f.evidence
        for ev in f.evidence:
            assert 0 <= ev.start <= ev.end <= len(doc.text)


def test_structure_case_table_has_negatives():
    assert sum(1 for c in CASES if not c["flags"]) >= 5
