"""Scale-out benchmark: a crawl shared by 1, 2 and 4 workers through Redis, and reprocessing on a
Dask cluster of 1 and 2 workers, on this machine.

    python -m bench.scale [--sites 8] [--pages 1000] [--latency 0.1] [--records 600]

Crawl: ``--sites`` generated sites (``bench.sitegen``) on 127.0.0.1, each answering after
``--latency`` seconds, crawled politely (2 requests in flight per site across the whole crawl,
8 per worker), as a crawl of many sites is: latency-bound, not bandwidth-bound. All workers run
at once against a real ``redis-server``; then ``newsarchive merge`` makes one archive of their
shards. Printed: articles/s, CPU seconds per article (all processes), Redis memory per URL,
shard bytes per article, merge articles/s.

Reprocess: ``--records`` generated pages in 4 WARC files, reprocessed by ``newsarchive reprocess
--scheduler`` on a real ``dask scheduler`` with 1 and then 2 ``dask worker`` processes, beside
the local pool (``--jobs 1``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis
import sqlite_utils

from bench.crawl import run_measured
from bench.reprocess import pages, write_warc
from bench.sitegen import GeneratedSite

BIN = Path(sys.executable).parent


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(work: Path) -> tuple[subprocess.Popen, redis.Redis, str]:
    port = free_port()
    process = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                                "--save", "", "--appendonly", "no", "--dir", str(work)],
                               stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.1)
    return process, client, f"redis://127.0.0.1:{port}/0"


def crawl_with(workers: int, seeds: list[Path], url: str, client: redis.Redis, work: Path):
    """All workers at once; wall time until the last is done, CPU of all, articles merged."""
    client.flushall()
    settings = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
                "-s", "CONCURRENT_REQUESTS=8", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2",
                "-s", "ARCHIVE_REDIS_HEARTBEAT=1", "-s", "LOG_LEVEL=INFO"]
    shards = [work / f"{workers}w" / f"w{n}" for n in range(workers)]
    start = time.perf_counter()
    processes = []
    for n, shard in enumerate(shards):
        with open(work / f"{workers}w-w{n}.log", "wb") as log:  # the child keeps its copy
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "archive", "crawl", *map(str, seeds), "--data",
                 str(shard), "--redis", url, "--worker", f"w{n}", *settings], stdout=log,
                stderr=log))
    cpu = 0.0
    for process in processes:
        _, status, usage = os.wait4(process.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"a worker failed: see {work}")
        cpu += usage.ru_utime + usage.ru_stime
    wall = time.perf_counter() - start
    # What grows with the crawl: the history (hash entries per URL) and this run's seen-filter.
    redis_bytes = sum(client.memory_usage(f"newsarchive:{key}") or 0 for key in
                      ("fetched", "captured", "articles", "dupefilter"))
    urls = client.hlen("newsarchive:fetched")
    merged = work / f"{workers}w" / "merged"
    merge = run_measured([sys.executable, "-m", "archive", "merge", *map(str, shards),
                          "--data", str(merged), "--seeds", str(seeds[0].parent / "*.toml")])
    db = sqlite_utils.Database(merged / "index.db")
    articles = db["articles"].count
    shard_bytes = sum(p.stat().st_size for s in shards for p in s.rglob("*") if p.is_file())
    per_worker = [sqlite_utils.Database(s / "index.db")["captures"].count for s in shards]
    return {"workers": workers, "wall": wall, "cpu": cpu, "articles": articles, "urls": urls,
            "redis_bytes": redis_bytes, "shard_bytes": shard_bytes, "merge": merge["wall"],
            "merge_cpu": merge["cpu"], "per_worker": per_worker}


def reprocess_on(workers: int, files: list[Path], work: Path) -> dict:
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    with open(work / f"dask-{workers}.log", "wb") as log:
        scheduler = subprocess.Popen([BIN / "dask", "scheduler", "--host", "127.0.0.1",
                                      "--port", str(port), "--no-dashboard"], stdout=log,
                                     stderr=log, cwd=work)
        cluster = subprocess.Popen([BIN / "dask", "worker", address, "--nworkers",
                                    str(workers), "--nthreads", "1", "--host", "127.0.0.1",
                                    "--no-dashboard", "--local-directory", str(work / "dask")],
                                   stdout=log, stderr=log, cwd=work)
    try:
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)
        data = work / f"reprocess-{workers}"
        return run_measured([sys.executable, "-m", "archive", "reprocess", *map(str, files),
                             "--data", str(data), "--scheduler", address], cwd=work)
    finally:
        cluster.terminate()
        scheduler.terminate()
        cluster.wait(timeout=60)
        scheduler.wait(timeout=60)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=8)
    parser.add_argument("--pages", type=int, default=1000, help="articles over all sites")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per request")
    parser.add_argument("--records", type=int, default=600)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args(argv)
    if not shutil.which("redis-server"):
        sys.exit("redis-server is not installed")
    work = Path(tempfile.mkdtemp(prefix="scalebench-"))
    server, client, url = start_redis(work)
    sites = [GeneratedSite(args.pages // args.sites, args.latency) for _ in range(args.sites)]
    try:
        seeds = []
        for n, site in enumerate(sites):
            site.__enter__()
            seed = work / "seeds" / f"site{n}.toml"
            seed.parent.mkdir(exist_ok=True)
            seed.write_text(f'name = "site{n}"\nstart_urls = ["{site.url}"]\n'
                            f'sitemaps = ["{site.url}robots.txt"]\n'
                            f'article_pattern = "^/news/\\\\d+\\\\.html$"\ndepth = 2\n')
            seeds.append(seed)
        crawls = [crawl_with(k, seeds, url, client, work) for k in args.workers]
    finally:
        for site in sites:
            site.__exit__(None, None, None)
        server.terminate()
    print(f"\nShared crawl: {args.sites} sites, {args.pages} articles, {args.latency * 1000:.0f} "
          f"ms latency, 2 in flight per site (crawl-wide), 8 per worker, {os.cpu_count()} "
          "cores\n")
    print("| workers | articles | wall s | articles/s | CPU ms/article | pages per worker | "
          "Redis bytes/URL | shard KB/article | merge articles/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    one = crawls[0]
    for r in crawls:
        print(f"| {r['workers']} | {r['articles']} | {r['wall']:.1f} | "
              f"{r['articles'] / r['wall']:.1f} | {1000 * r['cpu'] / r['articles']:.0f} | "
              f"{'/'.join(map(str, r['per_worker']))} | {r['redis_bytes'] / r['urls']:.0f} | "
              f"{r['shard_bytes'] / r['articles'] / 1024:.0f} | "
              f"{r['articles'] / r['merge']:.0f} |")
    for r in crawls[1:]:
        print(f"\n{r['workers']} workers / 1: {one['wall'] / r['wall']:.2f}x articles/s")

    files = []
    bodies = pages([], args.records)
    per_file = len(bodies) // 4
    for n in range(4):
        path = work / f"input-{n}.warc.gz"
        write_warc(path, bodies[n * per_file:(n + 1) * per_file])
        files.append(path)
    with tempfile.TemporaryDirectory() as data:
        local = run_measured([sys.executable, "-m", "archive", "reprocess", *map(str, files),
                              "--data", data, "--jobs", "1"], cwd=work)
    runs = {k: reprocess_on(k, files, work) for k in (1, 2)}
    records = per_file * 4
    print(f"\nReprocess: {records} generated records in 4 files\n")
    print("| how | wall s | records/s |")
    print("|---|---|---|")
    print(f"| local pool, --jobs 1 | {local['wall']:.1f} | {records / local['wall']:.1f} |")
    for k, r in runs.items():
        print(f"| Dask, {k} worker{'s' if k > 1 else ''} | {r['wall']:.1f} | "
              f"{records / r['wall']:.1f} |")
    print(f"\nDask 2 workers / 1: {runs[1]['wall'] / runs[2]['wall']:.2f}x")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
