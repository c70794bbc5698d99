"""Structure flags on real reports: the acceptance example (issue 2) and every gold file."""

import pytest
import yaml

from conftest import SHARED
from extract.process import analyse_file

GOLD_DIRS = ("corpus", "corpus-html", "corpus-pdf")


def _gold_files():
    out = []
    for d in GOLD_DIRS:
        out.extend(sorted((SHARED / d / "gold").glob("*.yaml")))
    return out


def _structure(analysis):
    return [f for f in analysis.flags if f.code.startswith("structure.")]


def test_structure_seed_acceptance(shared_dir):
    a = analyse_file(shared_dir / "seed" / "000_ee0214fd6cb0a06f.txt")
    flags = {f.code: f for f in _structure(a)}
    assert set(flags) == {"structure.declared_parts", "structure.enumeration"}
    dp = flags["structure.declared_parts"]
    assert list(dp.values) == [5, 3]
    assert "依申请公开政府信息办理情况" in dp.message and "需要说明的事项与附表" in dp.message
    intro = a.doc.text[dp.evidence[0].start:dp.evidence[0].end]
    assert intro.startswith("由概述") and "组成" in intro
    en = flags["structure.enumeration"]
    assert list(en.values) == [2, 3]
    assert a.doc.text[en.evidence[0].start:en.evidence[0].end] == "以下两个方面"
    # the three points that follow are the evidence after the phrase
    points = [a.doc.text[e.start:e.end] for e in en.evidence[1:]]
    assert [p[:3] for p in points] == ["(一)", "(二)", "(三)"]


@pytest.mark.parametrize("gold_path", _gold_files(), ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_structure_flags_match_gold(gold_path):
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    if (gold.get("report") or {}).get("format") == "not_report":
        pytest.skip("not a report: no structure checks")
    a = analyse_file(gold_path.parent.parent / gold["source"])
    want = [g for g in gold.get("flags") or [] if g["code"].startswith("structure.")]
    got = _structure(a)
    unmatched = list(got)
    for g in want:
        hit = next((f for f in unmatched if f.code == g["code"]
                    and all(v in f.values for v in g.get("values", []))), None)
        assert hit is not None, f"missed {g} in {gold['source']}: {[(f.code, f.values) for f in got]}"
        unmatched.remove(hit)
    assert not unmatched, f"false alarms in {gold['source']}: {[(f.code, f.values, f.message) for f in unmatched]}"
