"""A torn ``.open`` WARC file is cut back to its last complete record and closed."""

import io
import random
import subprocess
import sys

from archive.recovery import close_open_files, complete_length
from archive.warcfile import OPEN_SUFFIX, RotatingWarcFile, record_builder


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


def test_complete_length_stops_at_a_torn_final_member(tmp_path):
    path, locations = _open_file_with_records(tmp_path)
    full = path.stat().st_size
    assert complete_length(path) == full
    last = locations[-1]
    with open(path, "r+b") as stream:
        stream.truncate(last.offset + last.length // 2)
    assert complete_length(path) == last.offset


def test_garbage_after_records_is_not_a_record(tmp_path):
    path, _ = _open_file_with_records(tmp_path)
    full = path.stat().st_size
    with open(path, "ab") as stream:
        stream.write(b"\x1f\x8b\x08\x00" + b"\x00" * 40)
    assert complete_length(path) == full


def test_close_open_files_leaves_valid_closed_warc(tmp_path):
    path, locations = _open_file_with_records(tmp_path)
    last = locations[-1]
    with open(path, "r+b") as stream:
        stream.truncate(last.offset + 10)
    ((name, keep, cut),) = close_open_files(tmp_path)
    assert name == last.filename and keep == last.offset and cut == 10
    assert not list(tmp_path.glob("*" + OPEN_SUFFIX))
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(tmp_path / name)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
