"""The partial-body guard: a page whose own JSON-LD ``articleBody`` holds far more text than the
cleaner extracted (a teaser above a paywall, a body its scripts render) says so, and its
structured body becomes the archived text only when the extracted text is a near-subset of it.

Only JSON-LD counts: a microdata ``articleBody`` is the visible element itself (widgets and
all), so it says nothing the extraction did not see. The test is a near-subset of word
shingles, so that a body about another story, or the site's boilerplate, never replaces what
the page shows; and the body must be article-sized, so that a summary never does.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

#: A structured body "looks partial" beside the extracted text when it is this many times as
#: long (letters and digits, so that languages written without spaces count alike) ...
PARTIAL_RATIO = 1.5
#: ... and at least this many characters longer.
MIN_EXTRA_CHARS = 300
#: It replaces the extracted text when it holds at least this share of the extracted text's
#: word shingles (a paywall notice or a caption may be all that is missing from it) ...
MIN_COVERAGE = 0.9
#: ... and is itself article-sized.
MIN_BODY_CHARS = 500
#: Words per shingle: five words in the same order are seldom shared by chance.
SHINGLE = 5
#: Guard names in ``Document.guards``: the body replaced the text; the guard refused it.
REPLACED, REFUSED = "structured-body", "partial-body"
SETTINGS = {"ratio": PARTIAL_RATIO, "extra": MIN_EXTRA_CHARS, "coverage": MIN_COVERAGE,
            "body": MIN_BODY_CHARS, "shingle": SHINGLE}

_WORD = re.compile(r"\w+")
#: Tags that end a paragraph in an ``articleBody`` given as HTML.
_BLOCK = re.compile(r"<\s*(?:/\s*(?:p|div|h[1-6]|li|blockquote|figcaption)|br\s*/?)\s*>", re.I)
_TAG = re.compile(r"<\s*/?\s*[a-z][^>]*>", re.I)
_GLUED = re.compile(r"(\w\w[.!?…][\"”’»)]?)(\w)")


@dataclass(frozen=True)
class BodyCheck:
    """``partial``: the structured body is much longer than the extracted text (None: the page
    states no body); ``text``: the body's text when it replaces the extracted text;
    ``structured_body``: the body, kept in the metadata record when partial; ``source``: where
    the archived text came from; ``note``: the guard's ``"name: why"``, when partial."""

    partial: bool | None = None
    text: str | None = None
    structured_body: str | None = None
    source: str = "extracted"
    note: str = ""


def check_body(structured, extracted: str, title: str | None = None) -> BodyCheck:
    """Weigh the page's JSON-LD ``articleBody`` (``structured``: a
    :class:`cleaners.structured.Structured`) against the ``extracted`` text. A line of it that
    is the headline (``title``) is no part of the body: it is not weighed, and it stays at the
    top of the text when the body replaces the rest."""
    if structured.source != "json-ld" or not structured.article:
        return BodyCheck()
    body = body_text(structured.article.get("articleBody"))
    if not body:
        return BodyCheck()
    lines = extracted.split("\n")
    key = _loose(title) if title else None
    headline = [line for line in lines if key is not None and _loose(line) == key]
    extracted = "\n".join(line for line in lines if line not in headline)
    size, extracted_size = _size(body), _size(extracted)
    if size < PARTIAL_RATIO * extracted_size or size - extracted_size < MIN_EXTRA_CHARS:
        return BodyCheck(partial=False)
    words, extracted_words = _words(body), _words(extracted)
    coverage = _coverage(extracted_words, words)
    found = (f"the page's json-ld articleBody ({len(words)} words) holds {coverage:.0%} of the "
             f"extracted text's {len(extracted_words)} words")
    if coverage >= MIN_COVERAGE and size >= MIN_BODY_CHARS:
        top = lines[:1] if lines[0] in headline and body.split("\n")[0] != lines[0] else []
        return BodyCheck(True, "\n".join(top + [body]), body, "json-ld articleBody",
                         f"{REPLACED}: {found}, so it is archived in their place")
    why = "too short" if coverage >= MIN_COVERAGE else f"under {MIN_COVERAGE:.0%}"
    return BodyCheck(True, None, body, "extracted",
                     f"{REFUSED}: {found} ({why}), so the extracted text is kept")


def body_text(value) -> str:
    """A JSON-LD ``articleBody`` (a string, or a list of them; plain text or HTML) as text, one
    paragraph a line."""
    if isinstance(value, list):
        value = "\n".join(v for v in value if isinstance(v, str))
    if not isinstance(value, str) or not value.strip():
        return ""
    if _TAG.search(value):  # lxml reads the entities too
        value = _BLOCK.sub("\n", value)
        try:
            value = lxml_html.fragment_fromstring(value, create_parent="div").text_content()
        except (etree.ParserError, ValueError):
            value = html.unescape(_TAG.sub(" ", value))
    else:
        value = html.unescape(value)
    value = _GLUED.sub(_unglue, value)
    lines = (" ".join(line.split()) for line in value.splitlines())
    return "\n".join(line for line in lines if line)


def _unglue(match: re.Match) -> str:
    """Paragraphs a CMS joined with nothing between them (``tools.”Amazon has``) apart again:
    a sentence that ends a lower-case word, then a capital with no space."""
    end, start = match.group(1), match.group(2)
    return end + ("\n" if end[:2].islower() and start.isupper() else "") + start


def _loose(text: str) -> str:
    return " ".join(_words(text))


def _size(text: str) -> int:
    return sum(map(len, _WORD.findall(text)))


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _shingles(words: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def _coverage(part: list[str], whole: list[str]) -> float:
    """The share of ``part``'s shingles that ``whole`` holds (a ``part`` shorter than a
    shingle is one shingle)."""
    size = min(SHINGLE, len(part))
    shingles = _shingles(part, size) if size else set()
    if not shingles:
        return 0.0
    return len(shingles & _shingles(whole, size)) / len(shingles)
