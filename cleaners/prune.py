"""Rules applied to the HTML tree before trafilatura: widgets that sit *inside* the content
container, where trafilatura's own pruning does not reach (share bars, headline lists, ad labels
followed by related posts, captions). Each removal is reported with its rule name.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from cleaners.document import Removal
from cleaners.lines import AD_LABELS, READ_ALSO
from cleaners.siterules import SiteRules

#: Class/id words of widgets, matched against the parts of obfuscated names too
#: (``styles_shareBar__x7Gh2`` → styles, share, bar, x7gh2).
WIDGET_WORDS = {
    "share": "share-widget", "sharing": "share-widget", "social": "share-widget",
    "sharebar": "share-widget", "socials": "share-widget",
    "related": "related-widget", "recommended": "related-widget", "recommendations":
    "related-widget", "readmore": "related-widget", "read-also": "related-widget",
    "mostread": "related-widget", "popular": "related-widget", "trending": "related-widget",
    "teaser": "related-widget", "teasers": "related-widget",
    "advert": "ad-widget", "advertisement": "ad-widget", "ads": "ad-widget", "ad": "ad-widget",
    "adslot": "ad-widget", "sponsored": "ad-widget", "promo": "ad-widget",
    "newsletter": "subscribe-widget", "subscribe": "subscribe-widget",
    "subscription": "subscribe-widget", "donate": "subscribe-widget",
    "donation": "subscribe-widget", "paywall": "subscribe-widget",
    "breadcrumb": "navigation-widget", "breadcrumbs": "navigation-widget",
}
#: Longer "captions" are usually a video's or gallery's description, part of the story.
CAPTION_WORDS = 40
#: A paragraph longer than this (characters), under 30% of it linked, is prose: not a teaser,
#: a caption or a label.
PROSE_CHARS = 150
_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")
WIDGET_TAGS = ("ul", "ol", "div", "section", "aside", "nav", "p", "span", "a", "button",
               "figure")
#: Embedded posts (tweets, Instagram) are quoted in the story; their "social" classes lie.
_QUOTE = "ancestor-or-self::blockquote | .//blockquote"
_CARD = ".//a//img | .//h2//a | .//h3//a | .//h4//a"
_CAPTION = "//figcaption | //*[@itemprop='caption' or @class='caption' or @class='wp-caption-text']"


def prune(tree: lxml_html.HtmlElement, rules: SiteRules | None) -> list[Removal]:
    """Remove widgets from ``tree`` in place; return what went, in document order."""
    removed: list[Removal] = []
    if rules:
        for text, selector in rules.selectors():
            for element in selector(tree):
                _drop(element, f"site-selector {text}", removed)
    for element in list(tree.iter(*WIDGET_TAGS)):
        rule = _widget_rule(element)
        if rule and _attached(element, tree) and not _holds_prose(element) and \
                not element.xpath(_QUOTE):
            _drop(element, rule, removed)
    for element in list(tree.iter("ul", "ol")):
        if _attached(element, tree) and _is_headline_list(element):
            _drop(element, "headline-list", removed)
    labels = [e for e in tree.iter() if e.text and len(e.text) < 40 and
              e.text.strip().lower() in AD_LABELS and _is_ad_label(e)]
    for element in labels:
        if _attached(element, tree):
            _drop_ad_block(element, removed)
    for element in list(tree.iter("p")):
        if not _attached(element, tree):
            continue
        if _is_read_also(element):
            _drop(element, "read-also", removed)
        elif _is_link_paragraph(element):
            _drop(element, "link-paragraph", removed)
    for element in tree.xpath(_CAPTION):
        if _attached(element, tree) and len(element.text_content().split()) <= CAPTION_WORDS:
            _drop(element, "caption", removed)
    return removed


def _widget_rule(element) -> str | None:
    names = element.get("class")
    if names is None:
        names = element.get("id")
    elif element.get("id"):
        names = f"{names} {element.get('id')}"
    if not names:
        return None
    words = {w.lower() for w in _SPLIT.split(names) if w}
    for word in words:
        if word in WIDGET_WORDS:
            return WIDGET_WORDS[word]
    return None


def _holds_prose(element) -> bool:
    """A guard for containers misnamed as widgets: three real paragraphs mean content."""
    paragraphs = 0
    for p in element.iter("p"):
        if is_prose_paragraph(p):
            paragraphs += 1
            if paragraphs >= 3:
                return True
    return False


def is_prose_paragraph(paragraph) -> bool:
    return len(paragraph.text_content()) > PROSE_CHARS and _link_share(paragraph) < 0.3


def _link_share(element) -> float:
    total = len(element.text_content().strip())
    if not total:
        return 0.0
    linked = sum(len(a.text_content().strip()) for a in element.iter("a"))
    return linked / total


def _is_headline_list(element) -> bool:
    """Three or more items, each mostly a link or a teaser card (a linked picture or a linked
    heading): titles of other stories, not article content."""
    items = [li for li in element if li.tag == "li"]
    if len(items) < 3:
        return False
    linked = [li for li in items if li.find(".//a") is not None and
              (_link_share(li) > 0.7 or li.xpath(_CARD))]
    return len(linked) >= 0.8 * len(items)


def _is_link_paragraph(paragraph) -> bool:
    """A paragraph that is one link and nothing else: a headline of another story."""
    links = paragraph.findall(".//a")
    words = len(paragraph.text_content().split())
    return len(links) == 1 and 3 <= words <= 25 and _link_share(paragraph) > 0.95


def _is_read_also(paragraph) -> bool:
    """'Read also: <link to another story>': a label, then text that is all link."""
    text = paragraph.text_content().strip()
    return bool(READ_ALSO.match(text)) and _link_share(paragraph) > 0.6


def _is_ad_label(element) -> bool:
    if not isinstance(element.tag, str) or len(element) > 1:
        return False
    text = element.text_content().strip().lower()
    return text in AD_LABELS


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


def _drop(element, rule: str, removed: list[Removal]) -> None:
    text = " ".join(element.text_content().split())
    if text:
        removed.append(Removal(rule, text))
    element.drop_tree()
