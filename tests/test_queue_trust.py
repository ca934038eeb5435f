"""The shared crawl's Redis queue is untrusted: whoever can write to it can write entries. A
crafted pickle runs no code, no entry takes the crawl off its seeds' sites (a missing or forged
seed, a proxy), a malformed entry is dropped and counted and the crawl still ends, and a worker
with other seed files does not join. A real redis-server and the sample sites, on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import sqlite_utils
from _archive_checks import FAST, crawl_command
from scrapy import Request
from scrapy.exceptions import IgnoreRequest

from archive.crawl.queueentry import MalformedEntry, decode, encode
from archive.crawl.sharedcrawl import Keys
from archive.samplesites.server import Route, SiteServer
from archive.store.paths import ArchivePaths
from spiders._seeds import Seed, load_seed, seeds_digest
from spiders.news import NewsSpider
from spiders.scope import SeedScopeMiddleware

ROOT = Path(__file__).parent.parent
KEYS = Keys("newsarchive")
#: A worker of the shared crawl, light: no cleaning processes, a heartbeat every second.
WORKER = ("-s", "ARCHIVE_REDIS_HEARTBEAT=1", "-s", "ARCHIVE_CLEAN_PROCESSES=0")


class _Touch:
    """Pickled, it creates ``path`` when loaded: what an attacker's entry would do instead."""

    def __init__(self, path: Path):
        self.path = str(path)

    def __reduce__(self):
        return open, (self.path, "w")


def _spider(seeds) -> NewsSpider:
    spider = NewsSpider()
    spider.seeds = list(seeds)
    return spider


def _json(**fields) -> bytes:
    return json.dumps(fields).encode()


def _queue(server, url: str, entry: bytes) -> None:
    """Put ``entry`` on the queue of ``url``'s host, as an attacker with the Redis would."""
    host = url.split("/")[2]
    server.zadd(KEYS.queue + host, {entry: 0})
    server.incr(KEYS.queued)
    server.zadd(KEYS.hosts, {host: 0}, nx=True)


def _run_in_progress(server, seeds) -> None:
    """A run of the sample seeds, seeded: a worker started now joins it and takes the queue."""
    server.set(KEYS.run, "seeded")
    server.set(KEYS.seeds, seeds_digest([load_seed(path) for path in seeds]))


def _join(seeds, shard: Path, url: str, timeout: float = 120) -> str:
    """Run one worker until it ends (it must, within ``timeout``); its output."""
    log = shard.with_suffix(".log")
    with open(log, "wb") as out:
        worker = subprocess.Popen(crawl_command(seeds, shard, *WORKER, "--redis", url,
                                                "--worker", shard.name),
                                  stdout=out, stderr=subprocess.STDOUT)
    try:
        code = worker.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
        pytest.fail(f"the worker never ended: {log.read_text()[-3000:]}")
    assert code == 0, log.read_text()[-5000:]
    return log.read_text()


def _stats(shard: Path) -> dict:
    db = sqlite_utils.Database(ArchivePaths(shard).index)
    return json.loads(db.execute("select stats from crawls").fetchone()[0])


def _drained(server) -> None:
    assert int(server.get(KEYS.queued) or 0) == 0
    assert not server.hlen(KEYS.leases) and not server.hlen(KEYS.owners)


def test_an_entry_is_data_and_keeps_only_what_the_worker_would_queue(sample_seeds):
    seeds = [load_seed(path) for path in sample_seeds]
    spider = _spider(seeds)
    url = seeds[0].start_urls[0]
    request = Request(url, callback=spider.parse_page, errback=spider.fetch_failed,
                      cb_kwargs={"seed": seeds[0]}, priority=-2, dont_filter=True,
                      headers={"If-None-Match": '"x"', "Host": "elsewhere.example",
                               "Accept-Encoding": "zstd"},
                      meta={"depth": 1, "archive_hub": False, "redirect_urls": [url],
                            "proxy": "http://127.0.0.1:1", "download_slot": "x",
                            "bindaddress": ("10.0.0.1", 0), "dont_obey_robotstxt": True})
    again = decode(encode(request, spider), spider)
    assert (again.url, again.method, again.priority, again.dont_filter) == (url, "GET", -2, True)
    assert again.callback == spider.parse_page and again.errback == spider.fetch_failed
    assert again.cb_kwargs == {"seed": seeds[0]}
    assert again.meta == {"depth": 1, "archive_hub": False, "redirect_urls": [url]}
    assert dict(again.headers) == {b"If-None-Match": [b'"x"']}

    name = seeds[0].name
    malformed = [
        pickle.dumps({"url": url}), pickle.dumps(7), b"\xff\xfe", _json(seed=name), b"[]",
        _json(url=url, seed=name, callback="closed"),
        _json(url=url, seed=name, callback="parse_page", errback="parse_page"),
        _json(url=url, seed="nobody", callback="parse_page"),
        _json(url=url, seed={"name": name, "allowed_domains": ["elsewhere"]},
              callback="parse_page"),
        _json(url=url, callback="parse_page"),
        _json(url="file:///etc/passwd", seed=name, callback="parse_page"),
        _json(url=url, seed=name, callback="parse_page", method="POST"),
        _json(url=url, seed=name, callback="parse_page", meta={"depth": "deep"}),
        _json(url=url, seed=name, callback="parse_page", body="not base64!"),
        _json(url=url, seed=name, callback="parse_page", headers={"Referer": ["a\r\nHost: b"]}),
    ]
    for entry in malformed:
        with pytest.raises(MalformedEntry):
            decode(entry, spider)


def test_a_request_without_a_seed_is_held_to_the_sites_of_every_seed(sample_seeds):
    counted = []
    stats = type("Stats", (), {"inc_value": lambda self, key: counted.append(key)})()
    seeds = [load_seed(path) for path in sample_seeds]
    middleware = SeedScopeMiddleware(stats, seeds)
    host = seeds[1].start_urls[0].split("/")[2]
    for url in (f"http://{host}/robots.txt", f"http://{host}/any.html"):
        assert asyncio.run(middleware.process_request(Request(url))) is None
    with pytest.raises(IgnoreRequest, match="offsite"):
        asyncio.run(middleware.process_request(Request("http://127.0.0.1:9/robots.txt")))
    assert counted == ["archive/skipped/offsite"]


def test_a_crafted_pickle_runs_no_code_and_malformed_entries_end(sample_seeds, redis_url,
                                                                 tmp_path):
    server = redis.Redis.from_url(redis_url)
    _run_in_progress(server, sample_seeds)
    url, name = load_seed(sample_seeds[0]).start_urls[0], load_seed(sample_seeds[0]).name
    marker, reclaimed = tmp_path / "marker", tmp_path / "marker-reclaimed"
    entries = [pickle.dumps(_Touch(marker)), b"not a pickle", pickle.dumps(7), _json(seed=name),
               _json(url=url, seed=name, callback="no_such_method"), pickle.dumps({"x": 1})]
    for entry in entries:
        _queue(server, url, entry)
    # One more, held by a worker that died: the next worker takes it back, then drops it.
    server.hset(KEYS.leases, "dead-lease", pickle.dumps(_Touch(reclaimed)))
    server.hset(KEYS.owners, "dead-lease", f"w0-dead\t0\t{url.split('/')[2]}")

    started = time.monotonic()
    log = _join(sample_seeds, tmp_path / "w1", redis_url, timeout=90)
    assert time.monotonic() - started < 90
    assert not marker.exists() and not reclaimed.exists(), "a queue entry ran code"
    assert "back in the queue" in log
    assert log.count("Dropped a malformed entry") == len(entries) + 1, log[-3000:]
    assert _stats(tmp_path / "w1")["archive/redis/malformed"] == len(entries) + 1
    _drained(server)
    # A fresh worker finds nothing left to choke on, and ends too.
    _join(sample_seeds, tmp_path / "w2", redis_url, timeout=90)
    _drained(server)


def test_no_entry_takes_the_crawl_off_its_seeds(sample_seeds, redis_url, tmp_path):
    elsewhere = SiteServer({"/": Route(b"<html><title>Elsewhere</title></html>"),
                            "/robots.txt": Route(b"User-agent: *\n", content_type="text/plain")}
                           ).start()
    server = redis.Redis.from_url(redis_url)
    _run_in_progress(server, sample_seeds)
    bild = load_seed(next(path for path in sample_seeds if path.stem == "bild"))
    home, away = bild.start_urls[0], elsewhere.origin + "/"
    forged = Seed(name="bild", start_urls=(away,), allowed_domains=("127.0.0.1",))
    proxy = {"proxy": elsewhere.origin, "depth": 9}  # deep: nothing is followed from it
    # As scrapy-redis' pickles (what the queue held before) and as this queue's JSON.
    pickles = [{"url": away, "callback": "parse_page"},
               {"url": away, "callback": "parse_page", "cb_kwargs": {"seed": forged}},
               {"url": home, "callback": "parse_page", "cb_kwargs": {"seed": bild},
                "meta": proxy}]
    for entry in pickles:
        _queue(server, entry["url"], pickle.dumps(entry))
    _queue(server, away, _json(url=away, callback="parse_page"))
    _queue(server, away, _json(url=away, callback="parse_page",
                               seed={"name": "bild", "allowed_domains": ["127.0.0.1"]}))
    _queue(server, away, _json(url=away, callback="parse_page", seed="bild"))
    _queue(server, home, _json(url=home, callback="parse_page", seed="bild", meta=proxy,
                               headers={"Host": [elsewhere.origin.split("/")[2]]}))
    try:
        _join(sample_seeds, tmp_path / "w1", redis_url)
    finally:
        elsewhere.shutdown()
        elsewhere.server_close()
    assert elsewhere.requests == [], "a queue entry reached a host of no seed"
    db = sqlite_utils.Database(ArchivePaths(tmp_path / "w1").index)
    urls = [row["url"] for row in db.query("select url from captures")]
    assert home in urls, "the in-scope entry was not fetched (directly)"
    assert all(bild.allows(url) for url in urls), urls
    stats = _stats(tmp_path / "w1")
    assert stats["archive/skipped/offsite-redirect"] == 1  # seed "bild", a host bild has not
    assert stats["archive/redis/malformed"] == len(pickles) + 2
    _drained(server)


def test_a_worker_with_other_seeds_does_not_join(sample_seeds, redis_url, tmp_path):
    server = redis.Redis.from_url(redis_url)
    with open(tmp_path / "w1.log", "wb") as log:
        w1 = subprocess.Popen(
            crawl_command(sample_seeds, tmp_path / "w1", *WORKER, "-s", "DOWNLOAD_DELAY=0.3",
                          "--redis", redis_url, "--worker", "w1"),
            stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while server.get(KEYS.run) != b"seeded" or not int(server.get(KEYS.queued) or 0):
        assert time.monotonic() < deadline and w1.poll() is None, "w1 never got going"
        time.sleep(0.1)
    fewer = sample_seeds[:2]
    refused = subprocess.run(crawl_command(fewer, tmp_path / "w2", *WORKER, "--redis",
                                           redis_url, "--worker", "w2"),
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0
    assert refused.stderr.count("\n") == 1 and "other seed files" in refused.stderr, \
        refused.stderr
    assert not (tmp_path / "w2").exists()

    # The Scrapy way, past the command's check: the worker itself refuses, and takes nothing.
    scrapy = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "news", "-a",
         "seeds=" + ",".join(map(str, fewer)), "-s", f"ARCHIVE_DATA_DIR={tmp_path / 'w3'}",
         "-s", f"ARCHIVE_REDIS_URL={redis_url}", "-s", "ARCHIVE_WORKER=w3", *FAST, *WORKER],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"})
    assert "Not joining: the shared crawl 'newsarchive' in progress has other seed files" in \
        scrapy.stderr, scrapy.stderr[-3000:]
    assert "'finish_reason': 'other-seeds'" in scrapy.stderr
    assert "archive/redis/malformed" not in scrapy.stderr
    assert not sqlite_utils.Database(ArchivePaths(tmp_path / "w3").index)["captures"].count

    assert w1.wait(timeout=240) == 0, (tmp_path / "w1.log").read_text()[-5000:]
    assert "archive/redis/malformed" not in _stats(tmp_path / "w1")
    _drained(server)
