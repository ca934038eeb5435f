"""The page's metadata: trafilatura's own metadata steps, run on the tree the cleaner already
holds, weighed against the page's structured data (:mod:`cleaners.structured`) and its visible
headline, field by field, each field saying where it came from (``Document.metadata_sources``).

``bare_extraction(with_metadata=True)`` spends more on metadata than on the text of a typical
page: its author search copies the whole tree (to prune it), and it collects categories, tags
and a licence the archive does not store. Here the steps the archive needs run in the same order,
and the author search runs last, on the tree the cleaner has finished with, so it needs no copy.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from itertools import islice

from htmldate import find_date
from htmldate.extractors import try_date_expr
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

from cleaners.dates import (
    MONTH_NAMES,
    WEEKDAYS,
    YEARS,
    dateline_day,
    domain_country,
    first_day,
    numeric_order,
    publication_day,
    reread_day,
    shown_days,
    timestamp,
    url_day,
    written,
)
from cleaners.habits import SEPARATORS
from cleaners.structured import Structured, is_article, jsonld_text, read_structured, types

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


@dataclass
class Head:
    """What is read before the tree is pruned: trafilatura's findings, the page's structured
    data and its visible headlines."""

    found: object
    structured: Structured
    headlines: list
    url: str | None
    #: The ``<title>`` element's text (trafilatura's title is mostly ``og:title`` again).
    page_title: str | None = None
    #: The first ``h2`` headings, asked only when the page shows no ``h1``.
    subheads: tuple = ()
    #: The ``datetime`` of the page's first ``<time>`` elements.
    times: tuple = ()
    #: How the page writes a numeric day, asked when one reads both ways
    #: (:func:`cleaners.dates.numeric_order`).
    order: object = None
    #: The last day the page can print: the day after it was fetched, when that is known.
    latest: str | None = None
    #: The page's first ``h1`` to ``h3`` elements, where its headline may be.
    headings: tuple = ()
    #: The page's visible text, when it is asked which date the page shows.
    shown: str = ""
    #: The names the page labels as its editors (``Editor: ...``), loosely.
    editors: frozenset = frozenset()
    #: The visible byline, when it is searched although the markup names an author.
    byline: str | None = None
    #: The days printed by each place the headline is (:func:`_around_headlines`,
    #: :func:`_near_day`), first first.
    datelines: tuple = ()
    #: The day printed by the headline (:func:`_around_headlines`, :func:`_near_day`), and
    #: the byline under it, read when the markup names no author.
    dateline: str | None = None
    signed: str | None = None
    #: The ``h1`` with a day or a byline printed under them (the headline the page shows, or
    #: a logo), and the first such byline (:func:`_shown_headlines`).
    shown_headlines: tuple = ()
    shown_byline: str | None = None
    #: On a page whose markup states no headline, the text under which it prints its dateline
    #: or byline, found by a title source's words (:func:`_around_headlines`).
    shown_title: str | None = None
    #: On such a page, the heading nearest over its first paragraph (:func:`_body_headline`).
    body_headline: str | None = None
    #: On a page without a byline by a headline, the one over its first paragraph, and (on a
    #: page whose markup states no headline) the text over that byline (:func:`_over_byline`).
    over_body: str | None = None
    byline_headline: str | None = None


def head_metadata(tree: lxml_html.HtmlElement, url: str | None, page: str | None = None,
                  latest: str | None = None) -> Head:
    """Everything but the byline, without touching the tree (run it before pruning);
    ``page``, the page's text, is searched for a date when its markup states none; ``latest``,
    the last day the page can print (the day after it was fetched), reads a numeric day."""
    found = examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # a one-word "author" meta is a site or a handle
    try:
        found = extract_meta_json(tree, found)
    except Exception as error:  # noqa: BLE001 - trafilatura's JSON-LD reader has known bugs
        LOGGER.debug("JSON-LD metadata unreadable: %s", error)
    found.title = found.title or extract_title(tree)
    found.url = found.url or extract_url(tree, url or None)
    found.sitename = found.sitename or extract_sitename(tree)
    if found.sitename:
        found.sitename = found.sitename.lstrip("@")
        if found.sitename and "." not in found.sitename and not found.sitename[0].isupper():
            found.sitename = found.sitename.title()
    elif found.url and (match := META_URL.match(found.url)):
        found.sitename = match[1]
    headlines, subheads, times, headings = _headings_and_times(tree)
    title = tree.find("head/title")
    if title is None and not found.title:  # a page broken before its <title> has it in the body
        title = next(tree.iter("title"), None)
    head = Head(found, read_structured(tree, url), headlines, url,
                _clean(title.text_content())[:MAX_TITLE] if title is not None else None,
                () if headlines else tuple(subheads), tuple(times), headings=tuple(headings))
    undated = _published(head)[1] in ("htmldate", "")
    # no structured date: only then is the whole page worth a search, scripts and all (the tree
    # has none of them); htmldate's reading of the tree is the date when that search finds
    # none, and the one weighed against a modification time for the day the page shows
    searched = find_date(page, extensive_search=True, original_date=True, url=found.url) \
        if page and len(page) <= MAX_SEARCHED and undated else None
    if searched and written(searched, " ".join(_COMMENT.findall(page))):
        # a day the page's comments write is a template's or a tool's note (``$DateTime:
        # 2005/12/15 $``, ``changed - NW 18/05/2006``), the template edited before the article:
        # a later day found where trafilatura looks (the tree, without comments) is the page's
        shown = find_date(tree, **{**set_date_params(True), "url": found.url})
        searched = shown if shown and shown > searched else searched
    if not searched or _modified(head)[0]:
        found.date = find_date(tree, **{**set_date_params(False), **DATE_PARAMS,
                                         "url": found.url})
    head.shown = _visible_text(head, tree)
    found.date = searched or found.date
    # how the page writes a numeric day (01/10/2008), asked only of a page that writes one
    language = tree.get("lang") or head.structured.meta.get("og:locale")
    head.order = cache(lambda year: numeric_order(page or "", found.url or url, language, year))
    head.latest = latest
    if undated and found.date and page:
        found.date = reread_day(found.date, page[:MAX_SEARCHED], *_order(head))
    head.editors = _editors(head, page)
    # no person (an organisation is no byline), or only accounts' handles
    unsigned = not _structured_bylines(head)[0] or _handles(head)
    untitled = not (jsonld_text((head.structured.article or {}).get("headline"))
                    or head.structured.meta.get("og:title"))
    # the headline's heading is looked for on every page (its dateline may correct the
    # markup's day); the page's texts are searched for it only when a field needs the page
    around = _around_headlines(tree, head, undated or unsigned or untitled)
    # the heading over the first paragraph, when no other text shown is one the title names;
    # where it is the headline (the <title> names only the site), its dateline and byline are
    # read first
    title_key = _loose(head.page_title)
    named = {key for key, titled in ((_loose(shown), titled) for _, _, shown, titled in around)
             if titled or (len(key) >= MIN_HEADLINE_KEY and key in title_key)}
    over = _over_body(tree) if untitled else None
    body = _body_headline(over)
    if body and named <= {_loose(body[0])}:
        head.body_headline = body[0]
        sites = _site_keys(found.sitename, head.structured.meta.get("og:site_name"), url)
        if _site_only(head.page_title, body[0], sites) and _loose(body[0]) not in sites and \
                not any(confirmed for *_, confirmed in around):
            around = [_around(body[1], False), *around][:MAX_HEADLINES]
    head.datelines = tuple(filter(None, (_near_day(after, before, confirmed, head)
                                         for after, before, _, confirmed in around)))
    head.dateline = next(iter(head.datelines), None)
    if undated and head.dateline and _another_day(head.dateline, found, head.times, url):
        head.dateline = None
    for after, _, shown, confirmed in around:
        under = _short_texts(after)
        byline = _shown_byline(under)
        if not byline and confirmed and unsigned:  # past a standfirst
            byline = _shown_byline(_short_texts(after, 1))
        head.signed = head.signed or (byline if unsigned else None)
        if untitled and not head.shown_title and (byline or _dateline_day(under)):
            head.shown_title = shown
    head.shown_headlines, head.shown_byline = _shown_headlines(tree)
    if unsigned and not head.signed and not head.shown_byline:
        # no byline by a headline: the one right over the first paragraph, if any
        over = over if untitled else _over_body(tree)
        head.over_body = _shown_byline([" ".join(text.split()) for text, _ in over or ()])
        if head.over_body and untitled and not head.shown_title:
            head.byline_headline = _over_byline(over)
    return head


def _over_body(tree) -> list[tuple[str, object]] | None:
    """The last :data:`MAX_BEFORE_BODY` visible texts over the page's first paragraph (its
    first visible text of :data:`MIN_PARAGRAPH` characters outside a link), each with the
    element that holds it; None on a page without one."""
    texts = []
    # lazily, in order, the whole tree: a broken page may have more than one <body>
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            text, parent = element.text, element
            if not isinstance(element.tag, str) or element.tag in _NOT_SHOWN:
                continue
        else:
            text, parent = element.tail, element.getparent()
        if not text or not text.strip() or parent is None:
            continue
        if len(text.strip()) >= MIN_PARAGRAPH and parent.tag != "a":
            return texts[-MAX_BEFORE_BODY:]
        texts.append((text, parent))
        if len(texts) > MAX_BODY_SEARCH:
            return None
    return None


def _over_byline(over: list) -> str | None:
    """The text nearest over the byline among the texts over the first paragraph, up to
    :data:`MAX_BEFORE` texts over it: not a link's, a day or a sentence, of three words or more
    (an old page's headline in a styled paragraph or a bold cell, ``<p class="orange">``)."""
    texts = [(" ".join(text.split()), parent) for text, parent in over]
    signed = next((i for i, (text, _) in enumerate(texts)
                   if _SIGNED.match(text) or _signed_after_day(text)), None)
    for text, parent in reversed(texts[max(0, (signed or 0) - MAX_BEFORE):signed or 0]):
        if "a" in (parent.tag, getattr(parent.getparent(), "tag", None)) or \
                _dateline_day([text]):
            continue  # a link's text (a share button's in a span) or a day
        if len(text) <= MAX_TITLE and not text.endswith(".") and \
                sum(any(ch.isalpha() for ch in word) for word in text.split()) >= 3:
            return text
        return None
    return None


def _body_headline(over: list | None) -> tuple[str, object] | None:
    """The heading nearest over the page's first paragraph, of the texts over it
    (:func:`_over_body`): an ``h1`` to ``h3`` or an element whose class or id says headline or title
    (``<span class="headline">``, ``<div id="title">``), not a link (a list's entry), a
    subtitle or a byline, of three words with letters or more (not a day and time) and not a
    sentence (``... the Bears 33-25.``); an ``h1`` or a headline before an ``h2`` or a title
    (the deck under it); its text and the element that holds it. Old pages print their story
    so, under a masthead, where their ``<title>`` names only the site."""
    near = [(" ".join(text.split()), rank, parent) for text, parent in over or ()
            if parent.tag != "a" and (rank := _headline_rank(parent))]
    for best in (1, 2):  # an h1 or a headline over a deck in an h2 or a "title"
        for shown, rank, parent in reversed(near):
            if rank == best and len(shown) <= MAX_TITLE and not shown.endswith(".") \
                    and sum(any(ch.isalpha() for ch in word) for word in shown.split()) >= 3 \
                    and not _dateline_day([shown]):
                return shown, parent
    return None


def _headline_rank(element) -> int:
    """1 for an ``h1`` or an element (or its parent) whose class or id names a headline, 2 for
    an ``h2``, ``h3`` or one named a title (``articleTitle``, ``story-title``); 0 for others,
    subtitles and authors' titles."""
    for node in (element, element.getparent()):
        if node is None or not isinstance(node.tag, str):
            return 0
        names = f"{node.get('class', '')} {node.get('id', '')}".lower()
        if "sub" in names or _AUTHOR_WORD.search(names):
            return 0
        names = names.split()
        if node.tag == "h1" or any(name.endswith("headline") for name in names):
            return 1
        if node.tag in ("h2", "h3") or any(name.endswith("title") for name in names):
            return 2
    return 0


def _another_day(dateline: str, found, times, url: str | None) -> bool:
    """Whether the day printed by the headline of a page without a structured date is another
    story's or a reader's (``Joined May 11, 2017``): the day its URL carries is more than a
    day away (a day off is the newsroom's clock against the server's), or htmldate's day is the
    one the page's ``<time>`` elements give and the dateline's is not."""
    day = url_day(found.url or url)
    if day and abs((date.fromisoformat(day) - date.fromisoformat(dateline)).days) > 1:
        return True
    return dateline != found.date and found.date in {
        stamp[:10] for stamp in map(timestamp, times) if stamp}


def _headings_and_times(tree) -> tuple[list[str], list[str], list[str], list]:
    """The texts of the first five visible ``h1`` and ``h2``, the ``datetime`` of the first
    ``<time>`` elements and the first ``h1`` to ``h3`` (:data:`MAX_HEADINGS`), in one walk of
    the tree. An ``h1`` kept for search engines only (``class="seo-title"``, ``sr-only``,
    ``hidden``) is not the headline shown."""
    found: dict[str, list] = {"h1": [], "h2": [], "time": [], "h3": []}
    headings = []
    for element in tree.iter("h1", "h2", "h3", "time"):
        kept = found[element.tag]
        if element.tag == "time":
            if len(kept) < MAX_TIMES and element.get("datetime"):
                kept.append(element.get("datetime"))
            continue
        if len(headings) < MAX_HEADINGS:
            headings.append(element)
        if element.tag != "h3" and len(kept) < 5 and not _hidden(element):
            kept.append(" ".join(element.text_content().split())[:MAX_TITLE])
    return found["h1"], found["h2"], found["time"], headings


def _structured_bylines(head: Head) -> tuple[list[str], list[str]]:
    """The structured article's people and organisations, as its markup names them."""
    people: list[str] = []
    credits: list[str] = []
    _structured_names(head, people, credits, set())
    return people, credits


def _around_headlines(tree, head: Head, search_texts: bool) -> list[tuple]:
    """Where the page may print its headline, best first, each with the visible texts after it
    and those before it, nearest first, where news pages print their dateline and byline
    (``By Jane Doe``, ``Tuesday January 15, 2008``), and the headline's text. A headline is a
    text whose letters and digits are those of a title source or of a part of one (``Headline
    | Site``, ``Headline (from Site)``) other than the site's name: first the ``h1`` to ``h3``
    that spell what the ``<title>``, ``og:title`` or JSON-LD give, its words split over
    elements or not; then, with ``search_texts``, the first text that does, in a heading or
    not (the headline in a ``<b>`` or a table cell, the title of a list elsewhere in a
    heading); none of these, the first ``h1`` (which spells only itself). Up to
    :data:`MAX_HEADLINES`, each saying whether a title source named it."""
    titled, wanted = set(), set()
    sites = _site_keys(head.found.sitename, head.structured.meta.get("og:site_name"), head.url)
    article = head.structured.article or {}
    offered = (jsonld_text(article.get("headline")), head.structured.meta.get("og:title"),
               head.page_title)
    titles = [title for title in offered if title]
    for title in (*offered, *head.headlines):
        if title:
            wanted.update(key for part in (title, *_TITLE_PARTS.split(title))
                          if len(key := _loose(part)) >= MIN_HEADLINE_KEY and key not in sites)
        if title is head.page_title:
            titled = set(wanted)  # what the title sources name, not the h1 alone
    if not wanted:
        return []
    shortest, longest = min(map(len, wanted)), 2 * max(map(len, wanted)) + 40
    headings, others = [], []
    for element in head.headings:
        if len(headings) == MAX_HEADLINES:
            break
        text = element.text_content()  # letters and digits are at most the text's length
        if shortest <= len(text) and len(text.strip()) <= longest and \
                (key := _loose(text)) in wanted and not _hidden(element) and \
                not _masthead(text, titles, sites):
            (headings if key in titled else others).append(element)
    found = [_around(heading, True) for heading in headings]
    texts = [text for text in _TEXT_NODES(tree)
             if (text.is_tail or text.getparent().tag not in _INVISIBLE) and text.strip()] \
        if search_texts and len(found) < MAX_HEADLINES else []
    starts: dict[bool, int] = {}
    for i, text in enumerate(texts):
        if shortest <= len(text) and len(text.strip()) <= longest and \
                _loose(text) in wanted and not _masthead(text, titles, sites):
            starts.setdefault(_in_heading(text), i)
            if True in starts:
                break
    for start in (starts[key] for key in (True, False) if key in starts):
        if any(_loose(shown) == _loose(texts[start]) for _, _, shown, _ in found):
            continue  # the heading's own text
        found.append((_near_texts(texts[start + 1:]),
                      list(_counted_before(texts[max(0, start - 4 * MAX_BEFORE):start][::-1],
                                           MAX_BEFORE)),
                      " ".join(texts[start].split()), _loose(texts[start]) in titled))
    if not found and others:
        found.append(_around(others[0], False))
    return found[:MAX_HEADLINES]


def _around(heading, confirmed: bool) -> tuple:
    """A heading's place: the texts under it as far as the dateline is read (see
    :func:`_near_texts`), those over it, nearest first, as they are asked for."""
    return (_near_texts(_texts_after(heading)),
            _counted_before(_texts_before(heading), MAX_BEFORE),
            " ".join(heading.text_content().split()), confirmed)


def _counted_before(texts, count: int):
    """The texts over a headline up to ``count`` of them, a toolbar's links and separators
    (``View all news | Send to a friend | Print``) not counted."""
    for text in texts:
        yield text
        parent = text.getparent() if hasattr(text, "getparent") else None
        if any(ch.isalnum() for ch in text) and (parent is None or parent.tag != "a"
                                                 or text.is_tail):
            count -= 1
            if count <= 0:
                return


def _near_texts(texts) -> list:
    """The texts under a headline that :func:`_short_texts` may read: up to
    :data:`DATELINE_CHARS` characters of short texts and :data:`MAX_SKIPPED` long ones."""
    kept, size, long = [], 0, 0
    for text in islice(texts, MAX_NEAR_TEXTS):
        kept.append(text)
        length = len(" ".join(text.split()))
        if length >= MAX_DATELINE_TEXT:
            long += 1
            if long > MAX_SKIPPED:
                break
        elif (size := size + length) >= DATELINE_CHARS:
            break
    return kept


def _shown_headlines(tree) -> tuple[tuple[str, ...], str | None]:
    """The visible ``h1`` under which the page prints a day or a byline (read as under the
    headline: short texts up to the first long one), and the first byline: a news page's
    headline is one, and its site's logo or a section may be too."""
    headlines, first_byline = [], None
    for count, element in enumerate(tree.iter("h1")):
        if count == 5:
            break
        if _hidden(element):
            continue
        under = _short_texts(_texts_after(element))
        byline = _shown_byline(under)
        if byline or _dateline_day(under):
            if headline := " ".join(element.text_content().split())[:MAX_TITLE]:
                headlines.append(headline)
            first_byline = first_byline or byline
    return tuple(headlines), first_byline


def _short_texts(texts, skip: int = 0) -> list[str]:
    """The texts under a headline where a dateline and a byline are printed: up to
    :data:`DATELINE_CHARS` characters, and not past the first long text (the article's first
    paragraph, or a caption: the byline is above it), or past the first ``skip`` long texts,
    which are left out (a standfirst or a caption between the headline and its dateline)."""
    under, size = [], 0
    for text in texts:
        text = " ".join(text.split())
        if len(text) >= MAX_DATELINE_TEXT:
            skip -= 1
            if skip < 0:
                break
            continue
        size += len(text)
        if size >= DATELINE_CHARS:
            break
        under.append(text)
    return under


def _texts_after(element):
    """The visible texts that follow ``element`` in the page, in order."""
    node = element
    while node is not None and node.tag != "body":
        if node.tail and node.tail.strip():
            yield node.tail
        for sibling in node.itersiblings():
            for event, inner in etree.iterwalk(sibling, events=("start", "end")):  # lazily
                if event == "end":
                    if inner.tail and inner.tail.strip():
                        yield inner.tail
                elif isinstance(inner.tag, str) and inner.tag not in _INVISIBLE and \
                        inner.text and inner.text.strip():
                    yield inner.text
        node = node.getparent()


def _texts_before(element):
    """The visible texts that precede ``element`` in the page, nearest first."""
    node = element
    while node is not None and node.tag != "body":
        for sibling in node.itersiblings(preceding=True):
            texts = []
            for event, inner in etree.iterwalk(sibling, events=("start", "end")):
                if event == "end":
                    if inner.tail and inner.tail.strip():
                        texts.append(inner.tail)
                elif isinstance(inner.tag, str) and inner.tag not in _INVISIBLE and \
                        inner.text and inner.text.strip():
                    texts.append(inner.text)
            yield from reversed(texts)
        node = node.getparent()
        if node is not None and node.tag != "body" and node.text and node.text.strip():
            yield node.text


def _in_heading(text) -> bool:
    parent = text.getparent()
    if text.is_tail:
        parent = parent.getparent()
    for _ in range(3):
        if parent is None:
            return False
        if parent.tag in ("h1", "h2", "h3"):
            return True
        parent = parent.getparent()
    return False


def _dateline_day(under: list[str], head: Head | None = None) -> str | None:
    """The first day written in the texts under the headline, when it is sure (a numeric day,
    ``01/10/2008``, read as the page writes such days, :func:`cleaners.dates.numeric_day`)."""
    return first_day(" ".join(under)[:DATELINE_CHARS], *_order(head))


def _order(head: Head | None) -> tuple:
    return (head.order, head.found.url or head.url, head.latest) if head is not None else ()


def _near_day(after: list, before: list, confirmed: bool, head: Head | None = None
              ) -> str | None:
    """The day the page prints by its headline: the first in the short texts under it; under
    a headline the title sources name (``confirmed``), else a dateline (:func:`dateline_day`)
    past a standfirst or a caption, whose own days are not read, else the nearest dateline in
    the few short texts over it (``Dec 16, 2007 18:22``, then the headline)."""
    under = _short_texts(after)
    if (day := _dateline_day(under, head)) or not confirmed:
        return day
    for text in _short_texts(after, MAX_SKIPPED)[len(under):]:
        if day := dateline_day(text, *_order(head)):
            return day
    for text in before:
        text = " ".join(text.split())
        if len(text) >= MAX_DATELINE_TEXT:
            return None
        if day := dateline_day(text, *_order(head)):
            return day
    return None


def _shown_byline(under: list[str]) -> str | None:
    """The names a text under the headline signs with (``By Jane Doe and John Roe``,
    ``Author: Jane Doe``, ``Posted on August 9, 2012 by Jane Doe``), up to what follows them
    (``on``, ``in`` a category, a dash, a date); a byline split over links (``By``, ``Jane
    Doe``, ``,``, ``John Roe``) is joined."""
    for position, text in enumerate(under[:MAX_UNDER]):
        if not (match := _SIGNED.match(text) or _signed_after_day(text)):
            continue
        words = text[match.end():].strip()
        for following in under[position + 1:position + MAX_UNDER]:
            if words and not _JOIN_END.search(words) and not _JOIN_START.match(following):
                break
            words = f"{words} {following}".strip()
        end = _BYLINE_END.search(words)
        if end:
            words = words[:end.start()]
            if end.group().isdigit():  # "Jane Doe, Fri Dec 28": the day's names go too
                words = _DAY_NAMES_END.sub("", words)
        words = words.strip(" ,&")
        if words[:1].isupper() and len(words) <= MAX_NAME * 2:
            return words
        return None
    return None


def _signed_after_day(text: str) -> re.Match | None:
    """A byline's label after the day or a word saying the story was posted, in one text
    (``Posted on August 9, 2012 by``, ``2012-10-16 by``, ``Posted by``): blogs print the
    byline so, the names in the same text or in a link after it."""
    for match in _SIGNED_WORD.finditer(text, 1, MAX_DATELINE_TEXT):
        lead = _POSTED.sub("", text[:match.start()], count=1)
        if not lead.strip() or (_ONLY_A_DAY.fullmatch(lead) and (
                first_day(lead) or _NUMERIC_DAY.search(lead))):
            return match
        return None
    return None


def _hidden(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return (element.get("hidden") is not None or element.get("aria-hidden") == "true"
            or "display:none" in style or "visibility:hidden" in style
            or bool(_HIDDEN.search(f"{element.get('class') or ''} {element.get('id') or ''}")))


def finish_metadata(head: Head, tree: lxml_html.HtmlElement) -> dict:
    """Add the byline (searched in ``tree``, which this prunes: call it last), weigh every
    source against the others, and return the :class:`~cleaners.document.Document` fields."""
    found = head.found
    edited = bool(head.editors) and _structured_editors(head)
    if edited:  # the byline is searched past what the page calls its editor
        for element in [e for e in _author_elements(tree)
                        if _labelled_editor(e) and e.getparent() is not None]:
            element.getparent().remove(element)
    if (not found.author or edited) and author_search_tree(tree):
        author = extract_metainfo(prune_unwanted_nodes(tree, AUTHOR_DISCARD_XPATHS),
                                  AUTHOR_XPATHS, len_limit=120)
        author = normalize_authors(None, author) if author else None
        if edited:
            head.byline = author
        else:
            found.author = author
    found.clean_and_trim()
    return reconcile(head)


def author_search_tree(tree: lxml_html.HtmlElement) -> bool:
    """Cut ``tree`` down to what trafilatura's author search can use, in place; False when
    nothing is left to search.

    The search keeps the first element its expressions match, pruned of the comment sections,
    sidebars, dates and figures in it, and drops what sits in such a section. So only the
    elements it can match count (:data:`AUTHOR_WORDS`), with everything inside them and the
    elements that hold them; any other branch goes, and the search finds the same author on a
    tree a tenth the size (a page with no such element is not searched at all)."""
    root = tree.getroottree().getroot()  # the expressions search the whole document
    named = _author_elements(root)
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


def _labelled_editor(element) -> bool:
    """Whether the page introduces ``element`` as its editor (``Editor: <a class="author">``):
    an editor is no byline, whatever its class says."""
    previous = element.getprevious()
    before = (previous.tail if previous is not None else element.getparent().text) \
        if element.getparent() is not None else None
    return bool(_EDITOR_BEFORE.search((before or "")[-40:])
                or _EDITOR_LABEL.match(" ".join((element.text or "").split())[:40]))


def _editors(head: Head, page: str | None) -> frozenset:
    """The structured article's people whom the page introduces as its editors (``Editor:
    <a>Jane Doe</a>``, ``Redaktur:``, ``Edited by``), loosely: looked for in the page's source
    where it names them, which is cheaper than a search of every text of the tree."""
    people = _structured_bylines(head)[0]
    editors = set()
    for name in people[:MAX_NAMES] if page else ():
        position = page.find(name)
        for _ in range(MAX_TIMES):
            if position < 0:
                break
            before = html.unescape(_TAG.sub(" ", page[max(0, position - 160):position]))
            if _EDITOR_BEFORE.search(" ".join(before.split())[-40:]):
                editors.add(_loose(name))
                break
            position = page.find(name, position + len(name))
    return frozenset(editors)


def _structured_editors(head: Head) -> bool:
    """Whether every person the structured article names as its author is one the page
    introduces as its editor."""
    people = _structured_bylines(head)[0]
    return bool(people) and all(_edits(person, head.editors) for person in people)


def _edits(name: str, editors: frozenset) -> bool:
    return _loose(name) in editors


def _author_elements(tree) -> list:
    """The elements of ``tree`` that trafilatura's author expressions can match, in document
    order (one loop over the page's elements, not a call for each: a quarter less time)."""
    named = []
    for element in tree.iter(etree.Element):
        for name, value in element.items():
            if name in AUTHOR_ATTRIBUTES and _AUTHOR_WORD.search(value):
                named.append(element)
                break
        else:
            if element.tag in ("author", "rel"):  # rel: as its first expression names it
                named.append(element)
    return named


# --- reconciling the sources -------------------------------------------------------------------
#: Longest headline, name, section, keyword kept; most names and keywords kept.
MAX_TITLE = 300
MAX_NAME = 80
MAX_NAMES = 30
MAX_KEYWORDS = 50
#: Longest page whose whole text is searched for a date (past it, a hostile page's regular
#: expression searches would cost seconds).
MAX_SEARCHED = 1_000_000
#: ``<time>`` elements read per page.
MAX_TIMES = 20
#: Characters of visible text read under the headline for its dateline and byline, and the
#: texts searched there for a byline (a line of labelled fields, ``Date:`` ``November 6, 2012``
#: ``|`` ``Category:`` ``...`` ``|`` ``Author:`` ``Jane Doe``, is ten texts).
DATELINE_CHARS = 300
MAX_UNDER = 10
#: A text this long under the headline is the article's first paragraph, or a caption.
MAX_DATELINE_TEXT = 100
#: Long texts passed over under the headline for its dateline (a standfirst, a caption); texts
#: read under it and over it; headings looked at for the headline.
MAX_SKIPPED = 2
MAX_NEAR_TEXTS = 60
MAX_BEFORE = 3
MAX_HEADINGS = 100
MAX_HEADLINES = 3
#: A visible text this long is a paragraph; the headline over a page's first one is looked for
#: up to so many texts over it, and the first one up to so many texts into the page.
MIN_PARAGRAPH = 150
MAX_BEFORE_BODY = 8
MAX_BODY_SEARCH = 3000
#: Most words of a ``<title>`` taken for a site's name (``Site - Slogan of the Site``).
MAX_SITE_WORDS = 8
BODY_HEADLINE = "heading over the first paragraph (the title names the site only)"
BYLINE_HEADLINE = "text over the byline over the first paragraph (the title names the site only)"
#: Fewest letters and digits a text needs to be taken for the headline.
MIN_HEADLINE_KEY = 12
#: Meta tags that state the publication or modification time, best first.
PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished",
                  "pubdate", "publishdate", "publish-date", "publication_date", "date",
                  "dc.date.issued", "dcterms.issued", "dc.date", "sailthru.date",
                  "parsely-pub-date")
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified",
                 "dcterms.modified", "last-modified")
#: A title source's vote: ``twitter:title`` and ``<title>`` mostly copy ``og:title``, so the
#: three count as two votes, not three, against the JSON-LD headline and the ``h1``.
TITLE_WEIGHTS = {"twitter:title": 0.5, "title": 0.5}
#: ... of which these may also hang a kicker before it (a colon is part of many headlines).
PREFIX_SEPARATORS = "|-–—·•/ㅣ*»«"
#: Title separators: the site habits' and the guillemets, which blogs hang their name on
#: (``Headline « Site``, ``Site » Headline``: WordPress's default); a French quotation's
#: guillemets are a part's own, and only a part that is the site's name is cut at them.
TITLE_SEPARATORS = SEPARATORS + "»«"
#: Class names of headings made for search engines or screen readers only (not "hidden": in
#: utility CSS, ``hidden md:block`` is shown on a desktop).
_HIDDEN = re.compile(r"(?<![a-z])seo|sr-only|visually-?hidden|screen-?reader|off-?screen", re.I)
_TEXT_NODES = etree.XPath("//body//text()")
_INVISIBLE = frozenset({"script", "style", "noscript", "template"})
_NOT_SHOWN = _INVISIBLE | {"title"}
_SEPARATOR = re.compile(f"[{re.escape(TITLE_SEPARATORS)}] ")
#: Words that make a byline name an organisation (an agency, a desk, the site), in the
#: languages of the archive's sites; a word of two to five letters all in capitals (AFP, DPA)
#: or none (an account's handle, ``gto``) too, not a first name (``John``).
_ORGANISATION = re.compile(
    r"\b(press|presse|agency|agentur|agence|agencia|agenzia|news|nachrichten|redaktion|"
    r"r[ée]daction|redazione|redacci[oó]n|staff|team|desk|newsroom|editors?|editorial|wire|"
    r"media|online|zeitung|journal|times|post|tribune|gazette|ltd|limited|inc|llc|gmbh|plc|"
    r"corp|pty|special\s+to|agenturen|agencies)\b|\w\.(?:com|net|org)\b|^red\.?$|"
    r"(?-i:^(?:[A-Z]{2,5}|[a-z]{2,5})$)", re.I)
#: A job's title after a name (``Jane Doe, Product Manager``): no name.
_ROLE = re.compile(r"\b(?:manager|engineer|reporter|writer|correspondent|contributor|columnist|"
                   r"director|producer|intern|analyst)$", re.I)
#: What signs a page but names no one: a form's or a byline's label, an account, a month or
#: a weekday (``Name``, ``Admin``, ``Dec``).
_NO_NAME = re.compile(
    r"(?:names?|authors?|admin|administrator|webmaster|e-?mail|posted|written|anonymous|file|"
    rf"unknown|{WEEKDAYS}|{MONTH_NAMES})\.?", re.I)
#: Where a reporter writes from, after the name (``Jane Doe in Sydney``).
_PLACE = re.compile(r"\s+in\s+[^\W\d_a-z][^,;]*$|\s+(?:in|and|und|et)$|^(?:and|und|et)\s+")
#: An editor's label, in the languages of the archive's sites: a name after it is the editor's.
_EDITOR = (r"(?:(?:editor|redaktur|penyunting|责任编辑|責任編輯)\s*[:：]|"
           r"(?:edited\s+by|editado\s+por|édité\s+par|bearbeitet\s+von)\s*[:：]?)")
_EDITOR_LABEL = re.compile(rf"{_EDITOR}\s*", re.I)
_EDITOR_BEFORE = re.compile(rf"(?<![^\W\d_]){_EDITOR}\s*$", re.I)
_TAG = re.compile(r"<[^>]*>")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
#: The word that puts a byline's names after it, in the languages of the archive's sites.
_BY = r"(?:by|von|par|por|door|av|af|od)"
#: A byline's label: ``By``, ``Von``, ``Par``, ``Author:``, ... then the names.
_SIGNED = re.compile(rf"(?:{_BY}(?:\s*:)?(?=\s|$)|"
                     r"(?:author|autor|auteur|autore|written\s+by)\s*:)\s*", re.I)
#: What joins the names of a byline split over several texts: at the end of one, or as or at
#: the start of the next.
_JOIN_END = re.compile(r"(?:[,&]|(?<![^\W\d_])(?:and|und|et|y|e|og|och|en))$", re.I)
_JOIN_START = re.compile(r"^(?:[,&]|(?:and|und|et|og|och)(?![^\W\d_]))", re.I)
#: What ends a byline's names: ``on`` a day, ``in`` a category, a dash or bar, a date or time,
#: a semicolon.
_BYLINE_END = re.compile(r"\s(?:on|am|le|el|il|em|op|den)(?:\s|$)|\s(?:in|under)$|"
                         r",\s*(?:in|under)\s|\s[Ff]iled\s|\s[-–—|·•/]\s|[|·•;(\d]|\s{2}")
#: What parts a title into the headline and the site's name: separators and brackets.
_TITLE_PARTS = re.compile(r"\s[|–—·•/:»«-]\s|\s\(|\)\s*$|\s[|ㅣ]|[|ㅣ]\s")
#: The same label inside a text; what may come before it: words saying the story was posted,
#: then a day (its numbers, and month's, weekday's and clock's words only).
_SIGNED_WORD = re.compile(rf"(?<![^\W\d_]){_BY}(?:\s*:)?(?=\s|$)\s*", re.I)
_POSTED = re.compile(r"^\W*(?:posted|published|written|submitted|filed|publi[ée]|publicado|"
                     r"ver[öo]ffentlicht|geschrieben)?(?:\s+(?:on|am|le|el|em|op))?\s*", re.I)
_ONLY_A_DAY = re.compile(
    rf"(?:[\W\d_]|(?<![^\W\d_])(?:{WEEKDAYS}|{MONTH_NAMES}"
    r"|at|um|à|a\.?m|p\.?m|[ap]m|st|nd|rd|th|de|of)(?![^\W\d_]))+", re.I)
_NUMERIC_DAY = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_BYLINE_PREFIX = re.compile(rf"^{_BY}\s+(?=\w)", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\s(?:and|AND|und|UND|et|y|og|och|en|e|i)\s)\s*")
#: A month's or a weekday's name ending a byline cut at a day (``Jane Doe, Fri Dec 28``,
#: ``Jane Doe, Monday 5 November``).
_DAY_NAMES_END = re.compile(
    rf"(?:[\s,]+{WEEKDAYS}\.?)?[\s,]+(?:{MONTH_NAMES})"
    r"\.?\s*$|[\s,]+(?:mon|tues|wednes|thurs|fri|satur|sun)day\s*$", re.I)
#: A name written as a URL's slug (``chuck-ross``).
_SLUG = re.compile(r"^[^\W\d_A-Z]+(?:-[^\W\d_A-Z]+)+$")
_HANDLE = re.compile(r"\s*\([^()]{1,20}\)$")


def reconcile(head: Head) -> dict:
    """Each field from its best source (the order is in each function below); ``sources``
    says which, and which other sources disagreed."""
    found, data = head.found, head.structured
    article = data.article or {}
    sources: dict[str, str] = {}
    publisher, publisher_source = _publisher(data, found)
    sites = _site_keys(publisher, found.sitename, data.meta.get("og:site_name"), head.url)
    people, credits, names_source = _names(head, sites)
    title, title_source = _title(head, sites)
    published, published_source = _published(head)
    modified, modified_source = _modified(head)
    # a page that shows only its update is dated by it, unless its address carries the day it
    # first appeared (/2019/11/8/): re-dated guides keep one URL, updated stories the first day
    if head.shown and modified and published and url_day(head.url) != published[:10]:
        published, published_source = _shown_date(published, published_source, modified,
                                                  modified_source, head.shown)
    published, published_source = _local_time(published, published_source, head)
    shown = head.dateline if not modified or head.dateline != modified[:10] else None
    # where another copy of the headline prints the markup's day, the first copy's day is a
    # masthead's (the day of the crawl, over a menu that repeats the headline)
    if published and published[:10] in head.datelines:
        shown = None
    day, published_source = publication_day(published, published_source, found.date,
                                            domain_country(head.url), shown)
    if modified and published and modified[:10] < published[:10]:
        modified = None  # a page "modified" before it was published is wrong about one of them
    section, section_source = _first_text(
        [(f"{data.source} articleSection", article.get("articleSection")),
         ("article:section", data.meta.get("article:section")),
         ("parsely-section", data.meta.get("parsely-section"))])
    keywords, keywords_source = _keywords(data)
    image, image_source = _first_text(
        [(f"{data.source} image", _image(article.get("image"))),
         ("og:image", data.meta.get("og:image")),
         ("twitter:image", data.meta.get("twitter:image"))])
    kind = next((k for k in types(article) if is_article({"@type": k})), None)
    kind_source = f"{data.source} @type" if kind else ""
    if not kind and data.meta.get("og:type"):
        kind, kind_source = data.meta["og:type"][:40], "og:type"
    free = _boolean(article.get("isAccessibleForFree"))
    for name, source in (("title", title_source), ("authors", names_source),
                         ("published", published_source), ("modified", modified_source),
                         ("section", section_source), ("keywords", keywords_source),
                         ("image", image_source), ("article_type", kind_source),
                         ("publisher", publisher_source),
                         ("free", f"{data.source} isAccessibleForFree" if free is not None
                          else "")):
        if source:
            sources[name] = source
    return {"title": title, "author": "; ".join(people + credits) or None,
            "authors": tuple(people), "credits": tuple(credits),
            "published": day, "published_at": published,
            "modified": modified, "sitename": found.sitename, "publisher": publisher,
            "canonical_url": found.url, "description": found.description,
            "section": section, "keywords": keywords, "image": image, "article_type": kind,
            "free": free, "metadata_sources": tuple(sources.items())}


def _published(head: Head) -> tuple[str | None, str]:
    """The structured article's ``datePublished``, then the meta tags, then the ``WebPage``'s,
    then the article's ``dateCreated``, then the dateline, then htmldate's reading of the page
    (its markup, its URL, and its text when nothing else dates it). A value that reads two ways
    (``08/09/2012``) is read as the dateline writes one of them."""
    data = head.structured
    article = data.article or {}
    ranked = [(f"{data.source} datePublished", article.get("datePublished"))]
    ranked += [(name, data.meta.get(name)) for name in PUBLISHED_META]
    ranked += [("json-ld WebPage datePublished", (data.page or {}).get("datePublished")),
               (f"{data.source} dateCreated", article.get("dateCreated")),
               ("dateline", head.dateline), ("htmldate", head.found.date)]
    moment, source = _first_time(ranked, head)
    read = source.removesuffix(" (day read by htmldate)")
    if head.dateline and moment and read != source and moment != head.dateline and \
            head.dateline in shown_days(jsonld_text(dict(ranked)[read]) or ""):
        return head.dateline, f"{read} (read as the dateline writes it)"  # 08/09/2012
    return moment, source


def _modified(head: Head) -> tuple[str | None, str]:
    data = head.structured
    return _first_time(
        [(f"{data.source} dateModified", (data.article or {}).get("dateModified"))]
        + [(name, data.meta.get(name)) for name in MODIFIED_META]
        + [("json-ld WebPage dateModified", (data.page or {}).get("dateModified"))], head)


def _visible_text(head: Head, tree) -> str:
    """The page's visible text, when the markup gives a publication and a modification time on
    different days (only then is it asked which one the page shows)."""
    published, modified = _published(head)[0], _modified(head)[0]
    if not published or not modified or published[:10] >= modified[:10]:
        return ""
    return " ".join(text for text in _TEXT_NODES(tree)
                    if text.is_tail or text.getparent().tag not in _INVISIBLE)[:MAX_SEARCHED]


def _shown_date(published: str, published_source: str, modified: str, modified_source: str,
                shown: str) -> tuple[str, str]:
    """A page re-dated (an evergreen guide, a test updated each year) shows its readers the day
    it was modified and not the day its markup says it was first published: the text archived
    is the one of the day it shows."""
    days = shown_days(shown)
    if modified[:10] in days and published[:10] not in days:
        return modified, f"{modified_source} (shown; {published_source} is not)"
    return published, published_source


def _local_time(moment: str | None, source: str, head: Head) -> tuple[str | None, str]:
    """A time given in UTC, as the page's ``<time>`` shows the same instant in its own offset
    (``2023-11-09T02:11:03Z`` is ``2023-11-08T21:11:03-05:00`` in the article header), to the
    minute (a ``<time>`` may drop the seconds)."""
    if not moment or not moment.endswith("Z"):
        return moment, source
    instant = datetime.fromisoformat(moment)
    for value in head.times:
        local = timestamp(value)
        if local and len(local) > 10 and not local.endswith("Z"):
            stamp = datetime.fromisoformat(local)
            if stamp.tzinfo is not None and abs((stamp - instant).total_seconds()) < 60:
                return local, f"{source} (UTC; offset: <time>)"
    return moment, source


def _first_time(ranked, head: Head) -> tuple[str | None, str]:
    """The first source's time; a value that is not ISO 8601 (``Tue, Sep 15 2020 10:01:41
    EDT``) gives its day, as htmldate reads it (a zone's abbreviation names no sure offset),
    a numeric one (``08/09/2012 4:03 pm``) as the page writes such days."""
    for source, value in ranked:
        text = jsonld_text(value)
        if (moment := timestamp(text)) is not None:
            return moment, source
        if text and len(text) <= 64 and (day := try_date_expr(
                text, "%Y-%m-%d", False, datetime(YEARS[0], 1, 1), datetime(YEARS[1], 1, 1))):
            return reread_day(day, text, *_order(head)), f"{source} (day read by htmldate)"
    return None, ""


def _first_text(ranked) -> tuple[str | None, str]:
    for source, value in ranked:
        if (text := jsonld_text(value)) is not None:
            return _clean(text)[:MAX_TITLE], source
    return None, ""


def _clean(text: str) -> str:
    return " ".join(html.unescape(text).split())


def _loose(text: str | None) -> str:
    return "".join(filter(str.isalnum, (text or "").casefold()))


def _image(value):
    if isinstance(value, list):
        value = value[0] if value else None
    return value.get("url") or value.get("contentUrl") if isinstance(value, dict) else value


def _boolean(value) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def _keywords(data: Structured) -> tuple[tuple[str, ...], str]:
    """The article's ``keywords`` (a list, or one comma-separated string), else its
    ``article:tag`` meta tags, else ``news_keywords`` or ``keywords``."""
    ranked = [(f"{data.source} keywords", (data.article or {}).get("keywords")),
              ("article:tag", data.tags), ("news_keywords", data.meta.get("news_keywords")),
              ("keywords", data.meta.get("keywords"))]
    for source, value in ranked:
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list):
            continue
        words = _unique(_clean(w)[:MAX_NAME] for w in value[:MAX_KEYWORDS * 4]
                        if isinstance(w, str) and w.strip())
        if words:
            return tuple(words[:MAX_KEYWORDS]), source
    return (), ""


def _unique(items) -> list[str]:
    seen, kept = set(), []
    for item in items:
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            kept.append(item)
    return kept


# --- the publisher and the byline ----------------------------------------------------------------
def _publisher(data: Structured, found) -> tuple[str | None, str]:
    article = data.article or {}
    publisher = data.resolve(article.get("publisher"))
    if isinstance(publisher, list) and publisher:
        publisher = data.resolve(publisher[0])
    name = publisher.get("name") if isinstance(publisher, dict) else publisher
    return _first_text([(f"{data.source} publisher", name),
                        ("og:site_name", data.meta.get("og:site_name")),
                        ("trafilatura sitename", found.sitename)])


def _site_keys(*names) -> set[str]:
    """The site's names, loosely (lower case, letters and digits only): the publisher's, the
    site name, and the URL's host with and without its suffix (``orfat``, ``orf``), and its
    name under a country's suffix (``pocketlint`` of ``pocket-lint.co.uk``) when that is six
    letters or more (a shorter one, ``news`` of ``news.com.au``, is in too many names)."""
    keys = {_loose(n) for n in names[:-1] if n}
    url = names[-1]
    if url and "//" in url:
        host = url.split("/")[2].split(":")[0].lower().removeprefix("www.")
        keys |= {_loose(host), _loose(host.rsplit(".", 1)[0])}
        labels = host.split(".")
        if len(labels) > 2 and labels[-2] in _SECOND_LEVEL and len(_loose(labels[-3])) >= 6:
            keys.add(_loose(labels[-3]))
    return keys - {""}


#: The generic labels under a country's suffix (``.co.uk``, ``.com.au``, ``.ne.jp``).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "or", "ne", "go", "gv"})


def _names(head: Head, sites: set[str]) -> tuple[list[str], list[str], str]:
    """People and credits (agencies, desks, the site): the structured article's ``author``
    (people by their type, organisations as credits), else the byline printed under the
    headline, else the meta tags and the byline that trafilatura found. A structured author
    the page introduces as its editor (``Editor:``) gives way to the visible byline, when the
    page has one."""
    data = head.structured
    people: list[str] = []
    credits: list[str] = []
    _structured_names(head, people, credits, sites)
    source = f"{data.source} author" if people or credits else ""
    if people and head.signed and _handles(head):
        signed: list[str] = []
        _sort(head.signed, signed, credits, sites, False)
        if signed:
            people, source = signed, f"byline under the headline ({source}: an account's handle)"
    if people and head.byline and all(_edits(person, head.editors) for person in people):
        signed: list[str] = []
        for name in head.byline.split("; ")[:MAX_NAMES * 4]:
            _sort(name, signed, credits, sites, False)
        if signed := [name for name in signed if not _edits(name, head.editors)]:
            people, source = signed, f"trafilatura byline ({source}: an editor)"
    if head.shown_byline and (credits or people):
        shown: list[str] = []
        _sort(head.shown_byline, shown, [], sites, False)
        keys = {_loose(name) for name in shown}
        if len(shown) > len(people) and all(_loose(name) in keys for name in people):
            people, source = shown, f"byline under the headline ({source} names fewer)"
    if not people and head.signed:  # the markup names an organisation or no one
        _sort(head.signed, people, credits, sites, False)
        if people or (credits and not source):
            source = "byline under the headline" + (f" ({source} names no person)"
                                                    if source else "")
    if not people and not credits and not head.found.author and head.shown_byline:
        # no headline the title sources name: the byline under a dated or signed h1
        _sort(head.shown_byline, people, credits, sites, False)
        source = "byline under an h1" if people or credits else ""
    if head.found.author:
        found_people: list[str] = []
        for name in head.found.author.split("; ")[:MAX_NAMES * 4]:
            _sort(name, found_people, credits, sites, False)
        if not people:
            people = found_people
        source = source or ("trafilatura byline" if people or credits else "")
    if not people and not credits and head.over_body:
        _sort(head.over_body, people, credits, sites, False)
        source = "byline over the first paragraph" if people or credits else ""
    people, credits = _unique(people), _unique(credits)
    return people[:MAX_NAMES], credits[:MAX_NAMES - min(len(people), MAX_NAMES)], source


def _handles(head: Head) -> bool:
    """Whether every name the structured article gives its author is written as an account's
    handle (``kevin-r``): the user who filed the story in the site's system, where the page
    prints another byline."""
    entries = (head.structured.article or {}).get("author")
    entries = entries if isinstance(entries, list) else [entries] if entries else []
    names = []
    for entry in entries[:MAX_NAMES]:
        entry = head.structured.resolve(entry)
        name = entry.get("name") if isinstance(entry, dict) else entry
        if isinstance(name, str):
            names.append(name.strip())
    return bool(names) and all(_SLUG.match(name) for name in names)


def _structured_names(head: Head, people: list, credits: list, sites: set[str]) -> None:
    data = head.structured
    entries = (data.article or {}).get("author")
    entries = entries if isinstance(entries, list) else [entries] if entries else []
    for entry in entries[:MAX_NAMES * 4]:
        entry = data.resolve(entry)
        if isinstance(entry, dict):
            kinds = types(entry)
            name = entry.get("name") or entry.get("byline") or " ".join(
                part for part in (entry.get("givenName"), entry.get("familyName"))
                if isinstance(part, str))
            organisation = kinds and "Person" not in kinds
            _sort(name, people, credits, sites, organisation)
        else:
            _sort(entry, people, credits, sites, False)


def _sort(name, people: list, credits: list, sites: set[str], organisation: bool) -> None:
    """File one byline entry: an organisation's name, the site's or one naming the site
    (``Le Figaro et AFP``) is a credit, as printed; a person's is split into names."""
    if not isinstance(name, str) or len(name) > MAX_NAME * 4:
        return
    name = _HANDLE.sub("", _BYLINE_PREFIX.sub("", _clean(name)))
    if _SLUG.match(name):
        name = name.replace("-", " ").title()
    if not _usable(name, len(_NAME_SPLIT.findall(name)) + 1):  # several names, several limits
        return
    key = _loose(name)
    if organisation or key in sites or any(len(site) > 3 and site in key for site in sites):
        credits.append(name)
        return
    for index, part in enumerate(_NAME_SPLIT.split(name)):
        part = _PLACE.sub("", _HANDLE.sub("", part.strip()))
        if not _usable(part) or _NO_NAME.fullmatch(part):
            continue
        if _ORGANISATION.search(part) or _loose(part) in sites:
            credits.append(part)
        elif index == 0 or not _ROLE.search(part):  # a title after a name is no name
            people.append(part)


def _usable(name: str, names: int = 1) -> bool:
    return (0 < len(name) <= MAX_NAME * names and any(ch.isalpha() for ch in name)
            and "://" not in name and "@" not in name and len(name.split()) <= 6 * names)


# --- the headline -------------------------------------------------------------------------------
def _title(head: Head, sites: set[str]) -> tuple[str | None, str]:
    """The headline the page's sources agree on. Each source gives one text (the JSON-LD
    ``headline``, ``og:title``, ``twitter:title``, the visible ``h1``, the ``<title>``); a text
    that holds another one plus a separated part (``Headline | Site``, ``Kicker: Headline``)
    or that another one cuts short (``Headline…``) counts for that one. The text most sources
    give wins; a tie goes to the better source, in the order above, unless the two tied texts
    are one headline behind different kickers: then that headline wins. A page whose ``h1`` is
    hidden (or missing) offers its first ``h2`` that agrees with another source instead."""
    data = head.structured
    offered = [("json-ld headline", jsonld_text((data.article or {}).get("headline"))),
               ("og:title", data.meta.get("og:title")),
               ("twitter:title", data.meta.get("twitter:title")),
               ("title", head.page_title)]
    texts = [(source, _clean(text)[:MAX_TITLE]) for source, text in offered if text]
    texts = [(source, text) for source, text in texts if text]
    if not texts and head.found.title:
        texts = [("trafilatura title", _clean(head.found.title)[:MAX_TITLE])]
    others = [text for _, text in texts]
    if [source for source, _ in texts] == ["title"]:  # a blog's <title>: ``Blog » Post``?
        for heading in head.headlines:
            if post := _blog_post(heading, others, head):
                return post, "h2 (the title hangs it after the site's name, the h1)"
    # a heading that names only the site's part of a title is the masthead, no vote for it
    mastheads = {h for h in head.headlines or head.subheads if _masthead(h, others, sites)}
    agreeing = (h for h in head.headlines or head.subheads if h not in mastheads
                and any(h == o or _stands_for(o, h) or _stands_for(h, o) for o in others))
    headline = next(agreeing, next((h for h in head.headlines
                                    if len(h.split()) >= 3 and h not in mastheads), None))
    if headline:
        texts.insert(3, ("h1" if head.headlines else "h2", headline))
    if not texts:
        return _over_the_text(head, sites) or (None, "")
    votes = _votes(texts, {})
    if max(map(_weight, votes.values())) < 2:  # no two agree: do two share a headline?
        votes = _votes(texts, _shared_headlines([text for _, text in texts]))
    order = [source for source, _ in texts]
    ranked = sorted(votes, key=lambda text: (-_weight(votes[text]),
                                             order.index(votes[text][0])))
    best, note = ranked[0], ""
    if len(ranked) > 1 and _weight(votes[ranked[1]]) == _weight(votes[best]):
        shared = _shared_headlines([best, ranked[1]]).get(best)
        if shared:  # two kickers, one headline
            votes[shared] = sorted(votes[best] + votes.pop(ranked[1]), key=order.index)
            best, note = shared, "kickers differ"
    if head.shown_title and _loose(head.shown_title) in {
            _loose(part) for part in _TITLE_PARTS.split(best) if part.strip() != best}:
        return head.shown_title, f"{', '.join(votes[best])} (the part the page shows)"
    if body := _over_the_text(head, sites):
        return body
    named = [_strip_site(text, sites) for source, text in texts if source not in ("h1", "h2")]
    shown = next((h for h in head.shown_headlines if _names_shown(h, named, sites)), None)
    if shown and _loose(shown) != _loose(_strip_site(best, sites)):
        differs = [source for source, text in texts if _loose(shown) != _loose(text)
                   and not _stands_for(text, shown)]
        return shown, f"h1 (dated or signed under it; {', '.join(differs)} differ)"
    differs = [source for source in order if source not in votes[best]]
    notes = [note] if note else []
    if differs:
        notes.append(f"{', '.join(differs)} differ{'s' * (len(differs) == 1)}")
    note = f" ({'; '.join(notes)})" if notes else ""
    return _strip_site(best, sites), ", ".join(votes[best]) + note


def _over_the_text(head: Head, sites: set[str]) -> tuple[str, str] | None:
    """The heading over the first paragraph, or the text over the byline over it, on a page
    whose ``<title>`` names only the site, with its source."""
    for body, source in ((head.body_headline, BODY_HEADLINE),
                         (head.byline_headline, BYLINE_HEADLINE)):
        if body and _loose(body) not in sites and _site_only(head.page_title, body, sites):
            return body, source
    return None


def _site_only(title: str | None, body: str, sites: set[str]) -> bool:
    """Whether the ``<title>`` leaves the headline to the heading over the first paragraph: it
    is missing, only the site's name, holds that heading (``Site - Headline``), or is short and
    shares none of its words (a site's or a section's name: ``580 CFRA - News Talk Radio``,
    ``Nation & World``)."""
    if not title or _loose(_strip_site(title, sites)) in sites or _loose(body) in _loose(title):
        return True
    words = {_loose(word) for word in body.split()} - {""}
    return len(title.split()) <= MAX_SITE_WORDS and \
        not words & {_loose(word) for word in title.split()}


def _names_shown(shown: str, others: list[str], sites: set[str]) -> bool:
    """Whether the other title sources name the shown headline: at least half of its words
    are theirs (a logo, a section or a widget above a dateline shares none, or is the site's
    name: the site, or a shorter part of a title, ``Headline - Site``)."""
    key = _loose(shown)
    if key in sites or _masthead(shown, others, sites):
        return False
    for text in others:
        parts = [part for part in _TITLE_PARTS.split(text) if part]
        if len(parts) > 1 and any(_loose(part) == key for part in parts
                                  if len(part) < max(map(len, parts))):
            return False
    words = {_loose(word) for word in shown.split()} - {""}
    theirs = {_loose(word) for text in others for word in text.split()}
    return bool(words) and 2 * len(words & theirs) >= len(words)


def _masthead(heading: str, titles: list[str], sites: set[str]) -> bool:
    """Whether ``heading`` names only the site's part of a title: it is the masthead (``The
    Valley Courier Online`` over ``Headline | The Valley Courier``), not the headline. A
    site's part is a title's first or last part, shorter than its longest, that holds a name of
    the site (a title's first part is as often a short headline: ``Hanna i Uddevalla försvunnen
    – polisen ber om tips``); half the heading's words or more are that part's, and none of the
    rest are the other parts'."""
    words = _words(heading)
    for title in titles if words else ():
        parts = [part for part in _TITLE_PARTS.split(title) if part and part.strip()]
        if len(parts) < 2:
            continue
        longest = max(map(len, parts))
        for index in sorted({0, len(parts) - 1}):
            part, key = parts[index], _loose(parts[index])
            if len(part) >= longest or not any(len(site) > 3 and site in key
                                               for site in sites):
                continue
            own = _words(part)
            rest = {word for other in parts[:index] + parts[index + 1:] for word in _words(other)}
            if 2 * len(words & own) >= len(words) and not (words - own) & rest:
                return True
    return False


def _blog_post(heading: str, titles: list[str], head: Head) -> str | None:
    """The post's title, when ``heading`` is a blog's name that a title hangs it after (``Blog
    » Post``, as blog themes write their ``<title>``): the longer part, shown as a heading of
    its own below the blog's name (the blog's name the ``h1``, the post's an ``h2``; a site's
    name shown over an ``h1`` headline, ``Headline | Site``, is not)."""
    rests = [title[len(heading):].lstrip() for title in titles if title.startswith(heading)]
    rests = [rest[1:].strip() for rest in rests if rest[:1] in TITLE_SEPARATORS]
    rests = {_loose(rest) for rest in rests if len(rest) > len(heading)}
    below = False
    for element in head.headings if rests else ():
        text = " ".join(element.text_content().split())[:MAX_TITLE]
        if element.tag == "h1":
            below = below or text == heading
        elif below and _loose(text) in rests:
            return text
    return None


def _words(text: str) -> set[str]:
    return {_loose(word) for word in text.split()} - {""}


def _canonical(text: str, others: list[str]) -> str:
    """The text ``text`` stands for among ``others``: itself, or (in steps) the text it hangs
    a separated part on, or the text it cuts short."""
    for _ in range(len(others)):
        step = next((o for o in others if o != text and _stands_for(text, o)), None)
        if step is None:
            break
        text = step
    return text


def _votes(texts: list, shared: dict) -> dict[str, list[str]]:
    """The sources behind each text the title sources stand for (spelled as the best source
    that gives it spells it)."""
    votes: dict[str, list[str]] = {}
    spelling: dict[str, str] = {}
    others = [other for _, other in texts]
    for source, text in texts:
        core = shared.get(text) or _canonical(text, others)
        votes.setdefault(spelling.setdefault(_loose(core), core), []).append(source)
    return votes


def _weight(sources: list[str]) -> float:
    return sum(TITLE_WEIGHTS.get(source, 1) for source in sources)


def _shared_headlines(texts: list[str]) -> dict[str, str]:
    """The headline two texts share behind different kickers (``Kicker one: Headline``,
    ``Kicker two - Headline``), when it is at least 20 characters long, by text."""
    shared = {}
    for first in texts:
        tails = [first[m.end():] for m in _SEPARATOR.finditer(first) if len(first) - m.end() >= 20]
        for second in texts:
            tail = next((t for t in tails if second != first and second.endswith(" " + t)
                         and second[:-len(t)].rstrip()[-1:] in TITLE_SEPARATORS), None)
            if tail:
                shared[first] = shared[second] = tail
    return shared


def _stands_for(text: str, other: str) -> bool:
    """``text`` is ``other`` with a part hung on by a separator (``Kicker: other | Site``), or
    ``other`` cut short (at least 20 characters of it, the cut inside a sentence, not before a
    day: ``Headline 29 August, 2011`` is a heading with its dateline). The last part of a text
    is the headline only when it is the longer one: in ``Headline | Site`` the site's name (an
    ``h1`` on many blogs) is not."""
    if len(other) < 8:
        return False
    position = text.find(other)
    if position >= 0 and len(other) < len(text):
        before, after = text[:position].rstrip(), text[position + len(other):].lstrip()
        return ((not before or (before[-1] in PREFIX_SEPARATORS
                                and (bool(after) or len(other) > len(before))))
                and (not after or after[0] in TITLE_SEPARATORS))
    short = text.rstrip(".… ")
    rest = other[len(short):].lstrip() if other.startswith(short) else ""
    return len(short) >= 20 and bool(rest) and rest[0] not in TITLE_SEPARATORS \
        and not _dateline_day([rest])


def _strip_site(title: str, sites: set[str]) -> str:
    """A title without the site's name hung on its end or its start (``Headline | Site``)."""
    for cut in range(len(title) - 1, 0, -1):
        if title[cut] in TITLE_SEPARATORS and title[cut - 1] == " " and \
                _loose(title[cut:]) in sites:
            return title[:cut].rstrip()
    for cut in range(1, len(title)):
        if title[cut - 1] in TITLE_SEPARATORS and title[cut:cut + 1] == " " and \
                _loose(title[:cut]) in sites:
            return title[cut:].lstrip()
    return title
