"""Issue 4 on real reports: the 平潭 chain 2011–2025 and the two 洪泽区 PDFs."""

import copy

import pytest

from extract.crossyear import ReportView, agency_key, check_carry_over, cross_report_flags

PINGTAN = ["004_pingtan-zonghe-shiyanqu-2011.txt", "007_pingtan-zonghe-shiyanqu-2012.txt",
           "009_pingtan-zonghe-shiyanqu-2013.txt", "010_pingtan-zonghe-shiyanqu-2014.txt",
           "011_pingtan-zonghe-shiyanqu-2015.txt", "016_pingtan-zonghe-shiyanqu-2016.txt",
           "018_pingtan-zonghe-shiyanqu-2018.txt", "019_pingtan-zonghe-shiyanqu-2019.txt",
           "028_pingtan-zonghe-shiyanqu-2021.txt", "029_pingtan-zonghe-shiyanqu-2023.txt",
           "031_pingtan-zonghe-shiyanqu-2024.txt", "027_pingtan-zonghe-shiyanqu-2025.txt"]
HONGZE = ["001_hongze-qu-2023.pdf", "002_hongze-qu-2024.pdf"]


@pytest.fixture(scope="module")
def views(corpus_dir):
    from extract.process import analyse_file
    from extract.serialize import analysis_json

    out = {}
    for name in PINGTAN + HONGZE + ["003_pingtan-xian-2011.txt", "005_pingtan-xian-2012.txt"]:
        a = analyse_file(corpus_dir / name)
        out[name] = ReportView(name, analysis_json(a, source=name), a.doc.text)
    return out


def test_crossyear_pingtan_reports_are_one_agency_and_pingtan_county_another(views):
    keys = {agency_key(views[n].json["report"]["agency"]) for n in PINGTAN}
    assert len(keys) == 1
    county = agency_key(views["003_pingtan-xian-2011.txt"].json["report"]["agency"])
    assert county not in keys


def test_crossyear_pingtan_running_totals(views):
    flags = cross_report_flags(views)
    cumulative = {n: [f.values for f in flags.get(n, []) if f.code == "cross_year.cumulative"]
                  for n in PINGTAN}
    # The 主动公开 chain 2013→2014→2015→2016 holds: no flag in 2014, 2015, 2016 on it.
    for name in PINGTAN[3:6]:
        assert not [v for v in cumulative[name] if v[0] > 1000], (name, cumulative[name])
    # The applications' running total falls from 1 (2015) to 0 (2016): a break.
    assert (1, 0) in cumulative["016_pingtan-zonghe-shiyanqu-2016.txt"]
    # 2012: 1516 (2011's 历年累计) + 739 ≠ 4359.
    assert (1516, 4359) in cumulative["007_pingtan-zonghe-shiyanqu-2012.txt"]


def test_crossyear_cumulative_message_names_the_running_total_once(views):
    messages = [f.message for fl in cross_report_flags(views).values() for f in fl
                if f.code == "cross_year.cumulative"]
    assert messages
    for m in messages:
        assert m.count("历年累计") == 1, m
        assert "/：" not in m and " ：" not in m, m


def test_crossyear_hongze_carry_over_checked_every_column(views):
    prev, cur = views["001_hongze-qu-2023.pdf"], views["002_hongze-qu-2024.pdf"]
    assert agency_key(prev.json["report"]["agency"]) == agency_key(cur.json["report"]["agency"])
    assert check_carry_over(prev, cur) == []  # 上年结转 0 = 结转下年度 0 in every column
    columns = [f["key"].rsplit(".", 1)[1] for f in cur.json["facts"]
               if f["key"].startswith("t3.carried_over.")]
    assert len(columns) == 7
    for column in columns:  # change one column of 2024's 上年结转: exactly that column is flagged
        changed = copy.deepcopy(cur.json)
        for f in changed["facts"]:
            if f["key"] == f"t3.carried_over.{column}":
                f["value"] += 2
        flags = check_carry_over(prev, ReportView(cur.name, changed, cur.text))
        assert [fl.values for fl in flags] == [(0, 2)]
