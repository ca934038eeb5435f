"""Keep the crawl on its seeds' sites, redirects included, and off private networks.

The spider filters the links it follows by their seed; a 301/302 or a ``<meta http-equiv=refresh>``
is a new request that no link filter sees, and Scrapy's offsite check lets it through (the news
spider has no ``allowed_domains``: each seed has its own). Without this a site could send the
crawler to another host, an internal address, and have the answer archived as its own article.
A seed's own host name could point at an internal address too (DNS rebinding), so names are
resolved, with Scrapy's own DNS cache, before the request is sent.

A request without a seed (robots.txt, or one that came from anywhere but the spider) is held to
the sites of all the crawl's seeds: none is trusted for not naming one.
"""

from __future__ import annotations

import ipaddress
import logging
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future

logger = logging.getLogger(__name__)


def is_internal(address: str) -> bool:
    """Loopback, private, link-local or otherwise not on the public internet."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address.lower() == "localhost" or address.lower().endswith(".localhost")
    return not ip.is_global


class SeedScopeMiddleware:
    """Downloader middleware: refuse a request whose URL its seed does not allow (without a
    seed: that no seed of the spider allows), or whose host is an internal address when the
    seed's own hosts are not; before robots.txt is asked for it, so a refused host is never
    contacted at all."""

    def __init__(self, stats, seeds):
        self.stats, self.seeds = stats, seeds
        self.resolved: dict[str, str | None] = {}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, crawler.spider.seeds)

    async def process_request(self, request):
        seed = request.cb_kwargs.get("seed")
        if seed is None:
            seed = next((s for s in self.seeds if s.allows(request.url)), None)
            if seed is None:
                self._refuse(request, "offsite", "outside the sites of every seed")
        elif not seed.allows(request.url):
            self._refuse(request, "offsite-redirect", f"outside the sites of seed {seed.name}")
        host = urlsplit(request.url).hostname or ""
        if not self._seed_is_internal(seed) and is_internal(await self._address(host)):
            self._refuse(request, "internal-address",
                         f"an internal address, not for seed {seed.name}")
        return None

    @staticmethod
    def _seed_is_internal(seed) -> bool:
        """A seed that names an internal host itself (a newsroom's intranet, the sample sites)."""
        return any(is_internal(urlsplit(url).hostname or "") for url in seed.entry_urls)

    async def _address(self, host: str) -> str:
        from twisted.internet import reactor  # the one Scrapy installed: never at import time

        if host not in self.resolved:
            try:
                ipaddress.ip_address(host)
                self.resolved[host] = host
            except ValueError:
                try:
                    self.resolved[host] = await maybe_deferred_to_future(reactor.resolve(host))
                except Exception:  # noqa: BLE001 - the download reports the DNS error itself
                    self.resolved[host] = host
        return self.resolved[host]

    def _refuse(self, request, reason: str, why: str):
        came_from = (request.meta.get("redirect_urls") or ["?"])[-1]
        self.stats.inc_value(f"archive/skipped/{reason}")
        logger.warning("Not fetching %s (from %s): %s", request.url, came_from, why)
        raise IgnoreRequest(f"{reason}: {request.url}")
