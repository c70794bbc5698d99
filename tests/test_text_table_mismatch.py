"""text_table.mismatch: prose figures against the table cell or the sub-row sum they report."""

import pytest

from extract.checks import text_table
from extract.normalize import normalize
from extract.process import analyse_file
from extract.read import read_file
from extract.tables import find_table_facts
from extract.types import Analysis, Fact, ReportMeta


@pytest.fixture(scope="module")
def doc_025(shared_dir):
    return normalize(read_file(shared_dir / "corpus" / "025_shanghai-shifu-bangongting-2019.html"))


def _prose(key, value, label=None, qualifier=None):
    return Fact(key=key, label=label or key, value=value, unit="件", origin="text", start=0, end=1,
                rule="test", qualifier=qualifier)


def _flags(doc, *prose):
    facts = tuple(prose) + find_table_facts(doc, None).facts
    return [tuple(f.values) for f in text_table.check(Analysis(doc=doc, meta=ReportMeta(), facts=facts))]


# 025's table: 一 859, （七）总计 805, 四 72; 予以公开 258+12+1+1 = 272, 部分公开 3; 不予公开 35;
# 无法提供 265+47+25 = 337; 不予处理 158; 行政复议 7, 诉讼 9 (+ blank 复议后起诉)
CASES = [
    ("requests.received", 859, None, []),
    ("requests.received", 877, None, []),                      # 859 + 上年结转 18 is also the table's
    ("requests.received", 17, None, [(17, 859)]),
    ("requests.answered", 805, None, []),
    ("requests.answered", 800, None, [(800, 805)]),
    ("requests.by_outcome", 258, "予以公开及部分公开", [(258, 275)]),
    ("requests.by_outcome", 275, "予以公开和部分公开", []),
    ("requests.by_outcome", 272, "予以公开", []),
    ("requests.by_outcome", 35, "不予公开", []),
    ("requests.by_outcome", 30, "不同意公开", [(30, 35)]),      # 不同意公开 is not 同意公开
    ("requests.by_outcome", 265, "因本机关不掌握等原因无法提供", [(265, 337)]),
    ("requests.by_outcome", 158, "不予处理", []),
    ("requests.by_outcome", 12, "其他", []),                   # no rule names a bare 其他
    ("review.total", 7, None, []),
    ("review.total", 8, None, [(8, 7)]),
    ("litigation.total", 9, None, []),
    ("proactive.total", 13, None, []),                          # no 统计表 in a 2019 report
]


@pytest.mark.parametrize("key,value,label,expected", CASES, ids=[f"{c[0]}-{c[2]}-{c[1]}" for c in CASES])
def test_text_table_mismatch_cases(doc_025, key, value, label, expected):
    assert _flags(doc_025, _prose(key, value, label)) == expected


def test_text_table_mismatch_skips_approximate_prose(doc_025):
    assert _flags(doc_025, _prose("requests.received", 800, qualifier="more")) == []


def test_text_table_mismatch_025_report(shared_dir):
    analysis = analyse_file(shared_dir / "corpus" / "025_shanghai-shifu-bangongting-2019.html")
    flags = sorted(tuple(f.values) for f in analysis.flags if f.code == "text_table.mismatch")
    assert flags == [(258, 275), (265, 337)]
    assert not any(f.code.startswith("table.") for f in analysis.flags)
    f = next(f for f in analysis.flags if f.values == (265, 337))
    assert "无法提供" in analysis.doc.text[f.evidence[0].start - 10:f.evidence[0].end + 10]


def test_text_table_mismatch_pre2019_statistics_table(shared_dir):
    """009: prose 4970 vs 统计表 主动公开信息数 72804; 行政复议申请1份 vs 行政复议数 0."""
    analysis = analyse_file(shared_dir / "corpus" / "009_pingtan-zonghe-shiyanqu-2013.txt")
    flags = sorted(tuple(f.values) for f in analysis.flags if f.code == "text_table.mismatch")
    assert flags == [(1, 0), (4970, 72804)]
