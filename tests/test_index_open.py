"""Opening the index, whatever holds the frames of the thread that opens it; and an index in
use told apart from a damaged one.

A sampling profiler holds the frames of the thread it samples while it reads them: a Dask
worker's takes its task thread's every 10 ms. A frame held after its function returned keeps
that function's locals, and a cursor among them keeps its statement active; while a statement
that can write is active, every COMMIT of its connection fails ("SQL statements in progress").
A shard's new index once failed so on a worker, in its first migration, and was called damaged.
Here every frame is held as it returns: the worst such a profiler can do."""

from __future__ import annotations

import ast
import io
import sqlite3
import subprocess
import sys
from contextlib import closing, contextmanager
from pathlib import Path

import sqlite_utils
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import archive
from archive import samplesites
from archive.cli.main import cli
from archive.offline.cluster import reprocess_shard
from archive.store import reader
from archive.store.index import Index, migrations


@contextmanager
def frames_held():
    """Every frame of this thread kept from the moment it returns until the block ends, but
    functools' own: they hold the statement cache ``sqlite3.connect`` makes (an ``lru_cache``),
    which kept for good would keep a closed connection's file open, and locked, past anything
    a profiler does in one sample."""
    held = []

    def keep(frame, event, arg):
        if event == "return" and frame.f_globals.get("__name__") != "functools":
            held.append(frame)

    sys.setprofile(keep)
    try:
        yield
    finally:
        sys.setprofile(None)
        held.clear()


def applied(path) -> list[str]:
    with closing(sqlite3.connect(path)) as db:
        return [name for (name,) in db.execute("select name from _sqlite_migrations "
                                                "order by id")]


def test_a_new_index_is_made_while_every_frame_is_held(tmp_path):
    path = tmp_path / "index.db"
    with frames_held():
        Index(path).close()
    every = [m.name for m in migrations.pending(sqlite_utils.Database(memory=True))]
    assert applied(path) == every


def test_a_cluster_task_makes_its_shard_while_every_frame_is_held(sample_pages, tmp_path):
    """The task a Dask worker runs, in this thread: its shard's new index is made, and its
    articles written in batches, committed and closed."""
    origin, routes = sample_pages["bild"]
    stories = [a for a in samplesites.articles("bild") if a.status == 200][:3]
    warc = tmp_path / "bild.warc.gz"
    with open(warc, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for story in stories:
            route = routes[story.path]
            http = StatusAndHeaders("200 OK", [("Content-Type", route.content_type),
                                               ("Content-Length", str(len(route.body)))],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                origin + story.path, "response", payload=io.BytesIO(route.body),
                http_headers=http))
    shard = tmp_path / "shard"
    with frames_held():
        done = reprocess_shard(str(warc), warc.name, str(shard), None, [], True)
    assert done["articles"] == len(stories) and not done["problems"], done
    rows = sqlite_utils.Database(shard / "index.db")["articles"].rows
    assert sorted(row["url"] for row in rows) == sorted(origin + s.path for s in stories)


def test_an_index_in_use_is_not_called_damaged(tmp_path):
    """Another connection holds the index locked past the wait (sqlite3's 5 s, before the
    index's own busy timeout is set): the command says the index is busy and not damaged,
    and sends no one to rebuild it; once free, it opens."""
    data = tmp_path / "data"
    data.mkdir()
    holder = sqlite3.connect(data / "index.db", isolation_level=None)
    holder.execute("begin exclusive")
    try:
        result = subprocess.run([sys.executable, "-m", "archive", "export", "articles",
                                 str(tmp_path / "articles.jsonl"), "--data", str(data)],
                                capture_output=True, text=True, timeout=120)
    finally:
        holder.rollback()
        holder.close()
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith("Error: the archive's index is busy (database is locked)"), \
        result.stderr
    assert "damaged: run" in result.stderr and "reindex" not in result.stderr
    Index(data / "index.db").close()
    assert applied(data / "index.db")


def pragmas_run_otherwise(path: Path) -> list[str]:
    """The calls in ``path`` that run a PRAGMA but through ``run_pragma``."""
    found, tree = [], ast.parse(path.read_text(), str(path))
    itself = {id(node) for top in ast.walk(tree) if isinstance(top, ast.FunctionDef)
              and top.name == "run_pragma" for node in ast.walk(top)}
    for node in ast.walk(tree):
        if id(node) in itself or not (isinstance(node, ast.Call) and
                                      isinstance(node.func, ast.Attribute)):
            continue
        sql = node.args[0] if node.args else None
        if isinstance(sql, ast.JoinedStr) and sql.values:
            sql = sql.values[0]
        runs = node.func.attr.startswith("execute") or node.func.attr == "query"
        if node.func.attr in ("enable_wal", "disable_wal") or runs and \
                isinstance(sql, ast.Constant) and isinstance(sql.value, str) and \
                sql.value.lstrip().lower().startswith("pragma"):
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_every_pragma_of_the_archive_is_read_to_its_end():
    """The frames held above reach the paths those tests run; any other PRAGMA, as any other
    path meets it, is run to its end too: each goes through ``run_pragma``."""
    modules = sorted(Path(archive.__file__).parent.rglob("*.py"))
    assert len(modules) > 40
    assert [call for path in modules for call in pragmas_run_otherwise(path)] == []


def test_stats_upgrades_an_index_a_migration_has_not_reached(tmp_path):
    path = tmp_path / "index.db"
    db = sqlite_utils.Database(path)
    db.conn.execute("pragma journal_mode=wal")
    migrations.apply(db, stop_before=reader.MIGRATIONS[-1])
    db.close()
    assert reader.open_current(path) is None
    result = CliRunner().invoke(cli, ["stats", "--data", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "archive: 0 pages captured" in result.output
    every = [m.name for m in migrations.pending(sqlite_utils.Database(memory=True))]
    assert applied(path) == every
    reader.open_current(path).close()


def test_stats_reads_a_current_index_without_what_writing_takes(tmp_path):
    """The read path imports neither sqlite-utils (nor numpy through it), warcio nor the
    cleaners: they were most of the command's time."""
    Index(tmp_path / "index.db").close()
    code = ("import sys; from archive.cli.main import cli\n"
            "try:\n    cli(['stats', '--data', sys.argv[1]])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'sqlite_utils', 'numpy', 'warcio', 'cleaners', 'archive.store.index'}), "
            "'archive.store.index' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                         text=True, check=True).stdout
    assert "archive: 0 pages captured" in out
    assert out.splitlines()[-1] == "[] False"
