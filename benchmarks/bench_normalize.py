"""Benchmark: decode_text + normalize_text over corpus/*.txt against baselines in the same process.

    python benchmarks/bench_normalize.py [--rounds N]

Baselines: for decoding, a bare ``bytes.decode("utf-8")``; for normalization, one
``str.translate`` pass plus one OpenCC t2s conversion of the whole text (the least any
normalizer that converts characters must do, without an offset map). Prints ms per report,
ms per 10,000 characters and the ratios; the traditional copies (seed, 032, 055, 070) are
also shown re-encoded as Big5 and GB18030. No assertions: numbers to compare.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.normalize import _opencc, _rules, normalize_text  # noqa: E402
from extract.read_text import decode_text  # noqa: E402


def timed(fn, items, rounds):
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for it in items:
            fn(it)
        best = min(best, time.perf_counter() - t)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    paths = sorted((ROOT / "corpus").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    chars = sum(map(len, texts))
    R, cc = _rules(), _opencc()
    normalize_text(texts[0])  # load tables once

    def base_norm(t):
        return cc.convert(t.translate(R.table))

    n = len(texts)
    ours = timed(normalize_text, texts, args.rounds)
    base = timed(base_norm, texts, args.rounds)
    print(f"{n} reports, {chars} characters")
    print(f"normalize_text   {ours / n * 1e3:7.3f} ms/report  {ours / chars * 1e7:6.3f} ms/10k chars")
    print(f"baseline t2s+tr  {base / n * 1e3:7.3f} ms/report  {base / chars * 1e7:6.3f} ms/10k chars")
    print(f"ratio ours/baseline: {ours / base:.2f}")

    utf8 = [t.encode("utf-8") for t in texts]
    ours = timed(decode_text, utf8, args.rounds)
    base = timed(lambda b: b.decode("utf-8"), utf8, args.rounds)
    print(f"decode_text utf-8 {ours / n * 1e3:7.3f} ms/report; ratio to bytes.decode: {ours / base:.1f}")
    trad = [t for p, t in zip(paths, texts) if p.name[:3] in ("000", "032", "055", "070")]
    for codec in ("big5", "gb18030"):
        data = [t.encode(codec, errors="replace") for t in trad]
        ours = timed(decode_text, data, args.rounds)
        base = timed(lambda b: b.decode(codec, errors="replace"), data, args.rounds)
        print(f"decode_text {codec:8s}{ours / len(data) * 1e3:7.3f} ms/report; "
              f"ratio to bytes.decode: {ours / base:.1f}")


if __name__ == "__main__":
    main()
