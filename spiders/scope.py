"""Keep the crawl on its seeds' sites, redirects included.

The spider filters the links it follows by their seed; a 301/302 or a ``<meta http-equiv=refresh>``
is a new request that no link filter sees, and Scrapy's offsite check lets it through (the news
spider has no ``allowed_domains``: each seed has its own). Without this a site could send the
crawler to another host, an internal address, and have the answer archived as its own article.
"""

from __future__ import annotations

import logging

from scrapy.exceptions import IgnoreRequest

logger = logging.getLogger(__name__)


class SeedScopeMiddleware:
    """Downloader middleware: refuse a request whose URL its seed does not allow, before
    robots.txt is asked for it (a refused host is never contacted at all)."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_request(self, request):
        seed = request.cb_kwargs.get("seed")
        if seed is None or seed.allows(request.url):
            return None
        came_from = (request.meta.get("redirect_urls") or ["?"])[-1]
        self.stats.inc_value("archive/skipped/offsite-redirect")
        logger.warning("Not following %s → %s: outside the sites of seed %s",
                       came_from, request.url, seed.name)
        raise IgnoreRequest(f"outside seed {seed.name}: {request.url}")
