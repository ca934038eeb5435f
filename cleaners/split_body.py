"""Article bodies split into chunks: sibling containers of the same class, with ad slots or
embeds between them (Condé Nast's ``article__chunks``, block-per-paragraph page builders).
trafilatura keeps the first container that matches its body patterns and drops the others, so a
story can lose most of its text. When it did, the chunks are joined into the first and the page
is extracted again.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.etree import XPath

from cleaners.prune import is_prose_paragraph

#: Characters of a paragraph looked for in trafilatura's text to tell whether it kept it.
PROBE_CHARS = 60
#: Join when trafilatura kept at most this share of the later chunks' prose.
KEPT_AT_MOST = 0.5
CHUNK_TAGS = {"div", "section", "article"}
_SPACE = re.compile(r"\s+")
#: A heading that links elsewhere: a teaser card ("<h3><a href=...>Other story</a></h3>", a
#: byline, its lead) that reuses the body's class, not a chunk of the body.
_LINKED_HEADING = XPath(".//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or "
                        "self::h6]//a[@href and not(starts-with(@href, '#'))]")


def join_split_body(tree: lxml_html.HtmlElement, text: str) -> int:
    """Join the chunks of a split body that ``text`` (trafilatura's output from ``tree``) shows
    were missed; return how many chunks were moved into the first."""
    joined = 0
    groups = _chunk_groups(tree)
    kept = _normal(text) if groups else ""  # most pages have no chunks to look for
    for chunks in groups:
        first = next((c for c in chunks if any(_probe(p) in kept for p in _prose(c))), None)
        if first is None:
            continue  # trafilatura read another part of the page: not this one's body
        later = [c for c in chunks[chunks.index(first) + 1:]
                 if _same_column(first, c) and not _LINKED_HEADING(c)]
        probes = [_probe(p) for chunk in later for p in _prose(chunk)]
        if not probes or sum(probe in kept for probe in probes) > KEPT_AT_MOST * len(probes):
            continue
        for chunk in later:
            first.extend(list(chunk))
            chunk.getparent().remove(chunk)
            joined += 1
    return joined


def _chunk_groups(tree) -> list[list]:
    """Containers of prose paragraphs that share tag and class, in document order. (Prose is
    looked for only where two containers share a class: most pages have none.)"""
    classes: dict[tuple, dict] = {}
    for paragraph in tree.iter("p"):
        parent = paragraph.getparent()
        if parent is None or parent.tag not in CHUNK_TAGS or not parent.get("class"):
            continue
        members = classes.setdefault((parent.tag, parent.get("class")), {})
        members.setdefault(parent, []).append(paragraph)
    groups = []
    for members in classes.values():
        if len(members) < 2:
            continue
        chunks = [parent for parent, paragraphs in members.items()
                  if any(is_prose_paragraph(p) for p in paragraphs)]
        if len(chunks) > 1 and not _nested(chunks):
            groups.append(chunks)
    return groups


def _nested(chunks) -> bool:
    members = set(chunks)
    return any(a in members for chunk in chunks for a in chunk.iterancestors())


def _same_column(first, other) -> bool:
    """One column of one body: below their common ancestor, both sit in branches of the same
    class (the story's chunks), not in a rail or a quote box that reuses the component."""
    theirs = set(other.iterancestors())
    common = next((a for a in first.iterancestors() if a in theirs), None)
    if common is None:
        return False
    return _branch(first, common) == _branch(other, common)


def _branch(node, common) -> tuple:
    while node.getparent() is not common:
        node = node.getparent()
    return node.tag, node.get("class")


def _prose(chunk):
    return [p for p in chunk.iter("p") if is_prose_paragraph(p)]


def _probe(paragraph) -> str:
    return _normal(paragraph.text_content())[:PROBE_CHARS]


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()
