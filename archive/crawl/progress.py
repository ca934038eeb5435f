"""A live progress line on a terminal during a crawl: pages, articles, errors, rate, queue.

Scrapy's own sign of life is a log line a minute; a person watching a crawl of thousands of
pages wants to see it move. tqdm draws the line, and only on a terminal: under cron or with
stderr redirected it stays silent, as ``reprocess``'s bar does.
"""

from __future__ import annotations

import sys

from scrapy import signals
from tqdm import tqdm
from twisted.internet.task import LoopingCall


class ProgressLine:
    """Extension: redraws the line every ``ARCHIVE_PROGRESS_INTERVAL`` seconds."""

    def __init__(self, crawler, interval: float):
        self.crawler = crawler
        self.stats = crawler.stats
        self.interval = interval
        self.bar: tqdm | None = None
        self.task: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        ext = cls(crawler, settings.getfloat("ARCHIVE_PROGRESS_INTERVAL"))
        # Off the terminal it stays idle rather than raising NotConfigured, which Scrapy would
        # log as a warning in every cron log.
        if settings.getbool("ARCHIVE_PROGRESS") and sys.stderr.isatty():
            crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
            crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):

        self.bar = tqdm(unit=" pages", desc="crawl", file=sys.stderr, dynamic_ncols=True)
        self.task = LoopingCall(self.redraw)
        self.task.start(self.interval, now=False)

    def redraw(self) -> None:
        stats = self.stats.get_stats()
        pages = stats.get("response_received_count", 0)
        errors = stats.get("downloader/exception_count", 0) + sum(
            v for k, v in stats.items() if k.startswith("downloader/response_status_count/")
            and k.rsplit("/", 1)[1][:1] in "45")
        self.bar.update(pages - self.bar.n)
        self.bar.set_postfix_str(f"articles={stats.get('archive/articles', 0)} errors={errors} "
                                 f"queued={self._queued()}")

    def _queued(self) -> int:
        scheduler = self.crawler.engine.scheduler
        return len(scheduler) if scheduler is not None else 0

    def spider_closed(self, spider):
        if self.task is not None and self.task.running:
            self.task.stop()
        if self.bar is not None:
            self.redraw()
            self.bar.close()
