"""Clocks that disagree: which conversion record is current never depends on the time the
machines that wrote them said. A cluster's worker whose clock runs hours behind still replaces
the archive's articles with the ones it was asked for; one whose clock runs hours ahead does
not outrank what the archive cleans after it; the index rebuilt from text/ alone agrees."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta

import pytest
from _archive_checks import assert_consistent, run_crawl
from warcio.archiveiterator import ArchiveIterator

from archive.offline.cluster import reprocess_on_cluster
from archive.offline.reindex import reindex
from archive.offline.reprocess import reprocess
from archive.store import derived, index
from archive.store.derived import REPLACES, current_record
from archive.store.paths import ArchivePaths
from spiders._seeds import load_seed


@pytest.fixture(scope="module")
def crawled(sample_seeds, tmp_path_factory):
    data = tmp_path_factory.mktemp("clocks") / "data"
    run_crawl(sample_seeds, data)
    return data


def skewed(monkeypatch, hours: float) -> None:
    """This process's clock, as the archive reads it, ``hours`` off."""
    offset = timedelta(hours=hours)

    class Skewed(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.now(tz) + offset

    monkeypatch.setattr(derived, "datetime", Skewed)
    monkeypatch.setattr(index, "datetime", Skewed)


def current(data) -> dict[str, str]:
    db = sqlite3.connect(ArchivePaths(data).index)
    return dict(db.execute("select capture_id, conversion_id from articles"))


def from_text_alone(data) -> dict[str, str]:
    """Each capture's current conversion record, read from text/ without the index."""
    found: dict[str, list[dict]] = {}
    for path in sorted(ArchivePaths(data).text_dir.glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "conversion":
                    headers = record.rec_headers
                    found.setdefault(headers.get_header("WARC-Refers-To"), []).append({
                        "id": headers.get_header("WARC-Record-ID"),
                        "replaces": headers.get_header(REPLACES),
                        "cleaned_at": headers.get_header("X-Newsarchive-Cleaned-At")})
    return {capture: current_record(records)["id"] for capture, records in found.items()}


def on_a_cluster(data, seeds, monkeypatch, hours: float) -> None:
    """Reprocess the archive on a Dask cluster whose worker's clock is ``hours`` off."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, monkeypatch.context() as m:
        skewed(m, hours)  # the worker shares this process: its clock is the skewed one
        report = reprocess_on_cluster([], data, cluster.scheduler_address, seeds=seeds)
    assert report.articles == 71 and not report.problems


@pytest.mark.parametrize("hours", [-5, 5])
def test_a_cluster_worker_s_clock_decides_nothing(crawled, sample_seeds, tmp_path,
                                                  monkeypatch, hours):
    data = tmp_path / "data"
    shutil.copytree(crawled, data)
    seeds = [load_seed(p) for p in sample_seeds]
    before = current(data)
    on_a_cluster(data, seeds, monkeypatch, hours)
    after = current(data)
    assert after.keys() == before.keys()
    # The worker's articles replace the archive's, whether its clock ran behind or ahead.
    assert not set(after.values()) & set(before.values())
    assert from_text_alone(data) == after

    # The archive cleans again afterwards, its own clock hours behind the worker's if it ran
    # ahead: what it wrote last is current, in the index and in text/ alone.
    db = sqlite3.connect(ArchivePaths(data).index)
    with db:
        db.execute("update articles set cleaner_version = 'rules0'")
    db.close()
    assert reprocess([], data, jobs=0, seeds=seeds).articles == 71
    latest = current(data)
    assert not set(latest.values()) & set(after.values())
    assert from_text_alone(data) == latest
    assert_consistent(data)

    reindex(data, seeds=seeds)
    assert current(data) == latest


def test_a_task_run_again_after_its_worker_died_is_current_whatever_the_clocks(
        crawled, sample_seeds, tmp_path, monkeypatch):
    """A reprocessing task whose worker, its clock five hours ahead, died after writing its
    records and before committing their rows (its shard's index then holds none), run again
    on a worker on time: the records of the run that finished are current, in the merged index,
    in text/ read alone and in the index rebuilt from it. (The dead attempt's records stood
    beside them, both naming the archive's record they replace, and text/ alone took the later
    clock's.)"""
    from archive.offline.cluster import current_conversions, reprocess_shard
    from archive.offline.merge import merge
    from archive.offline.shardcheck import Input

    data = tmp_path / "data"
    shutil.copytree(crawled, data)
    seeds = [load_seed(p) for p in sample_seeds]
    paths = ArchivePaths(data)
    (given,) = paths.warc_dir.glob("*.warc.gz")
    replacing = current_conversions(paths, given.name)
    shard = data / "shards" / "reprocess-test" / "00000"
    task = (str(given), given.name, str(shard), None, seeds, False, replacing)
    with monkeypatch.context() as m:
        skewed(m, 5)
        reprocess_shard(*task)
    for path in shard.glob("index.db*"):  # killed before its rows were committed
        path.unlink()
    reprocess_shard(*task)
    merge([shard], data, seeds=seeds, inputs={shard: Input(given.name, given)})
    merged = current(data)
    assert not set(merged.values()) & set(replacing.values())  # the task's articles are in
    assert from_text_alone(data) == merged
    reindex(data, seeds=seeds)
    assert current(data) == merged
