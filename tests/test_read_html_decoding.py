"""read_html decodes by BOM, then the page's declared charset, then detection."""

from extract.read import read_bytes
from extract.read_html import decode_html, read_html

BODY = "<p>平潭综合实验区2012年政府信息公开工作年度报告</p><p>行政复议数0件。</p>"


def test_read_html_decoding_meta_gb2312_read_as_gb18030():
    # GB2312 pages hold GBK-only characters (镕) more often than not
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>{BODY}<p>朱镕基</p></body></html>'
    raw = read_html(page.encode("gb18030"), "p.html", "0")
    assert raw.encoding == "gb18030"
    assert "年度报告" in raw.text and "朱镕基" in raw.text


def test_read_html_decoding_meta_charset_html5():
    page = f'<!doctype html><html><head><meta charset="GBK"></head><body>{BODY}</body></html>'
    assert "行政复议数0件" in read_html(page.encode("gbk"), "p.html", "0").text


def test_read_html_decoding_bom_wins_over_meta():
    page = f'<html><head><meta charset="gb2312"></head><body>{BODY}</body></html>'
    raw = read_html(b"\xef\xbb\xbf" + page.encode("utf-8"), "p.html", "0")
    assert raw.encoding == "utf-8-sig" and "年度报告" in raw.text


def test_read_html_decoding_wrong_declaration_falls_back_to_detection():
    # a mirror re-saved a GB page as UTF-8 without fixing the meta (negative: declared gb2312)
    page = f'<html><head><meta charset="gb2312"></head><body>{BODY}</body></html>'
    text, _enc = decode_html(page.encode("utf-8"), "p.html")
    assert "年度报告" in text


def test_read_html_decoding_undeclared_utf8_and_xml_declaration():
    page = f'<?xml version="1.0" encoding="utf-8"?><html><body>{BODY}</body></html>'
    raw = read_bytes(page.encode("utf-8"), "p.htm")
    assert raw.kind == "html" and raw.text.startswith("平潭综合实验区2012年")


def test_read_html_decoding_utf16_page_is_sniffed_and_read():
    page = f"<html><body>{BODY}</body></html>"
    raw = read_bytes(page.encode("utf-16"), "<bytes>")
    assert raw.kind == "html" and raw.encoding == "utf-16" and "行政复议数0件" in raw.text


def test_read_html_decoding_fragment_without_html_tag_is_html():
    # 025: the report's own markup saved without <html>/<body>
    raw = read_bytes(BODY.encode("utf-8"), "<bytes>")
    assert raw.kind == "html" and raw.text.split("\n")[0] == "平潭综合实验区2012年政府信息公开工作年度报告"


def test_read_html_decoding_plain_text_is_not_html():  # negative
    assert read_bytes("本报告所列数据<统计期限>自2019年1月1日".encode("utf-8"), "<bytes>").kind == "txt"


def test_read_html_decoding_undeclared_gbk_page_is_detected():
    page = f"<html><body>{BODY}<p>本报告所列数据的统计期限自2012年1月1日起至2012年12月31日止。</p></body></html>"
    raw = read_bytes(page.encode("gbk"), "mirror.html")
    assert raw.encoding in ("gb18030", "gbk") and "统计期限" in raw.text
