"""Ingest speed: one process against N workers, and a re-run over unchanged files.

Prints ratios against the serial run made in the same process (no absolute thresholds):

    python benchmarks/ingest_workers.py [FOLDER ...] [--workers N] [--repeat K]

FOLDER defaults to corpus/; --repeat copies the files K times with a distinguishing line so an
archive of K x the corpus is ingested (content hashes differ, every copy is extracted).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db.ingest import find_sources, ingest  # noqa: E402
from db.store import open_db  # noqa: E402


def build(folders, repeat, into: Path) -> Path:
    files = [s for s in find_sources(folders) if s.member is None and not s.problem]
    for k in range(repeat):
        for s in files:
            data = Path(s.path).read_bytes()
            if s.path.endswith(".txt"):
                data += f"\n(copy {k})\n".encode("utf-8")
            elif k:  # binary kinds cannot take a line: only the first copy is new content
                continue
            target = into / f"c{k}" / Path(s.path).name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return into


def timed(db_path, folder, workers):
    db = open_db(db_path)
    t = time.perf_counter()
    s = ingest(db, find_sources([str(folder)]), workers=workers)
    return time.perf_counter() - t, s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="*", default=[str(ROOT / "corpus")])
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = build(args.folders, args.repeat, tmp / "files")
        serial, s1 = timed(tmp / "serial.db", folder, 1)
        parallel, s2 = timed(tmp / "parallel.db", folder, args.workers)
        rerun, s3 = timed(tmp / "parallel.db", folder, args.workers)
        print(f"files: {s1.ingested + s1.failed + s1.needs_ocr + s1.unchanged}, "
              f"ingested {s1.ingested}, failed {s1.failed}")
        print(f"1 worker: {serial:.1f}s (baseline 1.00)")
        print(f"{args.workers} workers: {parallel:.1f}s ({parallel / serial:.2f} of baseline); "
              f"same result: {(s1.ingested, s1.failed) == (s2.ingested, s2.failed)}")
        print(f"re-run, nothing changed: {rerun:.2f}s ({rerun / serial:.3f} of baseline), "
              f"{s3.unchanged} unchanged, {s3.ingested} extracted")


if __name__ == "__main__":
    main()
