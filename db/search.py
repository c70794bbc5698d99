"""Full-text search over report text: jieba words in an FTS5 index, exact text for the snippet.

Chinese has no spaces, so FTS5 alone cannot find words: unicode61 would make a whole line one
token, and the trigram tokenizer cannot match a two-character query such as 复议. Reports are
indexed as jieba search-mode words (行政复议 gives 行政, 复议 and 行政复议) separated by spaces. A
query word is looked up by its finest pieces (the search-mode words that contain no smaller one),
so 信息公开 still finds 政府信息公开 although jieba never emits that 4-gram; candidates are then
kept only if the normalized text contains every query word, so a hit is always a real substring.
When the index has no candidate (a single character, a word jieba splits differently in the
text), the text itself is scanned with instr().

jieba is imported only here and in extract.segment, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

SNIPPET_CHARS = 36


def index_words(text: str) -> str:
    """What goes into reports_fts for a report's text: search-mode words joined by spaces."""
    from extract.segment import search_words

    return " ".join(w for w in search_words(text) if _indexable(w))


def _indexable(word: str) -> bool:
    return any(ch.isalnum() for ch in word)


def query_words(query: str) -> list[str]:
    """The words a user typed: split on spaces, each kept whole (matched as a substring)."""
    return [w for w in query.split() if _indexable(w)]


def _finest(word: str) -> list[str]:
    from extract.segment import search_words

    pieces = [p for p in dict.fromkeys(search_words(word)) if _indexable(p)]
    return [p for p in pieces if not any(q != p and q in p for q in pieces)] or [word]


def fts_query(words: list[str]) -> str:
    """An FTS5 MATCH expression: every finest piece of every word, quoted."""
    pieces = dict.fromkeys(p for w in words for p in _finest(w))
    return " AND ".join('"' + p.replace('"', '""') + '"' for p in pieces)


@dataclass(frozen=True)
class Hit:
    report_id: int
    path: str
    agency: str | None
    year: int | None
    score: float
    hits: int
    snippet: str


def snippet(text: str, words: list[str], width: int = SNIPPET_CHARS, mark=("[", "]")) -> str:
    """The text around the first occurrence of the first word found, that word marked."""
    found = [(text.find(w), w) for w in words if w in text]
    if not found:
        return text[: 2 * width].replace("\n", " ")
    pos, word = min(found)
    start, end = max(0, pos - width), min(len(text), pos + len(word) + width)
    out = (("…" if start else "") + text[start:pos] + mark[0] + word + mark[1]
           + text[pos + len(word): end] + ("…" if end < len(text) else ""))
    return " ".join(out.split())


def search(db: sqlite_utils.Database, query: str, limit: int = 20) -> list[Hit]:
    """Reports whose text contains every word of ``query``, best first (FTS5 bm25)."""
    words = query_words(query)
    if not words:
        return []
    rows = list(db.execute(
        "SELECT r.id, r.path, r.agency, r.year, bm25(reports_fts), r.text FROM reports_fts "
        "JOIN reports r ON r.id = reports_fts.rowid WHERE reports_fts MATCH ? "
        "ORDER BY bm25(reports_fts)", [fts_query(words)]))
    rows = [r for r in rows if all(w in r[5] for w in words)]
    if not rows:
        # instr() is an exact substring test, unlike LIKE (which treats % and _ as wildcards)
        cond = " AND ".join("instr(text, ?) > 0" for _ in words)
        rows = [(rid, path, agency, year, 0.0, text) for rid, path, agency, year, text in
                db.execute(f"SELECT id, path, agency, year, text FROM reports WHERE {cond}",
                           words)]
        rows.sort(key=lambda r: -sum(r[5].count(w) for w in words))
    return [Hit(rid, path, agency, year, round(-score, 3), sum(text.count(w) for w in words),
                snippet(text, words))
            for rid, path, agency, year, score, text in rows[:limit]]
