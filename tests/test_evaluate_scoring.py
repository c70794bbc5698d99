"""gouji eval: gold loading and the scoring rules of contract §4."""

import pytest

from extract.evaluate import GoldFileError, load_gold, score_report, summarize

GOLD = """\
source: r.txt
report: {agency: 平潭综合实验区管委会办公室, year: 2013, format: pre2019, period: [2013-01-01, 2013-12-31]}
facts:
  - {key: proactive.total, value: 4970}
  - {key: proactive.total, value: 72804}
  - {key: proactive.by_category, label: 机构职能类, value: 12}
  - {key: requests.received, value: 21}
flags:
  - {code: text_table.mismatch, values: [4970, 72804]}
  - {code: published.late}
"""


@pytest.fixture
def gold(tmp_path):
    p = tmp_path / "r.yaml"
    p.write_text(GOLD, encoding="utf-8")
    return load_gold(p)


def out(facts=(), flags=(), **report):
    rep = {"agency": "平潭综合实验区管委会", "year": 2013, "format": "pre2019",
           "period": {"start": "2013-01-01", "end": "2013-12-31"}}
    rep.update(report)
    return {"report": rep, "facts": list(facts), "flags": list(flags)}


def fact(key, value, label=""):
    return {"key": key, "value": value, "label": label, "start": 0, "end": 1}


def test_evaluate_fact_found_needs_key_value_and_label_containment(gold):
    rs = score_report(gold, out([fact("proactive.total", 4970, "主动公开政府信息"),
                                 fact("proactive.by_category", 12, "机构职能类信息")]))
    assert [g.value for g, _ in rs.found] == [4970, 12]
    assert {g.value for g in rs.missed} == {72804, 21}
    assert rs.wrong == []


def test_evaluate_label_that_does_not_overlap_is_not_found(gold):
    rs = score_report(gold, out([fact("proactive.by_category", 12, "规划计划类")]))
    assert not rs.found


def test_evaluate_wrong_value_only_when_no_gold_value_explains_it(gold):
    # 4970 is a gold value of proactive.total: not a wrong value for the 72804 entry.
    rs = score_report(gold, out([fact("proactive.total", 4970), fact("requests.received", 20)]))
    assert [(g.key, g.value) for g, _ in rs.wrong] == [("requests.received", 21)]
    assert [(g.key, g.value) for g in rs.missed] == [("proactive.total", 72804),
                                                     ("proactive.by_category", 12)]


def test_evaluate_flags_need_all_gold_values_and_extra_flags_are_false_alarms(gold):
    flags = [{"code": "text_table.mismatch", "values": [4970, 72804, 1]},
             {"code": "published.late", "values": []},
             {"code": "sum.parts_total", "values": [1, 2]}]
    rs = score_report(gold, out(flags=flags))
    assert len(rs.flags_found) == 2 and rs.flags_missed == []
    assert [f["code"] for f in rs.false_alarms] == ["sum.parts_total"]
    rs = score_report(gold, out(flags=[{"code": "text_table.mismatch", "values": [4970]}]))
    assert len(rs.flags_missed) == 2 and len(rs.false_alarms) == 1


def test_evaluate_report_fields_agency_by_containment(gold):
    rs = score_report(gold, out())
    assert all(ok for ok, _, _ in rs.fields.values())
    rs = score_report(gold, out(agency="平潭县人民政府", period=None, year=2012))
    assert {k for k, (ok, _, _) in rs.fields.items() if not ok} == {"agency", "period", "year"}


def test_evaluate_failed_file_scores_nothing(gold):
    s = summarize([score_report(gold, None, "r.txt: empty file")])
    assert s["failed"] == 1 and s["fact_recall"] == 0 and s["report_fields"] == 0


def test_evaluate_malformed_gold_names_file_and_line():
    from conftest import ROOT

    bad = ROOT / "tests" / "data" / "gold_bad" / "bad_value.yaml"
    with pytest.raises(GoldFileError, match=r"bad_value\.yaml:5: fact value 'twelve'"):
        load_gold(bad)


def test_evaluate_yaml_syntax_error_names_line(tmp_path):
    p = tmp_path / "g.yaml"
    p.write_text("source: a.txt\nreport: {year: 2013\nfacts: []\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"g\.yaml:\d+: not valid YAML"):
        load_gold(p)


def test_evaluate_every_shared_gold_file_loads(shared_dir):
    for folder in ("corpus", "corpus-html", "corpus-pdf"):
        for p in sorted((shared_dir / folder / "gold").glob("*.yaml")):
            g = load_gold(p)
            assert g.source and g.report
