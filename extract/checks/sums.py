"""Checks: sums (stub, to be filled)."""

from __future__ import annotations

from typing import Iterable

from ..types import Analysis, Flag


def check(analysis: Analysis) -> Iterable[Flag]:
    return ()
