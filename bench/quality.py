"""Cleaning-quality benchmark: bare trafilatura against our cleaners, side by side.

    python -m bench.quality [--dataset PATH_TO/scrapinghub] [--limit N]

1. The Scrapinghub/Zyte article-extraction benchmark (181 real pages with human-annotated
   article bodies; get it from the public ``scrapinghub/article-extraction-benchmark``
   repository): F1, precision, recall (``bench.scoring``) and pages per second of
   ``trafilatura.extract(html)`` with default options and of ``cleaners.clean(html, url)``.
2. The bundled sample sites: per extractor, boilerplate lines left (output lines that are not
   article text) and article lines lost.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

import trafilatura

import cleaners
from archive import samplesites
from bench.scoring import score
from cleaners.profile import learn_profile


def bare(html: bytes, url: str) -> str:
    return trafilatura.extract(html) or ""


def ours(html: bytes, url: str) -> str:
    try:
        return cleaners.clean(html, url).text
    except cleaners.NotArticle:
        return ""


EXTRACTORS = {"trafilatura": bare, "newsarchive": ours}


def load_dataset(path: Path, limit: int | None = None) -> list[tuple[str, str, bytes, str]]:
    truth = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        html = gzip.decompress((path / "html" / f"{key}.html.gz").read_bytes())
        pages.append((key, truth[key]["url"], html, truth[key]["articleBody"]))
    return pages


def run_dataset(pages) -> dict:
    """Both extractors page by page, interleaved, so that a busy machine slows both alike."""
    predicted = {name: [] for name in EXTRACTORS}
    cpu = dict.fromkeys(EXTRACTORS, 0.0)
    for extract in EXTRACTORS.values():  # warm up: first calls load models and caches
        extract(pages[0][2], pages[0][1])
    for _, url, html, _ in pages:
        for name, extract in EXTRACTORS.items():
            start = time.process_time()
            predicted[name].append(extract(html, url))
            cpu[name] += time.process_time() - start
    results = {}
    for name in EXTRACTORS:
        result = score((truth, text) for (_, _, _, truth), text in zip(pages, predicted[name],
                                                                          strict=True))
        results[name] = {"f1": result.f1, "precision": result.precision,
                         "recall": result.recall, "pages_per_s": len(pages) / cpu[name]}
    return results


def run_samples() -> dict:
    """Boilerplate lines left and article lines lost on the sample sites' article pages, by
    bare trafilatura, our cleaner alone and our cleaner with the profile of each site."""
    origin = "http://127.0.0.1:8000"
    names = [*EXTRACTORS, "newsarchive + site profile"]
    results = {name: {"boilerplate_left": 0, "lines_lost": 0, "articles": 0} for name in names}
    for site in samplesites.SITE_NAMES:
        routes = samplesites.ROUTES[site](origin)
        pages = [(a, routes[a.path].body, origin + a.path)
                 for a in samplesites.articles(site) if a.status == 200]
        documents = [cleaners.clean(body, url) for _, body, url in pages]
        profile = learn_profile(site, ((d.story, [k for k, _ in d.blocks]) for d in documents))
        for article, body, url in pages:
            outputs = {name: extract(body, url) for name, extract in EXTRACTORS.items()}
            outputs[names[-1]] = cleaners.clean(body, url, profile=profile).text
            expected = set(article.sentences)
            for name, text in outputs.items():
                lines = [line.strip() for line in text.splitlines() if line.strip()]
                results[name]["boilerplate_left"] += sum(1 for ln in lines if ln not in expected)
                results[name]["lines_lost"] += len(expected - set(lines))
                results[name]["articles"] += 1
    return results


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, help="folder with ground-truth.json and html/")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    figures = {"cleaner_version": cleaners.CLEANER_VERSION}
    if args.dataset:
        pages = load_dataset(args.dataset, args.limit)
        figures["scrapinghub"] = results = run_dataset(pages)
        print(f"Scrapinghub benchmark, {len(pages)} pages")
        print(f"{'extractor':<14}{'F1':>8}{'precision':>11}{'recall':>8}{'pages/s':>9}")
        for name, r in results.items():
            print(f"{name:<14}{r['f1']:>8.3f}{r['precision']:>11.3f}{r['recall']:>8.3f}"
                  f"{r['pages_per_s']:>9.1f}")
        speed = results["newsarchive"]["pages_per_s"] / results["trafilatura"]["pages_per_s"]
        print(f"speed newsarchive/trafilatura: {speed:.2f}x")
    figures["samples"] = samples = run_samples()
    print("\nsample sites (article pages)")
    print(f"{'extractor':<28}{'boilerplate lines left':>24}{'article lines lost':>20}")
    for name, r in samples.items():
        print(f"{name:<28}{r['boilerplate_left']:>24}{r['lines_lost']:>20}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
