"""Sitemap bodies as sites serve them: XML, or a gzipped file (``.xml.gz`` sent as
application/x-gzip or application/octet-stream, with no Content-Encoding for the downloader to
undo), unzipped as Scrapy's own SitemapSpider does it, never past the crawl's body size limit."""

from __future__ import annotations

import struct

from scrapy.utils.gz import gunzip, gzip_magic_number


def sitemap_body(response, max_size: int) -> bytes | None:
    """The sitemap's XML; None for a gzipped body that does not unzip, or not within
    ``max_size`` bytes (a small file can unzip to gigabytes)."""
    if not gzip_magic_number(response):
        return response.body
    try:
        return gunzip(response.body, max_size=max_size)
    except (ValueError, OSError, EOFError, struct.error):  # too large, or not gzip after all
        return None


def body_limit(response, settings) -> int:
    """The size limit of this response's body: the request's own, else DOWNLOAD_MAXSIZE."""
    return response.meta.get("download_maxsize", settings.getint("DOWNLOAD_MAXSIZE"))
