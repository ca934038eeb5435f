"""Per-site cleaning rules, read from the ``[clean]`` table of a seed file.

A user fixes a site by adding a CSS selector to drop before extraction or a line pattern to drop
after it, without touching code; every cut they cause is reported like the built-in ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cssselect import SelectorError
from lxml.cssselect import CSSSelector
from lxml.etree import XPath, XPathSyntaxError


@dataclass(frozen=True)
class SiteRules:
    #: CSS selectors, or XPath expressions starting with ``/`` or ``(``, removed before extraction.
    drop_selectors: tuple[str, ...] = ()
    #: Regular expressions; a text line that matches one in full is removed after extraction.
    drop_lines: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, data: dict) -> SiteRules:
        """Build and validate rules, so a typo fails when the seed loads, not mid-crawl."""
        unknown = set(data) - {"drop_selectors", "drop_lines"}
        if unknown:
            raise ValueError(f"unknown [clean] keys: {', '.join(sorted(unknown))}")
        rules = cls(drop_selectors=tuple(data.get("drop_selectors", ())),
                    drop_lines=tuple(data.get("drop_lines", ())))
        rules.selectors()
        rules.line_patterns()
        return rules

    def selectors(self) -> list[tuple[str, XPath]]:
        compiled = []
        for text in self.drop_selectors:
            try:
                xpath = XPath(text) if text.startswith(("/", "(")) else CSSSelector(text)
            except (XPathSyntaxError, SelectorError) as exc:
                raise ValueError(f"bad selector {text!r}: {exc}") from exc
            compiled.append((text, xpath))
        return compiled

    def line_patterns(self) -> list[re.Pattern]:
        try:
            return [re.compile(p) for p in self.drop_lines]
        except re.error as exc:
            raise ValueError(f"bad line pattern: {exc}") from exc
