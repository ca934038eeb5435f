"""Site profiles in the archive: read them cached, and find the articles cleaned before the
profile knew what their site repeats (:func:`archive.process.reclean_site` cleans them again)."""

from __future__ import annotations

import re
import time

from archive.store.index import Index
from cleaners.profile import MIN_PAGES, SiteProfile, block_key

#: Words of a block used to find it with full-text search.
MAX_PHRASE_WORDS = 12


class ProfileCache:
    """Site profiles read from the index at most every ``max_age`` seconds.

    Reading a profile costs two queries and grows with the site; a profile a second old misses
    at most the blocks that just crossed the line, and :func:`reclean_site` at the end of a run
    cleans again whatever they should have cut.
    """

    def __init__(self, index: Index, max_age: float = 1.0):
        self.index = index
        self.max_age = max_age
        self._profiles: dict[str, tuple[float, SiteProfile]] = {}

    def get(self, site: str) -> SiteProfile:
        read_at, profile = self._profiles.get(site, (None, None))
        if read_at is None or time.monotonic() - read_at > self.max_age:
            profile = self.index.site_profile(site)
            self._profiles[site] = (time.monotonic(), profile)
        return profile


def stale_articles(index: Index, site: str) -> list[dict]:
    """Articles of ``site`` whose text still holds a block the profile now calls boilerplate,
    or whose metadata a habit the site has since shown would change (:func:`habit_stale`).

    Candidates come from the full-text index (a phrase of each boilerplate block), so a crawl's
    end costs a few FTS queries, not a read of every article the site ever had.
    """
    profile = index.site_profile(site)
    habits = habit_stale(index, profile)
    blocks = index.db.execute("select key, text from site_blocks where site = ? and pages >= ?",
                              [site, MIN_PAGES]).fetchall()
    candidates: set[str] = set()
    for key, text in blocks:
        phrase = _phrase(text)
        if phrase and profile.repeats(text, key):
            candidates.update(row[0] for row in index.db.execute(
                "select a.capture_id from articles_fts join articles a "
                "on a.rowid = articles_fts.rowid where articles_fts match ? and a.site = ?",
                [phrase, site]))
    if not candidates and not habits:
        return []
    marks = ",".join("?" * len(candidates | habits))
    rows = index.db.execute_returning_dicts(
        "select a.capture_id, a.text, c.warc_file, c.warc_offset, c.warc_length "
        f"from articles a join captures c on c.record_id = a.capture_id "
        f"where a.capture_id in ({marks})", sorted(candidates | habits))
    return [row for row in rows if row["capture_id"] in habits
            or any(profile.repeats(line, block_key(line)) for line in row["text"].split("\n"))]


def habit_stale(index: Index, profile) -> set[str]:
    """Articles of the profile's site cleaned before it knew a habit: a desk's name still among
    their people, the site's title part still on their headline (found by the byline table and
    the full-text index)."""
    stale: set[str] = set()
    for (kind, value), _ in profile.habits.items():
        if not profile.habit(kind, value):
            continue
        if kind == "byline":
            stale.update(row[0] for row in index.db.execute(
                "select t.capture_id from article_authors t join articles a "
                "on a.capture_id = t.capture_id where t.role = 'author' and t.author = ? "
                "and a.site = ?", [value, profile.site]))
            continue
        phrase = _phrase(value)
        if not phrase:
            continue
        for capture_id, title in index.db.execute(
                "select a.capture_id, a.title from articles_fts join articles a "
                "on a.rowid = articles_fts.rowid where articles_fts match ? and a.site = ?",
                ["title: " + phrase, profile.site]):
            if (title or "").endswith(value) if kind == "title-suffix" else \
                    (title or "").startswith(value):
                stale.add(capture_id)
    return stale


def _phrase(text: str) -> str | None:
    """An FTS phrase for a block: its longest run of words without digits (digits vary)."""
    runs = re.split(r"\w*\d\w*", text)
    words = max((re.findall(r"\w+", run) for run in runs), key=len, default=[])
    return '"' + " ".join(words[:MAX_PHRASE_WORDS]) + '"' if words else None
