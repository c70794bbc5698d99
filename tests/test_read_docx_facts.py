"""Issue 5: a DOCX report made from a corpus report reads to the same facts as its source."""

import io

import docx
import pytest

from extract.process import analyse_raw
from extract.read import read_bytes


def docx_from_lines(raw) -> bytes:
    """A Word file with the report's lines as paragraphs and its tables as Word tables (cells
    as printed; spanned cells repeat their text, as the grid holds them)."""
    document = docx.Document()
    pos = 0
    for table in raw.tables:
        for line in raw.text[pos:table.anchor].splitlines():
            document.add_paragraph(line)
        t = document.add_table(rows=len(table.rows), cols=len(table.rows[0]))
        for r, row in enumerate(table.rows):
            for c, text in enumerate(row):
                t.cell(r, c).text = text or ""
        ends = [s[1] for row in (table.spans or ()) for s in row if s]
        pos = raw.text.index("\n", max(ends) - 1) + 1 if ends else table.anchor
    for line in raw.text[pos:].splitlines():
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def figures(analysis):
    return sorted((f.key, f.label, f.value) for f in analysis.facts)


@pytest.mark.parametrize("name", ["025_shanghai-shifu-bangongting-2019.html"])
def test_read_docx_report_has_the_same_facts_and_flags_as_its_source(corpus_dir, name):
    source = read_bytes((corpus_dir / name).read_bytes(), name)
    word = read_bytes(docx_from_lines(source), "report.docx")
    a, b = analyse_raw(source), analyse_raw(word)
    assert len(a.facts) > 60  # table cells and prose counts: a real comparison
    assert figures(b) == figures(a)
    assert sorted((f.code, f.values) for f in b.flags) == sorted((f.code, f.values) for f in a.flags)
    assert b.meta.format == a.meta.format == "std2019"
