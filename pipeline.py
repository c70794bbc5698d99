"""gouji: the command line. Each command calls one library function; errors become one line."""

from __future__ import annotations

import json
import sys

import click

from extract.errors import GoujiError


class _Group(click.Group):
    def invoke(self, ctx):
        import sqlite3

        try:
            return super().invoke(ctx)
        except sqlite3.Error as exc:  # a locked, corrupt or foreign database file: one line
            raise click.ClickException(f"database: {exc}")


@click.group(cls=_Group)
@click.version_option(package_name="gouji")
def cli():
    """gouji (勾稽): read, reconcile and audit 政府信息公开工作年度报告.

    \b
    Example:
      gouji ingest corpus/ --db gouji.db
      gouji show corpus/000_ee0214fd6cb0a06f.txt --json
    """


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="The report as contract JSON (default).")
@click.option("--text", "as_text", is_flag=True, help="The normalized text that spans index.")
def show(file, as_json, as_text):
    """Read one report and print what gouji found in it.

    \b
    Example:
      gouji show corpus/000_ee0214fd6cb0a06f.txt --json
    """
    from extract.process import analyse_file
    from extract.serialize import analysis_json

    try:
        analysis = analyse_file(file)
    except GoujiError as exc:
        raise click.ClickException(str(exc))
    if as_text:
        click.echo(analysis.doc.text)
        return
    click.echo(json.dumps(analysis_json(analysis), ensure_ascii=False, indent=2))


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--corpus", "corpus_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="The folder of reports the gold files describe.")
@click.option("--json", "as_json", is_flag=True, help="Scores as JSON, for machines.")
@click.option("--details", is_flag=True, help="List every miss, wrong value and false alarm.")
def eval_(gold_dir, corpus_dir, as_json, details):
    """Score extraction against hand-checked gold files (contract §4).

    \b
    Example:
      gouji eval ../shared/corpus/gold --corpus ../shared/corpus --details
    """
    from extract.evaluate import evaluate, format_details, format_summary

    try:
        summary, scores = evaluate(gold_dir, corpus_dir)
    except GoujiError as exc:
        raise click.ClickException(str(exc))
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        click.echo(format_summary(summary, title=f"gouji eval: {corpus_dir}"))
    if details:
        click.echo("")
        click.echo(format_details(scores))



# --------------------------------------------------------------------------- the database

DB_OPTION = click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False),
                         help="The gouji SQLite database file.")


def _open_existing(db_path):
    from pathlib import Path

    from db.store import open_db

    if not Path(db_path).is_file():
        raise click.ClickException(f"no database at {db_path} (make one with gouji ingest)")
    return open_db(db_path)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes extracting in parallel (default: all cores).")
@click.option("--retry-failed", is_flag=True, help="Extract again files that failed before.")
@click.option("--force", is_flag=True,
              help="Extract every file again, stored or not (after the rules changed).")
@click.option("--manifest", "manifest_path", type=click.Path(exists=True, dir_okay=False),
              help="CSV/TSV of known url, agency, year, published date per file (header "
                   "names; a file column matched by path, file name or zip member name).")
@click.option("--timeout", type=click.FloatRange(min=0), default=300, show_default=True,
              help="Seconds one file may take (0: no limit).")
@click.option("--memory-mb", type=click.IntRange(min=0), default=2048, show_default=True,
              help="Memory one worker process may use, in MB (0: no limit; with --workers 2+).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Extract on a Dask cluster (tcp://host:8786); results are written here.")
def ingest(paths, db_path, workers, retry_failed, force, manifest_path, timeout, memory_mb,
           scheduler):
    """Read report files into the database; stored content is skipped, failures recorded.

    PATHS are files, folders (searched recursively for .txt .html .htm .pdf .docx and .zip
    archives, read without unpacking), globs, or - for a list of paths on stdin.

    \b
    Example:
      gouji ingest corpus/ --db gouji.db
      find archive -name '*.pdf' | gouji ingest - --db gouji.db --workers 4
      gouji ingest archive.zip --db gouji.db --manifest crawl.csv
      gouji ingest archive/ --db gouji.db --scheduler tcp://10.0.0.5:8786
    """
    import os

    from db.ingest import Limits, find_sources, ingest as run
    from db.manifest import load_manifest
    from db.store import open_db

    try:
        manifest = load_manifest(manifest_path) if manifest_path else None
    except GoujiError as exc:
        raise click.ClickException(str(exc))
    options = dict(retry_failed=retry_failed, force=force, manifest=manifest,
                   limits=Limits(timeout=timeout, memory_mb=memory_mb), scheduler=scheduler)
    sources = find_sources(paths)
    # the cores this process may use (a container may allow fewer than the machine has)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    workers = workers or cores or 1
    db = open_db(db_path)
    try:
        if sys.stderr.isatty():
            sources = list(sources)
            with click.progressbar(length=len(sources), label="ingesting", file=sys.stderr) as bar:
                summary = run(db, sources, workers=workers,
                              progress=lambda status, name: bar.update(1), **options)
        else:
            summary = run(db, sources, workers=workers, **options)
    except OSError as exc:  # the scheduler cannot be reached
        if not scheduler:
            raise
        raise click.ClickException(f"scheduler {scheduler}: {exc}")
    except GoujiError as exc:
        raise click.ClickException(str(exc))
    finally:
        db.close()
    shown = 50
    for name, reason in summary.failures[:shown]:
        click.echo(f"failed: {name}: {reason}")
    if len(summary.failures) > shown:
        click.echo(f"… {len(summary.failures) - shown} more failures: gouji failures --db {db_path}")
    click.echo(summary.line())


@cli.command()
@DB_OPTION
@click.option("--code", help="A check code, or its family (sum. or sum for every sum.* code).")
@click.option("--severity", type=click.Choice(["error", "warning", "info"]))
@click.option("--agency", help="Part of the agency's name.")
@click.option("--year", type=int, help="The report's year.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
def flags(db_path, code, severity, agency, year, as_json):
    """List stored flags: report, code, severity, message.

    \b
    Example:
      gouji flags --db gouji.db --code table.t3 --severity error
    """
    from db.queries import format_table, list_flags

    rows = list_flags(_open_existing(db_path), code, severity, agency, year)
    if as_json:
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    click.echo(format_table(["report", "code", "severity", "message"],
                            [(r["report"], r["code"], r["severity"], r["message"]) for r in rows]))
    click.echo(f"{len(rows)} flags")


@cli.command()
@DB_OPTION
@click.argument("words", nargs=-1, required=True)
@click.option("--limit", default=20, show_default=True, help="How many reports to list.")
def search(db_path, words, limit):
    """Find reports whose text contains every word, best first, with a snippet.

    \b
    Example:
      gouji search --db gouji.db 行政复议 维持
    """
    from db.search import search as run

    hits = run(_open_existing(db_path), " ".join(words), limit=limit)
    for h in hits:
        who = " ".join(str(x) for x in (h.agency, h.year) if x)
        click.echo(f"{h.path}  {who}  ({h.hits}×)\n    {h.snippet}")
    click.echo(f"{len(hits)} reports")


@cli.command()
@DB_OPTION
@click.argument("sql")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per row.")
def query(db_path, sql, as_json):
    """Run one read-only SQL statement (tables: reports, sections, facts, flags, failures,
    files; views report_facts and report_flags carry each row's path, agency and year).

    \b
    Example:
      gouji query --db gouji.db "SELECT key, count(*) FROM facts GROUP BY key"
      gouji query --db gouji.db "SELECT agency, year, value FROM report_facts
                                 WHERE key = 'proactive.total'" --json
    """
    from db.queries import format_table, run_query

    try:
        columns, rows = run_query(db_path, sql)
    except GoujiError as exc:
        raise click.ClickException(str(exc))
    if as_json:
        for row in rows:
            click.echo(json.dumps(dict(zip(columns, row)), ensure_ascii=False))
    else:
        click.echo(format_table(columns, rows))


@cli.command()
@DB_OPTION
@click.option("--jsonl", is_flag=True, default=True, help="One contract JSON report per line.")
@click.option("--cross/--no-cross", default=True, show_default=True,
              help="Include the stored cross-year flags (they need the agency's other years).")
def export(db_path, jsonl, cross):
    """Write every stored report as contract JSON (as show --json), one per line.

    \b
    Example:
      gouji export --db gouji.db --jsonl > reports.jsonl
    """
    from db.queries import export_reports

    for out in export_reports(_open_existing(db_path), cross=cross):
        click.echo(json.dumps(out, ensure_ascii=False))


@cli.command()
@DB_OPTION
def failures(db_path):
    """List the files that could not be ingested, with the reason.

    \b
    Example:
      gouji failures --db gouji.db
    """
    from db.queries import format_table, list_failures

    rows = list_failures(_open_existing(db_path))
    click.echo(format_table(["path", "reason", "at"], [(r["path"], r["reason"], r["at"])
                                                       for r in rows]))
    click.echo(f"{len(rows)} failures")

if __name__ == "__main__":
    sys.exit(cli())
