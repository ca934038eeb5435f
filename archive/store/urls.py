"""Captures by URL, for the crawl's questions: when was this URL last fetched, and what did its
newest full response say (its ETag and Last-Modified, for a conditional GET)?

An index of ``captures`` by ``(url, fetched_at)`` answered both, but hourly crawls write each
site's front page, feed and sitemap, and its new and re-checked articles, into a year's index
at as many places as the site has URL regions: a commit wrote 16 pages of it an article in a
year's archive. So new captures' URLs gather in a small table, ``capture_urls_recent``, kept by
triggers on ``captures`` (every writer, recovery's deletes included), and move into
``capture_urls`` in URL order once :data:`SETTLE_EVERY` have gathered: each page of the large
table is then written about once a move, not once an hour. Lookups read both tables.
"""

from __future__ import annotations

from archive.store.schema import execute_each

#: Captures whose URLs gather before they are moved in one go: about twelve hours of a hundred
#: sites crawled hourly. Each hour adds a row to every hub URL's run (a site's front page, feed
#: and sitemap), so the small table is written on nearly all of its pages each hour (220-230 of
#: 250-260 in a month's archive, with 20,000), while a move writes a few hundred pages of the
#: large one whatever it moves. Over 48 hourly crawls into a month's archive, the pages of the
#: two tables each hour's close copied came to 8.2 an article with 20,000 and 6.5 with 5,000,
#: the first move of what 20,000 had left included.
SETTLE_EVERY = 5_000
#: Captures a writer indexes between two looks at how many have gathered.
CHECK_EVERY = 1000

#: A URL and a time, the key of its captures then (``captures(fetched_at)`` finds them): the
#: capture's own id beside them would make the table half as large again.
_TABLES = """
create table if not exists capture_urls (
  url text not null, fetched_at text not null, primary key (url, fetched_at)) without rowid;
create table if not exists capture_urls_recent (
  url text not null, fetched_at text not null, primary key (url, fetched_at)) without rowid;
create trigger if not exists capture_urls_insert after insert on captures
when new.url is not null begin
  insert or ignore into capture_urls_recent (url, fetched_at)
  values (new.url, coalesce(new.fetched_at, ''));
end;
create trigger if not exists capture_urls_delete after delete on captures
when old.url is not null begin
  delete from capture_urls where url = old.url and fetched_at = coalesce(old.fetched_at, '')
    and not exists (select 1 from captures where fetched_at is old.fetched_at and url = old.url);
  delete from capture_urls_recent where url = old.url
    and fetched_at = coalesce(old.fetched_at, '')
    and not exists (select 1 from captures where fetched_at is old.fetched_at and url = old.url);
end;
create trigger if not exists capture_urls_update after update of url, fetched_at on captures
when new.url is not old.url or new.fetched_at is not old.fetched_at begin
  delete from capture_urls where url = old.url and fetched_at = coalesce(old.fetched_at, '')
    and not exists (select 1 from captures where fetched_at is old.fetched_at and url = old.url);
  delete from capture_urls_recent where url = old.url
    and fetched_at = coalesce(old.fetched_at, '')
    and not exists (select 1 from captures where fetched_at is old.fetched_at and url = old.url);
  insert or ignore into capture_urls_recent (url, fetched_at)
  select new.url, coalesce(new.fetched_at, '') where new.url is not null;
end;
"""

#: The newest full, processed response of a URL in one of the two tables (``{table}``):
#: a capture whose processing a crash cut short does not count.
_LAST_CAPTURE = (
    "select c.record_id, c.url, c.fetched_at, c.payload_digest, c.etag, c.last_modified "
    "from {table} u cross join captures c on c.fetched_at = u.fetched_at and c.url = u.url "
    "where u.url = ? and c.record_type = 'response' and c.status = 200 and "
    "(c.skip_reason is not null "
    "or exists (select 1 from articles a where a.capture_id = c.record_id)) "
    "order by u.fetched_at desc limit 1")


def create_tables(db) -> None:
    """The two tables and their triggers; the URLs of captures already indexed are written
    into the large table at once, in order."""
    execute_each(db, _TABLES)
    db.execute("insert or ignore into capture_urls (url, fetched_at) "
               "select url, coalesce(fetched_at, '') from captures "
               "where url is not null order by 1, 2")


def settle(conn) -> bool:
    """Once :data:`SETTLE_EVERY` captures' URLs have gathered, move them into ``capture_urls``
    in URL order. Asked at a crawl's end and every :data:`CHECK_EVERY` captures: a count of
    the small table."""
    if conn.execute("select count(*) from capture_urls_recent").fetchone()[0] < SETTLE_EVERY:
        return False
    conn.execute("insert or ignore into capture_urls (url, fetched_at) "
                 "select url, fetched_at from capture_urls_recent order by 1, 2")
    conn.execute("delete from capture_urls_recent")
    return True


def last_fetch(conn, url: str) -> str | None:
    """When ``url`` was last fetched, whatever the answer (a revisit included)."""
    return conn.execute(
        "select nullif(max(fetched_at), '') from (select max(fetched_at) as fetched_at "
        "from capture_urls where url = ?1 union all select max(fetched_at) "
        "from capture_urls_recent where url = ?1)", [url]).fetchone()[0]


def last_capture(conn, url: str) -> dict | None:
    """The newest full, processed response captured for ``url`` with status 200, or None."""
    found = []
    for table in ("capture_urls_recent", "capture_urls"):
        cursor = conn.execute(_LAST_CAPTURE.format(table=table), [url])
        row = cursor.fetchone()
        if row:
            found.append(dict(zip([c[0] for c in cursor.description], row, strict=True)))
    return max(found, key=lambda row: row["fetched_at"] or "", default=None)
