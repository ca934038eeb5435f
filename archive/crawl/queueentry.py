"""A shared crawl's queue entry: a request as data, never code.

Anyone who can write to the shared crawl's Redis can write queue entries, so an entry is
untrusted input. scrapy-redis stores pickles by default, and loading a pickle runs whatever code
it names; an entry here is JSON of what a request needs and nothing else:

    {"url": ..., "method": "GET", "headers": {"Referer": [...]}, "body": "<base64>",
     "callback": "parse_page", "errback": "fetch_failed", "seed": "<a seed's name>",
     "meta": {"depth": 1}, "priority": 0, "dont_filter": false}

The seed is named, never carried: the worker takes it from its own seed files, so an entry
cannot widen what a seed allows. Callbacks are only the spider's own (``QUEUE_CALLBACKS``,
``QUEUE_ERRBACKS``). Of the meta, only what says where a request stands in the crawl is kept;
whatever changes where or how it goes (``proxy``, ``download_slot``, ``bindaddress``, timeouts,
robots.txt) is dropped, and the headers that could send it to another site or change what
comes back (``Host``, ``Accept-Encoding``, ...) with it.
"""

from __future__ import annotations

import base64
import binascii
import json

from scrapy import Request


class MalformedEntry(ValueError):
    """An entry that is not a request this worker would have queued itself."""


def _count(value) -> bool:
    return type(value) is int and value >= 0


def _strings(value) -> bool:
    return type(value) is list and all(type(v) is str for v in value)


#: The meta an entry keeps, and what its value must be: depth, the hub flag, retries, redirects.
META = {
    "depth": _count,
    "archive_hub": lambda value: type(value) is bool,
    "retry_times": _count,
    "redirect_times": _count,
    "redirect_ttl": _count,
    "redirect_urls": _strings,
    "redirect_reasons": lambda value: type(value) is list and all(
        type(v) in (int, str) for v in value),
}
#: The headers an entry keeps: those the crawl sets per request (the rest are the worker's own).
HEADERS = ("Referer", "If-None-Match", "If-Modified-Since")
METHODS = ("GET", "HEAD")


def encode(request: Request, spider) -> bytes:
    """The entry for ``request``, one of ``spider``'s."""
    data = request.to_dict(spider=spider)
    seed = data["cb_kwargs"].get("seed")
    return json.dumps({
        "url": data["url"], "method": data["method"],
        "headers": {name.decode("latin-1"): [v.decode("latin-1") for v in values]
                    for name, values in data["headers"].items()
                    if name.decode("latin-1") in HEADERS},
        "body": base64.b64encode(data["body"]).decode("ascii"),
        "callback": data["callback"], "errback": data["errback"],
        "seed": seed.name if seed is not None else None,
        "meta": {key: value for key, value in data["meta"].items() if key in META},
        "priority": data["priority"], "dont_filter": data["dont_filter"],
    }, separators=(",", ":")).encode()


def decode(entry: bytes, spider) -> Request:
    """The request an entry names, with ``spider``'s own seed and callbacks; raises
    :class:`MalformedEntry` for anything else."""
    try:
        data = json.loads(entry)
    except (UnicodeDecodeError, ValueError):
        raise MalformedEntry("not JSON") from None
    if type(data) is not dict:
        raise MalformedEntry(f"a JSON {type(data).__name__}, not an object")
    url, method = data.get("url"), data.get("method", "GET")
    if type(url) is not str or not url.startswith(("http://", "https://")):
        raise MalformedEntry("no http(s) url")
    if method not in METHODS:
        raise MalformedEntry(f"method {method!r}")
    seed = spider.seed_named(data.get("seed")) if type(data.get("seed")) is str else None
    if seed is None:
        raise MalformedEntry(f"no seed of this worker named {data.get('seed')!r}")
    callback, errback = data.get("callback"), data.get("errback")
    if callback not in spider.QUEUE_CALLBACKS:
        raise MalformedEntry(f"callback {callback!r}")
    if errback is not None and errback not in spider.QUEUE_ERRBACKS:
        raise MalformedEntry(f"errback {errback!r}")
    headers = data.get("headers", {})
    if type(headers) is not dict or not all(
            _strings(v) and not any("\r" in x or "\n" in x for x in v) for v in headers.values()):
        raise MalformedEntry("headers not a mapping of names to lists of one-line strings")
    meta = data.get("meta", {})
    if type(meta) is not dict or not all(META[key](value) for key, value in meta.items()
                                         if key in META):
        raise MalformedEntry("meta not a mapping, or a kept key of the wrong type")
    priority, dont_filter = data.get("priority", 0), data.get("dont_filter", False)
    if type(priority) is not int or type(dont_filter) is not bool:
        raise MalformedEntry("priority or dont_filter of the wrong type")
    try:
        body = base64.b64decode(data.get("body", ""), validate=True)
        return Request(
            url, method=method, body=body, priority=priority, dont_filter=dont_filter,
            headers={name: values for name, values in headers.items() if name in HEADERS},
            callback=getattr(spider, callback),
            errback=getattr(spider, errback) if errback else None, cb_kwargs={"seed": seed},
            meta={key: value for key, value in meta.items() if key in META})
    except (binascii.Error, TypeError, ValueError) as exc:
        raise MalformedEntry(str(exc)) from None
