"""One writer per archive: a lock file naming the process that holds it.

A lock left by a dead process (killed, crashed, rebooted) is detected and taken over, so a
scheduled crawl never stays blocked by a crawl that no longer exists.
"""

from __future__ import annotations

import json
import os
import socket
from datetime import UTC, datetime
from pathlib import Path


class ArchiveLocked(RuntimeError):
    """Another live process is writing this archive."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


class ArchiveLock:
    """``with ArchiveLock(path):`` holds ``path`` for this process, or raises ArchiveLocked."""

    def __init__(self, path):
        self.path = Path(path)
        self.took_over: dict | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        mine = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                           "since": datetime.now(UTC).isoformat(timespec="seconds")})
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = self.holder()
                if holder and holder.get("pid") == os.getpid():
                    return  # this process holds it already (the CLI, then the extension)
                if holder and holder.get("host") == socket.gethostname() and \
                        _alive(int(holder.get("pid", 0))):
                    raise ArchiveLocked(
                        f"{self.path.parent} is being written by process {holder['pid']} "
                        f"(since {holder.get('since')}); wait for it or stop it") from None
                self.took_over = holder or {}
                self.path.unlink(missing_ok=True)
                continue
            with os.fdopen(fd, "w") as out:
                out.write(mine)
            return
        raise ArchiveLocked(f"could not take {self.path}: another process keeps creating it")

    def holder(self) -> dict | None:
        try:
            return json.loads(self.path.read_text())
        except (OSError, ValueError):
            return None

    def release(self) -> None:
        holder = self.holder()
        if holder and holder.get("pid") == os.getpid():
            self.path.unlink(missing_ok=True)

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc):
        self.release()
