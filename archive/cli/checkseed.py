"""``newsarchive check-seed FILE...``: does each seed still fit its site? What its entry points
give, how much of it the article pattern takes, and what a sample of pages, judged as
``add-site`` judges them, says about the pattern; an exit status a scheduler can act on.

All seeds are checked in one Scrapy process, each by a spider of its own
(:mod:`spiders.checkseed`), with the crawl's settings and archiving off.
"""

from __future__ import annotations

from pathlib import Path

import click
from scrapy.crawler import CrawlerProcess

from archive.cli.addsite import SETTINGS
from archive.crawl.run import crawl_settings
from spiders._seeds import SeedError, load_seed
from spiders.checkseed import BROKEN, Checked, CheckSpider, assess

#: Exit statuses, the worst of all seeds (2 is click's, for a mistake on the command line).
EXIT_OK, EXIT_WARNINGS, EXIT_BROKEN, EXIT_BAD_SEED = 0, 1, 3, 4
#: Article titles shown per seed.
TITLES = 3


def check_seeds(paths: list[Path], overrides: dict) -> int:
    """Check every seed that loads; print what was found; return the exit status."""
    seeds, status = [], EXIT_OK
    for path in paths:
        try:
            seeds.append(load_seed(path))
        except SeedError as exc:
            click.echo(f"{path}: cannot be used: {exc}")
            status = EXIT_BAD_SEED
    if not seeds:
        return status
    process = CrawlerProcess(crawl_settings(None, {**SETTINGS, **overrides}))
    crawlers = []
    for seed in seeds:
        crawlers.append(process.create_crawler(CheckSpider))
        process.crawl(crawlers[-1], seed=seed)
    process.start()
    for crawler in crawlers:
        checked = crawler.spider.checked
        problems = assess(checked)
        for line in report(checked, problems):
            click.echo(line)
        if problems:
            worst = EXIT_BROKEN if any(kind == BROKEN for kind, _ in problems) \
                else EXIT_WARNINGS
            status = max(status, worst)
    return status


def report(checked: Checked, problems: list[tuple[str, str]]) -> list[str]:
    seed = checked.seed
    lines = [f"{seed.path} (site {seed.name})", *(f"  {line}" for line in checked.robots)]
    for entry in checked.entries:
        taken = sum(map(checked.taken, entry.urls))
        said = entry.note + (f", {taken} match the pattern" if seed.article_pattern and
                             entry.urls else "")
        lines.append(f"  {entry.kind} {entry.url}: " + ", ".join(filter(None, [said,
                                                                            entry.dead])))
    pattern = seed.article_pattern
    lines.append(f"  URLs found: {len(checked.urls)} on the site, " +
                 (f"{len(checked.matched)} match the article pattern {pattern.pattern}"
                  if pattern else "no article_pattern: each page's own declaration decides"))
    articles = [p for p in checked.pages if p.article]
    hubs = [p for p in checked.pages if not p.article]
    lines.append(f"  sample: {len(checked.pages)} pages judged, {len(articles)} articles and "
                 f"{len(hubs)} hubs; the seed takes {sum(bool(p.taken) for p in articles)} of "
                 f"the articles and {sum(bool(p.taken) for p in hubs)} of the hubs" +
                 (f"; {len(checked.unjudged)} not judged" if checked.unjudged else ""))
    titles = [p.title for p in articles if p.taken and p.title][:TITLES]
    if titles:
        lines.append("  articles: " + "; ".join(titles))
    lines += [f"  {kind}: {line}" for kind, line in problems]
    broken = sum(kind == BROKEN for kind, _ in problems)
    warnings = len(problems) - broken
    verdict = "broken" if broken else f"{warnings} warning{'s' * (warnings > 1)}" if warnings \
        else "ok"
    lines.append(f"{seed.name}: {verdict}")
    return lines
