"""A person's articles (``?_author=``): a prolific writer's page reads their newest through the
capture-time index, a rarer one's reads their list; both give the same rows, page after page,
as does a page with facets, which always counts the list."""

from __future__ import annotations

import asyncio
import sqlite3
from urllib.parse import quote

import pytest

from archive.store.index import Index
from archive.store.paths import ArchivePaths
from archive.web.facets import SIGNED, SIGNED_NEWEST, _people_only
from archive.web.serve import datasette_for
from bench.yearfill import Year

NEWEST_FIRST = SIGNED_NEWEST.split("(")[0]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Five days of hourly crawls of three sites: the first site's first writer signs some
    hundreds of articles, most of its writers a few."""
    data = tmp_path_factory.mktemp("authors")
    index = Index(ArchivePaths(data).index, commit_every=1.0)
    Year(index, articles=2500, sites=3, days=5).fill(lambda point: None)
    index.close()
    db = sqlite3.connect(ArchivePaths(data).index)
    names = db.execute("select author, count(*) from article_authors where role = 'author' "
                       "group by author order by count(*) desc").fetchall()
    db.close()
    return data, names


def every_page(data, path: str) -> tuple[list, list[str]]:
    """All rows of ``path`` (JSON), following ``next``; and each page's SQL."""
    ds = datasette_for(data)

    async def walk():
        await ds.invoke_startup()
        rows, queries, url = [], [], path
        while url:
            page = (await ds.client.get(url)).json()
            rows += page["rows"]
            queries.append(page["query"]["sql"])
            url = page["next_url"] and page["next_url"].split("://", 1)[1].split("/", 1)[1]
            url = url and "/" + url
        return rows, queries

    return asyncio.run(walk())


def test_a_prolific_writer_is_read_newest_first_with_the_same_rows(archive):
    data, names = archive
    top, count = names[0]
    assert count > 200  # more than the threshold of an archive this size (100)
    base = f"/index/articles.json?_author={quote(top)}&_col=title&_col=fetched_at&_size=50"
    newest, queries = every_page(data, base)
    assert all(NEWEST_FIRST in sql for sql in queries)
    listed, faceted = every_page(data, base + "&_facet=section")
    assert not any(NEWEST_FIRST in sql for sql in faceted)
    assert len(newest) == len(listed) == count  # every one, once, through the pages
    assert sorted(newest) == sorted(listed)  # (in what order the same second's come: SQLite's)
    for rows in (newest, listed):
        assert [row[2] for row in rows] == sorted((row[2] for row in rows), reverse=True)


def test_a_rare_writer_and_two_names_are_read_as_lists(archive):
    data, names = archive
    rare, count = names[-1]
    rows, queries = every_page(data, f"/index/articles.json?_author={quote(rare)}")
    assert len(rows) == count and not any(NEWEST_FIRST in sql for sql in queries)
    top = names[0][0]
    co = next(name for name, _ in names[1:] if every_page(
        data, f"/index/articles.json?_author={quote(top)}&_author={quote(name)}")[0])
    both, queries = every_page(data, f"/index/articles.json?_author={quote(top)}"
                                     f"&_author={quote(co)}")
    assert both and not any(NEWEST_FIRST in sql for sql in queries)
    # the name on fewer articles first: the list SQLite looks up
    assert queries[0].index(":newsarchive_author_0") < queries[0].index(":newsarchive_author_1")


def test_a_persons_byline_facet_counts_from_the_bylines_alone(archive):
    """On a person's page the byline facet counts their co-authors from article_authors alone;
    with any other condition it counts the articles the page keeps: the same counts."""
    data, names = archive
    ds = datasette_for(data)
    top = quote(names[0][0])

    async def facets(path: str) -> dict:
        await ds.invoke_startup()
        page = (await ds.client.get(path)).json()
        return {result["name"]: [(v["value"], v["count"]) for v in result["results"]]
                for result in page["facet_results"].values()}

    alone = asyncio.run(facets(f"/index/articles.json?_author={top}&_facet_byline=author"
                               "&_facet_byline=credit"))
    narrowed = asyncio.run(facets(f"/index/articles.json?_author={top}&_facet_byline=author"
                                  "&_facet_byline=credit&fetched_at__gte=2000"))
    assert alone == narrowed and alone["author"][0] == (names[0][0], names[0][1])
    assert len(alone["author"]) > 3 and alone["credit"]
    # as Datasette gives the facet the page's query: the names alone, or with more
    table = "select capture_id, url, title from articles where "
    two = [SIGNED.format(key="newsarchive_author_0"),
           SIGNED_NEWEST.format(key="newsarchive_author_1")]
    assert _people_only(table + " and ".join(two) + " ") == ["newsarchive_author_0",
                                                               "newsarchive_author_1"]
    assert not _people_only(table + two[0] + ' and "site" = :p0 ')
    assert not _people_only("select capture_id from articles ")
