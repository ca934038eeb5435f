"""An archive damaged in ways a long-running deployment meets, beyond a torn last record: an
index lost with its write-ahead log left behind, an index emptied, a gzip member damaged in
the middle of a WARC file. Rebuilt by ``newsarchive reindex``, nothing is lost but what the
damaged bytes held; a read of a lost index names the cure."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import pytest
from _archive_checks import run_crawl

from archive.offline.reindex import reindex
from archive.offline.reprocess import Report, read_captures
from archive.store.paths import ArchivePaths
from archive.store.warcscan import scan
from spiders._seeds import load_seed


@pytest.fixture(scope="module")
def crawled(sample_seeds, tmp_path_factory):
    data = tmp_path_factory.mktemp("damaged") / "data"
    run_crawl(sample_seeds, data)
    return data


def _count(index, table: str) -> int:
    db = sqlite3.connect(index)
    try:
        return db.execute(f"select count(*) from {table}").fetchone()[0]
    finally:
        db.close()


def test_an_index_lost_beside_its_write_ahead_log_is_rebuilt_whole(crawled, sample_seeds,
                                                                   tmp_path):
    """``index.db`` gone, its ``-wal`` left: the log is no part of the rebuilt index (SQLite
    would play its pages into it, a malformed schema); it is kept aside as the old one's."""
    data = tmp_path / "data"
    shutil.copytree(crawled, data)
    index = data / "index.db"
    writer = sqlite3.connect(index)
    writer.execute("pragma wal_autocheckpoint=0")
    with writer:
        writer.execute("update articles set title = title || ' (edited)'")
    log = (data / "index.db-wal").read_bytes()  # a log with frames, as a crash leaves it
    writer.close()
    index.unlink()
    (data / "index.db-wal").write_bytes(log)

    report = reindex(data, seeds=[load_seed(p) for p in sample_seeds])
    assert report.articles == 71 and report.kept is None
    db = sqlite3.connect(index)
    assert db.execute("pragma integrity_check").fetchone() == ("ok",)
    assert db.execute("select count(*) from articles where title like '%(edited)'").fetchone() \
        == (0,)
    db.close()
    assert (data / "index.db.bak-wal").read_bytes() == log


@pytest.mark.parametrize("folder", ["warc", "text"])
def test_a_gzip_member_damaged_mid_file_costs_its_record_alone(folder, crawled, sample_seeds,
                                                                tmp_path):
    """Bytes flipped inside one record's gzip member, half-way through the file: reindex names
    the damaged bytes and reads every record after them (before, it stopped there, and half
    the archive's captures and articles were not rebuilt)."""
    data = tmp_path / "data"
    shutil.copytree(crawled, data)
    (path,) = getattr(ArchivePaths(data), f"{folder}_dir").glob("*.warc.gz")
    slots = scan(path).records
    damaged = slots[len(slots) // 2]
    whole = bytearray(path.read_bytes())
    for at in range(damaged.offset + 30, damaged.offset + min(damaged.length, 230)):
        whole[at] ^= 0x5A
    path.write_bytes(bytes(whole))

    report = reindex(data, seeds=[load_seed(p) for p in sample_seeds])
    named = [p for p in report.problems if p.startswith(f"{path.name}: bytes {damaged.offset} ")]
    assert len(named) == 1, report.problems
    # One record lost: a capture with its article, or an article's derived record.
    assert _count(data / "index.db", "captures") >= _count(crawled / "index.db", "captures") - 1
    assert _count(data / "index.db", "articles") >= _count(crawled / "index.db", "articles") - 1

    if folder == "warc":  # reprocess reads on past it too
        found = Report()
        read = list(read_captures(path, found, path.name, 1 << 25))
        assert [p.reason for p in found.problems] == ["bad-gzip"], found.problems
        assert found.problems[0].offset == damaged.offset
        assert len(read) >= _count(crawled / "index.db", "captures where record_type = "
                                   "'response'") - 1


@pytest.mark.parametrize("how", ["missing", "empty"])
def test_a_lost_index_is_one_line_that_names_reindex(crawled, sample_seeds, tmp_path, how):
    """``index.db`` deleted, or cut to nothing, beside WARC files: reading the archive says
    that its index is lost and how to rebuild it, rather than showing an empty archive (an
    empty file was silently made a new, empty index); a crawl does not start on a new index,
    which would fetch every page again in full and leave the archive's articles out of it."""
    data = tmp_path / "data"
    shutil.copytree(crawled, data)
    if how == "missing":
        (data / "index.db").unlink()
    else:
        (data / "index.db").write_bytes(b"")
    for arguments in (["stats"], ["export", "articles", tmp_path / "out.jsonl"],
                      ["crawl", *sample_seeds]):
        result = subprocess.run([sys.executable, "-m", "archive", *map(str, arguments), "--data",
                                 str(data)], capture_output=True, text=True, timeout=120)
        assert result.returncode == 1, (arguments, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
        assert f"reindex --data {data}" in lines[0], lines
    assert (data / "index.db").exists() == (how == "empty")  # nothing made in its place
    assert not (data / "index.db").exists() or not (data / "index.db").stat().st_size


def test_an_open_file_damaged_mid_way_keeps_the_records_after_the_damage(crawled, sample_seeds,
                                                                         tmp_path):
    """A crash leaves ``warc/``'s file open, its last record torn and, by a fault of the disk,
    a gzip member damaged half-way: recovery cuts the torn record alone and keeps the records
    after the damage (it cut the file at the damage, destroying half the archive's captures)."""
    data = tmp_path / "data"
    shutil.copytree(crawled, data)
    (path,) = ArchivePaths(data).warc_dir.glob("*.warc.gz")
    slots = scan(path).records
    damaged = slots[len(slots) // 2]
    whole = bytearray(path.read_bytes())
    for at in range(damaged.offset + 30, damaged.offset + min(damaged.length, 230)):
        whole[at] ^= 0x5A
    torn = slots[-1].offset + slots[-1].length // 2
    path.with_name(path.name + ".open").write_bytes(bytes(whole[:torn]))
    path.unlink()

    report = reindex(data, seeds=[load_seed(p) for p in sample_seeds])
    assert path.stat().st_size == slots[-1].offset  # the torn record alone cut
    assert any(p.startswith(f"{path.name}: bytes {damaged.offset} ") for p in report.problems)
    assert report.captures >= _count(crawled / "index.db", "captures") - 2
