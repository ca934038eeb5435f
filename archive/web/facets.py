"""The articles table by person: ``?_author=<name>`` keeps the articles whose byline names them,
and ``?_facet_byline=author`` (``=credit``: agencies, desks, the site) counts the names on the
bylines of the articles shown. Both read ``article_authors`` through its index on ``(author,
fetched_at)``, since a byline is a list (the ``authors`` column, JSON, could only be searched
row by row).

A name kept is shown in the facet of its role, selected, with the cross that removes it, as
Datasette shows a facet's selected value, whether the facet was asked for or not (a name on an
article page's byline links to ``?_author=`` alone).

Every facet of the articles table, Datasette's by column (``?_facet=section``) as well as the
byline facet, counts a bounded number of articles: when the page keeps more than
:func:`newest` (5,000) of them, the newest that many, read newest first through the
capture-time index its filter uses, and the page says so above its facets and in each facet's
``newest`` (JSON); otherwise every one, exactly (:func:`newest_kept`); the bylines table's
facets the same way, over the last bylines written. A count of every article a filter keeps
grows with the archive: the author facet of a site's page read 16,000 articles in
Datasette's 400 ms facet limit, and the largest site of a million-article archive keeps a third
of them. The newest are what a reader of an archive that grows by the hour looks at; summaries
kept as articles are written would be exact, but only for the filters chosen in advance, and
the write path is already the archive's slowest part.
"""

from __future__ import annotations

import asyncio
import json
import math
import re
from urllib.parse import urlencode

from datasette.database import QueryInterrupted
from datasette.facets import ArrayFacet, ColumnFacet, DateFacet, Facet
from datasette.filters import FilterArguments
from datasette.utils import (
    path_with_added_args,
    path_with_removed_args,
    urlsafe_components,
)

from archive.web.pages import plugin_config

#: The query-string argument that keeps one person's articles.
AUTHOR = "_author"
#: The facet's type (``?_facet_byline=author``) and the roles it counts.
BYLINE = "byline"
ROLES = ("author", "credit")
#: Facets of a page that keeps more articles than this count the newest this many of them,
#: read through the index on ``fetched_at`` (or the filter's ``(..., fetched_at)`` index), as
#: the search box reads the newest matches (:mod:`archive.web.largetables`). What a facet costs
#: is then this many rows read (a column after the text: the row's overflow pages; a byline:
#: three index looks), not the archive's size: on a copy of bench.year's year (269,242
#: articles, load 4.4 on two cores), a site's page with three facets answered its JSON in
#: 215 ms with 10,000, 118 ms with 5,000, and 239 ms counting all of its 12,067; the page
#: itself renders 100 rows in some 150 ms of a 300 ms budget. ``facet_newest`` in the
#: plugin's configuration (``serve --facet-newest``) sets another.
NEWEST = 5_000


def newest(datasette) -> int:
    """How many rows, at most, a facet of the articles or the bylines table counts."""
    return plugin_config(datasette)["facet_newest"] or NEWEST


#: The tables whose facets count a bounded number of rows, and the order of their newest: the
#: articles by capture time (the same second's by rowid, as the capture-time indexes hold
#: them), the bylines as written (rowid: an article's are written with it).
NEWEST_FIRST = {"articles": "fetched_at desc, rowid desc", "article_authors": "rowid desc"}


def _kept(sql: str, table: str = "articles") -> str:
    """The ``where`` clause of Datasette's SQL for a page's facets (``select <columns> from
    <table> where ...``), or nothing for the whole table."""
    return sql.partition(f" from {table} ")[2]


#: The parameter that holds the newest rows a page keeps (their rowids, a JSON list).
KEPT = "newsarchive_newest"
#: Among the newest a facet counts: ``KEPT``'s rowids.
AMONG_NEWEST = f"rowid in (select value from json_each(:{KEPT}))"


async def newest_kept(facet) -> tuple[int | None, str] | None:
    """When the page of ``facet`` keeps more rows than :func:`newest`, that number and the
    newest that many (their rowids, a JSON list), read once for all of the page's facets (they
    share its request); when it keeps fewer, None (every one is counted with the page's
    conditions), or, a person's or several people's (read from their bylines whichever),
    None and every one's rowid."""
    scope = facet.request.scope
    if KEPT not in scope:
        scope[KEPT] = asyncio.ensure_future(_newest_kept(facet))
    return await scope[KEPT]


async def _newest_kept(facet) -> tuple[int | None, str] | None:
    """A page that keeps one person's articles or several people's, on a next page too: the
    newest read from the bylines of the rarest name, newest first (:func:`newest_signed`), in one
    statement: every one when there are no more than :func:`newest` (a count of None), else the
    newest that many. Any other: first a count of at most one more than :func:`newest`, through
    a person's articles as a list (:data:`SIGNED`; read newest first, a rare name's would cross
    the capture-time index); then the newest, read newest first through the capture-time index
    of the page's filter (``site``, ``section``, ``published``, ``language``: ``(...,
    fetched_at)``): index entries, not every row kept. None when it keeps fewer: every one is
    counted with the page's own conditions."""
    count, table = newest(facet.ds), facet.table
    kept, limit = _kept(facet.sql, table), facet.ds.setting("facet_time_limit_ms")
    people, start = (_people_and_start(facet.sql) if table == "articles" else ([], []))
    if people and await timed_bylines(facet.ds, facet.database):
        found = json.loads((await facet.ds.execute(
            facet.database, f"select json_group_array(rowid) from "
                            f"({newest_signed(people, start)} limit {count + 1})",
            facet.params, custom_time_limit=limit)).rows[0][0])
        return (None, json.dumps(found)) if len(found) <= count else (
            count, json.dumps(found[:count]))
    counted = f"select 1 from {table} {_signed_as_a_list(kept)}"
    try:
        found = (await facet.ds.execute(
            facet.database, f"select count(*) from ({counted} limit {count + 1})",
            facet.params, custom_time_limit=limit)).rows[0][0]
    except QueryInterrupted:  # a filter no index serves: counting the newest is still true
        found = count + 1
    if found <= count:
        return None
    rowids = (await facet.ds.execute(
        facet.database, f"select json_group_array(rowid) from (select rowid from {table} "
                        f"{kept}order by {NEWEST_FIRST[table]} limit {count})",
        facet.params, custom_time_limit=limit)).rows[0][0]
    return count, rowids


class NewestFirst:
    """Datasette's facets (by column, by date, of arrays), bounded on the articles and the
    bylines tables: over the newest :func:`newest` rows the page keeps when it keeps more (each
    facet's ``newest`` says how many), exactly over all of them otherwise. Datasette's own
    query, links and selected values, on a narrower set: the plugin puts these classes in place
    of Datasette's (:mod:`archive.web.plugin`)."""

    async def facet_results(self):
        if (not self.get_configs() or self.table not in NEWEST_FIRST
                or self.database != plugin_config(self.ds)["database"]):
            return await super().facet_results()
        try:
            newest_first = await newest_kept(self)
        except QueryInterrupted:
            return [], [config["config"].get("simple") for config in self.get_configs()]
        if newest_first is None:
            count, self.sql = None, _signed_as_a_list(self.sql)
        else:
            count, rowids = newest_first
            columns = self.sql.partition(f" from {self.table} ")[0]
            self.sql = f"{columns} from {self.table} where {AMONG_NEWEST} "
            self.params = {**dict(self.params), KEPT: rowids}
        results, timed_out = await super().facet_results()
        for result in results:
            result["newest"] = count
        return results, timed_out


class NewestColumnFacet(NewestFirst, ColumnFacet):
    """``?_facet=``, bounded (:class:`NewestFirst`)."""


class NewestDateFacet(NewestFirst, DateFacet):
    """``?_facet_date=``, bounded (:class:`NewestFirst`)."""


class NewestArrayFacet(NewestFirst, ArrayFacet):
    """``?_facet_array=``, bounded (:class:`NewestFirst`)."""


#: Datasette's facet classes and what the plugin registers in their place.
BOUNDED = {ColumnFacet: NewestColumnFacet, DateFacet: NewestDateFacet,
           ArrayFacet: NewestArrayFacet}


def author_url(datasette, database: str, name: str) -> str:
    """The articles whose byline names ``name``, newest first."""
    return datasette.urls.table(database, "articles") + "?" + urlencode({AUTHOR: name})


def _on_articles(datasette, database: str, table: str | None) -> bool:
    return table == "articles" and database == plugin_config(datasette)["database"]


#: A person's articles, as a condition: SQLite reads each of them whole and sorts them.
SIGNED = "capture_id in (select capture_id from article_authors where author = :{key})"
#: The same articles, each found among the person's bylines by its capture time (one look in
#: their ``(author, fetched_at)``; the row itself is read for its ``capture_id`` only when one
#: matches) while the capture-time index is read newest first, so that a page of a prolific
#: writer's newest reads about a hundred rows and the index entries between them, not every
#: one they signed: for a rare name that read would cross the whole index. A list of their
#: articles, kept where the index met them, looked each byline up twice to make (the most
#: prolific of a million-article archive, 71,598 bylines: 285 ms for their page).
SIGNED_NEWEST = ("exists (select 1 from article_authors x where x.author = :{key} "
                 "and x.fetched_at = articles.fetched_at and x.capture_id = articles.capture_id)")
#: The articles every one of several names signs, as a condition: the bylines of the first
#: (the rarest), each joined to the others' by the bylines' key (``capture_id``; ``cross join``
#: keeps that order), so that two co-authors cost what the rarer's bylines cost. A list of each
#: name's, kept where they meet, read all of the most prolific's: the page of a million-article
#: archive's most prolific writer (71,598 bylines) and a co-author (17,270) took 554 ms so.
SIGNED_BY_ALL = ("capture_id in (select a0.capture_id from article_authors a0 "
                 "{joins}where a0.author = :{key})")
#: One more name of :data:`SIGNED_BY_ALL`.
ALSO_SIGNED = ("cross join article_authors a{n} on a{n}.capture_id = a0.capture_id "
               "and a{n}.author = :{key} ")


def signed_by(keys: list[str]) -> str:
    """The articles the names of the parameters ``keys`` all sign, as a condition, through the
    bylines of the first: :data:`SIGNED` for one, :data:`SIGNED_BY_ALL` for more."""
    if len(keys) == 1:
        return SIGNED.format(key=keys[0])
    return SIGNED_BY_ALL.format(joins=_the_others(ALSO_SIGNED, keys), key=keys[0])


def _the_others(clause: str, keys: list[str]) -> str:
    """``clause`` (:data:`ALSO_SIGNED`, :data:`ALSO_SIGNED_AT`) for each name after the first."""
    return "".join(clause.format(n=n, key=key) for n, key in enumerate(keys[1:], 1))


#: One more name of a statement that walks the first name's bylines newest first
#: (:func:`page_signed_by`, :func:`newest_signed`): a byline of theirs at the same time, of the
#: same article, looked up in their ``(author, fetched_at)``. Most bylines walked have none, and
#: the look ends in the index; the bylines' key would read each article's byline rows for
#: their names (the newest 5,000 of two co-authors of 6,408 and 13,304 bylines, at 200,000
#: articles: 16 ms so, 10 ms this way).
ALSO_SIGNED_AT = (" and exists (select 1 from article_authors a{n} where a{n}.author = :{key} "
                  "and a{n}.fetched_at = a0.fetched_at and a{n}.capture_id = a0.capture_id)")


#: The articles several names all sign, kept to a page's newest (:func:`page_signed_by`): those
#: captured no earlier than the page's last row (:data:`LAST_SIGNED`; on a next page, nor
#: later than its start), found among the bylines of the first name that the others sign too,
#: read from their end of ``(author, fetched_at)``.
PAGE_SIGNED_BY_ALL = ("capture_id in (select a0.capture_id from article_authors a0 "
                      "where a0.author = :{key}{also}{before} and a0.fetched_at >= "
                      "coalesce(({last}), ''))")
#: The capture time of the last row of a page of articles several names sign (``offset``: the
#: page's size, Datasette reads one row more), newest first from the page's start (``start``:
#: none, or :data:`AFTER_SIGNED`); None when there are fewer. A name twice on one byline only
#: makes the page's articles more than it needs; a byline whose article is gone (a recovery
#: drops the rows of records cut short) is not counted.
LAST_SIGNED = ("select a0.fetched_at from article_authors a0 where a0.author = :{key}{also}"
               "{start} and exists (select 1 from articles where articles.capture_id = "
               "a0.capture_id) order by a0.fetched_at desc limit 1 offset {offset}")
#: A next page's start among the bylines, as Datasette's keyset has it for the articles: older
#: than the last row, or the same second and a later key.
AFTER_KEYS = "newsarchive_after_"
AFTER_SIGNED = (" and a0.fetched_at <= :newsarchive_after_at and (a0.fetched_at < "
                ":newsarchive_after_at or a0.capture_id > :newsarchive_after_key)")


def page_signed_by(keys: list[str], size: int, after: bool) -> str:
    """The articles several names all sign (``keys``: the rarest first), as a condition that
    keeps no more than a page of their newest needs: the page reads the rarest name's bylines
    from their newest to the page's last row (each looked up among the others',
    :data:`ALSO_SIGNED_AT`) and sorts those articles, not every one they signed together (the
    most prolific writer of a million-article archive and a co-author of 34,211 bylines: 510
    ms a page). ``after``: a next page, from its start (``newsarchive_after_at``, ``_key``)."""
    also = _the_others(ALSO_SIGNED_AT, keys)
    last = LAST_SIGNED.format(also=also, key=keys[0], offset=size,
                              start=AFTER_SIGNED if after else "")
    return PAGE_SIGNED_BY_ALL.format(also=also, key=keys[0], last=last, before=(
        " and a0.fetched_at <= :newsarchive_after_at" if after else ""))


#: The newest articles a page keeps, for its facets (:data:`NEWEST_FIRST`), when they are one
#: person's or several people's: the rarest name's bylines from their end of ``(author,
#: fetched_at)`` (``distinct``: a name twice on one byline), the others' looked up
#: (:data:`ALSO_SIGNED_AT`), from a next page's start: those rows alone, however many the
#: names signed before (a staff writer's next page walked the capture-time index with a look
#: each past its start: 476 ms at a million articles).
NEWEST_SIGNED = ("select distinct a0.fetched_at, a.rowid from article_authors a0 "
                 "cross join articles a on a.capture_id = a0.capture_id "
                 "where a0.author = :{key}{also}{start} "
                 "order by a0.fetched_at desc, a.rowid desc")


def newest_signed(keys: list[str], start: list[str]) -> str:
    """:data:`NEWEST_SIGNED` for the names ``keys`` (the rarest first), after a next page's
    ``start`` (:func:`_people_and_start`: conditions on the article's time and key, which its
    bylines hold too), asked of the bylines: no article row is read."""
    bound = "".join(" and " + re.sub(r"(?<![\w.:])(fetched_at|capture_id)\b", r"a0.\1", condition)
                    for condition in start)
    return NEWEST_SIGNED.format(also=_the_others(ALSO_SIGNED_AT, keys), key=keys[0], start=bound)


async def author_filter(request, database, table, datasette):
    """``?_author=`` (repeated: every name) as one condition on the articles table
    (:func:`signed_by`), through the bylines of the name on the fewest articles. A single name
    on more articles than :func:`prolific` says reads the newest first (:data:`SIGNED_NEWEST`);
    several, a page of their newest (:func:`page_signed_by`) when nothing else narrows or
    orders the page (:func:`_page_of_newest`). The facets count their newest from the bylines
    (:func:`newest_kept`), or through the list (:func:`_signed_as_a_list`)."""
    names = request.args.getlist(AUTHOR) if _on_articles(datasette, database, table) else []
    if not names:
        return None
    db = datasette.get_database(database)
    names = list(dict.fromkeys(names))
    threshold = await prolific(db)
    counts = await _bylines(db, names, threshold)
    names.sort(key=lambda name: counts[name])
    params = {f"newsarchive_author_{number}": name for number, name in enumerate(names)}
    keys, timed = list(params), await timed_bylines(datasette, database)
    page = len(names) > 1 and timed and await _page_of_newest(request, datasette, db, names[0])
    if page:
        size, after = page
        where = page_signed_by(keys, size, bool(after))
        params.update(after)
    elif len(names) == 1 and counts[names[0]] >= threshold and timed:
        where = SIGNED_NEWEST.format(key=keys[0])
    else:
        where = signed_by(keys)
    return FilterArguments([where], params, [f'the byline names "{name}"' for name in names])


#: The arguments of an articles page that keep it a page of the newest articles the names sign
#: (``_sort_desc`` only as the table's own order, by capture time: Datasette's next links say
#: it); the rest choose columns, facets and the answer's form.
PAGE_ARGUMENTS = re.compile(r"_author|_next|_sort_desc|_size|_nocount|_col|_nocol|_labels|"
                            r"_nolabels|_facet(_\w+)?|_shape|_json|_nl|_trace|_timelimit|_extra|"
                            r"_nofacet|_nosuggest")


async def _page_of_newest(request, datasette, db, rarest: str) -> tuple[int, dict] | None:
    """For a page of articles newest first that nothing else narrows (no column filter, no
    search, no ``_count``, no CSV stream, which asks Datasette for its pages itself), its
    size and, on a next page, its start's parameters (:data:`AFTER_SIGNED`); None otherwise,
    and when a byline of ``rarest`` has no time (a page of the newest would leave it out)."""
    args = request.args
    metadata = datasette.table_metadata(db.name, "articles")
    if (any(not PAGE_ARGUMENTS.fullmatch(name) for name in args)
            or args.get("_sort_desc", "fetched_at") != "fetched_at"
            or metadata.get("sort_desc") != "fetched_at"):
        return None
    size = args.get("_size") or metadata.get("size") or datasette.page_size
    size = datasette.max_returned_rows if size == "max" else size
    try:
        size = int(size)
    except ValueError:
        return None
    after = {}
    if "_next" in args:
        components = urlsafe_components(args["_next"])
        if len(components) != 2 or args["_next"].split(",")[0] == "$null":
            return None
        after = {"newsarchive_after_at": components[0], "newsarchive_after_key": components[1]}
    if await untimed_bylines(db, rarest):
        return None
    return size, after


async def untimed_bylines(db, author: str) -> bool:
    """Whether a byline of ``author`` has no time (a record that lacked one): their bylines'
    ``(author, fetched_at)`` order, read for a page of their newest or from a next page's
    start, would then leave it out. One probe of that index."""
    return bool((await db.execute("select 1 from article_authors where author = ? and "
                                  "fetched_at is null limit 1", [author])).rows)


async def timed_bylines(datasette, database: str) -> bool:
    """Whether the bylines hold their articles' time (m021): ``serve`` reads an index as it
    finds it, and one no writer has upgraded yet reads a person's articles as a list."""
    return "fetched_at" in await datasette.get_database(database).table_columns("article_authors")


async def _bylines(db, names: list[str], limit: int) -> dict[str, int]:
    """Each name's bylines, counted up to ``limit`` (index entries), and eight times further
    while every name reaches it: enough to know the rarest of several, which costs about
    eight times its own bylines (two co-authors of a million-article archive, of 71,598 and
    17,270 bylines: some 4 ms), never the most prolific's all."""
    while True:
        counts = {name: (await db.execute(
            "select count(*) from (select 1 from article_authors where author = ? limit ?)",
            [name, limit])).rows[0][0] for name in names}
        if len(names) == 1 or min(counts.values()) < limit:
            return counts
        limit *= 8


async def prolific(db) -> int:
    """Articles signed past which a person's newest are read through the capture-time index
    (:func:`prolific_past`, of the archive's articles)."""
    newest = (await db.execute("select max(rowid) from articles")).rows[0][0] or 0
    return prolific_past(newest)


def prolific_past(articles: int) -> int:
    """About where reading the part of the capture-time index that holds a person's newest
    hundred (of ``articles``, the newest ``100 / count`` of the index: each entry one look
    among their bylines, :data:`SIGNED_NEWEST`) costs what reading and sorting all ``count``
    of their rows does: both grow as ``count`` against ``articles / count``, so the square root
    of the articles, times what a row costs against a look. In SQLite alone on a 200,000-article
    archive of bench.year's other shape (warm, ms): a writer of 455 articles 84 newest first
    and 14 as a list, of 1,826 11 and 38, of 13,304 1 and 233; even near 1,100, about 2.5
    times the square root (the threshold was the square root itself while a look was a probe of
    a list made first)."""
    return max(100, math.isqrt(6 * articles))


class BylineFacet(Facet):
    """The names on the bylines of the articles the table shows (the newest :func:`newest`
    when it shows more), most articles first; the names kept (``?_author=``) first of all,
    each with the cross that removes it."""

    type = BYLINE

    async def facet_results(self):
        results, timed_out = [], []
        if not _on_articles(self.ds, self.database, self.table):
            return results, timed_out
        pairs = self.get_querystring_pairs()
        kept = list(dict.fromkeys(value for key, value in pairs if key == AUTHOR))
        asked = {config["config"].get("simple"): config["source"] != "metadata"
                 for config in self.get_configs()}
        for role in await self._roles_of(kept):  # a kept name's role, asked for or not
            asked.setdefault(role, False)
        size = self.get_facet_size()
        try:
            newest_first = await newest_kept(self) if asked else None
        except QueryInterrupted:
            return results, list(asked)
        count, params = None, dict(self.params)
        people, start = _people_and_start(self.sql)
        if newest_first:  # more than it counts: the bylines of the newest (or of every one)
            count, params[KEPT] = newest_first
            among = f"capture_id in (select capture_id from articles where {AMONG_NEWEST})"
        elif people and not start:  # their articles' bylines, from article_authors alone
            among = (f"{signed_by(people)} and exists (select 1 from articles "
                     "where articles.capture_id = article_authors.capture_id)")
        else:  # every article kept, a person's as a list
            among = (f"capture_id in (select capture_id from "
                     f"({_signed_as_a_list(self.sql)}))")
        names = {f"newsarchive_kept_{n}": name for n, name in enumerate(kept)}
        first = f"author in ({', '.join(':' + key for key in names)}) desc, " if names else ""
        for role in (role for role in ROLES if role in asked):
            sql = (f"select author as value, count(*) as count from article_authors "
                   f"where role = :newsarchive_role and {among} "
                   f"group by author order by {first}count desc, value limit {size + 1}")
            try:
                rows = (await self.ds.execute(
                    self.database, sql,
                    {**params, **names, "newsarchive_role": role},
                    truncate=False, custom_time_limit=self.ds.setting("facet_time_limit_ms"),
                )).rows
            except QueryInterrupted:
                timed_out.append(role)
                continue
            values = []
            for row in rows[:size]:
                selected = row["value"] in kept
                toggle = (path_with_removed_args(self.request, {AUTHOR: row["value"]})
                          if selected else
                          path_with_added_args(self.request, {AUTHOR: row["value"]}))
                values.append({"value": row["value"], "label": row["value"],
                               "count": row["count"], "selected": selected,
                               "toggle_url": self.ds.absolute_url(
                                   self.request, self.ds.urls.path(toggle))})
            results.append({
                "name": role, "type": self.type, "hideable": asked[role],
                "toggle_url": self.ds.urls.path(
                    path_with_removed_args(self.request, {f"_facet_{BYLINE}": role})),
                "results": values, "truncated": len(rows) > size, "newest": count})
        return results, timed_out

    async def _roles_of(self, names: list[str]) -> set[str]:
        """The roles ``names`` have on any byline (through the index on ``(author, ...)``)."""
        if not names:
            return set()
        marks = ", ".join(f":newsarchive_name_{n}" for n in range(len(names)))
        found = await self.ds.execute(
            self.database, f"select distinct role from article_authors where author in ({marks})",
            {f"newsarchive_name_{n}": name for n, name in enumerate(names)})
        return {row["role"] for row in found.rows}


def _signed_as_a_list(sql: str) -> str:
    """``sql`` with a person's articles read as a list (:data:`SIGNED`), for a facet that counts
    all of them (no more than :func:`newest`) and for the count that decides it
    (:func:`newest_kept`): read newest first through the capture-time index, they would cross
    all of it."""
    newest_first = re.escape(SIGNED_NEWEST).replace(re.escape(":{key}"), r":(\w+)")
    return re.sub(newest_first, lambda m: SIGNED.format(key=m.group(1)), sql)


#: A next page's conditions on the articles: Datasette's (older than the last row, or the same
#: second and a later key) and the bound ``largetables.next_page_bound`` adds (no later).
AFTER = re.compile(r"\(fetched_at < :p\d+ or fetched_at is null or \(fetched_at = :p\d+ and "
                   r"\(\(capture_id > :p\d+\)\)\)\)")
NO_LATER = re.compile(r"fetched_at <= :\w+")
#: A page of several names' newest (:func:`page_signed_by`): its size.
PAGE_OF = re.compile(r"capture_id in \(select a0\.capture_id from article_authors a0 where .* "
                     r"limit 1 offset (\d+)\), ''\)\)", re.S)


def _people_and_start(sql: str) -> tuple[list[str], list[str]]:
    """The parameters of the names kept when a person's articles, or several people's
    (:data:`SIGNED`, :data:`SIGNED_NEWEST`, :data:`SIGNED_BY_ALL` or a page of it), are all
    that ``sql`` keeps, the rarest name first, and a next page's conditions (:data:`AFTER`,
    :data:`NO_LATER`): the facets then count their bylines without reading every article row
    (a writer of 7,000 articles read each row for its ``capture_id``, past the facet's time
    limit). Empty when anything else narrows it."""
    _, found, conditions = sql.partition(" from articles where ")
    keys, start = [], []
    for condition in _outer_and(conditions.strip()) if found else []:
        if AFTER.fullmatch(condition) or NO_LATER.fullmatch(condition):
            start.append(condition)
            continue
        named = re.findall(r":(\w+)", condition)
        rarest_first = named[-1:] + named[:-1]  # SIGNED_BY_ALL names the first last
        if page := PAGE_OF.fullmatch(condition):
            names = [key for key in dict.fromkeys(named) if not key.startswith(AFTER_KEYS)]
            if condition != page_signed_by(names, int(page.group(1)), AFTER_KEYS in condition):
                return [], []
            keys += names
        elif named and condition == signed_by(rarest_first):
            keys += rarest_first
        elif len(named) == 1 and condition == SIGNED_NEWEST.format(key=named[0]):
            keys += named
        else:
            return [], []
    return (keys, start) if keys else ([], [])


def _outer_and(where: str) -> list[str]:
    """The conditions of ``where`` joined by ``and`` outside any parenthesis (a condition of
    :data:`SIGNED_BY_ALL` has its own within)."""
    parts, depth, start = [], 0, 0
    for match in re.finditer(r"[()]| and ", where):
        if match.group() == "(":
            depth += 1
        elif match.group() == ")":
            depth -= 1
        elif not depth:
            parts.append(where[start:match.start()])
            start = match.end()
    return [*parts, where[start:]]
