"""The front page stays the size of a page however many sites the archive crawls: the chart
gives the busiest sites a row each and the others one together, the sites table names those
that need a look first, and both say how many they leave out."""

from __future__ import annotations

import asyncio
import re

from archive.store.index import Index
from archive.store.paths import ArchivePaths
from archive.web.frontpage import CHART_SITES, SITE_ROWS, chart, shown_sites
from archive.web.serve import datasette_for
from bench.yearshape import OtherYear


def site(name: str, articles: int, **changes) -> dict:
    return {"site": name, "crawl_id": "c", "started": "2025-03-01T10:00:00Z",
            "outcome": "finished", "2xx": 3, "3xx": 0, "4xx": 0, "5xx": 0,
            "articles": articles, "network": {}, "shape_changed": None, **changes}


def test_the_chart_gives_the_busiest_sites_a_row_and_the_others_one():
    counts = [(f"site{n:04d}", f"2025-03-{day:02d}", 1000 // (n + 1) + 1)
              for n in range(1000) for day in range(1, 31)]
    drawn = chart(counts)
    assert len(drawn["rows"]) == CHART_SITES
    assert drawn["rows"][-1]["site"] == f"{1000 - CHART_SITES + 1} other sites"
    assert [row["site"] for row in drawn["rows"][:3]] == ["site0000", "site0001", "site0002"]
    assert sum(row["total"] for row in drawn["rows"]) == sum(n for *_, n in counts)
    few = chart([(f"site{n}", "2025-03-30", 5) for n in range(CHART_SITES)])
    assert len(few["rows"]) == CHART_SITES and "other" not in few["rows"][-1]["site"]


def test_the_sites_table_names_those_to_look_at_first():
    sites = [site(f"site{n:04d}", 1000 - n) for n in range(1000)]
    sites[500] = site("site0500", 2, **{"5xx": 1})
    sites[700] = site("site0700", 0, outcome="shutdown")
    sites[900] = site("site0900", 1, network={"TimeoutError": 2})
    shown = shown_sites(sites, stale=[{"site": "site0800", "last_article": None}])
    assert len(shown) == SITE_ROWS
    names = [row["site"] for row in shown]
    assert names == sorted(names)  # the table's own order
    assert {"site0500", "site0700", "site0800", "site0900"} <= set(names)
    assert names[:3] == ["site0000", "site0001", "site0002"]
    assert shown_sites(sites[:SITE_ROWS], []) == sites[:SITE_ROWS]


def test_a_thousand_sites_front_page(tmp_path):
    """Two days of crawls of 300 sites of Zipf's sizes (bench.yearshape): the page draws at
    most CHART_SITES rows and names at most SITE_ROWS sites, and links to all of them."""
    paths = ArchivePaths(tmp_path)
    index = Index(paths.index, commit_every=1.0)
    OtherYear(index, articles=3000, sites=300, days=2).fill(lambda point: None)
    index.close()
    ds = datasette_for(tmp_path)

    async def front():
        await ds.invoke_startup()
        return await ds.client.get("/")

    page = asyncio.run(front())
    assert page.status_code == 200
    html = page.text
    labels = re.findall(r'<text x="0" y="[\d.]+">([^<]+)</text>', html)
    assert len(labels) == CHART_SITES and re.fullmatch(r"\d+ other sites \(\d+\)", labels[-1])
    rows = re.findall(r"<tr><td><bdi>", html)
    assert len(rows) == SITE_ROWS
    assert re.search(r"And [\d,]+ more sites:\s*<a href=\"/index/site_crawls\">", html)
