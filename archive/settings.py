"""Scrapy settings for newsarchive, and every ``ARCHIVE_*`` default in one place.

Components read these only in ``from_crawler``; the CLI and ``scrapy.cfg`` both point here.
"""

from archive import __version__

BOT_NAME = "newsarchive"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

USER_AGENT = f"newsarchive/{__version__} (news archiving crawler)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS_PER_DOMAIN = 4
# A page yields one item at most; Scrapy starts this many tasks for every page's output (100 by
# default), which cost the crawl process more than writing its WARC records did.
CONCURRENT_ITEMS = 8
DOWNLOAD_TIMEOUT = 60
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
# A body cut short (the server closed the connection before its Content-Length) is archived,
# marked WARC-Truncated: disconnect, rather than lost.
DOWNLOAD_FAIL_ON_DATALOSS = False
# The bytes as they came off the wire are archived, and a body that stalls past DOWNLOAD_TIMEOUT
# as far as it came (WARC-Truncated: time): archive/crawl/download.py.
DOWNLOAD_HANDLERS = {"http": "archive.crawl.download.WireDownloadHandler",
                     "https": "archive.crawl.download.WireDownloadHandler"}
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
LOG_LEVEL = "INFO"
# No consoles into a running crawl: Scrapy's telnet console and remote-control server both run
# code sent to a port. Turn them on for debugging with -s.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
LOG_FORMATTER = "archive.crawl.logformat.ArchiveLogFormatter"

# Setting this replaces Scrapy's whole default dict, so Accept and Accept-Language are repeated.
# Accept-Encoding lists only what warcio can decode when the archive is read back (no zstd, no br
# unless brotli is installed), so every capture stays readable by standard WARC tools.
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en",
    "Accept-Encoding": "gzip, deflate",
}

EXTENSIONS = {"archive.crawl.capture.WarcCapture": 100,
              "archive.crawl.logformat.QuietNetworkErrors": 0,
              "archive.crawl.sharedcrawl.LeaseKeeper": 200,
              "archive.crawl.progress.ProgressLine": 500,
              # The news spider keeps no state across runs (its JOBDIR is a fresh queue).
              "scrapy.extensions.spiderstate.SpiderState": None}
# Scope before robots.txt (100), so a redirect off the seed's sites contacts no other host; the
# Retry-After pause above RetryMiddleware (550), so it sees 429/503 first and retries after it;
# per-site counts next to the downloader, where every response and error passes. In a shared
# crawl (archive/crawl/sharedcrawl.py), leases end outermost, after every other middleware.
DOWNLOADER_MIDDLEWARES = {"archive.crawl.sharedcrawl.LeaseMiddleware": 10,
                          "spiders.scope.SeedScopeMiddleware": 50,
                          "archive.crawl.politeness.RetryAfterMiddleware": 560,
                          "archive.crawl.sitestats.SiteStatsMiddleware": 950}
ITEM_PIPELINES = {"archive.crawl.pipeline.ArticlePipeline": 300}
# With ARCHIVE_REDIS_URL set, the crawl is one worker of a crawl shared through Redis.
ADDONS = {"archive.crawl.sharedcrawl.SharedCrawl": 0}

# --- newsarchive -------------------------------------------------------------------------------
ARCHIVE_ENABLED = True
#: Root of the archive: ``warc/`` raw captures, ``text/`` derived records, ``index.db``.
ARCHIVE_DATA_DIR = "data"
#: WARC file names: ``{prefix}-{timestamp}-{serial}-{host}.warc.gz``.
ARCHIVE_WARC_PREFIX = "newsarchive"
#: Start a new WARC file once the current one reaches this many bytes (Heritrix's 1 GB).
ARCHIVE_WARC_MAX_SIZE = 1_000_000_000
#: fsync each record after writing it (slower; survives power loss, not just a killed process).
ARCHIVE_WARC_FSYNC = False
#: Commit index rows in batches, at most this many seconds apart (0: commit every row).
ARCHIVE_INDEX_COMMIT_INTERVAL = 1.0
#: Keep the crawl's pending requests on disk (Scrapy's JOBDIR, ``queue/`` in the archive, fresh
#: each run), so memory stays flat however many URLs a sitemap lists. ``newsarchive crawl`` only.
ARCHIVE_DISK_QUEUE = True
#: Worker processes that clean pages off the reactor: -1 = one per core, 0 = clean in-process.
ARCHIVE_CLEAN_PROCESSES = -1
#: Pause a host for its Retry-After (429/503) before retrying, capped at ARCHIVE_RETRY_AFTER_MAX s.
ARCHIVE_RETRY_AFTER_ENABLED = True
ARCHIVE_RETRY_AFTER_MAX = 600
#: Requests one crawl may make to one site (a seed's ``max_pages`` overrides it), and in all: a
#: calendar or a faceted search with endless links stops there, and the summary says so.
ARCHIVE_MAX_PAGES_PER_SITE = 10_000
ARCHIVE_MAX_PAGES = 100_000
#: Within a seed's ``revisit_days``, a known article is fetched again (conditionally) once each of
#: these many hours after its first capture has passed: news changes most while it is new.
ARCHIVE_RECHECK_HOURS = [1, 6, 24, 168]
#: A live progress line on stderr (pages, articles, errors, queue), when it is a terminal.
ARCHIVE_PROGRESS = True
ARCHIVE_PROGRESS_INTERVAL = 1.0
#: Pages per site and crawl that the seed's article_pattern leaves out and that are judged all
#: the same, by add-site's verdict: article-like ones among them mean the site's URLs changed
#: shape (``stats`` and the front page flag it). 0: none judged.
ARCHIVE_SHAPE_CHECK_PAGES = 10
#: Seed files the ``news`` spider reads when not given ``-a seeds=a.toml,b.toml``.
ARCHIVE_SEEDS = ["seeds/*.toml"]

# --- a crawl shared by many workers (archive/crawl/sharedcrawl.py; newsarchive crawl --redis) ---
#: Redis holding the shared frontier, seen-filter, leases and history; None: a crawl of its own.
ARCHIVE_REDIS_URL = None
#: This worker's name (in its WARC file names and crawl ids) and the shared crawl's key prefix.
ARCHIVE_WORKER = None
ARCHIVE_REDIS_KEY = "newsarchive"
#: Seconds between heartbeats; a worker silent for three is dead and its leases go back.
ARCHIVE_REDIS_HEARTBEAT = 5.0
#: Seconds a worker waits, holding still, for a Redis that stopped answering (a restart) before
#: it stops with the close reason ``redis-lost``; rerun it once Redis is back.
ARCHIVE_REDIS_WAIT = 120.0
