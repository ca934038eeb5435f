"""The articles table by person: ``?_author=<name>`` keeps the articles whose byline names them,
and ``?_facet_byline=author`` (``=credit``: agencies, desks, the site) counts the names on the
bylines of the articles shown. Both read ``article_authors`` through its index on ``author``,
since a byline is a list (the ``authors`` column, JSON, could only be searched row by row).
"""

from __future__ import annotations

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


def author_url(datasette, database: str, name: str) -> str:
    """The articles whose byline names ``name``, newest first."""
    return datasette.urls.table(database, "articles") + "?" + urlencode({AUTHOR: name})


def _on_articles(datasette, database: str, table: str | None) -> bool:
    return table == "articles" and database == plugin_config(datasette)["database"]


def author_filter(request, database, table, datasette):
    """``?_author=`` (repeated: every name) as conditions on the articles table."""
    names = request.args.getlist(AUTHOR) if _on_articles(datasette, database, table) else []
    if not names:
        return None
    wheres, params = [], {}
    for number, name in enumerate(names):
        key = f"newsarchive_author_{number}"
        wheres.append(f"capture_id in (select capture_id from article_authors "
                      f"where author = :{key})")
        params[key] = name
    return FilterArguments(wheres, params, [f'the byline names "{name}"' for name in names])


class BylineFacet(Facet):
    """The names on the bylines of the articles the table shows, most articles first."""

    type = BYLINE

    async def facet_results(self):
        results, timed_out = [], []
        if not _on_articles(self.ds, self.database, self.table):
            return results, timed_out
        pairs = self.get_querystring_pairs()
        size = self.get_facet_size()
        for config in self.get_configs():
            role = config["config"].get("simple")
            if role not in ROLES:
                continue
            if self.params or " where " in self.sql.lower():
                among = f"and capture_id in (select capture_id from ({self.sql}))"
            else:  # the whole table: no need to read it
                among = ""
            sql = (f"select author as value, count(*) as count from article_authors "
                   f"where role = :newsarchive_role {among} "
                   f"group by author order by count desc, value limit {size + 1}")
            try:
                rows = (await self.ds.execute(
                    self.database, sql, {**dict(self.params), "newsarchive_role": role},
                    truncate=False, custom_time_limit=self.ds.setting("facet_time_limit_ms"),
                )).rows
            except QueryInterrupted:
                timed_out.append(role)
                continue
            values = []
            for row in rows[:size]:
                selected = (AUTHOR, row["value"]) in pairs
                toggle = (path_with_removed_args(self.request, {AUTHOR: row["value"]})
                          if selected else
                          path_with_added_args(self.request, {AUTHOR: row["value"]}))
                values.append({"value": row["value"], "label": row["value"],
                               "count": row["count"], "selected": selected,
                               "toggle_url": self.ds.absolute_url(
                                   self.request, self.ds.urls.path(toggle))})
            results.append({
                "name": role, "type": self.type, "hideable": config["source"] != "metadata",
                "toggle_url": self.ds.urls.path(
                    path_with_removed_args(self.request, {f"_facet_{BYLINE}": role})),
                "results": values, "truncated": len(rows) > size})
        return results, timed_out
