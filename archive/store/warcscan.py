"""Where a WARC file's records are, checked before warcio reads any of them.

warcio trusts what it reads: a torn last gzip member passes unnoticed (warcio#138), a header line
of a gigabyte is read into memory whole, and inside gzip a Content-Length larger than the member
is taken at its word. This scan finds each record's offset and length with bounded memory, and
names what is wrong with those it will not hand to warcio, so that every record is read, and
fails, alone: one bad record never costs the records after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zlib_ng import zlib_ng

#: The most a record's headers (WARC and HTTP together) may take. Real ones take a few KB.
MAX_HEADER_BYTES = 1 << 20
_CHUNK = 1 << 16
_CONTENT_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d+)[ \t]*\r?$")
#: An ARC (v1) record's header line: URL, IP address, date, content type, length.
_ARC_HEADER = re.compile(rb"^(\S+) (\S+) (\d{14}) (\S+) (\d+)\r?\n")
#: The first bytes of a gzip member (its magic number and the deflate method).
_GZIP_MAGIC = re.compile(rb"\x1f\x8b\x08")
_HTTP_BLOCK = re.compile(rb"(?im)^content-type:[ \t]*application/http")


@dataclass(frozen=True)
class Slot:
    """One record: where it starts and how many bytes of the file it takes; ``problem`` names
    why it must not be read (``oversized-header``, ``short-record``)."""

    offset: int
    length: int
    problem: str | None = None
    detail: str = ""


@dataclass
class Scan:
    records: list[Slot] = field(default_factory=list)
    #: The records are ARC, the format before WARC (warcio reads them as WARC).
    arc: bool = False
    #: Each record is a gzip member of its own.
    gzip: bool = False
    #: Where the readable records end; ``problem`` says why it is before the end of the file.
    end: int = 0
    problem: str | None = None
    detail: str = ""


def scan(path, max_header: int = MAX_HEADER_BYTES, resync: bool = False) -> Scan:
    """``resync``: read on past a damaged gzip member (see :func:`members`), for readers that
    must lose no record but the damaged ones; recovery and the shard checks keep the default,
    the end of what reads whole."""
    with open(path, "rb") as stream:
        magic = stream.read(5)
    if magic[:2] == b"\x1f\x8b":
        return _scan_gzip(path, max_header, resync)
    if magic == b"WARC/":
        return _scan_plain(path, max_header)
    if magic == b"filed":  # filedesc://, the first record of an ARC file
        return _scan_plain_arc(path, max_header)
    return Scan(problem="not-warc", detail="neither WARC nor ARC records, gzipped or not")


@dataclass(frozen=True)
class Member:
    """One gzip member: where it starts, how many bytes of the file it takes, its first
    ``2 * max_header`` bytes inflated (the whole record, when ``size`` is no more) and its size
    inflated."""

    offset: int
    length: int
    head: bytes
    size: int


def members(path, found: Scan, max_header: int = MAX_HEADER_BYTES, resync: bool = False):
    """Each gzip member of ``path`` in turn, inflated a bounded piece at a time to its
    end-of-stream marker (zlib-ng: twice zlib's speed). ``found.end`` is moved past each once
    the caller asks for the next; where they stop before the end of the file, ``found.problem``
    says why. ``resync``: bytes that are no whole gzip member (flipped bits, a piece cut out)
    become a :class:`Slot` of ``found.records`` with problem ``bad-gzip``, and the members
    from the next one that starts a WARC record are read: one damaged record of a file never
    costs the records after it."""
    with open(path, "rb") as stream:
        while True:
            stream.seek(found.end)
            inflater = zlib_ng.decompressobj(wbits=31)
            pieces, kept, size, fed = [], 0, 0, 0
            try:
                while not inflater.eof:
                    data = stream.read(_CHUNK)
                    if not data:
                        if fed:
                            found.problem = "truncated-gzip"
                            found.detail = "the last gzip member is cut short"
                        return
                    fed += len(data)
                    while data and not inflater.eof:
                        out = inflater.decompress(data, _CHUNK)
                        data = inflater.unconsumed_tail
                        size += len(out)
                        if kept < 2 * max_header:
                            pieces.append(out[:2 * max_header - kept])
                            kept += len(pieces[-1])
            except zlib_ng.error as exc:
                following = _next_member(stream, found.end + 1) if resync else None
                if following is None:
                    found.problem, found.detail = "bad-gzip", f"not a gzip member: {exc}"
                    return
                found.records.append(Slot(found.end, following - found.end, "bad-gzip",
                                          f"not a gzip member: {exc}"))
                found.end = following
                continue
            length = fed - len(inflater.unused_data)
            yield Member(found.end, length, b"".join(pieces), size)
            found.end += length


def _next_member(stream, start: int) -> int | None:
    """Where the first gzip member at or past ``start`` begins that inflates to the start of a
    WARC record; None if none does."""
    position = start
    while True:
        stream.seek(position)
        window = stream.read(_CHUNK + 2)
        if len(window) < 3:
            return None
        for match in _GZIP_MAGIC.finditer(window):
            stream.seek(position + match.start())
            try:
                head = zlib_ng.decompressobj(wbits=31).decompress(stream.read(_CHUNK), 8)
            except zlib_ng.error:
                continue
            if head.startswith(b"WARC/"):
                return position + match.start()
        position += len(window) - 2


def _scan_gzip(path, max_header: int, resync: bool = False) -> Scan:
    found = Scan(gzip=True)
    for member in members(path, found, max_header, resync):
        offset, length, head, size = member.offset, member.length, member.head, member.size
        if offset == 0 and _ARC_HEADER.match(head):
            found.arc = True
        if found.arc and _ARC_HEADER.match(head):
            found.records.append(_check_arc(offset, length, head, size, max_header))
        elif not found.arc and head.startswith(b"WARC/"):
            found.records.append(_check(offset, length, head, size, max_header))
        else:
            found.problem = "not-warc"
            found.detail = "a gzip member that holds no WARC (or ARC) record"
            break
    return found


def _walk(path, found: Scan):
    """``(stream, first bytes, file size)`` at each record start of an uncompressed file:
    ``found.end``, which the caller moves past the record, until the file ends."""
    with open(path, "rb") as stream:
        file_size = stream.seek(0, 2)
        while found.end < file_size:
            stream.seek(found.end)
            yield stream, stream.read(_CHUNK), file_size


def _scan_plain(path, max_header: int) -> Scan:
    """Read each record's headers and jump over its block by its Content-Length."""
    found = Scan()
    for stream, head, file_size in _walk(path, found):
        if not _headers_end(head):  # rare: long headers; read as far as they may go
            head += stream.read(2 * max_header - len(head))
        if not head.strip(b"\r\n"):
            found.end = file_size  # blank lines at the end of the file
            break
        slot = _check(found.end, None, head, file_size - found.end, max_header)
        if not head.startswith(b"WARC/") or slot.length is None:
            found.problem = slot.problem or "bad-record"
            found.detail = slot.detail or "no WARC record starts here"
            break
        found.records.append(slot)
        # A short record: the file ends inside it.
        found.end = file_size if slot.problem == "short-record" else found.end + slot.length
    return found


def _scan_plain_arc(path, max_header: int) -> Scan:
    """An uncompressed ARC file: a header line, then that many bytes, then a newline."""
    found = Scan(arc=True)
    for _, head, file_size in _walk(path, found):
        body = head.lstrip(b"\r\n")
        found.end += len(head) - len(body)  # the newlines between records
        if not body:
            continue
        match = _ARC_HEADER.match(body)
        if match is None:
            found.problem, found.detail = "bad-record", "no ARC record starts here"
            break
        length = match.end() + int(match[5])
        found.records.append(_check_arc(found.end, length, body, file_size - found.end,
                                        max_header))
        found.end += length
    return found


def _check_arc(offset: int, length: int, head: bytes, size: int, max_header: int) -> Slot:
    """An ARC record: the length its header line declares must be there."""
    match = _ARC_HEADER.match(head)
    block = int(match[5])
    if size < match.end() + block:
        return Slot(offset, length, "short-record",
                    f"length {block}, the record holds {max(0, size - match.end())}")
    if block and head.find(b"\r\n\r\n", match.end()) < 0 and block >= max_header and \
            len(head) >= match.end() + max_header:
        return Slot(offset, length, "oversized-header",
                    f"no end of the HTTP headers in the first {max_header} bytes")
    return Slot(offset, length)


def _headers_end(head: bytes) -> bool:
    """Both header blocks (WARC, and HTTP when there is one) end within ``head``."""
    end = head.find(b"\r\n\r\n")
    return end >= 0 and (not _HTTP_BLOCK.search(head[:end + 2]) or
                         head.find(b"\r\n\r\n", end + 4) >= 0)


def _check(offset: int, length: int | None, head: bytes, size: int, max_header: int) -> Slot:
    """One record from the start of its bytes (``head``) and their size; ``length`` is its
    gzip member's (None: work it out from the headers, for an uncompressed file)."""
    end = head.find(b"\r\n\r\n")
    if end < 0 or end > max_header:
        return Slot(offset, length, "oversized-header",
                    f"no end of the WARC headers in the first {max_header} bytes")
    declared = _CONTENT_LENGTH.search(head[:end + 2])
    block = int(declared[1]) if declared else 0
    if length is None:
        length = end + 4 + block + 4  # headers, blank line, block, two CRLFs
    if size < end + 4 + block:
        return Slot(offset, length, "short-record",
                    f"Content-Length {block}, the record holds {max(0, size - end - 4)}")
    if _HTTP_BLOCK.search(head[:end + 2]) and block > 0:
        http_end = head.find(b"\r\n\r\n", end + 4, end + 4 + block)
        if http_end < 0 and min(block, len(head) - end - 4) >= max_header:
            return Slot(offset, length, "oversized-header",
                        f"no end of the HTTP headers in the first {max_header} bytes")
    return Slot(offset, length)
