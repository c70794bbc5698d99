"""Hostile inputs (one character 200 000 times, '1.' * 100 000, a 2 MB line without
punctuation, ...) finish: no stage has a pattern whose work grows faster than the input.

No timed assertion: each case runs in a subprocess with a generous timeout, a hang guard only
(linear work takes seconds; the quadratic patterns these cases once hit took minutes). Speed
itself is measured in benchmarks/bench_pipeline.py.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, case_id, load_cases

CASES = load_cases("robust_hostile")
TIMEOUT = 120  # seconds; the slowest case takes under 10 on one core

SCRIPT = r"""
import glob, json, sys
import regex
from extract.errors import UnreadableInput
from extract.process import analyse_text

case = json.loads(sys.argv[1])
if case.get("corpus_line"):
    src = "".join(open(p, encoding="utf-8").read() for p in sorted(glob.glob("corpus/*.txt")))
    line = regex.sub(r"[\s。；！？]", "", src)
    body = (line * (2_000_000 // len(line) + 1))[:2_000_000]
else:
    body = case.get("before", "") + case["piece"] * case["repeat"] + case.get("after", "")
title = "平潭县2012年政府信息公开工作年度报告"
path = "<text>"
if case.get("html"):  # a web page: the piece is markup inside the body
    text = "<html><body><p>" + title + "</p>" + body + "</body></html>"
    path = "hostile.html"
else:
    text = (title + "\n" if case.get("title") else "") + body
try:
    a = analyse_text(text, path)
except UnreadableInput as exc:
    print(json.dumps({"result": "unreadable", "reason": exc.reason}))
    sys.exit()
n = len(a.doc.text)
bad = [(f.start, f.end) for f in a.facts if not 0 <= f.start <= f.end <= n]
bad += [(e.start, e.end) for fl in a.flags for e in fl.evidence
        if e.source is None and not 0 <= e.start <= e.end <= n]
print(json.dumps({"result": "ok", "facts": len(a.facts), "bad_spans": bad[:5]}))
"""


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_robust_hostile_input_finishes(case):
    try:
        proc = subprocess.run([sys.executable, "-c", SCRIPT, json.dumps(case)], cwd=ROOT,
                              capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{case['id']}: no result after {TIMEOUT} s (superlinear pattern?)")
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["result"] == case.get("expect", "ok"), out
    if out["result"] == "ok":
        assert out["bad_spans"] == []
