"""The archive's front page in Datasette: what came in, from which sites, and did it work.

Datasette opens on a list of databases; a reader of a news archive asks other questions first:
search the articles, see each site's last crawl (pages, errors, new articles), how many articles
came in per day, and the latest ones in each language. This page answers them from the index
alone, with a chart drawn on the server as SVG (no script, nothing fetched from elsewhere).
Everything shown is escaped by the template: site names and titles come from crawled pages.
"""

from __future__ import annotations

from datetime import date, timedelta

from datasette import Response

from archive.store.summaries import STALE_INTERVALS, site_health
from archive.web.pages import article_url, compiled_template, index_database

#: Days the chart covers, ending on the newest day the archive has articles for.
CHART_DAYS = 30
#: Latest articles listed for each language.
LATEST = 5
CHART_WIDTH, ROW_HEIGHT, LABEL_WIDTH = 640, 34, 130
#: Sites the chart gives a row of their own (the most articles in its days); the others share
#: one. A thousand sites drew 30,000 bars: the page took a second to render.
CHART_SITES = 20
#: Sites the table and the list of quiet sites name: first those whose last crawl met an error
#: or that went quiet, then the busiest; the site_crawls table lists them all.
SITE_ROWS = 40


async def front_page(datasette, request):
    """Every number here is read from a summary or an index, never counted over the archive."""
    db = await index_database(datasette, request, "articles")
    totals = (await db.execute(
        "select (select sum(articles) from article_days), "
        "(select count(distinct site) from article_days where articles > 0), "
        "(select sum(captures) from capture_days), (select max(fetched_at) from captures)")).first()
    sites, stale = await db.execute_fn(site_health)
    newest = totals[3] or ""
    since = (date.fromisoformat(newest[:10]) - timedelta(days=CHART_DAYS - 1)).isoformat() \
        if _is_day(newest[:10]) else ""
    per_day = (await db.execute(
        "select site, day, sum(articles) as n from article_days where day >= ? "
        "group by site, day having n > 0", [since])).rows
    languages: dict[str, list[dict]] = {}
    for (language,) in (await db.execute(
            "select distinct language from article_days where articles > 0 "
            "order by language")).rows:
        rows = (await db.execute(
            "select title, site, capture_id, fetched_at from articles where language is ? "
            "order by fetched_at desc limit ?", [language or None, LATEST])).rows
        languages[language or "?"] = [{**dict(row), "href": article_url(datasette,
                                                                        row["capture_id"])}
                                      for row in rows]
    shown = shown_sites(sites, stale)
    context = {
        "database": db.name,
        "articles": totals[0] or 0, "site_count": totals[1], "captures": totals[2],
        "last_capture": totals[3],
        "sites": shown, "sites_left_out": len(sites) - len(shown),
        "stale": stale[:SITE_ROWS], "stale_left_out": max(len(stale) - SITE_ROWS, 0),
        "stale_intervals": STALE_INTERVALS,
        "site_crawls_url": datasette.urls.table(db.name, "site_crawls"),
        "chart": chart([(r["site"], r["day"], r["n"]) for r in per_day]),
        "languages": languages,
        "search_url": datasette.urls.path(f"/{db.name}/search_articles"),
        "articles_url": datasette.urls.table(db.name, "articles"),
        "crawls_url": datasette.urls.table(db.name, "crawls"),
        "failed_url": datasette.urls.path(f"/{db.name}/failed_captures"),
        "database_url": datasette.urls.database(db.name),
    }
    return Response.html(await datasette.render_template(
        compiled_template(datasette.jinja_env, FRONT), context, request=request))


def shown_sites(sites: list[dict], stale: list[dict], limit: int = SITE_ROWS) -> list[dict]:
    """At most ``limit`` of ``sites``, in their order: those whose last crawl met an error or
    did not finish, or that went quiet, first; then those with the most new articles."""
    if len(sites) <= limit:
        return sites
    quiet = {site["site"] for site in stale}

    def calm(site: dict) -> bool:
        return not (site["4xx"] or site["5xx"] or site["network"] or site["shape_changed"]
                    or site["outcome"] != "finished" or site["site"] in quiet)

    first = sorted(range(len(sites)), key=lambda n: (calm(sites[n]),
                                                     -(sites[n]["articles"] or 0)))[:limit]
    return [sites[n] for n in sorted(first)]


def chart(counts: list[tuple[str, str, int]], sites: int = CHART_SITES) -> dict | None:
    """Articles per day per site as bars, one row per site (the ``sites`` busiest; one row
    for the others together), for the :data:`CHART_DAYS` days up to the newest: positions
    computed here, the template only draws them."""
    days = sorted({day for _, day, _ in counts if _is_day(day)})
    if not days:
        return None
    last = date.fromisoformat(days[-1])
    first = last - timedelta(days=CHART_DAYS - 1)
    span = [(first + timedelta(days=i)).isoformat() for i in range(CHART_DAYS)]
    table: dict[str, dict[str, int]] = {}
    for site, day, n in counts:
        if _is_day(day) and day >= span[0]:
            table.setdefault(site, {})[day] = n
    others: dict[str, int] = {}
    busiest = sorted(table, key=lambda site: -sum(table[site].values()))
    for site in busiest[sites - 1:] if len(busiest) > sites else ():
        for day, n in table.pop(site).items():
            others[day] = others.get(day, 0) + n
    rows_of = sorted(table.items())
    if others:
        rows_of.append((f"{len(busiest) - len(table)} other sites", others))
    peak = max((n for _, per_site in rows_of for n in per_site.values()), default=1)
    step = (CHART_WIDTH - LABEL_WIDTH) / CHART_DAYS
    rows = []
    for index, (site, per_day) in enumerate(rows_of):
        top = index * ROW_HEIGHT
        bars = [{"x": round(LABEL_WIDTH + i * step, 1), "width": round(step - 2, 1),
                 "height": round((ROW_HEIGHT - 10) * n / peak, 1),
                 "y": round(top + ROW_HEIGHT - 4 - (ROW_HEIGHT - 10) * n / peak, 1),
                 "day": day, "n": n}
                for i, day in enumerate(span) if (n := per_day.get(day))]
        rows.append({"site": site, "y": top + ROW_HEIGHT / 2 + 4, "bars": bars,
                     "total": sum(per_day.values())})
    return {"rows": rows, "width": CHART_WIDTH, "height": ROW_HEIGHT * len(rows) + 18,
            "first": span[0], "last": span[-1], "peak": peak, "label_x": LABEL_WIDTH,
            "axis_y": ROW_HEIGHT * len(rows) + 14}


def _is_day(value) -> bool:
    try:
        date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


FRONT = """{% extends "base.html" %}
{% block title %}News archive{% endblock %}
{% block extra_head %}{{ super() }}<style>
.newsarchive-front section.part { margin: 1.5em 0; }
.newsarchive-front form.search input[type=search] { width: 28em; font-size: 1.1em; }
.newsarchive-front table.sites td, .newsarchive-front table.sites th { padding: 0.2em 0.8em;
  text-align: right; }
.newsarchive-front table.sites td:first-child, .newsarchive-front table.sites th:first-child,
.newsarchive-front table.sites td.network { text-align: left; }
.newsarchive-front .warning { color: #a00; }
.newsarchive-front svg text { font-size: 12px; fill: #333; }
.newsarchive-front svg rect { fill: #4a78a8; }
.newsarchive-front .languages { display: flex; flex-wrap: wrap; gap: 2em; }
.newsarchive-front .languages ul { padding-left: 1.2em; max-width: 24em; }
</style>{% endblock %}
{% block body_class %}newsarchive-front{% endblock %}
{% block crumbs %}{% endblock %}
{% block content %}
<h1>News archive</h1>
<p>{{ "{:,}".format(articles) }} articles from {{ site_count }} sites, in
{{ "{:,}".format(captures) }} captures; last capture {{ last_capture or "never" }}.
<a href="{{ articles_url }}">All articles</a> · <a href="{{ crawls_url }}">Crawls</a>
 · <a href="{{ failed_url }}">Failed captures</a> · <a href="{{ database_url }}">Tables and
queries</a></p>
<section class="part">
<form class="search" action="{{ search_url }}" method="get">
<label for="q">Search the articles</label>
<input type="search" id="q" name="q" placeholder="words, &quot;a phrase&quot;, prefix*">
<input type="submit" value="Search">
</form>
</section>
<section class="part">
<h2>Sites, as their last crawl met them</h2>
{% if sites %}<table class="sites">
<tr><th>site</th><th>last crawl</th><th>outcome</th><th>2xx</th><th>3xx</th><th>4xx</th>
<th>5xx</th><th>new articles</th><th>network errors</th></tr>
{% for site in sites %}<tr><td><bdi>{{ site.site }}</bdi></td>
<td>{{ (site.started or "")[:16].replace("T", " ") }}</td><td>{{ site.outcome }}</td>
<td>{{ site["2xx"] }}</td><td>{{ site["3xx"] }}</td>
<td{% if site["4xx"] %} class="warning"{% endif %}>{{ site["4xx"] }}</td>
<td{% if site["5xx"] %} class="warning"{% endif %}>{{ site["5xx"] }}</td>
<td>{{ site.articles }}</td>
<td class="network{% if site.network %} warning{% endif %}">
{%- for kind, n in site.network.items() %}{{ kind }} {{ n }}{% if not loop.last %}, {% endif %}
{%- else %}none{% endfor %}</td></tr>
{% endfor %}</table>
{% if sites_left_out %}<p class="more-sites">And {{ "{:,}".format(sites_left_out) }} more sites:
<a href="{{ site_crawls_url }}">every site's last crawl</a>.</p>
{% endif %}
{% for site in sites if site.shape_changed %}<p class="warning shape">Site
<bdi>{{ site.site }}</bdi>: {{ site.shape_changed }}</p>
{% endfor %}
{% if stale %}<p class="warning stale">No new article for {{ stale_intervals }} times their
usual interval or more:
{% for site in stale %}<bdi>{{ site.site }}</bdi> ({% if site.last_article -%}
quiet {{ site.quiet_hours }} h, usually {{ site.usual_hours }} h{%- else -%}
no article yet{%- endif %}){% if not loop.last %}, {% endif %}{% endfor %}
{%- if stale_left_out %}, and {{ "{:,}".format(stale_left_out) }} more{% endif %}.</p>
{% endif %}{% else %}<p>No crawl yet.</p>{% endif %}
</section>
<section class="part">
<h2>Articles per day</h2>
{% if chart %}<svg class="per-day" role="img" width="{{ chart.width }}"
 height="{{ chart.height }}" viewBox="0 0 {{ chart.width }} {{ chart.height }}"
 aria-label="Articles per day per site, {{ chart.first }} to {{ chart.last }}">
{% for row in chart.rows %}<text x="0" y="{{ row.y }}">{{ row.site }} ({{ row.total }})</text>
{% for bar in row.bars %}<rect x="{{ bar.x }}" y="{{ bar.y }}" width="{{ bar.width }}"
 height="{{ bar.height }}"><title>{{ row.site }}, {{ bar.day }}: {{ bar.n }}</title></rect>
{% endfor %}{% endfor %}
<text x="{{ chart.label_x }}" y="{{ chart.axis_y }}">{{ chart.first }}</text>
<text x="{{ chart.width }}" y="{{ chart.axis_y }}" text-anchor="end">{{ chart.last }}</text>
</svg>
<p>Bars scale to the busiest day ({{ chart.peak }} articles); hover for the counts.</p>
{% else %}<p>No articles yet.</p>{% endif %}
</section>
<section class="part">
<h2>Latest articles, by language</h2>
<div class="languages">
{% for language, rows in languages.items() %}<div lang="{{ language }}">
<h3>{{ language }}</h3>
<ul>{% for row in rows %}<li><a href="{{ row.href }}" dir="auto">{{ row.title or "(no title)" }}</a>
 <small><bdi>{{ row.site }}</bdi>, {{ (row.fetched_at or "")[:10] }}</small></li>
{% endfor %}</ul></div>
{% endfor %}</div>
</section>
{% endblock %}
"""
