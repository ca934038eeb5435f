"""Scrapy responses become faithful WARC records, and records become captures again."""

import gzip
import io
from ipaddress import IPv4Address

import pytest
from scrapy.http import HtmlResponse, Request
from warcio.archiveiterator import ArchiveIterator

from archive.store.records import (
    CaptureError,
    capture_from_record,
    request_response_records,
    warc_date,
)
from archive.store.warcfile import record_bytes

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


def test_derived_records_name_their_file_and_say_when_they_were_made(tmp_path):
    """A reader of text/ alone: each conversion and metadata record names the warcinfo of its
    file, the response it was made from and when it was made."""
    import json as json_

    from warcio.archiveiterator import ArchiveIterator

    from archive.process import archive_document, clean_capture
    from archive.store.index import Index
    from archive.store.records import Capture
    from archive.store.warcfile import RotatingWarcFile

    html = ("<html><head><title>Pier</title></head><body><div class='a1'>" + "<p>The harbour "
            "board met on Tuesday evening to decide the fate of the old ferry pier.</p>" * 5
            + "</div></body></html>").encode()
    capture = Capture(url="http://127.0.0.1/pier", fetched_at="2025-01-02T03:04:05Z",
                      status=200, headers=[("Content-Type", "text/html")], body=html,
                      record_id="<urn:uuid:00000000-0000-4000-8000-00000000abcd>")
    derived = RotatingWarcFile(tmp_path, "t", 10_000_000, info={"source": "a test"})
    index = Index(tmp_path / "index.db")
    archive_document(capture, clean_capture(capture, None), site="t", derived=derived,
                     index=index)
    derived.close()
    with open(next(tmp_path.glob("t-*.warc.gz")), "rb") as stream:
        records = list((r.rec_type, dict(r.rec_headers.headers), r.content_stream().read())
                       for r in ArchiveIterator(stream))
    (_, info, body), conversion, metadata = records
    assert b"source: a test" in body
    for _, headers, _ in (conversion, metadata):
        assert headers["WARC-Warcinfo-ID"] == info["WARC-Record-ID"]
        assert headers["WARC-Refers-To"] == capture.record_id
        assert headers["X-Newsarchive-Cleaned-At"] > capture.fetched_at
    assert json_.loads(metadata[2])["captured_at"] == capture.fetched_at
