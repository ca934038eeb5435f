"""Jobs over what is stored, without fetching: reprocess WARC files (here or on a Dask cluster),
merge a worker's shard, export articles (JSONL, Parquet, WET, WACZ).

May import: :mod:`archive.store`, :mod:`archive.process`, :mod:`archive.workers`,
:mod:`archive.settings`. Never ``crawl``, ``web`` or ``cli``.
"""
