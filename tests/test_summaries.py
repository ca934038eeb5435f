"""The summaries the index keeps as it is written agree with what they summarise, whoever wrote
the rows; an archive written before they existed upgrades in place; a site is stale by time;
the site profiles and the copy search stay bounded."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from archive.cli.report import summary
from archive.store import copies
from archive.store.index import (
    PROFILE_PRUNE_EVERY,
    PROFILE_WINDOW,
    Index,
    _CountedPage,
)
from archive.store.paths import ArchivePaths
from archive.store.summaries import site_health
from archive.web.serve import datasette_for

EACH_CUT = ("json_each(case when json_valid(a.removed) then a.removed end) j "
            "where j.type = 'object' and")


def recomputed(db) -> dict:
    """The summaries counted again from the rows they summarise."""
    return {
        "days": sorted(db.execute(
            "select coalesce(site, ''), coalesce(substr(fetched_at, 1, 10), ''), "
            "coalesce(substr(published, 1, 10), ''), coalesce(language, ''), count(*), "
            "sum(coalesce(word_count, 0)) from articles group by 1, 2, 3, 4").fetchall()),
        "cuts": sorted(db.execute(
            "select coalesce(json_extract(j.value, '$.rule'), ''), a.site, count(*), "
            "count(distinct a.capture_id), sum(length(json_extract(j.value, '$.text'))) "
            f"from articles a, {EACH_CUT} json_type(j.value, '$.text') = 'text' "
            "group by 1, 2").fetchall()),
        "texts": sorted(db.execute(
            "select rule, text, n from (select coalesce(json_extract(j.value, '$.rule'), '') "
            "as rule, json_extract(j.value, '$.text') as text, count(distinct a.capture_id) "
            f"as n from articles a, {EACH_CUT} "
            "json_type(j.value, '$.text') = 'text' group by 1, 2)").fetchall()),
        "groups": sorted(db.execute("select group_id, count(*) from copy_groups "
                                    "group by group_id").fetchall()),
        "captures": sorted(db.execute("select substr(fetched_at, 1, 10), count(*) "
                                      "from captures group by 1").fetchall()),
    }


def kept(db) -> dict:
    return {
        "days": sorted(db.execute("select site, day, published, language, articles, words "
                                  "from article_days where articles > 0").fetchall()),
        "cuts": sorted(db.execute("select rule, site, removals, articles, characters "
                                  "from cut_rule_sites where removals > 0").fetchall()),
        "texts": sorted(db.execute("select rule, text, articles from cut_texts "
                                   "where articles > 0").fetchall()),
        "groups": sorted(db.execute("select group_id, articles from copy_group_sizes "
                                    "where articles > 0").fetchall()),
        "captures": sorted(db.execute("select day, captures from capture_days "
                                      "where captures > 0").fetchall()),
    }


@pytest.fixture
def upgraded(index_0_1_0):
    path = index_0_1_0
    import sqlite3
    before = sqlite3.connect(path)
    cursor = before.execute("select * from articles order by capture_id")
    rows = ([column[0] for column in cursor.description], cursor.fetchall())
    before.close()
    index = Index(path)
    yield index, rows
    index.close()


def test_an_archive_written_before_upgrades_in_place(upgraded, tmp_path):
    index, (columns, rows_before) = upgraded
    db = index.db
    names = [r[0] for r in db.execute("select name from _sqlite_migrations")]
    assert "m008_a_year_of_sites" in names
    assert db.execute(f"select {', '.join(columns)} from articles "
                      "order by capture_id").fetchall() == rows_before  # nothing lost
    assert kept(db) == recomputed(db)
    assert kept(db)["days"] and kept(db)["cuts"]
    last = json.loads(db.execute("select stats from crawls order by started_at desc "
                                 "limit 1").fetchone()[0])
    sites = {k.split("/")[2] for k in last if k.startswith("archive/sites/")}
    assert {r[0] for r in db.execute("select site from site_crawls")} == sites == \
        {"bild", "turkeytoday", "zerkalo"}
    bild = db.execute('select "2xx", articles from site_crawls where site = ?',
                      ["bild"]).fetchone()
    assert bild == (last["archive/sites/bild/2xx"], last["archive/sites/bild/articles"])
    index.commit()
    text = summary(ArchivePaths(tmp_path))
    assert "articles indexed: 71" in text and "bild" in text

    async def front():
        ds = datasette_for(tmp_path)
        await ds.invoke_startup()
        return await ds.client.get("/")

    page = asyncio.run(front())
    assert page.status_code == 200 and "turkeytoday" in page.text and "71" in page.text


def test_the_summaries_follow_every_writer(upgraded):
    index, _ = upgraded
    db = index.db
    row = dict(db.execute("select * from articles limit 1").fetchone()
               and next(db.query("select * from articles limit 1")))
    # the crawl's writer: a new capture of the same page, cleaned again with other cuts
    new = {**row, "capture_id": "<urn:uuid:new-version>", "fetched_at": "2031-05-06T07:08:09Z",
           "removed": json.dumps([{"rule": "ad-label", "text": "Anzeige"},
                                  {"rule": "ad-label", "text": "Anzeige"},
                                  {"rule": "read-also", "text": "Lesen Sie auch: X"}]),
           "word_count": 7}
    index.upsert_article(new)
    index.upsert_article({**new, "removed": json.dumps([{"rule": "site-profile",
                                                         "text": "Folgen Sie uns"}])})
    index.commit()
    assert kept(db) == recomputed(db)
    # hand edits, and recovery's deletes, go straight to the table
    db.execute("update articles set removed = ?, site = 'elsewhere', language = 'xx' "
               "where capture_id = ?", ['[{"rule": "x", "text": "y"}, "not a cut", 3]',
                                        row["capture_id"]])
    db.execute("update articles set removed = 'not json' where rowid = 3")
    db.execute("update articles set capture_id = '<renamed>' where rowid = 4")
    db.execute("delete from articles where rowid in (5, 6)")
    db.execute("delete from copy_groups where rowid = 1")
    db.execute("delete from captures where rowid = 7")
    assert kept(db) == recomputed(db)


def _article(index: Index, site: str, at: datetime, n: int) -> None:
    stamp = at.strftime("%Y-%m-%dT%H:%M:%SZ")
    index.upsert_row("articles", "capture_id", {
        "capture_id": f"<{site}-{n}>", "url": f"https://{site}.example/{n}", "site": site,
        "fetched_at": stamp, "published": stamp[:10], "language": "en", "word_count": 300,
        "text": f"story {n}", "removed": "[]"})


def test_stale_means_no_article_for_several_usual_intervals(tmp_path):
    index = Index(tmp_path / "index.db")
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)
    # twice a day for three weeks, the last one 30 hours ago: quiet, not stale
    for n in range(42):
        _article(index, "twice-a-day", now - timedelta(hours=30 + 12 * n), n)
    # every hour for a week, nothing for the last three days: stale
    for n in range(24 * 7):
        _article(index, "hourly", now - timedelta(hours=72 + n), n)
    # every hour, the last one an hour ago
    for n in range(100):
        _article(index, "busy", now - timedelta(hours=1 + n), n)
    index.start_crawl("c1", "news")
    index.finish_crawl("c1", "finished", {f"archive/sites/{site}/2xx": 5 for site in
                                          ("twice-a-day", "hourly", "busy", "silent")})
    index.upsert_row("captures", "record_id", {"record_id": "<last>", "url": "https://x/",
                                               "fetched_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                               "warc_file": "f.warc.gz", "warc_offset": 0})
    index.commit()
    sites, stale = site_health(index.db)
    assert {s["site"] for s in sites} == {"twice-a-day", "hourly", "busy", "silent"}
    by_site = {s["site"]: s for s in stale}
    assert set(by_site) == {"hourly", "silent"}
    assert by_site["hourly"]["quiet_hours"] == 72 and by_site["hourly"]["usual_hours"] <= 1.5
    assert by_site["silent"]["last_article"] is None
    index.close()


def test_a_profile_forgets_one_off_lines_and_keeps_the_widgets(tmp_path):
    index = Index(tmp_path / "index.db")
    pages = 3 * PROFILE_WINDOW
    for n in range(pages):
        lines = ["Widget: subscribe to our newsletter", f"A line of story {n} only.",
                 f"Another line that story {n} alone has."]
        index.record_profile("site", _CountedPage(f"story-{n}", tuple(
            (f"key-{line}", line) for line in lines)), f"<capture-{n}>")
    widget = index.db.execute("select pages from site_blocks where text like 'Widget%'"
                              ).fetchone()[0]
    one_off = index.db.execute("select count(*) from site_blocks where pages = 1").fetchone()[0]
    assert widget == pages
    assert one_off <= 2 * (PROFILE_WINDOW + PROFILE_PRUNE_EVERY) < 2 * pages
    assert index.site_profile("site").pages == pages
    index.close()


def test_the_copy_search_looks_back_a_window(tmp_path):
    index = Index(tmp_path / "index.db")
    rng = np.random.default_rng(0)
    base = rng.integers(0, 2**63, copies.PERMUTATIONS, dtype=np.uint64)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for n in range(1200):  # one article a day-ish, each unrelated
        at = (start + timedelta(hours=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
        values = base.copy() if n == 0 else rng.integers(0, 2**63, copies.PERMUTATIONS,
                                                          dtype=np.uint64)
        index.upsert_article({"capture_id": f"<a{n}>", "url": f"https://s{n % 5}/{n}",
                              "site": f"s{n % 5}", "fetched_at": at, "text": "x",
                              "removed": "[]"}, signature=values)
    index.commit()
    oldest = index.db.execute("select min(captured_at) from article_minhash").fetchone()[0]
    assert oldest > "2026-01-02"  # the first articles' signatures and bands are gone
    kept_bands = index.db.execute("select (select count(*) from minhash_bands) + "
                                  "(select count(*) from minhash_recent_bands)").fetchone()[0]
    assert kept_bands <= copies.BANDS * (24 * copies.WINDOW_DAYS + copies.SETTLE_EVERY)
    settled = index.db.execute("select count(*) from minhash_bands").fetchone()[0]
    assert settled and kept_bands > settled  # moved in one go, the newest still gathering
    # a copy of a recent article is still found
    recent = index.db.execute("select capture_id, signature from article_minhash "
                              "order by captured_at desc limit 1").fetchone()
    signature = np.frombuffer(recent[1], dtype="<u8").copy()
    signature[:8] = 1
    index.upsert_article({"capture_id": "<copy>", "url": "https://other/1", "site": "other",
                          "fetched_at": "2026-02-20T00:00:00Z", "text": "x", "removed": "[]"},
                         signature=signature)
    index.commit()
    assert index.db.execute("select copy_id from article_copies where capture_id = '<copy>'"
                            ).fetchone()[0] == recent[0]
    index.close()


def test_the_full_text_index_keeps_no_statistics_and_readers_take_none(tmp_path):
    """Statistics of the full-text index's tables taken while they were small once made every
    insert read all of them; a writer's close drops any, and a reader's close takes none."""
    index = Index(tmp_path / "index.db")
    _article(index, "site", datetime(2026, 1, 1, tzinfo=UTC), 1)
    index.db.execute("analyze")
    index.close()
    db = Index(tmp_path / "index.db").db
    assert not db.execute("select * from sqlite_stat1 where tbl like 'articles_fts%'").fetchall()
    db.execute("delete from sqlite_stat1")
    db.conn.commit()
    db.close()
    reader = Index(tmp_path / "index.db")
    reader.db.execute("select count(*) from articles where site = 'site'").fetchone()
    reader.close()
    import sqlite3
    assert not sqlite3.connect(tmp_path / "index.db").execute(
        "select * from sqlite_stat1").fetchall()


def test_an_upgraded_archive_gathers_new_bands_and_finds_copies_of_old_articles(upgraded):
    """m010: the bands of articles indexed before are found, a new article's bands gather
    apart, and the indexes that others begin with are gone."""
    index, _ = upgraded
    db = index.db
    assert "m010_settled_bands" in [r[0] for r in db.execute("select name from _sqlite_migrations")]
    indexes = {r[0] for r in db.execute("select name from sqlite_master where type = 'index'")}
    assert not {"idx_articles_site", "idx_articles_language"} & indexes
    assert {"idx_articles_site_fetched_at", "idx_articles_language_fetched_at"} <= indexes
    old = dict(next(db.query("select * from articles where capture_id in "
                             "(select capture_id from article_minhash) limit 1")))
    gathering = db.execute("select count(*) from minhash_recent_bands").fetchone()[0]
    copy = {**old, "capture_id": "<urn:uuid:a-copy>", "url": "https://elsewhere.example/1",
            "site": "elsewhere", "fetched_at": "2031-05-06T07:08:09Z"}
    index.upsert_article(copy)
    index.commit()
    assert db.execute("select count(*) from minhash_recent_bands").fetchone()[0] == \
        gathering + copies.BANDS
    assert db.execute("select copy_id from article_copies where capture_id = ?",
                      [copy["capture_id"]]).fetchone()[0] == old["capture_id"]
