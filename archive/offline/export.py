"""Exports: the archive's articles as a text corpus (JSON Lines, or WET files as Common Crawl
writes them), and its captures as a WACZ package for replay tools.

Everything streams from the index, a row at a time; records are copied byte for byte from the
archive's own WARC files (each record is one gzip member at a known offset), so an exported
record's digests are the archived ones.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import sys
import tempfile
import traceback
from pathlib import Path

from archive import __version__
from archive.store.paths import ArchivePaths, is_regular_file

#: The current version of each article (its URL's newest version), with its provenance, in the
#: order of capture: rows stream from the articles' capture-time index (or the site's) from the
#: first one on, however large the archive.
CURRENT = """
select a.*, c.warc_file, c.warc_offset, c.warc_length, c.payload_digest, c.truncated
from articles a
join article_versions v on v.capture_id = a.capture_id
join captures c on c.record_id = a.capture_id
where {where}
  not exists (select 1 from article_versions newer
              where newer.url = v.url and newer.version > v.version)
order by a.fetched_at
"""
JSONL_FIELDS = ("url", "canonical_url", "site", "title", "author", "published", "language",
                "text", "word_count", "cleaner_version", "text_digest")


def current_articles(db, site: str | None = None, since: str | None = None):
    where = "".join(condition for condition, value in (
        ("a.site = :site and ", site), ("a.fetched_at >= :since and ", since)) if value)
    cursor = db.execute(CURRENT.format(where=where), {"site": site, "since": since})
    names = [column[0] for column in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


#: Where each article came from, as exported.
PROVENANCE = {"record_id": "capture_id", "warc_file": "warc_file", "warc_offset": "warc_offset",
              "warc_length": "warc_length", "payload_digest": "payload_digest",
              "truncated": "truncated", "conversion_id": "conversion_id",
              "conversion_file": "conversion_file", "conversion_offset": "conversion_offset"}


def exported(row: dict) -> dict:
    return {**{key: row[key] for key in JSONL_FIELDS}, "fetched_at": row["fetched_at"],
            "provenance": {name: row[column] for name, column in PROVENANCE.items()}}


def write_jsonl(rows, out) -> int:
    """One JSON object per article: its text, metadata and where it came from."""
    count = 0
    for row in rows:
        out.write(json.dumps(exported(row), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_parquet(rows, path: Path, batch: int = 1000) -> int:
    """The same records as a Parquet table (provenance as a struct column), written a row group
    of ``batch`` articles at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    text, number = pa.string(), pa.int64()
    schema = pa.schema(
        [(key, number if key == "word_count" else text) for key in JSONL_FIELDS]
        + [("fetched_at", text), ("provenance", pa.struct([
            (name, number if name in ("warc_offset", "warc_length", "conversion_offset")
             else text) for name in PROVENANCE]))])
    count, pending = 0, []
    with pq.ParquetWriter(path, schema) as writer:
        for row in rows:
            pending.append(exported(row))
            count += 1
            if len(pending) == batch:
                writer.write_table(pa.Table.from_pylist(pending, schema=schema))
                pending = []
        if pending or not count:
            writer.write_table(pa.Table.from_pylist(pending, schema=schema))
    return count


def write_wet(paths: ArchivePaths, rows, out) -> int:
    """A WET file: a warcinfo record, then the articles' conversion records, copied."""
    from warcio.warcwriter import WARCWriter

    from archive.store.warcfile import new_record_id

    writer = WARCWriter(out, gzip=True)
    warcinfo = writer.create_warcinfo_record(
        "newsarchive-export.warc.wet.gz", {
            "software": f"newsarchive/{__version__}", "format": "WARC File Format 1.1",
            "description": "Cleaned article text (conversion records) of a newsarchive "
                           "archive, the current version of each article"})
    warcinfo.rec_headers.replace_header("WARC-Record-ID", new_record_id())
    writer.write_record(warcinfo)
    count = 0
    for row in rows:
        out.write(_member(paths.locate(row["conversion_file"]), row["conversion_offset"],
                          row["conversion_length"]))
        count += 1
    return count


@contextlib.contextmanager
def whole_file(output: Path):
    """A path beside ``output`` to write the export to, put in its place only once written
    whole: an export stopped half-way (a full disk) leaves no file that looks complete."""
    partial = output.with_name(f".{output.name}.partial")
    try:
        yield partial
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)


def _closed_quietly(exc: BaseException) -> None:
    """Let go of what the frames of a failed call hold: the ``wacz`` tool leaves its zip file
    open when a write fails, and closing it then (at exit) fails again on the same full disk,
    a traceback after the command's one line."""
    hook, sys.unraisablehook = sys.unraisablehook, lambda unraisable: None
    try:
        traceback.clear_frames(exc.__traceback__)
        gc.collect()
    finally:
        sys.unraisablehook = hook


def write_wacz(paths: ArchivePaths, rows, out_path: Path, whole: bool) -> int:
    """A WACZ package (the ``wacz`` tool does the packaging, its CDXJ index included) of the raw
    captures, with ``pages.jsonl`` holding each article's title and cleaned text for search.
    ``whole``: the archive's WARC files as they are; else only these articles' records."""
    from wacz.main import main as wacz_main

    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        pages, selected = Path(tmp) / "pages.jsonl", Path(tmp) / "articles.warc.gz"
        with open(pages, "w", encoding="utf-8") as out, open(selected, "wb") as records:
            out.write(json.dumps({"format": "json-pages-1.0", "id": "pages",
                                  "title": "Articles", "hasText": True}) + "\n")
            for row in rows:  # one pass, a row at a time: memory stays flat
                out.write(json.dumps({
                    "id": row["capture_id"], "url": row["url"],
                    "ts": row["fetched_at"], "title": row["title"] or row["url"],
                    "text": row["text"]}, ensure_ascii=False) + "\n")
                if not whole:
                    records.write(_member(paths.source(row["warc_file"]), row["warc_offset"],
                                          row["warc_length"]))
                count += 1
        warcs = sorted(str(p) for p in paths.warc_dir.glob("*.warc.gz")
                       if is_regular_file(p)) if whole else [str(selected)]
        with contextlib.redirect_stdout(io.StringIO()) as said:
            try:
                failed = wacz_main(["create", "-o", str(out_path), "-p", str(pages), "-c",
                                    "--title", "newsarchive export", *warcs])
            except OSError as exc:
                _closed_quietly(exc)
                raise
        if failed:
            raise RuntimeError(f"wacz create failed: {said.getvalue()[-500:]}")
    return count


def _member(path: Path, offset: int, length: int) -> bytes:
    with open(path, "rb") as stream:
        stream.seek(offset)
        data = stream.read(length)
    if len(data) != length:
        raise OSError(f"{path} ends before {offset} + {length}")
    return data
