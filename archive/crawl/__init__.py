"""The crawl: Scrapy components (download handler, capture extension, item pipeline, politeness,
per-site stats, the shared crawl through Redis, the progress line) and the run of the ``news``
spider. Their settings and defaults are in :mod:`archive.settings`.

May import: :mod:`archive.store`, :mod:`archive.process` (the one cleaning path),
:mod:`archive.workers`, :mod:`archive.settings`. Never ``offline``, ``web`` or ``cli``.
"""
