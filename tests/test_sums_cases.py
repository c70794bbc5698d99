"""Sum checks (extract/checks/sums.py) on the case table tests/cases/sums.yaml.

Short texts are not whole reports (metadata may call them not_report, which skips the checks), so
the checks run here on the prose facts directly; whole reports are in test_sums_reports.py.
"""

import pytest

from conftest import case_id, load_cases
from extract.checks import claims, sums
from extract.counts import find_facts
from extract.numbers import scan_numbers
from extract.types import Analysis, ReportMeta

CASES = load_cases("sums")
MINE = ("sum.", "value.conflict", "claim.contradiction")


def run_checks(make_doc, text, year=None):
    doc = make_doc(text)
    meta = ReportMeta(year=year)
    nums = tuple(scan_numbers(doc.text))
    facts = find_facts(doc, (), meta, nums)
    a = Analysis(doc=doc, meta=meta, facts=facts, numbers=nums)
    return [f for f in list(sums.check(a)) + list(claims.check(a)) if f.code.startswith(MINE)]


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_sums_case(make_doc, case):
    flags = run_checks(make_doc, case["text"], case.get("year"))
    for want in case.get("flags") or []:
        hits = [f for f in flags if f.code == want["code"]
                and all(v in f.values for v in want.get("values") or [])]
        assert hits, f"missing {want} in {[(f.code, f.values) for f in flags]}"
        assert hits[0].message and hits[0].evidence
    for code in case.get("not_codes") or []:
        assert not [f for f in flags if f.code == code], flags
    if case.get("none"):
        assert not flags, [(f.code, f.values, f.message) for f in flags]


def test_percent_consistent_rounding_rules():
    assert sums.percent_consistent(2.9, 1, 60, 2026)  # 2.96% cut to 2.9%
    assert not sums.percent_consistent(14, 0, 56, 417)  # 13.4% is not 14%
    assert not sums.percent_consistent(27, 0, 534, 1913)  # 27.9% is not 27%
    assert sums.percent_consistent(51.85, 2, 42, 81)
