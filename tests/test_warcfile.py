"""The rotating WARC file: naming, rotation, one gzip member a record, exact locations."""

import gzip
import io
import random
import subprocess
import sys

from warcio.archiveiterator import ArchiveIterator

from archive.store.warcfile import OPEN_SUFFIX, RotatingWarcFile, record_at, record_builder


def _resource(n: int, size: int = 2000):
    body = f"record {n} ".encode() + random.Random(n).randbytes(size).hex().encode()
    return record_builder().create_warc_record(
        f"http://example.test/{n}", "resource", payload=io.BytesIO(body), length=len(body),
        warc_content_type="text/plain")


def test_open_suffix_until_closed_then_valid(tmp_path):
    out = RotatingWarcFile(tmp_path, "test", 10_000_000)
    (location,) = out.write(_resource(1))
    assert (tmp_path / (location.filename + OPEN_SUFFIX)).exists()
    assert not (tmp_path / location.filename).exists()
    out.close()
    path = tmp_path / location.filename
    assert path.exists() and not list(tmp_path.glob("*" + OPEN_SUFFIX))
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", str(path)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_file_name_has_prefix_timestamp_serial_host(tmp_path):
    out = RotatingWarcFile(tmp_path, "news", 10_000_000)
    (location,) = out.write(_resource(1))
    out.close()
    prefix, stamp, serial, *host = location.filename.removesuffix(".warc.gz").split("-")
    assert prefix == "news" and stamp.isdigit() and len(stamp) == 17
    assert serial == "00001" and host


def test_rotation_by_size_keeps_pairs_together(tmp_path):
    out = RotatingWarcFile(tmp_path, "rot", max_size=6000)
    locations = [loc for n in range(6) for loc in out.write(_resource(2 * n), _resource(2 * n + 1))]
    out.close()
    files = sorted({loc.filename for loc in locations})
    assert len(files) >= 3, "small max_size must rotate"
    for first, second in zip(locations[::2], locations[1::2], strict=True):
        assert first.filename == second.filename
    assert len(out.closed_files) == len(files)


def test_locations_point_at_single_gzip_members(tmp_path):
    out = RotatingWarcFile(tmp_path, "loc", 10_000_000)
    locations = out.write(_resource(1), _resource(2), _resource(3))
    out.close()
    path = tmp_path / locations[0].filename
    raw = path.read_bytes()
    for n, location in enumerate(locations, start=1):
        member = raw[location.offset:location.offset + location.length]
        text = gzip.decompress(member)  # exactly one complete member, nothing else
        assert text.startswith(b"WARC/1.1\r\n")
        assert f"http://example.test/{n}".encode() in text
        with record_at(path, location.offset) as record:
            assert record.rec_headers.get_header("WARC-Record-ID") == location.record_id
            assert record.content_stream().read().startswith(f"record {n} ".encode())
    with open(path, "rb") as stream:
        types = [r.rec_type for r in ArchiveIterator(stream)]
    assert types == ["warcinfo", "resource", "resource", "resource"]
