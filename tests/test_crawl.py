"""End to end: crawl the sample sites in a real Scrapy process and check the archive it leaves:
valid WARC files whose records hold the bytes the servers sent, an index that points at them,
clean article text in three languages, and every bad page counted rather than crashed on."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import uuid
from datetime import datetime

import pytest
from _archive_checks import assert_consistent, run_crawl, warc_files
from sample_truth import BOILERPLATE, LANGUAGES, article_lines, seed_article
from warcio.archiveiterator import ArchiveIterator

from archive import samplesites
from archive.store.paths import ArchivePaths
from archive.store.warcfile import record_at
from bench.crawl import WORKER_STAGES


@pytest.fixture(scope="module")
def archive(sample_seeds, tmp_path_factory):
    data = tmp_path_factory.mktemp("archive")
    run_crawl(sample_seeds, data)
    return data, assert_consistent(data)


def test_articles_of_every_site_in_their_language(archive):
    _, db = archive
    counts = {(r["site"], r["language"]): r["n"] for r in db.query(
        "select site, language, count(*) n from articles group by site, language")}
    expected = {(site, LANGUAGES[site]): len([a for a in samplesites.articles(site)
                                               if a.status == 200])
                for site in samplesites.SITE_NAMES}
    assert counts == expected and sum(counts.values()) == 71


def test_pending_requests_wait_on_disk_not_in_memory(archive):
    _, db = archive
    stats = json.loads(db.execute("select stats from crawls").fetchone()[0])
    assert stats.get("scheduler/enqueued/disk", 0) > 50
    assert not stats.get("scheduler/unserializable")  # every request could be queued on disk


def test_the_crawl_counts_where_its_cpu_went(archive):
    """Stage by stage, in the crawl process and in the cleaning workers (``bench.crawl`` prints
    them per article): every stage a page goes through was counted."""
    _, db = archive
    stats = json.loads(db.execute("select stats from crawls").fetchone()[0])
    cpu = {key.removeprefix("archive/cpu/"): value for key, value in stats.items()
           if key.startswith("archive/cpu/")}
    workers = {key.removeprefix("clean/") for key in cpu if key.startswith("clean/")}
    assert workers == set(WORKER_STAGES)  # and the benchmark's table shows each of them
    assert all(value > 0 for value in cpu.values())
    assert cpu["crawl_process"] > cpu["capture"] + cpu["write"]


@pytest.mark.parametrize("site", samplesites.SITE_NAMES)
def test_seed_articles_are_clean(archive, sample_sites, site):
    _, db = archive
    article = seed_article(site)
    row = db.execute("select * from articles where url = ?",
                     [sample_sites.urls[site] + article.path]).fetchone()
    assert row is not None
    row = dict(zip([c[0] for c in db.execute("select * from articles limit 0").description], row,
                   strict=True))
    assert article_lines(row["text"], article) == article.sentences
    assert [b for b in BOILERPLATE[site] if b in row["text"]] == []
    assert row["language"] == LANGUAGES[site]
    assert row["published"] == article.published[:10]
    assert row["removed_count"] == len(json.loads(row["removed"])) and row["cleaner_version"]


def test_provenance_leads_to_the_bytes_the_server_sent(archive, sample_sites):
    data, db = archive
    paths = ArchivePaths(data)
    servers = sample_sites.servers
    for row in db.query("select a.url, a.site, c.warc_file, c.warc_offset, c.payload_digest "
                        "from articles a join captures c on c.record_id = a.capture_id"):
        route = servers[row["site"]].routes[row["url"].split(":", 2)[2].split("/", 1)[1]
                                            .join(["/", ""])]
        with record_at(paths.warc_dir / row["warc_file"], row["warc_offset"]) as record:
            assert record.rec_type == "response"
            assert record.http_headers.get_statuscode() == "200"
            assert record.http_headers.protocol == "HTTP/1.1"
            assert record.rec_headers.get_header("WARC-IP-Address") == "127.0.0.1"
            assert record.rec_headers.get_header("WARC-Payload-Digest") == row["payload_digest"]
            raw = record.raw_stream.read()
            if row["site"] == "zerkalo":  # served gzip: archived as it came off the wire
                assert record.http_headers.get_header("Content-Encoding") == "gzip"
                assert gzip.decompress(raw) == route.body
            elif row["site"] == "turkeytoday":  # served chunked: the framing is archived too
                assert record.http_headers.get_header("Transfer-Encoding") == "chunked"
                assert raw == b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in (
                    route.body[i:i + 4096] for i in range(0, len(route.body), 4096))) + \
                    b"0\r\n\r\n"
            else:
                assert raw == route.body


def test_site_profiles_clean_every_page_even_the_first(archive):
    """The widgets each site repeats in its article bodies survive trafilatura and the rules;
    the profile learned during the crawl removes them from every page, those cleaned before it
    knew them included, and says why. A quote three stories share is article text: it stays."""
    _, db = archive
    for site in samplesites.SITE_NAMES:
        texts = [r["text"] for r in db["articles"].rows_where("site = ?", [site])]
        for block in samplesites.repeated_blocks(site):
            assert not [t for t in texts if block in t], (site, block)
    # Every generated page had its widgets cut by the profile, with the counts of the moment.
    cut = db.execute(
        "select count(distinct capture_id) from articles, json_each(articles.removed) cut "
        "where json_extract(cut.value, '$.rule') = 'site-profile' and "
        "json_extract(cut.value, '$.detail') like 'repeated on % of % pages of this site'"
    ).fetchone()[0]
    assert cut == 61  # the 60 generated pages, and a rubric ("تركيا الآن") above one headline
    quote = "sagte der Bürgermeister bei einer Pressekonferenz im Rathaus."
    assert db.execute("select count(*) from articles where text like ?",
                      [f"%{quote}%"]).fetchone()[0] == 3
    for site in samplesites.SITE_NAMES:
        for article in samplesites.articles(site):
            row = db.execute("select text from articles where url like ?",
                             [f"%{article.path}"]).fetchone()
            if article.status == 200:
                assert article_lines(row[0], article) == article.sentences, article.path


def test_bad_pages_are_counted_not_crashed_on(archive, sample_sites):
    _, db = archive
    skipped = {r["skip_reason"]: r["n"] for r in db.query(
        "select skip_reason, count(*) n from captures where skip_reason is not null "
        "group by skip_reason")}
    assert skipped.get("binary") == 1  # a PNG served as text/html
    assert skipped.get("no-text") == 1  # a page cut off a third of the way in
    statuses = {r["status"] for r in db["captures"].rows}
    assert {200, 301, 404, 500} <= statuses
    crawl = next(db["crawls"].rows)
    assert crawl["outcome"] == "finished"
    assert crawl["articles"] == 71


def test_robots_and_tracking_parameters_respected(archive, sample_sites):
    _, db = archive
    requested = [path for server in sample_sites.servers.values() for _, path in server.requests]
    assert not [p for p in requested if p.startswith("/private/")]
    assert not [r["url"] for r in db["captures"].rows if "utm_" in r["url"]]


def test_a_second_run_adds_nothing_and_fetches_no_known_article(archive, sample_seeds):
    data, db = archive
    before = db.execute("select count(*) from articles").fetchone()[0]
    run_crawl(sample_seeds, data)
    db = assert_consistent(data)
    assert db.execute("select count(*) from articles").fetchone()[0] == before
    runs = list(db["crawls"].rows_where(order_by="started_at"))
    assert [r["outcome"] for r in runs] == ["finished", "finished"]
    assert runs[1]["articles"] == 0
    article_urls = {r["url"] for r in db["articles"].rows}
    again = [r for r in db["captures"].rows_where("crawl_id = ?", [runs[1]["id"]])
             if r["url"] in article_urls]
    # Only the old URL that redirects to a known article reaches it again, and the unchanged
    # payload is stored as a revisit record, not a second copy.
    assert [r["record_type"] for r in again] == ["revisit"]
    assert again[0]["refers_to"]


def test_record_ids_are_uuid7_ordered_by_time(archive):
    """Every record the crawls wrote (request, response, revisit, warcinfo, conversion,
    metadata) has a UUIDv7 URN made during its crawl, and the captures' ids rise in the order
    they were indexed: new keys go to the end of each index keyed by record id."""
    data, db = archive
    runs = list(db["crawls"].rows_where(order_by="started_at"))
    earliest = datetime.fromisoformat(runs[0]["started_at"]).timestamp() - 1
    latest = datetime.fromisoformat(runs[-1]["finished_at"]).timestamp() + 5
    types = set()
    for path in warc_files(data):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                record_id = record.rec_headers.get_header("WARC-Record-ID")
                made = uuid.UUID(record_id.removeprefix("<urn:uuid:").removesuffix(">"))
                assert record_id == f"<{made.urn}>"
                assert (made.version, made.variant) == (7, uuid.RFC_4122), record_id
                assert earliest <= (made.int >> 80) / 1000 <= latest, record_id
                types.add(record.rec_type)
    assert {"warcinfo", "request", "response", "conversion", "metadata"} <= types
    for run in runs:
        ids = [r["record_id"] for r in db.query(
            "select record_id from captures where crawl_id = ? order by rowid", [run["id"]])]
        assert len(ids) > 10 and ids == sorted(set(ids))
    if len(runs) > 1:  # after the second run's test: a later crawl's ids sort after
        assert db.execute("select max(record_id) from captures where crawl_id = ?",
                          [runs[0]["id"]]).fetchone()[0] < db.execute(
            "select min(record_id) from captures where crawl_id = ?",
            [runs[1]["id"]]).fetchone()[0]


def test_stats_command_reports_the_archive(archive):
    data, _ = archive
    result = subprocess.run([sys.executable, "-m", "archive", "stats", "--data", str(data)],
                            capture_output=True, text=True, check=True)
    assert "zerkalo" in result.stdout and "ar" in result.stdout
