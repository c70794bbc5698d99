"""Run the structure checks over every corpus report with a gold file and compare the
structure.* flags with gold (recall, false alarms). Not a test: a tool for rule work.

    python benchmarks/structure_vs_gold.py [--gold-format] [-v]

By default the whole pipeline runs (analyse_file); --gold-format runs only the outline and the
structure checks, with the report format taken from the gold file. Until normalization converts traditional text,
traditional copies are previewed through OpenCC t2s with pinyin glosses removed.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import outline  # noqa: E402
from extract.checks import structure  # noqa: E402
from extract.normalize import normalize  # noqa: E402
from extract.read import read_bytes, read_file  # noqa: E402
from extract.types import Analysis, ReportMeta  # noqa: E402

SHARED = ROOT.parent / "shared"
CORPORA = ("corpus", "corpus-html", "corpus-pdf")
PINYIN = re.compile(r"\((?:[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+)\)")


def doc_of(path: Path):
    raw = read_file(path)
    doc = normalize(raw)
    if doc.text == raw.text and re.search(r"[們這個國見關開條報]", raw.text):
        import opencc

        text = opencc.OpenCC("t2s").convert(PINYIN.sub("", raw.text))
        doc = normalize(read_bytes(text.encode("utf-8"), path.name))
    return doc


def main(argv):
    gold_format = "--gold-format" in argv
    verbose = "-v" in argv
    tp = fa = miss = 0
    golds = [g for c in CORPORA for g in sorted((SHARED / c / "gold").glob("*.yaml"))]
    for gpath in golds:
        gold = yaml.safe_load(gpath.read_text(encoding="utf-8"))
        src = gpath.parent.parent / gold["source"]
        fmt = (gold.get("report") or {}).get("format") or "pre2019"
        if fmt == "not_report":
            continue
        if gold_format:
            doc = doc_of(src)
            analysis = Analysis(doc=doc, meta=ReportMeta(format=fmt),
                                sections=outline.find_sections(doc))
            flags = list(structure.check(analysis))
        else:
            from extract.process import analyse_file

            flags = [f for f in analyse_file(src).flags if f.code.startswith("structure.")]
        want = [f for f in gold.get("flags") or [] if f["code"].startswith("structure.")]
        used = set()
        for f in flags:
            hit = next((i for i, g in enumerate(want) if i not in used and g["code"] == f.code
                        and all(v in f.values for v in g.get("values", []))), None)
            if hit is None:
                fa += 1
                print(f"FALSE ALARM {src.name}: {f.code} {list(f.values)} {f.message}")
            else:
                used.add(hit)
                tp += 1
                if verbose:
                    print(f"ok          {src.name}: {f.code} {list(f.values)} {f.message}")
        for i, g in enumerate(want):
            if i not in used:
                miss += 1
                print(f"MISSED      {src.name}: {g['code']} {g.get('values', '')}")
    total = tp + miss
    print(f"{len(golds)} gold files; structure.*: found {tp}/{total} gold flags, {miss} missed, "
          f"{fa} false alarms")


if __name__ == "__main__":
    main(sys.argv[1:])
