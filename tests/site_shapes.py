"""Small news sites in the shapes real ones have, for ``add-site``: a WordPress site, one with
only a gzipped Google News sitemap, one with only an RSS feed and query-string articles, one
with front-page links only, a script-shell front page, one whose robots.txt forbids everything.
Three more in shapes big news sites have: numeric-id stories beside numeric-id topic pages,
``.htm`` stories in dated folders beside the day's list page, and stories and sections both one
slug at the root, told apart only by what the pages say.
Pages are what CMS templates make: a cookie banner, navigation, ad slots, share bars, "most
read" boxes and footers around the story, in nested divs; section pages are lists of teasers.

Each site is a dict of routes for :class:`archive.samplesites.server.SiteServer`, and knows its
article URLs (what a crawl must archive) and hub URLs (what it must not)."""

from __future__ import annotations

import gzip
import html
import json
import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from archive.samplesites.server import Route, SiteServer

_WORDS = ("council minister officials budget city residents plan report week police court "
          "school hospital workers union talks river bridge station election mayor energy "
          "prices market company jobs weather storm road train airport museum festival club "
          "league season players coach fans village farmers water housing rent tenants bank "
          "rates inflation families children teachers nurses doctors patients study data").split()
_VERBS = ("said", "announced", "warned", "confirmed", "denied", "approved", "rejected",
          "proposed", "reported", "expected")
SECTIONS = ("politics", "business", "sport")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(6, 12))]
    words.insert(2, rng.choice(_VERBS))
    return " ".join(words).capitalize() + " " + " ".join(
        rng.choice(_WORDS) for _ in range(rng.randint(4, 9))) + "."


@dataclass
class Story:
    n: int
    url: str
    title: str
    section: str
    day: int
    paragraphs: list[str]

    @property
    def iso(self) -> str:
        return f"2025-01-{self.day:02d}T{8 + self.n % 10:02d}:15:00+00:00"


def stories(count: int, url, seed: str) -> list[Story]:
    made = []
    for n in range(count):
        rng = random.Random(f"{seed}-{n}")
        title = " ".join(rng.choice(_WORDS) for _ in range(6)).capitalize() + f" {n}"
        paragraphs = [" ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
                      for _ in range(rng.randint(6, 9))]
        section = SECTIONS[n % len(SECTIONS)]
        made.append(Story(n, url(n, title.lower().replace(" ", "-"), section, 1 + n % 28),
                          title, section, 1 + n % 28, paragraphs))
    return made


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    #: Paths (with query) of the site's articles and of its hubs.
    articles: list[str] = field(default_factory=list)
    hubs: list[str] = field(default_factory=list)


def _chrome(site: str, title: str, content: str, nav: list[tuple[str, str]], head: str = "",
            most_read: list[tuple[str, str]] = ()) -> bytes:
    """A page as a CMS template wraps it."""
    links = "".join(f'<li class="menu-item"><a class="menu-link" href="{href}">{html.escape(t)}'
                    f'</a></li>' for href, t in nav)
    read = "".join(f'<li class="mr-item"><a href="{href}"><span class="mr-rank">{i}</span>'
                   f'{html.escape(t)}</a></li>' for i, (href, t) in enumerate(most_read, 1))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | {site}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/css/app.min.css?v=3.2.1">
<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"pageType":"x"}});</script>
{head}
</head><body class="page t-default">
<div id="cc-banner" class="cc-window cc-floating"><div class="cc-message">We use cookies to
give you the best experience on our website and to show you relevant advertising.</div>
<div class="cc-compliance"><a class="cc-btn cc-allow">Accept all</a></div></div>
<div class="wrap"><div class="hdr"><div class="hdr-inner"><div class="logo"><a href="/">{site}
</a></div><div class="hdr-tools"><a href="/subscribe/">Subscribe</a><a href="/login/">Sign in
</a></div></div><div class="nav-bar"><ul class="menu">{links}</ul></div></div>
<div class="ad ad--leaderboard"><div class="ad__label">Advertisement</div>
<div id="div-gpt-ad-1" style="min-height:90px"></div></div>
<div class="cols"><div class="col col--main">{content}</div>
<div class="col col--side"><div class="widget widget--mostread"><div class="widget__ttl">Most
read</div><ol>{read}</ol></div><div class="widget widget--newsletter"><div class="nl-ttl">
Get the morning briefing</div><div class="nl-txt">The day's top stories in your inbox, every
morning at seven.</div><a class="btn" href="/newsletter/">Sign up</a></div>
<div class="ad ad--mpu"><div class="ad__label">Advertisement</div></div></div></div>
<div class="ftr"><div class="ftr-cols"><div class="ftr-col"><a href="/about/">About us</a>
<a href="/contact/">Contact</a><a href="/privacy/">Privacy policy</a></div>
<div class="ftr-col">&copy; 2025 {site}. All rights reserved.</div></div></div></div>
<script src="/assets/js/app.min.js?v=3.2.1" defer></script>
</body></html>""".encode()


def _article(site: str, story: Story, nav, head: str, related: Story, most_read,
             section_url: str) -> bytes:
    body = "".join(f'<p class="p">{html.escape(p)}</p>' for p in story.paragraphs[:3])
    body += (f'<div class="inline-rel"><span class="inline-rel__lbl">Read more:</span> '
             f'<a href="{related.url}">{html.escape(related.title)}</a></div>')
    body += "".join(f'<p class="p">{html.escape(p)}</p>' for p in story.paragraphs[3:])
    content = f"""<div class="art"><div class="art__hd"><div class="kicker"><a
href="{section_url}">{story.section.title()}</a></div><h1 class="art__ttl">{html.escape(
        story.title)}</h1><div class="art__meta"><span class="by">By Staff Reporter</span>
<time class="dt" datetime="{story.iso}">January {story.day}, 2025</time></div></div>
<div class="share"><a href="https://twitter.com/intent/tweet">Share on X</a>
<a href="https://www.facebook.com/sharer.php">Share on Facebook</a></div>
<div class="art__body">{body}</div>
<div class="tags">Topics: <a href="/tag/{story.section}-news/">{story.section} news</a></div>
</div>"""
    return _chrome(site, story.title, content, nav, head,
                   [(s.url, s.title) for s in most_read])


def _listing(site: str, title: str, items: list[Story], nav, head: str = "",
             more: str = "", most_read: list[tuple[str, str]] = ()) -> bytes:
    teasers = "".join(
        f'<div class="tsr"><div class="tsr__img"><a href="{s.url}"><img src="/img/{s.n}.jpg" '
        f'alt=""></a></div><div class="tsr__txt"><h3 class="tsr__ttl"><a href="{s.url}">'
        f'{html.escape(s.title)}</a></h3><div class="tsr__lead">{html.escape(s.paragraphs[0])}'
        f'</div><time class="tsr__date" datetime="{s.iso}">January {s.day}, 2025</time></div></div>'
        for s in items)
    pager = f'<div class="pager"><a class="next" href="{more}">Older stories</a></div>' \
        if more else ""
    content = (f'<div class="sec"><h1 class="sec__ttl">{html.escape(title)}</h1>'
               f'<div class="tsr-list">{teasers}</div>{pager}</div>')
    return _chrome(site, title, content, nav, head, most_read)


def _about(site: str, nav) -> bytes:
    text = "".join(f"<p>{_sentence(random.Random(i))} {_sentence(random.Random(i + 50))}</p>"
                   for i in range(6))
    return _chrome(site, "About us", f'<div class="pg"><h1>About us</h1>{text}</div>', nav)


def _rss(origin: str, items: list[Story], guid=lambda s: None) -> Route:
    entries = "".join(
        f"<item><title>{html.escape(s.title)}</title><link>{origin}{s.url}</link>"
        + (f'<guid isPermaLink="false">{origin}{guid(s)}</guid>' if guid(s) else "")
        + f"<pubDate>Wed, {s.day:02d} Jan 2025 08:00:00 +0000</pubDate></item>" for s in items)
    return Route(f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                 f"<title>News</title><link>{origin}/</link>{entries}</channel></rss>".encode(),
                 content_type="application/rss+xml; charset=UTF-8")


def _urlset(origin: str, paths: list[str], news: dict[str, Story] | None = None,
            published=lambda story: story.iso, lastmod: dict[str, str] | None = None) -> bytes:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    urls = []
    for path in paths:
        extra = ""
        if news:
            story = news[path]
            extra = (f"<news:news><news:publication><news:name>News</news:name>"
                     f"<news:language>en</news:language></news:publication>"
                     f"<news:publication_date>{published(story)}</news:publication_date>"
                     f"<news:title>{html.escape(story.title)}</news:title></news:news>")
        if lastmod and path in lastmod:
            extra += f"<lastmod>{lastmod[path]}</lastmod>"
        urls.append(f"<url><loc>{origin}{html.escape(path)}</loc>{extra}</url>")
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/'
            f'schemas/sitemap/0.9"{ns}>{"".join(urls)}</urlset>').encode()


def _index(origin: str, paths: list[str]) -> bytes:
    items = "".join(f"<sitemap><loc>{origin}{p}</loc><lastmod>2025-01-28</lastmod></sitemap>"
                    for p in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.'
            f'org/schemas/sitemap/0.9">{items}</sitemapindex>').encode()


def _ld(data: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def wordpress(origin: str) -> Site:
    """/2025/01/02/slug/ posts (?p=123 redirects to them), categories, tags, authors, date
    archives, pages, /feed/ and a comments feed, the wp-sitemap.xml index; Yoast's JSON-LD."""
    posts = stories(30, lambda n, slug, sec, day: f"/2025/01/{day:02d}/{slug}/", "wp")
    site = Site(articles=[s.url for s in posts])
    nav = [(f"/category/{s}/", s.title()) for s in SECTIONS] + [("/about/", "About")]
    feeds = ('<link rel="alternate" type="application/rss+xml" title="News &raquo; Feed" '
             'href="/feed/"><link rel="alternate" type="application/rss+xml" '
             'title="News &raquo; Comments Feed" href="/comments/feed/">')
    for i, s in enumerate(posts):
        head = feeds + '<meta property="og:type" content="article">' + _ld({
            "@context": "https://schema.org", "@graph": [
                {"@type": "WebPage", "@id": origin + s.url},
                {"@type": "Article", "headline": s.title, "datePublished": s.iso}]})
        site.routes[s.url] = Route(_article("News", s, nav, head, posts[(i + 1) % 30],
                                            posts[:5], f"/category/{s.section}/"))
        site.routes[f"/?p={100 + s.n}"] = Route(status=301, headers=[("Location", s.url)])
    collection = feeds + '<meta property="og:type" content="website">' + _ld(
        {"@context": "https://schema.org", "@graph": [{"@type": "CollectionPage"}]})
    # The front page's "most read" box links posts by their short links, as some themes do.
    hubs = {"/": _listing("News", "Latest news", posts[:10], nav, collection, "/page/2/",
                          [(f"/?p={100 + s.n}", s.title) for s in posts[10:16]])}
    hubs["/page/2/"] = _listing("News", "Latest news, page 2", posts[10:20], nav, collection)
    for section in SECTIONS:
        items = [s for s in posts if s.section == section]
        hubs[f"/category/{section}/"] = _listing("News", section.title(), items[:6], nav,
                                                 collection, f"/category/{section}/page/2/")
        hubs[f"/category/{section}/page/2/"] = _listing("News", section.title(), items[6:],
                                                        nav, collection)
        hubs[f"/tag/{section}-news/"] = _listing("News", f"{section} news", items[:4], nav,
                                                 collection)
    hubs["/author/staff/"] = _listing("News", "Staff Reporter", posts[:8], nav, collection)
    hubs["/2025/01/"] = _listing("News", "January 2025", posts[:10], nav, collection)
    for path, body in hubs.items():
        site.routes[path] = Route(body)
    site.routes["/about/"] = Route(_about("News", nav))
    site.hubs = [*hubs, "/about/"]
    site.routes["/feed/"] = _rss(origin, posts[:10], lambda s: f"/?p={100 + s.n}")
    site.routes["/comments/feed/"] = _rss(origin, [])
    site.routes["/robots.txt"] = Route(
        f"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
        f"Sitemap: {origin}/wp-sitemap.xml\n".encode(), content_type="text/plain")
    children = {"/wp-sitemap-posts-post-1.xml": [s.url for s in posts],
                "/wp-sitemap-posts-page-1.xml": ["/about/"],
                "/wp-sitemap-taxonomies-category-1.xml": [f"/category/{s}/" for s in SECTIONS],
                "/wp-sitemap-users-1.xml": ["/author/staff/"]}
    site.routes["/wp-sitemap.xml"] = Route(_index(origin, list(children)),
                                           content_type="application/xml")
    for path, urls in children.items():
        site.routes[path] = Route(_urlset(origin, urls), content_type="application/xml")
    return site


def google_news(origin: str) -> Site:
    """Articles at /news/<section>/<slug>-<id>, reached only through a gzipped Google News
    sitemap, itself in a gzipped sitemap index named by robots.txt; og:type article only."""
    items = stories(30, lambda n, slug, sec, day: f"/news/{sec}/{slug}-{4810200 + n}", "gn")
    site = Site(articles=[s.url for s in items])
    nav = [(f"/news/{s}", s.title()) for s in SECTIONS]
    for i, s in enumerate(items):
        site.routes[s.url] = Route(_article(
            "The Daily", s, nav, '<meta property="og:type" content="article">',
            items[i - 1], items[:4], f"/news/{s.section}"), gzip=True)
    hubs = {"/": _listing("The Daily", "Front page", [], nav)}
    for section in SECTIONS:
        own = [s for s in items if s.section == section]
        hubs[f"/news/{section}"] = _listing("The Daily", section.title(), own[:5], nav,
                                            more=f"/news/{section}/archive")
        hubs[f"/news/{section}/archive"] = _listing("The Daily", f"{section.title()} archive",
                                                    own[5:], nav)
    for path, body in hubs.items():
        site.routes[path] = Route(body, gzip=True)
    site.hubs = list(hubs)
    site.routes["/robots.txt"] = Route(
        f"User-agent: *\nDisallow: /search\nSitemap: {origin}/sitemap-index.xml.gz\n".encode(),
        content_type="text/plain")
    site.routes["/sitemap-index.xml.gz"] = Route(
        gzip.compress(_index(origin, ["/sitemaps/news.xml.gz", "/sitemaps/sections.xml.gz"]),
                      mtime=0), content_type="application/x-gzip")
    site.routes["/sitemaps/news.xml.gz"] = Route(gzip.compress(_urlset(
        origin, [s.url for s in items], {s.url: s for s in items}), mtime=0),
        content_type="application/octet-stream")
    site.routes["/sitemaps/sections.xml.gz"] = Route(gzip.compress(_urlset(
        origin, [p for p in hubs if p != "/"]), mtime=0), content_type="application/x-gzip")
    return site


def rss_only(origin: str) -> Site:
    """Articles at /article.php?id=N, sections at /section.php?cat=N, an RSS feed at /rss.xml
    that no page names, no sitemap, no robots.txt, and no structured data: only the cleaner
    can tell an article."""
    items = stories(25, lambda n, slug, sec, day: f"/article.php?id={5000 + n}", "rss")
    site = Site(articles=[s.url for s in items])
    nav = [(f"/section.php?cat={k}", s.title()) for k, s in enumerate(SECTIONS, 1)]
    for i, s in enumerate(items):
        site.routes[s.url] = Route(_article("Gazette", s, nav, "", items[i - 1], items[:3],
                                            nav[SECTIONS.index(s.section)][0]))
    hubs = {"/": _listing("Gazette", "Today", items[:8], nav, more="/index.php?page=2"),
            "/index.php?page=2": _listing("Gazette", "Earlier", items[8:16], nav)}
    for k, section in enumerate(SECTIONS, 1):
        hubs[f"/section.php?cat={k}"] = _listing(
            "Gazette", section.title(), [s for s in items if s.section == section], nav)
    for path, body in hubs.items():
        site.routes[path] = Route(body)
    site.hubs = list(hubs)
    site.routes["/rss.xml"] = _rss(origin, items)
    return site


def front_only(origin: str) -> Site:
    """No feed, no sitemap: /stories/<id>-<slug> linked from the front page and from section
    pages, og:type "website" on every page (a CMS default)."""
    items = stories(24, lambda n, slug, sec, day: f"/stories/{730 + n}-{slug}", "fo")
    site = Site(articles=[s.url for s in items])
    nav = [(f"/section/{s}", s.title()) for s in SECTIONS] + [("/about/", "About")]
    head = '<meta property="og:type" content="website">'
    for i, s in enumerate(items):
        site.routes[s.url] = Route(_article("Courier", s, nav, head, items[i - 1], items[:3],
                                            f"/section/{s.section}"), chunked=True)
    hubs = {"/": _listing("Courier", "Top stories", items[:6], nav, head)}
    for section in SECTIONS:
        hubs[f"/section/{section}"] = _listing(
            "Courier", section.title(), [s for s in items if s.section == section], nav, head)
    for path, body in hubs.items():
        site.routes[path] = Route(body, chunked=True)
    site.routes["/about/"] = Route(_about("Courier", nav))
    site.hubs = [*hubs, "/about/"]
    return site


def script_shell(origin: str) -> Site:
    """A front page the browser builds: a root div and scripts, no links, no feed, no sitemap."""
    page = (b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>News</title>'
            b'<link rel="preload" href="/static/js/main.8f3a2c.js" as="script"></head><body>'
            b'<noscript>You need to enable JavaScript to run this app.</noscript>'
            b'<div id="root"></div><script>window.__CONFIG__={"api":"/api/v2"}</script>'
            b'<script src="/static/js/main.8f3a2c.js"></script></body></html>')
    return Site(routes={"/": Route(page)}, hubs=["/"])


def forbidden(origin: str) -> Site:
    """A site whose robots.txt forbids every crawler everything."""
    site = front_only(origin)
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /\n",
                                       content_type="text/plain")
    return site


def numeric(origin: str) -> Site:
    """Stories at /news/<8-digit id> beside topic pages at /topics/<id>, a number both, and
    paged topic lists (/topics/101?page=2); a Google News sitemap named by robots.txt, with
    this week's publication dates, and an RSS feed the front page names. JSON-LD NewsArticle on
    stories, nothing on topic pages."""
    items = stories(30, lambda n, slug, sec, day: f"/news/{68102400 + 37 * n}", "num")
    site = Site(articles=[s.url for s in items])
    topics = {section: f"/topics/{101 + k}" for k, section in enumerate(SECTIONS)}
    nav = [(topics[s], s.title()) for s in SECTIONS] + [("/about/", "About")]
    feed = ('<link rel="alternate" type="application/rss+xml" title="Top stories" '
            'href="/feeds/top.rss">')
    for i, s in enumerate(items):
        head = feed + _ld({"@context": "https://schema.org", "@type": "NewsArticle",
                           "headline": s.title, "datePublished": s.iso})
        site.routes[s.url] = Route(_article("Herald", s, nav, head, items[i - 1], items[:4],
                                            topics[s.section]))
    hubs = {"/": _listing("Herald", "Top stories", items[:12], nav, feed)}
    for section in SECTIONS:
        own = [s for s in items if s.section == section]
        hubs[topics[section]] = _listing("Herald", section.title(), own[:6], nav, feed,
                                         f"{topics[section]}?page=2")
        hubs[f"{topics[section]}?page=2"] = _listing("Herald", section.title(), own[6:], nav,
                                                     feed)
    for path, body in hubs.items():
        site.routes[path] = Route(body)
    site.routes["/about/"] = Route(_about("Herald", nav))
    site.hubs = [*hubs, "/about/"]
    site.routes["/feeds/top.rss"] = _rss(origin, items[:15])
    site.routes["/robots.txt"] = Route(
        f"User-agent: *\nDisallow: /search\nSitemap: {origin}/sitemaps/news.xml\n".encode(),
        content_type="text/plain")
    now = datetime.now(UTC).replace(microsecond=0)
    site.routes["/sitemaps/news.xml"] = Route(_urlset(
        origin, [s.url for s in items], {s.url: s for s in items},
        lambda s: (now - timedelta(hours=3 * s.n)).isoformat()), content_type="application/xml")
    return site


def dated_html(origin: str) -> Site:
    """Stories at /2025-01/12/c_1130413.htm in dated folders, each day's list at
    /2025-01/12/index.htm beside them, channel pages at /politics/index.htm; a plain sitemap at
    /sitemap.xml that robots.txt does not name, no feed, no structured data: only the cleaner
    can tell a story."""
    items = stories(30, lambda n, slug, sec, day: f"/2025-01/{day:02d}/c_{1130400 + 13 * n}.htm",
                    "dh")
    site = Site(articles=[s.url for s in items])
    days = sorted({s.day for s in items}, reverse=True)
    nav = [(f"/{s}/index.htm", s.title()) for s in SECTIONS] + \
        [(f"/2025-01/{day:02d}/index.htm", f"January {day}") for day in days[:3]]
    for i, s in enumerate(items):
        site.routes[s.url] = Route(_article("Wire", s, nav, "", items[i - 1], items[:3],
                                            f"/{s.section}/index.htm"))
    hubs = {"/": _listing("Wire", "Headlines", items[:8], nav)}
    for section in SECTIONS:
        hubs[f"/{section}/index.htm"] = _listing(
            "Wire", section.title(), [s for s in items if s.section == section], nav)
    for day in days:
        hubs[f"/2025-01/{day:02d}/index.htm"] = _listing(
            "Wire", f"January {day}", [s for s in items if s.day == day], nav)
    for path, body in hubs.items():
        site.routes[path] = Route(body)
    site.hubs = list(hubs)
    site.routes["/sitemap.xml"] = Route(_urlset(
        origin, [s.url for s in items], lastmod={s.url: s.iso[:10] for s in items}),
        content_type="application/xml")
    return site


def slug_only(origin: str) -> Site:
    """Stories and sections both one slug at the root (/council-approves-the-budget-4 beside
    /politics), told apart only by what the pages say: JSON-LD NewsArticle on stories,
    CollectionPage on sections and the front page; a sitemap index named by robots.txt, with
    a sitemap of posts and one of pages (the sections and /about among them)."""
    items = stories(30, lambda n, slug, sec, day: f"/{slug}", "slug")
    site = Site(articles=[s.url for s in items])
    nav = [(f"/{s}", s.title()) for s in SECTIONS] + [("/about", "About")]
    collection = _ld({"@context": "https://schema.org", "@type": "CollectionPage"})
    for i, s in enumerate(items):
        head = _ld({"@context": "https://schema.org", "@type": "NewsArticle",
                    "headline": s.title, "datePublished": s.iso})
        site.routes[s.url] = Route(_article("Post", s, nav, head, items[i - 1], items[:4],
                                            f"/{s.section}"))
    hubs = {"/": _listing("Post", "Latest", items[:10], nav, collection)}
    for section in SECTIONS:
        own = [s for s in items if s.section == section]
        hubs[f"/{section}"] = _listing("Post", section.title(), own[:5], nav, collection,
                                       f"/{section}?page=2")
        hubs[f"/{section}?page=2"] = _listing("Post", section.title(), own[5:], nav, collection)
    for path, body in hubs.items():
        site.routes[path] = Route(body)
    site.routes["/about"] = Route(_about("Post", nav))
    site.hubs = [*hubs, "/about"]
    site.routes["/robots.txt"] = Route(
        f"User-agent: *\nSitemap: {origin}/sitemap.xml\n".encode(), content_type="text/plain")
    site.routes["/sitemap.xml"] = Route(
        _index(origin, ["/sitemap-posts.xml", "/sitemap-pages.xml"]),
        content_type="application/xml")
    site.routes["/sitemap-posts.xml"] = Route(_urlset(origin, [s.url for s in items]),
                                              content_type="application/xml")
    site.routes["/sitemap-pages.xml"] = Route(_urlset(origin, [f"/{s}" for s in SECTIONS] +
                                                      ["/about"]), content_type="application/xml")
    return site


SHAPES = {"wordpress": wordpress, "google-news": google_news, "rss-only": rss_only,
          "front-only": front_only, "script-shell": script_shell, "forbidden": forbidden,
          "numeric": numeric, "dated-html": dated_html, "slug-only": slug_only}


@contextmanager
def serving(shapes: dict):
    """Each shape served on a port of its own: ``(servers, sites)`` by name."""
    servers, sites = {}, {}
    try:
        for name, make in shapes.items():
            server = SiteServer({})
            sites[name] = make(server.origin)
            server.routes.update(sites[name].routes)
            servers[name] = server.start()
        yield servers, sites
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()
