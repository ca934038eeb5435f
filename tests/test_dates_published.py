"""Which of the days a page prints is its publication day: the day printed right before a
byline on an old page whose headline is no heading (``March 3rd, 2008 By: Jane Doe``)."""

from __future__ import annotations

import time

import pytest

import cleaners
from cleaners.extract import parse
from cleaners.metadata import finish_metadata, head_metadata

STORY = """<p>The city council voted on Tuesday to approve a new budget for the parks department,
which will see three playgrounds rebuilt before the summer and the pool on Elm Street reopened
after two years of repairs that ran far over their first estimate.</p>
<p>Council member Rita Alvarez said the vote ended a long fight over the fees charged to youth
leagues, which will stay at last year's level, and that the money for the pool came from the
sale of the old depot on the river road.</p>"""

# A local paper's story of 2008 laid out in tables: the day of the crawl in the masthead, the
# headline in a bold font (no heading, and the <title> names only the site), the day and the
# byline under it, related stories each with its day beside it.
SIGNED_PAGE = """<html><head><title>Valley Times | Local news</title></head><body>
<div class="top"><span class="today">Tuesday, March 11, 2008</span> <a href="/sub">Subscribe</a>
</div><ul class="nav"><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul>
<table><tr><td class="c7"><font size="4"><b>Council approves parks budget for summer</b></font>
<br><font size="1">{dated}</font><br>{story}{comments}</td>
<td class="side"><b>Related</b><ul><li><a href="/n/1">Pool plan delayed</a> {related}</li>
<li><a href="/n/2">Parks chief steps down</a> January 14th, 2008</li></ul></td></tr></table>
<div class="footer">Copyright 2008 Valley Times</div></body></html>"""
SIGNED_URL = "http://www.valleytimes.example.com/news/story.php?id=4411"


def _published(page: str, url: str) -> tuple[str | None, str | None]:
    document = cleaners.clean(page.encode(), url)
    return document.published, dict(document.metadata_sources).get("published")


@pytest.mark.parametrize("dated", [
    "March 3rd, 2008 By: John Smith",
    "March 3rd, 2008 | By John Smith",
    "Mar 3, 2008 4:15 PM By JOHN SMITH",
    '<span>March 3rd, 2008</span><br><span>By: <a href="/staff/js">John Smith</a></span>',
])
def test_the_day_printed_before_a_byline_dates_a_page_without_a_heading(dated):
    page = SIGNED_PAGE.format(dated=dated, story=STORY, comments="",
                              related="February 20th, 2008")
    assert _published(page, SIGNED_URL) == ("2008-03-03", "signed dateline")


def test_a_day_before_a_byline_is_not_read_where_such_lines_disagree_or_in_comments():
    # related stories each dated and signed: no one of their days is the page's
    page = SIGNED_PAGE.format(dated="", story=STORY, comments="",
                              related="February 20th, 2008 By Ann Lee<br>March 1, 2008 By Bo Li")
    assert _published(page, SIGNED_URL)[1] != "signed dateline"
    # a reader's comment signed with its day
    comments = ('<div class="comments"><h3>2 comments</h3><div class="comment">March 12, 2008 '
                'By: parkfan</div><p>Finally some money for the pool on Elm Street.</p></div>')
    page = SIGNED_PAGE.format(dated="", story=STORY, comments=comments,
                              related="February 20th, 2008")
    assert _published(page, SIGNED_URL)[1] != "signed dateline"
    # a day inside a sentence, then a byline
    page = SIGNED_PAGE.format(dated="The vote was held on March 3, 2008 By John Smith",
                              story=STORY, comments="", related="February 20th, 2008")
    assert _published(page, SIGNED_URL)[1] != "signed dateline"


# A newspaper's story updated the next day: the markup gives the update's time as the
# publication's, the headline's line the last change; a line under the story says when it
# first appeared.
FIRST_PAGE = """<html><head><title>Council approves parks budget | Local | The Courier</title>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Council approves parks
budget", "datePublished": "2008-01-11T09:12:00Z", "dateModified": "2008-01-11T09:12:00Z"}}</script>
</head><body><ul class="nav"><li><a href="/">Home</a></li><li><a href="/local">Local</a></li></ul>
<div class="a1"><h1>Council approves parks budget</h1>
<div class="m2">Last modified on Fri 11 Jan 2008 09.12 GMT</div>{story}{first}</div>
<div class="rel"><h3>More local news</h3><ul><li><a href="/l/1">Pool plan delayed</a></li></ul>
</div><footer>© 2008 The Courier</footer></body></html>"""
FIRST_URL = "https://www.courier.example.co.uk/local/council-parks-budget"


@pytest.mark.parametrize("first", [
    '<p class="k3">First published on Thu 10 Jan 2008 10.47 GMT</p>',
    '<p class="k3"><span>First published:</span> <time>10 January 2008</time></p>',
])
def test_a_first_published_line_dates_a_page_whose_markup_gives_a_later_day(first):
    page = FIRST_PAGE.format(story=STORY, first=first)
    assert _published(page, FIRST_URL) == (
        "2008-01-10", "first published label (json-ld datePublished 2008-01-11 is later)")


def test_a_first_published_line_dates_a_page_whose_headline_prints_its_update():
    page = FIRST_PAGE.format(story=STORY, first='<p class="k3">First published on Thu 10 Jan '
                             "2008 10.47 GMT</p>")
    undated = page[:page.index("<script")] + page[page.index("</script>") + 9:]
    assert _published(undated, FIRST_URL) == (
        "2008-01-10", "first published label (dateline 2008-01-11 is later)")


@pytest.mark.parametrize("first", [
    # another paper's, where the story was printed first
    "<p>This article was first published in The Gazette on 3 January 2008.</p>",
    # a reader's comment
    '<div class="comments"><h3>1 comment</h3><div class="comment"><p>First published: '
    "2 January 2008, and still wrong.</p></div></div>",
])
def test_a_first_published_line_of_another_paper_or_a_reader_is_not_the_pages(first):
    page = FIRST_PAGE.format(story=STORY, first=first)
    assert _published(page, FIRST_URL) == ("2008-01-11", "json-ld datePublished")


# An old local paper's story: the masthead prints the day of the crawl over the menu (in an
# element htmldate's search reads first), the story's dateline under the headline its day
# with a two-digit year.
SHORT_YEAR_PAGE = """<html><head><title>Council approves parks budget - Herald News</title>
<meta property="og:title" content="Council approves parks budget"></head><body>
<div class="mast"><span class="date">Tuesday, January 15, 2008</span> <a href="/sub">Subscribe</a>
</div><ul class="nav"><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul>
<div class="c4"><h1>Council approves parks budget</h1><div class="dt">{dateline}</div>{story}</div>
<div class="rel"><h3>More news</h3><ul><li><a href="/l/1">Pool plan delayed</a></li></ul></div>
<div class="foot">© Herald News</div></body></html>"""
BRITISH_URL = "http://www.heraldnews.example.co.uk/news/story.php?id=8812"


@pytest.mark.parametrize(("dateline", "day"), [
    ("30/12/07", "2007-12-30"),
    ("Posted: 30.12.07 10:22", "2007-12-30"),
    ("03/01/08", "2008-01-03"),  # day first on a British site
])
def test_a_dateline_with_a_two_digit_year_dates_the_page_over_the_mastheads_day(dateline, day):
    page = SHORT_YEAR_PAGE.format(dateline=dateline, story=STORY)
    assert _published(page, BRITISH_URL) == (day, "dateline")


@pytest.mark.parametrize(("dateline", "url"), [
    ("03/01/08", "http://www.heraldnews.example.com/news/story.php?id=8812"),  # either way round
    ("TextMate 1.5.11 (r1635)", BRITISH_URL),  # a version
    ("Minutes of the meeting of 30/12/07, read", BRITISH_URL),  # in a sentence
])
def test_a_two_digit_year_that_names_no_sure_day_is_not_read(dateline, url):
    page = SHORT_YEAR_PAGE.format(dateline=dateline, story=STORY)
    assert _published(page, url) == ("2008-01-15", "htmldate")


@pytest.mark.parametrize("body", [
    "<p>March 3, 2008 By Jo Li</p>" * 20_000,  # bylines each after a day
    "<p>First published: 10 January 2008</p>" * 20_000,
    "<div>" * 5_000 + "First published on " + "3/1/08 " * 200_000 + "</div>" * 5_000,
    "<p>" + "By " * 1_000_000 + "</p>",
])
def test_the_days_before_a_byline_and_after_first_published_are_read_in_bounded_time(body):
    jsonld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Parks",'
              ' "datePublished": "2008-01-11T09:12:00Z"}</script>')
    for head in ("", jsonld):  # undated, dated
        page = f"<html><head><title>Valley Times</title>{head}</head><body>{body}{STORY}" \
               "</body></html>"  # no headline: the whole page is read for them
        start = time.process_time()
        tree = parse(page)
        finish_metadata(head_metadata(tree, SIGNED_URL, page), tree)
        assert time.process_time() - start < 20.0  # not a speed test: seconds, not minutes
