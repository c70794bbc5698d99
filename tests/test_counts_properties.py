"""Properties of prose counts on generated report-like text: never raise, spans inside the text,
unique ids, parents that resolve to earlier totals, values equal to a number in the span."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.counts import find_facts
from extract.numbers import scan_numbers
from extract.types import ReportMeta

PIECES = ["主动公开政府信息", "其中", "，", "。", "；", "、", "条", "件", "%", "占", "分别为",
          "机构职能类信息", "规划计划类信息", "收到政府信息公开申请", "答复", "予以公开", "不予公开",
          "行政复议", "行政诉讼", "累计", "截至", "2013年", "12月", "较上年增加", "共计", "包括：",
          "各乡镇", "县直各单位", "中，", "兼职人员", "名", "(含", ")", "\n", "九十五", "余",
          "分别为", "同意公开", "和"]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.integers(0, 5000).map(str)),
                min_size=1, max_size=60).map("".join).filter(str.strip)


# make_doc only builds documents (no state between examples)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT, st.sampled_from([None, 2013]))
def test_counts_properties(make_doc, text, year):
    doc = make_doc(text)
    facts = find_facts(doc, (), ReportMeta(year=year), tuple(scan_numbers(doc.text)))
    ids = [f.id for f in facts]
    assert len(ids) == len(set(ids))
    seen = set()
    for f in facts:
        assert 0 <= f.start < f.end <= len(doc.text)
        assert f.value in [n.value for n in scan_numbers(doc.text[f.start:f.end])]
        if f.parent:
            assert f.parent in seen
        seen.add(f.id)
