"""In a real browser: crawl a news site in the shape of a real one (``newsdesk``) from
127.0.0.1, ``serve --public`` the archive, facet its articles by author, section and publication
day by clicking, and read an article's metadata with the source of each field.

Served again with facets that count at most the newest 3 articles, a page that keeps more says
so and counts them, one that keeps fewer counts every one.

Headless Chromium from the system driven by Playwright, as in ``test_browse_e2e``; skipped where
there is no ``chromium`` on PATH. One page plants a script in its keywords and a
``javascript:`` URL as its lead image: the page must show both as text and run neither.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from _archive_checks import run_crawl, serving
from newsdesk import STORIES, Story, routes, seed

from archive.samplesites.server import SiteServer
from archive.store.paths import ArchivePaths

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH (Debian: apt-get install chromium)")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

PLANTED = "<img src=x onerror=\"alert('planted')\">"
GALLERY = Story(
    "gallery-opens-late", "Gallery opens late for the festival week", "Culture", ["Lena Park"],
    ["The municipal gallery will stay open until midnight during the festival week, its "
     "director said on Monday, after last year's late openings drew twice the usual visitors.",
     "Entry after eight in the evening will be free, and the gallery's cafe will serve food "
     "from the market stalls that line the river during the festival."], 10,
    extra={"keywords": [PLANTED, "festival"], "image": "javascript:alert('planted')"})
TITLES = {story.slug: story.title for story in [*STORIES, GALLERY]}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    site = SiteServer({}).start()
    site.routes.update(routes(site.origin, [*STORIES, GALLERY]))
    data = tmp_path_factory.mktemp("facets-e2e")
    try:
        run_crawl(seed(site.origin, tmp_path_factory.mktemp("seeds")), data)
    finally:
        site.shutdown()
    return data


@pytest.fixture(scope="module")
def server(archive, tmp_path_factory):
    with serving(archive, tmp_path_factory.mktemp("serve") / "serve.log", "--public") as base:
        yield base


#: Facets past this many articles count the newest this many (``serve --facet-newest``).
NEWEST = 3


@pytest.fixture(scope="module")
def bounded_server(archive, tmp_path_factory):
    with serving(archive, tmp_path_factory.mktemp("serve") / "serve.log", "--public",
                 "--facet-newest", str(NEWEST)) as base:
        yield base


@pytest.fixture
def page(server):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": 1200, "height": 1000})
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        yield page
        assert page.dialogs == []
        browser.close()


def shown_titles(page) -> set[str]:
    return set(page.locator("table.rows-and-columns tbody td.col-title").all_inner_texts())


def titles(*slugs: str) -> set[str]:
    return {TITLES[slug] for slug in slugs}


def test_facet_by_author_then_section_then_day(server, page, tmp_path):
    expect = sync_api.expect
    page.goto(server + "/index/articles")
    assert shown_titles(page) == set(TITLES.values())
    page.get_by_role("link", name="author", exact=True).click()  # the table's description
    authors = page.locator("#facet-author li")
    expect(authors).to_have_text(["Lena Park 3", "Ana Ruiz 2", "Maria Keller 2", "Tom Osei 2"])

    page.locator("#facet-author").get_by_role("link", name="Tom Osei").click()
    page.wait_for_url("**_author=Tom+Osei**")
    assert shown_titles(page) == titles("transit-strike-ends", "athletic-win-regional-cup")
    # the other names on the bylines of his articles, his own selected
    expect(authors).to_have_text(["Tom Osei · 2 ✖", "Maria Keller 1"])

    page.goto(page.url + "&_facet=section")
    sections = page.locator("#facet-section li")
    expect(sections).to_have_text(["Politics 1", "Sport 1"])
    sections.get_by_role("link", name="Sport").click()
    page.wait_for_url("**section=Sport**")
    assert shown_titles(page) == titles("athletic-win-regional-cup")
    page.screenshot(path=tmp_path / "facets.png", full_page=True)

    page.locator("#facet-author li", has_text="Tom Osei").locator("a.cross").click()
    page.wait_for_url(lambda url: "_author" not in url)
    assert shown_titles(page) == titles("athletic-win-regional-cup")  # the only sport story

    page.goto(server + "/index/articles?_facet=section")
    page.locator("#facet-section").get_by_role("link", name="Culture").click()
    page.wait_for_url("**section=Culture**")
    assert shown_titles(page) == titles("museum-reopens", "gallery-opens-late")

    page.goto(server + "/index/articles?_facet=published")
    page.locator("#facet-published").get_by_role("link", name="2025-03-06").click()
    page.wait_for_url("**published=2025-03-06**")
    assert shown_titles(page) == titles("how-the-flood-plan-was-drawn-up")


def newest_facets(archive, count: int | None) -> dict[str, list[str]]:
    """The section and author facets of the newest ``count`` articles (every one: None), in
    the order of the capture-time index (the same second's by rowid), as the page lists them."""
    db = sqlite3.connect(ArchivePaths(archive).index)
    kept = ("select rowid, capture_id, section from articles order by fetched_at desc, "
            f"rowid desc limit {count or -1}")
    facets = {
        "section": db.execute(f"select section, count(*) from ({kept}) group by section "
                              "order by count(*) desc, section").fetchall(),
        "author": db.execute("select author, count(*) from article_authors where role = "
                             f"'author' and capture_id in (select capture_id from ({kept})) "
                             "group by author order by count(*) desc, author").fetchall()}
    db.close()
    return {name: [f"{value} {n}" for value, n in rows] for name, rows in facets.items()}


def test_facets_past_their_bound_count_the_newest_and_say_so(archive, bounded_server, page):
    """Served with facets of at most 3 articles: the whole table's count its newest 3 and the
    page says so; a section's 2 articles are counted whole, and the page says nothing."""
    expect = sync_api.expect
    notice = page.locator("p.facet-newest")
    page.goto(bounded_server + "/index/articles?_facet=section&_facet_byline=author")
    assert shown_titles(page) == set(TITLES.values())  # the rows: every article
    expect(notice).to_have_text(f"Facets counted over the newest {NEWEST} of these articles "
                                "(by capture time).")
    newest = newest_facets(archive, NEWEST)
    expect(page.locator("#facet-section li")).to_have_text(newest["section"])
    expect(page.locator("#facet-author li")).to_have_text(newest["author"])
    assert newest != newest_facets(archive, None)

    page.goto(bounded_server + "/index/articles?_facet=section&_facet_byline=author"
                               "&section=Culture")
    assert shown_titles(page) == titles("museum-reopens", "gallery-opens-late")
    expect(page.locator("#facet-section li")).to_have_text(["Culture · 2 ✖"])
    expect(page.locator("#facet-author li")).to_have_text(["Lena Park 2"])
    expect(notice).to_have_count(0)
    page.locator("#facet-section li a.cross").click()  # Datasette's link, as on any facet
    page.wait_for_url(lambda url: "section=Culture" not in url and "_facet=section" in url)
    expect(notice).to_have_count(1)


def test_the_article_page_shows_each_field_and_its_source(server, page):
    expect = sync_api.expect
    page.goto(server + "/index/articles?section=Investigations")
    page.locator("td.col-title a").click()
    page.wait_for_url("**/-/article/**")
    fields = page.locator("table.metadata")

    def row(name):
        return fields.locator(f"tr.field-{name}")

    expect(row("title")).to_contain_text("How the river flood plan was drawn up")
    expect(row("authors").locator("td.source")).to_have_text("json-ld author")
    expect(row("published")).to_contain_text("2025-03-06T07:16:00+01:00")
    expect(row("published").locator("td.source")).to_have_text("json-ld datePublished")
    expect(row("section")).to_contain_text("Investigations")
    expect(row("free").locator("td").first).to_have_text("no")
    expect(row("free").locator("td.source")).to_have_text("json-ld isAccessibleForFree")
    expect(row("partial").locator("td").first).to_contain_text("yes")
    expect(row("text_source").locator("td").first).to_have_text("json-ld articleBody")
    expect(row("text_source").locator("td.source")).to_contain_text("holds 100%")
    image = row("image").get_by_role("link")
    assert image.get_attribute("href").endswith("/images/how-the-flood-plan-was-drawn-up.jpg")
    assert page.locator("img").count() == 0  # the lead image is a link, never loaded

    row("authors").get_by_role("link", name="Ana Ruiz").click()
    page.wait_for_url("**_author=Ana+Ruiz**")
    assert shown_titles(page) == titles("how-the-flood-plan-was-drawn-up",
                                        "packaging-plant-to-close")
    # no facet was asked for, yet the name kept is shown as a selected value is, with its cross
    kept = page.locator("#facet-author li").first
    expect(kept).to_have_text("Ana Ruiz · 2 ✖")
    kept.locator("a.cross").click()
    page.wait_for_url(lambda url: "_author" not in url)
    assert shown_titles(page) == set(TITLES.values())


def test_planted_metadata_is_shown_as_text(server, page):
    expect = sync_api.expect
    page.goto(server + "/index/articles?section=Culture")
    page.get_by_role("link", name=GALLERY.title).click()
    page.wait_for_url("**/-/article/**")
    keywords = page.locator("table.metadata tr.field-keywords td").first
    expect(keywords).to_have_text(f"{PLANTED} · festival")
    image = page.locator("table.metadata tr.field-image td").first
    expect(image).to_have_text("javascript:alert('planted')")
    assert image.locator("a").count() == 0  # no link to run
    assert page.locator("img").count() == 0
