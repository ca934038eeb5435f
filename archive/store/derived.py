"""Derived records, Common Crawl WET style: a ``conversion`` record with the cleaned text and a
``metadata`` record with what the cleaner found and cut, both referring to the response record.

They go to their own files under ``text/`` so raw captures are never rewritten.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

from archive.store.copies import signature_text
from archive.store.records import Capture
from archive.store.warcfile import RecordLocation, new_record_id, record_builder, record_bytes

#: The header naming the conversion record a new one replaces.
REPLACES = "X-Newsarchive-Replaces"


def derived_records(capture: Capture, document, warcinfo_id: str | None = None,
                    replaces: str | None = None, signature=None):
    """Build the conversion and metadata records of one cleaned capture; ``replaces``: the
    conversion record of the capture that was current when these were written; ``signature``:
    the text's MinHash signature, kept in the metadata record (``minhash``) for a rebuilt
    index."""
    builder = record_builder()
    text = document.text.encode("utf-8")
    cleaned_at = datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")
    # A capture cleaned again gets new records beside the old, naming the conversion record
    # they replace: for a reader of text/ without the index, the current record of a
    # WARC-Refers-To is the one no other replaces (:func:`current_records`), whatever the
    # clocks of the machines that wrote them said.
    common = {"WARC-Date": capture.fetched_at, "WARC-Refers-To": capture.record_id,
              "X-Newsarchive-Cleaned-At": cleaned_at,
              "X-Newsarchive-Cleaner-Version": document.cleaner_version}
    if replaces:
        common[REPLACES] = replaces
    if capture.truncated:
        common["WARC-Truncated"] = capture.truncated  # made from a truncated capture
    if warcinfo_id:
        common["WARC-Warcinfo-ID"] = warcinfo_id
    conversion_headers = {"WARC-Record-ID": new_record_id(), **common}
    if document.language:  # ISO 639-3, as Common Crawl writes it ("ara"; the index keeps "ar")
        conversion_headers["WARC-Identified-Content-Language"] = alpha3(document.language)
    conversion = builder.create_warc_record(
        capture.url, "conversion", payload=io.BytesIO(text), length=len(text),
        warc_content_type="text/plain; charset=utf-8", warc_headers_dict=conversion_headers)
    meta = {**document.metadata(), "refers_to": capture.record_id, "cleaned_at": cleaned_at,
            "captured_at": capture.fetched_at, "truncated": capture.truncated,
            "source": _location_dict(capture.location), "replaces": replaces,
            "minhash": signature_text(signature)}
    meta_bytes = json.dumps(meta, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    metadata = builder.create_warc_record(
        capture.url, "metadata", payload=io.BytesIO(meta_bytes), length=len(meta_bytes),
        warc_content_type="application/json",
        warc_headers_dict={"WARC-Record-ID": new_record_id(), **common, "WARC-Concurrent-To":
                           conversion.rec_headers.get_header("WARC-Record-ID")})
    return conversion, metadata


def alpha3(code: str) -> str:
    """langdetect's ISO 639-1 code (``ar``, ``zh-cn``) as ISO 639-3 (``ara``, ``zho``)."""
    import langcodes  # 30 ms of CPU to load its tables: not for commands that read records

    try:
        return langcodes.Language.get(code).to_alpha3()
    except (LookupError, ValueError):
        return code


def serialized_records(capture: Capture, document, warcinfo_id: str | None = None,
                       replaces: str | None = None, signature=None) -> list[tuple[bytes, str]]:
    """The two records as bytes (one gzip member each) with their ids, ready for
    :meth:`RotatingWarcFile.write_serialized`."""
    return [(record_bytes(record), record.rec_headers.get_header("WARC-Record-ID"))
            for record in derived_records(capture, document, warcinfo_id, replaces, signature)]


def _location_dict(location: RecordLocation | None) -> dict | None:
    if location is None:
        return None
    return {"file": location.filename, "offset": location.offset, "length": location.length}


def current_record(candidates: list[dict]) -> dict:
    """Of one capture's conversion records (each a dict with its ``id``, the ``replaces`` it
    names and its ``cleaned_at``), the current one: the one no other replaces. Every writer
    names the record it replaces, so a chain orders them without a clock; records that no
    writer ordered (written before records named what they replace, all by one machine) fall
    back to the newest Cleaned-At, then the record id."""
    replaced = {candidate["replaces"] for candidate in candidates}
    heads = [candidate for candidate in candidates if candidate["id"] not in replaced]
    return max(heads or candidates, key=lambda c: (c["cleaned_at"] or "", c["id"]))
