"""claim.contradiction on real corpus reports and on short texts."""

import pytest

from extract.checks import claims
from extract.counts import find_facts
from extract.numbers import scan_numbers
from extract.process import analyse_file
from extract.types import Analysis, Fact, ReportMeta


def _claims(corpus_dir, name):
    return sorted(tuple(f.values) for f in analyse_file(corpus_dir / name).flags
                  if f.code == "claim.contradiction")


def test_claims_upheld_with_pending_cases(corpus_dir):
    # 025: 信息公开类行政复议7件，诉讼9件，均获维持; table 四 尚未审结 2 (复议) and 1 (直接起诉)
    assert _claims(corpus_dir, "025_shanghai-shifu-bangongting-2019.html") == [(1,), (2,)]
    flags = [f for f in analyse_file(corpus_dir / "025_shanghai-shifu-bangongting-2019.html").flags
             if f.code == "claim.contradiction"]
    for f in flags:
        assert "均获维持" in f.evidence[0].quote
        assert any(e.cell and "尚未审结" in e.cell for e in f.evidence)
        assert "尚未审结" in f.message


def test_claims_all_done_with_carry_forward(corpus_dir):
    # 014: 所有申请均已按要求办理完成 … 转下一年度办理答复的有1件
    assert _claims(corpus_dir, "014_shanghai-kewei-2024-pdf2md.txt") == [(1,)]


@pytest.mark.parametrize("name", [
    "009_pingtan-zonghe-shiyanqu-2013.txt",  # 未收到…申请，收到1份…行政复议申请 (no contradiction)
    "012_huaian-shi-2024.pdf",
    "027_pingtan-zonghe-shiyanqu-2025.txt",
    "028_pingtan-zonghe-shiyanqu-2021.txt",  # 办结69件，1件结转下年度 without an all-done claim
])
def test_claims_none(corpus_dir, name):
    assert _claims(corpus_dir, name) == []


def _run(make_doc, text, extra=()):
    doc = make_doc(text)
    nums = tuple(scan_numbers(doc.text))
    meta = ReportMeta(year=2013)
    facts = tuple(find_facts(doc, (), meta, nums)) + tuple(extra)
    return list(claims.check(Analysis(doc=doc, meta=meta, facts=facts, numbers=nums)))


def _table(key, value):
    return Fact(key=key, label=key, value=value, unit="件", origin="table", start=0, end=0,
                rule="test", id=f"t:{key}")


def test_claims_none_received_but_counted(make_doc):
    flags = _run(make_doc, "本年度未收到政府信息公开申请。",
                 extra=[_table("t3.new_received.total", 3)])
    assert [f.values for f in flags] == [(3,)]
    assert flags[0].evidence and "未收到" in flags[0].message


def test_claims_outcomes_with_zero_applications(make_doc):
    flags = _run(make_doc, "本年度收到政府信息公开申请0件。不予公开10条。")
    assert [f.values for f in flags] == [(10,)]


def test_claims_upheld_consistent(make_doc):
    flags = _run(make_doc, "行政复议2件，均获维持。",
                 extra=[_table("t4.review.upheld", 2), _table("t4.review.pending", 0),
                        _table("t4.review.corrected", 0)])
    assert flags == []


def test_claims_concluded_cases_upheld(make_doc):
    # a claim about concluded cases: the pending ones do not contradict it
    flags = _run(make_doc, "已审结的行政复议案件均获维持。",
                 extra=[_table("t4.review.upheld", 2), _table("t4.review.pending", 1),
                        _table("t4.review.corrected", 0)])
    assert flags == []


def test_claims_none_received_other_scope_same_sentence(make_doc):
    flags = _run(make_doc, "本机关未收到政府信息公开申请，全区共收到政府信息公开申请5件。")
    assert flags == []


def test_claims_running_total_is_not_this_years(corpus_dir):
    # 011: 2015年全区未收到有关政府信息公开申请 while its 统计表 shows 历年累计 1 (an earlier year's)
    assert _claims(corpus_dir, "011_pingtan-zonghe-shiyanqu-2015.txt") == []
