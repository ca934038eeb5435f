"""Hostile sites and hostile files: a server on 127.0.0.1 that lies, traps and stalls, and
hand-built WARC files that lie about their sizes and ids. Each case ends bounded (memory measured
in the process that did the work), with a named skip, and with an intact index.

Cases already pinned elsewhere: redirects and meta refreshes off the seed (test_scope), a record
without WARC-Target-URI and non-WARC files (test_reprocess), racing for a dead crawl's lock
(test_lock), ``serve --public`` (test_browse).
"""

from __future__ import annotations

import asyncio
import gzip
import io
import json
import subprocess
import sys
import zlib

import pytest
import sqlite_utils
from _archive_checks import crawl_command, run_crawl
from scrapy.exceptions import IgnoreRequest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import cleaners
from archive.samplesites.server import Route, SiteServer
from archive.store.paths import ArchivePaths
from spiders._seeds import Seed
from spiders.scope import SeedScopeMiddleware

#: The most memory any case may take, in the process that reads, cleans or serves.
MAX_RSS_MB = 500
STORY = ("<p>The harbour board met on Tuesday evening to decide the fate of the old ferry pier, "
         "which has been closed to the public since the storm damaged its pilings.</p>") * 4


def page(title: str, body: str = STORY) -> bytes:
    return (f"<html><head><title>{title}</title><meta property='og:type' content='article'>"
            f"</head><body><div class='c7'><h1>{title}</h1>{body}</div></body></html>").encode()


def intact(data) -> sqlite_utils.Database:
    db = sqlite_utils.Database(ArchivePaths(data).index)
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    return db


def peak_rss_mb(code: str) -> tuple[float, str]:
    """Run ``code`` in a fresh Python; return its peak RSS in MB and what it printed. The peak
    is the process's own (``VmHWM``): ``ru_maxrss`` keeps, across the exec, the high-water mark
    of the test process that forked it, which a long test run can push past any bound."""
    wrapped = code + "\nprint('RSS', [line.split()[1] for line in open('/proc/self/status')" \
                     " if line.startswith('VmHWM:')][0])"
    result = subprocess.run([sys.executable, "-c", wrapped], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    rss = int(result.stdout.rsplit("RSS ", 1)[1])
    return rss / 1024, result.stdout


def bomb(size: int) -> bytes:
    """``size`` bytes of zeros, gzipped: about a thousandth of that on the wire."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1 << 20)
    return b"".join([*(packer.compress(chunk) for _ in range(size >> 20)), packer.flush()])


def write_warc(path, responses, compress=True):
    """``responses``: ``(url, body, extra http headers, extra warc headers)``."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=compress)
        for url, body, headers, warc in responses:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                               *headers, ("Content-Length", str(len(body)))],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict=warc))
    return path


@pytest.fixture(scope="module")
def crawled(sample_seeds, tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile-archive")
    run_crawl(sample_seeds, data)
    return data


def reprocess_measured(inputs, data) -> tuple[float, dict]:
    """``reprocess`` in one process (cleaning included): its peak RSS and its report."""
    rss, out = peak_rss_mb(
        "import json\nfrom archive.offline.reprocess import reprocess\n"
        f"r = reprocess({[str(p) for p in inputs]!r}, {str(data)!r}, jobs=0)\n"
        "print('REPORT', json.dumps({'problems': [[p.file, p.offset, p.reason, p.detail] "
        "for p in r.problems], 'articles': r.articles}))")
    return rss, json.loads(out.split("REPORT ", 1)[1].split("\nRSS", 1)[0])


# --- row 3: provenance cannot be overwritten ---------------------------------------------------
def test_a_foreign_record_reusing_an_archived_id_is_refused(crawled, tmp_path):
    db = intact(crawled)
    victim = next(db.query("select a.capture_id, a.title, a.text, c.warc_file, c.warc_offset "
                           "from articles a join captures c on c.record_id = a.capture_id "
                           "limit 1"))
    foreign = write_warc(tmp_path / "foreign.warc.gz", [
        ("http://127.0.0.1/forged", page("Forged"), [], {"WARC-Record-ID": victim["capture_id"]}),
        ("http://127.0.0.1/honest", page("Honest story"), [], {})])
    _, report = reprocess_measured([foreign], crawled)
    assert [p[2] for p in report["problems"]] == ["duplicate-record-id"]
    after = next(intact(crawled).query(
        "select a.title, a.text, c.warc_file, c.warc_offset, a.url from articles a join captures "
        "c on c.record_id = a.capture_id where a.capture_id = ?", [victim["capture_id"]]))
    assert (after["title"], after["text"], after["warc_file"], after["warc_offset"]) == (
        victim["title"], victim["text"], victim["warc_file"], victim["warc_offset"])
    assert report["articles"] == 1  # the honest record next to it


# --- rows 5 and 6: lying sizes in WARC files ------------------------------------------------------
def test_a_gigantic_header_line_is_refused_without_reading_it(tmp_path):
    line = 256 << 20  # 256 MiB of header line: under 300 KB gzipped
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    member = packer.compress(b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: ")
    member += b"".join(packer.compress(b"a" * (1 << 20)) for _ in range(line >> 20))
    member += packer.compress(b"\r\n\r\n") + packer.flush()
    good = write_warc(tmp_path / "good.warc.gz", [
        ("http://127.0.0.1/after", page("After the giant"), [], {})])
    hostile = tmp_path / "giant.warc.gz"
    hostile.write_bytes(member + good.read_bytes())
    assert hostile.stat().st_size < 1 << 20
    rss, report = reprocess_measured([hostile], tmp_path / "data")
    assert rss < MAX_RSS_MB, f"{rss:.0f} MB"
    assert [p[2] for p in report["problems"]] == ["oversized-header"]
    assert report["articles"] == 1  # the record after it
    intact(tmp_path / "data")


def test_a_record_declaring_ten_gigabytes_inside_gzip_is_a_short_record(tmp_path):
    body = page("Ten gigabytes")
    path = write_warc(tmp_path / "liar.warc.gz", [("http://127.0.0.1/liar", body, [], {})],
                      compress=False)
    raw = path.read_bytes().replace(b"Content-Length: ", b"Content-Length: 10000000000\r\nX: ", 1)
    path.write_bytes(gzip.compress(raw))
    _, report = reprocess_measured([path], tmp_path / "data")
    assert [p[2] for p in report["problems"]] == ["short-record"]
    assert report["articles"] == 0
    assert intact(tmp_path / "data")["articles"].count == 0


# --- row 2: the viewer and an archived gzip bomb --------------------------------------------------
def test_the_viewer_inflates_no_more_of_a_gzip_bomb_than_its_limit(tmp_path):
    path = write_warc(tmp_path / "bomb.warc.gz", [
        ("http://127.0.0.1/bomb", bomb(1 << 30), [("Content-Encoding", "gzip")], {})])
    rss, out = peak_rss_mb(
        "from archive.web.plugin import MAX_VIEW_BYTES, payload_at\n"
        f"payload = payload_at({str(path)!r}, 0)\n"
        "print('VIEW', len(payload.body), payload.cut, MAX_VIEW_BYTES)")
    size, cut, limit = out.split("VIEW ", 1)[1].split()[:3]
    assert (int(size), cut) == (int(limit), "True")
    assert rss < MAX_RSS_MB, f"{rss:.0f} MB"


# --- rows 1, 7, 9, 11, 12: a hostile server -------------------------------------------------------
def test_internal_addresses_are_refused_unless_the_seed_names_one():
    """A public name that resolves to a loopback address (DNS rebinding) is refused; the sample
    sites' seeds, which name 127.0.0.1 themselves, are not."""
    stats = type("Stats", (), {"inc_value": lambda self, key: None})()
    middleware = SeedScopeMiddleware(stats, ())
    middleware.resolved["news.example.org"] = "127.0.0.1"  # what a rebinding DNS answers
    public = Seed(name="public", start_urls=("https://news.example.org/",),
                  allowed_domains=("news.example.org",))
    request = _request("https://news.example.org/story", public)
    with pytest.raises(IgnoreRequest, match="internal-address"):
        asyncio.run(middleware.process_request(request))
    local = Seed(name="local", start_urls=("http://127.0.0.1:8701/",),
                 allowed_domains=("127.0.0.1",))
    assert asyncio.run(middleware.process_request(_request("http://127.0.0.1:8701/a",
                                                           local))) is None


def _request(url: str, seed: Seed):
    from scrapy import Request

    return Request(url, cb_kwargs={"seed": seed})


@pytest.fixture
def hostile(tmp_path):
    server = SiteServer({}).start()
    links = "".join(f"<a href='/cal/{n}.html'>{n}</a> " for n in range(50_000))
    server.routes.update({
        "/robots.txt": Route(b"User-agent: *\nAllow: /\n", content_type="text/plain"),
        "/": Route(page("Front", "<a href='/calendar'>calendar</a> <a href='/news/1.html'>1</a>"
                               " <a href='/news/2.html'>2</a> <a href='/news/3.html'>3</a>"
                               " <a href='/news/4.html'>4</a>")),
        "/calendar": Route(page("Calendar", links)),
        "/news/1.html": Route(page("Cut short"), cut_at=200),
        "/news/2.html": Route(b"\x1f\x8b\x08\x00 not really gzip",
                              headers=[("Content-Encoding", "gzip")]),
        "/news/3.html": Route(page("A good story")),
        # Silent far past the crawl's 3 s timeout: a busy machine may fire it late, and a server
        # that closed first would make this a disconnect instead.
        "/news/4.html": Route(page("Stalls half way"), cut_at=300, stall=60),
    })
    seed = tmp_path / "hostile.toml"
    seed.write_text(f'name = "hostile"\nstart_urls = ["{server.origin}/"]\n'
                    'article_pattern = "^/(news|cal)/\\\\d+\\\\.html$"\ndepth = 2\n')
    yield server, seed
    server.shutdown()
    server.server_close()


def test_a_hostile_site_is_crawled_within_bounds(hostile, tmp_path):
    server, seed = hostile
    result = subprocess.run(crawl_command([seed], tmp_path / "data",
                                          "-s", "ARCHIVE_MAX_PAGES_PER_SITE=60",
                                          "-s", "DOWNLOAD_TIMEOUT=3", "-s", "RETRY_TIMES=0"),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    db = intact(tmp_path / "data")
    # Row 7: the calendar's 50,000 links stop at the site's page limit, and the summary says so.
    assert len(server.requests) <= 62  # the limit, and robots.txt
    assert "page limit reached: hostile (60 requests" in result.stdout
    # Row 9: a body shorter than its Content-Length is archived, marked truncated.
    short = next(db.query("select * from captures where url like '%/news/1.html'"))
    assert short["truncated"] == "disconnect"
    # ... and one that stalls past the timeout, as far as it came.
    stalled = next(db.query("select * from captures where url like '%/news/4.html'"))
    assert stalled["truncated"] == "time" and stalled["content_length"] == 300
    # Row 11: a capture that cannot be read back says why.
    broken = next(db.query("select * from captures where url like '%/news/2.html'"))
    assert broken["skip_reason"] == "undecodable-payload"
    failed = [r["url"] for r in db.query("select url from captures where skip_reason is not null "
                                          "and skip_reason not in ('not-article')")]
    assert any(url.endswith("/news/2.html") for url in failed)
    # Row 12: no console listens during the crawl.
    assert "Telnet console listening" not in result.stderr
    assert "Remote control" not in result.stderr
    assert db.execute("select count(*) from articles where url like '%/news/3.html'"
                      ).fetchone()[0] == 1


# --- row 8: wrong charsets ------------------------------------------------------------------------
RUSSIAN = ("Минский городской суд вынес приговор по делу о массовых беспорядках, которое "
           "рассматривалось почти год. ") * 6


@pytest.mark.parametrize(("declared", "encoding"), [("utf-8", "cp1251"),
                                                    ("windows-1251", "utf-8")])
def test_a_page_in_another_charset_than_declared_is_read_right_and_says_so(declared, encoding):
    html = f"<html><head><meta charset='{declared}'><title>Суд</title></head><body>" \
           f"<div class='x1'><p>{RUSSIAN}</p></div></body></html>"
    document = cleaners.clean(html.encode(encoding), "http://127.0.0.1/ru",
                              [("Content-Type", f"text/html; charset={declared}")])
    assert RUSSIAN.strip().split(". ")[0] in document.text
    assert "\ufffd" not in document.text and document.language == "ru"
    assert [g for g in document.guards if g.startswith("charset-detected: declared")]
