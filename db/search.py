"""Full-text search over report text: character pairs in an FTS5 index, exact text for the
snippet.

Chinese has no spaces, so FTS5 alone cannot find words: unicode61 would make a whole line one
token, and the trigram tokenizer cannot match a two-character query such as 复议. Reports are
indexed as the two-character pieces of their runs of Chinese characters (政府信息 gives 政府,
府信, 信息, and 息 as the run's last character), separated by spaces; letters and digits as
whole runs plus their pieces. A query word is looked up by its finest pieces (jieba's
search-mode words of the query that contain no smaller one; a piece longer than two characters
by its pairs), so 信息公开 finds 政府信息公开; candidates are then kept only if the normalized
text contains every query word, so a hit is always a real substring. Databases made before
(jieba words and their pairs as tokens) answer the same queries.
In a database of fewer than EXACT_BELOW reports the text itself is also scanned with instr(),
so search there is exact; in a larger one only when the index has no candidate.

jieba is imported only here (for query words) and in extract.segment, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
import sqlite_utils

SNIPPET_CHARS = 36
EXACT_BELOW = 5000  # reports: below this, search also scans the text (about 100 MB)


_RUNS = regex.compile(r"(?P<han>\p{Han}+)|(?P<word>(?:(?!\p{Han})[\p{L}\p{N}])+)")


def index_words(text: str) -> str:
    """What goes into reports_fts for a report's text, joined by spaces: every two-character
    piece of each run of Chinese characters and the run's last character alone (so every
    character starts a token: a one-character query is a prefix query), and each run of letters
    or digits with its two-character pieces.

    Character pairs, not jieba words: segmenting a report cost as much as extracting it (half
    of an ingest), and pairs make every query of two characters or more independent of the
    dictionary (政务微博 gives 微博, 行政预算 gives 政预); a longer query word is looked up by
    its pairs and confirmed against the text."""
    out: list[str] = []
    for m in _RUNS.finditer(text):
        w = m.group()
        if len(w) > 2 or (len(w) == 2 and m.lastgroup == "han"):
            out.extend([w[i:i + 2] for i in range(len(w) - 1)])
        out.append(w[-1] if m.lastgroup == "han" else w)
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
    if len(p) == 1:  # a token that starts with it (a pair, or a run's last character)
        return quote(p) + " *"
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
