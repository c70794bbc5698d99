"""Golden JSON per corpus report: `show --json` output, reviewed as a diff.

Refresh with `python -m pytest tests/test_golden_corpus.py --update-golden` and read the diff:
every changed fact or flag should be one you meant.
"""

import json

import pytest

from conftest import CORPUS, ROOT

GOLDEN = ROOT / "tests" / "golden"
REPORTS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html", ".pdf", ".docx"))


def _render(path):
    from extract.errors import UnreadableInput
    from extract.process import analyse_file
    from extract.serialize import analysis_json

    try:
        out = analysis_json(analyse_file(path), source=path.name)
    except UnreadableInput as exc:
        return {"source": path.name, "error": exc.reason}
    return out


@pytest.mark.parametrize("path", REPORTS, ids=[p.name for p in REPORTS])
def test_golden_json_matches(path, update_golden):
    out = _render(path)
    golden = GOLDEN / (path.name + ".json")
    text = json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden for {path.name}: run with --update-golden and review"
    assert json.loads(golden.read_text(encoding="utf-8")) == json.loads(text)
