"""Reading docx reports (stub, to be filled)."""

from __future__ import annotations

from .errors import UnreadableInput
from .types import RawDocument


def read_docx(data: bytes, path: str, sha256: str) -> RawDocument:
    raise UnreadableInput(path, "docx reports are not supported yet")
