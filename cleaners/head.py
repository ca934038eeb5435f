"""What the metadata readers share: the page's head as read before the tree is pruned
(:class:`Head`), how much a field may hold, and how a field's texts are cleaned and compared.
:mod:`cleaners.metadata` reads the page and reconciles the fields; :mod:`cleaners.bylines`
reads the authors and :mod:`cleaners.headlines` the headline, from a :class:`Head`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from cleaners.lines import count_words
from cleaners.structured import Structured


@dataclass
class Head:
    """What is read before the tree is pruned: trafilatura's findings, the page's structured
    data and its visible headlines (the functions named below are :mod:`cleaners.metadata`'s)."""

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
    #: On a page that states no date and prints none by its headline, the day a label says
    #: it was published on (``Published: Jan 14, 2008``), wherever it is (:func:`_labelled_day`).
    labelled: str | None = None
    #: On such a page, the day a press release's dateline prints without its year (``Jan. 7
    #: /PRNewswire/``), in the year the page's other dates give
    #: (:func:`cleaners.dates.release_day`).
    release: str | None = None
    #: On such a page, the day its dateline prints without its year (``Fri Dec 28, 6:09 PM
    #: ET``), after the source's name, which names the year's evidence
    #: (:func:`cleaners.dates.year_of`).
    yearless: tuple | None = None
    #: The instant the dateline prints with a clock and a zone (``Jan 7, 2008 11:30 PM CST``),
    #: read when the markup's time falls on another day (:func:`cleaners.dates.printed_clock`).
    printed: object = None
    signed: str | None = None
    #: On a page that states no date and prints none by its headline nor after a label, the
    #: day printed right before a byline (``January 8, 2008`` ``By Dan Muse``), wherever it is
    #: (:func:`_signed_day`).
    signed_day: str | None = None
    #: The day a "First published" line prints (``First published on Thu 10 Jan 2008``), on a
    #: page whose markup states a date or whose headline prints one (:func:`_first_published`).
    first_published: str | None = None
    #: The ``h1`` with a day or a byline printed under them, labelled or in the byline's
    #: element (the headline the page shows, or a logo), and the first labelled byline
    #: (:func:`_shown_headlines`).
    shown_headlines: tuple = ()
    shown_byline: str | None = None
    #: A blog's post heading: the heading a later heading quotes (the readers' comments',
    #: ``12 Responses to “Post”``), else the first ``h2`` or ``h3`` with a day or a byline
    #: printed under it before the next heading (no ``h1`` first), and which of the two
    #: (:func:`_post_heading`).
    post_heading: str | None = None
    post_quoted: bool = False
    #: The ``h1`` texts that link to the site's home page (a logo), loosely.
    home_headings: frozenset = frozenset()
    #: On a page whose markup states no headline, the text under which it prints its dateline
    #: or byline, found by a title source's words (:func:`_around_headlines`).
    shown_title: str | None = None
    #: On such a page, the heading nearest over its first paragraph (:func:`_body_headline`).
    body_headline: str | None = None
    #: On such a page without an ``h1`` or a heading over its first paragraph, the line printed
    #: bold or large alone over it (:func:`cleaners.headlines.bold_line`).
    line_headline: str | None = None
    #: On a page without a title source, the heading named so over its story
    #: (:func:`_named_headline`).
    named_headline: str | None = None
    #: On a page without a byline by a headline, the one over its first paragraph, and (on a
    #: page whose markup states no headline) the text over that byline (:func:`_over_byline`).
    over_body: str | None = None
    byline_headline: str | None = None
    #: On a page signed nowhere else, the names of its first "Posted by" line, wherever it is
    #: (:func:`cleaners.bylines.posted_byline`).
    posted: str | None = None
    #: On a page signed nowhere else, the names in its byline's element named by its id
    #: (:func:`cleaners.bylines.id_byline`).
    id_byline: str | None = None
    #: On a page without a byline by a headline or over its first paragraph, the names of its
    #: first line that signs with a person's name and the day (``By Jane Doe on March 3,
    #: 2009``), wherever it is before the first "Posted by" line, which it goes before
    #: (:func:`cleaners.bylines.dated_byline`).
    dated: str | None = None
    #: On a page signed nowhere else, the writer who signs under the story's last paragraph
    #: (:func:`cleaners.bylines.foot_signature`).
    foot: str | None = None
    #: On such a page signed at no foot, the writer its author's box names
    #: (:func:`cleaners.bylines.about_author`).
    about: str | None = None
    #: The guest a post under the headline says it is by (``Guest post by Jane Doe``), whom
    #: the blog's byline does not name (:func:`cleaners.bylines.guest_byline`).
    guest: str | None = None
    #: The agency the first paragraph's dateline names (``LONDON (Reuters) -``).
    wire: str | None = None
    #: An "author" meta tag of one word (``CBSNews``, ``jdoe``): the site's name or an account.
    one_word_author: str | None = None


#: Longest headline, name, section, keyword kept; most names and keywords kept.
MAX_TITLE = 300
MAX_NAME = 80
MAX_NAMES = 30
MAX_KEYWORDS = 50
#: ``<time>`` elements read per page.
MAX_TIMES = 20
#: Characters of visible text read under the headline for its dateline and byline, and the
#: texts searched there for a byline (a line of labelled fields, ``Date:`` ``November 6, 2012``
#: ``|`` ``Category:`` ``...`` ``|`` ``Author:`` ``Jane Doe``, is ten texts).
DATELINE_CHARS = 300
MAX_UNDER = 10
#: A text this long under the headline is the article's first paragraph, or a caption.
MAX_DATELINE_TEXT = 100


#: The word that puts a byline's names after it, in the languages of the archive's sites.
BY_WORD = r"(?:by|von|par|por|door|av|af|od)"
#: A byline's label: ``By``, ``Von``, ``Par``, ``Author:``, ... then the names (read by the
#: bylines, and by the headlines to tell a byline from a headline).
SIGNED = re.compile(rf"(?:{BY_WORD}(?:\s*:)?(?=\s|$)|"
                    r"(?:author|autor|auteur|autore|written\s+by)\s*:)\s*", re.I)


def clean(text: str) -> str:
    """``text`` as a field keeps it: entities read, white space made single spaces."""
    return " ".join(html.unescape(text).split())


def loose(text: str | None) -> str:
    """``text`` as it is compared: lower case, its letters and digits only."""
    return "".join(filter(str.isalnum, (text or "").casefold()))


def heading_words(text: str, lettered: bool = False) -> int:
    """The words of ``text`` in any script: its tokens that hold a letter or a digit (a
    separator, ``&`` or ``►``, is none), or a letter (``lettered``: not a day's or a price's
    numbers either). A Chinese or Japanese headline, one token to ``split()``, counts about
    one word per two characters (:func:`cleaners.lines.count_words`)."""
    kind = str.isalpha if lettered else str.isalnum
    return count_words(" ".join(word for word in text.split() if any(map(kind, word))))


def unique(items) -> list[str]:
    """``items`` without the empty ones and those that repeat one before them in any case."""
    seen, kept = set(), []
    for item in items:
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            kept.append(item)
    return kept

