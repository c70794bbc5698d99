"""The whole pipeline on random report-like text: it never raises (except UnreadableInput for
unusable input) and every span it returns indexes the normalized text (hypothesis).

The text is built from real corpus lines and the pieces hostile input is made of: digit runs
with and without separators, Chinese numerals, headings of every style, brackets, pinyin-like
glosses, tabs and table-ish digit rows, control characters and long lines without punctuation.
"""

from __future__ import annotations

from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from extract.errors import UnreadableInput
from extract.process import analyse_text


@lru_cache(maxsize=None)
def corpus_lines() -> tuple[str, ...]:
    """Every distinct non-empty line of the text reports (long flattened lines cut to pieces)."""
    lines = set()
    for path in sorted(CORPUS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            for i in range(0, min(len(line), 2000), 300):
                if line[i:i + 300]:
                    lines.add(line[i:i + 300])
    return tuple(sorted(lines))


CN_DIGITS = "零〇一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟"
WORDS = ["其中", "共", "合计", "总计", "件", "条", "个", "人次", "%", "％", "万元", "年", "月", "日",
         "至", "较上年增加", "同比下降", "分别为", "依申请公开", "主动公开", "政府信息", "行政复议",
         "行政诉讼", "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理", "约",
         "余", "以上", "第", "项", "一是", "二是", "截至", "累计", "本年度", "上年", "统计期限",
         "政府信息公开工作年度报告", "人民政府", "无", "/", "—", "-", "—"]
HEADINGS = ["一、", "二、", "三、", "四、", "（一）", "（二）", "(三)", "1.", "2、", "（1）", "①",
            "第一部分", "第二章", "表三", "一是", "\n一、概述\n", "\n三、收到和处理政府信息公开申请情况\n"]
BRACKETS = list("（）()〔〕【】［］[]《》〈〉“”‘’「」")
CONTROL = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\u200b", "\ufeff", "\u2028",
           "\u00a0", "\u3000", "\r", "\r\n", "\t"]

digits = st.from_regex(r"[0-9０-９]{1,12}", fullmatch=True)
separated = st.from_regex(r"[0-9]{1,4}(?:[,，.．、 \t][0-9]{1,4}){1,8}", fullmatch=True)
cn_numeral = st.text(alphabet=CN_DIGITS, min_size=1, max_size=8)
pinyin = st.lists(st.from_regex(r"[a-z]{1,6}[1-4]?", fullmatch=True), min_size=1, max_size=8).map(" ".join)
table_row = st.lists(digits, min_size=3, max_size=9).map("\t".join).map(lambda r: "\n" + r + "\n")
long_run = st.tuples(st.sampled_from(["一", "1", "其中", "件", "啊", "（", "1,", "a"]),
                     st.integers(1, 3000)).map(lambda t: t[0] * t[1])
piece = st.one_of(
    st.sampled_from(corpus_lines()).map(lambda s: s + "\n"),
    st.sampled_from(corpus_lines()),
    digits, separated, cn_numeral, pinyin, table_row, long_run,
    st.sampled_from(WORDS), st.sampled_from(HEADINGS), st.sampled_from(BRACKETS),
    st.sampled_from(CONTROL),
    st.text(max_size=20),  # anything at all, surrogates aside
)
reports = st.lists(piece, min_size=1, max_size=60).map("".join)


def _check_spans(a) -> None:
    n = len(a.doc.text)

    def ok(s, e, what):
        assert 0 <= s <= e <= n, f"{what}: span ({s}, {e}) outside the text of length {n}"

    for f in a.facts:
        ok(f.start, f.end, f"fact {f.id} {f.key}")
    for fl in a.flags:
        for ev in fl.evidence:
            if ev.source is None:  # cross-year evidence indexes another report
                ok(ev.start, ev.end, f"flag {fl.code}")
    for s in a.sections:
        ok(s.start, s.end, "section")
        ok(s.start, s.body_end, "section body")
    for m in a.numbers:
        ok(m.start, m.end, "number")
        assert a.doc.text[m.start:m.end] == m.text
    meta = a.meta
    for span in (meta.title_span, meta.agency_span, meta.published_span,
                 meta.period.span if meta.period else None):
        if span:
            ok(span[0], span[1], "metadata")
    assert len(a.doc.offsets) == n + 1


def _analyse_or_unreadable(text: str):
    try:
        return analyse_text(text)
    except UnreadableInput:
        return None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports)
def test_robust_fuzz_report_like_text(text):
    a = _analyse_or_unreadable(text)
    if a is not None:
        _check_spans(a)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(CORPUS.glob("*.txt"))), st.data())
def test_robust_fuzz_real_report_with_insertions(path, data):
    """A real report with hostile pieces spliced in at random places."""
    text = path.read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(piece) + text[at:]
    a = _analyse_or_unreadable(text)
    assert a is not None  # a real report stays readable whatever is spliced in
    _check_spans(a)


MARKUP = ["<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", '<td rowspan="3">',
          '<td colspan="9">', '<td rowspan="0">', '<td colspan="-1">', '<td rowspan="99999">',
          "<th>", "<p>", "</p>", "<br>", "<div>", "</div>", "<script>", "</script>", "<style>",
          "<!--", "-->", "&nbsp;", "&#12345;", "&#xD800;", "&amp;", "<caption>", "<tbody>",
          "<span style='display:none'>", "</span>"]
pages = st.lists(st.one_of(piece, st.sampled_from(MARKUP)), min_size=1, max_size=80).map(
    lambda ps: "<html><body>" + "".join(ps) + "</body></html>")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pages)
def test_robust_fuzz_web_pages(page):
    """The same pieces inside broken markup (spans past the grid, stray entities, hidden text),
    read as HTML."""
    try:
        a = analyse_text(page, "fuzz.html")
    except UnreadableInput:
        return
    _check_spans(a)


def test_robust_fuzz_real_reports_spans(corpus_dir):
    """Every text report of the corpus as it is (the property the fuzzing generalises)."""
    for path in sorted(corpus_dir.glob("*.txt")):
        _check_spans(analyse_text(path.read_text(encoding="utf-8"), str(path)))
