"""A crawl stays on its seed's sites: a redirect or a meta refresh to another host (another
name for this machine, another port) is refused before that host is contacted, robots.txt
included, and counted."""

from __future__ import annotations

import json

import sqlite_utils
from _archive_checks import run_crawl

from archive.samplesites.server import Route, SiteServer
from archive.store.paths import ArchivePaths

STORY = ("<p>The harbour board met on Tuesday evening to decide the fate of the old ferry pier, "
         "which has been closed to the public since the storm damaged its pilings last winter."
         "</p>") * 4


def page(title: str, extra: str = "") -> bytes:
    return (f"<html><head><title>{title}</title>{extra}</head><body><div class='x9'>"
            f"<h1>{title}</h1>{STORY}</div></body></html>").encode()


def test_redirects_and_meta_refresh_off_the_seed_are_not_followed(tmp_path):
    elsewhere = SiteServer({"/secret.html": Route(page("Internal page"))}).start()
    other_port = SiteServer({"/x.html": Route(page("Other port"))}).start()
    hostile = SiteServer({}).start()
    origin = hostile.origin
    hostile.routes.update({
        "/robots.txt": Route(b"User-agent: *\nAllow: /\n", content_type="text/plain"),
        "/": Route(page("Front", "") .replace(
            b"</div>", b"<a href='/news/1.html'>one</a> <a href='/news/2.html'>two</a>"
            b" <a href='/news/3.html'>three</a></div>")),
        "/news/1.html": Route(b"", status=301, headers=[
            ("Location", elsewhere.origin.replace("127.0.0.1", "localhost") + "/secret.html")]),
        "/news/2.html": Route(page("Moved", f'<meta http-equiv="refresh" content="0; url='
                                            f'{other_port.origin}/x.html">')),
        "/news/3.html": Route(page("Pier decision")),
    })
    seed = tmp_path / "hostile.toml"
    seed.write_text(f'name = "hostile"\nstart_urls = ["{origin}/"]\n'
                    'article_pattern = "^/news/\\\\d+\\\\.html$"\ndepth = 1\n')
    try:
        run_crawl([seed], tmp_path / "data")
    finally:
        for server in (elsewhere, other_port, hostile):
            server.shutdown()
            server.server_close()
    assert elsewhere.requests == [] and other_port.requests == []
    db = sqlite_utils.Database(ArchivePaths(tmp_path / "data").index)
    urls = {row["url"] for row in db.query("select url from captures")}
    assert urls and all(url.startswith(origin) for url in urls)
    assert [r["url"] for r in db.query("select url from articles")] == [f"{origin}/news/3.html"]
    stats = json.loads(db.execute("select stats from crawls").fetchone()[0])
    assert stats["archive/skipped/offsite-redirect"] == 2
