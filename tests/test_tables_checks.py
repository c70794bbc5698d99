"""Table identity checks (T3-1, T3-2, T3-3, T4-1), table.cell_invalid and table.t2_stock, on real
reports and on small grids that break one identity at a time."""

import pytest

from extract.checks import tables as table_checks
from extract.normalize import normalize
from extract.process import analyse_file
from extract.read import read_file
from extract.tables import find_table_facts
from extract.types import Analysis, RawDocument, ReportMeta, Table

T3_LABELS = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
             "（二）部分公开", "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
             "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷",
             "8.属于行政查询事项", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
             "3.补正后申请内容仍不明确", "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
             "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息", "（六）其他处理",
             "（七）总计", "四、结转下年度继续办理"]
GROUPS = [None, None, None, None] + ["（三）不予公开"] * 8 + ["（四）无法提供"] * 3 + ["（五）不予处理"] * 5 + [
    "（六）其他处理", None, None]
HEADER = [("申请人情况", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")]


def _t3_rows(values: dict):
    """A 2019 table 三 grid: every row 0 except `values` {row index: [7 cells]}."""
    rows = list(HEADER)
    for i, label in enumerate(T3_LABELS):
        cells = values.get(i, ["0"] * 7)
        rows.append((GROUPS[i] or label, label, *cells))
    return tuple(tuple(r) for r in rows)


def _analysis(*tables):
    raw = RawDocument(path="<grid>.html", sha256="x", kind="html", text="表格\n" * 5,
                      tables=tuple(Table(rows=t, anchor=0, index=i) for i, t in enumerate(tables)))
    doc = normalize(raw)
    facts = find_table_facts(doc, ReportMeta()).facts
    return Analysis(doc=doc, meta=ReportMeta(), facts=facts)


def _codes(analysis):
    return sorted((f.code, tuple(f.values)) for f in table_checks.check(analysis))


def test_tables_checks_balanced_table_has_no_flag():
    rows = _t3_rows({0: ["5", "1", "0", "0", "0", "0", "6"], 2: ["3", "1", "0", "0", "0", "0", "4"],
                     12: ["2", "0", "0", "0", "0", "0", "2"], 21: ["5", "1", "0", "0", "0", "0", "6"]})
    assert _codes(_analysis(rows)) == []


def test_tables_checks_row_total():
    rows = _t3_rows({0: ["5", "1", "0", "0", "0", "0", "7"], 2: ["5", "1", "0", "0", "0", "0", "6"],
                     21: ["5", "1", "0", "0", "0", "0", "6"]})
    flags = _codes(_analysis(rows))
    # 一's 总计 7 ≠ 5+1; and in the 总计 column 一+二 = 7 ≠ （七）6 + 四 0
    assert ("table.t3_row_total", (6, 7)) in flags
    assert ("table.t3_balance", (7, 6)) in flags
    assert len(flags) == 2


def test_tables_checks_results_total():
    rows = _t3_rows({0: ["5", "0", "0", "0", "0", "0", "5"], 2: ["3", "0", "0", "0", "0", "0", "3"],
                     21: ["5", "0", "0", "0", "0", "0", "5"]})
    flags = _codes(_analysis(rows))
    assert flags == [("table.t3_results_total", (3, 5)), ("table.t3_results_total", (3, 5))]
    ev = table_checks.check(_analysis(rows))[0].evidence
    assert ev[0].cell.startswith("表三 （七）总计 / ")


def test_tables_checks_cell_invalid_stops_identities():
    rows = _t3_rows({0: ["无", "0", "0", "0", "0", "0", "5"], 2: ["5", "0", "0", "0", "0", "0", "5"],
                     21: ["5", "0", "0", "0", "0", "0", "5"]})
    analysis = _analysis(rows)
    flags = _codes(analysis)
    assert flags == [("table.cell_invalid", ("无",))]
    assert "t3.new_received.natural_person" not in {f.key for f in analysis.facts}


@pytest.mark.parametrize("raw", ["-2", "3件", "2.5"])
def test_tables_checks_cell_invalid_kinds(raw):
    rows = _t3_rows({1: [raw, "0", "0", "0", "0", "0", "0"]})
    assert ("table.cell_invalid", (raw,)) in _codes(_analysis(rows))


def test_tables_checks_t4_block_total_and_blank_is_not_zero_total():
    t4 = (("行政复议",) * 5 + ("行政诉讼",) * 10,
          ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") + ("未经复议直接起诉",) * 5 + ("复议后起诉",) * 5,
          ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 3,
          ("10", "1", "0", "0", "0", "", "", "", "", "", "2", "0", "0", "0", "2"))
    assert _codes(_analysis(t4)) == [("table.t4_block_total", (11, 0))]


def test_tables_checks_t2_stock_soft():
    t2 = (("第二十条第（一）项",) * 4, ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
          ("规章", "0", "0", "0"), ("行政规范性文件", "9", "1", "5"))
    flags = table_checks.check(_analysis(t2))
    assert [(f.code, f.severity, tuple(f.values)) for f in flags] == [("table.t2_stock", "warning", (9, 6))]


def test_tables_checks_001_t4_twice(shared_dir):
    analysis = analyse_file(shared_dir / "corpus" / "001_hongze-qu-2023.pdf")
    flags = [(f.code, tuple(f.values)) for f in analysis.flags if f.code.startswith("table.")]
    assert sorted(flags) == [("table.t4_block_total", (5, 0)), ("table.t4_block_total", (11, 0))]
    f = next(f for f in analysis.flags if f.values == (11, 0))
    assert f.evidence[0].cell == "表四 行政复议 / 总计" and f.evidence[0].page == 4


@pytest.mark.parametrize("folder,name", [("corpus", "025_shanghai-shifu-bangongting-2019.html"),
                                         ("corpus", "012_huaian-shi-2024.pdf"),
                                         ("corpus", "028_pingtan-zonghe-shiyanqu-2021.txt"),
                                         ("corpus", "014_shanghai-kewei-2024-pdf2md.txt"),
                                         ("corpus-pdf", "2023_pingtan-zonghe-shiyanqu.pdf")])
def test_tables_checks_real_tables_balance(shared_dir, folder, name):
    doc = normalize(read_file(shared_dir / folder / name))
    analysis = Analysis(doc=doc, meta=ReportMeta(), facts=find_table_facts(doc, None).facts)
    assert list(table_checks.check(analysis)) == []


def test_tables_checks_org_subtotal_column():
    """Some reports add a 法人或其他组织 小计 column: read as org_subtotal and checked (T3-3)."""
    header = [("申请人情况", "", "自然人") + ("法人或其他组织",) * 6 + ("总计",),
              ("申请人情况", "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "小计", "总计")]
    rows = list(header)
    for i, label in enumerate(T3_LABELS):
        cells = ["0"] * 8
        if i in (0, 2, 21):  # 一, （一）予以公开, （七）总计
            cells = ["3", "1", "0", "0", "0", "1", "1", "4"]  # 小计 1 but 1 + 1 = 2; 总计 3 + 1 = 4
        rows.append((GROUPS[i] or label, label, *cells))
    analysis = _analysis(tuple(tuple(r) for r in rows))
    keys = {f.key: f.value for f in analysis.facts}
    assert keys["t3.new_received.org_subtotal"] == 1 and keys["t3.new_received.total"] == 4
    assert _codes(analysis) == [("table.t3_row_total", (2, 1))] * 3


def test_tables_checks_format_from_table_two_first():
    """Table 二's columns decide the format even when table 三 comes first (contract §3)."""
    t3 = list(HEADER)
    labels = T3_LABELS[:20] + ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                               "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                               "3.其他"] + T3_LABELS[21:]
    groups = GROUPS[:20] + ["（六）其他处理"] * 3 + GROUPS[21:]
    for g, label in zip(groups, labels):
        t3.append((g or label, label, *(["0"] * 7)))
    t2 = (("第二十条第（一）项",) * 4, ("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"),
          ("规章", "0", "0", "0"))
    raw = RawDocument(path="<grid>.html", sha256="x", kind="html", text="表格\n" * 5,
                      tables=(Table(rows=tuple(tuple(r) for r in t3)), Table(rows=t2, index=1)))
    doc = normalize(raw)
    result = find_table_facts(doc, ReportMeta())
    assert result.format == "std2019"
    assert "t3.other.other.total" in {f.key for f in result.facts}
    only_t3 = find_table_facts(normalize(RawDocument(path="<g>.html", sha256="y", kind="html", text="x\n",
                                                     tables=(Table(rows=tuple(tuple(r) for r in t3)),))), None)
    assert only_t3.format == "std2021"


def test_tables_checks_traditional_characters_grid():
    """Mirror copies print the tables in traditional characters (總計, 商業企業, 予以公開)."""
    trad = str.maketrans("总计业构织开结转办处请数属类过执询", "總計業構織開結轉辦處請數屬類過執詢")
    rows = tuple(tuple(c.translate(trad) for c in r) for r in _t3_rows(
        {0: ["5", "1", "0", "0", "0", "0", "7"], 2: ["5", "1", "0", "0", "0", "0", "6"],
         21: ["5", "1", "0", "0", "0", "0", "6"]}))
    assert "總計" in rows[0] and "（一）予以公開" in rows[3]
    analysis = _analysis(rows)
    keys = {f.key for f in analysis.facts}
    assert len([k for k in keys if k.startswith("t3.")]) == 161
    assert ("table.t3_row_total", (6, 7)) in _codes(analysis)
    assert next(f for f in analysis.facts if f.key == "t3.granted.total").cell == ("（一）予以公开", "总计")
