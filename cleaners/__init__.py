"""Cleaners: captured bytes + URL + headers in, a cleaned :class:`Document` out.

Pure functions: no Scrapy, no files, no database, so that the crawl and offline reprocessing run
exactly the same code on exactly the same bytes. The pipeline is:

1. :mod:`cleaners.decode`   refuse binary bodies, decode the bytes as a browser would;
2. :mod:`cleaners.extract`  trafilatura, with its fallback extractors, on the page as served: the
   article bare trafilatura finds is where cleaning starts, and nothing below can make it pick
   another container (again, with the chunks joined, when it kept one chunk of a body split in
   several: :mod:`cleaners.split_body`); :mod:`cleaners.metadata` reads title, dates, authors
   and the rest (the authors with :mod:`cleaners.bylines`, the headline with
   :mod:`cleaners.headlines`), weighing the page's structured data (:mod:`cleaners.structured`)
   against trafilatura's findings and the visible headline, and applies what the site's pages
   show of the site (its name on every title, a desk on every byline: :mod:`cleaners.habits`);
3. :mod:`cleaners.prune`    find in-body widgets in the HTML tree (share bars, ad slots,
   newsletter boxes, headline lists, ad blocks with related posts) and the site's own
   selectors; :mod:`cleaners.widgets` cuts the lines only they hold;
4. :mod:`cleaners.lines`    drop the lines trafilatura leaves that are not article text;
5. :mod:`cleaners.profile`  drop what the site repeats on page after page (given its profile);
6. :mod:`cleaners.partial_body` when the page's own JSON-LD ``articleBody`` is much longer than
   what is left (a teaser, a paywall, a body its scripts render), say so, and archive that
   body instead when what is left is a near-subset of it;
7. :mod:`cleaners.language` detect the language of what is left.

Every cut of steps 3, 4 and 5 is returned in ``Document.removed`` with the rule that made it.
Guards keep the article whole: a sentence of prose is never cut by a widget or line rule, and
widget cuts that would take more than half of trafilatura's text are not made
(``Document.guards`` says so).
"""

from __future__ import annotations

from cleaners.document import Document, NotArticle, Removal
from cleaners.profile import SiteProfile
from cleaners.siterules import SiteRules

__all__ = ["CLEANER_VERSION", "Document", "NotArticle", "Removal", "SiteProfile", "SiteRules",
           "clean"]


def __getattr__(name: str):
    """``clean`` and ``CLEANER_VERSION`` load the pipeline, and trafilatura, extruct and
    langdetect with it, when first asked for: the index, the site profiles and the commands that
    only read the archive import this package's light modules without paying for them."""
    if name in ("clean", "CLEANER_VERSION", "RULES_VERSION"):
        from cleaners import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
