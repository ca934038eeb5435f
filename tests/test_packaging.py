"""The three import names resolve to this project, not to PyPI namesakes.

PyPI has packages called ``archive``, ``spiders`` and ``cleaners``, and Scrapy appends the
project folder to the *end* of ``sys.path``, so an installed namesake would silently win.
"""

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", ["archive", "spiders", "cleaners"])
def test_import_names_resolve_to_this_project(name):
    module = importlib.import_module(name)
    assert Path(module.__file__).resolve().is_relative_to(ROOT / name)


def test_console_script_outside_checkout_uses_our_settings(tmp_path):
    """No scrapy.cfg outside a checkout: the CLI must set the settings module itself."""
    code = ("from archive.crawl.run import crawl_settings; s = crawl_settings(); "
            "print(s['BOT_NAME'], s.getlist('EXTENSIONS') and 'ext', s['DEFAULT_REQUEST_HEADERS']"
            "['Accept-Encoding'])")
    env = {"PATH": str(Path(sys.executable).parent), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                            capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["newsarchive", "ext", "gzip,", "deflate"]
