"""Browsing in Datasette: the plugin (article, capture and raw views), the front page, the
version page, the helpers they share (:mod:`.pages`), the metadata (canned queries) and
``serve``.

May import: :mod:`archive.store`. Never ``process``, ``crawl``, ``offline`` or ``cli``: the
server reads the archive, it never cleans or fetches.
"""
