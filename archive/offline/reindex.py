"""Rebuild ``index.db`` from ``warc/`` and ``text/`` alone, as a CDX index is rebuilt from its
WARC files: nothing is fetched or cleaned again.

The raw files give the captures (each file's warcinfo names the crawl that wrote it); the
derived files give each capture's current conversion record (:func:`current_record`: the one
no other replaces) with its metadata record, which hold the text, the metadata, the cuts and
where the capture was read from. Rows go in through the archive's own write path
(:class:`~archive.store.index.Index`), so versions, copies (each text's signature as its
metadata record keeps it; made again, by a helper process, for records written before they
kept it) and removals come out as a crawl leaves them; the full-text index, the summaries and
the indexes no write looks rows up by are made once all rows are in, each in one pass (a crawl
keeps them row by row); site profiles are counted again from the articles, as after a merge.
The files are read (:class:`_Reader`), where there is a second core, by two more processes,
one for ``warc/`` and one for ``text/``, while this one writes (:class:`_Builder`) each article
as soon as its capture is in; the new index starts from the schema its migrations leave, made
at once (:mod:`archive.store.squashed`).

The new index is written beside the old one and swapped in only once whole; the old one stays
as ``index.db.bak``. What the files do not hold is lost: a crawl's Scrapy stats, its spider
name and outcome (rebuilt crawls say ``rebuilt``), each site's network errors, and the cleaner's
verdict on a page that held no article (a seed's article pattern gives back ``not-article``).
"""

from __future__ import annotations

import io
import itertools
import json
import os
import pickle
import re
import select
import signal
import sqlite3
import sys
from collections import defaultdict
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from time import monotonic
from typing import BinaryIO, NamedTuple

from warcio.recordloader import ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeadersParser, StatusAndHeadersParserException
from zlib_ng import zlib_ng

from archive.process import host_of
from archive.store import copies, squashed, summaries
from archive.store.derived import REPLACES, current_record
from archive.store.diskfull import ensure_room
from archive.store.index import Index, capture_row, counted_page, migrations, run_pragma
from archive.store.lock import ArchiveLock
from archive.store.paths import ArchivePaths
from archive.store.records import (
    Capture,
    CaptureError,
    capture_from_record,
    status_skip_reason,
)
from archive.store.recovery import close_open_files
from archive.store.warcfile import RecordLocation, record_at
from archive.store.warcscan import Scan, members
from cleaners.document import Removal

#: Rows are committed in batches of this many seconds (a commit per row was most of the time).
COMMIT_EVERY = 60.0
#: Where the new index is built, and where the old one is kept once the new one is in place.
BUILDING, BACKUP = "index.db.new", "index.db.bak"


@dataclass
class ReindexReport:
    captures: int = 0
    articles: int = 0
    crawls: int = 0
    records_read: int = 0
    problems: list[str] = field(default_factory=list)
    kept: Path | None = None
    started: float = field(default_factory=monotonic)

    def summary(self) -> str:
        lines = [f"index rebuilt in {monotonic() - self.started:.1f} s from "
                 f"{self.records_read} records: {self.captures} captures, {self.articles} "
                 f"articles, {self.crawls} crawls"]
        if self.kept:
            lines.append(f"the old index is kept as {self.kept}")
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


def reindex(data_dir, *, seeds=()) -> ReindexReport:
    """Rebuild the index of the archive at ``data_dir``; ``seeds`` name the sites of records
    written before their metadata said it, and their article patterns tell hub pages."""
    paths = ArchivePaths(data_dir)
    report = ReindexReport()
    seeds = list(seeds)
    with ArchiveLock(paths.lock):
        for folder in (paths.warc_dir, paths.text_dir):  # a killed writer's torn files
            if folder.is_dir():
                close_open_files(folder, lambda name, length: None)
        building = paths.root / BUILDING
        for stale in _with_journals(building):
            stale.unlink(missing_ok=True)
        # The files are read while the index is written: warc/ and text/ each by a process of
        # its own where there is a second core (started before the index is opened, which they
        # never touch), text/ while the captures are written.
        captures = _Reader(paths, seeds).capture_items()
        articles = _Reader(paths, seeds).article_items()
        if READ_APART:  # else the generators themselves, read here as each item is needed
            captures, articles = _Forked(captures), _Forked(articles)
        try:
            ensure_room(paths.root)  # as the index's open did: no room, no "disk I/O error"
            _create(building)
            index = _Building(building, commit_every=COMMIT_EVERY)
            # Nothing waits for the disk, and no page is written twice (to the write-ahead
            # log, then into the file): until it is swapped in, the new index is no one's, and
            # a crash leaves a file the next reindex deletes; the swap puts it back in WAL mode
            # and makes it durable.
            run_pragma(index.db.conn, "synchronous=OFF")
            run_pragma(index.db.conn, "journal_mode=MEMORY")
            signer = _Signer(apart=not _keeps_signatures(paths.text_dir))
            try:
                builder = _Builder(index, seeds, report, signer)
                with _in_bulk(index.db):
                    builder.write(captures, articles)
                builder.hub_pages()
                builder.crawls()
                builder.profiles()
            finally:
                signer.close()
                index.close()
        except BaseException:  # a full disk, say: no half-built index left taking the room
            for stale in _with_journals(building):
                stale.unlink(missing_ok=True)
            raise
        finally:
            captures.close()
            articles.close()
        report.kept = _swap(paths, building)
    return report


class _Building(Index):
    """The new index, written through the archive's own write path, each unit of writes
    without the savepoint that lets an index in use drop a unit that failed and keep its
    batch: a write that fails here fails the reindex, and the index it leaves is never put in
    place. (Each savepoint kept a copy of each page its unit changed: 8% of the writer's CPU
    at 1,000 generated articles.) Committed every ``commit_every`` seconds."""

    @contextmanager
    def _writing(self):
        conn = self.db.conn
        if not conn.in_transaction:
            conn.execute("begin")
        yield conn
        if monotonic() - self._committed_at >= self.commit_every:
            self.commit()


def _create(path: Path) -> None:
    """An empty index, its schema as :data:`~archive.store.squashed.MIGRATIONS` leave it, made
    in one transaction without waiting for the disk: the migrations one by one took 20 ms of
    CPU, and as many waiting for the disk, a tenth of a small archive's reindex. Any migration
    added since is applied by :class:`Index` as it opens it."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        run_pragma(connection, "synchronous=OFF")
        run_pragma(connection, "journal_mode=wal")
        connection.execute("begin")
        for statement in squashed.STATEMENTS:
            connection.execute(statement)
        applied = datetime.now(UTC).isoformat(sep=" ")
        connection.executemany("insert into _sqlite_migrations (migration_set, name, applied_at) "
                               "values (?, ?, ?)",
                               [(migrations.name, name, applied) for name in squashed.MIGRATIONS])
        connection.execute("commit")
    finally:
        connection.close()


def _site(seeds: list, url: str) -> str:
    seed = _seed(seeds, url)
    return seed.name if seed else host_of(url)


def _seed(seeds: list, url: str):
    return next((seed for seed in seeds if seed.allows(url)), None)


class _Reader:
    """What the files say, as :meth:`capture_items` and :meth:`article_items` tell it (``(
    "problem", line)`` among them wherever a record could not be read)."""

    def __init__(self, paths: ArchivePaths, seeds: list):
        self.paths, self.seeds = paths, seeds
        self.problems: list[str] = []
        self.records_read = 0
        self._file: tuple[str, BinaryIO] | None = None  # the file last read, open

    def capture_items(self):
        """``("capture", row)`` for each capture, then ``("captures read", crawls, records
        read)``: when each crawl started."""
        yield from self.captures()
        yield "captures read", self.crawl_files, self.records_read

    def article_items(self):
        """``("articles", how many follow)``, ``("article", row)`` for each, then ``("end",
        records read)``. text/'s every record is seen before the first article is known."""
        current = self.current()
        yield from self._problems()
        yield "articles", len(current)
        try:
            for _, capture_id, conversion, meta in current:
                row = self._row(capture_id, conversion, meta)
                yield from self._problems()
                if row is not None:
                    yield "article", row
        finally:
            self.close()
        yield "end", self.records_read

    def _problems(self):
        while self.problems:
            yield "problem", self.problems.pop(0)

    def captures(self):
        """Every response and revisit record of ``warc/``, under the crawl its file names."""
        #: crawl id -> the WARC-Date of the warcinfo of its first file: when it started
        self.crawl_files: dict[str, str] = {}
        for path in sorted(self.paths.warc_dir.glob("*.warc.gz")):
            crawl_id = None
            for record, location, read in _records(path, CAPTURE_TYPES, self):
                if record.rec_type == "warcinfo":
                    crawl_id = read.get("isPartOf")
                    if crawl_id:
                        date = record.rec_headers.get_header("WARC-Date")
                        self.crawl_files[crawl_id] = min(self.crawl_files.get(crawl_id, date),
                                                         date)
                elif record.rec_type in ("response", "revisit"):
                    yield "capture", _capture_row(record, location, crawl_id, read)
            yield from self._problems()

    def current(self) -> list[tuple]:
        """The current conversion record of each capture, with its metadata record, in the
        order they were captured (as the crawl wrote them)."""
        conversions: dict[str, list[dict]] = defaultdict(list)
        metadata: dict[str, _Found] = {}
        for path in sorted(self.paths.text_dir.glob("*.warc.gz")):
            for headers, found in self._derived(path):
                if headers["warc-type"] == "conversion":
                    conversions[headers.get("warc-refers-to")].append({
                        "id": found.location.record_id, "found": found,
                        "captured_at": headers.get("warc-date"),
                        "replaces": headers.get(REPLACES.lower()),
                        "cleaned_at": headers.get("x-newsarchive-cleaned-at")})
                else:
                    metadata[headers.get("warc-concurrent-to")] = found
        current = []
        for capture_id, candidates in conversions.items():
            record = current_record(candidates)
            meta = metadata.get(record["id"])
            if meta is None:
                self.problems.append(f"no metadata record for {record['id']}: "
                                     f"{capture_id} has no article")
                continue
            current.append((record["captured_at"] or "", capture_id, record["found"], meta))
        # Each row is read from its records only when its turn comes, so that memory does not
        # grow with the archive.
        current.sort(key=lambda article: article[:2])
        return current

    def _row(self, capture_id: str, conversion: _Found, meta: _Found) -> dict | None:
        """The article row its two records make (with every field of the metadata record:
        the writer keeps those the index has columns for); None, and a problem named in the
        report, for records that cannot be read (not UTF-8 text, not JSON, a gzip bomb)."""
        try:
            text, data = self._blocks(conversion, meta)
            url, text = conversion.url, text.decode("utf-8")
            data = json.loads(data)
        except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            conversion, meta = conversion.location, meta.location
            self.problems.append(
                f"{conversion.filename} at {conversion.offset} or {meta.filename} at "
                f"{meta.offset}: {str(exc)[:200]}; {capture_id} has no article")
            return None
        conversion, meta = conversion.location, meta.location
        # The cuts in the order the writer put their fields (the record sorts its keys).
        data["removed"] = [Removal(**cut).as_json() for cut in data.get("removed") or []]
        row = {key: (json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict)
                     else value) for key, value in data.items()}
        row.update({
            "capture_id": capture_id, "url": url, "text": text,
            "site": data.get("site") or _site(self.seeds, url),
            "fetched_at": data.get("captured_at"),
            "removed_count": len(data["removed"]),
            "conversion_file": conversion.filename, "conversion_offset": conversion.offset,
            "conversion_length": conversion.length, "conversion_id": conversion.record_id,
            "metadata_file": meta.filename, "metadata_offset": meta.offset,
            "metadata_length": meta.length, "processed_at": _seconds(data.get("cleaned_at")),
            "_source": data.get("source"),
            "_signature": copies.signature_from_text(data.get("minhash"))})
        # Pickled here, once: the writer keeps it as it comes until the profiles are counted.
        row["_page"] = pickle.dumps(counted_page(row), pickle.HIGHEST_PROTOCOL)
        return row

    def _derived(self, path: Path):
        """Each conversion and metadata record of ``path``: its header fields and where it is
        (:class:`_Found`); a file unreadable past some point is named in the report, and what
        came before it is kept. Only the header block of each gzip member is parsed."""
        found = Scan(gzip=True)
        for member in members(path, found, resync=True):
            self.records_read += 1
            headers, start = _warc_headers(member.head)
            if headers is None:
                found.problem, found.detail = "not-warc", "no WARC header block"
                break
            if headers.get("warc-type") in ("conversion", "metadata"):
                yield headers, _Found(
                    RecordLocation(path.name, member.offset, member.length,
                                   headers.get("warc-record-id")),
                    headers.get("warc-target-uri"), member.size, start,
                    int(headers.get("content-length") or 0))
        if found.problem:
            self.problems.append(f"{path.name} unreadable past offset {found.end} "
                                 f"({found.problem}: {found.detail})")
        self.problems += _damaged(path, found)

    def _blocks(self, conversion: _Found, meta: _Found) -> tuple[bytes, bytes]:
        """The blocks of the two records, where the scan found them (their headers are not
        parsed again), read at once where they are side by side, as the crawl writes them. One
        that inflates past :data:`MAX_DERIVED_BYTES` is refused (ValueError) unread."""
        for record in (conversion, meta):
            if record.size > MAX_DERIVED_BYTES:
                raise ValueError(f"its record inflates past {MAX_DERIVED_BYTES >> 20} MiB")
        first, second = conversion.location, meta.location
        if second.filename == first.filename and second.offset == first.offset + first.length:
            raw = self._read(first.filename, first.offset, first.length + second.length)
        else:
            raw = self._read(first.filename, first.offset, first.length) + \
                self._read(second.filename, second.offset, second.length)
        return _block(raw[:first.length], conversion), _block(raw[first.length:], meta)

    def _read(self, name: str, offset: int, length: int) -> bytes:
        """``length`` bytes of ``text/``'s file ``name`` from ``offset``: the file last read
        is kept open (the rows come in the order the files were written) until :meth:`close`."""
        if self._file is None or self._file[0] != name:
            self.close()
            self._file = name, open(self.paths.text_dir / name, "rb")  # noqa: SIM115
        self._file[1].seek(offset)
        return self._file[1].read(length)

    def close(self) -> None:
        if self._file is not None:
            self._file[1].close()
            self._file = None


def _block(raw: bytes, record: _Found) -> bytes:
    """The block of ``record``, inflated from ``raw``, its gzip member."""
    data = zlib_ng.decompressobj(wbits=31).decompress(raw, MAX_DERIVED_BYTES + 1)
    if len(data) != record.size or not data.startswith(b"WARC/"):
        raise ValueError("not the record the scan of its file found")
    return data[record.start:record.start + record.length]


class _Found(NamedTuple):
    """A derived record as the scan of ``text/`` found it: where it is, its target URI, its
    size inflated, and where its block starts in it and how long it is."""

    location: RecordLocation
    url: str | None
    size: int
    start: int
    length: int


class _Builder:
    """Writes what :class:`_Reader` read into the new index, through the archive's own write
    path."""

    def __init__(self, index: Index, seeds: list, report: ReindexReport, signer: _Signer):
        self.index, self.seeds, self.report, self.signer = index, seeds, report, signer
        self.columns = {column for _, column, *_ in run_pragma(index.db.conn,
                                                                "table_info(articles)")}
        self.crawl_files: dict[str, str] = {}
        self.captured: set[str] = set()  # the record ids of the captures written
        # What each article gives its site's profile, as the reader made it, kept until the
        # profiles are counted once all rows are in (and indexed then, in one sort).
        index.db.execute("create temp table counted_pages (site text, fetched_at text, "
                         "capture_id text, page blob)")

    def write(self, captures, articles) -> None:
        """The captures (:meth:`_Reader.capture_items`) and the articles
        (:meth:`_Reader.article_items`) as they come, each article once its capture is in
        (:meth:`captures_until`): the articles are written while the captures are read. The
        first article is known once text/ has been scanned whole: meanwhile, the captures
        read are written."""
        self.captures = captures
        if isinstance(articles, _Forked):
            self.captures_until(None, articles.sent)
        for kind, *item in articles:
            if kind == "problem":
                self.report.problems.append(item[0])
            else:  # how many articles follow, up to the end
                self.articles(self._rows(articles), item[0])
        self.captures_until(None)

    def captures_until(self, capture_id: str | None, stop=None) -> None:
        """The captures read written, up to ``capture_id`` (None: all of them), or until
        ``stop()`` says to."""
        if capture_id in self.captured:
            return
        for kind, *item in self.captures:
            if kind == "capture":
                self.index.add_capture_row(item[0])
                self.captured.add(item[0]["record_id"])
                self.report.captures += 1
                if item[0]["record_id"] == capture_id:
                    return
            elif kind == "problem":
                self.report.problems.append(item[0])
            else:  # the end
                self.crawl_files, read = item
                self.report.records_read += read
            if stop and stop():
                return

    def _rows(self, articles):
        """The article rows of ``articles``, up to their end (problems on the way are
        noted)."""
        for kind, *item in articles:
            if kind == "article":
                yield {key: value for key, value in item[0].items()
                       if key in self.columns or key.startswith("_")}
            elif kind == "problem":
                self.report.problems.append(item[0])
            else:
                self.report.records_read += item[0]  # the end
                return

    def articles(self, rows, articles: int) -> None:
        """Each capture's current conversion record, with its metadata record, as the article
        row the writer made of them, in the order they were captured."""
        for row, signature in self.signer.signed(rows, articles):
            page = row.pop("_page")
            self.captures_until(row["capture_id"])
            if self._has_capture(row):
                self.index.upsert_article(row, signature=signature)
                self.index.db.conn.execute(
                    "insert into counted_pages values (?, ?, ?, ?)",
                    [row["site"], row["fetched_at"], row["capture_id"], page])
                self.report.articles += 1

    def profiles(self) -> None:
        """Each site's profile counted again from its articles, as after a merge, with the
        pages the reader made of them (splitting and keying the texts' lines there was a fifth
        of the writer's work at 1,000 generated articles)."""
        conn = self.index.db.conn
        conn.execute("create index temp.counted_pages_order on counted_pages "
                     "(site, fetched_at, capture_id)")
        for (site,) in conn.execute("select distinct site from articles").fetchall():
            pages = conn.execute("select capture_id, page from counted_pages where site = ? "
                                 "order by fetched_at, capture_id", [site])
            self.index.recount_profile(site, ((capture_id, pickle.loads(page))
                                              for capture_id, page in pages))

    def _has_capture(self, row: dict) -> bool:
        """The article's capture is indexed; one read from a file outside ``warc/`` (a foreign
        WARC reprocessed here) is indexed from where its metadata record says it is."""
        source = row.pop("_source")
        if row["capture_id"] in self.captured or self.index.capture(row["capture_id"]):
            return True
        if source and Path(source["file"]).is_absolute() and Path(source["file"]).is_file():
            location = RecordLocation(source["file"], source["offset"], source["length"],
                                      row["capture_id"])
            with record_at(source["file"], source["offset"]) as record:
                if record.rec_headers.get_header("WARC-Record-ID") == row["capture_id"]:
                    self.index.add_capture_row(_capture_row(record, location, None,
                                                            _read(record)))
                    self.report.captures += 1
                    return True
        self.report.problems.append(f"{row['capture_id']} ({row['url']}): its capture is in no "
                                    "file of warc/ nor where its metadata says; no article")
        return False

    def hub_pages(self) -> None:
        """Captures a seed's article pattern rejects, and that hold no article: not-article,
        as the crawl said. Other pages without an article stay undecided (a later reprocess
        decides them); 404/410 of a URL that was an article are removals again."""
        db = self.index.db
        undecided = db.execute(
            "select record_id, url from captures c where record_type = 'response' and "
            "status = 200 and skip_reason is null and not exists "
            "(select 1 from articles a where a.capture_id = c.record_id)").fetchall()
        for record_id, url in undecided:
            seed = _seed(self.seeds, url)
            if seed and (seed.is_article_url(url) is False or url in seed.entry_urls
                         or url.endswith("/robots.txt")):
                self.index.mark_skipped(record_id, "not-article")
        # The first 404/410 after an article's last capture (an article back since is not
        # removed), as the crawl recorded it.
        gone = db.execute("select c.url, c.status, c.fetched_at, c.record_id from captures c "
                          "where c.status in (404, 410) and c.fetched_at > (select "
                          "max(a.fetched_at) from articles a where a.url = c.url) "
                          "order by c.fetched_at").fetchall()
        for url, status, fetched_at, record_id in gone:
            self.index.mark_removed(url, status, fetched_at, record_id)

    def crawls(self) -> None:
        """A row per crawl the raw files name, its counts made again from the captures."""
        db = self.index.db
        for crawl_id, started in sorted(self.crawl_files.items(), key=lambda item: item[1]):
            self.index.start_crawl(crawl_id, "news")
            counts: dict[str, int] = defaultdict(int)
            for url, status, article in db.execute(
                    "select c.url, c.status, a.capture_id is not null from captures c left "
                    "join articles a on a.capture_id = c.record_id where c.crawl_id = ?",
                    [crawl_id]):
                site = _site(self.seeds, url)
                if status:
                    counts[f"archive/sites/{site}/{str(status)[0]}xx"] += 1
                counts[f"archive/sites/{site}/articles"] += article
            self.index.finish_crawl(crawl_id, "rebuilt", dict(counts))
            finished = db.execute("select max(fetched_at) from captures where crawl_id = ?",
                                  [crawl_id]).fetchone()[0]
            db["crawls"].update(crawl_id, {"started_at": _seconds(started),
                                           "finished_at": _seconds(finished), "stats": None})
            db.execute("update site_crawls set started_at = ? where crawl_id = ?",
                       [_seconds(started), crawl_id])
            db.conn.commit()
            self.report.crawls += 1


def _capture_row(record, location: RecordLocation, crawl_id: str | None, read) -> dict:
    """``read``: the capture read from a response record, or the error it raised."""
    capture = read if isinstance(read, Capture) else None
    reason = read.reason if isinstance(read, CaptureError) else \
        status_skip_reason(capture.status) if capture else None
    return capture_row(record, location, crawl_id, capture, reason)


def _records(path: Path, types: tuple[bytes, ...], reader: _Reader):
    """Each record of ``path`` of one of ``types`` with where it is and what :func:`_read`
    made of it; a file unreadable past some point is named in the reader's problems, and
    what came before it is kept.

    Each gzip member is inflated whole and parsed from memory: warcio's reader, fed the
    compressed file, took twice as long as the rest of a reindex put together. Records of
    other types (a request, for each response) are not parsed at all."""
    found = Scan(gzip=True)
    loader = ArcWarcRecordLoader()
    try:
        for member in members(path, found, resync=True):
            kind = _TYPE.search(member.head, 0, member.head.find(b"\r\n\r\n"))
            reader.records_read += 1
            if kind and kind[1].lower() not in types:
                continue
            if member.size <= len(member.head):
                record = loader.parse_record_stream(io.BytesIO(member.head),
                                                    known_format="warc")
                read = _read(record)
            else:  # larger than a page ever is: read from the file, a piece at a time
                with record_at(path, member.offset) as record:
                    read = _read(record)
            yield record, RecordLocation(path.name, member.offset, member.length,
                                         record.rec_headers.get_header("WARC-Record-ID")), read
    # warcio raises what its parsing meets (ArchiveLoadFailed, ValueError, EOFError, ...)
    except Exception as exc:  # noqa: BLE001
        found.problem, found.detail = type(exc).__name__, str(exc)[:200]
    if found.problem:
        reader.problems.append(f"{path.name} unreadable past offset {found.end} "
                               f"({found.problem}: {found.detail})")
    reader.problems += _damaged(path, found)


def _damaged(path: Path, found: Scan) -> list[str]:
    """The stretches of ``path`` that are no gzip member, read past (their records are lost,
    the ones after them read)."""
    return [f"{path.name}: bytes {slot.offset} to {slot.offset + slot.length} are no whole gzip "
            f"member ({slot.detail}); the records after them are read" for slot in found.records]


def _warc_record(data) -> tuple[dict | None, bytes]:
    """A WARC record's header fields and its block (as far as ``data`` holds it)."""
    headers, start = _warc_headers(data)
    if headers is None:
        return None, b""
    return headers, bytes(data[start:start + int(headers.get("content-length") or 0)])


def _warc_headers(data) -> tuple[dict | None, int]:
    """A WARC record's header fields (names in lower case, as they are case-insensitive) and
    where its block starts; None if ``data`` does not start with a whole WARC header block.
    warcio's header parser alone: its record loader around it, made for any WARC file, was a
    third of the reindex of a small archive."""
    if b"\r\n\r\n" not in data:
        return None, 0
    stream = io.BytesIO(data)
    try:
        parsed = _HEADER_PARSER.parse(stream)
    except StatusAndHeadersParserException:
        return None, 0
    return {name.lower(): value for name, value in parsed.headers}, stream.tell()


_HEADER_PARSER = StatusAndHeadersParser(["WARC/1.1", "WARC/1.0"])


#: The largest derived record read: a page's text and metadata are bounded by the largest body
#: the crawl keeps (``DOWNLOAD_MAXSIZE``, 32 MiB); a record past twice that is not one the
#: archive wrote.
MAX_DERIVED_BYTES = 64 << 20
#: The records read of ``warc/`` (warcinfo: the crawl a file of captures belongs to).
CAPTURE_TYPES = (b"warcinfo", b"response", b"revisit")
_TYPE = re.compile(rb"\r\nWARC-Type:[ \t]*([a-z]+)", re.IGNORECASE)
#: The full-text index's triggers (sqlite-utils' names), left out of a bulk load.
FTS_TRIGGERS = ("articles_ai", "articles_ad", "articles_au")
#: Tables whose indexes are made once all rows are in (one sort each), but those the writes
#: look rows up by (:data:`LOOKED_UP`).
BULK_INDEXED = ("articles", "captures", "article_authors", "article_versions")
LOOKED_UP = ("idx_articles_url_fetched_at", "idx_article_versions_url_version")


@contextmanager
def _in_bulk(db):
    """Rows written without the full-text index's and the summaries' triggers, which are
    made once all are in, each in one pass (the triggers took about a quarter of a reindex),
    and without the indexes of :data:`BULK_INDEXED` no write looks rows up by, each made again
    in one sort, word for word."""
    left_out = db.execute(
        "select type, name, sql from sqlite_master where (type = 'trigger' and name in "
        f"({', '.join('?' * len(FTS_TRIGGERS))})) or (type = 'index' and tbl_name in "
        f"({', '.join('?' * len(BULK_INDEXED))}) and sql is not null and name not in "
        f"({', '.join('?' * len(LOOKED_UP))}))",
        [*FTS_TRIGGERS, *BULK_INDEXED, *LOOKED_UP]).fetchall()
    for kind, name, _ in left_out:
        db.execute(f"drop {kind} [{name}]")
    summaries.drop_tables(db)
    yield
    db.execute("insert into articles_fts (articles_fts) values ('rebuild')")
    for _, _, sql in left_out:
        db.execute(sql)
    summaries.create_tables(db)


#: Read the files in a second process while this one writes the index (where ``fork`` is safe
#: and there is a second core): on two cores, a reindex then takes about the time its writes
#: take.
READ_APART = sys.platform == "linux" and len(os.sched_getaffinity(0)) > 1
#: What the pipe from a reading process holds (Linux's default bound for a pipe): at the default
#: size, 64 KiB, six articles' rows, the reading process stopped whenever the writer lagged,
#: and the writer then waited for it (at 1,000 generated articles, 1 MiB: 670 against 693 ms,
#: medians of 14 in turn, and 5% less CPU).
PIPE_BYTES = 1 << 20
#: Items the reading process hands over at a time: few, so that the writer starts on the first
#: rows while the next are read (64 at a time, it waited 10 ms more of a small archive's 80).
HAND_OVER = 8


class _Forked:
    """The items of ``records`` read by a child process (a fork of this one, before it opened
    any database), handed over a pipe :data:`HAND_OVER` at a time; an error it meets is
    raised here. Closed, it is stopped if it has not finished."""

    def __init__(self, records):
        import fcntl  # here: Linux's, as READ_APART is

        read_end, write_end = os.pipe()
        with suppress(OSError):  # past the system's bound: the default size, then
            fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        self.pid = os.fork()
        if self.pid == 0:
            os.close(read_end)
            _hand_over(records, write_end)
        os.close(write_end)
        self.stream = open(read_end, "rb")  # noqa: SIM115 (closed by close())
        self.batch = iter(())
        self.finished = False

    def __iter__(self):
        return self

    def __next__(self):
        while not self.finished:
            for item in self.batch:
                return item
            try:
                sent = pickle.load(self.stream)
            except EOFError:
                raise ChildProcessError("the process reading the archive's files stopped "
                                        "before their end") from None
            if isinstance(sent, BaseException):
                raise sent
            if sent is None:
                self.finished = True
            else:
                self.batch = iter(sent)
        raise StopIteration

    def sent(self) -> bool:
        """Whether the reading process has sent anything yet (asked before any item is
        taken: what is read ahead of the items taken is not counted)."""
        return bool(select.select([self.stream], [], [], 0)[0])

    def close(self) -> None:
        self.stream.close()
        if not self.finished:
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)


def _hand_over(records, fd: int) -> None:
    """In the child: the items of ``records`` written to ``fd`` a batch at a time, then None
    (the end) or the error met; then the child exits, running nothing of its parent's."""
    status = 1
    try:
        with open(fd, "wb") as out:
            try:
                while batch := list(itertools.islice(records, HAND_OVER)):
                    pickle.dump(batch, out, pickle.HIGHEST_PROTOCOL)
                    out.flush()
                pickle.dump(None, out)
                status = 0
            except Exception as exc:  # noqa: BLE001 (raised in the parent)
                try:
                    sent = pickle.dumps(exc)
                except Exception:  # noqa: BLE001
                    sent = pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))
                out.write(sent)
    finally:
        os._exit(status)


#: Articles from which their copy signatures are taken from the helper process (for fewer,
#: waiting for it to be ready may cost more than it saves); and how many go to it at a time.
SIGN_APART_FROM, SIGN_BATCH = 300, 200


class _Signer:
    """Each row's copy signature: the one its metadata record keeps, else made again from its
    text. ``apart`` (records written before they kept signatures): made by a helper process
    while the rows before them are written (about a quarter of the work of such a reindex),
    started before the captures are read, so that it is ready when the rows are; not without a
    second core or for fewer than :data:`SIGN_APART_FROM` articles (each signature is then
    made as its row is written)."""

    def __init__(self, apart: bool):
        self.pool = None
        if apart and (os.cpu_count() or 1) >= 2:
            import multiprocessing  # here: archives written since signatures are kept need none
            from concurrent.futures import ProcessPoolExecutor

            # copies.signature, not a function of this module: the helper then imports
            # datasketch, not the cleaners this module's imports bring. A first signature
            # loads it now, while the captures are read.
            self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            self.pool.submit(copies.signature, " ".join(f"word{n}" for n in range(64)))

    def signed(self, rows, articles: int):
        """Each of ``rows`` with its signature (None: to be made as it is written)."""
        if self.pool is None or articles < SIGN_APART_FROM:
            yield from ((row, row.pop("_signature")) for row in rows)
            return
        pending = None
        while batch := list(itertools.islice(rows, SIGN_BATCH)):
            unsigned = [row["text"] or "" for row in batch if row["_signature"] is None]
            made = self.pool.map(copies.signature, unsigned, chunksize=SIGN_BATCH // 4)
            if pending:
                yield from _filled(*pending)
            pending = batch, made
        if pending:
            yield from _filled(*pending)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _filled(batch: list[dict], made):
    """The rows of ``batch`` with their signatures: kept, else the next of ``made``."""
    made = iter(made)
    for row in batch:
        kept = row.pop("_signature")
        yield row, next(made) if kept is None else kept


def _keeps_signatures(text_dir: Path) -> bool:
    """Whether the first metadata record of ``text/`` keeps its text's signature: records
    written since they do. If not (or if it cannot be read), the helper process is started."""
    files = sorted(text_dir.glob("*.warc.gz"))
    for member in members(files[0], Scan(gzip=True)) if files else ():
        headers, payload = _warc_record(member.head)
        if headers is None:
            return False
        if headers.get("warc-type") == "metadata":
            try:
                return "minhash" in json.loads(payload)
            except ValueError:
                return False
    return not files


def _read(record):
    """What the index needs of a record's payload: a warcinfo's fields (``name: value``
    lines), a response's capture (or why it cannot be read); None for others."""
    if record.rec_type == "warcinfo":
        fields = {}
        for line in record.content_stream().read().decode("utf-8", "replace").splitlines():
            name, _, value = line.partition(":")
            fields[name.strip()] = value.strip()
        return fields
    if record.rec_type != "response":
        return None
    try:
        return capture_from_record(record)
    except CaptureError as exc:
        return exc


def _seconds(moment: str | None) -> str | None:
    """A record's time as the index stamps rows (seconds, ``+00:00``)."""
    return moment[:19] + "+00:00" if moment else None


def _with_journals(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _swap(paths: ArchivePaths, building: Path) -> Path | None:
    """Put the new index in place of the old one, which is kept (with its write-ahead log) as
    ``index.db.bak``; at every moment, ``index.db`` is one whole index or the other."""
    connection = sqlite3.connect(building)  # in WAL mode, as every index, with its log empty:
    run_pragma(connection, "synchronous=FULL")  # one file, on the disk before it is put in
    run_pragma(connection, "journal_mode=wal")  # place
    run_pragma(connection, "wal_checkpoint(TRUNCATE)")
    connection.close()
    building.with_name(building.name + "-wal").unlink(missing_ok=True)
    building.with_name(building.name + "-shm").unlink(missing_ok=True)
    kept, had_index = paths.root / BACKUP, paths.index.exists()
    logs = [log for log in _with_journals(paths.index)[1:] if log.exists()]
    if had_index or logs:
        for old in _with_journals(kept):
            old.unlink(missing_ok=True)
    if had_index:
        os.link(paths.index, kept)
    # The old log belongs with the old index, not the new, even where the index itself was
    # lost: SQLite would play a log left beside the new index into it.
    for log in logs:
        os.replace(log, kept.with_name(kept.name + log.name.removeprefix(paths.index.name)))
    os.replace(building, paths.index)
    return kept if had_index else None
