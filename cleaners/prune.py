"""Widgets in the HTML tree: elements that sit *inside* the content container, where
trafilatura's own pruning does not reach (share bars, ad slots, newsletter boxes, headline lists,
ad labels followed by related posts, "read also" links). Each is returned with its rule name;
:mod:`cleaners.widgets` then cuts the lines of trafilatura's text that only they hold.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import html as lxml_html
from lxml.etree import XPath

from cleaners.document import Removal
from cleaners.lines import READ_ALSO, count_words, is_ad_label
from cleaners.siterules import SiteRules

#: Class/id words of widgets, matched against the parts of obfuscated names too
#: (``styles_shareBar__x7Gh2`` → styles, share, bar, x7gh2). Not "paywall": sites put it on the
#: paragraphs behind the paywall, that is on the article (``<p class="paywall">``).
WIDGET_WORDS = {
    "share": "share-widget", "sharing": "share-widget", "social": "share-widget",
    "sharebar": "share-widget", "socials": "share-widget",
    # share-button services (the rest begin with "share" or "social": see SHARE_PREFIXES)
    "addthis": "share-widget", "addtoany": "share-widget", "a2a": "share-widget",
    "sociable": "share-widget",
    "advert": "ad-widget", "advertisement": "ad-widget", "ads": "ad-widget", "ad": "ad-widget",
    "adslot": "ad-widget", "sponsored": "ad-widget", "promo": "ad-widget",
    "newsletter": "subscribe-widget", "subscribe": "subscribe-widget",
    "subscription": "subscribe-widget", "donate": "subscribe-widget",
    "donation": "subscribe-widget",
    "breadcrumb": "navigation-widget", "breadcrumbs": "navigation-widget",
    # The same widgets named in the languages of the sites we crawl (de, fr, es, it, pt, nl, pl,
    # cs, sv, da): class names are mostly English, but not everywhere.
    "teilen": "share-widget", "partage": "share-widget", "partager": "share-widget",
    "compartir": "share-widget", "condividi": "share-widget", "compartilhar": "share-widget",
    "delen": "share-widget", "udostepnij": "share-widget", "sdilet": "share-widget",
    "werbung": "ad-widget", "anzeige": "ad-widget", "publicite": "ad-widget",
    "publicidad": "ad-widget", "pubblicita": "ad-widget", "publicidade": "ad-widget",
    "advertentie": "ad-widget", "reklama": "ad-widget", "reklame": "ad-widget",
    "annons": "ad-widget", "annonce": "ad-widget",
    "abonnieren": "subscribe-widget", "abonnement": "subscribe-widget",
    "suscripcion": "subscribe-widget", "abbonamento": "subscribe-widget",
    "assinatura": "subscribe-widget", "prenumerata": "subscribe-widget",
    "predplatne": "subscribe-widget", "nyhetsbrev": "subscribe-widget",
    "nieuwsbrief": "subscribe-widget",
}
#: Words run together into one class name (``sharebox``, ``socialdock``, ``shareaholic``,
#: ``sharedaddy``) are share bars too; "shared" alone is an adjective (``shared-content``).
SHARE_PREFIXES = ("share", "social")
#: Text a widget may hold (a newsletter box, an ad slot's label, a share bar).
WIDGET_CHARS = 300
#: A paragraph longer than this (characters), under 30% of it linked, is prose: not a teaser,
#: a caption or a label.
PROSE_CHARS = 150
_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")
WIDGET_TAGS = ("ul", "ol", "div", "section", "aside", "nav", "p", "span", "a", "button",
               "figure")
#: Embedded posts (tweets, Instagram) are quoted in the story; their "social" classes lie.
_QUOTE = XPath("ancestor-or-self::blockquote | .//blockquote")


#: Only paragraphs with a link can be "read also" links (a C-level filter: cheaper than looking
#: at every paragraph's text in Python).
_LINKED_PARAGRAPHS = XPath("//p[.//a]")
_CARD = XPath(".//a//img | .//h2//a | .//h3//a | .//h4//a")
#: A teaser card: a title and perhaps a line of summary.
CARD_WORDS = 40


def prune(tree: lxml_html.HtmlElement, rules: SiteRules | None) -> list[Removal]:
    """Remove widgets from ``tree`` in place; return what went, in document order."""
    removed: list[Removal] = []
    if rules:
        for text, selector in rules.selectors():
            for element in selector(tree):
                _drop(element, "site-selector", removed, detail=text)
    for element in list(tree.iter(*WIDGET_TAGS)):
        rule = _widget_rule(element)
        if rule and _attached(element, tree) and _looks_like_widget(element) and \
                not _QUOTE(element):
            _drop(element, rule, removed)
    for element in list(tree.iter("ul", "ol")):
        if _attached(element, tree) and _is_headline_list(element):
            _drop(element, "headline-list", removed)
    labels = [e for e in tree.iter() if (text := e.text) and len(text) < 60 and  # cheap first
              is_ad_label(text) and _is_ad_label(e)]
    for element in labels:
        if _attached(element, tree):
            _drop_ad_block(element, removed)
    for element in _LINKED_PARAGRAPHS(tree):
        if _attached(element, tree) and _is_read_also(element):
            _drop(element, "read-also", removed)
    return removed


def _widget_rule(element) -> str | None:
    names, ident = element.get("class"), element.get("id")
    if ident:
        names = f"{names} {ident}" if names else ident
    return _named_rule(names) if names else None


@lru_cache(maxsize=4096)
def _named_rule(names: str) -> str | None:
    """Pages repeat a few class names on thousands of elements: split each once."""
    for word in _SPLIT.split(names):
        word = word.lower()
        rule = WIDGET_WORDS.get(word)
        if rule:
            return rule
        if word.startswith(SHARE_PREFIXES) and word != "shared":
            return "share-widget"
    return None


def _looks_like_widget(element) -> bool:
    """A guard for containers whose class words lie (``entry-content social-buttons``,
    ``paywall`` around the body, ``ads-container`` around a chart): a share bar, an ad slot or a
    newsletter box is short and holds no prose. Long lists of links are the headline-list rule's.
    """
    return len(element.text_content()) <= WIDGET_CHARS and \
        not any(is_prose_paragraph(p) for p in element.iter("p"))


def is_prose_paragraph(paragraph) -> bool:
    return len(paragraph.text_content()) > PROSE_CHARS and _link_share(paragraph) < 0.3


def _link_share(element) -> float:
    total = len(element.text_content().strip())
    if not total:
        return 0.0
    linked = sum(len(a.text_content().strip()) for a in element.iter("a"))
    return linked / total


def _is_headline_list(element) -> bool:
    """Three or more items, each a teaser card (a linked picture or a linked heading, and a few
    words): other stories. A list of plain links is kept: between paragraphs and under them,
    people count a story's reading list as part of it."""
    items = [li for li in element if li.tag == "li"]
    if len(items) < 3:
        return False
    with_link = [li for li in items if li.find(".//a") is not None]
    if len(with_link) < 0.8 * len(items):
        return False
    needed, misses = 0.8 * len(items), 0
    for li in with_link:  # a menu fails on its first few items: stop there
        if not (_CARD(li) and count_words(li.text_content()) <= CARD_WORDS):
            misses += 1
            if len(with_link) - misses < needed:
                return False
    return True


def _is_read_also(paragraph) -> bool:
    """'Read also: <link to another story>': a label, then text that is all link."""
    text = paragraph.text_content().strip()
    return bool(READ_ALSO.match(text)) and _link_share(paragraph) > 0.6


def _is_ad_label(element) -> bool:
    if not isinstance(element.tag, str) or len(element) > 1:
        return False
    return is_ad_label(element.text_content())


def _drop_ad_block(label, removed: list[Removal]) -> None:
    """An ad label, then the link-dense siblings after it (related posts under an ad banner)."""
    text = label.text_content().strip()
    top = label
    while top.getparent() is not None and top.getparent().tag not in ("body", "html") and \
            top.getparent().text_content().strip() == text:
        top = top.getparent()
    teasers = []
    node = top.getnext()
    while node is not None and isinstance(node.tag, str):
        if node.text_content().strip() and _link_share(node) < 0.5:
            break
        teasers.append(node)
        node = node.getnext()
    _drop(top, "ad-label", removed)
    for node in teasers:
        _drop(node, "after-ad-label", removed)


def _attached(element, tree) -> bool:
    """Still in the document: not inside a subtree dropped by an earlier rule (a dropped
    subtree keeps its document, so only the chain of parents tells)."""
    for ancestor in element.iterancestors(tree.tag):
        return ancestor is tree
    return element is tree


#: Elements whose text starts a new line: a cut menu reads "Home\nPolitics", not "HomePolitics".
BLOCKS = frozenset("address article aside blockquote br dd div dl dt figcaption figure footer "
                   "h1 h2 h3 h4 h5 h6 header li nav ol p section table td th tr ul".split())


def _drop(element, rule: str, removed: list[Removal], detail: str = "") -> None:
    for inner in element.iterdescendants(*BLOCKS):  # the subtree goes: marking it is free
        inner.tail = "\n" + (inner.tail or "")
        if inner.tag != "br":
            inner.text = "\n" + (inner.text or "")
    lines = (" ".join(line.split()) for line in element.text_content().split("\n"))
    text = "\n".join(line for line in lines if line)
    if text:
        removed.append(Removal(rule, text, detail))
    element.drop_tree()
