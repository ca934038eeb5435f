"""Scrapy's HTTP/1.1 download handler, keeping what came off the wire.

- **Verbatim bytes.** Scrapy hands over a response rebuilt: de-chunked, header names re-cased,
  no reason phrase. The connection's protocol here keeps every byte the server sent for the
  request (status line, headers as sent, body with its chunked framing), and the capture
  extension archives those (:func:`received_bytes`).
- **Stalled bodies.** When a server sends its headers and part of the body, then stalls,
  Scrapy's handler times out and throws away what it had received. Heritrix archives such a
  fetch with ``WARC-Truncated: time``; so does this handler, by answering the timeout with the
  response received so far, flagged ``timeout``.

Everything else is Scrapy's own handler. It leans on private parts of it (``_ScrapyAgent``, its
``_txresponse``, the lenient protocol and factory); where they change, the tee finds nothing
and the capture falls back to the rebuilt response, said so in the record.
"""

from __future__ import annotations

import weakref

from scrapy.core.downloader.handlers.http11 import (
    HTTP11DownloadHandler,
    _LenientHTTP11ClientFactory,
    _LenientHTTP11ClientProtocol,
    _ScrapyAgent,
)
from scrapy.exceptions import DownloadTimeoutError
from scrapy.utils._download_handlers import wrap_twisted_exceptions
from scrapy.utils.defer import maybe_deferred_to_future

from archive.crawl.requestmeta import STARTED_AT
from archive.crawl.sharedcrawl import SharedHostLimit
from archive.store.records import warc_date

#: The bytes received for each response, while it lives (Scrapy's responses have no __dict__).
_RECEIVED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def received_bytes(response) -> bytes | None:
    """What the server sent for ``response``, byte for byte, if the tee saw it."""
    return _RECEIVED.get(response)


class _TeeProtocol(_LenientHTTP11ClientProtocol):
    """Keeps the bytes of the current request's response (connections are reused, one request
    at a time: the bytes after a request is sent belong to its response)."""

    _received: bytearray | None = None

    def request(self, request):
        received = self._received = bytearray()
        deferred = super().request(request)

        def attach(txresponse):
            txresponse._newsarchive_received = received  # grows until the body ends
            return txresponse
        return deferred.addCallback(attach)

    def dataReceived(self, data):
        if self._received is not None:
            self._received += data
        super().dataReceived(data)

    def _finishResponse(self, rest):
        if rest and self._received is not None:  # bytes past the response: not its own
            del self._received[len(self._received) - len(rest):]
        super()._finishResponse(rest)


class _TeeFactory(_LenientHTTP11ClientFactory):
    def buildProtocol(self, addr):
        return _TeeProtocol(self._quiescentCallback)


class _WireAgent(_ScrapyAgent):
    def download_request(self, request):
        # WARC-Date is when the fetch began (WARC 1.1, 5.4); a retry begins again.
        request.meta[STARTED_AT] = warc_date()
        return super().download_request(request)

    def _cb_bodydone(self, result, url: str):
        response = super()._cb_bodydone(result, url)
        received = getattr(result.get("txresponse"), "_newsarchive_received", None)
        if received:
            _RECEIVED[response] = bytes(received)
        return response

    def _cb_timeout(self, result, request, url: str, timeout: float):
        try:
            return super()._cb_timeout(result, request, url, timeout)
        except DownloadTimeoutError:
            txresponse = getattr(self, "_txresponse", None)
            reader = getattr(txresponse, "_bodyProtocol", None)
            received = getattr(reader, "_bodybuf", None)
            if txresponse is None or received is None:
                raise
            return self._cb_bodydone({
                "txresponse": txresponse, "body": received.getvalue(), "flags": ["timeout"],
                "ip_address": getattr(txresponse, "_scrapy_ip_address", None)}, url)


class WireDownloadHandler(HTTP11DownloadHandler):
    """``DOWNLOAD_HANDLERS`` for http and https."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self._pool._factory = _TeeFactory
        #: In a crawl shared by many workers, the host's crawl-wide slots (Redis).
        self._hosts = None
        if crawler.settings.get("ARCHIVE_REDIS_URL"):

            self._hosts = SharedHostLimit.from_settings(crawler.settings)

    async def download_request(self, request):
        if self._hosts is None:
            return await self._download(request)
        token = await self._hosts.acquire(request.url)
        response = None
        try:
            response = await self._download(request)
            return response
        finally:
            self._hosts.release(request.url, token, response)

    async def _download(self, request):
        agent = _WireAgent(
            contextFactory=self._contextFactory, bindAddress=self._bind_address,
            pool=self._pool, maxsize=self._default_maxsize, warnsize=self._default_warnsize,
            fail_on_dataloss=self._fail_on_dataloss, crawler=self._crawler,
            tls_verbose_logging=self._tls_verbose_logging)
        with wrap_twisted_exceptions():
            return await maybe_deferred_to_future(agent.download_request(request))
