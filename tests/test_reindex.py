"""``newsarchive reindex``: the index rebuilt from warc/ and text/ alone gives the rows the
archive had; a damaged index is named, with its cure, by every command that opens it."""

from __future__ import annotations

import ast
import json
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from _archive_checks import assert_consistent, run_crawl

from archive.offline import reindex as reindex_module
from archive.offline.reindex import reindex
from archive.store.index import Index, counted_page
from archive.store.paths import ArchivePaths
from spiders._seeds import load_seed

#: Tables compared row by row, by their key: everything the rows of articles make.
TABLES = {"articles": "capture_id", "captures": "record_id", "article_versions": "capture_id",
          "article_removals": "url", "copy_groups": "capture_id",
          "article_copies": "capture_id, copy_id", "article_days": "site, day, published, language",
          "cut_rule_sites": "rule, site", "copy_group_sizes": "group_id"}
#: Groups merged into another leave a row of none, in whatever order the copies were found.
WHERE = {"copy_group_sizes": "articles > 0"}
#: When a row was written, not what it says: the rebuilt row has its record's time instead.
MOVING = {"processed_at"}
#: What the cleaner said of a page without an article: not in any record.
VERDICTS = ("binary", "no-text")


def rows(data, table: str, ignored=frozenset()) -> dict:
    db = sqlite3.connect(ArchivePaths(data).index)
    db.row_factory = sqlite3.Row
    key = TABLES[table]
    found = {tuple(row[k.strip()] for k in key.split(",")): {
        k: v for k, v in dict(row).items() if k not in MOVING | ignored}
        for row in db.execute(f"select * from {table} where {WHERE.get(table, '1')}")}
    db.close()
    return found


def groups(data) -> tuple[dict, list]:
    """Each article's group of copies as its members, and the groups' sizes: a group is named
    after one of its articles, whichever the copy search met first."""
    db = sqlite3.connect(ArchivePaths(data).index)
    members: dict[str, set] = {}
    found = db.execute("select capture_id, group_id from copy_groups").fetchall()
    for capture_id, group in found:
        members.setdefault(group, set()).add(capture_id)
    sizes = sorted(n for (n,) in db.execute("select articles from copy_group_sizes "
                                            "where articles > 0"))
    db.close()
    return {capture_id: frozenset(members[group]) for capture_id, group in found}, sizes


def assert_same(before, after, ignored=frozenset()) -> None:
    """``ignored``: columns left out of the comparison."""
    assert groups(before) == groups(after)
    for table in TABLES.keys() - {"copy_groups", "copy_group_sizes"}:
        old, new = rows(before, table, ignored), rows(after, table, ignored)
        if table == "captures":  # a cleaner's verdict is not in the records: it stays open
            old = {key: {**row, "skip_reason": None if row["skip_reason"] in VERDICTS
                         else row["skip_reason"]} for key, row in old.items()}
        assert old.keys() == new.keys(), table
        for key, row in old.items():
            assert row == new[key], (table, key, {c: (v, new[key][c]) for c, v in row.items()
                                                  if v != new[key][c]})


@pytest.fixture(scope="module")
def crawled(sample_seeds, tmp_path_factory):
    data = tmp_path_factory.mktemp("reindex") / "data"
    run_crawl(sample_seeds, data)
    return data


@pytest.mark.parametrize(("signing", "reading"), [("inline", "apart"), ("apart", "apart"),
                                                  ("inline", "here")])
def test_the_demo_archive_rebuilt_has_the_same_rows(signing, reading, crawled, sample_seeds,
                                                    tmp_path, monkeypatch):
    """Signing ``apart``: the copy signatures made by a helper process, in batches, as in an
    archive of more articles. Reading ``apart``: the files read by a second process (where
    there is a second core), ``here``: by the one that writes the index."""
    if signing == "apart":
        monkeypatch.setattr(reindex_module, "SIGN_APART_FROM", 1)
        monkeypatch.setattr(reindex_module, "SIGN_BATCH", 16)
    monkeypatch.setattr(reindex_module, "READ_APART", reading == "apart")
    monkeypatch.setattr(reindex_module, "HAND_OVER", 5)  # many batches, the last one short
    data = tmp_path / "data"
    shutil.copytree(crawled, data)
    report = reindex(data, seeds=[load_seed(p) for p in sample_seeds])
    assert report.articles == 71 and report.crawls == 1 and not report.problems
    assert_same(crawled, data)
    assert_consistent(data)
    assert (data / "index.db.bak").read_bytes() == (crawled / "index.db").read_bytes()
    crawl = sqlite3.connect(data / "index.db").execute(
        "select outcome, pages, articles from crawls").fetchall()
    assert crawl == [("rebuilt", 93, 71)]
    # Built without a write-ahead log, put in place in WAL mode, as every index is, alone.
    assert sqlite3.connect(data / "index.db").execute("pragma journal_mode").fetchone() == \
        ("wal",)
    assert not list(data.glob("index.db.new*"))
    # The site profiles from the pages the reading made: as counted again from the rows.
    recounted = tmp_path / "recounted.db"
    shutil.copy(data / "index.db", recounted)
    index = Index(recounted)
    index.forget_profiles()
    for (site,) in index.db.execute("select distinct site from articles").fetchall():
        index.recount_profile(site)
    index.close()
    assert profiles(data / "index.db") == profiles(recounted)
    assert len(profiles(recounted)["site_pages"]) > 60


def test_an_index_is_rebuilt_while_every_frame_is_held(crawled, sample_seeds, tmp_path):
    """Whatever holds the frames of the thread that rebuilds (a Dask worker's profiler,
    tests/test_index_open.py): no PRAGMA of the rebuild leaves a statement active, which would
    fail its every commit."""
    from test_index_open import frames_held

    data = tmp_path / "data"
    shutil.copytree(crawled, data)
    with frames_held():
        report = reindex(data, seeds=[load_seed(p) for p in sample_seeds])
    assert report.articles == 71 and not report.problems
    assert_same(crawled, data)


def profiles(path) -> dict:
    """The site profiles' rows, but when each was counted."""
    db = sqlite3.connect(path)
    found = {table: db.execute(f"select {columns} from {table} order by 1, 2, 3").fetchall()
             for table, columns in (("site_pages", "rowid, site, story, capture_id"),
                                    ("site_blocks", "site, key, pages, first_page, text"),
                                    ("site_habits", "site, kind, value, pages, first_page"))}
    db.close()
    return found


def test_a_new_index_looks_profile_pages_up_by_capture(tmp_path):
    """The index reindex builds is new, without statistics: counting a page into its site's
    profile must look the site's pages up by capture, not read every page of the site counted so
    far through the site's index (quadratic in a site's pages), as SQLite chose with none."""
    index = Index(tmp_path / "index.db")
    statements: list[str] = []
    index.db.conn.set_trace_callback(statements.append)
    for n, who in enumerate(("council", "minister", "union")):
        page = counted_page({"text": f"The {who} opened with a sentence long enough to be taken "
                                     "for prose by the site profile.\nA second line."})
        assert index.record_profile("example.com", page, f"<urn:uuid:{n}>")
    index.db.conn.set_trace_callback(None)
    lookups = {sql for sql in statements if sql.lstrip().startswith("select")
               and ("from site_pages" in sql or "join site_pages" in sql)}
    assert len(lookups) == 6  # whether the page is counted, whether its copies are; three pages
    for sql in lookups:
        plan = [detail for *_, detail in index.db.conn.execute(f"explain query plan {sql}")]
        assert any("USING INDEX idx_site_pages_capture_id" in detail for detail in plan), plan
        assert not any("idx_site_pages_site" in detail for detail in plan), plan
    index.close()


def test_versions_copies_and_removals_rebuilt(tmp_path):
    """Two crawls of a site that edits its articles, one taken down, all telling one story."""
    from test_versions import FIRST, edited_archive

    data, origin, seed = edited_archive(tmp_path)
    copy = tmp_path / "copy"
    shutil.copytree(data, copy)
    reindex(copy, seeds=[load_seed(seed)])
    assert_same(data, copy)
    db = sqlite3.connect(copy / "index.db")
    assert db.execute("select count(*) from article_versions where version > 1").fetchone()[0] \
        == 3
    assert db.execute("select url from article_removals").fetchall() == [
        (origin + "/news/4.html",)]
    # The five pages tell one story: each capture of both crawls, but the page taken down.
    assert db.execute("select max(articles) from copy_group_sizes").fetchone()[0] == \
        2 * len(FIRST) - 1

    # Records written before metadata records kept the copy signatures: each made again from
    # its text, the same copies found (the derived records, rewritten, are at other offsets).
    old = tmp_path / "old"
    shutil.copytree(data, old)
    assert without_signatures(ArchivePaths(old).text_dir) >= db.execute(
        "select count(*) from articles").fetchone()[0]
    reindex(old, seeds=[load_seed(seed)])
    assert_same(data, old, ignored=DERIVED_PLACES)


def schema(path) -> list:
    db = sqlite3.connect(path)
    found = db.execute("select type, name, tbl_name, sql from sqlite_master where name not "
                       "like 'sqlite_stat%' order by type, name").fetchall()  # not statistics
    names = db.execute("select migration_set, name from _sqlite_migrations order by id").fetchall()
    db.close()
    return [found, names]


def test_the_rebuilt_index_has_the_schema_its_migrations_give(crawled, tmp_path, monkeypatch):
    """The new index is made from the squashed schema, not by every migration in turn: the
    same tables, indexes and triggers, word for word, and the same migrations recorded. Also
    when migrations were added since the schema was squashed: they are applied on top."""
    from archive.offline import squash
    from archive.store import squashed

    Index(tmp_path / "migrated.db").close()
    data = tmp_path / "data"
    shutil.copytree(crawled, data)
    reindex(data)
    assert schema(data / "index.db") == schema(tmp_path / "migrated.db")

    # A schema squashed before the last migration: it runs as the new index is opened.
    from sqlite_utils import Database

    from archive.store.index import migrations

    older = Database(tmp_path / "older.db")
    migrations.apply(older, stop_before=squashed.MIGRATIONS[-1])
    older.close()
    names, statements = squash.schema_of(tmp_path / "older.db")
    assert names == list(squashed.MIGRATIONS[:-1])
    monkeypatch.setattr(squashed, "MIGRATIONS", tuple(names))
    monkeypatch.setattr(squashed, "STATEMENTS", tuple(statements))
    shutil.rmtree(data)
    shutil.copytree(crawled, data)
    reindex(data)
    assert schema(data / "index.db") == schema(tmp_path / "migrated.db")


def test_the_squashed_schema_names_every_migration():
    """A migration added since the schema was squashed still runs on every new index (right,
    but each reindex pays for it, as for all of them before): squash it again with
    ``python -m archive.offline.squash``."""
    from sqlite_utils import Database

    from archive.store import squashed
    from archive.store.index import migrations

    every = [migration.name for migration in migrations.pending(Database(memory=True))]
    assert list(squashed.MIGRATIONS) == every, "run python -m archive.offline.squash"


def test_an_error_met_reading_the_files_stops_the_reindex(crawled, tmp_path, monkeypatch):
    """An error the reading process meets (a file it cannot open) is raised by reindex as if
    it were read in one process; the old index stays in place."""
    data = tmp_path / "data"
    shutil.copytree(crawled, data)

    def unreadable(reader, name, offset, length):
        raise PermissionError(13, "Permission denied", name)

    monkeypatch.setattr(reindex_module._Reader, "_read", unreadable)
    with pytest.raises(PermissionError, match="Permission denied"):
        reindex(data)
    assert (data / "index.db").read_bytes() == (crawled / "index.db").read_bytes()
    assert not (data / "index.db.bak").exists()


#: Where an article's derived records are in their files.
DERIVED_PLACES = frozenset({"conversion_offset", "conversion_length", "metadata_offset",
                            "metadata_length"})


def without_signatures(text_dir) -> int:
    """Rewrite the derived files as they were before metadata records kept the copy signature
    (``minhash``); return how many metadata records lost theirs."""
    import gzip
    import json

    from archive.store.warcfile import gzip_member
    from archive.store.warcscan import Scan, members

    rewritten = 0
    for path in text_dir.glob("*.warc.gz"):
        whole, parts = path.read_bytes(), []
        for member in members(path, Scan(gzip=True)):
            raw = whole[member.offset:member.offset + member.length]
            head, _, block = gzip.decompress(raw).partition(b"\r\n\r\n")
            if b"\r\nWARC-Type: metadata\r\n" in head:
                data = json.loads(block)
                del data["minhash"]
                block = json.dumps(data, ensure_ascii=False, sort_keys=True,
                                   indent=1).encode("utf-8")
                lines = [line for line in head.split(b"\r\n") if not line.startswith(
                    (b"Content-Length:", b"WARC-Block-Digest:", b"WARC-Payload-Digest:"))]
                raw = gzip_member(b"\r\n".join([*lines, b"Content-Length: %d" % len(block)])
                                  + b"\r\n\r\n" + block + b"\r\n\r\n")
                rewritten += 1
            parts.append(raw)
        path.write_bytes(b"".join(parts))
    return rewritten


def test_the_metadata_records_keep_each_texts_signature(crawled, tmp_path):
    """Each metadata record keeps the copy signature of its record's text, so that reindex
    reads it instead of making it again: ``newsarchive reindex`` loads no datasketch (nor its
    scipy), and nothing else it does not use."""
    from archive.store.copies import signature, signature_from_text
    from archive.store.warcfile import record_at

    text_dir = ArchivePaths(crawled).text_dir
    db = sqlite3.connect(crawled / "index.db")
    kept = 0
    for text, name, offset in db.execute("select text, metadata_file, metadata_offset from "
                                         "articles"):
        with record_at(text_dir / name, offset) as record:
            stored = json.loads(record.content_stream().read())["minhash"]
        made = signature(text)
        if made is None:
            assert stored is None
        else:
            assert list(signature_from_text(stored)) == list(made)
            kept += 1
    assert kept > 60  # the demo's articles, but a few too short to be compared

    data = tmp_path / "data"
    shutil.copytree(crawled, data)
    result = subprocess.run([sys.executable, "-c", (
        "import atexit, runpy, sys; atexit.register(lambda: print(sorted({name.split('.')[0] "
        "for name, module in sys.modules.items() if module}))); sys.argv[0] = 'newsarchive'; "
        "runpy.run_module('archive', run_name='__main__')"), "reindex", "--data", data],
        capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    assert "71 articles" in result.stdout
    loaded = set(ast.literal_eval(result.stdout.splitlines()[-1]))
    assert "sqlite_utils" in loaded and "warcio" in loaded  # what the lines are made of
    # Nor what the cleaning needs, nor what libraries only try to import (numpy, fsspec).
    assert not loaded & {"datasketch", "scipy", "trafilatura", "langdetect", "extruct", "scrapy",
                         "numpy", "fsspec"}


def newsarchive(*arguments) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "archive", *map(str, arguments)],
                          capture_output=True, text=True, timeout=240)


def damage(index, how: str) -> None:
    size = os.path.getsize(index)
    if how == "truncated":
        os.truncate(index, size // 3)
        return
    with open(index, "r+b") as stream:  # garbage over every other page past the schema
        for offset in range(4096 * 3, size, 4096 * 2):
            stream.seek(offset)
            stream.write(os.urandom(4096))


@pytest.mark.parametrize("how", ["truncated", "garbage"])
def test_a_damaged_index_is_one_line_that_names_reindex(crawled, sample_seeds, tmp_path, how):
    data = tmp_path / "data"
    shutil.copytree(crawled, data)
    damage(data / "index.db", how)
    for arguments in (["stats"], ["export", "articles", tmp_path / "out.jsonl"],
                      ["crawl", *sample_seeds]):
        result = newsarchive(*arguments, "--data", data)
        assert result.returncode == 1, (arguments, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
        assert "index is damaged" in lines[0] and f"reindex --data {data}" in lines[0]
    seeds = str(sample_seeds[0].parent / "*.toml")
    result = newsarchive("reindex", "--data", data, "--seeds", seeds)
    assert result.returncode == 0, result.stderr
    assert "the old index is kept as" in result.stdout
    assert_same(crawled, data)
    assert newsarchive("stats", "--data", data).returncode == 0


def test_captures_of_any_size_are_indexed_from_their_records(tmp_path):
    """A page larger than what is inflated into memory at once (read from the file instead)
    and a small one, each with its request record, under the crawl its warcinfo names."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from archive.store.warcscan import MAX_HEADER_BYTES, scan

    warc = tmp_path / "data" / "warc" / "newsarchive-1.warc.gz"
    warc.parent.mkdir(parents=True)
    pages = {"http://127.0.0.1/big.html": b"<p>" + b"x" * (3 * MAX_HEADER_BYTES) + b"</p>",
             "http://127.0.0.1/small.html": b"<p>small</p>"}
    with open(warc, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record(warc.name, {"isPartOf": "crawl-1"}))
        for url, body in pages.items():
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                               ("Content-Length", str(len(body)))],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", http_headers=http,
                                                          payload=io.BytesIO(body)))
            writer.write_record(writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""), length=0,
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "127.0.0.1")])))
    report = reindex(tmp_path / "data")
    assert report.captures == 2 and report.records_read == 5 and not report.problems
    slots = {(slot.offset, slot.length) for slot in scan(warc).records}
    db = sqlite3.connect(tmp_path / "data" / "index.db")
    rows = db.execute("select url, status, mime, content_length, crawl_id, warc_offset, "
                      "warc_length from captures order by url").fetchall()
    assert [row[:5] for row in rows] == [
        (url, 200, "text/html", len(body), "crawl-1") for url, body in sorted(pages.items())]
    assert {row[5:] for row in rows} <= slots


def test_a_derived_record_that_inflates_past_its_bound_is_named_and_the_rest_rebuilt(
        crawled, tmp_path):
    """A metadata record swapped for a gzip bomb of the same headers (80 MiB of spaces in a
    few KB): that article is one problem in the report, never held whole; every other article
    is rebuilt."""
    import gzip
    import zlib

    data = tmp_path / "data"
    shutil.copytree(crawled, data)
    capture_id, name, offset, length = sqlite3.connect(data / "index.db").execute(
        "select capture_id, metadata_file, metadata_offset, metadata_length from articles "
        "order by capture_id limit 1").fetchone()
    path = ArchivePaths(data).text_dir / name
    whole = path.read_bytes()
    head = gzip.decompress(whole[offset:offset + length]).split(b"\r\n\r\n", 1)[0]
    size = 80 << 20
    head = b"\r\n".join(line if not line.lower().startswith(b"content-length:")
                        else b"Content-Length: %d" % size for line in head.split(b"\r\n"))
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = packer.compress(head + b"\r\n\r\n") + b"".join(
        packer.compress(b" " * (1 << 20)) for _ in range(size >> 20))
    bomb += packer.compress(b"\r\n\r\n") + packer.flush()
    assert len(bomb) < 200_000  # a thousandth of what it inflates to
    path.write_bytes(whole[:offset] + bomb + whole[offset + length:])

    report = reindex(data)
    assert report.articles == 70
    assert len(report.problems) == 1
    assert "inflates past 64 MiB" in report.problems[0] and capture_id in report.problems[0]
    rebuilt = sqlite3.connect(data / "index.db")
    assert rebuilt.execute("select count(*) from articles where capture_id = ?",
                           [capture_id]).fetchone()[0] == 0
    assert rebuilt.execute("select count(*) from captures where record_id = ?",
                           [capture_id]).fetchone()[0] == 1


@pytest.mark.parametrize("tail", [b"\x1f\x8b garbage, not gzip", b"gzip of no WARC record"])
def test_a_derived_file_unreadable_past_a_point_is_named_and_what_came_before_rebuilt(
        crawled, tmp_path, tail):
    """Bytes past the last record of ``text/`` that are no gzip member, or a gzip member that
    holds no WARC record: the file and the offset are named, every article is rebuilt."""
    import gzip

    data = tmp_path / "data"
    shutil.copytree(crawled, data)
    (path,) = ArchivePaths(data).text_dir.glob("*.warc.gz")
    size = path.stat().st_size
    with open(path, "ab") as stream:
        stream.write(tail if tail.startswith(b"\x1f\x8b") else gzip.compress(tail + b"\r\n\r\n"))
    report = reindex(data)
    assert report.articles == 71 and len(report.problems) == 1
    assert report.problems[0].startswith(f"{path.name} unreadable past offset {size} (")
