"""normalize on real reports: the seed (traditional + pinyin glosses), 014 (pdf2md wrapped
lines), 044/045 (glossed notices), 032/055/070 (traditional copies), pingtan page heads, and a
Kangxi-radical PDF text layer."""

import pytest

from extract.normalize import normalize_text


def _norm(path):
    raw = path.read_text(encoding="utf-8")
    text, offsets = normalize_text(raw)
    assert len(offsets) == len(text) + 1 and offsets[-1] == len(raw)
    assert all(a <= b for a, b in zip(offsets, offsets[1:]))
    return raw, text, offsets


def _raw_of(raw, text, offsets, needle):
    i = text.index(needle)
    return raw[offsets[i]: offsets[i + len(needle) - 1] + 1]


def test_seed_reads_as_simplified_without_glosses(corpus_dir):
    raw, text, offsets = _norm(corpus_dir / "000_ee0214fd6cb0a06f.txt")
    assert "统计期限自2013年1月1日起至2013年12月1日止" in text
    assert "累计主动公开政府信息28条" in text
    assert "总结报告" in text
    assert "(以下简称《条例》)" in text  # a real parenthesis stays
    assert "(jié)" not in text and "(jìn)" not in text
    # the span maps back to the traditional, glossed original
    assert _raw_of(raw, text, offsets, "统计期限") == "統(tǒng)計期限"


def test_seed_keeps_its_lines(corpus_dir):
    _, text, _ = _norm(corpus_dir / "000_ee0214fd6cb0a06f.txt")
    lines = text.split("\n")
    assert "一、概述" in lines
    assert "(一)加强政府信息公开工作队伍建设" in lines


def test_014_wrapped_lines_joined(corpus_dir):
    raw, text, offsets = _norm(corpus_dir / "014_shanghai-kewei-2024-pdf2md.txt")
    assert "统计周期为2024年1月1日至12月31日" in text
    assert "截至2024年12月31日，市科委通过部门网站当年发布政府信息393件" in text
    assert "\n一、总体情况\n" in text
    assert "\n二、工作机制保障\n" in text
    # table rows stay rows
    assert "\n| 规范性文件 | 13 | 0 | 55 |\n" in text
    assert _raw_of(raw, text, offsets, "统计周期为2024年") == "统计周期\n为 2024 年"


@pytest.mark.parametrize("name, needle", [
    ("044_guoban-notice-2019-60-pinyin-mangled.txt", "对政府信息公开工作年度报告也提出了新的要求"),
    ("044_guoban-notice-2019-60-pinyin-mangled.txt", "文章来源:中央政府网"),
    ("045_guoban-format-2021-30-trad-pinyin-mangled.txt", "加强政府信息管理、展现政府施政过程及结果"),
    ("032_shanghai-shi-2012-traditional-partial.txt", "上海市政府信息公开规定》(以下简称《规定》)"),
    ("055_shanghai-shi-2009-traditional-partial.txt", "以公开为原则、不公开为例外"),
    ("070_hangzhou-binjiang-ju-2017-traditional-mirror-partial.txt", "行政复议案共1起"),
])
def test_mangled_copies_read_clean(corpus_dir, name, needle):
    _, text, _ = _norm(corpus_dir / name)
    assert needle in text


@pytest.mark.parametrize("name", ["004_pingtan-zonghe-shiyanqu-2011.txt",
                                  "028_pingtan-zonghe-shiyanqu-2021.txt"])
def test_pingtan_page_head_cut_but_header_kept(corpus_dir, name):
    _, text, _ = _norm(corpus_dir / name)
    assert "当前位置" not in text and "相关链接" not in text
    assert text.startswith("标题: 平潭综合实验区")
    assert "\n发布时间: 20" in text


def test_061_chrome_dropped_dates_kept(corpus_dir):
    _, text, _ = _norm(corpus_dir / "061_xietang-zhen-shangyu-2013.txt")
    assert "当前位置" not in text
    assert "公开日期: | 2015-07-27 10:52" in text
    assert "主动公开政府信息件数为123件" in text


def test_063_info_fields_stay_apart(corpus_dir):
    _, text, _ = _norm(corpus_dir / "063_nanlv-zhen-tunchang-2012-partial.txt")
    assert "发文机关:屯昌县 成文日期:2013年03月28日" in text
    assert "分类:公示公告" in text  # letter-spaced label closed up


def test_043_tab_hints_dropped(corpus_dir):
    _, text, _ = _norm(corpus_dir / "043_shanghai-putuo-2022h1-stats.txt")
    assert "tab按钮" not in text
    assert "共受理政府信息公开申请267件" in text


def test_no_corpus_report_loses_its_numbers(corpus_dir):
    """Normalization never drops a digit run from report content: every number of 3+ digits
    in the raw text outside dropped chrome is still in the normalized text."""
    import re

    for path in sorted(corpus_dir.glob("*.txt")):
        raw, text, offsets = _norm(path)
        kept = set(offsets[:-1])
        for m in re.finditer(r"\d{3,}", raw):
            if m.start() in kept:
                assert m.group() in text.replace(" ", ""), (path.name, m.group())


def test_kangxi_text_layer(shared_dir):
    pdfplumber = pytest.importorskip("pdfplumber")
    pdf = shared_dir / "corpus-pdf" / "kangxi-text-layer" / "2019_pingtan-zonghe-shiyanqu.noto-kangxi.pdf"
    with pdfplumber.open(pdf) as doc:
        raw = "\n".join(p.extract_text() or "" for p in doc.pages)
    assert "行政复议" not in raw  # the text layer holds ⾏ (U+2F8F) for 行
    text, _ = normalize_text(raw)
    assert "行政复议" in text
    assert "人民" in text
    assert not any(0x2E80 <= ord(c) <= 0x2FDF for c in text)


def test_every_corpus_line_maps_back_to_raw_that_normalizes_to_it(corpus_dir):
    """A normalized line made from one raw line: normalizing that raw span alone gives the line
    (the offset map is exact and no step depends on text outside the line)."""
    checked = 0
    for path in sorted(corpus_dir.glob("*.txt")):
        raw, text, offsets = _norm(path)
        start = 0
        for line in text.split("\n"):
            end = start + len(line)
            if line:
                seg = raw[offsets[start]: offsets[end - 1] + 1]
                if "\n" not in seg:
                    assert normalize_text(seg)[0] == line, (path.name, seg[:40])
                    checked += 1
            start = end + 1
    assert checked > 800
