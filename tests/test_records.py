"""Scrapy responses become faithful WARC records, and records become captures again."""

import gzip
import io
from ipaddress import IPv4Address

import pytest
from scrapy.http import HtmlResponse, Request
from warcio.archiveiterator import ArchiveIterator

from archive.records import CaptureError, capture_from_record, request_response_records, warc_date
from archive.warcfile import record_bytes

HTML = "<html><body><p>Привет, мир</p></body></html>".encode()


def _pair(body=HTML, headers=None, url="http://127.0.0.1:8000/world/1.html?utm_source=rss&x=1"):
    request = Request(url, headers={"User-Agent": "t", "Accept-Encoding": "gzip, deflate"})
    headers = headers or [("Content-Type", "text/html; charset=utf-8"), ("Set-Cookie", "a=1"),
                          ("Set-Cookie", "b=2"), ("Content-Encoding", "gzip")]
    response = HtmlResponse(url, status=200, headers=headers, body=body, request=request,
                            ip_address=IPv4Address("127.0.0.1"), protocol="HTTP/1.1")
    return request, response


def _roundtrip(record):
    return next(iter(ArchiveIterator(io.BytesIO(record_bytes(record)))))


def test_response_record_keeps_wire_body_and_all_headers():
    request, response = _pair(body=gzip.compress(HTML))
    req_record, resp_record = request_response_records(request, response, warc_date())
    blob = record_bytes(resp_record)
    record = next(iter(ArchiveIterator(io.BytesIO(blob))))
    http = record.http_headers
    assert http.statusline == "200 OK" and http.protocol == "HTTP/1.1"
    assert [v for k, v in http.headers if k == "Set-Cookie"] == ["a=1", "b=2"]
    assert http.get_header("Content-Encoding") == "gzip"
    assert int(http.get_header("Content-Length")) == len(response.body)
    assert record.rec_headers.get_header("WARC-IP-Address") == "127.0.0.1"
    assert record.rec_headers.get_header("WARC-Payload-Digest").startswith("sha1:")
    assert record.rec_headers.get_header("WARC-Block-Digest").startswith("sha1:")
    assert record.raw_stream.read() == response.body  # still content-encoded
    capture = capture_from_record(next(iter(ArchiveIterator(io.BytesIO(blob)))))
    assert capture.body == HTML and capture.status == 200 and capture.mime == "text/html"

    req = _roundtrip(req_record)
    assert req.http_headers.protocol == "GET"
    assert req.http_headers.statusline == "/world/1.html?utm_source=rss&x=1 HTTP/1.1"
    assert req.http_headers.get_header("Host") == "127.0.0.1:8000"
    assert req.rec_headers.get_header("WARC-Concurrent-To") == \
        resp_record.rec_headers.get_header("WARC-Record-ID")


def test_unknown_content_encoding_is_a_clear_error():
    _, response = _pair(headers=[("Content-Type", "text/html"), ("Content-Encoding", "zstd")])
    _, resp_record = request_response_records(response.request, response, warc_date())
    with pytest.raises(CaptureError) as error:
        capture_from_record(_roundtrip(resp_record))
    assert error.value.reason == "content-encoding"


def test_body_mislabelled_as_gzip_is_read_as_sent():
    """warcio's leniency, kept: servers that label plain HTML as gzip still yield the page."""
    _, response = _pair(body=HTML)
    _, resp_record = request_response_records(response.request, response, warc_date())
    assert capture_from_record(_roundtrip(resp_record)).body == HTML
