"""The layout of ``archive/`` holds: the import contracts in pyproject.toml pass, and they fail
when a module imports a layer above it or two modules import each other."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = Path(sys.executable).parent / "lint-imports"


def lint(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT), "--no-cache"], cwd=tree, capture_output=True, text=True,
                          env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"})


def test_the_layers_hold():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture
def tree(tmp_path):
    """A copy of the packages and the contracts, to break."""
    for name in ("archive", "cleaners", "spiders"):
        shutil.copytree(ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__", "samplesites"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_an_import_up_a_layer_breaks_them(tree):
    paths = tree / "archive" / "store" / "paths.py"
    paths.write_text(paths.read_text() + "\nfrom archive.process import Skipped  # noqa\n")
    result = lint(tree)
    assert result.returncode != 0
    assert "archive.store.paths -> archive.process" in result.stdout


def test_an_import_circle_breaks_them(tree):
    lock = tree / "archive" / "store" / "lock.py"
    lock.write_text(lock.read_text() + "\nfrom archive.store import index  # noqa\n")
    index = tree / "archive" / "store" / "index.py"
    index.write_text(index.read_text() + "\nfrom archive.store import lock  # noqa\n")
    result = lint(tree)
    assert result.returncode != 0
    assert ".lock -> .index" in result.stdout


def test_the_server_may_not_clean(tree):
    page = tree / "archive" / "web" / "pages.py"
    page.write_text(page.read_text() + "\nfrom archive.process import Skipped  # noqa\n")
    assert lint(tree).returncode != 0
