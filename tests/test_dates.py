"""Publication days through the cleaning path: numeric days that read both ways (``01/10/2008``
is January 10 on a US page, 1 October on a British one), and a masthead's day over a menu that
repeats the headline."""

from __future__ import annotations

import pytest
from htmldate import find_date

import cleaners
from cleaners.dates import numeric_order

STORY = """<p>Natalie White scored 22 points and pulled down nine rebounds, but the Spartans fell to
the Wolf Pack in the Western Athletic Conference opener for both teams on Thursday night.</p>
<p>The Spartans trailed by three at the half and pulled within one with six minutes left before
Nevada closed the game on a 12-2 run. Head coach Tim La Kose said his team had to box out
better and hit free throws down the stretch, where it made four of eleven.</p>
<p>San Jose State returns home Saturday to face Idaho at the Event Center, with tip-off set for
two o'clock in the afternoon, before a three-game road trip through Texas.</p>"""

# An athletics department's release of 2008, laid out in tables, without date markup: the
# release day printed under the headline, numeric; the server's clock in a comment.
RELEASE_PAGE = """<html{lang}><head><title>White Scores 22 Points In Women's Basketball Loss</title>
</head><body><table width="100%"><tr><td class="nav"><a href="/">Home</a> | <a href="/sched">
Schedules</a> | <a href="/tix">Tickets</a></td></tr>
<tr><td class="scores">Swimming/Diving - W: San Jose State 149, Cal State Bakersfield 61</td></tr>
<tr><td valign="top" class="articlecopy"><span class="atitle">White Scores 22 Points In Women's
Basketball Loss</span><br>Courtesy: Athletics Communications<br>Release: {shown}<br>
<a href="/stats.pdf">San Jose State-Nevada statistics</a><br>{story}</td></tr>
<tr><td class="footer">&copy; 2008 Spartans Athletics</td></tr></table>{comment}</body></html>"""
SERVER_CLOCK = "<!-- The time is 01/15/2008 02:09:42 PM EST -->"


def _published(page: str, url: str) -> tuple[str | None, str | None]:
    document = cleaners.clean(page.encode(), url)
    return document.published, dict(document.metadata_sources).get("published")


def _release(shown="01/10/2008", lang="", comment=SERVER_CLOCK) -> str:
    return RELEASE_PAGE.format(lang=lang, shown=shown, story=STORY, comment=comment)


def test_a_numeric_release_day_is_read_month_first_where_the_site_s_clock_writes_so():
    page = _release()
    assert find_date(page, original_date=True) == "2008-10-01"  # htmldate: day first
    assert _published(page, "http://www.spartans.example.com/ViewArticle.dbml?ATCLID=1366611"
                      ) == ("2008-01-10", "dateline")


@pytest.mark.parametrize("url, lang, day", [
    ("http://www.spartans.example.com/article/1366611", ' lang="en-US"', "2008-01-10"),
    ("http://athletics.sjsu.edu/article/1366611", "", "2008-01-10"),  # .edu: American
    ("http://www.spartans.example.co.uk/article/1366611", "", "2008-10-01"),
    ("http://www.spartans.example.com/article/1366611", ' lang="en-GB"', "2008-10-01"),
    ("http://www.spartans.example.com/article/1366611", ' lang="fr"', "2008-10-01"),
])
def test_without_the_clock_the_site_s_country_or_language_decides(url, lang, day):
    assert _published(_release(lang=lang, comment=""), url)[0] == day


def test_a_day_first_clock_on_the_page_reads_the_release_day_first():
    clock = "<!-- The time is 15/01/2008 14:09:42 -->"
    assert _published(_release(comment=clock), "http://www.spartans.example.com/a/1") == \
        ("2008-10-01", "dateline")


def test_nothing_deciding_gives_no_dateline_day():
    """English without a country, on a generic domain, says nothing: the ambiguous release day
    dates nothing itself (what htmldate reads, day first, stays the page's last resort)."""
    published, source = _published(_release(comment=""), "http://www.spartans.example.com/a/1")
    assert source == "htmldate"


def test_a_library_s_note_of_another_year_does_not_tell_the_order():
    """A vendor's script ships with its own release note: it says how its authors write days,
    not how the site does."""
    page = "<!-- OnlineOpinion v5.8.2 Released: 02/27/2014 -->" + _release(comment="")
    assert numeric_order(page, "http://www.spartans.example.com/a/1", "en", 2008) is None
    assert numeric_order(page, "http://www.spartans.example.com/a/1", "en", 2014) == "mdy"
    assert _published(page, "http://www.spartans.example.com/a/1")[1] == "htmldate"


# A hockey league's game story: the dateline dotted month first, with its weekday.
GAME_PAGE = """<html><head><title>Whalers defeat Spirit - Hockey League</title></head><body>
<div id="hd"><div class="logo">Hockey League</div><ul><li>Scores</li><li>Standings</li></ul></div>
<div class="contentWrap"><h1 class="ttl">Mahalak makes 36 saves as Whalers defeat Spirit</h1>
<div class="dl">{shown} / 4:54 PM /</div><div class="src">The Canadian Press</div>
<div class="articleText"><p>Matt Mahalak made 36 saves and the Plymouth Whalers scored twice in
the third period to beat the Saginaw Spirit 4-2 on Tuesday afternoon before a school crowd.</p>
<p>The game was held in the afternoon as many area schools were off for the election, and the
Whalers won their fourth straight at home, where they have not lost since the opening week.</p>
<p>Saginaw led 2-1 after two periods on goals by Vincent Trocheck and Jimmy Lodge before the
Whalers answered with three unanswered goals in the final twenty minutes of the game.</p></div>
</div></body></html>"""


@pytest.mark.parametrize("shown, url, day", [
    ("Tuesday, 11.06.2012", "http://www.hockey.example/ice/news.htm?id=645115", "2012-11-06"),
    ("Monday, 11.06.2012", "http://www.hockey.example/ice/news.htm?id=645115", "2012-06-11"),
    ("11.06.2012", "http://www.hockey.example/ice/news.htm?id=645115", "2012-06-11"),
    ("Thu, 08/09/2012", "http://www.hockey.example/ice/news.htm?id=645115", "2012-08-09"),
    ("11/12/2012", "http://www.hockey.example/2012/11/whalers-defeat-spirit/", "2012-11-12"),
    ("12/11/2012", "http://www.hockey.example/2012/11/whalers-defeat-spirit/", "2012-11-12"),
])
def test_the_weekday_named_with_a_numeric_day_or_the_url_s_month_decides_its_order(
        shown, url, day):
    assert _published(GAME_PAGE.format(shown=shown), url) == (day, "dateline")


def test_a_numeric_structured_day_is_read_as_the_url_s_month_says():
    """Microdata ``datePublished`` of ``08/09/2012 4:03 pm`` (not ISO 8601): htmldate reads it
    8 September; the URL's path says August."""
    page = GAME_PAGE.format(shown="").replace(
        '<div class="contentWrap">',
        '<div class="contentWrap" itemscope itemtype="http://schema.org/NewsArticle">'
        '<meta itemprop="datePublished" content="08/09/2012 4:03 pm">')
    found = _published(page, "http://www.hockey.example/2012/08/09/whalers-defeat-spirit_n_176/")
    assert found == ("2012-08-09", "microdata datePublished (day read by htmldate)")


# An opinion site whose menu repeats the story's headline under the day of the crawl.
MENU_PAGE = """<html><head><title>The Impeachment Clock | Review</title>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "The Impeachment Clock",
"datePublished": "2019-11-19T06:30:42-05:00", "dateModified": "2019-11-19T13:36:24+00:00"}
</script></head><body><header><nav class="m-nav"><h2 class="m-nav__title">The Impeachment Clock
</h2><a href="/donate">Donate</a> <a href="/corner">The Corner</a>
<a href="/subscribe">Subscribe</a><form><label>Search Review</label></form>
<span class="m-today">Nov. 20, 2019</span></nav></header>
<main><article><h1 class="article-header__title">The Impeachment Clock</h1>
<div class="author">By <a href="/author/vdh">Victor Davis Hanson</a></div>
<time datetime="2019-11-19T06:30:42-05:00">November 19, 2019 6:30 AM</time>
<p>House Intelligence Committee chairman Adam Schiff is working against the clock, and he knows
it: each week of hearings brings the inquiry closer to the primaries and the holidays.</p>
<p>The longer the hearings go on, the more voters tune out, and the more the witnesses' second-
and third-hand accounts blur together into one long afternoon of cable television.</p></article>
</main></body></html>"""


def test_a_masthead_s_day_under_a_menu_copy_of_the_headline_does_not_move_the_markup_s_day():
    """The menu's copy of the headline comes first, the day of the crawl under it (a day the
    markup's time falls on in a newsroom's clock far east); the article's copy prints the
    markup's own day."""
    url = "https://www.review.example/2019/11/the-impeachment-clock/"
    assert _published(MENU_PAGE, url) == ("2019-11-19", "json-ld datePublished")
    alone = MENU_PAGE.replace("November 19, 2019 6:30 AM", "6:30 AM")
    assert _published(alone, url) == ("2019-11-20", "json-ld datePublished (day: the dateline)")


# A regional paper's story page of 2008 in tables: the masthead's day of the crawl, then the
# story's day over a toolbar of links over the headline (the headline found by its text).
TOOLBAR_PAGE = """<html><head><title>Under-siege Kemble quits as Kiwi coach - World - Sport</title>
</head><body><table class="MastBorder"><tr><td class="DateBar">Monday, 21 January 2008</td>
<td><a href="/subscribe">Subscribe</a></td></tr></table>
<table><tr><td class="nav"><a href="/news/">News</a><br><a href="/sport/">Sport</a></td>
<td id="mainContentPrint"><table><tr><td class="StandardText">{shown}</td>
<td class="StandardText" align="right"><a href="/news/world/">View all news</a>&nbsp;|
&nbsp;<a href="/email_friend.asp?story_id=1165475">Send to a friend</a>&nbsp;|
&nbsp;<a href="/print.asp?story_id=1165475">Print</a></td></tr>
<tr><td colspan="2"><span class="StoryDetailsHeader"><strong>Under-siege Kemble quits as
Kiwi coach</strong></span><br>
<p>New Zealand's beleaguered cricket coach John Bracewell has stood down after a run of poor
results, the national board said on Saturday after a meeting in Christchurch.</p>
<p>Bracewell, who had two years left on his contract, said the side needed a fresh voice
before the home series against England, which starts next month in Wellington.</p>
<p>The board thanked him for six years in the job and said an interim coach would be named
within a week, with a permanent appointment to follow before the winter tour.</p>
</td></tr></table></td></tr></table>
<div class="mostviewed"><h3>Most Viewed Articles</h3><a href="/a/1">Night trading under review</a>
</div></body></html>"""


def test_a_toolbar_s_links_between_the_day_and_the_headline_do_not_hide_the_day():
    """``View all news | Send to a friend | Print``: five texts between the story's day and
    its headline, none of them a text of the story's own."""
    url = "http://canberra.paper.example/news/world/sport/undersiege-kemble-quits/1165475.html"
    page = TOOLBAR_PAGE.format(shown="19 January 2008 - 5:57PM")
    assert find_date(page, original_date=True) == "2008-01-21"  # htmldate: the masthead's
    assert _published(page, url) == ("2008-01-19", "dateline")
    # a text of the story's own between them is counted: three of them hide the day
    crowded = page.replace('<td class="StandardText" align="right">',
                           '<td>Cricket</td><td>Wellington</td><td>Print edition</td>'
                           '<td class="StandardText" align="right">')
    assert _published(crowded, url)[1] != "dateline"


def test_a_numeric_day_after_the_page_was_fetched_is_not_its_day():
    """A US regional's page fetched on 15 January 2008 (its response's ``Date``) prints
    ``01/11/2008``: 1 November is not yet, so it is January 11 (nothing else decides here)."""
    page = _release(shown="01/11/2008", comment="")
    url = "http://www.spartans.example.com/article/1366611"
    assert _published(page, url) == ("2008-11-01", "htmldate")  # day first, undecided
    document = cleaners.clean(page.encode(), url,
                              [("Content-Type", "text/html"),
                               ("Date", "Tue, 15 Jan 2008 14:09:42 GMT")])
    assert (document.published, dict(document.metadata_sources)["published"]) == \
        ("2008-01-11", "dateline")
    # fetched when both readings are past, the fetch decides nothing: day first, as before
    late = cleaners.clean(page.encode(), url, [("Date", "Sat, 15 Nov 2008 10:00:00 GMT")])
    assert late.published == "2008-11-01"
    # a broken Date header is no date
    assert cleaners.clean(page.encode(), url, [("Date", "Tue, 15 Jan 20000 x")]).published == \
        "2008-11-01"
