"""extract.checks.period: period.* and published.* on constructed reports and on the corpus."""

from pathlib import Path

import pytest
import yaml

from conftest import SHARED
from extract.checks import period as period_check
from extract.metadata import find_meta
from extract.types import Analysis

COMPLETE_TAIL = "\n五、存在的主要问题及改进情况\n加强培训。\n六、其他需要报告的事项\n无。\n"


def _flags(make_doc, text):
    doc = make_doc(text)
    return list(period_check.check(Analysis(doc=doc, meta=find_meta(doc))))


def _codes(flags):
    return sorted(f.code for f in flags)


def test_period_checks_partial_year_seed_phrase(make_doc):
    flags = _flags(make_doc, "2013年度某街道政府信息公开工作年度报告\n本报告中所列数据的统计期限自2013年1月1日起至2013年12月1日止。" + COMPLETE_TAIL)
    assert _codes(flags) == ["period.partial_year"]
    f = flags[0]
    assert f.values == ("2013-01-01", "2013-12-01")
    assert "2013年12月1日" in f.message and f.severity == "error"
    ev = f.evidence[0]
    assert ev.quote == "统计期限自2013年1月1日起至2013年12月1日止"


def test_period_checks_whole_year_is_not_flagged(make_doc):
    text = "2013年度某街道政府信息公开工作年度报告\n本报告中所列数据的统计期限自2013年1月1日起至2013年12月31日止。" + COMPLETE_TAIL
    assert _flags(make_doc, text) == []


def test_period_checks_year_mismatch(make_doc):
    text = "2014年某县人民政府政府信息公开工作年度报告\n本报告所列数据统计期限为2013年1月1日至12月31日。" + COMPLETE_TAIL
    flags = _flags(make_doc, text)
    assert _codes(flags) == ["period.year_mismatch"]
    assert flags[0].values == (2013, 2014)


def test_period_checks_missing_on_a_complete_report(make_doc):
    text = "2013年度谢塘镇政府信息公开工作年度报告\n2013年,我镇认真贯彻落实条例。\n一、概述\n工作。" + COMPLETE_TAIL
    flags = _flags(make_doc, text)
    assert _codes(flags) == ["period.missing"]


def test_period_checks_missing_not_flagged_on_a_cut_opening(make_doc):
    # gold 022/053/057/071: openings cut before the closing parts may state the period there
    text = "2013年度某街道政府信息公开工作年度报告\n一、概述\n2013年,街道认真贯彻落实条例。\n二、主动公开政府信息情况\n共公开信息20条"
    assert _flags(make_doc, text) == []


def test_period_checks_dates_lost(make_doc):
    flags = _flags(make_doc, "2013年度某街道政府信息公开工作年度报告\n本报告中所列数据的统计期限自至。\n一、概述\n")
    assert _codes(flags) == ["period.missing"]
    assert "日期缺失" in flags[0].message and flags[0].evidence


@pytest.mark.parametrize("year,kind,published,late", [
    (2011, "government", "2012-04-18", True),     # 003 pingtan-xian
    (2011, "government", "2012-03-31", False),
    (2013, "department", "2014-03-20", False),    # before 2019 every agency has until 3月31日
    (2019, "department", "2020-01-31", False),    # 025 bangongting: on the deadline
    (2019, "department", "2020-02-01", True),
    (2025, "government", "2026-03-10", False),    # 027 pingtan: the 实验区's own report
    (2021, "government", "2022-04-01", True),
])
def test_period_checks_deadline(make_doc, year, kind, published, late):
    agency = "某县人民政府" if kind == "government" else "某县发展和改革局"
    text = (f"{agency}{year}年政府信息公开工作年度报告\n发布时间: {published} 10:00\n"
            f"本报告所列数据统计期限为{year}年1月1日至12月31日。" + COMPLETE_TAIL)
    codes = _codes(_flags(make_doc, text))
    assert codes == (["published.late"] if late else [])


def test_period_checks_published_early(make_doc):
    text = ("某县人民政府2013年政府信息公开工作年度报告\n发布时间: 2013-12-20 10:00\n"
            "本报告所列数据统计期限为2013年1月1日至12月31日。" + COMPLETE_TAIL)
    flags = _flags(make_doc, text)
    assert _codes(flags) == ["published.early"]
    assert flags[0].values == ("2013-12-20", "2013-12-31")


GOLD = sorted((SHARED / "corpus" / "gold").glob("*.yaml")) if SHARED.is_dir() else []


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem[:40] for p in GOLD])
def test_period_checks_corpus_matches_gold(gold_path, corpus_dir):
    """Gold flag lists are complete: the period/published flags raised are exactly gold's."""
    from extract.errors import UnreadableInput
    from extract.normalize import normalize
    from extract.read import read_file

    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    try:
        doc = normalize(read_file(corpus_dir / gold["source"]))
    except UnreadableInput as exc:
        pytest.skip(str(exc))
    meta = find_meta(doc)
    raised = [] if meta.format == "not_report" else _codes(period_check.check(Analysis(doc=doc, meta=meta)))
    expected = sorted(f["code"] for f in gold.get("flags") or []
                      if f["code"].startswith(("period.", "published.")))
    assert raised == expected
