"""Scrapy's HTTP/1.1 download handler, keeping the bytes of a body that stalled.

When a server sends its headers and part of the body, then stalls, Scrapy's handler times out
and throws away what it had received: the archive would keep nothing of the page, only a count.
Heritrix archives such a fetch with ``WARC-Truncated: time``; so does this handler, by answering
the timeout with the response received so far, flagged ``timeout`` (the capture extension turns
the flag into the WARC header). Everything else is Scrapy's own handler, unchanged.

It leans on two private parts of Scrapy's handler (``_ScrapyAgent`` and its ``_txresponse``); if
they change, it falls back to Scrapy's behaviour, the timeout error.
"""

from __future__ import annotations

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler, _ScrapyAgent
from scrapy.exceptions import DownloadTimeoutError
from scrapy.utils._download_handlers import wrap_twisted_exceptions
from scrapy.utils.defer import maybe_deferred_to_future


class _StallKeepingAgent(_ScrapyAgent):
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


class StallKeepingDownloadHandler(HTTP11DownloadHandler):
    """``DOWNLOAD_HANDLERS`` for http and https."""

    async def download_request(self, request):
        agent = _StallKeepingAgent(
            contextFactory=self._contextFactory, bindAddress=self._bind_address,
            pool=self._pool, maxsize=self._default_maxsize, warnsize=self._default_warnsize,
            fail_on_dataloss=self._fail_on_dataloss, crawler=self._crawler,
            tls_verbose_logging=self._tls_verbose_logging)
        with wrap_twisted_exceptions():
            return await maybe_deferred_to_future(agent.download_request(request))
