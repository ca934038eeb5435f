"""The articles table by person: ``?_author=<name>`` keeps the articles whose byline names them,
and ``?_facet_byline=author`` (``=credit``: agencies, desks, the site) counts the names on the
bylines of the articles shown. Both read ``article_authors`` through its index on ``author``,
since a byline is a list (the ``authors`` column, JSON, could only be searched row by row).

A name kept is shown in the facet of its role, selected, with the cross that removes it, as
Datasette shows a facet's selected value, whether the facet was asked for or not (a name on an
article page's byline links to ``?_author=`` alone). Over the whole table the facet counts the
bylines of the :data:`NEWEST` articles: a count of every byline grows with the archive.
"""

from __future__ import annotations

import math
import re
from urllib.parse import urlencode

from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import path_with_added_args, path_with_removed_args

from archive.web.pages import plugin_config

#: The query-string argument that keeps one person's articles.
AUTHOR = "_author"
#: The facet's type (``?_facet_byline=author``) and the roles it counts.
BYLINE = "byline"
ROLES = ("author", "credit")
#: Over the whole table, the facet counts the bylines of this many newest articles, read
#: through the index on ``fetched_at``, as the search box reads the newest matches
#: (:mod:`archive.web.largetables`): counting every byline took 0.2 s at 232,000 articles
#: and grows with the archive, past the facet time limit long before ten million.
NEWEST = 10_000


def author_url(datasette, database: str, name: str) -> str:
    """The articles whose byline names ``name``, newest first."""
    return datasette.urls.table(database, "articles") + "?" + urlencode({AUTHOR: name})


def _on_articles(datasette, database: str, table: str | None) -> bool:
    return table == "articles" and database == plugin_config(datasette)["database"]


#: A person's articles, as a condition: SQLite reads each of them whole and sorts them.
SIGNED = "capture_id in (select capture_id from article_authors where author = :{key})"
#: The same articles by rowid, kept while the capture-time index is read newest first (``+``:
#: not looked up by rowid), so that a page of a prolific writer's newest reads about a hundred
#: rows, not every one they signed (4,143 in 0.3 s for the most prolific of a 60,000-article
#: fill); for a rare name that read would cross the whole index.
SIGNED_NEWEST = ("+rowid in (select a.rowid from article_authors x join articles a "
                 "using (capture_id) where x.author = :{key})")


async def author_filter(request, database, table, datasette):
    """``?_author=`` (repeated: every name) as conditions on the articles table, the name on
    the fewest articles first (the one SQLite looks up). A single name on more articles than
    :func:`prolific` says, with no column facet asked for, reads the newest first
    (:data:`SIGNED_NEWEST`)."""
    names = request.args.getlist(AUTHOR) if _on_articles(datasette, database, table) else []
    if not names:
        return None
    db = datasette.get_database(database)
    threshold = await prolific(db)
    counts = {name: (await db.execute(
        "select count(*) from (select 1 from article_authors where author = ? limit ?)",
        [name, threshold])).rows[0][0] for name in names}
    names = sorted(dict.fromkeys(names), key=lambda name: counts[name])
    newest_first = (len(names) == 1 and counts[names[0]] >= threshold
                    and not any(arg.startswith("_facet") and arg != f"_facet_{BYLINE}"
                                for arg in request.args))
    wheres, params = [], {}
    for number, name in enumerate(names):
        key = f"newsarchive_author_{number}"
        wheres.append((SIGNED_NEWEST if newest_first else SIGNED).format(key=key))
        params[key] = name
    return FilterArguments(wheres, params, [f'the byline names "{name}"' for name in names])


async def prolific(db) -> int:
    """Articles signed past which a person's newest are read through the capture-time index:
    about where reading the part of it that holds their newest hundred (of ``n`` articles,
    the newest ``100 / count`` of the index) costs what reading and sorting all ``count``
    rows does, a row read whole costing about a hundred index entries: the square root of
    the articles. Timed on a copy of bench.year's year (269,242 articles), the articles page
    of a writer of 2,125 took 944 ms as a list and 658 newest first (load 9), of 636 648 and
    692, of 281 485 and 495."""
    newest = (await db.execute("select max(rowid) from articles")).rows[0][0] or 0
    return max(100, math.isqrt(newest))


class BylineFacet(Facet):
    """The names on the bylines of the articles the table shows, most articles first; the
    names kept (``?_author=``) first of all, each with the cross that removes it."""

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
        people = _people_only(self.sql)
        if people:  # their articles' bylines, read from article_authors alone
            among = " and ".join(
                [f"capture_id in (select capture_id from article_authors where author = :{key})"
                 for key in people] + ["exists (select 1 from articles "
                                       "where articles.capture_id = article_authors.capture_id)"])
        elif self.params or " where " in self.sql.lower():  # a person's as a list, counted whole
            among = (f"capture_id in (select capture_id from "
                     f"({_signed_as_a_list(self.sql)}))")
        else:  # the whole table: its newest articles, not every byline the archive holds
            among = (f"capture_id in (select capture_id from articles "
                     f"order by fetched_at desc limit {NEWEST})")
        names = {f"newsarchive_kept_{n}": name for n, name in enumerate(kept)}
        first = f"author in ({', '.join(':' + key for key in names)}) desc, " if names else ""
        for role in (role for role in ROLES if role in asked):
            sql = (f"select author as value, count(*) as count from article_authors "
                   f"where role = :newsarchive_role and {among} "
                   f"group by author order by {first}count desc, value limit {size + 1}")
            try:
                rows = (await self.ds.execute(
                    self.database, sql,
                    {**dict(self.params), **names, "newsarchive_role": role},
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
                "results": values, "truncated": len(rows) > size})
        return results, timed_out

    async def _roles_of(self, names: list[str]) -> set[str]:
        """The roles ``names`` have on any byline (through the index on ``author``)."""
        if not names:
            return set()
        marks = ", ".join(f":newsarchive_name_{n}" for n in range(len(names)))
        found = await self.ds.execute(
            self.database, f"select distinct role from article_authors where author in ({marks})",
            {f"newsarchive_name_{n}": name for n, name in enumerate(names)})
        return {row["role"] for row in found.rows}


def _signed_as_a_list(sql: str) -> str:
    """``sql`` with a person's articles read as a list (:data:`SIGNED`): a facet counts all of
    them, and read newest first through the capture-time index it would cross all of it."""
    newest_first = re.escape(SIGNED_NEWEST).replace(re.escape(":{key}"), r":(\w+)")
    return re.sub(newest_first, lambda m: SIGNED.format(key=m.group(1)), sql)


def _people_only(sql: str) -> list[str]:
    """The parameters of the names kept when a person's articles (:data:`SIGNED` or
    :data:`SIGNED_NEWEST`, one for each name) are all that ``sql`` keeps: the facet then counts
    their bylines without reading an article row (a writer of 7,000 articles read each row for
    its ``capture_id``, past the facet's time limit). Empty when anything else narrows it."""
    _, found, conditions = sql.partition(" from articles where ")
    keys = []
    for condition in conditions.strip().split(" and ") if found else []:
        match = next((m for form in (SIGNED, SIGNED_NEWEST) if (m := re.fullmatch(
            re.escape(form).replace(re.escape(":{key}"), r":(\w+)"), condition))), None)
        if not match:
            return []
        keys.append(match.group(1))
    return keys
