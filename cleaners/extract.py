"""trafilatura, called one way everywhere: body text with headings and paragraphs on their own
lines. No deduplication (it keeps state between calls), no language filter (language is ours),
no comments; metadata is :mod:`cleaners.metadata`'s."""

from __future__ import annotations

import trafilatura
from lxml import html as lxml_html

#: The options that shape the output; part of the cleaner version.
OPTIONS = {
    "include_comments": False, "include_tables": True, "include_images": False,
    "include_formatting": False, "deduplicate": False, "favor_precision": False,
    # Never "fast": without its readability/jusText fallback trafilatura returns nothing or a
    # scrap on one page in forty (the development corpus), where bare trafilatura finds the
    # article. The cleaner starts from bare trafilatura's article and only takes lines away.
    "fast": False,
}


def parse(text: str) -> lxml_html.HtmlElement | None:
    """Parse once; the tree goes to trafilatura (which works on a copy), then to our rules."""
    return trafilatura.load_html(text)


def extract_text(tree: lxml_html.HtmlElement, url: str) -> str:
    """The main text, or "" when trafilatura finds none."""
    result = trafilatura.bare_extraction(tree, url=url or None, with_metadata=False, **OPTIONS)
    return (result.text or "") if result is not None else ""
