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


if __name__ == "__main__":
    sys.exit(cli())
