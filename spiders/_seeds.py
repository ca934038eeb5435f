"""Seed files: one TOML file per site, saying where to start and which pages are articles."""

from __future__ import annotations

import glob
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from cleaners.siterules import SiteRules


class SeedError(ValueError):
    """A seed file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Seed:
    name: str
    start_urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    article_pattern: re.Pattern | None = None
    language: str | None = None
    depth: int = 2
    revisit_days: float = 0
    #: Requests this crawl may make to the site (None: the ARCHIVE_MAX_PAGES_PER_SITE setting).
    max_pages: int | None = None
    rules: SiteRules = field(default_factory=SiteRules)
    path: Path | None = None

    def allows(self, url: str) -> bool:
        """Stay on the seed's domains (and their subdomains), and on its ports when it names any."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return False
        host = (parts.hostname or "").lower()
        if not any(host == d or host.endswith("." + d) for d in self.allowed_domains):
            return False
        ports = {urlsplit(u).port for u in self.entry_urls}
        return None in ports or parts.port in ports

    @property
    def entry_urls(self) -> tuple[str, ...]:
        return self.start_urls + self.feeds + self.sitemaps

    def is_article_url(self, url: str) -> bool | None:
        """True/False when the seed has an article pattern, None when it leaves it to the page."""
        if self.article_pattern is None:
            return None
        return matches_article(self.article_pattern, url)

    def takes(self, by_pattern: bool | None, selector) -> bool:
        """Whether the crawl archives a page as an article: by the pattern's verdict on its URL
        (``by_pattern``, from :meth:`is_article_url`, which the caller needs for more than this),
        or, when the seed has none, by the page's own declaration (``selector``: the parsed
        page)."""
        # Imported here: it loads parsel (25 ms of CPU), which a command that only reads seeds
        # (reindex) does not use.
        from cleaners.declared import declares_article

        return declares_article(selector) if by_pattern is None else by_pattern


def matches_article(pattern: re.Pattern, url: str) -> bool:
    """The pattern takes the URL's path, or its path and query (``/index.php?p=123``): sites
    whose articles differ only by a query parameter need one, and a pattern written for paths
    alone keeps taking them whatever query follows."""
    parts = urlsplit(url)
    return bool(pattern.search(parts.path) or
                (parts.query and pattern.search(f"{parts.path}?{parts.query}")))


def load_seed(path) -> Seed:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SeedError(f"{path}: {exc}") from exc
    name = data.get("name") or path.stem
    entries = [*data.get("start_urls", []), *data.get("feeds", []), *data.get("sitemaps", [])]
    if not entries:
        raise SeedError(f"{path}: no start_urls, feeds or sitemaps")
    domains = data.get("allowed_domains") or sorted({urlsplit(u).hostname for u in entries})
    try:
        pattern = re.compile(data["article_pattern"]) if data.get("article_pattern") else None
        rules = SiteRules.from_mapping(data.get("clean", {}))
    except (re.error, ValueError, TypeError) as exc:
        raise SeedError(f"{path}: {exc}") from exc
    return Seed(
        name=name, start_urls=tuple(data.get("start_urls", [])), feeds=tuple(data.get("feeds", [])),
        sitemaps=tuple(data.get("sitemaps", [])),
        allowed_domains=tuple(d.lower() for d in domains), article_pattern=pattern,
        language=data.get("language"), depth=int(data.get("depth", 2)),
        revisit_days=float(data.get("revisit_days", 0)),
        max_pages=int(data["max_pages"]) if data.get("max_pages") else None, rules=rules,
        path=path)


def expand(patterns) -> list[Path]:
    """Seed paths from file names and glob patterns, in a stable order, without repeats."""
    found: dict[Path, None] = {}
    for pattern in patterns:
        matches = sorted(glob.glob(str(pattern))) if glob.has_magic(str(pattern)) else [pattern]
        for match in matches:
            found.setdefault(Path(match), None)
    return list(found)


def seeds_digest(seeds) -> str:
    """One digest of a seed set: the same wherever the same seed files are loaded, whatever their
    folder (workers of a shared crawl compare it before they join one)."""
    files = sorted(f"{seed.name}\t{hashlib.sha256(seed.path.read_bytes()).hexdigest()}"
                   for seed in seeds)
    return hashlib.sha256("\n".join(files).encode()).hexdigest()
