"""Make the README's screenshots from the current code: a fresh demo archive, served, shot in
headless Chromium (Debian's ``chromium``, driven by Playwright from the test extras).

    python docs/screenshots.py [--chromium PATH]

Writes ``docs/front.png`` (the front page) and ``docs/browse.png`` (the Arabic seed article).
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

DOCS = Path(__file__).parent
ARTICLE_WORD = "حميميم"  # in the Arabic seed article only


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chromium", default=shutil.which("chromium"),
                        help="the browser to drive [default: chromium on PATH]")
    args = parser.parse_args(argv)
    if not args.chromium:
        sys.exit("no chromium on PATH (Debian: apt-get install chromium); give --chromium")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as data:
        subprocess.run([sys.executable, "-m", "archive", "demo", "--data", data, "--port", "0"],
                       check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "archive", "serve", "--data", data,
                                   "--port", str(port)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(base, server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=args.chromium)
                page = browser.new_page(viewport={"width": 1200, "height": 900})
                page.goto(base + "/")
                page.screenshot(path=DOCS / "front.png", full_page=True)
                page.goto(f"{base}/index/articles?_search={ARTICLE_WORD}")
                page.locator("table.rows-and-columns td.col-title a").first.click()
                page.wait_for_url("**/-/article/**")
                page.screenshot(path=DOCS / "browse.png")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(f"wrote {DOCS / 'front.png'} and {DOCS / 'browse.png'}")


def _wait(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while True:
        if server.poll() is not None:
            sys.exit("newsarchive serve exited")
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                sys.exit("newsarchive serve did not answer")
            time.sleep(0.2)


if __name__ == "__main__":
    main()
