"""normalize_text on the case table tests/cases/normalize.yaml (exact output, offsets valid)."""

import pytest

from conftest import case_id, load_cases
from extract.normalize import normalize_text

CASES = load_cases("normalize")


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_normalize_case(case):
    text, offsets = normalize_text(case["input"])
    assert text == case["output"]
    assert len(offsets) == len(text) + 1
    assert offsets[-1] == len(case["input"])


def test_case_table_has_negative_cases():
    assert sum(str(c["id"]).startswith("keep:") for c in CASES) >= 10
