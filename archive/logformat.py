"""Log lines without item dumps: a dropped item here carries a whole capture (headers, body),
which Scrapy's default formatter would print in full."""

from __future__ import annotations

from scrapy.logformatter import LogFormatter


class ArchiveLogFormatter(LogFormatter):
    def dropped(self, item, exception, response, spider=None):
        entry = super().dropped(item, exception, response, spider)
        entry["msg"] = "Dropped: %(exception)s"
        return entry
