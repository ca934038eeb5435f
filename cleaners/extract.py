"""trafilatura, called one way everywhere: body text with headings and paragraphs on their own
lines. No deduplication (it keeps state between calls), no language filter (language is ours),
no comments; metadata is :mod:`cleaners.metadata`'s."""

from __future__ import annotations

from copy import copy

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import Extractor
from trafilatura.utils import INVALID_XML_CHARS, repair_faulty_html

#: The options that shape the output; part of the cleaner version.
OPTIONS = {
    "include_comments": False, "include_tables": True, "include_images": False,
    "include_formatting": False, "deduplicate": False, "favor_precision": False,
    # Never "fast": without its readability/jusText fallback trafilatura returns nothing or a
    # scrap on one page in forty (the development corpus), where bare trafilatura finds the
    # article. The cleaner starts from bare trafilatura's article and only takes lines away.
    "fast": False,
}


#: What no step reads, by tag: program code, style sheets, vector drawings, the head's links,
#: form fields, embedded frames, players and pictures (and comments, which the parser leaves
#: out). trafilatura and its fallbacks drop them all, but only after copying the tree three
#: times and searching it with their XPath expressions; dropping them first saves a tenth of the
#: extraction's time, with the same text on all but 4 of the 3,246 pages of the development
#: corpus (two better, two the same score). Scripts that hold data stay (JSON-LD metadata, and
#: trafilatura's articleBody rescue), and links outside the head; so do ``<noscript>`` and
#: ``<select>``, which readability's scoring reads (dropping either took the article from a
#: page).
INERT = ("script", "link", "style", "svg", "input", "iframe", "template", "picture", "video",
         "audio", "canvas", "object", "embed")


#: How much of a page ``repair_faulty_html`` repairs (its first line and first 4,096
#: characters), but for the characters XML does not allow, which it deletes everywhere.
REPAIRED_HEAD = 4096
#: Those characters, looked for one by one in the rest of the page (a C search each: a
#: third of the time its regular expression takes to go over a page that has none).
_INVALID = tuple(chr(code) for code in range(0x10000) if INVALID_XML_CHARS.match(chr(code)))


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
    text = _repair(text)
    try:
        tree = lxml_html.fromstring(text, parser=PARSER)
    except ValueError:  # a string that declares its encoding: parse its bytes
        tree = lxml_html.fromstring(text.encode("utf-8", "surrogatepass"), parser=PARSER)
    except etree.ParserError:  # nothing to parse
        return None
    if tree is None or not len(tree):
        return None
    _drop_inert(tree)
    return tree


def _repair(text: str) -> str:
    """``repair_faulty_html``, on the head of the page it repairs (cut after a line's end) and
    on the rest only when the rest holds a character to delete: on a 300 KB page its deletion
    pass costs half a millisecond, and almost no page has any."""
    cut = text.find("\n", REPAIRED_HEAD) + 1
    if not cut:
        return repair_faulty_html(text, text[:50].lower())
    rest = text[cut:]
    if any(char in rest for char in _INVALID):
        rest = INVALID_XML_CHARS.sub("", rest)
    return repair_faulty_html(text[:cut], text[:50].lower()) + rest


def _drop_inert(tree: lxml_html.HtmlElement) -> None:
    """Drop the :data:`INERT` elements, keeping the text after each, in one pass in C
    (``strip_elements``; ``drop_tree`` element by element cost up to a millisecond a page).
    ``strip_elements`` selects by tag alone, so the scripts and links that stay are renamed for
    the while."""
    kept = [element for element in tree.iter("script", "link") if _stays(element)]
    tags = [element.tag for element in kept]
    for element in kept:
        element.tag = "kept-inert"
    etree.strip_elements(tree, *INERT, etree.Comment, with_tail=False)
    for element, tag in zip(kept, tags, strict=True):
        element.tag = tag


def _stays(element) -> bool:
    """A script that holds data (JSON-LD metadata, which trafilatura's articleBody rescue reads
    too), or a link outside the head."""
    if element.tag == "link":
        return element.getparent().tag != "head"
    kind = element.get("type")
    return kind is not None and kind != "module" and "javascript" not in kind


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
