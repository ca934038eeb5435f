"""A torn ``.open`` WARC file is cut back to its last complete record and closed."""

import io
import os
import random
import subprocess
import sys

from warcio.statusandheaders import StatusAndHeaders

from archive.store.index import Index
from archive.store.recovery import close_open_files, index_unindexed
from archive.store.warcfile import OPEN_SUFFIX, RotatingWarcFile, record_at, record_builder
from archive.store.warcscan import scan


def _open_file_with_records(folder, n=3):
    out = RotatingWarcFile(folder, "t", 10_000_000)
    locations = []
    for i in range(n):
        body = random.Random(i).randbytes(3000).hex().encode()
        locations += out.write(record_builder().create_warc_record(
            f"http://example.test/{i}", "resource", payload=io.BytesIO(body), length=len(body),
            warc_content_type="text/plain"))
    path = folder / (locations[0].filename + OPEN_SUFFIX)
    out._file.close()  # a crash: the file stays .open
    return path, locations


def test_the_scan_stops_at_a_torn_final_member(tmp_path):
    path, locations = _open_file_with_records(tmp_path)
    full = path.stat().st_size
    assert scan(path).end == full and not scan(path).problem
    assert [(s.offset, s.length) for s in scan(path).records][1:] == [  # after the warcinfo
        (location.offset, location.length) for location in locations]
    last = locations[-1]
    with open(path, "r+b") as stream:
        stream.truncate(last.offset + last.length // 2)
    found = scan(path)
    assert found.end == last.offset and found.problem == "truncated-gzip"
    assert len(found.records) == len(locations)  # the warcinfo and the records before it


def test_garbage_after_records_is_not_a_record(tmp_path):
    path, _ = _open_file_with_records(tmp_path)
    full = path.stat().st_size
    with open(path, "ab") as stream:
        stream.write(b"\x1f\x8b\x08\x00" + b"\x00" * 40)
    assert scan(path).end == full


def test_close_open_files_leaves_valid_closed_warc(tmp_path):
    path, locations = _open_file_with_records(tmp_path)
    last = locations[-1]
    with open(path, "r+b") as stream:
        stream.truncate(last.offset + 10)
    dropped = []
    ((name, keep, cut),) = close_open_files(tmp_path, lambda *past: dropped.append(past))
    assert name == last.filename and keep == last.offset and cut == 10
    assert dropped == [(name, keep)]
    assert not list(tmp_path.glob("*" + OPEN_SUFFIX))
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(tmp_path / name)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_recovery_killed_after_closing_a_file_leaves_no_row_past_its_end(tmp_path,
                                                                           monkeypatch):
    """Rows past the cut are dropped before the file is cut and closed: were recovery killed
    right after the rename, no row could point past the end of the closed file."""
    path, locations = _open_file_with_records(tmp_path)
    with open(path, "r+b") as stream:
        stream.truncate(locations[-1].offset + 10)
    events = []
    original_replace = os.replace

    def replace(src, dst):
        events.append("closed")
        original_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    close_open_files(tmp_path, lambda *past: events.append("rows dropped"))
    assert events == ["rows dropped", "closed"]


def test_records_the_index_missed_are_indexed_at_their_own_offsets(tmp_path):
    """After a crash between writing records and indexing them, recovery indexes the missing
    ones; each row must point at its record (warcio's offsets count from the file's start)."""
    out = RotatingWarcFile(tmp_path / "warc", "t", 10_000_000)
    builder = record_builder()
    locations = []
    for i in range(4):
        body = f"<p>page {i}</p>".encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        locations += out.write(builder.create_warc_record(
            f"http://example.test/{i}", "response", payload=io.BytesIO(body), http_headers=http))
    out.close()
    path = tmp_path / "warc" / locations[0].filename
    index = Index(tmp_path / "index.db")
    for location in locations[:2]:  # the index heard of the first two only
        with record_at(path, location.offset) as record:
            index.add_capture(record, location, None)
    assert index_unindexed(path, index) == 2
    rows = {row["record_id"]: row for row in index.db["captures"].rows}
    for location in locations:
        assert rows[location.record_id]["warc_offset"] == location.offset
        with record_at(path, location.offset) as record:
            assert record.rec_headers.get_header("WARC-Record-ID") == location.record_id
