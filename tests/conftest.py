"""Shared fixtures: the bundled sample sites, served on 127.0.0.1 for the whole session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

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
