"""A rotating WARC file: ``.warc.gz.open`` while written, renamed on close, a gzip member a record.

warcio serialises every record; this module only decides which file it goes to and where it sits,
so each caller learns the exact (file, offset, length) of what it wrote.
"""

from __future__ import annotations

import io
import os
import socket
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter
from zlib_ng import zlib_ng

from archive import __version__

OPEN_SUFFIX = ".open"
#: zlib's default level, as gzip(1) and Heritrix use. warcio's writer uses 9, which costs half as
#: much time again on real pages (5.9 against 3.8 ms for 175 KB) for 0.5% smaller files.
#: Compressed with zlib-ng, which writes standard gzip at the same level in about half the time
#: of zlib (1.44 against 2.69 ms a page on 266 real pages of 215 KB, 0.9% larger): the crawl
#: compresses every response on its reactor thread.
GZIP_LEVEL = 6


@dataclass(frozen=True)
class RecordLocation:
    """Where a record landed: enough to seek to it and read it back."""

    filename: str
    offset: int
    length: int
    record_id: str


def record_bytes(record) -> bytes:
    """Serialise one warcio record as its own gzip member."""
    return gzip_member(plain_record_bytes(record))


def plain_record_bytes(record) -> bytes:
    """Serialise one warcio record, uncompressed."""
    buffer = io.BytesIO()
    WARCWriter(buffer, gzip=False, warc_version="1.1").write_record(record)
    return buffer.getvalue()


def gzip_member(data: bytes) -> bytes:
    """``data`` as one gzip member: a record per member, so any record can be read alone."""
    compressor = zlib_ng.compressobj(GZIP_LEVEL, zlib_ng.DEFLATED, zlib_ng.MAX_WBITS + 16)
    return compressor.compress(data) + compressor.flush()


def new_record_id() -> str:
    """The WARC-Record-ID of a record written now: an RFC 9562 UUIDv7 URN. Its leading bits are
    the time, so the index's B-trees keyed by record id grow at their end as crawls write, where
    random (version 4) ids took a page anywhere in each large one per row."""
    import uuid6  # here: its version lookup at import reads the installed packages' metadata
    # (9 ms of CPU), which commands that only read records (reindex) need not pay

    return f"<{uuid6.uuid7().urn}>"


def record_builder() -> WARCWriter:
    """A warcio writer used only to build records (WARC/1.1, digests computed by warcio)."""
    return WARCWriter(io.BytesIO(), gzip=True, warc_version="1.1")


class RotatingWarcFile:
    """Append records to ``{prefix}-{timestamp}-{serial}-{host}.warc.gz``, rotating by size."""

    def __init__(self, directory, prefix: str, max_size: int, *, fsync: bool = False,
                 info: dict | None = None):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.prefix = prefix
        self.max_size = max_size
        self.fsync = fsync
        self.info = {"software": f"newsarchive/{__version__}", "format": "WARC File Format 1.1",
                     "hostname": socket.gethostname(), **(info or {})}
        self.serial = 0
        self._file = None
        self._name = None
        #: The record id of the current file's warcinfo record.
        self.warcinfo_id: str | None = None
        self.closed_files: list[str] = []

    @property
    def current_name(self) -> str | None:
        return self._name

    def write(self, *records) -> list[RecordLocation]:
        """Write warcio records back to back in one file."""
        return self.write_serialized(
            [(record_bytes(r), r.rec_headers.get_header("WARC-Record-ID")) for r in records])

    def ready(self, size: int) -> str:
        """Make room for ``size`` more bytes (a new file if this one would grow past its size)
        and return the id of the warcinfo record of the file they will land in."""
        if self._file is None or self._file.tell() + size > self.max_size:
            self._rotate()
        return self.warcinfo_id

    def write_serialized(self, blobs: list[tuple[bytes, str]]) -> list[RecordLocation]:
        """Append records already serialised by :func:`record_bytes`, as ``(bytes, record id)``.

        All land in the same file (a request/response pair never straddles two), then are flushed;
        after :meth:`ready` made room for them, in the file it named.
        """
        self.ready(sum(len(blob) for blob, _ in blobs))
        start = offset = self._file.tell()
        locations = []
        for blob, record_id in blobs:
            locations.append(RecordLocation(self._name, offset, len(blob), record_id))
            offset += len(blob)
        self._append(b"".join(blob for blob, _ in blobs), start)
        return locations

    def _append(self, data: bytes, start: int) -> None:
        """Write ``data`` at ``start`` whole, or not at all: a write the disk refuses half-way
        (a full disk) is cut back off, so the file still ends with a complete record and the
        caller, told by the error, indexes nothing."""
        try:
            view = memoryview(data)
            while view:  # unbuffered: a short write is retried, never left in a buffer
                view = view[self._file.write(view):]
            if self.fsync:
                os.fsync(self._file.fileno())
        except OSError:
            os.ftruncate(self._file.fileno(), start)  # never needs space
            self._file.seek(start)
            raise

    def _rotate(self) -> None:
        if self._file is not None:
            self.close()
        self.serial += 1
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")[:17]
        self._name = f"{self.prefix}-{stamp}-{self.serial:05d}-{socket.gethostname()}.warc.gz"
        self._file = open(self.directory / (self._name + OPEN_SUFFIX), "wb",  # noqa: SIM115
                          buffering=0)
        builder = record_builder()
        warcinfo = builder.create_warcinfo_record(self._name, self.info)
        warcinfo.rec_headers.replace_header("WARC-Record-ID", new_record_id())
        self.warcinfo_id = warcinfo.rec_headers.get_header("WARC-Record-ID")
        try:
            self._append(record_bytes(warcinfo), 0)
        except OSError:  # not even the warcinfo fits: no file, the next write tries a new one
            self._file.close()
            (self.directory / (self._name + OPEN_SUFFIX)).unlink()
            self._file = self.warcinfo_id = None
            raise

    def close(self) -> None:
        """Close the current file and drop its ``.open`` suffix: from then on it is final."""
        if self._file is None:
            return
        self._file.close()
        os.replace(self.directory / (self._name + OPEN_SUFFIX), self.directory / self._name)
        self.closed_files.append(self._name)
        self._file = None


@contextmanager
def record_at(path, offset: int):
    """Yield the warcio record that starts at ``offset`` of ``path`` (read it inside the block)."""
    with open(path, "rb") as stream:
        stream.seek(offset)
        yield next(iter(ArchiveIterator(stream)))
