"""Benchmark: reports per second through the whole pipeline, per stage, on one core.

    python benchmarks/bench_pipeline.py [--reports N] [--db] [--profile]

The set is made from the text reports of corpus/: each synthetic report is a real one with every
Arabic figure redrawn (same number of digits, seeded) and the agency line varied, so the N
texts are distinct but read like the corpus. Each report goes read_bytes -> normalize ->
analyse_document (the stages time themselves in Analysis.timings). With --db the same texts are
also written to a folder and stored by db.ingest.ingest into a fresh SQLite file on one core
(end to end: hashing, reading, extraction, search words, SQLite). Prints reports/s and each
stage's share, and, as the in-process baseline, the ratio to a bare pass that only decodes the
bytes and runs one digit-run regex over them. No assertions: numbers to compare.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.normalize import normalize  # noqa: E402
from extract.process import analyse_document  # noqa: E402
from extract.read import read_bytes  # noqa: E402

_DIGITS = regex.compile(r"[0-9]+")
_PLACES = ["平潭", "洪泽", "淮安", "上海", "沭阳", "福清", "长乐", "闽侯", "连江", "罗源"]


def synthetic(n: int, seed: int = 7) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    bases = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    out = []
    for i in range(n):
        name, text = bases[i % len(bases)]
        if i >= len(bases):  # the first pass is the corpus itself
            def redraw(m):
                s = m.group()
                if len(s) == 4 and s.startswith(("19", "20")):
                    return s  # years stay years
                return str(rng.randrange(10 ** (len(s) - 1) if len(s) > 1 else 0, 10 ** len(s)))
            text = _DIGITS.sub(redraw, text)
            text = text.replace("平潭", rng.choice(_PLACES), 1)
        out.append((f"{i:05d}_{name}", text.encode("utf-8")))
    return out


def bare(docs) -> float:
    t = time.perf_counter()
    for _, data in docs:
        sum(1 for _ in _DIGITS.finditer(data.decode("utf-8")))
    return time.perf_counter() - t


def run(docs) -> tuple[float, dict]:
    stages: dict = defaultdict(float)
    t0 = time.perf_counter()
    for name, data in docs:
        t = time.perf_counter()
        raw = read_bytes(data, name)
        t1 = time.perf_counter()
        doc = normalize(raw)
        t2 = time.perf_counter()
        stages["read"] += t1 - t
        stages["normalize"] += t2 - t1
        a = analyse_document(doc)
        for k, v in a.timings.items():
            stages[k] += v
    return time.perf_counter() - t0, stages


def ingest_run(docs, tmp: Path, batch: int) -> float:
    """Seconds for db.ingest.ingest to store every text from files (one worker)."""
    from db.ingest import find_sources, ingest
    from db.store import open_db

    folder = tmp / "reports"
    folder.mkdir()
    for name, data in docs:
        (folder / name).write_bytes(data)
    db = open_db(tmp / "bench.db")
    t = time.perf_counter()
    summary = ingest(db, find_sources([str(folder)]), workers=1, batch=batch)
    seconds = time.perf_counter() - t
    if summary.ingested != len(docs):
        print(f"  (ingest stored {summary.ingested} of {len(docs)}: {summary.line()})")
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=2000)
    ap.add_argument("--db", action="store_true", help="also time db.ingest into SQLite")
    ap.add_argument("--batch", type=int, default=20, help="reports per transaction with --db")
    ap.add_argument("--profile", action="store_true", help="cProfile the run, top 30 by own time")
    args = ap.parse_args()
    docs = synthetic(args.reports)
    chars = sum(len(d) for _, d in docs)
    run(docs[:60])  # warm: rule files loaded, patterns compiled
    base = bare(docs)
    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        total, stages = run(docs)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(30)
    else:
        total, stages = run(docs)
    n = len(docs)
    print(f"{n} reports, {chars / 2**20:.1f} MB UTF-8, one core")
    print(f"extraction: {n / total:7.1f} reports/s  ({1000 * total / n:.2f} ms/report)")
    print(f"bare decode + digit regex pass: {n / base:9.1f} reports/s; extraction costs "
          f"{total / base:.0f}x that")
    width = max(len(k) for k in stages)
    for k, v in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {k:<{width}}  {1000 * v / n:6.2f} ms/report  {100 * v / total:5.1f}%  "
              f"({n / v:8.0f} reports/s alone)")
    if args.db:
        with tempfile.TemporaryDirectory() as tmp:
            seconds = ingest_run(docs, Path(tmp), args.batch)
        print(f"end to end (db.ingest, 1 worker, {args.batch} reports per transaction): "
              f"{n / seconds:7.1f} reports/s  ({1000 * seconds / n:.2f} ms/report)")


if __name__ == "__main__":
    main()
