"""Crawl benchmark: the full newsarchive pipeline against bare Scrapy and wget, side by side.

    python -m bench.crawl [--pages 2000] [--latency 0.05] [--concurrency 16] [--dataset DIR ...]

One generated site (``bench.sitegen``) on 127.0.0.1, its articles generated or, with
``--dataset``, real pages of article-extraction sets served in turn, crawled in one run by
(a) ``newsarchive crawl`` (WARC + clean + language + conversion records + index),
(b) the same spider and settings with ``ARCHIVE_ENABLED=False`` (bare Scrapy: the ceiling),
(c) ``wget --recursive --warc-file`` (the classic archiving peer),
(d) the same job composed minimally (``bench.minimal``: Scrapy, warcio, a two-process pool of
    ``trafilatura.extract`` and langdetect, sqlite-utils rows).
Prints pages/s, CPU seconds and peak RSS of each, the ratios a/b and a/c, and where (a) spent
its CPU, stage by stage, as the crawl itself counted it (``archive/cpu/*`` in its stats).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archive.store.paths import ArchivePaths
from bench.quality import load_dataset
from bench.sitegen import GeneratedSite


def run_measured(command: list[str], cwd=None) -> dict:
    """Wall time, CPU seconds (user + system) and peak RSS of one child process."""
    # stderr goes to a file: a pipe nobody reads until the end fills up and stalls the child.
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=log)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        log.seek(0)
        stderr = log.read().decode(errors="replace")
    received = re.search(r"'response_received_count': (\d+)", stderr)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 8):  # wget exits 8 when some page answered an HTTP error
        sys.exit(f"{command[0]} failed ({code}):\n{stderr[-3000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "pages": int(received.group(1)) if received else None}


#: The cleaning worker's stages in the order a page goes through them (``cleaners.clean``'s, then
#: the copy signature and the derived records, which keep it).
WORKER_STAGES = ("decode", "parse", "extract", "metadata", "split-body", "prune", "widgets",
                 "lines", "profile", "partial-body", "language", "signature", "records")


def cpu_by_stage(data_dir: Path) -> list[tuple[str, float]]:
    """CPU ms per article, stage by stage, from the stats the crawl wrote to its index: the crawl
    process (capturing, writing, and the rest: Scrapy, the spider, fetching) and the cleaning
    workers (each stage of ``cleaners.clean``, the derived records, the copy signature)."""
    with sqlite3.connect(ArchivePaths(data_dir).index) as db:
        (stats,) = db.execute("select stats from crawls order by started_at desc").fetchone()
    stats = json.loads(stats)
    articles = max(1, stats.get("archive/articles", 0))
    capture, write = stats.get("archive/cpu/capture", 0), stats.get("archive/cpu/write", 0)
    rows = [("crawl process: Scrapy, spider, fetching",
             stats.get("archive/cpu/crawl_process", 0) - capture - write),
            ("crawl process: capture (records, digests, gzip, captures row)", capture),
            ("crawl process: write (derived records, article rows, copies, profile)", write)]
    rows += [(f"cleaning worker: {stage}", stats.get(f"archive/cpu/clean/{stage}", 0))
             for stage in WORKER_STAGES]
    return [(name, 1000 * seconds / articles) for name, seconds in rows]


def count_responses(paths) -> int:
    count = 0
    for path in paths:
        with open(path, "rb") as stream:
            count += sum(1 for r in ArchiveIterator(stream) if r.rec_type == "response")
    return count


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per request")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--skip", nargs="*", default=[],
                        choices=["archive", "scrapy", "minimal", "wget"])
    parser.add_argument("--dataset", type=Path, nargs="+", default=[],
                        help="serve these sets' real pages (ground-truth.json + html/) in turn "
                             "as the articles, instead of generated ones")
    args = parser.parse_args(argv)
    bodies = [html for path in args.dataset for _, _, html, _ in load_dataset(path)]
    work = Path(tempfile.mkdtemp(prefix="crawlbench-"))
    settings = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
                "-s", f"CONCURRENT_REQUESTS={args.concurrency}",
                "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={args.concurrency}",
                "-s", "LOG_LEVEL=INFO"]  # Scrapy logs its stats, pages included, at INFO
    results = {}
    with GeneratedSite(args.pages, args.latency, bodies) as site:
        seed = work / "bench.toml"
        seed.write_text(f'name = "bench"\nstart_urls = ["{site.url}"]\n'
                        f'feeds = ["{site.url}feed.xml"]\nsitemaps = ["{site.url}robots.txt"]\n'
                        f'article_pattern = "^/news/\\\\d+\\\\.html$"\ndepth = 2\n')
        crawl = [sys.executable, "-m", "archive", "crawl", str(seed)]
        if "archive" not in args.skip:
            results["a newsarchive"] = run_measured([*crawl, "--data", str(work / "a"), *settings])
        if "scrapy" not in args.skip:
            results["b bare Scrapy"] = run_measured(
                [*crawl, "--data", str(work / "b"), *settings, "-s", "ARCHIVE_ENABLED=False"])
        if "minimal" not in args.skip:
            results["d minimal composition"] = run_measured(
                [sys.executable, "-m", "bench.minimal", site.url, str(work / "d"),
                 str(args.concurrency)])
        if "wget" not in args.skip and shutil.which("wget"):
            (work / "c").mkdir()
            results["c wget"] = run_measured(
                ["wget", "--recursive", "--level=2", "--no-verbose", "--delete-after",
                 "--timeout=10", "--no-directories", "--warc-file=c", "-e", "robots=on", site.url],
                cwd=work / "c")
            results["c wget"]["pages"] = count_responses((work / "c").glob("*.warc.gz"))
    source = (f"{len(bodies)} real pages of {', '.join(p.name for p in args.dataset)} in turn"
              if bodies else "generated pages")
    print(f"\nCrawl benchmark: {args.pages} articles ({source}), {args.latency * 1000:.0f} ms "
          f"latency, concurrency {args.concurrency}, {os.cpu_count()} cores\n")
    print("| crawler | pages | wall s | pages/s | CPU s | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        pages = r["pages"] or 0
        r["rate"] = pages / r["wall"] if pages else 0
        print(f"| {name} | {pages} | {r['wall']:.1f} | {r['rate']:.1f} | {r['cpu']:.1f} | "
              f"{r['rss_mb']:.0f} |")
    a = results.get("a newsarchive")
    for key, label in (("b bare Scrapy", "a/b"), ("c wget", "a/c"),
                       ("d minimal composition", "a/d")):
        if a and key in results and results[key]["rate"]:
            print(f"\n{label} pages/s ratio: {a['rate'] / results[key]['rate']:.2f}")
    if a:
        stages = cpu_by_stage(work / "a")
        print("\nWhere newsarchive's CPU went, ms per article (its own counts, no profiler):\n")
        print("| stage | CPU ms |\n|---|---|")
        for name, ms in stages:
            print(f"| {name} | {ms:.2f} |")
        print(f"| total | {sum(ms for _, ms in stages):.1f} |")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
