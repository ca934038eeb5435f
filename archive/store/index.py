"""The SQLite index: captures, articles and crawls, with full-text search, via sqlite-utils.

The schema is versioned with sqlite-utils migrations; every row names the WARC file, offset and
length of the record it describes, so the archive itself stays the source of truth.
"""

from __future__ import annotations

import errno
import json
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

from archive.store import copies, summaries, urls, versions
from archive.store.diskfull import ROOM_TO_START, is_disk_full, room
from archive.store.reader import REAL_SKIP, IndexDamaged, check_whole, is_busy, run_pragma
from cleaners.habits import cut_affixes, page_habits
from cleaners.profile import HABIT_MIN_PAGES, MIN_PAGES, SiteProfile, block_key, story_key

migrations = Migrations("newsarchive")


@migrations()
def m001_initial(db):
    db["crawls"].create({
        "id": str, "spider": str, "started_at": str, "finished_at": str, "outcome": str,
        "pages": int, "articles": int, "skipped": int, "errors": int, "stats": str,
    }, pk="id")
    db["captures"].create({
        "record_id": str, "url": str, "host": str, "fetched_at": str, "status": int, "mime": str,
        "content_length": int, "payload_digest": str, "ip_address": str, "truncated": str,
        "warc_file": str, "warc_offset": int, "warc_length": int, "crawl_id": str,
        "skip_reason": str, "record_type": str, "refers_to": str, "etag": str,
        "last_modified": str,
    }, pk="record_id")
    db["captures"].create_index(["url"])
    db["captures"].create_index(["crawl_id"])
    db["captures"].create_index(["warc_file", "warc_offset"], unique=True)
    db["articles"].create({
        "capture_id": str, "url": str, "canonical_url": str, "site": str, "title": str,
        "author": str, "published": str, "fetched_at": str, "sitename": str, "description": str,
        "language": str, "language_probability": float, "declared_language": str, "charset": str,
        "text": str, "word_count": int, "text_digest": str, "cleaner_version": str,
        "removed": str, "removed_count": int,
        "conversion_file": str, "conversion_offset": int, "conversion_length": int,
        "conversion_id": str, "metadata_file": str, "metadata_offset": int,
        "metadata_length": int, "processed_at": str,
    }, pk="capture_id", foreign_keys=[("capture_id", "captures", "record_id")])
    for column in ("site", "language", "published", "url"):
        db["articles"].create_index([column])
    db["articles"].enable_fts(["title", "text"], create_triggers=True)


@migrations()
def m002_site_profiles(db):
    """Site profiles: the stories seen per site, and on how many of them each block occurs."""
    db["site_pages"].create({"site": str, "story": str, "capture_id": str, "counted_at": str},
                            pk=("site", "story"))
    db["site_blocks"].create({"site": str, "key": str, "text": str, "pages": int,
                              "first_seen": str}, pk=("site", "key"))
    db["site_blocks"].create_index(["site", "pages"])


@migrations()
def m003_newest_first(db):
    """Datasette lists captures and articles newest first: walk an index, not sort the table."""
    db["captures"].create_index(["fetched_at"])
    db["articles"].create_index(["fetched_at"])


@migrations()
def m004_cleaning_guards(db):
    """The guards that kept the cleaner from cutting text (a JSON array of "name: why")."""
    db["articles"].add_column("guards", str)


@migrations()
def m005_article_versions(db):
    """Versions of each article (by URL) and the articles that disappeared; existing rows get
    their versions at once."""
    versions.create_tables(db)
    for (url,) in db.execute("select distinct url from articles").fetchall():
        versions.update_versions(db.conn, url)


@migrations()
def m006_copies(db):
    """MinHash signatures, LSH bands and copy groups; existing articles are indexed at once."""
    copies.create_tables(db)
    for capture_id, text in db.execute("select capture_id, text from articles "
                                       "order by fetched_at").fetchall():
        copies.index_copies(db.conn, capture_id, text or "")


@migrations()
def m007_truncated_articles(db):
    """Articles cleaned from a truncated capture say so (WARC-Truncated: length, time, ...)."""
    db["articles"].add_column("truncated", str)
    db.execute("update articles set truncated = (select truncated from captures "
               "where record_id = articles.capture_id)")


#: Captures that failed: an HTTP status other than 200 (a 304 revisit is no failure), or a page
#: that could not be read or cleaned. A partial index holds just these, and the canned query
#: ``failed_captures`` repeats this condition word for word so that SQLite uses it.
FAILED_CAPTURE = ("((coalesce(status, 0) != 200 and not (record_type = 'revisit' and "
                  "status = 304)) or (skip_reason is not null and skip_reason != 'not-article'))")
#: Articles a cleaning guard kept whole (``kept_by_a_guard``).
GUARDED = "(guards is not null and guards != '[]')"


@migrations()
def m008_a_year_of_sites(db):
    """Indexes for every query the crawl and the pages make, and summaries kept at write time
    (:mod:`archive.store.summaries`), so that both cost the same in a year as on day one."""
    db.execute("drop index if exists idx_captures_url")  # the pair serves what it did
    db["captures"].create_index(["url", "fetched_at"])
    db["articles"].create_index(["site", "fetched_at"])
    db["articles"].create_index(["language", "fetched_at"])
    db["captures"].create_index(["status"])
    db["captures"].create_index(["host", "fetched_at"])
    db["site_blocks"].create_index(["pages"])
    db.execute(f"create index captures_failed on captures (fetched_at) where {FAILED_CAPTURE}")
    db.execute(f"create index captures_skipped on captures (skip_reason) where {REAL_SKIP}")
    db.execute(f"create index articles_guarded on articles (fetched_at) where {GUARDED}")
    db.execute("create index article_versions_changed on article_versions (captured_at) "
               "where version > 1")
    db.execute("create index article_versions_retitled on article_versions (captured_at) "
               "where title_changed")
    db["article_removals"].create_index(["removed_at"])
    db["crawls"].create_index(["started_at"])
    db["site_pages"].create_index(["capture_id"])
    db["site_pages"].create_index(["site"])
    db["site_blocks"].add_column("first_page", int)
    db.execute("update site_blocks set first_page = 0 where pages = 1")
    copies.add_capture_times(db)
    summaries.create_tables(db)
    analyze(db)


#: The article's metadata beyond title, byline and day (``cleaners.Document``); JSON columns
#: hold arrays (``authors``, ``credits``, ``keywords``) or an object (``metadata_sources``).
METADATA_COLUMNS = {"authors": str, "credits": str, "publisher": str, "published_at": str,
                    "modified": str, "section": str, "keywords": str, "image": str,
                    "article_type": str, "free": int, "metadata_sources": str}


@migrations()
def m009_article_metadata(db):
    """Structured metadata, each field with its source, and a table of the people and
    credits on each byline, so that Datasette facets by person; existing rows get the fields
    with ``reprocess``, and their byline in the new table at once."""
    for column, kind in METADATA_COLUMNS.items():
        db["articles"].add_column(column, kind)
    db["article_authors"].create({"capture_id": str, "author": str, "role": str,
                                  "position": int}, pk=("capture_id", "position"))
    db["article_authors"].create_index(["author"])
    db["article_authors"].create_index(["role", "author"])
    db["articles"].create_index(["section"])
    db.conn.executemany(  # the bylines as the table was then (their time: m021)
        "insert into article_authors (capture_id, author, role, position) "
        "values (?, ?, 'author', ?)",
        [(capture_id, name, position) for capture_id, author in db.execute(
            "select capture_id, author from articles where author is not null").fetchall()
         for position, name in enumerate(author.split("; "))])


def write_authors(conn, capture_id: str, people: list, credits: list) -> None:
    """An article's byline as rows: its people (role ``author``), then its credits; each with
    the article's capture time, read from its row (written first), whatever the caller
    passed."""
    conn.execute("delete from article_authors where capture_id = ?", [capture_id])
    conn.executemany(
        "insert into article_authors (capture_id, author, role, position, fetched_at) "
        "values (?1, ?2, ?3, ?4, (select fetched_at from articles where capture_id = ?1))",
        [(capture_id, name, role, position) for position, (name, role) in enumerate(
            [(name, "author") for name in people] + [(name, "credit") for name in credits])])


@migrations()
def m010_settled_bands(db):
    """New articles' MinHash bands gather in a small table and are moved in band order into
    the month's (:func:`archive.store.copies.settle`); and two indexes go that others hold as
    their first column (``articles(site, fetched_at)``, ``articles(language, fetched_at)``):
    a year's commit wrote a page of each for every article."""
    copies.create_recent_bands(db)
    db.execute("drop index if exists idx_articles_site")
    db.execute("drop index if exists idx_articles_language")


@migrations()
def m011_site_habits(db):
    """Site habits (:mod:`cleaners.habits`): per site, on how many of its stories each byline
    name and each title part occurs, counted with the site profile; existing archives learn
    them with ``reprocess``."""
    db["site_habits"].create({"site": str, "kind": str, "value": str, "pages": int,
                              "first_page": int}, pk=("site", "kind", "value"))
    db["site_habits"].create_index(["site", "pages"])


@migrations()
def m013_partial_body_and_facets(db):
    """Whether the page's own structured body is much longer than the article's text, and
    where the text came from (existing rows get both with ``reprocess``); indexes for the
    facets by section and publication day, and for their pages, newest first."""
    db["articles"].add_column("partial", int)
    db["articles"].add_column("text_source", str)
    db.execute("create index articles_partial on articles (fetched_at) where partial = 1")
    db.execute("drop index if exists idx_articles_section")  # the pairs serve what they did
    db.execute("drop index if exists idx_articles_published")
    db["articles"].create_index(["section", "fetched_at"])
    db["articles"].create_index(["published", "fetched_at"])


@migrations()
def m014_capture_urls(db):
    """Captures by URL in a table of their own, new ones gathered apart and moved in URL order
    (:mod:`archive.store.urls`), instead of an index of every capture by ``(url, fetched_at)``:
    hourly crawls wrote that index at a dozen places per site and hour."""
    urls.create_tables(db)
    db.execute("drop index if exists idx_captures_url_fetched_at")
    analyze(db, ("capture_urls",))


#: A site profile's lines (``m015_counted_site_lines``): a line seen on one page only is a count
#: (its site, key and first page); its text, and when it was first counted, are written once
#: it repeats.
SITE_BLOCKS = ("site text not null, key text not null, pages integer not null, "
               "first_page integer, text text, first_seen text, primary key (site, key)")


@migrations()
def m015_counted_site_lines(db):
    """Site profiles keep counts: a line's text (and when it was first counted) is kept once
    it repeats, and the table is keyed by site and line alone, its other indexes ending with
    the page that first counted a line, so that a page's new lines are added at their ends.
    Existing one-off lines keep their count and lose their text."""
    db.execute(f"create table site_blocks_counted ({SITE_BLOCKS}) without rowid")
    db.execute("insert into site_blocks_counted (site, key, pages, first_page, text, first_seen) "
               "select site, key, pages, first_page, case when pages > 1 then text end, "
               "case when pages > 1 then first_seen end from site_blocks "
               "where site is not null and key is not null")
    db.execute("drop table site_blocks")
    db.execute("alter table site_blocks_counted rename to site_blocks")
    db.execute("create index site_blocks_site_pages on site_blocks (site, pages, first_page)")
    db.execute("create index site_blocks_pages on site_blocks (pages, first_page)")
    analyze(db, ("site_blocks",))


@migrations()
def m016_cuts_found_by_their_text(db):
    """The triggers that write an article's cuts look each cut's text up by its key, whatever
    the planner's statistics say (:func:`archive.store.summaries.renew_cut_triggers`): with
    those a young archive's first close took, every article read every cut text."""
    summaries.renew_cut_triggers(db)


@migrations()
def m018_habits_held(db):
    """Whether each site habit held at the last run's end: the run's end cleans again a habit's
    pages when that changes (:func:`archive.store.profiles.habit_stale`). An archive upgraded
    takes what holds now, so that nothing is cleaned again for the upgrade."""
    db["site_habits"].add_column("held", int, not_null_default=0)
    sites = db.execute("select site, count(*) from site_pages group by site").fetchall()
    for site, pages in sites:
        settle_habits(db.conn, site, pages)


@migrations()
def m019_cuts_by_a_short_key(db):
    """Cut texts looked up by a short key (:data:`archive.store.summaries.CUT_KEY`), not their
    whole text: keyed by texts of hundreds of bytes, the index had a few keys a page and kept
    deepening (five levels in a year's archive), each hour's close copying its path for every
    new text. The key's index is built from the rows there are; the triggers that write cuts
    are made again to look texts up by it."""
    db.execute("drop index if exists cut_texts_rule_text")
    db.execute(f"create index if not exists cut_texts_key on cut_texts ({summaries.CUT_KEY})")
    summaries.renew_cut_triggers(db)
    analyze(db, ("cut_texts",))


@migrations()
def m020_articles_by_url_and_time(db):
    """A URL's article rows by capture time: whether a new capture is the URL's latest (its
    version is then added after the last, :func:`archive.store.versions.update_versions`) is
    one look, not a read of each of its rows (a live blog has hundreds). The pair serves what
    the index on ``url`` alone did."""
    db.execute("drop index if exists idx_articles_url")
    db["articles"].create_index(["url", "fetched_at"], if_not_exists=True)
    analyze(db, ("idx_articles_url_fetched_at",))  # the new index alone


@migrations()
def m021_bylines_by_capture_time(db):
    """Each byline with its article's capture time, and the index on ``author`` made
    ``(author, fetched_at)`` (it serves what that one did): a person's newest articles are read
    from their end of it (:mod:`archive.web.facets`). Their page walked the capture-time index
    keeping the rows in a list of every article they signed, made first: for a writer of
    71,598 bylines among a million articles, each byline looked up twice (285 ms)."""
    db["article_authors"].add_column("fetched_at", str)
    db.execute("update article_authors set fetched_at = (select fetched_at from articles "
               "where articles.capture_id = article_authors.capture_id)")
    db.execute("drop index if exists idx_article_authors_author")
    db["article_authors"].create_index(["author", "fetched_at"], if_not_exists=True)
    analyze(db, ("idx_article_authors_author_fetched_at",))  # the new index alone


def settle_habits(conn: sqlite3.Connection, site: str, pages: int) -> None:
    """Mark ``site``'s habits held as :meth:`~cleaners.profile.SiteProfile.habit` says they
    hold on ``pages`` stories (a habit row with fewer stories than a habit needs stays 0)."""
    counted = {(kind, value): count for kind, value, count in conn.execute(
        "select kind, value, pages from site_habits where site = ? and pages >= ?",
        [site, HABIT_MIN_PAGES]).fetchall()}
    profile = SiteProfile(site, pages, habits=counted)
    conn.executemany("update site_habits set held = ? where site = ? and kind = ? and value = ?",
                     [(int(profile.habit(kind, value) is not None), site, kind, value)
                      for kind, value in counted])


#: Tables that grow with every article or capture (the summaries grow with sites and days): no
#: page or command may read one whole, and the web pages show them without a row count.
GROWING = ("articles", "captures", "crawls", "article_versions", "article_removals",
           "article_copies", "copy_groups", "copy_group_sizes", "article_minhash", "minhash_bands",
           "minhash_recent_bands",
           "site_pages", "site_blocks", "site_habits", "cut_texts", "article_cuts",
           "article_authors", "capture_urls")
#: (Not ``capture_urls_recent``: it holds the captures' URLs until 5,000 have gathered, and is
#: counted, whole, each time a writer asks whether to move them.)
#: Tables whose statistics SQLite's planner is given once they hold enough rows to be typical;
#: never the full-text index's own tables, whose internal queries stay on their rowid (a
#: statistic taken while it held two rows once made every insert scan all of it).
ANALYZED = (*GROWING, "article_days")
#: Articles from which an archive's statistics are worth taking.
ANALYZE_FROM = 10_000


def forget_fts_statistics(db) -> None:
    """The full-text index's own tables keep no statistics (``pragma optimize`` may take some
    while they are small, and keep them as they grow)."""
    if db.execute("select 1 from sqlite_master where name = 'sqlite_stat1'").fetchone():
        db.execute("delete from sqlite_stat1 where tbl like 'articles!_fts%' escape '!'")


def note_empty_partial_indexes(db) -> None:
    """Give a partial index that holds no row a statistic saying so. ``ANALYZE`` writes none for
    it, and SQLite before 3.46 has ``PRAGMA optimize`` analyze again, whole, any table used
    with an index lacking one: an archive none of whose articles is ``partial`` (or none of
    whose versions changed title) had its articles read at each writer's close (0.23 s, and
    the versions 0.09 s, at 232,000 articles), not once the table had grown 25 times. A partial
    index does not give its table's row count, so the one row it is said to hold misleads no
    plan; the next ``ANALYZE`` of the table replaces it."""
    if not db.execute("select 1 from sqlite_master where name = 'sqlite_stat1'").fetchone():
        return
    db.execute("insert into sqlite_stat1 (tbl, idx, stat) select m.tbl_name, m.name, '1 1' "
               "from sqlite_master m join pragma_index_list(m.tbl_name) l on l.name = m.name "
               "where m.type = 'index' and l.partial "
               "and m.tbl_name in (select tbl from sqlite_stat1) "
               "and m.name not in (select idx from sqlite_stat1 where idx is not null)")


def analyze(db, tables=ANALYZED) -> bool:
    """Give the planner statistics of a grown archive (``PRAGMA optimize`` at each close then
    refreshes them as it grows); a young one keeps SQLite's defaults, which fit it better than
    figures taken while it was small. A migration gives those of the tables it makes at once,
    rather than leave them to the ``PRAGMA optimize`` of a crawl's close, which before SQLite
    3.46 reads a table whole to analyze it."""
    if db.execute("select count(*) from articles").fetchone()[0] < ANALYZE_FROM:
        return False
    for table in tables:
        db.execute(f"analyze [{table}]")
    note_empty_partial_indexes(db)
    return True


#: A page's line counted into its site's profile: its text, and when its first page was
#: counted, are written when it repeats.
_COUNT_LINE = ("insert into site_blocks (site, key, pages, first_page) values (?1, ?2, 1, ?3) "
               "on conflict (site, key) do update set pages = pages + 1, "
               "text = coalesce(text, ?4), first_seen = coalesce(first_seen, "
               "(select counted_at from site_pages where rowid = site_blocks.first_page))")


@dataclass(frozen=True)
class _CountedPage:
    """What a site profile counts of a page (a :class:`~cleaners.Document` has the same)."""

    story: str
    blocks: tuple
    habits: tuple = ()


def counted_page(row: dict) -> _CountedPage:
    """What a site profile counts of an article row: its text's lines with those the profile
    cut from it, and the habits it shows (a field the row lacks is read as empty)."""
    lines = [line for line in (row.get("text") or "").split("\n") if line]
    lines += [line for cut in json.loads(row.get("removed") or "[]")
              if cut.get("rule") == "site-profile"
              for line in cut["text"].split("\n") if line]
    return _CountedPage(story_key(lines), tuple((block_key(x), x) for x in lines),
                        _row_habits(row))


def _row_habits(row: dict) -> tuple:
    """What an article row shows of its site's habits: its byline's names, and its title's
    parts with those a habit cut put back."""
    sources = json.loads(row.get("metadata_sources") or "{}")
    title = row.get("title") or ""
    for kind, part in cut_affixes(sources):
        title = f"{title} {part}" if kind == "title-suffix" else f"{part} {title}"
    names = json.loads(row.get("authors") or "[]") + json.loads(row.get("credits") or "[]")
    return page_habits([title], names)


#: A line seen on one page of a site and on none of the next this many is forgotten...
PROFILE_WINDOW = 200
#: ... looked for about once every this many pages counted.
PROFILE_PRUNE_EVERY = 50


#: The page cache of a connection, in KiB (SQLite's default is 2 MiB). Every row written touches
#: a page of each of its table's indexes, scattered across a year's gigabytes; pages kept from
#: one commit to the next are read once: in a year of a hundred sites, writing an article cost
#: 1.8-2.2 times what it cost in an empty archive with the default, 1.5 times with this (a
#: capture 1.4-1.7 times, 1.15). Allocated as pages are read: a short command pays nothing.
CACHE_KIB = 256 * 1024
#: Pages the write-ahead log holds before they are copied into the index (SQLite's default is
#: 1,000): a page written again and again between two checkpoints is copied once. Hourly crawls
#: of a year's index rewrite the same pages each hour (each hub's URL, each site's newest
#: captures): with 100,000 pages (400 MB of log at most), checkpoints copy half the pages they
#: copy with 10,000, and the crawl's commits cost 40% less (``python -m bench.year``).
WAL_CHECKPOINT_PAGES = 100_000


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def capture_row(record, location, crawl_id: str | None, capture=None,
                skip_reason: str | None = None) -> dict:
    """A record's row of ``captures``: ``capture``, the capture read from its payload."""
    rec, http = record.rec_headers, record.http_headers
    url = rec.get_header("WARC-Target-URI")
    return {
        "record_type": record.rec_type,
        "refers_to": rec.get_header("WARC-Refers-To"),
        "etag": http.get_header("ETag") if http else None,
        "last_modified": http.get_header("Last-Modified") if http else None,
        "record_id": location.record_id,
        "url": url,
        "host": url.split("/")[2] if "//" in url else None,
        "fetched_at": rec.get_header("WARC-Date"),
        "status": int(http.get_statuscode() or 0) if http else None,
        "mime": capture.mime if capture else None,
        "content_length": len(capture.body) if capture else None,
        "payload_digest": rec.get_header("WARC-Payload-Digest"),
        "ip_address": rec.get_header("WARC-IP-Address"),
        "truncated": rec.get_header("WARC-Truncated"),
        "warc_file": location.filename,
        "warc_offset": location.offset,
        "warc_length": location.length,
        "crawl_id": crawl_id,
        **({"skip_reason": skip_reason} if skip_reason else {}),
    }


#: How an index is opened (sqlite-utils' ``enable_wal`` leaves its ``journal_mode`` unread).
_PRAGMAS = ("journal_mode=wal", "synchronous=NORMAL", "busy_timeout=30000",
            f"cache_size=-{CACHE_KIB}", f"wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")


class Index:
    """A handle on ``index.db``: opened in WAL mode so readers never block the crawl.

    With ``commit_every`` (seconds), writes are committed in batches instead of one by one: a
    commit flushes the full-text index's pending terms into a new segment, and one per page was
    the crawl process's largest cost after Scrapy itself. Rows of a batch lost to a crash are
    rebuilt from the WARC files by recovery (captures) or by fetching the page again (articles).
    """

    def __init__(self, path, commit_every: float = 0.0):
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        check_whole(path)
        # No sqlite-utils plugins (the archive has none): looking for them reads the metadata
        # of every installed package, 27 ms of CPU in each process (a reindex of the demo: 0.3 s)
        self.db = sqlite_utils.Database(path, execute_plugins=False)
        try:
            for setting in _PRAGMAS:
                run_pragma(self.db.conn, setting)
            migrations.apply(self.db)
        except sqlite3.DatabaseError as exc:
            self.db.close()
            if not is_disk_full(exc) and room(path.parent) < ROOM_TO_START:  # "disk I/O error"
                raise OSError(errno.ENOSPC, f"No space left on device to open the index ({exc})",
                              str(path)) from exc
            if is_busy(exc):
                raise
            raise IndexDamaged(f"{path} cannot be read ({exc})") from exc
        self.commit_every = commit_every
        self._committed_at = time.monotonic()
        self._upserts: dict[tuple, str] = {}
        self._changes_at_open = self.db.conn.total_changes
        self._captures = 0  # indexed by this handle (captures' URLs are moved now and then)
        self._counted_from: dict[str, int] = {}  # each site's first page counted by this handle

    def close(self) -> None:
        """Commit; after writing, let SQLite refresh the statistics its planner uses where they
        went stale (a no-op most of the time; a read-only command leaves them to the writers)."""
        self.commit()
        if self.db.conn.total_changes > self._changes_at_open:
            try:
                run_pragma(self.db.conn, "optimize")
                forget_fts_statistics(self.db)
                note_empty_partial_indexes(self.db)
                self.commit()
            except sqlite3.OperationalError as exc:
                if not is_disk_full(exc):  # on a full disk the statistics wait for next time
                    raise
        self.db.close()

    def abandon(self) -> None:
        """Close without writing, after a write failed (a full disk): the batch not yet
        committed is dropped; recovery indexes its records again at the next start."""
        if self.db.conn.in_transaction:
            self.db.conn.rollback()
        self.db.close()

    def commit(self) -> None:
        """Commit the current batch, if any."""
        if self.db.conn.in_transaction:
            self.db.conn.commit()
        self._committed_at = time.monotonic()

    @contextmanager
    def _writing(self):
        """One unit of writes: all or nothing, committed now or with the current batch."""
        conn = self.db.conn
        if not self.commit_every:
            with conn:
                yield conn
            return
        if not conn.in_transaction:
            conn.execute("begin")
        conn.execute("savepoint unit")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # a full disk may have rolled back the whole batch
                conn.execute("rollback to unit")
                conn.execute("release unit")
            raise
        conn.execute("release unit")
        if time.monotonic() - self._committed_at >= self.commit_every:
            self.commit()

    # --- crawls ---------------------------------------------------------------------------
    def start_crawl(self, crawl_id: str, spider: str) -> None:
        """Recorded at once: recovery marks a crawl that never finished as interrupted."""
        self.commit()
        self.db["crawls"].upsert({"id": crawl_id, "spider": spider, "started_at": now(),
                                  "outcome": "running"}, pk="id")

    def finish_crawl(self, crawl_id: str, outcome: str, stats: dict) -> None:
        self.commit()
        counts = self.db.execute(
            "select count(*), count(a.capture_id), sum(c.skip_reason is not null) "
            "from captures c left join articles a on a.capture_id = c.record_id "
            "where c.crawl_id = ?", [crawl_id]).fetchone()
        self.db["crawls"].update(crawl_id, {
            "finished_at": now(), "outcome": outcome, "pages": counts[0], "articles": counts[1],
            "skipped": counts[2] or 0,
            "errors": sum(v for k, v in stats.items()
                          if k.startswith("downloader/exception_type_count/")
                          and not k.endswith(".IgnoreRequest")),
            "stats": json.dumps(stats, default=str, sort_keys=True),
        })
        started = self.db.execute("select started_at from crawls where id = ?",
                                  [crawl_id]).fetchone()[0]
        with self._writing() as conn:
            summaries.record_site_crawls(conn, crawl_id, started, outcome, stats)
            urls.settle(conn)

    # --- captures -------------------------------------------------------------------------
    def add_capture(self, record, location, crawl_id: str | None, capture=None,
                    skip_reason: str | None = None) -> None:
        """Index one record; ``skip_reason`` when it is known at once to hold no article."""
        self.add_capture_row(capture_row(record, location, crawl_id, capture, skip_reason))

    def add_capture_row(self, row: dict) -> None:
        """Index one record's row (:func:`capture_row`), made where the record was read (reindex
        reads the WARC files in a second process)."""
        with self._writing() as conn:
            self.upsert_row("captures", "record_id", row, commit=False)
            self._captures += 1
            if self._captures % urls.CHECK_EVERY == 0:
                urls.settle(conn)

    def last_capture(self, url: str) -> dict | None:
        """The newest full, processed response captured for ``url`` with status 200, or None.

        A capture whose processing was cut short by a crash does not count: fetching its URL
        again must archive and clean it in full, not as a revisit.
        """
        return urls.last_capture(self.db.conn, url)

    def first_article_capture(self, url: str) -> str | None:
        """When ``url`` first yielded an article (its fetch time), or None if it never did."""
        row = self.db.execute("select min(fetched_at) from articles where url = ?",
                              [url]).fetchone()
        return row[0] if row else None

    def mark_skipped(self, record_id: str, reason: str) -> None:
        with self._writing():
            self.db.conn.execute("update captures set skip_reason = ? where record_id = ?",
                                 [reason, record_id])

    # --- articles -------------------------------------------------------------------------
    def upsert_article(self, row: dict, document=None, signature=None) -> None:
        """One article per capture: a newer cleaner's row replaces the older one. Given the
        cleaned ``document``, its page is counted into the site's profile in the same commit;
        given its MinHash ``signature`` (made by the worker), the copy search uses it. A row
        without ``processed_at`` is stamped now (reindex keeps its records' time)."""
        with self._writing():
            self.db.conn.execute("update captures set skip_reason = null where record_id = ?",
                                 [row["capture_id"]])
            self.upsert_row("articles", "capture_id", {"processed_at": now(), **row},
                            commit=False)
            if "authors" in row:
                write_authors(self.db.conn, row["capture_id"], json.loads(row["authors"] or "[]"),
                              json.loads(row.get("credits") or "[]"))
            versions.update_versions(self.db.conn, row["url"], row["capture_id"])
            copies.index_copies(self.db.conn, row["capture_id"], row["text"] or "", signature,
                                captured_at=row.get("fetched_at"))
            copies.settle(self.db.conn, row.get("fetched_at"))
            if document is not None:
                self._count_page(row["site"], document, row["capture_id"])

    def mark_removed(self, url: str, status: int, removed_at: str, capture_id: str) -> bool:
        """A known article's URL answered 404/410: it was taken down (or moved without a
        redirect). False if the URL never was an article."""
        with self._writing():
            return versions.mark_removed(self.db.conn, url, status, removed_at, capture_id)

    def last_fetch(self, url: str) -> str | None:
        """When ``url`` was last fetched, whatever the answer (a revisit included)."""
        return urls.last_fetch(self.db.conn, url)

    def upsert_row(self, table: str, pk: str, row: dict, commit: bool = True) -> None:
        """Insert or update one row in one statement: the crawl's hot path, where sqlite-utils'
        ``upsert`` would inspect the table again on every call. FTS triggers fire as usual."""
        columns = tuple(row)
        sql = self._upserts.get((table, columns))
        if sql is None:
            names = ", ".join(f"[{c}]" for c in columns)
            updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in columns if c != pk)
            sql = self._upserts[(table, columns)] = (
                f"insert into [{table}] ({names}) values ({', '.join('?' * len(columns))}) "
                f"on conflict ([{pk}]) do update set {updates}")
        if commit:
            with self._writing():
                self.db.conn.execute(sql, [row[c] for c in columns])
        else:
            self.db.conn.execute(sql, [row[c] for c in columns])

    def capture(self, record_id: str) -> dict | None:
        rows = self.db.execute_returning_dicts(
            "select record_id, skip_reason, warc_file, warc_offset from captures "
            "where record_id = ?", [record_id])
        return rows[0] if rows else None

    def conversion_id(self, capture_id: str) -> str | None:
        """The current conversion record of ``capture_id``'s article, if it has one."""
        row = self.db.execute("select conversion_id from articles where capture_id = ?",
                              [capture_id]).fetchone()
        return row[0] if row else None

    def article(self, capture_id: str) -> dict | None:
        rows = self.db.execute_returning_dicts(
            "select site, cleaner_version, text_digest from articles where capture_id = ?",
            [capture_id])
        return rows[0] if rows else None

    # --- site profiles --------------------------------------------------------------------
    def record_profile(self, site: str, document, capture_id: str) -> bool:
        """Count a cleaned page's blocks into its site's profile, once per story."""
        with self._writing():
            return self._count_page(site, document, capture_id)

    def _count_page(self, site: str, document, capture_id: str) -> bool:
        """Count a page into its site's profile once per story: a story is its lead, or its
        copy group (the same wire story on two pages of one site, with edits, counts once). A
        page already counted is not counted again when it is cleaned again: after a merge,
        its story was keyed from its archived text, and a re-clean keys it from the page.
        Both look the pages up by capture, never by site (``+site``): without statistics, as
        in a new index, SQLite took the site's index and read all of its pages for each."""
        if self.db.conn.execute("select 1 from site_pages where capture_id = ? and +site = ?",
                                [capture_id, site]).fetchone():
            return False
        if self.db.conn.execute(
                "select 1 from copy_groups mine join copy_groups other using (group_id) "
                "join site_pages counted on counted.capture_id = other.capture_id "
                "where mine.capture_id = ? and other.capture_id != ? and +counted.site = ? "
                "limit 1", [capture_id, capture_id, site]).fetchone():
            return False
        stamp = now()
        cursor = self.db.conn.execute(
            "insert or ignore into site_pages (site, story, capture_id, counted_at) "
            "values (?, ?, ?, ?)", [site, document.story, capture_id, stamp])
        if not cursor.rowcount:
            return False
        self._counted_from.setdefault(site, cursor.lastrowid)
        self.db.conn.executemany(_COUNT_LINE, [(site, key, cursor.lastrowid, text)
                                               for key, text in dict(document.blocks).items()])
        self.db.conn.executemany(
            "insert into site_habits (site, kind, value, pages, first_page) values (?, ?, ?, 1, ?) "
            "on conflict (site, kind, value) do update set pages = pages + 1",
            [(site, kind, value, cursor.lastrowid)
             for kind, value in getattr(document, "habits", ())])
        if cursor.lastrowid % PROFILE_PRUNE_EVERY == 0:
            self._forget_one_off_blocks(site)
        return True

    def _forget_one_off_blocks(self, site: str) -> None:
        """Drop the lines ``site`` showed on one page only and not again on the
        :data:`PROFILE_WINDOW` pages counted since: a widget repeats within far fewer, so these
        are the stories' own lines, and a profile that kept them would hold every line of every
        page forever."""
        row = self.db.conn.execute(
            "select rowid from site_pages where site = ? order by rowid desc "
            "limit 1 offset ?", [site, PROFILE_WINDOW]).fetchone()
        if row:
            self.db.conn.execute("delete from site_blocks where site = ? and pages = 1 "
                                 "and first_page <= ?", [site, row[0]])
            self.db.conn.execute("delete from site_habits where site = ? and pages = 1 "
                                 "and first_page <= ?", [site, row[0]])

    def site_profile(self, site: str) -> SiteProfile:
        pages = self.db.execute("select count(*) from site_pages where site = ?",
                                [site]).fetchone()[0]
        blocks = dict(self.db.execute(
            "select key, pages from site_blocks where site = ? and pages >= ?",
            [site, MIN_PAGES]).fetchall())
        habits = {(kind, value): count for kind, value, count in self.db.execute(
            "select kind, value, pages from site_habits where site = ? and pages >= ?",
            [site, HABIT_MIN_PAGES]).fetchall()}
        return SiteProfile(site, pages, blocks, habits)

    def counted_from(self, site: str) -> int | None:
        """The first page of ``site`` this handle counted (its ``site_pages`` rowid): where the
        pages cleaned in this run start."""
        return self._counted_from.get(site)

    def site_habits(self, site: str) -> list[tuple]:
        """``site``'s habit rows with stories enough to be a habit: ``(kind, value,
        first_page, held)``."""
        return self.db.execute("select kind, value, first_page, held from site_habits "
                               "where site = ? and pages >= ?", [site, HABIT_MIN_PAGES]).fetchall()

    def pages_from(self, site: str, first_page: int):
        """The article rows of ``site``'s pages counted since ``first_page``, with what their
        habits acted on, one at a time (a reprocess's first run counts all of a site's)."""
        cursor = self.db.conn.execute(
            "select a.capture_id, a.title, a.authors, a.metadata_sources from site_pages p "
            "join articles a on a.capture_id = p.capture_id where p.site = ? and p.rowid >= ?",
            [site, first_page])
        names = [column[0] for column in cursor.description]
        return (dict(zip(names, row, strict=True)) for row in cursor)

    def habits_settled(self, site: str, changed) -> None:
        """Store how ``site``'s habits hold at a run's end (``changed``: ``(kind, value,
        holds)`` of those that changed); the pages counted until now are the past run's."""
        with self._writing() as conn:
            conn.executemany("update site_habits set held = ? where site = ? and kind = ? "
                             "and value = ?", [(int(holds), site, kind, value)
                                               for kind, value, holds in changed])
        self._counted_from.pop(site, None)

    def recount_profile(self, site: str, pages=None) -> None:
        """Count ``site``'s profile again from its article rows (after shards are merged): each
        page's blocks are its text and what the profile cut from it (:func:`counted_page`).
        ``pages``: each article's ``(capture_id, page)`` in the order of its rows, made
        elsewhere (reindex makes them where it reads the records). Its habits are marked held
        as they hold once all are counted, as ``m018_habits_held`` marks them."""
        with self._writing():
            self.db.execute("delete from site_pages where site = ?", [site])
            self.db.execute("delete from site_blocks where site = ?", [site])
            self.db.execute("delete from site_habits where site = ?", [site])
            if pages is None:
                rows = self.db.execute_returning_dicts(
                    "select capture_id, text, removed, title, authors, credits, "
                    "metadata_sources from articles where site = ? "
                    "order by fetched_at, capture_id", [site])
                pages = ((row["capture_id"], counted_page(row)) for row in rows)
            for capture_id, page in pages:
                self._count_page(site, page, capture_id)
            settle_habits(self.db.conn, site, self.db.conn.execute(
                "select count(*) from site_pages where site = ?", [site]).fetchone()[0])

    def forget_profiles(self) -> None:
        with self._writing():
            self.db.execute("delete from site_pages")
            self.db.execute("delete from site_blocks")
            self.db.execute("delete from site_habits")

