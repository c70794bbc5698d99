"""read_pdf on files it cannot use: each gives its own reason, never a crash; pdfminer's
chatter stays out of the terminal."""

import ctypes
import hashlib
import io
import logging
import struct

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from extract.errors import NeedsOCR, UnreadableInput
from extract.read import read_bytes, read_file
from extract.read_pdf import read_pdf

_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def _rc4(key, data):
    s, j = list(range(256)), 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user=b"secret", owner=b"owner") -> bytes:
    """One empty page under the standard security handler (RC4 40-bit, revision 2)."""
    padded = lambda pw: (pw + _PAD)[:32]  # noqa: E731
    o = _rc4(hashlib.md5(padded(owner)).digest()[:5], padded(user))
    p = -4
    file_id = hashlib.md5(b"gouji-test").digest()
    key = hashlib.md5(padded(user) + o + struct.pack("<i", p) + file_id).digest()[:5]
    u = _rc4(key, _PAD)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (o.hex().encode(), u.hex().encode(), p)]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1, file_id.hex().encode(), file_id.hex().encode(), xref)
    return bytes(out)


def _save(pdf) -> bytes:
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def image_only_pdf() -> bytes:
    """A page with a filled rectangle and no text: what a scan looks like to a text reader."""
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    rect = pdfium_c.FPDFPageObj_CreateNewRect(100, 100, 300, 200)
    pdfium_c.FPDFPageObj_SetFillColor(rect, 200, 30, 30, 255)
    pdfium_c.FPDFPath_SetDrawMode(rect, pdfium_c.FPDF_FILLMODE_ALTERNATE, 0)
    pdfium_c.FPDFPage_InsertObject(page.raw, rect)
    pdfium_c.FPDFPage_GenerateContent(page.raw)
    return _save(pdf)


def text_pdf(*pages: str) -> bytes:
    """Pages of text in a standard font (WinAnsi), as a font without a Unicode map reads."""
    pdf = pdfium.PdfDocument.new()
    for text in pages:
        page = pdf.new_page(595, 842)
        obj = pdfium_c.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", 12.0)
        units = (ctypes.c_ushort * (len(text) + 1))(*[ord(ch) for ch in text], 0)
        pdfium_c.FPDFText_SetText(obj, ctypes.cast(units, pdfium_c.FPDF_WIDESTRING))
        pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 50, 700)
        pdfium_c.FPDFPage_InsertObject(page.raw, obj)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
    return _save(pdf)


def test_read_pdf_failures_encrypted_pdf_is_unreadable_with_reason():
    data = encrypted_pdf()
    assert len(pdfium.PdfDocument(data, password="secret")) == 1  # it is a real encrypted PDF
    with pytest.raises(UnreadableInput) as err:
        read_bytes(data, "report.pdf")
    assert not isinstance(err.value, NeedsOCR)
    assert err.value.reason.startswith("encrypted PDF")


@pytest.mark.parametrize("cut", [100, 5000, 0.5])
def test_read_pdf_failures_truncated_pdf_is_broken(shared_dir, cut):
    data = (shared_dir / "corpus" / "001_hongze-qu-2023.pdf").read_bytes()
    data = data[: int(len(data) * cut) if isinstance(cut, float) else cut]
    with pytest.raises(UnreadableInput) as err:
        read_bytes(data, "report.pdf")
    assert err.value.reason.startswith("broken PDF")


def test_read_pdf_failures_image_only_needs_ocr():
    with pytest.raises(NeedsOCR) as err:
        read_bytes(image_only_pdf(), "scan.pdf")
    assert err.value.reason.startswith("no text layer")


def test_read_pdf_failures_garbled_text_layer_needs_ocr():
    with pytest.raises(NeedsOCR) as err:
        read_bytes(text_pdf("¿”¿¡fl‹ ÷øæ¿¡ ‹¿”fl¡ ÷¿øæ ¿”¿¡fl‹ ÷øæ¿¡ ‹¿”fl¡"), "garbled.pdf")
    assert err.value.reason.startswith("garbled text layer")


def test_read_pdf_failures_one_garbled_page_is_noted():
    raw = read_bytes(text_pdf("Government information disclosure annual report 2019: 100 requests answered.",
                              "¿”¿¡fl‹ ÷øæ¿¡ ‹¿”fl¡ ÷¿øæ ¿”¿¡fl‹ ÷øæ¿¡ ‹¿”fl¡"), "mixed.pdf")
    assert raw.status == "ok" and len(raw.page_starts) == 2
    assert raw.notes == ("garbled text layer on pages 2 (needs OCR)",)


def test_read_pdf_failures_plain_text_pdf_reads():  # negative: a clean text layer is fine
    raw = read_bytes(text_pdf("Government information disclosure annual report 2019: 100 requests"), "en.pdf")
    assert raw.status == "ok" and "100 requests" in raw.text and raw.page_starts == (0,)


@pytest.mark.parametrize("data, reason", [(b"", "empty file"),
                                          (b"this is not a PDF at all", "broken PDF")])
def test_read_pdf_failures_empty_and_not_pdf(data, reason):
    with pytest.raises(UnreadableInput) as err:
        read_pdf(data, "x.pdf", "0")
    assert err.value.reason.startswith(reason)
    if data:  # through the dispatcher too: a .pdf name goes to the PDF reader
        with pytest.raises(UnreadableInput):
            read_bytes(data, "x.pdf")


@pytest.mark.parametrize("slow_path", [False, True])
def test_read_pdf_failures_pdfminer_chatter_stays_quiet(shared_dir, capfd, caplog, monkeypatch, slow_path):
    # pdfminer logs 'Could not get FontBBox…' on this print's table page 6 (012 淮安 did it a
    # thousand times with other pdfminer versions); the slow path lets pdfminer parse the pages
    from extract import read_pdf as module

    if slow_path:
        monkeypatch.setattr(module, "_pdfium_edges", lambda *a: 1 / 0)
    with caplog.at_level(logging.DEBUG):
        raw = read_file(shared_dir / "corpus-pdf" / "2023_pingtan-zonghe-shiyanqu.pdf")
    assert sum(len(t.rows) for t in raw.tables) == 46  # as the HTML page's three tables
    out, err = capfd.readouterr()
    assert "FontBBox" not in out + err
    assert not [r for r in caplog.records if r.name.startswith("pdfminer")]
    mine = [r for r in caplog.records if r.name == "gouji.read_pdf"]
    assert len(mine) == (1 if slow_path else 0)
    if slow_path:
        assert mine[0].levelno == logging.DEBUG and "FontBBox" in mine[0].getMessage()
    assert logging.getLogger("pdfminer").propagate  # restored after reading


def test_read_pdf_failures_drawing_page_is_not_searched(shared_dir, monkeypatch):
    # a page of more ruling segments than max_page_edges (a map, a chart) is skipped with a note
    from extract import read_pdf as module

    monkeypatch.setitem(module._config(), "max_page_edges", 10)
    raw = read_file(shared_dir / "corpus" / "012_huaian-shi-2024.pdf")
    assert raw.tables == () and "3119" in raw.text
    assert any("ruling segments" in n for n in raw.notes)


def test_read_pdf_failures_batch_ingest_records_each_and_goes_on(fresh_db, tmp_path, corpus_dir):
    """Issue 5: broken, encrypted, image-only and empty PDFs each give their own clear line,
    and the good reports of the same batch are ingested."""
    from db.ingest import find_sources, ingest

    d = tmp_path / "batch"
    d.mkdir()
    good = corpus_dir / "001_hongze-qu-2023.pdf"
    (d / "a_good.pdf").write_bytes(good.read_bytes())
    (d / "b_broken.pdf").write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])
    (d / "c_encrypted.pdf").write_bytes(encrypted_pdf())
    (d / "d_scan.pdf").write_bytes(image_only_pdf())
    (d / "e_empty.pdf").write_bytes(b"")
    (d / "f_good.txt").write_bytes((corpus_dir / "000_ee0214fd6cb0a06f.txt").read_bytes())
    summary = ingest(fresh_db, find_sources([str(d)]), workers=1)
    assert summary.failed >= 3
    stored = {r["path"].rsplit("/", 1)[1]: r["status"] for r in fresh_db["reports"].rows}
    assert stored.get("a_good.pdf") == "ok" and stored.get("f_good.txt") == "ok"
    failures = {r["path"].rsplit("/", 1)[1]: r["reason"] for r in fresh_db["failures"].rows}
    # the image-only scan is kept as needs_ocr (a report we know of but cannot read) or failed
    scan = failures.get("d_scan.pdf") or stored.get("d_scan.pdf")
    assert scan and ("OCR" in scan or scan == "needs_ocr")
    reasons = [failures["b_broken.pdf"], failures["c_encrypted.pdf"], failures["e_empty.pdf"]]
    assert reasons[1].startswith("encrypted PDF") and "empty" in reasons[2]
    assert len(set(reasons)) == 3, reasons
