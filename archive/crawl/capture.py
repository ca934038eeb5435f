"""The WARC capture extension: every downloaded response is archived before Scrapy touches it.

``response_downloaded`` fires before any downloader middleware, so the body is still
content-encoded, exactly as it came off the wire. The extension writes the request/response pair,
indexes the capture, then parses the written record (its bytes before gzip) back into a
:class:`~archive.store.records.Capture` and hands it to the spider in
``request.meta["capture"]``: the
cleaners see what a later reprocess of the same record will see.
"""

from __future__ import annotations

import io
import logging
import time
import uuid

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet.task import LoopingCall
from warcio.archiveiterator import ArchiveIterator

from archive.crawl.diskfull import disk_full, stop_if_disk_full
from archive.crawl.download import received_bytes
from archive.crawl.requestmeta import STARTED_AT
from archive.crawl.sharedcrawl import CAPTURED, LEASE, SharedHistory
from archive.store.index import Index
from archive.store.lock import ArchiveLock
from archive.store.paths import ArchivePaths
from archive.store.records import (
    CaptureError,
    capture_from_record,
    request_response_records,
    revisit_record,
    status_skip_reason,
    warc_date,
)
from archive.store.recovery import recover
from archive.store.warcfile import RotatingWarcFile, gzip_member, plain_record_bytes, record_bytes

logger = logging.getLogger(__name__)


class WarcCapture:
    """Write each fetch as WARC ``request`` + ``response`` records and index the capture."""

    def __init__(self, crawler, paths: ArchivePaths, warc: RotatingWarcFile, crawl_id: str,
                 commit_every: float):
        self.crawler = crawler
        self.stats = crawler.stats
        self.paths = paths
        self.warc = warc
        self.crawl_id = crawl_id
        self.commit_every = commit_every
        self.index: Index | None = None
        self.history = None  # last_capture(url): the index, or a shared crawl's history
        self.committer: LoopingCall | None = None
        self.lock = ArchiveLock(paths.lock)
        self.cpu_at_open = time.process_time()

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("ARCHIVE_ENABLED"):
            raise NotConfigured("ARCHIVE_ENABLED is off")
        paths = ArchivePaths(settings.get("ARCHIVE_DATA_DIR"))
        crawl_id = settings.get("ARCHIVE_CRAWL_ID") or uuid.uuid4().hex[:12]
        warc = RotatingWarcFile(
            paths.warc_dir, settings.get("ARCHIVE_WARC_PREFIX"),
            settings.getint("ARCHIVE_WARC_MAX_SIZE"), fsync=settings.getbool("ARCHIVE_WARC_FSYNC"),
            info={"isPartOf": crawl_id, "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY")
                  else "ignore", "http-header-user-agent": settings.get("USER_AGENT")},
        )
        ext = cls(crawler, paths, warc, crawl_id,
                  settings.getfloat("ARCHIVE_INDEX_COMMIT_INTERVAL"))
        ext.lock.acquire()  # raising here stops the crawl; a signal handler's error would not
        ext.recover()
        ext.index = Index(paths.index, commit_every=ext.commit_every)
        # One worker of a shared crawl: what was captured before may be in another's shard.
        ext.history = SharedHistory.from_settings(settings) \
            if settings.get("ARCHIVE_REDIS_URL") else ext.index
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.response_downloaded, signal=signals.response_downloaded)
        return ext

    def recover(self) -> None:
        """Make files and index consistent after a crashed or killed crawl, before writing."""
        index = Index(self.paths.index)
        report = recover(self.paths, index)
        index.close()
        if report:
            logger.warning("Recovered after an interrupted crawl: closed %s, cut %d bytes, "
                           "dropped %d index rows, indexed %d records", ", ".join(report.closed),
                           report.bytes_cut, report.rows_dropped, report.records_indexed)
        for key in ("closed", "bytes_cut", "rows_dropped", "records_indexed"):
            value = getattr(report, key)
            self.stats.set_value(f"archive/recovery/{key}",
                                 len(value) if isinstance(value, list) else value)

    def spider_opened(self, spider):
        self.cpu_at_open = time.process_time()
        self.index.start_crawl(self.crawl_id, spider.name)
        self.stats.set_value("archive/crawl_id", self.crawl_id)
        if self.commit_every:  # a quiet spell (a host paused for Retry-After) still commits
            self.committer = LoopingCall(self.commit)
            self.committer.start(self.commit_every, now=False)

    def commit(self) -> None:
        try:
            self.index.commit()
        except Exception as exc:
            if not stop_if_disk_full(self.crawler, exc, "the index"):
                raise

    def spider_closed(self, spider, reason):
        if self.committer is not None and self.committer.running:
            self.committer.stop()
        self.warc.close()
        self.stats.set_value("archive/cpu/crawl_process", time.process_time() - self.cpu_at_open)
        stats = self.stats.get_stats()
        try:
            self.index.finish_crawl(self.crawl_id, reason, stats)
            self.index.close()
        except Exception as exc:
            if not stop_if_disk_full(self.crawler, exc, "the index"):
                raise
            # The rows not yet committed are dropped; the next start indexes their records
            # again and marks this crawl interrupted.
            self.index.abandon()
        finally:
            self.lock.release()
        logger.info("WARC files written: %s", ", ".join(self.warc.closed_files) or "none")

    def response_downloaded(self, response, request):
        start = time.process_time()
        if not disk_full(self.crawler):
            try:
                self._capture(response, request)
            except Exception as exc:
                if not stop_if_disk_full(self.crawler, exc, "a WARC record or its index row"):
                    raise
        if disk_full(self.crawler):
            # Not archived (or not indexed): neither captured nor done with. A shared crawl's
            # lease stays, and the request goes back to the queue for a worker with room.
            for key in ("capture", CAPTURED, LEASE):
                request.meta.pop(key, None)
        self.stats.inc_value("archive/cpu/capture", time.process_time() - start)

    def _capture(self, response, request):
        started = request.meta.get(STARTED_AT) or warc_date()
        req_record, resp_record = request_response_records(request, response, started,
                                                           received_bytes(response))
        previous = self.history.last_capture(response.url)
        revisit = _revisit_profile(response, resp_record, previous)
        if revisit:
            resp_record = revisit_record(resp_record, previous, revisit)
            req_record.rec_headers.replace_header(
                "WARC-Concurrent-To", resp_record.rec_headers.get_header("WARC-Record-ID"))
        response_bytes = plain_record_bytes(resp_record)
        record_id = resp_record.rec_headers.get_header("WARC-Record-ID")
        if truncated := resp_record.rec_headers.get_header("WARC-Truncated"):
            self.stats.inc_value(f"archive/truncated/{truncated}")
        blobs = [(gzip_member(response_bytes), record_id),
                 (record_bytes(req_record), req_record.rec_headers.get_header("WARC-Record-ID"))]
        resp_loc, _ = self.warc.write_serialized(blobs)
        self.stats.inc_value("archive/warc/records", 2)
        self.stats.inc_value("archive/warc/bytes", sum(len(b) for b, _ in blobs))
        # Read back the bytes just compressed into the file: no need to inflate them again.
        record = next(iter(ArchiveIterator(io.BytesIO(response_bytes))))
        capture = skip_reason = None
        if revisit:
            self.stats.inc_value(f"archive/revisits/{revisit}")
            request.meta["revisit_of"] = previous["record_id"]
        else:
            hub = request.meta.get("archive_hub") or request.meta.get("dont_obey_robotstxt")
            skip_reason = status_skip_reason(response.status) or ("not-article" if hub else None)
            if response.status == 200:
                request.meta[CAPTURED] = {"record_id": record_id, "fetched_at": started,
                                          "payload_digest": record.rec_headers.get_header(
                                              "WARC-Payload-Digest")}
            try:
                capture = capture_from_record(record, resp_loc)
            except CaptureError as exc:
                skip_reason = exc.reason
                self.stats.inc_value(f"archive/skipped/{exc.reason}")
                logger.warning("Archived %s but cannot read its payload back: %s",
                               response.url, exc)
        self.index.add_capture(record, resp_loc, self.crawl_id, capture, skip_reason)
        if response.status in (404, 410) and self.index.mark_removed(
                response.url, response.status, record.rec_headers.get_header("WARC-Date"),
                record_id):
            self.stats.inc_value("archive/removed")
        request.meta["capture"] = capture


def crawl_index(crawler) -> Index:
    """The index the capture extension writes to, for the crawl's other writers: one connection,
    so that a batch of uncommitted rows never leaves a second writer waiting on the first."""
    for extension in crawler.extensions.middlewares:
        if isinstance(extension, WarcCapture):
            return extension.index
    raise NotConfigured("the archive needs its capture extension "
                        "(archive.crawl.capture.WarcCapture)")


def _revisit_profile(response, resp_record, previous: dict | None) -> str | None:
    """A 304, or a 200 whose payload repeats the last capture's byte for byte, is a revisit."""
    if previous is None:
        return None
    if response.status == 304:
        return "server-not-modified"
    digest = resp_record.rec_headers.get_header("WARC-Payload-Digest")
    if response.status == 200 and digest == previous["payload_digest"]:
        return "identical-payload-digest"
    return None
