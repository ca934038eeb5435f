"""A full disk under a crawl or a reprocess: real tmpfs mounts, small enough to fill, under the
archive's folders, so that the WARC records, the derived records or the index's own writes
meet the full disk first. The run stops with one line and exit status 5, leaving every file
readable to its end and no index row past a complete record; once space is freed, the next run
finishes the job with every article once."""

from __future__ import annotations

import contextlib
import errno
import shutil
import subprocess
import sys

import pytest
import sqlite_utils
from _archive_checks import assert_consistent, crawl_command, run_crawl, warc_files

from archive.store.paths import ArchivePaths
from archive.store.warcscan import scan

EXIT_DISK_FULL = 5
ROOMY = "64m"
#: Where the small disks go, for a crawl (about 0.3 MB of WARC records, as much of derived
#: records and 1.5 MB of index fill up), by what must meet the full disk first.
CRAWL_LAYOUTS = {
    "records": {"warc": "160k", "text": "160k"},
    "index": {"": "600k", "warc": ROOMY, "text": ROOMY},
    "all-in-one": {"": "1m"},
}
#: For a reprocess of the same captures, copied into warc/ first.
REPROCESS_LAYOUTS = {
    "records": {"text": "120k"},
    "index": {"": "600k", "warc": ROOMY, "text": ROOMY},
}


@pytest.fixture(scope="module")
def reference(sample_seeds, tmp_path_factory):
    """The archive of a crawl with room to spare, and its article URLs."""
    data = tmp_path_factory.mktemp("reference")
    run_crawl(sample_seeds, data)
    return data, sorted(row["url"] for row in assert_consistent(data)["articles"].rows)


@pytest.fixture
def small_disks(tmp_path):
    """``mount(data, layout)``: a tmpfs of each size at each folder of the archive ``data``
    (``""``: the archive's own folder); ``free()`` then gives each room to spare."""
    mounted = []

    def mount(data, layout: dict) -> None:
        for folder, size in sorted(layout.items()):
            target = data / folder if folder else data
            target.mkdir(parents=True, exist_ok=True)
            done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                                   str(target)], capture_output=True, text=True)
            if done.returncode:
                pytest.skip(f"mounting a tmpfs is not permitted here (the test runs as root in "
                            f"CI): {done.stderr.strip()}")
            mounted.append(target)

    def free() -> None:
        for target in mounted:
            subprocess.run(["mount", "-o", f"remount,size={ROOMY}", str(target)], check=True)

    mount.free = free
    yield mount
    for target in reversed(mounted):
        subprocess.run(["umount", "-l", str(target)], check=False)


def _assert_stopped_cleanly(result: subprocess.CompletedProcess, data, what: str) -> str:
    """Exit status 5 and one line that says so; every file readable to its end, none left
    open; every index row at a complete record of its file."""
    output = result.stdout + result.stderr
    assert result.returncode == EXIT_DISK_FULL, output[-5000:]
    assert "Traceback" not in output, output[-8000:]
    lines = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(lines) == 1 and f"Error: the disk of {data} is full" in lines[0], lines
    assert f"the {what} stopped; free space and run it again" in lines[0], lines
    _assert_rows_at_records(data)
    return lines[0]


def _assert_rows_at_records(data) -> None:
    """Every file readable to its end, none left open; every index row at a complete record
    of its file."""
    paths = ArchivePaths(data)
    files = warc_files(data)
    assert not [f for f in files if f.name.endswith(".open")], files
    slots = {}
    for path in files:
        found = scan(path)
        assert found.problem is None and found.end == path.stat().st_size, (path, found)
        slots[path.name] = {(s.offset, s.length) for s in found.records}
    if files:
        check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", *map(str, files)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    db = sqlite_utils.Database(paths.index)
    for row in db.query("select warc_file, warc_offset, warc_length from captures"):
        assert (row["warc_offset"], row["warc_length"]) in slots.get(row["warc_file"], ()), row
    for row in db.query("select conversion_file, conversion_offset, conversion_length, "
                        "metadata_file, metadata_offset, metadata_length from articles"):
        for kind in ("conversion", "metadata"):
            assert (row[f"{kind}_offset"], row[f"{kind}_length"]) in \
                slots.get(row[f"{kind}_file"], ()), row
    db.close()


def _assert_finished(data, reference_urls, crawled: bool = True) -> None:
    """Consistent, and every article of the reference crawl once. (A reprocess indexes the
    response records it reads, not the revisit records of the crawl that wrote them.)"""
    if crawled:
        db = assert_consistent(data)
    else:
        _assert_rows_at_records(data)
        db = sqlite_utils.Database(ArchivePaths(data).index)
    urls = [row["url"] for row in db["articles"].rows]
    assert sorted(set(urls)) == reference_urls, "missing or extra articles"
    assert len(urls) == len(set(urls)), "an article was archived twice"


@pytest.mark.parametrize("layout", sorted(CRAWL_LAYOUTS))
def test_a_crawl_stops_on_a_full_disk_and_the_next_finishes(layout, sample_seeds, reference,
                                                            small_disks, tmp_path):
    data = tmp_path / "data"
    small_disks(data, CRAWL_LAYOUTS[layout])
    # The request queue (queue/, beside the index) would otherwise meet the full disk first.
    queue = ("-s", "ARCHIVE_DISK_QUEUE=False") if layout == "index" else ()
    full = subprocess.run(crawl_command(sample_seeds, data, *queue), capture_output=True,
                          text=True, timeout=240)
    line = _assert_stopped_cleanly(full, data, "crawl")
    if layout == "index":
        assert "database or disk is full" in line, line
    small_disks.free()
    run_crawl(sample_seeds, data)
    _assert_finished(data, reference[1])


@pytest.mark.parametrize("layout", sorted(REPROCESS_LAYOUTS))
def test_a_reprocess_stops_on_a_full_disk_and_the_next_finishes(layout, sample_seeds, reference,
                                                                small_disks, tmp_path):
    """The raw captures of the reference crawl, reprocessed into a new archive."""
    data = tmp_path / "data"
    small_disks(data, REPROCESS_LAYOUTS[layout])
    (data / "warc").mkdir(exist_ok=True)
    for path in ArchivePaths(reference[0]).warc_dir.iterdir():
        shutil.copy(path, data / "warc")
    command = [sys.executable, "-m", "archive", "reprocess", "--data", str(data), "--jobs", "1",
               "--seeds", str(sample_seeds[0].parent / "*.toml")]
    full = subprocess.run(command, capture_output=True, text=True, timeout=240)
    line = _assert_stopped_cleanly(full, data, "reprocess")
    if layout == "index":
        assert "database or disk is full" in line, line
    small_disks.free()
    again = subprocess.run(command, capture_output=True, text=True, timeout=240)
    assert again.returncode == 0, again.stdout + again.stderr[-5000:]
    _assert_finished(data, reference[1], crawled=False)


def _fill(folder) -> None:
    """Take every byte left on the disk of ``folder``."""
    with open(folder / "ballast", "wb", buffering=0) as ballast:
        try:
            while True:
                ballast.write(b"\0" * (1 << 16))
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
    with open(folder / "ballast", "ab", buffering=0) as ballast, \
            contextlib.suppress(OSError):  # to the last byte
        while True:
            ballast.write(b"\0")


@pytest.mark.parametrize("command", ["crawl", "reprocess"])
def test_a_disk_full_before_the_run_stops_it_at_once(command, sample_seeds, reference,
                                                     small_disks, tmp_path):
    """An archive whose disk is full before the run starts: the run stops at once, with the
    line and exit status of a disk that fills up during it, and changes no file; once space
    is freed, the next run finishes."""
    data = tmp_path / "data"
    small_disks(data, {"": "24m"})
    shutil.copytree(reference[0], data, dirs_exist_ok=True)
    before = {path: path.read_bytes() for path in data.rglob("*") if path.is_file()}
    _fill(data)
    seeds = str(sample_seeds[0].parent / "*.toml")
    argv = crawl_command(sample_seeds, data) if command == "crawl" else [
        sys.executable, "-m", "archive", "reprocess", "--data", str(data), "--jobs", "1",
        "--seeds", seeds]
    full = subprocess.run(argv, capture_output=True, text=True, timeout=240)
    after = {path: path.read_bytes() for path in data.rglob("*") if path.is_file()
             and path.name != "ballast"}
    assert after == before  # the index's log and shared memory too: it was not even opened
    # Read with room to spare (SQLite may need some to open the index: not the run's doing).
    (data / "ballast").unlink()
    _assert_stopped_cleanly(full, data, command)
    again = subprocess.run(argv, capture_output=True, text=True, timeout=240)
    assert again.returncode == 0, again.stdout + again.stderr[-5000:]
    _assert_finished(data, reference[1])


def test_a_reindex_stops_on_a_full_disk_and_leaves_the_old_index(reference, small_disks,
                                                                 tmp_path):
    """The new index does not fit beside the old one: the reindex stops with the line and
    status, the old index is as it was and nothing of the new one is left taking the room;
    once space is freed, the next reindex finishes."""
    data = tmp_path / "data"
    held = sum(path.stat().st_size for path in reference[0].rglob("*") if path.is_file())
    small_disks(data, {"": f"{(held >> 10) + 400}k"})  # a third of a new index
    shutil.copytree(reference[0], data, dirs_exist_ok=True)
    before = (data / "index.db").read_bytes()
    command = [sys.executable, "-m", "archive", "reindex", "--data", str(data)]
    full = subprocess.run(command, capture_output=True, text=True, timeout=240)
    _assert_stopped_cleanly(full, data, "reindex")
    assert (data / "index.db").read_bytes() == before
    assert not list(data.glob("index.db.new*"))
    small_disks.free()
    again = subprocess.run(command, capture_output=True, text=True, timeout=240)
    assert again.returncode == 0, again.stdout + again.stderr[-5000:]
    _assert_finished(data, reference[1])


#: Where the small disks go for a merge into a new archive, the shard on another disk: its
#: files then are copied, not linked.
MERGE_LAYOUTS = {
    "records": {"warc": "160k"},
    "index": {"": "900k", "warc": ROOMY, "text": ROOMY},
}


@pytest.mark.parametrize("layout", sorted(MERGE_LAYOUTS))
def test_a_merge_stops_on_a_full_disk_and_the_next_finishes(layout, sample_seeds, reference,
                                                           small_disks, tmp_path):
    """A file copied in half-way is not left under its name (the next merge refused the shard
    for it: "differs from the file of that name already merged")."""
    data = tmp_path / "data"
    small_disks(data, MERGE_LAYOUTS[layout])
    command = [sys.executable, "-m", "archive", "merge", str(reference[0]), "--data", str(data),
               "--seeds", str(sample_seeds[0].parent / "*.toml")]
    full = subprocess.run(command, capture_output=True, text=True, timeout=240)
    _assert_stopped_cleanly(full, data, "merge")
    assert not [p for p in data.rglob("*") if ".copying" in p.name]
    small_disks.free()
    again = subprocess.run(command, capture_output=True, text=True, timeout=240)
    assert again.returncode == 0, again.stdout + again.stderr[-5000:]
    _assert_finished(data, reference[1])


@pytest.mark.parametrize("what", ["articles", "wacz"])
def test_an_export_to_a_full_disk_is_one_line_and_leaves_no_file(what, reference, small_disks,
                                                                 tmp_path):
    """Nothing that looks like a whole export is left (a JSON Lines file cut short did), and
    the WACZ tool's zip file, closed at exit on the same full disk, adds no traceback."""
    out = tmp_path / "out"
    small_disks(out, {"": "100k"})  # a tenth of the export
    target = out / ("articles.jsonl" if what == "articles" else "archive.wacz")
    command = [sys.executable, "-m", "archive", "export", what, str(target), "--data",
               str(reference[0])]
    full = subprocess.run(command, capture_output=True, text=True, timeout=240)
    assert full.returncode == EXIT_DISK_FULL, full.stdout + full.stderr
    assert full.stderr.strip().splitlines() == [
        line for line in full.stderr.splitlines() if line.startswith("Error: the disk is full")
    ], full.stderr
    assert not list(out.iterdir())
    small_disks.free()
    again = subprocess.run(command, capture_output=True, text=True, timeout=240)
    assert again.returncode == 0 and list(out.iterdir()) == [target], again.stderr
