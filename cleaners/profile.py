"""Site profiles: boilerplate learned from a site's own pages.

A widget repeated on page after page of one site (a donation appeal, a newsletter box, a
"most read" list) survives any cleaner that sees one page at a time; across the archive it shows
itself by repeating. Each kept line becomes a *block key* (text normalised: case, spacing, digits,
relative times), and the archive counts on how many distinct pages of the site each key occurs.

Guards, so that article text is never cut:
- pages count once per *story*, identified by their lead (the first prose lines): the same story
  syndicated on several pages, with its own sentences on each, does not make them boilerplate;
- a key must be on at least ``MIN_PAGES`` stories and a ``MIN_SHARE`` of the site's stories;
- prose (a sentence of twelve words or more) needs far more: ``PROSE_MIN_PAGES`` stories and
  ``PROSE_MIN_SHARE`` of them, so a quote repeated in a few stories is never taken for a widget.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from cleaners.document import Removal
from cleaners.lines import is_prose

MIN_PAGES = 3
MIN_SHARE = 0.2
PROSE_MIN_PAGES = 8
PROSE_MIN_SHARE = 0.6
LEAD_LINES = 3
#: A site habit (:mod:`cleaners.habits`) needs this many stories and this share of them.
HABIT_MIN_PAGES = 5
HABIT_MIN_SHARE = 0.8

_DIGITS = re.compile(r"\d+")
#: ASCII text's digits (``\d`` is [0-9] there) made 0 by ``bytes.translate``, runs of 0 then
#: made one (:data:`_ZEROS`), as :data:`_DIGITS` makes them: the regular expression, tried at
#: every character, took five times as long, half of keying a line of prose.
_ASCII_ZEROS = bytes.maketrans(b"123456789", b"0" * 9)
_ZEROS = re.compile(r"00+")
#: On casefolded text with digits made 0. The lookahead lets the search skip, in C, to where a
#: match can start: three times faster on prose.
_RELATIVE = re.compile(r"(?=[0vم])(?:\b0\s*\S+\s+(?:ago|назад)\b|\bvor 0 \w+|منذ 0 \S+)")
#: A word each of :data:`_RELATIVE`'s forms holds: a text without any is not searched.
_RELATIVE_WORDS = ("ago", "назад", "vor 0 ", "منذ 0 ")


@lru_cache(maxsize=4096)  # a page's lines are keyed again for its story and its profile
def block_key(line: str) -> str:
    text = unicodedata.normalize("NFKC", line).casefold()
    if text.isascii():
        text = text.encode("ascii").translate(_ASCII_ZEROS).decode("ascii")
        if "00" in text:
            text = _ZEROS.sub("0", text)
    else:
        text = _DIGITS.sub("0", text)
    if "0" in text and any(word in text for word in _RELATIVE_WORDS):
        text = _RELATIVE.sub("<time>", text)
    text = " ".join(text.split())
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def story_key(lines: list[str]) -> str:
    """The story a page tells, by its first prose lines (or first lines): the lines past the
    third prose line are not looked at."""
    lead = list(islice(filter(is_prose, lines), LEAD_LINES)) or lines[:LEAD_LINES]
    return hashlib.sha1("\n".join(block_key(x) for x in lead).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class SiteProfile:
    """What the archive knows of one site: its number of stories and, per block key, on how
    many of them the block occurs (only keys seen on ``MIN_PAGES`` or more need be given);
    per ``(kind, value)`` of :mod:`cleaners.habits`, on how many the site shows it."""

    site: str
    pages: int = 0
    blocks: Mapping[str, int] = field(default_factory=dict)
    habits: Mapping[tuple[str, str], int] = field(default_factory=dict)

    def habit(self, kind: str, value: str) -> int | None:
        """On how many stories the site shows ``value``, if that makes it a habit; else None."""
        count = self.habits.get((kind, value), 0)
        if count < HABIT_MIN_PAGES or count < HABIT_MIN_SHARE * self.pages:
            return None
        return count

    def repeats(self, line: str, key: str) -> int | None:
        """On how many stories ``line`` occurs, if that makes it boilerplate; else None."""
        count = self.blocks.get(key, 0)
        if not self.pages or count < MIN_PAGES or count / self.pages < MIN_SHARE:
            return None
        if is_prose(line) and (count < PROSE_MIN_PAGES or count / self.pages < PROSE_MIN_SHARE):
            return None
        return count


def learn_profile(site: str, pages) -> SiteProfile:
    """A profile from ``(story, block keys)`` of cleaned pages, counted once per story, as the
    archive's index counts them (for offline use: benchmarks, tests)."""
    counts: dict[str, int] = {}
    stories: set[str] = set()
    for story, keys in pages:
        if story in stories:
            continue
        stories.add(story)
        for key in set(keys):
            counts[key] = counts.get(key, 0) + 1
    return SiteProfile(site, len(stories), {k: n for k, n in counts.items() if n >= MIN_PAGES})


def apply_profile(lines: list[str], profile: SiteProfile | None
                  ) -> tuple[list[str], list[Removal]]:
    if profile is None or not profile.blocks:
        return lines, []
    kept, removed = [], []
    for line in lines:
        count = profile.repeats(line, block_key(line))
        if count is None:
            kept.append(line)
        else:
            removed.append(Removal("site-profile", line,
                                   f"repeated on {count} of {profile.pages} pages of this site"))
    return kept, removed
