"""Derived records, Common Crawl WET style: a ``conversion`` record with the cleaned text and a
``metadata`` record with what the cleaner found and cut, both referring to the response record.

They go to their own files under ``text/`` so raw captures are never rewritten.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import langcodes

from archive.store.records import Capture
from archive.store.warcfile import RecordLocation, record_builder, record_bytes


def derived_records(capture: Capture, document, warcinfo_id: str | None = None):
    """Build the conversion and metadata records of one cleaned capture."""
    builder = record_builder()
    text = document.text.encode("utf-8")
    cleaned_at = datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    # A capture cleaned again gets new records beside the old: the newest Cleaned-At of a
    # WARC-Refers-To is the current one, for a reader of text/ without the index.
    common = {"WARC-Date": capture.fetched_at, "WARC-Refers-To": capture.record_id,
              "X-Newsarchive-Cleaned-At": cleaned_at,
              "X-Newsarchive-Cleaner-Version": document.cleaner_version}
    if capture.truncated:
        common["WARC-Truncated"] = capture.truncated  # made from a truncated capture
    if warcinfo_id:
        common["WARC-Warcinfo-ID"] = warcinfo_id
    conversion_headers = dict(common)
    if document.language:  # ISO 639-3, as Common Crawl writes it ("ara"; the index keeps "ar")
        conversion_headers["WARC-Identified-Content-Language"] = alpha3(document.language)
    conversion = builder.create_warc_record(
        capture.url, "conversion", payload=io.BytesIO(text), length=len(text),
        warc_content_type="text/plain; charset=utf-8", warc_headers_dict=conversion_headers)
    meta = {**document.metadata(), "refers_to": capture.record_id, "cleaned_at": cleaned_at,
            "captured_at": capture.fetched_at, "truncated": capture.truncated,
            "source": _location_dict(capture.location)}
    meta_bytes = json.dumps(meta, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    metadata = builder.create_warc_record(
        capture.url, "metadata", payload=io.BytesIO(meta_bytes), length=len(meta_bytes),
        warc_content_type="application/json",
        warc_headers_dict={**common, "WARC-Concurrent-To":
                           conversion.rec_headers.get_header("WARC-Record-ID")})
    return conversion, metadata


def alpha3(code: str) -> str:
    """langdetect's ISO 639-1 code (``ar``, ``zh-cn``) as ISO 639-3 (``ara``, ``zho``)."""
    try:
        return langcodes.Language.get(code).to_alpha3()
    except (LookupError, ValueError):
        return code


def serialized_records(capture: Capture, document,
                       warcinfo_id: str | None = None) -> list[tuple[bytes, str]]:
    """The two records as bytes (one gzip member each) with their ids, ready for
    :meth:`RotatingWarcFile.write_serialized`."""
    return [(record_bytes(record), record.rec_headers.get_header("WARC-Record-ID"))
            for record in derived_records(capture, document, warcinfo_id)]


def _location_dict(location: RecordLocation | None) -> dict | None:
    if location is None:
        return None
    return {"file": location.filename, "offset": location.offset, "length": location.length}
