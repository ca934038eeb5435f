"""Records hold what came off the wire: a server on 127.0.0.1 writes a response by hand (an
unusual reason phrase, header names in odd case, a repeated header, odd spacing, gzip, chunks
with extensions) and the response record's HTTP block is exactly those bytes; the archive still
reads, cleans and checks with third-party tools."""

from __future__ import annotations

import gzip
import shutil
import socket
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import sqlite_utils
from _archive_checks import assert_consistent, run_crawl

from archive.store.paths import ArchivePaths
from archive.store.warcfile import record_at

ARTICLE = ("<html><head><title>Pier</title><meta property='og:type' content='article'></head>"
           "<body><div class='x1'><h1>Board votes to repair the old pier</h1>" + "".join(
               f"<p>Paragraph {n}: the harbour board met on Tuesday evening to decide the fate "
               f"of the old ferry pier, closed since the storm damaged its pilings.</p>"
               for n in range(6)) + "</div></body></html>").encode()


def chunked(body: bytes, size: int = 700) -> bytes:
    parts = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x;note=part-%d\r\n%s\r\n" % (len(p), n, p) for n, p in enumerate(parts)) \
        + b"0\r\nX-Trailer: done\r\n\r\n"


SENT = (b"HTTP/1.1 200 Fine, Thanks\r\n"
        b"content-TYPE: text/html; charset=utf-8\r\n"
        b"X-Repeated: one\r\n"
        b"Set-Cookie: a=1; Path=/\r\n"
        b"X-Repeated:two\r\n"
        b"Set-Cookie: b=2; Path=/\r\n"
        b"Content-Encoding: gzip\r\n"
        b"Transfer-Encoding: chunked\r\n"
        b"ETag:   \"v1\"\r\n"
        b"\r\n") + chunked(gzip.compress(ARTICLE, mtime=0))


#: When the server finished sending each response (its body comes 1.5 s after its headers).
FINISHED: list[float] = []


def serve(listener: socket.socket) -> None:
    while True:
        try:
            connection, _ = listener.accept()
        except OSError:
            return
        with connection:
            request = b""
            while b"\r\n\r\n" not in request:
                data = connection.recv(65536)
                if not data:
                    break
                request += data
            if b" /robots.txt " in request:
                connection.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
                                   b"Connection: close\r\n\r\n")
            else:
                head, body = SENT.split(b"\r\n\r\n", 1)
                connection.sendall(head + b"\r\n\r\n")
                time.sleep(1.5)
                connection.sendall(body)
                FINISHED.append(time.time())


def test_the_record_holds_the_bytes_the_server_wrote(tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    threading.Thread(target=serve, args=(listener,), daemon=True).start()
    origin = f"http://127.0.0.1:{listener.getsockname()[1]}"
    seed = tmp_path / "raw.toml"
    seed.write_text(f'name = "raw"\nstart_urls = ["{origin}/news/1.html"]\n'
                    'article_pattern = "^/news/"\n')
    try:
        run_crawl([seed], tmp_path / "data")
    finally:
        listener.close()
    db = assert_consistent(tmp_path / "data")  # warcio check, digests, index at its records
    row = next(db.query("select c.*, a.text from captures c join articles a "
                        "on a.capture_id = c.record_id"))
    assert "Paragraph 5: the harbour board met" in row["text"]
    paths = ArchivePaths(tmp_path / "data")
    with record_at(paths.warc_dir / row["warc_file"], row["warc_offset"]) as record:
        http = record.http_headers  # warcio's parsed view of the block
        assert http.statusline == "200 Fine, Thanks"
        assert [v for k, v in http.headers if k == "X-Repeated"] == ["one", "two"]
        assert http.get_header("content-TYPE") == "text/html; charset=utf-8"
    with open(paths.warc_dir / row["warc_file"], "rb") as stream:
        stream.seek(row["warc_offset"])
        member = gzip.decompress(stream.read(row["warc_length"]))  # the record, one member
    assert member.split(b"\r\n\r\n", 1)[1].startswith(SENT)  # the block, byte for byte
    assert member.endswith(SENT + b"\r\n\r\n")
    # WARC-Date: when the fetch began, not when the body (1.5 s later) ended.
    began = datetime.fromisoformat(row["fetched_at"].replace("Z", "+00:00")).timestamp()
    assert FINISHED and began < FINISHED[-1] - 1.4


def test_third_party_indexers_read_the_archive(sample_seeds, tmp_path):
    """cdxj-indexer (the WACZ and pywb index format) reads every record of a crawl."""
    run_crawl(sample_seeds, tmp_path / "data")
    warcs = sorted(ArchivePaths(tmp_path / "data").warc_dir.glob("*.warc.gz"))
    indexer = shutil.which("cdxj-indexer") or str(Path(sys.executable).with_name("cdxj-indexer"))
    result = subprocess.run([indexer, *map(str, warcs)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    db = sqlite_utils.Database(ArchivePaths(tmp_path / "data").index)
    responses = db.execute("select count(*) from captures where record_type = 'response'"
                           ).fetchone()[0]
    assert sum('"mime"' in line and '"status": "200"' in line for line in lines) > 0
    assert len([line for line in lines if '"length"' in line]) >= responses
