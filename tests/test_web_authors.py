"""A person's articles (``?_author=``): a prolific writer's page reads their newest through the
capture-time index, a rarer one's reads their list; both give the same rows, page after page,
as does a page with facets, which always counts the list."""

from __future__ import annotations

import asyncio
import sqlite3
from urllib.parse import quote

import pytest
from datasette.utils import tilde_encode

from archive.store.index import Index
from archive.store.paths import ArchivePaths
from archive.web.facets import (
    SIGNED,
    SIGNED_NEWEST,
    _people_and_start,
    page_signed_by,
    signed_by,
)
from archive.web.serve import datasette_for
from bench.yearfill import Year

NEWEST_FIRST = SIGNED_NEWEST.split(" where ")[0]  # "exists (select 1 from article_authors x"


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


def pages(data, path: str) -> list[dict]:
    """Each page of ``path`` (JSON), following ``next_url``."""
    ds = datasette_for(data)

    async def walk():
        await ds.invoke_startup()
        found, url = [], path
        while url:
            found.append((await ds.client.get(url)).json())
            url = found[-1]["next_url"]
            url = url and "/" + url.split("://", 1)[1].split("/", 1)[1]
        return found

    return asyncio.run(walk())


def every_page(data, path: str) -> tuple[list, list[str]]:
    """All rows of ``path`` (JSON), following ``next``; and each page's SQL."""
    found = pages(data, path)
    return ([row for page in found for row in page["rows"]],
            [page["query"]["sql"] for page in found])


def test_a_prolific_writer_is_read_newest_first_with_the_same_rows(archive):
    """With facets too: they count the list, or the newest as the page reads them."""
    data, names = archive
    top, count = names[0]
    assert count > 200  # more than the threshold of an archive this size (122)
    base = f"/index/articles.json?_author={quote(top)}&_col=title&_col=fetched_at&_size=50"
    db = sqlite3.connect(ArchivePaths(data).index)
    listed = db.execute("select capture_id, title, fetched_at from articles where capture_id in "
                        "(select capture_id from article_authors where author = ?)",
                        [top]).fetchall()
    db.close()
    newest, queries = every_page(data, base)
    assert all(NEWEST_FIRST in sql for sql in queries)
    faceted, queries = every_page(data, base + "&_facet=section")
    assert all(NEWEST_FIRST in sql for sql in queries)
    assert len(newest) == len(faceted) == count  # every one, once, through the pages
    assert sorted(newest) == sorted(faceted) == sorted(map(list, listed))
    for rows in (newest, faceted):
        assert [row[2] for row in rows] == sorted((row[2] for row in rows), reverse=True)


def as_sql_pages(db, where: str, size: int, first: str = "rowid desc",
                 ) -> list[tuple[list, str | None]]:
    """The pages of the articles ``where`` keeps as plain SQL gives them, with each one's
    ``next``: the first newest first, the same second's by rowid, as the capture-time indexes
    hold them (``first``: as a sort of a list gives them, by ``capture_id``); each next one
    after the last row's time and ``capture_id`` (Datasette's keyset, the same second's by
    ``capture_id``)."""
    expected, after = [], f"order by fetched_at desc, {first}"
    while True:
        rows = db.execute(f"select capture_id, fetched_at from articles where {where} "
                          f"{after} limit {size + 1}").fetchall()
        last = rows[size - 1] if len(rows) > size else None
        expected.append(([list(row) for row in rows[:size]],
                         last and f"{tilde_encode(last[1])},{tilde_encode(last[0])}"))
        if not last:
            return expected
        after = (f"and (fetched_at < '{last[1]}' or fetched_at is null or "
                 f"(fetched_at = '{last[1]}' and capture_id > '{last[0]}')) "
                 "order by fetched_at desc, capture_id")


def test_a_prolific_writers_pages_are_the_rows_and_links_sqlite_gives(archive):
    """Page after page, the rows, their order and each ``next`` as plain SQL over the person's
    list gives them (:func:`as_sql_pages`); the page sizes end a first page, and a later one,
    among articles captured in the same second. So do the whole table's and a site's pages,
    whose next pages start at the last row's time (``largetables.next_page_bound``)."""
    data, names = archive
    top, count = names[0]
    db = sqlite3.connect(ArchivePaths(data).index)
    signed = f"capture_id in (select capture_id from article_authors where author = {top!r})"
    times = [at for (at,) in db.execute(f"select fetched_at from articles where {signed} "
                                        "order by fetched_at desc, rowid desc")]
    within = [n for n in range(1, len(times)) if times[n - 1] == times[n]]  # a page of n
    assert within and within[0] < 100  # ends among the same second's articles
    later = next(size for size in range(2, 100)
                 if any(n % size == 0 and n > size for n in within))
    for size in (within[0], later):
        served = pages(data, f"/index/articles.json?_author={quote(top)}&_col=fetched_at"
                             f"&_size={size}")
        assert all(NEWEST_FIRST in page["query"]["sql"] for page in served)
        assert all("fetched_at <= :newsarchive_next_at" in page["query"]["sql"]
                   for page in served[1:])
        expected = as_sql_pages(db, signed, size)
        assert [(page["rows"], page["next"]) for page in served] == expected, size
        assert len(expected) > 2 and abs(sum(len(rows) for rows, _ in expected) - count) < 3
    for path, where in (("", "1"), ("site=site002&", "site = 'site002'")):
        served = pages(data, f"/index/articles.json?{path}_col=fetched_at&_size=300")
        expected = as_sql_pages(db, where, 300)
        assert [(page["rows"], page["next"]) for page in served] == expected, path
        assert len(expected) > 2
    db.close()


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
    # one condition: the bylines of the name on fewer articles, joined to the other's, from
    # their newest to the page's last row
    assert all(page_signed_by(["newsarchive_author_0", "newsarchive_author_1"], 100, n > 0)
               in sql for n, sql in enumerate(queries))
    counts = dict(names)
    assert counts[co] <= counts[top] and queries[0].count("capture_id in (") == 1


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
    assert _people_and_start(table + " and ".join(two) + " ") == (
        ["newsarchive_author_0", "newsarchive_author_1"], [])
    assert _people_and_start(table + two[0] + ' and "site" = :p0 ') == ([], [])
    both = signed_by(["newsarchive_author_1", "newsarchive_author_0"])  # the rarer first
    assert _people_and_start(table + both + " ") == (
        ["newsarchive_author_1", "newsarchive_author_0"], [])
    assert _people_and_start(table + both + ' and "site" = :p0 ') == ([], [])
    page = page_signed_by(["newsarchive_author_1", "newsarchive_author_0"], 100, True)
    start = ["fetched_at <= :newsarchive_next_at", "(fetched_at < :p2 or fetched_at is null or "
             "(fetched_at = :p2 and ((capture_id > :p3))))"]
    assert _people_and_start(table + " and ".join([start[0], page, start[1]]) + " ") == (
        ["newsarchive_author_1", "newsarchive_author_0"], start)
    assert _people_and_start(table + f'{page} and "site" = :p0 ') == ([], [])
    assert _people_and_start("select capture_id from articles ") == ([], [])


def facets_of(data, path: str, newest: int, table: str = "articles") -> tuple[dict, str]:
    """Each facet of ``path`` (its JSON, every value) as ``(newest, {value: count})``, and the
    page's HTML, served with facets that count at most ``newest`` articles."""
    ds = datasette_for(data, facet_newest=newest)

    async def get():
        await ds.invoke_startup()
        page = (await ds.client.get(f"/index/{table}.json?{path}&_facet_size=max")).json()
        html = (await ds.client.get(f"/index/{table}?{path}")).text
        return page, html

    page, html = asyncio.run(get())
    assert "These facets timed out" not in html
    return {result["name"]: (result["newest"], {v["value"]: v["count"]
                                                for v in result["results"]})
            for result in page["facet_results"].values()}, html


def counted(data, where: str, params: list, newest: int | None) -> dict:
    """The same facets in SQLite: over the ``newest`` articles ``where`` keeps, in the order of
    the capture-time indexes (the same second's by rowid), or over every one."""
    db = sqlite3.connect(ArchivePaths(data).index)
    limit = f"order by fetched_at desc, rowid desc limit {newest}" if newest else ""
    kept = f"select rowid, capture_id, section from articles where {where} {limit}"
    facets = {
        "section": db.execute(f"select section, count(*) from ({kept}) "
                              "where section is not null group by section", params),
        "author": db.execute("select author, count(*) from article_authors where role = "
                             f"'author' and capture_id in (select capture_id from ({kept})) "
                             "group by author", params)}
    found = {name: dict(rows.fetchall()) for name, rows in facets.items()}
    db.close()
    return found


NOTICE = "Facets counted over the newest {:,} of these articles (by capture time)."


def test_a_page_that_keeps_more_articles_counts_the_newest_and_says_so(archive):
    """The whole table, a site, a prolific writer (read newest first): past the bound, every
    facet counts the newest it allows, as SQLite counts them, and the page says so."""
    data, names = archive
    top, signed = names[0]
    assert signed > 200  # past the bound (100), and past the threshold of newest first
    pages = [("", "1", []), ("site=site001&", "site = ?", ["site001"]),
             (f"_author={quote(top)}&",
              "capture_id in (select capture_id from article_authors where author = ?)", [top])]
    for path, where, params in pages:
        facets, html = facets_of(data, path + "_facet=section&_facet_byline=author", 100)
        expected = counted(data, where, params, 100)
        assert facets == {name: (100, counts) for name, counts in expected.items()}, path
        assert sum(expected["section"].values()) == 100
        assert NOTICE.format(100) in html
    # the bylines table: the last 100 written
    facets, html = facets_of(data, "_facet=author", 100, table="article_authors")
    db = sqlite3.connect(ArchivePaths(data).index)
    last = dict(db.execute("select author, count(*) from (select author from article_authors "
                           "order by rowid desc limit 100) group by author").fetchall())
    db.close()
    assert facets == {"author": (100, last)} and sum(last.values()) == 100
    assert "Facets counted over the last 100 of these bylines written." in html


def test_a_page_that_keeps_fewer_counts_every_article(archive):
    data, names = archive
    name, signed = next((name, count) for name, count in names if 20 < count < 100)
    where = "capture_id in (select capture_id from article_authors where author = ?)"
    facets, html = facets_of(data, f"_author={quote(name)}&_facet=section"
                                   "&_facet_byline=author", 100)
    expected = counted(data, where, [name], None)
    assert facets == {facet: (None, counts) for facet, counts in expected.items()}
    assert expected["author"][name] == signed
    assert "Facets counted over" not in html
    # the whole table, counted whole when the bound is above it
    facets, html = facets_of(data, "_facet=section", 10_000)
    assert facets == {"section": (None, counted(data, "1", [], None)["section"])}
    assert "Facets counted over" not in html


def test_two_names_keep_the_articles_both_sign_with_the_same_counts(archive):
    """Two co-authors (one condition, through the rarer's bylines): the articles both sign,
    newest first, and the facets' counts, every one or the newest, as SQLite's lists give."""
    data, names = archive
    top = names[0][0]
    db = sqlite3.connect(ArchivePaths(data).index)
    both = "capture_id in (select capture_id from article_authors where author = ?)"
    co, common = next((name, rows) for name, _ in names[1:] if len(rows := db.execute(
        f"select capture_id, fetched_at from articles where {both} and {both} "
        "order by fetched_at desc, rowid desc", [top, name]).fetchall()) > 10)
    db.close()
    path = f"_author={quote(top)}&_author={quote(co)}"
    rows, _ = every_page(data, f"/index/articles.json?{path}&_col=fetched_at&_size=4")
    assert [(row[0], row[1]) for row in rows] == common
    for newest in (10_000, 10):
        facets, _ = facets_of(data, f"{path}&_facet=section&_facet_byline=author", newest)
        expected = counted(data, f"{both} and {both}", [top, co], newest < len(common) and newest)
        bound = newest if newest < len(common) else None
        assert facets == {facet: (bound, counts) for facet, counts in expected.items()}
        assert expected["author"][co] == min(newest, len(common))


def after(page: tuple[list, str | None]) -> str:
    """The articles after ``page``'s last row, as Datasette's keyset and the plugin's bound keep
    them (SQL, on ``articles``)."""
    at, key = page[0][-1][1], page[0][-1][0]
    return (f"fetched_at <= '{at}' and (fetched_at < '{at}' or fetched_at is null or "
            f"(fetched_at = '{at}' and capture_id > '{key}'))")


@pytest.fixture(scope="module")
def co_authored(archive, tmp_path_factory):
    """A copy of the archive where a second writer signs every other article of the most
    prolific one, and each of theirs captured in the same second as another: pages of the two
    end among articles of the same second. One of their newest articles is gone (a recovery
    drops the rows of a record cut short), its bylines left."""
    data, names = archive
    copy = tmp_path_factory.mktemp("co_authored")
    source = sqlite3.connect(ArchivePaths(data).index)
    db = sqlite3.connect(ArchivePaths(copy).index)
    source.backup(db)
    source.close()
    top = names[0][0]
    signed = db.execute("select a.capture_id, a.fetched_at from articles a where capture_id in "
                        "(select capture_id from article_authors where author = ?) "
                        "order by fetched_at desc, rowid desc", [top]).fetchall()
    times = [at for _, at in signed]
    shared = [key for n, (key, at) in enumerate(signed) if n % 2 or times.count(at) > 1]
    db.executemany("insert into article_authors (capture_id, author, role, position, "
                   "fetched_at) select capture_id, 'Ada Second', 'author', 90, fetched_at "
                   "from articles where capture_id = ?", [[key] for key in shared])
    db.execute("delete from articles where capture_id = ?", [shared[2]])
    db.commit()
    db.close()
    return copy, top, len(shared) - 1


BOTH = ("capture_id in (select capture_id from article_authors where author = ?) and "
        "capture_id in (select capture_id from article_authors where author = 'Ada Second')")


def test_two_names_pages_are_the_rows_and_links_sqlite_gives(co_authored):
    """A page of two co-authors reads the rarer's newest bylines down to the page's last row
    (:func:`archive.web.facets.page_signed_by`), not every article both signed: page after
    page, the rows, their order (the same second's by key, as the sort of every one gave them
    before) and each ``next`` that plain SQL over the two lists gives, with page ends among
    articles of the same second; a page narrowed otherwise, or streamed whole, keeps every
    one through the lists' join."""
    data, top, shared = co_authored
    db = sqlite3.connect(ArchivePaths(data).index)
    where = BOTH.replace("?", repr(top))
    times = [at for (at,) in db.execute(f"select fetched_at from articles where {where} "
                                        "order by fetched_at desc, rowid desc")]
    assert len(times) == shared > 20
    within = [n for n in range(1, len(times)) if times[n - 1] == times[n]]
    later = next(size for size in range(2, 20) if any(n % size == 0 and n > size
                                                      for n in within))
    path = f"/index/articles.json?_author={quote(top)}&_author=Ada+Second&_col=fetched_at"
    keys = ["newsarchive_author_0", "newsarchive_author_1"]
    for size in (within[0], later, 100):
        served = pages(data, f"{path}&_size={size}")
        assert [(page["rows"], page["next"]) for page in served] == as_sql_pages(
            db, where, size, "capture_id"), size
        assert [page_signed_by(keys, size, n > 0) in page["query"]["sql"]
                for n, page in enumerate(served)] == [True] * len(served)
    site = db.execute(f"select site from articles where {where} group by site "
                      "order by count(*) desc").fetchone()[0]
    served = pages(data, f"{path}&site={site}&_size=5")
    assert [(page["rows"], page["next"]) for page in served] == as_sql_pages(
        db, f"{where} and site = '{site}'", 5, "capture_id")
    assert all(signed_by(keys) in page["query"]["sql"] for page in served)
    db.close()

    async def streamed():
        ds = datasette_for(data)
        await ds.invoke_startup()
        return (await ds.client.get(path.replace(".json", ".csv") + "&_stream=on")).text

    assert len(asyncio.run(streamed()).splitlines()) == 1 + shared


def test_next_pages_count_the_newest_after_their_start(archive, co_authored):
    """A person's next page, and two co-authors', count their facets over the newest after the
    page's start, read from the bylines, as SQLite counts them: the newest few, or every one."""
    top = archive[1][0][0]
    person = SIGNED.format(key="name").replace(":name", "?")
    for data, base, where in ((archive[0], f"_author={quote(top)}", person),
                              (co_authored[0], f"_author={quote(top)}&_author=Ada+Second", BOTH)):
        db = sqlite3.connect(ArchivePaths(data).index)
        start = as_sql_pages(db, where.replace("?", repr(top)), 40)[0]
        later = db.execute(f"select count(*) from articles where {where} and {after(start)}",
                           [top]).fetchone()[0]
        db.close()
        assert later > 10
        for newest in (10, 10_000):
            facets, _ = facets_of(data, f"{base}&_next={quote(start[1])}&_size=40"
                                        "&_facet=section&_facet_byline=author", newest)
            bound = newest if newest < later else None
            expected = counted(data, f"{where} and {after(start)}", [top], bound)
            assert facets == {name: (bound, counts) for name, counts in expected.items()}
            assert sum(expected["author"].values()) >= min(newest, later)


def test_a_persons_bylines_are_listed_newest_first(archive):
    """The bylines table filtered by a person lists them newest first, as their index holds
    them (no sort of every one they signed), page after page as plain SQL gives them: the
    same second's by rowid on the first, each next page after the last row's time and key
    (Datasette's keyset, the same second's by key); asked for another order, that one."""
    data, names = archive
    top, count = names[0]
    db = sqlite3.connect(ArchivePaths(data).index)
    times = [at for (at,) in db.execute("select fetched_at from article_authors where author = ? "
                                        "order by fetched_at desc, rowid desc", [top])]
    within = [n for n in range(1, len(times)) if times[n - 1] == times[n]]
    assert within and len(times) == count
    for size in (within[0], 100):
        expected, order = [], "order by fetched_at desc, rowid desc"
        while True:
            rows = db.execute(f"select capture_id, position, fetched_at from article_authors "
                              f"where author = ? {order} limit {size + 1}", [top]).fetchall()
            last = rows[size - 1] if len(rows) > size else None
            expected.append(([list(row) for row in rows[:size]], last and ",".join(
                tilde_encode(str(value)) for value in (last[2], last[0], last[1]))))
            if not last:
                break
            order = (f"and fetched_at <= '{last[2]}' and (fetched_at < '{last[2]}' or "
                     f"(fetched_at = '{last[2]}' and (capture_id > '{last[0]}' or "
                     f"capture_id = '{last[0]}' and position > {last[1]}))) "
                     "order by fetched_at desc, capture_id, position")
        served = pages(data, f"/index/article_authors.json?author={quote(top)}"
                             f"&_col=fetched_at&_size={size}")
        assert [(page["rows"], page["next"]) for page in served] == expected, size
        assert all(page["query"]["sql"].endswith(f"order by fetched_at desc limit {size + 1}")
                   for page in served[:1])
    by_key = pages(data, f"/index/article_authors.json?author={quote(top)}&_sort=capture_id")
    keys = [row[1] for page in by_key for row in page["rows"]]
    assert keys == sorted(keys) and len(keys) == count
    db.close()
