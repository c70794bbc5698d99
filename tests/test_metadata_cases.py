"""find_meta on excerpts of real reports and negative cases (tests/cases/metadata.yaml)."""

import pytest

from conftest import case_id, load_cases
from extract.metadata import find_meta

CASES = load_cases("metadata")


def _value(meta, field):
    p = meta.period
    if field == "period":
        return None if p is None else [p.start, p.end]
    if field == "period_start":
        return p.start if p else "no period"
    if field == "period_end":
        return p.end if p else "no period"
    if field == "period_rule":
        return p.rule if p else None
    return getattr(meta, field)


def _expected(field, value):
    if field == "period" and value is not None:
        return [str(v) for v in value]
    if field == "published" and value is not None:
        return str(value)
    return value


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_metadata_case(case, make_doc):
    meta = find_meta(make_doc(case["text"]))
    for field, value in case["expect"].items():
        assert _value(meta, field) == _expected(field, value), field


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_metadata_spans_index_the_text(case, make_doc):
    doc = make_doc(case["text"])
    meta = find_meta(doc)
    if meta.period is not None:
        s, e = meta.period.span
        assert doc.text[s:e] == meta.period.text
    if meta.published_span:
        s, e = meta.published_span
        assert doc.text[s:e]  # the date as printed
    if meta.agency_span and meta.agency_rule != "agency.self_office":
        s, e = meta.agency_span
        assert doc.text[s:e] in meta.agency or meta.agency in doc.text[s:e]
