"""The outline of real reports: top-level parts, nesting, and invariants on every corpus file."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.outline import find_enumerations, find_sections
from extract.process import analyse_file
from extract.read import read_file
from extract.normalize import normalize


def _doc(corpus_dir, name):
    return normalize(read_file(corpus_dir / name))


def _top(sections):
    return [s for s in sections if s.level == 1]


def test_outline_one_line_std2019_report(corpus_dir):
    # 019 is one long line: every heading is inline, table 三's numbered rows are not headings
    secs = find_sections(_doc(corpus_dir, "019_pingtan-zonghe-shiyanqu-2019.txt"))
    top = _top(secs)
    assert [s.title for s in top] == ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
                                      "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况",
                                      "其他需要报告的事项"]
    assert [s.kind for s in top] == ["overview", "proactive", "requests", "review_litigation",
                                     "problems", "other"]
    sub = [s.title for s in secs if s.parent == 0 and s.style == "cn_paren"]
    assert sub == ["基本情况", "主要做法"]


def test_outline_seed_nesting(corpus_dir):
    secs = find_sections(_doc(corpus_dir, "000_ee0214fd6cb0a06f.txt"))
    assert [s.title for s in _top(secs)] == ["概述", "主动公开政府信息情况", "主要问题和改进措施"]
    cats = next(i for i, s in enumerate(secs) if s.title == "主动公开政府信息的主要类别情况")
    assert secs[secs[cats].parent].title == "主动公开政府信息情况"
    items = [s.title for s in secs if s.parent == cats]
    assert items == ["机构职能类信息", "规划计划类信息", "政策、规范性文件类信息", "科教文体卫生类信息",
                     "安全生产、应急管理类信息"]
    assert all(secs[i].level == 3 for i, s in enumerate(secs) if s.parent == cats)
    assert any(s.title == "信息公开的形式" for s in secs)


def test_outline_restart_is_kept(corpus_dir):
    secs = find_sections(_doc(corpus_dir, "014_shanghai-kewei-2024-pdf2md.txt"))
    assert [s.ordinal for s in _top(secs)] == [1, 2, 3, 4, 5, 6, 1, 2, 3, 5]


def test_outline_enumerations_real(corpus_dir):
    doc = _doc(corpus_dir, "029_pingtan-zonghe-shiyanqu-2023.txt")
    runs = [e.ordinals for e in find_enumerations(doc)]
    assert (1, 3, 3) in runs


def _check_invariants(text, secs):
    assert [s.start for s in secs] == sorted(s.start for s in secs)
    for i, s in enumerate(secs):
        assert 0 <= s.start < s.end <= s.body_end <= len(text)
        assert s.title in text[s.start:s.end]
        assert s.ordinal >= 1 and s.level >= 1
        if s.parent is not None:
            p = secs[s.parent]
            assert s.parent < i and p.level < s.level
            assert p.start < s.start and s.body_end <= p.body_end


CORPUS_FILES = sorted(p.name for p in (__import__("conftest").CORPUS).glob("*.*")
                      if p.suffix in (".txt", ".html", ".pdf"))


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_outline_invariants_corpus(corpus_dir, name):
    a = analyse_file(corpus_dir / name)
    _check_invariants(a.doc.text, a.sections)


FRAGMENTS = ["一、", "二、", "（一）", "(二)", "1.", "2、", "（1）", "①", "第一部分", "一是", "二是",
             "概述", "主动公开", "情况", "。", "，", "\n", " ", "2013.1.1", "1.5万", "第二十条第（一）项",
             "本年新收政府信息公开申请数量", "结转下年度继续办理 1 0", "以下两个方面："]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_outline_property_never_breaks(make_doc_factory, parts):
    doc = make_doc_factory("年度报告\n" + "".join(parts))
    secs = find_sections(doc)
    _check_invariants(doc.text, secs)
    for e in find_enumerations(doc, secs):
        assert all(0 <= s < en <= len(doc.text) for _n, s, en in e.items)


@pytest.fixture(scope="module")
def make_doc_factory():
    from extract.read import read_bytes

    return lambda text: normalize(read_bytes(text.encode("utf-8"), "<prop>.txt"))
