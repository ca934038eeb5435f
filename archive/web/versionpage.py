"""``/-/version/<capture id>``: one version of an article against the one before it, word by
word, with where each came from. Insertions and deletions are marked by the template, which
escapes every word: titles and text are archived pages' text, never markup."""

from __future__ import annotations

from urllib.parse import quote, unquote

from datasette import Response

from archive.store.versions import word_diff
from archive.web.pages import (
    Missing,
    article_url,
    compiled_template,
    first_row,
    index_database,
    not_found_page,
)


@not_found_page
async def version_page(datasette, request):
    db = await index_database(datasette, request, "article_versions")
    capture_id = unquote(request.url_vars["capture_id"])
    version = await first_row(db, "select * from article_versions where capture_id = ?", capture_id)
    if version is None:
        raise Missing(f"No version for capture {capture_id}")
    current = await _source(db, capture_id)
    previous = await _source(db, version["previous_capture_id"]) \
        if version["previous_capture_id"] else None
    count = (await db.execute("select count(*) from article_versions where url = ?",
                              [version["url"]])).first()[0]
    following = (await db.execute(
        "select capture_id from article_versions where url = ? and version = ?",
        [version["url"], version["version"] + 1])).first()
    context = {
        "database": db.name, "version": version, "count": count,
        "current": current, "previous": previous,
        "title_diff": word_diff(previous["title"] or "", current["title"] or "", similar=0)
        if previous else None,
        "text_diff": word_diff(previous["text"] if previous else "", current["text"] or ""),
        "article_url": article_url(datasette, capture_id),
        "previous_url": version["previous_capture_id"] and
        version_url(datasette, version["previous_capture_id"]),
        "next_url": following and version_url(datasette, following[0]),
    }
    return Response.html(await datasette.render_template(
        compiled_template(datasette.jinja_env, VERSION), context, request=request))


def version_url(datasette, capture_id: str) -> str:
    return datasette.urls.path(f"/-/version/{quote(capture_id, safe='')}")


async def _source(db, capture_id: str) -> dict:
    return await first_row(
        db, "select a.capture_id, a.title, a.text, a.cleaner_version, a.word_count, "
            "c.fetched_at, c.warc_file, c.warc_offset, c.payload_digest from articles a "
            "join captures c on c.record_id = a.capture_id where a.capture_id = ?",
        capture_id) or {}


VERSION = """{% extends "base.html" %}
{% block title %}Version {{ version.version }}: {{ current.title }}{% endblock %}
{% block extra_head %}{{ super() }}<style>
.newsarchive-version ins { background: #d4f7d4; text-decoration: none; }
.newsarchive-version del { background: #fbd3d3; }
.newsarchive-version .diff { max-width: 46em; line-height: 1.6; }
.newsarchive-version th { text-align: left; padding-right: 1em; }
</style>{% endblock %}
{% block body_class %}newsarchive-version{% endblock %}
{% block crumbs %}{{ crumbs.nav(request=request, database=database, table="article_versions") }}
{% endblock %}
{% block content %}
{% macro pieces(line) %}{% for piece in line %}
{%- if piece.kind == "added" %}<ins>{{ piece.text }}</ins>
{%- elif piece.kind == "removed" %}<del>{{ piece.text }}</del>
{%- else %}{{ piece.text }}{% endif %}
{% endfor %}{% endmacro %}
<h1 dir="auto">{% if title_diff %}{% for line in title_diff %}{{ pieces(line) }}{% endfor %}
{%- else %}{{ current.title }}{% endif %}</h1>
<p class="summary">Version {{ version.version }} of {{ count }} of
<a href="{{ article_url }}">{{ version.url }}</a>, captured {{ version.captured_at }}:
{% if previous %}{% if version.title_changed %}headline changed, {% endif %}
{{ version.words_added }} words added, {{ version.words_removed }} removed since version
{{ version.version - 1 }}{% else %}the first version{% endif %}.
{% if previous_url %}<a href="{{ previous_url }}">Previous version</a>{% endif %}
{% if next_url %} · <a href="{{ next_url }}">Next version</a>{% endif %}</p>
<div class="diff" dir="auto">
{% for line in text_diff %}<p dir="auto">{{ pieces(line) }}</p>
{% endfor %}</div>
<h2>Provenance</h2>
<table class="provenance">
<tr><th></th><th>this version</th>{% if previous %}<th>previous version</th>{% endif %}</tr>
{% for label, key in [("Captured at", "fetched_at"), ("Record id", "capture_id"),
  ("WARC file", "warc_file"), ("Offset", "warc_offset"), ("Payload digest", "payload_digest"),
  ("Cleaner version", "cleaner_version"), ("Words", "word_count")] %}
<tr><th>{{ label }}</th><td>{{ current[key] }}</td>{% if previous %}<td>{{ previous[key] }}</td>
{% endif %}</tr>{% endfor %}
</table>
{% endblock %}
"""
