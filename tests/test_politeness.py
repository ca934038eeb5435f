"""HTTP 429 with Retry-After pauses the host and retries after the wait, never at once."""

import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sqlite_utils
from _archive_checks import run_crawl

from archive.crawl.politeness import retry_after_seconds

PAGE = ("<html lang=en><head><title>Rate limited story</title>"
        "<meta property='og:type' content='article'></head><body><div class='c-x1'>"
        + "".join(f"<p>Paragraph {n} of a story that a rate-limited server finally served "
                  f"after asking the crawler to wait.</p>" for n in range(6))
        + "</div></body></html>").encode()


class RateLimited(BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def do_GET(self):  # noqa: N802
        count = self.hits[self.path] = self.hits.get(self.path, 0) + 1
        if self.path == "/robots.txt":
            self.send_response(404)
            self.end_headers()
        elif self.path.startswith("/story") and count == 1:
            self.send_response(429)
            self.send_header("Retry-After", "2")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            front = b"<html><body><a href='/story-1'>1</a></body></html>"
            body = front if self.path == "/" else PAGE
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def rate_limited_site(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), RateLimited)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    seed = tmp_path / "limited.toml"
    seed.write_text(f'name = "limited"\nstart_urls = ["http://127.0.0.1:{server.server_port}/"]\n')
    yield seed
    server.shutdown()


def test_retry_after_parses_seconds_and_dates():
    assert retry_after_seconds(b"120") == 120
    assert retry_after_seconds(b"Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert retry_after_seconds(b"soon") is None and retry_after_seconds(None) is None


def test_429_is_archived_then_retried_after_the_wait(rate_limited_site, tmp_path):
    run_crawl([rate_limited_site], tmp_path / "data")
    db = sqlite_utils.Database(tmp_path / "data" / "index.db")
    rows = list(db.query("select status, fetched_at from captures where url like '%/story-1' "
                         "order by fetched_at"))
    assert [row["status"] for row in rows] == [429, 200]
    first, second = (datetime.fromisoformat(row["fetched_at"].rstrip("Z")) for row in rows)
    assert (second - first).total_seconds() >= 1.9
    assert db["articles"].count == 1
