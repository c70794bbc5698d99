"""Benchmark: ingest end to end into SQLite, sequential loop against `ingest --workers 1/2`.

    python benchmarks/bench_ingest.py [--files 3000] [--zip] [--keep DIR]

Makes a synthetic archive from the text reports of corpus/: each file is a real report with
every figure redrawn (same number of digits), its agency renamed and its years moved: five
reports per synthetic agency, dated 2015 to 2019, so the cross-year audit pairs them, and
every file is new content that reads like the corpus. Then, each in a fresh process (so its
peak memory is its own) and a fresh database:

- sequential: a plain loop, extract_rows on each file and store.write_report in a transaction,
  then the cross-year audit: the baseline, no pool, no batching;
- ingest --workers 1 and ingest --workers 2 (db.ingest.ingest, as the CLI runs it).

Prints reports/s, reports/s per core, peak RSS of the process and of its worker processes
(getrusage maxrss of SELF and CHILDREN), and each run's ratio to the sequential one.
No assertions: numbers to compare on the same machine in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLACES = list("东西南北中上下前后新老青白金石长安平和永兴嘉华清宁泰康丰福庆盛源")
KINDS = ["县人民政府", "区人民政府", "市人民政府", "镇人民政府", "街道办事处", "县教育局",
         "区卫生健康委员会", "市生态环境局"]
YEAR = regex.compile(r"(?<!\d)(19[89]\d|20[0-4]\d)(?!\d)")
FIGURE = regex.compile(r"\d+")


def meta_of(text: str) -> tuple:
    from extract.process import analyse_text

    meta = analyse_text(text).meta
    return meta.agency, meta.year


def synthetic(base: str, agency: str | None, year: int | None, i: int) -> str:
    """File i: agency i // 5 (its five reports years 2015-2019, so the audit pairs them)."""
    rnd = random.Random(i // 5)
    name = (rnd.choice(PLACES) + rnd.choice(PLACES) + f"{i // 5:04d}".translate(
        str.maketrans("0123456789", "零一二三四五六七八九")) + rnd.choice(KINDS))
    if agency and len(agency) >= 3:
        from extract.crossyear import agency_key

        text = base.replace(agency, name)
        key = agency_key(agency)
        if key and len(key) >= 3:  # 平潭综合实验区 beside 平潭综合实验区管委会办公室
            text = text.replace(key, name[:-len(regex.sub(r"^.*?(县|区|市|镇|街道)", "", name))
                                          or None])
    else:
        text = base
    shift = (2015 + i % 5 - year) if year else 0
    rnd = random.Random(i)

    def figure(m):
        s = m.group()
        if YEAR.fullmatch(s):
            return str(int(s) + shift)
        if len(s) == 1:
            return str(rnd.randint(0, 9))
        return str(rnd.randint(1, 9)) + "".join(str(rnd.randint(0, 9)) for _ in s[1:])

    # a title line naming the agency and year, as a report's own first line does
    return (f"{name}{2015 + i % 5}年政府信息公开工作年度报告\n" + FIGURE.sub(figure, text)
            + f"\n（编号 {i}）\n")


def build(into: Path, files: int, as_zip: bool) -> Path:
    bases = []
    for p in sorted((ROOT / "corpus").glob("*.txt")):
        from extract.read import read_bytes

        text = read_bytes(p.read_bytes(), p.name).text
        bases.append((text, *meta_of(text)))
    if as_zip:
        target = into / "archive.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            for i in range(files):
                zf.writestr(f"r{i // 1000:03d}/{i:06d}.txt",
                            synthetic(*bases[(i * 7) % len(bases)], i).encode("utf-8"))
        return target
    target = into / "archive"
    for i in range(files):
        p = target / f"r{i // 1000:03d}" / f"{i:06d}.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(synthetic(*bases[(i * 7) % len(bases)], i), encoding="utf-8")
    return target


# --------------------------------------------------------------------------- one phase


def _busy() -> int:
    """Clock ticks all cores of the machine spent busy so far (/proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields) - fields[3] - fields[4]  # all but idle and iowait


def phase(kind: str, archive: str, db_path: str) -> dict:
    import resource

    from db import store
    from db.cross import refresh_cross_flags
    from db.ingest import extract_rows, find_sources, ingest

    db = store.open_db(db_path)
    busy0 = _busy()
    started = time.perf_counter()
    if kind == "sequential":
        n = 0
        for source in find_sources([archive]):
            status, rows = extract_rows(source.name, source.read())
            if status in ("ok", "needs_ocr"):
                with db.atomic():
                    store.write_report(db, rows)
                n += 1
        refresh_cross_flags(db)
        cores = 1
    else:
        workers = int(kind.split("=")[1])
        s = ingest(db, find_sources([archive]), workers=workers)
        n = s.ingested + s.needs_ocr
        cores = workers
    seconds = time.perf_counter() - started
    busy = (_busy() - busy0) / os.sysconf("SC_CLK_TCK")
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    flags = db.execute("SELECT count(*) FROM flags WHERE code LIKE 'cross_year.%'").fetchone()[0]
    return {"kind": kind, "reports": n, "seconds": seconds, "cores": cores,
            "cross_flags": flags, "cpu_main": me.ru_utime + me.ru_stime,
            "cpu_workers": kids.ru_utime + kids.ru_stime,
            # the machine is shared: cores busy with other people's work during this run
            "others_cores": max(0.0, busy - (me.ru_utime + me.ru_stime + kids.ru_utime
                                             + kids.ru_stime)) / seconds,
            "rss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "rss_children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=3000)
    ap.add_argument("--zip", action="store_true", help="one zip archive instead of a folder")
    ap.add_argument("--keep", help="build the archive here and keep it")
    ap.add_argument("--phase", nargs=3, help=argparse.SUPPRESS)
    ap.add_argument("--only", help="comma-separated: sequential,workers=1,workers=2")
    args = ap.parse_args()
    if args.phase:
        print(json.dumps(phase(*args.phase)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(args.keep) if args.keep else Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        archive = build(where, args.files, args.zip)
        print(f"archive: {args.files} synthetic text reports from corpus/*.txt "
              f"({'zip' if args.zip else 'folder'}), made in {time.perf_counter() - t:.0f}s")
        cpu = next((line.split(":", 1)[1].strip() for line in
                    Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "?")
        print(f"machine: {os.cpu_count()} cores ({cpu})")
        results = []
        kinds = (args.only or "sequential,workers=1,workers=2").split(",")
        for kind in kinds:
            out = subprocess.run([sys.executable, __file__, "--phase", kind, str(archive),
                                  str(Path(tmp) / f"{kind}.db")], capture_output=True,
                                 text=True, check=True)
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        base = results[0]["reports"] / results[0]["seconds"]
        print(f"{'run':<12}{'reports':>8}{'seconds':>9}{'rep/s':>8}{'rep/s/core':>11}"
              f"{'rep/cpu-s':>10}{'main cpu-s':>11}{'workers cpu-s':>14}{'peak MB':>9}"
              f"{'workers MB':>11}{'x ' + kinds[0]:>14}{'others busy':>12}")
        for r in results:
            rate = r["reports"] / r["seconds"]
            cpu = r["cpu_main"] + r["cpu_workers"]
            print(f"{r['kind']:<12}{r['reports']:>8}{r['seconds']:>9.1f}{rate:>8.1f}"
                  f"{rate / r['cores']:>11.1f}{r['reports'] / cpu:>10.1f}{r['cpu_main']:>11.1f}"
                  f"{r['cpu_workers']:>14.1f}{r['rss_self_mb']:>9.0f}"
                  f"{r['rss_children_mb']:>11.0f}{rate / base:>14.2f}"
                  f"{r['others_cores']:>10.2f} c")
        print("rep/s/core: reports per second per core the run was given (1, 1, 2); rep/cpu-s: "
              "per CPU-second it used; others busy: cores other processes of the machine kept "
              "busy meanwhile (a shared machine: the parallel ratio needs two free cores)")


if __name__ == "__main__":
    main()
