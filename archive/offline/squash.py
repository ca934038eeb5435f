"""Writes :mod:`archive.store.squashed`, the index's schema as its migrations leave it, from a
new index they made: run ``python -m archive.offline.squash`` after adding a migration."""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

from archive.store import squashed
from archive.store.index import Index


def squash() -> str:
    """:mod:`archive.store.squashed`'s text, from a new index made by the migrations."""
    with tempfile.TemporaryDirectory() as folder:
        Index(Path(folder) / "index.db").close()
        names, statements = schema_of(Path(folder) / "index.db")
    head, _, _ = Path(squashed.__file__).read_text().partition("MIGRATIONS = ")
    return (f"{head}MIGRATIONS = ({''.join(f'{chr(10)}    {name!r},' for name in names)}\n)\n"
            f"STATEMENTS = ({''.join(map(_literal, statements))}\n)\n")


def schema_of(path) -> tuple[list[str], list[str]]:
    """The migrations applied to the index at ``path``, and the statements that made its
    schema, in the order they were made; not those of the full-text index's own tables,
    which its virtual table makes."""
    db = sqlite3.connect(path)
    try:
        names = [name for (name,) in db.execute("select name from _sqlite_migrations "
                                                "order by id")]
        virtual = [name for (name,) in db.execute(
            "select name from sqlite_master where sql like 'create virtual table%'")]
        statements = [sql for name, sql in db.execute(
            "select name, sql from sqlite_master where sql is not null order by rowid")
            if not any(name.startswith(f"{table}_") for table in virtual)]
    finally:
        db.close()
    return names, statements


def _literal(sql: str) -> str:
    """``sql`` as a Python literal of short pieces, one per line."""
    pieces = [line[start:start + 70] for line in sql.splitlines(keepends=True)
              for start in range(0, len(line), 70)]
    return "\n    (" + "\n     ".join(map(repr, pieces)) + "),"


if __name__ == "__main__":
    Path(squashed.__file__).write_text(squash())
