"""Run the ``news`` spider in this process with newsarchive's settings.

Outside a checkout there is no ``scrapy.cfg`` to name the settings module, so it is set here.
Twisted's reactor starts once per process: call :func:`run_crawl` once per process.
"""

from __future__ import annotations

import os
import shutil

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from archive.store.lock import ArchiveLock
from archive.store.paths import ArchivePaths


def crawl_settings(data_dir=None, overrides: dict | None = None):
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "archive.settings")
    settings = get_project_settings()
    if data_dir is not None:
        settings.set("ARCHIVE_DATA_DIR", str(data_dir), priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_crawl(seed_files, data_dir=None, overrides: dict | None = None) -> dict:
    """Crawl the sites of ``seed_files`` into the archive at ``data_dir``; return Scrapy's stats.

    Raises :class:`~archive.store.lock.ArchiveLocked` when another live crawl writes the same
    archive.
    """
    settings = crawl_settings(data_dir, overrides)
    paths = ArchivePaths(settings.get("ARCHIVE_DATA_DIR"))
    with ArchiveLock(paths.lock):
        # (A shared crawl's frontier is in Redis: archive.crawl.sharedcrawl.)
        queue = settings.getbool("ARCHIVE_DISK_QUEUE") and not settings.get("JOBDIR") and \
            not settings.get("ARCHIVE_REDIS_URL")
        if queue:  # a fresh queue each run: a JOBDIR kept would also keep its seen-URL filter
            shutil.rmtree(paths.queue_dir, ignore_errors=True)  # a killed crawl's leftovers
            settings.set("JOBDIR", str(paths.queue_dir), priority="cmdline")
            if not settings.getpriority("SCHEDULER"):  # Scrapy's own: one a full disk stops
                settings.set("SCHEDULER", "archive.crawl.diskfull.FreshQueueScheduler",
                             priority="cmdline")
        try:
            process = CrawlerProcess(settings)
            crawler = process.create_crawler("news")
            seeds = ",".join(str(path) for path in seed_files) if seed_files else None
            process.crawl(crawler, seeds=seeds)
            process.start()
        finally:
            if queue:
                shutil.rmtree(paths.queue_dir, ignore_errors=True)
    return crawler.stats.get_stats()
