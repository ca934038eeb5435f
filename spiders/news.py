"""The ``news`` spider: discover articles from seed sites' feeds, sitemaps and pages.

It decides *what* to fetch and *which* pages are articles; archiving happens in the capture
extension and the item pipeline. Every page it receives becomes an item, articles flagged, so
the pipeline can note why any other page yields no article.
"""

from __future__ import annotations

import zlib
from collections import Counter
from datetime import UTC, datetime, timedelta

import scrapy
from scrapy.exceptions import CloseSpider, IgnoreRequest
from scrapy.http import TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from w3lib.url import url_query_cleaner

from archive.crawl.sharedcrawl import OtherSeeds, SharedHistory
from archive.crawl.sitestats import site_key
from archive.store.index import Index
from archive.store.paths import ArchivePaths
from spiders._feeds import parse_feed
from spiders._seeds import Seed, expand, load_seed, seeds_digest
from spiders._sitemaps import body_limit, sitemap_body

#: Campaign parameters that make one article look like many URLs.
TRACKING_PARAMETERS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content",
                       "fbclid", "gclid")


class NewsSpider(scrapy.Spider):
    name = "news"
    #: What an entry of a shared crawl's queue may name (archive/crawl/queueentry.py).
    QUEUE_CALLBACKS = ("parse_page", "parse_feed", "parse_sitemap", "parse_robots")
    QUEUE_ERRBACKS = ("fetch_failed",)

    def __init__(self, seeds: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.seed_arg = seeds
        self.seeds: list[Seed] = []
        #: In a shared crawl, the digest of the seed files, which the other workers' must match.
        self.seed_digest = ""
        self.links = LinkExtractor(deny_extensions=[])
        self.index: Index | None = None
        #: Archived articles this crawl found links to and did not fetch again.
        self.known: set[str] = set()
        #: Requests made per seed, against ARCHIVE_MAX_PAGES_PER_SITE / ARCHIVE_MAX_PAGES.
        self.requested: Counter[str] = Counter()
        self.max_pages_per_site = self.max_pages = 0
        self.recheck_hours: list[float] = []

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        patterns = spider.seed_arg.split(",") if spider.seed_arg else \
            crawler.settings.getlist("ARCHIVE_SEEDS")
        spider.seeds = [load_seed(path) for path in expand(patterns)]
        spider.max_pages_per_site = crawler.settings.getint("ARCHIVE_MAX_PAGES_PER_SITE")
        spider.max_pages = crawler.settings.getint("ARCHIVE_MAX_PAGES")
        spider.recheck_hours = [float(h) for h in
                                crawler.settings.getlist("ARCHIVE_RECHECK_HOURS")]
        if not spider.seeds:
            raise ValueError(f"no seed files found in {patterns}")
        if crawler.settings.get("ARCHIVE_REDIS_URL"):  # one worker of a shared crawl
            if len({seed.name for seed in spider.seeds}) < len(spider.seeds):
                raise ValueError("two seed files name one site: a shared crawl's queue names "
                                 "seeds")
            spider.seed_digest = seeds_digest(spider.seeds)
            spider.index = SharedHistory.from_settings(crawler.settings)
        elif crawler.settings.getbool("ARCHIVE_ENABLED"):
            spider.index = Index(ArchivePaths(crawler.settings.get("ARCHIVE_DATA_DIR")).index)
        return spider

    def seed_named(self, name: str) -> Seed | None:
        """This worker's own seed of that name: a shared crawl's queue entry names its seed."""
        return next((seed for seed in self.seeds if seed.name == name), None)

    def closed(self, reason):
        if self.index is not None:
            self.index.close()

    async def start(self):
        """The seeds' entry points; in a shared crawl, only from the worker that starts a run
        (the others join it and take requests from the shared queue)."""
        shared = isinstance(self.index, SharedHistory)
        kept = False
        while not kept:  # again if Redis forgot the run while its seeds were queued
            try:
                joining = shared and not await self.index.claim_run(self.seed_digest)
            except OtherSeeds as exc:
                self.logger.error("Not joining: %s", exc)
                raise CloseSpider("other-seeds") from None
            if joining:
                self.logger.info("Joining the shared crawl in progress")
                return
            complete = False
            try:
                for request in self._seed_requests():
                    yield request
                complete = True
            finally:
                kept = not shared or self.index.seeded(complete, self.seed_digest) is not False
            if not kept:
                self.logger.warning("Redis forgot the shared crawl while its seeds were queued "
                                    "(restarted without its persistence?): queueing them again")

    def _seed_requests(self):
        """Each seed's start pages, feeds and sitemaps (a robots.txt read for the sitemaps it
        names)."""
        for seed in self.seeds:
            entries = [(url, self.parse_page) for url in seed.start_urls]
            entries += [(url, self.parse_feed) for url in seed.feeds]
            entries += [(url, self.parse_robots if url.endswith("/robots.txt")
                         else self.parse_sitemap) for url in seed.sitemaps]
            for url, callback in entries:
                yield from self._request(url, seed, callback)

    def _request(self, url, seed: Seed, callback, conditional: bool = False):
        """The request (none once the site or the crawl reached its page limit: a calendar of
        50,000 links queues no more than the limit); ``conditional`` adds If-None-Match /
        If-Modified-Since from the last capture.

        Hubs (start pages, feeds, sitemaps) are always fetched in full: a 304 would hide links
        that an interrupted earlier crawl never followed. An unchanged hub is still stored as an
        identical-payload revisit, and its links are still read.
        """
        if not self._within_limits(seed):
            return
        headers = {}
        previous = self.index.last_capture(url) if self.index and conditional else None
        if previous:
            if previous["etag"]:
                headers["If-None-Match"] = previous["etag"]
            if previous["last_modified"]:
                headers["If-Modified-Since"] = previous["last_modified"]
        # A hub (robots.txt, sitemap, feed) is never an article: the capture says so at once.
        yield scrapy.Request(url, callback=callback, cb_kwargs={"seed": seed}, headers=headers,
                             errback=self.fetch_failed,
                             meta={"archive_hub": callback != self.parse_page})

    def _within_limits(self, seed: Seed) -> bool:
        limit = seed.max_pages or self.max_pages_per_site
        counts = self.requested
        if counts[seed.name] >= limit or (self.max_pages and counts.total() >= self.max_pages):
            key = (f"archive/page-limit/{seed.name}" if counts[seed.name] >= limit
                   else "archive/page-limit/crawl")
            if not self.crawler.stats.get_value(key):
                self.crawler.stats.set_value(key, limit if key.endswith(seed.name)
                                             else self.max_pages)
                self.logger.warning("Page limit reached (%s): no more requests for %s", key,
                                    seed.name)
            return False
        counts[seed.name] += 1
        return True

    def fetch_failed(self, failure):
        """One line for a page that could not be fetched (DNS, refused, timeout), not Scrapy's
        traceback: in the log of a crawl run every hour, an unreachable site is news, not a bug.
        Statuses of 400 and up are logged by Scrapy's HttpError middleware; all are counted.

        A response archived and then refused by a middleware (a gzip body that does not
        inflate) is a failed capture: its index row says why."""
        if failure.check(HttpError, IgnoreRequest):
            return
        capture = failure.request.meta.get("capture")
        what = "Archived but could not decode" if capture is not None else "Could not fetch"
        self.logger.warning("%s %s: %s: %s", what, failure.request.url,
                            type(failure.value).__name__, failure.getErrorMessage())
        if capture is not None:
            reason = "undecodable-payload" if failure.check(zlib.error) else "unprocessable"
            yield {"capture": capture, "is_article": False, "skip_reason": reason}

    def _follow(self, urls, seed: Seed, response, lastmod: dict | None = None):
        links = []
        for link in urls:
            url = url_query_cleaner(response.urljoin(link.strip()), TRACKING_PARAMETERS,
                                    remove=True, keep_fragments=False)
            if seed.allows(url):
                links.append((url, (lastmod or {}).get(link), seed.is_article_url(url)))
        if prefetch := getattr(self.index, "prefetch", None):  # a shared crawl's history
            prefetch([url for url, _, _ in links])
        if seed.article_pattern is not None and links:  # none taken: the site's URLs changed?
            self.crawler.stats.inc_value(site_key(seed.name, "links"), len(links))
            self.crawler.stats.inc_value(site_key(seed.name, "links-matched"), sum(
                bool(article) for _, _, article in links))
        for url, changed, article in links:
            if article is not False and self._archived(url, seed, changed):
                if url not in self.known:
                    self.known.add(url)
                    self.crawler.stats.inc_value("archive/known_articles")
                continue
            yield from self._request(url, seed, self.parse_page, conditional=bool(article))

    def _archived(self, url: str, seed: Seed, lastmod: str | None = None) -> bool:
        """Already an article in the archive, and not due for a re-check.

        News changes most while it is new: within the seed's ``revisit_days`` an article is
        re-checked once each of ``ARCHIVE_RECHECK_HOURS`` after its first capture has passed
        (1 h, 6 h, 1 day, 1 week). A sitemap ``lastmod`` later than its last fetch makes it due
        at once, whatever its age."""
        first = self.index.first_article_capture(url) if self.index else None
        if first is None:
            return False
        changed = _moment(lastmod) if lastmod else None
        if changed and changed > _moment(self.index.last_fetch(url) or first):
            return False
        start, now = _moment(first), datetime.now(UTC)
        if not seed.revisit_days or now - start > timedelta(days=seed.revisit_days):
            return True
        passed = [start + timedelta(hours=h) for h in self.recheck_hours
                  if start + timedelta(hours=h) <= now]
        return not passed or max(passed) <= _moment(self.index.last_fetch(url) or first)

    # --- discovery ------------------------------------------------------------------------
    def parse_robots(self, response, seed: Seed):
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            if seed.allows(url):
                yield from self._request(url, seed, self.parse_sitemap)

    def parse_sitemap(self, response, seed: Seed):
        body = sitemap_body(response, body_limit(response, self.settings))
        if body is None:
            self.crawler.stats.inc_value("archive/skipped/bad-sitemap")
            self.logger.warning("Not a sitemap (gzip that does not unzip, or not within "
                                "DOWNLOAD_MAXSIZE): %s", response.url)
            return
        try:
            sitemap = Sitemap(body)
        except Exception:  # lxml raises several types on garbage
            self.crawler.stats.inc_value("archive/skipped/bad-sitemap")
            self.logger.warning("Not a sitemap: %s", response.url)
            return
        entries = [entry for entry in sitemap if entry.get("loc")]
        urls = [entry["loc"] for entry in entries]
        if sitemap.type == "sitemapindex":
            for url in urls:
                if seed.allows(url):
                    yield from self._request(url, seed, self.parse_sitemap)
        else:
            lastmod = {e["loc"]: e["lastmod"] for e in entries if e.get("lastmod")}
            yield from self._follow(urls, seed, response, lastmod)

    def parse_feed(self, response, seed: Seed):
        feed = parse_feed(response.body)
        if feed is None:
            self.crawler.stats.inc_value("archive/skipped/bad-feed")
            self.logger.warning("Not a feed: %s", response.url)
            return
        yield from self._follow(feed.links, seed, response)

    # --- pages ----------------------------------------------------------------------------
    def parse_page(self, response, seed: Seed):
        # No capture: a revisit (the payload is archived already) or a payload that could not
        # be read back (counted by the capture extension). Links are still followed.
        capture = response.meta.get("capture")
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value("archive/pages/non-text")
            if capture is not None:
                yield {"capture": capture, "is_article": False, "skip_reason": "non-text"}
            return
        if capture is not None:
            by_pattern = seed.is_article_url(response.url)
            # "unmatched": the pattern leaves the page out; the pipeline judges a few such.
            yield {"capture": capture, "site": seed.name, "rules": seed.rules,
                   "is_article": seed.takes(by_pattern, response.selector),
                   "unmatched": by_pattern is False}
        if response.meta.get("depth", 0) < seed.depth:
            yield from self._follow((link.url for link in self.links.extract_links(response)),
                                    seed, response)


def _moment(value: str) -> datetime | None:
    """An ISO date or time (a capture's, a sitemap's lastmod) as an aware UTC datetime."""
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
