"""Reading pdf reports (stub, to be filled)."""

from __future__ import annotations

from .errors import UnreadableInput
from .types import RawDocument


def read_pdf(data: bytes, path: str, sha256: str) -> RawDocument:
    raise UnreadableInput(path, "pdf reports are not supported yet")
