"""Widget lines: the lines of trafilatura's text that came from elements our HTML rules call
widgets (:mod:`cleaners.prune`).

trafilatura reads the page as it was served, so the container it picks is the one bare
trafilatura picks: pruning can never make it choose the navigation instead of the body. The
pruned elements then only veto lines, and only lines whose whole text sits inside a pruned
element and nowhere else on the page, and never a sentence of prose: a paywall's or a
"related" box's class words on the containers of body paragraphs do not make them widgets.
"""

from __future__ import annotations

import bisect

from cleaners.document import Removal
from cleaners.lines import READ_ALSO, is_prose

_SEPARATOR = "\x00"
#: Rules whose widgets are cut only above the article's first sentence of prose or below its
#: last: a list of links inside the story is its reading list (measured: lists of links between
#: paragraphs were article text by the ground truth as often as not).
EDGE_RULES = {"headline-list"}
#: Widget cuts that would take more than this share of trafilatura's text are not made: a page
#: that is mostly "widget" is a page whose class names lie (a product list, a timeline).
MAX_WIDGET_CUT = 0.5


def squash(text: str) -> str:
    """Text compared regardless of spacing: trafilatura and lxml space inline elements
    differently."""
    return "".join(text.split())


def cut_widget_lines(lines: list[str], widgets: list[Removal], tree
                     ) -> tuple[list[str], list[Removal], list[str]]:
    """Drop the lines that only pruned widgets hold; return the kept lines, the cuts and the
    guards that fired. ``tree`` is the page without the widgets: a line found there too (a
    title repeated in a related list) stays."""
    if not widgets:
        return lines, [], []
    body = tree.find("body")
    remaining = squash((body if body is not None else tree).text_content())
    texts = [squash(w.text) for w in widgets]
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    joined = _SEPARATOR.join(texts)
    prose = [index for index, line in enumerate(lines) if is_prose(line)]
    kept, removed = [], []
    for index, line in enumerate(lines):
        key = squash(line.removeprefix("- "))  # trafilatura marks list items so
        at = joined.find(key) if key else -1
        if at < 0 or key in remaining or (is_prose(line) and not READ_ALSO.match(line)):
            kept.append(line)
            continue
        widget = widgets[bisect.bisect_right(starts, at) - 1]
        if widget.rule in EDGE_RULES and prose and prose[0] < index < prose[-1]:
            kept.append(line)  # a list of links between paragraphs: the story's sources
            continue
        removed.append(Removal(widget.rule, line, widget.detail))
    share = _share_cut(lines, kept)
    if share > MAX_WIDGET_CUT:
        return lines, [], [f"widgets-kept: the widget rules would cut {share:.0%} of the article"]
    return kept, removed, []


def _share_cut(before: list[str], after: list[str]) -> float:
    total = sum(map(len, before))
    return 1 - sum(map(len, after)) / total if total else 0.0
