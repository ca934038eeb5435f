"""Table pages that answer as quickly at millions of rows as at a hundred.

Two things Datasette does on a table page grow with the table: it counts the rows (a pass over
an index of every row, 1.6 s at thirteen million captures), and its search box lists every
match sorted by capture time (a third of a million articles match a common word). This ASGI
middleware asks Datasette for neither: the growing tables' pages are served without the count
(``_nocount``; ``_count=1`` asks for it: the front page shows the totals, kept as the archive
is written), and the
articles' search box, when nothing else narrows the table, opens the ranked search, which reads
the newest matches only. A person's bylines (``article_authors?author=``) are listed newest
first, as their index holds them, where Datasette's order, by key, sorted every one the person
signed (81 ms for a million-article archive's most prolific writer); and next pages start at
their last row's time (:func:`next_page_bound`). The database page does not count the tables
(:class:`IndexDatabase`).
"""

from __future__ import annotations

import sqlite3
from urllib.parse import parse_qsl, urlencode

from datasette.database import Database, QueryInterrupted
from datasette.filters import FilterArguments
from datasette.utils import urlsafe_components

from archive.store.index import GROWING
from archive.web.facets import AUTHOR, timed_bylines, untimed_bylines

#: The canned query the articles' search box opens.
SEARCH = "search_articles"
#: Arguments that narrow or order the table as a column filter does (``_author``: the
#: plugin's filter by byline), so that Datasette's own search answers.
NARROWING = ("_sort", AUTHOR)


def bounded_tables(app, datasette, database: str):
    """``app`` with the growing tables' pages kept bounded (see the module's docstring)."""
    tables = {f"/{database}/{table}": table for table in GROWING}

    async def wrapped(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        path = scope["path"]
        bare = path.removesuffix(".json")
        if bare not in tables:
            return await app(scope, receive, send)
        args = parse_qsl(scope.get("query_string", b"").decode("latin-1"),
                         keep_blank_values=True)
        names = {name for name, _ in args}
        if tables[bare] == "articles" and path == bare and "_search" in names and not any(
                not name.startswith("_") or name.startswith(NARROWING) for name in names):
            query = urlencode({"q": dict(args)["_search"]})
            return await _redirect(send, f"{scope.get('root_path', '')}/{database}/{SEARCH}"
                                         f"?{query}")
        added = [] if names & {"_nocount", "_count"} else [("_nocount", "1")]
        if (tables[bare] == "article_authors" and BY_PERSON in names
                and not names & {"_sort", "_sort_desc"}
                and await timed_bylines(datasette, database)):
            added.append(("_sort_desc", ARTICLES_SORT))
        if added:
            scope = {**scope, "query_string": urlencode([*args, *added]).encode()}
        return await app(scope, receive, send)

    return wrapped


#: The column the articles are sorted by, newest first, as ``metadata.yml`` sets it (not
#: :data:`archive.web.facets.NEWEST`, how many rows a facet counts), and a person's bylines
#: (:func:`bounded_tables`).
ARTICLES_SORT = "fetched_at"
#: The filter of the bylines table by a person (``?author=``), whose index, ``(author,
#: fetched_at)``, gives their bylines newest first, as ``_sort_desc=fetched_at`` asks.
BY_PERSON = "author"


async def next_page_bound(request, database, table, datasette):
    """On a next page of the articles in their own order, newest first (``_next``: the last
    row's capture time and key), or of a person's bylines (:data:`BY_PERSON`) in theirs, the
    condition ``fetched_at <= <that time>``, which Datasette's own implies but for rows
    without a time (none, unless a record lacked one: then nothing is added). Datasette's is
    an ``or`` of three (older; the same second and a later key; no time), which SQLite
    answered by reading every older article and sorting them: page 2 of a 200,000-article
    archive's table took 1.1 s, a prolific writer's 0.5 s. With the bound it walks the
    capture-time index, or the person's ``(author, fetched_at)``, from that time on (1 and
    6 ms). Not with ``_count``: Datasette counts with the page's filters, not its start."""
    args = request.args
    order = args.get("_sort_desc", datasette.table_metadata(database, table).get("sort_desc"))
    if (table not in ("articles", "article_authors") or "_next" not in args or "_sort" in args
            or "_count" in args or order != ARTICLES_SORT
            or table == "article_authors" and BY_PERSON not in args):
        return None
    first, *rest = urlsafe_components(args["_next"])
    if not rest or args["_next"].split(",")[0] == "$null":
        return None
    db = datasette.get_database(database)
    if table == "article_authors":
        if await untimed_bylines(db, args[BY_PERSON]):
            return None
    elif (await db.execute("select 1 from articles where fetched_at is null limit 1")).rows:
        return None
    return FilterArguments([f"{ARTICLES_SORT} <= :newsarchive_next_at"],
                           {"newsarchive_next_at": first})


async def _redirect(send, location: str) -> None:
    await send({"type": "http.response.start", "status": 302,
                "headers": [(b"location", location.encode("latin-1", "replace")),
                            (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})


class IndexDatabase(Database):
    """The index, as Datasette opens a mutable database, but with its growing tables (and the
    full-text index's) left uncounted on the database page ("Many rows"): a ``count(*)`` is
    one step of SQLite's machine, which Datasette's time limit cannot cut, so each was a pass
    over a table's smallest index (0.2 s for the captures of a 232,000-article archive, read
    cold). The front page shows the totals, kept as the archive is written."""

    async def table_counts(self, limit=10):
        counts = {}
        for table in await self.table_names():
            if table.startswith(GROWING):  # the tables, and articles_fts and its shadows
                counts[table] = None
                continue
            try:
                counts[table] = (await self.execute(f"select count(*) from [{table}]",
                                                    custom_time_limit=limit)).rows[0][0]
            except (QueryInterrupted, sqlite3.DatabaseError):
                counts[table] = None
        return counts
