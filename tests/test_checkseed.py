"""``newsarchive check-seed`` on sites served on 127.0.0.1 in the shapes of tests/site_shapes.py:
a seed add-site wrote passes; a pattern that takes hubs, a dead feed, a stale or empty sitemap,
robots.txt forbidding the start page and a site whose URLs changed shape are each one clear
line and the exit status a scheduler acts on. A crawl of a site whose URLs changed shape makes
``stats`` say so."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys

import pytest
from _archive_checks import run_crawl
from site_shapes import SHAPES, _rss, _urlset, serving
from test_addsite import FAST, add_site

from archive.samplesites.server import Route
from archive.store.summaries import shape_changed
from archive.web.serve import datasette_for

SERVED = ("wordpress", "google-news", "numeric", "dated-html", "front-only", "forbidden")


@pytest.fixture(scope="module")
def shapes(tmp_path_factory):
    """The sites, and the seeds add-site writes for some of them."""
    seeds = tmp_path_factory.mktemp("seeds")
    with serving({name: SHAPES[name] for name in SERVED}) as (servers, sites):
        numeric = servers["numeric"]
        numeric.routes["/feeds/empty.rss"] = _rss(numeric.origin, [])
        numeric.routes["/sitemaps/none.xml"] = Route(_urlset(numeric.origin, []),
                                                     content_type="application/xml")
        for name in ("wordpress", "google-news", "numeric", "front-only"):
            result = add_site(servers[name].origin + "/", seeds, name)
            assert result.returncode == 0, result.stdout + result.stderr
        yield servers, sites, seeds


def check_seed(*paths) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "archive", "check-seed", *map(str, paths),
                           *FAST], capture_output=True, text=True, timeout=180)


def rewritten(source, target, **values) -> str:
    """A copy of seed ``source`` at ``target``, the given keys set to new values."""
    text = source.read_text(encoding="utf-8")
    for key, value in values.items():
        # A key's value may run over several lines (a list).
        text, n = re.subn(rf"(?ms)^{key} = (\[.*?^\]|[^\n]*)$",
                          f"{key} = {json.dumps(value)}".replace("\\", "\\\\"), text)
        assert n == 1, key
    target.write_text(text, encoding="utf-8")
    return target


def problems(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines()
            if line.strip().startswith(("warning:", "broken:"))]


def test_a_seed_add_site_wrote_passes(shapes):
    servers, _, seeds = shapes
    result = check_seed(seeds / "numeric.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "URLs found: 40 on the site, 30 match the article pattern" in result.stdout
    assert re.search(r"Google News sitemap, 30 entries, newest \d{4}-\d\d-\d\d, 30 match",
                     result.stdout)
    assert re.search(r"the seed takes (\d+) of the articles and 0 of the hubs", result.stdout)
    assert re.search(r"articles: \w.* \d+; ", result.stdout)  # a few titles
    assert result.stdout.rstrip().endswith("numeric: ok") and not problems(result.stdout)


def test_a_pattern_that_takes_hubs(shapes, tmp_path):
    _, _, seeds = shapes
    seed = rewritten(seeds / "wordpress.toml", tmp_path / "wp.toml", article_pattern="^/.+/$")
    result = check_seed(seed)
    assert result.returncode == 1, result.stdout + result.stderr
    [line] = problems(result.stdout)
    assert line.startswith("warning: the article pattern takes hubs: ") and "/category/" in line


def test_dead_feeds(shapes, tmp_path):
    """Unreachable (404), not a feed (an HTML page), and a feed with no items: each one line."""
    servers, _, seeds = shapes
    origin = servers["numeric"].origin
    feeds = [f"{origin}/feeds/top.rss", f"{origin}/feeds/gone.rss", f"{origin}/about/",
             f"{origin}/feeds/empty.rss"]
    result = check_seed(rewritten(seeds / "numeric.toml", tmp_path / "n.toml", feeds=feeds))
    assert result.returncode == 1, result.stdout + result.stderr
    assert problems(result.stdout) == [
        f"warning: dead feed {origin}/feeds/gone.rss: HTTP 404",
        f"warning: dead feed {origin}/about/: not a feed (text/html; charset=utf-8)",
        f"warning: dead feed {origin}/feeds/empty.rss: an empty RSS feed: no items"]


def test_a_stale_sitemap_and_one_with_no_entries(shapes, tmp_path):
    servers, _, seeds = shapes
    result = check_seed(seeds / "google-news.toml")  # its newest story is of January 2025
    assert result.returncode == 1, result.stdout + result.stderr
    [line] = problems(result.stdout)
    assert line == (f"warning: sitemap {servers['google-news'].origin}/sitemaps/news.xml.gz: "
                    "stale: its newest entry is of 2025-01-28, none newer than 30 days")
    origin = servers["numeric"].origin
    seed = rewritten(seeds / "numeric.toml", tmp_path / "n.toml", sitemaps=[
        f"{origin}/sitemaps/news.xml", f"{origin}/sitemaps/none.xml"])
    result = check_seed(seed)
    assert result.returncode == 1, result.stdout + result.stderr
    assert problems(result.stdout) == [f"warning: sitemap {origin}/sitemaps/none.xml: no entries"]


def test_a_site_whose_urls_changed_shape(shapes, tmp_path):
    """The pattern add-site derived from /stories/<id>-<slug>, the site now serving
    /2025-01/12/c_1130413.htm: broken, and the lines say why."""
    servers, _, seeds = shapes
    origin = servers["dated-html"].origin
    seed = rewritten(seeds / "front-only.toml", tmp_path / "moved.toml", name="moved",
                     start_urls=[origin + "/"], sitemaps=[origin + "/sitemap.xml"])
    result = check_seed(seed)
    assert result.returncode == 3, result.stdout + result.stderr
    lines = problems(result.stdout)
    assert "broken: the article pattern matches none of the 43 URLs found: the site's URLs may " \
           "have changed shape" in lines
    missed = next(line for line in lines if "misses article-like pages" in line)
    assert missed.startswith("broken: the article pattern misses article-like pages: ")
    assert re.search(r": (\d+) of the \1 articles sampled, /2025-01/\d\d/c_\d+\.htm", missed)
    assert result.stdout.rstrip().endswith("moved: broken")


def test_robots_txt_forbids_the_start_page(shapes, tmp_path):
    servers, _, _ = shapes
    origin = servers["forbidden"].origin
    seed = tmp_path / "forbidden.toml"
    seed.write_text(f'start_urls = ["{origin}/"]\narticle_pattern = "^/stories/"\n')
    result = check_seed(seed)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "broken: robots.txt forbids 1 of the 1 entry points: /" in problems(result.stdout)


def test_a_seed_file_that_does_not_load(shapes, tmp_path):
    """Exit status 4, whatever the other seeds say; they are checked all the same."""
    _, _, seeds = shapes
    (tmp_path / "bad.toml").write_text('start_urls = ["http://127.0.0.1:9/"\n')
    result = check_seed(tmp_path / "bad.toml", tmp_path / "missing.toml",
                        seeds / "numeric.toml")
    assert result.returncode == 4, result.stdout + result.stderr
    assert f"{tmp_path / 'bad.toml'}: cannot be used: " in result.stdout
    assert f"{tmp_path / 'missing.toml'}: cannot be used: " in result.stdout
    assert "numeric: ok" in result.stdout


def test_stats_flag_a_site_whose_urls_changed_shape(shapes, tmp_path):
    """Crawled, the seed whose pattern no longer fits takes no article; the crawl judges pages
    the pattern left out, and ``stats`` names the site and the cure. The seed that fits is not
    named."""
    servers, _, seeds = shapes
    origin = servers["dated-html"].origin
    moved = rewritten(seeds / "front-only.toml", tmp_path / "moved.toml", name="moved",
                      start_urls=[origin + "/"], sitemaps=[origin + "/sitemap.xml"])
    run_crawl([moved, seeds / "numeric.toml"], tmp_path / "data")
    stats = subprocess.run([sys.executable, "-m", "archive", "stats", "--data",
                            str(tmp_path / "data")], capture_output=True, text=True, timeout=60)
    assert stats.returncode == 0, stats.stderr
    flagged = [line for line in stats.stdout.splitlines() if line.startswith("site ")]
    assert len(flagged) == 1, stats.stdout
    found = re.fullmatch(r"site moved: (\d+) article-like pages matched no pattern in the last "
                         r"crawl \(of 10 judged that it left out\) — run check-seed", flagged[0])
    assert found and int(found.group(1)) >= 3, flagged
    # The counts behind it are not network errors.
    row = next(line for line in stats.stdout.splitlines() if line.startswith("  moved "))
    assert row.endswith("  none"), row

    async def front():
        ds = datasette_for(tmp_path / "data")
        await ds.invoke_startup()
        return await ds.client.get("/")

    page = asyncio.run(front())
    assert page.status_code == 200
    flags = re.findall(r'<p class="warning shape">Site\s+<bdi>(.*?)</bdi>: (.*?)</p>', page.text)
    assert [(site, text) for site, text in flags] == [("moved", flagged[0].split(": ", 1)[1])]


def test_links_of_which_the_pattern_took_none_flag_a_site():
    assert shape_changed({"links": 40, "links-matched": 0, "unmatched-judged": 10,
                          "unmatched-articles": 0}) == (
        "none of the 40 links its pages gave in the last crawl matched the article pattern — "
        "run check-seed")
    assert shape_changed({"links": 40, "links-matched": 12, "unmatched-judged": 10,
                          "unmatched-articles": 2}) is None
    assert shape_changed({}) is None  # a seed without a pattern, or a site that did not answer
