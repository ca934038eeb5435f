"""The ``newsarchive`` command line."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import click

from archive import __version__
from archive.browse import serve
from archive.paths import ArchivePaths

data_option = click.option(
    "--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default="data",
    show_default=True, help="Archive folder: warc/, text/ and index.db live here.")


@click.group()
@click.version_option(__version__, prog_name="newsarchive")
def cli():
    """Crawl news sites into a WARC store and a SQLite index of clean article text."""


@cli.command()
@click.argument("seed_files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@data_option
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy or ARCHIVE_* setting (repeatable).")
def crawl(seed_files, data_dir, overrides):
    """Crawl the sites of SEED_FILES (default: seeds/*.toml) into the archive.

    Exit status: 0 finished, 1 the crawl did not finish, 3 another crawl holds the archive.
    """
    settings = dict(item.split("=", 1) for item in overrides)
    _finish(run_crawl_or_exit(seed_files, data_dir, settings), data_dir)


@cli.command()
@data_option
def demo(data_dir):
    """Serve the bundled sample sites on 127.0.0.1, crawl them and fill the archive."""
    from archive import samplesites

    with samplesites.serve() as sites, tempfile.TemporaryDirectory() as seed_dir:
        for name, url in sites.urls.items():
            click.echo(f"serving sample site {name} at {url}/")
        click.echo("the sample sites serve some bad pages on purpose (a 500, a PNG labelled "
                   "text/html, a truncated page): the warnings about them are expected")
        seeds = samplesites.seed_files(sites.urls, seed_dir)
        stats = run_crawl_or_exit(seeds, data_dir, {
            "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "LOG_LEVEL": "WARNING"})
    _finish(stats, data_dir)


#: Exit codes a scheduler can act on.
EXIT_OK, EXIT_CRAWL_FAILED, EXIT_LOCKED = 0, 1, 3


def run_crawl_or_exit(seed_files, data_dir, overrides) -> dict:
    from archive.crawl import run_crawl
    from archive.lock import ArchiveLocked

    try:
        return run_crawl(seed_files, data_dir, overrides)
    except ArchiveLocked as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)


def _finish(stats: dict, data_dir: Path) -> None:
    from archive.report import summary

    if stats.get("archive/crawl_id"):  # absent when archiving is switched off
        click.echo(summary(ArchivePaths(data_dir), stats["archive/crawl_id"]))
        click.echo(f"browse it: {_program()} serve --data {data_dir}")
    sys.exit(EXIT_OK if stats.get("finish_reason") == "finished" else EXIT_CRAWL_FAILED)


def _program() -> str:
    """This command as it was typed (``.venv/bin/newsarchive`` from ``make run``)."""
    return sys.argv[0] if Path(sys.argv[0]).name == "newsarchive" else "newsarchive"


@cli.command()
@data_option
def stats(data_dir):
    """Summarise what the archive holds: captures, articles per site and language, crawls."""
    from archive.report import summary

    paths = ArchivePaths(data_dir)
    if not paths.index.exists():
        raise click.ClickException(f"no archive at {data_dir} (no {paths.index})")
    click.echo(summary(paths))


@cli.command()
@click.argument("html_file", type=click.File("rb"))
@click.option("--url", required=True, help="The URL the page was fetched from.")
@click.option("--seed", "seed_file", type=click.Path(exists=True, dir_okay=False),
              help="Seed file whose [clean] rules apply.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole document as JSON.")
def clean(html_file, url, seed_file, as_json):
    """Run the cleaner on one saved page and print what it keeps and what it cuts."""
    import cleaners

    rules = None
    if seed_file:
        from spiders._seeds import load_seed

        rules = load_seed(seed_file).rules
    try:
        document = cleaners.clean(html_file.read(), url, rules=rules)
    except cleaners.NotArticle as exc:
        raise click.ClickException(f"no article: {exc}") from exc
    if as_json:
        click.echo(json.dumps({**document.metadata(), "text": document.text},
                              ensure_ascii=False, indent=2))
        return
    meta = document.metadata()
    for key in ("title", "author", "published", "canonical_url", "language",
                "declared_language", "charset", "word_count", "cleaner_version"):
        click.echo(f"{key}: {meta.get(key)}")
    click.echo("\n" + document.text + "\n")
    for removal in document.removed:
        click.echo(f"removed [{removal.rule}]: {removal.text}", err=True)
    for guard in document.guards:
        click.echo(f"kept by a guard: {guard}", err=True)


@cli.command()
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, path_type=Path))
@data_option
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None,
              help="Cleaning processes [default: all cores; 0 cleans in this process].")
@click.option("--since", metavar="VERSION",
              help="Skip captures already cleaned by VERSION ('current': this cleaner).")
@click.option("--seeds", "seed_patterns", multiple=True, default=["seeds/*.toml"],
              show_default=True, help="Seed files whose site names and [clean] rules apply.")
@click.option("--rebuild-profiles", is_flag=True,
              help="Forget the site profiles and learn them again from the records read.")
def reprocess(inputs, data_dir, jobs, since, seed_patterns, rebuild_profiles):
    """Re-clean archived captures without fetching: INPUTS are WARC files or folders of them
    (ours, wget's, Common Crawl's, ...), the archive's own warc/ by default.

    New conversion and metadata records go to text/, rows to the index; raw captures are never
    touched. Unreadable input is skipped, counted and named with its file and offset.
    """
    from tqdm import tqdm

    import cleaners
    from archive.lock import ArchiveLocked
    from archive.reprocess import reprocess as run
    from archive.reprocess import warc_files
    from spiders._seeds import expand, load_seed

    seeds = [load_seed(path) for path in expand(seed_patterns)]
    total = sum(p.stat().st_size for p in warc_files(inputs, ArchivePaths(data_dir).warc_dir))
    bar = tqdm(total=total, unit="B", unit_scale=True, desc="reprocess", disable=None)

    def progress(report):
        bar.update(report.bytes - bar.n)
        bar.set_postfix(records=report.records, articles=report.articles, refresh=False)

    try:
        report = run(inputs, data_dir, jobs=jobs, seeds=seeds, progress=progress,
                     since=cleaners.CLEANER_VERSION if since == "current" else since,
                     rebuild_profiles=rebuild_profiles)
    except ArchiveLocked as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    finally:
        bar.close()
    click.echo(report.summary())


cli.add_command(serve)
