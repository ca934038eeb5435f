"""The ``check-seed`` spider: does a seed still fit its site (``newsarchive check-seed``)?

It is the ``discover`` spider pointed at a seed's own entry points instead of a front page:
robots.txt, the start pages, feeds and sitemaps the seed names, fetched with the crawl's
settings, then a sample of the URLs they give judged article or hub by the same verdict, and
each page asked whether the seed takes it. :func:`assess` says what looks wrong, each problem a
warning (the crawl works, worse than it could) or broken (the crawl archives nothing of use).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.misc import load_object
from scrapy.utils.sitemap import sitemap_urls_from_robots

from spiders._feeds import parse_feed
from spiders._seeds import Seed
from spiders.discover import SAMPLE, DiscoverSpider, PageFound

WARNING, BROKEN = "warning", "broken"
#: A sitemap with no entry newer than this is stale.
STALE_DAYS = 30
#: Pages shown by path in a problem's line.
EXAMPLES = 3


@dataclass
class Entry:
    """One entry point of the seed, as fetched."""

    kind: str  # start page, feed, sitemap
    url: str
    note: str = ""
    urls: list[str] = field(default_factory=list)
    #: Why it gave nothing ("" when it answered as it should).
    dead: str = ""


@dataclass
class Checked:
    seed: Seed
    robots: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    pages: list[PageFound] = field(default_factory=list)
    unjudged: list[tuple[str, str]] = field(default_factory=list)
    #: Entry points robots.txt forbids.
    forbidden: list[str] = field(default_factory=list)

    def taken(self, url: str) -> bool:
        return bool(self.seed.is_article_url(url))

    @property
    def matched(self) -> list[str]:
        return [url for url in self.urls if self.taken(url)]


class CheckSpider(DiscoverSpider):
    name = "check-seed"

    def __init__(self, seed: Seed, sample: int = SAMPLE, **kwargs):
        super().__init__(url=seed.entry_urls[0], sample=sample, **kwargs)
        self._seed = seed
        self.checked = Checked(seed)
        self.robots_of: dict[str, object] = {}

    @property
    def seed(self) -> Seed:
        return self._seed

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        robots = self.robots_of.get(f"{parts.scheme}://{parts.netloc}")
        return robots is None or robots.allowed(url, self.agent)

    def takes(self, response) -> bool:
        return self.seed.takes(self.seed.is_article_url(response.url), response.selector)

    async def _discover(self) -> None:
        checked, seed = self.checked, self.seed
        for origin in dict.fromkeys(f"{p.scheme}://{p.netloc}" for p in
                                    map(urlsplit, seed.entry_urls)):
            await self._robots(origin)
        checked.forbidden = [url for url in seed.entry_urls if not self.allowed(url)]
        for url in seed.start_urls:
            entry = Entry("start page", url)
            response = await self._entry(entry)
            if response is not None and not isinstance(response, HtmlResponse):
                entry.dead = "not HTML"
            elif response is not None:
                entry.urls = self._on_site((link.url for link in
                                            self.links.extract_links(response)), response.url)
                entry.note = f"{len(entry.urls)} links to the site"
            checked.entries.append(entry)
        for url in seed.feeds:
            checked.entries.append(await self._feed(url))
        for url in seed.sitemaps:
            checked.entries += await self._sitemaps(url)
        checked.urls = list(dict.fromkeys(url for entry in checked.entries
                                          for url in entry.urls))
        # The sample: of each sitemap, its newest entries (a new URL shape shows there first).
        pool = {f"{e.kind} {e.url}": e.urls for e in checked.entries if e.kind != "sitemap"}
        await self.judge_pool({**pool, **self.pool}, set(seed.entry_urls))
        checked.pages, checked.unjudged = self.found.pages, self.found.unjudged

    async def _robots(self, origin: str) -> None:
        try:
            response = await self.fetch(f"{origin}/robots.txt", dont_obey_robotstxt=True)
        except Exception as exc:  # noqa: BLE001 - a site without robots.txt forbids nothing
            self.checked.robots.append(f"{origin}/robots.txt: not fetched "
                                       f"({type(exc).__name__}): nothing forbidden")
            return
        if response.status != 200:
            self.checked.robots.append(f"{origin}/robots.txt: HTTP {response.status}, nothing "
                                       "forbidden")
            return
        self.robots_of[origin] = load_object(self.settings["ROBOTSTXT_PARSER"]).from_crawler(
            self.crawler, response.body)
        forbidden = [url for url in self.seed.entry_urls if url.startswith(origin + "/")
                     and not self.allowed(url)]
        self.checked.robots.append(
            f"{origin}/robots.txt: forbids {len(forbidden)} of the seed's entry points to "
            f"{self.agent}" if forbidden else f"{origin}/robots.txt: allows the seed's entry "
            "points")

    async def _entry(self, entry: Entry):
        """The entry point's response, or None with ``entry.dead`` saying why."""
        if not self.allowed(entry.url):
            entry.dead = "robots.txt forbids it"
            return None
        try:
            response = await self.fetch(entry.url)
        except IgnoreRequest as exc:
            entry.dead = str(exc) or "ignored"
            return None
        except Exception as exc:  # noqa: BLE001 - any network error, in one line
            entry.dead = f"unreachable ({type(exc).__name__}: {str(exc) or 'no answer'})"
            return None
        if response.status != 200:
            entry.dead = f"HTTP {response.status}"
            return None
        return response

    async def _feed(self, url: str) -> Entry:
        entry = Entry("feed", url)
        response = await self._entry(entry)
        if response is None:
            return entry
        feed = parse_feed(response.body)
        if feed is None:
            entry.dead = "not a feed (" + response.headers.get(
                "Content-Type", b"no Content-Type").decode("latin-1") + ")"
            return entry
        entry.urls = self._on_site(feed.links, response.url)
        entry.note = f"{feed.kind}, {len(feed.links)} items, {len(entry.urls)} on the site"
        if not feed.links:
            entry.dead = f"an empty {feed.kind} feed: no items"
        elif not entry.urls:
            entry.dead = f"none of its {len(feed.links)} items is on the site"
        return entry

    async def _sitemaps(self, url: str) -> list[Entry]:
        """A sitemap (an index read one level down, as add-site does), or each sitemap a
        robots.txt names."""
        entry = Entry("sitemap", url)
        response = await self._entry(entry)
        if response is None:
            return [entry]
        if urlsplit(url).path == "/robots.txt":
            listed = [u for u in sitemap_urls_from_robots(response.body, base_url=response.url)
                      if self.seed.allows(u)]
            if not listed:
                entry.dead = "robots.txt names no sitemap"
                return [entry]
            return [sitemap for u in listed for sitemap in await self._sitemaps(u)]
        if why := await self._read_sitemap(response, "in the seed", top=True):
            entry.dead = why
            return [entry]
        found = [s for s in self.found.sitemaps if s.url == response.url or
                 s.how == f"in the index {response.url}"]
        entry.urls = list(dict.fromkeys(u for s in found for u in self.listed.get(s.url, [])))
        top = found[0]
        entries = sum(s.entries for s in found if not s.index)
        newest = max((s.newest for s in found if s.newest), default=None)
        entry.note = (f"sitemap index, {len(found) - 1} of its {top.entries} sitemaps read, "
                      if top.index else "Google News sitemap, " if top.news else "sitemap, ")
        entry.note += f"{entries} entries" + (", gzipped" if top.gzipped else "") + \
            (f", newest {newest}" if newest else ", no dates")
        if not entries:
            entry.dead = "no entries"
        elif newest and date.fromisoformat(newest) < _today() - timedelta(days=STALE_DAYS):
            entry.dead = f"stale: its newest entry is of {newest}, none newer than " \
                         f"{STALE_DAYS} days"
        return [entry]


def _today() -> date:
    return datetime.now(UTC).date()


def _paths(urls) -> str:
    urls = list(urls)
    shown = ", ".join(_path(url) for url in urls[:EXAMPLES])
    return shown + (f" and {len(urls) - EXAMPLES} more" if len(urls) > EXAMPLES else "")


def _path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def assess(checked: Checked) -> list[tuple[str, str]]:
    """What looks wrong, as (``WARNING`` or ``BROKEN``, one line)."""
    seed, problems = checked.seed, []
    usable = [e for e in checked.entries if not e.dead or e.urls]
    if checked.forbidden:
        problems.append((BROKEN if len(checked.forbidden) == len(seed.entry_urls) else WARNING,
                         f"robots.txt forbids {len(checked.forbidden)} of the "
                         f"{len(seed.entry_urls)} entry points: {_paths(checked.forbidden)}"))
    for entry in checked.entries:
        if entry.dead and entry.url not in checked.forbidden:
            what = "dead feed" if entry.kind == "feed" else entry.kind
            problems.append((WARNING, f"{what} {entry.url}: {entry.dead}"))
    if not checked.urls:
        problems.append((BROKEN, "no entry point gave a URL of the site" +
                         ("" if usable else ": every one is dead")))
        return problems
    if seed.article_pattern is not None and not checked.matched:
        problems.append((BROKEN, f"the article pattern matches none of the "
                                 f"{len(checked.urls)} URLs found: the site's URLs may have "
                                 "changed shape"))
    articles = [p for p in checked.pages if p.article]
    hubs = [p for p in checked.pages if not p.article]
    rule = "the article pattern" if seed.article_pattern is not None else \
        "the pages' own declaration"
    if checked.pages and not articles:
        problems.append((BROKEN, f"none of the {len(checked.pages)} pages sampled is an "
                                 "article"))
    if taken_hubs := [p.final for p in hubs if p.taken]:
        problems.append((WARNING, f"{rule} takes hubs: {len(taken_hubs)} of the {len(hubs)} "
                                  f"sampled, {_paths(taken_hubs)}"))
    if missed := [p.final for p in articles if not p.taken]:
        problems.append((BROKEN if len(missed) == len(articles) else WARNING,
                         f"{rule} misses article-like pages: {len(missed)} of the "
                         f"{len(articles)} articles sampled, {_paths(missed)}"))
    return problems
