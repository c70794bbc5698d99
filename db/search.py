"""Full-text search over report text: jieba words in an FTS5 index, exact text for the snippet.

Chinese has no spaces, so FTS5 alone cannot find words: unicode61 would make a whole line one
token, and the trigram tokenizer cannot match a two-character query such as 复议. Reports are
indexed as jieba search-mode words (行政复议 gives 行政, 复议 and 行政复议) plus the two-character
pieces of longer words, separated by spaces. A query word is looked up by its finest pieces (the
search-mode words that contain no smaller one), so 信息公开 still finds 政府信息公开 although jieba
never emits that 4-gram; candidates are then kept only if the normalized text contains every
query word, so a hit is always a real substring.
In a database of fewer than EXACT_BELOW reports the text itself is also scanned with instr(),
so search there is exact; in a larger one only when the index has no candidate (a single
character, a piece across jieba's word boundaries).

jieba is imported only here and in extract.segment, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

SNIPPET_CHARS = 36
EXACT_BELOW = 5000  # reports: below this, search also scans the text (about 100 MB)


def index_words(text: str) -> str:
    """What goes into reports_fts for a report's text: jieba's search-mode words (a word and
    its sub-words found in the dictionary) plus every two-character piece of a longer word,
    joined by spaces. The pieces make a two-character query independent of the dictionary:
    政务微博 is one dictionary word and jieba never emits 微博 from it."""
    from extract.segment import search_words

    out = []
    for w in search_words(text):
        if not _indexable(w):
            continue
        out.append(w)
        if len(w) > 2:
            out.extend(w[i:i + 2] for i in range(len(w) - 1))
    return " ".join(out)


def _indexable(word: str) -> bool:
    return any(ch.isalnum() for ch in word)


def query_words(query: str) -> list[str]:
    """The words a user typed: split on spaces, each kept whole (matched as a substring) and
    normalized as report text is (復議 -> 复议, full-width digits -> ASCII), since the text
    searched is the normalized text."""
    from extract.normalize import normalize_text

    words = []
    for w in query.split():
        w = normalize_text(w)[0].strip() or w
        if _indexable(w):
            words.append(w)
    return words


def _finest(word: str) -> list[str]:
    """The smallest search-mode pieces of a query word; single characters are left to the
    substring check when longer pieces exist (a lone 的 is rarely a word of the text)."""
    from extract.segment import search_words

    pieces = [p for p in dict.fromkeys(search_words(word)) if _indexable(p)]
    pieces = [p for p in pieces if not any(q != p and q in p for q in pieces)] or [word]
    return [p for p in pieces if len(p) > 1] or pieces


def _piece_query(p: str) -> str:
    quote = lambda t: '"' + t.replace('"', '""') + '"'
    if len(p) <= 2:
        return quote(p)
    # the word itself, or its two-character pieces (the text may have cut it differently)
    grams = " AND ".join(quote(p[i:i + 2]) for i in range(len(p) - 1))
    return f"({quote(p)} OR ({grams}))"


def fts_query(words: list[str]) -> str:
    """An FTS5 MATCH expression: every finest piece of every word."""
    pieces = dict.fromkeys(p for w in words for p in _finest(w))
    return " AND ".join(_piece_query(p) for p in pieces)


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


def search(db: sqlite_utils.Database, query: str, limit: int = 20,
           exact_below: int = EXACT_BELOW) -> list[Hit]:
    """Reports whose text contains every word of ``query``, best first (FTS5 bm25, then the
    number of occurrences).

    With fewer than ``exact_below`` reports the text is also scanned, so a word the index
    misses (a piece across jieba's word boundary, as 政预 in 行政预算) is still found; above it
    the scan runs only when the index finds nothing.
    """
    words = query_words(query)
    if not words:
        return []
    rows = list(db.execute(
        "SELECT r.id, r.path, r.agency, r.year, bm25(reports_fts), r.text FROM reports_fts "
        "JOIN reports r ON r.id = reports_fts.rowid WHERE reports_fts MATCH ? "
        "ORDER BY bm25(reports_fts)", [fts_query(words)]))
    rows = [r for r in rows if all(w in r[5] for w in words)]
    small = db.execute("SELECT count(*) FROM reports").fetchone()[0] < exact_below
    if small or not rows:
        # instr() is an exact substring test, unlike LIKE (which treats % and _ as wildcards)
        seen = {r[0] for r in rows}
        cond = " AND ".join("instr(text, ?) > 0" for _ in words)
        more = [(rid, path, agency, year, 0.0, text) for rid, path, agency, year, text in
                db.execute(f"SELECT id, path, agency, year, text FROM reports WHERE {cond}",
                           words) if rid not in seen]
        more.sort(key=lambda r: -sum(r[5].count(w) for w in words))
        rows += more
    return [Hit(rid, path, agency, year, round(-score, 3), sum(text.count(w) for w in words),
                snippet(text, words))
            for rid, path, agency, year, score, text in rows[:limit]]
