"""The page's metadata: trafilatura's own metadata steps, run on the tree the cleaner already
holds, weighed against the page's structured data (:mod:`cleaners.structured`) and its visible
headline, field by field, each field saying where it came from (``Document.metadata_sources``).

``bare_extraction(with_metadata=True)`` spends more on metadata than on the text of a typical
page: its author search copies the whole tree (to prune it), and it collects categories, tags
and a licence the archive does not store. Here the steps the archive needs run in the same order,
and the author search runs last, on the tree the cleaner has finished with, so it needs no copy.

This module reads the page (:func:`head_metadata`, before the tree is pruned: the head, the
headline's places, the dateline) and reconciles every field (:func:`reconcile`, which chooses the
date); the authors are read by :mod:`cleaners.bylines`, the headline by :mod:`cleaners.headlines`.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from functools import cache
from html import unescape
from itertools import islice
from urllib.parse import urljoin, urlsplit

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

from cleaners.bylines import (
    AUTHOR_WORD,
    POSTED_BY,
    Held,
    about_author,
    author_elements,
    author_search_tree,
    classed_byline,
    dated_byline,
    foot_signature,
    guest_byline,
    handles_only,
    id_byline,
    in_comments,
    labelled_editor,
    lead_texts,
    marked_byline,
    names_of,
    page_editors,
    posted_byline,
    shown_byline,
    signed_after_day,
    structured_bylines,
    structured_editors,
    wire_credit,
)
from cleaners.dates import (
    WEEKDAYS,
    YEARS,
    clock_in_utc,
    date_languages,
    dateline_day,
    days_apart,
    domain_country,
    first_day,
    near_url_month,
    numeric_order,
    page_years,
    printed_clock,
    publication_day,
    release_day,
    reread_day,
    short_year_dateline,
    shown_days,
    starts_with_day,
    timestamp,
    unzoned_day_off,
    url_day,
    written,
    written_short,
    year_of,
    yearless,
)
from cleaners.head import (
    DATELINE_CHARS,
    MAX_DATELINE_TEXT,
    MAX_KEYWORDS,
    MAX_NAME,
    MAX_TIMES,
    MAX_TITLE,
    MAX_UNDER,
    SIGNED,
    Head,
    clean,
    heading_words,
    loose,
    unique,
)
from cleaners.headlines import (
    MORE_PARTS,
    TITLE_PARTS,
    bold_line,
    heading_text,
    line_titled,
    masthead,
    site_only,
    strip_site,
    title_of,
)
from cleaners.structured import Structured, is_article, jsonld_text, read_structured, types

LOGGER = logging.getLogger(__name__)
#: News pages state their date in markup; a search of the whole text costs more than it finds.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


def head_metadata(tree: lxml_html.HtmlElement, url: str | None, page: str | None = None,
                  latest: str | None = None) -> Head:
    """Everything but the byline, without touching the tree (run it before pruning);
    ``page``, the page's text, is searched for a date when its markup states none; ``latest``,
    the last day the page can print (the day after it was fetched), reads a numeric day."""
    found = examine_meta(tree)
    one_word = None
    if found.author and " " not in found.author:
        # a one-word "author" meta is a site or a handle: no byline, a credit if the site's
        one_word, found.author = found.author.lstrip("@")[:MAX_NAME], None
    try:
        found = extract_meta_json(tree, found)
    except Exception as error:  # noqa: BLE001 - trafilatura's JSON-LD reader has known bugs
        LOGGER.debug("JSON-LD metadata unreadable: %s", error)
    found.title = found.title or extract_title(tree)
    found.url = found.url or extract_url(tree, url or None)
    if not found.sitename and (named := extract_sitename(tree)) and len(named.split()) == 1:
        # trafilatura's site name from the <title> is its first part with a dot (``Site.com``);
        # a part of several words is a headline with one (``U.S. ...``, ``... 21times.org``)
        found.sitename = named
    if found.sitename:
        found.sitename = found.sitename.lstrip("@")
        if found.sitename and "." not in found.sitename and not found.sitename[0].isupper():
            found.sitename = found.sitename.title()
    elif found.url and (match := META_URL.match(found.url)):
        found.sitename = match[1]
    headlines, subheads, times, headings = _headings_and_times(tree)
    found.title = _undated_title(found.title, headings)
    # the page's texts, read once for every search below that walks them all
    texts = cache(lambda: _TEXT_NODES(tree))
    title = tree.find("head/title")
    if title is None and not found.title:  # a page broken before its <title> has it in the body
        title = next(tree.iter("title"), None)
    head = Head(found, read_structured(tree, url), headlines, url,
                clean(title.text_content())[:MAX_TITLE] if title is not None else None,
                () if headlines else tuple(subheads), tuple(times), headings=tuple(headings))
    undated = _published(head)[1] in ("htmldate", "")
    if not undated:  # read before how the page writes a numeric day is known, as it was
        head.shown = _visible_text(head, tree)
    # how the page writes a numeric day (01/10/2008), asked only of a page that writes one
    language = tree.get("lang") or head.structured.meta.get("og:locale")
    order = cache(lambda year, dotted: numeric_order(
        page or "", found.url or url, language, year, "." if dotted else "/"))
    head.order = lambda year, separator="/": order(year, separator == ".")  # "/" reads as "-"
    head.latest = latest
    head.one_word_author = one_word
    head.editors = page_editors(head, page)
    # no person (an organisation is no byline), or only accounts' handles
    unsigned = not structured_bylines(head)[0] or handles_only(head)
    untitled = not (jsonld_text((head.structured.article or {}).get("headline"))
                    or head.structured.meta.get("og:title"))
    # the headline's heading is looked for on every page (its dateline may correct the
    # markup's day); the page's texts are searched for it only when a field needs the page
    around = _around_headlines(texts, head, undated or unsigned or untitled)
    # the heading over the first paragraph, when no other text shown is one the title names;
    # where it is the headline (the <title> names only the site), its dateline and byline are
    # read first
    title_key = loose(head.page_title)
    named = {key for key, titled in ((loose(shown), titled) for _, _, shown, titled in around)
             if titled or (len(key) >= MIN_HEADLINE_KEY and key in title_key)}
    over = _over_body(tree) if untitled else None
    body = _body_headline(over)
    if body and named <= {loose(body[0])}:
        head.body_headline = body[0]
        sites = _site_keys(found.sitename, head.structured.meta.get("og:site_name"), url)
        if site_only(head.page_title, body[0], sites) and loose(body[0]) not in sites and \
                not any(confirmed for *_, confirmed in around):
            around = [_around(body[1], False), *around][:MAX_HEADLINES]
    if not body and untitled and not headlines and not subheads and \
            _site_named(head.page_title, found.title, found.sitename, head) and \
            (body := _named_headline(tree)):
        # no title source but the site's name: the headline is in the markup's names alone
        head.named_headline = body[0]
        around = [_around(body[1], False), *around][:MAX_HEADLINES]
    if not body and not headlines and (line := bold_line(over)) and \
            not _printed_unlinked(texts, named - {loose(line[0])}):
        # no heading over the first paragraph nor an h1: the line printed bold over it, unless
        # the page prints a text the title names outside a link (a menu's item is a section's)
        head.line_headline = line[0]
        sites = _site_keys(found.sitename, head.structured.meta.get("og:site_name"), url)
        if line_titled(head.page_title, line[0], sites) and loose(line[0]) not in sites and \
                not any(confirmed for *_, confirmed in around):
            around = [_around(line[1], False), *around][:MAX_HEADLINES]
    guessed = None  # htmldate's day, a month's first day that it may have guessed too
    datelines = tuple(filter(None, (_near_day(after, before, confirmed, head)
                                    for after, before, _, confirmed in around)))
    # no day by the headline of an undated page: one a label prints anywhere (``Published:``)
    labelled = _labelled_day(texts, head) if undated and not datelines else None
    # nor a label: the day printed right before a byline, anywhere (``March 3rd, 2008 By:``)
    signed_day = _signed_day(texts, head) if undated and not datelines and not labelled \
        else None
    # htmldate's day, where a field may depend on it (:func:`_htmldate_asked`)
    if _htmldate_asked(head, undated, next(iter(datelines), labelled or signed_day)):
        # let the texts go first: thousands of strings, each holding its element, slow
        # htmldate's garbage collections (its search was a tenth slower on old pages)
        texts.cache_clear()
        # no structured date: only then is the whole page worth a search, scripts and all (the
        # tree has none of them); htmldate's reading of the tree is the date when that search
        # finds none, and the one weighed against a modification time for the day the page shows
        searched = _find_date(page, language, extensive_search=True, original_date=True,
                              url=found.url) if page and len(page) <= MAX_SEARCHED and undated \
            else None
        if searched and written(searched, " ".join(_COMMENT.findall(page))):
            # a day the page's comments write is a template's or a tool's note (``$DateTime:
            # 2005/12/15 $``, ``changed - NW 18/05/2006``), the template edited before the
            # article: a later day found where trafilatura looks (the tree, without comments)
            # is the page's
            shown = _find_date(tree, language, **{**set_date_params(True), "url": found.url})
            searched = shown if shown and shown > searched else searched
        if not searched or _modified(head)[0]:
            found.date = find_date(tree, **{**set_date_params(False), **DATE_PARAMS,
                                             "url": found.url})
        if undated:
            head.shown = _visible_text(head, tree)
        found.date = searched or found.date
        if undated and found.date and page:
            found.date = reread_day(found.date, page[:MAX_SEARCHED], *_order(head))
            guessed = found.date
            if found.date.endswith("-01") and not written(
                    found.date, f"{found.url or url or ''} {unescape(page[:MAX_SEARCHED])}"):
                found.date = None  # a month's or a year's first day: htmldate's guess
    else:
        found.date = None
    head.datelines = datelines
    head.dateline = next(iter(head.datelines), None)
    if undated and head.dateline and _another_day(head.dateline, found, head.times, url):
        head.dateline = None
    stated = _published(head)[0] if head.dateline and not undated else None
    if stated and len(stated) > 10 and stated[:10] != head.dateline:
        # the clock and zone printed with the dateline, weighed against a markup time of
        # another day (:func:`cleaners.dates.clock_in_utc`)
        head.printed = next(filter(None, (
            printed_clock(" ".join(_short_texts(after, MAX_SKIPPED)), head.dateline,
                          *_order(head)) for after, *_ in around)), None)
    if labelled and not _another_day(labelled, found, head.times, url):
        head.labelled = labelled
    if signed_day and not _another_day(signed_day, found, head.times, url):
        head.signed_day = signed_day
    if undated and not head.dateline and not head.labelled and page:
        modified = _modified(head)[0]
        head.release = release_day(page[:MAX_SEARCHED], found.url or url, {
            int(day[:4]) for day in (found.date, modified) if day})
        printed = None if head.release else _yearless_dateline(around)
        if printed:  # ``Fri Dec 28, 6:09 PM ET``: the year from the page's own evidence
            day, why = year_of(printed, found.url or url, found.date, {
                int(day[:4]) for day in (guessed, modified) if day} | page_years(
                    page[:MAX_SEARCHED], found.url or url))
            head.yearless = (f"dateline (its year: {why})", day) if day else None
    if (not undated or head.dateline) and page and _first_published_asked(head) and \
            any(words in page for words in FIRST_PUBLISHED_WORDS):
        head.first_published = _first_published(texts, head)
    lead = lead_texts(around[0][0]) if around else []
    head.guest, head.wire = guest_byline(lead), wire_credit(lead)
    signed_h1s = []  # the h1 a byline's element signs under it (no label: no shown headline)
    for after, _, shown, confirmed in around:
        under = _short_texts(after)
        byline = shown_byline(under)
        if not byline and confirmed and unsigned:  # past a standfirst
            byline = shown_byline(_short_texts(after, 1))
        if not byline and unsigned:  # a name alone in the byline's element, or marked
            byline = classed_byline(after) or marked_byline(after, tree)
            if byline and shown in headlines:
                signed_h1s.append(shown)
        head.signed = head.signed or (byline if unsigned else None)
        if untitled and not head.shown_title and (byline or _dateline_day(under)):
            head.shown_title = shown
    if untitled and (part := _printed_part(around, head.page_title, _site_keys(
            found.sitename, head.structured.meta.get("og:site_name"), url))) and \
            (head.shown_title or loose(part) != loose(head.body_headline)):
        # (the heading over the first paragraph says so itself)
        head.shown_title = part if not head.shown_title or \
            loose(head.shown_title) not in _end_parts(head.page_title) else head.shown_title
    if untitled and (part := _printed_last_part(texts, head.page_title, _site_keys(
            found.sitename, head.structured.meta.get("og:site_name"), url), found.url or url)):
        # over the text shown over a dateline, if that is the whole title (a hidden copy) or
        # a part before this one (a section's name in the menu)
        shown = loose(head.shown_title)
        if not shown or shown == title_key or shown in title_key[:-len(loose(part))]:
            head.shown_title = part
    head.shown_headlines, head.shown_byline = _shown_headlines(tree)
    head.shown_headlines += tuple(h for h in signed_h1s if h not in head.shown_headlines)
    head.post_heading, head.post_quoted = _post_heading(head.headings)
    head.home_headings = _home_headings(head.headings, found.url or url)
    if unsigned and not head.signed and not head.shown_byline:
        # no byline by a headline: the one right over the first paragraph, if any
        over = over if untitled else _over_body(tree)
        head.over_body = shown_byline([Held.of(" ".join(text.split()), parent)
                                       for text, parent in over or ()
                                       if not in_comments(parent)])  # not a reader's
        if head.over_body and untitled and not head.shown_title:
            head.byline_headline = _over_byline(over)
        if not head.over_body:  # each next search only where the one before signs nothing
            # the first line after the post that signs with a name and its day, ``By Jane Doe
            # on March 3``, over the first ``Posted by`` line (the blog's footer, or a reader's
            # comment's under a story signed so), which signs without a day too
            posted = _posted_texts(texts)
            head.dated = dated_byline(_signed_lines(texts, posted[:1]))
            head.posted = None if head.dated else posted_byline(posted)
            if not head.posted and not head.dated:
                head.id_byline = id_byline(tree)  # ``<div id="byline">``, anywhere
            if not head.posted and not head.dated and not head.id_byline:
                head.foot = foot_signature(tree)  # ``-- Jane Doe`` under the last paragraph
            if not head.posted and not head.dated and not head.id_byline and not head.foot:
                head.about = about_author(texts())  # ``About the author``
    return head


def _find_date(document, language: str | None, **params) -> str | None:
    """htmldate's day, its date parser reading the page's language and the commonest ones
    only (:func:`cleaners.dates.date_languages`)."""
    with date_languages(language):
        return find_date(document, **params)


def _end_parts(title: str | None) -> dict[str, str]:
    """A title's first and last parts (at its separators), loosely, each with the rest."""
    parts = [part for part in TITLE_PARTS.split(title or "") if part.strip()]
    if len(parts) < 2:
        return {}
    ends = {}
    if title.startswith(parts[0]):
        ends[loose(parts[0])] = title[len(parts[0]):]
    if title.endswith(parts[-1]):
        ends[loose(parts[-1])] = title[:-len(parts[-1])]
    return ends


def _printed_part(around: list, title: str | None, sites: set[str]) -> str | None:
    """On a page whose markup states no headline, the ``<title>``'s first or last part that the
    page prints as a text of its own (a bold cell, a heading), where the rest of the title holds
    a name of the site (``Site Name / Slogan - Region News | Headline``, ``Site : Section / Sub
    : Headline``, ``Headline - Section | Site``): the headline as the page shows it. A site's
    name or slogan printed by the logo is a part the page shows too (``Post | Blog Name``), so
    the rest must say the site's."""
    ends = _end_parts(title)
    for _, _, shown, confirmed in around if ends else ():
        key = loose(shown)
        rest = ends.get(key)
        if rest is None or not confirmed or key in sites:
            continue
        if any(len(site) > 3 and site in loose(rest) for site in sites):
            return shown
    return None


def _printed_last_part(texts, title: str | None, sites: set[str], url: str | None
                       ) -> str | None:
    """On a page whose markup states no headline, the ``<title>``'s last part, when it is its
    longest, the parts before it name the site or the page's section (``Site | Section |
    Headline``, ``Site : Section / Sub : Headline``: a name of the site in them, or a folder of
    the page's address, ``/european_news/``), and the page prints it alone, outside a link and
    a hidden element (a bold cell, a classed span over the story): the headline as the page
    shows it, wherever it is. ``texts``: the page's text nodes (:data:`_TEXT_NODES`). A
    ``Post | Blog's Slogan`` title names no site before its slogan; a headline printed only in
    a list of links is another page's."""
    parts = [part for part in TITLE_PARTS.split(title or "") if part.strip()]
    if len(parts) < 2 or not title.rstrip().endswith(parts[-1].rstrip()):
        return None
    last, key = parts[-1].strip(), loose(parts[-1])
    rest = loose(title.rstrip()[:-len(last)])
    folders = {loose(folder) for folder in urlsplit(url or "").path.split("/")[:-1]} - {""}
    if heading_words(last) < 3 or key in sites or any(len(last) <= len(part) for part in
                                                   parts[:-1]) or \
            not (any(len(site) > 3 and site in rest for site in sites)
                 or any(loose(part) in folders for part in parts[:-1])):
        return None
    printed = _printed(texts, {key}, 2 * len(last) + 40)
    return " ".join(printed.split()) if printed is not None else None


def _printed_unlinked(texts, keys: set[str]) -> bool:
    """Whether the page prints one of ``keys`` (loosely) as a text of its own, outside a link
    and a hidden element. ``texts``: the page's text nodes (:data:`_TEXT_NODES`)."""
    return bool(keys) and _printed(texts, keys, 2 * max(map(len, keys)) + 40) is not None


def _printed(texts, keys: set[str], longest: int):
    """The first of the page's texts (``texts``, :data:`_TEXT_NODES`) that is one of ``keys``
    loosely, up to ``longest`` characters, visible and outside a link and a hidden element."""
    shortest = min(map(len, keys))
    return next((text for text in texts() if shortest <= len(text) <= longest and
                 loose(text) in keys and _visible(text) and not _linked_or_hidden(text)), None)


def _linked_or_hidden(text) -> bool:
    """Whether a text node is a link's, or in an element hidden by its style or class."""
    element = text.getparent().getparent() if text.is_tail else text.getparent()
    for _ in range(MAX_HIDING_LEVELS):
        if element is None or not isinstance(element.tag, str):
            return False
        if element.tag == "a" or _hidden(element):
            return True
        element = element.getparent()
    return False


def _after(text) -> list:
    """A text node and the visible texts after it in the page, up to twelve in all."""
    return (_AFTER_TAIL if text.is_tail else _AFTER_TEXT)(text.getparent())


def _posted_texts(texts) -> list:
    """The page's first visible text that starts saying who posted the story (``Posted by``)
    and the texts after it (``texts``: the page's text nodes, :data:`_TEXT_NODES`)."""
    for text in texts():
        if _BY.search(text) and _visible(text) and POSTED_BY.match(" ".join(text.split())):
            after = _after(text)
            return [text, *after[1:]]  # the first is the text itself
    return []


def _signed_lines(texts, until=()):
    """Each visible text of the page that starts with a byline's label (``By``), with the texts
    after it, up to the text in ``until`` (``texts``: the page's text nodes,
    :data:`_TEXT_NODES`)."""
    for text in texts():
        if any(text is last for last in until):
            return
        if _BY.search(text) and _SIGNED_LINE.match(text) and _visible(text):
            yield text, _after(text)[1:]


def _labelled_day(texts, head: Head) -> str | None:
    """The day the page's labels say it was published on (``Published: Jan 14, 2008``,
    ``<strong>Published Date:</strong> 14 January 2008``, ``Posted on``), in a table cell, a
    ``<font>`` or a list by the headline or away from it (an old page's headline may be no
    heading the title sources name). ``texts``: the page's text nodes (:data:`_TEXT_NODES`)."""
    return _day_after_label(texts, head, _LABEL_WORD.search, _PUBLISHED_LABEL)


def _day_after_label(texts, head: Head, marked, label: re.Pattern) -> str | None:
    """The day printed right after a ``label`` that starts a visible text, or in the texts after
    it (``<font>Published:</font><font>Jan 14``), when every such label outside the readers'
    comments prints the same day: one in a list of other stories prints another. ``marked``
    tells the texts worth matching against ``label`` (a search for its letters)."""
    days, labels = set(), 0
    shown = (text for text in texts() if marked(text) and _visible(text))
    for text in islice(shown, MAX_LABEL_TEXTS):  # ``public`` ... too
        line = " ".join(text.split())
        if len(line) >= MAX_DATELINE_TEXT or not (found := label.match(line)):
            continue
        if (labels := labels + 1) > MAX_LABELS:
            break
        if in_comments(text.getparent()):
            continue
        rest = line[found.end():]
        if not rest:  # the day in the next texts
            rest = " ".join(" ".join(str(part).split()) for part in _after(text)[1:4]).strip()
        rest = rest[_WEEKDAY_FIRST.match(rest).end():]  # ``Sat, Jan. 12, 2008``
        if starts_with_day(rest) and (day := first_day(rest[:MAX_DATELINE_TEXT], *_order(head))):
            days.add(day)  # the day right after the label: not ``Posted by: Jane | Mar 26``
    return days.pop() if len(days) == 1 else None


def _signed_day(texts, head: Head) -> str | None:
    """The day a page prints right before a byline, in the byline's text or the text before it
    (``March 3rd, 2008 By: Jane Doe``; ``January 8, 2008`` then ``By Dan Muse``), a clock
    allowed after it: a dateline over the story on a page whose headline is in no heading the
    title sources name (an old table layout's bold line), when every such line outside the
    readers' comments prints the same day (a list of other stories, each dated and signed,
    prints several). ``texts``: the page's text nodes (:data:`_TEXT_NODES`)."""
    days, lines, nodes = set(), 0, texts()
    for index, text in enumerate(nodes):
        if not _BY.search(text):
            continue
        line = " ".join(text.split())
        if not (by := _DAY_THEN_BY.search(line)) or not _visible(text):
            continue
        dated = line[:by.start()] if by.start() else \
            " ".join(nodes[index - 1].split()) if index else ""
        if not dated or len(dated) >= MAX_DATELINE_TEXT or not (
                day := dateline_day(dated, *_order(head))) or \
                not _ENDS_WITH_DAY.search(dated):
            continue
        if (lines := lines + 1) > MAX_LABELS:
            return None
        if not in_comments(text.getparent()):
            days.add(day)
    return days.pop() if len(days) == 1 else None


def _first_published_asked(head: Head) -> bool:
    """Whether a "First published" line may date a page that states a date or prints one by
    its headline (on one that does neither, :func:`_labelled_day` reads such a line): its
    markup gives no modification time or the same time for both (it cannot tell the first
    publication from the last change), or the headline prints another day than the markup's.
    (The search of the page for the words costs 0.2 ms a page; an expression, 1.5 ms.)"""
    stated, modified = _published(head)[0], _modified(head)[0]
    return not modified or modified == stated or \
        bool(head.dateline and stated and head.dateline != stated[:10])


def _first_published(texts, head: Head) -> str | None:
    """The day a line saying when the story first appeared prints (``First published on Thu
    10 Jan 2008 10.47 GMT``, ``First Published: Apr 8, 2020``; :func:`_day_after_label`)."""
    return _day_after_label(texts, head, _first_published_words, _FIRST_PUBLISHED)


def _first_published_words(text: str) -> bool:
    return any(words in text for words in FIRST_PUBLISHED_WORDS)


def _over_body(tree) -> list[tuple[str, object]] | None:
    """The last :data:`MAX_BEFORE_BODY` visible texts over the page's first paragraph (its
    first visible text of :data:`MIN_PARAGRAPH` characters outside a link), each with the
    element that holds it; None on a page without one."""
    texts = []
    for text, parent in _shown_texts(tree):
        if len(text.strip()) >= MIN_PARAGRAPH and parent.tag != "a":
            return texts[-MAX_BEFORE_BODY:]
        texts.append((text, parent))
        if len(texts) > MAX_BODY_SEARCH:
            return None
    return None


def _shown_texts(tree):
    """The page's texts that are not blank, each with the element that holds it (for a tail,
    the element it follows is in its parent), lazily and in order, over the whole tree: a
    broken page may have more than one ``<body>``."""
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            text, parent = element.text, element
            if not isinstance(element.tag, str) or element.tag in _NOT_SHOWN:
                continue
        else:
            text, parent = element.tail, element.getparent()
        if text and text.strip() and parent is not None:
            yield text, parent


def _over_byline(over: list) -> str | None:
    """The text nearest over the byline among the texts over the first paragraph, up to
    :data:`MAX_BEFORE` texts over it: not a link's, a day or a sentence, of three words or more
    (an old page's headline in a styled paragraph or a bold cell, ``<p class="orange">``)."""
    texts = [(" ".join(text.split()), parent) for text, parent in over]
    signed = next((i for i, (text, _) in enumerate(texts)
                   if SIGNED.match(text) or signed_after_day(text)), None)
    for text, parent in reversed(texts[max(0, (signed or 0) - MAX_BEFORE):signed or 0]):
        if "a" in (parent.tag, getattr(parent.getparent(), "tag", None)) or \
                _dateline_day([text]):
            continue  # a link's text (a share button's in a span) or a day
        if len(text) <= MAX_TITLE and not text.endswith(_FULL_STOPS) and \
                heading_words(text, lettered=True) >= 3:
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
            if rank == best and len(shown) <= MAX_TITLE and not shown.endswith(_FULL_STOPS) \
                    and heading_words(shown, lettered=True) >= 3 \
                    and not _dateline_day([shown]):
                if best == 1 and (story := _story_under_section(shown, parent, over)):
                    return story
                return shown, parent
    return None


def _story_under_section(shown: str, parent, over: list) -> tuple[str, object] | None:
    """The story's own heading and its element, when the ``h1`` ``shown`` names a section over
    it: the ``h1`` is a name of a few words the page's menu links to (``<h1>Crime and
    Courts</h1>``, the section's page), and the first longer ``h2`` or ``h3`` below, no sentence,
    has the byline or the day under it (a deck has none)."""
    if len(shown.split()) > MAX_SECTION_WORDS:
        return None
    texts = [(" ".join(text.split()), element) for text, element in over]
    start = next((i for i, (_, element) in enumerate(texts) if element is parent), None)
    for i, (_, element) in enumerate(texts[start + 1:] if start is not None else (),
                                     (start or 0) + 1):
        if element.tag in ("h2", "h3"):
            story = heading_text(element)[:MAX_TITLE]
            under = [line for line, _ in texts[i + 1:i + 1 + MAX_UNDER]
                     if loose(line) not in loose(story)]
            if len(story.split()) > len(shown.split()) and not story.endswith(".") and \
                    (shown_byline(under) or _dateline_day(under)):
                break
    else:
        return None
    key = loose(shown)
    if any(loose(link.text_content()) == key
           for link in islice(parent.getroottree().iter("a"), MAX_SECTION_LINKS)):
        return story, element
    return None


def _site_named(title: str | None, found: str | None, sitename: str | None, head: Head) -> bool:
    """Whether the page's ``<title>`` (and trafilatura's title) is missing or only the site's
    name (``Leading the Charge``, the publisher's, ``og:site_name``, the host's): then no title
    source names the headline, and the heading its markup names so over the story is it."""
    sites = _site_keys(sitename, head.structured.meta.get("og:site_name"), head.url)
    return all(loose(strip_site(text, sites)) in sites for text in (title, found) if text)


def _named_headline(tree) -> tuple[str, object] | None:
    """On a page without a title source (no ``<title>`` but the site's name, no ``og:title``,
    JSON-LD headline or visible ``h1`` or ``h2``, as pages saved without their head are: see
    :func:`_site_named`), the first heading under
    which the story starts: an ``h3`` or an element named a headline or a title
    (:func:`_headline_rank`: ``<span class="articleHeadline">``, ``<td
    class="contentheading">``), not a link's (a menu's ``titlelink``), of two words or more,
    not a sentence or an advert's, with no link right under it (a menu's heading) and a
    paragraph's worth of text outside links (:data:`MIN_PARAGRAPH`, one text of half that at
    least) in the few texts under it before the next such heading (:data:`MAX_BEFORE_BODY`,
    links' texts not counted), and not under the story's first paragraphs (a report's section
    heading: :data:`MAX_TOLD`). Where the first paragraph is
    a sidebar's blurb or a lead split by links, the heading over it is not the headline
    (:func:`_body_headline`); the headline's element still says what it is."""
    texts = []
    for text, parent in _shown_texts(tree):
        texts.append((" ".join(text.split()), parent))
        if len(texts) > MAX_BODY_SEARCH:
            break
    # (a day in an element so named is the dateline under the headline; an advert's heading
    # is none)
    ranked = [parent.tag != "a" and _headline_rank(parent) > 0 and not _dateline_day([text])
              and not _ADVERT.search(f"{parent.get('class', '')} {parent.get('id', '')}")
              for text, parent in texts]
    told = 0  # the story's paragraphs passed: past a few, a heading is a section's
    for index, (text, parent) in enumerate(texts):
        if told >= MAX_TOLD:
            return None
        if parent.tag != "a" and 2 * len(text) >= MIN_PARAGRAPH and text[-1] in _SENTENCE_END:
            told += 1
        if not ranked[index] or len(text) > MAX_TITLE or text.endswith(_FULL_STOPS) or \
                heading_words(text, lettered=True) < 2 or \
                texts[index + 1:index + 2] and texts[index + 1][1].tag == "a":
            continue  # (a heading with a link right under it heads a menu or a list)
        under, longest, count = 0, 0, 0
        for later in range(index + 1, min(index + 1 + 4 * MAX_BEFORE_BODY, len(texts))):
            if ranked[later] or count == MAX_BEFORE_BODY:
                break
            if texts[later][1].tag != "a":  # a link's text, in a lead or a menu, counts not
                length = len(texts[later][0])
                under, longest, count = under + length, max(longest, length), count + 1
        if under >= MIN_PARAGRAPH and 2 * longest >= MIN_PARAGRAPH:  # a sentence, not a list
            return text, parent
    return None


def _headline_rank(element) -> int:
    """1 for an ``h1`` or an element (or its parent) whose class or id names a headline, 2 for
    an ``h2``, ``h3`` or one named a title or the story's head (``articleTitle``,
    ``story-title``, ``ArticleHead``, ``storyhead``; not a menu's or a box's, ``menuhead``); 0
    for others, subtitles (``subhead``) and authors' titles."""
    for node in (element, element.getparent()):
        if node is None or not isinstance(node.tag, str):
            return 0
        names = f"{node.get('class', '')} {node.get('id', '')}".lower()
        if "sub" in names or AUTHOR_WORD.search(names):
            return 0
        names = names.split()
        if node.tag == "h1" or any(_HEADLINE_CLASS.match(name) for name in names):
            return 1
        if node.tag in ("h2", "h3") or any(_TITLE_CLASS.match(name) for name in names):
            return 2
    return 0


def _another_day(dateline: str, found, times, url: str | None) -> bool:
    """Whether the day printed by the headline of a page without a structured date is another
    story's or a reader's (``Joined May 11, 2017``): the day its URL carries is more than a
    day away (a day off is the newsroom's clock against the server's), or htmldate's day is the
    one the page's ``<time>`` elements give and the dateline's is not; or, on a URL that
    carries a year and month only (``/2012/11/``), the dateline is more than a day out of them
    (a letter's day of 1918 under a post of 2012)."""
    day = url_day(found.url or url)
    if day and days_apart(day, dateline) > 1:
        return True
    if not day and not near_url_month(dateline, found.url or url):
        return True
    return dateline != found.date and found.date in {
        stamp[:10] for stamp in map(timestamp, times) if stamp}


def _htmldate_asked(head: Head, undated: bool, dateline: str | None) -> bool:
    """Whether htmldate's day (a search of the whole page: 2 to 20 ms, dateparser's on its
    texts most of it) can decide a field. On a page whose markup states a date, only the day of
    a UTC time does (:func:`cleaners.dates.publication_day`); on one that states none, it is
    the date unless a dateline is, and no modification time or ``<time>`` element weighs
    htmldate's day against it (:func:`_visible_text`, :func:`_another_day`)."""
    if not undated:
        return any(moment and moment.endswith("Z")
                   for moment in (_published(head)[0], _modified(head)[0]))
    return not dateline or bool(_modified(head)[0]) or any(map(timestamp, head.times)) or \
        _another_day(dateline, head.found, head.times, head.url)


def _undated_title(title: str | None, headings) -> str | None:
    """trafilatura's title without the day a heading prints in an element of its own, where the
    title is that heading's whole text (:func:`cleaners.headlines.heading_text`)."""
    if not title or not shown_days(title):
        return title
    for element in headings:
        if element.tag != "h3" and " ".join(element.text_content().split()) == title:
            return heading_text(element) or title
    return title


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
            kept.append(heading_text(element)[:MAX_TITLE])
    return found["h1"], found["h2"], found["time"], headings


def _around_headlines(texts, head: Head, search_texts: bool) -> list[tuple]:
    """Where the page may print its headline, best first, each with the visible texts after it
    and those before it, nearest first, where news pages print their dateline and byline
    (``By Jane Doe``, ``Tuesday January 15, 2008``), and the headline's text. A headline is a
    text whose letters and digits are those of a title source or of a part of one (``Headline
    | Site``, ``Headline (from Site)``) other than the site's name: first the ``h1`` to ``h3``
    that spell what the ``<title>``, ``og:title`` or JSON-LD give, its words split over
    elements or not; then, with ``search_texts``, the first text that does, in a heading or
    not (the headline in a ``<b>`` or a table cell, the title of a list elsewhere in a
    heading); none of these, the first ``h1`` (which spells only itself). A title's longest
    part at a double hyphen, a breadcrumb's ``>`` or a colon after a word (:data:`MORE_PARTS`:
    ``site.com -- Headline``, ``Headline: Site``) is looked for too. Up to
    :data:`MAX_HEADLINES`, each saying whether a title source named it. ``texts``: the page's
    text nodes (:data:`_TEXT_NODES`)."""
    titled, wanted = set(), set()
    sites = _site_keys(head.found.sitename, head.structured.meta.get("og:site_name"), head.url)
    article = head.structured.article or {}
    offered = (jsonld_text(article.get("headline")), head.structured.meta.get("og:title"),
               head.page_title)
    titles = [title for title in offered if title]
    for title in (*offered, *head.headlines):
        if title:
            wanted.update(key for part in (title, *TITLE_PARTS.split(title),
                                           max(MORE_PARTS.split(title), key=len))
                          if len(key := loose(part)) >= MIN_HEADLINE_KEY and key not in sites)
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
                (key := loose(text)) in wanted and not _hidden(element) and \
                not masthead(text, titles, sites):
            (headings if key in titled else others).append(element)
    found = [_around(heading, True) for heading in headings]
    texts = [text for text in texts() if text.strip() and (
        text.is_tail or text.getparent().tag not in _INVISIBLE)] \
        if search_texts and len(found) < MAX_HEADLINES else []
    starts: dict[bool, int] = {}
    for i, text in enumerate(texts):
        if shortest <= len(text) and len(text.strip()) <= longest and \
                loose(text) in wanted and not masthead(text, titles, sites):
            starts.setdefault(_in_heading(text), i)
            if True in starts:
                break
    for start in (starts[key] for key in (True, False) if key in starts):
        if any(loose(shown) == loose(texts[start]) for _, _, shown, _ in found):
            continue  # the heading's own text
        found.append((_near_texts(texts[start + 1:]),
                      list(_counted_before(texts[max(0, start - 4 * MAX_BEFORE):start][::-1],
                                           MAX_BEFORE)),
                      " ".join(texts[start].split()), loose(texts[start]) in titled))
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
    (``View all news | Send to a friend | Print``) and a badge's numbers (``Sep`` ``26``
    ``2012``) not counted."""
    for text in texts:
        yield text
        parent = text.getparent() if hasattr(text, "getparent") else None
        if any(ch.isalnum() for ch in text) and not text.strip().isdigit() and \
                (parent is None or parent.tag != "a" or text.is_tail):
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
        byline = shown_byline(under)
        if byline or _dateline_day(under):
            if headline := heading_text(element)[:MAX_TITLE]:
                headlines.append(headline)
            first_byline = first_byline or byline
    return tuple(headlines), first_byline


def _post_heading(headings) -> tuple[str | None, bool]:
    """A blog's post heading, and whether a later heading quotes it: blog themes print the
    blog's name in the ``h1`` (or nothing), the post's title in an ``h2`` or ``h3`` (a link to
    the post) with its day and author under it, and over the readers' comments a heading that
    quotes it (``22 Responses to “Wheels Up”``, in any language). Else the first heading with a
    day or a byline printed under it before the next heading, when it is an ``h2`` or ``h3``:
    of three words or more, not a sentence (a standfirst), a label, a day (a day's header) or
    a quotation (the comments'). A category's link in the heading (WordPress's ``rel="category
    tag"``, ``Sidelines Headline``) is no part of it."""
    shown = [(element, " ".join("".join(_UNCATEGORISED(element)).split())[:MAX_TITLE])
             for element in headings[:MAX_POST_HEADINGS] if not _hidden(element)]
    keys = {loose(text): text for _, text in reversed(shown) if len(text.split()) >= 2}
    for _, text in shown:
        for quoted in _QUOTED.findall(text):
            if (key := loose(quoted)) in keys and keys[key] != text:
                return keys[key], True
    starts = {loose(" ".join(element.text_content().split())) for element, _ in shown} - {""}
    for element, text in shown[:MAX_DATED_HEADINGS]:
        under = []
        for line in _short_texts(_texts_after(element)):
            if loose(line) in starts:
                break  # the next heading: its day is its own
            under.append(line)
        if not (shown_byline(under) or _dateline_day(under)):
            continue
        if _dateline_day([text]) or text.endswith((".", ":")) or any(
                2 * len(quoted) >= len(text) for quoted in _QUOTED.findall(text)):
            continue  # a day's header, a label, the readers' comments' heading
        if element.tag == "h1":
            break
        if heading_words(text, lettered=True) >= 3:
            return text, False
    return None, False


def _home_headings(headings, url: str | None) -> frozenset:
    """The ``h1`` texts, loosely, that link to the site's home page (its root, or the first
    folder of the page's address: ``/blog``; not the page), as a blog's or a site's logo does."""
    if not url or "//" not in url:
        return frozenset()
    parts = urlsplit(url)
    folders = parts.path.strip("/").split("/")
    homes = {"", folders[0]} if len(folders) > 1 else {""}  # not the page itself
    found = set()
    for element in headings[:MAX_POST_HEADINGS]:
        if element.tag != "h1":
            continue
        for link in element.iter("a"):
            href = urlsplit(urljoin(url, link.get("href") or "#"))
            if href.netloc.removeprefix("www.") == parts.netloc.removeprefix("www.") and \
                    href.path.strip("/") in homes and not href.query:
                found.add(loose(element.text_content()))
                break
    return frozenset(found)


def _short_texts(texts, skip: int = 0) -> list[str]:
    """The texts under a headline where a dateline and a byline are printed: up to
    :data:`DATELINE_CHARS` characters, and not past the first long text (the article's first
    paragraph, or a caption: the byline is above it), or past the first ``skip`` long texts,
    which are left out (a standfirst or a caption between the headline and its dateline)."""
    under, size = [], 0
    for text in texts:
        line = " ".join(text.split())  # still knowing its element (a byline's lines)
        text = Held.of(line, text.holder) if isinstance(text, Held) else line
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
    """The visible texts that follow ``element`` in the page, in order, each knowing the element
    that holds it."""
    node = element
    while node is not None and node.tag != "body":
        if node.tail and node.tail.strip():
            yield Held.of(node.tail, node.getparent())
        for sibling in node.itersiblings():
            for event, inner in etree.iterwalk(sibling, events=("start", "end")):  # lazily
                if event == "end":
                    if inner.tail and inner.tail.strip():
                        yield Held.of(inner.tail, inner.getparent())
                elif isinstance(inner.tag, str) and inner.tag not in _INVISIBLE and \
                        inner.text and inner.text.strip():
                    yield Held.of(inner.text, inner)
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
                    texts.append(_LinkText(inner.text) if inner.tag == "a" else inner.text)
            yield from reversed(texts)
        node = node.getparent()
        if node is not None and node.tag != "body" and node.text and node.text.strip():
            yield node.text


class _LinkText(str):
    """A link's own text, over a headline."""


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


def _short_year_day(under: list[str], head: Head | None = None) -> str | None:
    """The day the first text under the headline that prints a day prints with a two-digit year
    (``30/12/07``: a dateline of an old page; :func:`cleaners.dates.short_year_dateline`), read
    when no day with its whole year is there, before a day printed over the headline (the
    masthead's day of the crawl, over the menu)."""
    for text in under:
        if day := short_year_dateline(text, *_order(head)):
            return day
    return None


def _order(head: Head | None) -> tuple:
    return (head.order, head.found.url or head.url, head.latest) if head is not None else ()


def _near_day(after: list, before: list, confirmed: bool, head: Head | None = None
              ) -> str | None:
    """The day the page prints by its headline: the first in the short texts under it; under
    a headline the title sources name (``confirmed``), else a dateline (:func:`dateline_day`)
    past a standfirst or a caption, whose own days are not read, up to the readers' comments,
    else the nearest dateline in the few short texts over it (``Dec 16, 2007 18:22``, then the
    headline; a day printed as a badge, ``Sep`` ``26`` ``2012``; not a link's, another story's
    title with its day)."""
    under = _short_texts(after)
    if (day := _dateline_day(under, head) or _short_year_day(under, head)) or not confirmed:
        return day
    for text in _short_texts(after, MAX_SKIPPED)[len(under):]:
        if _COMMENTS.match(text):
            break  # the readers' comments under a short post, each with its day
        if day := dateline_day(text, *_order(head)):
            return day
    badge: list[str] = []
    for text in before:
        link = isinstance(text, _LinkText) or (
            getattr(text, "is_tail", True) is False and text.getparent().tag == "a")
        text = " ".join(text.split())
        if link and not starts_with_day(text):
            continue  # ``« Week in Review - October 29, 2012``: the story before this one
        if len(text) >= MAX_DATELINE_TEXT:
            return None
        if day := dateline_day(text, *_order(head)):
            return day
        badge = [text, *badge] if len(text) <= MAX_BADGE_PART else []
        if len(badge) > 1 and (day := dateline_day(" ".join(badge), *_order(head))):
            return day
    return None


def _yearless_dateline(around) -> tuple[int, int, int | None] | None:
    """The month, day and weekday of the first dateline printed without its year in the short
    texts under a headline (:func:`cleaners.dates.yearless`), past a standfirst under one the
    title sources name, up to the readers' comments."""
    for after, _, _, confirmed in around:
        for text in _short_texts(after, MAX_SKIPPED if confirmed else 0):
            if _COMMENTS.match(text):
                break
            if printed := yearless(text):
                return printed
    return None


def _visible(text) -> bool:
    """Whether a text node is outside a script, a style, a ``<noscript>`` and a ``<template>``
    (what :data:`_VISIBLE` says in an expression: a tail's parent there is the element that
    holds the element it follows)."""
    return (text.getparent().getparent() if text.is_tail else text.getparent()).tag \
        not in _INVISIBLE


def _hidden(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return (element.get("hidden") is not None or element.get("aria-hidden") == "true"
            or "display:none" in style or "visibility:hidden" in style
            or bool(_HIDDEN.search(f"{element.get('class') or ''} {element.get('id') or ''}")))


def finish_metadata(head: Head, tree: lxml_html.HtmlElement) -> dict:
    """Add the byline (searched in ``tree``, which this prunes: call it last), weigh every
    source against the others, and return the :class:`~cleaners.document.Document` fields."""
    found = head.found
    edited = bool(head.editors) and structured_editors(head)
    if edited:  # the byline is searched past what the page calls its editor
        for element in [e for e in author_elements(tree)
                        if labelled_editor(e) and e.getparent() is not None]:
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


# --- reconciling the sources -------------------------------------------------------------------
#: Longest page whose whole text is searched for a date (past it, a hostile page's regular
#: expression searches would cost seconds).
MAX_SEARCHED = 1_000_000
#: Long texts passed over under the headline for its dateline (a standfirst, a caption); texts
#: read under it and over it; headings looked at for the headline.
MAX_SKIPPED = 2
MAX_NEAR_TEXTS = 60
MAX_BEFORE = 3
MAX_HEADINGS = 100
#: Links read for a section's name, and the most words of one (:func:`_story_under_section`).
MAX_SECTION_LINKS = 2000
MAX_SECTION_WORDS = 4
MAX_HEADLINES = 3
#: Longest text read as a part of a day printed as a badge (``Sep``, ``26``, ``2012``).
MAX_BADGE_PART = 5
#: A visible text this long is a paragraph; the headline over a page's first one is looked for
#: up to so many texts over it, and the first one up to so many texts into the page.
MIN_PARAGRAPH = 150
MAX_BEFORE_BODY = 8
MAX_BODY_SEARCH = 3000
#: Paragraphs over a heading that make it a section's (a report's ``<h3>`` under its first
#: pages), not the headline (:func:`_named_headline`); a sidebar's blurb or two are fewer.
MAX_TOLD = 3
_SENTENCE_END = frozenset(".!?\"'”’:。！？")
#: How a sentence ends and a headline does not: a full stop, the Latin or the CJK one.
_FULL_STOPS = (".", "。")
#: A class or id that names an advert's box (``ad-heading``, ``sponsored``, ``promo_title``).
_ADVERT = re.compile(r"(?<![a-z])(?:ads?|advert\w*|sponsor\w*|promo\w*)(?![a-z])", re.I)
#: Elements over a text looked at for a link or a hidden element that holds it.
MAX_HIDING_LEVELS = 4
#: Fewest letters and digits a text needs to be taken for the headline.
MIN_HEADLINE_KEY = 12
#: Headings read for a blog's post heading: for a quotation of one, and for a day under one.
MAX_POST_HEADINGS = 40
MAX_DATED_HEADINGS = 8
#: Sources of a publication day read from the page's text, not its markup.
_SHOWN_SOURCES = ("dateline", "published label", "signed dateline", "release dateline",
                  "htmldate")
#: Meta tags that state the publication or modification time, best first.
PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished",
                  "pubdate", "publishdate", "publish-date", "publication_date", "date",
                  "dc.date.issued", "dcterms.issued", "dc.date", "sailthru.date",
                  "parsely-pub-date")
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified",
                 "dcterms.modified", "last-modified")
#: Class names of headings made for search engines or screen readers only (not "hidden": in
#: utility CSS, ``hidden md:block`` is shown on a desktop).
_HIDDEN = re.compile(r"(?<![a-z])seo|sr-only|visually-?hidden|screen-?reader|off-?screen", re.I)
#: The page's text nodes, in order, each knowing its element (lxml's ``getparent()``: for a
#: tail, the element it follows). The searches that walk them all (the headline's places, the
#: labelled day, the ``Posted by`` footer) share one list and test each text in Python: an
#: expression of its own for each walked them all again (a labelled day's, with its
#: ``contains()``, cost twice the walk). None of them reads a blank text (spaces and line
#: breaks between tags: two thirds of an old page's texts), so the list leaves them out: each
#: text kept holds its element, for the garbage collector to walk at each of its passes.
_TEXT_NODES = etree.XPath("//body//text()[normalize-space()]")
#: Every text node, blank ones too (the visible text the page shows, joined).
_ALL_TEXT_NODES = etree.XPath("//body//text()")
_INVISIBLE = frozenset({"script", "style", "noscript", "template"})
_NOT_SHOWN = _INVISIBLE | {"title"}
_VISIBLE = "not(parent::script or parent::style or parent::noscript or parent::template)"
#: ``by`` in any case, as ``contains(translate(., 'BY', 'by'), 'by')`` finds it.
_BY = re.compile("[bB][yY]")
_SIGNED_LINE = re.compile(r"\s*[Bb][Yy](?::|\s|$)")
_AFTER_TAIL = etree.XPath(f"(following::text()[{_VISIBLE}])[position() <= 12]")
_AFTER_TEXT = etree.XPath(
    f"(descendant::text()[{_VISIBLE}] | following::text()[{_VISIBLE}])[position() <= 12]")
_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
#: A label saying when the story was published, at a text's start, in the dateline's
#: languages (``Published:``, ``Published Date:``, ``Date published``, ``Posted on``,
#: ``Publié le``, ``Veröffentlicht am``; a blog theme's footer, ``This entry was posted on``,
#: ``Dieser Beitrag wurde am ... veröffentlicht``); the texts that may hold one, and how many
#: are read.
_PUBLISHED_LABEL = re.compile(
    r"^\W*(?:(?:dieser|der)\s+(?:beitrag|eintrag|artikel)\s+wurde\s+(?:vor\s+)?am"
    r"(?=.*ver[öo]ffentlicht)|(?:(?:this|the)\s+(?:entry|post|article)\s+was\s+)?"
    r"(?:date\s+)?(?:first\s+)?(?:published|posted|publi[ée]|publicado|pubblicato|"
    r"ver[öo]ffentlicht|erschienen)(?![^\W_])(?:\s+date)?(?:\s+(?:on|at|am|le|el|em|il|op))?)"
    r"\s*[:|–—-]?\s*", re.I)
_WEEKDAY_FIRST = re.compile(rf"(?:{WEEKDAYS}\.?,?\s+|[^\W\d_]+\.?,\s*)?", re.I)
_LABEL_WORD = re.compile("|".join(
    f"{word}|{word.upper()}" for word in ("ubli", "ubbli", "osted", "ffentlicht", "rschienen")))
MAX_LABELS = 20
#: A label saying when the story first appeared, at a text's start (``First published on``,
#: ``First Published:``); the words, looked for in the page (literally: an expression reads
#: a page seven times slower), then in its texts.
_FIRST_PUBLISHED = re.compile(r"^\W*first\s+published(?:\s+(?:on|at))?\s*[:|–—-]?\s*", re.I)
FIRST_PUBLISHED_WORDS = ("irst published", "irst Published", "IRST PUBLISHED")
#: A byline's label (``By``, ``By:``) starting a text or after a day in it, a name after it
#: or in the next text; what may end a day right before it (a clock, a separator).
_DAY_THEN_BY = re.compile(r"(?:^|(?<=[0-9\s,|–—-]))[Bb][Yy]:?(?:\s+[^\W\d_]|$)")
_ENDS_WITH_DAY = re.compile(r"[12][0-9]{3}(?:[\s,|–—-]+(?:at\s+)?[0-9]{1,2}[:.][0-9]{2}"
                            r"(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?)?[\s,|–—-]*$")
MAX_LABEL_TEXTS = 500
#: A class or id that names a headline (``headline``, ``headingstory``, ``story_heading``), or a
#: title (``articleTitle``, ``titular``, ``titel``, ``titre``, ``titolo``, ``titulo``).
_HEADLINE_CLASS = re.compile(r".*(?:headline|heading)")
_TITLE_CLASS = re.compile(
    r".*(?:title|titel|(?:article|story|news|post|entry|art)[-_]?head)$|(?:titul|titel|titre|titol)")
#: A quotation in a heading (the outer one: a quoted title may hold quotes itself).
_QUOTED = re.compile(r"[“\"«„‘'](.+)[”\"»“’']")
#: A heading's texts but its category links' (``<a rel="category tag">``).
_UNCATEGORISED = etree.XPath(".//text()[not(ancestor::a[contains(@rel, 'category')])]")
#: What starts the readers' comments (``1 comment:``, ``Post a Comment``, ``Leave a reply``).
_COMMENTS = re.compile(r"^\W*(?:\d+\s+)?(?:comments?|responses?|replies)\W*$|"
                       r"^\W*(?:post|leave|add|write)\s+a\s+(?:comment|reply)", re.I)


def reconcile(head: Head) -> dict:
    """Each field from its best source (the order is in each function below); ``sources``
    says which, and which other sources disagreed."""
    found, data = head.found, head.structured
    article = data.article or {}
    sources: dict[str, str] = {}
    publisher, publisher_source = _publisher(data, found)
    sites = _site_keys(publisher, found.sitename, data.meta.get("og:site_name"), head.url)
    people, credits, names_source = names_of(head, sites)
    # an h1 that links to the site's home page is its logo: a name of the site
    title, title_source = title_of(head, sites | head.home_headings)
    published, published_source = _published(head)
    modified, modified_source = _modified(head)
    stated, stated_source = published, published_source
    # a page that shows only its update is dated by it, unless its address carries the day it
    # first appeared (/2019/11/8/): re-dated guides keep one URL, updated stories the first day
    if head.shown and modified and published and url_day(head.url) != published[:10]:
        published, published_source = _shown_date(published, published_source, modified,
                                                  modified_source, head.shown)
    published, published_source = _local_time(published, published_source, head)
    published, published_source = _url_and_dateline(published, published_source, head)
    shown = head.dateline if not modified or head.dateline != modified[:10] else None
    # where another copy of the headline prints the markup's day, the first copy's day is a
    # masthead's (the day of the crawl, over a menu that repeats the headline)
    if published and published[:10] in head.datelines:
        shown = None
    # a markup time without an offset names no instant: a day off the dateline, it is the
    # server's day or UTC's, and the day printed is kept, a day alone (no time made up)
    if shown and published and not published_source.startswith(_SHOWN_SOURCES) and \
            unzoned_day_off(published, shown):
        published, published_source = shown, f"dateline ({published_source} {published} " \
            "gives no offset)"
    day, published_source = publication_day(published, published_source, found.date,
                                            domain_country(head.url), shown)
    # a markup time whose clock is the printed dateline's in UTC, labelled with the newsroom's
    # offset (``05:30-06:00`` for ``Jan 7, 2008 11:30 PM CST``), a day after it in no
    # newsroom's clock: the instant printed is it
    if shown and day != shown and head.printed and published and \
            not published_source.startswith(_SHOWN_SOURCES) and \
            clock_in_utc(published, head.printed):
        published_source = f"dateline ({published_source} {published} is its clock in UTC)"
        published, day = head.printed.isoformat(), shown
    # a publication time that is the modification time (the last save, written as both) says
    # nothing of the first publication: an earlier day printed by the headline does
    if shown and stated == modified and shown < day:
        published = day = shown
        published_source = f"dateline ({stated_source} is {modified_source})"
    # the page's own line saying when the story first appeared, over a later day (an update's
    # time given as the publication's, or printed by the headline)
    if head.first_published and day and head.first_published < day and published:
        published_source = f"first published label ({published_source} {day} is later)"
        published = day = head.first_published
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
    then the article's ``dateCreated``, then the dateline, a label, a release's dateline, a
    dateline without its year (:func:`cleaners.dates.year_of`), then htmldate's reading of the page
    (its markup, its URL, and its text when nothing else dates it). A value that reads two ways
    (``08/09/2012``) is read as the dateline writes one of them."""
    data = head.structured
    article = data.article or {}
    ranked = [(f"{data.source} datePublished", article.get("datePublished"))]
    ranked += [(name, data.meta.get(name)) for name in PUBLISHED_META]
    ranked += [("json-ld WebPage datePublished", (data.page or {}).get("datePublished")),
               (f"{data.source} dateCreated", article.get("dateCreated")),
               ("dateline", head.dateline), ("published label", head.labelled),
               ("signed dateline", head.signed_day),
               ("release dateline", head.release),
               head.yearless or ("dateline (its year)", None),
               ("htmldate", head.found.date)]
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
    different days (only then is it asked which one the page shows), blank texts and all."""
    published, modified = _published(head)[0], _modified(head)[0]
    if not published or not modified or published[:10] >= modified[:10]:
        return ""
    return " ".join(text for text in _ALL_TEXT_NODES(tree)
                    if text.is_tail or text.getparent().tag not in _INVISIBLE)[:MAX_SEARCHED]


def _shown_date(published: str, published_source: str, modified: str, modified_source: str,
                shown: str) -> tuple[str, str]:
    """A page re-dated (an evergreen guide, a test updated each year) shows its readers the day
    it was modified and not the day its markup says it was first published: the text archived
    is the one of the day it shows. A publication day printed with a two-digit year
    (``11/18/19 11:04 PM EST`` by the byline) is shown too: the modification day may be
    another text's (an embedded post's ``November 19, 2019``)."""
    days = shown_days(shown)
    if modified[:10] in days and published[:10] not in days and \
            not written_short(published[:10], shown):
        return modified, f"{modified_source} (shown; {published_source} is not)"
    return published, published_source


def _url_and_dateline(moment: str | None, source: str, head: Head) -> tuple[str | None, str]:
    """The day the headline prints, when the URL's path carries it too (a day apart at most:
    a newsroom's clock against the server's) and the markup's day is more than a day from
    both: that is a server's clock (``<meta name="date">`` of the day it served the page) or
    another story's. Its time is the page's ``<time>`` of that day, if one gives an offset."""
    carried = url_day(head.found.url or head.url)
    if not moment or not carried or not head.dateline or source.startswith(_SHOWN_SOURCES) \
            or days_apart(carried, head.dateline) > 1 or days_apart(moment, head.dateline) <= 1 \
            or days_apart(moment, carried) <= 1:
        return moment, source
    stamps = [stamp for stamp in map(timestamp, head.times) if stamp and len(stamp) > 10
              and stamp[:10] == head.dateline and datetime.fromisoformat(stamp).tzinfo]
    return (stamps[0] if stamps else head.dateline,
            f"dateline (the URL's day; {source} {moment} is neither)")


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
        if text and len(text) <= 64 and starts_with_day(text.strip()) and \
                (day := first_day(text, *_order(head))):  # 1/27/2009 12:00:00 AM
            return day, f"{source} (day read as the page writes it)"
    return None, ""


def _first_text(ranked) -> tuple[str | None, str]:
    for source, value in ranked:
        if (text := jsonld_text(value)) is not None:
            return clean(text)[:MAX_TITLE], source
    return None, ""


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
        words = unique(clean(w)[:MAX_NAME] for w in value[:MAX_KEYWORDS * 4]
                        if isinstance(w, str) and w.strip())
        if words:
            return tuple(words[:MAX_KEYWORDS]), source
    return (), ""


# --- the publisher and the site's names ---------------------------------------------------------
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
    keys = {loose(n) for n in names[:-1] if n}
    url = names[-1]
    if url and "//" in url:
        host = url.split("/")[2].split(":")[0].lower().removeprefix("www.")
        keys |= {loose(host), loose(host.rsplit(".", 1)[0])}
        labels = host.split(".")
        if len(labels) > 2 and labels[-2] in _SECOND_LEVEL and len(loose(labels[-3])) >= 6:
            keys.add(loose(labels[-3]))
    return keys - {""}


#: The generic labels under a country's suffix (``.co.uk``, ``.com.au``, ``.ne.jp``).
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "or", "ne", "go", "gv"})

