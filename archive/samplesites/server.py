"""A small HTTP/1.1 server for the sample sites: real sockets on 127.0.0.1, gzip when asked,
chunked bodies, ETag/Last-Modified with 304s, redirects and error statuses, so that the crawl
meets what real news servers send."""

from __future__ import annotations

import gzip
import threading
import time
import zlib
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: A fixed Last-Modified for every page: the sites do not change while served.
LAST_MODIFIED = formatdate(1733700000, usegmt=True)


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    gzip: bool = False
    chunked: bool = False
    #: Send only this many bytes of the body, then close the connection (a server that dies
    #: mid-response): the Content-Length still announces the whole body.
    cut_at: int | None = None
    #: Seconds to wait, silent, after those bytes before closing (a server that stalls).
    stall: float = 0

    @property
    def etag(self) -> str:
        return f'"{zlib.crc32(self.body):08x}"'


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, routes: dict[str, Route], port: int = 0):
        super().__init__(("127.0.0.1", port), SiteHandler)
        self.routes = routes
        self.requests: list[tuple[str, str]] = []

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> SiteServer:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self


class SiteHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: SiteServer

    def do_GET(self):  # noqa: N802 (the http.server API)
        self.server.requests.append((self.command, self.path))
        route = self.server.routes.get(self.path) or self.server.routes.get(
            self.path.split("?")[0])
        if route is None:
            route = Route(b"<html><body><h1>404</h1></body></html>", status=404)
        if route.status == 200 and self._not_modified(route):
            self.send_response(304)
            self.send_header("ETag", route.etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = route.body
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        if route.status == 200:
            self.send_header("ETag", route.etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
        for name, value in route.headers:
            self.send_header(name, value)
        if route.gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, mtime=0)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        if route.chunked:
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for start in range(0, len(body), 4096):
                chunk = body[start:start + 4096]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body if route.cut_at is None else body[:route.cut_at])
            if route.cut_at is not None:
                self.wfile.flush()
                time.sleep(route.stall)
                self.close_connection = True

    def _not_modified(self, route: Route) -> bool:
        if self.headers.get("If-None-Match") == route.etag:
            return True
        return self.headers.get("If-Modified-Since") == LAST_MODIFIED and \
            not self.headers.get("If-None-Match")

    def log_message(self, format, *args):  # noqa: A002 (the http.server API)
        pass
