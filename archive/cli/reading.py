"""The index of a command that only reads it (``stats``, ``export``)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from archive.store.reader import open_current


@contextmanager
def reading(path: Path):
    """The index at ``path``: a ``sqlite3`` connection when every migration is in (the command
    then imports nothing that writing takes), else an :class:`~archive.store.index.Index`'s,
    which upgrades it first as every command always has."""
    conn = open_current(path)
    if conn is not None:
        try:
            yield conn
        finally:
            conn.close()
        return
    from archive.store.index import Index

    index = Index(path)
    try:
        yield index.db
    finally:
        index.close()
