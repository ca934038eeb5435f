"""``newsarchive add-site URL``: a seed file written from what the site serves, each value
commented with how it was found, the article pattern proved on a sample of the site's pages.

The discovery is a Scrapy crawl of its own (:mod:`spiders.discover`) with the crawl's settings,
archiving off; Twisted's reactor starts once per process, so :func:`discover` runs once per
process too.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import click
from scrapy.crawler import CrawlerProcess

from archive.crawl.run import crawl_settings
from cleaners.language import primary_subtag
from spiders._seeds import SeedError, load_seed
from spiders._urlpattern import Derived, derive_pattern
from spiders.discover import DiscoverSpider, Found

#: Defaults of ``add-site`` over the crawl's settings: no archive, no progress bar, and no log
#: lines but the refusal (``-s LOG_LEVEL=INFO`` shows every fetch).
SETTINGS = {"ARCHIVE_ENABLED": False, "ARCHIVE_PROGRESS": False, "LOG_LEVEL": "CRITICAL"}
#: Re-check a new article this many days (at each of ARCHIVE_RECHECK_HOURS): news is edited
#: most on its first day.
REVISIT_DAYS = 2
#: Seed file lines are kept this short.
WIDTH = 100
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"}


def discover(url: str, overrides: dict | None = None, sample: int | None = None) -> Found:
    """What the site at ``url`` offers a crawler (``found.refusal`` says why it cannot be
    added)."""
    settings = crawl_settings(None, {**SETTINGS, **(overrides or {})})
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(DiscoverSpider)
    process.crawl(crawler, url=url, **({"sample": sample} if sample else {}))
    process.start()
    return crawler.spider.found


def site_name(url: str) -> str:
    """A seed name from the host: ``www.bild.de`` is bild, ``www.bbc.co.uk`` bbc, an address
    its digits and port."""
    parts = urlsplit(url)
    labels = (parts.hostname or "site").lower().removeprefix("www.").split(".")
    if all(label.isdigit() for label in labels) or len(labels) == 1:
        name = "-".join(labels) + (f"-{parts.port}" if parts.port else "")
    elif len(labels) > 2 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        name = labels[-3]
    else:
        name = labels[-2]
    return re.sub(r"[^a-z0-9_-]+", "-", name).strip("-") or "site"


@dataclass
class WrittenSeed:
    text: str
    derived: Derived
    report: list[str]


def write_seed(found: Found, url: str, name: str, named: bool) -> WrittenSeed:
    """The seed file's text, and what to print about it."""
    articles = [p for p in found.pages if p.article]
    hubs = [p for p in found.pages if not p.article]
    derived = derive_pattern([p.final for p in articles], [p.final for p in hubs])
    feeds = found.feeds
    news = [s for s in found.sitemaps if s.news and not s.index]
    sitemaps = news or [s for s in found.sitemaps if not s.how.startswith("in the index")]
    lines = [*_comment(f"{name}: written by `newsarchive add-site {url}` on {date.today()}, "
                       f"from what the site serves: robots.txt, the front page, "
                       f"{_count(len(feeds), 'feed')}, {_count(len(found.sitemaps), 'sitemap')} "
                       f"and {_count(len(found.pages), 'page')} judged. Each value says how it "
                       "was found; edit any of them (docs/seeds.md)."),
             _line("name", name, "given with --name" if named else "from the host name"),
             _line("language", *_language(found, articles))]
    domains_how = "the front page's host and its www. twin" if len(found.hosts) > 1 else \
        "the front page's host"
    if found.redirected:
        domains_how += f"; {url} redirects to {found.front}"
    lines += [_line("allowed_domains", found.hosts, domains_how),
              _line("start_urls", [found.front], f"the front page: {found.front_links} links "
                    "to the site") if found.front_links else
              _line("start_urls", [], f"not the front page {found.front}: a script shell with "
                    "no links in its HTML")]
    lines += _list("feeds", [(f.url, f"{f.kind}, {f.items} items, {f.on_site} on this site; "
                              f"{f.how}") for f in feeds], found.feeds_how)
    sitemaps_how = found.sitemaps_how + ("; Google News sitemaps preferred" if news else "")
    lines += _list("sitemaps", [(s.url, _sitemap_note(s)) for s in sitemaps], sitemaps_how)
    said = Counter(p.why.split(",")[0] if not p.why.startswith("the cleaner") else
                   "the cleaner" for p in articles)
    how = ", ".join(f"{what} {n}" for what, n in said.most_common())
    lines += _comment(f"{_count(len(articles), 'article')} ({how}) and "
                      f"{_count(len(hubs), 'hub')} among the pages judged; on them this "
                      f"pattern has precision {derived.precision:.0%} and recall "
                      f"{derived.recall:.0%}")
    for note in derived.notes:
        lines += _comment(note)
    lines += [_line("article_pattern", derived.pattern, None) if derived.pattern else
              "# no article_pattern: the pages say whether they are articles"]
    depth_how = ("start pages' links followed one level: the feeds and sitemaps name the "
                 "articles") if feeds or sitemaps else \
        "no feed or sitemap: articles are found through the front page and its sections"
    lines += [_line("depth", 1 if feeds or sitemaps else 2, depth_how),
              _line("revisit_days", REVISIT_DAYS, "re-check a new article for edits at each "
                    "of ARCHIVE_RECHECK_HOURS within this many days"),
              "", "[clean]",
              _line("drop_selectors", [], "CSS selectors or XPath removed before extraction"),
              _line("drop_lines", [], "regexes: whole lines removed after extraction")]
    report = _report(found, derived)
    return WrittenSeed("\n".join(lines) + "\n", derived, report)


def _language(found: Found, articles) -> tuple[str | None, str]:
    detected = Counter(p.language for p in articles if p.language)
    declared = primary_subtag(found.declared_language) if found.declared_language else None
    if detected:
        language, count = detected.most_common(1)[0]
        how = f"detected in {count} of {len(articles)} sampled articles"
        if declared:
            how += f"; the front page declares {found.declared_language}"
        return language, how
    return declared, f"the front page declares {found.declared_language}" if declared else \
        "not declared, not detected"


def _sitemap_note(sitemap) -> str:
    kind = "sitemap index" if sitemap.index else \
        "Google News sitemap" if sitemap.news else "sitemap"
    gzipped = ", gzipped" if sitemap.gzipped else ""
    return f"{kind}, {sitemap.entries} entries{gzipped}; {sitemap.how}"


def _value(value) -> str:
    """A TOML value: strings as TOML basic strings (JSON's escapes), lists of them, numbers."""
    if isinstance(value, list):
        return "[" + ", ".join(map(_value, value)) + "]"
    return json.dumps(value, ensure_ascii=False)


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}{'' if n == 1 else 's'}"


def _comment(text: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent="# ", subsequent_indent="# ",
                         break_on_hyphens=False, break_long_words=False)


def _line(key: str, value, comment: str | None) -> str:
    """``key = value  # comment``; a comment too long for the line goes above it."""
    if value is None:
        return "\n".join(_comment(f"{key}: {comment}"))
    line = f"{key} = {_value(value)}"
    if not comment:
        return line
    if len(line) + len(comment) + 4 > WIDTH:
        return "\n".join([*_comment(comment), line])
    return f"{line}  # {comment}"


def _list(key: str, items: list[tuple[str, str]], how: str) -> list[str]:
    if not items:
        return [*_comment(f"{key}: none, {how}"), f"{key} = []"]
    lines = [*_comment(how[0].upper() + how[1:] + ":"), f"{key} = ["]
    for url, note in items:
        entry = f"  {_value(url)},"
        lines += [f"{entry}  # {note}"] if len(entry) + len(note) + 4 <= WIDTH else \
            [*("  " + line for line in _comment(note)), entry]
    return [*lines, "]"]


def _report(found: Found, derived: Derived) -> list[str]:
    articles = sum(p.article for p in found.pages)
    report = [f"front page: {found.front} ({found.front_links} links to the site)",
              found.robots,
              f"feeds: {len(found.feeds)} ({found.feeds_how})",
              *(f"  {f.kind} {f.url}: {f.items} items" for f in found.feeds),
              f"sitemaps: {len(found.sitemaps)} ({found.sitemaps_how})",
              *(f"  {_sitemap_note(s).split(';')[0]}: {s.url}" for s in found.sitemaps),
              f"pages judged: {len(found.pages)}, {articles} articles and "
              f"{len(found.pages) - articles} hubs"
              + (f"; {len(found.unjudged)} not judged" if found.unjudged else "")]
    report += [f"  {'-':7}  {urlsplit(url).path}  {why}" for url, why in found.unjudged]
    width = max(len(urlsplit(p.final).path) for p in found.pages)
    for page in found.pages:
        parts = urlsplit(page.final)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        report.append(f"  {'article' if page.article else 'hub':7}  {path:{width}}  {page.why}")
    report.append(f"article_pattern {derived.pattern}: precision {derived.precision:.0%} "
                  f"({derived.articles_taken} of {derived.articles_taken + derived.hubs_taken} "
                  f"pages it takes are articles), recall {derived.recall:.0%} "
                  f"({derived.articles_taken} of {derived.articles} articles)")
    return report


def add_site(url: str, name: str | None, seeds_dir: Path, dry_run: bool, force: bool,
             overrides: dict) -> None:
    """The command: refuse before fetching what would overwrite a seed, then discover, write
    the file (checked by loading it as the crawl will) and say what was found."""
    if not re.match(r"https?://[^/?#]+", url):
        raise click.BadParameter("an http(s) URL, such as https://www.example.org/",
                                 param_hint="URL")
    if name is not None and not re.fullmatch(r"[A-Za-z0-9_.-]+", name):
        raise click.BadParameter("letters, digits, '_', '.' and '-' only (it names the file)",
                                 param_hint="'--name'")
    path = seeds_dir / f"{name or site_name(url)}.toml"
    if path.exists() and not (force or dry_run):
        raise click.ClickException(f"{path} exists: --force overwrites it, --name writes "
                                   "another")
    found = discover(url, overrides)
    if found.refusal:
        raise click.ClickException(f"cannot add {url}: {found.refusal}")
    seed = write_seed(found, url, path.stem, named=name is not None)
    for line in seed.report:
        click.echo(line, err=dry_run)
    if dry_run:
        click.echo(seed.text, nl=False)
        return
    seeds_dir.mkdir(parents=True, exist_ok=True)
    draft = path.with_suffix(".toml.new")
    draft.write_text(seed.text, encoding="utf-8")
    try:
        load_seed(draft)
    except SeedError:
        draft.unlink()
        raise
    draft.replace(path)
    click.echo(f"wrote {path}; crawl it with: newsarchive crawl {path}")
