"""Plain-text summaries of an archive, for ``newsarchive stats`` and the end of a demo."""

from __future__ import annotations

import json

from archive.cli.reading import reading
from archive.store.paths import ArchivePaths
from archive.store.reader import REAL_SKIP
from archive.store.summaries import STALE_INTERVALS, STATUS_CLASSES, site_health


def summary(paths: ArchivePaths, crawl_id: str | None = None) -> str:
    """Every count read from an index or a summary: as quick at a million articles as at ten."""
    with reading(paths.index) as db:
        return "\n".join(_summary(db, paths, crawl_id))


def _summary(db, paths: ArchivePaths, crawl_id: str | None) -> list[str]:
    lines = []
    if crawl_id:
        captures, failed = db.execute("select count(*), sum(status >= 400) from captures "
                                      "where crawl_id = ?", [crawl_id]).fetchone()
        rows = db.execute(
            "select a.site, a.language, count(*), sum(a.word_count) from captures c "
            "join articles a on a.capture_id = c.record_id where c.crawl_id = ? "
            "group by a.site, a.language order by a.site, count(*) desc", [crawl_id]).fetchall()
        skipped = db.execute(f"select skip_reason, count(*) from captures where crawl_id = ? "
                             f"and {REAL_SKIP} group by skip_reason", [crawl_id]).fetchall()
    else:
        captures = db.execute("select sum(captures) from capture_days").fetchone()[0] or 0
        failed = db.execute("select count(*) from captures where status >= 400").fetchone()[0]
        rows = db.execute(
            "select site, nullif(language, ''), sum(articles), sum(words) from article_days "
            "group by site, language having sum(articles) > 0 "
            "order by site, sum(articles) desc").fetchall()
        skipped = db.execute(f"select skip_reason, count(*) from captures where {REAL_SKIP} "
                             "group by skip_reason").fetchall()
    scope = "this crawl" if crawl_id else "archive"
    lines.append(f"{scope}: {captures} pages captured ({failed or 0} HTTP errors)")
    by = " by this crawl" if crawl_id else ""
    lines.append(f"articles indexed{by}: {sum(r[2] for r in rows)}")
    if crawl_id:
        lines += _incremental(db, crawl_id)
    for site, language, count, words in rows:
        lines.append(f"  {site:<20} {language or '??':<4} {count:>6} articles"
                     f" {words or 0:>9} words")
    if skipped:
        lines.append("skipped: " + ", ".join(f"{reason} {count}" for reason, count in skipped))
    if not crawl_id:
        lines += _runs(db) + _sites(db)
    for label, folder in (("raw captures", paths.warc_dir), ("derived text", paths.text_dir)):
        files = sorted(folder.glob("*.warc.gz*")) if folder.exists() else []
        size = sum(f.stat().st_size for f in files)
        lines.append(f"{label}: {folder}/ ({len(files)} files, {size / 1e6:.1f} MB)")
    lines.append(f"index: {paths.index}")
    return lines


#: Runs listed by ``stats``, of each kind.
RUNS_SHOWN = 5


def _runs(db) -> list[str]:
    """The last crawls and reprocess runs, apart: a reprocess reads records, it fetches nothing."""
    lines = []
    crawls = db.execute("select id, started_at, finished_at, outcome, pages, articles, errors "
                        "from crawls where spider != 'reprocess' order by started_at desc "
                        "limit ?", [RUNS_SHOWN]).fetchall()
    if crawls:
        lines.append("crawls (newest first):")
    for id_, started, finished, outcome, pages, articles, errors in crawls:
        lines.append(f"  {id_}  {_time(started)} → {_time(finished)}  {outcome:<11} "
                     f"{pages or 0:>6} pages {articles or 0:>6} articles "
                     f"{errors or 0:>5} network errors")
    runs = db.execute("select id, started_at, finished_at, outcome, stats from crawls "
                      "where spider = 'reprocess' order by started_at desc limit ?",
                      [RUNS_SHOWN]).fetchall()
    if runs:
        lines.append("reprocess runs (newest first):")
    for id_, started, finished, outcome, stats in runs:
        stats = json.loads(stats) if stats else {}
        lines.append(f"  {id_}  {_time(started)} → {_time(finished)}  {outcome:<11} "
                     f"{stats.get('reprocess/records', 0):>6} records "
                     f"{stats.get('reprocess/articles', 0):>6} articles written "
                     f"{stats.get('reprocess/unchanged', 0):>6} unchanged")
    return lines


def _sites(db) -> list[str]:
    rows, stale = site_health(db)
    if not rows:
        return []
    lines = ["sites, as their last crawl met them:",
             f"  {'site':<20}{'2xx':>6}{'3xx':>6}{'4xx':>6}{'5xx':>6}{'articles':>10}  "
             "network errors"]
    for row in rows:
        network = ", ".join(f"{k} {v}" for k, v in row["network"].items()) or "none"
        lines.append(f"  {row['site']:<20}" + "".join(f"{row[c]:>6}" for c in STATUS_CLASSES)
                     + f"{row['articles']:>10}  {network}")
    lines += [f"site {row['site']}: {row['shape_changed']}" for row in rows
              if row["shape_changed"]]
    for site in stale:
        quiet = (f"quiet {site['quiet_hours']} h, usually {site['usual_hours']} h"
                 if site["last_article"] else "no article yet")
        lines.append(f"stale: {site['site']} ({quiet}; stale after {STALE_INTERVALS} usual "
                     "intervals)")
    return lines


def _time(value: str | None) -> str:
    return value[:16].replace("T", " ") if value else "?"


def _incremental(db, crawl_id: str) -> list[str]:
    """What a crawl over an archive it had filled before did not do again, and the page limits
    it reached."""
    row = db.execute("select stats from crawls where id = ?", [crawl_id]).fetchone()
    stats = json.loads(row[0]) if row and row[0] else {}
    lines = [f"page limit reached: {key.removeprefix('archive/page-limit/')} ({value} requests;"
             " the rest of its links were not followed)"
             for key, value in sorted(stats.items()) if key.startswith("archive/page-limit/")]
    unchanged = sum(v for k, v in stats.items() if k.startswith("archive/revisits/"))
    if unchanged:
        lines.append(f"unchanged since their last capture: {unchanged} pages (revisit records)")
    if stats.get("archive/known_articles"):
        lines.append(f"known articles not fetched again: {stats['archive/known_articles']}")
    return lines
