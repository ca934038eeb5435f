"""What every page of the plugin shares: the index it reads, URLs of its pages, templates, and
the 404 page for an id the index does not hold.

The plugin's modules (``plugin``, ``frontpage``, ``versionpage``) build on this one; it imports
none of them.
"""

from __future__ import annotations

from functools import lru_cache, wraps
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
    row = (await db.execute(sql, params)).first()
    return dict(row) if row else None


def plugin_config(datasette) -> dict:
    """``database`` (default: index), ``data_dir`` (default: the folder of index.db) and
    ``public`` (``serve --public``)."""
    config = datasette.plugin_config("newsarchive") or {}
    return {"database": config.get("database", "index"), "data_dir": config.get("data_dir"),
            "public": bool(config.get("public"))}


@lru_cache(maxsize=8)
def compiled_template(env, source: str):
    return env.from_string(source)
