"""What every page of the plugin shares: the index it reads, URLs of its pages, templates, and
the 404 page for an id the index does not hold.

The plugin's modules (``plugin``, ``frontpage``, ``versionpage``) build on this one; it imports
none of them.
"""

from __future__ import annotations

import os
import sqlite3
from functools import lru_cache, wraps
from pathlib import Path
from urllib.parse import quote

from datasette import Response


def article_url(datasette, capture_id: str) -> str:
    return datasette.urls.path(f"/-/article/{quote(capture_id, safe='')}")


def capture_url(datasette, capture_id: str, view: str) -> str:
    return datasette.urls.path(f"/-/capture/{quote(capture_id, safe='')}/{view}")


class Missing(LookupError):
    """No such article, capture or WARC file."""


def not_found_page(view):
    """Answer a 404 page ourselves: Datasette's own 404 handler would redirect a %-quoted id."""

    @wraps(view)
    async def wrapper(datasette, request):
        try:
            return await view(datasette, request)
        except Missing as exc:
            html = await datasette.render_template("error.html", {
                "ok": False, "error": str(exc), "status": 404, "title": "Not found"},
                request=request)
            return Response.html(html, status=404)

    return wrapper


async def index_database(datasette, request, table: str):
    """The index, once the actor may see ``table`` (everyone, unless configured otherwise)."""
    name = plugin_config(datasette)["database"]
    await datasette.ensure_permissions(request.actor, [
        ("view-table", (name, table)), ("view-database", name), "view-instance"])
    return datasette.get_database(name)


async def first_row(db, sql: str, *params) -> dict | None:
    """The first row of ``sql``, read as the plugin's pages read: with the file names that
    ``serve --public`` hides from every other query (the pages show them by :func:`shown_file`).
    Setting the authorizer expires the connection's prepared statements, so none prepared here
    serves another query unmasked."""
    public = plugin_config(db.ds)["public"]

    def read(conn):
        if public:
            conn.set_authorizer(None)
        try:
            cursor = conn.execute(sql, params)
            row = cursor.fetchone()
            return dict(zip([c[0] for c in cursor.description], row, strict=True)) if row else None
        finally:
            if public:
                conn.set_authorizer(hide_file_columns)

    return await db.execute_fn(read)


#: Columns that may hold a file's absolute path (a WARC file reprocessed from outside the archive
#: is indexed by its path): in public mode every query but :func:`first_row`'s reads them as
#: NULL, so no table, row, facet, filter, sort, JSON or CSV of Datasette's shows them.
FILE_COLUMNS = {("captures", "warc_file")}


def hide_file_columns(action, table, column, *_):
    """The public index's SQLite authorizer: :data:`FILE_COLUMNS` read as NULL."""
    if action == sqlite3.SQLITE_READ and (table, column) in FILE_COLUMNS:
        return sqlite3.SQLITE_IGNORE
    return sqlite3.SQLITE_OK


def shown_file(datasette, name: str | None) -> str | None:
    """A WARC file's name as a public page shows it: relative to the archive's folder, and a
    file from outside it by its name alone; never a path of the machine. Locally, as indexed."""
    config = plugin_config(datasette)
    if not name or not config["public"] or os.sep not in name and "/" not in name:
        return name
    root = os.path.normpath(config["data_dir"] or
                           Path(datasette.get_database(config["database"]).path).parent)
    path = os.path.normpath(os.path.join(root, "warc", name))
    if path.startswith(root + os.sep):
        return Path(os.path.relpath(path, root)).as_posix()
    return f"{os.path.basename(path)} (outside the archive)"


def plugin_config(datasette) -> dict:
    """``database`` (default: index), ``data_dir`` (default: the folder of index.db),
    ``public`` (``serve --public``) and ``facet_newest`` (``serve --facet-newest``; default:
    :data:`archive.web.facets.NEWEST`)."""
    config = datasette.plugin_config("newsarchive") or {}
    return {"database": config.get("database", "index"), "data_dir": config.get("data_dir"),
            "public": bool(config.get("public")),
            "facet_newest": int(config.get("facet_newest") or 0) or None}


@lru_cache(maxsize=8)
def compiled_template(env, source: str):
    return env.from_string(source)
