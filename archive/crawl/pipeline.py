"""The item pipeline: a thin adapter from page items to the one cleaning path.

Cleaning is CPU work: it runs in a pool of worker processes (``ARCHIVE_CLEAN_PROCESSES``) so it
never stalls Scrapy's reactor, while writing records and index rows stays in this process.
"""

from __future__ import annotations

import asyncio
import os
import time
from concurrent.futures import ProcessPoolExecutor

from scrapy.exceptions import DropItem, NotConfigured

from archive.crawl.capture import crawl_index
from archive.crawl.diskfull import disk_full, stop_if_disk_full
from archive.crawl.sitestats import site_key
from archive.process import HTML_TYPES, Skipped, archive_document, clean_capture, reclean_site
from archive.store.index import Index
from archive.store.paths import ArchivePaths
from archive.store.profiles import ProfileCache
from archive.store.warcfile import RotatingWarcFile
from archive.workers import cleaning_pool
from cleaners.verdict import judge


class ArticlePipeline:
    """Clean article pages into the archive; record why any other page yields no article."""

    def __init__(self, crawler, paths: ArchivePaths, derived: RotatingWarcFile, processes: int,
                 index: Index, shape_pages: int = 0):
        self.crawler = crawler
        self.stats = crawler.stats
        self.paths = paths
        self.derived = derived
        self.processes = processes
        self.pool: ProcessPoolExecutor | None = None
        self.index = index
        self.profiles = ProfileCache(index)
        self.site_rules: dict = {}  # the sites this crawl archived, with their rules
        self.shape_pages = shape_pages

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("ARCHIVE_ENABLED"):
            raise NotConfigured("ARCHIVE_ENABLED is off")
        paths = ArchivePaths(settings.get("ARCHIVE_DATA_DIR"))
        derived = RotatingWarcFile(
            paths.text_dir, settings.get("ARCHIVE_WARC_PREFIX") + "-text",
            settings.getint("ARCHIVE_WARC_MAX_SIZE"), fsync=settings.getbool("ARCHIVE_WARC_FSYNC"),
            info={"description": "conversion and metadata records derived from the raw captures",
                  "source": "the response records of this crawl's files in warc/, each named "
                            "by WARC-Refers-To; its metadata record gives file and offset"})
        processes = settings.getint("ARCHIVE_CLEAN_PROCESSES")
        return cls(crawler, paths, derived, os.cpu_count() if processes < 0 else processes,
                   crawl_index(crawler), settings.getint("ARCHIVE_SHAPE_CHECK_PAGES"))

    def open_spider(self):
        if self.processes:
            self.pool = cleaning_pool(self.processes)

    def close_spider(self):
        if self.pool is not None:
            self.pool.shutdown()
        try:
            for site, rules in self.site_rules.items():  # cold start: early pages, again
                if disk_full(self.crawler):
                    break
                recleaned = reclean_site(self.index, self.paths, self.derived, site, rules)
                self.stats.inc_value("archive/profile/recleaned", recleaned)
        except Exception as exc:
            if not stop_if_disk_full(self.crawler, exc, "an article cleaned again"):
                raise
        finally:
            self.derived.close()

    async def process_item(self, item):
        try:
            return await self._process_item(item)
        except DropItem:
            raise
        except Exception as exc:
            if not stop_if_disk_full(self.crawler, exc, "an article's records or its row"):
                raise
            raise DropItem("not archived: the disk is full", log_level="DEBUG") from None

    async def _judge_unmatched(self, capture, site: str) -> None:
        """A page the seed's article_pattern leaves out, judged by add-site's verdict while the
        site's ARCHIVE_SHAPE_CHECK_PAGES last: article-like ones mean the site changed its URLs
        (``stats`` and the front page say so, from these counts)."""
        judged = site_key(site, "unmatched-judged")
        if capture.status != 200 or capture.mime not in HTML_TYPES or \
                (self.stats.get_value(judged) or 0) >= self.shape_pages:
            return
        self.stats.inc_value(judged)
        self.stats.inc_value(site_key(site, "unmatched-articles"), 0)
        page = (capture.body, capture.url, capture.headers)
        verdict = judge(*page) if self.pool is None else \
            await asyncio.wrap_future(self.pool.submit(judge, *page))
        if verdict.article:
            self.stats.inc_value(site_key(site, "unmatched-articles"))

    async def _process_item(self, item):
        capture = item["capture"]
        if disk_full(self.crawler):  # not cleaned: the next run fetches the page again
            raise DropItem(f"not archived (the disk is full): {capture.url}", log_level="DEBUG")
        if not item.get("is_article"):
            if item.get("unmatched"):
                await self._judge_unmatched(capture, item.get("site"))
            self.index.mark_skipped(capture.record_id, item.get("skip_reason", "not-article"))
            raise DropItem(f"not an article page: {capture.url}", log_level="DEBUG")
        site = item.get("site")
        profile = self.profiles.get(site) if site else None
        try:
            if self.pool is None:
                cleaned = clean_capture(capture, item.get("rules"), profile,
                                        warcinfo_id=self.derived.warcinfo_id)
            else:
                cleaned = await asyncio.wrap_future(
                    self.pool.submit(clean_capture, capture, item.get("rules"), profile,
                                     warcinfo_id=self.derived.warcinfo_id))
        except Skipped as exc:
            self.index.mark_skipped(capture.record_id, exc.reason)
            self.stats.inc_value(f"archive/skipped/{exc.reason}")
            raise DropItem(f"no article in {capture.url}: {exc}", log_level="WARNING") from exc
        for stage, seconds in cleaned.cpu.items():
            self.stats.inc_value(f"archive/cpu/clean/{stage}", seconds)
        start = time.process_time()
        row = archive_document(capture, cleaned, site=site, derived=self.derived,
                               index=self.index)
        self.stats.inc_value("archive/cpu/write", time.process_time() - start)
        self.site_rules[row["site"]] = item.get("rules")
        self.stats.inc_value("archive/articles")
        self.stats.inc_value(site_key(row["site"], "articles"))
        self.stats.inc_value(f"archive/articles/language/{row['language']}")
        return {key: row[key] for key in ("url", "site", "title", "language", "word_count",
                                          "capture_id", "fetched_at")}
