"""The shared crawl's Redis killed with SIGKILL mid-crawl and started again on the same port,
with its persistence (an append-only file) and without (it comes back empty): the workers wait,
reconnect and finish, and the merged archive has every article of a crawl by one process, once.
A Redis that never comes back stops a worker with one line; rerun once it is back, the shared
crawl resumes. A real redis-server and the sample sites, on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from shutil import which

import pytest
import redis
import sqlite_utils
from _archive_checks import assert_consistent, crawl_command, free_port, run_crawl

ROOT = Path(__file__).parent.parent
#: Workers slow enough that Redis dies mid-crawl, beating every second, cleaning in-process.
WORKER = ("-s", "DOWNLOAD_DELAY=0.2", "-s", "ARCHIVE_REDIS_HEARTBEAT=1",
          "-s", "ARCHIVE_CLEAN_PROCESSES=0")


class RedisServer:
    """A redis-server on a fixed port, to kill and start again there."""

    def __init__(self, folder: Path, persistent: bool):
        if not which("redis-server"):
            pytest.fail("redis-server is not installed (Debian: apt-get install redis-server)")
        self.folder, self.port, self.persistent = folder, free_port(), persistent
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "yes" if self.persistent else "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL)
        client = redis.Redis(port=self.port)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                assert self.process.poll() is None and time.monotonic() < deadline, \
                    "Redis did not start"
                time.sleep(0.05)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()


@pytest.fixture
def redis_server(tmp_path):
    servers = []

    def make(persistent: bool) -> RedisServer:
        server = RedisServer(tmp_path, persistent)
        servers.append(server)
        server.start()
        return server

    yield make
    for server in servers:
        if server.process and server.process.poll() is None:
            server.process.terminate()
            server.process.wait(timeout=20)


@pytest.fixture(scope="module")
def reference(sample_seeds, tmp_path_factory):
    data = tmp_path_factory.mktemp("reference")
    run_crawl(sample_seeds, data)
    return sorted(row["url"] for row in assert_consistent(data)["articles"].rows)


def _worker(seeds, shard: Path, url: str, *settings: str) -> subprocess.Popen:
    with open(shard.with_suffix(".log"), "ab") as out:
        return subprocess.Popen(crawl_command(seeds, shard, *WORKER, *settings, "--redis", url,
                                              "--worker", shard.name),
                                stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
                                env={k: v for k, v in os.environ.items()
                                     if k != "SCRAPY_SETTINGS_MODULE"})


def _captures(shard: Path) -> int:
    try:
        return sqlite_utils.Database(shard / "index.db")["captures"].count
    except Exception:  # noqa: BLE001 - not written yet
        return 0


def _wait_for_captures(shard: Path, count: int, worker: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while _captures(shard) < count:
        assert time.monotonic() < deadline and worker.poll() is None, \
            shard.with_suffix(".log").read_text()[-3000:]
        time.sleep(0.1)


def _merged_articles(shards, data: Path, seeds) -> list[str]:
    result = subprocess.run([sys.executable, "-m", "archive", "merge", *map(str, shards),
                             "--data", str(data), "--seeds", str(Path(seeds[0]).parent / "*.toml")],
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    urls = [row["url"] for row in assert_consistent(data)["articles"].rows]
    assert len(urls) == len(set(urls)), "an article was merged twice"
    return sorted(urls)


@pytest.mark.parametrize("persistent", [True, False], ids=["append-only-file", "no-persistence"])
def test_workers_wait_for_a_restarted_redis_and_finish(persistent, sample_seeds, reference,
                                                       redis_server, tmp_path):
    server = redis_server(persistent)
    shards = [tmp_path / "w1", tmp_path / "w2"]
    workers = [_worker(sample_seeds, shards[0], server.url)]
    time.sleep(1)
    workers.append(_worker(sample_seeds, shards[1], server.url))
    _wait_for_captures(shards[0], 15, workers[0])
    server.kill()
    time.sleep(3)  # the workers find it gone, and wait
    assert all(worker.poll() is None for worker in workers), "a worker gave up at once"
    server.start()
    for worker, shard in zip(workers, shards, strict=True):
        log = shard.with_suffix(".log")
        assert worker.wait(timeout=240) == 0, log.read_text()[-5000:]
        assert "Traceback" not in log.read_text(), log.read_text()[-8000:]
    if not persistent:
        assert any("starting it again from the seeds" in s.with_suffix(".log").read_text()
                   for s in shards)
    assert _merged_articles(shards, tmp_path / "merged", sample_seeds) == reference


def test_a_redis_that_never_comes_back_stops_the_worker_and_a_rerun_resumes(
        sample_seeds, reference, redis_server, tmp_path):
    server = redis_server(True)
    shard = tmp_path / "w1"
    worker = _worker(sample_seeds, shard, server.url, "-s", "ARCHIVE_REDIS_WAIT=3")
    _wait_for_captures(shard, 15, worker)
    server.kill()
    code = worker.wait(timeout=120)
    log = shard.with_suffix(".log").read_text()
    assert code == 1, log[-5000:]
    assert "Traceback" not in log, log[-8000:]
    errors = [line for line in log.splitlines() if line.startswith("Error: ")]
    assert errors == ["Error: the crawl did not finish: the shared crawl's Redis did not answer "
                      "again within ARCHIVE_REDIS_WAIT seconds; rerun this worker once it is "
                      "back, and the shared crawl resumes"], errors
    assert_consistent(shard)  # closed, valid files; the index agrees with them

    server.start()
    again = _worker(sample_seeds, shard, server.url)
    assert again.wait(timeout=240) == 0, shard.with_suffix(".log").read_text()[-5000:]
    assert _merged_articles([shard], tmp_path / "merged", sample_seeds) == reference


def test_redis_forgetting_the_run_while_its_seeds_are_queued_does_not_stall_it(
        sample_seeds, reference, redis_server, tmp_path):
    """Redis without persistence killed the moment a worker claims a new run, and back empty:
    the seeds it queued were lost, its seed set with them. The worker notices as it marks the
    run seeded, and queues them again (before, the run was marked seeded all the same, and the
    worker waited for ever on a queue whose entries no worker's seed set matched)."""
    server = redis_server(False)
    shard = tmp_path / "w1"
    client = redis.Redis(port=server.port)
    client.config_set("notify-keyspace-events", "K$")  # told the moment the run is claimed
    claimed = client.pubsub(ignore_subscribe_messages=True)
    claimed.subscribe("__keyspace@0__:newsarchive:run")
    worker = _worker(sample_seeds, shard, server.url, "-s", "DOWNLOAD_DELAY=0")
    deadline = time.monotonic() + 120
    while claimed.get_message(timeout=0.5) is None:
        assert time.monotonic() < deadline and worker.poll() is None, \
            shard.with_suffix(".log").read_text()[-3000:]
    server.kill()
    time.sleep(2)
    server.start()
    log = shard.with_suffix(".log")
    assert worker.wait(timeout=180) == 0, log.read_text()[-5000:]
    assert "queueing them again" in log.read_text(), "the kill came after the seeds were queued"
    assert _merged_articles([shard], tmp_path / "merged", sample_seeds) == reference
