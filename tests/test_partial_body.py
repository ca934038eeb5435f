"""The partial-body guard, on the pages of a news site in the shape of a real one
(``newsdesk``): a paywalled teaser whose JSON-LD holds the whole story gets that story as its
text; a page whose JSON-LD ``articleBody`` is another story, or the site's boilerplate, keeps
the text it shows; an ordinary page is left as it was. Then the same pages crawled from a real
server on 127.0.0.1: the rows say which text was archived, the metadata record keeps the
structured body, and the provenance still names the capture and the cleaner."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
from dataclasses import replace

import pytest
import sqlite_utils
from _archive_checks import assert_consistent, run_crawl
from newsdesk import BOILERPLATE, FLOOD, MUSEUM, OTHER_STORY, PAYWALL, STORIES, routes, seed

import cleaners
from archive.offline.reindex import reindex
from archive.samplesites.server import SiteServer
from archive.store.paths import ArchivePaths
from archive.store.warcfile import record_at
from archive.web.serve import datasette_for
from cleaners.partial_body import body_text, check_body
from cleaners.structured import Structured

ORIGIN = "http://127.0.0.1:8000"
BY_SLUG = {story.slug: story for story in STORIES}
TEASER = BY_SLUG["how-the-flood-plan-was-drawn-up"]
SCRIPTED = BY_SLUG["packaging-plant-to-close"]
OTHER = BY_SLUG["museum-reopens"]
WIND = BY_SLUG["wind-warning-for-the-weekend"]
COUNCIL = BY_SLUG["council-approves-school-budget"]


def clean(story):
    return cleaners.clean(routes(ORIGIN, [story])[story.path].body, ORIGIN + story.path)


def test_a_paywalled_teaser_gets_the_whole_story_from_its_json_ld():
    document = clean(TEASER)
    assert document.text.split("\n") == [TEASER.title, *FLOOD]
    assert (document.partial, document.text_source, document.free) == (
        True, "json-ld articleBody", False)
    assert document.structured_body == "\n".join(FLOOD)
    assert document.metadata()["structured_body"] == "\n".join(FLOOD)
    note = next(g for g in document.guards if g.startswith("structured-body:"))
    assert "holds 100% of the extracted text's" in note
    assert document.word_count == len(re.findall(r"\w+", " ".join([TEASER.title, *FLOOD])))


def test_a_body_its_scripts_render_is_taken_from_its_json_ld():
    document = clean(SCRIPTED)
    assert document.text_source == "json-ld articleBody"
    assert document.text.split("\n")[1:] == SCRIPTED.body


def test_another_story_in_articleBody_is_refused():
    document = clean(OTHER)
    assert (document.partial, document.text_source) == (True, "extracted")
    assert all(paragraph in document.text for paragraph in MUSEUM)
    assert not any(paragraph in document.text for paragraph in OTHER_STORY)
    assert document.structured_body == "\n".join(OTHER_STORY)  # kept for the record
    assert any(g.startswith("partial-body:") and "holds 0%" in g for g in document.guards)


def test_boilerplate_in_articleBody_is_refused():
    document = clean(WIND)
    assert (document.partial, document.text_source) == (True, "extracted")
    assert not any(line in document.text for line in BOILERPLATE)


def test_a_teaser_that_is_not_in_its_body_is_refused():
    """The teaser's own paragraphs rewritten: a body that is longer but does not hold them does
    not replace them, whatever the page says of its access."""
    shown = [p.replace("flood plan", "drainage scheme").replace("water board", "utility")
             for p in FLOOD[:2]]
    shown[1] = "Inspectors walked the whole bank in the spring and wrote down what they saw."
    document = clean(replace(TEASER, shown=shown))
    assert document.text_source == "extracted" and document.partial
    assert "drainage scheme" in document.text and FLOOD[5] not in document.text


def test_an_ordinary_page_is_left_as_it_was():
    with_body, without = clean(COUNCIL), clean(replace(COUNCIL, body=None))
    assert with_body.text == without.text
    assert (with_body.partial, with_body.text_source, with_body.structured_body) == (
        False, "extracted", None)
    assert (without.partial, without.text_source) == (None, "extracted")
    assert not any(g.startswith(("partial-body", "structured-body")) for g in with_body.guards)


def test_a_body_too_short_to_be_an_article_is_refused():
    article = {"@type": "NewsArticle", "articleBody": "A council meeting. " * 22}
    found = check_body(Structured(article=article, source="json-ld"), "A council meeting.")
    assert found.partial and found.text is None and "too short" in found.note


def test_only_json_ld_says_what_the_body_is():
    """A microdata articleBody is the visible element itself, read by the extraction already."""
    article = {"@type": "NewsArticle", "articleBody": "\n".join(FLOOD)}
    assert check_body(Structured(article=article, source="microdata"), FLOOD[0]) == \
        check_body(Structured(), FLOOD[0])
    assert check_body(Structured(article=article, source="json-ld"), FLOOD[0]).text


@pytest.mark.parametrize("value, text", [
    ("<p>One &amp; two.</p><p>Three<br>four.</p>", "One & two.\nThree\nfour."),
    (["First part.", "Second  part."], "First part.\nSecond part."),
    ("Plain &quot;quoted&quot;\r\n\r\n text ", 'Plain "quoted"\ntext'),
    # paragraphs a CMS glued together come apart; abbreviations and numbers do not
    ("It offers “merchandising tools.”Amazon has not. E.ON and the U.S.Army paid 3.5 "
     "times more.Next one", "It offers “merchandising tools.”\nAmazon has not. E.ON and the "
     "U.S.Army paid 3.5 times more.\nNext one"),
    ({"@value": "an object"}, ""), (42, ""), (None, ""), ("<p></p>", ""),
])
def test_an_articleBody_is_read_as_text(value, text):
    assert body_text(value) == text


def test_a_hostile_articleBody_is_bounded_and_never_raises():
    huge = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                       "headline": TEASER.title, "articleBody": "word " * 400_000})
    page = routes(ORIGIN, [TEASER])[TEASER.path].body.replace(
        b"</head>", b'<script type="application/ld+json">' + huge.encode() + b"</script></head>")
    document = cleaners.clean(page, ORIGIN + TEASER.path)  # the 2 MB script is not read
    assert document.text_source == "json-ld articleBody" and FLOOD[-1] in document.text
    broken = page.replace(b'"articleBody": "', b'"articleBody": {"x": "', 1)
    assert cleaners.clean(broken, ORIGIN + TEASER.path).text


# --- crawled from a real server ------------------------------------------------------------
@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    server = SiteServer({}).start()
    server.routes.update(routes(server.origin))
    data = tmp_path_factory.mktemp("partial-body")
    try:
        run_crawl(seed(server.origin, tmp_path_factory.mktemp("seeds")), data)
    finally:
        server.shutdown()
    db = assert_consistent(data)
    rows = {row["url"].split("/")[-2]: row for row in db["articles"].rows}
    return data, db, rows


def test_the_rows_say_which_text_was_archived(crawled):
    _, _, rows = crawled
    assert set(rows) == set(BY_SLUG)
    found = {slug: (row["partial"], row["text_source"]) for slug, row in rows.items()}
    assert found == {
        "council-approves-school-budget": (0, "extracted"),
        "transit-strike-ends": (None, "extracted"),
        "athletic-win-regional-cup": (None, "extracted"),
        "how-the-flood-plan-was-drawn-up": (1, "json-ld articleBody"),
        "packaging-plant-to-close": (1, "json-ld articleBody"),
        "museum-reopens": (1, "extracted"),
        "wind-warning-for-the-weekend": (1, "extracted"),
    }
    assert rows["how-the-flood-plan-was-drawn-up"]["text"].split("\n")[1:] == FLOOD
    assert PAYWALL not in rows["how-the-flood-plan-was-drawn-up"]["text"]
    assert rows["how-the-flood-plan-was-drawn-up"]["free"] == 0
    assert "structured-body:" in rows["how-the-flood-plan-was-drawn-up"]["guards"]
    assert OTHER_STORY[0] not in rows["museum-reopens"]["text"]


def test_the_record_keeps_the_structured_body_and_the_provenance_stays_exact(crawled):
    data, db, rows = crawled
    paths = ArchivePaths(data)
    for slug, row in rows.items():
        capture = db["captures"].get(row["capture_id"])
        with record_at(paths.warc_dir / capture["warc_file"], capture["warc_offset"]) as record:
            assert record.rec_headers.get_header("WARC-Record-ID") == row["capture_id"]
        with record_at(paths.text_dir / row["metadata_file"], row["metadata_offset"]) as record:
            meta = json.loads(record.content_stream().read())
            assert record.rec_headers.get_header("WARC-Refers-To") == row["capture_id"]
            assert record.rec_headers.get_header("X-Newsarchive-Cleaner-Version") == \
                row["cleaner_version"] == cleaners.CLEANER_VERSION
        assert meta["source"] == {"file": capture["warc_file"], "offset": capture["warc_offset"],
                                  "length": capture["warc_length"]}
        assert (meta["partial"], meta["text_source"]) == (
            None if row["partial"] is None else bool(row["partial"]), row["text_source"])
        story = BY_SLUG[slug]
        if row["partial"]:
            assert meta["structured_body"] == "\n".join(story.body)
        else:
            assert meta["structured_body"] is None


def test_the_partial_bodies_query_lists_them(crawled):
    data, _, rows = crawled
    ds = datasette_for(data)
    response = asyncio.run(ds.client.get("/index/partial_bodies.json?_shape=objects"))
    found = {row["capture_id"]: row["text_source"] for row in response.json()["rows"]}
    assert found == {row["capture_id"]: row["text_source"] for row in rows.values()
                     if row["partial"]}
    assert len(found) == 4


def test_reindex_rebuilds_the_same_rows_from_the_records(crawled, tmp_path):
    """The flag and the text's source live in the metadata record too: an index rebuilt from
    warc/ and text/ alone says the same of every article."""
    data, db, rows = crawled
    copy = tmp_path / "archive"
    shutil.copytree(data, copy)
    reindex(copy)
    rebuilt = sqlite_utils.Database(ArchivePaths(copy).index)
    columns = ("partial", "text_source", "text", "guards", "cleaner_version")
    for row in rows.values():
        again = rebuilt["articles"].get(row["capture_id"])
        assert {c: again[c] for c in columns} == {c: row[c] for c in columns}
