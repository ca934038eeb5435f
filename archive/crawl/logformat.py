"""Log lines a person reads in a cron log: no item dumps (a dropped item here carries a whole
capture, headers and body, which Scrapy's default formatter would print in full) and no
tracebacks for a site that cannot be reached."""

from __future__ import annotations

import logging

from scrapy import exceptions
from scrapy.logformatter import LogFormatter

#: What the network does to a crawl; not a bug of ours or Scrapy's, so no traceback.
NETWORK_ERRORS = (exceptions.DownloadConnectionRefusedError, exceptions.CannotResolveHostError,
                  exceptions.DownloadTimeoutError, exceptions.DownloadFailedError,
                  exceptions.ResponseDataLossError, exceptions.DownloadCancelledError)


class ArchiveLogFormatter(LogFormatter):
    def dropped(self, item, exception, response, spider=None):
        entry = super().dropped(item, exception, response, spider)
        entry["msg"] = "Dropped: %(exception)s"
        return entry


class NetworkErrorsInOneLine(logging.Filter):
    """Drop the traceback from a log record about a network error (Scrapy's robots.txt
    middleware logs an unreachable host with one); the message already names the error."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], NETWORK_ERRORS):
            record.exc_info = record.exc_text = None
        return True


class QuietNetworkErrors:
    """Extension: installs :class:`NetworkErrorsInOneLine` on Scrapy's loggers for the crawl."""

    LOGGERS = ("scrapy.downloadermiddlewares.robotstxt", "scrapy.core.scraper")

    def __init__(self):
        self.filter = NetworkErrorsInOneLine()
        for name in self.LOGGERS:
            logging.getLogger(name).addFilter(self.filter)

    @classmethod
    def from_crawler(cls, crawler):
        return cls()
