"""A Dask worker killed with ``kill -9`` while its reprocess task runs: the scheduler gives the
task to the other worker, and the merged archive still has every article once. A real
``dask scheduler`` and two real ``dask worker`` processes on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _archive_checks import assert_consistent, free_port, run_crawl

from archive.store.paths import ArchivePaths

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def reference(sample_seeds, tmp_path_factory):
    """A crawl's archive in a few WARC files (a task each), and its article URLs."""
    data = tmp_path_factory.mktemp("reference")
    run_crawl(sample_seeds, data, "-s", "ARCHIVE_WARC_MAX_SIZE=100000")
    assert len(list(ArchivePaths(data).warc_dir.glob("*.warc.gz"))) >= 3
    return data, sorted(row["url"] for row in assert_consistent(data)["articles"].rows)


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two workers, each one process with one thread and no nanny to restart
    it: a worker killed stays dead, and only the other can finish its task."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    processes = []
    with open(tmp_path / "dask.log", "wb") as logs:
        processes.append(subprocess.Popen(
            [BIN / "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--no-dashboard"], stdout=logs, stderr=subprocess.STDOUT, cwd=tmp_path))
        for number in range(2):
            processes.append(subprocess.Popen(
                [BIN / "dask", "worker", address, "--nthreads", "1", "--no-nanny", "--host",
                 "127.0.0.1", "--no-dashboard", "--local-directory",
                 str(tmp_path / f"dask{number}")],
                stdout=logs, stderr=subprocess.STDOUT, cwd=tmp_path))
    try:
        yield address
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
        for process in processes:
            process.wait(timeout=60)


def test_a_worker_killed_mid_task_loses_nothing(sample_seeds, reference, cluster, tmp_path):
    from distributed import Client

    data = tmp_path / "data"
    subprocess.run(["cp", "-a", str(reference[0]), str(data)], check=True)
    with Client(cluster, timeout=60) as client:
        client.wait_for_workers(2, timeout=120)
        pids = client.run(os.getpid)
        with open(tmp_path / "reprocess.log", "wb") as log:
            reprocess = subprocess.Popen(
                [sys.executable, "-m", "archive", "reprocess", "--data", str(data),
                 "--scheduler", cluster, "--seeds", str(sample_seeds[0].parent / "*.toml")],
                stdout=log, stderr=subprocess.STDOUT)
        # Kill a worker once its task has begun writing its shard.
        deadline = time.monotonic() + 120
        victim = None
        while victim is None:
            assert time.monotonic() < deadline and reprocess.poll() is None, \
                (tmp_path / "reprocess.log").read_text()[-3000:]
            started = list((data / "shards").glob("reprocess-*/*/text/*.open"))
            busy = [worker for worker, tasks in client.processing().items() if tasks]
            if started and busy:
                victim = busy[0]
            else:
                time.sleep(0.02)
        os.kill(pids[victim], signal.SIGKILL)
        assert reprocess.wait(timeout=300) == 0, (tmp_path / "reprocess.log").read_text()
        assert len(client.scheduler_info()["workers"]) == 1, "the killed worker came back"
    db = assert_consistent(data)
    urls = [row["url"] for row in db["articles"].rows]
    assert sorted(set(urls)) == reference[1], "missing or extra articles"
    assert len(urls) == len(set(urls)), "an article was archived twice"
    assert not (data / "shards").exists() or not any((data / "shards").iterdir())
