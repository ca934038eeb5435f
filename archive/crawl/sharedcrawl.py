"""One crawl shared by many workers through Redis (scrapy-redis), at least once.

scrapy-redis keeps the frontier (a priority queue) and the seen-URL filter in Redis, so any number
of workers on any number of machines share one crawl. It pops a request and forgets it: a worker
killed with ``kill -9`` would lose what it had in flight, and the seen-filter would stop anyone
else from fetching it. Here a popped request is *leased* instead: it stays in Redis, under the
worker's incarnation, until its capture is on disk (or it failed for good, or went back to the
queue as a retry or a redirect). Every worker keeps a heartbeat key alive; the leases of a worker
whose heartbeat expired go back to the queue. A page fetched twice that way is resolved when the
shards are merged (:mod:`archive.offline.merge`).

Each worker writes its own shard (its own ``--data`` folder, its name in its WARC file names), so
workers never share a file or a SQLite writer. Politeness across workers: a host's requests in
flight, its spacing and its Retry-After pause are kept in Redis (:class:`SharedHostLimit`), so two
workers never hit one host harder than one worker would.

Keys, under ``ARCHIVE_REDIS_KEY`` (``newsarchive`` by default)::

    {key}:queue:{host}  the frontier: a priority queue per host (a scrapy-redis queue class)
    {key}:hosts         the hosts with queued requests, least recently served first
    {key}:queued        how many requests are queued in all
    {key}:dupefilter    request fingerprints seen in this run (scrapy-redis)
    {key}:leases / :owners              leased requests; their holder, priority and host
    {key}:alive:{incarnation}           a worker's heartbeat (expires)
    {key}:host:{host} / :next:{host}    requests in flight per host, and when it may be asked next
    {key}:fetched / :captured / :articles   url -> last fetch; last full capture (record id,
                        date, payload digest, validators); first article capture (incremental)
    {key}:seeding       held by the worker queueing the seeds of a new run
    {key}:run           "seeding", then "seeded" once a run's seeds are all queued
    {key}:seeds         the digest of the run's seed files: a worker with others never joins

Whoever can write to this Redis can write queue entries: an entry is data (JSON, the seed by its
name, :mod:`archive.crawl.queueentry`), never a pickle, and one that a worker cannot read is
dropped, counted and its lease ended, not left for the next worker to choke on.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import socket
import uuid
import warnings

import redis
from redis.backoff import ConstantBackoff
from redis.retry import Retry
from scrapy import signals
from scrapy.exceptions import (
    DontCloseSpider,
    IgnoreRequest,
    NotConfigured,
    ScrapyDeprecationWarning,
)
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import Base
from twisted.internet.task import LoopingCall, deferLater

from archive.crawl.politeness import retry_after_seconds
from archive.crawl.queueentry import MalformedEntry, decode, encode
from archive.crawl.requestmeta import STARTED_AT
from archive.settings import ARCHIVE_REDIS_WAIT
from archive.store.records import warc_date

logger = logging.getLogger(__name__)

# scrapy-redis 0.9 hands the spider to the stats collector, which Scrapy 2.13+ warns about once
# per run of each call site: scrapy-redis' to change, and nothing a crawl's operator can act on.
warnings.filterwarnings("ignore", message="Passing a 'spider' argument",
                        category=ScrapyDeprecationWarning, module=r"scrapy_redis\.")

LEASE = "archive_lease"
#: Set by the capture extension on a full 200 response: its record id, date and digest.
CAPTURED = "archive_captured"

# The frontier is a queue per host (a sorted set by priority) and a rotation of the hosts that
# have requests (scored by when one was last taken), as Heritrix keeps it: a worker takes from
# the host least recently served whose requests in flight are under the limit, so that no worker
# fills its own concurrency with requests waiting for one busy host.
#
# Take the next request and lease it to a worker, in one step: at no moment is it in neither.
# Only for a worker with the run's seeds: another's would not know the seeds its entries name.
_POP = """
if redis.call('GET', KEYS[5]) ~= ARGV[8] then return nil end
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local hosts = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[4]) - 1)
for _, host in ipairs(hosts) do
  local flight = ARGV[5] .. host
  redis.call('ZREMRANGEBYSCORE', flight, '-inf', now)
  local next_at = tonumber(redis.call('GET', ARGV[6] .. host) or '0')
  if redis.call('ZCARD', flight) < tonumber(ARGV[3]) and next_at <= now then
    local queue = ARGV[7] .. host
    local item = redis.call('ZRANGE', queue, 0, 0, 'WITHSCORES')
    if #item == 0 then
      redis.call('ZREM', KEYS[1], host)
    else
      redis.call('ZREM', queue, item[1])
      redis.call('DECR', KEYS[2])
      if redis.call('ZCARD', queue) == 0 then redis.call('ZREM', KEYS[1], host)
      else redis.call('ZADD', KEYS[1], now, host) end
      redis.call('HSET', KEYS[3], ARGV[1], item[1])
      redis.call('HSET', KEYS[4], ARGV[1], ARGV[2] .. '\t' .. item[2] .. '\t' .. host)
      return item[1]
    end
  end
end
return nil
"""
# Mark the run seeded, if it is still the one this worker claimed (Redis may have forgotten it).
_SEEDED = """
if redis.call('GET', KEYS[1]) ~= 'seeding' or redis.call('GET', KEYS[2]) ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], 'seeded')
return 1
"""
# Queue a request on its host's queue, and the host in the rotation (a new host first).
_PUSH = """
if redis.call('ZADD', ARGV[3] .. ARGV[2], ARGV[1], ARGV[4]) == 1 then
  redis.call('INCR', KEYS[2])
end
redis.call('ZADD', KEYS[1], 'NX', 0, ARGV[2])
if ARGV[5] ~= '' then
  redis.call('HDEL', KEYS[3], ARGV[5])
  redis.call('HDEL', KEYS[4], ARGV[5])
end
return 1
"""
# Give the leases of workers whose heartbeat expired back to their hosts' queues.
_RECLAIM = """
local owners = redis.call('HGETALL', KEYS[4])
local back = 0
for i = 1, #owners, 2 do
  local lease = owners[i]
  local owner, score, host = string.match(owners[i + 1], '^([^\t]*)\t([^\t]*)\t(.*)$')
  if redis.call('EXISTS', ARGV[1] .. owner) == 0 then
    local data = redis.call('HGET', KEYS[3], lease)
    if data and redis.call('ZADD', ARGV[2] .. host, score, data) == 1 then
      redis.call('INCR', KEYS[2])
    end
    redis.call('ZADD', KEYS[1], 'NX', 0, host)
    redis.call('HDEL', KEYS[3], lease)
    redis.call('HDEL', KEYS[4], lease)
    back = back + 1
  end
end
return back
"""
# Take a slot to ask a host, on the server's clock: "ok", or seconds to wait before trying again.
_HOST_SLOT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local next_at = tonumber(redis.call('GET', KEYS[2]) or '0')
if now < next_at then return tostring(next_at - now) end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return '0.05' end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[4])
redis.call('SET', KEYS[2], tostring(now + tonumber(ARGV[2])), 'EX', 86400)
return 'ok'
"""
_PAUSE_HOST = """
local t = redis.call('TIME')
local until_at = tonumber(t[1]) + tonumber(t[2]) / 1000000 + tonumber(ARGV[1])
local next_at = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_at > next_at then redis.call('SET', KEYS[1], tostring(until_at), 'EX', 86400) end
return 1
"""


class SharedCrawl:
    """Scrapy add-on (``ADDONS``): with ``ARCHIVE_REDIS_URL`` set, the crawl is one worker of the
    shared crawl ``ARCHIVE_REDIS_KEY``, named ``ARCHIVE_WORKER`` (the host's name by default):
    ``newsarchive crawl --redis URL --worker NAME`` and ``scrapy crawl news -s
    ARCHIVE_REDIS_URL=URL -s ARCHIVE_WORKER=NAME`` are the same crawl."""

    def update_settings(self, settings) -> None:
        url = settings.get("ARCHIVE_REDIS_URL")
        if not url:
            return
        worker = settings.get("ARCHIVE_WORKER") or socket.gethostname().split(".")[0]
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", worker):
            raise ValueError(f"ARCHIVE_WORKER {worker!r}: letters, digits, '_', '.' and '-' "
                             "only (it names the worker's files)")
        key = settings.get("ARCHIVE_REDIS_KEY")
        for name, value in {
            "ARCHIVE_WORKER": worker,
            # A restarted worker is a new incarnation: the leases of the old one are given back.
            "ARCHIVE_WORKER_INCARNATION": f"{worker}-{uuid.uuid4().hex[:8]}",
            "REDIS_URL": url,
            "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
            "SCHEDULER_QUEUE_CLASS": "archive.crawl.sharedcrawl.LeasedQueue",
            "SCHEDULER_QUEUE_KEY": f"{key}:queue",
            "SCHEDULER_DUPEFILTER_KEY": f"{key}:dupefilter",
            "DUPEFILTER_CLASS": "archive.crawl.sharedcrawl.SharedDupeFilter",
            "REDIS_PARAMS": redis_params(settings),
            "SCHEDULER_PERSIST": True,
            "ARCHIVE_CRAWL_ID": f"{worker}-{uuid.uuid4().hex[:12]}",
        }.items():
            settings.set(name, value, priority="addon")
        # These two the project's settings name too: they change at the priority they have.
        settings.set("ARCHIVE_DISK_QUEUE", False, settings.getpriority("ARCHIVE_DISK_QUEUE"))
        prefix = settings.get("ARCHIVE_WARC_PREFIX")
        settings.set("ARCHIVE_WARC_PREFIX", f"{prefix}-{worker}",
                     settings.getpriority("ARCHIVE_WARC_PREFIX"))


#: What a Redis that is down, restarting or out of reach raises.
UNREACHABLE = (redis.ConnectionError, redis.TimeoutError)
#: Seconds between two tries to reach a Redis that stopped answering.
RETRY_EVERY = 0.5
#: The close reason of a crawl whose Redis did not come back.
REDIS_LOST = "redis-lost"


def redis_params(settings) -> dict:
    """How every connection of a worker waits for a Redis that stops answering (a restart):
    it tries again every :data:`RETRY_EVERY` seconds for ``ARCHIVE_REDIS_WAIT`` seconds, the
    worker holding still meanwhile, before :class:`RedisGone` stops the crawl."""
    wait = float(settings.get("ARCHIVE_REDIS_WAIT") or ARCHIVE_REDIS_WAIT)  # or a dict's
    tries = max(1, int(wait / RETRY_EVERY))
    return {"retry": Retry(ConstantBackoff(RETRY_EVERY), tries),
            "retry_on_error": list(UNREACHABLE), "socket_connect_timeout": 5,
            "socket_timeout": 30, "health_check_interval": 30}


def connect(settings) -> redis.Redis:
    url = settings.get("ARCHIVE_REDIS_URL")
    if not url:
        raise NotConfigured  # a crawl of its own, the usual case: no warning in its log
    return redis.Redis.from_url(url, **redis_params(settings))


class RedisGone:
    """A Redis that did not answer for ``ARCHIVE_REDIS_WAIT`` seconds stops the crawl: one
    line, the close reason ``redis-lost``, and from then on every call a component makes to
    Redis is skipped at once (its lease stays: a rerun takes the request again), so that the
    worker closes its files and its index cleanly instead of waiting again at each call. One
    crawl per process (Twisted's reactor starts once), so this is the process's."""

    crawler = None
    lost: str | None = None

    @classmethod
    def stop(cls, exc: Exception) -> None:
        if cls.lost is None:
            cls.lost = f"{type(exc).__name__}: {exc}"
            logger.error("Redis did not answer again (%s): the worker stops; rerun it once Redis "
                         "is back, and the shared crawl resumes", cls.lost)
            engine = cls.crawler.engine if cls.crawler is not None else None
            if engine is not None and engine.spider is not None:
                cls.crawler.stats.set_value("archive/redis_lost", cls.lost)
                deferred_from_coro(engine.close_spider_async(reason=REDIS_LOST))


def _unless_gone(default=None):
    """Call the method unless Redis is gone; if it goes during the call, stop the crawl and
    return ``default``."""
    def decorate(method):
        @functools.wraps(method)
        def call(*args, **kwargs):
            if RedisGone.lost is None:
                try:
                    return method(*args, **kwargs)
                except UNREACHABLE as exc:
                    RedisGone.stop(exc)
            return default
        return call
    return decorate


class Keys:
    """The Redis key names of one shared crawl."""

    def __init__(self, key: str):
        self.hosts, self.queued = f"{key}:hosts", f"{key}:queued"
        self.queue, self.in_flight, self.next_at = f"{key}:queue:", f"{key}:host:", \
            f"{key}:next:"
        self.dupefilter = f"{key}:dupefilter"
        self.leases, self.owners = f"{key}:leases", f"{key}:owners"
        self.alive = f"{key}:alive:"
        self.fetched, self.captured = f"{key}:fetched", f"{key}:captured"
        self.articles = f"{key}:articles"
        self.seeding, self.run, self.seeds = f"{key}:seeding", f"{key}:run", f"{key}:seeds"

    def host(self, host: str) -> tuple[str, str]:
        return self.in_flight + host, self.next_at + host


class LeasedQueue(Base):
    """scrapy-redis' queue, kept per host, where a pop leases the request instead of forgetting
    it (``SCHEDULER_QUEUE_CLASS``). Its entries are its own JSON (:mod:`archive.crawl.queueentry`),
    whatever ``SCHEDULER_SERIALIZER`` says: a pickle serializer would run what an entry names."""

    #: Hosts looked at per pop, least recently served first, for one under its limit.
    LOOK_AHEAD = 64

    def __init__(self, server, spider, key, serializer=None):
        super().__init__(server, spider, key, json)
        settings = spider.crawler.settings
        self.keys = Keys(settings.get("ARCHIVE_REDIS_KEY"))
        self.incarnation = settings.get("ARCHIVE_WORKER_INCARNATION")
        self.per_host = settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
        self._pop = server.register_script(_POP)
        self._push = server.register_script(_PUSH)

    @_unless_gone(0)
    def __len__(self):
        return int(self.server.get(self.keys.queued) or 0)

    @_unless_gone()
    def push(self, request):
        """Queue a request; one that comes back (a retry, a redirect) ends its lease."""
        lease = request.meta.pop(LEASE, None) or ""
        self._push(keys=[self.keys.hosts, self.keys.queued, self.keys.leases, self.keys.owners],
                   args=[-request.priority, _host(request.url), self.keys.queue,
                         self._encode_request(request), lease])

    def _encode_request(self, request):
        return encode(request, self.spider)

    @_unless_gone()
    def pop(self, timeout=0):
        """The next request for this worker; an entry that is not one is dropped on the way."""
        while True:
            lease = uuid.uuid4().hex
            data = self._pop(keys=[self.keys.hosts, self.keys.queued, self.keys.leases,
                                   self.keys.owners, self.keys.seeds],
                             args=[lease, self.incarnation, self.per_host, self.LOOK_AHEAD,
                                   self.keys.in_flight, self.keys.next_at, self.keys.queue,
                                   self.spider.seed_digest])
            if not data:
                return None
            try:
                request = decode(data, self.spider)
            except MalformedEntry as exc:
                self._drop(lease, data, exc)
                continue
            request.meta[LEASE] = lease
            return request

    def _drop(self, lease: str, data: bytes, why: MalformedEntry) -> None:
        """A malformed entry: one line, counted, and its lease (the entry's last copy) ended."""
        logger.warning("Dropped a malformed entry of the shared queue (%s): %r", why,
                       data[:120])
        self.spider.crawler.stats.inc_value("archive/redis/malformed")
        pipe = self.server.pipeline()
        for name in (self.keys.leases, self.keys.owners):
            pipe.hdel(name, lease)
        pipe.execute()

    def clear(self):
        for key in self.server.scan_iter(self.keys.queue + "*"):
            self.server.delete(key)
        self.server.delete(self.keys.hosts, self.keys.queued)


class SharedDupeFilter(RFPDupeFilter):
    """scrapy-redis' seen-URL filter, stopped by a Redis gone like the rest: a request seen
    then counts as seen (the crawl is stopping; a rerun finds it again)."""

    @_unless_gone(True)
    def request_seen(self, request):
        return super().request_seen(request)


@_unless_gone()
def release(server, keys: Keys, request) -> None:
    """End a request's lease: its capture is on disk, or it is done with for good."""
    lease = request.meta.pop(LEASE, None)
    if lease:
        pipe = server.pipeline()
        for name in (keys.leases, keys.owners):
            pipe.hdel(name, lease)
        pipe.execute()


class LeaseMiddleware:
    """Downloader middleware, outermost: a response has passed the capture extension (its
    records are written) and an exception is final here, so the lease ends."""

    def __init__(self, server, keys: Keys):
        self.server, self.keys = server, keys

    @classmethod
    def from_crawler(cls, crawler):
        return cls(connect(crawler.settings), Keys(crawler.settings.get("ARCHIVE_REDIS_KEY")))

    def process_response(self, request, response):
        release(self.server, self.keys, request)
        return response

    def process_exception(self, request, exception):
        release(self.server, self.keys, request)


class SharedHostLimit:
    """Across all workers: at most ``CONCURRENT_REQUESTS_PER_DOMAIN`` requests in flight to a
    host, started at least ``DOWNLOAD_DELAY`` apart, and a Retry-After (429/503) pauses the host
    for every worker. The download handler (:mod:`archive.crawl.download`) takes a slot right before
    it connects, after Scrapy's own per-worker slot, so the spacing holds at the wire. Slots
    expire after ``DOWNLOAD_TIMEOUT``: a dead worker's never block a host for long."""

    def __init__(self, server, keys: Keys, limit: int, interval: float, timeout: float):
        self.server, self.keys = server, keys
        self.limit, self.interval, self.timeout = limit, interval, timeout
        self._slot = server.register_script(_HOST_SLOT)
        self._pause = server.register_script(_PAUSE_HOST)

    @classmethod
    def from_settings(cls, settings):
        return cls(connect(settings), Keys(settings.get("ARCHIVE_REDIS_KEY")),
                   settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"),
                   settings.getfloat("DOWNLOAD_DELAY"), settings.getfloat("DOWNLOAD_TIMEOUT"))

    async def acquire(self, url: str) -> str:
        """Wait for a slot to ask ``url``'s host; return its token."""
        token = uuid.uuid4().hex
        keys = list(self.keys.host(_host(url)))
        slot = _unless_gone(b"gone")(self._slot)
        while (answer := slot(keys=keys, args=[self.limit, self.interval, self.timeout,
                                               token])) != b"ok":
            if answer == b"gone":  # not fetched; its lease stays for a rerun
                raise IgnoreRequest(f"not fetched, Redis is gone: {url}")
            await _sleep(float(answer))
        return token

    @_unless_gone()
    def release(self, url: str, token: str, response=None) -> None:
        in_flight, next_at = self.keys.host(_host(url))
        self.server.zrem(in_flight, token)
        if response is not None and response.status in (429, 503):
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            if wait:
                self._pause(keys=[next_at], args=[wait])


class LeaseKeeper:
    """Extension: the worker's heartbeat; the leases of dead workers back to the queue; the
    crawl history (what was fetched and captured, which URLs are articles) written for every
    worker, without reading it first; and no
    closing while another worker still holds leases it may not finish."""

    def __init__(self, crawler, server, keys: Keys, incarnation: str, interval: float):
        self.crawler, self.server, self.keys = crawler, server, keys
        self.incarnation, self.interval = incarnation, interval
        self._reclaim = server.register_script(_RECLAIM)
        self.beat: LoopingCall | None = None
        self.in_run = False  # the run was in Redis at the last beat

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        keeper = cls(crawler, connect(settings), Keys(settings.get("ARCHIVE_REDIS_KEY")),
                     settings.get("ARCHIVE_WORKER_INCARNATION"),
                     settings.getfloat("ARCHIVE_REDIS_HEARTBEAT"))
        RedisGone.crawler = crawler
        keeper.heartbeat()  # alive before the first pop
        crawler.signals.connect(keeper.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(keeper.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(keeper.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(keeper.response_downloaded, signal=signals.response_downloaded)
        crawler.signals.connect(keeper.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(keeper.request_dropped, signal=signals.request_dropped)
        return keeper

    @_unless_gone()
    def heartbeat(self) -> None:
        self.server.set(self.keys.alive + self.incarnation, "1",
                        px=int(self.interval * 3000))
        back = self._reclaim(keys=[self.keys.hosts, self.keys.queued, self.keys.leases,
                                   self.keys.owners], args=[self.keys.alive, self.keys.queue])
        if back:
            logger.warning("%d requests of a worker that stopped answering are back in the "
                           "queue", back)
            self.crawler.stats.inc_value("archive/redis/reclaimed", back)

    def spider_opened(self, spider):
        self.beat = LoopingCall(self.beat_in_run)
        self.beat.start(self.interval, now=False)

    def spider_closed(self, spider, reason):
        if self.beat is not None and self.beat.running:
            self.beat.stop()
        _unless_gone()(self.server.delete)(self.keys.alive + self.incarnation)

    def spider_idle(self, spider):
        """Our queue is empty; stay while leases are out: their holder may die, and then this
        worker finishes its work. Not for a run with other seeds (begun once ours ended): this
        worker takes nothing from it."""
        if _unless_gone(True)(self._stay)(spider):
            raise DontCloseSpider

    def _stay(self, spider) -> bool:
        self.heartbeat()
        if self.server.get(self.keys.seeds) != spider.seed_digest.encode():
            return False
        return bool(int(self.server.get(self.keys.queued) or 0) or
                    self.server.hlen(self.keys.owners))

    @_unless_gone()
    def beat_in_run(self) -> None:
        """A heartbeat that also notices a run Redis has forgotten (restarted without its
        persistence: no queue, no leases, no history): the first worker to notice starts it
        again, seeds and all, and the others join it."""
        self.heartbeat()
        in_run = self.server.get(self.keys.run) is not None
        if self.in_run and not in_run:
            logger.warning("Redis has forgotten the shared crawl (restarted without its "
                           "persistence?): starting it again from the seeds")
            self.crawler.stats.inc_value("archive/redis/run_restarted")
            deferred_from_coro(self._start_again(self.crawler.spider))
        self.in_run = in_run

    async def _start_again(self, spider) -> None:
        """The spider's own start: it claims the run (or joins the worker that did first)."""
        async for request in spider.start():
            self.crawler.engine.crawl(request)

    def request_dropped(self, request, spider):
        """A redirect or retry to a URL this run has seen already: the lease ends here."""
        release(self.server, self.keys, request)

    def response_downloaded(self, response, request):
        """Runs after the capture extension's handler: the record it wrote is in the meta."""
        self._record_fetch(response, request)

    @_unless_gone()
    def _record_fetch(self, response, request) -> None:
        pipe = self.server.pipeline(transaction=False)
        pipe.hset(self.keys.fetched, response.url, request.meta.get(STARTED_AT) or warc_date())
        if record := request.meta.get(CAPTURED):
            pipe.hset(self.keys.captured, response.url, json.dumps({
                **record, "etag": _header(response, b"ETag"),
                "last_modified": _header(response, b"Last-Modified")}))
        pipe.execute()

    def item_scraped(self, item, response, spider):
        if isinstance(item, dict) and item.get("url") and item.get("fetched_at"):
            _unless_gone()(self.server.hsetnx)(self.keys.articles, item["url"],
                                               item["fetched_at"])


class OtherSeeds(Exception):
    """This worker's seed files are not those of the shared crawl in progress."""


class SharedHistory:
    """What the spider asks the archive (first article capture, last fetch, last capture),
    answered from the shared crawl's history in Redis, for every worker alike; and whether this
    worker queues the seeds (the first to start when no run is in progress).

    The spider asks about every link of a page: :meth:`prefetch` reads them all in one round
    trip, not three per link."""

    def __init__(self, server, keys: Keys, settings):
        self.server, self.keys, self.settings = server, keys, settings
        self._known: dict[str, tuple] = {}

    @classmethod
    def from_settings(cls, settings):
        """``settings``: the crawler's, read as late as used: Scrapy makes the spider (which
        makes this) before its add-ons (:class:`SharedCrawl`) have set theirs."""
        return cls(connect(settings), Keys(settings.get("ARCHIVE_REDIS_KEY")), settings)

    @property
    def incarnation(self) -> str:
        return self.settings.get("ARCHIVE_WORKER_INCARNATION")

    def prefetch(self, urls: list[str]) -> None:
        """Read what is known of ``urls`` at once (the links of one page)."""
        self._known = self._read(urls) if urls else {}

    def _lookup(self, url: str) -> tuple:
        known = self._known.get(url)
        return known if known is not None else self._read([url])[url]

    def _read(self, urls: list[str]) -> dict[str, tuple]:
        """``url -> (first article, last fetch, last capture)``, in one round trip (nothing
        known once Redis is gone: the crawl is stopping)."""
        return _unless_gone({url: (None, None, None) for url in urls})(self._hmget)(urls)

    def _hmget(self, urls: list[str]) -> dict[str, tuple]:
        pipe = self.server.pipeline(transaction=False)
        for name in (self.keys.articles, self.keys.fetched, self.keys.captured):
            pipe.hmget(name, urls)
        return dict(zip(urls, zip(*pipe.execute(), strict=True), strict=True))

    def first_article_capture(self, url: str) -> str | None:
        first = self._lookup(url)[0]
        return first.decode() if first else None

    def last_fetch(self, url: str) -> str | None:
        fetched = self._lookup(url)[1]
        return fetched.decode() if fetched else None

    def last_capture(self, url: str) -> dict | None:
        """The last full 200 response any worker archived for ``url`` (``record_id``,
        ``fetched_at``, ``payload_digest``, validators): a worker writes a revisit record for
        the same payload, whichever shard holds the first."""
        captured = self._lookup(url)[2]
        return {"url": url, **json.loads(captured)} if captured else None

    async def claim_run(self, seeds: str) -> bool:
        """True if this worker starts a new run: it must queue the seeds, then call
        :meth:`seeded`. False if a run is in progress (seeded, with requests queued or leased),
        which it joins. A seeding worker that died is taken over, seeds and all. ``seeds``: the
        digest of this worker's seed set; :class:`OtherSeeds` if the run's differs."""
        keys = self.keys
        while not self.server.set(keys.seeding, self.incarnation, nx=True, ex=600):
            holder = self.server.get(keys.seeding)
            if holder and not self.server.exists(keys.alive + holder.decode()):
                self._release_if(holder)
                continue
            await _sleep(0.2)
        if self._in_progress():
            self._release_if(self.incarnation.encode())
            if refused := self._other_seeds(seeds):
                raise OtherSeeds(refused)
            return False
        self.server.delete(keys.dupefilter)  # a new run fetches hubs and due re-checks again
        self.server.set(keys.seeds, seeds)
        self.server.set(keys.run, "seeding")
        return True

    def refuses(self, seeds: str) -> str | None:
        """Why a worker with the seed set ``seeds`` may not join the run in progress (None: it
        may, or none is in progress); asked before a worker starts, to say so in one line."""
        return self._other_seeds(seeds) if self._in_progress() else None

    def _in_progress(self) -> bool:
        return self.server.get(self.keys.run) == b"seeded" and bool(
            int(self.server.get(self.keys.queued) or 0) or self.server.hlen(self.keys.owners))

    def _other_seeds(self, seeds: str) -> str | None:
        theirs = (self.server.get(self.keys.seeds) or b"").decode()
        if theirs == seeds:
            return None
        return (f"the shared crawl {self.settings.get('ARCHIVE_REDIS_KEY')!r} in progress has "
                f"other seed files (digest {theirs[:12] or 'none'}, this worker's "
                f"{seeds[:12]}): start every worker with the same seed files, or name another "
                "shared crawl (--redis-key, ARCHIVE_REDIS_KEY)")

    @_unless_gone()
    def seeded(self, complete: bool, seeds: str) -> bool:
        """The seeds are queued (``complete``), or this worker gave up queueing them. False if
        Redis forgot the run while they were queued (restarted without its persistence: the
        seeds queued before are gone, and its seed set with them, which no worker's pop then
        matches): the worker queues them again. Before, the run was marked seeded all the
        same, and every worker waited on a queue none could take from, for ever."""
        kept = True
        if complete:
            kept = bool(self.server.eval(_SEEDED, 2, self.keys.run, self.keys.seeds, seeds))
        self._release_if(self.incarnation.encode())
        return kept

    def _release_if(self, holder: bytes) -> None:
        pipe = self.server.pipeline()
        pipe.watch(self.keys.seeding)
        if pipe.get(self.keys.seeding) == holder:
            pipe.multi()
            pipe.delete(self.keys.seeding)
        try:
            pipe.execute()
        except redis.WatchError:
            pass  # changed hands meanwhile: not ours to release
        finally:
            pipe.reset()

    def close(self) -> None:
        self.server.close()


async def _sleep(seconds: float) -> None:
    from twisted.internet import reactor  # the one Scrapy installed: import it late

    await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


def _host(url: str) -> str:
    return url.split("/")[2].lower() if "//" in url else url


def _header(response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
