"""The page's metadata (title, author, date, site name, canonical URL, description), by
trafilatura's own metadata steps, run on the tree the cleaner already holds.

``bare_extraction(with_metadata=True)`` spends more on metadata than on the text of a typical
page: its author search copies the whole tree (to prune it), and it collects categories, tags
and a licence the archive does not store. Here the steps the archive needs run in the same order,
and the author search runs last, on the tree the cleaner has finished with, so it needs no copy.
"""

from __future__ import annotations

import logging
import re

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
#: contains), or an ``<author>`` element (``tests/test_metadata.py`` holds the words to
#: trafilatura's expressions). Only such elements can be found; the search, which calls a Python
#: regular expression for every element, runs on them and what holds them (see
#: :func:`author_search_tree`).
AUTHOR_ATTRIBUTES = frozenset({"class", "id", "rel", "itemprop", "data-testid", "data-component"})
AUTHOR_WORDS = ("uthor", "yline", "byl", "BBL", "username", "zuozhe", "bianji", "xiaobian",
                "channel-name", "submitted-by", "posted-by", "journalist-name", "screenname",
                "writer")
_AUTHOR_WORD = re.compile("|".join(map(re.escape, AUTHOR_WORDS)))


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
    if not found.author and author_search_tree(tree):
        author = extract_metainfo(prune_unwanted_nodes(tree, AUTHOR_DISCARD_XPATHS),
                                  AUTHOR_XPATHS, len_limit=120)
        found.author = normalize_authors(None, author) if author else None
    found.clean_and_trim()
    return {"title": found.title, "author": found.author, "published": found.date,
            "sitename": found.sitename, "canonical_url": found.url,
            "description": found.description}


def author_search_tree(tree: lxml_html.HtmlElement) -> bool:
    """Cut ``tree`` down to what trafilatura's author search can use, in place; False when
    nothing is left to search.

    The search keeps the first element its expressions match, pruned of the comment sections,
    sidebars, dates and figures in it, and drops what sits in such a section. So only the
    elements it can match count (:data:`AUTHOR_WORDS`), with everything inside them and the
    elements that hold them; any other branch goes, and the search finds the same author on a
    tree a tenth the size (a page with no such element is not searched at all)."""
    root = tree.getroottree().getroot()  # the expressions search the whole document
    named = [element for element in root.iter(etree.Element) if _may_name_author(element)]
    if not named:
        return False
    holders: set = set()
    for element in named:
        for ancestor in element.iterancestors():
            if ancestor in holders:
                break
            holders.add(ancestor)
    kept = set(named)
    branches = [root] if root in holders else []
    while branches:
        node = branches.pop()
        for child in list(node.iterchildren(etree.Element)):
            if child in holders and child not in kept:
                branches.append(child)
            elif child not in kept:
                node.remove(child)
    return True


def _may_name_author(element) -> bool:
    for name, value in element.items():
        if name in AUTHOR_ATTRIBUTES and _AUTHOR_WORD.search(value):
            return True
    return element.tag in ("author", "rel")  # rel: as its first expression names it
