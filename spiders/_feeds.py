"""Feeds as the crawl and ``add-site`` read them: RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed,
parsed from the bytes whatever the Content-Type says (many feeds are served as text/html or
application/octet-stream)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import lxml.etree

_PARSER = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                               remove_comments=True, remove_pis=True)
_KINDS = {"rss": "RSS", "RDF": "RSS 1.0", "feed": "Atom"}
_LINKS = ("//*[local-name()='item']/*[local-name()='link']/text() | "
          "//*[local-name()='entry']/*[local-name()='link'][not(@rel) or @rel='alternate']/@href")


@dataclass(frozen=True)
class Feed:
    kind: str
    title: str
    links: tuple[str, ...]


def parse_feed(body: bytes) -> Feed | None:
    """The feed's kind, title and item links; None when the body is no feed."""
    start = body.lstrip()[:1]
    if start in (b"{", b"["):
        return _json_feed(body)
    try:
        root = lxml.etree.fromstring(body, _PARSER)
    except (lxml.etree.XMLSyntaxError, ValueError):
        return None
    if root is None or lxml.etree.QName(root).localname not in _KINDS:
        return None
    title = root.xpath("string((//*[local-name()='channel'] | /*)/*[local-name()='title'])")
    links = tuple(link.strip() for link in root.xpath(_LINKS) if link.strip())
    return Feed(_KINDS[lxml.etree.QName(root).localname], title.strip(), links)


def _json_feed(body: bytes) -> Feed | None:
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict) or "jsonfeed.org/version" not in str(data.get("version")):
        return None
    items = data.get("items") if isinstance(data.get("items"), list) else []
    links = tuple(item.get("url") or item.get("external_url") for item in items
                  if isinstance(item, dict) and isinstance(item.get("url") or
                                                           item.get("external_url"), str))
    return Feed("JSON Feed", str(data.get("title") or ""), links)
