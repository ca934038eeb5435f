"""Datasette plugin: read an archived article with its provenance, and see the page it came from.

The index only says where each capture sits: these views read the record from its WARC file, so
what they show is what was archived. Archived bytes are untrusted: the article page escapes all
of them, and the raw page is served sandboxed (no scripts, no origin, nothing fetched from the
live web) and shown in a sandboxed iframe.
"""

from __future__ import annotations

import asyncio
import codecs
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlencode

from datasette import Response, hookimpl
from datasette.utils import tilde_encode
from jinja2 import ChoiceLoader, DictLoader
from markupsafe import Markup

from archive.store.paths import ArchivePaths
from archive.store.records import read_payload
from archive.store.warcfile import record_at
from archive.web.facets import BOUNDED, BylineFacet, author_filter, author_url
from archive.web.frontpage import front_page
from archive.web.largetables import bounded_tables, next_page_bound
from archive.web.pages import (
    Missing,
    article_url,
    capture_url,
    compiled_template,
    first_row,
    hide_file_columns,
    index_database,
    not_found_page,
    plugin_config,
    shown_file,
)
from archive.web.public import (
    HIDDEN,
    content_security_policy,
    error_page,
    hidden_page,
    with_headers,
)
from archive.web.versionpage import version_page

#: Headers of the raw archived page: a sandbox with no scripts, forms or origin, which loads
#: nothing but its own inline styles and data: images (no request leaves for the live site).
RAW_HEADERS = {
    "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; "
                               "img-src data:",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
#: Headers of the source page: escaped text in Datasette's look, and no scripts at all.
SOURCE_HEADERS = {
    "Content-Security-Policy": "sandbox; script-src 'none'; object-src 'none'",
    "X-Content-Type-Options": "nosniff",
}
CAPTURE_ID = r"(?P<capture_id>[^/]+)"
#: Languages written right to left: their text is laid out from the right edge.
RTL = {"ar", "arc", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"}


@hookimpl
def register_routes(datasette):
    hidden = [(HIDDEN, hidden_page)] if plugin_config(datasette)["public"] else []
    return [
        *hidden,
        (r"^/$", front_page),
        (rf"^/-/version/{CAPTURE_ID}$", version_page),
        (r"^/-/article$", article_page),
        (rf"^/-/article/{CAPTURE_ID}$", article_page),
        (rf"^/-/capture/{CAPTURE_ID}/source$", source_page),
        (rf"^/-/capture/{CAPTURE_ID}/raw$", raw_page),
    ]


#: On a table page, the column descriptions fold into one line above the rows (Datasette puts the
#: whole list first, a screen of it before the first row on the articles table).
FOLD_COLUMN_DESCRIPTIONS = """
const descriptions = document.querySelector("dl.column-descriptions");
if (descriptions) {
  const fold = document.createElement("details");
  const summary = document.createElement("summary");
  summary.textContent = "Column descriptions";
  fold.className = "column-descriptions-fold";
  fold.append(summary);
  descriptions.replaceWith(fold);
  fold.append(descriptions);
}
"""


@hookimpl
def extra_body_script(view_name):
    return FOLD_COLUMN_DESCRIPTIONS if view_name == "table" else None


@hookimpl
def asgi_wrapper(datasette):
    policy = content_security_policy(datasette, [FOLD_COLUMN_DESCRIPTIONS])
    database = plugin_config(datasette)["database"]
    return lambda app: with_headers(bounded_tables(app, datasette, database), policy)


@hookimpl
def prepare_connection(conn, database, datasette):
    config = plugin_config(datasette)
    if config["public"] and database == config["database"]:
        conn.set_authorizer(hide_file_columns)


@hookimpl
def register_facet_classes():
    return [BylineFacet]


@hookimpl(specname="register_facet_classes", hookwrapper=True)
def bounded_facets():
    """Datasette's own facet classes, each replaced by its bounded form on the articles table
    (:data:`archive.web.facets.BOUNDED`): ``?_facet=`` keeps its links, its selected values and
    its place in Datasette's menus."""
    outcome = yield
    outcome.force_result([[BOUNDED.get(klass, klass) for klass in classes]
                          for classes in outcome.get_result()])


#: Above a table's facets, the number of rows they counted when the page keeps more
#: (:mod:`archive.web.facets`); then Datasette's facets as Datasette shows them.
FACET_RESULTS = """\
{% for facet_info in sorted_facet_results if facet_info.newest %}{% if loop.first %}
<p class="facet-newest">Facets counted over the {% if table == "articles" -%}
newest {{ "{:,}".format(facet_info.newest) }} of these articles (by capture time)
{%- else -%}
last {{ "{:,}".format(facet_info.newest) }} of these bylines written{% endif %}.</p>
{% endif %}{% endfor %}
{% include "default:_facet_results.html" %}
"""


@hookimpl
def prepare_jinja2_environment(env, datasette):
    env.loader = ChoiceLoader([DictLoader({"_facet_results.html": FACET_RESULTS}), env.loader])


@hookimpl
def filters_from_request(request, database, table, datasette):
    return author_filter(request, database, table, datasette)


@hookimpl(specname="filters_from_request")
def next_page_filter(request, database, table, datasette):
    return next_page_bound(request, database, table, datasette)


@hookimpl
def handle_exception(datasette, request, exception):
    if plugin_config(datasette)["public"]:
        return error_page(datasette, request, exception)
    return None


#: The columns :func:`render_cell` shows otherwise than Datasette does.
LINKED = frozenset({"warc_file", "author", "capture_id", "authors", "credits", "title", "url"})


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """Titles link to the article page, capture URLs to the archived source, names on a byline
    to the articles that person signed; in public mode a capture's WARC file is named relative
    to the archive (:func:`shown_file`)."""
    if table not in (None, "articles", "captures", "article_authors") or column not in LINKED:
        return None  # before the plugin's configuration, which Datasette merges on each call:
        # asked for each of a page's 4,000 cells, that was a quarter of an articles page's time
    if database != plugin_config(datasette)["database"]:
        return None
    keys = row.keys()
    if column == "warc_file" and "record_id" in keys and plugin_config(datasette)["public"]:
        return _shown_warc_file(datasette, database, _plain(row["record_id"]))
    if value is None:
        return None
    if table == "article_authors" and column in ("author", "capture_id"):
        href = (author_url(datasette, database, value) if column == "author"
                else article_url(datasette, value))
    elif column in ("authors", "credits") and table == "articles":
        names = [n for n in _json_list(value) if isinstance(n, str)]
        return Markup(", ").join(Markup('<a href="{}">{}</a>').format(
            author_url(datasette, database, name), name) for name in names)
    elif column == "title" and "capture_id" in keys:
        href = article_url(datasette, _plain(row["capture_id"]))
    elif column == "url" and "record_id" in keys and table in (None, "captures"):
        href = capture_url(datasette, _plain(row["record_id"]), "source")
    else:
        return None
    return Markup('<a href="{}">{}</a>').format(href, value)


def _plain(value):
    """A cell's value: the table view expands foreign keys to {"value", "label"}."""
    return value["value"] if isinstance(value, dict) else value


async def _shown_warc_file(datasette, database: str, record_id: str) -> str:
    """The cell's query read the file as NULL (public mode): the plugin reads it itself."""
    row = await first_row(datasette.get_database(database),
                          "select warc_file from captures where record_id = ?", record_id)
    return shown_file(datasette, row and row["warc_file"]) or ""


# --- views -----------------------------------------------------------------------------------
@not_found_page
async def article_page(datasette, request):
    """``/-/article/<capture id>`` or ``/-/article?id=``: the text, then where it came from."""
    db = await index_database(datasette, request, "articles")
    capture_id = unquote(request.url_vars.get("capture_id") or request.args.get("id") or "")
    article = await first_row(db, "select * from articles where capture_id = ?", capture_id)
    if article is None:
        raise Missing(f"No article for capture {capture_id}")
    capture = await first_row(db, "select * from captures where record_id = ?", capture_id) or {}
    guards = [g for g in _json_list(article.get("guards")) if isinstance(g, str)]
    context = {
        "database": db.name,
        "article": article,
        "paragraphs": [p for p in (article["text"] or "").split("\n") if p.strip()],
        "direction": "rtl" if article["language"] in RTL else "auto",
        "provenance": _provenance(datasette, db.name, article, capture),
        "fields": _fields(datasette, db.name, article, guards),
        "removed": _removed(article["removed"]),
        "guards": [g for g in guards if not g.startswith(BODY_GUARDS)],
        "raw_url": capture_url(datasette, capture_id, "raw"),
        "source_url": capture_url(datasette, capture_id, "source"),
        "versions": [{**dict(v), "href": datasette.urls.path(
            f"/-/version/{quote(v['capture_id'], safe='')}")} for v in (await db.execute(
                "select capture_id, version, captured_at, title_changed, words_added, "
                "words_removed from article_versions where url = ? order by version",
                [article["url"]])).rows],
        "removal": await first_row(db, "select * from article_removals where url = ?",
                                   article["url"]),
        "copies": [{**dict(c), "href": article_url(datasette, c["capture_id"])}
                   for c in (await db.execute(
                       "select a.capture_id, a.site, a.title, a.url, k.similarity "
                       "from article_copies k join articles a on a.capture_id = k.copy_id "
                       "where k.capture_id = ? and a.url != ? order by k.similarity desc",
                       [capture_id, article["url"]])).rows],
        "copy_group": await first_row(
            db, "select count(*) as articles from copy_groups where group_id = "
                "(select group_id from copy_groups where capture_id = ?)", capture_id),
    }
    return Response.html(await datasette.render_template(
        compiled_template(datasette.jinja_env, ARTICLE), context, request=request))


@not_found_page
async def source_page(datasette, request):
    """``/-/capture/<capture id>/source``: the archived payload as text, escaped."""
    db, capture, payload = await _payload(datasette, request)
    article = await first_row(db, "select charset from articles where capture_id = ?",
                         capture["record_id"])
    charset = _charset(article and article["charset"], payload.content_type)
    context = {
        "database": db.name,
        "capture": capture,
        "warc_file": shown_file(datasette, capture["warc_file"]),
        "http_headers": payload.http_headers,
        "source": payload.body.decode(charset, errors="replace"),
        "charset": charset,
        "cut": payload.cut, "limit": MAX_VIEW_BYTES,
        "raw_url": capture_url(datasette, capture["record_id"], "raw"),
        "article_url": article and article_url(datasette, capture["record_id"]),
    }
    html = await datasette.render_template(
        compiled_template(datasette.jinja_env, SOURCE), context, request=request)
    return Response.html(html, headers=SOURCE_HEADERS)


@not_found_page
async def raw_page(datasette, request):
    """``/-/capture/<capture id>/raw``: the archived payload's bytes, served sandboxed."""
    _, _, payload = await _payload(datasette, request)
    headers = {**RAW_HEADERS, **({"X-Newsarchive-Cut": f"at {MAX_VIEW_BYTES} bytes"}
                                 if payload.cut else {})}
    return Response(payload.body, headers=headers,
                    content_type=payload.content_type or "application/octet-stream")


# --- reading the archive ---------------------------------------------------------------------
#: The most of a payload the raw and source views inflate and send: an archived gzip bomb (a
#: megabyte on the wire, gigabytes inflated) costs the server this much, no more.
MAX_VIEW_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Payload:
    body: bytes
    content_type: str | None
    http_headers: str
    #: The payload went on past :data:`MAX_VIEW_BYTES`; ``body`` is its beginning.
    cut: bool = False


def payload_at(path, offset: int, limit: int = MAX_VIEW_BYTES) -> Payload:
    """The decoded payload (de-chunked, content-decoded) of the record at ``offset``, at most
    ``limit`` bytes of it."""
    with record_at(path, offset) as record:
        http = record.http_headers
        body = read_payload(record, limit + 1)
        return Payload(body[:limit], http.get_header("Content-Type") if http else None,
                       http.to_str() if http else "", cut=len(body) > limit)


async def _payload(datasette, request):
    """The capture named in the URL and its payload; a revisit shows the capture it repeats."""
    db = await index_database(datasette, request, "captures")
    capture_id = unquote(request.url_vars["capture_id"])
    capture = await first_row(db, "select * from captures where record_id = ?", capture_id)
    stored = capture
    for _ in range(5):
        if not stored or stored["record_type"] != "revisit" or not stored["refers_to"]:
            break
        stored = await first_row(db, "select * from captures where record_id = ?",
                            stored["refers_to"])
    if capture is None or stored is None:
        raise Missing(f"No capture {capture_id}")
    paths = ArchivePaths(plugin_config(datasette)["data_dir"] or Path(db.path).parent)
    try:
        path = paths.locate(stored["warc_file"])
    except FileNotFoundError as exc:
        raise Missing(f"WARC file {shown_file(datasette, stored['warc_file'])} is missing from "
                      "the archive") from exc
    payload = await asyncio.to_thread(payload_at, path, stored["warc_offset"])
    return db, capture, payload


def _charset(*candidates: str | None) -> str:
    """The first known codec among the article's charset and the Content-Type's, else UTF-8."""
    for candidate in candidates:
        match = re.search(r"charset=[\"']?([\w.:-]+)", candidate or "", re.I)
        name = match.group(1) if match else candidate
        try:
            return codecs.lookup(name).name
        except (LookupError, TypeError):
            continue
    return "utf-8"


def _json_list(value: str | None) -> list:
    """A JSON array column as a list; anything else (a hand-edited row, NULL) as none."""
    try:
        found = json.loads(value or "[]")
    except ValueError:
        return []
    return found if isinstance(found, list) else []


def _removed(value: str | None) -> list[dict]:
    return [r for r in _json_list(value) if isinstance(r, dict)]


#: The partial-body guard's notes (``cleaners.partial_body``): shown beside the text's source.
BODY_GUARDS = ("structured-body:", "partial-body:")


@dataclass(frozen=True)
class Field:
    """One row of the article page's metadata table: its values (text, link or None) and the
    source the cleaner took them from."""

    name: str
    label: str
    values: list[tuple[str, str | None]]
    source: str = ""


def _fields(datasette, database: str, article: dict, guards: list[str]) -> list[Field]:
    """Each metadata field with where it came from (``metadata_sources``)."""
    sources = _json_dict(article.get("metadata_sources"))
    table = datasette.urls.table(database, "articles")

    def text(value) -> list[tuple[str, str | None]]:
        return [(str(value), None)] if value not in (None, "") else []

    def names(column: str) -> list[tuple[str, str | None]]:
        return [(name, author_url(datasette, database, name))
                for name in _json_list(article.get(column)) if isinstance(name, str)]

    def filtered(column: str) -> list[tuple[str, str | None]]:
        value = article.get(column)
        return [(value, f"{table}?{urlencode({column: value})}")] if value else []

    published = text(article.get("published_at"))
    if article.get("published") and article["published"] != article.get("published_at"):
        published += [(f"day {article['published']}", filtered("published")[0][1])]
    image = article.get("image") or ""
    free, partial = article.get("free"), article.get("partial")
    note = next((g.split(": ", 1)[1] for g in guards if g.startswith(BODY_GUARDS)), "")
    return [
        Field("title", "Headline", text(article.get("title")), sources.get("title", "")),
        Field("authors", "Authors", names("authors"), sources.get("authors", "")),
        Field("credits", "Credited", names("credits"),
              sources.get("authors", "") if article.get("credits") not in (None, "[]") else ""),
        Field("publisher", "Publisher", text(article.get("publisher")),
              sources.get("publisher", "")),
        Field("published", "Published", published, sources.get("published", "")),
        Field("modified", "Modified", text(article.get("modified")), sources.get("modified", "")),
        Field("section", "Section", filtered("section"), sources.get("section", "")),
        Field("keywords", "Keywords", [(k, None) for k in _json_list(article.get("keywords"))
                                       if isinstance(k, str)], sources.get("keywords", "")),
        # a link to the image, never the image: the page loads nothing from the live web
        Field("image", "Lead image", [(image, image if re.match(r"https?://", image, re.I)
                                       else None)] if image else [], sources.get("image", "")),
        Field("article_type", "Article type", text(article.get("article_type")),
              sources.get("article_type", "")),
        Field("free", "Free to read", text({1: "yes", 0: "no"}.get(free)),
              sources.get("free", "")),
        Field("partial", "Partial body", text({1: "yes: the page's own structured body is "
                                                  "much longer than the text it shows",
                                               0: "no"}.get(partial)),
              "json-ld articleBody" if partial is not None else ""),
        Field("text_source", "Text from", text(article.get("text_source")), note),
    ]


def _json_dict(value: str | None) -> dict:
    try:
        found = json.loads(value or "{}")
    except ValueError:
        return {}
    return {k: v for k, v in found.items() if isinstance(v, str)} if isinstance(found, dict) \
        else {}


def _provenance(datasette, database: str, article: dict, capture: dict) -> list[tuple]:
    """(label, value, link) rows: where the article's bytes and text are, and what made them."""
    row = datasette.urls.row
    return [
        ("URL", article["url"], None),
        ("Captured at", capture.get("fetched_at"), None),
        ("HTTP status", capture.get("status"), None),
        ("Record id", capture.get("record_id"),
         row(database, "captures", tilde_encode(article["capture_id"]))),
        ("WARC file", shown_file(datasette, capture.get("warc_file")), None),
        ("Offset", capture.get("warc_offset"), None),
        ("Length", capture.get("warc_length"), None),
        ("Payload digest", capture.get("payload_digest"), None),
        ("Server IP", capture.get("ip_address"), None),
        ("Crawl", capture.get("crawl_id"), None),
        ("Cleaner version", article["cleaner_version"], None),
        ("Cleaned at", article["processed_at"], None),
        ("Text digest", article["text_digest"], None),
        ("Text record", article["conversion_id"], None),
        ("Text file", f"{article['conversion_file']} @ {article['conversion_offset']} "
                      f"+{article['conversion_length']}", None),
        ("Index row", "articles", row(database, "articles", tilde_encode(article["capture_id"]))),
    ]


# --- templates (Datasette's look; autoescaped, so archived text stays text) -------------------
ARTICLE = """{% extends "base.html" %}
{% block title %}{{ article.title or article.url }}{% endblock %}
{% block extra_head %}{{ super() }}<style>
.newsarchive-article .article-text { max-width: 42em; font-size: 1.1em; line-height: 1.6; }
.newsarchive-article [dir] { text-align: start; }
.newsarchive-article .byline { color: #555; }
.newsarchive-article iframe { width: 100%; height: 32em; border: 1px solid #ccc; }
.newsarchive-article th { text-align: left; padding-right: 1em; vertical-align: top; }
.newsarchive-article td { overflow-wrap: anywhere; }
.newsarchive-article td.rule { white-space: nowrap; }
.newsarchive-article td.cut { white-space: pre-line; }
.newsarchive-article .unstated, .newsarchive-article td.source { color: #666; }
</style>{% endblock %}
{% block body_class %}newsarchive-article{% endblock %}
{% block crumbs %}{{ crumbs.nav(request=request, database=database, table="articles") }}
{% endblock %}
{% block content %}
<article lang="{{ article.language or '' }}">
<h1 dir="{{ direction }}">{{ article.title or "(no title)" }}</h1>
<p class="byline"><bdi>{{ article.site }}</bdi> · published {{ article.published or "?" }}
 · language {{ article.language }}{% if article.author %} · by <bdi>{{ article.author }}</bdi>
{%- endif %} · {{ article.word_count }} words</p>
<div class="article-text" dir="{{ direction }}">
{% for paragraph in paragraphs %}<p dir="auto">{{ paragraph }}</p>
{% endfor %}</div>
</article>
{% if article.truncated %}<p class="truncated-notice">This capture was cut short
(WARC-Truncated: {{ article.truncated }}): the text may end before the article does.</p>
{% endif %}{% if removal %}<p class="removed-notice">Taken down: the URL answered
{{ removal.status }} on {{ removal.removed_at }}.</p>{% endif %}
{% if copies %}<h2>The same text elsewhere ({{ copies|length }})</h2>
<ul class="copies">{% for c in copies %}
<li><a href="{{ c.href }}" dir="auto">{{ c.title or c.url }}</a>
 <small><bdi>{{ c.site }}</bdi>, similarity {{ "%.2f"|format(c.similarity) }}</small></li>
{% endfor %}</ul>{% if copy_group and copy_group.articles > copies|length + 1 %}
<p class="copy-group">Its copy group holds {{ copy_group.articles }} articles (a story reprinted
that often is compared with its nearest copies only, so not all are listed here).</p>
{% endif %}{% endif %}
{% if versions|length > 1 %}<h2>Versions ({{ versions|length }})</h2>
<table class="versions"><tr><th>version</th><th>captured</th><th>headline</th><th>words</th></tr>
{% for v in versions %}<tr><td><a href="{{ v.href }}">{{ v.version }}</a></td>
<td>{{ v.captured_at }}</td><td>{% if v.title_changed %}changed{% endif %}</td>
<td>{% if v.version > 1 %}+{{ v.words_added }} −{{ v.words_removed }}{% endif %}</td></tr>
{% endfor %}</table>{% endif %}
<h2>Metadata</h2>
<table class="metadata"><tr><th>Field</th><th>Value</th><th>Source</th></tr>
{% for field in fields %}<tr class="field-{{ field.name }}"><th>{{ field.label }}</th>
<td dir="auto">{% for value, link in field.values %}{% if not loop.first %} · {% endif %}
{%- if link %}<a href="{{ link }}" rel="nofollow noreferrer">{{ value }}</a>
{%- else %}{{ value }}{% endif %}{% else %}<span class="unstated">not stated</span>
{%- endfor %}</td><td class="source">{{ field.source }}</td></tr>
{% endfor %}</table>
<h2>Provenance</h2>
<table class="provenance">
{% for label, value, link in provenance %}<tr><th>{{ label }}</th>
<td>{% if link %}<a href="{{ link }}">{{ value }}</a>{% else %}{{ value }}{% endif %}</td></tr>
{% endfor %}</table>
<h2>Removed by the cleaners ({{ removed|length }})</h2>
{% for guard in guards %}<p class="guard">Kept by a guard: {{ guard }}</p>
{% endfor %}
<table class="removed"><tr><th>Rule</th><th>Text</th></tr>
{% for cut in removed %}<tr><td class="rule">{{ cut.rule }}{% if cut.detail %}
<br><small>{{ cut.detail }}</small>{% endif %}</td>
<td dir="auto" class="cut">{{ cut.text }}</td></tr>
{% endfor %}</table>
<h2>Archived page</h2>
<p><a href="{{ raw_url }}">Open the archived page</a> (sandboxed)
 · <a href="{{ source_url }}">View its source</a></p>
<iframe sandbox src="{{ raw_url }}" title="The archived page, scripts disabled"></iframe>
{% endblock %}
"""

SOURCE = """{% extends "base.html" %}
{% block title %}Source: {{ capture.url }}{% endblock %}
{% block extra_head %}{{ super() }}<style>
.newsarchive-source pre { white-space: pre-wrap; overflow-wrap: anywhere; }
</style>{% endblock %}
{% block body_class %}newsarchive-source{% endblock %}
{% block crumbs %}{{ crumbs.nav(request=request, database=database, table="captures") }}
{% endblock %}
{% block content %}
<h1>Archived source</h1>
<p>{{ capture.url }}, captured {{ capture.fetched_at }}: record {{ capture.record_id }}
 in {{ warc_file }} at offset {{ capture.warc_offset }}, decoded as {{ charset }}.</p>
<p><a href="{{ raw_url }}">Open the archived page</a> (sandboxed)
{% if article_url %} · <a href="{{ article_url }}">Read the article</a>{% endif %}</p>
<pre class="http-headers">{{ http_headers }}</pre>
{% if cut %}<p class="cut">Only the first {{ "{:,}".format(limit) }} bytes of this payload are
shown: it is longer than the archive's viewer reads.</p>{% endif %}
<pre class="source" dir="ltr">{{ source }}</pre>
{% endblock %}
"""
