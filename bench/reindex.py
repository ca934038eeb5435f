"""Reindex benchmark: ``newsarchive reindex`` against ``newsarchive reprocess`` on the same archive.

    python -m bench.reindex [--pages 400] [--dataset DIR ...] [--demo] [--runs 5] [--keep DIR]
                            [--baseline CHECKOUT]

A generated site (``bench.sitegen``) of ``--pages`` articles, the real pages of
article-extraction sets served in turn under distinct URLs, or the bundled sample sites of the
demo (``--demo``) are crawled on 127.0.0.1 into an archive (or ``--keep`` names one crawled
before). Copies of it are then rebuilt, each by a child process: by ``reprocess`` (every
capture cleaned again, on all cores: its default) and by ``reindex`` (the index made again from
the records alone), ``--runs`` times each, in turn (the order alternating from run to run, so
that neither always follows the other). Prints the median wall and CPU seconds of both (CPU of
all their processes) and the ratios of the medians. ``--baseline`` names another checkout of the
project (``git worktree add``) whose ``reindex`` is timed too, in the same runs: a change
measured side by side with the code before it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

from archive import samplesites
from bench.crawl import run_measured
from bench.quality import load_dataset
from bench.sitegen import GeneratedSite

COMMANDS = ("reprocess", "reindex")


def crawl(pages: int, bodies: list[bytes], archive: Path, seeds: Path, work: Path) -> None:
    with GeneratedSite(pages, 0.0, bodies) as site:
        seeds.mkdir(parents=True, exist_ok=True)
        (seeds / "bench.toml").write_text(
            f'name = "bench"\nstart_urls = ["{site.url}"]\nsitemaps = ["{site.url}robots.txt"]\n'
            f'article_pattern = "^/news/\\\\d+\\\\.html$"\ndepth = 2\n')
        _crawl(seeds, archive, work)


def crawl_demo(archive: Path, seeds: Path, work: Path) -> None:
    """The demo's archive: the three sample sites, as ``newsarchive demo`` crawls them."""
    with samplesites.serve() as sites:
        seeds.mkdir(parents=True, exist_ok=True)
        samplesites.seed_files(sites.urls, seeds)
        _crawl(seeds, archive, work)


def _crawl(seeds: Path, archive: Path, work: Path) -> None:
    run_measured([sys.executable, "-m", "archive", "crawl", *map(str, sorted(seeds.glob("*.toml"))),
                  "--data", str(archive), "-s", "AUTOTHROTTLE_ENABLED=False",
                  "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS=16",
                  "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16"], cwd=work)


def rebuild(command: str, archive: Path, seeds: Path, work: Path,
            checkout: Path | None = None) -> dict:
    """``command`` run on a fresh copy of ``archive``, with the seeds the crawl had; as the
    project at ``checkout`` has it, if given."""
    copy = work / command
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(archive, copy)
    # The command runs in ``work``, where nothing is imported from: the checkout's package
    # is found first on the path given, else the installed one.
    path = ["env", f"PYTHONPATH={checkout.absolute()}"] if checkout else []
    result = run_measured([*path, sys.executable, "-m", "archive", command, "--data", str(copy),
                          "--seeds", str(seeds / "*.toml")],
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
    parser.add_argument("--demo", action="store_true",
                        help="crawl the demo's sample sites instead (--pages is then theirs)")
    parser.add_argument("--runs", type=int, default=5, help="rebuilds by each command")
    parser.add_argument("--keep", type=Path, help="crawl into (or reuse) this archive; its seeds "
                                                  "are kept beside it (NAME-seeds/)")
    parser.add_argument("--baseline", type=Path, help="also time reindex as this other checkout "
                                                      "of the project has it, in the same runs")
    args = parser.parse_args(argv)
    if args.baseline and not (args.baseline / "archive" / "__main__.py").is_file():
        parser.error(f"{args.baseline} is not a checkout of the project")
    bodies = [html for path in args.dataset for _, _, html, _ in load_dataset(path)]
    work = Path(tempfile.mkdtemp(prefix="reindexbench-"))
    # Not "archive": the commands run with ``python -m archive`` in ``work``, where a folder of
    # that name would be imported instead of the package.
    archive = args.keep or work / "data"
    seeds = archive.with_name(archive.name + "-seeds")
    #: name -> (command, checkout): reindex as the baseline has it, after reindex
    commands = {command: (command, None) for command in COMMANDS}
    if args.baseline:
        commands["reindex (baseline)"] = ("reindex", args.baseline)
    runs: dict[str, list[dict]] = {name: [] for name in commands}
    try:
        crawled = not (archive / "index.db").exists()
        if crawled and args.demo:
            crawl_demo(archive, seeds, work)
        elif crawled:
            crawl(args.pages, bodies, archive, seeds, work)
        with sqlite3.connect(archive / "index.db") as db:
            captures, articles = (db.execute(f"select count(*) from {table}").fetchone()[0]
                                  for table in ("captures", "articles"))
        size = sum(p.stat().st_size for p in archive.rglob("*.warc.gz"))
        load = os.getloadavg()[0]
        for run in range(args.runs):
            for name in list(commands) if run % 2 == 0 else list(commands)[::-1]:
                command, checkout = commands[name]
                runs[name].append(rebuild(command, archive, seeds, work, checkout))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    source = ("the demo's sample sites" if args.demo else
              f"{len(bodies)} real pages of {', '.join(p.name for p in args.dataset)} in turn"
              if bodies else "generated pages") if crawled else f"the archive {archive}"
    print(f"\nReindex benchmark: {captures} captures, {articles} articles ({source}), "
          f"{size / 1e6:.1f} MB of WARC files, {os.cpu_count()} cores, {args.runs} runs of "
          f"each command in turn; load average {load:.1f} before them, "
          f"{os.getloadavg()[0]:.1f} after (each command's own runs count in it)\n")
    print("| command | articles | wall s, median (min-max) | CPU s, median (all its processes) "
          "| peak RSS MB |")
    print("|---|---|---|---|---|")
    median = {command: {measure: statistics.median(r[measure] for r in results)
                        for measure in ("wall", "cpu", "rss_mb")}
              for command, results in runs.items()}
    for command, results in runs.items():
        walls = [r["wall"] for r in results]
        print(f"| {command} | {results[0]['articles']} | {median[command]['wall']:.2f} "
              f"({min(walls):.2f}-{max(walls):.2f}) | {median[command]['cpu']:.2f} | "
              f"{median[command]['rss_mb']:.0f} |")
    print(f"\nreprocess / reindex (medians): "
          f"{median['reprocess']['wall'] / median['reindex']['wall']:.1f}x wall, "
          f"{median['reprocess']['cpu'] / median['reindex']['cpu']:.1f}x CPU")
    if args.baseline:
        baseline = median["reindex (baseline)"]
        print(f"reprocess / reindex (baseline) (medians): "
              f"{median['reprocess']['wall'] / baseline['wall']:.1f}x wall, "
              f"{median['reprocess']['cpu'] / baseline['cpu']:.1f}x CPU; reindex / baseline: "
              f"{median['reindex']['wall'] / baseline['wall']:.2f} wall, "
              f"{median['reindex']['cpu'] / baseline['cpu']:.2f} CPU")


if __name__ == "__main__":
    main()
