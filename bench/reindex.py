"""Reindex benchmark: ``newsarchive reindex`` against ``newsarchive reprocess`` on the same archive.

    python -m bench.reindex [--pages 400] [--dataset DIR ...] [--keep DIR]

A generated site (``bench.sitegen``) of ``--pages`` articles, or the real pages of
article-extraction sets served in turn under distinct URLs, is crawled on 127.0.0.1 into an
archive (or ``--keep`` names one crawled before). Two copies of it are then rebuilt one after
the other, each by a child process: one by ``reprocess`` (every capture cleaned again, on all
cores: its default), one by ``reindex`` (the index made again from the records alone). Prints
wall and CPU seconds of both (CPU of all their processes) and their ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from bench.crawl import run_measured
from bench.quality import load_dataset
from bench.sitegen import GeneratedSite


def crawl(pages: int, bodies: list[bytes], archive: Path, seed: Path, work: Path) -> None:
    with GeneratedSite(pages, 0.0, bodies) as site:
        seed.parent.mkdir(parents=True, exist_ok=True)
        seed.write_text(f'name = "bench"\nstart_urls = ["{site.url}"]\n'
                        f'sitemaps = ["{site.url}robots.txt"]\n'
                        f'article_pattern = "^/news/\\\\d+\\\\.html$"\ndepth = 2\n')
        run_measured([sys.executable, "-m", "archive", "crawl", str(seed), "--data", str(archive),
                      "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
                      "-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16"],
                     cwd=work)


def rebuild(command: str, archive: Path, seed: Path, work: Path) -> dict:
    """``command`` run on a fresh copy of ``archive``, with the seed the crawl had."""
    copy = work / command
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(archive, copy)
    result = run_measured([sys.executable, "-m", "archive", command, "--data", str(copy),
                          "--seeds", str(seed)],
                          cwd=work)
    with sqlite3.connect(copy / "index.db") as db:
        result["articles"] = db.execute("select count(*) from articles").fetchone()[0]
    shutil.rmtree(copy)
    return result


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=400, help="articles on the site")
    parser.add_argument("--dataset", type=Path, nargs="+", default=[],
                        help="serve these sets' real pages (ground-truth.json + html/) in turn "
                             "as the articles, instead of generated ones")
    parser.add_argument("--keep", type=Path, help="crawl into (or reuse) this archive; its seed "
                                                  "is kept beside it (NAME-seed.toml)")
    args = parser.parse_args(argv)
    bodies = [html for path in args.dataset for _, _, html, _ in load_dataset(path)]
    work = Path(tempfile.mkdtemp(prefix="reindexbench-"))
    # Not "archive": the commands run with ``python -m archive`` in ``work``, where a folder of
    # that name would be imported instead of the package.
    archive = args.keep or work / "data"
    seed = archive.with_name(archive.name + "-seed.toml")
    try:
        crawled = not (archive / "index.db").exists()
        if crawled:
            crawl(args.pages, bodies, archive, seed, work)
        with sqlite3.connect(archive / "index.db") as db:
            captures, articles = (db.execute(f"select count(*) from {table}").fetchone()[0]
                                  for table in ("captures", "articles"))
        size = sum(p.stat().st_size for p in archive.rglob("*.warc.gz"))
        runs = {command: rebuild(command, archive, seed, work)
                for command in ("reprocess", "reindex")}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    source = (f"{len(bodies)} real pages of {', '.join(p.name for p in args.dataset)} in turn"
              if bodies else "generated pages") if crawled else f"the archive {archive}"
    print(f"\nReindex benchmark: {captures} captures, {articles} articles ({source}), "
          f"{size / 1e6:.1f} MB of WARC files, {os.cpu_count()} cores\n")
    print("| command | articles | wall s | CPU s (all its processes) | peak RSS MB |")
    print("|---|---|---|---|---|")
    for command, r in runs.items():
        print(f"| {command} | {r['articles']} | {r['wall']:.2f} | {r['cpu']:.2f} | "
              f"{r['rss_mb']:.0f} |")
    print(f"\nreprocess / reindex: {runs['reprocess']['wall'] / runs['reindex']['wall']:.1f}x "
          f"wall, {runs['reprocess']['cpu'] / runs['reindex']['cpu']:.1f}x CPU")


if __name__ == "__main__":
    main()
