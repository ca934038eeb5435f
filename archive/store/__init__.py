"""What is on disk and how it is read and written: WARC files and their records, the scan of a
file, the derived (conversion and metadata) records, the SQLite index and its summaries, paths,
the archive's lock, recovery of a torn file, versions, copies and site profiles.

May import: the standard library, third-party libraries, :mod:`cleaners` and ``archive``'s
version. Never a layer above it (``archive.process``, ``crawl``, ``offline``, ``web``, ``cli``).
"""
