"""Does a page say it is an article? Its own claim, for pages no seed's URL pattern decides:
``og:type`` article, or a JSON-LD ``@type`` of the article family. The crawl and reprocessing
ask the same question with this one function."""

from __future__ import annotations

import json

from parsel import Selector

ARTICLE_TYPES = {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                 "blogposting", "opinionnewsarticle", "report"}


def declares_article(page: Selector) -> bool:
    og_type = page.css('meta[property="og:type"]::attr(content)').get("")
    if og_type.strip().lower() == "article":
        return True
    for blob in page.css('script[type="application/ld+json"]::text').getall():
        try:
            data = json.loads(blob)
        except ValueError:
            continue
        if not isinstance(data, (list, dict)):
            continue
        for node in data if isinstance(data, list) else [data, *data.get("@graph", [])]:
            types = node.get("@type", []) if isinstance(node, dict) else []
            types = [types] if isinstance(types, str) else types
            if any(str(t).lower() in ARTICLE_TYPES for t in types):
                return True
    return False
