"""The index opened to be read alone, with the standard library's ``sqlite3``: a command that
only reads (``stats``, ``export``) need not import what writing takes (sqlite-utils, which
imports numpy where it is installed, warcio, the cleaners: 0.4 s of a 0.5 s ``stats``). An index
some migration has not reached yet is left to :class:`archive.store.index.Index`, which upgrades
it as every command always has. Also what both need: the checks that tell a damaged index from
a busy one.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from archive.store.paths import ArchivePaths
from archive.store.squashed import MIGRATIONS

#: Skip reasons that say what a capture is, not what went wrong with it.
NOT_ARTICLE_REASONS = ("not-article", "redirect", "http-error", "http-status")
#: Captures skipped for a reason worth counting (not a hub page, a redirect or an HTTP error),
#: for ``newsarchive stats``; the same partial-index bargain.
REAL_SKIP = ("skip_reason not in (" + ", ".join(f"'{r}'" for r in NOT_ARTICLE_REASONS) + ")")


def open_current(path: Path) -> sqlite3.Connection | None:
    """A connection to the index at ``path`` if it is whole, in WAL mode and every migration is
    in; None if not (or if SQLite cannot tell): :class:`~archive.store.index.Index` opens it
    then, upgrading it or naming what is wrong with it, as before."""
    check_whole(path)
    conn = sqlite3.connect(path)
    try:
        run_pragma(conn, "busy_timeout=30000")
        wal = run_pragma(conn, "journal_mode")[0][0] == "wal"
        applied = {name for (name,) in conn.execute(
            "select name from _sqlite_migrations where migration_set = 'newsarchive'")}
    except sqlite3.DatabaseError:
        conn.close()
        return None
    if not wal or not applied.issuperset(MIGRATIONS):
        conn.close()
        return None
    return conn


class IndexDamaged(sqlite3.DatabaseError):
    """The index file is cut short or holds pages SQLite cannot read."""


#: SQLite's result codes for an index in use, not damaged: another writer holds it past the
#: busy timeout, or a statement of the same connection is still running (primary codes).
SQLITE_BUSY, SQLITE_LOCKED = 5, 6


def is_busy(exc: BaseException) -> bool:
    """``exc`` says the index is in use, not damaged: the command can be run again."""
    return isinstance(exc, sqlite3.Error) and \
        getattr(exc, "sqlite_errorcode", 0) & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED)


def run_pragma(conn: sqlite3.Connection, setting: str) -> list[tuple]:
    """Run ``PRAGMA setting`` to its end, close its cursor and return the rows it answered:
    every PRAGMA of the archive goes through here. A statement that answered a row and was not
    read to its end stays active until its cursor is freed; while one that can write is active
    (``journal_mode`` can), autocommitted writes stay uncommitted and every COMMIT of the
    connection fails ("SQL statements in progress"). A cursor is usually freed at once, but
    whatever holds the frame that made it keeps it: a Dask worker's profiler holds its task
    thread's frames while it reads them, every 10 ms, and a shard's new index once failed so."""
    cursor = conn.execute(f"PRAGMA {setting}")
    try:
        return cursor.fetchall()
    finally:
        cursor.close()


def check_whole(path: Path) -> None:
    """Refuse an index file shorter than its header says: a truncated copy or a disk that
    filled up. A full ``PRAGMA quick_check`` reads every page (0.7 s for 0.5 GB, warm): too
    slow for every command, so pages damaged in place are found where they are read, and the
    command line names the cure there too."""
    try:
        with open(path, "rb") as stream:
            header = stream.read(100)
            size = os.fstat(stream.fileno()).st_size
    except FileNotFoundError:
        return
    if not size:
        paths = ArchivePaths(path.parent)  # a lost index, not a new one
        if path.name == paths.index.name and paths.index_lost():
            raise IndexDamaged(f"{path} is empty, beside the archive's WARC files")
        return
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise IndexDamaged(f"{path} is not an SQLite database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages, valid_for, changed = (int.from_bytes(header[at:at + 4], "big") for at in (28, 92, 24))
    wal = path.with_name(path.name + "-wal")  # pages a checkpoint has yet to copy back
    if valid_for == changed and size < pages * page_size and not (
            wal.exists() and wal.stat().st_size):
        raise IndexDamaged(f"{path} is cut short: {size} bytes of {pages * page_size}")
