"""Normalization with an offset map back to the raw text (stub: identity, to be filled)."""

from __future__ import annotations

from .types import Document, RawDocument


def normalize_text(raw: str) -> tuple[str, tuple[int, ...]]:
    """(normalized text, offsets) where offsets[i] is the raw index of normalized char i and
    offsets[len(text)] == len(raw)."""
    return raw, tuple(range(len(raw) + 1))


def normalize(raw: RawDocument) -> Document:
    text, offsets = normalize_text(raw.text)
    return Document(raw=raw, text=text, offsets=offsets)
