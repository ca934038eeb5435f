"""Offline reprocessing: the archive's own WARC files, files written by wget and by warcio's
capture_http, and broken input, all through the crawl's own cleaning path."""

from __future__ import annotations

import asyncio
import gzip
import io
import json
import re
import shutil
import subprocess
import sys
from urllib.parse import quote

import brotli
import pytest
import sqlite_utils
from _archive_checks import assert_consistent, run_crawl
from sample_truth import article_lines, seed_article
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import cleaners
from archive import samplesites
from archive.offline.reprocess import reprocess
from archive.store.paths import ArchivePaths
from archive.store.warcfile import record_at
from archive.web.serve import datasette_for
from spiders._seeds import load_seed

SHA = "sha1:{}"


def articles(data) -> dict[str, dict]:
    db = sqlite_utils.Database(ArchivePaths(data).index)
    return {row["capture_id"]: row for row in db["articles"].rows}


def without_positions(rows: dict[str, dict]) -> dict:
    """Rows without where their records are, and with profile cuts and site habits named without
    their counts (a page cleaned mid-crawl says "repeated on 12 of 15 pages", the same page now
    "20 of 24"; a title prefix "site habit: 19 of 21 pages", now "20 of 24")."""
    moving = ("processed_at", "conversion_file", "conversion_offset", "conversion_length",
              "conversion_id", "metadata_file", "metadata_offset", "metadata_length", "removed",
              "metadata_sources")
    return {key: {**{k: v for k, v in row.items() if k not in moving},
                  "rules": [r["rule"].split(":")[0] for r in json.loads(row["removed"])],
                  "sources": re.sub(r"\d+ of \d+ pages", "N of M pages",
                                    row["metadata_sources"] or "")}
            for key, row in rows.items()}


@pytest.fixture(scope="module")
def crawled(sample_seeds, tmp_path_factory):
    data = tmp_path_factory.mktemp("crawled")
    run_crawl(sample_seeds, data)
    return data


@pytest.fixture
def archive_copy(crawled, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(crawled, data)
    return data


def test_reprocessing_the_same_version_changes_nothing(archive_copy):
    before = articles(archive_copy)
    report = reprocess([], archive_copy, jobs=1)
    assert report.unchanged == len(before) == 71 and report.articles == 0
    assert articles(archive_copy) == before
    assert report.skipped["record-request"] > 0 and not report.problems


def test_a_new_cleaner_version_replaces_the_derived_rows(archive_copy):
    before = articles(archive_copy)
    db = sqlite_utils.Database(ArchivePaths(archive_copy).index)
    db.execute("update articles set cleaner_version = 'rules0'")
    db.conn.commit()
    report = reprocess([], archive_copy, jobs=2)
    assert report.articles == 71
    after = articles(archive_copy)
    assert without_positions(after) == without_positions(before)
    assert {row["cleaner_version"] for row in after.values()} == {cleaners.CLEANER_VERSION}
    assert all(after[k]["conversion_offset"] != before[k]["conversion_offset"] or
               after[k]["conversion_file"] != before[k]["conversion_file"] for k in after)
    assert_consistent(archive_copy)
    again = reprocess([], archive_copy, jobs=0, since=cleaners.CLEANER_VERSION)
    assert again.skipped["already-current"] == 71 and again.articles == 0
    # text/ alone tells the current conversion record of each capture: the newest Cleaned-At.
    newest: dict[str, tuple[str, str]] = {}
    for path in sorted(ArchivePaths(archive_copy).text_dir.glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "conversion":
                    headers = record.rec_headers
                    key = headers.get_header("WARC-Refers-To")
                    stamp = (headers.get_header("X-Newsarchive-Cleaned-At"),
                             headers.get_header("WARC-Record-ID"))
                    newest[key] = max(newest.get(key, stamp), stamp)
    assert {key: record_id for key, (_, record_id) in newest.items()} == {
        key: row["conversion_id"] for key, row in after.items()}


def _check_foreign(data, site_url, article, warc):
    rows = [r for r in articles(data).values() if r["url"] == site_url + article.path]
    assert len(rows) == 1, sorted(r["url"] for r in articles(data).values())
    row = rows[0]
    assert article_lines(row["text"], article) == article.sentences
    db = sqlite_utils.Database(ArchivePaths(data).index)
    capture = db["captures"].get(row["capture_id"])
    assert capture["warc_file"] == str(warc.resolve())
    with record_at(capture["warc_file"], capture["warc_offset"]) as record:
        assert record.rec_headers.get_header("WARC-Target-URI") == row["url"]


@pytest.mark.skipif(not shutil.which("wget"), reason="wget is not installed")
def test_wget_warc_files(sample_sites, sample_seeds, tmp_path):
    origin = sample_sites.urls["turkeytoday"]  # chunked responses: wget stores them as sent
    subprocess.run(["wget", "--recursive", "--level=1", "--no-verbose", "--delete-after",
                    f"--directory-prefix={tmp_path / 'mirror'}", f"--warc-file={tmp_path / 'wget'}",
                    origin + "/"], capture_output=True, timeout=120)
    warc = tmp_path / "wget.warc.gz"
    assert warc.exists()
    seeds = [load_seed(p) for p in sample_seeds]
    report = reprocess([warc], tmp_path / "data", jobs=1, seeds=seeds)
    assert report.articles == 23 and not report.problems
    assert report.recleaned > 0  # its profile, learned as it went, cleans the early pages too
    texts = [row["text"] for row in articles(tmp_path / "data").values()]
    assert not [t for t in texts for block in samplesites.repeated_blocks("turkeytoday")
                if block in t]
    _check_foreign(tmp_path / "data", origin, seed_article("turkeytoday"), warc)


def test_warcio_capture_http_files(sample_sites, tmp_path):
    warc = tmp_path / "captured.warc.gz"
    script = (
        "import sys\nfrom warcio.capture_http import capture_http\nimport requests\n"
        "with capture_http(sys.argv[1]):\n"
        "    for url in sys.argv[2:]:\n        requests.get(url)\n")
    article = seed_article("bild")
    origin = sample_sites.urls["bild"]
    subprocess.run([sys.executable, "-c", script, str(warc), origin + article.path,
                    origin + "/fotos/galerie-assad-palast-87000001.bild.html"], check=True)
    report = reprocess([warc], tmp_path / "data", jobs=0)
    assert report.articles == 1 and report.skipped["binary"] == 1
    _check_foreign(tmp_path / "data", origin, article, warc)


# --- broken input ------------------------------------------------------------------------------
HTML = ("<html lang='de'><head><title>Probe</title><meta property='og:type' content='article'>"
        "</head><body><div class='c-1'>"
        + "<p>Ein ausreichend langer Absatz über den Winterdienst in der Stadt, der zeigt, dass "
          "die Räumfahrzeuge schon früh am Morgen unterwegs waren.</p>" * 6
        + "</div></body></html>").encode()


def response(writer, url, body=HTML, headers=()):
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"), *headers,
                                       ("Content-Length", str(len(body)))],
                            protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                     http_headers=http)


def write_warc(path, records_of, compress=True):
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=compress)
        for record in records_of(writer):
            writer.write_record(record)
    return path


@pytest.mark.parametrize("padding", [20_000, 3_000_000])
def test_a_capture_over_the_size_limit_costs_that_capture_only(tmp_path, padding):
    """Records are inflated in memory only up to the limit: a page that inflates to 20 KB, or
    to 3 MB from a few KB (read from the file instead), over a 10 KB limit, is named and skipped;
    the pages around it are archived."""
    big = HTML.replace(b"</body>", b"<div>" + b"x" * padding + b"</div></body>")
    warc = write_warc(tmp_path / "big.warc.gz", lambda w: [
        response(w, "http://127.0.0.1/news/1"), response(w, "http://127.0.0.1/news/big", big),
        response(w, "http://127.0.0.1/news/2")])
    report = reprocess([warc], tmp_path / "data", jobs=0, max_size=10_000)
    assert report.articles == 2
    assert [(p.reason, p.detail) for p in report.problems] == [
        ("too-large", "over 10000 bytes decoded")]


def test_broken_input_is_counted_named_and_harmless(archive_copy, tmp_path):
    before = articles(archive_copy)
    good = write_warc(tmp_path / "good.warc.gz", lambda w: [
        response(w, f"http://127.0.0.1/good/{n}") for n in range(3)])
    torn = tmp_path / "torn.warc.gz"
    data = good.read_bytes()
    torn.write_bytes(data[: len(data) - 40])  # the last record's gzip member is cut short
    lying = write_warc(tmp_path / "lying.warc", lambda w: [
        response(w, "http://127.0.0.1/lying/1"), response(w, "http://127.0.0.1/lying/2")],
        compress=False)
    raw = lying.read_bytes()
    lying.write_bytes(raw.replace(b"Content-Length: ", b"Content-Length: 9", 1))
    not_warc = tmp_path / "notes.warc.gz"
    not_warc.write_bytes(gzip.compress(b"just some text, not a WARC file\n" * 50))
    odd = write_warc(tmp_path / "odd.warc.gz", lambda w: [
        response(w, "http://127.0.0.1/zstd", b"(\xb5/\xfd" + bytes(40),
                 [("Content-Encoding", "zstd")]),
        response(w, "http://127.0.0.1/charset", HTML.replace(b"utf-8", b"x-no-such"),
                 [("X-Note", "unknown charset")]),
        response(w, "http://127.0.0.1/x-gzip", gzip.compress(HTML),
                 [("Content-Encoding", "x-gzip")]),
        response(w, "http://127.0.0.1/brotli", brotli.compress(HTML),
                 [("Content-Encoding", "br")])])
    no_uri = write_warc(tmp_path / "no-uri.warc.gz", lambda w: [
        response(w, "http://127.0.0.1/no-uri"), response(w, "http://127.0.0.1/after-no-uri")])
    no_uri.write_bytes(gzip.compress(gzip.decompress(no_uri.read_bytes()).replace(
        b"WARC-Target-URI: http://127.0.0.1/no-uri\r\n", b"", 1)))
    noise = tmp_path / "noise.warc"
    noise.write_bytes(bytes(range(256)) * 8)
    later = write_warc(tmp_path / "later.warc.gz", lambda w: [
        response(w, "http://127.0.0.1/later/1")])
    report = reprocess([good, torn, lying, not_warc, odd, no_uri, noise, later], archive_copy,
                       jobs=1)
    reasons = {(p.file.rsplit("/", 1)[-1], p.reason) for p in report.problems}
    assert ("no-uri.warc.gz", "bad-record") in reasons  # warcio raises, the run goes on
    assert ("noise.warc", "not-warc") in reasons
    assert all(p.detail.isprintable() for p in report.problems)
    assert ("torn.warc.gz", "truncated-gzip") in reasons
    assert ("notes.warc.gz", "not-warc") in reasons
    assert ("odd.warc.gz", "content-encoding") in reasons
    assert any(name == "lying.warc" for name, _ in reasons)
    summary = report.summary()
    assert "truncated-gzip in " in summary and "at offset" in summary
    urls = {row["url"] for row in articles(archive_copy).values()}
    assert {f"http://127.0.0.1/good/{n}" for n in range(3)} <= urls  # from good.warc.gz
    assert {"http://127.0.0.1/good/0", "http://127.0.0.1/charset"} <= urls
    assert {"http://127.0.0.1/x-gzip", "http://127.0.0.1/brotli"} <= urls  # decoded
    assert "http://127.0.0.1/later/1" in urls  # the file after the broken ones
    assert set(before) <= set(articles(archive_copy)), "archived articles were lost"


def test_cli_reprocess_prints_a_summary(archive_copy):
    result = subprocess.run([sys.executable, "-m", "archive", "reprocess", "--data",
                             str(archive_copy), "--jobs", "1", "--since", "current"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "already-current 71" in result.stdout


def arc_record(url: str, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " \
        + str(len(body)).encode() + b"\r\n\r\n" + body
    return f"{url} 127.0.0.1 20240101120000 text/html {len(http)}\n".encode() + http + b"\n"


def test_arc_files_plain_and_gzipped(tmp_path):
    """ARC, the format before WARC (Internet Archive crawls before 2009): read as WARC, each
    record given an id made of where it is, so that a second run finds the same captures."""
    about = b"1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    records = [f"filedesc://old.arc 0.0.0.0 20240101120000 text/plain {len(about)}\n".encode()
               + about + b"\n", arc_record("http://127.0.0.1/arc/1", HTML),
               arc_record("http://127.0.0.1/arc/2", HTML.replace(b"Probe", b"Zweite Probe"))]
    (tmp_path / "old.arc").write_bytes(b"".join(records))
    (tmp_path / "old.arc.gz").write_bytes(b"".join(gzip.compress(r) for r in records))
    first = reprocess([tmp_path], tmp_path / "data", jobs=1)
    assert (first.articles, first.problems) == (4, [])
    assert first.cpu["extract"] > 0 and first.cpu["records"] > 0  # counted in the worker
    urls = sorted(r["url"] for r in articles(tmp_path / "data").values())
    assert urls == ["http://127.0.0.1/arc/1", "http://127.0.0.1/arc/1",
                    "http://127.0.0.1/arc/2", "http://127.0.0.1/arc/2"]
    again = reprocess([tmp_path], tmp_path / "data", jobs=1)
    assert (again.articles, again.unchanged) == (0, 4)


def test_without_a_seed_a_page_must_say_it_is_an_article(tmp_path):
    """As in a crawl: a foreign page no seed applies to is an article when it says so (og:type,
    JSON-LD); an "about us" page is not, unless --all-pages asks for every page."""
    about = HTML.replace(b"<meta property='og:type' content='article'>", b"")
    ld = about.replace(b"</head>", b'<script type="application/ld+json">{"@type": '
                                   b'["WebPage", "NewsArticle"]}</script></head>')
    warc = write_warc(tmp_path / "site.warc.gz", lambda w: [
        response(w, "http://127.0.0.1/news/1", HTML), response(w, "http://127.0.0.1/about", about),
        response(w, "http://127.0.0.1/news/2", ld)])
    report = reprocess([warc], tmp_path / "data", jobs=0)
    assert sorted(r["url"] for r in articles(tmp_path / "data").values()) == [
        "http://127.0.0.1/news/1", "http://127.0.0.1/news/2"]
    assert report.skipped["not-article"] == 1
    every = reprocess([warc], tmp_path / "every", jobs=0, all_pages=True)
    assert every.articles == 3


def test_an_article_from_a_truncated_capture_says_so(tmp_path):
    warc = write_warc(tmp_path / "cut.warc.gz", lambda w: [response(w, "http://127.0.0.1/cut")])
    raw = gzip.decompress(warc.read_bytes()).replace(
        b"WARC-Type: response\r\n", b"WARC-Type: response\r\nWARC-Truncated: length\r\n", 1)
    warc.write_bytes(gzip.compress(raw))
    reprocess([warc], tmp_path / "data", jobs=0)
    (row,) = articles(tmp_path / "data").values()
    assert row["truncated"] == "length"
    with record_at(ArchivePaths(tmp_path / "data").text_dir / row["metadata_file"],
                   row["metadata_offset"]) as record:
        assert json.loads(record.content_stream().read())["truncated"] == "length"
    with record_at(ArchivePaths(tmp_path / "data").text_dir / row["conversion_file"],
                   row["conversion_offset"]) as record:
        assert record.rec_headers.get_header("WARC-Truncated") == "length"
    ds = datasette_for(tmp_path / "data")
    asyncio.run(ds.invoke_startup())
    page = asyncio.run(ds.client.get(f"/-/article/{quote(row['capture_id'], safe='')}")).text
    assert "This capture was cut short" in page and "WARC-Truncated: length" in page


def test_a_reprocess_into_an_empty_archive_gives_the_crawls_rows(crawled, sample_seeds, tmp_path):
    """The profiles and habits learned again from the records, pages in file order, two
    workers: the same rows as the crawl, which met the pages in whatever order they came
    (every site habit and repeated block of the sample sites holds on all or nearly all of
    their pages, so none holds part of the time only)."""
    seeds = [load_seed(p) for p in sample_seeds]
    report = reprocess([ArchivePaths(crawled).warc_dir], tmp_path / "data", jobs=2, seeds=seeds)
    assert report.articles == 71 and report.recleaned > 0, report.summary()
    assert without_positions(articles(tmp_path / "data")) == without_positions(articles(crawled))
