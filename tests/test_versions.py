"""A site that edits its articles between two crawls: a headline rewritten, a paragraph added,
one removed, an article taken down, and one only re-rendered with a new ad. The second crawl
re-checks them (the seed's revisit window, the re-check schedule) and the index keeps every
version, with what changed; the re-rendered one is no new version."""

from __future__ import annotations

import asyncio
import shutil
import time
from datetime import timedelta
from urllib.parse import quote

import pytest
import sqlite_utils
from _archive_checks import run_crawl, serving

from archive.samplesites.server import Route, SiteServer
from archive.store.index import Index
from archive.store.paths import ArchivePaths
from archive.store.versions import update_versions, word_changes, word_diff
from archive.web.serve import datasette_for
from bench.yearfill import START, Published, Year

PARAGRAPHS = [
    "The harbour board met on Tuesday evening to decide the fate of the old ferry pier, which "
    "has been closed to the public since the storm damaged its pilings last winter.",
    "Engineers told the board that repairs would cost about four million euros and take two "
    "summers, while a new pier further north would cost twice as much but last fifty years.",
    "Residents who spoke at the meeting asked the board to keep the pier open for fishing and "
    "for the summer festival, which has used it as a stage for more than thirty years.",
]
ADDED = ("In a statement on Wednesday the mayor said the <b>city</b> would pay a third of the "
         "repair costs if the regional government agreed to pay the rest before the autumn.")


def page(title: str, paragraphs: list[str], ad: str = "Cheap flights to Lisbon") -> bytes:
    body = "".join(f"<p>{p.replace('<', '&lt;')}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body>"
            f"<div class='x9k'><h1>{title}</h1>{body}</div>"
            f"<aside class='rail'><div class='ad-slot'>{ad}</div><ul class='most-read'>"
            f"<li><a href='/other'>{ad} and more</a></li></ul></aside></body></html>").encode()


FIRST = {
    "/news/1.html": page("Board delays pier decision", PARAGRAPHS),
    "/news/2.html": page("Pier repairs: what they cost", PARAGRAPHS),
    "/news/3.html": page("Festival fears for its stage", PARAGRAPHS),
    "/news/4.html": page("Ferry pier to close for good", PARAGRAPHS),
    "/news/5.html": page("Fishing club backs repairs", PARAGRAPHS),
}
SECOND = {
    "/news/1.html": page("Board votes to repair the old pier", PARAGRAPHS),
    "/news/2.html": page("Pier repairs: what they cost", [*PARAGRAPHS, ADDED]),
    "/news/3.html": page("Festival fears for its stage", PARAGRAPHS[:2]),
    "/news/4.html": None,
    "/news/5.html": page("Fishing club backs repairs", PARAGRAPHS, ad="Hotels in Porto"),
}


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    data, origin, _ = edited_archive(tmp_path_factory.mktemp("versions"))
    return data, origin


def edited_archive(tmp):
    """Crawled once, edited, crawled again once the first re-check is due: the archive, the
    site's origin and its seed file."""
    server = SiteServer({}).start()
    links = "".join(f"<a href='{path}'>{path}</a> " for path in FIRST)
    server.routes.update({
        "/robots.txt": Route(b"User-agent: *\nAllow: /\n", content_type="text/plain"),
        "/": Route(f"<html><body><div>{links}</div></body></html>".encode()),
        **{path: Route(body) for path, body in FIRST.items()}})
    seed = tmp / "harbour.toml"
    seed.write_text(f'name = "harbour"\nstart_urls = ["{server.origin}/"]\n'
                    'article_pattern = "^/news/\\\\d+\\\\.html$"\nrevisit_days = 1\n')
    recheck = ("-s", "ARCHIVE_RECHECK_HOURS=0.0003")  # due about a second after capture
    try:
        run_crawl([seed], tmp / "data", *recheck)
        for path, body in SECOND.items():
            server.routes[path] = Route(body) if body else Route(b"gone", status=404)
        time.sleep(1.5)
        run_crawl([seed], tmp / "data", *recheck)
    finally:
        server.shutdown()
        server.server_close()
    return tmp / "data", server.origin, seed


def versions(db, origin, path) -> list[dict]:
    return list(db.query("select * from article_versions where url = ? order by version",
                         [origin + path]))


def test_every_edit_is_a_version_with_what_changed(edited):
    data, origin = edited
    db = sqlite_utils.Database(ArchivePaths(data).index)
    headline = versions(db, origin, "/news/1.html")
    assert [(v["version"], v["title_changed"]) for v in headline] == [(1, 0), (2, 1)]
    assert (headline[1]["words_added"], headline[1]["words_removed"]) == (0, 0)
    added = versions(db, origin, "/news/2.html")
    assert len(added) == 2 and added[1]["words_added"] == len(ADDED.split())
    assert added[1]["words_removed"] == 0 and added[1]["previous_capture_id"] == \
        added[0]["capture_id"]
    cut = versions(db, origin, "/news/3.html")
    assert len(cut) == 2 and (cut[1]["words_added"], cut[1]["words_removed"]) == (
        0, len(PARAGRAPHS[2].split()))


def test_a_new_ad_is_not_a_version_and_a_404_is_a_removal(edited):
    data, origin = edited
    db = sqlite_utils.Database(ArchivePaths(data).index)
    rerendered = origin + "/news/5.html"
    captures = db.execute("select count(*) from captures where url = ? and status = 200 and "
                          "record_type = 'response'", [rerendered]).fetchone()[0]
    assert captures == 2  # fetched again, its bytes changed...
    assert len(versions(db, origin, "/news/5.html")) == 1  # ...its article did not
    removed = list(db.query("select * from article_removals"))
    assert [(r["url"], r["status"]) for r in removed] == [(origin + "/news/4.html", 404)]
    assert [len(versions(db, origin, p)) for p in ("/news/4.html",)] == [1]


def test_the_version_page_shows_a_word_diff_escaped(edited):
    data, origin = edited
    db = sqlite_utils.Database(ArchivePaths(data).index)
    second = versions(db, origin, "/news/2.html")[1]
    headline = versions(db, origin, "/news/1.html")[1]
    ds = datasette_for(data)
    asyncio.run(ds.invoke_startup())

    def get(path):
        return asyncio.run(ds.client.get(path))

    page = get(f"/-/version/{quote(second['capture_id'], safe='')}").text
    assert "<ins>In a statement on Wednesday the mayor said the &lt;b&gt;city&lt;/b&gt;" in page
    assert "<b>city</b>" not in page
    page = get(f"/-/version/{quote(headline['capture_id'], safe='')}").text
    assert "<del>delays</del>" in page and "<ins>votes to repair the old</ins>" in page
    assert "<del>decision</del>" in page
    article = get(f"/-/article/{quote(second['capture_id'], safe='')}").text
    assert "Versions (2)" in article
    changed = get("/index/changed_after_publication.json?_shape=array").json()
    assert {r["url"] for r in changed} == {origin + f"/news/{n}.html" for n in (1, 2, 3)}
    headlines = get("/index/headline_changes.json?_shape=array").json()
    assert [(r["old_title"], r["new_title"]) for r in headlines] == [
        ("Board delays pier decision", "Board votes to repair the old pier")]
    gone = get("/index/removed_articles.json?_shape=array").json()
    assert [r["last_title"] for r in gone] == ["Ferry pier to close for good"]


def test_word_changes_and_diff():
    assert word_changes("a b c d", "a x c d e") == (2, 1)
    lines = word_diff("one two\nthree four", "one 2\nthree four five")
    assert [[(p.kind, p.text) for p in line] for line in lines] == [
        [("same", "one"), ("removed", "two"), ("added", "2")],
        [("same", "three four"), ("added", "five")]]


@pytest.mark.skipif(shutil.which("chromium") is None, reason="no chromium on PATH")
def test_a_version_diff_in_a_browser(edited, tmp_path):
    """Deletions struck out, insertions marked, archived markup shown as text, in Chromium."""
    sync_api = pytest.importorskip("playwright.sync_api")
    data, origin = edited
    db = sqlite_utils.Database(ArchivePaths(data).index)
    added = versions(db, origin, "/news/2.html")[1]["capture_id"]
    with serving(data, tmp_path / "serve.log") as base, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"))
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.goto(f"{base}/-/article/{quote(added, safe='')}")
        page.get_by_role("link", name="2", exact=True).click()
        page.wait_for_url("**/-/version/**")
        inserted = page.locator(".diff ins")
        sync_api.expect(inserted).to_have_count(1)
        assert inserted.inner_text() == ADDED  # "<b>city</b>" as text, not bold
        assert page.locator(".diff ins b").count() == 0
        assert "Version 2 of 2" in page.locator("p.summary").inner_text()
        page.screenshot(path=tmp_path / "version.png", full_page=True)
        browser.close()
    assert (tmp_path / "version.png").stat().st_size > 0


def test_a_sitemap_lastmod_makes_a_known_article_due_at_once(tmp_path):
    """No revisit window at all: a sitemap saying the article changed after its last fetch is
    reason enough to fetch it again, and the change becomes a version."""
    server = SiteServer({}).start()

    def sitemap(lastmod: str) -> Route:
        return Route(f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps'
                     f'.org/schemas/sitemap/0.9"><url><loc>{server.origin}/news/1.html</loc>'
                     f'<lastmod>{lastmod}</lastmod></url></urlset>'.encode(),
                     content_type="application/xml")

    server.routes.update({"/robots.txt": Route(b"", content_type="text/plain"),
                          "/sitemap.xml": sitemap("2020-01-01"),
                          "/news/1.html": Route(FIRST["/news/1.html"])})
    seed = tmp_path / "harbour.toml"
    seed.write_text(f'name = "harbour"\nsitemaps = ["{server.origin}/sitemap.xml"]\n'
                    'article_pattern = "^/news/"\n')
    def fetches() -> int:
        return server.requests.count(("GET", "/news/1.html"))

    try:
        run_crawl([seed], tmp_path / "data")
        run_crawl([seed], tmp_path / "data")  # lastmod before the fetch: not fetched again
        assert fetches() == 1
        server.routes["/news/1.html"] = Route(SECOND["/news/1.html"])
        server.routes["/sitemap.xml"] = sitemap(time.strftime("%Y-%m-%dT%H:%M:%S+00:00",
                                                              time.gmtime(time.time() + 60)))
        run_crawl([seed], tmp_path / "data")
    finally:
        server.shutdown()
        server.server_close()
    assert fetches() == 2
    db = sqlite_utils.Database(ArchivePaths(tmp_path / "data").index)
    assert [v["title_changed"] for v in versions(db, server.origin, "/news/1.html")] == [0, 1]


def test_a_live_blog_adds_each_version_after_the_last(tmp_path):
    """A live blog re-fetched every hour: each new capture's version is added after the last
    one alone, and the versions are those that working all of the URL's rows out again gives,
    through updates, the same text captured again, a removal and its comeback, and a capture
    indexed out of order (which works them out again)."""
    index = Index(tmp_path / "index.db")
    year = Year(index, articles=10, sites=2, days=1)
    index.start_crawl("hourly", "news")
    blog = year.new_article(year.sites[0], START, "hourly", "LiveBlogPosting")

    def rows():
        return index.db.execute("select capture_id, version, previous_capture_id, captured_at, "
                                "title_changed, words_added, words_removed from article_versions "
                                "where url = ? order by version", [blog.url]).fetchall()

    def worked_out_again():
        update_versions(index.db.conn, blog.url)
        return rows()

    for hour in range(1, 25):
        at = START + timedelta(hours=hour)
        if hour == 12:
            index.mark_removed(blog.url, 404, at.isoformat(), year.capture(blog.url, at,
                                                                           "hourly", 404))
            continue
        if hour % 5:  # an update on top; every fifth hour nothing new
            lines = blog.text.split("\n")
            blog.text = "\n".join([lines[0], f"{hour}:00 " + year.sentence(20), *lines[1:]])
        if hour == 9:
            blog.title += " (updated)"
        year.write_article(blog, at, "hourly")
    appended = rows()
    assert [version for _, version, *_ in appended] == list(range(1, 21))
    assert sum(changed for *_, changed, _, _ in appended) == 1
    assert all(added >= 20 for *_, added, _ in appended[1:])
    assert not index.db.execute("select count(*) from article_removals").fetchone()[0]
    assert worked_out_again() == appended

    year.write_article(Published(blog.url, blog.site, "", "Early text.\nOf the blog.",
                                 blog.title, blog.signature), START + timedelta(minutes=30),
                       "hourly")
    out_of_order = rows()
    assert len(out_of_order) == 21 and out_of_order[1][2] == appended[0][0]
    assert worked_out_again() == out_of_order
