"""What keeps a year's hourly writes as cheap as day one's: captures' URLs gathered apart and
moved in order (m014), site profiles that keep counts (m015). An index written before them
upgrades in place and answers the crawl's questions as it did."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
import sqlite_utils

from archive.store import summaries, urls
from archive.store.index import Index, _CountedPage, migrations
from archive.store.schema import execute_each
from bench.yearfill import Year
from cleaners.profile import MIN_PAGES

#: The crawl's questions as the code before m014 asked them, of its index on (url, fetched_at).
LAST_CAPTURE_BEFORE = (
    "select record_id, url, fetched_at, payload_digest, etag, last_modified "
    "from captures c where url = ? and record_type = 'response' and status = 200 "
    "and (skip_reason is not null "
    "or exists (select 1 from articles a where a.capture_id = c.record_id)) "
    "order by fetched_at desc limit 1")
LAST_FETCH_BEFORE = "select max(fetched_at) from captures where url = ?"


def answers(db, sql: str, urls_: list[str]) -> dict:
    """``sql``'s row for each URL, as a dict (or None)."""
    found = {}
    for url in urls_:
        cursor = db.execute(sql, [url])
        row = cursor.fetchone()
        found[url] = row and dict(zip([c[0] for c in cursor.description], row, strict=True))
    return found


def profiles(db) -> dict:
    """Each site's stories and its lines' counts, as the cleaner reads them."""
    return {site: (db.execute("select count(*) from site_pages where site = ?",
                              [site]).fetchone()[0],
                   dict(db.execute("select key, pages from site_blocks where site = ? "
                                   "and pages >= ?", [site, MIN_PAGES]).fetchall()))
            for (site,) in db.execute("select distinct site from site_pages")}


@pytest.fixture
def before_m014(index_0_1_0):
    """The 0.1.0 index brought to the schema of the code before m014 (through m013)."""
    path = index_0_1_0
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m014_capture_urls")
    db.close()
    return path


def test_an_index_written_before_upgrades_in_place(before_m014):
    db = sqlite3.connect(before_m014)
    assert db.execute("select 1 from sqlite_master where name = 'idx_captures_url_fetched_at'"
                      ).fetchone()
    all_urls = [url for (url,) in db.execute("select distinct url from captures")]
    captures, fetches = (answers(db, LAST_CAPTURE_BEFORE, all_urls),
                         {url: row["max(fetched_at)"] for url, row in
                          answers(db, LAST_FETCH_BEFORE, all_urls).items()})
    counted, lines = profiles(db), db.execute(
        "select site, key, pages, text from site_blocks order by site, key").fetchall()
    db.close()
    assert sum(row is not None for row in captures.values()) > 20
    assert any(count for _, (_, blocks) in counted.items() for count in blocks.values())

    index = Index(before_m014)
    db = index.db.conn
    applied = [name for (name,) in db.execute("select name from _sqlite_migrations")]
    assert applied[applied.index("m013_partial_body_and_facets") + 1:][:2] == [
        "m014_capture_urls", "m015_counted_site_lines"]
    assert not db.execute("select 1 from sqlite_master where name = "
                          "'idx_captures_url_fetched_at'").fetchone()
    assert {url: index.last_capture(url) for url in all_urls} == captures
    assert {url: index.last_fetch(url) for url in all_urls} == fetches
    # every line's count kept; the text of those seen on one page only dropped
    assert profiles(db) == counted
    after = db.execute("select site, key, pages, text from site_blocks order by site, key")
    assert [(s, k, p, t if p > 1 else None) for s, k, p, t in lines] == after.fetchall()
    assert db.execute("select count(*) from site_blocks where pages = 1").fetchone()[0] > 100
    index.close()


def test_new_captures_are_found_before_and_after_they_are_moved(before_m014, monkeypatch):
    monkeypatch.setattr(urls, "SETTLE_EVERY", 10)
    index = Index(before_m014)
    db = index.db.conn
    hub = db.execute("select url from captures where skip_reason = 'not-article' "
                     "group by url order by count(*) desc limit 1").fetchone()[0]
    before = index.last_capture(hub)
    row = dict(zip(("record_id", "url", "fetched_at", "payload_digest", "etag",
                    "last_modified"), (db.execute(
                        "select record_id, url, fetched_at, payload_digest, etag, last_modified "
                        "from captures where record_id = ?", [before["record_id"]]).fetchone()),
                   strict=True))
    fresh = {**row, "record_id": "<urn:uuid:0193b1f0-0000-7000-8000-000000000001>",
             "fetched_at": "2030-01-01T00:00:00Z", "etag": '"v2"'}
    index.upsert_row("captures", "record_id", {
        **fresh, "host": hub.split("/")[2], "status": 200, "record_type": "response",
        "skip_reason": "not-article", "warc_file": "later.warc.gz", "warc_offset": 0})
    assert db.execute("select count(*) from capture_urls_recent").fetchone()[0] == 1
    assert index.last_capture(hub) == fresh
    assert index.last_fetch(hub) == "2030-01-01T00:00:00Z"
    # a capture not yet processed (a crash cut it short) does not count, but was fetched
    index.upsert_row("captures", "record_id", {
        **fresh, "record_id": "<urn:uuid:0193b1f0-0000-7000-8000-000000000002>",
        "fetched_at": "2030-01-02T00:00:00Z", "skip_reason": None,
        "warc_file": "later.warc.gz", "warc_offset": 1})
    assert index.last_capture(hub) == fresh
    assert index.last_fetch(hub) == "2030-01-02T00:00:00Z"
    # the crawl's writer moves them, in order, once enough have gathered
    for n in range(10):
        index.upsert_row("captures", "record_id", {
            "record_id": f"<urn:uuid:moved-{n}>", "url": f"https://elsewhere.example/{n}",
            "fetched_at": "2030-01-03T00:00:00Z", "warc_file": "later.warc.gz",
            "warc_offset": 10 + n})
    assert urls.settle(db)
    assert db.execute("select count(*) from capture_urls_recent").fetchone()[0] == 0
    assert index.last_capture(hub) == fresh
    assert index.last_fetch(hub) == "2030-01-02T00:00:00Z"
    # another capture of the URL in the same second, deleted: the first is still found
    twin = "<urn:uuid:0193b1f0-0000-7000-8000-000000000003>"
    index.upsert_row("captures", "record_id", {
        **fresh, "record_id": twin, "host": hub.split("/")[2], "status": 200,
        "record_type": "response", "warc_file": "later.warc.gz", "warc_offset": 2})
    db.execute("delete from captures where record_id = ?", [twin])
    assert index.last_capture(hub) == fresh
    # recovery deletes what a crashed batch left: the URL's answers are the older ones again
    db.execute("delete from captures where record_id like '<urn:uuid:0193b1f0-%'")
    assert index.last_capture(hub) == before
    assert index.last_fetch(hub) == before["fetched_at"]
    index.close()


def test_a_line_keeps_its_text_once_it_repeats(tmp_path):
    index = Index(tmp_path / "index.db")
    widget, seen = "Subscribe to our newsletter", {}
    for n in range(3):
        page = _CountedPage(f"story-{n}", (("k-widget", widget), (f"k-{n}", f"Line {n}.")))
        index.record_profile("site", page, f"<capture-{n}>")
        seen[n] = index.db.execute("select pages, text, first_seen from site_blocks "
                                   "where key = 'k-widget'").fetchone()
    first = index.db.execute("select counted_at from site_pages where rowid = 1").fetchone()[0]
    assert seen[0] == (1, None, None)
    assert seen[1] == (2, widget, first) and seen[2] == (3, widget, first)
    assert index.db.execute("select text from site_blocks where key = 'k-0'").fetchone() == (None,)
    assert index.site_profile("site").blocks == {"k-widget": 3}
    index.close()


def test_a_writer_s_close_reads_the_articles_again_only_as_they_grow(tmp_path):
    """An archive none of whose articles is ``partial`` (nor any version retitled): each of
    those partial indexes is given a statistic, so that ``PRAGMA optimize`` at a writer's close
    no longer analyzes the articles and their versions whole every time (SQLite before 3.46
    does so for a table used with an index lacking one)."""
    index = Index(tmp_path / "index.db", commit_every=1.0)
    Year(index, articles=300, sites=6, days=2).fill(lambda point: None)
    index.db.execute("analyze")
    index.close()
    db = sqlite3.connect(tmp_path / "index.db")
    stats = dict(db.execute("select idx, stat from sqlite_stat1 "
                            "where tbl in ('articles', 'article_versions')").fetchall())
    assert stats["articles_partial"] == stats["article_versions_retitled"] == "1 1"
    site, url = db.execute("select site, url from articles limit 1").fetchone()
    db.execute("select * from articles where site = ? order by fetched_at desc limit 5",
               [site]).fetchall()
    db.execute("select * from article_versions where url = ?", [url]).fetchall()
    assert db.execute("select * from articles where partial = 1 order by fetched_at desc "
                      "limit 5").fetchall() == []
    plan = db.execute("explain query plan select * from articles where partial = 1 "
                      "order by fetched_at desc limit 5").fetchall()
    assert "articles_partial" in plan[0][-1]
    would = [sql for (sql,) in db.execute("pragma optimize(0x03)")]  # what it would analyze
    assert not [sql for sql in would if sql.endswith(('"articles"', '"article_versions"'))], would
    db.close()


def _cut_statements() -> list[str]:
    """The statements the article triggers run for an article's cuts, its columns as
    parameters (a trigger's own plan is not shown by ``EXPLAIN QUERY PLAN``)."""
    sql = re.sub(r"\bnew\.(\w+)", r":\1", summaries._cuts_of("new"))
    return [statement for statement in sql.split(";") if statement.strip()]


def test_a_cut_s_text_is_found_by_its_key_whatever_the_statistics(tmp_path):
    """Statistics a young archive's close takes (a few dozen cut texts) made SQLite read every
    cut text for each article written, however many there were by then."""
    index = Index(tmp_path / "index.db", commit_every=1.0)
    Year(index, articles=20, sites=6, days=1).fill(lambda point: None)
    index.db.execute("analyze")
    index.close()
    db = sqlite3.connect(tmp_path / "index.db")
    stat = db.execute("select stat from sqlite_stat1 where idx = 'cut_texts_key'"
                      ).fetchone()[0]
    assert 0 < int(stat.split()[0]) < 60  # a young archive's few
    for statement in _cut_statements():
        plan = [row[-1] for row in db.execute(f"explain query plan {statement}",
                                              {"removed": "[]", "capture_id": "x", "site": "s"})]
        assert not [step for step in plan if re.match(r"SCAN t\b", step)], plan
    assert any("cut_texts_key" in row[-1] for row in db.execute(
        f"explain query plan {_cut_statements()[1]}",
        {"removed": "[]", "capture_id": "x", "site": "s"}))
    db.close()


@pytest.fixture
def before_m016(index_0_1_0):
    """The 0.1.0 index brought to the schema of the code before m016 (through m015), its cut
    triggers as that code wrote them (m008 now writes today's)."""
    db = sqlite_utils.Database(index_0_1_0)
    migrations.apply(db, stop_before="m016_cuts_found_by_their_text")
    for name in ("articles_cuts_insert", "articles_cuts_update"):
        db.execute(f"drop trigger {name}")
    execute_each(db, summaries.CUT_TRIGGERS.replace("cross join cut_texts", "join cut_texts"))
    db.conn.commit()
    db.close()
    return index_0_1_0


def test_the_cut_triggers_are_renewed_in_place_and_write_the_same_rows(before_m016):
    db = sqlite3.connect(before_m016)
    trigger = "select sql from sqlite_master where name = 'articles_cuts_insert'"
    assert "cross join" not in db.execute(trigger).fetchone()[0]
    before = db.execute("select count(*), sum(articles) from cut_texts").fetchone()
    db.close()
    index = Index(before_m016)
    assert "cross join cut_texts" in index.db.execute(trigger).fetchone()[0]
    assert index.db.execute("select count(*), sum(articles) from cut_texts").fetchone() == before
    cuts = [{"rule": "ad-label", "text": "Advertisement"},
            {"rule": "headline-list", "text": "Most read\nMinister resigns"},
            {"rule": "ad-label", "text": "Advertisement"}]
    for n in (1, 2):
        index.upsert_article({"capture_id": f"<urn:uuid:cut-{n}>", "url": f"https://s.example/{n}",
                              "site": "s", "fetched_at": f"2031-01-0{n}T00:00:00Z",
                              "text": "Text.", "removed": json.dumps(cuts[:2 + n - 1])})
    index.commit()
    rows = index.db.execute(
        "select k.capture_id, t.rule, t.text, k.times, t.articles from article_cuts k "
        "join cut_texts t on t.id = k.cut_id where k.capture_id like '<urn:uuid:cut-%' "
        "order by 1, 2").fetchall()
    assert rows == [("<urn:uuid:cut-1>", "ad-label", "Advertisement", 1, 2),
                    ("<urn:uuid:cut-1>", "headline-list", "Most read\nMinister resigns", 1, 2),
                    ("<urn:uuid:cut-2>", "ad-label", "Advertisement", 2, 2),
                    ("<urn:uuid:cut-2>", "headline-list", "Most read\nMinister resigns", 1, 2)]
    index.close()


#: How the code before m019 wrote an article's cuts: each text looked up by the whole of it.
_JSON_CUT = "case when j.type = 'object' then json_extract(j.value, '$.{}') end"
_CUTS_BEFORE_M019 = (
    "insert into cut_texts (rule, text) select distinct coalesce({rule}, ''), {text} "
    "from json_each(case when json_valid(new.removed) then new.removed end) j "
    "where {has_text} on conflict (rule, text) do nothing; "
    "insert into article_cuts (capture_id, cut_id, site, times) "
    "select new.capture_id, t.id, new.site, count(*) "
    "from json_each(case when json_valid(new.removed) then new.removed end) j "
    "cross join cut_texts t on t.rule = coalesce({rule}, '') and t.text = {text} "
    "where {has_text} group by t.id;").format(
        rule=_JSON_CUT.format("rule"), text=_JSON_CUT.format("text"),
        has_text="case when j.type = 'object' then json_type(j.value, '$.text') end = 'text'")


@pytest.fixture
def before_m019(index_0_1_0):
    """The 0.1.0 index brought to the schema of the code before m019 (through m018): cut texts
    keyed by their whole text, and the triggers that looked them up by it."""
    db = sqlite_utils.Database(index_0_1_0)
    migrations.apply(db, stop_before="m019_cuts_by_a_short_key")
    db.execute("drop index cut_texts_key")
    db.execute("create unique index cut_texts_rule_text on cut_texts (rule, text)")
    for name in ("articles_cuts_insert", "articles_cuts_update"):
        db.execute(f"drop trigger {name}")
    db.execute("create trigger articles_cuts_insert after insert on articles begin "
               f"{_CUTS_BEFORE_M019} end")
    db.execute("create trigger articles_cuts_update after update of removed, site, capture_id "
               "on articles begin delete from article_cuts where capture_id in "
               f"(old.capture_id, new.capture_id); {_CUTS_BEFORE_M019} end")
    db.conn.commit()
    db.close()
    return index_0_1_0


def _cut_rows(db) -> tuple[list, list]:
    return (db.execute("select id, rule, text, articles from cut_texts order by id").fetchall(),
            db.execute("select capture_id, cut_id, site, times from article_cuts "
                       "order by 1, 2").fetchall())


def test_cut_texts_are_found_by_a_short_key_once_upgraded(before_m019):
    """m019: the cut texts' index holds a short key, not the whole text, and the triggers find
    a text by it; texts that share the key are told apart by the text itself."""
    db = sqlite3.connect(before_m019)
    texts, cuts = _cut_rows(db)
    db.close()
    assert len(texts) > 10
    assert max(len(text) for _, _, text, _ in texts) > 2 * summaries.KEY_CHARACTERS
    index = Index(before_m019)
    db = index.db.conn
    names = {name for (name,) in db.execute("select name from sqlite_master "
                                            "where tbl_name = 'cut_texts'")}
    assert "cut_texts_key" in names and "cut_texts_rule_text" not in names
    assert _cut_rows(db) == (texts, cuts)  # nothing renumbered or lost
    rule, known = texts[0][1], texts[0][2]
    # one middle character apart: the same rule, length, first and last characters
    twins = [f"Most read\nMinister resigns over {x} budget leak\nStorm closes ports again"
             for x in ("a", "b")]
    for n, removed in enumerate(([known, twins[0]], [twins[1], known, twins[1]], twins)):
        index.upsert_article({"capture_id": f"<urn:uuid:key-{n}>", "url": f"https://s.example/{n}",
                              "site": "s", "fetched_at": f"2031-01-0{n + 1}T00:00:00Z",
                              "text": "Text.", "removed": json.dumps(
                                  [{"rule": rule, "text": text} for text in removed])})
    index.commit()
    after = dict(((r, t), a) for _, r, t, a in _cut_rows(db)[0])
    assert len(after) == len(texts) + 2  # each text once
    assert after[(rule, twins[0])] == after[(rule, twins[1])] == 2
    assert after[(rule, known)] == texts[0][3] + 2
    assert db.execute("select k.capture_id, t.text, k.times from article_cuts k join cut_texts t "
                      "on t.id = k.cut_id where k.capture_id = '<urn:uuid:key-1>' "
                      "order by 2").fetchall() == sorted(
                          [("<urn:uuid:key-1>", known, 1), ("<urn:uuid:key-1>", twins[1], 2)],
                          key=lambda row: row[1])
    params = {"removed": "[]", "capture_id": "x", "site": "s"}
    for statement in _cut_statements():
        plan = [row[-1] for row in db.execute(f"explain query plan {statement}", params)]
        assert any("USING INDEX cut_texts_key (rule=? AND <expr>=? AND <expr>=? AND <expr>=?)"
                   in step for step in plan), plan
    index.close()
