"""One writer per archive: a lock file, held with ``flock`` and naming the process that holds it.

The kernel holds the lock for as long as the holder's file stays open, and drops it when the
process dies, however it dies: a scheduled crawl is never blocked by one that no longer exists,
and two processes racing for a dead holder's lock cannot both win. The file's text (pid, host,
start) is only there to tell a person who holds it.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path


class ArchiveLocked(RuntimeError):
    """Another live process is writing this archive."""


#: Locks this process holds, by path: ``[fd, holders]``. The CLI takes the lock, then the capture
#: extension in the same process takes it again.
_HELD: dict[str, list[int]] = {}


class ArchiveLock:
    """``with ArchiveLock(path):`` holds ``path`` for this process, or raises ArchiveLocked."""

    def __init__(self, path):
        self.path = Path(path)
        #: What the file said when this process took it: the holder that died without releasing.
        self.took_over: dict | None = None

    def acquire(self) -> None:
        key = str(self.path.resolve())
        if key in _HELD:
            _HELD[key][1] += 1
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(10):
            fd = os.open(self.path, os.O_CREAT | os.O_RDWR | os.O_CLOEXEC, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                holder = self.holder() or {}
                raise ArchiveLocked(
                    f"{self.path.parent} is being written by process {holder.get('pid', '?')} "
                    f"(since {holder.get('since', '?')}); wait for it or stop it") from None
            if not self._still_at_path(fd):  # its holder released (and removed) it meanwhile
                os.close(fd)
                continue
            self.took_over = _parse(os.pread(fd, 4096, 0)) or None
            mine = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                               "since": datetime.now(UTC).isoformat(timespec="seconds")})
            os.ftruncate(fd, 0)
            os.pwrite(fd, mine.encode(), 0)
            _HELD[key] = [fd, 1]
            return
        raise ArchiveLocked(f"could not take {self.path}: other processes keep taking it")

    def _still_at_path(self, fd: int) -> bool:
        try:
            return os.stat(self.path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            return False

    def holder(self) -> dict | None:
        try:
            return _parse(self.path.read_bytes())
        except OSError:
            return None

    def release(self) -> None:
        key = str(self.path.resolve())
        held = _HELD.get(key)
        if held is None:
            return
        held[1] -= 1
        if held[1] == 0:
            del _HELD[key]
            self.path.unlink(missing_ok=True)  # while still locked: see _still_at_path
            os.close(held[0])

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc):
        self.release()


def _parse(data: bytes) -> dict | None:
    try:
        value = json.loads(data or b"null")
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
