"""A generated news site for crawl benchmarks: N article pages of realistic size (50-300 KB,
most of it scripts, styles and navigation, as on real news sites), a front page, paginated
section pages, an RSS feed and a sitemap, served on 127.0.0.1 with a per-request latency.

Pages are generated on request from their number, so the site costs no memory whatever N.
"""

from __future__ import annotations

import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_TEXT = ("the government said on tuesday that its plans for the new budget would cut spending "
         "in several regions while officials in the capital warned of delays and protests as "
         "ministers met with union leaders to discuss wages pensions and the price of energy "
         "after a week of talks that ended without agreement according to people familiar with "
         "the matter who asked not to be named because the negotiations were private")
WORDS = tuple(_TEXT.split())
PER_SECTION = 100
_SCRIPT_CHUNK = "".join(random.Random(0).choices("abcdefghijklmnopqrstuvwxyz0123456789{}();=.,",
                                                 k=4096))


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(12, 28))
    return " ".join(words).capitalize() + "."


def article_html(n: int, total: int) -> bytes:
    rng = random.Random(n)
    size = rng.randint(50_000, 300_000)
    title = " ".join(rng.choices(WORDS, k=8)).capitalize()
    paragraphs = "".join(f'<p class="p-{n % 7}x">{" ".join(_sentence(rng) for _ in range(4))}</p>'
                         for _ in range(rng.randint(6, 14)))
    related = "".join(f'<li><a href="/news/{(n + k) % total + 1}.html">{_sentence(rng)}</a></li>'
                      for k in range(1, 9))
    nav = "".join(f'<li><a href="/section/{k}.html">Section {k}</a></li>' for k in range(1, 30))
    head = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="og:type" content="article">'
            f'<link rel="canonical" href="/news/{n}.html"></head><body>'
            f'<header><nav><ul>{nav}</ul></nav></header><main><div class="a-9f{n % 13}">'
            f'<h1>{title}</h1><time datetime="2025-01-{n % 28 + 1:02d}">Jan</time>'
            f'{paragraphs}<aside><h2>Read more</h2><ul>{related}</ul></aside></div></main>')
    tail = "<footer>© News Corp</footer></body></html>"
    filler_len = max(0, size - len(head) - len(tail) - 40)
    blob = (_SCRIPT_CHUNK * (filler_len // len(_SCRIPT_CHUNK) + 1))[:filler_len]
    return (head + f"<script>window.__STATE__='{blob}'</script>" + tail).encode()


def section_html(k: int, total: int) -> bytes:
    first = (k - 1) * PER_SECTION + 1
    links = "".join(f'<li><a href="/news/{n}.html">Story {n}</a></li>'
                    for n in range(first, min(total, first + PER_SECTION - 1) + 1))
    return f"<html><body><h1>Section {k}</h1><ul>{links}</ul></body></html>".encode()


def front_html(total: int) -> bytes:
    sections = (total + PER_SECTION - 1) // PER_SECTION
    links = "".join(f'<li><a href="/section/{k}.html">Section {k}</a></li>'
                    for k in range(1, sections + 1))
    return f"<html><body><h1>Front page</h1><ul>{links}</ul></body></html>".encode()


def feed_xml(total: int) -> bytes:
    items = "".join(f"<item><title>Story {n}</title><link>/news/{n}.html</link></item>"
                    for n in range(total, max(0, total - 50), -1))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>{items}'
            "</channel></rss>").encode()


def sitemap_xml(total: int, origin: str) -> bytes:
    urls = "".join(f"<url><loc>{origin}/news/{n}.html</loc></url>" for n in range(1, total + 1))
    return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>").encode()


def make_handler(total: int, latency: float, article=article_html):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802
            time.sleep(latency)
            path = self.path.split("?")[0]
            body, status = b"not found", 404
            try:
                if path == "/":
                    body, status = front_html(total), 200
                elif path == "/robots.txt":
                    origin = f"http://{self.headers.get('Host')}"
                    body = f"User-agent: *\nAllow: /\nSitemap: {origin}/sitemap.xml\n".encode()
                    status = 200
                elif path == "/feed.xml":
                    body, status = feed_xml(total), 200
                elif path == "/sitemap.xml":
                    body, status = sitemap_xml(total, f"http://{self.headers.get('Host')}"), 200
                elif path.startswith("/section/"):
                    k = int(path.removeprefix("/section/").removesuffix(".html"))
                    if 1 <= k <= (total + PER_SECTION - 1) // PER_SECTION:
                        body, status = section_html(k, total), 200
                elif path.startswith("/news/"):
                    n = int(path.removeprefix("/news/").removesuffix(".html"))
                    if 1 <= n <= total:
                        body, status = article(n, total), 200
            except ValueError:
                pass
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


class GeneratedSite:
    """``with GeneratedSite(2000, 0.05) as site:`` serves the site at ``site.url``. Given
    ``bodies`` (real pages), article *n* is ``bodies[(n - 1) % len(bodies)]``."""

    def __init__(self, pages: int, latency: float, bodies: list[bytes] | None = None):
        article = (lambda n, total: bodies[(n - 1) % len(bodies)]) if bodies else article_html
        self.server = ThreadingHTTPServer(("127.0.0.1", 0),
                                          make_handler(pages, latency, article))
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
