"""``kill -9`` at random moments loses nothing that was archived, and a re-run completes the crawl.

Each round kills a real crawl process with SIGKILL at a moment drawn from a seeded generator,
then runs the crawl again; afterwards the archive must hold exactly the articles of an
uninterrupted crawl, once each, in closed and valid WARC files that agree with the index.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from _archive_checks import assert_consistent, crawl_command, run_crawl

SLOW = ("-s", "DOWNLOAD_DELAY=0.1", "-s", "CONCURRENT_REQUESTS=2")


@pytest.fixture(scope="module")
def reference_articles(sample_seeds, tmp_path_factory):
    data = tmp_path_factory.mktemp("reference")
    run_crawl(sample_seeds, data)
    db = assert_consistent(data)
    urls = sorted(row["url"] for row in db["articles"].rows)
    assert urls, "the reference crawl archived no article"
    return urls


def _children(pid: int) -> set[int]:
    try:
        return {int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def _alive(pid: int) -> bool:
    try:
        return "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return False


def _crawls_started(data: Path) -> int:
    try:
        with sqlite3.connect(f"file:{data / 'index.db'}?mode=ro", uri=True) as db:
            return db.execute("select count(*) from crawls").fetchone()[0]
    except sqlite3.Error:  # not made yet, or its tables not yet
        return 0


def _kill_at(seeds, data, delay: float, *, once_crawling: bool) -> None:
    """SIGKILL the crawl ``delay`` seconds after it starts, or, ``once_crawling``, after it has
    recorded its crawl (on a loaded machine, start-up alone can outlast any fixed delay)."""
    before = _crawls_started(data)
    process = subprocess.Popen(crawl_command(seeds, data, *SLOW), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while (once_crawling and _crawls_started(data) == before and process.poll() is None
           and time.monotonic() < deadline):
        time.sleep(0.05)
    time.sleep(delay)
    workers = _children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while workers and time.monotonic() < deadline:  # cleaning workers follow their parent
        workers = {pid for pid in workers if _alive(pid)}
        time.sleep(0.2)
    assert not workers, "cleaning workers outlived the killed crawl"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sigkill_then_rerun_gives_the_full_archive(seed, sample_seeds, reference_articles,
                                                   tmp_path):
    rng = random.Random(seed)
    # The first kill lands in a crawl under way; the second at any moment of the next run, so
    # that recovery must also survive its own interruption.
    _kill_at(sample_seeds, tmp_path, rng.uniform(0.2, 2.0), once_crawling=True)
    _kill_at(sample_seeds, tmp_path, rng.uniform(1.5, 3.5), once_crawling=False)
    run_crawl(sample_seeds, tmp_path)
    db = assert_consistent(tmp_path)
    urls = [row["url"] for row in db["articles"].rows]
    assert sorted(set(urls)) == reference_articles, "missing or extra articles"
    assert len(urls) == len(set(urls)), "an article was archived twice"
    outcomes = [row["outcome"] for row in db["crawls"].rows]
    assert outcomes[-1] == "finished" and "running" not in outcomes
    assert "interrupted" in outcomes, "no kill landed during a crawl: the test proved nothing"
