"""One crawl per archive; a lock left by a dead process is taken over."""

import json
import socket
import subprocess
import sys

import pytest

from archive.lock import ArchiveLock, ArchiveLocked


def test_second_writer_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "crawl.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from archive.lock import ArchiveLock; "
         f"lock = ArchiveLock({str(path)!r}); lock.acquire(); print('held', flush=True); "
         "sys.stdin.read()"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(ArchiveLocked, match=f"process {holder.pid}"):
            ArchiveLock(path).acquire()
    finally:
        holder.kill()
        holder.wait()


def test_stale_lock_of_dead_process_is_taken_over(tmp_path):
    path = tmp_path / "crawl.lock"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    path.write_text(json.dumps({"pid": int(dead.stdout), "host": socket.gethostname()}))
    with ArchiveLock(path) as lock:
        assert lock.took_over["pid"] == int(dead.stdout)
        assert json.loads(path.read_text())["pid"] != int(dead.stdout)
    assert not path.exists()
