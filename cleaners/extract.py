"""trafilatura, called one way everywhere: body text with headings and paragraphs on their own
lines. No deduplication (it keeps state between calls), no language filter (language is ours),
no comments; metadata is :mod:`cleaners.metadata`'s."""

from __future__ import annotations

from copy import copy

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from lxml.etree import XPath
from trafilatura.settings import Extractor
from trafilatura.utils import repair_faulty_html

#: The options that shape the output; part of the cleaner version.
OPTIONS = {
    "include_comments": False, "include_tables": True, "include_images": False,
    "include_formatting": False, "deduplicate": False, "favor_precision": False,
    # Never "fast": without its readability/jusText fallback trafilatura returns nothing or a
    # scrap on one page in forty (the development corpus), where bare trafilatura finds the
    # article. The cleaner starts from bare trafilatura's article and only takes lines away.
    "fast": False,
}


#: What no step reads: program code, style sheets, vector drawings, comments, the head's links,
#: form fields, embedded frames, players and pictures. trafilatura and its fallbacks drop them
#: all, but only after copying the tree three times and searching it with their XPath
#: expressions; dropping them first saves a tenth of the extraction's time, with the same text
#: on all but 4 of the 3,246 pages of the development corpus (two better, two the same score).
#: JSON scripts stay (JSON-LD metadata, and trafilatura's articleBody rescue); so do
#: ``<noscript>`` and ``<select>``, which readability's scoring reads (dropping either took the
#: article from a page).
INERT = XPath(".//script[not(@type) or contains(@type, 'javascript') or @type='module']"
              " | .//style | .//svg | .//comment() | .//head/link | .//input | .//iframe"
              " | .//template | .//picture | .//video | .//audio | .//canvas | .//object"
              " | .//embed")


def _parser() -> etree.HTMLParser:
    """trafilatura's parser settings, with element classes looked up in C.

    lxml.html's own parser picks each element's class in Python (form controls get theirs), and
    that call is made for every element every time any code touches it: a tenth of the
    extraction's time. Every element here is an ``HtmlElement``, which is all trafilatura and
    the rules use; the text extracted is the same on every page of the development corpus."""
    parser = etree.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                              remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
        pi=lxml_html.HtmlProcessingInstruction, entity=lxml_html.HtmlEntity))
    return parser


PARSER = _parser()


def parse(text: str) -> lxml_html.HtmlElement | None:
    """Parse once, without the inert parts; the tree goes to trafilatura (which works on a
    copy), then to our rules.

    As ``trafilatura.load_html`` does, but a page that does not start like HTML is parsed all
    the same (load_html drops it when it parses to a single element: a body with the whole
    article in it, on pages served without ``<html>``); the decoder has refused binary
    bodies already."""
    text = repair_faulty_html(text, text[:50].lower())
    try:
        tree = lxml_html.fromstring(text, parser=PARSER)
    except ValueError:  # a string that declares its encoding: parse its bytes
        tree = lxml_html.fromstring(text.encode("utf-8", "surrogatepass"), parser=PARSER)
    except etree.ParserError:  # nothing to parse
        return None
    if tree is None or not len(tree):
        return None
    for element in INERT(tree):
        element.drop_tree()  # keeps the text after it
    return tree


#: ``OPTIONS`` as trafilatura holds them, read from its configuration once: building them for
#: every call (as ``bare_extraction`` does when given keyword arguments) costs 0.2 ms a page.
EXTRACTOR = Extractor(
    output_format="python", comments=OPTIONS["include_comments"],
    tables=OPTIONS["include_tables"], images=OPTIONS["include_images"],
    formatting=OPTIONS["include_formatting"], dedup=OPTIONS["deduplicate"],
    precision=OPTIONS["favor_precision"], fast=OPTIONS["fast"])


def extract_text(tree: lxml_html.HtmlElement, url: str) -> str:
    """The main text, or "" when trafilatura finds none."""
    options = copy(EXTRACTOR)
    options.url = options.source = url or None
    result = trafilatura.bare_extraction(tree, options=options)
    return (result.text or "") if result is not None else ""
