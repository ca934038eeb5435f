"""The item pipeline: a thin adapter from page items to :func:`archive.process.process`."""

from __future__ import annotations

from scrapy.exceptions import DropItem, NotConfigured

from archive.index import Index
from archive.paths import ArchivePaths
from archive.process import Skipped, process
from archive.warcfile import RotatingWarcFile


class ArticlePipeline:
    """Clean article pages into the archive; record why any other page yields no article."""

    def __init__(self, crawler, paths: ArchivePaths, derived: RotatingWarcFile):
        self.stats = crawler.stats
        self.paths = paths
        self.derived = derived
        self.index: Index | None = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("ARCHIVE_ENABLED"):
            raise NotConfigured("ARCHIVE_ENABLED is off")
        paths = ArchivePaths(settings.get("ARCHIVE_DATA_DIR"))
        derived = RotatingWarcFile(
            paths.text_dir, settings.get("ARCHIVE_WARC_PREFIX") + "-text",
            settings.getint("ARCHIVE_WARC_MAX_SIZE"), fsync=settings.getbool("ARCHIVE_WARC_FSYNC"),
            info={"description": "conversion and metadata records derived from the raw captures"})
        return cls(crawler, paths, derived)

    def open_spider(self):
        self.index = Index(self.paths.index)

    def close_spider(self):
        self.derived.close()
        self.index.close()

    def process_item(self, item):
        capture = item["capture"]
        if not item.get("is_article"):
            self.index.mark_skipped(capture.record_id, item.get("skip_reason", "not-article"))
            raise DropItem(f"not an article page: {capture.url}", log_level="DEBUG")
        try:
            row = process(capture, site=item.get("site"), rules=item.get("rules"),
                          derived=self.derived, index=self.index)
        except Skipped as exc:
            self.stats.inc_value(f"archive/skipped/{exc.reason}")
            raise DropItem(f"no article in {capture.url}: {exc}", log_level="WARNING") from exc
        self.stats.inc_value("archive/articles")
        self.stats.inc_value(f"archive/articles/language/{row['language']}")
        return {key: row[key] for key in ("url", "site", "title", "language", "word_count",
                                          "capture_id")}
