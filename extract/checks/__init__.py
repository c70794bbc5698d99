"""Checks: plain functions ``check(analysis) -> iterable of Flag``, one module per family.

Flags come from one catalogue (catalogue.yaml); ``make_flag`` fills the message template.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import yaml

from ..errors import RuleFileError
from ..types import Analysis, Evidence, Flag

CATALOGUE_PATH = Path(__file__).resolve().parent / "catalogue.yaml"


@lru_cache(maxsize=1)
def catalogue() -> dict:
    with open(CATALOGUE_PATH, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    for code, entry in data.items():
        if entry.get("severity") not in ("error", "warning", "info") or "message" not in entry:
            raise RuleFileError(f"{CATALOGUE_PATH}: bad entry for {code}")
    return data


class _Blank(dict):
    def __missing__(self, key):
        return ""


def make_flag(code: str, values=(), evidence: Iterable[Evidence] = (), severity: str | None = None,
              **fields) -> Flag:
    """A Flag with the catalogue's severity and message for ``code``."""
    entry = catalogue().get(code)
    if entry is None:
        raise RuleFileError(f"unknown check code {code!r}: add it to {CATALOGUE_PATH.name}")
    message = entry["message"].format_map(_Blank(fields))
    return Flag(code=code, severity=severity or entry["severity"], message=message,
                values=tuple(values), evidence=tuple(evidence))


def all_checks() -> list[Callable[[Analysis], Iterable[Flag]]]:
    """The per-report checks, in the order they run."""
    from . import claims, period, structure, sums, tables, text_table

    return [period.check, structure.check, sums.check, tables.check, text_table.check, claims.check]


def run_checks(analysis: Analysis) -> tuple[Flag, ...]:
    flags: list[Flag] = []
    for check in all_checks():
        flags.extend(check(analysis))
    return tuple(flags)
