"""One crawl per archive; a lock left by a dead process is taken over."""

import json
import socket
import subprocess
import sys
import time

import pytest

from archive.store.lock import ArchiveLock, ArchiveLocked


def test_second_writer_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "crawl.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from archive.store.lock import ArchiveLock; "
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


RACER = """
import os, sys, time
from pathlib import Path
from archive.store.lock import ArchiveLock, ArchiveLocked
path, folder = sys.argv[1], Path(sys.argv[2])
(folder / f"ready-{os.getpid()}").touch()
while not (folder / "go").exists():
    time.sleep(0.001)
try:
    ArchiveLock(path).acquire()
except ArchiveLocked:
    print("refused", flush=True)
else:
    print("held", flush=True)
(folder / f"tried-{os.getpid()}").touch()
deadline = time.monotonic() + 60
while len(list(folder.glob("tried-*"))) < 4 and time.monotonic() < deadline:
    time.sleep(0.01)  # a holder holds it until every racer has tried
"""


def test_four_processes_racing_for_a_dead_holders_lock_make_one_holder(tmp_path):
    """The four start together (each waits, imported, for the signal) and the winner holds
    the lock until all have tried: a racer that came late would find it free, its holder gone."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    for trial in range(20):
        path, folder = tmp_path / f"crawl-{trial}.lock", tmp_path / f"trial-{trial}"
        folder.mkdir()
        path.write_text(json.dumps({"pid": int(dead.stdout), "host": socket.gethostname()}))
        racers = [subprocess.Popen([sys.executable, "-c", RACER, str(path), str(folder)],
                                   stdout=subprocess.PIPE, text=True) for _ in range(4)]
        deadline = time.monotonic() + 60
        while len(list(folder.glob("ready-*"))) < 4:
            assert time.monotonic() < deadline, "the racers did not start"
            time.sleep(0.01)
        (folder / "go").touch()
        outcomes = sorted(racer.communicate(timeout=60)[0].strip() for racer in racers)
        assert outcomes == ["held", "refused", "refused", "refused"], (trial, outcomes)
