"""One archive from many shards: the folders written by the workers of a shared crawl, or by the
tasks of a reprocessing run on a cluster.

Each shard is brought to a consistent state first (a killed worker's torn file is cut back and
closed, its captures indexed, and a capture it archived but never cleaned is cleaned through the
one cleaning path). Then its WARC files are linked (or copied) into the target's ``warc/`` and
``text/``, under the names the shard gave them (worker names keep them apart), and its rows are
added to the target index: captures and crawls as they are, articles through
:meth:`~archive.store.index.Index.upsert_article` (versions and copies worked out again), one
article per URL and payload digest (a page fetched twice, by a worker that died after writing
and before its lease ended, stays a capture). Site profiles are then counted again over all
articles, and articles the merged profiles would clean further are cleaned again.

Merging is idempotent, and incremental: files already in the target are not copied again, rows
already there are not added again. A shard is untrusted input (:mod:`archive.offline.shardcheck`):
every shard is checked in full before anything is linked or added, an article the archive has is
never replaced by a shard's (but by a reprocessing task's, for the input it was given), and one
bad shard refuses the whole merge in one line.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from archive.offline.reprocess import reprocess
from archive.offline.shardcheck import (
    CheckedShard,
    Input,
    check_layout,
    check_shard,
    open_shard,
    remember,
    start,
    unreadable,
)
from archive.process import reclean_site
from archive.settings import ARCHIVE_INDEX_COMMIT_INTERVAL
from archive.store.derived import REPLACES
from archive.store.index import Index
from archive.store.lock import ArchiveLock
from archive.store.paths import ArchivePaths
from archive.store.recovery import recover
from archive.store.warcfile import RotatingWarcFile, record_at


@dataclass
class MergeReport:
    shards: int = 0
    files: int = 0
    captures: int = 0
    articles: int = 0
    duplicates: int = 0
    completed: int = 0
    recleaned: int = 0
    sites: set = field(default_factory=set)

    def summary(self) -> str:
        return (f"{self.shards} shards merged: {self.files} files, {self.captures} captures, "
                f"{self.articles} articles added ({self.duplicates} captured twice kept as "
                f"captures only); {self.completed} captures cleaned that a worker had archived "
                f"but not cleaned; {self.recleaned} cleaned again with the merged site profiles")


#: A file being copied in, until it is whole (not ``*.warc.gz``: no reader takes it for one).
COPYING = ".copying"
#: Columns copied as they are (the schema is the same: every shard is migrated on opening).
_AS_IS = ("crawls", "captures", "article_removals")


def merge(shards, data_dir, *, seeds=(), link: bool = True,
          inputs: dict[Path, Input] | None = None) -> MergeReport:
    """Merge the archives at ``shards`` into the archive at ``data_dir``. ``inputs``: for the
    shards of a reprocessing run, the file each task was given, by shard folder."""
    target = ArchivePaths(data_dir)
    shards = [ArchivePaths(shard) for shard in shards]
    inputs = {Path(folder): given for folder, given in (inputs or {}).items()}
    report = MergeReport()
    whole = {}
    with ExitStack() as held:
        for shard in shards:
            whole[shard.root] = check_layout(shard)  # before its lock file or index is opened
            held.enter_context(ArchiveLock(shard.lock))  # a live worker's shard is refused
        for shard in shards:
            try:
                report.completed += complete_shard(shard, seeds)
            except sqlite3.DatabaseError as exc:
                raise unreadable(shard, exc) from exc
        held.enter_context(ArchiveLock(target.lock))
        index = Index(target.index, commit_every=ARCHIVE_INDEX_COMMIT_INTERVAL)
        held.callback(index.close)
        for checked in _check_all(index.db, shards, target, whole, inputs):
            report.files += _bring_files(checked, link)
            _merge_rows(index, checked, report)
            report.shards += 1
        rules = {seed.name: seed.rules for seed in seeds}
        derived = RotatingWarcFile(target.text_dir, "newsarchive-merge-text", 1_000_000_000,
                                   info={"description": "records derived when merging "
                                         "shards, with the merged site profiles"})
        try:
            for site in sorted(report.sites):
                index.recount_profile(site)
                report.recleaned += reclean_site(index, target, derived, site, rules.get(site))
        finally:
            derived.close()
    return report


def _check_all(db, shards, target: ArchivePaths, whole: dict,
               inputs: dict) -> list[CheckedShard]:
    """Every shard checked, against the archive and the shards before it, before any is merged."""
    checked, names = [], {}
    start(db)
    try:
        for shard in shards:
            open_shard(db, shard)
            try:
                checked.append(check_shard(shard, db, target, names, whole[shard.root],
                                           inputs.get(shard.root)))
                remember(db)
            except sqlite3.DatabaseError as exc:
                raise unreadable(shard, exc) from exc
            finally:
                db.conn.commit()
                db.execute("detach database shard")
    finally:
        db.execute("drop table temp.captures_seen")
        db.conn.commit()
    return checked


def complete_shard(shard: ArchivePaths, seeds) -> int:
    """Recover a shard left by a killed worker; clean the captures it archived (its lease had
    ended) but never cleaned. Returns how many were cleaned."""
    if not shard.warc_dir.is_dir():
        return 0  # a reprocessing shard: its captures are in the files it read
    with ArchiveLock(shard.lock):
        index = Index(shard.index)
        try:
            recover(shard, index)
            unfinished = {row[0] for row in index.db.execute(
                "select record_id from captures c where record_type = 'response' "
                "and status = 200 and skip_reason is null and warc_file not like '%/%' "
                "and not exists (select 1 from articles a where a.capture_id = c.record_id)")}
        finally:
            index.close()
    if not unfinished:
        return 0
    done = reprocess([shard.warc_dir], shard.root, jobs=0, seeds=seeds, only=unfinished)
    return done.articles


def _bring_files(shard: CheckedShard, link: bool) -> int:
    """Link (or copy) the shard's checked files in; one already there is the same file. A copy
    is made under another name and renamed when whole: one cut short (a full disk, a kill)
    would stand under the file's name, and the next merge refuse the shard for it."""
    brought = 0
    for path, folder in shard.files:
        destination = folder / path.name
        if destination.exists():
            continue
        folder.mkdir(parents=True, exist_ok=True)
        try:
            if not link:
                raise OSError("copy asked for")
            os.link(path, destination)
        except OSError:
            partial = folder / (path.name + COPYING)
            try:
                shutil.copy2(path, partial)
                os.replace(partial, destination)
            finally:
                partial.unlink(missing_ok=True)
        brought += 1
    return brought


def _replaced(shard: CheckedShard, row: dict) -> str | None:
    """The conversion record that the shard's article's record says it replaces."""
    with record_at(shard.paths.text_dir / row["conversion_file"],
                   row["conversion_offset"]) as record:
        return record.rec_headers.get_header(REPLACES)


def _merge_rows(index: Index, shard: CheckedShard, report: MergeReport) -> None:
    db = index.db
    open_shard(db, shard.paths)
    try:
        for table in _AS_IS:
            columns = ", ".join(f'"{c.name}"' for c in db[table].columns)
            added = db.execute(f"insert or ignore into main.{table} ({columns}) "
                               f"select {columns} from shard.{table}").rowcount
            if table == "captures":
                report.captures += added
        db.conn.commit()
        article_columns = [c.name for c in db["articles"].columns if c.name != "processed_at"]
        rows = db.query(  # one row at a time: a shard may hold millions
            f"select {', '.join('a.' + c for c in article_columns)}, a.processed_at, "
            "c.payload_digest, c.warc_file from shard.articles a join shard.captures c "
            "on c.record_id = a.capture_id order by c.fetched_at, a.capture_id")
        for row in rows:
            digest, warc_file = row.pop("payload_digest"), row.pop("warc_file")
            row.pop("processed_at")  # a worker's clock: it decides nothing here
            mine = db.execute("select conversion_id from main.articles where capture_id = ?",
                              [row["capture_id"]]).fetchone()
            if mine and (warc_file != shard.reprocessed or
                         _replaced(shard, row) != mine[0]):
                continue  # the archive's article stands; a reprocessing task's that replaces
                # it (its records name the archive's current one) takes its place
            twin = db.execute(
                "select a.capture_id from main.articles a join main.captures c "
                "on c.record_id = a.capture_id where a.url = ? and c.payload_digest = ? "
                "and a.capture_id != ? limit 1",
                [row["url"], digest, row["capture_id"]]).fetchone()
            if twin:
                report.duplicates += 1
                continue
            index.upsert_article(row)
            report.articles += 1
            report.sites.add(row["site"])
        index.commit()
    finally:
        db.conn.commit()
        db.execute("detach database shard")

