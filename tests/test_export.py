"""Exports of a crawled archive: a JSON Lines corpus, a WET file of conversion records copied
from the archive, and a WACZ package that the format's own validator accepts."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zipfile

import pyarrow.parquet
import pytest
import sqlite_utils
from _archive_checks import run_crawl
from warcio.archiveiterator import ArchiveIterator

from archive.store.paths import ArchivePaths


@pytest.fixture(scope="module")
def crawled(sample_seeds, tmp_path_factory):
    data = tmp_path_factory.mktemp("export")
    run_crawl(sample_seeds, data)
    return data


def export(*args) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "archive", "export", *map(str, args)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_jsonl_holds_every_current_article_with_its_provenance(crawled, tmp_path):
    export("articles", tmp_path / "a.jsonl", "--data", crawled)
    rows = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    db = sqlite_utils.Database(ArchivePaths(crawled).index)
    texts = {r["capture_id"]: r["text"] for r in db.query("select capture_id, text from articles")}
    assert len(rows) == len(texts) == 71
    assert all(texts[r["provenance"]["record_id"]] == r["text"] for r in rows)
    assert {r["language"] for r in rows} == {"ar", "de", "ru"}
    export("articles", tmp_path / "a.parquet", "--format", "parquet", "--data", crawled)
    table = pyarrow.parquet.read_table(tmp_path / "a.parquet").to_pylist()
    assert [(r["url"], r["text"], r["provenance"]["warc_offset"]) for r in table] == [
        (r["url"], r["text"], r["provenance"]["warc_offset"]) for r in rows]
    export("articles", tmp_path / "bild.jsonl", "--data", crawled, "--site", "bild")
    bild = (tmp_path / "bild.jsonl").read_text().splitlines()
    assert len(bild) == 24 and all(json.loads(line)["site"] == "bild" for line in bild)


def test_wet_records_are_the_archived_conversion_records(crawled, tmp_path):
    export("articles", tmp_path / "a.warc.wet.gz", "--format", "wet", "--data", crawled)
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check",
                            str(tmp_path / "a.warc.wet.gz")], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    with open(tmp_path / "a.warc.wet.gz", "rb") as stream:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Refers-To"),
                    r.content_stream().read().decode(),
                    r.rec_headers.get_header("WARC-Identified-Content-Language"))
                   for r in ArchiveIterator(stream)]
    assert records[0][0] == "warcinfo"
    assert {language for *_, language in records[1:]} == {"ara", "deu", "rus"}  # ISO 639-3
    db = sqlite_utils.Database(ArchivePaths(crawled).index)
    texts = {r["capture_id"]: r["text"] for r in db.query("select capture_id, text from articles")}
    assert [kind for kind, *_ in records[1:]] == ["conversion"] * 71
    assert all(texts[refers] == text for _, refers, text, _ in records[1:])


def test_wacz_passes_the_validator_and_indexes_the_text(crawled, tmp_path):
    export("wacz", tmp_path / "a.wacz", "--data", crawled)
    export("wacz", tmp_path / "ru.wacz", "--data", crawled, "--site", "zerkalo")
    for name, pages in (("a.wacz", 71), ("ru.wacz", 24)):
        valid = subprocess.run([sys.executable, "-m", "wacz", "validate", "-f",
                                str(tmp_path / name)], capture_output=True, text=True)
        assert valid.returncode == 0 and "Validation succeeded" in valid.stdout, valid.stdout
        with zipfile.ZipFile(tmp_path / name) as package:
            lines = package.read("pages/pages.jsonl").decode().splitlines()
            index = gzip.decompress(package.read("indexes/index.cdx.gz")).decode()
            assert any(n.startswith("archive/") for n in package.namelist())
        listed = [json.loads(line) for line in lines[1:]]
        assert len(listed) == pages and all(p["text"] for p in listed)
        assert all(p["url"] in index for p in listed)  # each page replayable from the index
