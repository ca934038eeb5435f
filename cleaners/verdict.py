"""Is a fetched page an article or a hub (a front page, a section, a tag or author page, a list)?
Asked of the page itself, as a reader would: what it says it is (a schema.org article or list
type, ``og:type`` article), and else the cleaner's own verdict: enough prose, a headline, a
date, and text that is not mostly the headlines of other pages.

Bytes in, as the cleaner takes them: ``add-site`` and ``check-seed`` ask it of the pages they
sample, the crawl of the pages its seed's pattern leaves out (a site that changed its URLs)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsel import Selector

import cleaners
from cleaners.declared import ARTICLE_TYPES, declared_types
from cleaners.decode import decode
from cleaners.document import NotArticle
from cleaners.extract import parse

#: Words of clean text an article has at least, when only the cleaner can tell.
ARTICLE_WORDS = 120
#: An article that says it is one still has some text (a photo story's caption and lead).
DECLARED_WORDS = 30
#: Pages that say they list others, by their schema.org type.
HUB_TYPES = {"collectionpage", "itemlist", "searchresultspage", "profilepage", "website",
             "aboutpage", "contactpage"}
#: A page whose clean text is mostly teasers (a lead beside a link to its story) is a list;
#: a teaser's container holds at most this many times the lead's text (a headline, a date).
TEASER_SHARE = 0.5
TEASER_SPAN = 3
_URL_DATE = re.compile(r"/(?:19|20)\d\d[/-]?(?:0[1-9]|1[0-2])[/-]?(?:0[1-9]|[12]\d|3[01])(?:/|\D)")


#: What the cleaner says of a page that is neither: a broken or binary body.
UNREADABLE = {"binary", "empty", "unparseable"}


@dataclass(frozen=True)
class Verdict:
    #: None: the page cannot tell (a body cut short, binary), so it proves nothing either way.
    article: bool | None
    why: str
    title: str | None = None
    language: str | None = None
    words: int = 0


def judge(body: bytes, url: str, headers: list[tuple[str, str]]) -> Verdict:
    """The verdict on an HTML page, with the reason in a few words."""
    content_type = next((v for k, v in headers if k.lower() == "content-type"), None)
    try:
        tree = parse(decode(body, content_type)[0])
    except NotArticle as exc:
        return Verdict(None if exc.reason in UNREADABLE else False, f"the cleaner: {exc.reason}")
    if tree is None:
        return Verdict(None, "the cleaner: unparseable")
    page = Selector(root=tree)
    og_type, types = declared_types(page)
    try:
        document = cleaners.clean(body, url, headers)
    except cleaners.NotArticle as exc:
        document, failure = None, exc.reason
    words = document.word_count if document else 0
    title = document.title if document else None
    language = document.language if document else None
    said = [t for t in types if t.lower() in ARTICLE_TYPES]
    if said or og_type == "article":
        how = f"JSON-LD {said[0]}" if said else "og:type article"
        if words >= DECLARED_WORDS:
            return Verdict(True, how, title, language, words)
        return Verdict(None, f"{how}, but {words} words of text", title, language, words)
    # og:type "website" is many a CMS's default on every page: the cleaner tells then.
    if listing := [t for t in types if t.lower() in HUB_TYPES]:
        return Verdict(False, f"JSON-LD {listing[0]}", title, language, words)
    if document is None:
        return Verdict(None if failure in UNREADABLE else False, f"the cleaner: {failure}")
    teasers = _teaser_share(page, document.text)
    missing = [what for what, ok in (
        (f"{words} words", words >= ARTICLE_WORDS), ("no headline", bool(title)),
        ("no date", _dated(page, url)),
        (f"{teasers:.0%} of its text is teasers of other pages", teasers < TEASER_SHARE))
        if not ok]
    if missing:
        return Verdict(False, "the cleaner: " + ", ".join(missing), title, language, words)
    return Verdict(True, f"the cleaner: {words} words, a headline, a date", title, language,
                   words)


def _dated(page: Selector, url: str) -> bool:
    """A publication date in the markup (``<time datetime>``, a published-time meta tag or
    microdata) or in the URL (``/2025/01/02/``). Not a date found anywhere in the text: a
    copyright year would do for that."""
    if _URL_DATE.search(url):
        return True
    return bool(page.xpath(
        "//time[@datetime] | //meta[@property='article:published_time' or "
        "@itemprop='datePublished' or @name='date' or @name='pubdate' or "
        "@name='publish-date'] | //*[@itemprop='datePublished']"))


def _teaser_share(page: Selector, text: str) -> float:
    """How much of the clean text sits in teasers: a block right next to a link to another
    page, in a container not much larger than itself (a section page's lead under its
    headline). An article's paragraphs share one large container with whatever links it has."""
    lines = {" ".join(line.split()) for line in text.splitlines() if len(line) >= 40}
    if not lines:
        return 0.0
    blocks = {}
    for element in page.xpath("//body//*[not(self::a)]"):
        key = " ".join(" ".join(element.xpath(".//text()").getall()).split())
        if key in lines:
            blocks[key] = element.root  # the innermost holder comes last in document order
    teaser = 0
    for line, element in blocks.items():
        inner = set(element.iter())
        for holder in list(element.iterancestors())[:4]:
            links = [a for a in holder.iter("a") if a not in inner and
                     (a.get("href") or "#")[:1] not in "#" and
                     not a.get("href", "").startswith(("javascript:", "mailto:"))]
            if links:
                size = len(" ".join("".join(holder.itertext()).split()))
                teaser += len(line) if size < TEASER_SPAN * len(line) else 0
                break
    return teaser / sum(len(line) for line in lines)
