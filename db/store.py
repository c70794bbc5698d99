"""Opening the database and storing analyses (stub, to be filled)."""

from __future__ import annotations

import sqlite_utils


def open_db(path) -> sqlite_utils.Database:
    return sqlite_utils.Database(path)
