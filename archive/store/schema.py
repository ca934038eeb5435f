"""Run a schema script inside the caller's transaction."""

from __future__ import annotations

import sqlite3


def execute_each(db, script: str) -> None:
    """Each statement of ``script`` in turn, in the open transaction: ``executescript`` would
    commit first, and a migration must stay one transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
