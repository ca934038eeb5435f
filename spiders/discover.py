"""The ``discover`` spider: what a site offers a crawler, read before its seed file is written
(``newsarchive add-site``).

Through the crawl's own downloader middlewares (robots.txt obeyed, the seed's scope, politeness,
retries) it fetches the site's robots.txt and front page, the feeds and sitemaps they name or
that sit in the usual places, and a sample of the pages all of these link to, and judges each
page an article or a hub. Each step needs the one before, so it all runs in ``start()``, one
``await`` after another, and no request is scheduled. What it found is left in ``spider.found``;
``found.refusal`` says, in one line, why the site cannot be added.
"""

from __future__ import annotations

import asyncio
import re
from collections import defaultdict
from dataclasses import dataclass, field
from ipaddress import ip_address
from urllib.parse import urljoin, urlsplit

import lxml.etree
import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS, LinkExtractor
from scrapy.utils.misc import load_object
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from w3lib.url import url_query_cleaner

from cleaners.verdict import judge
from spiders._feeds import parse_feed
from spiders._seeds import Seed
from spiders._sitemaps import body_limit, sitemap_body
from spiders._urlpattern import Parts
from spiders.news import TRACKING_PARAMETERS

#: Where feeds and sitemaps usually are, tried when the front page and robots.txt name none.
USUAL_FEEDS = ("/feed", "/rss", "/rss.xml", "/feed.xml", "/atom.xml", "/index.xml",
               "/feed.json")
USUAL_SITEMAPS = ("/sitemap.xml", "/sitemap_index.xml", "/wp-sitemap.xml", "/news-sitemap.xml",
                  "/sitemap_news.xml", "/sitemap.xml.gz")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
              "application/json", "application/rdf+xml")
#: Pages fetched to tell articles from hubs; sitemaps of an index read; feeds kept.
SAMPLE = 40
SITEMAP_CHILDREN = 8
FEEDS = 5
#: URLs taken from each feed or sitemap into the pool the sample is drawn from.
PER_SOURCE = 60
NOT_PAGES = {f".{ext}" for ext in IGNORED_EXTENSIONS} | {".xml", ".gz", ".json", ".rss"}


class CannotAdd(Exception):
    """The site cannot be added; the message says why in one line."""


@dataclass
class FeedFound:
    url: str
    kind: str
    items: int
    on_site: int
    how: str


@dataclass
class SitemapFound:
    url: str
    index: bool
    news: bool
    entries: int
    gzipped: bool
    how: str
    #: The newest lastmod or Google News publication date of its entries (YYYY-MM-DD).
    newest: str | None = None


@dataclass
class PageFound:
    url: str
    final: str
    source: str
    article: bool
    why: str
    title: str | None = None
    language: str | None = None
    #: Whether the seed being checked takes it as an article (``check-seed``).
    taken: bool | None = None


@dataclass
class Found:
    url: str
    hosts: list[str]
    front: str = ""
    redirected: bool = False
    robots: str = ""
    declared_language: str | None = None
    front_links: int = 0
    scripts: int = 0
    feeds: list[FeedFound] = field(default_factory=list)
    feeds_how: str = ""
    sitemaps: list[SitemapFound] = field(default_factory=list)
    sitemaps_how: str = ""
    pages: list[PageFound] = field(default_factory=list)
    #: Pages of the sample that could not be judged (not fetched, not HTML, an error status).
    unjudged: list[tuple[str, str]] = field(default_factory=list)
    refusal: str | None = None


def site_hosts(host: str) -> list[str]:
    """The host and its ``www.`` twin (none for an address or a name without a dot)."""
    host = host.lower()
    try:
        ip_address(host)
        return [host]
    except ValueError:
        pass
    if "." not in host:
        return [host]
    twin = host.removeprefix("www.") if host.startswith("www.") else f"www.{host}"
    return sorted({host, twin}, key=lambda h: (h.startswith("www."), h))


def header_pairs(response) -> list[tuple[str, str]]:
    """A response's headers as the cleaner takes them."""
    return [(k.decode("latin-1"), b", ".join(v).decode("latin-1"))
            for k, v in response.headers.items()]


class DiscoverSpider(scrapy.Spider):
    name = "discover"

    def __init__(self, url: str, sample: int = SAMPLE, **kwargs):
        super().__init__(**kwargs)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL: {url}")
        self.found = Found(url, site_hosts(parts.hostname))
        self.sample = int(sample)
        self.links = LinkExtractor(deny_extensions=[])
        self.robots = None
        #: Candidate URLs by where they were found, in the order found.
        self.pool: dict[str, list[str]] = {}
        #: Every on-site URL of each sitemap read (the pool takes the newest only).
        self.listed: dict[str, list[str]] = {}

    @property
    def seeds(self) -> list[Seed]:
        """The site as a seed, for the scope middleware: its hosts, the front page's port."""
        return [self.seed]

    @property
    def seed(self) -> Seed:
        found = self.found
        return Seed(name="add-site", start_urls=(found.url, *([found.front] * bool(found.front))),
                    allowed_domains=tuple(found.hosts))

    async def start(self):
        try:
            await self._discover()
        except CannotAdd as exc:
            self.found.refusal = str(exc)
        return
        yield  # an async generator that yields nothing: every fetch is awaited above

    async def fetch(self, url: str, **meta):
        request = scrapy.Request(url, cb_kwargs={"seed": self.seed}, meta=meta,
                                 dont_filter=True)
        return await self.crawler.engine.download_async(request)

    async def _discover(self) -> None:
        found = self.found
        parts = urlsplit(found.url)
        origin = f"{parts.scheme}://{parts.netloc}"
        robots_sitemaps = await self._read_robots(origin)
        front = await self._front_page()
        alternates = self._read_front(front)
        # Sitemaps and feeds of the front page's host, should it have moved.
        home = urlsplit(front.url)
        origin = f"{home.scheme}://{home.netloc}"
        await self._find_feeds(alternates, origin)
        await self._find_sitemaps(robots_sitemaps, origin)
        if not found.front_links and not found.feeds and not found.sitemaps:
            raise CannotAdd(f"the front page {found.front} is a script shell: no links in its "
                            f"HTML ({found.scripts} scripts build it in the browser), and the "
                            "site has no feed or sitemap to start from")
        await self._judge_sample(front)
        if not any(page.article for page in found.pages):
            raise CannotAdd(f"nothing article-like found: none of the {len(found.pages)} pages "
                            "sampled from the front page, feeds and sitemaps is an article (by "
                            "schema.org type, og:type or the cleaner)")

    async def _read_robots(self, origin: str) -> list[str]:
        """robots.txt's Sitemap: lines; refuses a site whose robots.txt forbids the front page."""
        found = self.found
        try:
            response = await self.fetch(f"{origin}/robots.txt", dont_obey_robotstxt=True)
        except Exception as exc:  # noqa: BLE001 - the front page says whether the site answers
            found.robots = f"robots.txt could not be fetched ({type(exc).__name__})"
            return []
        if response.status != 200:
            found.robots = f"robots.txt answered HTTP {response.status}: nothing forbidden"
            return []
        self.robots = load_object(self.settings["ROBOTSTXT_PARSER"]).from_crawler(
            self.crawler, response.body)
        if not self.allowed(found.url):
            raise CannotAdd(f"robots.txt forbids it: {origin}/robots.txt disallows "
                            f"{urlsplit(found.url).path or '/'} to {self.agent}")
        sitemaps = [url for url in sitemap_urls_from_robots(response.body, base_url=response.url)
                    if self.seed.allows(url)]
        found.robots = f"robots.txt allows the front page and names {len(sitemaps)} sitemaps"
        return sitemaps

    @property
    def agent(self) -> str:
        return self.settings.get("ROBOTSTXT_USER_AGENT") or self.settings.get("USER_AGENT")

    def allowed(self, url: str) -> bool:
        return self.robots is None or self.robots.allowed(url, self.agent)

    async def _front_page(self):
        found = self.found
        try:
            response = await self.fetch(found.url)
        except IgnoreRequest as exc:
            reason, _, target = str(exc).partition(": ")
            if reason.startswith("offsite"):
                raise CannotAdd(f"redirected to another site: {found.url} leads to {target}; "
                                "add that site instead") from None
            raise CannotAdd(f"cannot fetch {found.url}: {exc}") from None
        except Exception as exc:  # noqa: BLE001 - any network error: one line
            raise CannotAdd(f"unreachable: {found.url}: {type(exc).__name__}: "
                            f"{str(exc) or 'no answer'}") from None
        if response.status != 200:
            raise CannotAdd(f"the front page {found.url} answered HTTP {response.status}")
        if not isinstance(response, HtmlResponse):
            kind = response.headers.get("Content-Type", b"no Content-Type").decode("latin-1")
            raise CannotAdd(f"not HTML: the front page {found.url} is {kind}")
        found.front = response.url
        found.redirected = response.url != found.url
        host = urlsplit(response.url).hostname or ""
        found.hosts = sorted({*found.hosts, *site_hosts(host)},
                             key=lambda h: (h.startswith("www."), h))
        return response

    def _read_front(self, front) -> list[str]:
        """The front page's language, links and ``<link rel="alternate">`` feeds."""
        found = self.found
        found.declared_language = (front.xpath("/html/@lang").get() or front.css(
            'meta[property="og:locale"]::attr(content)').get() or "").strip() or None
        found.front_links = len(self._on_site(link.url for link in
                                              self.links.extract_links(front)))
        found.scripts = len(front.css("script"))
        alternates = []
        for link in front.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), "
                                "' alternate ')][@href]"):
            kind = (link.attrib.get("type") or "").lower().split(";")[0].strip()
            title = (link.attrib.get("title") or "").lower()
            url = front.urljoin(link.attrib["href"])
            if kind in FEED_TYPES and "comment" not in title + url.lower():
                alternates.append(url)
        return list(dict.fromkeys(alternates))

    def _on_site(self, urls, base: str = "") -> list[str]:
        """Links as the crawl follows them: absolute, no tracking parameters, on the site."""
        kept = []
        for link in urls:
            url = url_query_cleaner(urljoin(base, link.strip()), TRACKING_PARAMETERS,
                                    remove=True, keep_fragments=False)
            if self.seed.allows(url):
                kept.append(url)
        return list(dict.fromkeys(kept))

    async def _find_feeds(self, alternates: list[str], origin: str) -> None:
        found = self.found
        if alternates:
            found.feeds_how = "named by <link rel=\"alternate\"> in the front page"
            candidates = [(url, "<link rel=alternate>") for url in alternates]
        else:
            found.feeds_how = ("none named by the front page; tried " +
                               ", ".join(USUAL_FEEDS))
            candidates = [(origin + path, f"found at {path}") for path in USUAL_FEEDS]
        responses = await self._fetch_all([url for url, _ in candidates])
        seen: dict[frozenset, str] = {}
        for (_, how), response in zip(candidates, responses, strict=True):
            if response is None or response.status != 200:
                continue
            feed = parse_feed(response.body)
            if feed is None or response.url in {f.url for f in found.feeds}:
                continue
            links = self._on_site(feed.links, response.url)
            key = frozenset(links)
            if not links or key in seen or len(found.feeds) >= FEEDS:
                continue
            seen[key] = response.url
            self.pool[f"feed {response.url}"] = links
            found.feeds.append(FeedFound(response.url, feed.kind, len(feed.links), len(links),
                                         how))

    async def _find_sitemaps(self, listed: list[str], origin: str) -> None:
        found = self.found
        if listed:
            found.sitemaps_how = "listed in robots.txt"
            candidates = [(url, "robots.txt Sitemap:") for url in listed]
        else:
            found.sitemaps_how = ("robots.txt lists none; tried " + ", ".join(USUAL_SITEMAPS))
            candidates = [(origin + path, f"found at {path}") for path in USUAL_SITEMAPS]
        responses = await self._fetch_all([url for url, _ in candidates])
        for (_, how), response in zip(candidates, responses, strict=True):
            await self._read_sitemap(response, how, top=True)

    async def _read_sitemap(self, response, how: str, top: bool) -> str:
        """A sitemap's entries into the pool; an index's likeliest children read in turn (news
        sitemaps first, then the newest), one level down. Returns why it could not be read
        ("" when it was)."""
        found = self.found
        if response is None:
            return "not fetched"
        if response.status != 200:
            return f"HTTP {response.status}"
        if response.url in {s.url for s in found.sitemaps}:
            return ""
        body = sitemap_body(response, body_limit(response, self.settings))
        try:
            sitemap = Sitemap(body or b"")
            entries = [entry for entry in sitemap if entry.get("loc")]
        except Exception:  # noqa: BLE001 - lxml raises several types on garbage
            return "not a sitemap"
        if sitemap.type not in ("sitemapindex", "urlset"):
            return "not a sitemap"
        news = any("news" in entry for entry in entries)
        found.sitemaps.append(SitemapFound(response.url, sitemap.type == "sitemapindex", news,
                                           len(entries), body != response.body, how,
                                           _newest(body) if sitemap.type == "urlset" else None))
        locs = self._on_site(entry["loc"] for entry in entries)
        if sitemap.type == "urlset":
            self.listed[response.url] = locs
            newest = sorted(entries, key=lambda e: e.get("lastmod", ""), reverse=True)
            self.pool[("news sitemap " if news else "sitemap ") + response.url] = \
                self._on_site(e["loc"] for e in newest)[:PER_SOURCE]
            return ""
        if not top:
            return ""
        by_date = {e["loc"]: e.get("lastmod", "") for e in entries}
        children = sorted(locs, key=lambda url: by_date.get(url, ""), reverse=True)
        children.sort(key=lambda url: "news" not in url.lower())
        children = [url for url in children if self.allowed(url)][:SITEMAP_CHILDREN]
        for child in await self._fetch_all(children):
            await self._read_sitemap(child, f"in the index {response.url}", top=False)
        return ""

    async def _fetch_all(self, urls: list[str]):
        """Responses in the order of ``urls``; None for what could not be fetched (robots.txt
        forbids it, a network error)."""
        async def one(url):
            if not self.allowed(url):
                return None
            try:
                return await self.fetch(url)
            except Exception:  # noqa: BLE001 - a missing feed is not an error
                return None
        return await asyncio.gather(*map(one, urls))

    async def _judge_sample(self, front) -> None:
        """Judge a sample of the pool, drawn shape by shape (``/2025/01/02/slug/``,
        ``/category/x/``, ...) so that the few hubs among many articles are sampled too; then,
        while the sample has room, of the links of the hubs it found (a site without feeds
        and sitemaps shows most of its stories on its section pages only)."""
        found = self.found
        found.pages.append(PageFound(found.url, found.front, "front page", False,
                                     "the front page"))
        pool = {"front page": self._on_site((link.url for link in
                                             self.links.extract_links(front)), front.url)}
        pool.update(self.pool)
        await self.judge_pool(pool, {found.url, found.front, *(f.url for f in found.feeds),
                                     *(s.url for s in found.sitemaps)})

    async def judge_pool(self, pool: dict[str, list[str]], tried: set[str]) -> None:
        """Judge a sample drawn from ``pool``, then from the links of the hubs it held."""
        for _ in range(2):
            sample = self._draw(pool, tried)
            if not sample:
                break
            pool = {}
            for (url, source), response in zip(sample, await self._fetch_all(
                    [url for url, _ in sample]), strict=True):
                if hub := self._judge(url, source, response, tried):
                    pool[f"links of the hub {response.url}"] = self._on_site(
                        (link.url for link in self.links.extract_links(hub)), hub.url)

    def _draw(self, pool: dict[str, list[str]], tried: set[str]) -> list[tuple[str, str]]:
        """Up to the sample's room of untried pages from the pool, one of each shape in turn."""
        room = self.sample - len(self.found.pages) - len(self.found.unjudged) + 1
        shapes: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
        for source, urls in pool.items():
            for url in urls:
                path = urlsplit(url).path.lower()
                if url in tried or not self.allowed(url) or \
                        any(path.endswith(ext) for ext in NOT_PAGES):
                    continue
                tried.add(url)
                shapes[Parts.of(url).shape].append((url, source))
        sample = []
        while len(sample) < room and any(shapes.values()):
            for urls in shapes.values():
                if urls and len(sample) < room:
                    sample.append(urls.pop(0))
        return sample

    def _judge(self, url: str, source: str, response, tried: set[str]):
        """Judge one fetched page into ``found``; return the response when it is a hub."""
        found = self.found
        if why := self._unjudged(response):
            found.unjudged.append((url, why))
            return None
        if response.url in {page.final for page in found.pages}:
            return None  # a redirect to a page judged already
        tried.add(response.url)
        verdict = judge(response.body, response.url, header_pairs(response))
        if verdict.article is None:
            found.unjudged.append((url, verdict.why))
            return None
        found.pages.append(PageFound(url, response.url, source, verdict.article, verdict.why,
                                     verdict.title, verdict.language, self.takes(response)))
        return None if verdict.article else response

    def takes(self, response) -> bool | None:
        """Whether the seed being checked takes the page as an article; add-site has none."""
        return None

    def _unjudged(self, response) -> str:
        if response is None:
            return "not fetched"
        if response.status != 200:
            return f"HTTP {response.status}"
        if not isinstance(response, HtmlResponse):
            return "not HTML"
        if not self.seed.allows(response.url):
            return "redirected off the site"
        return ""



_DATES = lxml.etree.XPath("//*[local-name()='url']/*[local-name()='lastmod']/text() | "
                          "//*[local-name()='publication_date']/text()")
_XML = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                            huge_tree=False)


def _newest(body: bytes) -> str | None:
    """The newest date of a urlset's entries: their lastmod, or a Google News sitemap's
    publication date."""
    try:
        root = lxml.etree.fromstring(body, _XML)
    except (lxml.etree.XMLSyntaxError, ValueError):
        return None
    dates = [d.strip()[:10] for d in (_DATES(root) if root is not None else [])
             if re.match(r"\s*\d{4}-\d\d-\d\d", d)]
    return max(dates, default=None)
