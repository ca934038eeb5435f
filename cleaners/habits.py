"""Site habits: what a site's own pages say of the site rather than of the article.

One page cannot tell a desk's byline from a reporter's, or a site name it has never seen from
the end of a headline (``Headline | CBC News``, ``Headline -정치ㅣ한국일보``). Its site's other
pages can: a name that signs nearly every page is the site or a desk, and a part every page's
title hangs on by a separator is the site's name. Each page counts what it shows into its site's
profile (:attr:`cleaners.Document.habits`, counted by the archive's index as the boilerplate
blocks are, once per story); once five pages and four in five of the site's pages agree
(:data:`cleaners.profile.HABIT_MIN_PAGES`, ``HABIT_MIN_SHARE``), :func:`apply_habits` acts
on every page of the site, and the page's metadata sources say so.
"""

from __future__ import annotations

import json
import re

#: Title separators a site name, a section or a kicker hangs on by: the parts a site's habits
#: count. All of a title's separators are here, so that the index, which counts habits, need not
#: load the metadata readers (:mod:`cleaners.headlines`).
SEPARATORS = "|-–—:·•/ㅣ*"
#: The headline's separators: these and the guillemets, which blogs hang their name on
#: (``Headline « Site``, ``Site » Headline``: WordPress's default). Habits do not count the
#: guillemets, which are also a French title's quotation marks (``Le ministre : « Non »``): a
#: quotation's end is no site's part, and each part counted is a row the index keeps; the
#: headline cuts at them only a part that is the site's name.
TITLE_SEPARATORS = SEPARATORS + "»«"
#: ... of which these may also hang a kicker before the headline (a colon is part of many
#: headlines: ``Brexit: what next``).
PREFIX_SEPARATORS = TITLE_SEPARATORS.replace(":", "")
#: Longest title part counted, and most parts counted per title end.
MAX_AFFIX = 60
AFFIXES = 3
#: Fewest characters a headline keeps once a habit has cut it.
MIN_HEADLINE = 8
#: Separators that part a title wherever they stand; the others need a space before them
#: (``-`` and ``/`` are inside words, a colon inside times).
_BARS = "|ㅣ·•"
_CUT = re.compile(r'site (suffix|prefix) ("(?:[^"\\]|\\.)*") removed')
_MOVED = re.compile(r'("(?:[^"\\]|\\.)*") moved to credits \(site habit')


def page_habits(titles, names) -> tuple[tuple[str, str], ...]:
    """What a page counts into its site's habits: ``("byline", name)`` for each name on its
    byline, ``("title-suffix", "| Site")`` and ``("title-prefix", "Site: ")`` for the parts
    its titles (``<title>``, ``og:title``, the headline chosen) hang on by a separator."""
    found = dict.fromkeys(("byline", name) for name in names if name)
    for title in titles:
        if not title:
            continue
        found.update(dict.fromkeys(("title-suffix", s) for s in suffixes(title)[:AFFIXES]))
        found.update(dict.fromkeys(("title-prefix", p) for p in prefixes(title)[:AFFIXES]))
    return tuple(found)


def suffixes(title: str) -> list[str]:
    """The parts ``title`` ends with after a separator, shortest first (``| CBC News``)."""
    found = []
    for cut in range(len(title) - 1, 0, -1):
        if len(title) - cut > MAX_AFFIX:
            break
        if title[cut] in SEPARATORS and (title[cut] in _BARS or title[cut - 1] == " ") \
                and len(title[:cut].strip()) >= MIN_HEADLINE:
            found.append(title[cut:])
    return found


def prefixes(title: str) -> list[str]:
    """The parts ``title`` starts with up to a separator, shortest first (``CBC News: ``)."""
    found = []
    for cut in range(1, min(len(title) - 1, MAX_AFFIX)):
        if title[cut] in SEPARATORS and (title[cut] in _BARS or title[cut + 1] == " ") \
                and len(title[cut + 1:].strip()) >= MIN_HEADLINE:
            found.append(title[:cut + 1])
    return found


def apply_habits(meta: dict, profile) -> dict:
    """``meta`` (the metadata fields of :func:`cleaners.metadata.finish_metadata`) with the
    site's habits applied: the site's title part cut from the headline, a name that signs the
    site's pages moved from its people to its credits; each change told in its field's source."""
    if profile is None or not getattr(profile, "habits", None):
        return meta
    sources = dict(meta["metadata_sources"])
    title = meta.get("title")
    if title:
        for kind, parts, cut in (("suffix", suffixes(title)[::-1],
                                  lambda t, p: t[:-len(p)].rstrip()),
                                 ("prefix", prefixes(title)[::-1],
                                  lambda t, p: t[len(p):].lstrip())):
            for part in parts:  # the longest the site repeats
                if count := profile.habit(f"title-{kind}", part):
                    title = cut(title, part)
                    sources["title"] = (f"{sources.get('title', '')}, site {kind} "
                                        f"{json.dumps(part, ensure_ascii=False)} removed "
                                        f"(site habit: {_share(count, profile)})")
                    break
    people, credits = list(meta["authors"]), list(meta["credits"])
    desks = [(name, count) for name in people if (count := profile.habit("byline", name))]
    for name, count in desks:
        people.remove(name)
        credits.append(name)
        sources["authors"] = (f"{sources.get('authors', '')}, "
                              f"{json.dumps(name, ensure_ascii=False)} moved to credits "
                              f"(site habit: signs {_share(count, profile)})")
    if title == meta.get("title") and not desks:
        return meta
    return {**meta, "title": title, "authors": tuple(people), "credits": tuple(credits),
            "author": "; ".join(people + credits) or None,
            "metadata_sources": tuple(sources.items())}


def habits_agree(title: str | None, people, sources: dict, profile) -> bool:
    """Whether a cleaned page's title and people (``sources``: its metadata sources, which tell
    what a habit cut or moved) are what the site's habits, as ``profile`` has them, make of
    them; if not, the page was cleaned while a habit held that holds no longer, or before one
    held that holds now."""
    moved = [json.loads(name) for name in _MOVED.findall(sources.get("authors", ""))]
    if any(profile.habit("byline", name) for name in people) \
            or not all(profile.habit("byline", name) for name in moved):
        return False
    cuts = cut_affixes(sources)
    for kind, part in cuts:  # the title as the page gave it
        title = f"{title} {part}" if kind == "title-suffix" else f"{part} {title}"
    again = apply_habits({"title": title, "authors": (), "credits": (),
                          "metadata_sources": ()}, profile)
    return cut_affixes(dict(again["metadata_sources"])) == cuts


def cut_affixes(sources: dict) -> list[tuple[str, str]]:
    """The title parts a habit cut, as ``(kind, part)``, read back from the title's source."""
    return [(f"title-{kind}", json.loads(part))
            for kind, part in _CUT.findall(sources.get("title", ""))]


def _share(count: int, profile) -> str:
    return f"{count} of {profile.pages} pages"
