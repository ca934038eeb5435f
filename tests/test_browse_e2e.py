"""In a real browser: ``serve`` a crawled sample archive, search it for a word of the Arabic seed
article, read the article with its provenance, and open the archived page and its source.

Headless Chromium from the system (Debian's ``chromium`` package) driven by Playwright; the test
is skipped where there is no ``chromium`` on PATH (Playwright's own browser downloads are never
used). A script is planted in the article's text: the browser must show it, not run it.
"""

from __future__ import annotations

import shutil

import pytest
import sqlite_utils
from _archive_checks import run_crawl, serving
from sample_truth import seed_article

from archive.store.paths import ArchivePaths

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH (Debian: apt-get install chromium)")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

WORD = "حميميم"  # in the Arabic seed article only
PLANTED = "<img src=x onerror=\"alert('planted')\">"


@pytest.fixture(scope="module")
def archive(sample_seeds, tmp_path_factory):
    """A crawled archive whose Arabic seed article ends with a planted script."""
    data = tmp_path_factory.mktemp("browse-e2e")
    run_crawl(sample_seeds, data)
    db = sqlite_utils.Database(ArchivePaths(data).index)
    row = next(db.query("select capture_id, text from articles where text like ?", [f"%{WORD}%"]))
    db["articles"].update(row["capture_id"], {"text": row["text"] + "\n" + PLANTED})
    db.close()
    return data


@pytest.fixture(scope="module")
def server(archive, tmp_path_factory):
    with serving(archive, tmp_path_factory.mktemp("serve") / "serve.log") as base:
        yield base


def test_search_read_and_open_the_archived_page(server, archive, sample_sites, tmp_path):
    article = seed_article("turkeytoday")
    db = sqlite_utils.Database(ArchivePaths(archive).index)
    capture = next(db.query("select c.* from captures c join articles a "
                            "on a.capture_id = c.record_id where a.url = ?",
                            [sample_sites.urls["turkeytoday"] + article.path]))
    cleaner = db.execute("select cleaner_version from articles where capture_id = ?",
                         [capture["record_id"]]).fetchone()[0]
    expect = sync_api.expect
    dialogs = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": 1100, "height": 1000})
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

        page.goto(server + "/index/articles")
        page.fill("#_search", WORD)
        page.press("#_search", "Enter")
        page.wait_for_url("**_search=**")
        results = page.locator("table.rows-and-columns tbody tr")
        expect(results).to_have_count(1)
        results.locator("td.col-title a").click()

        page.wait_for_url("**/-/article/**")
        expect(page.locator("h1")).to_have_text(article.title)
        text = page.locator(".article-text").inner_text()
        assert all(sentence in text for sentence in article.sentences)
        assert PLANTED in text  # shown as text, never run
        provenance = page.locator("table.provenance").inner_text()
        for value in (capture["record_id"], capture["warc_file"], str(capture["warc_offset"]),
                      str(capture["warc_length"]), capture["payload_digest"],
                      capture["fetched_at"], cleaner):
            assert value in provenance
        iframe = page.locator("iframe")
        assert iframe.get_attribute("sandbox") == ""
        expect(page.frame_locator("iframe").locator("h1")).to_contain_text(article.title)
        page.screenshot(path=tmp_path / "article.png", full_page=True)

        # The sandboxed pages are opened by their links' addresses: after a click into a page
        # whose CSP sandbox forbids scripts, Playwright loses its hold on the page and waits.
        article_url = page.url
        page.goto(server + page.get_by_role("link", name="View its source").get_attribute("href"))
        source = page.locator("pre.source").inner_text()
        assert source.startswith("<!DOCTYPE") and "<h1" in source and article.title in source
        page.screenshot(path=tmp_path / "source.png")

        page.goto(article_url)
        raw = page.get_by_role("link", name="Open the archived page").get_attribute("href")
        response = page.goto(server + raw)
        assert response.headers["content-security-policy"].startswith("sandbox")
        expect(page.locator("h1")).to_contain_text(article.title)
        page.screenshot(path=tmp_path / "raw.png")
        browser.close()
    assert dialogs == []
    assert all((tmp_path / name).stat().st_size > 0
               for name in ("article.png", "source.png", "raw.png"))


def test_the_front_page_answers_what_came_in_and_from_where(server, archive, tmp_path):
    article = seed_article("turkeytoday")
    # A bar per site and day of capture: one day, unless the crawl ran past midnight (UTC).
    bars = sqlite_utils.Database(ArchivePaths(archive).index).execute(
        "select site, day from article_days where articles > 0 group by site, day").fetchall()
    assert {site for site, _ in bars} == {"bild", "turkeytoday", "zerkalo"}
    expect = sync_api.expect
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": 1100, "height": 1000})
        page.goto(server + "/")
        expect(page.locator("h1")).to_have_text("News archive")
        sites = page.locator("table.sites tr td:first-child")
        expect(sites).to_have_text(["bild", "turkeytoday", "zerkalo"])
        turkeytoday = page.locator("table.sites tr", has_text="turkeytoday")
        expect(turkeytoday.locator("td.warning")).not_to_have_count(0)  # its 500s show
        expect(page.locator("svg.per-day rect")).to_have_count(len(bars))
        titles = page.locator("svg.per-day rect title").all_text_contents()
        assert sorted(title.split(":")[0] for title in titles) == sorted(
            f"{site}, {day}" for site, day in bars)
        for language in ("ar", "de", "ru"):
            expect(page.locator(f".languages div[lang={language}] li")).to_have_count(5)
        page.screenshot(path=tmp_path / "front.png", full_page=True)

        page.fill("#q", WORD)
        page.press("#q", "Enter")
        page.wait_for_url("**/search_articles?q=**")
        expect(page.locator("table.rows-and-columns tbody tr")).to_have_count(1)
        expect(page.locator("table.rows-and-columns")).to_contain_text(article.title)

        page.goto(server + "/index/articles")
        descriptions = page.locator("dl.column-descriptions")
        expect(descriptions).to_be_hidden()  # folded: the rows come first
        page.locator("details.column-descriptions-fold summary").click()
        expect(descriptions).to_be_visible()
        browser.close()
