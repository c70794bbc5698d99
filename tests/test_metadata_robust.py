"""find_meta never raises on odd input and its spans stay inside the text (hypothesis)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.metadata import find_meta
from extract.normalize import normalize
from extract.types import RawDocument


def _doc(text):
    # built directly: the reader refuses an empty file, find_meta must still cope with one
    return normalize(RawDocument(path="<test>.txt", sha256="", kind="txt", text=text))

PIECES = ["2013年", "1月1日", "至", "12月31日", "统计期限", "自", "起", "止", "为", "\n", "。", "，",
          "政府信息公开工作年度报告", "发布时间:", "2014-01-20", "标题:", "人民政府", "街道办事处",
          "二〇一三年", "十二月", "三十一日", "截至", "底", "初", "关于", "通知", "|", " ", "本报告",
          "一、概述", "201711日", "20171231日", "附件", "某县"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_metadata_robust_any_text(pieces):
    doc = _doc("".join(pieces))
    meta = find_meta(doc)
    n = len(doc.text)
    for span in (meta.title_span, meta.agency_span, meta.published_span,
                 meta.period.span if meta.period else None):
        if span:
            assert 0 <= span[0] <= span[1] <= n
    if meta.period and meta.period.start and meta.period.end:
        assert meta.period.start <= meta.period.end
    assert meta.format in ("pre2019", "std2019", "std2021", "not_report")


def test_metadata_robust_empty():
    meta = find_meta(_doc(""))
    assert meta.period is None and meta.year is None and meta.format == "not_report"
