"""A second year-shaped fill whose assumptions differ from :class:`bench.yearfill.Year`'s on
purpose, so that what the pages and commands are tuned for is checked against a shape nobody
tuned them on: ``python -m bench.year --shape other`` fills with it and times the same
pages and commands.

Where the two differ (docs/benchmarks.md lists both):

- 1,000 sites whose sizes follow Zipf's law (exponent 1.38: the largest writes a third of all
  articles, the smallest a handful), not 100 of log-normal rates; the large sites crawled every
  hour, the middle ones every six, the rest once a day;
- bursts: each site has a news event, a day at 20 times its rate, and on two days a quarter of
  all sites burst together;
- live blogs on the hourly sites: re-fetched every hour for 50 to 300 hours, each time a new
  version with an update on top;
- texts from a two-line brief to a hundred paragraphs; one to three languages a site;
- URLs of four kinds: dated paths, ``?p=ID``, long slugs with tracking query strings, and
  ``article.php?id=...&lang=...``;
- re-checks at 3, 12 and 72 hours; more versions (6%) and removals (1%); wire copies (12%)
  taken from any site's recent stories.

The metadata (bylines from each site's staff by Zipf's law, agencies on wire copies, sections,
keywords, publisher, publication times in each site's offset, ``modified`` on versions) is
:meth:`bench.yearfill.Year.byline`'s, with each article's language.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import numpy as np

from bench.yearfill import LANGUAGES, Published, Site, Year

SIZE_EXPONENT = 1.38
LIVE_SHARE = 0.001       # new articles of an hourly site that are live blogs
LIVE_HOURS = (50, 300)   # a live blog's versions, one an hour
RECHECK_HOURS = (3, 12, 72)
VERSION_SHARE = 0.06
REMOVED_SHARE = 0.01
BURST = 20               # a news event: this many times a site's rate, for a day
SHARED_BURSTS = (0.25, 2)  # on this many days, this share of all sites bursts together
#: Articles written for each new story (versions and live blogs' hours): the rates are
#: scaled by it so that the fill comes near ``--articles``.
ROWS_PER_STORY = 1.15


class OtherYear(Year):
    """Fills ``index`` hour by hour in the shape this module describes; stops at ``articles``."""

    copy_share = 0.12

    def __init__(self, index, articles: int, sites: int, days: int, seed: int = 0):
        super().__init__(index, articles, sites, days, seed)
        weights = 1 / np.arange(1, sites + 1) ** SIZE_EXPONENT
        shared = SHARED_BURSTS[0] * SHARED_BURSTS[1]
        per_hour = articles / ROWS_PER_STORY / (days * 24) / (1 + (BURST - 1) * (1 + shared)
                                                             / days)
        self.bursts: dict[int, set[int]] = {}  # day: the sites bursting
        for day in self.rng.sample(range(days), min(days, SHARED_BURSTS[1])):
            self.bursts[day] = set(self.rng.sample(range(sites), int(sites * SHARED_BURSTS[0])))
        self.languages: dict[str, list[str]] = {}
        for n, (site, weight) in enumerate(zip(self.sites, weights / weights.sum(), strict=True)):
            site.per_hour = per_hour * weight
            self.bursts.setdefault(self.rng.randrange(days), set()).add(n)
            self.languages[site.name] = self.rng.sample(LANGUAGES, self.rng.randint(1, 3))
        self.style = {site.name: n % 4 for n, site in enumerate(self.sites)}

    @staticmethod
    def every(site: Site) -> int:
        """Hours between a site's crawls: its size decides its schedule."""
        return 1 if site.per_hour >= 0.5 else 6 if site.per_hour >= 0.05 else 24

    # --- text, addresses, metadata --------------------------------------------------------
    def story(self) -> tuple[str, str]:
        roll = self.rng.random()
        paragraphs = (1 if roll < 0.2 else self.rng.randint(40, 100) if roll < 0.3
                      else self.rng.randint(3, 12))
        sentences = (1, 2) if roll < 0.2 else (1, 4)
        return self.sentence(self.rng.randint(4, 16))[:-1], "\n".join(
            " ".join(self.sentence(self.rng.randint(6, 30))
                     for _ in range(self.rng.randint(*sentences))) for _ in range(paragraphs))

    def url(self, site: Site, at: datetime, title: str) -> str:
        serial, style = self._serial + 1, self.style[site.name]
        slug = re.sub(r"\W+", "-", title.lower()).strip("-")
        if style == 0:
            return f"https://{site.host}/{self.pick(site.sections)}/{slug[:60]}-{serial}.html"
        if style == 1:
            return f"https://{site.host}/?p={serial}"
        if style == 2:
            return (f"https://{site.host}/news/{at:%Y/%m/%d}/{self.pick(site.sections)}/"
                    f"{(slug + '-') * 4}{serial}/index.html?utm_source=rss&utm_medium=feed"
                    f"&utm_campaign={at:%Y%m%d}&ref=homepage")
        return (f"https://{site.host}/article.php?id={serial}"
                f"&lang={self.languages[site.name][0]}&from=section")

    def byline(self, site: Site, at: datetime, wire: str | None = None,
               kind: str = "NewsArticle") -> dict:
        meta = super().byline(site, at, wire, kind)
        language = self.rng.choices(self.languages[site.name], (0.7, 0.2, 0.1)[
            :len(self.languages[site.name])])[0]
        return {**meta, "language": language, "declared_language": language}

    # --- the crawl ------------------------------------------------------------------------
    def recheck(self, item: Published, at: datetime, crawl_id: str) -> None:
        live = item.meta.get("article_type") == "LiveBlogPosting"
        roll = self.rng.random()
        if not live and roll < REMOVED_SHARE:
            self.removed(item, at, crawl_id)
        elif live or roll < REMOVED_SHARE + VERSION_SHARE:
            paragraphs = item.text.split("\n")
            if live:  # the newest update on top
                paragraphs.insert(1, f"{at:%H:%M} " + self.sentence(self.rng.randint(10, 40)))
            else:
                paragraphs[self.rng.randrange(len(paragraphs))] = self.sentence(15)
            self.new_version(item, paragraphs, at, crawl_id)
        else:
            self.capture(item.url, at, crawl_id, status=304, revisit_of=item.capture_id)

    def hour(self, hour: int) -> None:
        if self.articles >= self.target:
            return
        at, crawl_id = self.start_hour(hour, "other")
        stats: dict[str, int] = {}
        day = hour // 24 % self.days
        for n, site in enumerate(self.sites):
            every = self.every(site)
            if hour % every:
                continue
            key = f"archive/sites/{site.name}"
            for path in ("", "rss.xml"):
                failed = self.rng.random() < 0.02
                self.capture(f"https://{site.host}/{path}", at, crawl_id,
                             status=503 if failed else 200,
                             skip_reason="http-error" if failed else "not-article")
                name = f"{key}/{'5xx' if failed else '2xx'}"
                stats[name] = stats.get(name, 0) + 1
            rate = site.per_hour * every * (BURST if n in self.bursts.get(day, ()) else 1)
            for _ in range(self.np.poisson(rate)):
                found = at + timedelta(minutes=self.rng.randint(1, 59))
                live = every == 1 and self.rng.random() < LIVE_SHARE
                item = self.new_article(site, found, crawl_id,
                                        "LiveBlogPosting" if live else "NewsArticle")
                after = range(1, self.rng.randint(*LIVE_HOURS)) if live else RECHECK_HOURS
                for later in after:
                    self.rechecks.setdefault(hour + later, []).append(item)
                stats[f"{key}/2xx"] = stats.get(f"{key}/2xx", 0) + 1
                stats[f"{key}/articles"] = stats.get(f"{key}/articles", 0) + 1
        self.end_hour(hour, at, crawl_id, stats)

