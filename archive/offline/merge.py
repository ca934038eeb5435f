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
already there are not added again.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field

from archive.offline.reprocess import reprocess
from archive.process import reclean_site
from archive.settings import ARCHIVE_INDEX_COMMIT_INTERVAL
from archive.store.index import Index
from archive.store.lock import ArchiveLock
from archive.store.paths import ArchivePaths
from archive.store.recovery import recover
from archive.store.warcfile import RotatingWarcFile


class MergeError(RuntimeError):
    """A shard that cannot be merged (a file of the same name but other bytes in the target)."""


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


#: Columns copied as they are (the schema is the same: every shard is migrated on opening).
_AS_IS = ("crawls", "captures", "article_removals")


def merge(shards, data_dir, *, seeds=(), link: bool = True) -> MergeReport:
    """Merge the archives at ``shards`` into the archive at ``data_dir``."""
    target = ArchivePaths(data_dir)
    report = MergeReport()
    for shard in map(ArchivePaths, shards):
        if not shard.index.exists():
            raise MergeError(f"{shard.root} is not an archive (no {shard.index.name})")
        report.completed += complete_shard(shard, seeds)
    with ArchiveLock(target.lock):
        index = Index(target.index, commit_every=ARCHIVE_INDEX_COMMIT_INTERVAL)
        try:
            for shard in map(ArchivePaths, shards):
                with ArchiveLock(shard.lock):  # a live worker's shard is refused, not torn
                    report.files += _bring_files(shard, target, link)
                    _merge_rows(index, shard, report)
                report.shards += 1
            rules = {seed.name: seed.rules for seed in seeds}
            derived = RotatingWarcFile(target.text_dir, "newsarchive-merge-text", 1_000_000_000,
                                       info={"description": "records derived when merging "
                                             "shards, with the merged site profiles"})
            try:
                for site in sorted(report.sites):
                    index.recount_profile(site)
                    report.recleaned += reclean_site(index, target, derived, site,
                                                     rules.get(site))
            finally:
                derived.close()
        finally:
            index.close()
    return report


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


def _bring_files(shard: ArchivePaths, target: ArchivePaths, link: bool) -> int:
    brought = 0
    for source_dir, target_dir in ((shard.warc_dir, target.warc_dir),
                                   (shard.text_dir, target.text_dir)):
        if not source_dir.is_dir():
            continue
        target_dir.mkdir(parents=True, exist_ok=True)
        for path in sorted(source_dir.glob("*.warc.gz")):
            destination = target_dir / path.name
            if destination.exists():
                if destination.stat().st_size != path.stat().st_size:
                    raise MergeError(f"{destination} exists and differs from {path}: two shards "
                                     "gave a file the same name (give workers distinct names)")
                continue
            try:
                if not link:
                    raise OSError("copy asked for")
                os.link(path, destination)
            except OSError:
                shutil.copy2(path, destination)
            brought += 1
    return brought


def _merge_rows(index: Index, shard: ArchivePaths, report: MergeReport) -> None:
    db = index.db
    db.execute("attach database ? as shard", [str(shard.index)])
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
            "c.payload_digest from shard.articles a join shard.captures c "
            "on c.record_id = a.capture_id order by c.fetched_at, a.capture_id")
        for row in rows:
            digest = row.pop("payload_digest")
            processed_at = row.pop("processed_at")
            mine = db.execute("select processed_at from main.articles where capture_id = ?",
                              [row["capture_id"]]).fetchone()
            if mine and mine[0] >= processed_at:
                continue  # merged before, or cleaned since in the target
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

