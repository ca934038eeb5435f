"""What a shard must be before ``merge`` takes anything from it: a shard is untrusted input.

A worker's folder, or one a stranger handed over, may hold rows naming any path on the machine,
symlinks, files that are not WARC, JSON that does not parse, or record ids of captures the
archive already has. Every check here only reads; the first problem refuses the shard whole, in
one line, before anything is linked into the archive or added to its index.
"""

from __future__ import annotations

import filecmp
import json
import os
import sqlite3
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from archive.offline.reprocess import arc_record_id
from archive.store.index import is_busy, run_pragma
from archive.store.paths import ArchivePaths, is_regular_file, is_warc_name
from archive.store.warcfile import OPEN_SUFFIX
from archive.store.warcscan import MAX_HEADER_BYTES, scan

#: The tables a merge copies or reads rows from.
TABLES = ("crawls", "captures", "articles", "article_removals")
#: Columns that must hold a value: the keys, and where each record is.
REQUIRED = {
    "crawls": ("id",),
    "captures": ("record_id", "url", "fetched_at", "warc_file", "warc_offset", "warc_length",
                 "record_type"),
    "articles": ("capture_id", "url", "site", "fetched_at", "processed_at", "conversion_file",
                 "conversion_offset", "conversion_length", "conversion_id", "metadata_file",
                 "metadata_offset", "metadata_length"),
    "article_removals": ("url", "removed_at", "capture_id"),
}
_TYPES = {"TEXT": ("text", "null"), "INTEGER": ("integer", "null"),
          "FLOAT": ("real", "integer", "null"), "REAL": ("real", "integer", "null")}
#: Stats the summaries read as counts (``archive/sites/SITE/WHAT`` among them).
_COUNTED = ("archive/sites/", "archive/revisits/", "archive/page-limit/", "reprocess/",
            "downloader/")
#: The most of a conversion record inflated to compare it with its article's text.
_MAX_TEXT = 64 * 1024 * 1024


class MergeError(RuntimeError):
    """A shard that cannot be merged; the message is one line naming the shard and why."""


@dataclass
class Input:
    """A file a reprocessing task was given: its name in the index, and where it is here (None
    for a URL, whose copy the task removed)."""

    name: str
    path: Path | None


@dataclass
class CheckedShard:
    """A shard that passed: the files to bring (source, destination folder) and the input file
    whose captures' articles it may clean again (a reprocessing task's)."""

    paths: ArchivePaths
    files: list[tuple[Path, Path]] = field(default_factory=list)
    reprocessed: str | None = None


def check_layout(shard: ArchivePaths) -> set[Path]:
    """Before the shard is locked, recovered or opened: nothing in it may be a symlink (a lock
    file, index or WARC file could then be any file of the machine), what ``warc/`` and
    ``text/`` hold are plain WARC names of regular files, and the closed ones whole WARC files
    (recovery reads them). Returns those, checked."""
    whole = set()
    if not is_regular_file(shard.index):
        raise MergeError(f"{shard.root} is not an archive (no {shard.index.name} of its own)")
    for extra in ("index.db-wal", "index.db-shm", shard.lock.name):
        path = shard.root / extra
        if path.is_symlink() or (path.exists() and not is_regular_file(path)):
            _refuse(shard, f"{extra} is not a regular file")
    for folder in (shard.warc_dir, shard.text_dir):
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            _refuse(shard, f"{folder.name}/ is not a folder of its own")
        for path in sorted(folder.iterdir()) if folder.is_dir() else ():
            where = f"{folder.name}/{_show(path.name)}"
            if not is_regular_file(path):
                _refuse(shard, f"{where} is a symlink or not a regular file")
            if path.name.endswith((".warc.gz", ".warc.gz" + OPEN_SUFFIX)) and not is_warc_name(
                    path.name.removesuffix(OPEN_SUFFIX)):
                _refuse(shard, f"{where} is not a WARC file name the archive writes")
            if path.name.endswith(".warc.gz"):
                _check_whole(shard, path)
                whole.add(path)
    return whole


def check_shard(shard: ArchivePaths, db, target: ArchivePaths, names: dict, whole: set[Path],
                given: Input | None = None) -> CheckedShard:
    """Check a recovered shard against the archive (``db``: its index, the shard attached as
    ``shard``; ``names``: the files earlier shards bring, by name; ``whole``: its files found
    whole by :func:`check_layout`). ``given``: for a reprocessing task's shard, the input file
    its capture rows name."""
    checked = CheckedShard(shard, reprocessed=given.name if given else None)
    _check_schema(shard, db)
    files: dict[str, dict[str, Path]] = {"warc": {}, "text": {}}
    for kind, folder, into in (("warc", shard.warc_dir, target.warc_dir),
                               ("text", shard.text_dir, target.text_dir)):
        for path in sorted(folder.glob("*.warc.gz")) if folder.is_dir() else ():
            if path not in whole:  # closed or written by the shard's recovery
                _check_whole(shard, path)
            _check_file(shard, path, into / path.name, names)
            files[kind][path.name] = path
            checked.files.append((path, into))
    _check_values(shard, db)
    _check_links(shard, db)
    _check_collisions(shard, db)
    _check_records(shard, db, files, given)
    return checked


def _check_schema(shard, db) -> None:
    """The tables merged have the archive's columns, and the shard holds no view or trigger of
    its own (SQL that would run when its rows are read or written)."""
    for table in TABLES:
        mine = [(c[1], c[2]) for c in run_pragma(db.conn, f"main.table_info({table})")]
        theirs = [(c[1], c[2]) for c in run_pragma(db.conn, f"shard.table_info({table})")]
        if theirs != mine:
            _refuse(shard, f"its {table} table is not the archive's")
    ours = set(db.execute("select name, sql from main.sqlite_master where type = 'trigger'"))
    for kind, name, sql in db.execute("select type, name, sql from shard.sqlite_master "
                                      "where type in ('view', 'trigger')"):
        if kind == "view" or (name, sql) not in ours:
            _refuse(shard, f"its index holds a {kind} of its own ({_show(name)})")


def _check_whole(shard, path: Path) -> None:
    """A WARC file: gzip records the scan reads whole."""
    found = scan(path)
    bad = found.problem or next((s.problem for s in found.records if s.problem), None)
    if bad or not found.gzip:
        _refuse(shard, f"{path.parent.name}/{path.name} is not a whole WARC file "
                       f"({bad or 'not gzip'})")


def _check_file(shard, path: Path, destination: Path, names: dict) -> None:
    """No other file under its name, in the archive or an earlier shard."""
    for other in (names.get(path.name), destination):
        if other is None or not (other.is_symlink() or other.exists()):
            continue
        if not is_regular_file(other) or not (os.path.samefile(path, other) or
                                              filecmp.cmp(path, other, shallow=False)):
            _refuse(shard, f"{path.parent.name}/{path.name} differs from the file of that name "
                           f"already merged (give workers distinct names)")
    names[path.name] = path


def _check_values(shard, db) -> None:
    """Every column holds its declared type, keys and locations are there, JSON parses into
    what readers expect."""
    for table in TABLES:
        for _, column, declared, *_ in run_pragma(db.conn, f"shard.table_info({table})"):
            allowed = _TYPES.get(declared.upper())
            if allowed is None:
                continue
            if column in REQUIRED[table]:
                allowed = tuple(t for t in allowed if t != "null")
            row = db.execute(f"select typeof([{column}]) from shard.[{table}] where typeof("
                             f"[{column}]) not in ({', '.join('?' * len(allowed))}) limit 1",
                             allowed).fetchone()
            if row:
                _refuse(shard, f"{table}.{column} holds a {row[0]} value, not "
                               f"{' or '.join(allowed)}")
    for table, condition in (
            ("captures", "warc_offset < 0 or warc_length <= 0 or record_type not in "
                         "('response', 'revisit')"),
            ("articles", "conversion_offset < 0 or conversion_length <= 0 or "
                         "metadata_offset < 0 or metadata_length <= 0")):
        row = db.execute(f"select rowid from shard.{table} where {condition} limit 1").fetchone()
        if row:
            _refuse(shard, f"a row of {table} has an impossible offset, length or type")
    for capture_id, removed, guards in db.execute(
            "select capture_id, removed, guards from shard.articles"):
        problem = _removed_problem(removed) or _json_problem(guards, list, "guards")
        if problem:
            _refuse(shard, f"article {_show(capture_id)}: {problem}")
    for crawl_id, stats in db.execute("select id, stats from shard.crawls"):
        problem = _json_problem(stats, dict, "stats") or _stats_problem(stats)
        if problem:
            _refuse(shard, f"crawl {_show(crawl_id)}: {problem}")


def _json_problem(value, kind: type, column: str) -> str | None:
    if value is None:
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return f"{column} is not JSON"
    return None if isinstance(parsed, kind) else f"{column} is not a JSON {kind.__name__}"


def _removed_problem(removed) -> str | None:
    """What the cleaners cut: a list of objects, the site profile's with its text."""
    problem = _json_problem(removed, list, "removed")
    if problem or removed is None:
        return problem
    for cut in json.loads(removed):
        if not isinstance(cut, dict) or (cut.get("rule") == "site-profile" and
                                         not isinstance(cut.get("text"), str)):
            return "removed holds something other than a cut"
    return None


def _stats_problem(stats) -> str | None:
    for key, value in (json.loads(stats) if stats else {}).items():
        if not key.startswith(_COUNTED):
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"stats {_show(key)} is not a count"
        if key.startswith("archive/sites/") and "/" not in key.removeprefix("archive/sites/"):
            return f"stats {_show(key)} names no site and count"
    return None


def _check_links(shard, db) -> None:
    """Articles and removals belong to a capture of this shard, with its URL and time."""
    row = db.execute("select a.capture_id from shard.articles a left join shard.captures c on "
                     "c.record_id = a.capture_id where c.record_id is null or c.url != a.url "
                     "or c.fetched_at != a.fetched_at limit 1").fetchone()
    if row:
        _refuse(shard, f"article {_show(row[0])} has no capture of this shard with its URL")
    row = db.execute("select r.url from shard.article_removals r left join shard.captures c on "
                     "c.record_id = r.capture_id where c.record_id is null or c.url != r.url "
                     "limit 1").fetchone()
    if row:
        _refuse(shard, f"the removal of {_show(row[0])} has no capture of this shard")


def _check_collisions(shard, db) -> None:
    """A record id the archive (or an earlier shard) has is the same record at the same place;
    a place it has holds the same record."""
    for table in ("main.captures", "temp.captures_seen"):
        row = db.execute(f"select s.record_id, m.warc_file, m.warc_offset from shard.captures s "
                         f"join {table} m on m.record_id = s.record_id where m.warc_file != "
                         "s.warc_file or m.warc_offset != s.warc_offset limit 1").fetchone()
        if row:
            _refuse(shard, f"record id {_show(row[0])} is already archived at "
                           f"{_show(row[1])} @ {row[2]}")
        row = db.execute(f"select s.record_id from shard.captures s join {table} m on "
                         "m.warc_file = s.warc_file and m.warc_offset = s.warc_offset "
                         "where m.record_id != s.record_id limit 1").fetchone()
        if row:
            _refuse(shard, f"capture {_show(row[0])} claims the place of another record")


def remember(db) -> None:
    """Count a checked shard's captures in, for the checks of the shards after it."""
    db.execute("insert or ignore into temp.captures_seen select record_id, warc_file, "
               "warc_offset from shard.captures")


def start(db) -> None:
    db.execute("create temp table if not exists captures_seen (record_id text primary key, "
               "warc_file text, warc_offset integer, unique (warc_file, warc_offset))")


def _check_records(shard, db, files: dict, given: Input | None) -> None:
    """Each row's file, offset and length are a record of the shard's, with the row's ids (a
    reprocessing task's capture rows name the one input it was given)."""
    passes = (
        ("warc", "select warc_file, warc_offset, warc_length, record_type, record_id, url, "
                 "null, null, null from shard.captures order by warc_file, warc_offset"),
        ("text", "select conversion_file, conversion_offset, conversion_length, 'conversion', "
                 "conversion_id, url, capture_id, null, coalesce(text, '') from shard.articles "
                 "order by conversion_file, conversion_offset"),
        ("text", "select metadata_file, metadata_offset, metadata_length, 'metadata', null, "
                 "url, capture_id, conversion_id, null from shard.articles "
                 "order by metadata_file, metadata_offset"))
    for kind, query in passes:
        current, slots, stream = None, {}, None
        try:
            for name, offset, length, rec_type, record_id, url, refers, concurrent, text in \
                    db.execute(query):
                if kind == "warc" and given and name == given.name and name not in files[kind]:
                    _check_input(shard, given, offset, length, record_id)
                    continue
                if name not in files[kind]:
                    _refuse(shard, f"a row names {_show(name)}, not a file in its {kind}/")
                if name != current:
                    if stream:
                        stream.close()
                    current, path = name, files[kind][name]
                    slots = {slot.offset: slot.length for slot in scan(path).records}
                    stream = open(path, "rb")  # noqa: SIM115 - one file of a pass at a time
                if slots.get(offset) != length:
                    _refuse(shard, f"{_show(name)} has no record at offset {offset} "
                                   f"of length {length}")
                head = _head(stream, offset, length)
                expected = {"WARC-Type": rec_type, "WARC-Record-ID": record_id,
                            "WARC-Target-URI": url, "WARC-Refers-To": refers,
                            "WARC-Concurrent-To": concurrent}
                wrong = next((k for k, v in expected.items()
                              if v is not None and head.get(k.lower()) != v), None)
                if wrong:
                    _refuse(shard, f"the record at {_show(name)} @ {offset} is not the row's "
                                   f"({wrong} differs)")
                if text is not None and _payload(stream, offset, length) != text.encode():
                    _refuse(shard, f"the text of article {_show(refers)} is not the text of "
                                   f"its conversion record")
        finally:
            if stream:
                stream.close()


def _check_input(shard, given: Input, offset: int, length: int, record_id: str) -> None:
    """A capture in a reprocessing task's input: there, with its id (an ARC record's made of its
    place). A URL's copy is gone: its rows are taken by their name alone."""
    if given.path is None:
        return
    size = given.path.stat().st_size
    if offset + length > size:
        _refuse(shard, f"{_show(given.name)} ends before offset {offset} + {length}")
    with open(given.path, "rb") as stream:
        head = _head(stream, offset, length)
    if head.get("warc-record-id", arc_record_id(given.name, offset)) != record_id:
        _refuse(shard, f"the record at {_show(given.name)} @ {offset} is not {_show(record_id)}")


def _head(stream, offset: int, length: int) -> dict[str, str]:
    """The WARC headers of the gzip member at ``offset`` (lower-case names), read no further
    than they go; empty if it holds no WARC record."""
    stream.seek(offset)
    inflater = zlib.decompressobj(wbits=31)
    head, left = b"", length
    while left > 0 and b"\r\n\r\n" not in head and len(head) < MAX_HEADER_BYTES:
        data = stream.read(min(left, 1 << 16))
        if not data:
            break
        left -= len(data)
        try:
            while data and len(head) < MAX_HEADER_BYTES and b"\r\n\r\n" not in head:
                head += inflater.decompress(data, 1 << 16)
                data = inflater.unconsumed_tail
        except zlib.error:
            return {}
    lines = head.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace").split("\r\n")
    if not lines[0].startswith("WARC/"):
        return {}
    pairs = (line.split(":", 1) for line in lines[1:] if ":" in line)
    return {name.strip().lower(): value.strip() for name, value in pairs}


def _payload(stream, offset: int, length: int) -> bytes:
    """The block of a (derived, so small) record: what follows its WARC headers."""
    stream.seek(offset)
    try:
        data = zlib.decompressobj(wbits=31).decompress(stream.read(length), _MAX_TEXT)
    except zlib.error:
        return b""
    return data.split(b"\r\n\r\n", 1)[-1].removesuffix(b"\r\n\r\n")


def _show(value) -> str:
    """A value from the shard, quoted on one line and cut short."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _refuse(shard: ArchivePaths, problem: str):
    raise MergeError(f"shard {shard.root} refused: {problem}")


def unreadable(shard: ArchivePaths, exc: sqlite3.DatabaseError) -> MergeError:
    """The shard's index refused by SQLite: busy (another connection holds it past the wait)
    is not damaged, and running the merge again once it is free is enough."""
    if is_busy(exc):
        return MergeError(f"shard {shard.root} is busy: another connection holds its index "
                          f"({exc}); it is not damaged: run the merge again once it is free")
    return MergeError(f"shard {shard.root} refused: its index cannot be read ({exc})")


def open_shard(db, shard: ArchivePaths) -> None:
    """Attach the shard's index to the archive's connection, as ``shard``."""
    try:
        db.execute("attach database ? as shard", [str(shard.index)])
    except sqlite3.DatabaseError as exc:
        raise unreadable(shard, exc) from exc
