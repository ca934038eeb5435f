"""Make the README's screenshots from the current code: a fresh demo archive, served, shot in
headless Chromium (Debian's ``chromium``, driven by Playwright from the test extras).

    python docs/screenshots.py [--chromium PATH]

Writes ``docs/front.png`` (the front page), ``docs/browse.png`` (the Arabic seed article) and
``docs/version.png`` (a version diff: a story crawled, edited on its site, crawled again).
"""

from __future__ import annotations

import argparse
import html
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

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
        url = edited_story(data)
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
                page.goto(_version_link(page, base, url))
                page.screenshot(path=DOCS / "version.png")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(f"wrote {DOCS / 'front.png'}, {DOCS / 'browse.png'} and {DOCS / 'version.png'}")


STORY = [
    "The harbour board met on Tuesday evening to decide the fate of the old ferry pier, which "
    "has been closed to the public since the storm damaged its pilings last winter.",
    "Engineers told the board that repairs would cost about four million euros and take two "
    "summers, while a new pier further north would cost twice as much but last fifty years.",
    "Residents who spoke at the meeting asked the board to keep the pier open for fishing and "
    "for the summer festival, which has used it as a stage for more than thirty years.",
]
EDITIONS = [
    ("Board delays pier decision", STORY),
    ("Board votes to repair the old pier", [
        STORY[0], STORY[1].replace("four million", "four and a half million"),
        "In a statement on Wednesday the mayor said the city would pay a third of the repair "
        "costs if the regional government agreed to pay the rest before the autumn."]),
]


def edited_story(data: str) -> str:
    """Crawl a story, edit it on its (local) site, crawl it again: two versions."""
    from archive.samplesites.server import Route, SiteServer

    def page(title, paragraphs):
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        return f"<html><head><title>{title}</title></head><body><div class='x9'><h1>{title}" \
               f"</h1>{body}</div></body></html>".encode()

    server = SiteServer({}).start()
    server.routes.update({
        "/robots.txt": Route(b"", content_type="text/plain"),
        "/": Route(b"<html><body><a href='/news/pier.html'>pier</a></body></html>"),
        "/news/pier.html": Route(page(*EDITIONS[0]))})
    with tempfile.TemporaryDirectory() as seeds:
        seed = Path(seeds) / "harbour.toml"
        seed.write_text(f'name = "harbour-news"\nstart_urls = ["{server.origin}/"]\n'
                        'article_pattern = "^/news/"\nrevisit_days = 1\n')
        crawl = [sys.executable, "-m", "archive", "crawl", str(seed), "--data", data,
                 "-s", "ARCHIVE_RECHECK_HOURS=0.0003", "-s", "AUTOTHROTTLE_ENABLED=False"]
        subprocess.run(crawl, check=True, capture_output=True)
        server.routes["/news/pier.html"] = Route(page(*EDITIONS[1]))
        time.sleep(1.5)
        subprocess.run(crawl, check=True, capture_output=True)
    server.shutdown()
    server.server_close()
    return server.origin + "/news/pier.html"


def _version_link(page, base: str, url: str) -> str:
    page.goto(f"{base}/index/article_versions?url={quote(url, safe='')}&version=2")
    capture = page.locator("table.rows-and-columns td.col-capture_id").first.inner_text()
    return f"{base}/-/version/{quote(capture.strip(), safe='')}"


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
