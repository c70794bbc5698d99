"""The command line: help with an example for every command, documented in the README;
ingest/export/query/flags/failures end to end on real reports."""

import json
import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from conftest import ROOT
from pipeline import cli

COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_every_command_has_help_with_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert re.search(rf"^\s+gouji {name}\b", result.output, re.M)


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_every_command_is_in_the_readme(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = readme.split("## Commands", 1)[1]
    assert f"gouji {name}" in commands


def test_cli_readme_keeps_its_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert (".venv/bin/pip install -q -e . && .venv/bin/gouji ingest corpus/ --db gouji.db"
            in readme)
    assert ".venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest" in readme


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, corpus_dir):
    """A copy of the corpus text and web reports, plus bad files, ingested by the CLI:
    (folder, database, what ingest printed)."""
    tmp = tmp_path_factory.mktemp("cli")
    folder = tmp / "corpus"
    shutil.copytree(corpus_dir, folder, ignore=shutil.ignore_patterns("*.pdf", "*.tsv"))
    (folder / "bad").mkdir()
    (folder / "bad" / "empty.txt").write_bytes(b"")
    (folder / "bad" / "garbage.htm").write_bytes(b"\xff\x80" * 300)
    db = str(tmp / "g.db")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db, "--workers", "1"])
    assert result.exit_code == 0, result.output
    return folder, db, result.output


def test_cli_ingest_prints_failures_and_a_summary(ingested):
    folder, db, output = ingested
    lines = output.splitlines()
    assert "ingesting" not in output  # the progress bar is for terminals only
    assert f"failed: {folder}/bad/empty.txt: empty file" in lines
    assert any(line.startswith(f"failed: {folder}/bad/garbage.htm: ") for line in lines)
    assert re.fullmatch(r"\d+ ingested, 0 unchanged, 2 failed in [\d.]+s", lines[-1])
    again = CliRunner().invoke(cli, ["ingest", str(folder), "--db", db, "--workers", "1"])
    assert re.match(r"0 ingested, \d+ unchanged, 0 failed, 2 failed before",
                    again.output.splitlines()[-1])
    out = CliRunner().invoke(cli, ["failures", "--db", db]).output
    assert f"{folder}/bad/empty.txt" in out and "empty file" in out


def test_cli_export_equals_show_json_for_every_file(ingested):
    folder, db, output = ingested
    runner = CliRunner()
    exported = [json.loads(line) for line in
                runner.invoke(cli, ["export", "--db", db, "--jsonl"]).output.splitlines()]
    by_source = {o["source"]: o for o in exported}
    failed = {line.split(": ")[1] for line in output.splitlines() if line.startswith("failed")}
    files = sorted(str(p) for p in folder.rglob("*.*"))
    assert len(files) > 50 and len(exported) == len(files) - len(failed)
    for f in files:
        shown = runner.invoke(cli, ["show", f, "--json"])
        if shown.exit_code != 0:
            assert f in failed
            continue
        out = by_source[f]
        out["flags"] = [g for g in out["flags"] if not g["code"].startswith("cross_year.")]
        assert out == json.loads(shown.output), f


def test_cli_query_is_read_only(ingested):
    folder, db, _ = ingested
    runner = CliRunner()
    result = runner.invoke(cli, ["query", "--db", db, "SELECT count(*) AS n FROM failures"])
    assert result.exit_code == 0 and result.output.splitlines()[2].strip() == "2"
    result = runner.invoke(cli, ["query", "--db", db, "SELECT path FROM failures", "--json"])
    assert {json.loads(x)["path"] for x in result.output.splitlines()} == {
        f"{folder}/bad/empty.txt", f"{folder}/bad/garbage.htm"}
    for sql in ("DELETE FROM reports", "DROP TABLE facts", "UPDATE reports SET year = 1",
                "ATTACH 'other.db' AS o"):
        result = runner.invoke(cli, ["query", "--db", db, sql])
        assert result.exit_code == 1
        assert result.output.strip().startswith("Error: gouji query is read-only"), sql
    result = runner.invoke(cli, ["query", "--db", db, "SELEC 1"])
    assert result.exit_code == 1 and "SQL error" in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("word", ["复议", "诉讼", "依申请公开", "微博"])
def test_cli_search_finds_every_report_with_the_word(ingested, word):
    from db.queries import run_query

    _, db, _ = ingested
    out = CliRunner().invoke(cli, ["search", "--db", db, word, "--limit", "1000"]).output
    lines = out.splitlines()
    listed = {line.split("  ")[0] for line in lines[:-1] if not line.startswith("    ")}
    snippets = [line for line in lines[:-1] if line.startswith("    ")]
    _, rows = run_query(db, f"SELECT path FROM reports WHERE instr(text, '{word}') > 0")
    assert listed == {p for (p,) in rows} and len(listed) > 3
    assert lines[-1] == f"{len(listed)} reports"
    assert all(f"[{word}]" in s for s in snippets)


@pytest.mark.parametrize("command", ["flags", "failures", "export", "search 复议",
                                     "query SELECT"])
def test_cli_missing_database_is_one_clear_line(tmp_path, command):
    name, *rest = command.split()
    result = CliRunner().invoke(cli, [name, "--db", str(tmp_path / "none.db"), *rest])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: no database at {tmp_path / 'none.db'}"
                                                  + (" (make one with gouji ingest)"
                                                     if name != "query" else "")]
    assert not (tmp_path / "none.db").exists()


def test_cli_flags_table_and_filters(ingested):
    _, db, _ = ingested
    runner = CliRunner()
    out = runner.invoke(cli, ["flags", "--db", db]).output.splitlines()
    assert out[0].split() == ["report", "code", "severity", "message"]
    n = int(out[-1].split()[0])
    rows = [json.loads(x) for x in
            runner.invoke(cli, ["flags", "--db", db, "--json"]).output.splitlines()]
    assert len(rows) == n and n > 0
    errors = runner.invoke(cli, ["flags", "--db", db, "--severity", "error", "--json"])
    assert all(json.loads(x)["severity"] == "error" for x in errors.output.splitlines())
    sums = runner.invoke(cli, ["flags", "--db", db, "--code", "sum", "--json"])
    assert all(json.loads(x)["code"].startswith("sum.") for x in sums.output.splitlines())
    none = runner.invoke(cli, ["flags", "--db", db, "--year", "1900"]).output
    assert none.splitlines()[-1] == "0 flags"


LAZY = """
import sys
from click.testing import CliRunner
from pipeline import cli
r = CliRunner().invoke(cli, sys.argv[1:])
assert r.exit_code == 0, r.output
print(",".join(m for m in ("jieba", "extract.segment") if m in sys.modules))
"""


def test_cli_show_and_flags_do_not_load_jieba(ingested, corpus_dir):
    _, db, _ = ingested
    env = {"PYTHONPATH": str(ROOT)}
    for args in (["show", str(corpus_dir / "003_pingtan-xian-2011.txt"), "--json"],
                 ["flags", "--db", db], ["failures", "--db", db],
                 ["query", "--db", db, "SELECT 1"]):
        out = subprocess.run([sys.executable, "-c", LAZY, *args], capture_output=True,
                             text=True, env=env)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip().splitlines()[-1:] in ([""], []), args
    out = subprocess.run([sys.executable, "-c", LAZY, "search", "--db", db, "复议"],
                         capture_output=True, text=True, env=env)
    assert out.stdout.strip().splitlines()[-1] == "jieba,extract.segment"
    assert "prefix dict" not in out.stderr  # jieba's chatter stays off the terminal


def test_cli_query_views_carry_the_report(ingested):
    _, db, _ = ingested
    out = CliRunner().invoke(cli, ["query", "--db", db, "--json",
                                   "SELECT path, year, value FROM report_facts "
                                   "WHERE key = 'proactive.total' ORDER BY path"]).output
    rows = [json.loads(x) for x in out.splitlines()]
    assert rows and all(r["path"].endswith((".txt", ".html", ".htm")) for r in rows)
    n_flags = CliRunner().invoke(cli, ["query", "--db", db,
                                       "SELECT count(*) FROM report_flags"]).output
    n_rows = CliRunner().invoke(cli, ["query", "--db", db, "SELECT count(*) FROM flags"]).output
    assert n_flags.splitlines()[2] == n_rows.splitlines()[2]


def test_cli_ingest_reads_a_file_list_on_stdin(tmp_path, corpus_dir):
    names = [corpus_dir / "003_pingtan-xian-2011.txt", corpus_dir / "nothing-here.txt"]
    result = CliRunner().invoke(cli, ["ingest", "-", "--db", str(tmp_path / "s.db"),
                                      "--workers", "1"],
                                input="".join(f"{n}\n" for n in names))
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"failed: {names[1]}: no such file or folder",
        result.output.splitlines()[-1]]
    assert result.output.splitlines()[-1].startswith("1 ingested, 0 unchanged, 1 failed")
