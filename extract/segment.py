"""Word segmentation with jieba and a dictionary of the field's terms, loaded lazily.

jieba costs about a second to build its prefix dictionary; only the commands that need words
(search indexing, the repeated-text audit) pay it.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

TERMS = Path(__file__).resolve().parent / "terms.txt"


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)  # keep 'Building prefix dict…' off the terminal
    tk = jieba.Tokenizer()
    if TERMS.exists():
        tk.load_userdict(str(TERMS))
    return tk


def words(text: str) -> list[str]:
    """The words of a text (jieba precise mode)."""
    return [w for w in _tokenizer().lcut(text) if w.strip()]


def search_words(text: str) -> list[str]:
    """Words plus their sub-words (jieba search mode), for a full-text index that finds 复议
    inside 行政复议."""
    return [w for w in _tokenizer().lcut_for_search(text) if w.strip()]
