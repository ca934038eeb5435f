"""The author search runs only on what trafilatura's expressions can match (and skips a page
with nothing of the kind): the words that decide it must stay true to those expressions, and
the author found must be the one the whole page gives."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.metadata import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS, extract_metainfo

from bench.quality import load_dataset
from cleaners.decode import decode
from cleaners.extract import parse
from cleaners.metadata import (
    AUTHOR_ATTRIBUTES,
    AUTHOR_WORDS,
    author_search_tree,
    finish_metadata,
    head_metadata,
)

FIXTURES = Path(__file__).parent / "fixtures"
_TESTS = re.compile(r"(?:re:test|contains)\((@[\w-]+),\s*'([^']*)'\)|(@[\w-]+)\s*=\s*'([^']*)'")


def _spellings(pattern: str) -> list[str]:
    """Every string an alternative of the simple regular expressions used there matches:
    literals, ``[Aa]`` classes, an optional ``x?``, a ``^`` anchor."""
    parts, position = [], 0
    pattern = pattern.lstrip("^")
    while position < len(pattern):
        char = pattern[position]
        if char == "[":
            end = pattern.index("]", position)
            parts.append(list(pattern[position + 1:end]))
            position = end + 1
        elif position + 1 < len(pattern) and pattern[position + 1] == "?":
            parts.append([char, ""])
            position += 2
        else:
            assert char not in "\\().*+{}$", f"cannot expand {pattern!r}: update the test"
            parts.append([char])
            position += 1
    return ["".join(chosen) for chosen in itertools.product(*parts)]


def test_words_cover_every_test_of_trafilaturas_author_expressions():
    tests = [match for expression in AUTHOR_XPATHS for match in _TESTS.findall(expression.path)]
    attributes = [name for expression in AUTHOR_XPATHS
                  for name in re.findall(r"@[\w-]+", expression.path)]
    assert len(tests) == len(attributes) > 15  # every test of an attribute was read
    for regex_attribute, regex, attribute, literal in tests:
        assert (regex_attribute or attribute) in {f"@{name}" for name in AUTHOR_ATTRIBUTES}
        for alternative in (regex.split("|") if regex_attribute else [literal]):
            for spelling in _spellings(alternative):
                assert any(word in spelling for word in AUTHOR_WORDS), spelling


BYLINE_PAGE = """<html><body><div class="x8Fq"><div class="a3 hdr">Nachrichten</div>
<div class="c-{cls}">Von Anna Berger</div><div class="k2">
<p>Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen, nach langer
Debatte über die Schulen.</p></div></div></body></html>"""


@pytest.mark.parametrize("cls", ["article__author", "AuthorName", "byline", "meta-writer"])
def test_a_byline_in_obfuscated_markup_is_still_found(cls):
    tree = parse(BYLINE_PAGE.format(cls=cls))
    assert finish_metadata(head_metadata(tree, None), tree)["author"] == "Anna Berger"


def test_only_bylines_and_what_holds_them_are_searched():
    tree = parse(BYLINE_PAGE.format(cls="byline").replace(
        "<div class=\"k2\">", "<div class=\"comments\"><span class=\"author\">Troll</span></div>"
        "<div class=\"k2\">"))
    assert author_search_tree(tree)
    assert [e.get("class") for e in tree.iter("div", "span")] == [
        "x8Fq", "c-byline", "comments", "author"]  # the headline and the story went
    assert finish_metadata(head_metadata(tree, None), tree)["author"] == "Anna Berger"


def test_a_page_without_any_byline_markup_skips_the_search():
    tree = parse(BYLINE_PAGE.format(cls="standfirst"))
    assert not author_search_tree(tree)
    assert finish_metadata(head_metadata(tree, None), tree)["author"] is None


def _corpus_pages():
    for name in ("scrapinghub", "fundus-dev"):
        for key, _, body, _ in load_dataset(FIXTURES / name):
            yield f"{name}/{key}", body


def test_the_author_is_the_one_the_whole_page_gives_on_real_pages():
    searched = found_one = 0
    for name, body in _corpus_pages():
        text = decode(body, None)[0]
        tree = parse(text)
        whole = extract_metainfo(prune_unwanted_nodes(parse(text), AUTHOR_DISCARD_XPATHS),
                                 AUTHOR_XPATHS, len_limit=120)
        cut = extract_metainfo(prune_unwanted_nodes(tree, AUTHOR_DISCARD_XPATHS),
                               AUTHOR_XPATHS, len_limit=120) if author_search_tree(tree) else None
        assert cut == whole, name
        searched += 1
        found_one += whole is not None
    assert searched >= 40 and found_one >= 10
