"""Metadata benchmark: title, publication day and authors of bare trafilatura, htmldate alone and
ours, side by side, against people's (or hand-written parsers') gold.

    python -m bench.metadata --dataset DIR [DIR ...] [--limit N]

A set is a folder with ``ground-truth.json`` (id to ``{"url", "title", "authors",
"publishing_date"}`` or ``{"url", "date"}``) and ``html/<id>.html.gz``. Scoring:
- title: equal once normalised, or ours is the gold plus a site name (``gold - Site``);
- date: ours falls on the gold's calendar day (its first ten characters), in the publisher's
  own offset; no answer is a miss;
- authors: every gold name, normalised, occurs in ours (people and credits, not the
  publisher); pages whose gold has no authors are not scored.
Normalising: NFKC, soft hyphens and zero-width characters dropped, case folded, typographic
quotes and dashes made plain, whitespace runs made one space.

Printed per set and field: the share right of each extractor, ours by the source it took, and
the pages where ours is wrong and bare trafilatura right, by name. Ours is ``cleaners.clean``;
on a page it finds no article in, its metadata steps alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from htmldate import find_date
from trafilatura import bare_extraction

import cleaners
from cleaners.decode import decode
from cleaners.extract import parse
from cleaners.metadata import finish_metadata, head_metadata

FIELDS = ("title", "date", "authors")
EXTRACTORS = ("trafilatura", "htmldate", "newsarchive")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
_PLAIN = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
                        "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-",
                        "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
                        "\u2212": "-"})
_SITE_SUFFIX = re.compile(r"^\s*[-|]\s*\S")


def normalise(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_INVISIBLE).casefold()
    return " ".join(text.translate(_PLAIN).split())


def title_right(ours: str | None, gold: str) -> bool:
    ours, gold = normalise(ours), normalise(gold)
    return bool(ours) and (ours == gold or (ours.startswith(gold)
                                            and bool(_SITE_SUFFIX.match(ours[len(gold):]))))


def date_right(ours: str | None, gold: str) -> bool:
    return bool(ours) and ours[:10] == gold[:10]


def authors_right(ours: list[str], gold: list[str]) -> bool:
    joined = normalise("; ".join(ours))
    return bool(joined) and all(normalise(name) in joined for name in gold)


def load_gold(path: Path, limit: int | None) -> list[tuple[str, str, bytes, dict]]:
    truth = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
    return [(key, truth[key].get("url") or "",
             gzip.decompress((path / "html" / f"{key}.html.gz").read_bytes()), truth[key])
            for key in sorted(truth)[:limit]]


def answers(html: bytes, url: str) -> dict:
    """Each extractor's title, date, names and, for ours, each field's source."""
    bare = bare_extraction(html, url=url or None, with_metadata=True)
    try:
        document = cleaners.clean(html, url)
        ours = {"title": document.title, "published": document.published,
                "authors": document.authors, "credits": document.credits,
                "metadata_sources": document.metadata_sources, "article": True}
    except cleaners.NotArticle:
        page = decode(html, None)[0]
        tree = parse(page)
        ours = {**finish_metadata(head_metadata(tree, url, page), tree), "article": False}
    sources = dict(ours["metadata_sources"])
    return {
        "trafilatura": {"title": bare.title if bare else None,
                        "date": bare.date if bare else None,
                        "authors": bare.author.split("; ") if bare and bare.author else []},
        "htmldate": {"date": find_date(html, original_date=True)},
        "newsarchive": {"title": ours["title"], "date": ours["published"],
                        "authors": list(ours["authors"]) + list(ours["credits"])},
        "sources": {"title": sources.get("title", "none").split(",")[0].split(" (")[0],
                    "date": sources.get("published", "none"),
                    "authors": sources.get("authors", "none")},
        "article": ours["article"],
    }


def score_page(found: dict, gold: dict) -> dict:
    """Per field and extractor: True, False, or None when the page is not scored there."""
    golds = {"title": gold.get("title"), "date": gold.get("publishing_date") or gold.get("date"),
             "authors": gold.get("authors")}
    rules = {"title": title_right, "date": date_right, "authors": authors_right}
    scores: dict = {}
    for name in FIELDS:
        if not golds[name]:
            continue
        scores[name] = {extractor: rules[name](found[extractor][name], golds[name])
                        for extractor in EXTRACTORS if name in found[extractor]}
    return scores


def run(path: Path, limit: int | None) -> dict:
    right: dict = defaultdict(Counter)
    scored: Counter = Counter()
    by_source: dict = defaultdict(Counter)
    worse: list = []
    misses: list = []
    no_article = 0
    for key, url, html, gold in load_gold(path, limit):
        found = answers(html, url)
        no_article += not found["article"]
        for name, outcome in score_page(found, gold).items():
            scored[name] += 1
            for extractor, ok in outcome.items():
                right[name][extractor] += ok
            by_source[name][(found["sources"][name], outcome["newsarchive"])] += 1
            if outcome["trafilatura"] and not outcome["newsarchive"]:
                worse.append((name, key, found["newsarchive"][name]))
            if not outcome["newsarchive"]:
                misses.append((name, key, found["newsarchive"][name], found["sources"][name],
                               gold.get({"date": "publishing_date"}.get(name, name))
                               or gold.get("date")))
    return {"right": right, "scored": scored, "by_source": by_source, "worse": worse,
            "misses": misses, "no_article": no_article}


def report(name: str, result: dict, misses: bool = False) -> None:
    print(f"\n## {name}" + (f" ({result['no_article']} pages without an article: metadata "
                             "steps alone)" if result["no_article"] else ""))
    print(f"\n| field | pages | {' | '.join(EXTRACTORS)} |\n|---|---|---|---|---|")
    for field in FIELDS:
        pages = result["scored"][field]
        if not pages:
            continue
        cells = []
        for extractor in EXTRACTORS:
            hits = result["right"][field][extractor]
            shown = f"{hits / pages:.3f} ({hits})"
            cells.append(shown if extractor != "htmldate" or field == "date" else "")
        print(f"| {field} | {pages} | {' | '.join(cells)} |")
    print("\nours by source (right/pages):")
    for field in FIELDS:
        counts: dict = defaultdict(lambda: [0, 0])
        for (source, ok), n in result["by_source"][field].items():
            counts[source][0] += n * ok
            counts[source][1] += n
        if counts:
            shown = ", ".join(f"{s} {r}/{n}" for s, (r, n) in
                              sorted(counts.items(), key=lambda item: -item[1][1]))
            print(f"  {field}: {shown}")
    if result["worse"]:
        print("\nwrong here, right in bare trafilatura:")
        for field, key, ours in result["worse"]:
            print(f"  {field} {key}: {ours!r}")
    if misses:
        print("\nevery page ours gets wrong (ours, its source, the gold):")
        for field, key, ours, source, gold in result["misses"]:
            print(f"  {field} {key}: {ours!r} ({source}); gold {gold!r}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, nargs="+", required=True,
                        help="folders with ground-truth.json and html/ (any number)")
    parser.add_argument("--limit", type=int, help="only the first N pages of each set")
    parser.add_argument("--misses", action="store_true", help="list every page ours gets wrong")
    args = parser.parse_args(argv)
    for path in args.dataset:
        report(path.name, run(path, args.limit), args.misses)


if __name__ == "__main__":
    main()
