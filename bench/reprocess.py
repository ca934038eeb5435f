"""Reprocessing benchmark: ``newsarchive reprocess`` with 1 and 2 processes against bare
``trafilatura.extract`` over the same HTML, and the reader's peak memory as the WARC grows.

    python -m bench.reprocess [--records 500] [--dataset DIR ...]

The WARC holds generated article pages (``bench.sitegen``, 50-300 KB each), or the real pages of
article-extraction sets when ``--dataset`` is given, repeated under distinct URLs.
"""

from __future__ import annotations

import argparse
import io
import itertools
import sys
import tempfile
import time
from pathlib import Path

import trafilatura
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench.crawl import run_measured
from bench.quality import load_dataset
from bench.sitegen import article_html


def pages(datasets: list[Path], count: int):
    if datasets:
        source = [html for path in datasets for _, _, html, _ in load_dataset(path)]
        return [source[i % len(source)] for i in range(count)]
    return [article_html(n, count) for n in range(1, count + 1)]


def write_warc(path: Path, bodies) -> int:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n, body in enumerate(bodies):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                               ("Content-Length", str(len(body)))],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"http://127.0.0.1/news/{n}.html", "response", payload=io.BytesIO(body),
                http_headers=http))
    return path.stat().st_size


def bare_trafilatura(path: Path) -> float:
    """Wall seconds to read the WARC and run ``trafilatura.extract`` on every payload."""
    start = time.perf_counter()
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                trafilatura.extract(record.content_stream().read())
    return time.perf_counter() - start


def reprocess(path: Path, jobs: int) -> dict:
    with tempfile.TemporaryDirectory() as data:  # run there: no seeds/ folder, no site rules
        return run_measured([sys.executable, "-m", "archive", "reprocess", str(path), "--data",
                             data, "--jobs", str(jobs)], cwd=data)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=500)
    parser.add_argument("--dataset", type=Path, nargs="+", default=[],
                        help="real pages of these sets (ground-truth.json + html/), in turn")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small.warc.gz", Path(tmp) / "large.warc.gz"
        bodies = pages(args.dataset, args.records)
        size = write_warc(small, bodies)
        write_warc(large, itertools.chain(bodies, bodies))
        print(f"{args.records} records, {size / 1e6:.1f} MB gzipped")
        trafilatura.extract(bodies[0])  # warm up
        bare = bare_trafilatura(small)
        runs = {jobs: reprocess(small, jobs) for jobs in (1, 2)}
        doubled = reprocess(large, 1)
    print(f"{'run':<26}{'wall s':>8}{'records/s':>11}{'MB/s':>7}{'peak RSS MB':>13}")
    print(f"{'bare trafilatura.extract':<26}{bare:>8.1f}{args.records / bare:>11.1f}"
          f"{size / 1e6 / bare:>7.2f}{'':>13}")
    for jobs, run in runs.items():
        print(f"{f'reprocess --jobs {jobs}':<26}{run['wall']:>8.1f}"
              f"{args.records / run['wall']:>11.1f}{size / 1e6 / run['wall']:>7.2f}"
              f"{run['rss_mb']:>13.0f}")
    print(f"{'reprocess --jobs 1, 2x WARC':<26}{doubled['wall']:>8.1f}"
          f"{2 * args.records / doubled['wall']:>11.1f}{'':>7}{doubled['rss_mb']:>13.0f}")
    print(f"2 processes / 1: {runs[1]['wall'] / runs[2]['wall']:.2f}x; "
          f"overhead of --jobs 1 over bare trafilatura: {runs[1]['wall'] / bare:.2f}x; "
          f"reader peak RSS at 2x records: {doubled['rss_mb'] / runs[1]['rss_mb']:.2f}x")


if __name__ == "__main__":
    main()
