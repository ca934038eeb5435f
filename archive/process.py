"""The one cleaning path: capture → clean → language → derived records → index row.

:func:`clean_capture` is the CPU-bound half (any process); :func:`archive_document` the writing
half (the archive's single writer). The crawl's item pipeline and offline reprocessing both call
these two; nothing else turns a capture into an article.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import cleaners
from archive.store import copies
from archive.store.derived import serialized_records
from archive.store.index import Index
from archive.store.paths import ArchivePaths
from archive.store.profiles import stale_articles
from archive.store.records import Capture, CaptureError, capture_from_record
from archive.store.warcfile import RecordLocation, RotatingWarcFile, record_at

#: MIME types worth handing to the cleaner; an empty type is tried too (servers omit it).
HTML_TYPES = {"text/html", "application/xhtml+xml", ""}


class Skipped(Exception):
    """A capture that yields no article; ``reason`` is a short slug used in stats and the index."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True)
class Cleaned:
    """A cleaned capture, as the worker hands it to the writer: the document, its derived
    records serialised for the derived file whose warcinfo was ``warcinfo_id``, its MinHash
    signature (for the copy search), and the CPU seconds each stage took in the worker (for the
    crawl's stats: where a page's time goes, without a profiler)."""

    document: cleaners.Document
    records: list[tuple[bytes, str]]
    warcinfo_id: str | None
    signature: Sequence[int] | None
    cpu: dict[str, float] = field(default_factory=dict)


def clean_capture(capture: Capture, rules: cleaners.SiteRules | None,
                  profile: cleaners.SiteProfile | None = None,
                  declared_only: bool = False, warcinfo_id: str | None = None) -> Cleaned:
    """Clean a capture and build its derived records, or raise :class:`Skipped`: all the CPU
    work of the path, so that it runs in a worker process and the writer only writes.
    ``declared_only``: no seed decides, so the page must say it is an article, as in a crawl.
    ``warcinfo_id``: the derived file's, as the writer last saw it."""
    if capture.status != 200:
        raise Skipped(f"status-{capture.status}")
    if capture.mime not in HTML_TYPES:
        raise Skipped("not-html", capture.mime)
    cpu: dict[str, float] = {}
    try:
        document = cleaners.clean(capture.body, capture.url, capture.headers, rules=rules,
                                  profile=profile, declared_only=declared_only, timings=cpu)
    except cleaners.NotArticle as exc:
        raise Skipped(exc.reason, exc.detail) from exc
    start = time.process_time()
    signature = copies.signature(document.text)  # before the records, which keep it
    middle = time.process_time()
    records = serialized_records(capture, document, warcinfo_id, signature=signature)
    cpu.update(signature=middle - start, records=time.process_time() - middle)
    return Cleaned(document, records, warcinfo_id, signature, cpu)


def archive_document(capture: Capture, cleaned: Cleaned, *, site: str | None,
                     derived: RotatingWarcFile, index: Index,
                     replaces: str | None = None) -> dict:
    """Write the derived records, then the article row (only once the records are flushed),
    counting the page into its site's profile in the same commit. ``replaces``: the current
    conversion record of the capture where this index does not hold it (a reprocessing task's
    shard of an archive elsewhere)."""
    document, records = cleaned.document, cleaned.records
    # The records name the warcinfo of the file they land in, and the conversion record they
    # replace (``replaces``, else the index's current one); if either is another than the
    # worker was told (the first file, a new file after rotation, a capture cleaned before),
    # they are made again here.
    warcinfo = derived.ready(sum(len(blob) for blob, _ in records))
    replaces = replaces or index.conversion_id(capture.record_id)
    if warcinfo != cleaned.warcinfo_id or replaces:
        records = serialized_records(capture, document, warcinfo, replaces, cleaned.signature)
    conversion, metadata = derived.write_serialized(records)
    row = article_row(capture, document, site)
    row.update({
        "conversion_file": conversion.filename, "conversion_offset": conversion.offset,
        "conversion_length": conversion.length, "conversion_id": conversion.record_id,
        "metadata_file": metadata.filename, "metadata_offset": metadata.offset,
        "metadata_length": metadata.length,
    })
    index.upsert_article(row, document, cleaned.signature)
    return row


def article_row(capture: Capture, document, site: str | None) -> dict:
    removed = [r.as_json() for r in document.removed]
    return {
        "capture_id": capture.record_id, "url": capture.url,
        "canonical_url": document.canonical_url, "site": site or host_of(capture.url),
        "title": document.title, "author": document.author, "published": document.published,
        "fetched_at": capture.fetched_at, "sitename": document.sitename,
        "description": document.description, "language": document.language,
        "language_probability": document.language_probability,
        "declared_language": document.declared_language, "charset": document.charset,
        "text": document.text, "word_count": document.word_count,
        "text_digest": document.text_digest, "cleaner_version": document.cleaner_version,
        "removed": json.dumps(removed, ensure_ascii=False), "removed_count": len(removed),
        "guards": json.dumps(list(document.guards), ensure_ascii=False),
        "truncated": capture.truncated,
        "partial": None if document.partial is None else int(document.partial),
        "text_source": document.text_source,
        **metadata_columns(document),
    }


def metadata_columns(document) -> dict:
    """The structured metadata's columns (``METADATA_COLUMNS``), lists and sources as JSON."""
    def as_json(value):  # keys in order, so that a row rebuilt from its records is the same
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return {
        "authors": as_json(list(document.authors)), "credits": as_json(list(document.credits)),
        "publisher": document.publisher, "published_at": document.published_at,
        "modified": document.modified, "section": document.section,
        "keywords": as_json(list(document.keywords)), "image": document.image,
        "article_type": document.article_type,
        "free": None if document.free is None else int(document.free),
        "metadata_sources": as_json(dict(document.metadata_sources)),
    }


def host_of(url: str) -> str:
    """A capture's site when no seed names it: its host name."""
    return url.split("/")[2].split(":")[0] if "//" in url else url


def reclean_site(index: Index, paths: ArchivePaths, derived: RotatingWarcFile, site: str,
                 rules=None) -> int:
    """Clean the stale articles of ``site`` again with its current profile; return how many."""
    done = 0
    for row in stale_articles(index, site):
        location = RecordLocation(row["warc_file"], row["warc_offset"], row["warc_length"],
                                  row["capture_id"])
        try:
            with record_at(paths.source(row["warc_file"]), row["warc_offset"]) as record:
                capture = capture_from_record(record, location)
            cleaned = clean_capture(capture, rules, index.site_profile(site),
                                    warcinfo_id=derived.warcinfo_id)
        except (OSError, CaptureError, Skipped):
            continue  # the row stands as it is: nothing archived is lost
        archive_document(capture, cleaned, site=site, derived=derived, index=index)
        done += 1
    return done
