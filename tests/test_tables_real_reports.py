"""Tables read from real reports (HTML grids, PDF grids, flattened text) against their gold files."""

from pathlib import Path

import pytest
import yaml

from extract.normalize import normalize
from extract.read import read_file
from extract.tables import find_table_facts, read_tables


def _doc(path):
    return normalize(read_file(path))


def _gold_table_facts(gold_path: Path) -> dict:
    with open(gold_path, encoding="utf-8") as fh:
        gold = yaml.safe_load(fh)
    return {f["key"]: f["value"] for f in gold["facts"] if f["key"].startswith(("t2.", "t3.", "t4."))}


def _compare(doc, gold_path):
    facts = {f.key: f.value for f in find_table_facts(doc, None).facts if f.key.startswith(("t2.", "t3.", "t4."))}
    gold = _gold_table_facts(gold_path)
    wrong = {k: (facts[k], v) for k, v in gold.items() if k in facts and facts[k] != v}
    missing = sorted(k for k in gold if k not in facts)
    extra = sorted(k for k in facts if k not in gold)
    return wrong, missing, extra


# (corpus folder under shared, file, format, keys the gold has that the report's text leaves open)
CASES = [
    ("corpus", "025_shanghai-shifu-bangongting-2019.html", "std2019", 0),
    ("corpus-html", "2023_pingtan-zonghe-shiyanqu.html", "std2021", 0),
    ("corpus-html", "2019_pingtan-zonghe-shiyanqu.html", "std2019", 0),
    ("corpus", "001_hongze-qu-2023.pdf", "std2021", 0),   # 2021 表二 with a 2019-style （六） row
    ("corpus", "012_huaian-shi-2024.pdf", "std2021", 0),
    ("corpus-pdf", "2023_pingtan-zonghe-shiyanqu.pdf", "std2021", 0),  # header split over two grids
    # flattened text: 表二 runs such as 行政规范性文件693665 have several readings and stay unread
    ("corpus", "028_pingtan-zonghe-shiyanqu-2021.txt", "std2021", 3),
    ("corpus", "019_pingtan-zonghe-shiyanqu-2019.txt", "std2019", 19),
    # markdown with 表三 rows split from their labels; 四 总计 is blank in the copy
    ("corpus", "014_shanghai-kewei-2024-pdf2md.txt", "std2021", 1),
]


@pytest.mark.parametrize("folder,name,fmt,left_open", CASES, ids=[c[1] for c in CASES])
def test_tables_real_reports_match_gold(shared_dir, folder, name, fmt, left_open):
    doc = _doc(shared_dir / folder / name)
    gold_path = shared_dir / folder / "gold" / (Path(name).stem + ".yaml")
    wrong, missing, extra = _compare(doc, gold_path)
    assert wrong == {}
    assert len(missing) == left_open, missing
    assert find_table_facts(doc, None).format == fmt
    # 025 leaves cells blank: a blank cell is no fact, so nothing beyond gold
    assert extra == [] or not name.startswith("025")


def test_tables_real_reports_pdf_cells_have_pages(shared_dir):
    doc = _doc(shared_dir / "corpus" / "001_hongze-qu-2023.pdf")
    t3 = [f for f in find_table_facts(doc, None).facts if f.key.startswith("t3.")]
    assert len(t3) == 161  # 23 value rows x 7 (2019-style （六）)
    assert all(f.page in (3, 4) for f in t3)
    assert all(doc.text[f.start:f.end] == f.raw for f in t3)
    assert all(f.origin == "table" and f.cell and f.rule for f in t3)


def test_tables_real_reports_012_reads_175_cells(shared_dir):
    doc = _doc(shared_dir / "corpus" / "012_huaian-shi-2024.pdf")
    t3 = [f for f in find_table_facts(doc, None).facts if f.key.startswith("t3.")]
    assert len(t3) == 175
    assert read_tables(doc).warnings == []


def test_tables_real_reports_glued_split_needs_identities(shared_dir):
    """028: 予以公开 '270020130' has two row-consistent readings; the column identities pick
    27,0,0,2,0,1,30 (gold comment)."""
    doc = _doc(shared_dir / "corpus" / "028_pingtan-zonghe-shiyanqu-2021.txt")
    facts = {f.key: f for f in find_table_facts(doc, None).facts}
    assert [facts[f"t3.granted.{c}"].value for c in
            ("natural_person", "business", "research", "ngo", "legal_services", "other_org", "total")] == [27, 0, 0, 2, 0, 1, 30]
    f = facts["t3.granted.total"]
    assert doc.text[f.start:f.end] == "30"
    warnings = read_tables(doc).warnings
    assert any("行政规范性文件" in w and "693665" in w for w in warnings)
    assert "t2.normative_doc.issued" not in facts


def test_tables_real_reports_pre2019_glued(shared_dir):
    """003: 主动公开信息数条4251516 / 1.网站公开条41815092.政府公报公开条77: the 其中 items must
    add to their total in both columns, which leaves 425|1516 and 418|1509 (the 2 is 2.'s number)."""
    doc = _doc(shared_dir / "corpus" / "003_pingtan-xian-2011.txt")
    facts = find_table_facts(doc, None).facts
    got = {(f.key, f.label if f.key.startswith(("proactive.by_", "requests.by_")) else None): f.value
           for f in facts if f.qualifier is None}
    running = {(f.key, f.label): f.value for f in facts if f.qualifier == "cumulative"}
    assert running[("proactive.by_channel", "网站公开")] == 1509  # for cross_year.cumulative
    assert got[("proactive.total", None)] == 425
    assert got[("proactive.cumulative", None)] == 1516
    assert got[("proactive.by_channel", "网站公开")] == 418
    assert got[("proactive.by_channel", "政府公报公开")] == 7
    assert got[("complaints.total", None)] == 0
    assert all(f.origin == "table" for f in facts)


def test_tables_real_reports_pre2019_lone_cell_is_not_guessed(shared_dir):
    """009 prints 2、政府公报公开 条 0 with one cell of two: which column is not knowable."""
    doc = _doc(shared_dir / "corpus" / "009_pingtan-zonghe-shiyanqu-2013.txt")
    facts = find_table_facts(doc, None)
    assert not any(f.label == "政府公报公开" for f in facts.facts)
    assert any("政府公报公开" in w for w in facts.warnings)
    assert {(f.key, f.value) for f in facts.facts} >= {("proactive.total", 72804), ("proactive.cumulative", 76424)}
