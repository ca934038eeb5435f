"""``newsarchive serve``: browse an archive in Datasette, safely, even while a crawl writes to it.

The index is opened as ``datasette index.db`` would open it, as a mutable database and not with
``-i``. Datasette reads a mutable database through ``mode=ro`` connections only, so nothing it
serves can write (this app defines no writable queries), and the index being in WAL mode, these
readers never block the crawl and each new query sees the rows it has committed. Immutable mode
would be wrong here: it tells SQLite the file never changes, so SQLite takes no locks and ignores
the WAL, hiding rows a running crawl adds or reading pages half rewritten.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from archive.store.paths import ArchivePaths

#: The index's name in Datasette (from ``index.db``), as metadata.yml and the plugin know it.
DATABASE = "index"


def metadata(data_dir, public: bool = False, facet_newest: int | None = None) -> dict:
    """The shipped metadata.yml, plus the plugin's settings: where the WARC files are, how many
    articles a facet counts at most. Public: no SQL but the canned queries."""
    import yaml

    shipped = resources.files("archive.web").joinpath("metadata.yml")
    meta = yaml.safe_load(shipped.read_text("utf-8"))
    meta.setdefault("plugins", {})["newsarchive"] = {
        "data_dir": str(Path(data_dir).resolve()), "database": DATABASE, "public": public,
        "facet_newest": facet_newest}
    if public:
        meta["allow_sql"] = False
    return meta


#: Datasette's settings for an archive that grows for years: no facet suggestions (on a table
#: of a million rows, each of some sixty suggestion queries runs into its time limit before the
#: page answers); facets a reader asks for get a little longer.
SETTINGS = {"suggest_facets": False, "facet_time_limit_ms": 400}


def datasette_for(data_dir, public: bool = False, facet_newest: int | None = None, **settings):
    """A Datasette on the archive at ``data_dir`` (index read-only), not yet started."""
    from datasette.app import Datasette

    from archive.web.largetables import IndexDatabase

    index = ArchivePaths(data_dir).index
    ds = Datasette(files=[str(index)], metadata=metadata(data_dir, public, facet_newest),
                   settings={**SETTINGS, **settings})
    ds.remove_database(DATABASE)  # the same file, opened the same way, counted with care
    ds.add_database(IndexDatabase(ds, str(index)), name=DATABASE)
    return ds


async def _start(ds) -> None:
    """Run the startup hooks and prove the index can be read before listening."""
    await ds.invoke_startup()
    await ds.get_database(DATABASE).execute("select count(*) from articles")


@click.command()
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              default="data", show_default=True, help="Archive folder: warc/, text/, index.db.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="Port to listen on.")
@click.option("--public", is_flag=True,
              help="Publish safely: no SQL but the canned queries, no pages that show file "
                   "system paths or the server's set-up.")
@click.option("--facet-newest", type=click.IntRange(1), metavar="N",
              help="Facets of a page that keeps more than N articles count the newest N of "
                   "them, and say so (default: 5,000; every one when it keeps fewer).")
def serve(data_dir, host, port, public, facet_newest):
    """Browse the archive in Datasette: facets and full-text search over articles, each article
    with its provenance and the archived page it came from.

    Read-only, and safe to run while a crawl writes to the same archive.
    """
    import asyncio  # here: every other command loads this module with the CLI

    import uvicorn

    paths = ArchivePaths(data_dir)
    if paths.index_lost() or not paths.index.exists():
        raise click.ClickException(paths.no_index())
    ds = datasette_for(data_dir, public=public, facet_newest=facet_newest)
    asyncio.run(_start(ds))
    click.echo(f"browsing {paths.index} (read-only) at http://{host}:{port}/")
    uvicorn.run(ds.app(), host=host, port=port, log_level="info", lifespan="on")
