"""A shard is untrusted input to ``merge``: crafted shards on disk (a real crawl's archive, then
its index and files tampered with) are refused whole, in one line, the archive left as it was and
no file outside touched; recovery never follows a symlink; the raw view never serves a file
outside the archive."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from _archive_checks import run_crawl, serving

from archive.offline.cluster import reprocess_shard
from archive.offline.merge import merge
from archive.offline.shardcheck import Input, MergeError
from archive.store.index import Index
from archive.store.paths import ArchivePaths
from archive.store.recovery import recover

TABLES = ("crawls", "captures", "articles", "article_removals", "article_versions")


@pytest.fixture(scope="module")
def crawls(sample_seeds, tmp_path_factory):
    """Two crawls of the sample sites: the archive merged into, and a worker's shard."""
    base = tmp_path_factory.mktemp("crawls")
    for name in ("target", "shard"):
        run_crawl(sample_seeds, base / name)
    return base


@pytest.fixture
def setup(crawls, tmp_path):
    """Fresh copies of both, and a folder outside them holding a WARC file of their kind."""
    for name in ("target", "shard"):
        shutil.copytree(crawls / name, tmp_path / name)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(next((crawls / "shard" / "warc").glob("*.warc.gz")), outside / "x.warc.gz")
    return tmp_path / "target", tmp_path / "shard", outside


def snapshot(data: Path):
    """The archive's rows and files (bytes, and which are symlinks)."""
    db = sqlite3.connect(data / "index.db")
    rows = {t: sorted(map(repr, db.execute(f"select * from {t}"))) for t in TABLES}
    db.close()
    files = {str(p.relative_to(data)): (p.is_symlink(), p.is_file() and
                                        hashlib.sha256(p.read_bytes()).hexdigest())
             for folder in ("warc", "text") for p in sorted((data / folder).iterdir())}
    return rows, files


def digest(folder: Path):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def run_merge(shard, target, seeds) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "archive", "merge", str(shard), "--data",
                           str(target), "--seeds", str(Path(seeds[0]).parent / "*.toml")],
                          capture_output=True, text=True, timeout=240)


def assert_refused(setup, seeds, message: str) -> None:
    target, shard, outside = setup
    before, outside_before = snapshot(target), digest(outside)
    result = run_merge(shard, target, seeds)
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    # One line says why (a shard's recovery may have logged what it met before it).
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 1 and result.stderr.strip().endswith(errors[0]), result.stderr
    assert str(shard) in errors[0] and message in errors[0], errors[0]
    assert snapshot(target) == before
    assert digest(outside) == outside_before


def tamper(shard: Path, sql: str, *params) -> None:
    db = sqlite3.connect(shard / "index.db")
    with db:
        db.execute(sql, params)
    db.close()


FIRST_CAPTURE = "(select min(rowid) from captures where record_type = 'response')"
FIRST_ARTICLE = "(select min(rowid) from articles)"


def test_an_honest_shard_merges(setup, sample_seeds):
    target, shard, _ = setup
    result = run_merge(shard, target, sample_seeds)
    assert result.returncode == 0, result.stderr
    assert "1 shards merged: 2 files" in result.stdout


def test_a_shard_whose_index_is_in_use_is_busy_not_damaged(setup, sample_seeds):
    """Another connection holds the shard's index locked (exclusive locking, as a program that
    keeps a database to itself) past the wait: the merge stops in one line that says the shard
    is busy and a rerun is enough, sends no one to rebuild anything, and changes nothing; once
    the index is free, the rerun merges it."""
    target, shard, _ = setup
    holder = sqlite3.connect(shard / "index.db", isolation_level=None)
    assert holder.execute("pragma locking_mode=exclusive").fetchall() == [("exclusive",)]
    holder.execute("begin exclusive")
    try:
        assert_refused(setup, sample_seeds, "is busy: another connection holds its index "
                                            "(database is locked); it is not damaged: run the "
                                            "merge again")
    finally:
        holder.close()
    result = run_merge(shard, target, sample_seeds)
    assert result.returncode == 0, result.stderr
    assert "1 shards merged: 2 files" in result.stdout


@pytest.mark.parametrize(("sql", "value", "message"), [
    (f"update captures set warc_file = ? where rowid = {FIRST_CAPTURE}",
     "../../../outside/x.warc.gz", "not a file in its warc/"),
    (f"update captures set warc_file = ? where rowid = {FIRST_CAPTURE}",
     "OUTSIDE", "not a file in its warc/"),
    (f"update articles set conversion_file = ? where rowid = {FIRST_ARTICLE}",
     "/etc/passwd", "not a file in its text/"),
    (f"update articles set metadata_file = ? where rowid = {FIRST_ARTICLE}",
     "../index.db", "not a file in its text/"),
], ids=["parent-folders", "absolute-path", "etc-passwd", "metadata-outside"])
def test_rows_naming_files_outside_the_shard_are_refused(setup, sample_seeds, sql, value,
                                                         message):
    outside = setup[2] / "x.warc.gz"
    tamper(setup[1], sql, str(outside) if value == "OUTSIDE" else value)
    assert_refused(setup, sample_seeds, message)


def test_a_symlinked_warc_file_is_refused(setup, sample_seeds):
    target, shard, outside = setup
    (shard / "warc" / "newsarchive-evil.warc.gz").symlink_to(outside / "x.warc.gz")
    assert_refused(setup, sample_seeds, "is a symlink")


def test_a_symlinked_open_file_is_never_cut(setup, sample_seeds):
    target, shard, outside = setup
    torn = outside / "torn.warc.gz"
    torn.write_bytes((outside / "x.warc.gz").read_bytes()[:1359])
    (shard / "warc" / "newsarchive-evil.warc.gz.open").symlink_to(torn)
    assert_refused(setup, sample_seeds, "is a symlink")
    assert torn.stat().st_size == 1359


@pytest.mark.parametrize("name", ["crawl.lock", "text"])
def test_other_symlinks_in_a_shard_are_refused(setup, sample_seeds, name):
    target, shard, outside = setup
    place = shard / name
    if place.is_dir():
        shutil.rmtree(place)
    else:
        place.unlink(missing_ok=True)
    place.symlink_to(outside / "x.warc.gz" if name == "crawl.lock" else outside)
    assert_refused(setup, sample_seeds, "not a")


def test_record_ids_of_the_archive_never_replace_its_articles(setup, sample_seeds):
    target, shard, _ = setup
    ours = sqlite3.connect(target / "index.db")
    url, genuine = ours.execute("select url, capture_id from articles order by url").fetchone()
    before = ours.execute("select title, text from articles where capture_id = ?",
                          [genuine]).fetchone()
    ours.close()
    # A shard's own capture of that URL, renamed to the archive's record id, with a later time.
    db = sqlite3.connect(shard / "index.db")
    with db:
        (theirs,) = db.execute("select capture_id from articles where url = ?", [url]).fetchone()
        db.execute("update captures set record_id = ? where record_id = ?", [genuine, theirs])
        db.execute("update articles set capture_id = ?, title = 'HIJACKED', text = 'HIJACKED', "
                   "processed_at = '9999-01-01' where capture_id = ?", [genuine, theirs])
    db.close()
    assert_refused(setup, sample_seeds, "is already archived at")

    # The archive's own rows and files, handed back as a shard with a later, other title: the
    # same records, so nothing is refused, and nothing is replaced either.
    copy = shard.parent / "copy"
    shutil.copytree(target, copy)
    tamper(copy, "update articles set title = 'HIJACKED', processed_at = '9999-01-01'")
    result = run_merge(copy, target, sample_seeds)
    assert result.returncode == 0, result.stderr
    ours = sqlite3.connect(target / "index.db")
    assert ours.execute("select title, text from articles where capture_id = ?",
                        [genuine]).fetchone() == before
    assert not ours.execute("select 1 from articles where title = 'HIJACKED'").fetchone()


@pytest.mark.parametrize(("sql", "value", "message"), [
    (f"update articles set removed = ? where rowid = {FIRST_ARTICLE}", "[{oops",
     "removed is not JSON"),
    (f"update articles set removed = ? where rowid = {FIRST_ARTICLE}",
     '[{"rule": "site-profile", "text": 3}]', "removed holds something other than a cut"),
    ("update crawls set stats = ?", "{oops", "stats is not JSON"),
    ("update crawls set stats = ?", '{"archive/sites/x": 1}', "names no site"),
    (f"update articles set word_count = ? where rowid = {FIRST_ARTICLE}", "many",
     "holds a text value"),
    (f"update captures set warc_offset = warc_offset + ? where rowid = {FIRST_CAPTURE}", 1,
     "has no record at offset"),
    (f"update articles set conversion_id = ? where rowid = {FIRST_ARTICLE}", "<urn:uuid:x>",
     "WARC-Record-ID differs"),
    (f"update articles set text = ? where rowid = {FIRST_ARTICLE}", "HIJACKED",
     "is not the text of its conversion record"),
    (f"update articles set capture_id = ? where rowid = {FIRST_ARTICLE}", "<urn:uuid:y>",
     "has no capture of this shard"),
    ("create trigger evil after insert on captures begin select ?; end", None,
     "a trigger of its own"),
], ids=["removed-json", "removed-cut", "stats-json", "stats-site", "type", "offset",
        "conversion-id", "text", "orphan-article", "trigger"])
def test_bad_fields_are_refused_before_anything_is_merged(setup, sample_seeds, sql, value,
                                                          message):
    if value is None:
        tamper(setup[1], sql.replace("?", "1"))
    else:
        tamper(setup[1], sql, value)
    assert_refused(setup, sample_seeds, message)


def test_a_file_that_is_not_warc_is_refused(setup, sample_seeds):
    (setup[1] / "warc" / "newsarchive-garbage.warc.gz").write_bytes(b"not a WARC file\n" * 50)
    assert_refused(setup, sample_seeds, "is not a whole WARC file")


def test_recovery_never_follows_a_symlink(setup):
    """For any archive, not only a shard: a torn ``.open`` file that is a symlink is left as it
    is, and a ``.warc.gz`` that is not WARC is logged, not a traceback."""
    target, _, outside = setup
    torn = outside / "torn.warc.gz"
    torn.write_bytes((outside / "x.warc.gz").read_bytes()[:1359])
    link = target / "warc" / "newsarchive-evil.warc.gz.open"
    link.symlink_to(torn)
    (target / "warc" / "newsarchive-garbage.warc.gz").write_bytes(gzip.compress(b"no WARC"))
    (target / "warc" / "newsarchive-linked.warc.gz").symlink_to(outside / "x.warc.gz")
    index = Index(target / "index.db")
    try:
        before = index.db["captures"].count
        report = recover(ArchivePaths(target), index)
        assert report.closed == [] and index.db["captures"].count == before
    finally:
        index.close()
    assert torn.stat().st_size == 1359 and link.is_symlink()


def test_locate_names_only_files_of_the_archive(setup):
    target, _, outside = setup
    paths = ArchivePaths(target)
    name = next(paths.warc_dir.glob("*.warc.gz")).name
    assert paths.locate(name) == paths.warc_dir / name
    (paths.warc_dir / "newsarchive-linked.warc.gz").symlink_to(outside / "x.warc.gz")
    for bad in ("../../outside/x.warc.gz", str(outside / "x.warc.gz"), "/etc/passwd",
                "newsarchive-linked.warc.gz", "../index.db", ""):
        with pytest.raises(FileNotFoundError):
            paths.locate(bad)


def test_the_raw_view_never_serves_a_file_outside(setup, tmp_path):
    target, _, outside = setup
    db = sqlite3.connect(target / "index.db")
    with db:
        (capture_id, offset) = db.execute(
            "select record_id, warc_offset from captures where record_type = 'response' and "
            "status = 200 order by warc_file, warc_offset").fetchone()
        db.execute("update captures set warc_file = ? where record_id = ?",
                   [str(outside / "x.warc.gz"), capture_id])
    db.close()
    with serving(target, tmp_path / "serve.log") as base:
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(f"{base}/-/capture/{quote(capture_id, safe='')}/raw")
        assert answer.value.code == 404  # the 404 page may name the row's file: never its bytes


def test_what_cluster_workers_send_back_is_checked_the_same_way(setup):
    """A reprocessing task's shard may name only the input it was given; honest, its articles
    replace the archive's for that file's captures."""
    target, _, _ = setup
    paths = ArchivePaths(target)
    given = sorted(paths.warc_dir.glob("*.warc.gz"))[0]
    shard = target.parent / "task"
    reprocess_shard(str(given), given.name, str(shard), None, [], True)
    inputs = {shard: Input(given.name, given)}

    forged = target.parent / "forged"
    shutil.copytree(shard, forged)
    tamper(forged, f"update captures set warc_file = ? where rowid = {FIRST_CAPTURE}",
           "../../outside/x.warc.gz")
    before = snapshot(target)
    with pytest.raises(MergeError, match="forged refused: record id") as refused:
        merge([forged], target, inputs={forged: Input(given.name, given)})
    assert "\n" not in str(refused.value)
    assert snapshot(target) == before

    report = merge([shard], target, inputs=inputs)
    assert report.shards == 1 and report.captures == 0
