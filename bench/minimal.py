"""The same job composed minimally, as a user could write it in an afternoon: Scrapy fetches,
warcio writes each response to a WARC file, a pool of two processes runs
``trafilatura.extract`` and langdetect on it, and sqlite-utils stores a row per article.
No provenance beyond the WARC file, no rules, no recovery: the contender ``bench.crawl`` runs
beside newsarchive, so that the ratio that matters is printed in every run.

    python -m bench.minimal URL DATA_DIR [CONCURRENCY]
"""

from __future__ import annotations

import io
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import scrapy
import sqlite_utils
import trafilatura
from langdetect import DetectorFactory, detect
from scrapy.crawler import CrawlerProcess
from twisted.internet.defer import Deferred
from twisted.internet.threads import deferToThread
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DetectorFactory.seed = 0


def extract(body: bytes) -> tuple[str, str | None]:
    text = trafilatura.extract(body) or ""
    try:
        return text, detect(text) if text else None
    except Exception:  # noqa: BLE001 - langdetect raises on text without features
        return text, None


class Site(scrapy.Spider):
    name = "minimal"

    def __init__(self, url: str, **kwargs):
        super().__init__(**kwargs)
        self.start_urls = [url]

    def parse(self, response):
        if "/news/" in response.url:
            yield {"url": response.url, "status": response.status, "body": response.body,
                   "headers": response.headers.to_unicode_dict()}
            return
        for href in response.css("a::attr(href)").getall():
            if href.startswith(("/section/", "/news/")):
                yield response.follow(href)


class Pipeline:
    """warcio, a process pool and sqlite-utils, each used the plain way."""

    def open_spider(self, spider):
        data = Path(spider.settings["DATA"])
        data.mkdir(parents=True, exist_ok=True)
        self.warc = open(data / "minimal.warc.gz", "wb")  # noqa: SIM115 - closed in close_spider
        self.writer = WARCWriter(self.warc, gzip=True)
        self.db = sqlite_utils.Database(data / "index.db")
        self.pool = ProcessPoolExecutor(2)

    def process_item(self, item, spider) -> Deferred:
        http = StatusAndHeaders(f"{item['status']} OK", list(item["headers"].items()),
                                protocol="HTTP/1.1")
        self.writer.write_record(self.writer.create_warc_record(
            item["url"], "response", payload=io.BytesIO(item["body"]), http_headers=http))
        future = self.pool.submit(extract, item["body"])
        return deferToThread(future.result).addCallback(self._store, item["url"])

    def _store(self, result, url):
        text, language = result
        self.db["articles"].insert({"url": url, "text": text, "language": language})
        return {"url": url}

    def close_spider(self, spider):
        self.pool.shutdown()
        self.warc.close()
        self.db.close()


def main(argv=None) -> None:
    url, data, *rest = argv or sys.argv[1:]
    concurrency = int(rest[0]) if rest else 16
    process = CrawlerProcess({
        "DATA": data, "ITEM_PIPELINES": {f"{__name__}.Pipeline": 100},
        "CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "CONCURRENT_ITEMS": 8, "ROBOTSTXT_OBEY": True, "LOG_LEVEL": "INFO",
        "TELNETCONSOLE_ENABLED": False, "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0,
    })
    process.crawl(Site, url=url)
    process.start()


if __name__ == "__main__":
    main()
