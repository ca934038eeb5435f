"""The headline: the text the page's title sources (the JSON-LD ``headline``, ``og:title``,
``twitter:title``, ``<title>``) and its visible headings agree on, without the site's name, a
kicker or a blog's name hung on by a separator; on a page whose ``<title>`` names only the site,
the heading over its text.
"""

from __future__ import annotations

import re

from cleaners.dates import first_day, shown_days
from cleaners.habits import MIN_HEADLINE, PREFIX_SEPARATORS, TITLE_SEPARATORS
from cleaners.head import (
    DATELINE_CHARS,
    MAX_TITLE,
    SIGNED,
    Head,
    clean,
    heading_words,
    loose,
)
from cleaners.structured import jsonld_text

#: Most words of a ``<title>`` taken for a site's name (``Site - Slogan of the Site``), unless it
#: lists (this many commas or more: a site's description, ``News, Sports, Weather``).
MAX_SITE_WORDS = 8
MIN_LISTED = 2
BODY_HEADLINE = "heading over the first paragraph (the title names the site only)"
LINE_HEADLINE = "bold line over the first paragraph (the title names the site or a section)"
BYLINE_HEADLINE = "text over the byline over the first paragraph (the title names the site only)"
NAMED_HEADLINE = "heading named so over the story (no title source)"
#: A title source's vote: ``twitter:title`` and ``<title>`` mostly copy ``og:title``, so the
#: three count as two votes, not three, against the JSON-LD headline and the ``h1``; the page
#: title an analytics tag reports (WebTrends' ``WT.ti``, on pages of before OpenGraph) is a
#: copy of the ``<title>`` or the headline alone, half a vote too.
TITLE_WEIGHTS = {"twitter:title": 0.5, "title": 0.5, "wt.ti": 0.5}
#: Fewest characters of a ``WT.ti`` tag that the ``<title>`` ends with for it to count as the
#: headline there (a section's name, ``Sports``, is no headline).
MIN_TAGGED = 20
_SEPARATOR = re.compile(f"[{re.escape(TITLE_SEPARATORS)}] ")
_LEADING = re.compile(f"[{re.escape(TITLE_SEPARATORS)}]+\\s+")
#: The mark of a text cut short.
_ELLIPSIS = re.compile(r"\.{2,}|…")
#: What parts a title into the headline and the site's name: separators and brackets.
TITLE_PARTS = re.compile(r"\s[|–—·•/:»«-]\s|\s\(|\)\s*$|\s[|ㅣ]|[|ㅣ]\s")
#: What else parts a title, where the headline is its longest part: a double hyphen, a
#: breadcrumb's ``>`` (``Site.com > Sports -- Headline``), a colon after a word (``Place:
#: Headline``).
MORE_PARTS = re.compile(r"\s--\s|\s>\s|(?<=[^\W_]):\s")
#: The title sources a page's structured data gives (a site's tags may give its name there).
_STRUCTURED_TITLES = frozenset({"json-ld headline", "og:title", "twitter:title"})
#: Headings searched for the story's heading under a section's ``h1``.
MAX_NAMED_HEADINGS = 20
#: Longest text of a heading's element read as its dateline (:func:`heading_text`).
MAX_DATED_PART = 80
#: An element named a day or a time (``class="timestamp"``, ``post-date``), and a clock.
_DATED_CLASS = re.compile(r"date|time|stamp|posted|published", re.I)
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}|\d{1,2}\s?[ap]\.?m\b", re.I)
#: A part in square brackets ending a title, with the space before it (``Headline [Site]``).
_BRACKETED = re.compile(r"\s+\[([^\[\]]{1,60})\]\s*$")


def title_of(head: Head, sites: set[str]) -> tuple[str | None, str]:
    """The headline the page's sources agree on. Each source gives one text (the JSON-LD
    ``headline``, ``og:title``, ``twitter:title``, the visible ``h1``, the ``<title>``, the
    ``WT.ti`` tag); a text
    that holds another one plus a separated part (``Headline | Site``, ``Kicker: Headline``)
    or that another one cuts short (``Headline…``) counts for that one. The text most sources
    give wins; a tie goes to the better source, in the order above, unless the two tied texts
    are one headline behind different kickers: then that headline wins. A page whose ``h1`` is
    hidden (or missing) offers its first ``h2`` that agrees with another source instead, and
    a page with no such heading an ``h3`` that is a title's longer part (:func:`_titled_h3`)."""
    data = head.structured
    offered = [("json-ld headline", jsonld_text((data.article or {}).get("headline"))),
               ("og:title", data.meta.get("og:title")),
               ("twitter:title", data.meta.get("twitter:title")),
               ("title", head.page_title), ("wt.ti", data.meta.get("wt.ti"))]
    texts = [(source, _unprefixed(clean(text)[:MAX_TITLE], sites))
             for source, text in offered if text]
    texts = [(source, text) for source, text in texts if text]
    if (tagged := dict(texts).get("wt.ti")) and len(tagged) >= MIN_TAGGED:
        # the <title>'s last part, however long the site's part before it (``Station Name -
        # Slogan | Headline``): the tag reports the headline alone
        texts = [(source, tagged if source == "title" and _last_part(text, tagged) else text)
                 for source, text in texts]
    texts, names = _without_site_names(texts, sites)
    sites = sites | names  # the site's name its tags give, to cut from the <title>
    if not texts and head.found.title:
        texts = [("trafilatura title", clean(head.found.title)[:MAX_TITLE])]
    others = [text for _, text in texts]
    # ``Blog » Post``? The <title> the only title source, or og:title and twitter:title its
    # copies word for word (as TypePad's themes write them)
    if "title" in dict(texts) and len({text for source, text in texts if source != "wt.ti"}) == 1:
        for heading in head.headlines:
            if post := _blog_post(heading, others, head, sites):
                return post, "h2 (the title hangs it after the site's name, the h1)"
    # a heading that names only the site's part of a title is the masthead, no vote for it
    mastheads = {h for h in head.headlines or head.subheads if masthead(h, others, sites)}
    agreeing = (h for h in head.headlines or head.subheads if h not in mastheads
                and any(h == o or _stands_for(o, h) or _stands_for(h, o) for o in others))
    headline, source = next(agreeing, None), "h1" if head.headlines else "h2"
    agreed = headline
    if not headline and head.headlines and not _site_part(head.headlines[0], others) and \
            (named := _named_heading(head, others, sites, mastheads, ("h2",))):
        headline, source = named, "h2 (no title source names the h1)"
    if not headline and (part := _titled_h3(head, others, sites)):
        headline, source = part, "h3"  # and the titles it is a part of count for it
        texts = [(name, part if _longer_part(text, part) else text) for name, text in texts]
    # an h1 no title source names, unless the page prints a title source's text over its
    # dateline or byline (:attr:`Head.shown_title`): then the h1 is a box's (``Other News``)
    shown = head.shown_title and loose(head.shown_title) in {loose(text) for text in others}
    if not headline and not shown:
        headline = next((h for h in head.headlines
                         if heading_words(h) >= 3 and h not in mastheads), None)
    if headline:
        texts.insert(3, (source, headline))
    if not texts:
        return _over_the_text(head, sites) or (None, "")
    votes = _votes(texts, {})
    if max(map(_weight, votes.values())) < 2 and len(votes) > 1:  # do two share a headline?
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
    body = _over_the_text(head, sites)
    if head.line_headline and body:
        return body  # the page prints what the title names in links only: a menu's item
    if head.shown_title and _shown_part(head.shown_title, best, head.page_title, sites):
        return head.shown_title, f"{', '.join(votes[best])} (the part the page shows)"
    if body:
        return body
    named = [strip_site(text, sites) for source, text in texts
             if source not in ("h1", "h2", "h3")]
    shown = next((h for h in head.shown_headlines if _names_shown(h, named, sites)), None)
    if shown and not any(_names_in_full(text, shown) for text in others) and \
            _named_heading(head, others, sites, mastheads, ("h2", "h3")):
        shown = None  # a section's h1 (``Politics``) over the story's heading the titles name
    if shown and loose(shown) != loose(strip_site(best, sites)):
        differs = [source for source, text in texts if loose(shown) != loose(text)
                   and not _stands_for(text, shown)]
        return shown, f"h1 (dated or signed under it; {', '.join(differs)} differ)"
    if post := _post(head, best, named, sites, others, agreed):
        return post
    differs = [source for source in order if source not in votes[best]]
    notes = [note] if note else []
    if differs:
        notes.append(f"{', '.join(differs)} differ{'s' * (len(differs) == 1)}")
    note = f" ({'; '.join(notes)})" if notes else ""
    return strip_site(best, sites), ", ".join(votes[best]) + note


def heading_text(element) -> str:
    """A heading's text without the day it prints in an element of its own at its start or its
    end (``<h1>Headline <span class="date">Jan. 5, 2010 10:32 AM</span></h1>``, a ``<time>``,
    ``<small>(14/01/2008)</small>``, a clock in an element named so, ``<span
    class="timestamp">10:32 AM</span>``): a dateline set in the heading, no part of the headline.
    A day inside the heading's text (``Four short links: 6 November 2012``), or a heading that
    is all one element, keeps it."""
    text = " ".join(element.text_content().split())
    children = [child for child in element if isinstance(child.tag, str)]
    if not children or not any(char.isdigit() for char in text):
        return text
    for child, first in ((children[-1], False), (children[0], True)):
        if (first and (element.text or "").strip()) or (not first and (child.tail or "").strip()):
            continue  # text of the heading's own before (after) it
        own = " ".join(child.text_content().split())
        named = _DATED_CLASS.search(f"{child.get('class', '')} {child.get('id', '')}")
        if not own or len(own) > MAX_DATED_PART or not (child.tag == "time" or shown_days(own)
                                                         or (named and _CLOCK.search(own))):
            continue
        rest = text[len(own):] if first else text[:-len(own)]
        if len(rest.split()) >= 2 and (text.startswith(own) if first else text.endswith(own)):
            return rest.strip(" |–—-·•,")
    return text


def _without_site_names(texts: list, sites: set[str]) -> tuple[list, set[str]]:
    """The title sources without the JSON-LD headline, ``og:title`` or ``twitter:title`` that is
    only a name of the site (its ``og:site_name``, its host's, the ``<title>``'s site part:
    ``The Daily Courier`` beside ``Headline | The Daily Courier``), where another source names
    more: the site's name is no headline, however many of its tags repeat it. And those names,
    loosely."""
    titles = [text for source, text in texts if source == "title"]
    named = {source: loose(text) for source, text in texts if source in _STRUCTURED_TITLES
             and (loose(text) in sites or masthead(text, titles, sites))}
    if named and any(source not in named and loose(strip_site(text, sites)) not in sites
                     for source, text in texts):
        return [(source, text) for source, text in texts if source not in named], \
            set(named.values())
    return texts, set()


def _named_heading(head: Head, titles: list[str], sites: set[str], mastheads: set[str],
                   tags: tuple[str, ...]) -> str | None:
    """The first heading of ``tags`` (among the page's first ``h1`` to ``h3``) whose whole text
    a title source gives (itself, with a part hung on, or as its longer part), not the site's
    name: the story's heading, where the ``h1`` over it names a section."""
    for element in head.headings[:MAX_NAMED_HEADINGS]:
        if element.tag not in tags:
            continue
        text = heading_text(element)[:MAX_TITLE]
        if len(text.split()) < 2 or text in mastheads or loose(text) in sites:
            continue
        if any(_names_in_full(title, text) for title in titles):
            return text
    return None


def _site_part(heading: str, titles: list[str]) -> bool:
    """Whether ``heading`` is a title's first or last part and not its longest (``Site`` of
    ``Headline | Site``): the site's masthead, whose title the site's name is cut from as ever
    (:func:`strip_site`, the site's habits), not a section's heading."""
    key = loose(heading)
    for title in titles:
        parts = [part for part in TITLE_PARTS.split(title) if part.strip()]
        if len(parts) > 1 and key in (loose(parts[0]), loose(parts[-1])) and \
                len(heading) < max(map(len, parts)):
            return True
    return False


def _names_in_full(title: str, text: str) -> bool:
    """Whether ``title`` is ``text``, or ``text`` with a part hung on (``Kicker: text | Site``)."""
    return loose(title) == loose(text) or _stands_for(title, text) or _longer_part(title, text)


def _last_part(title: str, part: str) -> bool:
    """Whether ``part`` ends ``title`` after a separator (``Site - Slogan -Headline``)."""
    return title.endswith(part) and title[:-len(part)].rstrip()[-1:] in TITLE_SEPARATORS


def _shown_part(shown: str, best: str, title: str | None, sites: set[str]) -> bool:
    """Whether the title part the page shows as its headline (:attr:`Head.shown_title`) is
    a part of the text chosen or a part's longest piece (:data:`MORE_PARTS`: ``Site.com >
    Sports -- Headline``, ``Place: Headline``), or a longer part of the ``<title>`` than the
    part chosen whose rest names the site (a section's heading, ``Headline - Section | Site``
    over ``<h2>Section</h2>``; not ``Post | Blog Name`` over the blog's name)."""
    key = loose(shown)
    if key in {loose(part) for piece in TITLE_PARTS.split(best)
               for part in (piece, max(MORE_PARTS.split(piece), key=len)) if part.strip() != best}:
        return True
    parts = {loose(part) for part in TITLE_PARTS.split(title or "")}
    rest = loose(title).replace(key, "", 1)
    return len(parts) > 1 and key in parts and loose(best) in parts and len(shown) > len(best) \
        and any(len(site) > 3 and site in rest for site in sites)


def _post(head: Head, best: str, named: list[str], sites: set[str], titles: list[str],
          agreed: str | None) -> tuple[str, str] | None:
    """A blog's post heading (:attr:`Head.post_heading`) with its source, when it is not the
    headline chosen and either the title sources name it (half its words theirs: ``Taurus
    Judge`` for ``Taurus Judge “Public Defender”``; a part of the ``<title>``) or the page
    states no headline in its markup and its ``<title>`` is missing or names only the site (a
    name of it, or its logo's text). A heading with a day under it needs no ``h1`` that a title
    source names (that ``h1`` is the headline, the heading its deck) but a logo, which links to
    the site's home page. A text chosen that is the heading with a part hung on (``Post |
    Site``) stays as it is: the site's habits learn that part and cut it."""
    post = head.post_heading
    if not post or loose(post) == loose(strip_site(best, sites)) or _stands_for(best, post) or \
            loose(post) in sites or \
            masthead(post, titles, sites) or (agreed and not head.post_quoted
                                              and loose(agreed) not in head.home_headings):
        return None
    data = head.structured
    untitled = not (jsonld_text((data.article or {}).get("headline"))
                    or data.meta.get("og:title") or data.meta.get("twitter:title"))
    title = head.page_title
    site = not title or loose(strip_site(title, sites)) in sites | head.home_headings
    parts = {loose(part) for part in TITLE_PARTS.split(title or "")}  # ``Post « Blog``
    if _names_shown(post, named, sites) or loose(post) in parts or (untitled and site):
        why = "the readers' comments quote it" if head.post_quoted else "dated or signed under it"
        return post, f"post heading ({why})"
    return None


def _unprefixed(title: str, sites: set[str]) -> str:
    """``title`` without a separator it starts with, and then without the site's name hung on
    its end by a space: WordPress's ``wp_title`` prints its separator before the post's title,
    and many themes print the blog's name after it (``» Post Blog``, ``» Post :blog``). A
    separator with nothing before it parts nothing from the headline."""
    match = _LEADING.match(title)
    if not match:
        return title
    title = title[match.end():]
    for cut in range(len(title) - 1, MIN_HEADLINE - 1, -1):
        if title[cut] == " " and loose(title[cut:]) in sites:
            return title[:cut].rstrip()
    return title


def _titled_h3(head: Head, titles: list[str], sites: set[str]) -> str | None:
    """The first ``h3`` that is a title's first or last part and the longer one, not the
    site's name (``Blog Name: Post`` over ``<h3 class="post-title">Post</h3>``, as Blogger's
    themes print a post): a colon parts the title here, as the heading shows where."""
    for element in head.headings:
        if element.tag != "h3":
            continue
        text = " ".join(element.text_content().split())[:MAX_TITLE]
        if heading_words(text) < 2 or loose(text) in sites or masthead(text, titles, sites):
            continue
        if any(_longer_part(title, text) for title in titles):
            return text
    return None


def _longer_part(title: str, text: str) -> bool:
    """Whether ``text`` is ``title``'s first or last part, after or before a separator, and
    longer than the rest (``Blog Name: Post``)."""
    rest = title[len(text):].lstrip() if title.startswith(text) else \
        title[:-len(text)].rstrip()[::-1] if title.endswith(text) else ""
    return rest[:1] in TITLE_SEPARATORS and len(rest) > 1 and len(text) > len(rest)


def _over_the_text(head: Head, sites: set[str]) -> tuple[str, str] | None:
    """The heading over the first paragraph, or the text over the byline over it, on a page
    whose ``<title>`` names only the site, or the bold line over it, on a page whose
    ``<title>`` names only the site or a section (:func:`line_titled`), with its source."""
    for body, source, titled in ((head.body_headline, BODY_HEADLINE, site_only),
                                 (head.byline_headline, BYLINE_HEADLINE, site_only),
                                 (head.named_headline, NAMED_HEADLINE, site_only),
                                 (head.line_headline, LINE_HEADLINE, line_titled)):
        if body and loose(body) not in sites and titled(head.page_title, body, sites):
            return body, source
    return None


def site_only(title: str | None, body: str, sites: set[str]) -> bool:
    """Whether the ``<title>`` leaves the headline to the heading over the first paragraph: it
    is missing, only the site's name, holds that heading (``Site - Headline``), or is short or
    a list (two commas or more) and shares none of its words, not even an article's (a site's
    or a section's name: ``580 CFRA - News Talk Radio``, ``Nation & World``; the site's
    description, however long: ``Summit Daily News for Breckenridge, Keystone, Copper and
    Frisco``, ``World Soccer. All the top soccer news daily, Euro 2008, Serie A``). A long
    title that lists nothing is a headline, whatever heading is over the text (a comments'
    heading, ``4 comments on “Post”``)."""
    if not title or loose(strip_site(title, sites)) in sites or loose(body) in loose(title):
        return True
    words = {loose(word) for word in body.split()} - {""}
    return (len(title.split()) <= MAX_SITE_WORDS or title.count(",") >= MIN_LISTED) and \
        not words & {loose(word) for word in title.split()}


def line_titled(title: str | None, line: str, sites: set[str]) -> bool:
    """Whether the ``<title>`` leaves the headline to the bold line over the first paragraph
    (:func:`bold_line`): it is missing or only the site's name, ends or starts with the line
    at a separator and its rest names the site (``Site - Section - Headline``; not ``Post |
    Slogan`` over the slogan printed bold), or names only the site and a section or a
    slogan: none of its words the line's (but the site's name's), a list of what the site
    covers where it names the site (``Site - News, Sports, Weather``), else a few words
    (:data:`MAX_SITE_WORDS` at most), fewer than the line's where it names the site (``Site -
    Local News``, ``Daily Times - Leading News Resource of Pakistan``, ``Welcome to Site``),
    half as many at most where it does not (``Ask The Doctor``, ``Home``). A bold line is many
    pages' deck, box title or caption, so a title that may be the headline (as long as the
    line, or sharing a word with it) is kept, where a heading of the markup's would win
    (:func:`site_only`)."""
    names = [site for site in sites if len(site) > 3]
    if any(site in loose(line) for site in names):  # the site's masthead or slogan
        return False
    rest = strip_site(title, sites) if title else ""
    if not title or loose(rest) in sites or \
            any(site in loose(end) for end in _ends_with(title, line) for site in names):
        return True
    named = rest != title or any(site in loose(rest) for site in names)
    listed = rest.count(",") >= MIN_LISTED  # ``Site - News, Sports, Weather``
    if listed and not named:
        return False
    # the words that are no part of the site's name it holds (a local paper's headline may
    # name its town, as the paper's name does)
    words = [key for key in map(loose, rest.split())
             if key and not (named and any(key in site for site in names))]
    if (len(words) > MAX_SITE_WORDS and not listed) or set(words) & _words(line):
        return False
    # a title that names the site is shorter than the line (``Site - Slogan``, ``Welcome to
    # Site``); one that does not, half as long at most (a section's name, ``Home``)
    return listed or (len(words) < len(line.split()) if named
                      else 2 * len(words) <= len(line.split()))


def _ends_with(title: str, line: str) -> list[str]:
    """The rest of ``title``, where it ends or starts with ``line``'s words, a separator between
    them and the rest (``Site - Section - Headline``, ``Site: Column: Headline``)."""
    words, own = title.split(), line.split()
    keys, key = [loose(word) for word in words], [loose(word) for word in own]
    if len(own) >= len(words):
        return []
    if keys[-len(own):] == key and (words[-len(own) - 1][-1] in TITLE_SEPARATORS):
        return [" ".join(words[:-len(own)])]
    if keys[:len(own)] == key and (words[len(own)] in TITLE_SEPARATORS
                                   or words[len(own) - 1][-1] in TITLE_SEPARATORS):
        return [" ".join(words[len(own):])]
    return []


def _names_shown(shown: str, others: list[str], sites: set[str]) -> bool:
    """Whether the other title sources name the shown headline: at least half of its words
    are theirs (a logo, a section or a widget above a dateline shares none, or is the site's
    name: the site, or a shorter part of a title, ``Headline - Site``)."""
    key = loose(shown)
    if key in sites or masthead(shown, others, sites):
        return False
    for text in others:
        parts = [part for part in TITLE_PARTS.split(text) if part]
        if len(parts) > 1 and any(loose(part) == key for part in parts
                                  if len(part) < max(map(len, parts))):
            return False
    words = {loose(word) for word in shown.split()} - {""}
    theirs = {loose(word) for text in others for word in text.split()}
    return bool(words) and 2 * len(words & theirs) >= len(words)


def masthead(heading: str, titles: list[str], sites: set[str]) -> bool:
    """Whether ``heading`` names only the site's part of a title: it is the masthead (``The
    Valley Courier Online`` over ``Headline | The Valley Courier``), not the headline. A
    site's part is a title's first or last part, shorter than its longest, that holds a name of
    the site (a title's first part is as often a short headline: ``Hanna i Uddevalla försvunnen
    – polisen ber om tips``); half the heading's words or more are that part's, and none of the
    rest are the other parts'. A heading that is one of the site's names is its masthead
    however long the title's other part (``Blog Name – Post``, a post's short title)."""
    if loose(heading) in sites:
        return True
    words = _words(heading)
    for title in titles if words else ():
        parts = [part for part in TITLE_PARTS.split(title) if part and part.strip()]
        if len(parts) < 2:
            continue
        longest = max(map(len, parts))
        for index in sorted({0, len(parts) - 1}):
            part, key = parts[index], loose(parts[index])
            if len(part) >= longest or not any(len(site) > 3 and site in key
                                               for site in sites):
                continue
            own = _words(part)
            rest = {word for other in parts[:index] + parts[index + 1:] for word in _words(other)}
            if 2 * len(words & own) >= len(words) and not (words - own) & rest:
                return True
    return False


def _blog_post(heading: str, titles: list[str], head: Head, sites: set[str]) -> str | None:
    """The post's title, when ``heading`` is a blog's name that a title hangs it after (``Blog
    » Post``, ``Blog » Blog Archive » Post``, ``Blog: Post``, as blog themes write their
    ``<title>``): the rest, or its last part under a logo, shown as a heading of its own below
    the blog's name (the blog's name the ``h1``, the post's an ``h2`` or ``h3``). A rest shorter
    than the name (``Blog Name: Backwards!``) needs an ``h1`` that is a name of the site or
    links to its home page, and is one part and no name of the site: a site's name shown under
    an ``h1`` headline (``Headline - Site Business Journal``) is not the post's."""
    rests = [title[len(heading):].lstrip() for title in titles if title.startswith(heading)]
    rests = [rest[1:].strip() for rest in rests if rest[:1] in TITLE_SEPARATORS]
    # the rest, or, under a logo (a link to the home page), its last part: ``Blog » Blog
    # Archive » Post`` (WordPress's default theme)
    logo = loose(heading) in head.home_headings
    named = logo or loose(heading) in sites  # the h1 is the blog's name, or its logo
    rests = {loose(part) for rest in rests if len(rest) > len(heading) or (
                 named and rest and loose(rest) not in sites
                 and len(TITLE_PARTS.split(f" {rest} ")) == 1)
             for part in (rest, [p for p in TITLE_PARTS.split(rest) if p.strip()][-1])[:1 + logo]}
    below = False
    for element in head.headings if rests else ():
        text = " ".join(element.text_content().split())[:MAX_TITLE]
        if element.tag == "h1":
            below = below or text == heading
        elif below and loose(text) in rests:
            return text
    return None


def _words(text: str) -> set[str]:
    return {loose(word) for word in text.split()} - {""}


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
        votes.setdefault(spelling.setdefault(loose(core), core), []).append(source)
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
    day: ``Headline 29 August, 2011`` is a heading with its dateline, nor before a separator:
    ``Suns At Jazz, 9 P.m.`` is not cut from ``Suns At Jazz, 9 P.m. - NBA News``), or
    ``other`` marked as cut (``Headline...``: a source's field cut to its length, the cut at
    the end); an ellipsis is no more of a headline. The last part of a text is the headline
    only when it is the longer one: in ``Headline | Site`` the site's name (an ``h1`` on many
    blogs) is not."""
    if len(other) < 8:
        return False
    position = text.find(other)
    if position >= 0 and len(other) < len(text):
        before, after = text[:position].rstrip(), text[position + len(other):].lstrip()
        if not before and len(other) >= 20 and _ELLIPSIS.fullmatch(after):
            return True
        return ((not before or (before[-1] in PREFIX_SEPARATORS
                                and (bool(after) or len(other) > len(before))))
                and (not after or after[0] in TITLE_SEPARATORS))
    short = text.rstrip(".… ")
    rest = other[len(short):].lstrip() if other.startswith(short) else ""
    tail = rest.lstrip(".… ")  # ``Headline. | Site`` hangs a part on ``Headline.``: no cut
    return len(short) >= 20 and not _ELLIPSIS.fullmatch(rest) and bool(rest) \
        and not (tail and tail[0] in TITLE_SEPARATORS) and not first_day(rest[:DATELINE_CHARS])


def strip_site(title: str, sites: set[str]) -> str:
    """A title without the site's name hung on its end or its start (``Headline | Site``), or
    in square brackets on its end (``Headline [Site]``: a bracket of another kind, ``[VIDEO]``,
    ``[Pics]``, is the headline's)."""
    if (bracket := _BRACKETED.search(title)) and loose(bracket[1]) in sites and \
            len(title[:bracket.start()]) >= MIN_HEADLINE:
        return title[:bracket.start()]
    for cut in range(len(title) - 1, 0, -1):
        if title[cut] in TITLE_SEPARATORS and title[cut - 1] == " " and \
                loose(title[cut:]) in sites:
            return title[:cut].rstrip()
    for cut in range(1, len(title)):
        if title[cut - 1] in TITLE_SEPARATORS and title[cut:cut + 1] == " " and \
                loose(title[:cut]) in sites:
            return title[cut:].lstrip()
    return title


#: What prints a line bold or large on a page of before CSS: the tags, a ``<font>`` of a larger
#: size (``size="+2"``, ``size="4"``: 3 is the default), a style that says so, a class or id
#: that names a title (``<p class="title3">``; not a subtitle).
_BOLD_TAGS = frozenset({"b", "strong", "big", "h4", "h5", "h6"})
_LARGE_FONT = re.compile(r"\s*(?:\+[1-7]|[4-7])\s*$")
_BOLD_STYLE = re.compile(r"font-weight:(?:bold|[6-9]00)|font-size:(?:x*-?large|1[6-9]px|"
                         r"[2-9]\dpx|1[3-9]pt|[2-9]\dpt|1\.[3-9]em|[2-9](?:\.\d+)?em)")
_TITLE_NAME = re.compile(r"(?:title|headline|heading)\d*$")
#: The elements that break a line: a line is alone between them, or between ``<br>``.
_BLOCKS = frozenset({"p", "td", "th", "div", "center", "li", "dd", "dt", "blockquote", "body",
                     "table", "tr", "tbody", "ul", "ol", "dl", "form", "h1", "h2", "h3", "h4",
                     "h5", "h6", "hr", "br", "img"})
#: Elements read from a text up to its block; texts outside links between the line and the
#: first paragraph (a dateline, a byline, a credit, the lead's first short sentence), and the
#: most words of one that is no sentence, day or byline.
MAX_LINE_LEVELS = 6
MAX_UNDER_LINE = 3
MAX_PASSED_WORDS = 5
#: What ends no headline: a sentence, a question (a FAQ's, an interview's), a label, a list.
_NO_HEADLINE_END = tuple(".!?:,;")
#: What may close a line after its last word: quotes, brackets.
_CLOSING = "\"'”’»)] "
#: A credit inside a line (``A Film by ...``, ``Translated by ...``).
_CREDITED = re.compile(r"(?:^|\s)[Bb][Yy]:?\s+\w")


def bold_line(over: list | None) -> tuple[str, object] | None:
    """The line printed bold or large on its own (between blocks or ``<br>``: ``<td><font
    size="+2"><b>Headline</b></font></td>``, ``<span style="font-size:18px">Headline</span>
    <br>``) nearest over the page's first paragraph, up to :data:`MAX_UNDER_LINE` texts outside
    links between them, each a day, a byline, a sentence or a few words (a dateline, a credit,
    a toolbar); of three words or more, not a sentence, a question, a label, a day or a credit;
    its text and the element that holds it. ``over``: the texts over the first paragraph, each
    with the element that holds it (a tail's: the element it follows is in it), nearest last.
    Old pages print their story's headline so, in no heading, under a ``<title>`` that names
    the site or a section (:func:`line_titled`)."""
    between = 0
    for text, parent in reversed(over or ()):
        line = " ".join(text.split())
        if _headline_like(line) and _set_off(parent, line, text == parent.text):
            return line, parent
        if parent.tag == "a" or getattr(parent.getparent(), "tag", None) == "a":
            continue
        between += 1
        if between > MAX_UNDER_LINE or not (
                len(line.split()) <= MAX_PASSED_WORDS or line.rstrip(_CLOSING).endswith(
                    tuple(".!?")) or SIGNED.match(line) or first_day(line[:DATELINE_CHARS])):
            return None
    return None


def _headline_like(line: str) -> bool:
    words = [word for word in line.split() if sum(ch.isalnum() for ch in word) >= 2
             and any(ch.isalpha() for ch in word)]
    return len(words) >= 3 and len(line) <= MAX_TITLE and \
        not line.rstrip(_CLOSING).endswith(_NO_HEADLINE_END) and \
        not _CREDITED.search(line) and not first_day(line[:DATELINE_CHARS])


def _set_off(parent, line: str, own: bool) -> bool:
    """Whether ``line``, ``parent``'s text (``own``) or a tail in it, is bold or large and alone
    on its line: the elements from it up to its block hold nothing else, and each is between
    breaks (a block, a ``<br>``, the block's start or end), outside a link."""
    if not own:  # a tail is in no element of its own: only a block's whole text is alone
        return False
    element, bold = parent, False
    for _ in range(MAX_LINE_LEVELS):
        if element is None or not isinstance(element.tag, str) or element.tag == "a":
            return False
        tag = element.tag
        names = f"{element.get('class', '')} {element.get('id', '')}".lower()
        style = (element.get("style") or "").replace(" ", "").lower()
        styled = bool(_BOLD_STYLE.search(style)) or (
            "sub" not in names and any(_TITLE_NAME.search(name) for name in names.split()))
        if tag in _BLOCKS and tag not in ("h4", "h5", "h6"):  # a styled block: all of it
            return bold or (styled and _alone(element, line))
        bold = bold or styled or tag in _BOLD_TAGS or (
            tag == "font" and bool(_LARGE_FONT.match(element.get("size") or "")))
        if not _alone(element, line) or not _broken(element):
            return False
        element = element.getparent()
    return False


def _broken(element) -> bool:
    """Whether nothing but breaks is printed right before and right after ``element`` in its
    parent (comments are skipped)."""
    parent = element.getparent()
    if parent is None or (element.tail or "").strip():
        return False
    before = element.getprevious()
    while before is not None and not isinstance(before.tag, str):  # a comment
        if (before.tail or "").strip():
            return False
        before = before.getprevious()
    if before is None:
        if (parent.text or "").strip():
            return False
    elif before.tag not in _BLOCKS or (before.tail or "").strip():
        return False
    after = element.getnext()
    while after is not None and not isinstance(after.tag, str):
        after = after.getnext()
    return after is None or after.tag in _BLOCKS


def _alone(element, line: str) -> bool:
    """Whether ``element``'s text is ``line`` and nothing more (read no further than that)."""
    want, seen = len(loose(line)), 0
    for text in element.itertext():
        seen += len(loose(text))
        if seen > want:
            return False
    return seen == want
