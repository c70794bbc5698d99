"""Reading a file into a RawDocument: dispatch on the file's kind, refuse oversized files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import UnreadableInput
from .types import RawDocument

MAX_BYTES = 64 * 1024 * 1024  # larger files are refused with a clear reason


def sniff_kind(path: str, data: bytes) -> str:
    """txt | html | pdf | docx, from the bytes first and the suffix second.

    A file named .pdf/.docx whose bytes are not one still goes to that reader, which says why it
    cannot read it (broken, encrypted) instead of decoding binary as text.
    """
    suffix = path.lower().rsplit(".", 1)[-1] if "." in path else ""
    head = data[:1024].lstrip().lower()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 (Windows 'Unicode' saves)
        head = data[:2048].decode("utf-16", "ignore").encode("ascii", "ignore").lstrip().lower()
    if b"%PDF-" in data[:1024] or suffix == "pdf":
        return "pdf"
    if data.startswith(b"PK\x03\x04") and (b"word/document.xml" in data or suffix == "docx"):
        return "docx"
    if suffix in ("docx", "docm"):
        return "docx"
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2:].lstrip()
    if (head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta"))
            or suffix in ("html", "htm", "shtml", "xhtml")):
        return "html"
    # a saved fragment (the report's own markup without <html>): starts with a block tag
    if head.startswith((b"<p", b"<div", b"<table", b"<h1", b"<h2", b"<span", b"<center")):
        return "html"
    return "txt"


def read_bytes(data: bytes, path: str = "<bytes>") -> RawDocument:
    if not data:
        raise UnreadableInput(path, "empty file")
    if len(data) > MAX_BYTES:
        raise UnreadableInput(path, f"file too large ({len(data) / 2**20:.0f} MB > {MAX_BYTES // 2**20} MB)")
    sha = hashlib.sha256(data).hexdigest()
    kind = sniff_kind(path, data)
    if kind == "txt":
        from .read_text import decode_text

        text, encoding = decode_text(data, path)
        return RawDocument(path=path, sha256=sha, kind="txt", text=text, encoding=encoding)
    if kind == "html":
        from .read_html import read_html

        return read_html(data, path, sha)
    if kind == "pdf":
        from .read_pdf import read_pdf

        return read_pdf(data, path, sha)
    from .read_docx import read_docx

    return read_docx(data, path, sha)


def read_file(path) -> RawDocument:
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise UnreadableInput(path, f"cannot open: {exc.strerror}") from exc
    if size > MAX_BYTES:
        raise UnreadableInput(path, f"file too large ({size / 2**20:.0f} MB > {MAX_BYTES // 2**20} MB)")
    return read_bytes(p.read_bytes(), str(path))
