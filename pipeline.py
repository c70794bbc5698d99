"""gouji: the command line. Each command calls one library function; errors become one line."""

from __future__ import annotations

import json
import sys

import click

from extract.errors import GoujiError


@click.group()
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


if __name__ == "__main__":
    sys.exit(cli())
