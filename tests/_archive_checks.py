"""Running crawls in a subprocess (Twisted's reactor starts once per process, as in Scrapy's own
tests) and checking that an archive's files and index agree."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import sqlite_utils
from warcio.archiveiterator import ArchiveIterator

from archive.store.paths import ArchivePaths
from archive.store.warcfile import record_at

FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=INFO"]


def crawl_command(seeds, data_dir, *settings: str) -> list[str]:
    return [sys.executable, "-m", "archive", "crawl", *map(str, seeds), "--data", str(data_dir),
            *FAST, *settings]


def run_crawl(seeds, data_dir, *settings: str, timeout: float = 240) -> subprocess.CompletedProcess:
    result = subprocess.run(crawl_command(seeds, data_dir, *settings), capture_output=True,
                            text=True, timeout=timeout)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    return result


def warc_files(data_dir) -> list[Path]:
    paths = ArchivePaths(data_dir)
    return sorted(paths.warc_dir.glob("*.warc.gz*")) + sorted(paths.text_dir.glob("*.warc.gz*"))


def assert_consistent(data_dir) -> sqlite_utils.Database:
    """Closed, valid WARC files, no request queue left; every index row at its record; every
    record in the index."""
    paths = ArchivePaths(data_dir)
    files = warc_files(data_dir)
    assert files and not [f for f in files if f.name.endswith(".open")]
    assert not paths.queue_dir.exists(), "the crawl's request queue outlived it"
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", *map(str, files)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    db = sqlite_utils.Database(paths.index)
    captures = {row["record_id"]: row for row in db["captures"].rows}
    in_warc = set()
    for path in sorted(paths.warc_dir.glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type in ("response", "revisit"):
                    in_warc.add(record.rec_headers.get_header("WARC-Record-ID"))
    assert in_warc == set(captures), "index and WARC files disagree on captures"
    for row in captures.values():
        with record_at(paths.warc_dir / row["warc_file"], row["warc_offset"]) as record:
            assert record.rec_headers.get_header("WARC-Record-ID") == row["record_id"]
            assert record.rec_headers.get_header("WARC-Target-URI") == row["url"]
    for row in db["articles"].rows:
        assert row["capture_id"] in captures
        with record_at(paths.text_dir / row["conversion_file"], row["conversion_offset"]) as rec:
            assert rec.rec_type == "conversion"
            assert rec.rec_headers.get_header("WARC-Refers-To") == row["capture_id"]
            assert rec.content_stream().read().decode("utf-8") == row["text"]
    # each byline with its article's capture time (a person's page finds them by it)
    assert not db.execute("select count(*) from article_authors b join articles a "
                          "on a.capture_id = b.capture_id "
                          "where b.fetched_at is not a.fetched_at").fetchone()[0]
    return db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(data_dir, log: Path, *options: str):
    """``newsarchive serve`` on the archive, in a subprocess on a free port: its base URL once it
    answers; stopped on leaving (killed if a request it is stuck in keeps it from stopping)."""
    port = free_port()
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "archive", "serve", "--data", str(data_dir), "--port",
             str(port), *options], stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            try:
                urllib.request.urlopen(base + "/favicon.ico", timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
