"""Cleaners: captured bytes + URL + headers in, a cleaned :class:`Document` out.

Pure functions: no Scrapy, no files, no database, so that the crawl and offline reprocessing run
exactly the same code on exactly the same bytes. The pipeline is:

1. :mod:`cleaners.decode`   refuse binary bodies, decode the bytes as a browser would;
2. :mod:`cleaners.prune`    drop in-body widgets from the HTML tree (share bars, headline lists,
   ad blocks with related posts, captions) and the site's own selectors;
3. :mod:`cleaners.extract`  trafilatura: main text and metadata (again, with the chunks joined,
   when it kept one chunk of a body split in several: :mod:`cleaners.split_body`);
4. :mod:`cleaners.lines`    drop the lines trafilatura leaves that are not article text;
5. :mod:`cleaners.profile`  drop what the site repeats on page after page (given its profile);
6. :mod:`cleaners.language` detect the language of what is left.

Every cut of steps 2, 4 and 5 is returned in ``Document.removed`` with the rule that made it.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import re

from cleaners.decode import decode
from cleaners.document import Document, NotArticle, Removal
from cleaners.extract import OPTIONS, extract, parse
from cleaners.language import SAMPLE_CHARS, TRIALS, detect, primary_subtag
from cleaners.lines import clean_lines
from cleaners.profile import SiteProfile, apply_profile, block_key, story_key
from cleaners.prune import prune
from cleaners.siterules import SiteRules
from cleaners.split_body import join_split_body

__all__ = ["CLEANER_VERSION", "Document", "NotArticle", "Removal", "SiteProfile", "SiteRules",
           "clean"]

#: Bump when a rule changes what the cleaners output; reprocessing compares it with stored rows.
RULES_VERSION = "3"


def _cleaner_version() -> str:
    versions = {name: importlib.metadata.version(name) for name in ("trafilatura", "langdetect")}
    settings = {**OPTIONS, "language_sample": SAMPLE_CHARS, "language_trials": TRIALS}
    options = hashlib.sha1(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:8]
    return (f"rules{RULES_VERSION}+trafilatura{versions['trafilatura']}"
            f"+langdetect{versions['langdetect']}+opts{options}")


CLEANER_VERSION = _cleaner_version()
_WORD = re.compile(r"\w+")


def clean(body: bytes, url: str, headers=None, *, rules: SiteRules | None = None,
          profile: SiteProfile | None = None) -> Document:
    """Clean one captured page. ``headers`` is a list of ``(name, value)`` pairs or a mapping;
    ``rules`` are the site's own, ``profile`` what the archive learned of the site."""
    header = _header_lookup(headers)
    text, charset = decode(body, header("content-type"))
    tree = parse(text)
    if tree is None:
        raise NotArticle("unparseable", "no HTML tree")
    declared = primary_subtag(tree.get("lang") or header("content-language") or _og_locale(tree))
    removed = prune(tree, rules)
    extracted = extract(tree, url)
    if extracted is not None and join_split_body(tree, extracted.text):
        extracted = extract(tree, url) or extracted
    if extracted is None or not extracted.text.strip():
        raise NotArticle("no-text", "trafilatura found no main text")
    lines, line_removals = clean_lines(extracted.text, extracted.title, rules)
    blocks = tuple((block_key(line), line) for line in lines)
    story = story_key(lines)
    lines, profile_removals = apply_profile(lines, profile)
    if not lines:
        raise NotArticle("no-text", "nothing left after cleaning")
    cleaned = "\n".join(lines)
    language, probability = detect(cleaned)
    return Document(
        url=url, text=cleaned, title=extracted.title, author=extracted.author,
        published=extracted.published, sitename=extracted.sitename,
        canonical_url=extracted.canonical_url, description=extracted.description,
        charset=charset, declared_language=declared, language=language,
        language_probability=probability, word_count=len(_WORD.findall(cleaned)),
        text_digest="sha1:" + hashlib.sha1(cleaned.encode("utf-8")).hexdigest(),
        removed=tuple(removed + line_removals + profile_removals),
        cleaner_version=CLEANER_VERSION, story=story, blocks=blocks)


def _header_lookup(headers):
    if not headers:
        return lambda name: None
    pairs = headers.items() if hasattr(headers, "items") else headers
    table = {}
    for name, value in pairs:
        name = name.decode("latin-1") if isinstance(name, bytes) else name
        value = value.decode("latin-1") if isinstance(value, bytes) else value
        table.setdefault(name.lower(), value)
    return table.get


def _og_locale(tree) -> str | None:
    found = tree.xpath("//meta[@property='og:locale']/@content")
    return found[0] if found else None
