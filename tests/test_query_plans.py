"""Every query the pages and the commands make uses an index: read from SQLite's own query plans
(``EXPLAIN QUERY PLAN``) for every statement actually run, on an index shaped like a year of
hourly crawls (bench.year's fill, small). A query that reads a whole large table gets slower
with every article the archive gains; this fails ``make test`` as soon as one does."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import types
from urllib.parse import quote, unquote

import pytest
from datasette import hookimpl
from datasette.plugins import pm
from datasette.utils import tilde_encode

from archive.cli.report import summary
from archive.offline.export import current_articles
from archive.store.index import GROWING, Index
from archive.store.paths import ArchivePaths
from archive.web.facets import prolific_past
from archive.web.serve import datasette_for, metadata
from bench.yearfill import Year
from bench.yearshape import OtherYear

#: Statements that are not queries of ours.
NOT_QUERIES = re.compile(r"^\s*(--|pragma|begin|commit|rollback|savepoint|release|explain|"
                         r"analyze|create|drop|insert into _sqlite_migrations)", re.I)


def full_scans(db: sqlite3.Connection, sql: str) -> list[str]:
    """The growing tables ``sql`` reads whole: a ``SCAN`` without an index, unless it is the
    first rows of a table in its own order (no condition, no sort, a limit: Datasette's page of
    a table without a sort column)."""
    plan = [detail for *_, detail in db.execute(f"explain query plan {sql}").fetchall()]
    first_rows = (re.search(r"\blimit\b", sql, re.I) and not re.search(r"\bwhere\b", sql, re.I)
                  and not any("TEMP B-TREE" in detail for detail in plan))
    return [detail for detail in plan
            if (m := re.match(r"SCAN (\w+)(?: AS \w+)?$", detail)) and m.group(1) in GROWING
            and not first_rows]


#: ``x in ()``: false, and SQLite's program jumps to its end before the loop its plan names
#: (Datasette asks for the labels of no rows so when a filter keeps none).
NOTHING_ASKED = re.compile(r"\bwhere\s+\S+\s+in\s*\(\s*\)\s*$", re.I)


def check(db_path, statements: list[str]) -> list[tuple[str, list[str]]]:
    db = sqlite3.connect(db_path)
    try:
        found = [(sql, scans) for sql in dict.fromkeys(statements)
                 if not NOT_QUERIES.match(sql) and not NOTHING_ASKED.search(sql)
                 and (scans := full_scans(db, sql))]
    finally:
        db.close()
    return found


@pytest.fixture(scope="module", params=[(Year, 12), (OtherYear, 60)], ids=["year", "other"])
def year(request, tmp_path_factory):
    """Six days of crawls of a dozen sites (bench.year's shape) or of sixty (bench.yearshape's:
    sizes by Zipf's law, bursts, live blogs, briefs, query-string URLs); the statements the
    crawl's writer made."""
    shape, sites = request.param
    data = tmp_path_factory.mktemp("year")
    index = Index(ArchivePaths(data).index, commit_every=1.0)
    shape(index, articles=1500, sites=sites, days=5).fill(lambda point: None)
    written: list[str] = []
    index.db.conn.set_trace_callback(written.append)
    more = shape(index, articles=60, sites=sites, days=1, seed=1)
    more._serial = 10**6  # new record ids and file offsets
    more.hour(24 * 5)
    # the crawl's questions before each fetch: a front page's, and an article's
    for url in ("https://www.site001.example/", more.recent[-1].url):
        assert index.last_capture(url) and index.last_fetch(url)
    index.db.conn.set_trace_callback(None)
    index.close()
    return data, written


#: Facets that count at most this many articles, and the pages served with them.
BOUNDED = 10
BOUNDED_PAGE = f" (facets of the newest {BOUNDED})"


@pytest.fixture(scope="module")
def page_statements(year):
    """Every statement run to answer each page a reader opens, by page."""
    data, _ = year
    seen: list[str] = []
    tracer = types.ModuleType("query_tracer")
    tracer.prepare_connection = hookimpl(
        lambda conn, database: database == "index" and conn.set_trace_callback(seen.append))
    pm.register(tracer, name="query_tracer")
    db = sqlite3.connect(ArchivePaths(data).index)
    article, site, language, day = db.execute(
        "select capture_id, site, language, published from articles "
        "order by fetched_at desc limit 1").fetchone()
    version = db.execute("select capture_id from article_versions where version > 1 "
                         "limit 1").fetchone()[0]
    # the fill's bylines: its most prolific writer, one who wrote with them, a section
    staff, other = db.execute(
        "select a.author, b.author from article_authors a join article_authors b "
        "using (capture_id) where a.role = 'author' and b.role = 'author' "
        "and b.author != a.author group by a.author order by count(*) desc limit 1").fetchone()
    section = db.execute("select section from articles where section is not null "
                         "limit 1").fetchone()[0]
    # a next page's start: the 50th newest article's time and key; the two names' newest,
    # the staff writer's 20th newest byline's time and key
    start = ",".join(map(tilde_encode, db.execute(
        "select fetched_at, capture_id from articles order by fetched_at desc "
        "limit 1 offset 50").fetchone()))
    both = ",".join(map(tilde_encode, db.execute(
        "select a.fetched_at, a.capture_id from article_authors a join article_authors b "
        "using (capture_id) where a.author = ? and b.author = ? order by a.fetched_at desc "
        "limit 1", [staff, other]).fetchone()))
    byline = ",".join(tilde_encode(str(value)) for value in db.execute(
        "select fetched_at, capture_id, position from article_authors where author = ? "
        "order by fetched_at desc limit 1 offset 20", [staff]).fetchone())
    tables = [t for (t,) in db.execute("select name from sqlite_master where type = 'table' "
                                       "and name not like 'sqlite_%' and name not like '%fts%'")]
    db.close()
    paths = ["/", "/index", *(f"/index/{t}" for t in tables),
             f"/index/articles?site={site}", f"/index/articles?language={language}",
             "/index/captures?host=www.site001.example",
             f"/-/article/{quote(article, safe='')}", f"/-/version/{quote(version, safe='')}",
             # the facets by author, section and publication day, and the pages they open
             "/index/articles?_facet_byline=author&_facet_byline=credit&_facet=section"
             "&_facet=published",
             f"/index/articles?_author={quote(staff)}&_facet_byline=author&_facet=section"
             "&_facet=published",
             f"/index/articles?section={quote(section)}&_facet_byline=author&_facet=published",
             f"/index/articles?published={day}&_facet_byline=author&_facet=section",
             f"/index/articles?_author={quote(staff)}&_author={quote(other)}&site={site}",
             f"/index/articles?_author={quote(staff)}&_author={quote(other)}",
             f"/index/articles?_author={quote(staff)}&_author={quote(other)}&_next={both}",
             f"/index/article_authors?author={quote(staff)}",
             f"/index/article_authors?author={quote(staff)}&_next={byline}",
             # next pages: the whole table's, a site's, a person's
             *(f"/index/articles?{kept}_next={start}"
               for kept in ("", f"site={site}&", f"_author={quote(staff)}&")),
             f"/index/article_authors?capture_id={quote(article, safe='')}",
             "/index/article_authors?_facet=author",
             # every column a table offers to sort by, both ways
             *(f"/index/{name}?{sort}={column}"
               for name, table in metadata(data)["databases"]["index"]["tables"].items()
               for column in table.get("sortable_columns", ())
               for sort in ("_sort", "_sort_desc")),
             *(f"/index/{name}?q=ba&language={language}"
               for name in metadata(data)["databases"]["index"]["queries"])]
    ds = datasette_for(data)
    # and the facets of pages that keep more articles than they count (:data:`BOUNDED`)
    bounded = datasette_for(data, facet_newest=BOUNDED)
    by_page = {}

    faceted = [path for path in paths if "_facet" in path
               and ("/articles?" in path or "/article_authors?" in path)]

    async def visit():
        for server, suffix, visited in ((ds, "", paths), (bounded, BOUNDED_PAGE, faceted)):
            await server.invoke_startup()
            for path in visited:
                seen.clear()
                response = await server.client.get(path)
                assert response.status_code == 200, path
                by_page[path + suffix] = list(seen)

    try:
        asyncio.run(visit())
    finally:
        pm.unregister(name="query_tracer")
    return by_page


def test_the_tracer_sees_the_queries(page_statements):
    """The check below is only as good as what it is given: the front page's own queries and
    Datasette's table query are among the statements seen."""
    assert any("article_days" in sql for sql in page_statements["/"])
    assert any(re.search(r"from articles\b.*order by fetched_at desc", sql, re.S | re.I)
               for sql in page_statements["/index/articles"])
    faceted = [sql for page, statements in page_statements.items() if "_facet" in page
               for sql in statements]
    for column in ("author", "section", "published"):
        assert any(re.search(rf"group by \[?{column}\b", sql) for sql in faceted), column
    by_two = next(page for page in page_statements if page.count("_author=") == 2)
    assert sum("cross join article_authors a1 " in sql and "group by" not in sql
               and "count(*)" not in sql and "json_group_array" not in sql
               for sql in page_statements[by_two]) == 1  # the one query, with both names
    # (and what tells the byline facet of the names kept which to count, and its count)


def test_two_names_are_read_through_the_rarer_ones_bylines(year, page_statements):
    """Two co-authors' page: every statement with both names reads the rarer's bylines through
    the index on ``(author, fetched_at)`` and looks the other's up by the bylines' key, one
    article at a time; no list of either name's bylines alone (the most prolific's, a
    million-article archive's 71,598, made their page the slowest). Nothing else narrowing
    it, the page's rows are the rarer's bylines from the page's last row's time
    (:func:`archive.web.facets.page_signed_by`; on a next page, to its start's), not all."""
    db = sqlite3.connect(ArchivePaths(year[0]).index)
    try:
        for page in (page for page in page_statements if page.count("_author=") == 2):
            names = [unquote(name) for name in re.findall(r"_author=([^&]+)", page)]
            counts = {name: db.execute("select count(*) from article_authors where author = ?",
                                       [name]).fetchone()[0] for name in names}
            rarer, other = sorted(names, key=counts.get)
            assert counts[rarer] < counts[other], counts  # the fill's: not a tie
            both = [sql for sql in page_statements[page] if other in sql and rarer in sql
                    and "select distinct role" not in sql and "json_each" not in sql]
            assert len(both) >= 2 - ("site=" in page), page  # the page's, the facets' newest
            for sql in both:
                assert f"a0.author = '{rarer}'" in sql and f"a1.author = '{other}'" in sql
                assert "select capture_id from article_authors where author" not in sql
                plan = [detail for *_, detail in db.execute(f"explain query plan {sql}")]
                found = " | ".join(plan)
                assert ("SEARCH a0 USING INDEX idx_article_authors_author_fetched_at (author=?)"
                        in plan or "SEARCH a0 USING INDEX idx_article_authors_author_fetched_at "
                        "(author=? AND fetched_at<?)" in plan), found
                # the other's byline: by the article's key (a list of the two), or by its time
                assert ("SEARCH a1 USING INDEX sqlite_autoindex_article_authors_1 (capture_id=?)"
                        in plan or "SEARCH a1 USING INDEX idx_article_authors_author_fetched_at "
                        "(author=? AND fetched_at=?)" in plan), found
            rows = [sql for sql in both if re.match(r"select .* from articles where .* "
                                                    r"order by fetched_at desc", sql, re.S)]
            assert len(rows) == 1, page
            plan = [detail for *_, detail in db.execute(f"explain query plan {rows[0]}")]
            window = ("SEARCH a0 USING INDEX idx_article_authors_author_fetched_at "
                      f"(author=? AND fetched_at>?{' AND fetched_at<?' * ('_next=' in page)})")
            assert (window in plan) == ("site=" not in page), (page, plan)
    finally:
        db.close()


def test_a_persons_page_reads_the_newest_or_their_list(year, page_statements):
    """A person on more articles than :func:`archive.web.facets.prolific` says (the year's
    staff writer): their page walks the capture-time index newest first and looks each entry
    up among their bylines by its time, no list of all they signed. A rarer one's (the other
    shape's, 63 of 1,500): the list of their articles, through the bylines' index, sorted."""
    db = sqlite3.connect(ArchivePaths(year[0]).index)
    threshold = prolific_past(db.execute("select max(rowid) from articles").fetchone()[0])
    try:
        page = next(page for page in page_statements if page.count("_author=") == 1
                    and not page.endswith(BOUNDED_PAGE))
        name = unquote(re.search(r"_author=([^&]+)", page).group(1))
        rows = [sql for sql in page_statements[page]
                if re.search(r"^select .* from articles where .* order by fetched_at desc limit",
                             sql, re.S)]
        assert len(rows) == 1, page
        plan = [detail for *_, detail in db.execute(f"explain query plan {rows[0]}")]
        if db.execute("select count(*) from article_authors where author = ?",
                      [name]).fetchone()[0] >= threshold:
            assert "where exists (select 1 from article_authors x where x.author" in rows[0]
            assert plan == ["SCAN articles USING INDEX idx_articles_fetched_at",
                            "CORRELATED SCALAR SUBQUERY 1",
                            "SEARCH x USING INDEX idx_article_authors_author_fetched_at "
                            "(author=? AND fetched_at=?)"], plan
        else:
            assert "where capture_id in (select capture_id from article_authors" in rows[0]
            assert plan == ["SEARCH articles USING INDEX sqlite_autoindex_articles_1 "
                            "(capture_id=?)", "LIST SUBQUERY 1",
                            "SEARCH article_authors USING INDEX "
                            "idx_article_authors_author_fetched_at (author=?)",
                            "USE TEMP B-TREE FOR ORDER BY"], plan
    finally:
        db.close()


def test_a_next_page_walks_the_capture_time_index_from_its_start(year, page_statements):
    """Datasette's condition for a next page (older, or the same second and a later key, or no
    time) is an ``or`` SQLite answered by reading every older article and sorting them all;
    bounded by the start's time, the page walks an index from there, sorting only the same
    second's by key (a rarer name's page, as its first, reads their list; two names' the
    rarer's bylines from there, :func:`test_no_page_sorts_a_persons_whole_list`); a person's
    bylines, their ``(author, fetched_at)`` from there."""
    db = sqlite3.connect(ArchivePaths(year[0]).index)
    try:
        nexts = [page for page in page_statements if "_next=" in page]
        assert len(nexts) == 5
        for page in nexts:
            rows = [sql for sql in page_statements[page]
                    if re.search(r"order by fetched_at desc, capture_id(, position)? limit", sql)]
            assert len(rows) == 1 and "fetched_at <= '20" in rows[0], page
            plan = [detail for *_, detail in db.execute(f"explain query plan {rows[0]}")]
            if "/article_authors?" in page:
                assert plan == ["SEARCH article_authors USING INDEX "
                                "idx_article_authors_author_fetched_at (author=? AND fetched_at<?)",
                                "USE TEMP B-TREE FOR RIGHT PART OF ORDER BY"], plan
                continue
            if "capture_id in (select" in rows[0]:
                continue  # a rarer name's list, sorted (the other shape's staff writer)
            assert re.match(r"SEARCH articles USING INDEX idx_articles_\w*fetched_at "
                            r"\((site=\? AND )?fetched_at<\?\)$", plan[0]), (page, plan)
            assert plan[-1] == "USE TEMP B-TREE FOR RIGHT PART OF ORDER BY", (page, plan)
            assert not any("MULTI-INDEX OR" in detail for detail in plan), (page, plan)
    finally:
        db.close()


def sorts_a_whole_list(plan: list[str]) -> bool:
    """Whether ``plan`` sorts every byline of a person (the rows of their whole ``(author,
    ...)``, listed or read directly), not a page of them: a list a person's page reads grows
    with what they sign."""
    sources = [plan[n + 1] for n, detail in enumerate(plan[:-1])
               if detail.startswith("LIST SUBQUERY")] or plan[:1]
    return "USE TEMP B-TREE FOR ORDER BY" in plan and any(
        re.fullmatch(r"SEARCH \w+ USING (COVERING )?INDEX idx_article_authors_author_fetched_at "
                     r"\(author=\?\)", source) for source in sources)


def test_no_page_sorts_a_persons_whole_list(year, page_statements):
    """Two names' pages, a prolific writer's (past :func:`archive.web.facets.prolific`), a
    person's bylines: no statement sorts all a person signed, first page or next, facets too.
    (A rarer name's page sorts their list: fewer than the threshold.)"""
    db = sqlite3.connect(ArchivePaths(year[0]).index)
    threshold = prolific_past(db.execute("select max(rowid) from articles").fetchone()[0])
    try:
        checked = 0
        for page, statements in page_statements.items():
            names = [unquote(name) for name in re.findall(r"[?&]_?author=([^&]+)", page)]
            if not names or (len(names) == 1 and "_author=" in page and db.execute(
                    "select count(*) from article_authors where author = ?",
                    names).fetchone()[0] < threshold):
                continue
            checked += 1
            for sql in statements:  # (a facet sorts the names it counted)
                if not NOT_QUERIES.match(sql) and "group by" not in sql:
                    plan = [detail for *_, detail in db.execute(f"explain query plan {sql}")]
                    assert not sorts_a_whole_list(plan), (page, sql, plan)
        assert checked >= 4
        # what the check is for: the list of two names and a person's bylines, as before
        for sql in ("select * from articles where capture_id in (select a0.capture_id from "
                    "article_authors a0 cross join article_authors a1 on a1.capture_id = "
                    "a0.capture_id and a1.author = 'b' where a0.author = 'a') "
                    "order by fetched_at desc limit 101",
                    "select * from article_authors where author = 'a' "
                    "order by capture_id, position limit 101"):
            assert sorts_a_whole_list(
                [detail for *_, detail in db.execute(f"explain query plan {sql}")]), sql
    finally:
        db.close()


def test_a_full_scan_is_caught(year):
    data, _ = year
    index = ArchivePaths(data).index
    assert check(index, ["select count(*) from articles where word_count > 100"])
    assert check(index, ["select url from captures where record_id in () or length(url) > 9"])
    assert not check(index, ["select record_id, url from captures where record_id in ()"])
    assert not check(index, ["select * from articles where site = 'site001' "
                             "order by fetched_at desc limit 5"])


def test_every_page_uses_indexes(year, page_statements):
    """The database page included: Datasette's count of a table is one step of SQLite's
    machine that its time limit cannot cut, so no growing table may be counted there."""
    index = ArchivePaths(year[0]).index
    scans = {page: found for page, statements in page_statements.items()
             if (found := check(index, statements))}
    assert not scans, scans


#: A single person's newest, read from their end of the bylines' ``(author, fetched_at)``: the
#: same second's sorted by the article's rowid as they come, never all they signed.
NEWEST_SIGNED_PLAN = [
    "CO-ROUTINE (subquery-1)",
    "SEARCH a0 USING INDEX idx_article_authors_author_fetched_at (author=?)",
    "SEARCH a USING COVERING INDEX sqlite_autoindex_articles_1 (capture_id=?)",
    "USE TEMP B-TREE FOR DISTINCT", "USE TEMP B-TREE FOR RIGHT PART OF ORDER BY",
    "SCAN (subquery-1)"]


def test_facets_past_their_bound_read_the_newest_through_an_index(year, page_statements):
    """Each page's newest articles are read once, through the capture-time index of its filter
    (no sort of every article kept), a person's from their end of the bylines' ``(author,
    fetched_at)``, the bylines table's last written in rowid order, and each facet counts
    those alone."""
    db = sqlite3.connect(ArchivePaths(year[0]).index)
    bounded = {page: statements for page, statements in page_statements.items()
               if page.endswith(BOUNDED_PAGE)}
    assert len(bounded) == 5
    try:
        for page, statements in bounded.items():
            newest = [sql for sql in statements if "json_group_array(rowid)" in sql]
            assert len(newest) == 1, page
            plan = [detail for *_, detail in db.execute(f"explain query plan {newest[0]}")]
            if "_author=" in page:
                assert plan == NEWEST_SIGNED_PLAN, plan
            elif "/article_authors?" in page:  # the last bylines written, by rowid
                assert plan == ["CO-ROUTINE (subquery-1)", "SCAN article_authors",
                                "SCAN (subquery-1)"], plan
            else:
                assert re.search(r"INDEX \w*fetched_at", " ".join(plan)), (page, plan)
            counts = [sql for sql in statements if "group by" in sql]
            assert counts and all("in (select value from json_each(" in sql for sql in counts)
    finally:
        db.close()


def test_the_crawl_writer_uses_indexes(year):
    data, written = year
    assert any("insert into [articles]" in sql for sql in written)
    assert any("from capture_urls u" in sql for sql in written)  # last_capture's
    assert not check(ArchivePaths(data).index, written)


def test_stats_and_export_use_indexes(year):
    data, _ = year
    paths = ArchivePaths(data)
    seen: list[str] = []
    index = Index(paths.index)
    index.db.conn.set_trace_callback(seen.append)
    newest, site = index.db.execute("select fetched_at, site from articles "
                                    "order by fetched_at desc limit 1").fetchone()
    first = next(current_articles(index.db, since=newest[:10]))
    assert first["fetched_at"] >= newest[:10]
    assert next(current_articles(index.db, site=site, since=newest[:10]))["site"] == site
    index.close()
    seen += _traced(lambda: summary(paths))
    crawl = sqlite3.connect(paths.index).execute(
        "select id from crawls order by started_at desc limit 1").fetchone()[0]
    seen += _traced(lambda: summary(paths, crawl))
    assert not check(paths.index, seen)


def _traced(run) -> list[str]:
    """The statements ``run`` makes through the index (every connection it opens)."""
    seen: list[str] = []
    original = sqlite3.connect

    def connect(*args, **kwargs):
        conn = original(*args, **kwargs)
        conn.set_trace_callback(seen.append)
        return conn

    sqlite3.connect = connect
    try:
        run()
    finally:
        sqlite3.connect = original
    return seen

