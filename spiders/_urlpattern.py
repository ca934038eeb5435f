"""An ``article_pattern`` from a sample of a site's URLs, each judged an article or a hub.

The article URLs are grouped by shape (how many path segments, which are years, numbers or
words, the file extension, the query's keys), and each shape written as an expression: a year is
``\\d{4}``, a number ``\\d+``, a word ``[^/]+`` (``[^/]*\\d{6,}`` when every article's word ends
in an id of that many digits), a query ``\\?p=\\d+``; the script a query goes to stays literal.
Hubs of the same shape are then kept out with the fewest literal exclusions, the segment that
parts them from the articles earliest in the path first (``/politik/startseite/...``): that is
how a section's own page differs from its stories. Matching is :func:`matches_article`'s, the
crawl's own.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from spiders._seeds import matches_article

_EXTENSION = re.compile(r"(?:\.[A-Za-z][A-Za-z0-9]{0,5})+$")
_YEAR = re.compile(r"(?:19|20)\d\d")
_ID = re.compile(r"\D(\d{4,})$")
_LEADING_ID = re.compile(r"\d+[-_]")


@dataclass(frozen=True)
class Segment:
    text: str
    stem: str
    extension: str
    kind: str  # year, number or word


def _segment(text: str) -> Segment:
    found = _EXTENSION.search(text)
    extension = found.group() if found and found.start() > 0 else ""
    stem = text[:len(text) - len(extension)]
    kind = "year" if _YEAR.fullmatch(stem) else "number" if stem.isdigit() else "word"
    return Segment(text, stem, extension, kind)


@dataclass(frozen=True)
class Parts:
    segments: tuple[Segment, ...]
    slash: bool
    query: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, url: str) -> Parts:
        parts = urlsplit(url)
        path = parts.path or "/"
        names = [name for name in path.strip("/").split("/") if name]
        return cls(tuple(map(_segment, names)), path.endswith("/") and bool(names),
                   tuple(parse_qsl(parts.query, keep_blank_values=True)))

    @property
    def shape(self) -> tuple:
        return (tuple((s.kind, s.extension) for s in self.segments), self.slash,
                tuple((key, value.isdigit()) for key, value in self.query))


@dataclass
class Derived:
    pattern: str | None
    articles: int
    hubs: int
    articles_taken: int
    hubs_taken: int
    #: What could not be told apart, in words.
    notes: list[str]

    @property
    def recall(self) -> float:
        return self.articles_taken / self.articles if self.articles else 0.0

    @property
    def precision(self) -> float:
        taken = self.articles_taken + self.hubs_taken
        return self.articles_taken / taken if taken else 0.0


def derive_pattern(articles: list[str], hubs: list[str]) -> Derived:
    """The narrowest expression that takes the sample's articles and none of its hubs."""
    groups: dict[tuple, list[Parts]] = defaultdict(list)
    for url in articles:
        parts = Parts.of(url)
        groups[parts.shape].append(parts)
    # A shape seen once among many articles is an odd page out (a live blog's own URL), not one
    # of the site's article shapes; with few articles, every shape counts.
    least = 2 if len(articles) >= 6 else 1
    hub_parts = [Parts.of(url) for url in hubs]
    alternatives, notes = [], []
    for members in sorted(groups.values(), key=len, reverse=True):
        if len(members) < least:
            notes.append(f"left out a shape seen once: {_path(members[0])}")
            continue
        expression, left = _shape_expression(
            members, [h for h in hub_parts if len(h.segments) == len(members[0].segments)])
        if any(re.fullmatch(a, _path(m)) for a in alternatives for m in members):
            continue  # an earlier, broader shape takes these already
        alternatives.append(expression)
        notes += [f"a hub has the shape of the articles and no literal parts it from them: "
                  f"{_path(hub)}" for hub in left]
    if not alternatives:
        return Derived(None, len(articles), len(hubs), 0, 0, notes)
    body = alternatives[0] if len(alternatives) == 1 else \
        "(?:" + "|".join(alternatives) + ")"
    pattern = f"^{body}$"
    compiled = re.compile(pattern)
    return Derived(pattern, len(articles), len(hubs),
                   sum(matches_article(compiled, url) for url in articles),
                   sum(matches_article(compiled, url) for url in hubs), notes)


def _path(parts: Parts) -> str:
    path = "/" + "/".join(s.text for s in parts.segments) + ("/" if parts.slash else "")
    return path + ("?" + "&".join(f"{k}={v}" for k, v in parts.query) if parts.query else "")


def _shape_expression(members: list[Parts], hubs: list[Parts]) -> tuple[str, list[Parts]]:
    """The expression for articles of one shape, and the hubs (of as many segments) it still
    takes."""
    positions = [_position(members, i, bool(members[0].query))
                 for i in range(len(members[0].segments))]
    excluded: dict[int, set[str]] = defaultdict(set)
    left = [hub for hub in hubs if re.fullmatch(_assemble(members[0], positions, excluded),
                                                _path(hub))]
    while left:
        best = None
        for i in range(len(positions)):
            own = {m.segments[i].text for m in members}
            values = {h.segments[i].text for h in left if h.segments[i].text not in own}
            taken = [h for h in left if h.segments[i].text in values]
            # The most hubs kept out, then the fewest literals, then the earliest segment.
            key = (-len(taken), len(values), i)
            if taken and (best is None or key < best[0]):
                best = (key, i, values)
        if best is None:
            break
        _, i, values = best
        excluded[i] |= values
        left = [h for h in left if h.segments[i].text not in values]
    return _assemble(members[0], positions, excluded), left


def _assemble(shape: Parts, positions: list[str], excluded: dict[int, set[str]]) -> str:
    segments = []
    for i, expression in enumerate(positions):
        if excluded[i]:
            names = "|".join(_escape(v) for v in sorted(excluded[i]))
            names = f"(?:{names})" if len(excluded[i]) > 1 else names
            expression = f"(?!{names}(?:[/?]|$))" + expression
        segments.append(expression)
    path = "/" + "/".join(segments) + ("/?" if shape.slash else "")
    query = "&".join(f"{_escape(key)}=" + (r"\d+" if digits else "[^&]+")
                     for key, digits in shape.shape[2])
    return path + (r"\?" + query if query else "")


def _escape(text: str) -> str:
    """Literal text in an expression, escaping only what needs it (``-`` stays as it is)."""
    return re.sub(r"([.^$*+?{}\[\]\\|()])", r"\\\1", text)


def _position(members: list[Parts], i: int, script: bool) -> str:
    """One path segment's expression: its kind, its extension kept as written."""
    segments = [m.segments[i] for m in members]
    first = segments[0]
    if script and len({s.text for s in segments}) == 1:
        return _escape(first.text)  # /index.php?p=123: the script is part of the shape
    if first.kind == "year":
        stem = r"\d{4}"
    elif first.kind == "number":
        stem = r"\d{2}" if all(len(s.stem) == 2 for s in segments) else r"\d+"
    elif all(_ID.search(s.stem) for s in segments):
        digits = min(len(_ID.search(s.stem).group(1)) for s in segments)
        stem = rf"[^/]*\d{{{digits},}}"
    elif all(_LEADING_ID.match(s.stem) for s in segments):
        stem = r"\d+[-_][^/]*"
    else:
        stem = "[^/]+"
    return stem + _escape(first.extension)
