"""read_html on the real saved pages (../shared/corpus-html, site chrome included) and 025."""

import re

import pytest

from extract.read import read_file

# file -> (tables, table shapes as (rows, columns)) from corpus-html/MANIFEST.tsv
PAGES = {
    "2011_pingtan-xian.html": [(18, 4)],
    "2011_pingtan-zonghe-shiyanqu.html": [(18, 4)],  # Word UPPERCASE <TABLE>/<TD>
    "2012_pingtan-xian.html": [(18, 4)],
    "2012_pingtan-zonghe-shiyanqu.html": [(17, 4)],  # header + 16 rows, no 6.其它形式申请数
    "2013_pingtan-dishuiju.html": [],  # narrative only
    "2018_pingtan-zonghe-shiyanqu.html": [(16, 4)],
    "2019_pingtan-zonghe-shiyanqu.html": [(18, 4), (26, 10), (4, 15)],
    "2023_pingtan-zonghe-shiyanqu.html": [(14, 4), (28, 10), (4, 15)],
    "2023_shuyang-fagaiju.html": [(14, 4), (28, 10), (4, 15)],  # the 索引号 table is page chrome
    "2024_pingtan-zonghe-shiyanqu.html": [(14, 4), (28, 10), (4, 15)],
}
CHROME = ["当前位置", "版权所有", "网站标识码", "相关链接", "ICP", "主办", "联系我们", "采集时间", "分享到"]


@pytest.fixture(scope="module")
def pages(shared_dir):
    return {name: read_file(shared_dir / "corpus-html" / name) for name in PAGES}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_read_html_corpus_tables(pages, name):
    raw = pages[name]
    assert [(len(t.rows), len(t.rows[0])) for t in raw.tables] == PAGES[name]
    for t in raw.tables:
        assert all(len(row) == len(t.rows[0]) for row in t.rows)  # rectangular
        assert t.page is None and t.index == raw.tables.index(t)
        # the table's rows stand in the raw text at its anchor, tab-separated
        first = next(c for c in t.rows[0] if c is not None).replace("\n", " ")
        assert raw.text[t.anchor:].startswith(first)
        for row, spans in zip(t.rows, t.spans):
            for cell, span in zip(row, spans):
                assert cell is None or raw.text[span[0]:span[1]] == cell.replace("\n", " ")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_read_html_corpus_drops_chrome_keeps_title_and_date(pages, shared_dir, name):
    raw = pages[name]
    page = (shared_dir / "corpus-html" / name).read_text(encoding="utf-8")
    for word in CHROME:
        if word in page:
            assert word not in raw.text, word
    head = raw.text.split("\n")[:3]
    assert any(re.search(r"20\d\d年度?.*报告$", line) for line in head), head
    assert any(re.search(r"(?:时间|日期)[:：]?\s*20\d\d-\d\d-\d\d", line) for line in head), head
    assert "<" not in raw.text and "function(" not in raw.text
    assert "统计" in raw.text  # the period sentence of the body


def test_read_html_corpus_word_table_values(pages):
    # 2012 平潭县: non-zero 依申请 figures 21 received, 17/2/2 answered (MANIFEST)
    rows = {r[0]: r for r in pages["2012_pingtan-xian.html"].tables[0].rows}
    assert rows["受理依申请公开信息总数"][2:] == ("21", "21")
    assert rows["其中：1.同意公开答复数"][2] == "17"


def test_read_html_corpus_rowspan_label_repeats(pages):
    t3 = pages["2024_pingtan-zonghe-shiyanqu.html"].tables[1]
    labels = [row[0] for row in t3.rows[5:26]]
    assert len(set(labels)) == 1 and labels[0].replace("\n", "").replace(" ", "") == "三、本年度办理结果"
    total = next(row for row in t3.rows if row[1] == "（七）总计")
    assert total[3:] == ("217", "1", "0", "0", "0", "0", "218")


def test_read_html_reemitted_025(shared_dir):
    raw = read_file(shared_dir / "corpus" / "025_shanghai-shifu-bangongting-2019.html")
    lines = raw.text.split("\n")
    assert lines[0] == "2019年上海市人民政府办公厅政府信息公开工作年度报告"
    assert lines[1] == "发布日期：2020-01-31"
    assert [(len(t.rows), len(t.rows[0])) for t in raw.tables] == [(18, 5), (26, 10), (4, 15)]
    t3 = raw.tables[1]
    first = next(row for row in t3.rows if row[0].startswith("一、本年新收"))
    # blank cells stay '' (blank = no fact), not 0
    assert first[3:] == ("821", "35", "", "", "2", "1", "859")
    t4 = raw.tables[2]
    assert t4.rows[-1][:5] == ("5", "", "", "2", "7")
