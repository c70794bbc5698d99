"""Prose counts on real corpus reports (the gold files' prose facts, quoted in comments)."""

import pytest

from extract.process import analyse_file


def _text_facts(corpus_dir, name):
    a = analyse_file(corpus_dir / name)
    return a, [f for f in a.facts if f.origin == "text"]


def test_counts_seed_acceptance(corpus_dir):
    # issue 2: 主动公开 28 with its five categories linked to it, 全文电子化率 100%
    a, facts = _text_facts(corpus_dir, "000_ee0214fd6cb0a06f.txt")
    total = [f for f in facts if f.key == "proactive.total"]
    assert [f.value for f in total] == [28]
    cats = [f for f in facts if f.key == "proactive.by_category" and f.parent]
    assert [f.value for f in cats] == [12, 3, 1, 9, 3]
    assert all(f.parent == total[0].id and f.exhaustive for f in cats)
    assert "机构职能类" in cats[0].label
    # section 二(二) restates each category on its own, with the same values
    again = [f for f in facts if f.key == "proactive.by_category" and not f.parent]
    assert [(f.label, f.value) for f in again] == [(f.label, f.value) for f in cats]
    assert [f.value for f in facts if f.key == "proactive.e_rate"] == [100]
    assert not [f for f in a.flags if f.code.startswith(("sum.", "value.conflict"))]


def test_counts_spans_cover_label_and_number(corpus_dir):
    a, facts = _text_facts(corpus_dir, "003_pingtan-xian-2011.txt")
    for f in facts:
        span = a.doc.text[f.start:f.end]
        assert str(f.value) in span, (f, span)
        assert f.rule.startswith("count.")
    ids = [f.id for f in facts]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name,key,value", [
    ("005_pingtan-xian-2012.txt", "requests.received", 21),  # 共收到有关政府信息公开的申请21条
    ("025_shanghai-shifu-bangongting-2019.html", "requests.answered", 805),  # 答复政府信息公开申请805件
    ("025_shanghai-shifu-bangongting-2019.html", "litigation.total", 9),  # 行政复议7件，诉讼9件
    ("029_pingtan-zonghe-shiyanqu-2023.txt", "review.total", 2),  # 行政复议案件2件、行政诉讼案件7件
    ("029_pingtan-zonghe-shiyanqu-2023.txt", "litigation.total", 7),
    ("048_nanxun-xiang-2014.txt", "proactive.cumulative", 100),  # 到目前累计主动公开政府信息100条
    ("057_beijing-shuiwuju-2008-partial.txt", "staff.part_time", 3),  # 1名全职工作人员，3名兼职工作人员
    ("006_pingtan-dishuiju-2013.txt", "proactive.total", 45),  # 2013年新增主动公开政府信息45条
])
def test_counts_report_fact(corpus_dir, name, key, value):
    _, facts = _text_facts(corpus_dir, name)
    assert value in [f.value for f in facts if f.key == key], [(f.key, f.value) for f in facts]


def test_counts_report_no_wrong_totals(corpus_dir):
    # 003: 县政府公开办主动公开信息数为62条 (an office's count) and 不予公开信息数1402 (not a request outcome)
    _, facts = _text_facts(corpus_dir, "003_pingtan-xian-2011.txt")
    assert 62 not in [f.value for f in facts if f.key.startswith("proactive.")]
    assert not [f for f in facts if f.key == "requests.by_outcome"]
    # 006: 共受理审批事项117件 are not disclosure requests; 未收到…申请 is not a fact
    _, facts = _text_facts(corpus_dir, "006_pingtan-dishuiju-2013.txt")
    assert not [f for f in facts if f.key.startswith("requests.")]


def test_counts_list_with_a_channel_named_category(shared_dir):
    # 2023 沭阳发改局: 全年共审核发布各类公开政府信息249条，其中：发布行政公文和政策解读信息9条；…
    # 政府网站信息185条；政府信息公开制度1条 (eight parts, 249 in all)
    a = analyse_file(shared_dir / "corpus-html" / "2023_shuyang-fagaiju.html")
    facts = [f for f in a.facts if f.origin == "text"]
    total = [f for f in facts if f.key == "proactive.total"]
    assert [f.value for f in total] == [249]
    parts = [f for f in facts if f.parent == total[0].id]
    assert len(parts) == 8 and sum(f.value for f in parts) == 249
    assert all(f.key == "proactive.by_category" and f.exhaustive for f in parts)
    assert [f.value for f in facts if f.key == "requests.received"] == [26]
    assert not [f for f in a.flags if f.code.startswith(("sum.", "value.conflict"))]
