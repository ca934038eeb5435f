"""``newsarchive add-site``: on sites served on 127.0.0.1 in the shapes real news sites have, the
seed it writes, crawled, archives the site's articles and not one of its hubs; a site that
cannot be added is refused in one line. The expression it derives, the feeds and the gzipped
sitemaps it reads (the crawl reads them too) are checked on their own as well."""

from __future__ import annotations

import gzip
import subprocess
import sys

import pytest
from _archive_checks import free_port, run_crawl
from click.testing import CliRunner
from scrapy.http import Response
from site_shapes import SHAPES, serving

from archive import samplesites
from archive.cli.addsite import site_name
from archive.cli.main import cli
from archive.samplesites.server import Route, SiteServer
from archive.store.index import Index
from archive.store.paths import ArchivePaths
from spiders._feeds import parse_feed
from spiders._seeds import load_seed
from spiders._sitemaps import sitemap_body
from spiders._urlpattern import derive_pattern

CRAWLED = ("wordpress", "google-news", "rss-only", "front-only", "numeric", "dated-html",
           "slug-only")
#: Politeness off for sites on 127.0.0.1; the log level stays add-site's own.
FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0"]


def add_site(url: str, seeds_dir, name: str, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "archive", "add-site", url, "--seeds-dir", str(seeds_dir),
         "--name", name, *FAST, *options], capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def shapes():
    with serving(SHAPES) as served:
        yield served


def archived(data_dir) -> dict[str, set[str]]:
    index = Index(ArchivePaths(data_dir).index)
    try:
        rows = index.db.execute("select site, url from articles").fetchall()
    finally:
        index.close()
    found: dict[str, set[str]] = {}
    for site, url in rows:
        found.setdefault(site, set()).add(url)
    return found


def test_each_shape_is_archived_whole_and_without_hubs(shapes, tmp_path):
    servers, sites = shapes
    seeds = []
    for name in CRAWLED:
        result = add_site(servers[name].origin + "/", tmp_path / "seeds", name)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "precision 100%" in result.stdout and "recall 100%" in result.stdout, \
            result.stdout
        seeds.append(tmp_path / "seeds" / f"{name}.toml")
    run_crawl(seeds, tmp_path / "data")
    found = archived(tmp_path / "data")
    for name in CRAWLED:
        origin, site = servers[name].origin, sites[name]
        articles = {origin + path for path in site.articles}
        assert found[name] <= articles, (name, found[name] - articles)  # not one hub
        assert len(found[name]) >= 0.95 * len(articles), (name, articles - found[name])


def test_what_the_wordpress_seed_says(shapes, tmp_path):
    """Feeds from <link rel="alternate"> without the comments feed, the sitemap index from
    robots.txt, each value commented."""
    servers, _ = shapes
    origin = servers["wordpress"].origin
    result = add_site(origin + "/", tmp_path, "wp", "--dry-run")
    assert result.returncode == 0, result.stderr
    seed_file = tmp_path / "wp.toml"
    assert not seed_file.exists()
    seed_file.write_text(result.stdout, encoding="utf-8")
    seed = load_seed(seed_file)
    assert seed.feeds == (f"{origin}/feed/",)
    assert seed.sitemaps == (f"{origin}/wp-sitemap.xml",)
    assert seed.article_pattern.pattern == r"^/\d{4}/\d{2}/\d{2}/[^/]+/?$"
    assert seed.language == "en" and seed.depth == 1 and seed.start_urls == (origin + "/",)
    for key in ("name", "language", "allowed_domains", "article_pattern", "depth"):
        line = next(i for i, text in enumerate(result.stdout.splitlines())
                    if text.startswith(f"{key} = "))
        text = result.stdout.splitlines()
        assert "#" in text[line] or text[line - 1].startswith("#"), key


def test_the_google_news_sitemap_is_preferred_and_gzip_read(shapes, tmp_path):
    servers, _ = shapes
    origin = servers["google-news"].origin
    result = add_site(origin + "/", tmp_path, "gn")
    assert result.returncode == 0, result.stderr
    seed = load_seed(tmp_path / "gn.toml")
    assert seed.sitemaps == (f"{origin}/sitemaps/news.xml.gz",)
    assert "Google News sitemap, 30 entries, gzipped" in (tmp_path / "gn.toml").read_text()


def test_the_sample_sites_seeds_crawl_the_same_articles(sample_sites, tmp_path):
    """The seeds add-site writes for the three sample sites take the articles the hand-written
    seeds take (tests/test_crawl.py), and nothing else."""
    fronts = {"zerkalo": "/", "turkeytoday": "/",
              "bild": "/politik/startseite/politik/politik-16804530.bild.html"}
    seeds = []
    for site, path in fronts.items():
        result = add_site(sample_sites.urls[site] + path, tmp_path / "seeds", site)
        assert result.returncode == 0, result.stdout + result.stderr
        seeds.append(tmp_path / "seeds" / f"{site}.toml")
    run_crawl(seeds, tmp_path / "data")
    found = archived(tmp_path / "data")
    for site in fronts:
        expected = {sample_sites.urls[site] + a.path for a in samplesites.articles(site)
                    if a.status == 200}
        assert found[site] == expected, site


@pytest.mark.parametrize("shape, says", [
    ("script-shell", "is a script shell: no links in its HTML"),
    ("forbidden", "robots.txt forbids it"),
])
def test_a_site_that_cannot_be_added_is_one_line(shapes, tmp_path, shape, says):
    servers, _ = shapes
    result = add_site(servers[shape].origin + "/", tmp_path, shape)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and says in result.stderr, result.stderr
    assert not list(tmp_path.iterdir())


def test_refusals_off_site_not_html_unreachable(shapes, tmp_path):
    servers, _ = shapes
    other = servers["wordpress"].origin
    server = SiteServer({"/": Route(status=301, headers=[("Location", other + "/")]),
                         "/report": Route(b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")})
    server.start()
    try:
        for url, says in [(server.origin + "/", "redirected to another site"),
                          (server.origin + "/report", "not HTML"),
                          (f"http://127.0.0.1:{free_port()}/", "unreachable")]:
            result = add_site(url, tmp_path, "x")
            assert result.returncode == 1, result.stdout
            assert result.stderr.count("\n") == 1 and says in result.stderr, result.stderr
    finally:
        server.shutdown()
        server.server_close()


def test_a_seed_is_not_overwritten_unless_forced(tmp_path):
    (tmp_path / "site.toml").write_text("# mine\n")
    result = CliRunner().invoke(cli, ["add-site", "http://127.0.0.1:9/", "--name", "site",
                                      "--seeds-dir", str(tmp_path)])
    assert result.exit_code == 1 and "exists: --force overwrites it" in result.output
    assert (tmp_path / "site.toml").read_text() == "# mine\n"


def test_site_names():
    assert site_name("https://www.bild.de/politik/") == "bild"
    assert site_name("https://news.zerkalo.io/") == "zerkalo"
    assert site_name("https://www.bbc.co.uk/news") == "bbc"
    assert site_name("http://127.0.0.1:8701/") == "127-0-0-1-8701"


@pytest.mark.parametrize("articles, hubs, pattern", [
    ([f"/2025/01/{d:02d}/story-{d}/" for d in range(1, 9)],
     ["/2025/01/", "/category/politics/", "/page/2/", "/about/"],
     r"^/\d{4}/\d{2}/\d{2}/[^/]+/?$"),
    ([f"/index.php?p={n}" for n in range(100, 108)], ["/index.php?cat=3", "/"],
     r"^/index\.php\?p=\d+$"),
    ([f"/politik/{s}/x/story-{86700000 + n}.bild.html"
      for n, s in enumerate(["inland", "ausland"] * 4)],
     ["/politik/startseite/politik/politik-16804530.bild.html"],
     r"^/[^/]+/(?!startseite(?:[/?]|$))[^/]+/[^/]+/[^/]*\d{8,}\.bild\.html$"),
    ([f"/stories/{n}-some-slug" for n in range(730, 738)], ["/section/sport", "/"],
     r"^/[^/]+/\d+[-_][^/]*$"),
])
def test_the_narrowest_pattern_takes_the_articles_and_no_hub(articles, hubs, pattern):
    origin = "https://example.org"
    derived = derive_pattern([origin + a for a in articles], [origin + h for h in hubs])
    assert derived.pattern == pattern
    assert derived.precision == derived.recall == 1.0


@pytest.mark.parametrize("body, kind", [
    (b'<rss version="2.0"><channel><title>T</title><item><link>https://a/1</link></item>'
     b"</channel></rss>", "RSS"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate" '
     b'href="https://a/1"/><link rel="replies" href="https://a/c"/></entry></feed>', "Atom"),
    (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.'
     b'org/rss/1.0/"><item><link>https://a/1</link></item></rdf:RDF>', "RSS 1.0"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"url": "https://a/1"}]}',
     "JSON Feed"),
])
def test_feeds_of_every_kind(body, kind):
    feed = parse_feed(body)
    assert feed.kind == kind and feed.links == ("https://a/1",)


def test_no_feed():
    assert parse_feed(b"<html><body><p>hi</p></body></html>") is None
    assert parse_feed(b'{"items": []}') is None


def test_gzipped_sitemaps_unzip_within_the_body_limit():
    xml = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + \
        b"<url><loc>https://a/1</loc></url>" * 1000 + b"</urlset>"
    response = Response("https://a/sitemap.xml.gz", body=gzip.compress(xml),
                        headers={"Content-Type": "application/x-gzip"})
    assert sitemap_body(response, 10 * len(xml)) == xml
    assert sitemap_body(response, len(xml) // 2) is None  # a gzip bomb stops at the limit
    plain = Response("https://a/sitemap.xml", body=xml)
    assert sitemap_body(plain, 10) == xml
