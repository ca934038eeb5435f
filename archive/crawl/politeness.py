"""Honour ``Retry-After`` on HTTP 429 and 503: pause the whole host, then retry.

Scrapy's RetryMiddleware retries these codes at once, which is exactly what an overloaded or
rate-limiting server asked us not to do.
"""

from __future__ import annotations

import logging
from email.utils import parsedate_to_datetime
from time import time

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | None) -> float | None:
    """Seconds to wait from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        return max(0.0, parsedate_to_datetime(text).timestamp() - time())
    except (TypeError, ValueError):
        return None


class RetryAfterMiddleware:
    """Downloader middleware: on 429/503 with Retry-After, slow the host's slot and retry."""

    def __init__(self, crawler, max_wait: float):
        self.crawler = crawler
        self.max_wait = max_wait
        #: The slot's own (delay, randomize_delay), kept while the host is paused.
        self.normal_delay: dict[str, tuple[float, bool]] = {}

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("ARCHIVE_RETRY_AFTER_ENABLED"):
            raise NotConfigured("ARCHIVE_RETRY_AFTER_ENABLED is off")
        return cls(crawler, settings.getfloat("ARCHIVE_RETRY_AFTER_MAX"))

    def process_response(self, request, response):
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if response.status not in (429, 503) or wait is None:
            if slot is not None and key in self.normal_delay:
                slot.delay, slot.randomize_delay = self.normal_delay.pop(key)
            return response
        wait = min(wait, self.max_wait)
        if slot is not None:
            self.normal_delay.setdefault(key, (slot.delay, slot.randomize_delay))
            # Randomized delays go down to half the delay: wait the full time the server asked.
            slot.delay, slot.randomize_delay = max(slot.delay, wait), False
        self.crawler.stats.inc_value(f"archive/retry_after/{response.status}")
        logger.info("%s answered %d, Retry-After %.0fs: pausing %s", request.url,
                    response.status, wait, key)
        retry = get_retry_request(request, spider=self.crawler.spider,
                                  reason=f"retry-after {response.status}")
        return retry or response
