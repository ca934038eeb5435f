"""newsarchive: Scrapy glue, WARC store, SQLite index and CLI."""

__version__ = "0.1.0"
