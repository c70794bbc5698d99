"""Text in a number cell of a standard table (无, /, 3件 in table 三) gives table.cell_invalid
or no fact for that cell, never a crash, in a markdown and an HTML report of the corpus."""

from __future__ import annotations

import regex
import pytest

from conftest import case_id, load_cases
from extract.process import analyse_file
from extract.read import read_bytes
from extract.normalize import normalize
from extract.process import analyse_document

CASES = load_cases("robust_table_cells")
ROW = "予以公开"
COLUMN = "商业企业"


def _markdown(text: str, cell: str) -> str:
    """014: | 三、 | （一）予以公开 | 9 | 0 | … — the fourth pipe cell is 商业企业."""
    lines = text.split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith("|") and ROW in line)
    cells = lines[i].split("|")
    cells[4] = f" {cell} "
    lines[i] = "|".join(cells)
    return "\n".join(lines)


def _html(text: str, cell: str) -> str:
    """025: …予以公开</p></td><td…><p align="center">258</p></td><td…><p …>12</p> — the
    second number cell after the row label is 商业企业."""
    at = text.index(ROW + "</p></td>")
    m = regex.compile(r"<p align=\"center\">([^<]*)</p>").search(text, at)
    m = regex.compile(r"<p align=\"center\">([^<]*)</p>").search(text, m.end())
    esc = cell.replace("&", "&amp;").replace("<", "&lt;")
    return text[:m.start(1)] + esc + text[m.end(1):]


REPORTS = [("014_shanghai-kewei-2024-pdf2md.txt", _markdown),
           ("025_shanghai-shifu-bangongting-2019.html", _html)]


def _cell_facts(a):
    return [f for f in a.facts if f.origin == "table" and f.cell
            and ROW in f.cell[0] and COLUMN in f.cell[1] and "部分" not in f.cell[0]]


@pytest.mark.parametrize("report,edit", REPORTS, ids=[r[0][:3] for r in REPORTS])
def test_robust_table_cells_original_reads(corpus_dir, report, edit):
    """The cell the cases overwrite is read in the original report (else the test proves nothing)."""
    facts = _cell_facts(analyse_file(corpus_dir / report))
    assert len(facts) == 1 and facts[0].value in (0, 12)


@pytest.mark.parametrize("report,edit", REPORTS, ids=[r[0][:3] for r in REPORTS])
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_robust_table_cells_text_in_number_cell(corpus_dir, report, edit, case):
    path = corpus_dir / report
    data = edit(path.read_text(encoding="utf-8"), case["cell"]).encode("utf-8")
    a = analyse_document(normalize(read_bytes(data, str(path))))
    facts = _cell_facts(a)
    if case["expect"] == "value":
        assert [f.value for f in facts] == [case["value"]]
        return
    invalid = [f for f in a.flags if f.code == "table.cell_invalid"]
    named = [f for f in invalid if any(ROW in (e.cell or "") and COLUMN in (e.cell or "")
                                       for e in f.evidence)]
    assert named or not facts, (facts, [f.message for f in invalid])


@pytest.mark.parametrize("report,edit", REPORTS, ids=[r[0][:3] for r in REPORTS])
def test_robust_table_cells_huge_figures_store(corpus_dir, fresh_db, report, edit):
    """A 23-digit figure in a cell and in the prose is no count: the report stores into SQLite
    (a Python int past 2**63 raised OverflowError in the insert)."""
    from db.store import report_rows, write_report

    path = corpus_dir / report
    text = edit(path.read_text(encoding="utf-8"), "99999999999999999999999")
    at = text.index("件")
    text = text[:at] + "，共收到申请99999999999999999999999件" + text[at:]
    a = analyse_document(normalize(read_bytes(text.encode("utf-8"), str(path))))
    assert not any(isinstance(f.value, int) and abs(f.value) >= 2 ** 63 for f in a.facts)
    with fresh_db.conn:
        write_report(fresh_db, report_rows(a, str(path)))
    assert fresh_db.execute("select count(*) from facts").fetchone()[0] == len(a.facts)
