"""read_docx on DOCX files written here with python-docx from real reports' text and tables.

The DOCX is built from what read_html gives for a report (its lines as paragraphs, its tables
with the same merged cells, recovered from Table.spans), so reading it back must give the same
text and the same grids.
"""

import io

import docx
import pytest

from extract.errors import UnreadableInput
from extract.read import read_bytes
from extract.read_docx import read_docx


def _merged_cells(table):
    """{span: (first row, first col, last row, last col)} of each printed cell of a Table."""
    cells = {}
    for r, row in enumerate(table.spans):
        for c, span in enumerate(row):
            if span is None:
                continue
            r0, c0, r1, c1 = cells.get(span, (r, c, r, c))
            cells[span] = (min(r0, r), min(c0, c), max(r1, r), max(c1, c))
    return cells


def docx_from(raw) -> bytes:
    """A DOCX with raw's prose lines as paragraphs and its tables as Word tables."""
    document = docx.Document()
    pos = 0
    for table in raw.tables:
        last_cell_end = max(s[1] for row in table.spans for s in row if s)
        block_end = raw.text.index("\n", last_cell_end - 1) + 1  # end of the table's last row
        for line in raw.text[pos:table.anchor].splitlines():
            document.add_paragraph(line)
        t = document.add_table(rows=len(table.rows), cols=len(table.rows[0]))
        for span, (r0, c0, r1, c1) in _merged_cells(table).items():
            cell = t.cell(r0, c0)
            if (r1, c1) != (r0, c0):
                cell = cell.merge(t.cell(r1, c1))
            cell.text = table.rows[r0][c0]
        pos = block_end
    for line in raw.text[pos:].splitlines():
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("name", [
    "corpus/025_shanghai-shifu-bangongting-2019.html",
    "corpus-html/2024_pingtan-zonghe-shiyanqu.html",  # 2021 tables, rowspan labels over <p>
    "corpus-html/2011_pingtan-zonghe-shiyanqu.html",  # pre-2019 统计表, Word markup
])
def test_read_docx_roundtrip_same_text_and_tables(shared_dir, name):
    html = read_bytes((shared_dir / name).read_bytes(), name)
    raw = read_bytes(docx_from(html), "report.docx")
    assert raw.kind == "docx"
    assert raw.text == html.text
    assert [t.rows for t in raw.tables] == [t.rows for t in html.tables]
    assert [t.anchor for t in raw.tables] == [t.anchor for t in html.tables]
    assert [t.spans for t in raw.tables] == [t.spans for t in html.tables]


def test_read_docx_vmerge_and_gridspan_expanded():
    document = docx.Document()
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    t = document.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(2, 0)).text = "三、本年度办理结果"
    t.cell(0, 1).merge(t.cell(0, 2)).text = "（一）予以公开"
    t.cell(1, 1).text, t.cell(1, 2).text = "自然人", "总计"
    t.cell(2, 1).text, t.cell(2, 2).text = "71", "71"
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    buf = io.BytesIO()
    document.save(buf)
    raw = read_docx(buf.getvalue(), "t.docx", "0")
    assert raw.tables[0].rows == (
        ("三、本年度办理结果", "（一）予以公开", "（一）予以公开"),
        ("三、本年度办理结果", "自然人", "总计"),
        ("三、本年度办理结果", "71", "71"),
    )
    # document order: paragraph, table rows (each merged cell once), paragraph
    assert raw.text.split("\n")[:-1] == [
        "三、收到和处理政府信息公开申请情况",
        "三、本年度办理结果\t（一）予以公开",
        "自然人\t总计",
        "71\t71",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    assert raw.text.index("\t") > raw.tables[0].anchor - 1


def test_read_docx_one_column_table_is_layout():
    document = docx.Document()
    t = document.add_table(rows=2, cols=1)
    t.cell(0, 0).text, t.cell(1, 0).text = "一、概述", "二、主动公开"
    buf = io.BytesIO()
    document.save(buf)
    raw = read_docx(buf.getvalue(), "t.docx", "0")
    assert raw.tables == () and raw.text == "一、概述\n二、主动公开\n"


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"PK\x03\x04 not really a zip", "broken DOCX"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "encrypted or old binary Word file"),
])
def test_read_docx_unreadable_reasons(data, reason):
    with pytest.raises(UnreadableInput) as err:
        read_bytes(data, "report.docx") if data else read_docx(data, "report.docx", "0")
    assert reason in err.value.reason


def test_read_docx_layout_table_holding_a_table():
    document = docx.Document()
    outer = document.add_table(rows=2, cols=1)
    outer.cell(0, 0).text = "平潭县2012年政府信息公开工作年度报告"
    inner = outer.cell(1, 0).add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "主动公开信息数", "2026"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "行政复议数", "0"
    buf = io.BytesIO()
    document.save(buf)
    raw = read_docx(buf.getvalue(), "t.docx", "0")
    assert [t.rows for t in raw.tables] == [(("主动公开信息数", "2026"), ("行政复议数", "0"))]
    assert raw.text == "平潭县2012年政府信息公开工作年度报告\n主动公开信息数\t2026\n行政复议数\t0\n"
