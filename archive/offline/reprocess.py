"""Offline reprocessing: re-clean archived captures, ours or any tool's, without fetching.

The reading is streamed in this process (one record in memory at a time, plus a bounded queue of
captures waiting for a worker); cleaning runs in ``jobs`` worker processes through the same
:func:`archive.process.clean_capture` as the crawl; this process alone writes the derived records
and the index, a row only after its records are on disk.
"""

from __future__ import annotations

import io
import os
import uuid
from collections import Counter, deque
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from time import monotonic

from warcio.archiveiterator import ArchiveIterator
from zlib_ng import zlib_ng

from archive.process import Skipped, archive_document, clean_capture, host_of, reclean_site
from archive.settings import ARCHIVE_INDEX_COMMIT_INTERVAL
from archive.store.index import Index
from archive.store.lock import ArchiveLock
from archive.store.paths import ArchivePaths
from archive.store.profiles import ProfileCache
from archive.store.records import CaptureError, capture_from_record, status_skip_reason
from archive.store.warcfile import RecordLocation, RotatingWarcFile
from archive.store.warcscan import MAX_HEADER_BYTES, scan
from archive.workers import cleaning_pool

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")  # ARC: warcio reads it as WARC


@dataclass
class Problem:
    """Input that could not be read: named with its file and offset in the summary."""

    file: str
    offset: int
    reason: str
    detail: str = ""


@dataclass
class Report:
    files: int = 0
    bytes: int = 0
    records: int = 0
    articles: int = 0
    unchanged: int = 0
    recleaned: int = 0
    skipped: Counter = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    #: CPU seconds of the cleaning workers, stage by stage (``archive/cpu/clean/*``, as a crawl).
    cpu: Counter = field(default_factory=Counter)
    started: float = field(default_factory=monotonic)

    def problem(self, file, offset: int, reason: str, detail: str = "") -> None:
        """Count a skip; its detail is made printable (it may quote the bytes of a bad file)."""
        detail = "".join(c if c.isprintable() else repr(c)[1:-1] for c in detail)
        self.problems.append(Problem(str(file), offset, reason, detail))
        self.skipped[reason] += 1

    def summary(self) -> str:
        elapsed = max(monotonic() - self.started, 1e-9)
        lines = [f"{self.files} files, {self.bytes / 1e6:.1f} MB, {self.records} records in "
                 f"{elapsed:.1f} s ({self.records / elapsed:.0f} records/s, "
                 f"{self.bytes / 1e6 / elapsed:.1f} MB/s)",
                 f"articles written: {self.articles}, unchanged: {self.unchanged}, "
                 f"cleaned again with their site profile: {self.recleaned}"]
        if self.skipped:
            lines.append("skipped: " + ", ".join(f"{k} {v}" for k, v in
                                                 sorted(self.skipped.items())))
        lines += [f"  {p.reason} in {p.file} at offset {p.offset}" + (f": {p.detail}"
                  if p.detail else "") for p in self.problems]
        return "\n".join(lines)


def warc_files(inputs, default_dir: Path) -> list[Path]:
    """Files named, and WARC files found under folders named; the archive's own by default."""
    found = []
    for item in map(Path, inputs or [default_dir]):
        if item.is_dir():
            found += sorted(p for p in item.rglob("*") if p.name.endswith(WARC_SUFFIXES))
        else:
            found.append(item)
    return found


def read_captures(path: Path, report: Report, name: str, max_size: int):
    """Yield ``(record, capture)`` for each readable response record of one file; count the rest.

    The file is scanned first (:mod:`archive.store.warcscan`): each record is then read alone, from
    its own offset, so that a record warcio cannot parse, or one the scan refused, costs that
    record only, and nothing past a torn or foreign end is read at all.
    """
    found = scan(path, resync=True)  # a damaged record costs no other
    if found.problem:
        report.problem(path, found.end, found.problem, found.detail)
    base = report.bytes
    with open(path, "rb") as stream:
        for slot in found.records:
            report.bytes = base + slot.offset
            if slot.problem:
                report.problem(path, slot.offset, slot.problem, slot.detail)
                continue
            try:
                # Block digests catch a lying Content-Length (warcio reads that many bytes).
                records = ArchiveIterator(_record_stream(stream, slot, found.gzip, max_size),
                                          check_digests=True, arc2warc=found.arc)
                record = next(records)
                item = _capture(record, max_size)
                records.read_to_end(record)
            # warcio raises what its parsing meets: ArchiveLoadFailed, ValueError, EOFError, and
            # on a response record without WARC-Target-URI an AttributeError.
            except Exception as exc:  # noqa: BLE001
                report.problem(path, slot.offset, "bad-record",
                               f"unreadable record ({type(exc).__name__}: {str(exc)[:200]})")
                continue
            report.records += 1
            broken = [p for p in record.digest_checker.problems if p.startswith("block")]
            if broken:
                report.problem(path, slot.offset, "bad-block-digest", broken[0])
            elif isinstance(item, CaptureError):
                report.problem(path, slot.offset, item.reason, item.detail)
            elif item is not None:
                if found.arc:  # ARC records have no ids: one made of where the record is
                    item = replace(item, record_id=arc_record_id(name, slot.offset))
                location = RecordLocation(name, slot.offset, slot.length, item.record_id)
                yield record, replace(item, location=location)
            else:
                report.skipped[f"record-{record.rec_type}"] += 1
    report.bytes = base + path.stat().st_size
    report.files += 1


def _record_stream(stream, slot, gzipped: bool, max_size: int):
    """Where warcio reads the record at ``slot``: its gzip member inflated with zlib-ng (twice
    zlib's speed, and the scan has just found the member whole) when it holds at most
    ``max_size`` and a record's headers; else the file, at the record, for warcio to inflate as
    it reads (a bigger capture is cut at ``max_size`` there, and memory stays bounded)."""
    stream.seek(slot.offset)
    if gzipped and slot.length <= max_size:
        inflater = zlib_ng.decompressobj(wbits=31)
        data = inflater.decompress(stream.read(slot.length), max_size + MAX_HEADER_BYTES)
        if inflater.eof:
            return io.BytesIO(data)
        stream.seek(slot.offset)
    return stream


def arc_record_id(name: str, offset: int) -> str:
    """A stable id for an ARC record, so that reading the file again finds the same capture."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'arc:{name}#{offset}')}>"


def _capture(record, max_size: int):
    """A capture from a response record, the error it raised, or None for other records."""
    if record.rec_type != "response":
        return None
    try:
        return capture_from_record(record, None, max_size)
    except CaptureError as exc:
        return exc


class Reprocessor:
    """Feeds captures to the worker pool and writes results back, in input order."""

    def __init__(self, index: Index, derived: RotatingWarcFile, jobs: int, since: str | None,
                 seeds, report: Report, all_pages: bool = False,
                 replacing: dict[str, str] | None = None):
        self.index, self.derived, self.since, self.seeds, self.report = (
            index, derived, since, seeds, report)
        self.replacing = replacing or {}
        self.all_pages = all_pages
        self.pool = cleaning_pool(jobs) if jobs else None
        self.window = max(4, 4 * jobs)
        self.pending: deque[tuple] = deque()
        self.profiles = ProfileCache(index)
        self.site_rules: dict = {}

    def submit(self, record, capture, run_id: str) -> None:
        known = self.index.capture(capture.record_id)
        location = capture.location
        if known is not None and (known["warc_file"], known["warc_offset"]) != (
                location.filename, location.offset):
            # Another record under an archived record's id: its provenance stays the original's.
            self.report.problem(location.filename, location.offset, "duplicate-record-id",
                                f"{capture.record_id} is archived at {known['warc_file']} @ "
                                f"{known['warc_offset']}")
            return
        status_reason = status_skip_reason(capture.status)
        if known is None:
            self.index.add_capture(record, capture.location, run_id, capture, status_reason)
        if status_reason:  # a redirect, an error page: as the crawl decided when it fetched it
            self.report.skipped[status_reason] += 1
            return
        seed = next((s for s in self.seeds if s.allows(capture.url)), None)
        # The crawl's verdict on index pages stands; a seed's article pattern decides otherwise.
        if (seed.is_article_url(capture.url) is False) if seed else \
                (known is not None and known["skip_reason"] == "not-article"):
            self.report.skipped["not-article"] += 1
            return
        existing = self.index.article(capture.record_id)
        if existing and self.since and existing["cleaner_version"] == self.since:
            self.report.skipped["already-current"] += 1
            return
        site = existing["site"] if existing else seed.name if seed else host_of(capture.url)
        rules = seed.rules if seed else None
        self.site_rules.setdefault(site, rules)
        profile = self.profiles.get(site)
        # No seed and no earlier verdict: the page must say it is an article, as in a crawl.
        declared_only = not (seed or existing or self.all_pages)
        arguments = (capture, rules, profile, declared_only, self.derived.warcinfo_id)
        future = self.pool.submit(clean_capture, *arguments) if self.pool else \
            _done(clean_capture, *arguments)
        self.pending.append((capture, site, existing, future))
        while len(self.pending) > self.window:
            self._finish(*self.pending.popleft())

    def drain(self) -> None:
        while self.pending:
            self._finish(*self.pending.popleft())
        if self.pool:
            self.pool.shutdown()

    def _finish(self, capture, site, existing, future: Future) -> None:
        try:
            cleaned = future.result()
        except Skipped as exc:
            self.index.mark_skipped(capture.record_id, exc.reason)
            self.report.skipped[exc.reason] += 1
            return
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop the run
            location = capture.location
            self.report.problem(location.filename, location.offset, "cleaner-error",
                                f"{type(exc).__name__}: {exc}")
            return
        document = cleaned.document
        self.report.cpu.update(cleaned.cpu)
        if existing and existing["cleaner_version"] == document.cleaner_version and \
                existing["text_digest"] == document.text_digest:
            self.index.record_profile(site, document, capture.record_id)
            self.report.unchanged += 1
            return
        archive_document(capture, cleaned, site=site, derived=self.derived, index=self.index,
                         replaces=self.replacing.get(capture.record_id))
        self.report.articles += 1


def _done(function, *args) -> Future:
    """Run in this process and wrap the outcome like a worker's (``--jobs 0``, for debugging)."""
    future: Future = Future()
    try:
        future.set_result(function(*args))
    except Exception as exc:  # noqa: BLE001 - handed back exactly as a worker would
        future.set_exception(exc)
    return future


def reprocess(inputs, data_dir, *, jobs: int | None = None, since: str | None = None,
              seeds=(), max_size: int = 64 * 1024 * 1024, progress=None,
              rebuild_profiles: bool = False, all_pages: bool = False,
              only: set[str] | None = None, prefix: str = "newsarchive-text",
              input_names: dict[Path, str] | None = None,
              replacing: dict[str, str] | None = None) -> Report:
    """Re-clean the response records of ``inputs`` (the archive's ``warc/`` by default).

    ``rebuild_profiles`` forgets the site profiles first and counts them again from the
    records read; either way, articles the final profiles would clean further are cleaned again.
    ``only``: the record ids to clean (others are read past). ``prefix`` starts the derived
    files' names; ``input_names`` gives inputs the names the index calls them by (a URL for a file
    fetched from object storage). ``replacing``: the current conversion record of each
    capture, by record id, where it is another archive's (a cluster task's shard of it).
    """
    paths = ArchivePaths(data_dir)
    files = warc_files(inputs, paths.warc_dir)
    report = Report()
    jobs = (os.cpu_count() or 1) if jobs is None else jobs
    run_id = "reprocess-" + uuid.uuid4().hex[:12]
    with ArchiveLock(paths.lock):
        index = Index(paths.index, commit_every=ARCHIVE_INDEX_COMMIT_INTERVAL)
        names = [(input_names or {}).get(path) or name_in_index(path, paths) for path in files]
        sources = ", ".join(names[:20]) + (f" and {len(names) - 20} more" if len(names) > 20
                                           else "")
        derived = RotatingWarcFile(paths.text_dir, prefix, 1_000_000_000, info={
            "description": f"records derived by reprocessing ({run_id})",
            "source": f"the response records of {sources}"})
        index.start_crawl(run_id, "reprocess")
        if rebuild_profiles:
            index.forget_profiles()
        worker = Reprocessor(index, derived, jobs, since, list(seeds), report, all_pages,
                             replacing)
        outcome = "interrupted"
        try:
            for path, name in zip(files, names, strict=True):
                for record, capture in read_captures(path, report, name, max_size):
                    if only is None or capture.record_id in only:
                        worker.submit(record, capture, run_id)
                    if progress:
                        progress(report)
            worker.drain()
            for site, rules in worker.site_rules.items():
                report.recleaned += reclean_site(index, paths, derived, site, rules)
            outcome = "finished"
        finally:
            derived.close()
            try:
                index.finish_crawl(run_id, outcome, {
                    "reprocess/records": report.records, "reprocess/articles": report.articles,
                    "reprocess/unchanged": report.unchanged,
                    "reprocess/recleaned": report.recleaned,
                    **{"reprocess/skipped/" + k: v for k, v in report.skipped.items()},
                    **{"archive/cpu/clean/" + k: v for k, v in report.cpu.items()}})
                index.db["crawls"].update(run_id, {"pages": report.records,
                                                   "articles": report.articles})
                index.close()
            except BaseException:
                # A full disk: the rows not committed are dropped (the next run writes them);
                # the run stays 'running' until the next start marks it interrupted.
                index.abandon()
                raise
    return report


def name_in_index(path: Path, paths: ArchivePaths) -> str:
    """The archive's own files by name (as the crawl indexed them), others by absolute path."""
    path = path.resolve()
    return path.name if path.parent == paths.warc_dir.resolve() else str(path)
