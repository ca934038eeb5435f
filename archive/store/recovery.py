"""Bring an archive back to a consistent state after a crash or ``kill -9``.

A killed crawl leaves ``.warc.gz.open`` files whose last record may be torn, and index rows a
step behind the files. Recovery cuts every open file back to its last complete record, closes
it, drops index rows that point past the cut, and indexes complete records the index never heard
of (then cleans them through the one cleaning path). Closed files are never modified, and
nothing is read or written through a symlink: a shard to merge may be a stranger's folder, and a
link in it could name any file on the machine.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archive.store.paths import ArchivePaths, is_regular_file
from archive.store.warcfile import OPEN_SUFFIX, RecordLocation
from archive.store.warcscan import scan

logger = logging.getLogger(__name__)

@dataclass
class RecoveryReport:
    closed: list[str] = field(default_factory=list)
    bytes_cut: int = 0
    rows_dropped: int = 0
    records_indexed: int = 0
    crawls_interrupted: int = 0

    def __bool__(self) -> bool:
        return bool(self.closed)


def close_open_files(folder: Path, drop_rows_past) -> list[tuple[str, int, int]]:
    """Cut each ``.open`` file in ``folder`` to its complete records and close it.

    ``drop_rows_past(final name, length)`` is called, and must have committed, before the file
    is touched: a recovery killed half-way leaves either an ``.open`` file to recover again or a
    closed file with no row past its end. Returns ``(final name, kept length, bytes cut)`` per
    file; an empty remainder is deleted.
    """
    done = []
    if folder.is_symlink():
        logger.warning("Not recovered: %s is a symlink", folder)
        return done
    for path in sorted(folder.glob("*" + OPEN_SUFFIX)):
        if not is_regular_file(path):
            logger.warning("Not recovered: %s is not a regular file", path)
            continue
        size = path.lstat().st_size
        # The complete gzip members, each holding a WARC record. Bytes damaged before the end
        # (not a torn last record: a disk's fault) are left in place with the records after
        # them, which cutting there would destroy; readers that resynchronise read past them.
        found = scan(path, resync=True)
        keep = found.end
        for slot in found.records:
            if slot.problem == "bad-gzip":
                logger.warning("%s: bytes %d to %d are damaged (%s); kept, with the records "
                               "after them", path.name, slot.offset, slot.offset + slot.length,
                               slot.detail)
        final = path.with_name(path.name.removesuffix(OPEN_SUFFIX))
        drop_rows_past(final.name, keep)
        if keep == 0:
            path.unlink()
        else:
            # O_NOFOLLOW: a symlink put in its place since the check above is refused, not cut.
            descriptor = os.open(path, os.O_WRONLY | os.O_NOFOLLOW)
            try:
                os.ftruncate(descriptor, keep)
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
            os.replace(path, final)
        logger.warning("Recovered %s: kept %d bytes, cut %d", final.name, keep, size - keep)
        done.append((final.name, keep, size - keep))
    return done


def index_unindexed(path: Path, index) -> int:
    """Add capture rows for records of ``path`` past the last one the index knows; a file that
    is not WARC past that point is logged and left as it is."""
    name = path.name
    (start,) = index.db.execute(
        "select coalesce(max(warc_offset), 0) from captures where warc_file = ?", [name]
    ).fetchone()
    added = 0
    offset = start
    with open(path, "rb") as stream:
        stream.seek(start)
        records = ArchiveIterator(stream)
        try:
            for record in records:
                offset = records.get_record_offset()  # warcio counts from the file's start
                if record.rec_type in ("response", "revisit"):
                    record_id = record.rec_headers.get_header("WARC-Record-ID")
                    if not index.db.execute("select 1 from captures where record_id = ?",
                                            [record_id]).fetchone():
                        records.read_to_end(record)
                        location = RecordLocation(name, offset, records.get_record_length(),
                                                  record_id)
                        index.add_capture(record, location, None)
                        added += 1
        # warcio raises what its parsing meets (ArchiveLoadFailed, ValueError, EOFError, ...)
        except Exception as exc:  # noqa: BLE001
            logger.warning("Not indexed: %s past offset %d (%s: %s)", name, offset,
                           type(exc).__name__, str(exc)[:200])
    return added


def recover(paths: ArchivePaths, index) -> RecoveryReport:
    """Close torn files, then make the index agree with what the files hold.

    Every step is safe to interrupt and repeat: rows are dropped (and committed) before their
    file is cut, and every closed raw file is checked for records the index never heard of.
    """
    report = RecoveryReport()
    (report.crawls_interrupted,) = index.db.execute(
        "select count(*) from crawls where outcome = 'running'").fetchone()
    index.db.execute("update crawls set outcome = 'interrupted' where outcome = 'running'")
    index.db.conn.commit()
    for folder, file_column, offset_column, table, key in (
            (paths.warc_dir, "warc_file", "warc_offset", "captures", "record_id"),
            (paths.text_dir, "conversion_file", "conversion_offset", "articles", "capture_id")):
        if not folder.exists():
            continue

        def drop_rows_past(name, length, table=table, key=key, file_column=file_column,
                           offset_column=offset_column):
            stale = [row[0] for row in index.db.execute(
                f"select {key} from {table} where {file_column} = ? and {offset_column} >= ?",
                [name, length])]
            marks = ",".join("?" * len(stale))
            if table == "captures":
                index.db.execute(f"delete from articles where capture_id in ({marks})", stale)
            index.db.execute(f"delete from {table} where {key} in ({marks})", stale)
            index.db.conn.commit()
            report.rows_dropped += len(stale)

        for name, _, cut in close_open_files(folder, drop_rows_past):
            report.closed.append(name)
            report.bytes_cut += cut
        if table == "captures" and not folder.is_symlink():
            for path in sorted(folder.glob("*.warc.gz")):
                if is_regular_file(path):
                    report.records_indexed += index_unindexed(path, index)
    index.db.conn.commit()
    return report
