"""trafilatura, called one way everywhere: body text with headings and paragraphs on their own
lines. No deduplication (it keeps state between calls), no language filter (language is ours),
no comments; metadata is :mod:`cleaners.metadata`'s."""

from __future__ import annotations

import trafilatura
from lxml import html as lxml_html
from lxml.etree import XPath

#: The options that shape the output; part of the cleaner version.
OPTIONS = {
    "include_comments": False, "include_tables": True, "include_images": False,
    "include_formatting": False, "deduplicate": False, "favor_precision": False,
    # Never "fast": without its readability/jusText fallback trafilatura returns nothing or a
    # scrap on one page in forty (the development corpus), where bare trafilatura finds the
    # article. The cleaner starts from bare trafilatura's article and only takes lines away.
    "fast": False,
}


#: What no step reads: program code, style sheets, vector drawings, comments. trafilatura and its
#: fallbacks drop them all, but only after copying the tree three times and searching it with
#: their XPath expressions; dropping them first saves a tenth of the extraction's time with the
#: same text on every page of the development corpus. JSON scripts stay (JSON-LD metadata,
#: and trafilatura's articleBody rescue).
INERT = XPath(".//script[not(@type) or contains(@type, 'javascript') or @type='module']"
              " | .//style | .//svg | .//comment()")


def parse(text: str) -> lxml_html.HtmlElement | None:
    """Parse once, without the inert parts; the tree goes to trafilatura (which works on a
    copy), then to our rules."""
    tree = trafilatura.load_html(text)
    if tree is not None:
        for element in INERT(tree):
            element.drop_tree()  # keeps the text after it
    return tree


def extract_text(tree: lxml_html.HtmlElement, url: str) -> str:
    """The main text, or "" when trafilatura finds none."""
    result = trafilatura.bare_extraction(tree, url=url or None, with_metadata=False, **OPTIONS)
    return (result.text or "") if result is not None else ""
