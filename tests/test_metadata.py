"""The author search runs only on what trafilatura's expressions can match (and skips a page
with nothing of the kind): the words that decide it must stay true to those expressions, and
the author found must be the one the whole page gives."""

from __future__ import annotations

import itertools
import json
import re
import time
from pathlib import Path

import pytest
from extruct.w3cmicrodata import LxmlMicrodataExtractor
from htmldate import find_date
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.metadata import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS, extract_metainfo

import cleaners
from bench.quality import load_dataset
from cleaners.bylines import (
    AUTHOR_ATTRIBUTES,
    AUTHOR_WORDS,
    about_author,
    author_search_tree,
    foot_signature,
    guest_byline,
)
from cleaners.dates import timestamp
from cleaners.decode import decode
from cleaners.extract import parse
from cleaners.head import MAX_NAME, MAX_NAMES
from cleaners.metadata import finish_metadata, head_metadata
from cleaners.structured import _MICRODATA

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
    # the headline, the story and the reader's comment (its author wrote no story) went
    assert [e.get("class") for e in tree.iter("div", "span")] == ["x8Fq", "c-byline"]
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


# --- structured data, weighed against the page ------------------------------------------------
def _metadata(page: str, url: str = "https://news.example/2024/05/03/story") -> dict:
    tree = parse(page)
    return finish_metadata(head_metadata(tree, url, page), tree)


def _page(jsonld: str = "", head: str = "", body: str = "") -> str:
    script = f'<script type="application/ld+json">{jsonld}</script>' if jsonld else ""
    return (f"<html><head>{head}{script}</head><body>{body}<p>Der Stadtrat hat am Dienstag "
            "den Haushalt beschlossen, nach langer Debatte über die Schulen.</p></body></html>")


GRAPH = """{"@context": "https://schema.org", "@graph": [
 {"@type": "WebPage", "@id": "https://news.example/2024/05/03/story",
  "datePublished": "2024-05-01T00:00:00Z"},
 {"@type": "Person", "@id": "#anna", "name": "Anna Berger (abe)"},
 {"@type": "NewsArticle", "headline": "Council passes the budget",
  "mainEntityOfPage": {"@id": "https://news.example/2024/05/03/story"},
  "author": [{"@id": "#anna"}, {"@type": "Person", "name": "Ben Ode and Carla Dunn"},
             {"@type": "Organization", "name": "dpa"}],
  "publisher": {"@type": "NewsMediaOrganization", "name": "Daily Example"},
  "datePublished": "2024-05-03T15:47:42+02:00", "dateModified": "2024-05-04T08:00:00+02:00",
  "articleSection": ["Politics"], "keywords": "budget, council, budget",
  "image": {"@type": "ImageObject", "url": "https://news.example/lead.jpg"},
  "isAccessibleForFree": "False"}]}"""


def test_json_ld_graph_gives_every_field_with_its_source():
    found = _metadata(_page(GRAPH, '<meta property="og:title" content="Council passes the '
                                   'budget | Daily Example">',
                            "<h1>Council passes the budget</h1>"))
    assert found["title"] == "Council passes the budget"
    assert found["authors"] == ("Anna Berger", "Ben Ode", "Carla Dunn")
    assert found["credits"] == ("dpa",)
    assert found["author"] == "Anna Berger; Ben Ode; Carla Dunn; dpa"
    assert found["published"] == "2024-05-03"
    assert found["published_at"] == "2024-05-03T15:47:42+02:00"
    assert found["modified"] == "2024-05-04T08:00:00+02:00"
    assert (found["publisher"], found["section"]) == ("Daily Example", "Politics")
    assert found["keywords"] == ("budget", "council")
    assert found["image"] == "https://news.example/lead.jpg"
    assert (found["article_type"], found["free"]) == ("NewsArticle", False)
    sources = dict(found["metadata_sources"])
    assert sources["published"] == "json-ld datePublished"
    assert sources["authors"] == "json-ld author"
    assert sources["title"].startswith("json-ld headline, og:title")


def test_the_site_named_as_author_is_a_credit():
    found = _metadata(_page('{"@type": "NewsArticle", "headline": "A headline of the day", '
                            '"author": {"@type": "Person", "name": "news.example"}, '
                            '"publisher": {"name": "News Example"}}'))
    assert found["authors"] == () and found["credits"] == ("news.example",)


def test_a_utc_time_takes_the_day_the_url_gives():
    found = _metadata(_page('{"@type": "NewsArticle", "headline": "Late night vote", '
                            '"datePublished": "2024-05-04T02:10:00Z"}'))
    assert found["published_at"] == "2024-05-04T02:10:00Z"
    assert found["published"] == "2024-05-03"  # the URL's day, five hours behind UTC
    assert "UTC" in dict(found["metadata_sources"])["published"]


def test_visible_headline_and_social_title_against_a_kicker_and_a_site_name():
    head = ('<meta property="og:title" content="Kicker - Council passes the budget after a long '
            'night"><title>Council passes the budget after a long night | Daily Example</title>')
    found = _metadata(_page(head=head, body="<h1>Council passes the budget after a long night"
                                            "</h1>"))
    assert found["title"] == "Council passes the budget after a long night"


@pytest.mark.parametrize("value, expected", [
    ("2024-05-03T15:47:42.389Z", "2024-05-03T15:47:42.389000Z"),
    ("2025-05-15T20:00:52.000+0900", "2025-05-15T20:00:52+09:00"),
    ("2024-04-30 16:00:34 +02:00", "2024-04-30T16:00:34+02:00"),
    ("2025-06-30", "2025-06-30"),
    ("20000-01-01T00:00:00Z", None), ("2024-13-01", None), ("soon", None), (None, None),
    ("9999-12-31", None)])
def test_timestamps_keep_their_offset_and_refuse_the_impossible(value, expected):
    assert timestamp(value) == expected


HOSTILE = [
    ("invalid json", "{\"@type\": \"NewsArticle\", \"headline\": "),
    ("deep", "[" * 100_000 + "]" * 100_000),
    ("5 MB", json.dumps({"@type": "NewsArticle", "headline": "Huge",
                         "articleBody": "x" * 5_000_000})),
    ("year 20000", '{"@type": "NewsArticle", "datePublished": "20000-05-03T10:00:00Z", '
                   '"dateModified": "+20000-01-01"}'),
    ("10,000 authors", json.dumps({"@type": "NewsArticle", "author": [
        {"@type": "Person", "name": f"Author Number{n}"} for n in range(10_000)]})),
    ("odd types", '{"@type": ["NewsArticle"], "headline": ["One", 2], "author": 5, '
                  '"keywords": {"a": 1}, "image": [], "publisher": [[]], '
                  '"datePublished": 20240503}'),
]


@pytest.mark.parametrize("name, jsonld", HOSTILE, ids=[name for name, _ in HOSTILE])
def test_hostile_structured_data_gives_the_fields_it_can_bounded(name, jsonld):
    head = '<meta property="og:title" content="The council passes its budget">'
    start = time.process_time()
    found = _metadata(_page(jsonld, head, "<h1>The council passes its budget</h1>"))
    # Not a speed test: a bound far above the ~0.2 s these take, that work growing with the
    # square of 5 MB or of 100,000 brackets would still overrun by orders of magnitude.
    assert time.process_time() - start < 10.0
    assert found["title"] in ("The council passes its budget", "One")
    assert found["published"] is None or found["published"] == "2024-05-03"  # the URL's
    assert len(found["authors"]) + len(found["credits"]) <= MAX_NAMES
    assert found["published_at"] is None or found["published_at"].startswith("2024")


def test_real_pages_state_a_source_for_what_they_give():
    for name, body in _corpus_pages():
        text = decode(body, None)[0]
        tree = parse(text)
        found = finish_metadata(head_metadata(tree, None, text), tree)
        sources = dict(found["metadata_sources"])
        assert found["title"] and "title" in sources, name
        assert not found["published_at"] or timestamp(found["published_at"]), name
        assert bool(found["authors"] or found["credits"]) == ("authors" in sources), name


def test_a_headline_kept_for_search_engines_is_not_the_one_shown():
    """The ``h1`` only search engines see gives way to the shown ``h2`` that agrees with the
    social title; the ``<title>`` counts once, not again as trafilatura's copy of og:title."""
    head = ('<title>Zoll: Der Bund prüft neue Regeln für Pakete | Tages-Blatt</title>'
            '<meta property="og:title" content="Der Bund prüft neue Regeln für Pakete">')
    body = ('<h1 class="Breadcrumbs_seotitle__x1">Zoll: Der Bund prüft neue Regeln für Pakete'
            '</h1><h2 class="ContentHead_title">Billigimporte – Der Bund prüft neue Regeln für '
            'Pakete</h2>')
    jsonld = ('{"@type": "NewsArticle", "headline": "Zoll: Der Bund prüft neue Regeln für '
              'Pakete"}')
    found = _metadata(_page(jsonld, head, body))
    assert found["title"] == "Der Bund prüft neue Regeln für Pakete"
    assert dict(found["metadata_sources"])["title"].startswith("og:title, h2")
    shown = _metadata(_page(jsonld, head, body.replace("Breadcrumbs_seotitle__x1", "title")))
    assert shown["title"] == "Zoll: Der Bund prüft neue Regeln für Pakete"


def test_two_kickers_with_equal_support_leave_the_headline_they_share():
    social = "Angriff auf Israel: «Die Zurückhaltung hat mit den USA zu tun»"
    head = (f'<meta property="og:title" content="{social}"><meta name="twitter:title" '
            f'content="{social}"><title>Angriff auf Israel: «Die Zurückhaltung hat mit den USA '
            'zu tun» - News - SRF</title>')
    jsonld = ('{"@type": "NewsArticle", "headline": "Eskalation im Nahen Osten - «Die '
              'Zurückhaltung hat mit den USA zu tun»"}')
    body = "<h1>Eskalation im Nahen Osten - «Die Zurückhaltung hat mit den USA zu tun»</h1>"
    found = _metadata(_page(jsonld, head, body))
    assert found["title"] == "«Die Zurückhaltung hat mit den USA zu tun»"
    assert "kickers differ" in dict(found["metadata_sources"])["title"]


def test_a_utc_time_takes_the_offset_the_page_shows_for_the_same_instant():
    jsonld = ('{"@type": "NewsArticle", "headline": "Two hurt in a stabbing", '
              '"datePublished": "2023-11-09T02:11:03+00:00"}')
    body = ('<time class="article-header__pub-date" datetime="2023-11-08T21:11:03-05:00">'
            'November 8, 2023</time>')
    found = _metadata(_page(jsonld, body=body), "https://news.example/news/two-hurt/")
    assert found["published_at"] == "2023-11-08T21:11:03-05:00"
    assert found["published"] == "2023-11-08"
    assert dict(found["metadata_sources"])["published"].endswith("(UTC; offset: <time>)")
    other = body.replace("21:11:03", "20:11:03")  # another instant: not the same time
    assert _metadata(_page(jsonld, body=other),
                     "https://news.example/news/two-hurt/")["published"] == "2023-11-09"


def test_a_utc_time_keeps_its_day_when_no_newsroom_clock_gives_the_urls():
    found = _metadata(_page('{"@type": "NewsArticle", "headline": "Federal workers return", '
                            '"datePublished": "2024-05-04T10:04:00Z"}'),
                      "https://news.example/politics/2024/05/03/federal-workers/")
    assert found["published"] == "2024-05-04"  # 05-03 would need UTC-11 or west of it


def test_date_created_dates_an_article_without_date_published():
    jsonld = ('{"@type": "NewsArticle", "headline": "Sparkassen wollen Investitionen", '
              '"dateCreated": "2019-10-18T18:11:44+02:00"}')
    body = '<time>Samstag, 19. Oktober 2019</time>'
    found = _metadata(_page(jsonld, body=body), "https://news.example/finanzen/sparkassen")
    assert found["published"] == "2019-10-18"
    assert dict(found["metadata_sources"])["published"] == "json-ld dateCreated"


def test_a_page_that_shows_only_its_modification_day_is_dated_by_it():
    """An evergreen guide re-dated each year: its markup still says when it first appeared,
    its readers see the day of the text archived."""
    jsonld = ('{"@type": "NewsArticle", "headline": "Die besten Cloud-Gaming-Dienste im Test", '
              '"datePublished": "2021-01-01T11:00:00.000Z", '
              '"dateModified": "2023-04-01T10:00:00.000Z"}')
    shown = '<div class="meta"><time>01.04.2023, 12:00 Uhr</time> Robert Ladenthin</div>'
    found = _metadata(_page(jsonld, body=shown), "https://news.example/artikel/cloud-gaming")
    assert found["published"] == "2023-04-01"
    assert dict(found["metadata_sources"])["published"] == \
        "json-ld dateModified (shown; json-ld datePublished is not)"
    both = shown + "<p>Erstmals erschienen am 1. Januar 2021.</p>"
    assert _metadata(_page(jsonld, body=both), "https://news.example/artikel/cloud-gaming"
                     )["published"] == "2021-01-01"
    neither = _metadata(_page(jsonld), "https://news.example/artikel/cloud-gaming")
    assert neither["published"] == "2021-01-01"
    # a story updated days later whose address still carries the day it first appeared
    found = _metadata(_page(jsonld, body=shown), "https://news.example/2021/1/1/20955399/cloud")
    assert found["published"] == "2021-01-01"


@pytest.mark.parametrize("value, day, source", [
    ("Tue, Sep 15 2020 10:01:41 EDT", "2020-09-15", "json-ld datePublished (day read by htmldate)"),
    ("20200515T09:38:07Z", "2020-05-15", "json-ld datePublished"),  # ISO 8601's basic format
])
def test_a_date_published_not_written_as_iso_8601_still_dates_the_page(value, day, source):
    found = _metadata(_page(f'{{"@type": "NewsArticle", "headline": "Stores open online", '
                            f'"datePublished": "{value}"}}'),
                      "https://news.example/amazon-luxury-stores-140141502.html")
    assert found["published"] == day
    assert dict(found["metadata_sources"])["published"] == source


EDITED = """<div class="article-head"><h1>Harga beras naik menjelang Lebaran</h1>
<div class="meta"><div class="author-name">Siti Rahma</div> <span>3/4/2024 10:15</span></div></div>
<div class="content"><p>Harga beras di pasar tradisional naik menjelang Lebaran, kata pedagang
yang ditemui pada Rabu pagi di Jakarta.</p>
<div class="info-author">Editor : <a class="author" href="/author/7/budi">Budi Santoso</a></div>
</div>"""


def test_a_structured_author_the_page_calls_its_editor_gives_way_to_the_byline():
    jsonld = ('{"@type": "NewsArticle", "headline": "Harga beras naik menjelang Lebaran", '
              '"author": {"@type": "Person", "name": "Budi Santoso"}}')
    found = _metadata(_page(jsonld, body=EDITED), "https://berita.example/ekonomi/harga-beras")
    assert found["authors"] == ("Siti Rahma",)
    assert dict(found["metadata_sources"])["authors"].startswith("trafilatura byline")
    unlabelled = EDITED.replace("Editor : ", "")  # no label: the structured author stands
    found = _metadata(_page(jsonld, body=unlabelled), "https://berita.example/ekonomi/harga")
    assert found["authors"] == ("Budi Santoso",)


@pytest.mark.parametrize(("url", "moment", "day"), [
    ("https://www.nachrichten.example.de/politik/wahl", "2024-03-09T23:30:00Z", "2024-03-10"),
    ("https://nouvelles.example.ca/politique/vote", "2024-03-10T02:30:00Z", "2024-03-09"),
    ("https://nouvelles.example.ca/politique/vote", "2024-03-10T12:30:00Z", "2024-03-10"),
    ("https://www.startup.example.io/launch", "2024-03-09T23:30:00Z", "2024-03-09"),
    ("https://www.example.com/politics/vote", "2024-03-09T23:30:00Z", "2024-03-09")])
def test_a_utc_time_takes_the_day_every_zone_of_the_sites_country_gives(url, moment, day):
    jsonld = ('{"@type": "NewsArticle", "headline": "Late count in the city council vote", '
              f'"datePublished": "{moment}"}}')
    found = _metadata(_page(jsonld), url)
    assert found["published"] == day
    assert found["published_at"] == moment


# A news page as sites printed them before structured data: the day of the crawl in the
# masthead, the headline, the dateline and the byline under it, then the story.
DATELINE_PAGE = """<html><head><title>Ontong, Morkel in S Africa squad - Courier</title></head>
<body><div class="masthead"><span class="date">Wednesday January 16, 2008</span> | Subscribe</div>
<ul class="nav"><li>News</li><li>Sport</li><li>Cricket</li></ul>
<div class="story"><h1>Cricket: Ontong, Morkel in S Africa one day squad</h1>
<span class="time">1:18PM</span> <span class="day">Tuesday January 15, 2008</span>
<div class="signed">{byline}</div>
<p>DURBAN - South Africa have included batsman Justin Ontong and fast bowler Morne Morkel in
their squad for the one-day series against West Indies, the selectors said on Monday.</p>
<p>Ontong played the last of his 21 one-day internationals against India in Bangalore on
December 3, 2005, while Morkel has regained his fitness after a foot injury.</p></div>
<div class="footer">Copyright 2008 Courier Holdings</div></body></html>"""


def test_the_dateline_and_byline_under_the_headline_date_and_sign_a_page_without_markup():
    page = DATELINE_PAGE.format(byline="By Telford Vice")
    assert find_date(page, original_date=True) == "2008-01-16"  # htmldate: the masthead's day
    found = _metadata(page, "http://www.courier.example/sport/story.cfm?objectid=10486931")
    sources = dict(found["metadata_sources"])
    assert (found["published"], sources["published"]) == ("2008-01-15", "dateline")
    assert found["authors"] == ("Telford Vice",)
    assert sources["authors"] == "byline under the headline"


def test_a_byline_split_over_links_gives_each_name_and_stops_at_its_date():
    byline = ('By <a href="/staff/md">Matthew Digby</a>, <a href="/staff/mdo">Minh Do</a> '
              '<span>on Tuesday January 15, 2008 at 11:08 a.m.</span>')
    found = _metadata(DATELINE_PAGE.format(byline=byline), "http://www.courier.example/s/1")
    assert found["authors"] == ("Matthew Digby", "Minh Do")


def test_the_dateline_is_not_looked_for_past_the_first_paragraph_or_a_caption():
    """A caption's date (the day a file photo was taken) is no dateline; nor is a day under
    some other text that matches no title."""
    caption = ("FILE PHOTO: The logo is displayed at the motor show in Geneva, Switzerland "
               "March 5, 2007. REUTERS/Pierre Albouy")
    page = DATELINE_PAGE.replace('<span class="day">Tuesday January 15, 2008</span>',
                                 f"<figure>{caption}</figure>"
                                 '<span class="day">Tuesday January 15, 2008</span>')
    found = _metadata(page.format(byline=""), "http://www.courier.example/s/2")
    assert found["published"] != "2007-03-05"
    assert dict(found["metadata_sources"])["published"] != "dateline"


def test_a_sentence_under_the_headline_is_no_byline():
    page = DATELINE_PAGE.format(byline="by the selectors' own admission, a gamble")
    found = _metadata(page, "http://www.courier.example/s/3")
    assert dict(found["metadata_sources"]).get("authors") != "byline under the headline"


# A page whose structured and social headline were rewritten for search and sharing (two votes
# against the h1 and the <title>), under a masthead and a section that are h1 too: the page
# shows its own headline, over its dateline.
REWRITTEN = """<html><head>
<title>Mayor: More allegations of misused funds surface - Daily Example</title>
<meta property="og:title" content="New allegations against the mayor">
<script type="application/ld+json">{"@type": "NewsArticle",
 "headline": "New allegations against the mayor", "author": {jsonld_author}}</script></head>
<body><header><h1 class="logo">Daily Example</h1><span>Tuesday, 14 May 2024</span></header>
<div class="section"><h1>Politics</h1> <span>Updated 14 May 2024</span></div>
<article><h1>Mayor: More allegations of misused funds surface</h1>
<div class="meta">{byline}<span class="date">13 May 2024</span></div>
<p>Two more former aides have told the council's auditors that the mayor's office paid for
private trips out of the culture budget, the auditors' interim report says.</p></article>
</body></html>"""


def _rewritten(jsonld_author='"Ann Lee"', byline="") -> str:
    return REWRITTEN.replace("{jsonld_author}", jsonld_author).replace("{byline}", byline)


def test_the_headline_shown_over_its_dateline_wins_over_a_rewritten_structured_one():
    found = _metadata(_rewritten())
    assert found["title"] == "Mayor: More allegations of misused funds surface"
    assert dict(found["metadata_sources"])["title"].startswith("h1 (dated or signed under it")


def test_a_logo_or_section_over_a_date_is_not_the_headline_shown():
    """The masthead's and the section's h1 have a day under them too, but no title source
    names them; with the article's own h1 gone, the structured headline stays."""
    page = _rewritten().replace("<h1>Mayor: More allegations of misused funds surface</h1>", "")
    assert _metadata(page)["title"] == "New allegations against the mayor"


def test_a_byline_naming_more_people_than_the_structured_author_gives_them_all():
    byline = 'By <a href="/staff/al">Ann Lee</a>, <a href="/staff/bo">Ben Ode</a> '
    found = _metadata(_rewritten(byline=byline))
    assert found["authors"] == ("Ann Lee", "Ben Ode")
    assert dict(found["metadata_sources"])["authors"].startswith("byline under the headline")
    found = _metadata(_rewritten('"Carl Moe"', byline))  # a byline naming someone else
    assert found["authors"] == ("Carl Moe",)


def test_a_byline_of_several_people_in_one_text_keeps_every_name_as_written():
    found = _metadata(_rewritten('"Maria T. Okafor and Dan Pereira, AFP"'))
    assert found["authors"] == ("Maria T. Okafor", "Dan Pereira")
    assert found["credits"] == ("AFP",)


MICRODATA = """<html><head><title>Council passes the budget - Daily Example</title></head>
<body><header itemscope itemtype="https://schema.org/WPHeader"><nav><a href="/">Home</a>
<a href="/politik">Politik</a></nav></header>
<article itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">Council passes the budget</h1>
<p>Von <span itemprop="author" itemscope itemtype="https://schema.org/Person">
<span itemprop="name">Anna Berger</span></span>,
<time itemprop="datePublished" datetime="2024-05-03T15:47:42+02:00">3. Mai 2024</time></p>
<div itemprop="articleBody"><p>Der Stadtrat hat am Dienstag den Haushalt beschlossen, nach
langer Debatte über die Schulen.</p><p>Die Opposition stimmte dagegen.</p></div>
</article></body></html>"""


def test_microdata_is_read_without_the_texts_nothing_reads():
    """The microdata reader skips an item's own text when it has no properties and the
    ``articleBody`` (each a cleaned copy of its element: most of extruct's time); everything
    else is extruct's own reading."""
    found = _metadata(MICRODATA)
    assert (found["title"], found["authors"]) == ("Council passes the budget", ("Anna Berger",))
    assert found["published_at"] == "2024-05-03T15:47:42+02:00"
    assert dict(found["metadata_sources"])["published"] == "microdata datePublished"
    tree = parse(MICRODATA)
    ours = _MICRODATA.extract_items(tree, base_url="https://news.example/")
    theirs = LxmlMicrodataExtractor().extract_items(tree, base_url="https://news.example/")
    assert "Die Opposition" in theirs[1]["properties"]["articleBody"]
    assert "Politik" in theirs[0]["value"]
    theirs[0]["value"] = theirs[1]["properties"]["articleBody"] = ""
    assert ours == theirs


@pytest.mark.parametrize("day", ["Tuesday, January 15th, 2008", "Tuesday 15th January, 2008"])
def test_a_dateline_with_an_ordinal_day_dates_the_page(day):
    page = DATELINE_PAGE.replace("Tuesday January 15, 2008", day).format(byline="")
    found = _metadata(page, "http://www.courier.example/sport/story.cfm?objectid=10486932")
    assert found["published"] == "2008-01-15"  # not the masthead's day, the crawl's
    assert dict(found["metadata_sources"])["published"] == "dateline"


# A page without structured data whose <title> capitalises and strips its headline and hangs
# the paper's name on it in brackets; the headline is printed over its byline in a table cell.
TITLED_PAGE = """<html><head><title>Pace Star Sajs Bollywood Adventure (from The Bolton News)
</title></head><body><table><tr><td class="logo">The Bolton News</td></tr>
<tr><td><a href="/sport/">Sport</a> | <a href="/sport/cricket/">Cricket</a></td></tr>
<tr><td><span class="headline">Pace star Saj's Bollywood adventure</span><br>
<span class="byline">{byline}</span>
<p>Saj Mahmood has swapped the pavilion for the film set, with the Lancashire paceman
spending his winter break on the set of a Bollywood film in Mumbai, where his cousin works.</p>
<p>The 25-year-old will be back at Old Trafford for pre-season training in March.</p>
</td></tr></table></body></html>"""


def test_the_title_s_headline_is_spelled_as_the_page_prints_it_over_its_byline():
    found = _metadata(TITLED_PAGE.format(byline="By Graham Hardcastle"),
                      "http://www.theboltonnews.example/sport/cricket/display.var.1935364.0.html")
    assert found["title"] == "Pace star Saj's Bollywood adventure"
    assert dict(found["metadata_sources"])["title"] == "title (the part the page shows)"
    # with nothing printed under it, the text that spells the title is still the page's headline
    # for its markup (class="headline") and its place (right over the first paragraph)
    found = _metadata(TITLED_PAGE.format(byline=""), "http://www.theboltonnews.example/s/1")
    assert found["title"] == "Pace star Saj's Bollywood adventure"
    assert dict(found["metadata_sources"])["title"].startswith("heading over the first paragraph")


def test_a_byline_at_the_end_of_a_line_of_labelled_fields_signs_the_page():
    byline = ('<span class="label">Date:</span><span>January 15, 2008</span> | '
              '<span class="label">Category:</span><a href="/c/cricket">Cricket</a> | '
              '<span class="label">Author:</span><a href="/a/tv">Telford Vice</a>')
    found = _metadata(DATELINE_PAGE.format(byline=byline), "http://www.courier.example/s/4")
    assert found["authors"] == ("Telford Vice",)
    assert dict(found["metadata_sources"])["authors"] == "byline under the headline"


# --- the day printed by the headline, weighed against the markup's ------------------------------
# A page of the 2000s without date markup, in table and div soup: a masthead with the day of the
# crawl, a script comment with a day, the headline in spans, then what sites print between it and
# the story: {under}. {over} is printed above the headline.
UNDATED_PAGE = """<html><head><title>Automakers roll out plug-in concepts | Daily Courier</title>
</head><body><table><tr><td class="top">Sunday, January 20, 2008 | <a href="/s">Subscribe</a>
</td></tr><tr><td><script>//2007-10-15: ad channel</script>
<div class="nav"><a href="/">Home</a> <a href="/biz">Business</a></div>
<div class="story"><div class="kicker">{over}</div>
<h1><span class="hl">Automakers roll out</span> <em>plug-in concepts</em></h1>
{under}
<p>DETROIT - Chrysler LLC on Monday rolled out three plug-in concept cars at the North American
International Auto Show, the venue where rival General Motors made a splash a year ago.</p>
<p>Toyota said it plans to test hundreds of plug-ins with fleet customers by the same year.</p>
</div></td></tr></table>
<div class="footer">Copyright 2008 Courier Holdings</div></body></html>"""
STANDFIRST = ('<p class="dek">Three concept cars with plugs, a year after General Motors showed '
              'its own, as the industry tries to look green at the Detroit show.</p>')
CAPTION = ('<p class="caption">A Dodge Zeo concept is shown to reporters at the show in Detroit, '
           'Sunday, Jan. 13, 2008. (AP Photo/Carlos Osorio)</p>')


def _undated(under: str = "", over: str = "", url: str = "http://www.courier.example/s?id=2358"):
    return _metadata(UNDATED_PAGE.format(under=under, over=over), url)


@pytest.mark.parametrize("under", [
    f'{STANDFIRST}<cite>by Jeff Karoub</cite><i>14 January 2008 9:00 GMT</i>',
    f'{CAPTION}<div class="info"><span>Story Published: Jan 14, 2008 at 8:29 AM PST</span></div>',
    f'{STANDFIRST}{CAPTION}<h5>Datum:</h5> 14.01.2008 <h5>Autor:</h5> jk'])
def test_the_dateline_past_a_standfirst_or_a_caption_dates_the_page(under):
    """Past the long texts between a headline the title names and its dateline; the caption's
    own day (the photo's) is not read, nor is a day inside a sentence of the story."""
    found = _undated(under)
    assert (found["published"], dict(found["metadata_sources"])["published"]) == \
        ("2008-01-14", "dateline")


def test_a_day_in_a_sentence_or_a_credit_past_a_standfirst_is_no_dateline():
    for under in (f'{STANDFIRST}<span>The period from 1 November 2006 was quiet</span>',
                  f'{STANDFIRST}<span>(Carlos Osorio</span><span>/ March 8, 2007)</span>'):
        assert dict(_undated(under)["metadata_sources"])["published"] != "dateline"


def test_the_dateline_over_the_headline_dates_the_page():
    """Printed over the headline (``Dec 16, 2007 18:22 | Updated ...``, then the ``h1``) when
    nothing under it is a day; a day a URL carries one day later is the server's clock."""
    over = "Jan 14, 2008 18:22 | Updated Jan 15, 2008 11:52"
    found = _undated("<span>By</span> <a>JEFF KAROUB</a>", over)
    assert (found["published"], dict(found["metadata_sources"])["published"]) == \
        ("2008-01-14", "dateline")
    found = _undated("", over, "http://www.courier.example/articles/2008/01/15/plug-in")
    assert found["published"] == "2008-01-14"
    # a URL whose day is further away is the day; the page's day is another story's
    found = _undated("", over, "http://www.courier.example/articles/2008/01/18/plug-in")
    assert found["published"] == "2008-01-18"


def test_a_headline_found_only_in_a_broken_page_s_body_title_dates_and_signs_it():
    """A page cut before its ``<head>`` closes: its ``<title>`` and headline are in the body."""
    page = ('<html><head><meta charset="utf-8"></i></font></p><p>Please support local business!'
            '</p><table><tr><td><TITLE>Automakers roll out plug-in concepts</TITLE>'
            '<b><h3> Automakers roll out plug-in concepts</b></h3> <font size="-2"> Staff and '
            'agencies<br>14 January, 2008<br><br><p>By JEFF KAROUB, AP Business Writer</p>'
            '<p>DETROIT - Chrysler LLC on Monday rolled out three plug-in concept cars at the '
            'North American International Auto Show, the venue where rival General Motors made '
            'a splash a year ago.</p></td></tr></table></body></html>')
    found = _metadata(page, "http://localnews.example/stories3/index.php?action=full&id=235893")
    assert found["title"] == "Automakers roll out plug-in concepts"
    assert found["published"] == "2008-01-14"
    assert found["authors"][0] == "JEFF KAROUB"


def test_a_day_the_calendar_does_not_have_is_no_dateline():
    found = _undated("<span>31.02.2008</span>", "",
                     "http://www.courier.example/articles/2008/01/14/plug-in")
    assert found["published"] == "2008-01-14"  # the URL's day, htmldate's reading
    found = _undated("<span>14.01.2008</span>", "",
                     "http://www.courier.example/articles/2008/02/31/plug-in")
    assert found["published"] == "2008-01-14"  # nor a URL's


def test_a_member_s_join_day_under_a_forum_post_s_title_is_no_dateline():
    page = ("<html><head><title>What? Where'd it go? | Forums</title></head><body>"
            "<div class='crumbs'><a>Forums</a> <a>Server Discussion</a></div>"
            "<div class='p-title'><h1 class='p-title-value'>What? Where'd it go?</h1></div>"
            "<div class='p-description'><span>Thread starter</span> <a>Biggie-Cheese</a> "
            "<span>Start date</span> <time datetime='2020-03-18T12:22:42-0400'>1 minute ago"
            "</time></div><div class='message-user'><a>Biggie-Cheese</a><h5>Well-Known Member"
            "</h5><dl><dt>Joined</dt><dd>May 11, 2017</dd><dt>Messages</dt><dd>3,066</dd></dl>"
            "</div><div class='message-body'>So where did the lobby parkour go? I looked for it "
            "everywhere after the update and it is not in the usual place any more.</div>"
            "</body></html>")
    found = _metadata(page, "https://forum.example/threads/what-whered-it-go.2675645/")
    assert found["published"] == "2020-03-18"


# A page with date markup whose headline, byline and dateline are spread over divs.
DATED_PAGE = """<html><head><title>2020 Audi e-tron Sportback revealed - SlashExample</title>
<script type="application/ld+json">{{"@type": "NewsArticle",
 "headline": "2020 Audi e-tron Sportback revealed as electric 4-door coupe",
 "datePublished": "{published}", "dateModified": "{modified}"}}</script>{meta}</head>
<body><div class="header"><div class="logo">SlashExample</div></div><div class="wrap">
<div class="post"><h1 class="title">2020 Audi e-tron Sportback revealed as electric 4-door coupe
</h1><div class="byline"><a href="/author/cd">Chris Davies</a> - <span>{shown}</span>
<span class="comments">0</span></div>
<p>Audi has revealed the 2020 e-tron Sportback, a coupe-styled version of its electric SUV with
a sloping roof line and a little more range, ahead of the Los Angeles Auto Show this week.</p>
</div></div></body></html>"""


def _dated(shown, published="2019-11-20T02:15:49-06:00", modified="2019-11-20T04:39:28-06:00",
           meta=""):
    page = DATED_PAGE.format(published=published, modified=modified, shown=shown, meta=meta)
    return _metadata(page, "https://www.slashexample.com/2020-audi-e-tron-sportback-19600369/")


def test_the_dateline_corrects_a_markup_time_stated_with_the_wrong_offset():
    """02:15 UTC written with the newsroom's offset (``02:15:49-06:00``): the page prints
    8:15 pm on the day before, which that instant falls on in a newsroom's clock."""
    found = _dated("Nov 19, 2019, 8:15 pm CST")
    assert found["published"] == "2019-11-19"
    assert found["published_at"] == "2019-11-20T02:15:49-06:00"  # the markup's, kept
    assert dict(found["metadata_sources"])["published"] == \
        "json-ld datePublished (day: the dateline)"
    # two days off is no clock's: another date
    assert _dated("Nov 18, 2019, 8:15 pm CST")["published"] == "2019-11-20"
    assert _dated("Nov 19, 2019, 8:15 pm CST", published="2019-11-20T12:15:49-06:00"
                  )["published"] == "2019-11-20"  # 18:15 UTC: the 19th in no newsroom


def test_the_day_of_the_update_by_the_headline_is_not_the_publication_day():
    page = DATED_PAGE.format(published="2019-11-20T20:00:00Z", modified="2019-11-21T09:00:00Z",
                             shown="Updated Nov 21, 2019, 3:00 am", meta="")
    found = _metadata(page, "https://news.example/2019/11/20/audi-e-tron-sportback/")
    assert found["published"] == "2019-11-20"


def test_a_utc_time_takes_the_offset_of_a_time_element_a_second_apart():
    """A ``<time>`` drops the seconds of the structured time: the same instant still."""
    page = DATED_PAGE.format(published="2019-11-20T06:07:01+0000", modified="", meta="",
                             shown='<time datetime="2019-11-20T01:07:00-0500">1:07 AM</time>')
    found = _metadata(page, "https://news.example/news/impeachment-hearings-2019-11-19/")
    assert found["published_at"] == "2019-11-20T01:07:00-05:00"
    assert found["published"] == "2019-11-20"  # not the day in the URL


def test_a_numeric_day_read_either_way_is_read_as_the_dateline_writes_it():
    page = DATED_PAGE.replace('"datePublished": "{published}", "dateModified": "{modified}"',
                              '"author": "Chris Davies"')
    for meta, day in (('<meta name="date" content="08/09/2012">', "2012-08-09"),
                      ('<meta name="date" content="09/08/2012">', "2012-08-09")):
        found = _metadata(page.format(meta=meta, shown="1:13 pm, August 9th, 2012"),
                          "https://www.example.com/alan-ritchson-gloss/")
        assert found["published"] == day
    # a day the page writes one way only keeps it (two days off: a day alone one day off is
    # the server's or UTC's, and gives way to the day printed)
    found = _metadata(page.format(meta='<meta name="date" content="2012-08-11">',
                                  shown="1:13 pm, August 9th, 2012"),
                      "https://www.example.com/alan-ritchson-gloss/")
    assert found["published"] == "2012-08-11"


@pytest.mark.parametrize("byline, names", [
    ("By Walter Pincus, Oct 29, 2012", ("Walter Pincus",)),
    ("By JAMES PRICHARD AND JANE MAI, Fri Dec 28, 4:17 PM ET", ("JAMES PRICHARD", "JANE MAI")),
])
def test_a_byline_cut_at_its_date_drops_the_day_s_names(byline, names):
    found = _metadata(DATELINE_PAGE.format(byline=byline), "http://www.courier.example/s/5")
    assert found["authors"] == names


# An old page laid out in tables, its <title> the site's and a section's, its headline in bold
# on the line of its day (no line of its own, so no headline found): no dateline read.
OLD_PAGE = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Gig Guide - Music News</title></head>
<body bgcolor="#ffffff"><table width="760" cellpadding="0" cellspacing="0"><tr>
<td colspan="2"><a href="/"><img src="/img/logo.gif" alt="Gig Guide"></a>
<!-- nav changed to the new sections - NW 18/05/2006 --></td></tr>
<tr><td width="160" valign="top" class="nav"><a href="/news/">News</a><br>
<a href="/reviews/">Reviews</a><br><a href="/tickets/">Tickets</a></td>
<td valign="top"><div class="ad"><script type="text/javascript">var zone = "news";
document.write('<img src="/ads/banner.gif">');</script></div>
<div class="newsbody"><b>Radiohead Play Secret Show In London</b>
<span class="small">{shown}</span><br>
<p>Radiohead played a surprise show at a small record shop in east London last night,
their first since the release of their new album, to a crowd of a few hundred fans.</p>
<p>The band played most of the new record and two older songs, and left without an encore
after fifty minutes, the shop's owner said this morning.</p>
</div></td></tr></table>
<!-- {stamp} -->
<script type="text/javascript">var gS = "2008";</script>
</body></html>"""


@pytest.mark.parametrize("stamp, shown, stamped, day", [
    # a tool's stamp of the template, older than the day printed: the printed day
    # (not under a label: a labelled day dates the page without htmldate's search)
    ("$DateTime: 2005/12/15 15:37:36 $", "Wednesday, 16 January 2008", "2005-12-15",
     "2008-01-16"),
    # a cache's stamp, later than the only day printed (a photo's): the stamp
    ("brought from cache 2020-04-24 21:36:31", "Photo taken 21 July 2015", "2020-04-24",
     "2020-04-24"),
])
def test_a_day_in_the_page_s_comments_gives_way_to_a_later_day_it_prints(stamp, shown, stamped,
                                                                          day):
    page = OLD_PAGE.format(stamp=stamp, shown=shown)
    # htmldate's search of the whole page, comments and all, takes the stamp's day
    assert find_date(page, extensive_search=True, original_date=True) == stamped
    found = _metadata(page, "http://www.gigguide.example/news/read.php?id=1433")
    assert found["published"] == day
    assert dict(found["metadata_sources"])["published"] == "htmldate"


# A page of 2005-2010 in tables: its <title> is the site's name, a masthead and a "most read" box
# print headings of their own, and the story's headline is the heading over its first paragraph.
MASTHEAD_PAGE = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>{title}</title></head>
<body><table width="780" border="0" cellpadding="0" cellspacing="0">
<tr><td colspan="2"><h1 class="masthead">The Valley Courier Online</h1>
<span class="today">Sunday, January 20, 2008</span>
<a href="/news/">News</a> | <a href="/sport/">Sport</a> | <a href="/letters/">Letters</a></td></tr>
<tr><td width="180" valign="top"><h3>Most read stories</h3>
<h3><a href="/news/1431.html">Bypass plans go on show at the library</a></h3>
<h3><a href="/news/1427.html">Flood warning lifted for the river towns</a></h3></td>
<td valign="top">{headline}<br>
<span class="byline">By Helen Marsh</span><br>
<span class="date">Tuesday, January 15, 2008</span>
<p>Councillors voted last night to close the swimming baths on Mill Road at the end of March,
after a report found that repairing the roof and the boilers would cost more than a new pool.</p>
<p>Campaigners who collected four thousand signatures said they would ask for a review.</p>
</td></tr></table></body></html>"""


@pytest.mark.parametrize("headline", [
    "<h2>Baths to close after council vote</h2>",
    '<span class="storyHeadline">Baths to close after council vote</span>',
])
@pytest.mark.parametrize("title", ["The Valley Courier", "Valley Courier - Home"])
def test_a_title_naming_only_the_site_gives_way_to_the_heading_over_the_story(headline, title):
    found = _metadata(MASTHEAD_PAGE.format(title=title, headline=headline),
                      "http://www.valleycourier.example/news/1433.html")
    assert found["title"] == "Baths to close after council vote"
    assert dict(found["metadata_sources"])["title"].startswith("heading over the first paragraph")
    # the dateline and byline under it are read, not the masthead's day of the crawl
    assert (found["published"], found["authors"]) == ("2008-01-15", ("Helen Marsh",))
    assert dict(found["metadata_sources"])["published"] == "dateline"


def test_a_title_naming_a_story_keeps_it_over_the_heading_over_the_first_paragraph():
    # the <title> names a headline the page shows (the masthead a plain div here), so the heading
    # nearer the text (a deck) is not taken for it
    page = MASTHEAD_PAGE.replace('<h1 class="masthead">The Valley Courier Online</h1>',
                                 '<div class="masthead">The Valley Courier Online</div>')
    page = page.format(title="Baths to close after vote - The Valley Courier",
                       headline="<h2>Baths to close after vote</h2><h3>Campaigners vow to fight "
                                "for the Mill Road pool</h3>")
    found = _metadata(page, "http://www.valleycourier.example/news/1433.html")
    assert found["title"] == "Baths to close after vote"


# Div soup of today: the paper's name in an h1 over the nav, the story's heading in a div or an
# h2 of generated class names, a share bar between it and the text, a "most read" list.
MASTHEAD_H1_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title></head>
<body><div class="wrap-9f"><div class="top-bar">
<h1 class="c-1x"><a href="/">{masthead}</a></h1><span class="d-x">Tuesday, March 12, 2024</span>
<div class="nav-x2"><a href="/news/">News</a> <a href="/sport/">Sport</a>
<a href="/business/">Business</a> <a href="/opinion/">Opinion</a></div></div>
<div class="c-7d2"><div class="x-a91">{heading}
<div class="sh"><a href="#">Share</a><a href="#">Facebook</a><a href="#">X</a><a href="#">Email</a>
<a href="#">Print</a><a href="#">WhatsApp</a><a href="#">Comments (3)</a><a href="#">Save</a></div>
<div class="m-4f"><span class="by-e1">By Helen Marsh</span> <span class="dt-9">March 11, 2024</span>
</div><div class="b-00"><p>The county council voted on Monday night to build a new road bridge
over the river at Millford, ending a decade of arguments about the crossing and its cost.</p>
<p>The bridge, which will carry two lanes of traffic and a cycle path, is expected to open in
2027, once the final designs are approved by the planning committee.</p></div></div>
<div class="s-77"><div class="w-t">Most read</div><ul>
<li><a href="/news/1431">Bypass plans go on show at the library</a></li>
<li><a href="/news/1427">Flood warning lifted for the river towns</a></li></ul></div></div>
</div></body></html>"""


@pytest.mark.parametrize("heading", ['<div class="hd-3kq">Council approves new bridge</div>',
                                     '<h2 class="hd-3kq">Council approves new bridge</h2>'])
@pytest.mark.parametrize("title", ["Council approves new bridge | The Valley Courier",
                                   "The Valley Courier - Council approves new bridge"])
@pytest.mark.parametrize("masthead", ["The Valley Courier Online", "The Valley Courier"])
def test_a_masthead_naming_the_site_s_part_of_the_title_is_not_the_headline(heading, title,
                                                                           masthead):
    page = MASTHEAD_H1_PAGE.format(title=title, masthead=masthead, heading=heading)
    found = _metadata(page, "https://www.valleycourier.example/news/2024/03/11/bridge")
    assert found["title"] == "Council approves new bridge"
    # the title, or (``Site - Headline`` over the site's name and the headline) the heading
    assert dict(found["metadata_sources"])["title"].startswith(("title", "h2 (the title hangs"))
    # not the masthead's day of the crawl, nor a byline read under the masthead
    assert (found["published"], found["authors"]) == ("2024-03-11", ("Helen Marsh",))


def test_a_headline_naming_the_site_is_still_the_headline():
    page = MASTHEAD_H1_PAGE.format(
        title="Valley Courier readers pick the best pub in town | The Valley Courier",
        masthead="Valley Courier readers pick the best pub in town", heading="")
    found = _metadata(page, "https://www.valleycourier.example/news/2024/03/11/pub")
    assert found["title"] == "Valley Courier readers pick the best pub in town"


# A blog of 2008-2012 (WordPress's classic themes): the blog's name hung on the <title> by a
# guillemet and printed over the page, the post's title a link in an h2, the post's date and
# author in a line under it, a sidebar of recent posts.
BLOG_PAGE = """<!DOCTYPE html><html dir="ltr" lang="en-US"><head><meta charset="UTF-8">
<title>{title}</title>{head}</head>
<body class="single postid-1187"><div id="wrap"><div id="hd"><div id="blog-title">
<a href="/">Notes from the Allotment</a></div>
<div class="desc">Growing food in a small town garden</div></div>
<div id="nav"><ul><li><a href="/">Home</a></li><li><a href="/about/">About</a></li></ul></div>
<div id="content"><div class="post" id="post-1187">
<h2><a href="/2012/08/13/broad-beans/" rel="bookmark">{heading}</a></h2>
<div class="postmeta">{byline}</div>
<div class="entry"><p>The broad beans went in far too late this year, and the blackfly found
them before the bees did, so I tried something different with the second sowing in July.</p>
<p>It worked better than I expected, and this is what I did.</p></div></div></div>
<div id="sidebar"><h3>Recent Posts</h3><ul><li><a href="/2012/08/01/">Courgettes again</a></li>
<li><a href="/2012/07/20/">Netting the currants</a></li></ul></div></div></body></html>"""


@pytest.mark.parametrize("title", [
    "Second sowing of broad beans « Notes from the Allotment",
    "Notes from the Allotment » Second sowing of broad beans",
])
def test_a_blog_s_name_hung_on_the_title_by_a_guillemet_is_not_the_headline(title):
    page = BLOG_PAGE.format(title=title, head="", heading="Second sowing of broad beans",
                            byline="")
    found = _metadata(page, "http://www.greenfingers.example/2012/08/13/broad-beans/")
    assert found["title"] == "Second sowing of broad beans"


def test_a_heading_with_its_day_glued_on_is_not_the_whole_headline():
    """The h2 prints the post's day inside it; the og:title is the headline, not cut short."""
    page = BLOG_PAGE.format(
        title="Second sowing of broad beans « Notes from the Allotment",
        head='<meta property="og:title" content="Second sowing of broad beans">',
        heading='Second sowing of broad beans <span class="date">13 August, 2012</span>',
        byline="")
    found = _metadata(page, "http://www.greenfingers.example/2012/08/13/broad-beans/")
    assert found["title"] == "Second sowing of broad beans"


@pytest.mark.parametrize("byline", [
    'Posted on August 13, 2012 by <a href="/author/jane/">Jane Birch</a> in '
    '<a href="/category/veg/">Vegetables</a>',
    '2012-08-13 by <a href="/author/jane/">Jane Birch</a>',
    'Posted by Jane Birch in <a href="/category/veg/">Vegetables</a> | 3 Comments',
])
def test_a_blog_s_byline_after_its_day_or_posted_signs_the_post(byline):
    page = BLOG_PAGE.format(title="Second sowing of broad beans « Notes from the Allotment",
                            head="", heading="Second sowing of broad beans", byline=byline)
    found = _metadata(page, "http://www.greenfingers.example/2012/08/13/broad-beans/")
    assert (found["authors"], found["credits"]) == (("Jane Birch",), ())
    assert dict(found["metadata_sources"])["authors"] == "byline under the headline"


@pytest.mark.parametrize("byline", ["Photo by Jane Birch", "Posted in Vegetables by the gate",
                                    "Posted by admin in Vegetables"])
def test_a_credit_or_an_account_after_posted_signs_no_post(byline):
    page = BLOG_PAGE.format(title="Second sowing of broad beans « Notes from the Allotment",
                            head="", heading="Second sowing of broad beans", byline=byline)
    found = _metadata(page, "http://www.greenfingers.example/2012/08/13/broad-beans/")
    assert (found["authors"], found["credits"]) == ((), ())


def test_each_reporter_of_a_byline_is_named_without_the_place_they_write_from():
    byline = ("By Sarah Laitner in Brussels, Maija Palmer in London and Kevin Allison in "
              "San Francisco")
    found = _metadata(_rewritten(f'"{byline}"'))
    assert found["authors"] == ("Sarah Laitner", "Maija Palmer", "Kevin Allison")


# A review page: the <title> names the record and the site, the h1 only the artist (too short
# for a title's part), the byline and day under it.
REVIEW_PAGE = """<!DOCTYPE html><html><head><title>Low Tide: Salt Marsh | Album Reviews |
Sound Desk</title></head><body><div class="nav"><a href="/">Sound Desk</a>
<a href="/reviews/">Reviews</a></div><div id="main"><div class="review-meta">
<h1><a href="/artists/low-tide/">Low Tide</a></h1><h2>Salt Marsh</h2>
<h3>Kranky; 2012</h3><h4>By <a href="/staff/nora-vale/">Nora Vale</a>; October 29, 2012</h4>
</div><div class="editorial"><p>The second record of the Leeds duo slows everything down
further than the first did, and the patience pays off in the long closing track, which takes
nine minutes to arrive where most songs start.</p><p>It is their best so far.</p></div></div>
</body></html>"""


def test_the_byline_under_an_h1_signs_a_page_whose_title_no_heading_spells():
    found = _metadata(REVIEW_PAGE, "http://sounddesk.example/reviews/albums/1720-salt-marsh/")
    assert found["authors"] == ("Nora Vale",)
    assert dict(found["metadata_sources"])["authors"] == "byline under an h1"


# A gadget site of 2007: its meta author is the company, the byline under the standfirst.
COMPANY_PAGE = """<html><head><title>2007: A year in review, September - Gadget-Shelf.co.uk -
gadget news and reviews</title><meta name="author" content="{author}"></head>
<body><div id="top"><a href="/">Gadget-Shelf</a> <a href="/news/">News</a></div>
<div id="c1"><div class="nhd"><h1>Audio</h1></div><div class="art">
<h1>2007: A year in review, September</h1>
<p class="sf">Apple hogs the headlines with the iPhone, and Microsoft loses a court battle in
Europe over the way it bundles its media player: a look back at September's news.</p>
<div class="by">by Katie Marsh</div><div class="dt">30 December 2007 9:00 GMT</div>
<p>The month started off with two major announcements from Apple, with the company renaming its
flagship music player and cutting the price of its phone only weeks after its launch.</p>
</div></div></body></html>"""


@pytest.mark.parametrize("author", ["Gadget-Shelf Ltd", "Gadget Shelf Media"])
def test_a_byline_past_the_standfirst_signs_a_page_whose_markup_names_the_company(author):
    found = _metadata(COMPANY_PAGE.format(author=author),
                      "http://www.gadget-shelf.co.uk/news/news.phtml/11833/2007-review.phtml")
    assert found["authors"] == ("Katie Marsh",)
    assert found["credits"] == (author,)
    assert dict(found["metadata_sources"])["authors"] == "byline under the headline"


def test_the_byline_under_the_headline_names_the_people_the_structured_organisation_hides():
    page = _rewritten('{"@type": "Organization", "name": "Daily Example Newsdesk"}',
                      'By <a href="/staff/al">Ann Lee</a> ')
    for h1 in ('<h1 class="logo">Daily Example</h1>', "<h1>Politics</h1>",
               "<h1>Mayor: More allegations of misused funds surface</h1>"):  # div soup
        page = page.replace(h1, f'<div class="t-9">{h1[h1.index(">") + 1:-5]}</div>')
    found = _metadata(page)
    assert (found["authors"], found["credits"]) == (("Ann Lee",), ("Daily Example Newsdesk",))
    assert dict(found["metadata_sources"])["authors"] == (
        "byline under the headline (json-ld author names no person)")


def test_the_byline_under_the_headline_wins_over_a_structured_account_handle():
    """The JSON-LD names the user who filed the story (``ann-lee``); the page prints the
    reporter's byline. A name as people write it stays the author (see above)."""
    byline = 'By <a href="/staff/cm">Carl Moe</a> '
    found = _metadata(_rewritten('{"@type": "Person", "name": "ann-lee"}', byline))
    assert found["authors"] == ("Carl Moe",)
    assert dict(found["metadata_sources"])["authors"] == (
        "byline under the headline (json-ld author: an account's handle)")
    found = _metadata(_rewritten('{"@type": "Person", "name": "ann-lee"}'))  # no byline
    assert found["authors"] == ("Ann Lee",)


# A music site of 2008 in tables: an empty <title>, no heading, the story's title in a styled
# paragraph, the byline and a photo credit over the first paragraph.
OLD_STORY_PAGE = """<html><head><title></title></head><body>
<table width="760"><tr><td><div class="hd">News</div><a href="/news/">More news</a> |
<a href="/reviews/">Reviews</a></td></tr>
<tr><td><table><tr><td><a href="/news/Story.aspx?id=3782"><b>Read Article: </b>Chart sales
return to normal</a></td></tr></table>
<p class="orange">Band plays secret show in London</p>
<p>{byline}<br/>photo by Ros Hale</p>
<p>The band announced on their website in the early hours of Wednesday that they would play a
record shop in the east of the city that night, and that only 400 people would be let in.</p>
<p>Naturally, 400 people quickly appeared at the shop.</p></td></tr></table></body></html>"""


def test_the_byline_over_the_first_paragraph_signs_a_page_nothing_else_signs():
    found = _metadata(OLD_STORY_PAGE.format(byline="by Tim Ashmore - January 16 2008"),
                      "http://www.undercover.example/news/Story.aspx?id=3863")
    assert found["authors"] == ("Tim Ashmore",)
    assert dict(found["metadata_sources"])["authors"] == "byline over the first paragraph"
    found = _metadata(OLD_STORY_PAGE.format(byline="January 16 2008"),  # a photo credit only
                      "http://www.undercover.example/news/Story.aspx?id=3863")
    assert (found["authors"], found["credits"]) == ((), ())


@pytest.mark.parametrize(("byline", "authors", "credits"), [
    ("Rudy Galfi, Product Manager", ("Rudy Galfi",), ()),
    ("Agencies", (), ("Agencies",)),
    ("Financials.com", (), ("Financials.com",)),
    ("Dan Pereira, The Daily Example.com", ("Dan Pereira",), ("The Daily Example.com",)),
])
def test_a_job_s_title_is_no_name_and_an_agency_or_a_site_s_address_no_person(byline, authors,
                                                                             credits):
    found = _metadata(_rewritten(f'"{byline}"'))
    assert (found["authors"], found["credits"]) == (authors, credits)


@pytest.mark.parametrize("title", ["", "Premier League Tips and Odds"])
def test_the_text_over_the_byline_over_the_first_paragraph_is_the_headline(title):
    """The <title> is empty or the site's; the story's title is a styled paragraph over its
    byline, no heading; a link over it (another story) is not taken."""
    page = OLD_STORY_PAGE.format(byline="by Tim Ashmore - January 16 2008").replace(
        "<title></title>", f"<title>{title}</title>")
    found = _metadata(page, "http://www.undercover.example/news/Story.aspx?id=3863")
    assert found["title"] == "Band plays secret show in London"
    assert dict(found["metadata_sources"])["title"].startswith("text over the byline")
    page = page.replace('<p class="orange">Band plays secret show in London</p>', "")
    assert _metadata(page)["title"] != "Chart sales return to normal"


BLOG_POST_PAGE = """<html><head><title>Marta Keller | field notes &raquo; Why the river library
closed early on Tuesday</title><link rel="stylesheet" href="/wp-content/themes/k/style.css"/>
</head><body><div id="page"><div id="header"><div id="headerimg">
<h1><a href="/">Marta Keller | field notes</a></h1><div class="description">a blog about
towns, rivers and the people who keep their records</div></div></div><hr/>
<div id="content" class="narrowcolumn"><div class="post" id="post-2231">
<h2><a href="/2012/09/18/river-library/" rel="bookmark">Why the river library closed early
on Tuesday</a></h2><small>September 18th, 2012</small>
<div class="entry"><p>The river library shut its doors at noon on Tuesday, four hours before its
usual closing time, after the flood warning for the lower town was raised overnight.</p>
<p>Staff moved the oldest parish registers to the upper floor before they left, the head
librarian said, and the building will reopen once the water has gone down.</p></div>
<p class="postmetadata">Posted in Towns | <a href="#respond">1 Comment &#187;</a></p></div>
<h3 id="comments">1 Response to &#8220;Why the river library closed early on Tuesday&#8221;</h3>
</div><div id="sidebar"><h2>Recent Posts</h2><ul><li><a href="/2012/09/11/">The ferry
timetable, again</a></li><li><a href="/2012/09/02/">Counting bridges</a></li></ul>
<h2>Archives</h2><ul><li><a href="/2012/09/">September 2012</a></li></ul></div>
</div></body></html>"""


def test_a_blog_s_name_over_its_post_is_not_the_headline():
    """A blog theme's <title> hangs the post's title after the blog's name (``Blog » Post``),
    the blog's name is the h1 and the post's title an h2: the post's title is the headline."""
    found = _metadata(BLOG_POST_PAGE, "http://fieldnotes.example/2012/09/18/river-library/")
    assert found["title"] == "Why the river library closed early on Tuesday"
    assert dict(found["metadata_sources"])["title"].startswith("h2 (the title hangs it")
    # the same <title> over a page whose h2s do not show that part: no post's title to take
    page = BLOG_POST_PAGE.replace('<h2><a href="/2012/09/18/river-library/" rel="bookmark">',
                                  '<div class="t"><a href="/2012/09/18/river-library/">')
    page = page.replace("on Tuesday</a></h2>", "on Tuesday</a></div>")
    found = _metadata(page, "http://fieldnotes.example/2012/09/18/river-library/")
    assert not dict(found["metadata_sources"])["title"].startswith("h2 (the title hangs it")


# A newspaper's story page of today: div soup with generated class names, a CMS that cuts the
# JSON-LD headline to its field's length and marks the cut, the full headline in og:title and
# the h1, a share bar and a "most read" list around the story.
CUT_HEADLINE_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{headline} | Metro | The Daily Ledger</title>
<meta property="og:title" content="{headline}">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{cut}", "datePublished": "2018-09-24T16:02:00-05:00",
"author": {{"@type": "Person", "name": "Dana Reyes"}}}}</script></head>
<body><div class="x-hdr"><a class="lg-1" href="/">The Daily Ledger</a><div class="nv">
<a href="/metro/">Metro</a> <a href="/sports/">Sports</a> <a href="/opinion/">Opinion</a>
</div></div>
<main><div class="c-91a"><h1 class="art-title">{headline}</h1>
<div class="sh-bar"><a href="#">Share</a><a href="#">Facebook</a><a href="#">Email</a></div>
<div class="by-7"><span>By Dana Reyes</span> <span>Sep 24, 2018</span></div>
<div class="bd-3"><p>The officer who shot a man in his own apartment was fired on Monday, the
police chief said, two weeks after she was arrested and charged with manslaughter.</p>
<p>The chief said an internal investigation had found that the officer broke the department's
rules, and that she would be able to appeal the decision to the civil service board.</p></div>
</div><aside class="mr-2"><div class="hd-x">Most read</div><ul>
<li><a href="/metro/1">Storms knock out power across the county</a></li>
<li><a href="/metro/2">School board delays the vote on new boundaries</a></li></ul></aside>
</main></body></html>"""


@pytest.mark.parametrize("mark", ["...", "…", " ..."])
def test_a_headline_a_source_marks_as_cut_counts_for_the_whole_headline(mark):
    headline = "Officer fired after manslaughter charge for shooting a man in his home"
    url = "https://www.ledger.example/news/2018/09/24/fired"
    for cut in (headline + mark, headline[:-5] + mark):  # the mark is no part of the headline
        document = cleaners.clean(CUT_HEADLINE_PAGE.format(headline=headline, cut=cut).encode(),
                                  url)
        assert document.title == headline
        assert "json-ld headline" in dict(document.metadata_sources)["title"].split(" (")[0]


# A food blog's post (an old WordPress theme): the blog's name in the h1 and at the start of the
# <title>, the post's short title in an h3 of the post, a sidebar of widgets.
SHORT_POST_PAGE = """<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8">
<title>Pine &amp; Flour &nbsp;&ndash; {post}</title>
<link rel="stylesheet" href="/wp-content/themes/pf/style.css"></head>
<body class="single"><div id="wrapper"><div id="header"><h1><a href="/">Pine &amp; Flour</a></h1>
<div class="tagline">baking for a small kitchen</div></div>
<div id="nav"><a href="/">Home</a> <a href="/recipes/">Recipes</a> <a href="/about/">About</a></div>
<div id="main"><div class="post"><div class="date">October 25, 2012</div>
<h3 class="title">{post}</h3>
<div class="entry"><p>My father used to say that pie was a weeknight food, not a holiday one, and
so every Thursday of my childhood there was a pie on the table, whatever else was going on.</p>
<p>This is the one he made most, with apples from the tree behind the garage.</p></div></div>
<div id="sidebar"><h2 class="widgettitle">Search</h2><h2 class="widgettitle">Archives</h2>
<ul><li><a href="/2012/10/">October 2012</a></li></ul></div></div></div></body></html>"""


@pytest.mark.parametrize("post", ["Papa Says", "Pie Night"])
def test_a_heading_that_is_the_site_s_name_is_no_headline_however_short_the_post_s_title(post):
    page = SHORT_POST_PAGE.format(post=post)
    document = cleaners.clean(page.encode(), "http://www.pineflour.example/2012/10/papa-says/")
    assert document.title == post


# A small business blog: no site name in the markup, the post's title (which names a web site)
# first in the <title>, a byline of labelled fields under the post's h2.
DOTTED_TITLE_PAGE = """<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8">
<title>{headline} | 47 Lanterns</title></head>
<body><div id="page"><div class="logo"><a href="/"><img src="/logo.png" alt="47 Lanterns"></a></div>
<div class="menu"><a href="/">Home</a> <a href="/archive/">Archive</a> <a href="/about/">About</a>
</div><div id="content"><div class="post-3588 post hentry">
<h2 class="post_title">{headline}</h2><div class="post_meta"><span>Posted on:</span>
<a href="/2012/08/">08-7-2012</a> <span>With:</span> <a href="#comments">1 Comment</a>
<span>Posted by:</span> <a href="/about/">Ben Walters</a></div>
<div class="post_body"><p>For the past week or so I have been getting the most useful emails about
starting a business from a site I had never heard of, and I want to tell you about them.</p>
<p>Each one is short, and each one asks you to do one thing that day.</p></div></div></div>
<div id="sidebar"><h3>Popular Posts</h3><ul><li><a href="/p/1">Pricing, again</a></li></ul></div>
</div></body></html>"""


@pytest.mark.parametrize("headline", ["Keeper emails from 21days.org",
                                      "Why I moved my newsletter off Mailer.io"])
def test_a_title_part_of_several_words_with_a_dot_is_no_site_name(headline):
    page = DOTTED_TITLE_PAGE.format(headline=headline)
    document = cleaners.clean(page.encode(), "http://47lanterns.example/2012/08/keeper-emails/")
    assert document.title == headline
    # the headline, not the site, so the byline under it is read
    assert document.authors == ("Ben Walters",)
    assert document.publisher != headline


# A personal blog (a hand-made theme): the blog's name in the h1, the post's title in an h2, the
# author signing with an account's handle in the line under it, comments signed the same way.
HANDLE_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Just Keep Going | Tomas's Blog</title></head>
<body><div class="wrap"><div class="top"><h1><a href="/">Tomas's Blog</a></h1>
<ul class="nav"><li><a href="/about/">About</a></li><li><a href="/books/">Books</a></li></ul></div>
<div class="main"><div class="post"><h2>Just Keep Going</h2><div class="meta">{byline}</div>
<div class="txt"><p>Seven years ago this month I sat in a borrowed office with two laptops and a
list of forty companies that I was sure would want what we had built, and none of them did.</p>
<p>This is what I would tell the person in that office if I could.</p></div></div>
<h2>38 comments</h2><div class="c"><p>Thanks for sharing your story, I needed it today.</p>
<span>by</span> <a href="/u/andrew">Andrew</a> <span>on May 23, 2011 at 12:12 am.</span></div>
</div></div></body></html>"""


@pytest.mark.parametrize("byline, author", [
    ("by tomasz_k on May 23, 2011", "tomasz_k"),
    ("Posted by tomaszk - Monday, May 23, 2011 12:40 PM", "tomaszk"),
    ("by Tomas Kral on May 23, 2011", "Tomas Kral"),
])
def test_a_blog_s_byline_signed_with_an_account_s_handle_and_a_day_names_it(byline, author):
    document = cleaners.clean(HANDLE_PAGE.format(byline=byline).encode(),
                              "http://tomasblog.example/2011/05/just-keep-going/")
    assert document.authors == (author,)
    assert dict(document.metadata_sources)["authors"] == "byline under the headline"


@pytest.mark.parametrize("byline", ["by tomasz_k", "by far the longest post on this blog"])
def test_a_word_in_lower_case_after_by_without_a_day_signs_no_post(byline):
    document = cleaners.clean(HANDLE_PAGE.format(byline=byline).encode(),
                              "http://tomasblog.example/2011/05/just-keep-going/")
    assert document.authors == ()


# A Blogger blog of 2012: the blog's name hung before the post's title by a colon in the <title>,
# no h1, the day in an h2 "date-header", the post's title an h3 "post-title", the sidebar's
# widgets' names in h2s.
BLOGGER_PAGE = """<!DOCTYPE html><html><head><meta content='text/html; charset=UTF-8'
http-equiv='Content-Type'/><title>{title}</title></head>
<body><div class="outer-wrapper"><div class="header"><div class="Header"><a href="/">
<img alt="The Running Lab" src="/header.png"/></a></div></div>
<div class="sidebar"><h2 class="title">Join us on Facebook</h2><h2 class="title">Follow us</h2>
<h2>Labels</h2><ul><li><a href="/search/label/marathon">marathon</a></li></ul></div>
<div class="main"><h2 class="date-header"><span>Sunday, October 07, 2012</span></h2>
<div class="post hentry"><a name="3141"></a>
<h3 class="post-title entry-title"><a href="/2012/10/chicago.html">{post}</a></h3>
<div class="post-body entry-content"><p>The men's race in Chicago went out fast this morning, with
the leading group of eight through halfway in a time that would have been a course record.</p>
<p>We will be updating this post with the splits and our thoughts as the race goes on.</p></div>
<div class="post-footer">Posted by Ross Tanner on 10/07/2012</div></div></div>
</div></body></html>"""


@pytest.mark.parametrize("title", ["The Running Lab: {post}", "{post} | The Running Lab"])
@pytest.mark.parametrize("post", ["Chicago 2012: Live splits and thoughts",
                                  "Live splits and thoughts from Chicago"])
def test_a_blog_post_s_h3_that_a_title_hangs_on_the_blog_s_name_is_the_headline(title, post):
    page = BLOGGER_PAGE.format(title=title.format(post=post), post=post)
    document = cleaners.clean(page.encode(), "http://www.runninglab.example/2012/10/chicago.html")
    assert document.title == post
    assert dict(document.metadata_sources)["title"].startswith("title, h3")
    # a heading of a list that the title does not name is none of its
    page = BLOGGER_PAGE.format(title="The Running Lab: Notes from the race", post=post)
    document = cleaners.clean(page.encode(), "http://www.runninglab.example/2012/10/chicago.html")
    assert "h3" not in dict(document.metadata_sources)["title"]


# A company blog (a hosted platform's theme of 2012): the site's name in the h1, the post's
# title in a div, no byline over the post, "Posted by ... on ..." in the post's footer, then
# a comment form and comments, a sidebar of popular posts.
FOOTER_BYLINE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>How to get press for your startup</title>
<meta property="og:title" content="How to get press for your startup"></head>
<body><div class="hd"><h1><a href="/">StartupNotes</a></h1></div>
<div class="body-wrap"><div class="post"><div class="post-title"><a href="/p/91423">How to get
press for your startup</a></div><div class="post-body"><p>Most founders think that getting written
about is a matter of luck, or of knowing the right reporter, and that it cannot be planned.</p>
<p>It can, and the way to plan it is to think like the person who has to file a story by five
o'clock and has nothing yet.</p></div>
<div class="post-footer"><div class="share"><a href="#">Tweet</a> <a href="#">Like</a></div>
<p class="meta">{footer}</p></div></div>
<div class="comments"><h3>Comments</h3><div class="comment"><p>Great advice, thanks!</p>
<p class="cmeta">Posted by Sam Ortiz on Wed, Oct 31, 2012 9:02 AM</p></div></div></div>
<div class="side"><h3>Popular Posts</h3><ul><li><a href="/p/1">Why PHP is fun and easy</a></li>
</ul></div></body></html>"""


@pytest.mark.parametrize("footer, author", [
    ("Posted by Darren Shah on Tue, Oct 30, 2012", "Darren Shah"),
    ("Posted by Darren Shah at 10:25 AM", "Darren Shah"),
    ("Posted by Darren Shah at <a href='/p/91423#more'>10:25 AM</a>", "Darren Shah"),
    ("Posted by Darren Shah at October 30, 2012 05:10 PM", "Darren Shah"),
    ("Posted by: <a href='/author/darren'>Darren Shah</a> | October 30, 2012", "Darren Shah"),
])
def test_the_posted_by_line_after_the_post_signs_a_page_nothing_else_signs(footer, author):
    document = cleaners.clean(FOOTER_BYLINE_PAGE.format(footer=footer).encode(),
                              "http://startupnotes.example/p/91423")
    assert document.authors == (author,)
    assert dict(document.metadata_sources)["authors"] == 'a "Posted by" line'


@pytest.mark.parametrize("footer, authors", [
    # a theme's footer that prints no day: a person's name signs the post
    ('Posted by Darren Shah in <a href="/category/marketing/" rel="category tag">Marketing</a>',
     ("Darren Shah",)),
    ('<strong>Posted by: Darren Shah in <a href="/c/pr" rel="category tag">PR</a></strong>',
     ("Darren Shah",)),
    ('<strong>Posted by Darren Shah</strong> | <a href="/p/91423">Permalink</a> | '
     '<a href="/p/91423#comments">2 Comments</a>', ("Darren Shah",)),
    # an account's handle, a desk, or a name and a team's written as a person's, without a
    # day, sign nothing
    ("Posted by darren in Marketing", ()),
    ("Posted by Marketing Team in Marketing", ()),
    ("Posted by Darren Shah, Search Quality", ()),
])
def test_a_posted_by_line_without_a_day_signs_a_page_only_with_a_person_s_name(footer, authors):
    page = FOOTER_BYLINE_PAGE.format(footer=footer)
    page = page.replace("Posted by Sam Ortiz on Wed, Oct 31, 2012 9:02 AM", "Sam Ortiz said")
    document = cleaners.clean(page.encode(), "http://startupnotes.example/p/91423")
    assert document.authors == authors


def test_a_comment_s_posted_by_line_signs_no_post():
    page = FOOTER_BYLINE_PAGE.format(footer="Filed in Marketing")
    document = cleaners.clean(page.encode(), "http://startupnotes.example/p/91423")
    assert "Sam Ortiz" not in document.authors


# A local paper of 2008 in div soup: the headline in a div, the byline box holding a
# "Published:" label and its day, or the reporter's name in a plain link and an author menu
# whose rel="author" link is labelled, then the story and the footer's links.
FURNITURE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>City council votes to close two libraries | The Daily Ledger</title></head>
<body><div class="nav"><a href="/">Home</a> <a href="/news/">News</a>
<a href="/opinion/">Opinion</a></div>
<div id="c1"><div class="x9f"><div class="headline">City council votes to close two
libraries</div><div class="k2">{byline}</div></div>
<div class="x3a"><p>The city council voted six to three on Tuesday night to close two branch
libraries by the end of the year, saying the money would go to the central library instead.</p>
<p>Residents who had packed the chamber booed the vote, and several said they would ask for a
referendum on the decision before the branches close in December.</p>
<p>The council's budget chair said the branches had lost half of their visitors in ten years.</p>
</div></div><div class="ft"><a href="/about/">About us</a> <a href="/contact/">Contact us</a>
</div></body></html>"""
PROFILE_MENU = """<strong><a class="ic-user mf" href="/people/mlane/">Mara Lane</a></strong>
<div class="dd" id="author-menu"><ul><li><a href="/people/mlane/" rel="author" class="profile">
<span>{label}</span></a></li><li><a href="/people/mlane/rss">RSS</a></li></ul></div>"""


@pytest.mark.parametrize("byline", [
    '<div class="byline"><div style="float:left"></div><div style="float:right">Published: '
    "January 09, 2008</div></div>",
    '<div class="byline"><div style="float:right">Published: Monday, 9 January 2008</div></div>',
    '<div class="byline"><div style="float:right">Veröffentlicht: 9. Januar 2008</div></div>',
    *(PROFILE_MENU.format(label=label) for label in (
        "View Profile", "Read more", "More articles", "Follow", "Contact", "Bio",
        "Voir le profil", "Alle Artikel")),
])
def test_a_byline_s_labels_and_links_name_no_one(byline):
    document = cleaners.clean(FURNITURE_PAGE.format(byline=byline).encode(),
                              "http://www.ledger.example/news/2008/01/09/libraries.html")
    assert (document.authors, document.credits) == ((), ())


def test_a_name_of_a_month_s_or_a_label_s_words_with_another_is_still_a_name():
    for name in ("Thomas More", "Theresa May", "Le Mai", "Sun Li"):
        document = cleaners.clean(FURNITURE_PAGE.format(
            byline=f'<span class="byline">By {name}</span>').encode(),
            "http://www.ledger.example/news/2008/01/09/libraries.html")
        assert document.authors == (name,)



# A personal blog on an old WordPress theme: its <title> is ``wp_title('»')`` then the blog's
# name (``» Post Blog``), the post's title in the h1 or, under the blog's name, in an h2; a
# sidebar of widgets.
WP_TITLE_PAGE = """<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8">
<title>&raquo; {post} {blog}</title>
<link rel="stylesheet" href="/wp-content/themes/k2/style.css"></head>
<body class="single"><div id="pg"><div id="hdr"><div class="bn"><a href="/">kettlecorn</a></div>
<div class="nv"><a href="/">Home</a> <a href="/about/">About</a></div></div>
<div id="ct"><div class="post-112 post hentry"><{tag} class="t1">{post}</{tag}>
<div class="entry"><p>We bought the little copper pan at a yard sale for a dollar, and it turns
out that it makes the best popcorn any of us have ever had, better than the machine at work.</p>
<p>The trick is the lid, which is heavy enough to keep the steam in.</p></div></div></div>
<div id="sb"><h2 class="widgettitle">Categories</h2><ul><li><a href="/c/food/">Food</a></li>
</ul><h2 class="widgettitle">Recent Posts</h2><ul><li><a href="/p/1">Snow day</a></li></ul>
</div></div></body></html>"""


@pytest.mark.parametrize("post", ["copper pan popcorn",
                                  "The copper pan that makes the best popcorn we have had"])
@pytest.mark.parametrize("blog", ["kettlecorn", ":kettlecorn"])
@pytest.mark.parametrize("tag", ["h1", "div"])
def test_a_title_that_starts_with_a_separator_hangs_the_blog_s_name_after_the_post(post, blog,
                                                                                    tag):
    page = WP_TITLE_PAGE.format(post=post, blog=blog, tag=tag)
    document = cleaners.clean(page.encode(), "http://kettlecorn.example/2012/10/copper-pan/")
    assert document.title == post


# A photographer's blog on a theme of 2012: the <title> and the h1 are the blog's name, the
# post's title an h2 linking to the post, its day in a badge over it or under it, the readers'
# comments under a heading that quotes the post's title; a sidebar of widgets.
POST_HEADING_PAGE = """<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8">
<title>Ilse Marten Photography</title>{og}
<link rel="stylesheet" href="/wp-content/themes/lens/style.css"></head>
<body class="single"><div class="w1"><div class="hd"><h1 class="logo"><a href="/">Ilse Marten
Photography</a></h1><div class="mn"><a href="/">Blog</a> <a href="/books/">Books</a>
<a href="/workshops/">Workshops</a></div></div>
<div class="c2"><div class="post-1881 post hentry"><h3 class="d">Oct 30</h3>
<h2 class="ttl"><a href="/2012/10/30/wheels-up/" rel="bookmark">{post}</a></h2>{under}
<div class="entry"><p>Packed the cases last night for the long flight out, three bodies, four
lenses and more batteries than any one person should be allowed to carry through security.</p>
<p>More from the road when there is a road to speak of.</p></div></div>{comments}</div>
<div class="sb"><h2 class="widget">Archives</h2><ul><li><a href="/2012/10/">October 2012</a></li>
</ul><h2 class="widget">Workshops</h2><ul><li><a href="/w/1">Light on location</a></li></ul>
</div></div></body></html>"""
POST_COMMENTS = """<div id="comments"><h3>3 Responses to &#8220;{post}&#8221;</h3><ol>
<li><cite>Paul Howard</cite> says: <small>October 30, 2012 at 11:02 am</small><p>Safe
travels!</p></li></ol></div>"""


@pytest.mark.parametrize("post, shape", [
    ("Wheels Up….", "quoted"), ("Packing for the long flight out", "quoted"),
    ("Wheels Up….", "og:title cut"), ("Packing for the long flight out", "og:title cut"),
    ("Packing for the long flight out", "dated")])  # a dated heading of 3 words or more
def test_a_blog_s_post_heading_under_its_name_is_the_headline(post, shape):
    """The post's heading, found by the readers' comments' heading that quotes it or by the
    day under it, over a <title> and an h1 that name only the blog, or an og:title the site
    cut short."""
    cut = " ".join(post.split()[:(len(post.split()) + 1) // 2])  # half its words
    og = f'<meta property="og:title" content="{cut}">' if "og" in shape else ""
    under = '<div class="meta">in Stories at 10:25am</div>' if shape != "dated" else \
        '<div class="meta">October 30th, 2012 by Ilse</div>'
    comments = POST_COMMENTS.format(post=post) if shape != "dated" else ""
    page = POST_HEADING_PAGE.format(og=og, post=post, under=under, comments=comments)
    document = cleaners.clean(page.encode(), "http://ilsemarten.example/2012/10/30/wheels-up/")
    assert document.title == post
    assert dict(document.metadata_sources)["title"].startswith("post heading")
    # a heading the title sources do not name, on a page that states its headline, is none
    page = page.replace("<title>Ilse Marten Photography", "<title>A week in Lisbon")
    page = page.replace("</title>", '</title><meta property="og:title" content="A week in Lisbon">')
    assert cleaners.clean(page.encode(), "http://ilsemarten.example/2012/10/").title != post


@pytest.mark.parametrize("post", ["Why the river library closed early on Tuesday",
                                  "River library shut"])
def test_a_blog_s_name_over_its_archive_and_post_is_not_the_headline(post):
    """WordPress's default theme writes ``Blog » Blog Archive » Post``: the post's title is
    the title's last part, shown as an h2 under the blog's name, however short."""
    page = BLOG_POST_PAGE.replace("field notes &raquo; Why", "field notes &raquo; Blog Archive "
                                  "&raquo; Why").replace("Why the river library closed early\n"
                                                         "on Tuesday", post)
    page = page.replace("Why the river library\nclosed early on Tuesday", post)
    found = _metadata(page, "http://fieldnotes.example/2012/09/18/river-library/")
    assert found["title"] == post
    assert dict(found["metadata_sources"])["title"].startswith("h2 (the title hangs it")


# The reporter's name alone (no "By") in the byline's element under the headline, as old and new
# news sites print it: a name link with its author menu, a span.byline under a source's span.byline
# over the headline, an h5 in an author box above the day with the site as the author meta.
CLASSED_BYLINES = {
    "menu": '<div class="nodebyline mf"><img class="avatar" src="/a.jpg"/><strong><a class="pi '
            'mf">Mara Lane</a></strong>' + PROFILE_MENU.format(label="View Profile")
            .replace("<strong><a class=\"ic-user mf\" href=\"/people/mlane/\">Mara Lane</a>"
                     "</strong>", "") + "</div>",
    "span": '<div class="article-author"><span class="small"></span><span class="byline"> Mara '
            'Lane </span></div>',
    "box": '<div class="cntNewsAuthorHolder"><div class="l"><img src="/a.jpg"/></div><div '
           'class="r"><h5>Mara Lane</h5><span class="d">9 Jan 2008 12:25 GMT</span></div></div>',
    # the section's link in the same block is no name
    "meta": '<div class="entry-meta author-section"><ul class="fl"><li><a class="author-block" '
            'href="/author/mara-lane/">Mara Lane</a></li><li class="vc"><a href="/c/city/">City '
            'Hall</a></li></ul></div>',
    # the paper's reporters and a desk's acronym after the name are no one's names
    "desk": '<div class="byline"><span class="author-name">Mara Lane</span>, <span class="author-'
            'name">Ledger Reporters</span></div>',
    "acronym": '<div class="byline"><span class="author-name">Mara Lane</span> <span class="author'
               '-name">IT Pro</span></div>',
}
#: Several reporters, each with a place or a role, or with the publication after them.
SEVERAL_BYLINES = [
    '<ul class="k1"><li class="byline__author"><span class="byline__author-name"><a href="/a/'
    'ml/">Mara Lane</a>, </span><span class="byline__author-location">New York</span></li><li '
    'class="byline__author"><span class="byline__author-name"><a href="/a/tr/">Tom Reed</a>, '
    '</span><span class="byline__author-role">Chief Reporter</span></li></ul>',
    '<div class="byline-section"><div class="attribution"><span class="author"> Mara Lane and '
    'Tom Reed </span><span class="publication"> Springfield Evening Ledger </span></div><div '
    'class="publish-date"> Published 10:02 AM EST Jan 9, 2008 </div></div>',
]


def _classed(byline: str, outer: str = "x9f") -> bytes:
    page = FURNITURE_PAGE.format(byline=byline).replace('<div class="x9f">', (
        '<div class="src"><span class="small">From</span> <span class="byline">The Daily Ledger'
        f'</span></div><div class="{outer}">'))
    return page.replace("</title>", '</title><meta name="Author" content="Ledger.example">'
                        ).encode()


@pytest.mark.parametrize("shape", sorted(CLASSED_BYLINES))
def test_a_name_alone_in_the_byline_s_element_under_the_headline_signs_the_page(shape):
    document = cleaners.clean(_classed(CLASSED_BYLINES[shape]),
                              "http://www.ledger.example/news/2008/01/09/libraries.html")
    assert document.authors == ("Mara Lane",)
    assert dict(document.metadata_sources)["authors"] == "byline under the headline"


@pytest.mark.parametrize("byline", SEVERAL_BYLINES)
def test_every_name_in_the_byline_s_element_signs_it_not_their_place_or_paper(byline):
    document = cleaners.clean(_classed(byline),
                              "http://www.ledger.example/news/2008/01/09/libraries.html")
    assert document.authors == ("Mara Lane", "Tom Reed")


@pytest.mark.parametrize("byline, outer", [
    ('<span class="byline">Ledger Staff</span>', "x9f"),  # an organisation
    ('<span class="byline">Staff Writer</span>', "x9f"),  # a job's title
    ('<span class="byline">View Profile</span>', "x9f"),  # a label
    ('<span class="k7">Main Street</span>', "x9f"),  # a name in no byline's element
    # the class of an element that holds the whole story names its author, not this text
    ('<span class="k7">Main Street</span></div><div class="x3a"><p>' + "The council's vote "
     "came after four hours of debate, and the chair thanked the residents who came. " * 8
     + "</p>", "x9f author-mlane"),
])
def test_what_is_no_person_s_name_in_a_byline_s_element_signs_no_page(byline, outer):
    document = cleaners.clean(_classed(byline, outer),
                              "http://www.ledger.example/news/2008/01/09/libraries.html")
    assert document.authors == ()


@pytest.mark.parametrize("byline, authors, credits", [
    ('<div class="byline"><a href="/people/ap-85/">Mara Lane, Associated Press</a></div>',
     ("Mara Lane",), ("Associated Press",)),
    ('<span class="author-name">Mara Lane and Tom Reed, AFP</span>', ("Mara Lane", "Tom Reed"),
     ("AFP",)),
])
def test_names_then_an_agency_after_a_comma_in_the_byline_s_element_sign_the_page(
        byline, authors, credits):
    # in a box the print view keeps, which trafilatura's author search prunes (its class says
    # print, as a print button's does)
    byline = ('<div class="story-info printable"><div class="tags"><a href="/t/city/">city</a>'
              f"</div>{byline}</div>")
    document = cleaners.clean(FURNITURE_PAGE.format(byline=byline).encode(),
                              "http://www.ledger.example/news/2008/01/09/libraries.html")
    assert (document.authors, document.credits) == (authors, credits)


# A WordPress blog of 2012: the post's title in an h2, its meta line naming no author, the
# post's author (or none) in its footer, then the readers' comments as the themes print them:
# each with a "comment-author" box ("Mark says:") or a class naming its author's account.
COMMENTED_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Fat Cook &raquo; Interview with a baker, part two</title></head>
<body class="single single-post"><div id="wrap"><div id="hd"><a href="/">Fat Cook</a></div>
<div id="content"><div class="post" id="post-4875"><h2 class="posttitle"><a href="/2012/11/03/
interview/">Interview with a baker, part two</a></h2><small>Filed in <a href="/cat/bread/">Bread
</a></small><div class="entry"><p>Here is part two of my interview with the baker who taught half
the town to make sourdough, and who still gets up at four every morning to light the oven.</p>
<p>We talked about flour, about prices, and about why nobody wants to be a baker anymore.</p>
</div>{footer}</div>
<div id="comments">9 Responses</div><ol class="commentlist" id="commentlist">{comment}</ol>
</div></div></body></html>"""
COMMENTS = [
    '<li class="comment even thread-even depth-1" id="comment-855027"><div id="div-comment-855027"'
    ' class="comment-body"><div class="comment-author vcard"><img class="avatar" src="/g.png"/>'
    '<cite class="fn">Mark</cite> <span class="says">says:</span></div><div class="comment-meta">'
    '<a href="#comment-855027">November 3, 2012 at 11:27 am</a></div><p>Great interview, I '
    "learned a lot about flour.</p></div></li>",
    '<li class="comment byuser comment-author-etpetm even thread-even depth-1" id="li-comment-'
    '15910"><div id="comment-15910" class="comment has-photo"><div class="comment-header"><h4>'
    '<a href="http://etpetm.example" class="url">etpetm</a></h4></div><div class="comment-body">'
    '<span class="date">Jul 30 2012</span><p>Reblogged this on <a href="http://etpetm.example/606/'
    '">sandra\'s blog</a>.</p></div></div></li>',
]


@pytest.mark.parametrize("comment", COMMENTS)
def test_a_reader_s_comment_s_author_did_not_write_the_story(comment):
    url = "http://www.fatcook.example/2012/11/03/interview/"
    document = cleaners.clean(COMMENTED_PAGE.format(footer="", comment=comment).encode(), url)
    assert (document.authors, document.credits) == ((), ())
    # the post's own author box is still searched past the comments
    footer = '<div class="postmeta">Written by <span class="author vcard">Tom Baker</span></div>'
    document = cleaners.clean(COMMENTED_PAGE.format(footer=footer, comment=comment).encode(), url)
    assert document.authors == ("Tom Baker",)


@pytest.mark.parametrize("byline", [
    'Posted by tomasz_k in <a href="/category/startups/">Startups</a>.',
    '<span class="time">May 23, 2011</span> by <a href="/author/tomasz_k/" title="Posts by '
    'tomasz_k">tomasz_k</a> &nbsp; <span class="c"><a href="#respond">38 Comments</a></span>',
    "Posted on May 23, 2011 by tomasz_k",
])
def test_a_handle_after_a_blog_s_posted_label_or_the_post_s_day_names_it(byline):
    document = cleaners.clean(HANDLE_PAGE.format(byline=byline).encode(),
                              "http://tomasblog.example/2011/05/just-keep-going/")
    assert document.authors == ("tomasz_k",)
    assert dict(document.metadata_sources)["authors"] == "byline under the headline"


def test_a_handle_after_a_day_in_a_reader_s_comment_over_the_post_signs_no_page():
    standfirst = "<p>" + "What I would tell the person in that borrowed office, in one list. " * 2
    page = HANDLE_PAGE.format(byline="").replace('<div class="txt">', (
        f'{standfirst}</p>{standfirst}</p><div class="user-comments"><div class="comment-meta">'
        'May 23, 2011 | by <a href="/user/ur93/">jdoe_42</a></div></div><div class="txt">'))
    document = cleaners.clean(page.encode(), "http://tomasblog.example/2011/05/just-keep-going/")
    assert document.authors == ()


# A local station's story page of 2008: table soup, no headline in the markup, a <title> that
# hangs the story after the station's name and slogan (or before a section and the site), the
# story's headline printed in a bold cell over the text, a toolbar, a list of top stories.
PRINTED_PART_PAGE = """<html><head><title>{title}</title>
<meta name="keywords" content="news, weather, sports"></head><body><table width="100%"><tr>
<td><img src="/images/logo.gif" alt=""></td></tr></table><table><tr><td>{section}</td></tr>
<tr><td><a href="#">Print</a> | <a href="#">Email</a> | <a href="#">Text Size</a></td></tr>
<tr><td><font style="font-size:14px"><b>{headline}</b></font></td></tr><tr><td><p>The county
fair board voted on Thursday night to move the fair to the new grounds by the river, ending a
debate that has run for most of a decade and split the board down the middle more than once.</p>
<p>The move will take two years, the board's chair said.</p></td></tr></table>
<table><tr><td><b>Local Top Stories</b></td></tr><tr><td><a href="/s/1">Bridge work to close Main
Street for a week</a></td></tr><tr><td><a href="/s/2">School board names new superintendent</a>
</td></tr></table></body></html>"""


@pytest.mark.parametrize("title, section", [
    ("KXTV Channel 9 / Valley News - Valley, Weather, Traffic and Sports | {h}", ""),
    ("KXTV Valley News Online - {h}", ""),
    ("KXTV.com : News / Local : County : {h}", ""),
    ("{h} - County News | KXTV.com - All the Valley", "<h2>County News</h2>"),
])
def test_the_title_s_end_part_the_page_prints_alone_is_the_headline(title, section):
    headline = "Fair board votes to move the county fair"
    page = PRINTED_PART_PAGE.format(title=title.format(h=headline), headline=headline,
                                    section=section)
    document = cleaners.clean(page.encode(), "http://www.kxtv.example/Global/story.asp?S=7612239")
    assert document.title == headline
    # a slogan printed under the logo, the story's headline nowhere on its own: not the slogan
    page = PRINTED_PART_PAGE.format(title=f"{headline} | All the Valley, all the time",
                                    headline="All the Valley, all the time", section="")
    document = cleaners.clean(page.encode(), "http://www.kxtv.example/Global/story.asp?S=7612239")
    assert document.title != "All the Valley, all the time"


@pytest.mark.parametrize("headline", [
    '<span class="headingstory">Baths to close after council vote</span>',
    '<div id="story_heading">Baths to close after council vote</div>',
    '<b class="titular">Baths to close after council vote</b>',  # Spanish, a headline
    '<div class="artikel-titel">Baths to close after council vote</div>',
])
def test_a_class_that_names_a_heading_or_a_title_in_any_way_marks_the_headline(headline):
    """Old pages name the headline's element in their own way (``headingstory``, a Spanish
    ``titular``, a German ``titel``): over the first paragraph, under a <title> that names
    only the site, it is the headline."""
    found = _metadata(MASTHEAD_PAGE.format(title="The Valley Courier", headline=headline),
                      "http://www.valleycourier.example/news/1433.html")
    assert found["title"] == "Baths to close after council vote"
    assert dict(found["metadata_sources"])["title"].startswith("heading over the first paragraph")


# A music blog's post of 2012 (a theme in div soup): the blog's logo, no h1, the post's title in
# an h2 (a link to the post) that the <title> hangs the blog's name on, then a line of the post's
# day, written short with its year cut ('12), its author's link, its time, and the share buttons.
SHORT_DAY_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Kool Kat - "Bay Song" Video - Noisegrid</title>
<meta property="og:title" content="Kool Kat - &quot;Bay Song&quot; Video"></head>
<body><div id="hd"><a href="/"><img src="/logo.png" alt="Noisegrid"></a></div>
<div class="k7"><div class="post-1193682 post hentry" id="post-1193682">
<div><h2 class="pt"><a href="/1193682/kool-kat-bay-song-video/">Kool Kat &#8211; &#8220;Bay
Song&#8221; Video</a></h2></div>
<div class="pm wide"><span class="pd">{line}</span>
<span class="pc"><a href="#comments">Comment</a></span> <a href="#">Tweet</a></div>
<div class="entry"><p>Earlier this year, the rapper Kool Kat released his Bay-centric solo
mixtape, a loose and funny record full of local slang and half-finished jokes about the city.</p>
<p>Now he has a video for its best song, shot in one afternoon on the streets of Oakland.</p>
</div></div></div><div class="sb"><h3>Recent Posts</h3><ul><li><a href="/1">Tour dates</a></li>
</ul></div></body></html>"""


@pytest.mark.parametrize("line", [
    "Nov 6th '12 by <a href=\"/people/tomb/\">Tom Breihan</a> @ 11:18am",
    "Posted on Nov 6 by <a href=\"/people/tomb/\">Tom Breihan</a>",
])
def test_a_byline_after_a_day_written_short_signs_the_page(line):
    document = cleaners.clean(SHORT_DAY_PAGE.format(line=line).encode(),
                              "http://noisegrid.example/1193682/kool-kat-bay-song-video/")
    assert document.authors == ("Tom Breihan",)
    assert dict(document.metadata_sources)["authors"] == "byline under the headline"


@pytest.mark.parametrize("title", [
    "DailyCourier.com &gt; Sport -- Pace star Saj's Bollywood adventure",
    "Courier TV - Bolton: Pace star Saj's Bollywood adventure",
])
def test_the_title_s_longest_piece_the_page_prints_over_its_dateline_is_the_headline(title):
    """A breadcrumb (``>``), a double hyphen or a place's colon parts a title as its separators
    do: the piece the page prints over its dateline and byline is the headline."""
    page = TITLED_PAGE.format(byline="Associated Press - January 8, 2008 7:04 PM ET")
    page = re.sub(r"<title>.*?</title>", f"<title>{title}</title>", page, flags=re.S)
    page = page.replace('<span class="headline">', '<span class="hl">')
    document = cleaners.clean(page.encode(), "http://www.dailycourier.example/s.asp?S=7596248")
    assert document.title == "Pace star Saj's Bollywood adventure"
    assert dict(document.metadata_sources)["title"] == "title (the part the page shows)"


# A TV station's story page of 2008 (a hosted newsroom's template, tables): the <title> hangs the
# headline after the station's name and slogan, a WebTrends tag reports the page's title, the
# headline is printed in a bold cell with the agency's credit and the day under it.
STATION_PAGE = """<HTML><HEAD><TITLE>{title}</TITLE>
<meta name="DCS.dcssip" content="www.wxyz-tv.example"><meta name="WT.ti" content="{tag}">
<meta name="WT.cg_n" content="News"></HEAD><BODY><TABLE><TR><TD class="nav"><A HREF="/">Home</A>
| <A HREF="/news">News</A> | <A HREF="/weather">Weather</A></TD></TR><TR><TD>
<TABLE><TR><TD><FONT SIZE="4"><B>{headline}</B></FONT></TD></TR></TABLE>
<DIV class="c1">Associated Press</DIV><P>BEIJING (AP) - Chinese food safety officials promised
Monday that visitors to the Summer Games will eat safe food, after a year of recalls of toys,
toothpaste and pet food made in China.</P><P>The officials said they would test every batch.</P>
</TD></TR></TABLE><DIV class="ft">All content (c) 2008 WXYZ-TV</DIV></BODY></HTML>"""
STATION_HEADLINE = "China promises safe food for visitors to Summer Games"


@pytest.mark.parametrize("title", [
    f"Big Sky News Station - Fair. Accurate. To the Point. -{STATION_HEADLINE}",
    f"WXYZ News 13 / FOX Valley - Valley News, Weather, Traffic and Sports | {STATION_HEADLINE}",
])
def test_the_page_title_an_analytics_tag_reports_cuts_a_long_site_part_off_the_title(title):
    page = STATION_PAGE.format(title=title, tag=STATION_HEADLINE, headline=STATION_HEADLINE)
    document = cleaners.clean(page.encode(), "http://www.wxyz-tv.example/Global/story.asp?S=7621")
    assert document.title == STATION_HEADLINE
    assert dict(document.metadata_sources)["title"] == "title, wt.ti"
    # a tag that reports a section's name, or another text, cuts nothing
    page = STATION_PAGE.format(title=title, tag="News", headline=STATION_HEADLINE)
    document = cleaners.clean(page.encode(), "http://www.wxyz-tv.example/Global/story.asp?S=7621")
    assert document.title != STATION_HEADLINE


def test_a_headline_ending_with_a_period_is_no_cut_of_the_title_that_hangs_a_part_on_it():
    """``Headline 9 P.m. - NBA News Story - Station``: the title hangs a part on the headline
    that the tag and the ``h1`` give; the headline is not a cut of the title's text."""
    headline = "Minnesota Timberwolves (5-32) At Phoenix Suns (27-12), 9 P.m."
    page = STATION_PAGE.format(title=f"{headline} - NBA News Story - WXYZ Portland",
                               tag=headline, headline=headline)
    page = page.replace(f'<FONT SIZE="4"><B>{headline}</B></FONT>', f"<H1>{headline}</H1>")
    document = cleaners.clean(page.encode(), "http://www.wxyz-tv.example/nba/15083712/detail.html")
    assert document.title == headline


# A news portal's story of 2008 in tables: its h1s head the sidebar's boxes, the story's headline
# is a span in a cell with the byline and the day under it; the <title> is the headline alone.
BOXED_H1_PAGE = """<html><head><title>Netgear Brings "All-Access Home" Concept At CES 2008</title>
</head><body><table id="mc"><tr><td class="left"><table class="tbne"><tr><td class="top"><span
id="nitx">Netgear Brings "All-Access Home" Concept At CES 2008</span></td></tr><tr><td class="d">
<table><tr><td class="left">By <!-- Author Start --> Max Brenn <!-- Author End --> <br>01:33,
January 7th 2008</td><td class="right">12 votes<br><a href="/vote">Recommend</a></td></tr></table>
</td></tr><tr><td class="txt"><p>As we are living already in a digital world, a system that allows
wireless storage and distribution of photos, music and video around the home was the star of
Netgear's stand at the Consumer Electronics Show in Las Vegas this week.</p><p>The company says
the system will ship in the spring.</p></td></tr></table></td>
<td class="right"><div class="box"><h1>Other News in Technology</h1><ul><li><a href="/n/1">Sony
shows a thinner TV</a></li><li><a href="/n/2">Intel cuts prices</a></li></ul></div>
<div class="box"><h1>Interested In This Topic?</h1><p><a href="/nl">Get our newsletter</a></p>
</div></td></tr></table></body></html>"""


def test_an_h1_no_title_source_names_heads_a_box_where_the_title_is_printed_over_its_byline():
    document = cleaners.clean(BOXED_H1_PAGE.encode(), "http://www.techwire.example/news_12490.html")
    assert document.title == 'Netgear Brings "All-Access Home" Concept At CES 2008'
    assert document.authors == ("Max Brenn",)
    # printed with nothing under it, the title is no headline the page shows: the h1 still votes
    page = BOXED_H1_PAGE.replace("By <!-- Author Start --> Max Brenn <!-- Author End --> <br>"
                                 "01:33,\nJanuary 7th 2008", "")
    document = cleaners.clean(page.encode(), "http://www.techwire.example/news_12490.html")
    assert document.title == "Other News in Technology"


# A soccer news site of 2008: its <title> is the site's description (a list of what it covers),
# the same on every page, the story's headline an h2 over the day and the first paragraph.
DESCRIBED_PAGE = """<html><head><title>{title}</title></head><body><div id="top"><a href="/">
<img src="/logo.gif" alt="logo"></a></div><div class="nav"><a href="/news/">News</a> <a
href="/fixtures/">Fixtures</a></div><div class="article"><h2>Grant admires never-say-die
Chelsea</h2><span>First Published: Jan 09, 2008</span><p>Chelsea manager Avram Grant praised his
side's refusal to give up after they came from behind to beat Everton 2-1 in the first leg of
their Carling Cup semi-final at Stamford Bridge on Tuesday night.</p><p>The second leg is in two
weeks.</p></div><div class="side"><h3>Latest news</h3><ul><li><a href="/n/2">Benitez backs
Torres</a></li></ul></div></body></html>"""


def test_a_long_title_that_lists_and_shares_no_word_with_the_heading_is_the_site_s():
    title = ("World Soccer News. All the top world soccer news daily. News from international "
             "soccer. Euro 2008, champion's league, premiership football, bundesliga, serie a.")
    document = cleaners.clean(DESCRIBED_PAGE.format(title=title).encode(),
                              "http://www.soccerdaily.example/news/2008/01/20080109_46221.html")
    assert document.title == "Grant admires never-say-die Chelsea"
    assert dict(document.metadata_sources)["title"].startswith("heading over the first paragraph")
    # a long title that lists nothing is a headline of its own, however different
    title = "Blues boss hails fighting spirit after late winner at the Bridge"
    page = DESCRIBED_PAGE.format(title=title).replace("<span>First Published: Jan 09, 2008</span>",
                                                      "")
    document = cleaners.clean(page.encode(), "http://www.soccerdaily.example/news/20080109.html")
    assert document.title == title
    # a title that shares a word with it is the story's own headline, however different
    title = "Avram Grant says Chelsea never give up after the Everton win at Stamford Bridge"
    page = DESCRIBED_PAGE.format(title=title).replace("<span>First Published: Jan 09, 2008</span>",
                                                      "")
    document = cleaners.clean(page.encode(), "http://www.soccerdaily.example/news/20080109.html")
    assert document.title == title


# A national paper's story page of 2008 (ASP.NET, tables, font tags): a generic <title>, the
# headline in a cell whose class ends with "Head", the byline and the day beside it in the next
# row, a rule, then the story.
HEAD_CELL_PAGE = """<html><head><title>The Daily Times - Article</title></head><body>
<table width="100%"><tr><td class="{masthead}"><img src="/i/logo.gif" alt="The Daily Times">
</td></tr></table><table><tr><td colspan="2" class="{cell}">Mbeki puts top cop on leave</td></tr>
<tr><td class="Byline">MPUMELELO MKHABELA</td><td class="Published" align="right"><font
class="PublishedHead">Published:</font><font class="PublishedDate">Jan 14, 2008</font></td></tr>
<tr><td colspan="2"><hr class="ArticleLine"></td></tr><tr><td colspan="2"><p>President Thabo
Mbeki last night suspended the national police commissioner, placing him on extended leave while
prosecutors decide whether to charge him with corruption, the Presidency said in a statement.</p>
<p>The commissioner's lawyers said he would fight any charge.</p></td></tr></table></body></html>"""


@pytest.mark.parametrize("cell", ["ArticleHead", "storyhead", "art-head"])
def test_a_cell_whose_class_names_the_story_s_head_over_the_story_is_its_headline(cell):
    page = HEAD_CELL_PAGE.format(masthead="top", cell=cell)
    document = cleaners.clean(page.encode(), "http://www.dailytimes.example/Article.aspx?id=678837")
    assert document.title == "Mbeki puts top cop on leave"
    assert dict(document.metadata_sources)["title"].startswith("heading over the first paragraph")


@pytest.mark.parametrize("cell", ["c2", "menuhead", "tablehead"])
def test_a_cell_whose_class_names_a_menu_s_or_a_table_s_head_is_no_headline(cell):
    page = HEAD_CELL_PAGE.format(masthead="top", cell=cell)
    document = cleaners.clean(page.encode(), "http://www.dailytimes.example/Article.aspx?id=678837")
    assert document.title != "Mbeki puts top cop on leave"


# A regional paper's story page: div soup with generated classes, the headline, the byline as
# the CMS prints it, the day, then the story; the markup names the paper.
WIRE_PAGE = """<html><head><title>Flood barriers go up along the river | Springfield Ledger</title>
<meta property="og:site_name" content="Springfield Ledger">{jsonld}</head><body>
<div class="hdr-3f"><a href="/"><img src="/logo.png" alt="Springfield Ledger"></a></div>
<div class="c-9a"><div class="x1"><h1 class="t-2b">Flood barriers go up along the river</h1>
<div class="m-7e"><span class="k4">{byline}</span><span class="k5">Jan. 9, 2008</span></div>
</div><div class="b-11"><p>Crews worked through the night on Tuesday to raise the temporary
flood barriers along the east bank, as the river rose to its highest level in a decade and the
city opened two shelters for residents of the low-lying streets near the old mill.</p>
<p>The barriers should hold for another two days, the city engineer said.</p></div></div>
</body></html>"""


def _wire(byline: str, jsonld: str = "") -> cleaners.Document:
    page = WIRE_PAGE.format(byline=byline, jsonld=jsonld and
                            f'<script type="application/ld+json">{jsonld}</script>')
    return cleaners.clean(page.encode(), "https://www.springfieldledger.example/news/floods")


@pytest.mark.parametrize("kind", ["person", "Person"])
def test_a_structured_person_in_lower_case_with_a_job_s_title_signs_as_the_person(kind):
    article = {"@context": "https://schema.org", "@type": "NewsArticle",
               "headline": "Flood barriers go up along the river",
               "datePublished": "2008-01-09T06:10:00-05:00",
               "author": [{"@type": kind, "name": "By MARA LANE, AP Sports Writer"}],
               "publisher": {"@type": "NewsMediaOrganization", "name": "Associated Press"}}
    document = _wire('<span class="author">By MARA LANE, AP Sports Writer</span>',
                     json.dumps(article))
    assert document.authors == ("MARA LANE",)
    assert document.credits == ()


@pytest.mark.parametrize("kind", ["person", "https://schema.org/person", "Organization"])
def test_a_structured_author_named_as_a_wire_agency_is_a_credit(kind):
    article = {"@context": "https://schema.org", "@type": "NewsArticle",
               "headline": "Flood barriers go up along the river",
               "author": {"@type": kind, "name": "Reuters"}}
    document = _wire('<span class="author">Reuters</span>', json.dumps(article))
    assert (document.authors, document.credits) == ((), ("Reuters",))


@pytest.mark.parametrize("byline, authors, credits", [
    ("By Mara Lane, Springfield Ledger", ("Mara Lane",), ("Springfield Ledger",)),
    ("By Mara Lane and Tom Reed, Springfield Ledger", ("Mara Lane", "Tom Reed"),
     ("Springfield Ledger",)),
    # the paper and an agency, printed as one credit
    ("By Springfield Ledger and AFP", (), ("Springfield Ledger and AFP",)),
    ("By Springfield Ledger, AFP", (), ("Springfield Ledger, AFP",)),
])
def test_a_reporter_s_name_before_the_paper_s_is_a_person(byline, authors, credits):
    document = _wire(byline)
    assert (document.authors, document.credits) == (authors, credits)


@pytest.mark.parametrize("byline, authors, credits", [
    ("By MARA LANE Associated Press Writer", ("MARA LANE",), ("Associated Press",)),
    ("By JEFFREY McMURRAY Associated Press", ("JEFFREY McMURRAY",), ("Associated Press",)),
    ("By MARA LANE and GARY B. REED Associated Press Writers", ("MARA LANE", "GARY B. REED"),
     ("Associated Press",)),
    ("By MARA LANE AP Sports Writer", ("MARA LANE",), ()),
    # an agency's or a desk's name in capitals is no person's
    ("By THE ASSOCIATED PRESS", (), ("THE ASSOCIATED PRESS",)),
    ("By LEDGER NEWS Staff", (), ("LEDGER NEWS Staff",)),
])
def test_a_wire_byline_s_name_in_capitals_before_the_agency_is_a_person(byline, authors,
                                                                         credits):
    document = _wire(byline)
    assert (document.authors, document.credits) == (authors, credits)


# A company blog's post: its writer and their job at the foot of the post, in the element
# trafilatura's author search reads (which splits the line at its comma).
FOOT_BYLINE_PAGE = """<html><head><title>Offline maps for the whole region</title></head><body>
<div class="a0"><a href="/">Product Blog</a></div><div class="p-4"><h2 class="q">Offline maps
for the whole region</h2><div class="bd"><p>Starting today you can save a map of a whole
region to your phone and find your way without a signal, whether you are hiking in the hills
or driving through the long valley roads where coverage drops for an hour or more.</p>
<p>Saved maps update themselves when you are back on a network.</p></div>
<div class="{foot}">{byline}</div></div></body></html>"""


@pytest.mark.parametrize("byline, authors", [
    ("Mara Lane, Product Manager", ("Mara Lane",)),
    ("Mara Lane, Radio Writer", ("Mara Lane",)),
    ("Mara Lane, Tom Reed", ("Mara Lane", "Tom Reed")),
])
def test_a_job_s_title_after_a_name_in_trafilatura_s_byline_is_no_person(byline, authors):
    page = FOOT_BYLINE_PAGE.format(foot="byline-author", byline=byline)
    document = cleaners.clean(page.encode(), "https://productblog.example/2012/10/offline.html")
    assert dict(document.metadata_sources)["authors"] == "trafilatura byline"
    assert document.authors == authors


# A paper's story page of 2008: the headline, a photo and its caption, a toolbar of share
# links, then the byline in an element named by its id (no class), the dateline, the story.
ID_BYLINE_PAGE = """<html><head><title>Pakistanis in the city recall Bhutto - The Globe</title>
</head><body><div id="hdr"><a href="/"><img src="/logo.gif" alt="The Globe"></a></div>
<div id="articleHeader"><h1>Local Pakistanis recall Bhutto</h1><div id="photo"><img
src="/p/539w.jpg">Khalil Khatri (center) prayed with fellow Muslims at the Islamic Center as
they remembered the former prime minister, who was slain last week at a political rally.</div>
<div class="u"><a href="#">Email</a> | <a href="#">Print</a> | <a href="#">Single page</a> |
<a href="#">Text size</a> | <a href="#">Digg</a> | <a href="#">Newsvine</a> | <a
href="#">Reddit</a> | <a href="#">Facebook</a></div>
{byline}<span id="dateline">Globe Staff / December 31, 2007</span></div>
<div id="articleGraphs"><p>WAYLAND - Bowed down on bended knee, mourners rocked gently back and
forth as they recited passages under their breath, and prayed that the country would find its
way from unrest to peace and prosperity, in a stone-quiet room lined with rugs.</p>
<p>The service drew about 200 people, organizers said.</p></div>{comments}</body></html>"""


@pytest.mark.parametrize("byline, authors", [
    ('<span id="byline">\n  By\n  Mara Lane\n</span>', ("Mara Lane",)),
    ('<div id="ctl00_ContentArea_articleByLine">By MARA LANE</div>', ("MARA LANE",)),
    ('<div id="byline">December 31, 2007</div>', ()),  # no byline's label
    ('<div id="byline">Mara Lane</div>', ()),  # no label: a name alone is not read here
    # no person: the site's staff is for the meta tags and trafilatura's search to say
    ('<div id="byline">By Globe Staff</div>', ()),
])
def test_a_byline_in_an_element_named_by_its_id_signs_the_page(byline, authors):
    page = ID_BYLINE_PAGE.format(byline=byline, comments="")
    document = cleaners.clean(page.encode(),
                              "http://www.theglobe.example/news/local/2007/12/31/recall")
    assert (document.authors, document.credits) == (authors, ())


def test_a_byline_named_by_its_id_in_a_reader_s_comment_signs_no_page():
    comments = ('<div class="comments"><div class="c1"><span id="byline-c1">By Joe Reader</span>'
                '<p>I was there, it was a moving service.</p></div></div>')
    page = ID_BYLINE_PAGE.format(byline="", comments=comments)
    document = cleaners.clean(page.encode(),
                              "http://www.theglobe.example/news/local/2007/12/31/recall")
    assert document.authors == ()


# A blog's post of 2006: the blog's name, the post's title, the post, and the theme's footer
# saying who posted it and when, the time after an "@".
AT_FOOTER_PAGE = """<html><head><title>The Valley Notebook</title></head><body>
<div id="hdr"><h1><a href="http://valleynotebook.example/">The Valley Notebook</a></h1></div>
<div class="post"><h3 class="post-title">Water rates go up again</h3><div class="post-body">
<p>The council voted on Tuesday night to raise water rates by nine percent from March, the third
rise in as many years, after a long debate about the state of the pipes under the old town and
who should pay to replace them before the next winter.</p></div>
<div class="post-footer"><em>{footer}</em></div></div></body></html>"""


@pytest.mark.parametrize("footer, authors", [
    ('posted by Mara Lane @ <a class="timestamp-link" href="/2006/04/water.html">5:56 AM</a>',
     ("Mara Lane",)),
    ("Posted by Mara Lane @ 5:56 am", ("Mara Lane",)),
    ('posted by <a href="mailto:mara@valleynotebook.example">mara@valleynotebook.example</a>',
     ()),  # an address is no name
])
def test_a_posted_by_line_whose_time_follows_an_at_sign_names_the_writer(footer, authors):
    page = AT_FOOTER_PAGE.format(footer=footer)
    document = cleaners.clean(page.encode(), "http://valleynotebook.example/2006/04/water.html")
    assert document.authors == authors


@pytest.mark.parametrize("footer, authors", [
    # a blog theme's footer of the time (Sandbox's), the name in a link, the day after it
    ('This entry was written by <a href="/about/">Mara Lane</a>, posted on April 4, 2006 at '
     '5:56 am. Filed under <a href="/category/town/">Town</a>.', ("Mara Lane",)),
    ('Post written by <a href="http://maralane.example/">Mara Lane</a>.', ("Mara Lane",)),
    ("This post was written by Mara Lane", ("Mara Lane",)),
    ('Contributed by <a href="/user/63/">Mara Lane</a>', ("Mara Lane",)),  # a CMS's byline
    ("Photos in this post were taken by Mara Lane.", ()),  # no byline's label
])
def test_a_line_saying_who_wrote_the_post_after_it_names_the_writer(footer, authors):
    more = ("<p>Residents can read the new rates on the town's site, and the council will hear "
            "complaints at its next meeting, on the first Tuesday of March.</p>" * 3)
    page = AT_FOOTER_PAGE.format(footer=footer).replace("</p></div>", f"</p>{more}</div>")
    document = cleaners.clean(page.encode(), "http://valleynotebook.example/2006/04/water.html")
    assert document.authors == authors
    assert dict(document.metadata_sources).get("authors") == \
        ('a "Posted by" line' if authors else None)


# A blog's post of 2012 by a guest: the theme's byline under the title names the blog's owner,
# who posted it, and the post's first line names the guest; the sidebar lists other blogs'
# posts, a guest's among them.
GUEST_PAGE = """<html><head><title>Three things to do when your bank is sold | Penny Jar</title>
</head><body><div id="hd"><a href="/">Penny Jar</a></div><div class="c4"><div class="p7">
<h1 class="t2">Three things to do when your bank is sold</h1><p class="m1">by <a
href="/author/sam/">Sam Oakes</a> on October 30, 2012</p><div class="e3">{first}
<p>This spring my bank was bought by a bigger one, and with it went my savings account, my
checking account and the credit card I had held for twenty years, all moved without a word.</p>
<p>Here is what I did about it, and what I would do sooner next time.</p></div></div>
<div class="s9"><h3>From other blogs</h3><ul><li><a href="http://other.example/p/1">Guest post
by Tom Reed: Saving on groceries</a></li></ul></div></div></body></html>"""


@pytest.mark.parametrize("first, authors", [
    ("<p><i>This is a guest post from <b>Mara Lane</b>.</i></p>", ("Mara Lane",)),
    ('<p><em>Guest post by Mara Lane of <a href="http://thrift.example/">Thrift Notes</a></em>'
     "</p>", ("Mara Lane",)),
    ("<p><strong>Guest blogger:</strong> Mara Lane and Tom Reed</p>", ("Mara Lane", "Tom Reed")),
    # no guest's line under the headline: the blogroll's guest post is another blog's
    ("", ("Sam Oakes",)),
])
def test_a_guest_post_s_line_under_the_headline_names_the_writer_not_the_blog_s_owner(
        first, authors):
    page = GUEST_PAGE.format(first=first)
    document = cleaners.clean(page.encode(), "http://pennyjar.example/2012/10/30/bank-sold/")
    assert document.authors == authors


def test_a_guest_s_line_of_thousands_of_names_gives_a_few_whole_ones():
    names = guest_byline(["by Sam Oakes", "Guest post by " + "Mara Lane and " * 20_000])
    assert 0 < len(names) <= 2 * MAX_NAME and names.endswith("Mara Lane")


# A paper's story page: the og:title and the <title> carry the print edition's headline, the
# page shows another over the reporters' names (in the byline's element, no "By"); the day is
# printed at the foot of the story.
SEO_TITLE_PAGE = """<html><head><title>Suspect Is Silent at Hearing - Ledger.example</title>
<meta property="og:title" content="Suspect Is Silent at Hearing"></head><body>
<div class="n1"><a href="/">The Daily Ledger</a></div><div class="w3"><h1>{h1}</h1>
<div class="byline"><span class="x">Mara Lane and Tom Reed</span></div></div>
<div class="b7"><p>The man accused of opening fire in a crowded cinema sat silently through his
first court hearing on Monday, his hair dyed orange, as relatives of the victims looked on.</p>
<p>A judge set the next hearing for next week.</p><p>Updated July 23, 2012</p></div>
</body></html>"""


@pytest.mark.parametrize("h1, headline", [
    ("Suspect Is Silent at His First Hearing", "Suspect Is Silent at His First Hearing"),
    # a heading the title sources hardly name is no headline of theirs (a box's)
    ("Readers' Letters", "Suspect Is Silent at Hearing"),
])
def test_the_h1_the_byline_s_element_signs_under_it_is_the_headline_shown(h1, headline):
    page = SEO_TITLE_PAGE.format(h1=h1)
    document = cleaners.clean(page.encode(), "http://www.ledger.example/news/2012/07/23/suspect")
    assert document.title == headline
    assert document.authors == ("Mara Lane", "Tom Reed")


# A TV station's page of 2008 carrying a wire story: the headline, the day, no byline, the
# story's first paragraph opening with its dateline, the agency in brackets.
WIRE_STORY_PAGE = """<html><head><title>Airline safety record best in years - KXYZ 7</title>
</head><body><div id="top"><a href="/">KXYZ 7</a> <a href="/news/">News</a> <a href="/weather/">
Weather</a></div><div id="m2"><h1>Airline safety record best in years</h1><div class="d4">Jan 4,
2008 09:12 AM</div>{byline}<div class="s8"><p>{lead} Last year was one of the safest in aviation
history, according to an independent watchdog group that recorded the fewest crashes in years.</p>
<p>The group counted 136 deaths in airliner crashes worldwide, down from 855 the year before.</p>
<p>It credited better training and newer planes for the improvement.</p></div></div>
<div id="ft"><a href="/about/">About KXYZ</a></div></body></html>"""


@pytest.mark.parametrize("lead, byline, authors, credits", [
    ("GENEVA (AP) -", "", (), ("AP",)),
    ("<b>GENEVA</b> (Reuters) -", "", (), ("Reuters",)),
    ("GENEVA, Switzerland (AFP) &mdash;", "", (), ("AFP",)),
    # a byline names the people: the agency is no one's credit then
    ("GENEVA (AP) -", '<div class="b1">By Mara Lane</div>', ("Mara Lane",), ()),
    ("GENEVA (Updated) -", "", (), ()),  # no agency's name in the brackets
])
def test_the_agency_in_the_first_paragraph_s_dateline_credits_an_unsigned_story(
        lead, byline, authors, credits):
    page = WIRE_STORY_PAGE.format(lead=lead, byline=byline)
    document = cleaners.clean(page.encode(), "http://www.kxyz.example/global/story.asp?s=7565791")
    assert (document.authors, document.credits) == (authors, credits)


@pytest.mark.parametrize("title, post, headline", [
    # the post's title shorter than the blog's name, after a colon (Blogger's themes)
    ("The Valley Notebook: Rates up", "Rates up", "Rates up"),
    ("The Valley Notebook » Rates up", "Rates up", "Rates up"),
    # the rest is the site's name, not a post's; no rest
    ("The Valley Notebook | Valleynotebook", "Valleynotebook", "The Valley Notebook"),
    ("The Valley Notebook |", "Rates up", "The Valley Notebook"),
])
def test_a_blog_s_post_title_shorter_than_its_name_is_the_headline(title, post, headline):
    page = AT_FOOTER_PAGE.format(footer="posted by Mara Lane @ 5:56 AM").replace(
        "<title>The Valley Notebook</title>", f"<title>{title}</title>").replace(
        "Water rates go up again</h3>", f"{post}</h3>")
    document = cleaners.clean(page.encode(), "http://valleynotebook.example/2006/04/water.html")
    assert document.title == headline


@pytest.mark.parametrize("author, byline, authors, credits", [
    ("KXYZ", "", (), ("KXYZ",)),  # the station's name: the site signs the page
    ("jdoe", "", (), ()),  # an account's handle, not the site's name
    ("KXYZ", '<div class="b1">By Mara Lane</div>', ("Mara Lane",), ()),
])
def test_a_one_word_author_meta_tag_naming_the_site_credits_an_unsigned_page(
        author, byline, authors, credits):
    page = WIRE_STORY_PAGE.format(lead="", byline=byline).replace(
        "</title>", f'</title><meta name="author" content="{author}">')
    document = cleaners.clean(page.encode(), "http://www.kxyz.example/global/story.asp?s=7565791")
    assert (document.authors, document.credits) == (authors, credits)


# A blog of the default WordPress theme of the time: no date in the markup or the URL, the post's
# day only in the footer under it ("This entry was posted on ..."), readers' comments dated later.
ENTRY_FOOTER_PAGE = """<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8">
<title>Why should the old roadster be left behind? | Weekend Wheels</title></head>
<body><div id="page"><div id="header"><h1><a href="/">Weekend Wheels</a></h1>
<div class="description">Cars, roads and the people who love them</div></div>
<div id="content" class="narrowcolumn"><div class="post" id="post-412">
<h2>Why should the old roadster be left behind?</h2>
<div class="entry"><p>Every spring the club runs its rally through the hills, and every spring the
old roadsters stay at home because the organisers say they cannot keep up with the new cars.</p>
<p>I took mine anyway this year, and finished fourth out of thirty-one.</p>
<p class="postmetadata alt"><small>{footer}
<a href="/category/rallies/" rel="category tag">Rallies</a>.
You can follow any responses to this entry through the RSS 2.0 feed.</small></p></div></div>
<h3 id="comments">2 Responses</h3><ol class="commentlist">
<li><cite>Mark</cite> Says:<br><small><a href="#comment-1">January 25th, 2011 at 9:14 am</a></small>
<p>Fourth! Well done, and in that weather too.</p></li>
<li><cite>Ana</cite> Says:<br><small><a href="#comment-2">January 26th, 2011 at 6:02 pm</a></small>
<p>Mine is in the garage still. Next year.</p></li></ol></div></div></body></html>"""


@pytest.mark.parametrize("footer", [
    "This entry was posted on Saturday, October 16th, 2010 at 12:32 pm and is filed under",
    "Dieser Beitrag wurde am Samstag, 16. Oktober 2010 veröffentlicht und ist abgelegt unter",
])
def test_a_blog_themes_footer_dates_the_post(footer):
    page = ENTRY_FOOTER_PAGE.format(footer=footer)
    document = cleaners.clean(page.encode(), "http://weekendwheels.example/?p=412")
    assert document.published == "2010-10-16"
    assert dict(document.metadata_sources)["published"] == "published label"


# A national paper's story page of 2008 (tables, font tags, generated names): a <title> that hangs
# the story after the paper's name and its sections, the sections' names printed in the menu, the
# day printed over the headline (none under it), the headline alone in a bold cell over the
# story, the same headline among the links of the section's other stories.
SECTIONED_PAGE = """<HTML><HEAD><TITLE> {title} </TITLE>
<META http-equiv=Content-Type content="text/html; charset=windows-1252"></HEAD><BODY>
<TABLE width="100%"><TR><TD><A href="/"><IMG src="/i/mast.gif" alt="The Valley Ledger"></A></TD>
</TR></TABLE><TABLE><TR><TD class=n4 valign=top><FONT class=lnav>International</FONT><BR>
<A href="/2008/01/14/06hdline.htm">Asia</A><BR><A href="/2008/01/14/07hdline.htm">Europe</A><UL>
<LI><A href="/2008/01/14/stories/081.htm">Rail strike ends after pay deal</A>
<LI><A href="/2008/01/14/stories/082.htm">{linked}</A></UL></TD>
<TD class=c7 valign=top><FONT size=1>Monday, Jan 14, 2008</FONT><BR><BR>
<FONT class=k2x size=4 color=blue><B>{shown}</B></FONT><P align=justify>Heavy rain over the
weekend washed away the only road to eleven hill villages in the north of the province, leaving
some four thousand people without food deliveries, officials said on Sunday.</P><P>Army
helicopters will fly in rice and medicine from Tuesday.</P></TD></TR></TABLE>
<TABLE><TR><TD><FONT size=1>Copyright 2008, The Valley Ledger</FONT></TD></TR></TABLE>
</BODY></HTML>"""
SECTIONED_HEADLINE = "Monsoon floods cut off eleven hill villages"


@pytest.mark.parametrize("title, url", [
    (f"The Valley Ledger : International / Asia : {SECTIONED_HEADLINE}",
     "http://www.valleyledger.example/2008/01/14/stories/083.htm"),
    (f"International | Asia | {SECTIONED_HEADLINE}",
     "http://www.valleyledger.example/international/asia/2008/083.htm"),
])
def test_the_title_s_last_part_the_page_prints_alone_after_the_site_s_sections_is_the_headline(
        title, url):
    """Where the parts before it name the site or the page's sections (its address's folders),
    the title's last part printed alone, though under no dateline, is the headline."""
    page = SECTIONED_PAGE.format(title=title, linked="Rail fares to rise in March",
                                 shown=SECTIONED_HEADLINE)
    document = cleaners.clean(page.encode(), url)
    assert document.title == SECTIONED_HEADLINE
    assert dict(document.metadata_sources)["title"] == "title (the part the page shows)"


def test_a_title_s_last_part_printed_only_as_a_link_or_after_a_post_is_no_part_shown():
    url = "http://www.valleyledger.example/2008/01/14/stories/083.htm"
    title = f"The Valley Ledger : International / Asia : {SECTIONED_HEADLINE}"
    # printed only in the list of the section's stories: another page's link
    page = SECTIONED_PAGE.format(title=title, linked=SECTIONED_HEADLINE, shown="Asia")
    assert cleaners.clean(page.encode(), url).title != SECTIONED_HEADLINE
    # ``Post | Slogan``: no site's name before the slogan the page prints under its logo
    slogan = "News from every valley town and village"
    page = SECTIONED_PAGE.format(title=f"Floods | {slogan}", linked="Rail fares to rise",
                                 shown=slogan)
    assert cleaners.clean(page.encode(), url).title != slogan


# A trade paper's story page saved without its head (no <title>, no meta tags, no h1): an ASP.NET
# menu whose items' ids end in "Title" under a sidebar's long blurb, the headline in
# an element named so, the day in one named so too, the story's lead split by links, a poll.
HEADLESS_PAGE = """<html><body><div id="ctl00_hd"><img src="/i/logo.gif" alt=""></div>
<div class="k9 side"><p>Want to send us a story? If you have any news tips that you would like us
to follow up on, or a press release about your company's products, write to the newsroom at the
address on our contact page.</p></div>
<div id="ctl00_Menu1"><span id="ctl00_Menu1_RootMenu_ctl01_RootMenuItemTitle">In the News</span>
<a href="/n/1">Carriers</a> <a href="/n/2">Devices</a> <a href="/n/3">Networks</a>
<span id="ctl00_Menu1_RootMenu_ctl02_RootMenuItemTitle">Quick Links</span><a href="/subscribe">
Subscribe</a> <a href="/events">Events</a></div><div class="k9 main">{headline}
<span class="headline" id="ctl00_art_PublishDate">Jan. 14, 2008</span>
<p><a href="/co/handsetco">HandsetCo</a> said on Monday it would ship its first
phones for the <a href="/t/android">open mobile platform</a> in the spring, months ahead of
what <a href="/co/rival">its rivals</a> had planned, and that <a href="/t/apps">forty
applications</a> would be ready on the day they go on sale.</p><p>The company would not
say what the phones will cost, or which of the country's carriers will sell them first.</p>
</div><div class="headline" id="ctl00_Poll1">Will the slowing
economy cut what you spend on your phone?</div><ul><li><a href="/p/yes">Yes</a></li>
<li><a href="/p/no">No</a></li></ul><div class="ft">Copyright 2008</div></body></html>"""


@pytest.mark.parametrize("headline", [
    '<span class="sections" id="ctl00_art_articleTitle">{}</span>',
    '<td class="contentheading" width="100%">{}</td>',
    '<div class="articleHeadline">{}</div>',
])
def test_on_a_page_without_a_title_source_the_heading_named_so_over_the_story_is_its_headline(
        headline):
    page = HEADLESS_PAGE.format(headline=headline.format("HandsetCo shows its first phone apps"))
    document = cleaners.clean(page.encode(), "http://www.phoneweek.example/article.aspx?id=156436")
    assert document.title == "HandsetCo shows its first phone apps"
    assert dict(document.metadata_sources)["title"] == \
        "heading named so over the story (no title source)"


def test_a_menu_s_headings_named_titles_over_links_are_no_headline():
    page = HEADLESS_PAGE.format(headline="")
    document = cleaners.clean(page.encode(), "http://www.phoneweek.example/article.aspx?id=156436")
    assert document.title not in ("In the News", "Quick Links",
                                  "Will the slowing economy cut what you spend on your phone?")


@pytest.mark.parametrize("title", ["Phone Week", "PhoneWeek.example", "Phone Week - Phone Week"])
def test_where_the_title_is_only_the_site_s_name_the_heading_named_so_is_the_headline(
        title):
    headline = '<span class="ViewArticleTitle">HandsetCo shows its first phone apps</span>'
    page = HEADLESS_PAGE.format(headline=headline).replace(
        "<html><body>", f"<html><head><title>{title}</title></head><body>")
    document = cleaners.clean(page.encode(), "http://www.phoneweek.example/article.aspx?id=156436")
    assert document.title == "HandsetCo shows its first phone apps"


def test_a_title_that_is_no_site_s_name_is_kept_over_a_heading_named_so():
    headline = '<span class="ViewArticleTitle">HandsetCo shows its first phone apps</span>'
    title = "HandsetCo's Android phones to ship in spring"
    page = HEADLESS_PAGE.format(headline=headline).replace(
        "<html><body>", f"<html><head><title>{title}</title></head><body>")
    document = cleaners.clean(page.encode(), "http://www.phoneweek.example/article.aspx?id=156436")
    assert document.title == title


# A research institute's conference paper saved without its head: its title a centred bold
# font (no element named so), the author, the paper's first pages, then its sections' h3s.
REPORT_PAGE = """<html><body><div class="nv"><a href="/">Home</a> | <a href="/pubs/">Publications
</a></div><b><font size="4"><p align="center">Harbour Dues and the Coastal Trade, 1990-2005</p>
</font></b><p align="center"><i>Ann Lindqvist</i><br>Institute for Maritime Studies</p>
<p>Ports along the coast have raised their dues for shipping lines every year since 1990,
while the tonnage they handle has fallen by a third, according to the institute's survey.</p>
<p>This paper looks at what the dues pay for, who sets them, and why the lines that pay them
have so little say in how they are set, drawing on the ports' own annual accounts.</p>
<p>It finds that most of the increase went to dredging channels that the largest ships no
longer use, and that the smaller ports raised their dues the most of all.</p>
<h3><font face="Verdana">Who Sets the Dues</font></h3>
<p>Every port's board sets its dues once a year, after hearing the shipping lines, the
harbour's tenants and the town's council, and publishes them in the spring before they apply.
The boards are not bound by what they hear, and few of them explain their decisions.</p>
<h3>What the Dues Pay For</h3><p>Most of the money goes to the channels.</p>
<div class="ft">Copyright 2006 Institute for Maritime Studies</div></body></html>"""


def test_a_report_s_section_heading_under_its_first_paragraphs_is_no_headline():
    document = cleaners.clean(REPORT_PAGE.encode(), "http://www.maritimestudies.example/pubs/dues.htm")
    assert document.title != "Who Sets the Dues"


# A hosted blog of 2012 (TypePad's theme, div soup) whose name is not its address's: the blog's
# name in the banner's h1 (a link to the blog's home page), the <title> and og:title alike
# `Blog Name: Post`, the day's header in an h2 and the post's title in an h3, its footer, the
# readers' comments, the sidebar's modules.
HOSTED_BLOG_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Lakeside Yoga: {post}</title><meta property="og:title" content="Lakeside Yoga: {post}">
<meta property="og:description" content="I started my job hunt a few months before graduation.">
</head><body><div id="container"><div id="banner"><div id="banner-inner" class="pkg">
<h1 id="banner-header"><a href="http://www.stretchnotes.example/" accesskey="1">Lakeside
Yoga</a></h1><h2 id="banner-description"></h2></div></div><div id="pagebody"><div id="alpha">
<h2 class="date-header">November 05, 2012</h2><div class="entry-category-practice entry">
<h3 class="entry-header">{heading}</h3><div class="entry-content"><div class="entry-body"><p>I
started my job hunt a few months before graduation, the eager soon-to-be graduate that I was,
sending letters to every studio within a day's drive and hearing back from almost none.</p>
<p>What I learned from the silence is the subject of this post.</p></div></div>
<div class="entry-footer"><span class="post-footers">Posted at 09:12 AM in
<a href="/practice/">Practice</a></span> | <a href="/2012/11/permalink.html">Permalink</a></div>
</div><div class="comments"><h3 class="comments-header">Comments</h3></div></div>
<div id="beta"><div class="module"><h2 class="module-header">Useful Links</h2><ul>
<li><a href="/links/">Studios we like</a></li></ul></div></div></div></div></body></html>"""


def test_a_blog_s_post_heading_under_its_name_is_the_headline_where_og_title_copies_the_title():
    post = "Permission To Be Bad"
    page = HOSTED_BLOG_PAGE.format(post=post, heading=post)
    document = cleaners.clean(page.encode(), "http://www.stretchnotes.example/2012/11/bad.html")
    assert document.title == post
    # a heading under the blog's name that is not the title's rest is another post's
    page = HOSTED_BLOG_PAGE.format(post=post, heading="Yoga for runners, part two")
    document = cleaners.clean(page.encode(), "http://www.stretchnotes.example/2012/11/bad.html")
    assert document.title != "Yoga for runners, part two"


# A WordPress blog of 2012 whose brand is not its address's name: the logo's h1 (a link to the
# home page) prints the brand and its slogan as the <title> hangs them after the post, the post's
# title a link in a classed div, its day and comments' count, the sidebar's h2 boxes.
LOGO_H1_PAGE = """<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8">
<title>{post} &#8211; Shirtcritic - The T-Shirt Blog Covering The Best in Nerd Fashion</title>
</head><body><div id="wrap"><div id="hd"><h1><a href="{h1_link}">{h1}</a></h1></div>
<div id="ct"><div class="p-1f"><div class="pt"><a href="/archives/time-vampire/" rel="bookmark">
{post}</a></div><div class="pm">March 4, 2012 | <a href="#c">3 Comments</a></div>
<div class="pe"><p>Another Safe Landing has a new shirt out this week, a vampire who can stop
time drawn in the style of the old travel posters, with a clock for a face and a cape that
reaches to the bottom of the print.</p><p>It sells for twenty dollars until Sunday.</p></div>
</div></div><div id="sb"><h2>About Shirtcritic</h2><p>Reviews of shirts.</p><h2>Recent
Comments</h2><ul><li><a href="/c/1">Jo on Robot Picnic</a></li></ul></div></div></body></html>"""


def test_the_logo_s_h1_that_links_home_is_the_site_s_name_the_title_hangs_on_the_post():
    post = "Time Vampire by Another Safe Landing"
    brand = "Shirtcritic &#8211; The T-Shirt Blog Covering The Best in Nerd Fashion"
    page = LOGO_H1_PAGE.format(post=post, h1_link="http://tcritic.example", h1=brand)
    document = cleaners.clean(page.encode(), "http://tcritic.example/archives/time-vampire/")
    assert document.title == post
    # an h1 that links to the post itself is the post's headline
    page = LOGO_H1_PAGE.format(post=post, h1_link="/archives/time-vampire/", h1=post)
    document = cleaners.clean(page.encode(), "http://tcritic.example/archives/time-vampire/")
    assert document.title == post


@pytest.mark.parametrize("page", [
    # rules 73's walk: thousands of headings named so, each over a menu's links, nested deep
    "<html><body>"
    + '<div><span class="headline">Menu heading here</span><a href="/">x</a>' * 20_000
    + "</div>" * 20_000 + "<p>" + "word " * 1_000_000 + "</p></body></html>",
    # rules 72's search: thousands of texts as long as the title's last part, none of them it
    "<html><head><title>Ledger.example | News | Monsoon floods cut off eleven villages</title>"
    "</head><body>" + "<p>Monsoon floods cut off eleven village?!</p>" * 20_000
    + "<b>" + "x" * 5_000_000 + "</b></body></html>",
    # the bold line's: bold elements nested thousands deep over the first paragraph, a bold
    # block of 5 MB, a line with thousands of empty elements in it
    "<html><head><title>Local News</title></head><body>" + "<b><i>" * 20_000
    + "Menu heading here" + "<br>" * 20_000 + "</i></b>" * 20_000
    + "<p><b>" + "x " * 2_500_000 + "</b></p><p><b>Menu heading" + "<i></i>" * 100_000
    + " here</b></p><p>" + "word " * 1_000_000 + "</p></body></html>",
])
def test_the_searches_for_a_headline_of_a_page_without_one_in_its_markup_stay_bounded(page):
    start = time.process_time()
    found = _metadata(page, "http://ledger.example/news/2008/083.htm")
    assert time.process_time() - start < 10.0  # not a speed test: seconds, not minutes
    assert found["title"] != "Menu heading here"


# A regional paper of 2011 in div soup: the headline in an h1, under it the day and the
# reporter's name alone in a plain paragraph (no "By", no class saying byline), a photo and
# its caption, the story, an author's box under it, a list of related stories, the footer.
NAME_LINE_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Ferry service to the island resumes after two years | The Harbour Star</title></head>
<body><div class="q7"><a href="/">The Harbour Star</a> <a href="/news/">News</a>
<a href="/sport/">Sport</a> <a href="/authors/">Our writers</a></div>
<div class="w1"><div class="x0"><h1 class="t3">Ferry service to the island resumes after two
years</h1><div class="m9"><span class="d2">June 14, 2011</span></div>{line}</div>
<figure class="p4"><img src="/img/ferry.jpg" alt=""><figcaption class="c8">{caption}
</figcaption></figure>
<div class="b5"><p>The ferry to the island sailed again on Monday morning for the first time in
two years, after the council and the operator settled the dispute over the pier's repairs.</p>
<p>About forty passengers made the first crossing, most of them islanders who had been driving
the long way round by the causeway since the service stopped in the spring of 2009.</p>
<p>The operator said the ferry would run four times a day through the summer and twice a day
in the winter months, weather permitting, at the fares it charged before.</p></div>
{box}</div>
<div class="r2"><h3>More news</h3><ul><li><a href="/news/pier">Pier repairs finished early</a>
<a href="/author/tom-reed/">Tom Reed</a></li><li><a href="/news/fares">Council freezes bus
fares</a> <a href="/author/ana-ruiz/">Ana Ruiz</a></li></ul></div>
<div class="f1">&copy; 2011 The Harbour Star. All rights reserved.</div></body></html>"""
AUTHOR_BOX = ('<div class="v6"><div class="author-bio"><span class="author-name">Mara Lane'
              "</span> covers the harbour and the islands.</div></div>")


@pytest.mark.parametrize("line, box, authors", [
    # the name's own link goes to the writer's page
    ('<p class="n1"><a href="/author/mara-lane/">Mara Lane</a></p>', "", ("Mara Lane",)),
    ('<p class="n1"><a href="/contributors/mara-lane">Mara Lane</a> and <a href="/contributors/'
     'tom-reed">Tom Reed</a></p>', "", ("Mara Lane", "Tom Reed")),
    # the plain name, which the author's box under the story names too
    ('<p class="n1">Mara Lane</p>', AUTHOR_BOX, ("Mara Lane",)),
])
def test_a_name_alone_under_the_headline_that_the_page_marks_as_an_author_s_signs_it(
        line, box, authors):
    page = NAME_LINE_PAGE.format(line=line, box=box, caption="The ferry leaves the pier.")
    document = cleaners.clean(page.encode(), "http://www.harbourstar.example/news/2011/06/ferry")
    assert document.authors == authors
    assert dict(document.metadata_sources)["authors"] == "byline under the headline"


@pytest.mark.parametrize("line, caption", [
    # a name the page marks nowhere as an author's: a person in the story, a place, a tag
    ('<p class="n1">Mara Lane</p>', "The ferry leaves the pier."),
    ('<p class="n1">Port Ellen</p>', "The ferry leaves the pier."),
    ('<p class="n1"><a href="/tag/mara-lane/">Mara Lane</a></p>', "The ferry leaves the pier."),
    # a link's label to a writer's page (``More`` of a columnist's)
    ('<p class="n1"><a href="/columnists/mara-lane/">More Mara Lane</a></p>', "The ferry."),
    # a caption's name (a related story's writer, marked in the list: the story's subject)
    ("", "Tom Reed"),
    ('<p class="n1"><span class="photo-credit">Tom Reed</span></p>', "The ferry."),
])
def test_a_name_alone_under_the_headline_that_the_page_marks_as_no_author_s_signs_nothing(
        line, caption):
    page = NAME_LINE_PAGE.format(line=line, box="", caption=caption)
    document = cleaners.clean(page.encode(), "http://www.harbourstar.example/news/2011/06/ferry")
    assert document.authors == ()


def test_a_class_naming_the_author_of_the_whole_post_marks_no_name_in_it():
    # a blog theme's class on the page (``entry-author-jdoe``) holds every text of the post
    page = NAME_LINE_PAGE.format(line='<p class="n1">Mara Lane</p>', box="", caption="The ferry.")
    page = page.replace("<body>", '<body class="single postid-4 entry-author-mara_lane">')
    document = cleaners.clean(page.encode(), "http://www.harbourstar.example/news/2011/06/ferry")
    assert document.authors == ()


@pytest.mark.parametrize("byline, authors, credits", [
    # a label before the name in the byline's entry, which the names follow
    ('<div class="byline">Article by <a href="/people/mlane/">Mara Lane</a></div>',
     ("Mara Lane",), ()),
    ('<div class="author-info">See more articles by <a href="/people/mlane/">Mara Lane</a>'
     "</div>", ("Mara Lane",), ()),
    ('<span class="byline">First posted by Mara Lane</span>', ("Mara Lane",), ()),
    # a photo's credit or an illustrator's is no byline of the story
    ('<div class="byline">By Mara Lane, The Daily Ledger; photo by Tom Reed</div>',
     ("Mara Lane",), ("The Daily Ledger",)),
    ('<div class="byline">Mara Lane and illustration by Tom Reed</div>', ("Mara Lane",), ()),
    ('<div class="byline">STAFF PHOTO BY TOM REED</div>', (), ()),
])
def test_a_label_before_a_name_in_a_byline_s_entry_is_no_part_of_the_name(byline, authors,
                                                                        credits):
    document = cleaners.clean(FURNITURE_PAGE.format(byline=byline).encode(),
                              "http://www.ledger.example/news/2008/01/09/libraries.html")
    assert (document.authors, document.credits) == (authors, credits)


@pytest.mark.parametrize("name", ["Stand by Me", "WABC By Eyewitness News"])
def test_words_before_by_that_are_no_label_are_left_as_the_page_prints_them(name):
    # a band's or a station's name holding ``by`` is no label: what signs the page is kept
    document = cleaners.clean(FURNITURE_PAGE.format(
        byline=f'<div class="byline">{name}</div>').encode(),
        "http://www.ledger.example/news/2008/01/09/libraries.html")
    assert name in (*document.authors, *document.credits)


@pytest.mark.parametrize("box", [
    # at the foot of the story, the name in the text or a link, then the day
    '<p class="k1">By Mara Lane on June 14, 2011</p>',
    '<p class="k1">By <a href="/u/ml">Mara Lane</a> on June 14, 2011</p>',
    '<p class="k1">by Mara Lane, Tuesday, June 14, 2011 9:00 AM ET</p>',
    # an author's box under the story
    '<div class="v6"><div class="k1">By Mara Lane, published June 14, 2011</div><p>Mara covers'
    " the harbour.</p></div>",
])
def test_a_byline_with_its_day_away_from_the_headline_signs_a_page_nothing_else_signs(box):
    page = NAME_LINE_PAGE.format(line="", box=box, caption="The ferry leaves the pier.")
    document = cleaners.clean(page.encode(), "http://www.harbourstar.example/news/2011/06/ferry")
    assert document.authors == ("Mara Lane",)
    assert dict(document.metadata_sources)["authors"] == \
        "a byline with its day away from the headline"


def test_a_byline_with_its_day_under_the_post_goes_before_the_readers_posted_by_lines():
    # a newspaper's blog of 2008: the post signed at its foot, then the readers' comments,
    # each "Posted by:" its reader, in elements no class names a comment
    box = ('<p class="k1">By Mara Lane&nbsp;|&nbsp; June 14, 2011; 4:38 PM ET</p>'
           '<div class="r7"><p>Good to have it back, the causeway takes an hour.</p>'
           '<p class="k9">Posted by: Sam Ortiz | June 14, 2011 06:24 PM</p></div>')
    page = NAME_LINE_PAGE.format(line="", box=box, caption="The ferry leaves the pier.")
    document = cleaners.clean(page.encode(), "http://www.harbourstar.example/news/2011/06/ferry")
    assert document.authors == ("Mara Lane",)


@pytest.mark.parametrize("box", [
    # a sentence's "by", a name without a day, a reader's comment, another story's in a list
    '<p class="k1">The pier was built by the council on June 14, 1911.</p>',
    '<p class="k1">By Mara Lane</p>',
    '<div class="comments"><p>By Sam Ortiz on June 15, 2011</p></div>',
    '<ul class="z3"><li><a href="/news/pier">Pier repairs finished early</a> By Tom Reed on '
    "June 2, 2011</li></ul>",
])
def test_a_by_line_that_is_no_byline_with_its_day_signs_nothing(box):
    page = NAME_LINE_PAGE.format(line="", box=box, caption="The ferry leaves the pier.")
    document = cleaners.clean(page.encode(), "http://www.harbourstar.example/news/2011/06/ferry")
    assert document.authors == ()


@pytest.mark.parametrize("line, authors, credits", [
    # names, then an agency's after a comma, alone under the headline in no byline's element
    ('<p class="n1">Mara Lane, AFP</p>', ("Mara Lane",), ("AFP",)),
    ('<div class="n1"><b>Mara Lane and Tom Reed, Associated Press</b></div>',
     ("Mara Lane", "Tom Reed"), ("Associated Press",)),
    # a job's title after the name is no agency; a photo's credit no byline; nor a sentence
    # split by a link (a short word in lower case may be an agency's account)
    ('<p class="n1">Mara Lane, Staff Writer</p>', (), ()),
    ('<p class="n1">Mara Lane, who <a href="/t/cafe">runs the cafe</a> by the pier</p>', (), ()),
    ('<p class="n1"><span class="credit">Mara Lane, AFP</span></p>', (), ()),
])
def test_names_then_an_agency_alone_under_the_headline_sign_the_page(line, authors, credits):
    page = NAME_LINE_PAGE.format(line=line, box="", caption="The ferry leaves the pier.")
    document = cleaners.clean(page.encode(), "http://www.harbourstar.example/news/2011/06/ferry")
    assert (document.authors, document.credits) == (authors, credits)
    # in a photo's caption under the headline, the same line is the photo's credit
    page = NAME_LINE_PAGE.format(line="", box="", caption=re.sub("<[^>]+>", "", line))
    document = cleaners.clean(page.encode(), "http://www.harbourstar.example/news/2011/06/ferry")
    assert (document.authors, document.credits) == ((), ())


@pytest.mark.parametrize("line", [
    # the reporter's name then where they write from, with no ``By``, alone on its line
    '<p class="n1">Mara Lane, Port Ellen</p>',
    '<div class="n1"><span class="z4">Mara Lane | Bowmore, Islay</span></div>',
    '<p class="n1">Mara Lane &ndash; Glasgow</p>',
    '<p class="n1"><a href="/author/mara-lane/">Mara Lane, Port Ellen</a></p>',
    # the name and the place in elements of their own on the line
    '<p class="n1"><span class="v2">Mara Lane</span>, Port Ellen</p>',
    '<div class="n1"><span class="v2">Mara Lane</span><span class="v3">| Bowmore</span></div>',
])
def test_a_name_then_a_place_alone_under_the_headline_signs_the_page(line):
    page = NAME_LINE_PAGE.format(line=line, box="", caption="The ferry leaves the pier.")
    document = cleaners.clean(page.encode(), "http://www.harbourstar.example/news/2011/06/ferry")
    assert (document.authors, document.credits) == (("Mara Lane",), ())
    assert dict(document.metadata_sources)["authors"] == "byline under the headline"


@pytest.mark.parametrize("line, caption", [
    # a place's dateline alone (a city's two words are no person's), a job's title, a day, an
    # age (a related story's headline), a sentence
    ('<p class="n1">Port Ellen, Islay</p>', "The ferry leaves the pier."),
    ('<p class="n1">New York, N.Y.</p>', "The ferry leaves the pier."),
    ('<p class="n1">Fort William, Scotland</p>', "The ferry leaves the pier."),
    ('<p class="n1">Mara Lane, Staff Writer</p>', "The ferry leaves the pier."),
    ('<p class="n1">Mara Lane, Tuesday</p>', "The ferry leaves the pier."),
    ('<p class="n1">Mara Lane, 37, opens a cafe</p>', "The ferry leaves the pier."),
    # a degree after the name; a title and its subtitle (no place's words)
    ('<p class="n1">Mara Lane, M.D.</p>', "The ferry leaves the pier."),
    ('<p class="n1">Ferry Timetables - Winter Sailings</p>', "The ferry leaves the pier."),
    # a related story's heading or link, a tag, a photo's caption
    ('<h3 class="n1">Tom Reed, Port Ellen</h3>', "The ferry leaves the pier."),
    ('<p class="n1"><a href="/news/reed">Tom Reed, Port Ellen</a></p>', "The ferry."),
    ('<p class="n1"><span class="tag">Mara Lane, Port Ellen</span></p>', "The ferry."),
    # a related story's link before the place; a place in a block of its own (another line)
    ('<p class="n1"><a href="/news/oakes">Sam Oakes</a>, Port Ellen</p>', "The ferry."),
    ('<p class="n1">Mara Lane</p><p class="n2">, Port Ellen</p>', "The ferry."),
    ("", "Mara Lane, Port Ellen"),
])
def test_a_place_a_title_a_heading_or_a_caption_after_a_name_signs_nothing(line, caption):
    page = NAME_LINE_PAGE.format(line=line, box="", caption=caption)
    document = cleaners.clean(page.encode(), "http://www.harbourstar.example/news/2011/06/ferry")
    assert (document.authors, document.credits) == ((), ())


@pytest.mark.parametrize("line", [
    # one byline of three people over three lines: a break between the names, each name its
    # writer's link, ``and`` alone on a line, each name in an element of its own
    '<div class="n1">By Mara Lane<br>Tom Reed<br>Ana Ruiz</div>',
    '<div class="n1">By <a href="/people/ml">Mara Lane</a><br><a href="/people/tr">Tom Reed</a>'
    '<br>and<br><a href="/people/ar">Ana Ruiz</a></div>',
    '<div class="n1"><p class="k2">By Mara Lane</p><p class="k2">Tom Reed</p>'
    '<p class="k2">Ana Ruiz</p></div>',
])
def test_a_byline_of_several_people_over_several_lines_names_them_all(line):
    page = NAME_LINE_PAGE.format(line=line, box="", caption="The ferry leaves the pier.")
    document = cleaners.clean(page.encode(), "http://www.harbourstar.example/news/2011/06/ferry")
    assert document.authors == ("Mara Lane", "Tom Reed", "Ana Ruiz")


@pytest.mark.parametrize("line, caption, authors", [
    # a name under the byline held otherwise: a photo's caption, a credit's element
    ('<p class="n1">By Mara Lane</p>', "Tom Reed", ("Mara Lane",)),
    ('<p class="n1">By Mara Lane</p><div class="c5">Tom Reed</div>', "The ferry.", ("Mara Lane",)),
    # a job's title on the next line; a name after the byline's day
    ('<p class="n1">By Mara Lane<br>Chief Reporter</p>', "The ferry.", ("Mara Lane",)),
    ('<p class="n1">By Mara Lane, June 14, 2011<br>Tom Reed</p>', "The ferry.", ("Mara Lane",)),
    # the wire service under names in capitals, held alike (a paper's words, another case)
    ('<div class="n1"><h4 class="k3">By MARA LANE AND TOM REED</h4><h4 class="k3">Harbour '
     "Newspapers</h4></div>", "The ferry.", ("MARA LANE", "TOM REED")),
    ('<div class="n1"><h4 class="k3">By Mara Lane</h4><h4 class="k3">Islay Bureau</h4></div>',
     "The ferry.", ("Mara Lane",)),
])
def test_a_name_under_a_byline_that_is_not_one_of_its_lines_is_no_writer(line, caption,
                                                                         authors):
    page = NAME_LINE_PAGE.format(line=line, box="", caption=caption)
    document = cleaners.clean(page.encode(), "http://www.harbourstar.example/news/2011/06/ferry")
    assert document.authors == authors


def test_a_byline_over_thousands_of_lines_gives_a_few_names():
    page = NAME_LINE_PAGE.format(
        line='<div class="n1">By Mara Lane' + "".join(
            f"<br>{first} {last}" for first, last in itertools.product(
                ("Tom", "Ana", "Sam", "Rob"), ("Reed", "Ruiz", "Oakes") * 2000)) + "</div>",
        box="", caption="The ferry leaves the pier.")
    start = time.perf_counter()
    document = cleaners.clean(page.encode(), "http://www.harbourstar.example/news/2011/06/ferry")
    assert time.perf_counter() - start < 10
    assert document.authors[:3] == ("Mara Lane", "Tom Reed", "Tom Ruiz")
    assert len(document.authors) <= MAX_NAMES


# An op-ed in div soup, signed only under its last paragraph: a nav, the story in obfuscated
# classes, related stories with their writers, a reader's comment, a footer.
FOOT_SIGNED_PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} - Ridgeview Courier</title></head>
<body><div class="nv"><a href="/">Home</a> <a href="/opinion/">Opinion</a>
<a href="/sports/">Sports</a></div>
<div class="q7x"><div class="h0z"><h1>{title}</h1></div>
<div class="b2k"><p>{first}</p>
<p>{second}</p>
{foot}</div></div>
<div class="rel"><h3>Related</h3><ul><li><a href="/o/2">Parking fees go up</a> by Sam Ortiz</li>
<li><a href="/o/3">Why the bridge matters</a> by Ana Ruiz</li></ul></div>
<div class="comments"><div class="comment"><p>Couldn't agree more. This town has been waiting
for a real plan for the river for twenty years and nothing ever comes of it.</p>
<p>-- Rob Keller</p></div></div>
<div class="ft"><a href="/about">About us</a> <a href="/contact">Contact</a> &copy; 2021
Ridgeview Courier</div></body></html>"""
_FIRST = ("The city has spent three years and two million dollars studying the riverfront, and "
          "it has nothing to show for it but a binder of drawings nobody will ever build.")
_SECOND = ("It is time for the council to stop commissioning plans and start paying for one: "
           "the park on the east bank could open next spring if the money were found this fall.")
_KO_FIRST = ("부산시가 내년부터 해운대 일대의 공영 주차장 요금을 두 배로 올리기로 했다. "
             "시는 관광객이 몰리는 여름철 교통 혼잡을 줄이기 위한 조치라고 설명했다. "
             "상인들은 손님이 줄어들 것이라며 반발하고 있어 시의회 심의 과정에서 "
             "논란이 예상된다.")
_KO_SECOND = ("시 관계자는 요금 인상으로 늘어나는 수입은 대중교통 확충에 쓰일 것이라고 "
              "밝혔다. 시는 다음 달 공청회를 열어 시민들의 의견을 듣고 최종안을 확정할 "
              "계획이다. 인상안이 확정되면 내년 삼월부터 적용된다.")


def _foot_signed(foot: str, korean: bool = False) -> cleaners.Document:
    page = FOOT_SIGNED_PAGE.format(
        lang="ko" if korean else "en", foot=foot,
        title="해운대 주차요금 두 배로 오른다" if korean else "Build the river park now",
        first=_KO_FIRST if korean else _FIRST, second=_KO_SECOND if korean else _SECOND)
    return cleaners.clean(page.encode(), "https://courier.example/opinion/2021/river-park")


@pytest.mark.parametrize("foot, korean, authors", [
    ("<p>-- Jane Doe</p>", False, ("Jane Doe",)),
    ("<p><em>— Jane Doe, professor of urban planning at Ridgeview University</em></p>", False,
     ("Jane Doe",)),
    ("<p>홍길동 기자 gildong@courier.example</p>", True, ("홍길동",)),
    ("<p>부산=홍길동 기자</p>", True, ("홍길동",)),
])
def test_a_signature_under_the_last_paragraph_signs_a_page_nothing_else_signs(
        foot, korean, authors):
    document = _foot_signed(foot, korean)
    assert document.authors == authors
    assert dict(document.metadata_sources)["authors"] == "a signature under the story"


@pytest.mark.parametrize("foot, korean", [
    # a quotation's attribution, in a blockquote or after a quoted line
    ("<blockquote><p>A city without a river park is a city that has forgotten its river, and "
     "its river will not forgive it soon.</p></blockquote><p>— Mark Twain</p>", False),
    ("<p>“A city without a river park is a city that has forgotten its river, and its river "
     "will not forgive it.”</p><p>— Mark Twain</p>", False),
    # the site's desk, and a photographer's credit
    ("<p>-- The Editors</p>", False),
    ("<p>-- Courier Staff</p>", False),
    ("<p>사진=홍길동 기자</p>", True),
    ("<p>홍길동 사진기자</p>", True),
])
def test_a_quotation_s_attribution_a_desk_or_a_photo_credit_signs_no_story(foot, korean):
    assert _foot_signed(foot, korean).authors == ()


def test_a_chinese_reporter_s_sign_off_under_the_story_signs_it():
    first = ("本市今年将新建十二座公园，总面积超过三百公顷。市园林局表示，新建公园将优先安排在"
             "老城区和人口密集的街道，方便市民就近休闲。部分公园将在明年春季对外开放。"
             "据介绍，这些公园都将配备健身步道、儿童游乐设施和公共卫生间，并种植本地树种。")
    second = ("园林局负责人说，公园建设资金已经全部落实，工程将在下月陆续开工。市民可以通过"
              "园林局网站查询各个公园的建设进度，并对设计方案提出意见和建议。园林局还将在各区"
              "举办座谈会，听取周边居民对公园开放时间和停车安排的看法。")
    page = FOOT_SIGNED_PAGE.format(lang="zh", foot="<p>（记者 张伟）</p>", first=first,
                                   second=second, title="本市今年新建十二座公园")
    # (the metadata steps alone: the body's extraction wants words between spaces)
    meta = finish_metadata(head_metadata(parse(page), "https://courier.example/news/2021/parks",
                                         page), parse(page))
    assert tuple(meta["authors"]) == ("张伟",)


def test_a_reader_s_signature_under_a_comment_signs_no_story():
    # a reader's long comment, more text than the story's, signed ``-- Rob Keller``
    page = FOOT_SIGNED_PAGE.format(lang="en", foot="", title="Build the river park now",
                                   first=_FIRST, second=_SECOND)
    page = page.replace("<p>Couldn't agree", f"<p>{_SECOND}</p><p>{_FIRST}</p><p>Couldn't agree")
    document = cleaners.clean(page.encode(), "https://courier.example/opinion/2021/river-park")
    assert "Rob Keller" not in document.authors


def test_the_foot_signature_search_is_bounded():
    # 20,000 paragraphs in the story's container, and a 20,000-name line under them
    tree = parse("<html><body><div>" + f"<p>{_FIRST}</p>" * 20_000 + "<p>-- "
                 + "Jane Doe and " * 20_000 + "Sam Ortiz</p></div></body></html>")
    started = time.perf_counter()
    assert foot_signature(tree) is None
    assert time.perf_counter() - started < 1


# A blog post signed only by the author's box after it: the post in obfuscated classes, the box
# (a heading, then a bio), related posts by others, a reader's comment, a footer.
ABOUT_BOX_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Five ways to cut your energy bill this winter | Thrift Notes</title></head>
<body><div class="nv"><a href="/">Home</a> <a href="/about-the-author/">{menu}</a></div>
<div class="q7x"><h1>Five ways to cut your energy bill this winter</h1>
<div class="b2k"><p>{first}</p><p>{second}</p></div>
<div class="x1b">{box}</div></div>
<div class="rel"><h3>Related posts</h3><ul><li><a href="/p/2">Saving on groceries</a>
<span>Sam Ortiz is a guest writer</span></li></ul></div>
<div class="comments"><div class="comment"><h4>About the author</h4><p>Rob Keller is a
reader from Ohio.</p></div></div>
<div class="ft">&copy; 2012 Thrift Notes</div></body></html>"""


def _boxed(box: str, menu: str = "Home page") -> cleaners.Document:
    page = ABOUT_BOX_PAGE.format(box=box, menu=menu, first=_FIRST, second=_SECOND)
    return cleaners.clean(page.encode(), "https://thriftnotes.example/2012/11/energy-bill/")


@pytest.mark.parametrize("box", [
    "<h3>About the author</h3><p>Jane Doe is a personal finance writer and the founder of "
    "Thrift Notes.</p>",
    "<h4 class='widgettitle'>About the Author:</h4><div><a href='/about/'>Jane Doe</a> "
    "(<a href='https://social.example/jdoe'>@jdoe</a>) writes about money and saving.</div>",
])
def test_an_author_s_box_signs_a_page_nothing_else_signs(box):
    document = _boxed(box)
    assert document.authors == ("Jane Doe",)
    assert dict(document.metadata_sources)["authors"] == "an author's box"


@pytest.mark.parametrize("box, menu", [
    # a bio naming no one first, and a menu's link to a page about the author
    ("<h3>About the author</h3><p>She is a personal finance writer and the founder of Thrift "
     "Notes.</p>", "Home page"),
    ("<p>Questions? Write to us.</p>", "About the author"),
])
def test_a_bio_without_a_name_a_menu_s_link_or_a_comment_signs_no_one(box, menu):
    document = _boxed(box, menu)
    assert document.authors == ()


def test_the_author_s_box_search_is_bounded():
    # 20,000 labels, each over 20,000 links' texts, and a bio nested 5,000 levels deep
    tree = parse("<html><body>" + "<h3>About the author</h3>" * 20_000
                 + "<a>Jane Doe</a> " * 20_000 + "<div>" * 5_000 + "Jane Doe is a writer"
                 + "</div>" * 5_000 + "</body></html>")
    started = time.perf_counter()
    about_author(tree.xpath("//body//text()[normalize-space()]"))
    assert time.perf_counter() - started < 2


# A CMS's article info under the headline: the day, the time after an "@", then "Written by"
# and the name on one line (no "By" first), in div soup between a menu, a related-stories list
# and a footer.
ARTICLE_INFO_PAGE = """<html><head><title>Harbour wall repairs start in spring - Bay Courier</title>
</head><body><div class="q1"><ul class="m4"><li><a href="/">Home</a></li><li><a href="/news">News
</a></li><li><a href="/sport">Sport</a></li></ul></div><div class="q2"><div class="q3">
<h2 class="k5"><a href="/news/harbour-wall">Harbour wall repairs start in spring</a></h2>
<div class="k6">{info}</div><div class="k7"><p>The harbour wall that the storms of last winter
broke in two places will be mended from March, the council said on Monday, after a year of
arguing over who should pay for the work and how long the quay would have to be closed.</p>
<p>Fishermen who moor inside the wall said the repairs were long overdue, and that two boats had
been damaged in the last storm while they waited for the council to decide what to do.</p></div>
{comments}
</div><div class="q4"><h3>More news</h3><ul><li><a href="/news/ferry">Ferry timetable changes
</a> 15 October 2012 @ 09:12 - Written by Tom Reed</li></ul></div></div>
<div class="q5">&copy; 2012 Bay Courier</div></body></html>"""


@pytest.mark.parametrize("info", [
    "Tuesday, 16 October 2012 @ 14:03 - Written by Mara Lane",
    '<span class="z2">16 October 2012 | Written by <a href="/u/mara">Mara Lane</a></span>',
    "16.10.2012 14:03, written by Mara Lane",
])
def test_a_day_then_written_by_under_the_headline_signs_the_story(info):
    page = ARTICLE_INFO_PAGE.format(info=info, comments="")
    document = cleaners.clean(page.encode(), "https://baycourier.example/news/harbour-wall")
    assert document.authors == ("Mara Lane",)
    assert dict(document.metadata_sources)["authors"] == "byline under the headline"


@pytest.mark.parametrize("info", [
    # a sentence's "written by", a reader's comment signed so under an unsigned story
    "The plan of 2012, written by the harbour board, is online.",
    "",
])
def test_written_by_after_no_day_or_in_a_comment_signs_nothing(info):
    comments = ('<div class="comments"><p>Good news at last.</p>'
                "<p>16 October 2012 @ 15:10 - Written by Sam Ortiz</p></div>")
    page = ARTICLE_INFO_PAGE.format(info=info, comments=comments)
    document = cleaners.clean(page.encode(), "https://baycourier.example/news/harbour-wall")
    assert document.authors == ()


@pytest.mark.parametrize("listed", [
    "Submitted by tomreed on Mon, 10/15/2012 - 09:12",
    "Posted by Tom Reed on October 15, 2012",
])
def test_a_posted_by_line_in_a_list_of_stories_signs_no_unsigned_story(listed):
    # the first "Submitted by" of a page that prints no byline is another story's, in a list
    page = ARTICLE_INFO_PAGE.format(info="", comments="").replace(
        "15 October 2012 @ 09:12 - Written by Tom Reed", listed)
    document = cleaners.clean(page.encode(), "https://baycourier.example/news/harbour-wall")
    assert document.authors == ()
    # the story's own, in its footer, signs it
    page = ARTICLE_INFO_PAGE.format(
        info="", comments='<div class="k8">Submitted by <a href="/user/12">maralane</a> on Tue, '
                          "10/16/2012 - 14:03</div>").replace(
        "15 October 2012 @ 09:12 - Written by Tom Reed", listed)
    document = cleaners.clean(page.encode(), "https://baycourier.example/news/harbour-wall")
    assert document.authors == ("maralane",)


def test_a_post_s_own_list_of_facts_signs_it():
    # a blog theme's meta under the post: a list of the post's facts, not of other stories
    meta = ('<ul class="pm3"><li>Posted by maralane - on Oct 16, 2012</li><li>Category: <a '
            'href="/category/harbour" rel="category tag">Harbour</a> - Tags: <a href="/tag/wall">'
            "wall</a></li></ul>")
    page = ARTICLE_INFO_PAGE.format(info="", comments=meta)
    document = cleaners.clean(page.encode(), "https://baycourier.example/news/harbour-wall")
    assert document.authors == ("maralane",)


# A county paper's story page of 2008 in an old table layout: no h1, no og:title, the logo an
# image, a masthead day, a menu of sections, the section's name in a small coloured font over
# the story, the headline a bold or large line (given below), the day under it, the story, a
# list of related stories, the footer.
OLD_LAYOUT_PAGE = """<html><head><title>{title}</title>
<meta name="keywords" content="valley, schools, flood"></head><body bgcolor="#ffffff">
<table width="760" cellpadding="0" cellspacing="0"><tr><td class="t1"><a href="/"><img
src="/img/logo.gif" alt="The Valley Courier" border="0"></a></td><td class="t2" align="right">
<font size="1">Monday, January 14, 2008</font></td></tr></table>
<table width="760"><tr><td class="t3" width="150" valign="top"><a href="/local/">Local
News</a><br><a href="/sports/">Sports</a><br><a href="/business/">Business and Finance</a><br>
<a href="/opinion/">Opinion</a><br><a href="/obits/">Obituaries</a></td>
<td class="t4" valign="top"><font face="Arial" size="2" color="#990000">LOCAL NEWS</font><br>
{line}<font size="1">January 14, 2008</font><br>
<p>Four schools in the valley will stay closed on Tuesday after the river rose over its banks
overnight, flooding the roads that the county's buses take to reach them from the hills.</p>
<p>The county's superintendent said the schools would open again once the water went down,
and that the days lost would be made up at the end of the year.</p>
<p><b>Related stories</b></p><ul><li><a href="/local/2008/01/13/roads.htm">Roads closed as
the river rises</a></li><li><a href="/local/2008/01/12/sandbags.htm">Volunteers fill sandbags
at the fire station</a></li></ul></td></tr></table>
<table width="760"><tr><td class="t5"><font size="1">Copyright 2008 The Valley Courier. All
rights reserved.</font></td></tr></table></body></html>"""
OLD_LAYOUT_URL = "http://www.valleycourier.example/local/2008/01/14/schools.htm"
OLD_LAYOUT_HEADLINE = "Flooded roads keep four valley schools closed"


@pytest.mark.parametrize("line", [
    '<table><tr><td><font size="+2"><b>{}</b></font></td></tr></table>',
    "<p><strong>{}</strong></p>",
    '<p class="storytitle2">{}</p>',
    '<span style="font-size:18px;font-weight:bold">{}</span><br>',
])
@pytest.mark.parametrize("title", [
    "ValleyCourier.example - Local News", "Local News",
    # the section's name is the menu's item too (a link: no headline the page prints)
    "ValleyCourier.example - Business and Finance", "Business and Finance",
    "The Valley Courier - Your Hometown Paper", "Welcome to the Valley Courier Online",
    "The Valley Courier - News, Sports, Weather and Classifieds"])
def test_the_bold_line_over_the_story_is_the_headline_under_a_site_s_or_section_s_title(
        title, line):
    page = OLD_LAYOUT_PAGE.format(title=title, line=line.format(OLD_LAYOUT_HEADLINE))
    document = cleaners.clean(page.encode(), OLD_LAYOUT_URL)
    assert document.title == OLD_LAYOUT_HEADLINE
    assert dict(document.metadata_sources)["title"] == \
        "bold line over the first paragraph (the title names the site or a section)"
    assert document.published == "2008-01-14"


@pytest.mark.parametrize(("title", "line"), [
    # a headline in the title (it may be the headline), a deck or a box's title in bold
    ("Floods close four valley schools", "<p><b>Weather service warns of more rain</b></p>"),
    ("Floods close schools - The Valley Courier", "<p><b>Floods close schools</b></p>"
                                                  "<p><b>Rain to last until Thursday</b></p>"),
    # a FAQ's or an interview's question, a credit, a label, a sentence
    ("Students", "<p><b>Is it better to live on campus in the first year?</b></p>"),
    ("Local News", "<p><b>Reported by the newsroom of the Valley Courier staff</b></p>"),
    ("Local News", "<p><b>Closures for the week of January fourteen:</b></p>"),
    ("Local News", "<p><b>Call the school office before leaving home today.</b></p>"),
    # bold words inside a sentence, not on their own line; a bold menu link
    ("Local News", "<p>The county said <b>four valley schools will close</b> again</p>"),
    ("Local News", '<p><a href="/local/"><b>More local news from the valley</b></a></p>'),
])
def test_a_title_that_may_be_the_headline_is_kept_over_a_bold_line_that_may_not(title, line):
    page = OLD_LAYOUT_PAGE.format(title=title, line=line)
    document = cleaners.clean(page.encode(), OLD_LAYOUT_URL)
    assert dict(document.metadata_sources).get("title", "").startswith("title")
