"""Tables that are not tables: one cell per line, markdown pipes with labels, glued runs left open."""

from extract.table_text import _t3_order
from extract.tables import find_table_facts

LABELS_2021 = {
    "new_received": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
    "granted": "（一）予以公开", "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "denied.state_secret": "1.属于国家秘密", "denied.prohibited": "2.其他法律行政法规禁止公开",
    "denied.three_safety": "3.危及“三安全一稳定”", "denied.third_party": "4.保护第三方合法权益",
    "denied.internal": "5.属于三类内部事务信息", "denied.process": "6.属于四类过程性信息",
    "denied.enforcement_file": "7.属于行政执法案卷", "denied.admin_query": "8.属于行政查询事项",
    "unable.no_info": "1.本机关不掌握相关政府信息", "unable.needs_creation": "2.没有现成信息需要另行制作",
    "unable.unclear": "3.补正后申请内容仍不明确", "not_processed.complaint": "1.信访举报投诉类申请",
    "not_processed.repeat": "2.重复申请", "not_processed.publication": "3.要求提供公开出版物",
    "not_processed.massive": "4.无正当理由大量反复申请",
    "not_processed.confirm": "5.要求行政机关确认或重新出具已获取信息",
    "other.no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other.unpaid_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other.other": "3.其他", "total_processed": "（七）总计", "carried_forward": "四、结转下年度继续办理"}
GROUP_BEFORE = {"denied.state_secret": "（三）不予公开", "unable.no_info": "（四）无法提供",
                "not_processed.complaint": "（五）不予处理", "other.no_correction": "（六）其他处理",
                "granted": "三、本年度办理结果"}
# 029 (平潭 2023): 80 自然人 + 1 商业企业 = 81
VALUES = {"new_received": [80, 1, 0, 0, 0, 0, 81], "granted": [22, 0, 0, 0, 0, 0, 22],
          "partial": [19, 1, 0, 0, 0, 0, 20], "denied.third_party": [1, 0, 0, 0, 0, 0, 1],
          "denied.process": [1, 0, 0, 0, 0, 0, 1], "denied.enforcement_file": [1, 0, 0, 0, 0, 0, 1],
          "denied.admin_query": [2, 0, 0, 0, 0, 0, 2], "unable.no_info": [31, 0, 0, 0, 0, 0, 31],
          "not_processed.repeat": [1, 0, 0, 0, 0, 0, 1], "other.no_correction": [1, 0, 0, 0, 0, 0, 1],
          "other.other": [1, 0, 0, 0, 0, 0, 1], "total_processed": [80, 1, 0, 0, 0, 0, 81]}
HEAD = "三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n总计\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n"


def _vals(key):
    return VALUES.get(key, [0] * 7)


def test_tables_text_forms_one_cell_per_line(make_doc):
    lines = [HEAD]
    for key in _t3_order("std2021"):
        if key in GROUP_BEFORE:
            lines.append(GROUP_BEFORE[key] + "\n")
        lines.append(LABELS_2021[key] + "\n" + "\n".join(str(v) for v in _vals(key)) + "\n")
    doc = make_doc("".join(lines) + "四、政府信息公开行政复议、行政诉讼情况\n")
    result = find_table_facts(doc, None)
    facts = {f.key: f.value for f in result.facts}
    assert len([k for k in facts if k.startswith("t3.")]) == 175
    assert facts["t3.partial.total"] == 20 and facts["t3.other.other.natural_person"] == 1
    assert result.format == "std2021"
    f = next(f for f in result.facts if f.key == "t3.unable.no_info.total")
    assert doc.text[f.start:f.end] == "31"


def test_tables_text_forms_markdown_rows_with_labels(make_doc):
    rows = ["| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |", "|---|---|---|---|---|---|---|---|"]
    for key in _t3_order("std2021"):
        if key == "denied.prohibited":
            continue  # a row lost in conversion: the others are still read by their labels
        label = LABELS_2021[key]
        if key in GROUP_BEFORE:
            label = GROUP_BEFORE[key] + " | " + label
        rows.append("| " + label + " | " + " | ".join(str(v) for v in _vals(key)) + " |")
    doc = make_doc("\n".join(rows) + "\n\n四、政府信息公开行政复议、行政诉讼情况\n")
    facts = {f.key: f.value for f in find_table_facts(doc, None).facts}
    assert facts["t3.not_processed.repeat.total"] == 1
    assert facts["t3.other.other.total"] == 1
    assert not any(k.startswith("t3.denied.prohibited.") for k in facts)
    assert len([k for k in facts if k.startswith("t3.")]) == 168


def test_tables_text_forms_glued_run_left_open(make_doc):
    """A 统计表 total glued with its 历年累计 and nothing to decide the cut: no fact, a warning."""
    text = ("附件：政府信息公开情况统计表 指标名称计量单位2011年度历年累计主动公开信息数条4251516"
            "行政复议数条00行政诉讼数条00行政申诉数条00")
    result = find_table_facts(make_doc(text), None)
    keys = {f.key: f.value for f in result.facts}
    assert "proactive.total" not in keys and "proactive.cumulative" not in keys
    assert keys["review.total"] == 0 and keys["complaints.total"] == 0
    assert any("主动公开信息数" in w for w in result.warnings)


def test_tables_text_forms_prose_alone_gives_nothing(make_doc):
    text = ("2013年主动公开政府信息4970条，收到政府信息公开申请12件，均已按时答复。"
            "行政复议1件，行政诉讼0件。")
    assert find_table_facts(make_doc(text), None).facts == ()
