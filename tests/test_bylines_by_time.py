"""Each byline keeps its article's capture time (``article_authors.fetched_at``, m021), by which
a person's page finds their articles (:mod:`archive.web.facets`): an archive upgraded gets it
for every byline, and every writer keeps it right."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from urllib.parse import quote

import sqlite_utils

from archive.store.index import Index, migrations
from archive.web import facets
from archive.web.serve import datasette_for

#: Bylines whose time is not their article's.
WRONG = ("select b.capture_id, b.author, b.fetched_at, a.fetched_at from article_authors b "
         "join articles a on a.capture_id = b.capture_id where b.fetched_at is not a.fetched_at")


def indexes(db) -> set[str]:
    return {name for (name,) in db.execute("select name from sqlite_master where type = "
                                           "'index' and tbl_name = 'article_authors'")}


def test_an_upgraded_index_gives_every_byline_its_articles_time(index_0_1_0):
    db = sqlite_utils.Database(index_0_1_0)
    migrations.apply(db, stop_before="m021_bylines_by_capture_time")
    bylines = db.execute("select capture_id, author, role, position from article_authors "
                         "order by rowid").fetchall()
    db.close()
    assert len(bylines) > 20  # the demo's articles, bylines by m009
    index = Index(index_0_1_0)
    conn = index.db.conn
    assert conn.execute("select capture_id, author, role, position from article_authors "
                        "order by rowid").fetchall() == bylines
    assert not conn.execute(WRONG).fetchall()
    assert not conn.execute("select 1 from article_authors where fetched_at is null").fetchall()
    assert indexes(conn) == {"sqlite_autoindex_article_authors_1",
                             "idx_article_authors_role_author",
                             "idx_article_authors_author_fetched_at"}
    index.close()


def article(n: int, url: str, at: str, authors: list, credits=()) -> dict:
    return {"capture_id": f"<urn:uuid:byline-{n}>", "url": url, "site": "s", "fetched_at": at,
            "title": f"Title {n}", "text": f"Text of the {n}th article.",
            "authors": json.dumps(authors), "credits": json.dumps(list(credits))}


def test_every_write_of_an_article_keeps_its_bylines_time(tmp_path):
    """A new article, the same capture cleaned again with another byline (the row replaced, not
    its time), a new version of its URL (another capture, another time), a row that does not
    name its time: each byline has its own article's."""
    index = Index(tmp_path / "index.db")
    conn = index.db.conn
    url = "https://s.example/a"
    index.upsert_article(article(1, url, "2026-01-01T10:00:00Z", ["Ann Lee"], ["Wire"]))
    index.upsert_article(article(1, url, "2026-01-01T10:00:00Z", ["Ann Lee", "Bo Ek"]))
    index.upsert_article(article(2, url, "2026-01-01T12:00:00Z", ["Bo Ek"], ["Wire"]))
    index.upsert_article({key: value for key, value in article(
        1, url, "", ["Cy Ho"]).items() if key != "fetched_at"})
    index.commit()
    assert conn.execute("select capture_id, author, role, fetched_at from article_authors "
                        "order by capture_id, position").fetchall() == [
        ("<urn:uuid:byline-1>", "Cy Ho", "author", "2026-01-01T10:00:00Z"),
        ("<urn:uuid:byline-2>", "Bo Ek", "author", "2026-01-01T12:00:00Z"),
        ("<urn:uuid:byline-2>", "Wire", "credit", "2026-01-01T12:00:00Z")]
    assert not conn.execute(WRONG).fetchall()
    index.close()


def test_a_new_index_has_the_bylines_time_and_its_index(tmp_path):
    Index(tmp_path / "index.db").close()
    db = sqlite3.connect(tmp_path / "index.db")
    columns = [row[1] for row in db.execute("pragma table_info(article_authors)")]
    assert columns == ["capture_id", "author", "role", "position", "fetched_at"]
    assert "idx_article_authors_author" not in indexes(db)
    assert [row[2] for row in db.execute(
        "pragma index_info(idx_article_authors_author_fetched_at)")] == ["author", "fetched_at"]
    db.close()


def test_an_index_not_yet_upgraded_is_served_with_each_persons_list(index_0_1_0, monkeypatch):
    """``serve`` reads the index as it finds it: before m021, a prolific writer's page (every
    writer is, here) and its facets' newest read their list, with the same rows."""
    db = sqlite_utils.Database(index_0_1_0)
    migrations.apply(db, stop_before="m021_bylines_by_capture_time")
    name, signed = db.execute("select author, count(*) from article_authors group by author "
                              "order by count(*) desc limit 1").fetchone()
    expected = [list(row) for row in db.execute(
        "select capture_id, fetched_at from articles where capture_id in (select capture_id "
        "from article_authors where author = ?) order by fetched_at desc, rowid desc", [name])]
    db.close()
    assert signed > 2
    monkeypatch.setattr(facets, "prolific_past", lambda articles: 1)
    ds = datasette_for(index_0_1_0.parent, facet_newest=2)

    async def get():
        await ds.invoke_startup()
        return (await ds.client.get(f"/index/articles.json?_author={quote(name)}"
                                    "&_col=fetched_at&_facet=language&_size=max")).json()

    page = asyncio.run(get())
    assert page["rows"] == expected
    assert page["facet_results"]["language"]["newest"] == 2
    assert "capture_id in (select capture_id from article_authors" in page["query"]["sql"]
