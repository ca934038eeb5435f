"""The ``newsarchive`` command line."""

from __future__ import annotations

import contextlib
import json
import re
import signal
import sqlite3
import sys
import tempfile
from pathlib import Path

import click
from click.core import ParameterSource

from archive import __version__
from archive.store.diskfull import is_disk_full
from archive.store.paths import ArchivePaths
from archive.web.serve import serve


def _remember_data(ctx, param, value):
    """The archive a command works on, for the line naming the cure of a damaged index."""
    ctx.meta["data_dir"] = value
    return value


data_option = click.option(
    "--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default="data",
    show_default=True, callback=_remember_data,
    help="Archive folder: warc/, text/ and index.db live here.")


class _Commands(click.Group):
    """Any command meeting an index SQLite cannot read (cut short, pages damaged) stops with
    one line that names the cure, not a traceback; an index busy (locked by another writer past
    the wait) is not called damaged."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (sqlite3.DatabaseError, OSError) as exc:
            if is_disk_full(exc):
                click.echo(f"Error: the disk is full ({exc}); nothing archived was lost: free "
                           "space and run the command again", err=True)
                sys.exit(EXIT_DISK_FULL)
            if isinstance(exc, OSError):
                raise
            from archive.store.reader import is_busy

            if is_busy(exc):
                raise click.ClickException(f"the archive's index is busy ({exc}); it is not "
                                           "damaged: run the command again") from exc
            data_dir = ctx.meta.get("data_dir", "DIR")
            raise click.ClickException(
                f"the archive's index is damaged ({exc}); the WARC files are not: rebuild the "
                f"index from them with `{_program()} reindex --data {data_dir}`") from exc


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="newsarchive")
def cli():
    """Crawl news sites into a WARC store and a SQLite index of clean article text."""


#: Exit codes a scheduler can act on (2 is click's, for a mistake on the command line).
EXIT_OK, EXIT_CRAWL_FAILED, EXIT_LOCKED, EXIT_NOTHING_FETCHED, EXIT_DISK_FULL = 0, 1, 3, 4, 5
#: Why a crawl stopped early, in words (Scrapy's close reasons).
CLOSE_REASONS = {
    "shutdown": "interrupted (Ctrl-C or a signal)",
    "closespider_pagecount": "stopped at CLOSESPIDER_PAGECOUNT pages",
    "closespider_itemcount": "stopped at CLOSESPIDER_ITEMCOUNT items",
    "closespider_timeout": "stopped at CLOSESPIDER_TIMEOUT seconds",
    "closespider_errorcount": "stopped at CLOSESPIDER_ERRORCOUNT errors",
    "other-seeds": "the shared crawl in progress has other seed files than this worker",
    "redis-lost": "the shared crawl's Redis did not answer again within ARCHIVE_REDIS_WAIT "
                  "seconds; rerun this worker once it is back, and the shared crawl resumes",
}


@cli.command()
@click.argument("seed_files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@data_option
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy or ARCHIVE_* setting (repeatable).")
@click.option("--redis", "redis_url", metavar="redis://HOST:PORT/DB",
              help="Be one worker of a crawl shared through this Redis.")
@click.option("--worker", metavar="NAME",
              help="This worker's name (with --redis): in its WARC file names; its shard is "
                   "data/shards/NAME unless --data says otherwise.")
@click.option("--redis-key", default="newsarchive", show_default=True,
              help="The shared crawl's name in Redis (with --redis).")
@click.pass_context
def crawl(ctx, seed_files, data_dir, overrides, redis_url, worker, redis_key):
    """Crawl the sites of SEED_FILES (default: seeds/*.toml) into the archive.

    With --redis and --worker, any number of workers on any number of machines share one
    crawl; each writes its own shard, and `newsarchive merge` makes one archive of them.

    Exit status: 0 finished; 1 the crawl stopped early (the reason is printed); 3 another crawl
    holds the archive; 4 nothing could be fetched (every seed failed); 5 the disk of the archive
    is full (free space and run again: the crawl resumes).
    """
    settings = _settings(overrides)
    if bool(redis_url) != bool(worker):
        raise click.UsageError("--redis and --worker go together")
    if redis_url:
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", worker):
            raise click.BadParameter("letters, digits, '_', '.' and '-' only (it names files)",
                                     param_hint="'--worker'")
        if ctx.get_parameter_source("data_dir") is ParameterSource.DEFAULT:
            data_dir = data_dir / "shards" / worker
        # archive.crawl.sharedcrawl.SharedCrawl, a Scrapy add-on, makes the rest of the settings.
        settings.update(ARCHIVE_REDIS_URL=redis_url, ARCHIVE_WORKER=worker,
                        ARCHIVE_REDIS_KEY=redis_key)
        _check_redis(redis_url)
    seeds = _check_seeds(seed_files, settings)
    if redis_url:
        _check_shared_seeds(seeds, settings)
    _finish(run_crawl_or_exit(seed_files, data_dir, settings), data_dir,
            shared=bool(redis_url))


def _check_redis(url: str) -> None:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=5).ping()
    except (redis.RedisError, ValueError) as exc:
        raise click.ClickException(f"cannot reach Redis at {url}: {exc}") from exc


@cli.command("add-site")
@click.argument("url")
@click.option("--name", help="The site's name in the archive and its seed file's  [default: "
              "from the host name]")
@click.option("--seeds-dir", type=click.Path(file_okay=False, path_type=Path), default="seeds",
              show_default=True, help="Where to write NAME.toml.")
@click.option("--dry-run", is_flag=True, help="Print the seed file instead of writing it.")
@click.option("--force", is_flag=True, help="Overwrite a seed file of that name.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy or ARCHIVE_* setting (repeatable).")
def add_site(url, name, seeds_dir, dry_run, force, overrides):
    """Write a seed file for the news site at URL, from what it serves: its feeds, its sitemaps
    (Google News sitemaps preferred) and an article_pattern proved on a sample of its pages.

    Fetched as a crawl fetches (robots.txt obeyed, politely); each value in the file says how
    it was found. Exit status 1 with one line when the site cannot be added (robots.txt forbids
    it, unreachable, not HTML, redirected to another site, a script-shell front page, nothing
    article-like found).
    """
    from archive.cli.addsite import add_site as run

    run(url, name, seeds_dir, dry_run, force, _settings(overrides))


@cli.command("check-seed")
@click.argument("seed_files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy or ARCHIVE_* setting (repeatable).")
def check_seed(seed_files, overrides):
    """Check that each seed still fits its site: fetch its start pages, feeds and sitemaps as a
    crawl does, count the URLs they give and those the article pattern takes, judge a sample of
    pages as add-site does, and say what looks wrong (a pattern that takes hubs or misses
    articles, a dead feed, an empty or stale sitemap, robots.txt forbidding an entry point).

    Exit status, the worst of all seeds: 0 fine; 1 warnings (the crawl works, but misses or
    mistakes pages); 3 a seed is broken (its crawl would archive nothing of use); 4 a seed file
    does not load.
    """
    from archive.cli.checkseed import check_seeds

    sys.exit(check_seeds(list(seed_files), _settings(overrides)))


@cli.command()
@data_option
@click.option("--port", type=click.IntRange(0, 65533), default=None,
              help="First of the three ports the sample sites use on 127.0.0.1  [default: "
                   "8701; 0: any free ports, new URLs each run]")
def demo(data_dir, port):
    """Serve the bundled sample sites on 127.0.0.1, crawl them and fill the archive.

    The sites keep their ports from run to run, so a second demo is an incremental crawl: it
    re-checks the pages and adds no article twice.
    """
    from archive import samplesites

    port = samplesites.DEMO_PORT if port is None else port
    with _sample_sites(port) as sites, tempfile.TemporaryDirectory() as seed_dir:
        for name, url in sites.urls.items():
            click.echo(f"serving sample site {name} at {url}/")
        click.echo("the sample sites serve some bad pages on purpose (a 500, archived at each "
                   "of its three tries; links to pages they lack, 404; a PNG labelled text/html; "
                   "a truncated page): the ERROR and WARNING lines about them, and the HTTP "
                   "errors counted below, are expected")
        seeds = samplesites.seed_files(sites.urls, seed_dir)
        stats = run_crawl_or_exit(seeds, data_dir, {
            "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "LOG_LEVEL": "WARNING"})
    _finish(stats, data_dir)


@cli.command("sample-sites")
@click.option("--port", type=click.IntRange(0, 65533), default=None,
              help="First of the three ports on 127.0.0.1  [default: 8701]")
@click.option("--seeds-dir", type=click.Path(file_okay=False, path_type=Path),
              default="data/sample-seeds", show_default=True,
              help="Where to write a seed file for each site.")
def sample_sites(port, seeds_dir):
    """Serve the bundled sample sites on 127.0.0.1 until Ctrl-C, with seed files for them, to
    crawl them with ``newsarchive crawl`` or ``scrapy crawl news``."""
    from archive import samplesites

    port = samplesites.DEMO_PORT if port is None else port
    # Ctrl-C (or a SIGTERM) is waited for, not handled: blocked in every thread from here on (the
    # servers' threads included), a signal cannot land in a server thread, where Python would
    # only note it while the main thread slept on.
    stop = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop)
    with _sample_sites(port) as sites:
        seeds_dir.mkdir(parents=True, exist_ok=True)
        seeds = samplesites.seed_files(sites.urls, seeds_dir)
        for name, url in sites.urls.items():
            click.echo(f"serving sample site {name} at {url}/")
        click.echo(f"seed files: {', '.join(map(str, seeds))}\ncrawl them with:\n"
                   f"  newsarchive crawl {' '.join(map(str, seeds))}\n"
                   f"  scrapy crawl news -a seeds={','.join(map(str, seeds))}\n"
                   "Ctrl-C stops the sites")
        signal.sigwait(stop)
        click.echo("stopped")


@contextlib.contextmanager
def _sample_sites(port: int):
    from archive import samplesites

    try:
        with samplesites.serve(port) as sites:
            yield sites
    except samplesites.PortInUse as exc:
        raise click.ClickException(str(exc)) from exc


def _settings(overrides) -> dict:
    """``-s NAME=VALUE`` pairs, each value checked against the type of the setting's default
    (Scrapy would only fail mid-crawl, on first reading it)."""
    from archive.crawl.run import crawl_settings

    defaults = crawl_settings()
    settings = {}
    for item in overrides:
        name, equals, value = item.partition("=")
        name = name.strip()
        if not equals or not name:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="'-s' / '--set'")
        default = defaults.get(name)
        # A number where the default is one (an int default may take a float: DOWNLOAD_DELAY).
        kind = {bool: ("getbool", "true or false"), int: ("getfloat", "a number"),
                float: ("getfloat", "a number")}.get(type(default))
        if kind:
            try:
                getattr(type(defaults)({name: value}), kind[0])(name)
            except ValueError:
                raise click.BadParameter(f"{name} wants {kind[1]}, not {value!r}",
                                         param_hint="'-s' / '--set'") from None
        settings[name] = value
    return settings


def _check_shared_seeds(seeds, settings: dict) -> None:
    """Two seed files of one name, or seed files other than those of the shared crawl in
    progress, keep a worker out of it: one line before the crawl starts. (The worker checks
    again once it starts, in case another began meanwhile.)"""
    from archive.crawl.sharedcrawl import SharedHistory
    from spiders._seeds import seeds_digest

    names = [seed.name for seed in seeds]
    if twice := sorted({name for name in names if names.count(name) > 1}):
        raise click.ClickException(f"two seed files name the site {twice[0]!r}: a shared "
                                   "crawl's queue names seeds, give each its own name")
    history = SharedHistory.from_settings(settings)
    try:
        refused = history.refuses(seeds_digest(seeds))
    finally:
        history.close()
    if refused:
        raise click.ClickException(f"not joining: {refused}")


def _check_seeds(seed_files, overrides) -> list:
    """Read every seed file before the crawl starts: a mistake in one is one line, not a
    traceback from inside Scrapy."""
    from archive.crawl.run import crawl_settings
    from spiders._seeds import SeedError, expand, load_seed

    patterns = seed_files or crawl_settings(None, overrides).getlist("ARCHIVE_SEEDS")
    paths = expand(patterns)
    if not paths:
        raise click.ClickException(f"no seed files: none match {', '.join(patterns)}; name "
                                   "some (newsarchive crawl seeds/site.toml)")
    try:
        return [load_seed(path) for path in paths]
    except SeedError as exc:
        raise click.ClickException(f"bad seed file {exc}") from exc


def run_crawl_or_exit(seed_files, data_dir, overrides) -> dict:
    from archive.crawl.run import run_crawl
    from archive.store.diskfull import ensure_room
    from archive.store.index import Index
    from archive.store.lock import ArchiveLocked

    paths = ArchivePaths(data_dir)
    if paths.index_lost():  # a new index would take the archive's pages for new ones
        raise _no_archive(paths)
    # Made or upgraded here, where a full disk or a damaged index is one line (Scrapy would
    # log a traceback and carry on without the spider).
    with _stop_if_disk_full(data_dir, "crawl"):
        ensure_room(paths.root, paths.warc_dir, paths.text_dir)
        Index(paths.index).close()
    try:
        with _stop_if_disk_full(data_dir, "crawl"):  # the lock file's write, say
            return run_crawl(seed_files, data_dir, overrides)
    except ArchiveLocked as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)


def _finish(stats: dict, data_dir: Path, shared: bool = False) -> None:
    """Print the crawl's summary and exit with a status a scheduler can act on. (A worker of a
    shared crawl that found nothing left to fetch has done its part.)"""
    from archive.cli.report import summary

    crawl_id = stats.get("archive/crawl_id")  # absent when archiving is switched off
    if crawl_id:
        click.echo(summary(ArchivePaths(data_dir), crawl_id))
        click.echo(f"browse it: {_program()} serve --data {data_dir}")
    reason = stats.get("finish_reason")
    if reason == "disk-full":
        click.echo(f"Error: the disk of {data_dir} is full ({stats.get('archive/disk_full')}): "
                   "the crawl stopped; free space and run it again to finish", err=True)
        sys.exit(EXIT_DISK_FULL)
    if reason != "finished":
        click.echo(f"Error: the crawl did not finish: {CLOSE_REASONS.get(reason, reason)}",
                   err=True)
        sys.exit(EXIT_CRAWL_FAILED)
    if not shared and not _pages_fetched(stats, data_dir):
        errors = {key.rsplit("/", 1)[-1].rsplit(".", 1)[-1]: count for key, count in stats.items()
                  if key.startswith("downloader/exception_type_count/")}
        detail = ", ".join(f"{name} {count}" for name, count in sorted(errors.items())) or \
            "no page answered with a success status"
        click.echo(f"Error: nothing could be fetched ({detail})", err=True)
        sys.exit(EXIT_NOTHING_FETCHED)
    sys.exit(EXIT_OK)


def _pages_fetched(stats: dict, data_dir: Path) -> int:
    """Pages this crawl fetched with a success status (robots.txt aside); a re-check answered
    304 counts: the site answered."""
    crawl_id = stats.get("archive/crawl_id")
    if not crawl_id:
        return stats.get("downloader/response_status_count/200", 0)
    from archive.store.index import Index

    index = Index(ArchivePaths(data_dir).index)
    try:
        return index.db.execute(
            "select count(*) from captures where crawl_id = ? and status < 400 and "
            "url not like '%/robots.txt'", [crawl_id]).fetchone()[0]
    finally:
        index.close()


def _program() -> str:
    """This command as it was typed (``.venv/bin/newsarchive`` from ``make run``)."""
    return sys.argv[0] if Path(sys.argv[0]).name == "newsarchive" else "newsarchive"


@cli.command()
@data_option
def stats(data_dir):
    """Summarise what the archive holds: captures, articles per site and language, crawls."""
    from archive.cli.report import summary

    paths = ArchivePaths(data_dir)
    if not paths.index.exists():
        raise _no_archive(paths)
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
        detail = f" ({removal.detail})" if removal.detail else ""
        click.echo(f"removed [{removal.rule}]{detail}: {removal.text}", err=True)
    for guard in document.guards:
        click.echo(f"kept by a guard: {guard}", err=True)


def _inputs(ctx, param, values):
    """Paths that exist, or URLs (with --scheduler: the cluster's workers open them)."""
    checked = []
    for value in values:
        if "://" in value:
            checked.append(value)
        elif not Path(value).exists():
            raise click.BadParameter(f"{value!r} does not exist", param_hint="INPUTS")
        else:
            checked.append(Path(value))
    return checked


@cli.command()
@click.argument("inputs", nargs=-1, callback=_inputs)
@data_option
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None,
              help="Cleaning processes [default: all cores; 0 cleans in this process].")
@click.option("--since", metavar="VERSION",
              help="Skip captures already cleaned by VERSION ('current': this cleaner).")
@click.option("--seeds", "seed_patterns", multiple=True, default=["seeds/*.toml"],
              show_default=True, help="Seed files whose site names and [clean] rules apply.")
@click.option("--rebuild-profiles", is_flag=True,
              help="Forget the site profiles and learn them again from the records read.")
@click.option("--all-pages", is_flag=True,
              help="Clean every HTML page no seed applies to, not only those that say they "
                   "are articles (og:type, JSON-LD).")
@click.option("--scheduler", metavar="tcp://HOST:8786",
              help="Reprocess on this Dask cluster: a task per file, each into a shard, the "
                   "shards merged into the archive. INPUTS may then be URLs (s3://...).")
def reprocess(inputs, data_dir, jobs, since, seed_patterns, rebuild_profiles, all_pages,
              scheduler):
    """Re-clean archived captures without fetching: INPUTS are WARC files or folders of them
    (ours, wget's, Common Crawl's, ...), the archive's own warc/ by default.

    New conversion and metadata records go to text/, rows to the index; raw captures are never
    touched. Unreadable input is skipped, counted and named with its file and offset.
    """
    from tqdm import tqdm

    import cleaners
    from archive.offline.reprocess import reprocess as run
    from archive.offline.reprocess import warc_files
    from archive.store.diskfull import ensure_room
    from archive.store.lock import ArchiveLocked

    paths = ArchivePaths(data_dir)
    if not inputs and not paths.warc_dir.is_dir():
        raise click.ClickException(f"nothing to reprocess: {data_dir} is not an archive (no "
                                   f"{paths.warc_dir}); name WARC files or folders of them")
    if not scheduler and any(isinstance(item, str) for item in inputs):
        raise click.UsageError("URLs as INPUTS need --scheduler (a cluster's workers fetch "
                               "them); download them first to reprocess here")
    seeds = _load_seeds(seed_patterns)
    since = cleaners.CLEANER_VERSION if since == "current" else since
    if scheduler:
        _reprocess_on_cluster(inputs, data_dir, scheduler, since, seeds, all_pages,
                              rebuild_profiles)
        return
    total = sum(p.stat().st_size for p in warc_files(inputs, paths.warc_dir))
    bar = tqdm(total=total, unit="B", unit_scale=True, desc="reprocess", disable=None)

    def progress(report):
        bar.update(report.bytes - bar.n)
        bar.set_postfix(records=report.records, articles=report.articles, refresh=False)

    try:
        with _stop_if_disk_full(data_dir, "reprocess"):
            ensure_room(paths.root, paths.text_dir)
            report = run(inputs, data_dir, jobs=jobs, seeds=seeds, progress=progress,
                         since=since, rebuild_profiles=rebuild_profiles, all_pages=all_pages)
    except ArchiveLocked as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    finally:
        bar.close()
    click.echo(report.summary())


@contextlib.contextmanager
def _stop_if_disk_full(data_dir: Path, what: str):
    """A full disk, whichever write met it, is one line and its own exit status."""
    from archive.store.diskfull import is_disk_full

    try:
        yield
    except Exception as exc:
        if not is_disk_full(exc):
            raise
        click.echo(f"Error: the disk of {data_dir} is full ({exc}): the {what} stopped; free "
                   "space and run it again to finish", err=True)
        sys.exit(EXIT_DISK_FULL)


def _load_seeds(patterns) -> list:
    from spiders._seeds import SeedError, expand, load_seed

    try:
        return [load_seed(path) for path in expand(patterns)]
    except SeedError as exc:
        raise click.ClickException(f"bad seed file {exc}") from exc


def _reprocess_on_cluster(inputs, data_dir, scheduler, since, seeds, all_pages,
                          rebuild_profiles) -> None:
    from tqdm import tqdm

    from archive.offline.cluster import ClusterUnreachable, reprocess_on_cluster
    from archive.offline.shardcheck import MergeError
    from archive.store.lock import ArchiveLocked

    if rebuild_profiles:
        raise click.UsageError("--rebuild-profiles is for a reprocess on this machine: the "
                               "merge counts the profiles again over all shards anyway")
    bar = tqdm(unit="file", desc="reprocess on cluster", disable=None)

    def progress(report, total):
        bar.total = total
        bar.update(report.files - bar.n)
        bar.set_postfix(records=report.records, articles=report.articles, refresh=False)

    try:
        report = reprocess_on_cluster(inputs, data_dir, scheduler, since=since, seeds=seeds,
                                      all_pages=all_pages, progress=progress)
    except ArchiveLocked as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    except (ClusterUnreachable, MergeError) as exc:  # a worker's shard refused: one line
        raise click.ClickException(str(exc)) from exc
    finally:
        bar.close()
    click.echo(report.summary())


@cli.command()
@click.argument("shards", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@data_option
@click.option("--seeds", "seed_patterns", multiple=True, default=["seeds/*.toml"],
              show_default=True, help="Seed files whose site names and [clean] rules apply.")
@click.option("--copy", is_flag=True,
              help="Copy the shards' WARC files (default: hard links where the filesystem "
                   "allows, copies elsewhere).")
def merge(shards, data_dir, seed_patterns, copy):
    """Merge SHARDS (the archives of a shared crawl's workers, or any archives) into one.

    Files are linked or copied into the archive under their own names; rows are added to its
    index, one article per URL and payload digest; site profiles are counted again over all
    articles. Run it again after more crawling: what is merged already is not added again.
    """
    from archive.offline.merge import merge as run
    from archive.offline.shardcheck import MergeError
    from archive.store.lock import ArchiveLocked

    if any(shard.resolve() == data_dir.resolve() for shard in shards):
        raise click.BadParameter("a shard cannot be merged into itself", param_hint="SHARDS")
    try:
        with _stop_if_disk_full(data_dir, "merge"):  # what was merged stays; the rest next time
            report = run(shards, data_dir, seeds=_load_seeds(seed_patterns), link=not copy)
    except ArchiveLocked as exc:
        click.echo(f"Error: {exc} (a worker still writes it? merge once it stops)", err=True)
        sys.exit(EXIT_LOCKED)
    except MergeError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(report.summary())
    click.echo(f"browse it: {_program()} serve --data {data_dir}")


@cli.command()
@data_option
@click.option("--seeds", "seed_patterns", multiple=True, default=["seeds/*.toml"],
              show_default=True, help="Seed files that name the sites of records written "
                                      "before their metadata did, and tell hub pages.")
def reindex(data_dir, seed_patterns):
    """Rebuild index.db from warc/ and text/ alone, cleaning nothing again: captures, articles
    (each capture's current conversion record), versions, removals, copies, site profiles.

    The new index is built beside the old one and swapped in only when whole; the old one is
    kept as index.db.bak. Crawl statistics are not in the WARC files and are not rebuilt.
    """
    with _not_loading("numpy", "fsspec"):
        from archive.offline.reindex import reindex as run
    from archive.store.lock import ArchiveLocked

    paths = ArchivePaths(data_dir)
    if not paths.warc_dir.is_dir():
        raise click.ClickException(f"nothing to reindex: {data_dir} is not an archive (no "
                                   f"{paths.warc_dir})")
    try:
        with _stop_if_disk_full(data_dir, "reindex"):  # the old index stays as it was
            report = run(data_dir, seeds=_load_seeds(seed_patterns))
    except ArchiveLocked as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    click.echo(report.summary())


@contextlib.contextmanager
def _not_loading(*modules: str):
    """Inside the block, an import of ``modules`` fails unless they are loaded already: the
    optional imports libraries try as they load, where a command uses none of what they add
    (sqlite-utils tries numpy, for numpy values in rows; warcio tries fsspec, for remote
    files: together 40% of the CPU of loading what reindex needs). Later imports load them."""
    skipped = [name for name in modules if name not in sys.modules]
    sys.modules.update(dict.fromkeys(skipped))  # None: "not importable", to the import system
    try:
        yield
    finally:
        for name in skipped:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]


@cli.group()
def export():
    """Export the archive: articles as a text corpus, captures as a WACZ package."""


def _export_filters(function):
    function = click.option("--site", help="Only this site's articles.")(function)
    function = click.option("--since", metavar="DATE",
                            help="Only articles captured on or after DATE (2025-01-31).")(function)
    return data_option(function)


@export.command("articles")
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet", "wet"]),
              default="jsonl", show_default=True,
              help="JSON Lines, Parquet, or a WET file (the conversion records).")
@_export_filters
def export_articles(output, fmt, data_dir, site, since):
    """Write the current version of every article to OUTPUT: text, language, metadata and
    provenance (JSON Lines, Parquet), or its conversion records, copied (WET)."""
    from archive.offline.export import (
        current_articles,
        whole_file,
        write_jsonl,
        write_parquet,
        write_wet,
    )

    with _reading(data_dir) as db, whole_file(output) as partial:
        rows = current_articles(db, site, since)
        if fmt == "jsonl":
            with open(partial, "w", encoding="utf-8") as out:
                count = write_jsonl(_progress(rows), out)
        elif fmt == "parquet":
            count = write_parquet(_progress(rows), partial)
        else:
            with open(partial, "wb") as out:
                count = write_wet(ArchivePaths(data_dir), _progress(rows), out)
    click.echo(f"{count} articles written to {output}")


@export.command("wacz")
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@_export_filters
def export_wacz(output, data_dir, site, since):
    """Package the raw captures as OUTPUT (a .wacz file), with a full-text page index of the
    articles: the archive's WARC files, or with --site/--since only those articles' records."""
    from archive.offline.export import current_articles, whole_file, write_wacz

    with _reading(data_dir) as db, whole_file(output) as partial:
        count = write_wacz(ArchivePaths(data_dir), _progress(current_articles(
            db, site, since)), partial, whole=not (site or since))
    click.echo(f"{count} articles packaged in {output}")


def _reading(data_dir: Path):
    """The index of a command that only reads it (sqlite3 alone unless it needs upgrading)."""
    from archive.cli.reading import reading

    paths = ArchivePaths(data_dir)
    if not paths.index.exists():
        raise _no_archive(paths)
    return reading(paths.index)


def _no_archive(paths: ArchivePaths) -> click.ClickException:
    return click.ClickException(paths.no_index(_program()))


def _progress(rows):
    from tqdm import tqdm

    return tqdm(rows, unit=" articles", desc="export", disable=None)


cli.add_command(serve)
