"""WARC records in and out: Scrapy request/response pairs to warcio records, records to captures.

:func:`capture_from_record` is the one way a stored response becomes input for the cleaners, in a
crawl (right after the record is written) and in offline reprocessing alike.
"""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from urllib.parse import urlsplit

import brotli
from warcio.bufferedreaders import BufferedReader, ChunkedDataReader
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser
from warcio.timeutils import datetime_to_iso_date

from archive.store.warcfile import RecordLocation, new_record_id, record_builder

#: Headers Twisted consumed or that no longer describe the stored (de-chunked) body.
_HOP_BY_HOP = {"content-length", "transfer-encoding", "connection", "keep-alive"}


class CaptureError(Exception):
    """A response record whose payload cannot be turned into a capture; ``reason`` is a slug."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail = reason, detail


@dataclass
class Capture:
    """One archived HTTP response, with its payload decoded (content-encoding undone)."""

    url: str
    fetched_at: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes = field(repr=False)
    record_id: str
    payload_digest: str | None = None
    ip_address: str | None = None
    location: RecordLocation | None = None
    truncated: str | None = None
    extra: dict = field(default_factory=dict)

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((value for key, value in self.headers if key.lower() == name), None)

    @property
    def mime(self) -> str:
        return (self.header("Content-Type") or "").split(";")[0].strip().lower()


def status_skip_reason(status: int | None) -> str | None:
    """Why a response with this HTTP status holds no article (None: it may hold one). The crawl
    writes it with the capture, reprocessing reads it: one verdict, made once."""
    if status is None or status == 200:
        return None
    if 300 <= status < 400:
        return "redirect"
    return "http-error" if status >= 400 else "http-status"


def warc_date(moment: datetime | None = None) -> str:
    moment = (moment or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    return datetime_to_iso_date(moment, use_micros=True)


def _header_pairs(headers) -> list[tuple[str, str]]:
    """Every value of every header, repeated headers included (Scrapy's ``[]`` keeps the last)."""
    pairs = []
    for key in headers:
        name = key.decode("latin-1")
        for value in headers.getlist(key):
            pairs.append((name, value.decode("latin-1")))
    return pairs


def request_response_records(request, response, fetched_at: str,
                             received: bytes | None = None):
    """Build the WARC ``request`` and ``response`` records of one fetch.

    With ``received`` (the bytes the server sent, :mod:`archive.crawl.download`) the response record
    holds them verbatim. Without, it is rebuilt from Scrapy's response: the body still
    content-encoded, but de-chunked, with a Content-Length of its own, the header names as
    Scrapy normalises them and the standard reason phrase; the headers it had to drop or
    replace are kept as ``X-Crawler-*``, as Common Crawl does.
    """
    builder = record_builder()
    protocol = response.protocol or "HTTP/1.1"
    warc_headers = {"WARC-Date": fetched_at}
    if "dataloss" in response.flags:  # the server closed the connection before the end
        warc_headers["WARC-Truncated"] = "disconnect"
    elif "timeout" in response.flags:  # the body stalled: archive.crawl.download kept what came
        warc_headers["WARC-Truncated"] = "time"
    if response.ip_address is not None:
        warc_headers["WARC-IP-Address"] = str(response.ip_address)
    resp_record = (verbatim_response_record(response.url, received, warc_headers)
                   if received else None) or rebuilt_response_record(response, warc_headers)

    parts = urlsplit(request.url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    req_headers = [("Host", parts.netloc), *_header_pairs(request.headers)]
    body = request.body or b""
    if body:
        req_headers.append(("Content-Length", str(len(body))))
    req_record = builder.create_warc_record(
        response.url, "request", payload=io.BytesIO(body), length=len(body),
        http_headers=StatusAndHeaders(f"{request.method} {target} {protocol}", req_headers),
        warc_headers_dict={
            "WARC-Date": fetched_at, "WARC-Record-ID": new_record_id(),
            "WARC-Concurrent-To": resp_record.rec_headers.get_header("WARC-Record-ID"),
        },
    )
    return req_record, resp_record


def rebuilt_response_record(response, warc_headers: dict):
    """The response record rebuilt from Scrapy's response, when no bytes were teed."""
    # Scrapy keeps no reason phrase: use the standard one for the code.
    known = response.status in HTTPStatus._value2member_map_
    reason = HTTPStatus(response.status).phrase if known else ""
    pairs = list(_header_pairs(response.headers))
    headers = [(k, v) for k, v in pairs if k.lower() not in _HOP_BY_HOP]
    headers.append(("Content-Length", str(len(response.body))))
    headers += [(f"X-Crawler-{k}", v) for k, v in pairs if k.lower() in _HOP_BY_HOP]
    return record_builder().create_warc_record(
        response.url, "response", payload=io.BytesIO(response.body), length=len(response.body),
        http_headers=StatusAndHeaders(f"{response.status} {reason}".strip(), headers,
                                      protocol=response.protocol or "HTTP/1.1"),
        warc_headers_dict={"WARC-Record-ID": new_record_id(), **warc_headers})


def verbatim_response_record(url: str, received: bytes, warc_headers: dict):
    """A response record whose HTTP block is ``received``, byte for byte: the status line, the
    headers as sent (case, order, repeats, spacing) and the body, chunked framing included (WARC
    1.1 allows it). The payload digest is over the body as stored, after the headers: what
    warcio, pywb and wget compute and check (for a chunked body the WARC text's "entity-body"
    would be the de-chunked one; the tools that read archives do not do so). None when the
    bytes hold no complete header block."""
    end = received.find(b"\r\n\r\n")
    if end < 0:
        return None
    http = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"], verify=False).parse(
        io.BytesIO(received[:end + 4]))
    headers = StatusAndHeaders("WARC/1.1", [
        ("WARC-Type", "response"), ("WARC-Record-ID", new_record_id()),
        ("WARC-Target-URI", url), *warc_headers.items(),
        ("WARC-Payload-Digest", _sha1(received[end + 4:])),
        ("WARC-Block-Digest", _sha1(received)),
        ("Content-Type", "application/http; msgtype=response"),
        ("Content-Length", str(len(received)))], protocol="")
    record = ArcWarcRecord("warc", "response", headers, io.BytesIO(received), None,
                           "application/http; msgtype=response", len(received))
    record.verbatim_http = http  # the parsed headers, for a revisit record made of this one
    return record


def _sha1(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


REVISIT_PROFILES = {
    "server-not-modified": "http://netpreserve.org/warc/1.1/revisit/server-not-modified",
    "identical-payload-digest": "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest",
}


def revisit_record(response_record, previous: dict, profile: str):
    """A ``revisit`` record standing for ``response_record``: its headers, no payload.

    ``previous`` is the index row of the capture it repeats (record id, URL, date, digest).
    """
    builder = record_builder()
    rec = response_record.rec_headers
    warc_headers = {"WARC-Date": rec.get_header("WARC-Date"), "WARC-Record-ID": new_record_id(),
                    "WARC-Refers-To": previous["record_id"]}
    if rec.get_header("WARC-IP-Address"):
        warc_headers["WARC-IP-Address"] = rec.get_header("WARC-IP-Address")
    record = builder.create_revisit_record(
        rec.get_header("WARC-Target-URI"), previous["payload_digest"], previous["url"],
        previous["fetched_at"],
        http_headers=response_record.http_headers or getattr(response_record, "verbatim_http",
                                                             None),
        warc_headers_dict=warc_headers)
    record.rec_headers.replace_header("WARC-Profile", REVISIT_PROFILES[profile])
    return record


#: Content-Encoding names that mean another (RFC 9110: x-gzip is gzip).
ENCODING_ALIASES = {"x-gzip": "gzip", "x-deflate": "deflate"}


def content_encoding(http) -> str:
    """The record's Content-Encoding, aliases resolved (``x-gzip`` → ``gzip``)."""
    encoding = (http.get_header("Content-Encoding") or "").strip().lower() if http else ""
    return ENCODING_ALIASES.get(encoding, encoding)


def read_payload(record, limit: int) -> bytes:
    """At most ``limit`` bytes of the record's payload, de-chunked and decoded. warcio's own
    ``content_stream`` knows no x-gzip, and its brotli support fails with current brotli: both
    are handled here, brotli a bounded piece at a time (a bomb stops at ``limit``)."""
    if record.http_headers is None:
        return record.raw_stream.read(limit)
    encoding = content_encoding(record.http_headers)
    chunked = "chunked" in (record.http_headers.get_header("Transfer-Encoding") or "").lower()
    decomp = encoding if encoding in ("gzip", "deflate") else None
    if chunked:
        stream = ChunkedDataReader(record.raw_stream, decomp_type=decomp)
    elif decomp:
        stream = BufferedReader(record.raw_stream, decomp_type=decomp)
    else:
        stream = record.raw_stream
    if encoding != "br":
        return stream.read(limit)
    decompressor, out = brotli.Decompressor(), bytearray()
    while len(out) < limit and not decompressor.is_finished():
        data = stream.read(1 << 16) if decompressor.can_accept_more_data() else b""
        if not data and decompressor.can_accept_more_data():
            raise ValueError("the brotli stream ends early")
        out += decompressor.process(data, output_buffer_limit=limit - len(out))
    return bytes(out[:limit])


def capture_from_record(record, location: RecordLocation | None = None,
                        max_size: int = 64 * 1024 * 1024) -> Capture:
    """Turn a warcio ``response`` record into a :class:`Capture`.

    Raises :class:`CaptureError` for an unknown content encoding, a payload that does not decode
    (truncated or corrupt gzip), or one larger than ``max_size`` once decoded.
    """
    http = record.http_headers
    if http is None:
        raise CaptureError("no-http-headers")
    encoding = content_encoding(http)
    if encoding not in ("", "identity", "br", *BufferedReader.get_supported_decompressors()):
        raise CaptureError("content-encoding", encoding)
    try:
        body = read_payload(record, max_size + 1)
    except Exception as exc:  # zlib/brotli errors have no common base class
        raise CaptureError("undecodable-payload", f"{type(exc).__name__}: {exc}") from exc
    if len(body) > max_size:
        raise CaptureError("too-large", f"over {max_size} bytes decoded")
    try:
        status = int(http.get_statuscode())
    except (TypeError, ValueError) as exc:
        raise CaptureError("bad-status-line", str(http.statusline)) from exc
    rec = record.rec_headers
    return Capture(
        url=rec.get_header("WARC-Target-URI"),
        fetched_at=rec.get_header("WARC-Date"),
        status=status,
        headers=list(http.headers),
        body=body,
        record_id=rec.get_header("WARC-Record-ID"),
        payload_digest=rec.get_header("WARC-Payload-Digest"),
        ip_address=rec.get_header("WARC-IP-Address"),
        location=location,
        truncated=rec.get_header("WARC-Truncated"),
    )
