"""``request.meta`` keys that the crawl's components pass to one another."""

#: When the download of the request began, as a WARC-Date (set by the download handler).
STARTED_AT = "archive_started_at"
