"""Cleaning-quality benchmark: bare trafilatura against our cleaners, side by side.

    python -m bench.quality [--dataset DIR ...] [--limit N] [--jobs N] [--json FILE]

1. Article-extraction sets in the Scrapinghub layout (``ground-truth.json`` mapping ids to
   ``{"url", "articleBody"}``, pages in ``html/<id>.html.gz``): the Scrapinghub/Zyte benchmark
   (public ``scrapinghub/article-extraction-benchmark`` repository), CleanEval, Dragnet, L3S-GN1,
   fundus' test pages, ... For each set: F1, precision, recall (``bench.scoring``) and pages per
   second of ``trafilatura.extract(html, include_comments=False)`` and of ``cleaners.clean``.
   Over all sets: every rule's cuts and the share of them the ground truth calls article text,
   the guards that fired, and every page where ours scores more than 0.1 below bare trafilatura.
2. The bundled sample sites: per extractor, boilerplate lines left (output lines that are not
   article text) and article lines lost.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import trafilatura

import cleaners
from archive import samplesites
from bench.scoring import cut_accounting, page_counts, page_f1, score_counts
from bench.sitegen import article_html
from cleaners.profile import learn_profile

#: A rule must cut at least this share of boilerplate (by shingles) over the whole corpus.
RULE_PRECISION_FLOOR = 0.95
#: Page-level F1 drops against bare trafilatura that are reported, page by page.
DROPS = (0.1, 0.3)


def bare(html: bytes, url: str) -> str:
    return trafilatura.extract(html, include_comments=False) or ""


def clean(html: bytes, url: str) -> cleaners.Document | None:
    try:
        return cleaners.clean(html, url)
    except cleaners.NotArticle:
        return None


EXTRACTORS = ("trafilatura", "newsarchive")


def warm_up() -> None:
    """Load both extractors' models and caches before the clock runs: a long crawl pays that
    once, a benchmark of a few hundred pages would charge it to its first pages (langdetect's
    profiles, half a second; dateparser's languages and time-zone patterns, which htmldate
    loads the first time it reads a date in a page's words, over a second)."""
    html = article_html(1, 1)
    bare(html, "http://127.0.0.1/news/1.html")
    clean(html, "http://127.0.0.1/news/1.html")
    # a page whose markup states no date, and whose text gives one in words
    clean(re.sub(rb"<time [^>]*>.*?</time>", "<p>Опубликовано 3 мая, 10:00</p>".encode(), html),
          "http://127.0.0.1/news/1.html")


def load_dataset(path: Path, limit: int | None = None) -> list[tuple[str, str, bytes, str]]:
    truth = json.loads((path / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        if not truth[key]["articleBody"].strip():
            continue
        html = gzip.decompress((path / "html" / f"{key}.html.gz").read_bytes())
        pages.append((key, truth[key]["url"] or "", html, truth[key]["articleBody"]))
    return pages


def measure_page(page) -> dict:
    """Both extractors on one page, back to back, so that a busy machine slows both alike."""
    key, url, html, truth = page
    start = time.process_time()
    bare_text = bare(html, url)
    middle = time.process_time()
    document = clean(html, url)
    end = time.process_time()
    text = document.text if document else ""
    cuts = [(r.rule, r.text) for r in document.removed] if document else []
    return {
        "key": key,
        "counts": {"trafilatura": page_counts(truth, bare_text),
                   "newsarchive": page_counts(truth, text)},
        "cpu": {"trafilatura": middle - start, "newsarchive": end - middle},
        "cuts": cut_accounting(truth, text, cuts),
        "guards": list(document.guards) if document else [],
    }


def run_sets(datasets: list[Path], limit: int | None, jobs: int) -> dict:
    """Every page of every set; per set the figures of both extractors, over all sets the rule
    accounting and the pages where ours falls behind."""
    results: dict = {"sets": {}, "rules": {}, "guards": {}, "drops": [], "pages": 0}
    rules: dict = defaultdict(lambda: {"units": 0, "article": 0, "pages": 0, "bad_pages": 0})
    guards: dict = defaultdict(int)
    with ProcessPoolExecutor(max(1, jobs), initializer=warm_up) as pool:
        for path in datasets:
            pages = load_dataset(path, limit)
            measured = list(pool.map(measure_page, pages, chunksize=4))
            name = path.name
            figures = {}
            for extractor in EXTRACTORS:
                result = score_counts(m["counts"][extractor] for m in measured)
                cpu = sum(m["cpu"][extractor] for m in measured)
                figures[extractor] = {"f1": result.f1, "precision": result.precision,
                                      "recall": result.recall, "pages_per_s": len(pages) / cpu}
            figures["pages"] = len(pages)
            results["sets"][name] = figures
            results["pages"] += len(pages)
            for m in measured:
                _account(m, name, rules, guards, results["drops"])
    results["rules"] = dict(sorted(rules.items(), key=lambda item: -item[1]["units"]))
    results["guards"] = dict(guards)
    results["drops"].sort(key=lambda d: d["drop"], reverse=True)
    return results


def _account(measured: dict, set_name: str, rules, guards, drops: list) -> None:
    per_rule: dict = defaultdict(lambda: [0, 0])
    for rule, units, article in measured["cuts"]:
        per_rule[rule][0] += units
        per_rule[rule][1] += article
    for rule, (units, article) in per_rule.items():
        entry = rules[rule]
        entry["units"] += units
        entry["article"] += article
        entry["pages"] += 1
        entry["bad_pages"] += article > units / 2
    for guard in measured["guards"]:
        guards[guard.split(":")[0]] += 1
    bare_f1 = page_f1(measured["counts"]["trafilatura"])
    our_f1 = page_f1(measured["counts"]["newsarchive"])
    if bare_f1 - our_f1 > DROPS[0]:
        drops.append({"set": set_name, "page": measured["key"], "trafilatura": bare_f1,
                      "newsarchive": our_f1, "drop": bare_f1 - our_f1,
                      "guards": measured["guards"]})


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
        for (article, body, url), document in zip(pages, documents, strict=True):
            outputs = {"trafilatura": bare(body, url), "newsarchive": document.text,
                       names[-1]: cleaners.clean(body, url, profile=profile).text}
            expected = set(article.sentences)
            for name, text in outputs.items():
                lines = [line.strip() for line in text.splitlines()  # the headline is
                         if line.strip() and line.strip() != article.title]  # article text
                results[name]["boilerplate_left"] += sum(1 for ln in lines if ln not in expected)
                results[name]["lines_lost"] += len(expected - set(lines))
                results[name]["articles"] += 1
    return results


def print_sets(results: dict) -> None:
    print(f"{'set':<20}{'pages':>6}  {'extractor':<12}{'F1':>7}{'P':>7}{'R':>7}{'pages/s':>9}"
          f"{'ΔF1':>8}{'speed':>7}")
    for name, figures in results["sets"].items():
        base, our = figures["trafilatura"], figures["newsarchive"]
        for extractor in EXTRACTORS:
            r = figures[extractor]
            extra = (f"{our['f1'] - base['f1']:>+8.3f}"
                     f"{our['pages_per_s'] / base['pages_per_s']:>6.2f}x"
                     if extractor == "newsarchive" else "")
            print(f"{name if extractor == EXTRACTORS[0] else '':<20}"
                  f"{figures['pages'] if extractor == EXTRACTORS[0] else '':>6}  "
                  f"{extractor:<12}{r['f1']:>7.3f}{r['precision']:>7.3f}{r['recall']:>7.3f}"
                  f"{r['pages_per_s']:>9.1f}{extra}")
    print(f"\nrules over all {results['pages']} pages (units: 4-token shingles; a cut under four "
          "tokens is one)")
    print(f"{'rule':<22}{'units cut':>10}{'article':>9}{'boilerplate':>13}{'pages':>7}"
          f"{'mostly article':>16}")
    for rule, r in results["rules"].items():
        share = 1 - r["article"] / r["units"] if r["units"] else 1.0
        flag = "" if share >= RULE_PRECISION_FLOOR else "  < floor"
        print(f"{rule:<22}{r['units']:>10}{r['article']:>9}{share:>12.1%}{r['pages']:>8}"
              f"{r['bad_pages']:>16}{flag}")
    if results["guards"]:
        print("\nguards fired: " + ", ".join(f"{g} on {n} pages"
                                             for g, n in results["guards"].items()))
    drops = results["drops"]
    worst = [d for d in drops if d["drop"] > DROPS[1]]
    print(f"\npages below bare trafilatura by more than {DROPS[0]}: {len(drops)} "
          f"({len(drops) / results['pages']:.1%}); by more than {DROPS[1]}: {len(worst)}")
    for d in drops:
        print(f"  {d['set']}/{d['page']}: {d['trafilatura']:.3f} → {d['newsarchive']:.3f}"
              + (f"  (guards: {', '.join(d['guards'])})" if d["guards"] else ""))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, nargs="+", default=[],
                        help="folders with ground-truth.json and html/ (any number)")
    parser.add_argument("--limit", type=int, help="only the first N pages of each set")
    parser.add_argument("--jobs", type=int, default=1,
                        help="worker processes (speed is CPU time per page either way)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    figures: dict = {"cleaner_version": cleaners.CLEANER_VERSION}
    if args.dataset:
        figures.update(run_sets(args.dataset, args.limit, args.jobs))
        print_sets(figures)
    figures["samples"] = samples = run_samples()
    print("\nsample sites (article pages)")
    print(f"{'extractor':<28}{'boilerplate lines left':>24}{'article lines lost':>20}")
    for name, r in samples.items():
        print(f"{name:<28}{r['boilerplate_left']:>24}{r['lines_lost']:>20}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
