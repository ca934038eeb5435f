"""A full disk stops the crawl: one line, the close reason ``disk-full``, nothing half-written.

Whichever writer meets it first (a WARC file, a derived file, the index, the request queue)
stops the crawl here; what is in flight is then neither written nor released (a shared crawl's
lease stays, and goes back to the queue), and the next run, with room again, finishes the job.
"""

from __future__ import annotations

import logging

from scrapy.core.scheduler import Scheduler
from scrapy.utils.defer import deferred_from_coro

from archive.store.diskfull import is_disk_full

logger = logging.getLogger(__name__)

#: The crawl's close reason, and the stat that says what found the disk full.
REASON = "disk-full"
STAT = "archive/disk_full"


def disk_full(crawler) -> bool:
    """The crawl is stopping for a full disk: write nothing more."""
    return bool(crawler.stats.get_value(STAT))


def stop_if_disk_full(crawler, exc: BaseException, what: str) -> bool:
    """Stop the crawl if ``exc`` is a full disk (once: later writers only learn it is stopping);
    False if it is another error, for the caller to raise."""
    if not is_disk_full(exc):
        return False
    if not disk_full(crawler):
        crawler.stats.set_value(STAT, f"{what}: {exc}")
        logger.error("The disk of the archive is full (writing %s: %s): the crawl stops; free "
                     "space and run it again to finish", what, exc)
        if crawler.engine is not None and crawler.engine.spider is not None:
            deferred_from_coro(crawler.engine.close_spider_async(reason=REASON))
    return True


class FreshQueueScheduler(Scheduler):
    """Scrapy's scheduler over the queue ``newsarchive crawl`` makes fresh each run
    (``ARCHIVE_DISK_QUEUE``), stopped by a full disk like any writer: a request the queue (or
    its seen-URL file) cannot take is dropped, as the crawl stops and the next run finds it
    again, and the queue's state, which no run reads, is not saved where there is no room."""

    def enqueue_request(self, request) -> bool:
        try:
            return super().enqueue_request(request)
        except OSError as exc:
            if not stop_if_disk_full(self.crawler, exc, "the request queue"):
                raise
            return False

    def close(self, reason: str):
        try:
            return super().close(reason)
        except OSError as exc:
            if not stop_if_disk_full(self.crawler, exc, "the request queue"):
                raise
            return None
