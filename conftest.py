"""The one conftest: paths, case-table loading, and small document builders."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent
CORPUS = ROOT / "corpus"
CASES = ROOT / "tests" / "cases"
SHARED = ROOT.parent / "shared"  # ../shared beside the clone (CI lays a copy there)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/*.json from the current output (review the diff)")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


def load_cases(name: str) -> list[dict]:
    """tests/cases/<name>.yaml: a list of case mappings (or a mapping with a 'cases' list)."""
    with open(CASES / f"{name}.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    if isinstance(data, dict):
        data = data["cases"]
    return data


def case_id(case: dict) -> str:
    return str(case.get("id") or case.get("text") or case.get("input"))[:40]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture
def make_doc():
    """Build a normalized Document from a string (as a .txt report)."""
    from extract.normalize import normalize
    from extract.read import read_bytes

    def build(text: str, path: str = "<test>.txt"):
        return normalize(read_bytes(text.encode("utf-8"), path))

    return build


@pytest.fixture
def analyse():
    """Run the whole pipeline on a string and return the Analysis."""
    from extract.process import analyse_text

    return analyse_text


@pytest.fixture
def fresh_db(tmp_path):
    """An empty gouji database file, schema applied."""
    from db.store import open_db

    return open_db(tmp_path / "test.db")
