"""What the cleaners return: the cleaned text, its metadata, and every cut with its reason."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


class NotArticle(ValueError):
    """The input holds no article; ``reason`` is a short slug (binary, empty, no-text, ...)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Removal:
    """One cut: the rule that made it (a stable name, ``site-profile``), the text it removed (an
    element's text, one line per block, or a line) and what made the rule fire on this page
    (``repeated on 20 of 24 pages of this site``; the selector or pattern of a site rule)."""

    rule: str
    text: str
    detail: str = ""

    def as_json(self) -> dict:
        return {"rule": self.rule, "text": self.text, **({"detail": self.detail}
                                                          if self.detail else {})}


@dataclass(frozen=True)
class Document:
    url: str
    text: str
    title: str | None = None
    #: The byline as one line: ``authors`` then ``credits``, joined by ``; ``.
    author: str | None = None
    #: The publication day, in the publisher's own offset (``YYYY-MM-DD``).
    published: str | None = None
    sitename: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    #: The people who wrote it; the organisations credited (agencies, desks, the site itself).
    authors: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()
    publisher: str | None = None
    #: Publication and modification time as the page gives them, with their offset (ISO 8601).
    published_at: str | None = None
    modified: str | None = None
    section: str | None = None
    keywords: tuple[str, ...] = ()
    image: str | None = None
    #: The schema.org type (``NewsArticle``, ``LiveBlogPosting``, ``OpinionNewsArticle``...).
    article_type: str | None = None
    #: ``isAccessibleForFree`` as the page states it (None: not stated).
    free: bool | None = None
    #: Where each metadata field came from, ``(field, source)``: ``("published", "json-ld
    #: datePublished")``, ``("title", "og:title, h1 (json-ld headline differs)")``.
    metadata_sources: tuple[tuple[str, str], ...] = ()
    #: The page's JSON-LD ``articleBody`` is much longer than the extracted text (None: the
    #: page states none); it is then kept here, for the metadata record.
    partial: bool | None = None
    structured_body: str | None = field(default=None, repr=False)
    #: Where ``text`` came from: ``extracted`` (the page's visible text) or ``json-ld
    #: articleBody`` (:mod:`cleaners.partial_body`; ``guards`` says why).
    text_source: str = "extracted"
    charset: str | None = None
    declared_language: str | None = None
    language: str | None = None
    language_probability: float | None = None
    word_count: int = 0
    text_digest: str = ""
    removed: tuple[Removal, ...] = field(default_factory=tuple)
    cleaner_version: str = ""
    #: Guards that fired, each ``"name: why"``: where the cleaner kept text its rules would
    #: have cut, because cutting it would have lost the article.
    guards: tuple[str, ...] = ()
    #: For the site profile: the story this page tells and its ``(block key, line)`` pairs,
    #: taken before the profile's own cuts.
    story: str = field(default="", repr=False)
    blocks: tuple[tuple[str, str], ...] = field(default=(), repr=False)
    #: ... and what it shows of its site's habits, ``(kind, value)`` (:mod:`cleaners.habits`).
    habits: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    def metadata(self) -> dict:
        """Everything but the text, JSON-ready: what the metadata record stores."""
        data = asdict(self)
        for name in ("text", "story", "blocks", "habits"):
            data.pop(name)
        data["removed"] = [r.as_json() for r in self.removed]
        data["guards"] = list(self.guards)
        data["metadata_sources"] = dict(self.metadata_sources)
        return data
