"""``/-/version/<capture id>``: one version of an article against the one before it, word by
word, with where each came from. Insertions and deletions are marked by :func:`diff_html`, which
escapes every word: titles and text are archived pages' text, never markup."""

from __future__ import annotations

import asyncio
from urllib.parse import quote, unquote

from datasette import Response
from markupsafe import Markup, escape

from archive.store.versions import Piece, word_diff
from archive.web.pages import (
    Missing,
    article_url,
    compiled_template,
    first_row,
    index_database,
    not_found_page,
    shown_file,
)


@not_found_page
async def version_page(datasette, request):
    db = await index_database(datasette, request, "article_versions")
    capture_id = unquote(request.url_vars["capture_id"])
    version = await first_row(db, "select * from article_versions where capture_id = ?", capture_id)
    if version is None:
        raise Missing(f"No version for capture {capture_id}")
    current = await _source(datasette, db, capture_id)
    previous = await _source(datasette, db, version["previous_capture_id"]) \
        if version["previous_capture_id"] else None
    count = (await db.execute("select count(*) from article_versions where url = ?",
                              [version["url"]])).first()[0]
    following = (await db.execute(
        "select capture_id from article_versions where url = ? and version = ?",
        [version["url"], version["version"] + 1])).first()
    title_diff, text_diff = await asyncio.to_thread(_diffs, previous, current)
    context = {
        "database": db.name, "version": version, "count": count,
        "current": current, "previous": previous,
        "title_diff": title_diff, "text_diff": text_diff,
        "article_url": article_url(datasette, capture_id),
        "previous_url": version["previous_capture_id"] and
        version_url(datasette, version["previous_capture_id"]),
        "next_url": following and version_url(datasette, following[0]),
    }
    return Response.html(await datasette.render_template(
        compiled_template(datasette.jinja_env, VERSION), context, request=request))


def version_url(datasette, capture_id: str) -> str:
    return datasette.urls.path(f"/-/version/{quote(capture_id, safe='')}")


def _diffs(previous: dict | None, current: dict) -> tuple[Markup | None, Markup]:
    """The headline's and the text's diffs as HTML. Run in a thread: a long article still takes
    a tenth of a second or so (the diff's budget), which the server's other requests need not
    wait for."""
    title = diff_html(word_diff(previous["title"] or "", current["title"] or "", similar=0),
                      paragraph="{}\n") if previous else None
    text = diff_html(word_diff(previous["text"] if previous else "", current["text"] or ""))
    return title, text


def diff_html(lines: list[list[Piece]], paragraph: str = '<p dir="auto">{}</p>\n') -> Markup:
    """Each line a paragraph, removed words in ``<del>``, added ones in ``<ins>``, a summary in
    ``<em>``; every word escaped."""
    tags = {"added": "<ins>{}</ins>", "removed": "<del>{}</del>", "summary": "<em>{}</em>",
            "same": "{}"}
    return Markup("".join(
        paragraph.format("\n".join(tags[p.kind].format(escape(p.text)) for p in line))
        for line in lines))


async def _source(datasette, db, capture_id: str) -> dict:
    row = await first_row(
        db, "select a.capture_id, a.title, a.text, a.cleaner_version, a.word_count, "
            "c.fetched_at, c.warc_file, c.warc_offset, c.payload_digest from articles a "
            "join captures c on c.record_id = a.capture_id where a.capture_id = ?",
        capture_id) or {}
    return {**row, "warc_file": shown_file(datasette, row.get("warc_file"))}


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
<h1 dir="auto">{% if title_diff %}{{ title_diff }}{% else %}{{ current.title }}{% endif %}</h1>
<p class="summary">Version {{ version.version }} of {{ count }} of
<a href="{{ article_url }}">{{ version.url }}</a>, captured {{ version.captured_at }}:
{% if previous %}{% if version.title_changed %}headline changed, {% endif %}
{{ version.words_added }} words added, {{ version.words_removed }} removed since version
{{ version.version - 1 }}{% else %}the first version{% endif %}.
{% if previous_url %}<a href="{{ previous_url }}">Previous version</a>{% endif %}
{% if next_url %} · <a href="{{ next_url }}">Next version</a>{% endif %}</p>
<div class="diff" dir="auto">
{{ text_diff }}</div>
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
