"""Site habits: a desk that signs every page of a site is a credit, not an author, and the part
every title of the site hangs on is its name, not the headline's; learned from the site's own
pages during a crawl and in a reprocess, and only once enough of them agree."""

from __future__ import annotations

import html
import json
import subprocess
import sys

import pytest
from _archive_checks import run_crawl
from site_shapes import _chrome, _ld, stories

import cleaners
from archive.samplesites.server import Route, SiteServer
from archive.store.index import Index
from archive.store.paths import ArchivePaths
from cleaners.habits import apply_habits, habits_agree, page_habits
from cleaners.profile import HABIT_MIN_PAGES, SiteProfile

SITE = "Wetterauer Kurier"
DESK = "Kurier Lokales"
REPORTERS = ("Anna Berger", "Jonas Weber", None)
PAGES = 12


def _stories():
    return stories(PAGES, lambda n, slug, sec, day: f"/lokales/{slug}-{n}.html", "habits")


def article(story) -> bytes:
    """A regional paper's WordPress-like story page: its ``h1`` is the paper's name, the
    headline an ``h2``; the JSON-LD has no headline, and the desk signs every story, with the
    reporter when there is one."""
    reporter = REPORTERS[story.n % len(REPORTERS)]
    authors = [{"@type": "Person", "name": DESK}]
    authors += [{"@type": "Person", "name": reporter}] if reporter else []
    head = (f'<meta property="og:title" content="{html.escape(story.title)} | {SITE}">'
            '<meta property="og:type" content="article">'
            + _ld({"@context": "https://schema.org", "@type": "NewsArticle",
                   "datePublished": story.iso, "author": authors}))
    byline = " und ".join(name for name in (reporter, DESK) if name)
    content = (f'<h1 class="site-title">{SITE}</h1><article class="post"><h2 class="entry-'
               f'title">{html.escape(story.title)}</h2><div class="entry-meta">Von {byline}'
               '</div><div class="entry-content">'
               + "".join(f"<p>{html.escape(p)}</p>" for p in story.paragraphs)
               + "</div></article>")
    return _chrome(SITE, story.title, content, [("/", "Startseite"), ("/lokales/", "Lokales")],
                   head)


@pytest.fixture(scope="module")
def site():
    posts = _stories()
    routes = {s.url: Route(article(s)) for s in posts}
    listing = "".join(f'<li><a href="{s.url}">{html.escape(s.title)}</a></li>' for s in posts)
    routes["/"] = Route(_chrome(SITE, "Startseite", f"<ul>{listing}</ul>", [("/", "Start")]))
    server = SiteServer(routes).start()
    try:
        yield server.origin, posts
    finally:
        server.shutdown()
        server.server_close()


def _seed(origin: str, directory) -> str:
    path = directory / "kurier.toml"
    path.write_text(f'name = "kurier"\nlanguage = "de"\nallowed_domains = ["127.0.0.1"]\n'
                    f'start_urls = ["{origin}/"]\narticle_pattern = "^/lokales/.+\\\\.html$"\n'
                    f'depth = 1\n', encoding="utf-8")
    return path


def _rows(data_dir) -> list[dict]:
    index = Index(ArchivePaths(data_dir).index)
    try:
        rows = index.db.execute_returning_dicts(
            "select capture_id, url, title, authors, credits, metadata_sources from articles")
        for row in rows:
            row["people"] = [name for name, in index.db.execute(
                "select author from article_authors where capture_id = ? and role = 'author' "
                "order by position", [row["capture_id"]])]
        return rows
    finally:
        index.close()


def _assert_habits_applied(rows, posts) -> None:
    titles = {s.url: s for s in posts}
    assert len(rows) == PAGES
    for row in rows:
        story = titles["/" + row["url"].split("/", 3)[3]]
        assert row["title"] == story.title, row["title"]  # no "| Wetterauer Kurier"
        assert DESK not in row["people"] and DESK in json.loads(row["credits"])
        reporter = REPORTERS[story.n % len(REPORTERS)]
        assert row["people"] == ([reporter] if reporter else [])
        sources = json.loads(row["metadata_sources"])
        assert f'site suffix "| {SITE}" removed (site habit: ' in sources["title"]
        assert f'"{DESK}" moved to credits (site habit: signs ' in sources["authors"]


def test_a_crawl_learns_the_desk_and_the_site_name_from_the_sites_pages(site, tmp_path):
    origin, posts = site
    run_crawl([_seed(origin, tmp_path)], tmp_path / "data")
    _assert_habits_applied(_rows(tmp_path / "data"), posts)


def test_a_reprocess_into_an_empty_archive_learns_them_too(site, tmp_path):
    origin, posts = site
    run_crawl([_seed(origin, tmp_path)], tmp_path / "crawled")
    warc = ArchivePaths(tmp_path / "crawled").warc_dir
    result = subprocess.run(
        [sys.executable, "-m", "archive", "reprocess", str(warc), "--data",
         str(tmp_path / "data"), "--seeds", str(tmp_path / "kurier.toml"), "--jobs", "1"],
        capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    _assert_habits_applied(_rows(tmp_path / "data"), posts)


# --- the rules, page by page --------------------------------------------------------------------
def _profile(pages: int, habits: dict) -> SiteProfile:
    return SiteProfile("site", pages, {}, habits)


def _meta(title: str, authors=(), credits=()) -> dict:
    return {"title": title, "authors": tuple(authors), "credits": tuple(credits),
            "author": "; ".join([*authors, *credits]) or None,
            "metadata_sources": (("title", "og:title, title"), ("authors", "json-ld author"))}


def test_the_site_suffix_is_cut_only_once_enough_pages_agree():
    meta = _meta("Neue Brücke über die Nidda eröffnet -정치ㅣ한국일보")
    assert ("title-suffix", "ㅣ한국일보") in page_habits([meta["title"]], [])
    learned = apply_habits(meta, _profile(10, {("title-suffix", "ㅣ한국일보"): 9}))
    assert learned["title"] == "Neue Brücke über die Nidda eröffnet -정치"
    # four pages are not enough, nor seven of ten
    for profile in (_profile(4, {("title-suffix", "ㅣ한국일보"): 4}),
                    _profile(10, {("title-suffix", "ㅣ한국일보"): 7})):
        assert apply_habits(meta, profile) is meta


def test_the_longest_repeated_part_goes_and_the_headline_stays():
    meta = _meta("Politik | Zoll prüft neue Regeln für Pakete | Lokales | CBC News")
    profile = _profile(20, {("title-suffix", "| Lokales | CBC News"): 18,
                            ("title-suffix", "| CBC News"): 20,
                            ("title-prefix", "Politik |"): 3})
    assert apply_habits(meta, profile)["title"] == "Politik | Zoll prüft neue Regeln für Pakete"
    # a title that is nothing but the site's parts keeps its words
    assert apply_habits(_meta("Lokales | CBC News"), profile)["title"] == "Lokales | CBC News"


def test_a_desk_becomes_a_credit_and_a_reporter_stays_a_person():
    meta = _meta("Zoll prüft neue Regeln", ["Kurier Lokales", "Anna Berger"])
    learned = apply_habits(meta, _profile(30, {("byline", "Kurier Lokales"): 29,
                                               ("byline", "Anna Berger"): 12}))
    assert learned["authors"] == ("Anna Berger",)
    assert learned["credits"] == ("Kurier Lokales",)
    assert learned["author"] == "Anna Berger; Kurier Lokales"


def test_a_cleaned_page_agrees_with_the_habits_as_they_stand_or_is_stale():
    desk = _profile(30, {("byline", "Kurier Lokales"): 29, ("title-suffix", "| CBC News"): 30})
    cleaned = apply_habits(_meta("Zoll prüft neue Regeln | CBC News",
                                 ["Kurier Lokales", "Anna Berger"]), desk)
    sources = dict(cleaned["metadata_sources"])
    assert habits_agree(cleaned["title"], cleaned["authors"], sources, desk)
    # cleaned before either held: the desk among the people, the name on the headline
    assert not habits_agree("Zoll prüft neue Regeln | CBC News", ["Kurier Lokales"], {}, desk)
    assert not habits_agree("Zoll prüft neue Regeln | CBC News", [], {}, desk)
    # cleaned while they held, and they hold no longer
    gone = _profile(60, {("byline", "Kurier Lokales"): 29, ("title-suffix", "| CBC News"): 30})
    assert not habits_agree(cleaned["title"], cleaned["authors"], sources, gone)
    # a longer part that holds now is cut instead
    longer = _profile(30, {("title-suffix", "| CBC News"): 30,
                           ("title-suffix", "| Lokales | CBC News"): 29})
    cut = apply_habits(_meta("Zoll prüft neue Regeln | Lokales | CBC News"), desk)
    assert cut["title"] == "Zoll prüft neue Regeln | Lokales"
    assert not habits_agree(cut["title"], (), dict(cut["metadata_sources"]), longer)
    assert habits_agree(cut["title"], (), dict(cut["metadata_sources"]), desk)


def test_a_page_counts_what_it_shows_without_a_profile():
    origin = "http://127.0.0.1:8000"
    story = _stories()[0]
    document = cleaners.clean(article(story), origin + story.url)
    assert document.title == f"{story.title} | {SITE}"  # one page cannot tell
    assert document.authors == (DESK, "Anna Berger")
    assert {("title-suffix", f"| {SITE}"), ("byline", DESK)} <= set(document.habits)
    assert "habits" not in document.metadata()


def test_the_index_counts_habits_per_story_and_reads_them_into_the_profile(tmp_path):
    index = Index(tmp_path / "index.db")
    origin = "http://127.0.0.1:8000"
    for story in _stories()[:6]:
        document = cleaners.clean(article(story), origin + story.url)
        index.record_profile("kurier", document, f"<urn:{story.n}>")
        index.record_profile("kurier", document, f"<urn:{story.n}>")  # again: not counted
    profile = index.site_profile("kurier")
    assert profile.pages == 6
    assert profile.habit("byline", DESK) == 6 and profile.habit("title-suffix", f"| {SITE}") == 6
    assert profile.habit("byline", "Anna Berger") is None  # two of six
    index.close()


# --- the order pages arrive in ------------------------------------------------------------------
def _signed(story, name: str) -> bytes:
    """A story page signed by ``name`` alone, in its JSON-LD and its visible byline."""
    head = ('<meta property="og:type" content="article">'
            + _ld({"@context": "https://schema.org", "@type": "NewsArticle",
                   "headline": story.title, "datePublished": story.iso,
                   "author": [{"@type": "Person", "name": name}]}))
    content = (f'<article class="post"><h1 class="entry-title">{html.escape(story.title)}</h1>'
               f'<div class="entry-meta">Von {html.escape(name)}</div><div class="entry-'
               'content">' + "".join(f"<p>{html.escape(p)}</p>" for p in story.paragraphs)
               + "</div></article>")
    return _chrome(SITE, story.title, content, [("/", "Startseite")], head)


def test_the_order_pages_arrive_in_does_not_change_their_rows(tmp_path, monkeypatch):
    """A crawl meets a site's pages in any order, and a reprocess reads them in file order:
    the rows must not depend on it. Anna Berger signs the first ten stories a site is seen
    with, twenty other reporters the rest. Met first, her stories make her look like a desk
    (five of five pages, and more) while her last ones are cleaned; at the end she signs ten
    of thirty, no habit, and none of her stories may keep her as a credit.
    (Profiles are read afresh for every page, as pages a second apart in a crawl are.)"""
    from test_reprocess import articles, response, write_warc

    from archive.offline import reprocess as reprocessing
    from archive.store.profiles import ProfileCache

    monkeypatch.setattr(reprocessing, "ProfileCache", lambda index: ProfileCache(index, 0))
    reprocess = reprocessing.reprocess

    posts = stories(30, lambda n, slug, sec, day: f"/lokales/{slug}-{n}.html", "order")
    pages = [("http://127.0.0.1:8000" + s.url,
              _signed(s, "Anna Berger" if s.n < 10 else f"Reporter {s.n}")) for s in posts]
    rows = {}
    for order, listed in (("hers first", pages), ("hers last", pages[::-1])):
        warc = write_warc(tmp_path / f"{order}.warc.gz", lambda w, listed=listed: [
            response(w, url, body) for url, body in listed])
        report = reprocess([warc], tmp_path / order, jobs=0)
        assert report.articles == len(pages), report.summary()
        rows[order] = {row["url"]: (row["title"], row["authors"], row["credits"])
                       for row in articles(tmp_path / order).values()}
    assert rows["hers first"] == rows["hers last"]


def _korean(story) -> bytes:
    """A Korean daily's story page: ``<title>`` and ``og:title`` hang the section and the
    paper's name on the headline (``Headline -정치ㅣ한국일보``), no field states it bare."""
    section = ("정치", "사회", "경제")[story.n % 3]
    title = f"{story.title} -{section}ㅣ한국일보"
    head = (f'<meta property="og:title" content="{html.escape(title)}">'
            '<meta property="og:type" content="article">'
            + _ld({"@context": "https://schema.org", "@type": "NewsArticle",
                   "datePublished": story.iso}))
    content = ('<div class="logo">한국일보</div><article class="post"><div class="entry-'
               'content">' + "".join(f"<p>{html.escape(p)}</p>" for p in story.paragraphs)
               + "</div></article>")
    return _chrome("한국일보", title, content, [("/", "홈")], head).replace(
        f"<title>{html.escape(title)} | 한국일보</title>".encode(),
        f"<title>{html.escape(title)}</title>".encode())


@pytest.mark.parametrize("read_at_a_time", [None, 2])
def test_a_site_name_glued_to_the_section_is_cut_from_every_headline(tmp_path, monkeypatch,
                                                                     read_at_a_time):
    """The paper's name is the habit (the section varies); pages cleaned before it held keep it
    unless the end of the run cleans them again (their rows read a few at a time too, as a
    site's first reprocess reads tens of thousands)."""
    from test_reprocess import articles, response, write_warc

    from archive.offline import reprocess as reprocessing
    from archive.store import profiles
    from archive.store.profiles import ProfileCache

    monkeypatch.setattr(reprocessing, "ProfileCache", lambda index: ProfileCache(index, 0))
    if read_at_a_time:
        monkeypatch.setattr(profiles, "STALE_READ", read_at_a_time)
    posts = stories(12, lambda n, slug, sec, day: f"/news/{slug}-{n}.html", "korean")
    warc = write_warc(tmp_path / "korean.warc.gz", lambda w: [
        response(w, "http://127.0.0.1:8000" + s.url, _korean(s)) for s in posts])
    report = reprocessing.reprocess([warc], tmp_path / "data", jobs=0)
    assert report.articles == len(posts), report.summary()
    titles = sorted(row["title"] for row in articles(tmp_path / "data").values())
    assert titles == sorted(f"{s.title} -{('정치', '사회', '경제')[s.n % 3]}" for s in posts)


# --- whether a habit held at the last run's end -------------------------------------------------
def _held(index: Index) -> dict:
    return {(site, kind, value): held for site, kind, value, held in index.db.execute(
        "select site, kind, value, held from site_habits where pages >= ?", [HABIT_MIN_PAGES])}


def test_a_run_stores_which_habits_held_and_a_reindex_makes_them_again(site, tmp_path):
    """The crawl's end stores that the desk and the site name hold; a reindex, which cleans
    nothing, marks them held from its own count as the migration does. The end-of-run queries
    read the site's pages through indexes."""
    from archive.offline.reindex import reindex
    from archive.store.index import GROWING
    from spiders._seeds import load_seed

    origin, _ = site
    run_crawl([_seed(origin, tmp_path)], tmp_path / "data")
    index = Index(ArchivePaths(tmp_path / "data").index)
    held = _held(index)  # (the reporters sign 4 of 12 pages each: too few to be counted)
    assert held == {("kurier", "byline", DESK): 1, ("kurier", "title-suffix", f"| {SITE}"): 1}
    statements: list[str] = []
    index.db.conn.set_trace_callback(statements.append)
    assert len(list(index.pages_from("kurier", 1))) == PAGES
    index.site_habits("kurier")
    index.habits_settled("kurier", [("byline", DESK, True)])
    index.db.conn.set_trace_callback(None)
    plans = [detail for sql in statements if sql.lstrip().lower().startswith(("select", "update"))
             for *_, detail in index.db.execute(f"explain query plan {sql}").fetchall()]
    index.close()
    assert any("site_pages" in detail for detail in plans), plans
    assert not [detail for detail in plans if detail.startswith("SCAN ")
                and detail.split()[1] in GROWING], plans

    reindex(tmp_path / "data", seeds=[load_seed(_seed(origin, tmp_path))])
    index = Index(ArchivePaths(tmp_path / "data").index)
    assert _held(index) == held
    index.close()


def test_an_upgraded_index_marks_what_holds_now_and_cleans_nothing_again(index_0_1_0):
    """An archive written before ``held`` was kept: what holds now is taken as what held at the
    last run's end, so the upgrade's first run cleans nothing again for it. The demo's ``bild``
    hangs ``Aktuell:`` on 20 of its 24 headlines, rows as 0.1.0 wrote them."""
    import sqlite_utils

    from archive.store.index import migrations
    from archive.store.profiles import habit_stale

    db = sqlite_utils.Database(index_0_1_0)
    migrations.apply(db, stop_before="m018_habits_held")
    assert db.execute("select count(*) from site_pages where site = 'bild'").fetchone()[0] == 24
    db.conn.executemany(
        "insert into site_habits (site, kind, value, pages, first_page) values (?, ?, ?, ?, 1)",
        [("bild", "title-prefix", "Aktuell:", 20), ("bild", "byline", "Anna Berger", 5),
         ("zerkalo", "byline", "Редакция", 24)])
    db.conn.commit()
    db.close()
    index = Index(index_0_1_0)
    assert _held(index) == {("bild", "title-prefix", "Aktuell:"): 1,
                            ("bild", "byline", "Anna Berger"): 0,
                            ("zerkalo", "byline", "Редакция"): 1}
    assert habit_stale(index, index.site_profile("bild")) == set()
    # had it been taken as not held, every headline with the prefix would be cleaned again
    index.db.execute("update site_habits set held = 0 where value = 'Aktuell:'")
    assert len(habit_stale(index, index.site_profile("bild"))) == 20
    assert _held(index)[("bild", "title-prefix", "Aktuell:")] == 1  # and then stored
    index.close()
