"""Plain-text summaries of an archive, for ``newsarchive stats`` and the end of a demo."""

from __future__ import annotations

import json

from archive.index import Index
from archive.paths import ArchivePaths


def summary(paths: ArchivePaths, crawl_id: str | None = None) -> str:
    index = Index(paths.index)
    db = index.db
    where, args = ("where c.crawl_id = ?", [crawl_id]) if crawl_id else ("", [])
    lines = []
    captures, failed = db.execute(
        f"select count(*), sum(status >= 400) from captures c {where}", args).fetchone()
    scope = "this crawl" if crawl_id else "archive"
    lines.append(f"{scope}: {captures} pages captured ({failed or 0} HTTP errors)")
    rows = db.execute(
        "select a.site, a.language, count(*), sum(a.word_count) from articles a "
        f"join captures c on c.record_id = a.capture_id {where} "
        "group by a.site, a.language order by a.site, count(*) desc", args).fetchall()
    by = " by this crawl" if crawl_id else ""
    lines.append(f"articles indexed{by}: {sum(r[2] for r in rows)}")
    if crawl_id:
        lines += _incremental(db, crawl_id)
    for site, language, count, words in rows:
        lines.append(f"  {site:<20} {language or '??':<4} {count:>6} articles"
                     f" {words or 0:>9} words")
    skipped = db.execute(
        f"select skip_reason, count(*) from captures c {where}{' and' if where else ' where'} "
        "skip_reason is not null and skip_reason != 'not-article' group by skip_reason", args
    ).fetchall()
    if skipped:
        lines.append("skipped: " + ", ".join(f"{reason} {count}" for reason, count in skipped))
    if not crawl_id:
        for crawl in db.execute("select id, started_at, finished_at, outcome, pages, articles "
                                "from crawls order by started_at desc limit 5").fetchall():
            lines.append("crawl {}: {} → {} {} ({} pages, {} articles)".format(*crawl))
    for label, folder in (("raw captures", paths.warc_dir), ("derived text", paths.text_dir)):
        files = sorted(folder.glob("*.warc.gz*")) if folder.exists() else []
        size = sum(f.stat().st_size for f in files)
        lines.append(f"{label}: {folder}/ ({len(files)} files, {size / 1e6:.1f} MB)")
    lines.append(f"index: {paths.index}")
    index.close()
    return "\n".join(lines)


def _incremental(db, crawl_id: str) -> list[str]:
    """What a crawl over an archive it had filled before did not do again."""
    row = db.execute("select stats from crawls where id = ?", [crawl_id]).fetchone()
    stats = json.loads(row[0]) if row and row[0] else {}
    lines = []
    unchanged = sum(v for k, v in stats.items() if k.startswith("archive/revisits/"))
    if unchanged:
        lines.append(f"unchanged since their last capture: {unchanged} pages (revisit records)")
    if stats.get("archive/known_articles"):
        lines.append(f"known articles not fetched again: {stats['archive/known_articles']}")
    return lines
