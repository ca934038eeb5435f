"""A Dask worker killed with ``kill -9`` while its reprocess task runs: the scheduler gives the
task to the other worker, and the merged archive still has every article once. A real
``dask scheduler`` and two real ``dask worker`` processes on 127.0.0.1; in the second test the
task's input is a URL on a server on 127.0.0.1 that holds the first worker to fetch it in the
middle of the file, so that the worker killed is known to be running that task."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlite_utils
from _archive_checks import assert_consistent, free_port, run_crawl, warc_files

from archive.store.paths import ArchivePaths

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def reference(sample_seeds, tmp_path_factory):
    """A crawl's archive in a few WARC files (a task each), and its article URLs."""
    data = tmp_path_factory.mktemp("reference")
    run_crawl(sample_seeds, data, "-s", "ARCHIVE_WARC_MAX_SIZE=100000")
    assert len(list(ArchivePaths(data).warc_dir.glob("*.warc.gz"))) >= 3
    return data, sorted(row["url"] for row in assert_consistent(data)["articles"].rows)


def _start_cluster(folder: Path, workers: int = 2) -> tuple[str, list[subprocess.Popen]]:
    """A scheduler and ``workers`` workers, each one process with one thread and no nanny to
    restart it: a worker killed stays dead, and only another can finish its task."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    processes = []
    folder.mkdir(exist_ok=True)
    with open(folder / "dask.log", "ab") as logs:
        processes.append(subprocess.Popen(
            [BIN / "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--no-dashboard"], stdout=logs, stderr=subprocess.STDOUT, cwd=folder))
        for number in range(workers):
            processes.append(subprocess.Popen(
                [BIN / "dask", "worker", address, "--nthreads", "1", "--no-nanny", "--host",
                 "127.0.0.1", "--no-dashboard", "--local-directory",
                 str(folder / f"dask{port}-{number}")],
                stdout=logs, stderr=subprocess.STDOUT, cwd=folder))
    return address, processes


def _stop_cluster(processes: list[subprocess.Popen]) -> None:
    for process in reversed(processes):
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a worker may hang closing its comms: not the test
            process.kill()
            process.wait(timeout=30)


@pytest.fixture
def cluster(tmp_path):
    """A scheduler and two workers (:func:`_start_cluster`)."""
    address, processes = _start_cluster(tmp_path)
    try:
        yield address
    finally:
        _stop_cluster(processes)


def _reprocess(data, cluster, sample_seeds, log_path, *inputs) -> subprocess.Popen:
    """``newsarchive reprocess`` of ``inputs`` (default: the archive's own captures) on the
    cluster, started in the background with its output in ``log_path``."""
    with open(log_path, "wb") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "archive", "reprocess", "--data", str(data),
             "--scheduler", cluster, "--seeds", str(sample_seeds[0].parent / "*.toml"),
             *inputs], stdout=log, stderr=subprocess.STDOUT)


def test_a_worker_killed_mid_task_loses_nothing(sample_seeds, reference, cluster, tmp_path):
    from distributed import Client

    data = tmp_path / "data"
    subprocess.run(["cp", "-a", str(reference[0]), str(data)], check=True)
    with Client(cluster, timeout=60) as client:
        client.wait_for_workers(2, timeout=120)
        pids = client.run(os.getpid)
        reprocess = _reprocess(data, cluster, sample_seeds, tmp_path / "reprocess.log")
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


class _Inputs(ThreadingHTTPServer):
    """The reference's WARC files over HTTP (ranges too, as fsspec asks for them). The first
    request for ``held`` gets half its bytes, then waits until ``release`` is set: its worker is
    then inside that task, fetching its input, until it is killed."""

    daemon_threads = True

    def __init__(self, files: dict[str, bytes], held: str):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.files, self.held = files, held
        self.arrived, self.release = threading.Event(), threading.Event()
        self.holding_port = None
        self.served: list[str] = []  # each file sent whole, in order

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}/"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _body(self) -> tuple[int, bytes] | None:
        body = self.server.files.get(self.path.lstrip("/"))
        if body is None:
            self.send_error(404)
            return None
        wanted = re.fullmatch(r"bytes=(\d+)-(\d*)", self.headers.get("Range", ""))
        if not wanted:
            return 200, body
        start = int(wanted[1])
        end = int(wanted[2]) + 1 if wanted[2] else len(body)
        return 206, body[start:end]

    def _headers(self, status: int, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/warc")
        self.send_header("Content-Length", str(length))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()

    def do_HEAD(self):  # noqa: N802
        found = self._body()
        if found:
            self._headers(200, len(self.server.files[self.path.lstrip("/")]))

    def do_GET(self):  # noqa: N802
        found = self._body()
        if not found:
            return
        status, body = found
        server, name = self.server, self.path.lstrip("/")
        self._headers(status, len(body))
        if name == server.held and server.holding_port is None:
            server.holding_port = self.client_address[1]
            self.wfile.write(body[:len(body) // 2])
            self.wfile.flush()
            server.arrived.set()
            server.release.wait(timeout=240)
            self.close_connection = True
            return
        self.wfile.write(body)
        server.served.append(name)

    def log_message(self, *args):
        pass


def _process_with_port(pids: dict, port: int) -> str | None:
    """The worker whose process holds the TCP connection from local port ``port``."""
    import psutil

    for worker, pid in pids.items():
        if any(c.laddr and c.laddr.port == port for c in psutil.Process(pid).net_connections()):
            return worker
    return None


def test_the_worker_killed_held_its_task_which_then_ran_on_the_other(sample_seeds, reference,
                                                                     cluster, tmp_path):
    """Every WARC file of the reference crawl, reprocessed from URLs into a new archive. The
    worker that fetches the first file is killed while it is held inside that fetch; the file
    is then fetched whole by the other worker, and every article is archived once."""
    from distributed import Client

    files = {path.name: path.read_bytes()
             for path in sorted(ArchivePaths(reference[0]).warc_dir.glob("*.warc.gz"))}
    inputs = _Inputs(files, held=sorted(files)[0])
    threading.Thread(target=inputs.serve_forever, daemon=True).start()
    data = tmp_path / "data"
    try:
        with Client(cluster, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            pids = client.run(os.getpid)
            reprocess = _reprocess(data, cluster, sample_seeds, tmp_path / "reprocess.log",
                                   *(inputs.url + name for name in sorted(files)))
            assert inputs.arrived.wait(timeout=120), (tmp_path / "reprocess.log").read_text()
            victim = _process_with_port(pids, inputs.holding_port)
            assert victim is not None, "no worker holds the held fetch"
            assert client.processing()[victim], "the scheduler has no task on the held worker"
            os.kill(pids[victim], signal.SIGKILL)
            inputs.release.set()
            assert reprocess.wait(timeout=300) == 0, (tmp_path / "reprocess.log").read_text()
            survivors = set(client.scheduler_info()["workers"])
            assert survivors == set(pids) - {victim}, "the killed worker came back"
    finally:
        inputs.release.set()
        inputs.shutdown()
    # The held file, never sent whole to the killed worker, was sent whole once after: to the
    # other worker, whose task made its shard.
    assert inputs.served.count(inputs.held) == 1 and sorted(set(inputs.served)) == sorted(files)
    texts = warc_files(data)  # the derived records; the captures stay at their URLs
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", *map(str, texts)],
                           capture_output=True, text=True)
    assert texts and check.returncode == 0, check.stdout + check.stderr
    db = sqlite_utils.Database(ArchivePaths(data).index)
    assert {row["warc_file"] for row in db["captures"].rows} == {inputs.url + n for n in files}
    urls = [row["url"] for row in db["articles"].rows]
    assert sorted(set(urls)) == reference[1], "missing or extra articles"
    assert len(urls) == len(set(urls)), "an article was archived twice"
    assert not any((data / "shards").iterdir())


def test_a_scheduler_killed_mid_run_is_one_line_and_a_rerun_finishes(sample_seeds, reference,
                                                                     tmp_path):
    """The scheduler killed while a task writes its shard: the reprocess stops with one line
    (it was Dask's traceback), having merged nothing; rerun on another cluster (started
    meanwhile), it finishes with every article once."""
    from distributed import Client

    data = tmp_path / "data"
    subprocess.run(["cp", "-a", str(reference[0]), str(data)], check=True)
    first = sorted(ArchivePaths(data).warc_dir.glob("*.warc.gz"))[0]  # one task: quicker
    before = sorted(row["url"] for row in sqlite_utils.Database(data / "index.db")["articles"].rows)
    (address, processes), (second, spare) = (_start_cluster(tmp_path / name, workers=1)
                                             for name in ("first", "second"))
    log = tmp_path / "reprocess.log"
    try:
        with Client(address, timeout=60) as client:
            client.wait_for_workers(1, timeout=120)
        reprocess = _reprocess(data, address, sample_seeds, log, first)
        deadline = time.monotonic() + 120
        while not list((data / "shards").glob("reprocess-*/*/text/*.open")):
            assert time.monotonic() < deadline and reprocess.poll() is None, log.read_text()
            time.sleep(0.02)
        processes[0].send_signal(signal.SIGKILL)
        assert reprocess.wait(timeout=120) == 1, log.read_text()[-3000:]
        output = log.read_text()
        assert "Traceback" not in output, output[-5000:]
        errors = [line for line in output.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1 and "stopped answering mid-run" in errors[0], output[-3000:]
        assert sorted(row["url"] for row in sqlite_utils.Database(data / "index.db")[
            "articles"].rows) == before  # nothing merged

        again = _reprocess(data, second, sample_seeds, log, first)
        assert again.wait(timeout=300) == 0, log.read_text()[-3000:]
    finally:
        _stop_cluster(processes + spare)
    urls = [row["url"] for row in assert_consistent(data)["articles"].rows]
    assert sorted(set(urls)) == reference[1], "missing or extra articles"
    assert len(urls) == len(set(urls)), "an article was archived twice"
