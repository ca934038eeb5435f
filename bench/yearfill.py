"""The year's fill: hourly crawls of a hundred sites written through the archive's own write
path, the shape :mod:`bench.year` times pages and commands against (its docstring tells the
shape); :mod:`bench.yearshape` writes another."""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

import numpy as np
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders

from archive.store import copies
from archive.store.index import Index
from archive.store.warcfile import RecordLocation, new_record_id
from cleaners.profile import block_key, story_key

START = datetime(2025, 1, 1, tzinfo=UTC)
LANGUAGES = ("en", "de", "ru", "ar", "fr", "es", "tr", "zh")
RECHECK_HOURS = (1, 6, 24, 168)
HUBS = ("", "feed/", "sitemap.xml")
COPY_SHARE = 0.08        # articles that are another site's wire story, lightly edited
VERSION_SHARE = 0.04     # re-checks that find the text changed
REMOVED_SHARE = 0.004    # re-checks answered 404
FAILED_SHARE = 0.01      # hub fetches answered 5xx or timed out
GUARD_SHARE = 0.03       # articles a cleaning guard kept whole
SECTIONS = ("politics", "business", "sport", "culture", "science", "world", "local", "opinion",
            "health", "travel", "media", "weather", "technology", "climate", "education",
            "economy", "crime", "football", "music", "cars")
AGENCIES = ("Reuters", "AP", "AFP", "dpa", "EFE", "ANSA", "Xinhua", "PA Media")
OFFSETS = (0, 1, 2, 3, -5, -8, 8, 9, 5.5, -3)  # a site's UTC offset, hours
#: On how many articles' bylines: none, one, two, three people.
BYLINE_PEOPLE = (0.12, 0.63, 0.20, 0.05)


def vocabulary(rng: random.Random, size: int = 40_000) -> list[str]:
    """Pseudo-words from syllables, used with Zipf's law as words are."""
    syllables = [a + b for a in "bcdfghklmnprstvz" for b in "aeiou"] + ["tion", "ment", "ung"]
    return [''.join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(size)]


@dataclass
class Site:
    name: str
    host: str
    language: str
    per_hour: float
    boilerplate: list[str]
    people: list[str] = field(default_factory=list)  # its staff, most prolific first
    sections: list[str] = field(default_factory=list)  # most used first
    offset: float = 0.0


@dataclass
class Published:
    url: str
    site: Site
    capture_id: str
    text: str
    title: str
    signature: np.ndarray
    version: int = 1
    meta: dict = field(default_factory=dict)  # the metadata columns of its row


class Year:
    """Fills ``index`` hour by hour; ``curve`` gets one point per tenth of the articles."""

    copy_share = COPY_SHARE

    def __init__(self, index: Index, articles: int, sites: int, days: int, seed: int = 0):
        self.index, self.target, self.days = index, articles, days
        self.rng = random.Random(seed)
        self.np = np.random.default_rng(seed)
        self.words = vocabulary(self.rng)
        weights = [1 / (rank + 10) for rank in range(len(self.words))]
        self.cumulative = np.cumsum(weights) / sum(weights)
        rates = [self.rng.lognormvariate(0, 1.2) for _ in range(sites)]
        scale = articles / (days * 24) / sum(rates)
        self.sites = [Site(f"site{n:03d}", f"www.site{n:03d}.example", LANGUAGES[n % 8],
                           rate * scale, [self.sentence(8) for _ in range(4)])
                      for n, rate in enumerate(rates)]
        for site in self.sites:
            self.staff(site)
        self.rechecks: dict[int, list[Published]] = {}
        self.recent: deque[Published] = deque(maxlen=2000)
        self.articles = self.captures = 0
        self.write_seconds = self.capture_seconds = self.crawl_seconds = 0.0
        self.close_seconds = 0.0
        self.pages: dict[str, int] = {}  # written by the commits, by table or index
        self.curve: list[dict] = []
        self._serial = 0
        self._zipf: dict[tuple, list[float]] = {}
        self.run = ""  # names this run's crawls apart from an earlier run's of the same hours

    # --- text ---------------------------------------------------------------------------
    def sentence(self, words: int) -> str:
        picks = np.searchsorted(self.cumulative, self.np.random(words))
        return " ".join(self.words[i] for i in picks).capitalize() + "."

    def url(self, site: Site, at: datetime, title: str) -> str:
        return f"https://{site.host}/{at:%Y/%m/%d}/story-{self._serial + 1}.html"

    def story(self) -> tuple[str, str]:
        paragraphs = [" ".join(self.sentence(self.rng.randint(8, 22))
                               for _ in range(self.rng.randint(1, 4)))
                      for _ in range(self.rng.randint(4, 14))]
        return self.sentence(9)[:-1], "\n".join(paragraphs)

    # --- metadata -----------------------------------------------------------------------
    def staff(self, site: Site, people: int = 400) -> None:
        """A site's writers, sections and time zone."""
        site.people = [self.name() for _ in range(people)]
        site.sections = self.rng.sample(SECTIONS, self.rng.randint(6, len(SECTIONS)))
        site.offset = self.rng.choice(OFFSETS)

    def name(self) -> str:
        return " ".join(self.words[self.rng.randrange(200, 20_000)].capitalize()
                        for _ in range(2))

    def pick(self, items: list, exponent: float = 1.1):
        """One of ``items`` by Zipf's law (the first the most often): a few staff writers sign
        thousands of articles and most sign a few; a few sections hold most articles."""
        key = (len(items), exponent)
        if key not in self._zipf:
            self._zipf[key] = list(np.cumsum([1 / (rank + 1) ** exponent
                                              for rank in range(len(items))]))
        return self.rng.choices(items, cum_weights=self._zipf[key])[0]

    def byline(self, site: Site, at: datetime, wire: str | None = None,
               kind: str = "NewsArticle") -> dict:
        """The metadata columns of a new article's row, as the cleaner writes them: one to
        three people (or none) from the site's staff, an agency's credit on a wire copy, the
        section, keywords, publisher, and the publication time in the site's own offset, a
        little before the capture."""
        people = self.rng.choices(range(len(BYLINE_PEOPLE)), BYLINE_PEOPLE)[0]
        if wire and self.rng.random() < 0.7:
            people = 0
        authors = list(dict.fromkeys(self.pick(site.people) for _ in range(people)))
        credits = [wire] if wire else ([f"{site.name} desk"] if self.rng.random() < 0.05 else [])
        published = self.local(site, at - timedelta(minutes=self.rng.randint(0, 180)))
        keywords = [self.words[i] for i in np.searchsorted(
            self.cumulative, self.np.random(self.rng.randint(0, 8)))]
        return {
            "author": "; ".join(authors) or None, "authors": json.dumps(authors),
            "credits": json.dumps(credits), "publisher": f"{site.name.capitalize()} Media",
            "published": published[:10], "published_at": published, "modified": None,
            "section": self.pick(site.sections), "keywords": json.dumps(keywords),
            "image": f"https://{site.host}/images/{self._serial}.jpg", "article_type": kind,
            "free": self.rng.choice((None, None, 1, 0)),
            "metadata_sources": json.dumps({"published": "json-ld datePublished",
                                            "authors": "json-ld author", "title": "h1",
                                            "section": "json-ld articleSection"}),
        }

    @staticmethod
    def local(site: Site, at: datetime) -> str:
        """``at`` as the site writes it: ISO 8601 in its own offset."""
        return at.astimezone(timezone(timedelta(hours=site.offset))).isoformat(
            timespec="seconds")

    # --- the write path -----------------------------------------------------------------
    def record_id(self) -> str:
        self._serial += 1
        return new_record_id()  # the crawl's own ids, in the order it makes them

    def capture(self, url: str, at: datetime, crawl_id: str, status: int = 200,
                skip_reason: str | None = None, revisit_of: str | None = None) -> str:
        record_id = self.record_id()
        rec_type = "revisit" if revisit_of else "response"
        headers = [("WARC-Type", rec_type), ("WARC-Record-ID", record_id),
                   ("WARC-Target-URI", url), ("WARC-Date", at.strftime("%Y-%m-%dT%H:%M:%SZ")),
                   ("WARC-Payload-Digest", "sha1:" + hashlib.sha1(record_id.encode())
                    .hexdigest()[:32].upper()), ("WARC-IP-Address", "192.0.2.7")]
        if revisit_of:
            headers.append(("WARC-Refers-To", revisit_of))
        http = StatusAndHeaders(f"{status} OK", [("Content-Type", "text/html"),
                                                 ("ETag", f'"{self._serial:x}"')],
                                protocol="HTTP/1.1")
        record = ArcWarcRecord("warc", rec_type, StatusAndHeaders("WARC/1.1", headers), None,
                               http, "application/http; msgtype=response", 0)
        # a file per million records (offsets wrap at 1 GB): a side-by-side run written into
        # the same hours as an earlier one never lands at that run's file and offset
        location = RecordLocation(
            f"newsarchive-{at:%Y%m%d%H}-{self._serial // 10**6 % 10**5:05d}-bench.warc.gz",
            self._serial * 9000 % 1_000_000_000, 9000, record_id)
        start = time.perf_counter()
        self.index.add_capture(record, location, crawl_id, skip_reason=skip_reason)
        self.capture_seconds += time.perf_counter() - start
        self.captures += 1
        return record_id

    def write_article(self, item: Published, at: datetime, crawl_id: str) -> None:
        item.capture_id = self.capture(item.url, at, crawl_id)
        lines = item.text.split("\n")
        cuts = [{"rule": "site-profile", "text": self.rng.choice(item.site.boilerplate)},
                {"rule": "headline-list", "text": "\n".join(self.sentence(7)[:-1]
                                                            for _ in range(4))},
                {"rule": "ad-label", "text": "Advertisement"}]
        if self.rng.random() < 0.3:
            cuts.append({"rule": "share-label", "text": "Share this article"})
        row = {
            "capture_id": item.capture_id, "url": item.url, "canonical_url": item.url,
            "site": item.site.name, "title": item.title,
            "fetched_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"), "sitename": item.site.name,
            "description": lines[0][:200], "language": item.site.language,
            "language_probability": 0.99, "declared_language": item.site.language,
            "charset": "utf-8", "text": item.text, "word_count": len(item.text.split()),
            "text_digest": hashlib.sha1(item.text.encode()).hexdigest(),
            "cleaner_version": "bench", "removed": json.dumps(cuts), "removed_count": len(cuts),
            "guards": json.dumps(["headline-list: kept 3 paragraphs of prose"]
                                 if self.rng.random() < GUARD_SHARE else []),
            "truncated": None, "conversion_file": "newsarchive-text.warc.gz",
            "conversion_offset": self._serial * 3000, "conversion_length": 3000,
            "conversion_id": self.record_id(), "metadata_file": "newsarchive-text.warc.gz",
            "metadata_offset": self._serial * 3000 + 2000, "metadata_length": 1000,
            **item.meta,
        }
        kept = lines + item.site.boilerplate[:1]
        page = _Page(story_key(kept), tuple((block_key(line), line) for line in kept))
        start = time.perf_counter()
        self.index.upsert_article(row, page, item.signature)
        self.write_seconds += time.perf_counter() - start
        self.articles += 1

    def new_article(self, site: Site, at: datetime, crawl_id: str,
                    kind: str = "NewsArticle") -> Published:
        others = [p for p in list(self.recent)[-50:] if p.site is not site]
        wire = None
        if others and self.rng.random() < self.copy_share:
            original = self.rng.choice(others)
            wire = self.rng.choice(AGENCIES)
            title, text = original.title, original.text + "\n" + self.sentence(12)
            signature = original.signature.copy()
            changed = self.np.choice(copies.PERMUTATIONS, 12, replace=False)
            signature[changed] = self.np.integers(0, 2**63, 12, dtype=np.uint64)
        else:
            title, text = self.story()
            signature = self.np.integers(0, 2**63, copies.PERMUTATIONS, dtype=np.uint64)
        item = Published(self.url(site, at, title), site, "", text, title, signature,
                         meta=self.byline(site, at, wire, kind))
        self.write_article(item, at, crawl_id)
        self.recent.append(item)
        return item

    def recheck(self, item: Published, at: datetime, crawl_id: str) -> None:
        roll = self.rng.random()
        if roll < REMOVED_SHARE:
            self.removed(item, at, crawl_id)
        elif roll < REMOVED_SHARE + VERSION_SHARE:
            paragraphs = item.text.split("\n")
            paragraphs[self.rng.randrange(len(paragraphs))] = self.sentence(15)
            self.new_version(item, paragraphs, at, crawl_id)
        else:
            self.capture(item.url, at, crawl_id, status=304, revisit_of=item.capture_id)

    def removed(self, item: Published, at: datetime, crawl_id: str) -> None:
        """A re-check answered 404: the capture and the article marked removed."""
        removal = self.capture(item.url, at, crawl_id, status=404, skip_reason="http-error")
        self.index.mark_removed(item.url, 404, at.strftime("%Y-%m-%dT%H:%M:%SZ"), removal)

    def new_version(self, item: Published, paragraphs: list[str], at: datetime,
                    crawl_id: str) -> None:
        """A re-check found the text changed to ``paragraphs``: a new version, its MinHash
        partly redrawn, its metadata modified then."""
        item.text, item.version = "\n".join(paragraphs), item.version + 1
        item.signature = item.signature.copy()
        item.signature[:6] = self.np.integers(0, 2**63, 6, dtype=np.uint64)
        item.meta = {**item.meta, "modified": self.local(item.site, at)}
        self.write_article(item, at, crawl_id)

    def start_hour(self, hour: int, tag: str) -> tuple[datetime, str]:
        """The hour's time and its crawl, started (its start timed with the crawl's commits)."""
        at = START + timedelta(hours=hour)
        crawl_id = f"{at:%Y%m%dT%H%M%S}-{tag}{self.run}"
        start = time.perf_counter()
        self.index.start_crawl(crawl_id, "news")
        self.crawl_seconds += time.perf_counter() - start
        return at, crawl_id

    def hour(self, hour: int) -> None:
        at, crawl_id = self.start_hour(hour, "bench")
        stats: dict[str, int] = {}
        for site in self.sites:
            key = f"archive/sites/{site.name}"
            for path in HUBS:
                failed = self.rng.random() < FAILED_SHARE
                self.capture(f"https://{site.host}/{path}", at, crawl_id,
                             status=503 if failed else 200,
                             skip_reason="http-error" if failed else "not-article")
                stats[f"{key}/{'5xx' if failed else '2xx'}"] = \
                    stats.get(f"{key}/{'5xx' if failed else '2xx'}", 0) + 1
            for _ in range(self.np.poisson(site.per_hour)):
                item = self.new_article(site, at + timedelta(minutes=self.rng.randint(1, 59)),
                                        crawl_id)
                for after in RECHECK_HOURS:
                    self.rechecks.setdefault(hour + after, []).append(item)
                stats[f"{key}/2xx"] = stats.get(f"{key}/2xx", 0) + 1
                stats[f"{key}/articles"] = stats.get(f"{key}/articles", 0) + 1
        self.end_hour(hour, at, crawl_id, stats)

    def end_hour(self, hour: int, at: datetime, crawl_id: str, stats: dict) -> None:
        """The re-checks due this hour, then the crawl finished with its stats (its close
        timed apart from the writes)."""
        for item in self.rechecks.pop(hour, []):
            self.recheck(item, at + timedelta(minutes=30), crawl_id)
        stats.update({"downloader/request_count": self.captures,
                      "downloader/response_status_count/200": self.captures,
                      "archive/articles": self.articles, "elapsed_time_seconds": 300})
        start = time.perf_counter()
        self.index.finish_crawl(crawl_id, "finished", stats)
        self.crawl_seconds += time.perf_counter() - start

    def fill(self, report, first_day: int = 0) -> None:
        """The year's hours from ``first_day`` on (a month's archive that ends where the
        side-by-side runs begin starts at ``--days`` less 30)."""
        hours = self.days * 24
        mark = 0
        last = (0, 0, 0.0, 0.0)
        for hour in range(hours):
            self.hour(first_day * 24 + hour)
            if self.articles >= (mark + 1) * self.target / 10 or hour == hours - 1:
                mark += 1
                self.index.commit()
                articles, captures = self.articles - last[0], self.captures - last[1]
                point = {"articles": self.articles, "captures": self.captures, "day": hour // 24,
                         "ms_per_article": 1000 * (self.write_seconds - last[2]) / max(articles, 1),
                         "ms_per_capture": 1000 * (self.capture_seconds - last[3])
                         / max(captures, 1)}
                self.curve.append(point)
                report(point)
                last = (self.articles, self.captures, self.write_seconds, self.capture_seconds)


@dataclass(frozen=True)
class _Page:
    story: str
    blocks: tuple


# --- measuring ---------------------------------------------------------------------------------
