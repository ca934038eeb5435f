"""Browsing an archive in Datasette, in process: the metadata (facets, search, canned queries)
and the plugin's pages (article with provenance, archived source, raw payload) on a real crawl
of the sample sites, with a script planted in the index to prove archived text stays text."""

from __future__ import annotations

import asyncio
import json
from urllib.parse import quote

import markupsafe
import pytest
import sqlite_utils
from _archive_checks import run_crawl
from sample_truth import LANGUAGES, seed_article

from archive import samplesites
from archive.store.paths import ArchivePaths
from archive.web.serve import DATABASE, datasette_for

PLANTED = "<script>alert('planted')</script>"
REVISIT = "<urn:uuid:00000000-0000-4000-8000-000000000001>"
ARABIC_WORD = "حميميم"  # in the Arabic seed article only


def expected_articles(site: str) -> int:
    return len([a for a in samplesites.articles(site) if a.status == 200])


@pytest.fixture(scope="module")
def archive(sample_seeds, tmp_path_factory):
    """A crawled archive, then a script planted in one article's title, text, removals and
    guards, and a revisit row pointing at the Arabic seed article's capture."""
    data = tmp_path_factory.mktemp("browse")
    run_crawl(sample_seeds, data)
    db = sqlite_utils.Database(ArchivePaths(data).index)
    bild = next(db.query("select capture_id, text from articles where site = 'bild' limit 1"))
    db["articles"].update(bild["capture_id"], {
        "title": f"Planted {PLANTED}", "text": bild["text"] + "\n" + PLANTED,
        "removed": f'[{{"rule": "{PLANTED}", "text": "<img src=x onerror=alert(1)>"}}]',
        "guards": '["widgets-kept: the widget rules would cut <b>85%</b> of the article"]'})
    arabic = next(db.query("select * from captures where record_id = "
                           "(select capture_id from articles where text like ?)",
                           [f"%{ARABIC_WORD}%"]))
    db["captures"].insert({**arabic, "record_id": REVISIT, "record_type": "revisit",
                           "refers_to": arabic["record_id"], "warc_offset": -1,
                           "fetched_at": "2099-01-01T00:00:00Z"})
    db.close()
    return data, bild["capture_id"]


@pytest.fixture(scope="module")
def get(archive):
    """``get(path)``: a request to a started Datasette on the archive, run to completion."""
    ds = datasette_for(archive[0])
    asyncio.run(ds.invoke_startup())

    def fetch(path):
        return asyncio.run(ds.client.get(path))

    return fetch


def rows(get, path) -> list[dict]:
    response = get(path + ("&" if "?" in path else "?") + "_shape=array&_size=max")
    assert response.status_code == 200, response.text
    return response.json()


def escape(text: str) -> str:
    """As the pages' templates escape: the form to look for in a page."""
    return str(markupsafe.escape(text))


def quoted(capture_id: str) -> str:
    return quote(capture_id, safe="")


def seed_row(get, sample_sites, site) -> dict:
    url = sample_sites.urls[site] + seed_article(site).path
    return rows(get, f"/{DATABASE}/articles.json?url={quote(url)}")[0]


def test_the_plugin_is_installed(get):
    plugins = {p["name"]: p for p in get("/-/plugins.json").json()}
    assert set(plugins["newsarchive"]["hooks"]) == {
        "register_routes", "render_cell", "extra_body_script", "asgi_wrapper",
        "prepare_connection", "handle_exception", "register_facet_classes",
        "filters_from_request", "prepare_jinja2_environment"}


def test_articles_table_is_newest_first_with_facets_on_request(get):
    """No facet is computed or suggested unasked (each is a pass over the whole table, which
    at a million articles costs more than the page may); one asked for is there."""
    plain = get(f"/{DATABASE}/articles.json").json()
    assert not plain["facet_results"] and not plain["suggested_facets"]
    data = get(f"/{DATABASE}/articles.json?_size=max&_facet=site&_facet=language"
               "&_facet_date=published&_count=1").json()
    facets = {name: {r["value"]: r["count"] for r in facet["results"]}
              for name, facet in data["facet_results"].items()}
    assert facets["site"] == {site: expected_articles(site) for site in samplesites.SITE_NAMES}
    assert facets["language"] == {LANGUAGES[site]: n for site, n in facets["site"].items()}
    assert facets["published"] and data["filtered_table_rows_count"] == sum(
        expected_articles(site) for site in samplesites.SITE_NAMES)
    fetched = [dict(zip(data["columns"], r, strict=True))["fetched_at"] for r in data["rows"]]
    assert fetched == sorted(fetched, reverse=True)
    # sortable where an index serves the sort, and nowhere else
    assert get(f"/{DATABASE}/articles.json?_sort=published").status_code == 200
    assert get(f"/{DATABASE}/articles.json?_sort=word_count").status_code != 200


def test_every_table_and_column_is_described(get, archive):
    described = get("/-/metadata.json").json()["databases"][DATABASE]["tables"]
    db = sqlite_utils.Database(ArchivePaths(archive[0]).index)
    tables = [t for t in db.table_names()  # less the FTS shadows and the planner's statistics
              if not t.startswith(("articles_fts_", "sqlite_"))]
    assert {"crawls", "captures", "articles", "articles_fts"} <= set(tables)
    for table in tables:
        assert described[table]["description"]
        assert set(described[table]["columns"]) == set(db[table].columns_dict), table


def test_full_text_search_finds_the_arabic_seed_article(get, sample_sites):
    found = rows(get, f"/{DATABASE}/articles.json?_search={quote(ARABIC_WORD)}")
    assert [r["url"] for r in found] == [
        sample_sites.urls["turkeytoday"] + seed_article("turkeytoday").path]
    assert found[0]["language"] == "ar"


def test_canned_search_ranks_matches_and_shows_an_excerpt(get, sample_sites):
    found = rows(get, f"/{DATABASE}/search_articles.json?q={quote(ARABIC_WORD)}")
    assert [r["url"] for r in found] == [
        sample_sites.urls["turkeytoday"] + seed_article("turkeytoday").path]
    assert ARABIC_WORD in found[0]["excerpt"] and found[0]["language"] == "ar"
    common = rows(get, f"/{DATABASE}/search_articles.json?q={quote('Bundesregierung OR war')}")
    assert len(common) == len({r["capture_id"] for r in common}) > 1


def test_canned_queries(get, archive):
    per_day = rows(get, f"/{DATABASE}/articles_per_site_per_day.json")
    assert {r["site"] for r in per_day} == set(samplesites.SITE_NAMES)
    articles = sum(map(expected_articles, samplesites.SITE_NAMES))
    assert sum(r["articles"] for r in per_day) == articles
    latest = rows(get, f"/{DATABASE}/latest_in_language.json?language=ar")
    assert len(latest) == expected_articles("turkeytoday")
    assert all(r["site"] == "turkeytoday" for r in latest)
    failed = rows(get, f"/{DATABASE}/failed_captures.json")
    assert {404, 500} <= {r["status"] for r in failed}
    assert {"binary", "no-text"} <= {r["skip_reason"] for r in failed}
    assert all(r["status"] != 200 or r["skip_reason"] for r in failed)
    assert "not-article" not in {r["skip_reason"] for r in failed}  # hubs are no failures
    by_rule = rows(get, f"/{DATABASE}/removed_by_rule.json")
    db = sqlite_utils.Database(ArchivePaths(archive[0]).index)
    total = db.execute("select sum(json_array_length(removed)) from articles").fetchone()[0]
    assert sum(r["removals"] for r in by_rule) == total > 0
    assert by_rule[0]["removals"] == max(r["removals"] for r in by_rule)
    assert "site-profile" in {r["rule"] for r in by_rule}  # one row, whatever its counts
    often = rows(get, f"/{DATABASE}/removed_most_often.json")
    assert often and often[0]["articles"] >= often[-1]["articles"] and often[0]["rule"]
    guarded = rows(get, f"/{DATABASE}/kept_by_a_guard.json")
    assert [r["capture_id"] for r in guarded] == [archive[1]]  # the one planted
    assert guarded[0]["guard"].startswith("widgets-kept: ")


def test_titles_link_to_article_pages_escaped(get, archive):
    page = get(f"/{DATABASE}/articles").text
    assert f'href="/-/article/{quoted(archive[1])}"' in page
    assert PLANTED not in page and escape(PLANTED) in page


def test_article_page_shows_text_and_provenance(get, sample_sites, archive):
    row = seed_row(get, sample_sites, "zerkalo")
    capture = rows(get, f"/{DATABASE}/captures.json?record_id={quoted(row['capture_id'])}")[0]
    response = get(f"/-/article/{quoted(row['capture_id'])}")
    assert response.status_code == 200
    page = response.text
    for sentence in seed_article("zerkalo").sentences:
        assert f'<p dir="auto">{escape(sentence)}</p>' in page
    for value in (row["title"], row["site"], row["published"], LANGUAGES["zerkalo"],
                  capture["fetched_at"], capture["warc_file"], str(capture["warc_offset"]),
                  str(capture["warc_length"]), capture["record_id"], capture["payload_digest"],
                  row["cleaner_version"], row["conversion_id"]):
        assert escape(value) in page, value
    removed = json.loads(row["removed"])
    assert removed and f"Removed by the cleaners ({len(removed)})" in page
    for cut in removed:
        assert f'<td class="rule">{escape(cut["rule"])}</td>' in page
        assert escape(cut["text"]) in page
    assert f'<iframe sandbox src="/-/capture/{quoted(row["capture_id"])}/raw"' in page
    assert get(f"/-/article?id={quoted(row['capture_id'])}").text == page


def test_article_page_escapes_archived_text(get, archive):
    page = get(f"/-/article/{quoted(archive[1])}").text
    assert "<script>alert" not in page and "<img src=x" not in page
    # <title>, <h1>, the headline in the metadata table, the text, the rule
    assert page.count(escape(PLANTED)) == 5
    assert escape("<img src=x onerror=alert(1)>") in page
    guard = "widgets-kept: the widget rules would cut <b>85%</b> of the article"
    assert f'<p class="guard">Kept by a guard: {escape(guard)}</p>' in page


@pytest.mark.parametrize("site", samplesites.SITE_NAMES)
def test_raw_view_serves_the_captured_payload_sandboxed(get, sample_sites, site):
    row = seed_row(get, sample_sites, site)
    route = sample_sites.servers[site].routes[seed_article(site).path]
    response = get(f"/-/capture/{quoted(row['capture_id'])}/raw")
    assert response.status_code == 200
    assert response.content == route.body  # de-chunked and gunzipped as the server sent it
    assert response.headers["content-security-policy"].startswith("sandbox")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("site", samplesites.SITE_NAMES)
def test_source_view_shows_the_captured_html_escaped(get, sample_sites, site):
    row = seed_row(get, sample_sites, site)
    route = sample_sites.servers[site].routes[seed_article(site).path]
    response = get(f"/-/capture/{quoted(row['capture_id'])}/source")
    assert response.status_code == 200
    assert response.headers["content-security-policy"].startswith("sandbox")
    assert escape(route.body.decode("utf-8")) in response.text
    assert "HTTP/1.1 200" in response.text


def test_source_view_decodes_the_charset_the_cleaner_found(get):
    row = rows(get, f"/{DATABASE}/articles.json?charset=cp1251")[0]
    page = get(f"/-/capture/{quoted(row['capture_id'])}/source").text
    assert "decoded as cp1251" in page
    assert escape(row["title"]) in page


def test_a_revisit_shows_the_capture_it_repeats(get):
    original = rows(get, f"/{DATABASE}/captures.json?record_id={quoted(REVISIT)}")[0]
    revisit = get(f"/-/capture/{quoted(REVISIT)}/raw")
    refers = get(f"/-/capture/{quoted(original['refers_to'])}/raw")
    assert revisit.status_code == 200 and revisit.content == refers.content


@pytest.mark.parametrize("path", [
    "/-/article/{}", "/-/article?id={}", "/-/capture/{}/source", "/-/capture/{}/raw"])
def test_a_missing_id_is_a_404(get, path):
    response = get(path.format(quoted("<urn:uuid:no-such-record>")))
    assert response.status_code == 404
    assert "<urn:uuid:no-such-record>" not in response.text
    assert escape("<urn:uuid:no-such-record>") in response.text


def test_public_mode_runs_no_sql_and_shows_no_paths(archive):
    """``serve --public``: canned queries and pages work; arbitrary SQL and the introspection
    pages that show the archive's folder and the database file's path do not."""
    ds = datasette_for(archive[0], public=True)
    asyncio.run(ds.invoke_startup())

    def get(path):
        return asyncio.run(ds.client.get(path))

    folder = str(ArchivePaths(archive[0]).root.resolve())
    assert get("/index.json?sql=select+1").status_code == 403
    for path in ("/-/metadata.json", "/-/databases.json", "/-/settings.json", "/-/plugins.json",
                 "/-/threads.json", "/-/metadata"):
        assert get(path).status_code == 404, path
    found = get(f"/{DATABASE}/search_articles.json?q={quote(ARABIC_WORD)}&_shape=array").json()
    assert len(found) == 1
    pages = ["/", "/index", "/index/articles", "/index/captures",
             f"/-/article/{quoted(archive[1])}"]
    for path in pages:
        response = get(path)
        assert response.status_code == 200, path
        assert folder not in response.text, path


def test_growing_tables_answer_without_a_count_and_search_opens_the_ranked_search(get):
    """A table page counts no rows it would have to read all of, and the articles' search box,
    with nothing else narrowing the table, opens the ranked search of the newest matches."""
    for table in ("articles", "captures"):
        data = get(f"/{DATABASE}/{table}.json").json()
        assert data["rows"] and data["filtered_table_rows_count"] is None
    counted = get(f"/{DATABASE}/articles.json?_count=1").json()
    assert counted["filtered_table_rows_count"] == sum(map(expected_articles,
                                                           samplesites.SITE_NAMES))
    searched = get(f"/{DATABASE}/articles?_search={quote(ARABIC_WORD)}")
    assert searched.status_code == 302
    assert searched.headers["location"] == \
        f"/{DATABASE}/search_articles?q={quote(ARABIC_WORD, safe='')}"
    narrowed = get(f"/{DATABASE}/articles?_search={quote(ARABIC_WORD)}&site=turkeytoday")
    assert narrowed.status_code == 200 and ARABIC_WORD in narrowed.text
    api = get(f"/{DATABASE}/articles.json?_search={quote(ARABIC_WORD)}").json()
    assert [r[api["columns"].index("site")] for r in api["rows"]] == ["turkeytoday"]


def _byline_facets(get, query: str) -> dict:
    data = get(f"/{DATABASE}/articles.json?{query}").json()
    return {name: facet for name, facet in data["facet_results"].items()
            if facet["type"] == "byline"}


def test_a_name_kept_is_shown_selected_with_the_cross_that_removes_it(get):
    """As Datasette shows a facet's selected value: a name kept by ``?_author=`` (the link on an
    article page's byline asks for no facet) is in the facet of its role, first, with the URL
    that removes it; an agency or a desk among the credits, a reporter among the authors."""
    for name, role in (("Anna Schiller", "author"), ("BILD", "credit")):
        facets = _byline_facets(get, f"_author={quote(name)}")
        assert list(facets) == [role], facets
        [first, *_] = facets[role]["results"]
        assert (first["value"], first["selected"]) == (name, True)
        assert "_author" not in first["toggle_url"]
        assert facets[role]["hideable"] is False  # not asked for: no facet to take away
    # the other role's facet asked for: the kept reporter still has hers, with its cross
    facets = _byline_facets(get, f"_author={quote('Anna Schiller')}&_facet_byline=credit")
    assert set(facets) == {"author", "credit"} and facets["credit"]["hideable"]
    assert not any(v["selected"] for v in facets["credit"]["results"])
    assert facets["author"]["results"][0]["value"] == "Anna Schiller"


def test_the_author_facet_over_the_whole_table_counts_the_newest_bylines(get, archive,
                                                                        monkeypatch):
    """Over the whole table the facet reads the bylines of the newest articles only (a count
    of every byline grows with the archive); narrowed, it counts every article shown."""
    from archive.web import facets as facets_module

    db = sqlite_utils.Database(ArchivePaths(archive[0]).index)
    newest = [row[0] for row in db.execute(
        "select capture_id from articles order by fetched_at desc limit 30")]
    def counted(ids):
        found = {}
        for (name,) in db.execute(
                f"select author from article_authors where role = 'credit' and capture_id in "
                f"({', '.join('?' * len(ids))})", ids):
            found[name] = found.get(name, 0) + 1
        return found

    monkeypatch.setattr(facets_module, "NEWEST", 30)
    whole = _byline_facets(get, "_facet_byline=credit")["credit"]["results"]
    assert {v["value"]: v["count"] for v in whole} == counted(newest)
    every = [row[0] for row in db.execute("select capture_id from articles")]
    assert counted(every) != counted(newest)  # the bound is what made the difference
    narrowed = _byline_facets(get, "_facet_byline=credit&language=de")["credit"]["results"]
    assert {v["value"]: v["count"] for v in narrowed} == {"BILD": counted(every)["BILD"]}
