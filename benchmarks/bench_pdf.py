"""gouji's PDF reading (read_pdf) against a plain pdfplumber pass over every page.

The baseline reads every page with pdfplumber (pdfminer's parse of the page): ``extract_text()``
and the tables, found with the same settings (white filled rectangles dropped, ruling closed at
the ends of vertical lines). read_pdf reads the text with pypdfium2, picks the table pages from
it, and runs pdfplumber's table finder there on pypdfium2's drawings and characters. The script
checks both give the same tables (same grids, same cell text up to white space: pdfplumber and
pypdfium2 space letter-spaced labels differently), then prints seconds per file, totals and the
ratio.

    python benchmarks/bench_pdf.py [--repeat 3] [PDF ...]

Default files: ../shared/corpus/*.pdf and ../shared/corpus-pdf/*.pdf.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.read_pdf import _find_tables, _quiet_pdfminer, read_pdf  # noqa: E402


def plumber_pass(data: bytes, path: str):
    """Every page through pdfplumber: text and tables. Returns the table grids."""
    import pdfplumber

    grids = []
    with _quiet_pdfminer(path), pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            grids.extend(tuple(tuple(r) for r in t.grid) for t in _find_tables(page))
    return grids


def same_tables(a, b) -> bool:
    squeeze = lambda grids: [[[None if c is None else re.sub(r"\s", "", c) for c in row] for row in g]  # noqa: E731
                             for g in grids]
    return squeeze(a) == squeeze(b)


def gouji_pass(data: bytes, path: str):
    return [t.rows for t in read_pdf(data, path, "").tables]


def best_of(fn, data, path, repeat):
    best, out = None, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn(data, path)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return best, out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--repeat", type=int, default=3, help="runs per file and method (best is kept)")
    args = ap.parse_args(argv)
    shared = ROOT.parent / "shared"
    files = [Path(f) for f in args.files] or sorted((shared / "corpus").glob("*.pdf")) + sorted(
        (shared / "corpus-pdf").glob("*.pdf"))
    if not files:
        print("no PDF files (is ../shared beside the checkout?)")
        return 1
    total_g = total_p = 0.0
    same_all = True
    print(f"{'file':48} {'pages':>5} {'tables':>6} {'plumber s':>10} {'gouji s':>8} {'ratio':>6}  same")
    for f in files:
        data = f.read_bytes()
        tp, p_tables = best_of(plumber_pass, data, str(f), args.repeat)
        tg, g_tables = best_of(gouji_pass, data, str(f), args.repeat)
        same = same_tables(p_tables, g_tables)
        same_all &= same
        total_g += tg
        total_p += tp
        import pypdfium2 as pdfium

        pages = len(pdfium.PdfDocument(data))
        print(f"{f.name[:48]:48} {pages:5d} {len(g_tables):6d} {tp:10.3f} {tg:8.3f} {tp / tg:6.1f}  {'yes' if same else 'NO'}")
    print(f"{'total':48} {'':5} {'':6} {total_p:10.3f} {total_g:8.3f} {total_p / total_g:6.1f}  "
          f"{'same tables' if same_all else 'TABLES DIFFER'}")
    return 0 if same_all else 2


if __name__ == "__main__":
    sys.exit(main())
