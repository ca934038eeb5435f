"""Does a page say it is an article? Its own claim, for pages no seed's URL pattern decides:
``og:type`` article, or a JSON-LD ``@type`` of the article family. The crawl and reprocessing
ask the same question with this one function."""

from __future__ import annotations

import json

from parsel import Selector

ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                 "blogposting", "opinionnewsarticle", "report"}


def declares_article(page: Selector) -> bool:
    og_type, types = declared_types(page)
    return og_type == "article" or any(t.lower() in ARTICLE_TYPES for t in types)


def declared_types(page: Selector) -> tuple[str, list[str]]:
    """What the page says it is: its ``og:type`` (lowercased; "" without one) and the JSON-LD
    ``@type`` of each node, as written (``NewsArticle``, ``CollectionPage``, ...)."""
    og_type = page.css('meta[property="og:type"]::attr(content)').get("").strip().lower()
    found = []
    for blob in page.css('script[type="application/ld+json"]::text').getall():
        try:
            data = json.loads(blob)
        except ValueError:
            continue
        if not isinstance(data, (list, dict)):
            continue
        for node in data if isinstance(data, list) else [data, *data.get("@graph", [])]:
            types = node.get("@type", []) if isinstance(node, dict) else []
            found += [str(t) for t in ([types] if isinstance(types, str) else types)]
    return og_type, found
