"""Site profiles in the archive: read them cached, and find the articles cleaned before the
profile knew what their site repeats (:func:`archive.process.reclean_site` cleans them again)."""

from __future__ import annotations

import json
import re
import time

from archive.store.index import Index
from cleaners.habits import habits_agree
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


#: Stale candidates read at a time: a site's first reprocess may find tens of thousands, more
#: than one statement may bind.
STALE_READ = 500


def stale_articles(index: Index, site: str) -> list[dict]:
    """Articles of ``site`` whose text still holds a block the profile now calls boilerplate,
    or whose metadata a habit the site has since shown would change (:func:`habit_stale`).

    A block's candidates come from the full-text index (a phrase of each boilerplate block), so
    a crawl's end costs a few FTS queries, not a read of every article the site ever had; a
    habit's, from the pages counted (:func:`habit_stale`).
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
    wanted = sorted(candidates | habits)
    rows = (row for start in range(0, len(wanted), STALE_READ)
            for row in index.db.execute_returning_dicts(
                "select a.capture_id, a.text, c.warc_file, c.warc_offset, c.warc_length "
                "from articles a join captures c on c.record_id = a.capture_id "
                f"where a.capture_id in ({','.join('?' * len(wanted[start:start + STALE_READ]))})",
                wanted[start:start + STALE_READ]))
    return [row for row in rows if row["capture_id"] in habits
            or any(profile.repeats(line, block_key(line)) for line in row["text"].split("\n"))]


def habit_stale(index: Index, profile) -> set[str]:
    """Articles of the profile's site whose title or people the site's habits now make
    otherwise than when they were cleaned (:func:`cleaners.habits.habits_agree`), found by the
    pages counted, not by their words (a site name glued to a section, ``정치ㅣ한국일보``, is
    no word of its own for the full-text index):

    - the pages counted during this run, all read: a habit may have held for a while and no
      longer (a reporter who signs a site's first ten stories looks like a desk until the
      site has more), or held only once some were cleaned;
    - for each habit whose holding changed since the last run's end (``site_habits.held``),
      every page counted since the first that showed it. A transition is rare; a habit that
      flaps near its threshold reads its range again at each run's end that finds it changed.

    Then each habit's holding is stored for the next run's end. Pages not counted (a story's
    second capture, a copy of a story counted) are cleaned with the profile of their time.
    """
    habits = index.site_habits(profile.site)
    since = index.counted_from(profile.site) if habits else None  # none held, none can have
    changed = []
    for kind, value, first_page, held in habits:
        holds = profile.habit(kind, value) is not None
        if holds != bool(held):
            changed.append((kind, value, holds))
            since = first_page if since is None else min(since, first_page)
    stale = set()
    if since is not None:
        for row in index.pages_from(profile.site, since):
            sources = json.loads(row["metadata_sources"] or "{}")
            if not habits_agree(row["title"], json.loads(row["authors"] or "[]"), sources,
                                profile):
                stale.add(row["capture_id"])
    index.habits_settled(profile.site, changed)
    return stale


def _phrase(text: str) -> str | None:
    """An FTS phrase for a block: its longest run of words without digits (digits vary)."""
    runs = re.split(r"\w*\d\w*", text)
    words = max((re.findall(r"\w+", run) for run in runs), key=len, default=[])
    return '"' + " ".join(words[:MAX_PHRASE_WORDS]) + '"' if words else None
