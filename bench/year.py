"""A year of a hundred sites: an index filled as hourly crawls would fill it, then every page a
reader opens and every command timed against it.

    python -m bench.year [--articles 1000000] [--sites 100] [--days 365] [--keep DIR]
    python -m bench.year --keep COPY --articles N --write-cost RUNS [--hours 48] [--pages]
                         [--hourly] [--against YOUNGER_COPY]
    python -m bench.year --keep YOUNGER --articles 16400 --days 30 --first-day 335 --fill-only
    python -m bench.year --keep COPY_OF_AN_OLDER_FILL --backfill-metadata --pages-only
    python -m bench.year --shape other [--articles 120000] [--keep DIR]   (bench.yearshape)

The fill goes through the archive's own write path (:class:`archive.store.index.Index`: a crawl
started and finished each hour, ``add_capture`` for every fetch, ``upsert_article`` with the
page's profile blocks and MinHash signature, ``mark_removed``), in the shape of hourly crawls:
every site's front page, feed and sitemap fetched each hour; sites publishing from a few
articles a week to hundreds a day; each article re-checked 1, 6, 24 and 168 hours after its
first capture (a revisit record, or a new version, or a 404 and a removal); wire copies of one
story on several sites; cleaner cuts (site boilerplate and per-page teaser lists), guards and
failed fetches. Signatures are drawn at random (a MinHash of an unrelated text is uniform),
copies share most of theirs, so the fill costs what the writer costs, not the workers.

Printed: the curve of write cost (ms per article, per capture) against the index's size; the
index's bytes per article beside the text and its full-text index; then, against a real
``newsarchive serve``, every page's median and slowest answer; ``stats``; the first row of
``export articles --since`` a week; and a crawl of the bundled sample sites into the year
against the same crawl into an empty archive. With ``--write-cost``, only the write path: the
same hours written into a grown archive (a copy: it keeps them) and into an empty one, in turn,
RUNS times, and the medians of their ratios; with ``--against``, into a copy of a younger
archive instead of an empty one (a month's: what still grows after it, and what a month already
costs).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from datasette.utils import tilde_encode

from archive.store.index import Index
from bench.scale import free_port
from bench.yearfill import AGENCIES, Site, Year, vocabulary
from bench.yearshape import OtherYear

BIN = Path(sys.executable).parent


def sizes(path: Path) -> dict[str, int]:
    """Bytes per table and index (SQLite's dbstat), the text and FTS apart."""
    db = sqlite3.connect(path)
    try:
        rows = db.execute("select name, sum(pgsize) from dbstat group by name").fetchall()
    finally:
        db.close()
    return dict(rows)


#: What Datasette writes on a page whose facets it cut at ``facet_time_limit_ms``: the page
#: answers 200 without them.
FACETS_TIMED_OUT = b"These facets timed out"


def timed_get(url: str) -> tuple[float, int, bool]:
    """Seconds, status, and whether a facet of the page timed out."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        body, status = b"", exc.code
    return time.perf_counter() - start, status, FACETS_TIMED_OUT in body


def pages(data: Path) -> dict[str, str]:
    """Every page a reader opens, by name."""
    db = sqlite3.connect(data / "index.db")
    # the fill's newest article (a full run ends with a crawl of the sample sites into the
    # archive: theirs would be picked on the next run)
    article = db.execute("select capture_id, site, language from articles "
                         "where cleaner_version = 'bench' order by fetched_at desc "
                         "limit 1").fetchone()
    version = db.execute("select capture_id from article_versions where version > 1 "
                         "order by captured_at desc limit 1").fetchone()
    staff, rarest = (db.execute(
        "select author from article_authors where role = 'author' group by author "
        f"order by count(*) {order}, author limit 1").fetchone() or ("nobody",)
        for order in ("desc", "asc"))
    # their co-author on the most articles (ties by name): the same pair in every run
    second = db.execute("select b.author from article_authors a join article_authors b "
                        "using (capture_id) where a.author = ? and b.author != a.author "
                        "and b.role = 'author' group by b.author "
                        "order by count(distinct capture_id) desc, b.author limit 1",
                        staff).fetchone() or ("nobody",)
    section, day = db.execute("select section, published from articles "
                              "where section is not null and cleaner_version = 'bench' "
                              "order by fetched_at desc limit 1").fetchone() or ("none", "none")
    # the start of each list's second page: its hundredth row's capture time and key, as
    # Datasette's `next` link writes them
    second_page = {name: db.execute(
        f"select fetched_at, capture_id from articles {where}order by fetched_at desc, "
        "rowid desc limit 1 offset 99", params).fetchone()
        for name, where, params in (
            ("articles table", "", []),
            ("a staff writer's articles", "where capture_id in (select capture_id from "
             "article_authors where author = ?) ", list(staff)))}
    tables = [row[0] for row in db.execute(
        "select name from sqlite_master where type = 'table' and name not like '%fts%' "
        "and name not like 'sqlite_%' and name not like '\\_%' escape '\\'")]
    db.close()
    words = vocabulary(random.Random(0))  # the fill's words, in the order of their frequency
    common, rare = words[100], words[30_000]  # in about a third of the articles; in a handful
    found = {"front page": "/", "database": "/index",
             **{f"table {t}": f"/index/{t}" for t in sorted(tables)},
             "articles of a site": f"/index/articles?site={article[1]}",
             "articles in a language": f"/index/articles?language={article[2]}",
             "facet: site": "/index/articles?_facet=site",
             "table search (common word)": f"/index/articles?_search={common}",
             "table search (rare word)": f"/index/articles?_search={rare}",
             "canned search (common word)": f"/index/search_articles?q={common}",
             "canned search (rare word)": f"/index/search_articles?q={rare}",
             "article page": f"/-/article/{quote(article[0], safe='')}",
             # the metadata: facets by author, credit, section and publication day, and the
             # pages they open
             "facet: author": "/index/articles?_facet_byline=author",
             "facet: credit": "/index/articles?_facet_byline=credit",
             "facet: section": "/index/articles?_facet=section",
             "facet: publication day": "/index/articles?_facet=published",
             "articles of a staff writer": f"/index/articles?_author={quote(staff[0])}",
             "a staff writer's, faceted": f"/index/articles?_author={quote(staff[0])}"
                                          "&_facet_byline=author&_facet=section"
                                          "&_facet=published",
             "articles of a rare author": f"/index/articles?_author={quote(rarest[0])}",
             **{f"{name}, page 2": f"/index/articles?{author}_next="
                + quote(f"{tilde_encode(start[0])},{tilde_encode(start[1])}")
                for (name, start), author in zip(
                    second_page.items(), ("", f"_author={quote(staff[0])}&"), strict=True)
                if start},
             "articles of two co-authors": f"/index/articles?_author={quote(staff[0])}"
                                           f"&_author={quote(second[0])}",
             "articles of a section": f"/index/articles?section={quote(section)}",
             "a section's, faceted": f"/index/articles?section={quote(section)}"
                                     "&_facet_byline=author&_facet=published",
             "a publication day's, faceted": f"/index/articles?published={day}"
                                             "&_facet_byline=author&_facet=section",
             "a site's, faceted by metadata": f"/index/articles?site={article[1]}"
                                              "&_facet_byline=author&_facet=section",
             "sorted by publication day": "/index/articles?_sort_desc=published",
             "bylines of a staff writer": f"/index/article_authors?author={quote(staff[0])}",
             "bylines, facet: author": "/index/article_authors?_facet=author",
             "bylines of an article": f"/index/article_authors?capture_id="
                                      f"{quote(article[0], safe='')}"}
    if version:
        found["version page"] = f"/-/version/{quote(version[0], safe='')}"
    from archive.web.serve import metadata
    for name in metadata(data)["databases"]["index"]["queries"]:
        found[f"canned {name}"] = f"/index/{name}?language={article[2]}&q={common}"
    return found


def time_pages(data: Path, repeat: int) -> list[tuple[str, float, float, int, bool]]:
    port = free_port()
    server = subprocess.Popen([str(BIN / "newsarchive"), "serve", "--data", str(data),
                               "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                timed_get(base + "/-/plugins.json")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("newsarchive serve did not start") from None
                time.sleep(0.5)
        results = []
        for name, path in pages(data).items():
            times, statuses, cut = [], set(), False
            for _ in range(repeat):
                seconds, status, timed_out = timed_get(base + path)
                times.append(seconds)
                statuses.add(status)
                cut |= timed_out
            results.append((name, statistics.median(times), max(times), max(statuses), cut))
        return results
    finally:
        server.terminate()
        server.wait()


def time_command(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([str(BIN / "newsarchive"), *args], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def first_exported_row(data: Path) -> float:
    """Seconds from asking for a week's articles to holding the first."""
    from archive.offline.export import current_articles

    index = Index(data / "index.db")
    newest = index.db.execute("select max(fetched_at) from articles").fetchone()[0]
    since = (datetime.fromisoformat(newest.replace("Z", "+00:00")) - timedelta(days=7))
    start = time.perf_counter()
    next(iter(current_articles(index.db, since=since.strftime("%Y-%m-%d"))))
    seconds = time.perf_counter() - start
    index.close()
    return seconds


def write_cost_side_by_side(data: Path, articles: int, sites: int, days: int,
                            hours: int = 48, pages: bool = False,
                            against: Path | None = None,
                            hourly: bool = False, shape: type[Year] | None = None
                            ) -> tuple[Year, Year]:
    """The same hours of crawling written into this archive and into an empty one (or into
    ``against``), hour by hour in turn, so that both meet the same load on the machine. Each
    year's ``close_seconds`` is its close (the checkpoint a crawl process makes as it ends;
    ``hourly``: each hour is a process of its own, as an hourly crawl is, and every close
    counts); with ``pages``, each year's ``pages`` counts by table and index the pages its
    commits wrote, checkpoints held back (the write-ahead log's frames), or with ``hourly`` the
    pages each hour's close copied into the index (each page once an hour)."""
    empty_dir = against or Path(tempfile.mkdtemp(prefix="empty-"))
    paths = [data / "index.db", empty_dir / "index.db"]
    grown, empty = (Index(path, commit_every=1.0) for path in paths)
    copied: list[dict[int, int]] = [{}, {}]  # pages each hour's close copied, by page number
    if pages:
        for index in (grown, empty):
            index.db.execute("pragma wal_checkpoint(truncate)").fetchall()
            index.db.execute("pragma wal_autocheckpoint = 0").fetchall()
    start = 10**10 + time.time_ns() // 1000 % 10**9 * 1000  # URLs apart from the fill's, and
    # from an earlier run's; texts too (a story counted before costs a site profile nothing)
    years = [(shape or Year)(index, articles, sites, days, seed=start)
             for index in (grown, empty)]
    for year in years:
        year._serial, year.run = start, f"-{start}"
    for hour in range(days * 24, days * 24 + hours):
        for year, path, counts in zip(years, paths, copied, strict=True):
            year.hour(hour)
            if hourly and pages:
                year.index.commit()
                for page in wal_frames(path):
                    counts[page] = counts.get(page, 0) + 1
            if hourly and hour < days * 24 + hours - 1:
                started = time.perf_counter()
                year.index.close()
                year.close_seconds += time.perf_counter() - started
                year.index = Index(path, commit_every=1.0)
    for year, counts in zip(years, copied, strict=True):
        year.index.commit()
        if pages:
            year.pages = by_name(year.index.db.conn, counts if hourly else wal_frames(
                Path(year.index.db.conn.execute("pragma database_list").fetchone()[2])))
        started = time.perf_counter()
        year.index.close()
        year.close_seconds += time.perf_counter() - started
    if not against:
        shutil.rmtree(empty_dir)
    return years[0], years[1]


def wal_frames(path: Path) -> dict[int, int]:
    """Frames of ``path``'s write-ahead log by page number: each a page a commit wrote since
    the last checkpoint."""
    frames: dict[int, int] = {}
    with open(f"{path}-wal", "rb") as wal:
        page_size = int.from_bytes(wal.read(32)[8:12], "big")
        while len(header := wal.read(24)) == 24:
            page = int.from_bytes(header[:4], "big")
            frames[page] = frames.get(page, 0) + 1
            wal.seek(page_size, 1)
    return frames


def by_name(conn: sqlite3.Connection, counts: dict[int, int]) -> dict[str, int]:
    """``counts`` of page numbers summed by the table or index each page now belongs to
    (SQLite's ``dbstat``)."""
    written: dict[str, int] = {}
    for name, page in conn.execute("select name, pageno from dbstat"):
        if page in counts:
            written[name] = written.get(name, 0) + counts[page]
    return written


def write_cost(data: Path, args) -> None:
    """Only the side-by-side writes, ``args.write_cost`` times on ``data``: each run's ratios,
    then their medians (the machine's load varies: repeat, and interleave with the runs of
    what you compare)."""
    runs = []
    other = "the younger one" if args.against else "an empty one"
    print(f"{'run':>4} {'ms/article':>17} {'ms/capture':>19} {'hour + commits':>18} "
          f"{'close':>16} {'all, with closes':>18}   (this archive / {other}, per article; "
          "close in ms)")
    for run in range(args.write_cost):
        grown, empty = write_cost_side_by_side(data, args.articles, args.sites, args.days,
                                               args.hours, pages=args.pages,
                                               against=args.against, hourly=args.hourly,
                                               shape=args.shape)
        figures = [(1000 * year.write_seconds / year.articles,
                    1000 * year.capture_seconds / year.captures,
                    1000 * (year.write_seconds + year.capture_seconds + year.crawl_seconds)
                    / year.articles, 1000 * year.close_seconds,
                    1000 * (year.write_seconds + year.capture_seconds + year.crawl_seconds
                            + year.close_seconds) / year.articles) for year in (grown, empty)]
        ratios = [g / e for g, e in zip(*figures, strict=True)]
        runs.append(ratios)
        print(f"{run + 1:>4} " + " ".join(f"{g:6.2f}/{e:5.2f} {r:4.2f}x"
                                          for g, e, r in zip(*figures, ratios, strict=True)),
              flush=True)
        for label, year in (("this archive", grown), (other, empty)) if args.pages \
                else ():
            print(f"     pages {'the closes copied' if args.hourly else 'written'} an article, "
                  f"{label}: "
                  f"{sum(year.pages.values()) / year.articles:.1f}; " + ", ".join(
                      f"{name} {count / year.articles:.1f}" for name, count in
                      sorted(year.pages.items(), key=lambda kv: -kv[1])[:12]))
    medians = [statistics.median(column) for column in zip(*runs, strict=True)]
    print(f"medians of {len(runs)}: an article {medians[0]:.2f}x, a capture {medians[1]:.2f}x, "
          f"an hour's writes with its commits {medians[2]:.2f}x, the close {medians[3]:.2f}x, "
          f"all of it with the closes {medians[4]:.2f}x")


def backfill_metadata(data: Path, articles: int, sites: int, days: int) -> int:
    """Give each article of an archive filled before the fill wrote metadata what
    :meth:`Year.byline` writes (a version keeps its first capture's, with ``modified``; a
    member of a copy group other than its first an agency's credit), by the statements the
    writer uses (the row's columns updated, :func:`~archive.store.index.write_authors`). The
    full-text index's update trigger is held back meanwhile: title and text do not change."""
    from archive.store.index import write_authors

    index = Index(data / "index.db")
    conn = index.db.conn
    year = Year(index, articles, sites, days)
    known = {site.name: site for site in year.sites}
    copied = {capture_id for (capture_id,) in conn.execute(
        "select capture_id from copy_groups where capture_id != group_id")}
    trigger = conn.execute("select sql from sqlite_master where type = 'trigger' "
                           "and name = 'articles_au'").fetchone()
    conn.execute("drop trigger if exists articles_au")
    first: dict[str, dict] = {}
    try:
        rows = conn.execute("select rowid, capture_id, url, site, fetched_at from articles "
                            "order by rowid").fetchall()
        for count, (rowid, capture_id, url, name, fetched_at) in enumerate(rows, 1):
            if name not in known:  # a crawl's sites (the sample sites) among the fill's
                known[name] = Site(name, f"www.{name}.example", "en", 0.0, [])
                year.staff(known[name])
            site, at = known[name], datetime.fromisoformat(fetched_at.replace("Z", "+00:00"))
            meta = ({**first[url], "modified": year.local(site, at)} if url in first else
                    year.byline(site, at, year.rng.choice(AGENCIES)
                                if capture_id in copied else None))
            first.setdefault(url, meta)
            conn.execute(f"update articles set {', '.join(f'[{c}] = ?' for c in meta)} "
                         "where rowid = ?", [*meta.values(), rowid])
            write_authors(conn, capture_id, json.loads(meta["authors"]),
                          json.loads(meta["credits"]))
            if count % 10_000 == 0:
                conn.commit()
    finally:
        if trigger:
            conn.execute(trigger[0])
        conn.commit()
    for table in ("articles", "article_authors"):
        conn.execute(f"analyze [{table}]")
    conn.commit()
    index.close()
    return len(rows)


def demo_crawl(data: Path) -> dict:
    """The sample sites crawled into ``data``: the writer's and the capture's CPU per item."""
    subprocess.run([str(BIN / "newsarchive"), "demo", "--data", str(data), "--port",
                    str(free_port())], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    db = sqlite3.connect(data / "index.db")
    stats = json.loads(db.execute("select stats from crawls where spider = 'news' "
                                  "order by started_at desc limit 1").fetchone()[0])
    db.close()
    articles = max(stats.get("archive/articles", 0), 1)
    pages = max(stats.get("archive/warc/records", 0) // 2, 1)
    return {"write ms/article": 1000 * stats.get("archive/cpu/write", 0) / articles,
            "capture ms/page": 1000 * stats.get("archive/cpu/capture", 0) / pages,
            "articles": stats.get("archive/articles", 0)}


#: The fills ``--shape`` chooses: the class, its sites and days.
SHAPES = {"year": (Year, 100, 365), "other": (OtherYear, 1000, 90)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="year",
                        help="year: bench.yearfill's fill; other: bench.yearshape's, whose "
                             "assumptions differ on purpose")
    parser.add_argument("--sites", type=int, help="default: 100 (year), 1000 (other)")
    parser.add_argument("--days", type=int, help="default: 365 (year), 90 (other)")
    parser.add_argument("--repeat", type=int, default=5, help="requests per page")
    parser.add_argument("--keep", type=Path, help="fill (or reuse) the archive in this folder")
    parser.add_argument("--write-cost", type=int, metavar="RUNS",
                        help="only write the same hours into the --keep archive and into an "
                             "empty one, RUNS times (it grows by them: use a copy)")
    parser.add_argument("--hours", type=int, default=48, help="hours each of those runs writes")
    parser.add_argument("--pages", action="store_true",
                        help="with --write-cost: count the pages each run's commits write, "
                             "by table and index (checkpoints held back; slow); with --hourly, "
                             "the pages each hour's close copies into the index")
    parser.add_argument("--first-day", type=int, default=0,
                        help="fill from this day on (a younger archive for --against: "
                             "--days 30 --first-day 335 ends where runs with --days 365 begin)")
    parser.add_argument("--hourly", action="store_true",
                        help="with --write-cost: each hour written by a process of its own, "
                             "as hourly crawls are (its close checkpoints what it wrote)")
    parser.add_argument("--fill-only", action="store_true",
                        help="fill the --keep archive and stop: a younger archive for --against "
                             "(the timings after the fill write hours into the archive)")
    parser.add_argument("--backfill-metadata", action="store_true",
                        help="first give the --keep archive's articles the fill's metadata "
                             "(an archive filled before the fill wrote it; use a copy)")
    parser.add_argument("--pages-only", action="store_true",
                        help="time the pages and stop (nothing is written into the archive)")
    parser.add_argument("--against", type=Path, metavar="YOUNGER",
                        help="with --write-cost: write into this archive (a copy of a younger "
                             "one: it keeps the hours too) instead of an empty one")
    args = parser.parse_args()
    shape, sites, days = SHAPES[args.shape]
    args.shape, args.sites, args.days = shape, args.sites or sites, args.days or days
    if args.write_cost:
        if not args.keep or not (args.keep / "index.db").exists():
            parser.error("--write-cost needs --keep with an archive")
        if args.against and not (args.against / "index.db").exists():
            parser.error("--against needs an archive")
        return write_cost(args.keep, args)

    folder = args.keep or Path(tempfile.mkdtemp(prefix="year-"))
    data = folder
    if not (data / "index.db").exists():
        print(f"filling {data} with {args.articles:,} articles of {args.sites} sites over "
              f"{args.days} days")
        print(f"{'articles':>10} {'captures':>11} {'day':>5} {'ms/article':>11} "
              f"{'ms/capture':>11}")
        index = Index(data / "index.db", commit_every=1.0)
        year = args.shape(index, args.articles, args.sites, args.days)
        started = time.perf_counter()
        year.fill(lambda p: print(f"{p['articles']:>10,} {p['captures']:>11,} {p['day']:>5} "
                                  f"{p['ms_per_article']:>11.2f} {p['ms_per_capture']:>11.3f}",
                                  flush=True), first_day=args.first_day)
        index.close()
        # the points that wrote articles: a fill that reaches its articles before its last day
        # ends with a point of none (0 ms an article)
        wrote = [point for point in year.curve if point["ms_per_article"]]
        print(f"filled in {time.perf_counter() - started:.0f} s; write cost at the end / start:"
              f" {wrote[-1]['ms_per_article'] / wrote[0]['ms_per_article']:.2f}x")
    if args.fill_only:
        return
    if args.backfill_metadata:
        started = time.perf_counter()
        count = backfill_metadata(data, args.articles, args.sites, args.days)
        print(f"metadata written to {count:,} articles in {time.perf_counter() - started:.0f} s")

    table_sizes = sizes(data / "index.db")
    articles = sqlite3.connect(data / "index.db").execute(
        "select count(*) from articles").fetchone()[0]
    text = sum(v for k, v in table_sizes.items() if k == "articles")
    fts = sum(v for k, v in table_sizes.items() if k.startswith("articles_fts"))
    total = sum(table_sizes.values())
    print(f"\nindex: {total / 1e9:.2f} GB, {total / articles / 1000:.1f} KB an article; "
          f"beyond the articles table and its full-text index: "
          f"{(total - text - fts) / articles / 1000:.1f} KB an article")
    for name, size in sorted(table_sizes.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {name:<40} {size / articles:>8.0f} B/article")

    print(f"\npages against newsarchive serve ({args.repeat} requests each):")
    print(f"  {'page':<44} {'median ms':>10} {'slowest ms':>11} {'status':>7}")
    results = time_pages(data, args.repeat)
    for name, median, slowest, status, cut in results:
        print(f"  {name:<44} {median * 1000:>10.0f} {slowest * 1000:>11.0f} {status:>7}"
              + ("  a facet timed out" if cut else ""))
    print(f"  slowest median: {max(r[1] for r in results) * 1000:.0f} ms; "
          f"pages over 1 s: {sum(r[2] > 1 for r in results)}; "
          f"not 200: {sum(r[3] != 200 for r in results)}; "
          f"a facet timed out: {sum(r[4] for r in results)}")
    if args.pages_only:
        return

    grown, empty = write_cost_side_by_side(data, args.articles, args.sites, args.days,
                                           shape=args.shape)
    print("\nwrite path, the same hours written into this archive and into an empty one in turn:")
    for label, year in (("empty archive", empty), ("this archive", grown)):
        print(f"  {label:<14} {1000 * year.write_seconds / year.articles:6.2f} ms/article "
              f"{1000 * year.capture_seconds / year.captures:6.3f} ms/capture "
              f"({year.articles} articles, {year.captures} captures)")
    per_article = [y.write_seconds / y.articles for y in (grown, empty)]
    per_capture = [y.capture_seconds / y.captures for y in (grown, empty)]
    print(f"  ratio: {per_article[0] / per_article[1]:.2f}x per article, "
          f"{per_capture[0] / per_capture[1]:.2f}x per capture")
    # a crawl's start and end commit what its pages wrote: the whole hour's writing, per article
    whole = [(y.write_seconds + y.capture_seconds + y.crawl_seconds) / y.articles
             for y in (grown, empty)]
    print(f"  all of an hour's writes with its commits: empty archive {1000 * whole[1]:.2f}, "
          f"this archive {1000 * whole[0]:.2f} ms/article ({whole[0] / whole[1]:.2f}x)")

    print("\ncommands:")
    print(f"  newsarchive stats: {time_command('stats', '--data', str(data)):.2f} s")
    print(f"  first row of export articles --since a week: "
          f"{first_exported_row(data) * 1000:.0f} ms")
    empty = Path(tempfile.mkdtemp(prefix="empty-"))
    fresh, grown = demo_crawl(empty), demo_crawl(data)
    for key in ("write ms/article", "capture ms/page"):
        print(f"  sample-site crawl, {key}: empty archive {fresh[key]:.2f}, this one "
              f"{grown[key]:.2f} ({grown[key] / max(fresh[key], 1e-9):.2f}x)")
    shutil.rmtree(empty)
    if not args.keep:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
