"""One crawl per archive; a lock left by a dead process is taken over."""

import json
import socket
import subprocess
import sys

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
from archive.store.lock import ArchiveLock, ArchiveLocked
path, go = sys.argv[1], sys.argv[2]
while not os.path.exists(go):
    time.sleep(0.001)
try:
    ArchiveLock(path).acquire()
except ArchiveLocked:
    print("refused", flush=True)
else:
    print("held", flush=True)
    time.sleep(0.3)  # hold it while the others try
"""


def test_four_processes_racing_for_a_dead_holders_lock_make_one_holder(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    for trial in range(20):
        path, go = tmp_path / f"crawl-{trial}.lock", tmp_path / f"go-{trial}"
        path.write_text(json.dumps({"pid": int(dead.stdout), "host": socket.gethostname()}))
        racers = [subprocess.Popen([sys.executable, "-c", RACER, str(path), str(go)],
                                   stdout=subprocess.PIPE, text=True) for _ in range(4)]
        go.touch()
        outcomes = sorted(racer.communicate(timeout=60)[0].strip() for racer in racers)
        assert outcomes == ["held", "refused", "refused", "refused"], (trial, outcomes)
