"""Reprocessing on a Dask cluster: one task per WARC file, each cleaning through the same
:func:`archive.offline.reprocess.reprocess` into a shard of its own, the shards merged at the end.

Start the cluster with ``dask scheduler`` on one machine and ``dask worker tcp://HOST:8786
--nthreads 1 --nworkers N`` on each (cleaning is Python: one thread per process). Workers read
the inputs and write the shards, so both must be on storage every worker sees (a shared
filesystem), or the inputs URLs any worker can open with fsspec (``s3://commoncrawl/...`` with
``s3fs`` installed); each task then copies its file to its shard before reading it.
"""

from __future__ import annotations

import logging
import shutil
import uuid
from concurrent.futures import CancelledError
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from archive.offline.merge import MergeReport, merge
from archive.offline.reprocess import name_in_index, reprocess, warc_files
from archive.offline.shardcheck import Input
from archive.store.index import Index
from archive.store.lock import ArchiveLock
from archive.store.paths import ArchivePaths


class ClusterUnreachable(RuntimeError):
    """No Dask scheduler answers at the address given."""


@dataclass
class ClusterReport:
    files: int = 0
    records: int = 0
    articles: int = 0
    skipped: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    merged: MergeReport | None = None

    def summary(self) -> str:
        lines = [f"{self.files} files reprocessed on the cluster: {self.records} records, "
                 f"{self.articles} articles"]
        if self.skipped:
            lines.append("skipped: " + ", ".join(f"{k} {v}" for k, v in
                                                 sorted(self.skipped.items())))
        lines += [f"  {p}" for p in self.problems]
        if self.merged:
            lines.append(self.merged.summary())
        return "\n".join(lines)


def reprocess_shard(source: str, name: str, shard: str, since, seeds, all_pages: bool,
                    replacing: dict[str, str] | None = None) -> dict:
    """One task: reprocess one file (a path, or a URL fsspec can open) into the archive
    ``shard``; return its counts. ``replacing``: the archive's current conversion record of
    each of the file's captures, which the task's records name as the ones they replace."""
    shard_dir = Path(shard)
    path = Path(source)
    with ArchiveLock(ArchivePaths(shard_dir).lock):  # a live earlier attempt: refused
        _start_afresh(shard_dir)
        if "://" in source:
            import fsspec

            path = shard_dir / "input" / source.rstrip("/").rsplit("/", 1)[-1]
            path.parent.mkdir(parents=True, exist_ok=True)
            with fsspec.open(source, "rb") as remote, open(path, "wb") as local:
                shutil.copyfileobj(remote, local, 1 << 20)
        report = reprocess([path], shard_dir, jobs=0, since=since, seeds=seeds,
                           all_pages=all_pages, prefix=f"newsarchive-text-{shard_dir.name}",
                           input_names={path: name}, replacing=replacing)
        if path.parent == shard_dir / "input":
            path.unlink()
    return {"records": report.records, "articles": report.articles,
            "skipped": dict(report.skipped),
            "problems": [f"{p.reason} in {p.file} at offset {p.offset}: {p.detail}"
                         for p in report.problems]}


def _start_afresh(shard_dir: Path) -> None:
    """A task run again (its worker died) starts its shard afresh: the records the dead attempt
    wrote but never indexed (it was killed before their rows were committed) would stand beside
    the new ones, both naming the archive's record they replace, and which of the two is
    current would then depend on the two workers' clocks. Nothing of a shard is merged before
    every task is done, and the task's input holds all it wrote."""
    lock = ArchivePaths(shard_dir).lock
    for entry in shard_dir.iterdir() if shard_dir.is_dir() else ():
        if entry == lock:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def current_conversions(paths: ArchivePaths, name: str) -> dict[str, str]:
    """The current conversion record of each article captured in the file the index calls
    ``name``: what a task's new records replace, known without asking any clock."""
    if not paths.index.exists():
        return {}
    index = Index(paths.index)
    try:
        return dict(index.db.execute(
            "select a.capture_id, a.conversion_id from articles a join captures c "
            "on c.record_id = a.capture_id where c.warc_file = ?", [name]).fetchall())
    finally:
        index.close()


@contextmanager
def _scheduler_lost(scheduler: str, root: Path):
    """A scheduler that dies mid-run cancels every task (Dask's client says so in a traceback):
    one line instead. Nothing was merged, so the archive is as it was; the shards begun are
    left to the workers that may still write them."""
    from distributed.comm.core import CommClosedError

    try:
        yield
    except (CancelledError, CommClosedError) as exc:
        # The client's attempts to reconnect, cancelled as it closes, would log a traceback.
        logging.getLogger("distributed.client").setLevel(logging.CRITICAL)
        raise ClusterUnreachable(
            f"the Dask scheduler at {scheduler} stopped answering mid-run "
            f"({str(exc).splitlines()[0]}); nothing was merged into the archive: rerun once "
            f"it is back (the unfinished shards in {root} can be removed)") from exc


def reprocess_on_cluster(inputs, data_dir, scheduler: str, *, since=None, seeds=(),
                         all_pages: bool = False, progress=None) -> ClusterReport:
    """Reprocess ``inputs`` (the archive's ``warc/`` by default) on the Dask cluster at
    ``scheduler``, then merge the shards into the archive at ``data_dir``."""
    from distributed import Client, as_completed

    paths = ArchivePaths(data_dir)
    remote = [str(item) for item in inputs if "://" in str(item)]
    named = [item for item in inputs if "://" not in str(item)]
    local = warc_files(named, paths.warc_dir) if named or not inputs else []
    sources = [(str(path.resolve()), name_in_index(path, paths)) for path in local]
    sources += [(url, url) for url in remote]
    root = paths.root.resolve() / "shards" / f"reprocess-{uuid.uuid4().hex[:12]}"
    shards = [root / f"{number:05d}" for number in range(len(sources))]
    report = ClusterReport()
    try:
        client = Client(scheduler, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise ClusterUnreachable(f"no Dask scheduler answers at {scheduler}: {exc}") from exc
    with client, _scheduler_lost(scheduler, root):
        futures = [client.submit(reprocess_shard, source, name, str(shard), since, list(seeds),
                                 all_pages, current_conversions(paths, name), pure=False)
                   for (source, name), shard in zip(sources, shards, strict=True)]
        for future in as_completed(futures):
            done = future.result()
            report.files += 1
            report.records += done["records"]
            report.articles += done["articles"]
            for reason, count in done["skipped"].items():
                report.skipped[reason] = report.skipped.get(reason, 0) + count
            report.problems += done["problems"]
            if progress:
                progress(report, len(futures))
    # What a worker sends back is checked as any shard is: its capture rows may name only the
    # file its task was given, and its articles replace the archive's for that file's captures.
    given = {shard: Input(name, None if "://" in source else Path(source))
             for (source, name), shard in zip(sources, shards, strict=True)}
    report.merged = merge(shards, data_dir, seeds=seeds, inputs=given)
    shutil.rmtree(root)  # merged: the target holds the files (linked or copied) and the rows
    return report
