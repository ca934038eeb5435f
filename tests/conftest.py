"""Shared fixtures: the bundled sample sites, served on 127.0.0.1 for the whole session; a real
Redis server on 127.0.0.1 for a test; an index written by an older release, to upgrade."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

sys.path.insert(0, str(Path(__file__).parent))

from _archive_checks import free_port  # noqa: E402

from archive import samplesites  # noqa: E402


@pytest.fixture(scope="session")
def sample_sites():
    with samplesites.serve() as sites:
        yield sites


@pytest.fixture(scope="session")
def sample_seeds(sample_sites, tmp_path_factory):
    return samplesites.seed_files(sample_sites.urls, tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="session")
def sample_pages():
    """Every sample site's routes, rendered for a fixed origin: page bytes without a server."""
    origin = "http://127.0.0.1:8000"
    return {name: (origin, samplesites.ROUTES[name](origin)) for name in samplesites.SITE_NAMES}


@pytest.fixture
def redis_url(tmp_path):
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is not installed (Debian: apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 20
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            assert process.poll() is None and time.monotonic() < deadline, "Redis did not start"
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=20)


#: An index written by newsarchive 0.1.0 (the demo's sample sites, with their site profiles),
#: before the summaries and every later migration.
INDEX_0_1_0 = Path(__file__).parent / "fixtures" / "index-0.1.0-demo.db.gz"


@pytest.fixture
def index_0_1_0(tmp_path) -> Path:
    """A copy of :data:`INDEX_0_1_0`, unpacked, for a test to upgrade."""
    path = tmp_path / "index.db"
    with gzip.open(INDEX_0_1_0) as packed, open(path, "wb") as out:
        shutil.copyfileobj(packed, out)
    return path
