"""A full disk, told apart from other write failures: a file's ``ENOSPC`` (or a quota's
``EDQUOT``) and SQLite's "database or disk is full" are one condition with one remedy (free
space, run again), whichever writer meets it first."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

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


#: What a run needs free to start: the index's write-ahead log and its shared memory (32 KiB),
#: a WARC file's first record. Less, and it would fail on its first write, wherever that is
#: (opening the index, SQLite says only "disk I/O error").
ROOM_TO_START = 64 * 1024


def room(folder: Path) -> int:
    """Bytes an unprivileged writer may still write on the disk of ``folder`` (or of its
    nearest folder that exists)."""
    folder = Path(folder).absolute()
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    stats = os.statvfs(folder)
    return stats.f_bavail * stats.f_frsize


def ensure_room(*folders: Path) -> None:
    """Refuse to start a run on a disk that is full already, with the error a full disk
    raises mid-run (``ENOSPC``), so that it ends the same way: one line, nothing written."""
    for folder in folders:
        if (left := room(folder)) < ROOM_TO_START:
            raise OSError(errno.ENOSPC, f"No space left on device: {left} bytes free, "
                                        f"{ROOM_TO_START} needed to start", str(folder))
