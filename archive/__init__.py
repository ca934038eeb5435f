"""newsarchive: news sites crawled into a WARC store and a SQLite index of clean article text.

The package is laid out by role, each layer using only those below it (``pyproject.toml``'s
import contracts hold it to that, ``tests/test_layers.py`` runs them):

- :mod:`archive.cli`: the ``newsarchive`` command line and its reports;
- :mod:`archive.crawl`, :mod:`archive.offline`, :mod:`archive.web`: fetching, jobs over what is
  stored, and browsing in Datasette, independent of one another;
- :mod:`archive.process` and :mod:`archive.workers`: the one cleaning path that the crawl and
  reprocessing share, and the pool of processes it runs in;
- :mod:`archive.store`: WARC files, derived records and the SQLite index;
- :mod:`archive.settings`: every setting and its default, in one place.
"""

__version__ = "0.1.0"
