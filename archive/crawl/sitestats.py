"""Per-site counts of what the crawl met: responses by status class, network errors by kind.

Scrapy's stats are per crawl; a newsroom watching many sites needs to see which one stopped
answering, and how (DNS, timeouts, 5xx). They land in the crawl's stats as
``archive/sites/<seed name>/<2xx|3xx|4xx|5xx|exception name>``, and ``newsarchive stats``
reads them back.
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest


def site_key(site: str, what: str) -> str:
    return f"archive/sites/{site}/{what}"


class SiteStatsMiddleware:
    """Downloader middleware, next to the downloader: it sees every response (each retry, each
    redirect) and every network error before other middlewares act on them."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request, response):
        seed = request.cb_kwargs.get("seed")
        if seed is not None:
            self.stats.inc_value(site_key(seed.name, f"{response.status // 100}xx"))
        return response

    def process_exception(self, request, exception):
        seed = request.cb_kwargs.get("seed")
        # A request refused by robots.txt or by the seed's scope is a decision, not an error.
        if seed is not None and not isinstance(exception, IgnoreRequest):
            self.stats.inc_value(site_key(seed.name, type(exception).__name__))
