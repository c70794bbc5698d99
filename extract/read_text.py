"""Decoding plain-text reports in any Chinese encoding (stub, to be filled)."""

from __future__ import annotations

from .errors import UnreadableInput


def decode_text(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """(text, encoding name). Raises UnreadableInput when no encoding gives Chinese text."""
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise UnreadableInput(path, "cannot decode as UTF-8 or GB18030")
