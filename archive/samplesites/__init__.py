"""The bundled sample sites: three news sites modelled on the seed pages (Zerkalo, an Arabic
WordPress site, BILD), built from the templates and article files in this package and served on
127.0.0.1. They feed the demo, the tests and the benchmarks; no network is needed.

Each site also serves what real servers send a crawler: gzip and chunked bodies, 301/404/500,
304 to conditional requests, robots.txt rules, a PDF, a binary body labelled text/html, a
truncated page and a page in windows-1251 declared only in a ``<meta>`` tag.
"""

from __future__ import annotations

import contextlib
import html
import random
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from archive.samplesites.server import Route, SiteServer

SITE_NAMES = ("zerkalo", "turkeytoday", "bild")
#: Bytes of a PNG image, served as text/html by the BILD-like site.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(64)


@dataclass(frozen=True)
class Article:
    """One article of a sample site, with the values its template needs."""

    site: str
    path: str
    title: str
    published: str
    paragraphs: tuple[str, ...]
    fields: dict

    @property
    def sentences(self) -> list[str]:
        """The article's own text lines: what the cleaner must keep (headings included)."""
        return [p.removeprefix("## ") for p in self.paragraphs if not p.startswith("[")]

    @property
    def status(self) -> int:
        return self.fields.get("status", 200)


def _read(site: str, name: str) -> str:
    return resources.files(__package__).joinpath(site, name).read_text(encoding="utf-8")


def articles(site: str) -> list[Article]:
    """The site's hand-made articles (the seed story first), then its generated ones."""
    data = tomllib.loads(_read(site, "articles.toml"))
    made = [Article(site=site, path=a["path"], title=a["title"], published=a["published"],
                    paragraphs=tuple(a["paragraphs"]), fields=a) for a in data["article"]]
    return made + generated_articles(site)


def generated_articles(site: str) -> list[Article]:
    """Articles built from ``generated.toml``: unique paragraphs (two sentences of parts picked
    by a seeded generator), the site's repeated in-body widgets, and a quote a few share."""
    spec = tomllib.loads(_read(site, "generated.toml"))
    fields = {k: v for k, v in spec.items() if isinstance(v, str)}
    made = []
    for n in range(spec["count"]):
        rng = random.Random(f"{site}-{n}")
        paragraphs = [" ".join(_sentence(rng, spec["parts"]) for _ in range(2)) for _ in range(3)]
        for block in sorted(spec.get("repeated", []), key=lambda b: -b["after"]):
            paragraphs.insert(block["after"], "[repeated] " + block["text"])
        if n < spec.get("quoted_in", 0):
            paragraphs.append(spec["quoted"])
        page_id = spec["first_id"] + n
        title = " ".join(rng.choice(part) for part in spec["parts"][:3]).rstrip(",")
        made.append(Article(
            site=site, path=spec["path"].format(id=page_id), title=title,
            published=f"2025-01-{1 + n % 28:02d}T{8 + n % 12:02d}:00:00+01:00",
            paragraphs=tuple(paragraphs),
            fields={**fields, "title": title, "path": spec["path"].format(id=page_id)}))
    return made


def repeated_blocks(site: str) -> list[str]:
    """The in-body widgets a site repeats on its generated pages (what a profile must learn)."""
    return [b["text"] for b in tomllib.loads(_read(site, "generated.toml")).get("repeated", [])]


def _sentence(rng: random.Random, parts: list[list[str]]) -> str:
    return " ".join(rng.choice(part) for part in parts) + "."


def render(template: str, **values) -> str:
    for key, value in values.items():
        template = template.replace("{{" + key + "}}", str(value))
    return template


#: How each site marks up an in-body "read also" link.
ALSO = {
    "zerkalo": '<p><strong>Читайте также:</strong> <a href="{{href}}">{{title}}</a></p>',
    "bild": '<p><strong>Lesen Sie auch:</strong> <a href="{{href}}">{{title}}</a></p>',
    "turkeytoday": '<p><strong>اقرأ أيضاً:</strong> <a href="{{href}}">{{title}}</a></p>',
}


def body_html(article: Article, figure: str) -> str:
    """Paragraph markup to HTML: ``## `` a subheading, ``[figure] src | alt | caption`` a photo,
    ``[also] href | title`` a "read also" link to another story, ``[repeated] text`` a widget
    the site repeats on every page (both boilerplate, not text)."""
    out = []
    for paragraph in article.paragraphs:
        if paragraph.startswith("## "):
            out.append(f'<h2 class="crossheading">{html.escape(paragraph[3:])}</h2>')
        elif paragraph.startswith("[figure]"):
            src, alt, caption = (p.strip() for p in paragraph[8:].split("|"))
            out.append(render(figure, src=html.escape(src), alt=html.escape(alt),
                              caption=html.escape(caption)))
        elif paragraph.startswith("[repeated] "):
            out.append(f"<p>{html.escape(paragraph.removeprefix('[repeated] '))}</p>")
        elif paragraph.startswith("[also]"):
            href, title = (p.strip() for p in paragraph[6:].split("|"))
            out.append(render(ALSO[article.site], href=href, title=html.escape(title)))
        else:
            out.append(f"<p>{html.escape(paragraph)}</p>")
    return "\n".join(out)


def _page(site: str, article: Article, origin: str, figure: str, **extra) -> str:
    fields = {k: v for k, v in article.fields.items() if isinstance(v, str)}
    values = {**fields, "origin": origin, "charset": article.fields.get("charset", "utf-8"),
              "lead": html.escape(article.paragraphs[0][:160]),
              "published_human": article.published[:16].replace("T", " "),
              "body": body_html(article, figure), **extra}
    values["title"] = html.escape(article.title)
    return render(_read(site, "article.html"), **values)


def zerkalo_routes(origin: str) -> dict[str, Route]:
    figure = ('<figure class="styles_figure__k3L0p"><img src="{{src}}" alt="{{alt}}" '
              'loading="lazy"><figcaption class="styles_caption__u7Yt1">{{caption}}'
              '</figcaption></figure>')
    headlines = "\n".join(
        f'      <li class="r3Lq0-i"><a href="/news/{86000 + i}.html">{html.escape(t)}</a></li>'
        for i, t in enumerate(_read("zerkalo", "headlines.txt").splitlines(), 1))
    routes, items = {}, []
    for article in articles("zerkalo"):
        page = _page("zerkalo", article, origin, figure, headlines=headlines)
        charset = article.fields.get("charset")
        body = page.encode(charset or "utf-8")
        routes[article.path] = Route(body, content_type="text/html" if charset else
                                     "text/html; charset=utf-8", gzip=True)
        items.append(f'<div class="styles_card__aa1Bc"><a href="{article.path}">'
                     f'{html.escape(article.title)}</a></div>')
    routes["/"] = Route(render(_read("zerkalo", "home.html"), origin=origin,
                               teasers="\n".join(items)).encode(), gzip=True)
    routes["/old/86263.html"] = Route(status=301, headers=[("Location", "/world/86263.html")])
    routes["/private/draft-86300.html"] = Route(b"<html><body><p>draft</p></body></html>")
    routes["/robots.txt"] = _robots(origin)
    routes["/sitemap.xml"] = _sitemap(origin, articles("zerkalo"), news=True)
    return routes


def turkeytoday_routes(origin: str) -> dict[str, Route]:
    related_item = _read("turkeytoday", "related.html")
    related = []
    for i, line in enumerate(_read("turkeytoday", "related.txt").splitlines()):
        category, ago, title = line.split("|")
        related.append(render(related_item, href=f"/{88100 + i}/post-{i}/", id=88100 + i,
                              category=category, ago=ago, title=html.escape(title)))
    routes, items = {}, []
    for article in articles("turkeytoday"):
        post_id = article.path.split("/")[1]
        page = _page("turkeytoday", article, origin, "", related="\n".join(related),
                     post_id=post_id)
        routes[article.path] = Route(page.encode(), status=article.status, chunked=True)
        items.append(f'<li><a href="{article.path}">{html.escape(article.title)}</a></li>')
    routes["/"] = Route(render(_read("turkeytoday", "home.html"), origin=origin,
                               teasers="\n".join(items)).encode(), chunked=True)
    routes["/feed/"] = _feed(origin, articles("turkeytoday"))
    routes["/wp-content/uploads/2025/01/annual-report.pdf"] = Route(
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")
    routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /wp-admin/\n",
                                  content_type="text/plain")
    return routes


def bild_routes(origin: str) -> dict[str, Route]:
    figure = ('<figure class="image"><a href="{{src}}"><img src="{{src}}" alt="{{alt}}"></a>'
              '<figcaption class="image__caption">{{caption}}</figcaption></figure>')
    routes, items = {}, []
    for article in articles("bild"):
        page = _page("bild", article, origin, figure, id=article.path[-19:-11])
        routes[article.path] = Route(page.encode())
        items.append(f'<div class="teaser"><a href="{article.path}?utm_source=startseite&amp;'
                     f'utm_campaign=stage"><span class="teaser__kicker">'
                     f'{html.escape(article.fields["kicker"])}</span> '
                     f'{html.escape(article.title)}</a></div>')
    hub = "/politik/startseite/politik/politik-16804530.bild.html"
    routes[hub] = Route(render(_read("bild", "home.html"), teasers="\n".join(items)).encode())
    routes["/fotos/galerie-assad-palast-87000001.bild.html"] = Route(PNG)
    broken = routes[articles("bild")[1].path].body
    routes["/politik/ausland/politik-ausland/kaputte-seite-87000002.bild.html"] = Route(
        broken[: len(broken) // 3])
    routes["/robots.txt"] = _robots(origin)
    routes["/sitemap.xml"] = _sitemap(origin, articles("bild"))
    return routes


ROUTES = {"zerkalo": zerkalo_routes, "turkeytoday": turkeytoday_routes, "bild": bild_routes}


def _robots(origin: str) -> Route:
    text = f"User-agent: *\nDisallow: /private/\n\nSitemap: {origin}/sitemap.xml\n"
    return Route(text.encode(), content_type="text/plain")


def _sitemap(origin: str, items: list[Article], news: bool = False) -> Route:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    urls = []
    for a in items:
        extra = (f"<news:news><news:publication_date>{a.published}</news:publication_date>"
                 f"<news:title>{html.escape(a.title)}</news:title></news:news>") if news else ""
        urls.append(f"<url><loc>{origin}{a.path}</loc><lastmod>{a.published}</lastmod>"
                    f"{extra}</url>")
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
           f'schemas/sitemap/0.9"{ns}>\n' + "\n".join(urls) + "\n</urlset>\n")
    return Route(xml.encode(), content_type="application/xml")


def _feed(origin: str, items: list[Article]) -> Route:
    entries = "\n".join(
        f"<item><title>{html.escape(a.title)}</title><link>{origin}{a.path}</link>"
        f"<guid isPermaLink=\"false\">{origin}/?p={a.path.split('/')[1]}</guid></item>"
        for a in items)
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
           f"<title>تركيا اليوم</title><link>{origin}/</link>\n{entries}\n</channel></rss>\n")
    return Route(xml.encode(), content_type="application/rss+xml; charset=UTF-8")


@dataclass
class RunningSites:
    servers: dict[str, SiteServer]

    @property
    def urls(self) -> dict[str, str]:
        return {name: server.origin for name, server in self.servers.items()}


#: The demo's ports: the same URLs every run, so a second demo is an incremental crawl.
DEMO_PORT = 8701


class PortInUse(OSError):
    """A sample site's port is taken (another demo, or ``sample-sites``, still running?)."""


@contextlib.contextmanager
def serve(port: int = 0):
    """Serve the three sample sites for the ``with`` block, on 127.0.0.1 at ``port``, ``port``
    + 1 and ``port`` + 2 (0: any free ports, new URLs each time)."""
    servers = {}
    try:
        for offset, name in enumerate(SITE_NAMES):
            try:
                server = SiteServer({}, port + offset if port else 0)
            except OSError as exc:
                raise PortInUse(f"port {port + offset} of 127.0.0.1 is taken ({exc.strerror}): "
                                "is another demo or sample-sites running? Choose other ports "
                                "with --port") from exc
            server.routes.update(ROUTES[name](server.origin))
            servers[name] = server.start()
        yield RunningSites(servers)
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()


def seed_files(urls: dict[str, str], directory) -> list[Path]:
    """Write one seed file per running site into ``directory``; return their paths."""
    paths = []
    for name, origin in urls.items():
        path = Path(directory) / f"{name}.toml"
        path.write_text(render(_read(name, "seed.toml"), origin=origin), encoding="utf-8")
        paths.append(path)
    return paths

