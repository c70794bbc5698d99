"""read_pdf tables on real PDFs: the same figures as the HTML pages they were printed from,
012 淮安 2024's table 三 whole (175 value cells over two pages), spans into the raw text."""

import re

import pytest

from extract.read import read_file

PRINTS = ["2011_pingtan-xian", "2011_pingtan-zonghe-shiyanqu", "2012_pingtan-xian",
          "2012_pingtan-zonghe-shiyanqu", "2013_pingtan-dishuiju", "2018_pingtan-zonghe-shiyanqu",
          "2019_pingtan-zonghe-shiyanqu", "2023_pingtan-zonghe-shiyanqu", "2023_shuyang-fagaiju",
          "2024_pingtan-zonghe-shiyanqu"]
KANGXI = [n for n in PRINTS if n not in ("2013_pingtan-dishuiju", "2018_pingtan-zonghe-shiyanqu")]


def printed_numbers(raw):
    """Numeric cells as printed (a merged cell once), table after table, row after row."""
    out = []
    for t in raw.tables:
        for row, spans in zip(t.rows, t.spans):
            seen = set()
            for cell, span in zip(row, spans):
                if cell is None or span in seen:
                    continue
                seen.add(span)
                if re.fullmatch(r"\s*\d[\d.]*\s*", cell):
                    out.append(cell.strip())
    return out


@pytest.mark.parametrize("name", PRINTS)
def test_read_pdf_tables_match_the_html_page(shared_dir, name):
    html = read_file(shared_dir / "corpus-html" / f"{name}.html")
    pdf = read_file(shared_dir / "corpus-pdf" / f"{name}.pdf")
    assert printed_numbers(pdf) == printed_numbers(html)
    assert sum(len(t.rows) for t in pdf.tables) == sum(len(t.rows) for t in html.tables)


@pytest.mark.parametrize("name", KANGXI)
def test_read_pdf_tables_kangxi_text_layer_same_figures(shared_dir, name):
    html = read_file(shared_dir / "corpus-html" / f"{name}.html")
    pdf = read_file(shared_dir / "corpus-pdf" / "kangxi-text-layer" / f"{name}.noto-kangxi.pdf")
    assert pdf.status == "ok"
    assert printed_numbers(pdf) == printed_numbers(html)


def test_read_pdf_tables_word_page_white_rects_make_no_false_tables(shared_dir):
    # pre-2019 Word page: paragraphs painted on white rectangles; only the 统计表 is a table
    # (pdfplumber alone finds 5, 3, 11 and 7 "tables" on the prose pages 1-4)
    pdf = read_file(shared_dir / "corpus-pdf" / "2011_pingtan-zonghe-shiyanqu.pdf")
    assert [(t.page, len(t.rows), len(t.rows[0]), t.continues) for t in pdf.tables] == [
        (5, 16, 4, False), (6, 2, 4, True)]
    assert pdf.tables[0].rows[0] == ("指标名称", "计量\n单位", "2011\n年度", "历年累计")


def test_read_pdf_tables_huaian_table_three_holds_175_cells(shared_dir):
    raw = read_file(shared_dir / "corpus" / "012_huaian-shi-2024.pdf")
    pieces = [t for t in raw.tables if len(t.rows[0]) == 10]
    assert [(t.page, t.continues) for t in pieces] == [(4, False), (5, True)]
    value_rows = [row for t in pieces for row in t.rows
                  if sum(1 for c in row[3:] if c is not None and c.strip().isdigit()) == 7]
    assert len(value_rows) == 25
    assert sum(len(row[3:]) for row in value_rows) == 175
    first = value_rows[0]
    assert first[0].startswith("一、本年新收") and first[3:] == ("3001", "53", "0", "0", "61", "4", "3119")
    total = next(row for row in value_rows if row[1] == "（七）总计")
    assert total[3:] == ("2932", "53", "0", "0", "61", "4", "3050")
    assert value_rows[-1][0] == "四、结转下年度继续办理" and value_rows[-1][-1] == "103"
    # a label merged over rows repeats in every row it covers
    assert [row[1] for row in value_rows].count("（三）不\n予公开") == 8


@pytest.mark.parametrize("path", ["corpus/001_hongze-qu-2023.pdf", "corpus/002_hongze-qu-2024.pdf",
                                  "corpus/012_huaian-shi-2024.pdf",
                                  "corpus-pdf/2024_pingtan-zonghe-shiyanqu.pdf"])
def test_read_pdf_tables_stand_in_the_text_at_their_page(shared_dir, path):
    raw = read_file(shared_dir / path)
    assert raw.tables
    for i, t in enumerate(raw.tables):
        assert t.index == i
        assert all(len(row) == len(t.rows[0]) for row in t.rows)
        start = raw.page_starts[t.page - 1]
        end = raw.page_starts[t.page] if t.page < len(raw.page_starts) else len(raw.text)
        assert start <= t.anchor < end
        for row, spans in zip(t.rows, t.spans):
            for cell, span in zip(row, spans):
                assert (cell is None) == (span is None)
                if cell is not None:
                    assert raw.text[span[0]:span[1]] == cell.replace("\n", " ")


def test_read_pdf_tables_split_piece_continues(shared_dir):
    raw = read_file(shared_dir / "corpus-pdf" / "2024_pingtan-zonghe-shiyanqu.pdf")
    flags = [(t.page, len(t.rows[0]), t.continues) for t in raw.tables]
    # table 二 runs from page 2 to 3; table 三 starts on page 3 under its heading (not a continuation)
    assert flags[:3] == [(2, 4, False), (3, 2, True), (3, 10, False)]
    # the row cut by the page break opens page 4 and is kept
    assert any(row[2] == "7.属于行政执法案卷" for t in raw.tables if t.page == 4 for row in t.rows)


def test_read_pdf_tables_time_limit_keeps_text_and_notes_it(shared_dir, monkeypatch):
    from extract import read_pdf

    monkeypatch.setitem(read_pdf._config(), "table_seconds", -1.0)
    raw = read_file(shared_dir / "corpus" / "012_huaian-shi-2024.pdf")
    assert raw.tables == ()
    assert "全市共受理政府信息公开申请3119件" in raw.text.replace(" ", "")
    assert any("table extraction stopped" in n for n in raw.notes)
