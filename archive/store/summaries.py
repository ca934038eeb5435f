"""What the index says about each site as a whole: how its last crawl went and whether it still
gives articles. The front page and ``newsarchive stats`` both show it."""

from __future__ import annotations

import json

#: A site is flagged when it gave no article in this many of its last crawls.
STALE_RUNS = 3
#: What a site's counts hold besides network errors.
STATUS_CLASSES = ("2xx", "3xx", "4xx", "5xx")


def site_health(db) -> tuple[list[dict], list[str]]:
    """Each site as its last crawl met it: that crawl's id, start and outcome, its responses by
    status class, its network errors by kind and its new articles; and the sites that gave no
    article in their last :data:`STALE_RUNS` crawls. ``db``: anything with ``execute``."""
    history: dict[str, list[dict]] = {}
    for crawl_id, started, outcome, stats in db.execute(
            "select id, started_at, outcome, stats from crawls where spider != 'reprocess' "
            "order by started_at desc"):
        per_site: dict[str, dict] = {}
        for key, value in (json.loads(stats) if stats else {}).items():
            if key.startswith("archive/sites/"):
                site, what = key.removeprefix("archive/sites/").rsplit("/", 1)
                per_site.setdefault(site, {})[what] = value
        for site, counts in per_site.items():
            history.setdefault(site, []).append(
                {"crawl_id": crawl_id, "started": started, "outcome": outcome, **counts})
    rows = []
    for site, crawls in sorted(history.items()):
        last = crawls[0]
        rows.append({
            "site": site, "crawl_id": last["crawl_id"], "started": last["started"],
            "outcome": last["outcome"], **{c: last.get(c, 0) for c in STATUS_CLASSES},
            "articles": last.get("articles", 0),
            "network": {k: v for k, v in sorted(last.items()) if k not in STATUS_CLASSES and
                        k not in ("articles", "crawl_id", "started", "outcome")}})
    stale = [site for site, crawls in sorted(history.items())
             if len(crawls) >= STALE_RUNS and not any(c.get("articles") for c in
                                                       crawls[:STALE_RUNS])]
    return rows, stale
