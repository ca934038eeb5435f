"""What the page says of itself in markup: its schema.org JSON-LD and microdata (read by
extruct) and its meta tags (OpenGraph, ``article:*``, Dublin Core, ...), as plain values for
:mod:`cleaners.metadata` to weigh against the visible page.

A page's structured data is untrusted input: scripts past a size, objects past a count and
lists past a length are not read, and nothing here raises on what a page holds.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from extruct.jsonld import JsonLdExtractor
from extruct.w3cmicrodata import LxmlMicrodataExtractor
from lxml import etree

LOGGER = logging.getLogger(__name__)
#: A JSON-LD script longer than this is skipped (a news page's, with its whole articleBody, is a
#: few tens of kB); reading a hostile megabyte would cost more than the rest of the page.
MAX_SCRIPT_CHARS = 256_000
#: ... and no more than this is read from all of a page's scripts together.
MAX_TOTAL_CHARS = 512_000
#: JSON-LD and microdata objects looked at per page.
MAX_NODES = 2_000
#: Meta tags read per page.
MAX_META = 500
_JSONLD = JsonLdExtractor()


class _Microdata(LxmlMicrodataExtractor):
    """extruct's microdata reader without the two texts that nothing here reads and that cost
    most of its time (each is a cleaned copy of its element): an item's own text when it has no
    properties (often the whole ``<body>``) and an ``articleBody`` (the visible article, which
    the partial-body guard does not weigh)."""

    def _extract_textContent(self, node):  # noqa: N802 - extruct's name
        if node.get("itemscope") is not None or node.get("itemprop") == "articleBody":
            return ""
        return super()._extract_textContent(node)


_MICRODATA = _Microdata()


@dataclass
class Structured:
    """``article``: the page's main schema.org article (JSON-LD before microdata), ``None``
    without one; ``page``: its ``WebPage`` object, whose dates stand in for the article's;
    ``nodes``: every object by its ``@id``, to follow references; ``meta``: the first
    ``content`` of each meta ``property``, ``name`` or ``itemprop`` (lower case), ``tags`` every
    ``article:tag``."""

    article: dict | None = None
    source: str = ""
    page: dict | None = None
    nodes: dict = field(default_factory=dict)
    articles: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    tags: list = field(default_factory=list)

    def resolve(self, value):
        """An object given by reference (``{"@id": ...}``) as the object itself."""
        if isinstance(value, dict) and "@id" in value and len(value) <= 2:
            return self.nodes.get(value["@id"], value)
        return value


def types(node: dict) -> list[str]:
    """The schema.org type names of an object, without their vocabulary's URL."""
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return [k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)]


def is_article(node: dict) -> bool:
    return any(k.endswith(("Article", "BlogPosting", "Posting")) or k == "Report"
               for k in types(node))


def read_structured(tree, url: str | None) -> Structured:
    found = Structured()
    objects = _jsonld_objects(tree)
    found.source = "json-ld"
    _index(objects, found)
    if found.article is None and _has_article_microdata(tree):
        try:
            items = _MICRODATA.extract_items(tree, base_url=url or "")
        except Exception as error:  # noqa: BLE001 - a page's markup must not stop the cleaner
            LOGGER.debug("microdata unreadable: %s", error)
            items = []
        found.source = "microdata"
        _index([_from_microdata(item, [0]) for item in items[:MAX_NODES]], found)
    if found.article is None:
        found.source = ""
    elif url:
        found.article = _the_page_article(found, url) or found.article
    _read_meta(tree, found)
    return found


def _jsonld_objects(tree) -> list:
    objects: list = []
    budget = MAX_TOTAL_CHARS
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        size = len(script.text or "")
        if size > MAX_SCRIPT_CHARS or size > budget:
            LOGGER.debug("JSON-LD script of %d characters skipped", size)
            continue
        budget -= size
        try:
            objects.extend(_JSONLD.extract_items(script))
        except Exception as error:  # noqa: BLE001 - invalid JSON, too deep, ...
            LOGGER.debug("JSON-LD unreadable: %s", error)
    return objects


def _index(objects: list, found: Structured) -> None:
    """Walk the objects (``@graph``, lists, nested values) breadth first, at most
    :data:`MAX_NODES` of them: note each ``@id``, the first article and the first web page."""
    queue, seen = list(objects), 0
    articles = []
    while queue and seen < MAX_NODES:
        node = queue.pop(0)
        seen += 1
        if isinstance(node, list):
            queue.extend(node[:MAX_NODES])
            continue
        if not isinstance(node, dict):
            continue
        if isinstance(node.get("@id"), str) and len(node) > 2:
            found.nodes.setdefault(node["@id"], node)
        if is_article(node):
            articles.append(node)
        elif found.page is None and "WebPage" in types(node):
            found.page = node
        for key, value in node.items():
            if isinstance(value, dict | list) and key not in ("articleBody", "text"):
                queue.append(value)
    found.articles.extend(articles)
    if articles and found.article is None:
        found.article = next((a for a in articles if a.get("headline")), articles[0])


def _the_page_article(found: Structured, url: str) -> dict | None:
    """Of several articles (a page's own and the teasers it lists), the one about this URL."""
    articles = found.articles
    if len(articles) < 2:
        return None
    wanted = _url_key(url)
    for article in articles:
        entity = found.resolve(article.get("mainEntityOfPage"))
        for value in (article.get("url"), article.get("@id"),
                      entity.get("@id") if isinstance(entity, dict) else entity):
            if isinstance(value, str) and _url_key(value) == wanted:
                return article
    return None


def _url_key(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/")


_ARTICLE_MICRODATA = etree.XPath("boolean(//*[@itemscope][contains(@itemtype, 'Article') or "
                                 "contains(@itemtype, 'Posting')])")


def _has_article_microdata(tree) -> bool:
    """Whether extruct's microdata reader (half a millisecond a page) has an article to find."""
    return _ARTICLE_MICRODATA(tree)


def _from_microdata(item, budget: list) -> object:
    """extruct's microdata item as the JSON-LD object it stands for."""
    budget[0] += 1
    if not isinstance(item, dict) or budget[0] > MAX_NODES:
        return item if isinstance(item, str) else None
    node = {"@type": item.get("type")}
    for key, value in (item.get("properties") or {}).items():
        values = value if isinstance(value, list) else [value]
        converted = [_from_microdata(v, budget) for v in values[:50]]
        node[key] = converted if isinstance(value, list) else converted[0]
    return node


def _read_meta(tree, found: Structured) -> None:
    head = tree.find("head")
    scope = head if head is not None else tree
    for count, element in enumerate(scope.iter("meta")):
        if count >= MAX_META:
            break
        content = element.get("content")
        if not content:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = (element.get(attribute) or "").strip().lower()
            if key:
                found.meta.setdefault(key, content.strip())
                if key == "article:tag" and len(found.tags) < 50:
                    found.tags.append(content.strip())


def jsonld_text(value) -> str | None:
    """A JSON-LD value as one string: the first of a list, an object's ``name`` or ``@value``."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("url")
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    return value if isinstance(value, str) and value.strip() else None

