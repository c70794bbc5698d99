"""read_pdf text on real PDFs: pages in order, page starts, page numbers dropped, Kangxi text
layers read (not taken for garbled), the garbled-text measure."""

import pytest

from extract.read import read_file
from extract.read_pdf import garbled_share


@pytest.mark.parametrize("path, pages", [("corpus/001_hongze-qu-2023.pdf", 5),
                                         ("corpus/002_hongze-qu-2024.pdf", 5),
                                         ("corpus/012_huaian-shi-2024.pdf", 6)])
def test_read_pdf_text_pages_and_period(shared_dir, path, pages):
    raw = read_file(shared_dir / path)
    assert raw.kind == "pdf" and raw.status == "ok"
    assert len(raw.page_starts) == pages and raw.page_starts[0] == 0
    assert list(raw.page_starts) == sorted(raw.page_starts)
    assert "\r" not in raw.text
    for start in raw.page_starts[1:]:
        assert raw.text[start - 1] == "\n"
    # the '- 1 -' page numbers of these Word prints are page furniture, not text
    assert not any(line.strip().startswith("- ") and line.strip().endswith(" -")
                   for line in raw.text.splitlines())
    assert "统计期限自" in raw.text.replace(" ", "")


def test_read_pdf_text_page_of_a_sentence(shared_dir):
    raw = read_file(shared_dir / "corpus" / "012_huaian-shi-2024.pdf")
    at = raw.text.index("全年收取政府信息公开信息处理费")
    assert at >= raw.page_starts[5]  # on page 6, the last
    assert raw.text.startswith("淮安市人民政府\n2024 年政府信息公开工作年度报告\n")


def test_read_pdf_text_browser_print_keeps_title_and_date(shared_dir):
    raw = read_file(shared_dir / "corpus-pdf" / "2019_pingtan-zonghe-shiyanqu.pdf")
    assert raw.text.split("\n")[:2] == ["平潭综合实验区2019年度政府信息公开工作年度报告",
                                        "来源：平潭县人民政府 时间：2020-01-20 15:22"]


@pytest.mark.parametrize("name", ["2011_pingtan-xian", "2024_pingtan-zonghe-shiyanqu"])
def test_read_pdf_text_kangxi_layer_is_text_not_garbage(shared_dir, name):
    # pdfminer reads these Noto prints as Kangxi radicals (⾏ for 行); pypdfium2 gives the
    # ideographs. Either way the layer is ordinary Chinese text, not a garbled one.
    kangxi = read_file(shared_dir / "corpus-pdf" / "kangxi-text-layer" / f"{name}.noto-kangxi.pdf")
    plain = read_file(shared_dir / "corpus-pdf" / f"{name}.pdf")
    assert kangxi.status == "ok" and garbled_share(kangxi.text) < 0.02
    squeeze = lambda t: "".join(t.split())  # noqa: E731 - line breaks fall elsewhere
    assert squeeze(kangxi.text)[:200] == squeeze(plain.text)[:200]


@pytest.mark.parametrize("text, garbled", [
    ("¿”¿¡fl‹ ÷øæ¿¡", True),  # a font without a Unicode map
    ("ÐÐÕþ¸´Òé ÐÐÕþËßËÏ", True),  # GBK bytes read as Latin-1
    ("本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。", False),
    ("⼈⺠政府（⼀）主动公开①㈠《条例》“三安全一稳定”，100%", False),  # Kangxi/CJK radicals
    ("Hello, 2019 annual report: 12.5%", False),
])
def test_read_pdf_text_garbled_share(text, garbled):
    assert (garbled_share(text) > 0.3) is garbled
