"""The page's metadata (title, author, date, site name, canonical URL, description), by
trafilatura's own metadata steps, run on the tree the cleaner already holds.

``bare_extraction(with_metadata=True)`` spends more on metadata than on the text of a typical
page: its author search copies the whole tree (to prune it), and it collects categories, tags
and a licence the archive does not store. Here the steps the archive needs run in the same order,
and the author search runs last, on the tree the cleaner has finished with, so it needs no copy.
"""

from __future__ import annotations

import logging

from htmldate import find_date
from lxml import etree
from lxml import html as lxml_html
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.metadata import (
    AUTHOR_DISCARD_XPATHS,
    AUTHOR_XPATHS,
    META_URL,
    examine_meta,
    extract_meta_json,
    extract_metainfo,
    extract_sitename,
    extract_title,
    extract_url,
    normalize_authors,
)
from trafilatura.settings import set_date_params

LOGGER = logging.getLogger(__name__)
#: News pages state their date in markup; a search of the whole text costs more than it finds.
DATE_PARAMS = {"extensive_search": False, "original_date": True}
#: What trafilatura's author expressions (``AUTHOR_XPATHS``) test: these attributes, for one of
#: these words (their regular expressions and names, cut to a part every spelling they accept
#: contains), or an ``<author>`` element. A page with none of them has no byline they can find,
#: and searching costs more than the rest of the metadata together (Python callbacks for every
#: element): the search is skipped, with the same result (``tests/test_metadata.py`` holds the
#: words to trafilatura's expressions).
AUTHOR_ATTRIBUTES = ("class", "id", "rel", "itemprop", "data-testid", "data-component")
AUTHOR_WORDS = ("uthor", "yline", "byl", "BBL", "username", "zuozhe", "bianji", "xiaobian",
                "channel-name", "submitted-by", "posted-by", "journalist-name", "screenname",
                "writer")


def head_metadata(tree: lxml_html.HtmlElement, url: str | None):
    """Everything but the author, without touching the tree (run it before pruning)."""
    found = examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # a one-word "author" meta is a site or a handle
    try:
        found = extract_meta_json(tree, found)
    except Exception as error:  # noqa: BLE001 - trafilatura's JSON-LD reader has known bugs
        LOGGER.debug("JSON-LD metadata unreadable: %s", error)
    found.title = found.title or extract_title(tree)
    found.url = found.url or extract_url(tree, url or None)
    found.date = find_date(tree, **{**set_date_params(False), **DATE_PARAMS, "url": found.url})
    found.sitename = found.sitename or extract_sitename(tree)
    if found.sitename:
        found.sitename = found.sitename.lstrip("@")
        if found.sitename and "." not in found.sitename and not found.sitename[0].isupper():
            found.sitename = found.sitename.title()
    elif found.url and (match := META_URL.match(found.url)):
        found.sitename = match[1]
    return found


def finish_metadata(found, tree: lxml_html.HtmlElement) -> dict:
    """Add the author (searched in ``tree``, which this prunes: call it last) and trim; return
    the :class:`~cleaners.document.Document` fields."""
    if not found.author and may_name_author(tree):
        author = extract_metainfo(prune_unwanted_nodes(tree, AUTHOR_DISCARD_XPATHS),
                                  AUTHOR_XPATHS, len_limit=120)
        found.author = normalize_authors(None, author) if author else None
    found.clean_and_trim()
    return {"title": found.title, "author": found.author, "published": found.date,
            "sitename": found.sitename, "canonical_url": found.url,
            "description": found.description}


def may_name_author(tree: lxml_html.HtmlElement) -> bool:
    """Whether any element could match an expression of trafilatura's author search."""
    for element in tree.iter(etree.Element):
        attributes = element.attrib
        if attributes and any(word in value for name in AUTHOR_ATTRIBUTES
                              if (value := attributes.get(name)) for word in AUTHOR_WORDS):
            return True
        if element.tag in ("author", "rel"):  # rel: as its first expression names it
            return True
    return False
