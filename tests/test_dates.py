"""Publication days through the cleaning path: numeric days that read both ways (``01/10/2008``
is January 10 on a US page, 1 October on a British one), and a masthead's day over a menu that
repeats the headline."""

from __future__ import annotations

import time

import htmldate.extractors
import pytest
from htmldate import find_date

import cleaners
from cleaners.dates import (
    date_languages,
    numeric_order,
    page_years,
    printed_clock,
    release_day,
    url_day,
    year_of,
    yearless,
)

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


@pytest.mark.parametrize(("results", "day"), [
    # the page's other dotted days of the year read month first only: so does the dateline
    (["10.30.2012 Whalers 3, Otters 2", "10.27.2012 Spirit 1, Whalers 4"], "2012-11-06"),
    # day first only, or both ways (a schedule and a copied wire day): day first, as before
    (["30.10.2012 Whalers 3, Otters 2"], "2012-06-11"),
    (["10.30.2012 Whalers 3, Otters 2", "27.10.2012 Spirit 1, Whalers 4"], "2012-06-11"),
    # a slashed day, or a dotted one of years before, says nothing of how this one is written
    (["10/30/2012 Whalers 3, Otters 2", "Founded 10.31.1998"], "2012-06-11"),
])
def test_a_dotted_day_is_read_as_the_page_s_other_dotted_days_are(results, day):
    listed = "".join(f"<li>{result}</li>" for result in results)
    page = GAME_PAGE.format(shown="11.06.2012").replace(
        "</div>\n</div></body>", f"</div><ul class=\"sc\">{listed}</ul>\n</div></body>")
    assert listed in page
    assert _published(page, "http://www.hockey.example/ice/news.htm?id=645115") == (day,
                                                                                      "dateline")


def test_a_hostile_page_of_dotted_days_is_read_bounded():
    start = time.process_time()
    assert numeric_order("01.23.2008 " * 200_000, None, None, 2008, ".") == "mdy"
    assert numeric_order("1." * 1_000_000, None, None, 2008, ".") is None
    assert time.process_time() - start < 5.0


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


# A sports portal's story of 2008 in nested tables: the headline an h3 in one cell, the story's
# time and day in the next one, written ``17:59 - 9th, Jan 2008``; the masthead prints the day
# of the crawl.
PORTAL_PAGE = """<html><head><title>Allardyce leaves Magpies - Football News | PORTAL.tv</title>
</head><body><table width="100%"><tr><td class="masthead">Monday 14th January 2008</td>
<td><a href="/login">Login</a></td></tr></table><table><tr><td><h2>Football News</h2>
<p class="dottedline"></p></td></tr><tr><td colspan="3"><table width="100%"><tr>
<td valign="top"><h3>Allardyce leaves Magpies</h3></td>
<td align="right" class="txtdatagrey" width="150">{shown}</td></tr>
<tr><td class="txtdatablack" colspan="2"><p>Sam Allardyce has left Newcastle United by mutual
consent after less than eight months in charge at St James' Park, the club announced.</p>
<p>The former Bolton boss arrived in May but his side have won only two of their last thirteen
games in all competitions and sit eleventh in the Premier League table this week.</p>
<p>First-team coach Nigel Pearson will take charge of the team for Saturday's game at
Manchester United, while the board begin their search for a permanent successor.</p></td></tr>
</table></td></tr></table><div class="footer">&copy; 2008 Portal Media</div></body></html>"""


def test_a_dateline_with_a_comma_after_its_ordinal_day_dates_the_page():
    """``9th, Jan 2008``: the ordinal's comma does not hide the day, which the masthead's day
    of the crawl (htmldate's) does not outweigh."""
    url = "http://www.portal.example.tv/football/news/story.php?id=258152"
    page = PORTAL_PAGE.format(shown="17:59 - 9th, Jan 2008")
    assert find_date(page, original_date=True) == "2008-01-14"
    assert _published(page, url) == ("2008-01-09", "dateline")


# A film blog's post of 2012 (WordPress): the day printed month first with a two-digit year
# under the headline, readers' comments printing the same day.
FILM_POST = """<html><head><title>Miami Connection's trailer requires some serious considering |
FilmBlog</title></head><body><div id="header"><a href="/">FilmBlog</a><ul><li><a href="/news">
News</a></li><li><a href="/reviews">Reviews</a></li></ul></div><div class="post">
<h1><a href="{url}" rel="bookmark">Miami Connection's For Your Consideration trailer requires
some serious considering</a></h1><span class="date">{shown}</span><span class="author"> Written
by <span class="authorname"><a href="/author/admin">Vince Mancini</a></span></span>
<div class="entry"><p>Drafthouse Films, having rescued the 1987 martial arts movie from a
basement in Oklahoma, is now campaigning for it at the awards with a trailer of its own.</p>
<p>The film screens in Austin, Denver and Kansas City from November 9th, with more cities
being added each week as the campaign rolls on toward the end of the year.</p>
<p>The trailer itself is a minute and a half of quotes from critics laid over the film's most
unlikely fight scenes, and it is exactly as good as you would hope it would be.</p></div>
<ol class="comments"><li><div class="comment_date"> {shown} at 1:55 pm</div><div
class="comment_author">Torgo</div><p>No San Francisco or Seattle :-(</p></li></ol></div>
</body></html>"""


@pytest.mark.parametrize("shown, path, day", [
    ("11.05.12", "/2012/11/miami-connection-trailer/", "2012-11-05"),  # month first
    ("05.11.12", "/2012/11/miami-connection-trailer/", "2012-11-05"),  # day first
    ("08-7-2012", "/2012/08/miami-connection-trailer/", "2012-08-07"),
    ("11.05.12", "/miami-connection-trailer/", "2012-05-11"),  # nothing decides: day first
])
def test_a_numeric_day_htmldate_reads_day_first_is_read_as_the_url_s_month_says(
        shown, path, day):
    url = f"http://filmblog.example.com{path}"
    page = FILM_POST.format(url=url, shown=shown)
    # a dateline's, a two-digit year's too (``11.05.12`` under the headline), as htmldate
    # reads it and as the URL's month says
    assert _published(page, url) == (day, "dateline")


@pytest.mark.parametrize("lang, day", [
    (' lang="en-US"', "2008-01-08"),  # an American page: month first
    (' lang="en-GB"', "2008-08-01"),
    ("", "2008-08-01"),  # nothing says: htmldate's day first
])
def test_a_dashed_day_is_read_as_the_page_writes_numeric_days(lang, day):
    """An American blog's meta tag says ``01-08-2008`` (January 8), the post printing no day
    and its URL none: htmldate reads it day first."""
    url = "http://filmblog.example.com/miami-connection-trailer/"
    page = FILM_POST.format(url=url, shown="").replace("<html>", f"<html{lang}>").replace(
        "</title>", '</title><meta name="creation_date" content="01-08-2008">')
    assert find_date(page, original_date=True, url=url) == "2008-08-01"
    assert _published(page, url) == (day, "htmldate")


def test_a_dashed_dateline_is_read_as_the_page_writes_numeric_days():
    """The post prints ``01-08-2008`` under its heading; htmldate takes the oldest day of the
    sidebar's recent posts."""
    url = "http://filmblog.example.com/miami-connection-trailer/"
    sidebar = ('<div id="sidebar"><h3>Recent posts</h3><ul><li><a href="/a">The year in '
               'trailers</a> <span class="date">12-28-2007</span></li><li><a href="/b">Holiday '
               'box office</a> <span class="date">12-26-2007</span></li></ul></div>')
    page = FILM_POST.format(url=url, shown="01-08-2008").replace(
        '</div><div class="post">', f'</div>{sidebar}<div class="post">')
    assert find_date(page, original_date=True, url=url) == "2007-12-28"
    assert _published(page, url) == ("2008-01-08", "dateline")  # the sidebar's days say so
    # a British page's: day first
    page = page.replace("<html>", '<html lang="en-GB">').replace("12-2", "2")
    assert _published(page, url) == ("2008-08-01", "dateline")


def test_a_numeric_day_s_time_in_a_us_zone_reads_it_month_first():
    """A US regional of 2008: ``Article Last Updated: 01/11/2008 09:53:03 AM EST`` on a
    generic domain, the page declaring no language."""
    page = _release(shown="01/11/2008 09:53:03 AM EST", comment="")
    url = "http://www.spartans.example.com/article/1366611"
    assert find_date(page, original_date=True) == "2008-11-01"
    assert _published(page, url) == ("2008-01-11", "dateline")
    assert _published(page.replace(" AM EST", " AM"), url) == ("2008-11-01", "htmldate")
    # a country's domain still says first: a British site's clock in EST is read day first
    assert _published(page, "http://www.spartans.example.co.uk/article/1366611")[0] == \
        "2008-11-01"


# A design blog's post: its day printed as a badge of three elements over the headline, share
# buttons between them; images of the month in the markup.
BADGE_POST = """<html><head><title>SEO Snowball Effect in Action</title>
<meta property="og:image" content="http://design.example.com/uploads/2012/09/growth.png">
</head><body><div id="header"><a href="/">Web Design from Scratch</a></div>
<div class="group"><div class="main-content"><div class="post-date"><div class="post-month">
Sep</div><div class="post-day">26</div><div class="post-year">2012</div></div>
<ul class="social-buttons"><li class="tweet"><span>Tweet</span></li><li class="like"></li></ul>
<h1>SEO Snowball Effect in Action</h1><div class="post-author">by <a href="/author/ben">Ben
Hunt</a></div><p>I saw something that surprised me in my analytics yesterday. I am quite used
to seeing the same ten pages at the top of the list of landing pages, month after month.</p>
<p>Now, I knew that page had been online for a while, since May 2010 in fact, but I had never
seen it climb like this, so I dug a bit further and looked at the visits each month.</p>
<p>In short, the page has got a few new links every month, and each of them brought a few
more, until the search engine started to send it visitors of its own accord.</p></div></div>
</body></html>"""


def test_a_day_printed_as_a_badge_over_the_headline_dates_the_page():
    url = "http://design.example.com/seo/seo-snowball-effect-in-action/"
    assert find_date(BADGE_POST, original_date=True) == "2012-09-01"  # the images' month
    assert _published(BADGE_POST, url) == ("2012-09-26", "dateline")
    # two numbers alone over the headline are no day
    # (and htmldate's month, the images', is no day)
    assert _published(BADGE_POST.replace("Sep</div>", "</div>"), url) == (None, None)


# A newspaper's story of 2008: the <title> names the site first (``site.com -- Headline``), the
# headline a styled span under ``Article published Wednesday, January 2, 2008``; the masthead
# prints the day of the crawl.
LABELLED_PAGE = """<html><head><title>{title}</title></head><body>
<table><tr><td class="weather"><span class="date">Tuesday, January 15, 2008</span></td>
<td><a href="/rss">RSS</a></td></tr></table><br>
<span class="published">Article published Wednesday, January 2, 2008</span>
<br clear="all"><span class="articletitle">Steelers' Heinz turf is terrible, Taylor says</span>
<br><span class="byline"><font size="2">ASSOCIATED PRESS</font></span><br>
<span class="article"><p>PITTSBURGH - The Steelers' own players do not like the turf at Heinz
Field either, and one of them said so the day after the team's last home game of the year.</p>
<p>Ike Taylor said the field, which was resodded in November, is the worst he has played on,
and that it hurts the Steelers' speed players more than it does their opponents.</p>
<p>The team said it will look at replacing the surface again before the start of next
season, as it has done several times since the stadium opened in 2001.</p></span>
</body></html>"""


@pytest.mark.parametrize("title", [
    "bladepaper.com -- Steelers' Heinz turf is terrible, Taylor says",
    "Steelers' Heinz turf is terrible, Taylor says: The Blade",
])
def test_a_labelled_day_over_a_headline_the_title_names_dates_the_page(title):
    url = "http://bladepaper.example.com/apps/article?AID=/SPORTS09/801020434"
    page = LABELLED_PAGE.format(title=title)
    assert find_date(page, original_date=True) == "2008-01-15"
    assert _published(page, url) == ("2008-01-02", "dateline")


def test_a_day_updated_over_the_headline_is_no_label_of_publication():
    """Only publication's words label a dateline over the headline (``Updated`` does not)."""
    url = "http://bladepaper.example.com/apps/article?AID=/SPORTS09/801020434"
    page = LABELLED_PAGE.format(title="bladepaper.com -- Steelers' Heinz turf is terrible, "
                                "Taylor says").replace("Article published", "Article updated")
    assert _published(page, url)[0] != "2008-01-02"


# A tech site's list article: a standfirst under the headline, then the byline and the day the
# story was first published, with its time in brackets; the JSON-LD's datePublished is the
# last save, written as its dateModified too.
GADGETS_PAGE = """<html><head><title>Best tech gadgets of 2019 | TechSite</title>
<script type="application/ld+json">{{"@context": "http://schema.org", "@type": "Article",
"headline": "Best tech gadgets of 2019", "datePublished": "{published}",
"dateModified": "2019-11-19 19:31:39", "author": {{"@type": "Person", "name": "Jason
Cipriani"}}}}</script></head><body><nav class="x9f"><a href="/jp">TechSite Japan</a>
<a href="/kr">TechSite Korea</a></nav><div class="c-2d"><h1>Best tech gadgets of 2019</h1>
<p class="summary">AirPods Pro. Sonos Move. Galaxy Note 10. See what else made our list for
best tech gadgets of the past twelve months, and why each of them earned its place.</p>
<div class="byline">By <a href="/meet-the-team/jason-cipriani/">Jason Cipriani</a> |
<time datetime="2019-11-18 19:14:00">November 18, 2019 -- 19:14 GMT (19:14 GMT)</time> |
Topic: <a href="/topic/hardware/">Hardware</a></div><div class="storyBody"><p>It has been a
busy year for gadgets, with phones that fold, earbuds that cancel noise and speakers that
you can carry from the living room to the beach without a second thought.</p>
<p>We spent the year testing hundreds of them, and these are the ones we would buy with our
own money, from the phone in your pocket to the smart display on your kitchen counter.</p>
<p>Prices change often this time of year, so check the retailers' own pages before buying;
several of these are discounted for the holidays as we write this.</p></div></div>
</body></html>"""


def test_a_publication_time_that_is_the_modification_time_gives_way_to_the_dateline():
    """The markup's datePublished is its dateModified (the last save): the day printed by the
    byline, past the standfirst and with its time in brackets after it, is the first one."""
    url = "https://www.techsite.example.com/article/best-tech-gadgets/"
    page = GADGETS_PAGE.format(published="2019-11-19 19:31:39")
    assert _published(page, url) == (
        "2019-11-18", "dateline (json-ld datePublished is json-ld dateModified)")
    # a publication time of its own is the publication time (on no newsroom's clock the
    # 18th: a time without an offset on the 18th's clock would be the dateline's day)
    assert _published(GADGETS_PAGE.format(published="2019-11-19 19:00:00"), url) == (
        "2019-11-19", "json-ld datePublished")


# A blog of letters: a post of November 2012 whose text is a letter of 1918, its day printed
# on a line of its own past the introduction; Blogger prints the post's day over its title.
LETTER_POST = """<html><head><title>Letters of Note: The sacrifice is not in vain</title>
</head><body><div class="header"><a href="/">Letters of Note</a></div><div class="main">
<h2 class="date-header"><span>{shown}</span></h2><div class="post hentry">
<a href="/share/facebook">Facebook</a> | <a href="/share/tumblr">Tumblr</a>
<h3 class="post-title entry-title">The sacrifice is not in vain</h3>
<div class="post-body entry-content">In November of 1918, just days after the <a
href="/wiki/ww1">end of World War I</a> was announced, a young soldier named Richard Hogan was
hospitalised in France with influenza. Two weeks later he died in hospital.<br><br>A nurse of
the <a href="/wiki/red-cross">American Red Cross</a>, who had cared for him during his final
days, wrote the following heartfelt letter of sympathy to his mother.<br><br>
(Source: <a href="/book">War Letters: Extraordinary Correspondence</a>.)<br><br>
<div style="text-align:right">November 29th, 1918</div><br>My dear Mrs. Hogan:<br><br>I know you
will be glad to hear from one who was with your son at the last, and I write this in the hope
that it brings you some comfort in the long weeks that lie ahead of you and your family.<br>
</div></div></div></body></html>"""


def test_a_day_past_the_introduction_out_of_the_url_s_month_is_not_the_post_s():
    url = "http://www.lettersofnote.example.com/2012/11/the-sacrifice-is-not-in-vain.html"
    published = _published(LETTER_POST.format(shown="Thursday, 8 November 2012"), url)
    assert published[0] == "2012-11-08"
    # in the URL's month it is the post's dateline
    assert _published(LETTER_POST.format(shown="").replace("November 29th, 1918",
                                                            "November 29th, 2012"), url) == \
        ("2012-11-29", "dateline")


# A company blog's post: over the headline, the links to the posts before and after it, one
# titled with its day; the post's own day in its footer.
NAVIGATION_POST = """<html><head><title>Cloud Blog: Deploy a Server Farm on the Cloud in 6 Simple
Steps</title></head><body><div id="banner"><h1><a href="/">Cloud Blog</a></h1></div>
<div class="content"><p class="content-nav"><a href="/">Main</a> | <a
href="/2012/10/week-in-review.html">&laquo; Week in Review - October 29, 2012</a></p>
<h3 class="entry-header">Deploy a Server Farm on the Cloud in 6 Simple Steps</h3>
<div class="entry-body"><p>One of the key differentiators of the cloud is its flexibility: it
lets you choose the software you run and the way you run it, down to the last server.</p>
<p>A farm of enterprise servers is one such widely adopted application, and deploying one
in a highly available way takes planning, which is why we wrote the templates for you.</p>
<p>The templates set up the network, the domain controllers, the database servers and the
web front ends, in two zones, and you can change any of them before you launch.</p></div>
<p class="entry-footer">Posted on <span class="date">November 5, 2012</span> by Jeff</p>
</div></body></html>"""


def test_a_linked_story_s_day_over_the_headline_is_not_the_dateline():
    url = "http://cloudblog.example.com/deploy-a-server-farm.html"
    assert _published(NAVIGATION_POST, url) == ("2012-11-05", "published label")


# A type designer's blog (Blogger): the post's day as the date header over its title, a short
# post, then the readers' comments, each with its day.
SHORT_POST = """<html><head><title>For the love of type: This is Not a Lecture</title></head>
<body><div class="header"><h1><a href="/">For the love of type</a></h1></div>
<div class="main"><h2 class="date-header"><span>Thursday, September 6, 2012</span></h2>
<div class="post"><h3 class="post-title">This is Not a Lecture</h3><div class="post-body">
Tonight, as part of the <a href="/series">This is Not a Lecture</a> series at the <a
href="/mca">Museum of Contemporary Art</a>, I will be telling a short story about my pseudonym
and how I fell into working with type, and about the typeface that gave me the name. More
<a href="/more">here</a>.</div><div class="post-footer">Posted by <a href="/profile">mrs
eaves</a> at <a href="/post">1:27 PM</a></div></div><div class="comments"><h4>1 comment:</h4>
<dl><dt>Tim said...</dt><dd>Hi Gemma, have a look at our type by hand project.</dd>
<dd class="comment-footer">September 25, 2012 5:11 PM</dd></dl></div></div></body></html>"""


def test_a_reader_s_comment_under_a_short_post_does_not_date_it():
    url = "http://fortype.example.com/2012/09/this-is-not-a-lecture.html"
    assert _published(SHORT_POST, url) == ("2012-09-06", "dateline")


# A Manila news site's wire story: the day posted under the headline, slashed, in the
# newsroom's clock; the URL carries the day in US order with a two-digit year, the related
# stories' links theirs.
WIRE_PAGE = """<html><head><title>Hispanics making US political heft felt | News Online</title>
</head><body><div class="top"><a href="/">News Online</a> <a href="/world">World</a></div>
<div class="text-article"><h1><span>Hispanics making US political heft felt</span></h1>
<div class="byline">Agence France-Presse</div>
<div class="posted">Posted at 11/07/2012 1:38 AM | Updated as of 11/07/2012 1:38 AM</div>
<p>Hispanic voters turned out in record numbers on Tuesday, and both campaigns spent the last
weeks of the race courting them in the swing states of the West and in Florida.</p>
<p>Analysts said the community's growing weight would shape the next Congress's agenda on
immigration, where a bipartisan bill has been stalled for years in both houses.</p>
<p>Exit polls showed the president winning about seven in ten Hispanic votes nationwide,
a larger share than four years ago, with the biggest gains among younger voters.</p></div>
<ul class="related"><li><a href="/world/11/05/12/young-child-mauled">Young child mauled at
zoo</a></li><li><a href="/world/11/05/12/obama-course-victory">Obama on course for victory</a>
</li></ul></body></html>"""


def test_the_url_s_day_written_any_way_round_decides_a_numeric_dateline():
    url = "http://www.news.example.com/global/world/11/06/12/hispanics-making-us-heft-felt"
    assert _published(WIRE_PAGE, url) == ("2012-11-07", "dateline")
    # a URL without a day decides nothing: the dateline reads both ways and gives no day
    assert _published(WIRE_PAGE, "http://www.news.example.com/world/hispanics-heft")[1] != \
        "dateline"


# Two old newspapers' article pages, laid out in tables and lists, without date markup and
# without a heading the title names (a generic <title>, the headline in a table cell): the
# day the story was published, labelled, in a cell under the story, away from the headline;
# the site's clock in the header and the other stories' days in a sidebar.
TABLE_PAGE = """<html><head><title>The Courier - Article</title></head><body>
<table width="980"><tr><td class="TopBar"><b>Jan 15 2008 4:36PM</b> | <a href="/">Home</a> |
<a href="/news">News</a> | <a href="/sport">Sport</a></td></tr>
<tr><td class="MainArticleCell"><table><tr><td colspan="2" class="ArticleHead">Council puts
its chief planner on leave</td></tr><tr><td colspan="2" class="Byline">JANE MOKOENA</td></tr>
<tr><td colspan="2">{story}</td></tr><tr><td class="Share"><a href="/email">Email</a> |
<a href="/print">Print</a></td><td class="Published" align="right">{label}</td></tr></table></td>
<td class="Sidebar"><table><tr><td class="RSSTitle"><a href="/a/1">Mayor opens new bridge</a>
</td><td class="RSSDate">15 Jan 2008</td></tr><tr><td class="RSSTitle"><a href="/a/2">Rates
to rise in July</a></td><td class="RSSDate">10 Jan 2008</td></tr></table></td></tr>
</table><div class="footer">All rights reserved &copy;2008</div></body></html>"""
COUNCIL_STORY = """<p>The city council has granted its chief planner an extended leave of absence
while an inquiry looks into how three building permits were approved last year.</p>
<p>The mayor said the inquiry would report within six weeks and that the planning office would
carry on its work under the deputy planner, who has run it twice before during absences.</p>
<p>Residents who objected to the permits welcomed the decision but said the inquiry should be
held in public, and the opposition asked for the minutes of the meetings to be released.</p>"""


@pytest.mark.parametrize("label", [
    '<font class="PublishedHead">Published:</font><font class="PublishedDate">Jan 14, 2008</font>',
    "<ul><li><strong>Published Date: </strong> 14 January 2008</li><li><strong>Source: "
    "</strong> Press Association</li></ul>",
    '<span class="posted">Posted on Mon, Jan. 14, 2008 09:15 PM</span>',
])
def test_a_labelled_publication_day_away_from_the_headline_dates_an_undated_page(label):
    page = TABLE_PAGE.format(label=label, story=COUNCIL_STORY)
    assert _published(page, "http://www.courier.example.com/News/Article.aspx?id=678837") == \
        ("2008-01-14", "published label")


def test_a_label_after_a_script_is_read_and_one_in_a_noscript_fallback_is_not():
    # the labels are found among the page's texts in Python (one walk shared with the
    # headline's search): a text after a script is shown, one after the image of a
    # ``<noscript>`` counter is in the fallback a browser does not show
    url = "http://www.courier.example.com/News/Article.aspx?id=678837"
    after_script = TABLE_PAGE.format(
        label="<script>document.write(pageCount());</script>Published: Jan 14, 2008",
        story=COUNCIL_STORY)
    assert _published(after_script, url) == ("2008-01-14", "published label")
    in_fallback = TABLE_PAGE.format(
        label='<noscript><img src="/stat.gif" alt="">Published: Jan 14, 2008</noscript>',
        story=COUNCIL_STORY)
    assert _published(in_fallback, url)[1] != "published label"


def test_a_label_followed_by_a_name_or_labels_that_disagree_date_nothing():
    url = "http://www.courier.example.com/News/Article.aspx?id=678837"
    # a reader's comment, ``Posted by: Jane | <day>``, in no element that says it is one
    signed = TABLE_PAGE.format(label="Posted by: <a href='/u/9'>Andrew</a> | Jan 14, 2008",
                                  story=COUNCIL_STORY)
    assert _published(signed, url)[1] != "published label"
    two = TABLE_PAGE.format(label="Published: Jan 14, 2008", story=COUNCIL_STORY +
                               "<p class='more'>Published: Jan 9, 2008</p>")
    assert _published(two, url)[1] != "published label"


def test_a_year_or_a_month_htmldate_only_guesses_is_no_publication_day():
    # no day anywhere: htmldate's search falls back on the copyright's year, read as its 1 January
    page = TABLE_PAGE.format(label="", story=COUNCIL_STORY)
    for day in ("<b>Jan 15 2008 4:36PM</b>", "15 Jan 2008", "10 Jan 2008"):
        page = page.replace(day, "")
    assert find_date(page, original_date=True) == "2008-01-01"
    url = "http://www.courier.example.com/News/Article.aspx?id=678837"
    assert _published(page, url) == (None, None)
    # a first of the month the page writes (spaced as the page's entities space it) is a day
    shown = page.replace("</td></tr></table></td>", "<p><span class=itdate>7:51pm&nbsp;Tuesday"
                         "&nbsp;1st&nbsp;January&nbsp;2008</span></p></td></tr></table></td>", 1)
    assert _published(shown, url) == ("2008-01-01", "htmldate")


def test_a_structured_day_written_as_a_dotnet_server_writes_it_is_read():
    # JSON-LD ``datePublished`` as an ASP.NET page's default US format writes it
    page = TABLE_PAGE.format(label="", story=COUNCIL_STORY).replace(
        "</head>", '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "NewsArticle", "headline": "Council puts its chief planner on leave", '
        '"datePublished": "1/27/2008 12:00:00 AM"}</script></head>')
    assert _published(page, "http://www.courier.example.com/News/Article.aspx?id=678837") == \
        ("2008-01-27", "json-ld datePublished (day read as the page writes it)")


# A regional paper's page of 2008 without date markup, its day printed in the masthead's
# clock format only dateparser reads (spaces before the commas), far from the headline.
SPACED_PAGE = """<html{lang}><head><title>Ferry service cut for the winter</title></head><body>
<div id="top"><a href="/">Home</a> | <a href="/news">News</a></div>
<div id="story"><div class="stamp">{shown}</div>
<p class="intro">{intro}</p><p>{story}</p></div>
<div id="foot"><a href="/about">About us</a></div></body></html>"""
FERRY = ("The island ferry will sail twice a day instead of four times until the spring, the "
         "operator said, after a winter of falling passenger numbers and rising fuel bills.")
FERRY_MORE = ("Islanders said the cut would leave commuters stranded in the evenings and asked "
              "the council to pay for a late sailing on weekdays, as it did three years ago.")


@pytest.mark.parametrize("lang, shown, day", [
    ("", "Wednesday , January 9 , 2008", "2008-01-09"),
    (' lang="pl"', "środa , 9 stycznia 2008", "2008-01-09"),  # the page's own language
])
def test_htmldate_s_date_parser_reads_the_common_languages_and_the_page_s(lang, shown, day):
    page = SPACED_PAGE.format(lang=lang, shown=shown, intro=FERRY, story=FERRY_MORE)
    assert _published(page, "http://www.islandnews.example.com/news/story.php?id=3318") == \
        (day, "htmldate")


def test_htmldate_s_own_date_parser_is_back_after_a_search():
    everything = htmldate.extractors.get_external_parser()
    with date_languages("pl-PL"):
        searched = htmldate.extractors.get_external_parser()
        assert searched is not everything
        assert searched.get_date_data("9 stycznia 2008")["date_obj"] is not None
        assert searched.get_date_data("9 января 2008")["date_obj"] is None  # Russian: not asked
    assert htmldate.extractors.get_external_parser() is everything
    assert everything.get_date_data("9 января 2008")["date_obj"] is not None


# A local TV station's story (Pacific time): the mailing tool's ``sailthru.date`` is the UTC
# clock with no offset, past midnight; the byline prints the station's own day and time.
STATION_PAGE = """<html><head><title>Crews contain brush fire near Highway 101 | KXYZ 7</title>
<meta name="sailthru.date" content="{stamp}">
<meta property="og:title" content="Crews contain brush fire near Highway 101"></head><body>
<div class="q7x"><a href="/">KXYZ 7</a><ul class="n1"><li><a href="/news">News</a></li>
<li><a href="/weather">Weather</a></li><li><a href="/traffic">Traffic</a></li></ul></div>
<div class="a3f"><div class="c9"><h1 class="hl-2">Crews contain brush fire near Highway 101</h1>
<div class="m4"><span class="b1">By Maria Lopez</span> <span class="t8">{shown}</span></div>
<div class="bd"><p>Firefighters stopped the forward spread of a brush fire that burned about 40
acres along Highway 101 on Sunday evening, after closing two lanes for more than an hour.</p>
<p>No homes were threatened, the county fire department said, and the cause of the fire is
under investigation; crews were expected to stay overnight to put out hot spots.</p>
<p>Drivers were told to expect delays through the morning commute while the lanes are
checked, and to follow the signs for the detour along the frontage road.</p></div></div>
<ul class="rel"><li><a href="/news/2012/03/02/storm">Storm knocks out power to thousands</a>
<span>March 2, 2012</span></li></ul></div>
<div class="ft">&copy; 2012 KXYZ. All rights reserved.</div></body></html>"""


def test_a_clock_without_an_offset_a_day_after_the_printed_day_gives_way_to_it():
    """``2012-03-05 02:30:00`` with no offset is 6:30 pm on the 4th in Pacific time: the day
    the station prints is its day; the markup's clock names no instant, so none is kept."""
    url = "https://www.kxyz.example.com/news/crews-contain-brush-fire-near-highway-101"
    page = STATION_PAGE.format(stamp="2012-03-05 02:30:00", shown="Posted: Mar 4, 2012 6:30 PM PST")
    document = cleaners.clean(page.encode(), url)
    assert document.published == document.published_at == "2012-03-04"
    assert dict(document.metadata_sources)["published"] == \
        "dateline (sailthru.date 2012-03-05T02:30:00 gives no offset)"
    # a day alone a day after the printed day is the server's too (``DC.date.issued``)
    page = STATION_PAGE.format(stamp="2012-03-05", shown="Sunday, March 4, 2012")
    assert _published(page, url)[0] == "2012-03-04"


def test_a_clock_without_an_offset_on_no_newsroom_s_day_of_the_dateline_is_kept():
    """19:00 UTC on the 5th is the 5th in every newsroom's clock: the dateline of the 4th is
    another time (a first version's), not the same instant printed in the station's zone; a
    day two days off is no clock's either."""
    url = "https://www.kxyz.example.com/news/crews-contain-brush-fire-near-highway-101"
    page = STATION_PAGE.format(stamp="2012-03-05 19:00:00", shown="Posted: Mar 4, 2012 6:30 PM PST")
    assert _published(page, url) == ("2012-03-05", "sailthru.date")
    page = STATION_PAGE.format(stamp="2012-03-06", shown="Posted: Mar 4, 2012 6:30 PM PST")
    assert _published(page, url) == ("2012-03-06", "sailthru.date")


# A trade site's copy of a wire release, laid out in divs, with no date markup: the release's
# dateline gives its month and day only; the site's notice its year.
RELEASE_COPY = """<html><head><title>Acme Robotics Opens San Diego Plant - TradeWire Daily</title>
</head><body><div class="hd"><a href="/">TradeWire Daily</a> <a href="/releases">Releases</a>
<a href="/contact">Contact</a></div><div class="k2"><div class="t0">Acme Robotics Opens San Diego
Plant</div><div class="x1"><p>SAN DIEGO, March 3 <!--/PRNewswire/--> -- Acme Robotics, a maker of
warehouse robots, today opened a plant in San Diego that will employ 300 people by the end of the
year, the company said in a statement.</p><p>The plant will build the company's picking arms,
which are now made by a contractor in Ohio, and its first robots are due to ship in June.</p>
<p>"San Diego gives us the engineers we need," said chief executive Dana Moss, who founded the
company in 2001 with two partners from the university's robotics lab.</p>
<p>SOURCE Acme Robotics</p></div><ul class="rl"><li><a href="/r/881">Port of Oakland names new
director</a> (Feb 27)</li></ul></div><div class="ft">{notice}</div></body></html>"""


def test_a_release_s_dateline_without_its_year_takes_the_page_s_year():
    url = "http://www.tradewire.example.com/releases/2009/acme-robotics-opens-plant.html"
    page = RELEASE_COPY.format(notice="Copyright &copy; 2009 TradeWire Daily")
    assert _published(page, url) == ("2009-03-03", "release dateline")


def test_a_release_s_dateline_takes_no_year_the_page_s_dates_disagree_on():
    """The wire's notice of the year before (a January release, the boilerplate not yet
    changed) against the URL's year: no year is sure, and no day is made up."""
    url = "http://www.tradewire.example.com/releases/2009/acme-robotics-opens-plant.html"
    page = RELEASE_COPY.format(notice="Copyright &copy; 2008 PR Newswire")
    assert _published(page, url)[0] != "2009-03-03"
    assert _published(page, url)[0] != "2008-03-03"
    # the month and day without a wire after them are no release's dateline
    page = RELEASE_COPY.format(notice="Copyright &copy; 2009 TradeWire Daily").replace(
        "<!--/PRNewswire/-->", "")
    assert _published(page, url)[0] != "2009-03-03"


# A network's news blog: its ``<meta name="date">`` is the day the server rendered the page (a
# week after the story, by the client's address); the URL and the header print the story's day.
SERVED_PAGE = """<html><head><title>Kenyans use cell phones for everything from buying
groceries to paying rent - World News</title>
<meta name="cip" content="203.0.113.80"><meta name="date" content="July 31, 2012, 2:38 pm">
</head><body><div class="nv"><a href="/">World News</a> <a href="/_news/africa">Africa</a>
<a href="/_news/asia">Asia</a></div><div class="p0"><header><time pubdate
datetime="2012-07-24T09:49:32-04:00"><span class="d">Jul 24, 2012 9:49 AM ET</span></time>
<h1 class="h7">Kenyans use cell phones for everything from buying groceries to paying rent</h1>
<div class="by">By Anne Kiruga</div></header><div class="tx"><p>NAIROBI, Kenya -- In a market
on the edge of the city, a tomato seller takes payment by phone, and so does the landlord who
collects the rent from the stalls behind her, a week's worth at a time.</p>
<p>Seven in ten Kenyan adults now send money from their phones, a share that has grown every
year since the service started, and many have never held a bank account.</p>
<p>Shops, schools and taxis take the payments, and the fees, a few shillings a time, are lower
than a bank's; the government now pays some benefits that way too.</p></div></div>
<div class="pop"><h3>Popular posts</h3><a href="/_news/2012/07/31/mali">Mali group stones couple
</a><time pubdate datetime="2012-07-31T04:23:37-04:00">13 hours ago</time></div>
<div class="ft">&copy; 2012 World News</div></body></html>"""


def test_the_day_the_url_and_the_header_agree_on_beats_a_server_s_day_in_the_markup():
    url = "http://worldnews.example.com/_news/2012/07/24/12909129-kenyans-use-cell-phones"
    document = cleaners.clean(SERVED_PAGE.encode(), url)
    assert document.published == "2012-07-24"
    assert document.published_at == "2012-07-24T09:49:32-04:00"  # the header's time
    assert dict(document.metadata_sources)["published"] == \
        "dateline (the URL's day; date (day read by htmldate) 2012-07-31 is neither)"


def test_the_markup_s_day_stays_when_the_url_and_the_header_disagree():
    """The URL's day four days from the header's: which of them is the story's is not sure
    (a story moved, a day's header), so the markup's day stands."""
    url = "http://worldnews.example.com/_news/2012/07/20/12909129-kenyans-use-cell-phones"
    assert _published(SERVED_PAGE, url) == ("2012-07-31", "date (day read by htmldate)")
    # without a day in its path, the URL confirms nothing
    assert _published(SERVED_PAGE, "http://worldnews.example.com/_news/12909129-kenyans"
                      )[0] == "2012-07-31"



@pytest.mark.parametrize("path", [
    "2012-07-24/kenyans-use-cell-phones",  # the day a part of its own
    "20120724/kenyans-use-cell-phones",
    "kenyans-use-cell-phones-20120724/",  # ending the slug
    "20120724-0949-kenyans-use-cell-phones.html",  # the day, then its time
])
def test_the_url_s_day_written_in_one_part_of_its_path_agrees_with_the_header(path):
    url = f"http://worldnews.example.com/_news/{path}"
    assert _published(SERVED_PAGE, url) == (
        "2012-07-24", "dateline (the URL's day; date (day read by htmldate) 2012-07-31 is neither)")


@pytest.mark.parametrize("path", [
    "20120724123/kenyans-use-cell-phones",  # an article's id
    "story/84229-20120724/",  # an id after a section's number
    "dmf20120724_96887132",  # letters run into it
    "2012_07_22_worldnews_archive.html",  # a blog archive's week, from its first day
    "kenyans.html?pid=20120724",  # a query's id
    "photos/1920x1080/20121/07/24/kenyans",
])
def test_eight_digits_of_an_id_in_the_url_are_no_day(path):
    url = f"http://worldnews.example.com/_news/{path}"
    assert url_day(url) is None
    assert _published(SERVED_PAGE, url) == ("2012-07-31", "date (day read by htmldate)")


@pytest.mark.parametrize("path", ["2019-11-1" * 200_000, "1" * 5_000_000, "-20191" * 500_000])
def test_a_hostile_url_of_numbers_is_read_bounded(path):
    start = time.process_time()
    assert url_day(f"http://worldnews.example.com/{path}") is None
    # not a speed test: work growing with the square of the URL would overrun it by far
    assert time.process_time() - start < 10.0

# A politics site's brief: the byline prints the publication day with a two-digit year; an
# embedded post quoted in the story prints the next day, the day of the brief's update.
BRIEF_PAGE = """<html><head><title>Man pleads guilty to threatening congresswoman | The Hall</title>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Man pleads guilty to
threatening congresswoman", "datePublished": "2019-11-18T23:04:24-05:00",
"dateModified": "2019-11-19T13:23:59-05:00"}}</script></head><body><div class="top"><a href="/">
The Hall</a> <a href="/news">News</a> <a href="/policy">Policy</a></div><div class="s1">
<h1 class="t2">Man pleads guilty to threatening congresswoman</h1><div class="sub"><span
class="b">By Jo Chen</span>{byline}</div><div class="body"><p>A man from upstate pleaded guilty
on Monday to charges that he threatened to kill a member of Congress in a series of phone calls
to her office last spring, federal prosecutors said.</p><blockquote class="tw"><p>Thank you to
the Capitol Police and the prosecutors for their work on this case.</p>&mdash; Rep. Ana Ruiz
<a href="https://social.example/status/1196847767764815872">November 19, 2019</a></blockquote>
<p>He faces up to ten years in prison when he is sentenced in February, and remains held
without bail until then, the court's docket shows.</p><p><em>Updated at 1:23 p.m.</em></p>
</div></div><div class="ft">&copy; 2019 The Hall</div></body></html>"""


def test_a_publication_day_printed_with_a_two_digit_year_is_shown():
    url = "https://www.thehall.example.com/news/471031-man-pleads-guilty"
    page = BRIEF_PAGE.format(byline=' - <span class="d">11/18/19 11:04 PM EST</span>')
    assert _published(page, url) == ("2019-11-18", "json-ld datePublished")
    # without it, the only day shown is the update's: the rule for a page re-dated stands
    assert _published(BRIEF_PAGE.format(byline=""), url) == (
        "2019-11-19", "json-ld dateModified (shown; json-ld datePublished is not)")


@pytest.mark.parametrize("page", [
    "Jan. 7 /PRNewswire/ -- &copy; 2008 (c) 2009 " * 40_000,  # 1.5 MB of datelines, years disagree
    "<b>Newswire</b> " * 100_000 + "Jan. 7 /PRNewswire/ -- &copy; 2008",  # its dateline past 20
    "Jan. 7 " + "<" * 200_000 + "/PRNewswire/",
])
def test_a_hostile_page_of_wire_datelines_is_read_bounded(page):
    start = time.process_time()
    assert release_day(page, "http://wire.example.com/2008/release.html", set()) is None
    # not a speed test: work growing with the square of the page would overrun it by far
    assert time.process_time() - start < 10.0


# A regional paper's story: its JSON-LD writes the UTC clock of the publication with the
# newsroom's offset; the dateline under the byline prints the same instant in its own zone.
ZONED_PAGE = """<html><head><title>Council backs new levee plan - The Valley Herald</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Council backs new levee plan", "datePublished": "{stated}"}}</script></head><body>
<div class="x9f"><a href="/">The Valley Herald</a><ul class="q1"><li><a href="/news">News</a></li>
<li><a href="/sports">Sports</a></li><li><a href="/obits">Obituaries</a></li></ul></div>
<div class="k3"><div class="a7"><h1 class="z2">Council backs new levee plan</h1>
<div class="m4"><span class="b1">By Dale Hurst</span><div class="d0">{printed}</div></div>
<div class="c8"><p>The city council voted 6-1 late Monday to back a plan that would raise the
levee along the river's east bank by four feet, after a public hearing that ran past ten.</p>
<p>The Corps of Engineers still has to approve the design, and the city's share of the cost,
about $12 million, would come from a sales tax voters approved in November.</p></div></div>
<div class="r5"><h3>Related</h3><ul><li><a href="/news/levee-study">Levee study finds weak
spots</a> Dec 12, 2007</li><li><a href="/news/sales-tax">Voters pass sales tax</a></li></ul>
</div></div><div class="f6">&copy; 2008 The Valley Herald. All rights reserved.</div>
</body></html>"""
ZONED_URL = "https://www.valleyherald.example.com/news/council-backs-new-levee-plan"


@pytest.mark.parametrize("printed", ["Jan 7, 2008 11:30 PM CST",
                                     "Posted: 11:30 p.m. CST, January 7, 2008"])
def test_a_utc_clock_in_the_newsroom_s_offset_takes_the_printed_day(printed):
    page = ZONED_PAGE.format(stated="2008-01-08T05:30:00-06:00", printed=printed)
    assert _published(page, ZONED_URL) == (
        "2008-01-07", "dateline (json-ld datePublished 2008-01-08T05:30:00-06:00 is its clock "
        "in UTC)")


@pytest.mark.parametrize(("stated", "printed"), [
    # another instant: the markup's day stands (an update, a page re-dated)
    ("2008-01-08T09:15:00-06:00", "Jan 7, 2008 11:30 PM CST"),
    # the right instant in the newsroom's offset, printed the day before: kept as stated
    ("2008-01-08T05:30:00-06:00", "Jan 7, 2008"),
    # a zone that names several offsets is no evidence
    ("2008-01-08T05:30:00-06:00", "Jan 7, 2008 11:30 PM ET"),
])
def test_a_markup_time_without_the_printed_clock_keeps_its_day(stated, printed):
    page = ZONED_PAGE.format(stated=stated, printed=printed)
    assert _published(page, ZONED_URL) == ("2008-01-08", "json-ld datePublished")


@pytest.mark.parametrize("text", ["Jan 7, 2008 " * 400_000, "Jan 7, 2008 11:" * 300_000,
                                  "11:30 PM CST, " * 300_000 + "Jan 7, 2008"])
def test_a_hostile_printed_clock_is_read_bounded(text):
    start = time.process_time()
    assert printed_clock(text, "2008-01-06") is None
    assert time.process_time() - start < 10.0


# A local paper's story whose dateline prints no year (``Fri Dec 28, 6:09 PM ET``), without date
# markup; a related story's full day in the sidebar, the year in the footer's notice.
YEARLESS_PAGE = """<html><head><title>Storm cuts power to thousands along the coast - Coastal
News</title></head><body><div class="x9f"><div class="k2"><a href="/">Coastal News</a></div>
<ul class="q1"><li><a href="/local">Local</a></li><li><a href="/sports">Sports</a></li>
<li><a href="/weather">Weather</a></li></ul></div>
<div class="w7"><div class="c3"><h1 class="h">Storm cuts power to thousands along the coast</h1>
<div class="m4">By Dana Reyes, Staff Writer</div><div class="t8">{printed}</div>
<div class="b2"><p>A winter storm brought down power lines from the harbour to the state line
overnight, leaving more than twelve thousand homes without electricity as temperatures fell
below freezing, the utility said in a statement early in the morning.</p>
<p>Crews from three counties worked through the night, and the utility said most customers
would have power back by the evening, though some rural roads were still blocked by trees.</p>
<p>Schools in four districts closed for the day, and the county opened two warming centres in
its libraries for residents whose homes had no heat.</p></div></div>
<div class="r5"><h3>More stories</h3><ul><li><a href="/local/ferry">Ferry service resumes
after repairs</a> <span>{related}</span></li><li><a href="/local/budget">Council passes
budget</a></li></ul></div></div><div class="f0">{notice}</div></body></html>"""
YEARLESS_URL = "http://news.example.com/s/cn/storm-power"


def _yearless(printed, url=YEARLESS_URL, related="January 13, 2008",
              notice="&copy; 2007 Coastal News"):
    return _published(YEARLESS_PAGE.format(printed=printed, related=related, notice=notice),
                      url)


@pytest.mark.parametrize(("printed", "url", "related", "day", "why"), [
    # htmldate takes the related story's day; the URL's day is the printed one's
    ("Fri Dec 28, 6:09 PM ET", "http://news.example.com/s/cn/20071228/storm-power",
     "January 13, 2008", "2007-12-28", "the URL's day"),
    ("| Dec 28, 6:09 PM", "http://news.example.com/2007/12/storm-power.html",
     "January 13, 2008", "2007-12-28", "the URL's year and month"),
    # no other day: the one year of the notice's that falls on the weekday printed
    ("Fri 28 Dec, 6:09 PM", YEARLESS_URL, "", "2007-12-28", "its weekday"),
    # htmldate's day is the next (a reader's or the server's clock): its year, the printed day
    ("Posted Dec 28", YEARLESS_URL, "December 29, 2007", "2007-12-28", "htmldate's day"),
    ("Veröffentlicht am 28. Dezember", YEARLESS_URL, "December 29, 2007", "2007-12-28",
     "htmldate's day"),
])
def test_a_dateline_without_its_year_takes_the_year_the_page_gives(printed, url, related,
                                                                   day, why):
    assert _yearless(printed, url, related) == (day, f"dateline (its year: {why})")


@pytest.mark.parametrize(("printed", "url", "related", "notice"), [
    # a city's dateline is the day the story was filed: the edition's stays
    ("LONDON, Dec. 28 -", YEARLESS_URL, "December 29, 2007", "&copy; 2007 Coastal News"),
    # a day in a sentence, a list's heading a week before htmldate's day
    ("The ferry returns on Dec 28 after repairs.", YEARLESS_URL, "December 29, 2007",
     "&copy; 2007 Coastal News"),
    ("Friday, December 28", YEARLESS_URL, "January 4, 2008", "&copy; 2007 Coastal News"),
    # a URL's day or month it is not near, a weekday on which no year of the page puts it
    ("Fri Dec 28, 6:09 PM ET", "http://news.example.com/s/cn/20080113/storm-power",
     "January 13, 2008", "&copy; 2007 Coastal News"),
    ("Dec 28, 6:09 PM", "http://news.example.com/2008/01/storm-power.html",
     "January 13, 2008", "&copy; 2007 Coastal News"),
    ("Sat 28 Dec, 6:09 PM", YEARLESS_URL, "", "&copy; 2007 Coastal News"),
    # no weekday and no other day: a notice's year alone is no publication's
    ("Dec 28, 6:09 PM", YEARLESS_URL, "", "&copy; 2007 Coastal News"),
])
def test_a_dateline_without_its_year_takes_none_the_page_does_not_give(printed, url, related,
                                                                       notice):
    published, source = _yearless(printed, url, related, notice)
    assert not (source or "").startswith("dateline (its year")
    assert published != "2007-12-28"


def test_a_hostile_dateline_without_its_year_is_read_bounded():
    start = time.process_time()
    for text in ("Fri " * 20 + "Dec 28", "Dec 28, " + "6:09 " * 20, "| " * 50_000 + "Dec 28"):
        assert yearless(text) is None
    page = "&copy; 2007 " * 100_000
    assert year_of((12, 28, 4), None, None, page_years(page, None)) == ("2007-12-28", "its weekday")
    assert time.process_time() - start < 5.0
