"""The cleaning pipeline (:func:`clean`) and the version of its rules (:data:`CLEANER_VERSION`):
the steps the package's docstring lists, in that order."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import re
import time

from parsel import Selector

from cleaners.dates import last_day
from cleaners.declared import declares_article
from cleaners.decode import decode
from cleaners.document import Document, NotArticle
from cleaners.extract import INERT, OPTIONS, extract_text, parse
from cleaners.habits import apply_habits, page_habits
from cleaners.language import SAMPLE_CHARS, SURE, TRIALS, detect, primary_subtag
from cleaners.lines import clean_lines, count_words, is_prose
from cleaners.metadata import DATE_PARAMS, finish_metadata, head_metadata
from cleaners.partial_body import SETTINGS as PARTIAL_BODY
from cleaners.partial_body import check_body
from cleaners.profile import SiteProfile, apply_profile, block_key, story_key
from cleaners.prune import prune
from cleaners.siterules import SiteRules
from cleaners.split_body import join_split_body
from cleaners.widgets import MAX_WIDGET_CUT, cut_widget_lines

#: Bump when a rule changes what the cleaners output; reprocessing compares it with stored rows.
RULES_VERSION = "117"
#: Below this many words, with no sentence of prose, what trafilatura found is a menu or a
#: scrap of a page cut short ("Home / Politik"), not an article. (A photo post's "6 Nov 2012 /
#: In the pink..." is; so the bar is low.)
MIN_WORDS = 5


def _cleaner_version() -> str:
    versions = {name: importlib.metadata.version(name) for name in ("trafilatura", "langdetect")}
    settings = {**OPTIONS, "date": DATE_PARAMS, "language_sample": SAMPLE_CHARS,
                "language_trials": TRIALS, "language_sure": SURE, "inert": INERT,
                "max_widget_cut": MAX_WIDGET_CUT, "min_words": MIN_WORDS,
                "extruct": importlib.metadata.version("extruct"), "partial_body": PARTIAL_BODY}
    options = hashlib.sha1(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:8]
    return (f"rules{RULES_VERSION}+trafilatura{versions['trafilatura']}"
            f"+langdetect{versions['langdetect']}+opts{options}")


CLEANER_VERSION = _cleaner_version()
_WORD = re.compile(r"\w+")


def clean(body: bytes, url: str, headers=None, *, rules: SiteRules | None = None,
          profile: SiteProfile | None = None, declared_only: bool = False,
          timings: dict | None = None) -> Document:
    """Clean one captured page. ``headers`` is a list of ``(name, value)`` pairs or a mapping;
    ``rules`` are the site's own, ``profile`` what the archive learned of the site;
    ``declared_only``: no seed decides, so the page must say it is an article (asked of the tree
    parsed here, before the extraction). Given a ``timings`` dict, CPU seconds per stage are added
    to it (``python -m bench.stages``)."""
    lap = _stopwatch(timings)
    header = _header_lookup(headers)
    page, charset, charset_note = decode(body, header("content-type"))
    lap("decode")
    tree = parse(page)
    if tree is None:
        raise NotArticle("unparseable", "no HTML tree")
    if declared_only and not declares_article(Selector(root=tree)):
        raise NotArticle("not-article", "no seed applies and the page does not say it is one")
    declared = primary_subtag(tree.get("lang") or header("content-language") or _og_locale(tree))
    lap("parse")
    text = extract_text(tree, url)  # trafilatura works on its own copy of the tree
    if not text.strip():
        raise NotArticle("no-text", "trafilatura found no main text")
    lap("extract")
    head = head_metadata(tree, url, page, last_day(header("date")))
    lap("metadata")
    if join_split_body(tree, text):
        joined = extract_text(tree, url)
        text = joined if len(joined) > len(text) else text
    lap("split-body")
    widgets = prune(tree, rules)
    lap("prune")
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    kept, removed, guards = cut_widget_lines(lines, widgets, tree)
    lap("widgets")
    meta = finish_metadata(head, tree)  # last: its author search prunes the tree
    habits = page_habits((head.page_title, head.structured.meta.get("og:title"), meta["title"]),
                         meta["authors"] + meta["credits"])
    meta = apply_habits(meta, profile)
    lap("metadata")
    lines, line_removals = clean_lines("\n".join(kept), rules)
    lap("lines")
    blocks = tuple((block_key(line), line) for line in lines)
    story = story_key(lines)
    lines, profile_removals = apply_profile(lines, profile)
    if not any(map(is_prose, lines)) and sum(map(count_words, lines)) < MIN_WORDS:
        raise NotArticle("no-text", f"no sentence and under {MIN_WORDS} words left"
                         if lines else "nothing left after cleaning")
    lap("profile")
    cleaned = "\n".join(lines)
    body = check_body(head.structured, cleaned, meta["title"])
    cleaned = body.text or cleaned
    lap("partial-body")
    language, probability = detect(cleaned)
    lap("language")
    return Document(
        url=url, text=cleaned, **meta, charset=charset, declared_language=declared,
        language=language,
        language_probability=probability, word_count=len(_WORD.findall(cleaned)),
        text_digest="sha1:" + hashlib.sha1(cleaned.encode("utf-8")).hexdigest(),
        removed=tuple(removed + line_removals + profile_removals),
        cleaner_version=CLEANER_VERSION, partial=body.partial,
        structured_body=body.structured_body, text_source=body.source,
        guards=tuple(guards) + ((f"charset-detected: {charset_note}",) if charset_note else ())
        + ((body.note,) if body.note else ()),
        story=story, blocks=blocks, habits=habits)


def _stopwatch(timings: dict | None):
    """A function that adds the CPU time since its last call to ``timings[stage]``; a no-op
    without ``timings``, so the crawl pays nothing for it."""
    if timings is None:
        return lambda stage: None
    last = [time.process_time()]

    def lap(stage: str) -> None:
        now = time.process_time()
        timings[stage] = timings.get(stage, 0.0) + now - last[0]
        last[0] = now
    return lap


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
