"""Where the cleaner's CPU time goes, stage by stage, beside bare trafilatura on the same pages.

    python -m bench.stages [--dataset DIR ...] [--limit N]

CPU time per page (``time.process_time``, no profiler), from the one cleaning path itself
(``cleaners.clean(..., timings=...)``), on article-extraction sets in the Scrapinghub layout, or
on generated article pages (``bench.sitegen``) without ``--dataset``. Both run page by page, side
by side, so a busy machine slows both alike.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import cleaners
from bench.quality import bare, load_dataset, warm_up
from bench.sitegen import article_html


def pages(datasets: list[Path], limit: int | None) -> list[tuple[str, bytes]]:
    if not datasets:
        count = limit or 300
        return [(f"http://127.0.0.1/news/{n}.html", article_html(n, count))
                for n in range(1, count + 1)]
    return [(url, html) for path in datasets for _, url, html, _ in load_dataset(path, limit)]


def measure(pages) -> tuple[dict, float, float, int]:
    """Per-stage CPU seconds of ours, total CPU seconds of ours and of bare trafilatura, and how
    many pages made an article."""
    stages: dict = {}
    ours = theirs = 0.0
    articles = 0
    warm_up()  # first calls load models and caches (langdetect's, dateparser's)
    for url, html in pages:
        start = time.process_time()
        bare(html, url)
        middle = time.process_time()
        try:
            cleaners.clean(html, url, timings=stages)
            articles += 1
        except cleaners.NotArticle:
            pass
        ours += time.process_time() - middle
        theirs += middle - start
    return stages, ours, theirs, articles


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, nargs="+", default=[],
                        help="folders with ground-truth.json and html/ (any number)")
    parser.add_argument("--limit", type=int, help="only the first N pages of each set")
    args = parser.parse_args(argv)
    chosen = pages(args.dataset, args.limit)
    stages, ours, theirs, articles = measure(chosen)
    n = len(chosen)
    print(f"{n} pages ({articles} articles), CPU ms per page\n")
    print(f"{'stage':<14}{'ms':>8}{'share':>8}")
    for stage, seconds in stages.items():
        print(f"{stage:<14}{1000 * seconds / n:>8.2f}{seconds / ours:>8.0%}")
    print(f"{'newsarchive':<14}{1000 * ours / n:>8.2f}")
    print(f"{'bare trafilatura':<14}{1000 * theirs / n:>6.2f}")
    print(f"\nspeed newsarchive/trafilatura: {theirs / ours:.2f}x")


if __name__ == "__main__":
    main()
