"""Scaling out on the engines a user runs: a crawl shared through a real Redis server, and
reprocessing on a real Dask cluster (scheduler and worker processes), all on 127.0.0.1.

The sample sites stand in for the web; every worker writes its own shard and ``merge`` makes one
archive of them, which must hold exactly what a crawl by one process holds.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
import sqlite_utils
from _archive_checks import (
    FAST,
    assert_consistent,
    crawl_command,
    free_port,
    run_crawl,
    serving,
)

from archive.crawl.sharedcrawl import Keys

#: Requests to one host start at least this far apart, across all workers; slow enough that the
#: second worker joins before the first is done.
SPACING = 0.3
SHARED = ("-s", f"DOWNLOAD_DELAY={SPACING}", "-s", "ARCHIVE_REDIS_HEARTBEAT=1")
BIN = Path(sys.executable).parent
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def reference(sample_seeds, tmp_path_factory):
    """The articles of a crawl by one process, on its own."""
    data = tmp_path_factory.mktemp("reference")
    run_crawl(sample_seeds, data)
    return data, _article_urls(assert_consistent(data))


def _article_urls(db) -> list[str]:
    return sorted(row["url"] for row in db["articles"].rows)


def _worker(seeds, shard, url, name, log: Path, scrapy: bool = False) -> subprocess.Popen:
    """One worker: ``newsarchive crawl --redis``, or the same crawl the Scrapy way (settings
    only, turned into a shared crawl by the project's add-on)."""
    command = crawl_command(seeds, shard, *SHARED, "--redis", url, "--worker", name)
    if scrapy:
        command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a",
                   "seeds=" + ",".join(map(str, seeds)), "-s", f"ARCHIVE_DATA_DIR={shard}",
                   "-s", f"ARCHIVE_REDIS_URL={url}", "-s", f"ARCHIVE_WORKER={name}",
                   *FAST, *SHARED]
    with open(log, "wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
                                env={k: v for k, v in os.environ.items()
                                     if k != "SCRAPY_SETTINGS_MODULE"})  # scrapy.cfg says


def _merge(shards, data, seeds) -> str:
    result = subprocess.run([sys.executable, "-m", "archive", "merge", *map(str, shards),
                             "--data", str(data), "--seeds", str(Path(seeds[0]).parent / "*.toml")],
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _captures(shard) -> int:
    """Captures indexed so far: none while the worker's index is still being created."""
    db = sqlite_utils.Database(Path(shard) / "index.db")
    return db["captures"].count if db["captures"].exists() else 0


def test_two_workers_share_one_crawl(sample_seeds, reference, redis_url, tmp_path):
    w1 = _worker(sample_seeds, tmp_path / "w1", redis_url, "w1", tmp_path / "w1.log")
    time.sleep(1)
    w2 = _worker(sample_seeds, tmp_path / "w2", redis_url, "w2", tmp_path / "w2.log",
                 scrapy=True)
    for process, log in ((w1, tmp_path / "w1.log"), (w2, tmp_path / "w2.log")):
        assert process.wait(timeout=240) == 0, log.read_text()[-5000:]
    assert _captures(tmp_path / "w1") and _captures(tmp_path / "w2"), "one worker did it all"
    # Each worker names its files: a shard's files never collide with another's.
    assert all("-w1-" in p.name for p in (tmp_path / "w1" / "warc").iterdir())

    merged = tmp_path / "merged"
    out = _merge([tmp_path / "w1", tmp_path / "w2"], merged, sample_seeds)
    db = assert_consistent(merged)
    urls = _article_urls(db)
    assert urls == reference[1], out
    assert len(set(urls)) == len(urls)
    # The same site profiles as one crawl learns (counted again over both shards).
    one = sqlite_utils.Database(reference[0] / "index.db")
    profile = "select site, key, pages from site_blocks order by site, key"
    assert list(db.execute(profile)) == list(one.execute(profile))

    # Politeness is the crawl's, not each worker's: fetches of a host start SPACING apart.
    starts = defaultdict(list)
    for row in db["captures"].rows:
        starts[row["host"]].append(datetime.fromisoformat(row["fetched_at"].replace("Z", "")))
    for host, moments in starts.items():
        moments.sort()
        gaps = [(b - a).total_seconds() for a, b in zip(moments, moments[1:], strict=False)]
        # (Each fetch is stamped a few instructions after its slot is taken, and a busy machine
        # may preempt between the two: a little slack. With slots taken before Scrapy's own
        # per-worker delay, not at the wire, two fetches came 0.014 s apart.)
        assert min(gaps) >= SPACING * 0.75, (host, min(gaps))

    # Datasette serves the merged archive as it serves one: an article, and the raw record it came
    # from, read from a shard's file under its own name.
    row = next(db.query("select a.capture_id, a.title, c.warc_file from articles a join captures "
                        "c on c.record_id = a.capture_id where c.warc_file like '%-w2-%' limit 1"))
    with serving(merged, tmp_path / "serve.log") as base:
        article = urllib.request.urlopen(
            f"{base}/-/article/{quote(row['capture_id'], safe='')}").read().decode()
        assert html.escape(row["title"], quote=False) in article and row["warc_file"] in article
        raw = urllib.request.urlopen(
            f"{base}/-/capture/{quote(row['capture_id'], safe='')}/raw").read()
        assert raw

    # Merging again adds nothing; a new run of the shared crawl fetches no known article again.
    again = _merge([tmp_path / "w1", tmp_path / "w2"], merged, sample_seeds)
    assert "0 files, 0 captures, 0 articles added" in again
    w3 = _worker(sample_seeds, tmp_path / "w3", redis_url, "w3", tmp_path / "w3.log")
    assert w3.wait(timeout=240) == 0
    log = (tmp_path / "w3.log").read_text()
    assert "articles indexed by this crawl: 0" in log, log[-3000:]
    assert f"known articles not fetched again: {len(urls)}" in log, log[-3000:]


def test_a_killed_worker_loses_nothing(sample_seeds, reference, redis_url, tmp_path):
    server = redis.Redis.from_url(redis_url)
    w1 = _worker(sample_seeds, tmp_path / "w1", redis_url, "w1", tmp_path / "w1.log")
    time.sleep(1)
    w2 = _worker(sample_seeds, tmp_path / "w2", redis_url, "w2", tmp_path / "w2.log")
    deadline = time.monotonic() + 60
    while not (tmp_path / "w1" / "index.db").exists() or _captures(tmp_path / "w1") < 15:
        assert time.monotonic() < deadline and w1.poll() is None, "w1 never got going"
        time.sleep(0.2)
    subprocess.run(["pkill", "-KILL", "-P", str(w1.pid)])  # its cleaning processes too
    w1.send_signal(signal.SIGKILL)
    w1.wait()
    leased = server.hvals(Keys("newsarchive").owners)  # what the dead worker held, if anything
    assert w2.wait(timeout=240) == 0, (tmp_path / "w2.log").read_text()[-5000:]
    if any(owner.startswith(b"w1-") for owner in leased):
        assert "back in the queue" in (tmp_path / "w2.log").read_text()

    merged = tmp_path / "merged"
    _merge([tmp_path / "w1", tmp_path / "w2"], merged, sample_seeds)
    db = assert_consistent(merged)  # every WARC file closed and valid, index and files agree
    urls = _article_urls(db)
    assert urls == reference[1]
    assert len(set(urls)) == len(urls)


def test_reprocessing_on_a_dask_cluster_gives_the_local_rows(sample_seeds, reference, tmp_path):
    local, cluster = tmp_path / "local", tmp_path / "cluster"
    shutil.copytree(reference[0], local)
    shutil.copytree(reference[0], cluster)
    seeds = str(Path(sample_seeds[0]).parent / "*.toml")
    done = subprocess.run([sys.executable, "-m", "archive", "reprocess", "--data", str(local),
                           "--jobs", "2", "--seeds", seeds], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    with open(tmp_path / "dask.log", "wb") as logs:  # the processes keep their own copies
        scheduler = subprocess.Popen(
            [BIN / "dask", "scheduler", "--host", "127.0.0.1", "--port", str(port),
             "--no-dashboard"], stdout=logs, stderr=subprocess.STDOUT, cwd=tmp_path)
        workers = subprocess.Popen(
            [BIN / "dask", "worker", address, "--nworkers", "2", "--nthreads", "1", "--host",
             "127.0.0.1", "--no-dashboard", "--local-directory", str(tmp_path / "dask")],
            stdout=logs, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            assert len(client.scheduler_info()["workers"]) == 2
        done = subprocess.run([sys.executable, "-m", "archive", "reprocess", "--data",
                               str(cluster), "--scheduler", address, "--seeds", seeds],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "files reprocessed on the cluster" in done.stdout
    finally:
        workers.terminate()
        scheduler.terminate()
        workers.wait(timeout=60)
        scheduler.wait(timeout=60)

    rows = ("select capture_id, url, site, title, author, published, language, text, "
            "word_count, text_digest, cleaner_version, removed from articles order by capture_id")

    def articles(data):
        # A profile cut's detail says how many pages the profile had seen when it cut: that
        # depends on the order pages were cleaned in, not on what was cut.
        return [row[:-1] + ([(cut["rule"], cut["text"]) for cut in json.loads(row[-1])],)
                for row in assert_consistent(data).execute(rows)]

    on_cluster = articles(cluster)
    assert on_cluster == articles(local)
    assert len(on_cluster) == len(reference[1])


def test_scale_out_mistakes_are_one_line(sample_seeds, tmp_path):
    """No traceback for a Redis that does not answer, a lone --worker, a folder that is not an
    archive, or a Dask scheduler that is not there."""
    port = free_port()  # nothing listens on it
    cases = [
        (["crawl", *map(str, sample_seeds), "--redis", f"redis://127.0.0.1:{port}/0",
          "--worker", "w1"], "cannot reach Redis"),
        (["crawl", *map(str, sample_seeds), "--worker", "w1"], "--redis and --worker go together"),
        (["crawl", "--redis", f"redis://127.0.0.1:{port}/0", "--worker", "../w1"],
         "letters, digits"),
        (["merge", str(tmp_path), "--data", str(tmp_path / "merged")], "is not an archive"),
        (["reprocess", "s3://bucket/a.warc.gz", "--data", str(tmp_path)], "need --scheduler"),
        (["reprocess", str(tmp_path), "--data", str(tmp_path), "--scheduler",
          f"tcp://127.0.0.1:{port}"], "no Dask scheduler answers"),
    ]
    for arguments, message in cases:
        result = subprocess.run([sys.executable, "-m", "archive", *arguments],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode != 0, arguments
        assert message in result.stderr, (arguments, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
