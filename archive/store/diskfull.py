"""A full disk, told apart from other write failures: a file's ``ENOSPC`` (or a quota's
``EDQUOT``) and SQLite's "database or disk is full" are one condition with one remedy (free
space, run again), whichever writer meets it first."""

from __future__ import annotations

import errno
import sqlite3

#: SQLite's result code for a write that found no room (the primary code, extended ones aside).
SQLITE_FULL = 13


def is_disk_full(exc: BaseException | None) -> bool:
    """``exc``, or an exception it was raised from or while handling, is a full disk: an error
    raised while cleaning up after one (a rollback, a close) still names the cause."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if isinstance(exc, sqlite3.Error) and \
                getattr(exc, "sqlite_errorcode", 0) & 0xFF == SQLITE_FULL:
            return True
        exc = exc.__cause__ or exc.__context__
    return False
