"""The headline a page shows against what its tags and title say: a section's ``h1`` over the
story's heading, a site's name in ``og:title``, a dateline set inside the heading, and a site's
name hung on in square brackets (:mod:`cleaners.headlines`)."""

from __future__ import annotations

import cleaners

STORY = """<p>The county board voted on Tuesday night to close two of the three branch libraries
by the end of the year, after a budget review found the system short of money for repairs.</p>
<p>Residents who spoke at the meeting asked the board to wait for a second review, and several
said the branches were the only places in their neighbourhoods with free internet access.</p>
<p>The board's chair said the decision could be revisited if the state restores its grant.</p>"""

NAV = """<div class="x9f2"><a href="/">Home</a> <a href="/news/">News</a>
<a href="/politics/">Politics</a> <a href="/sport/">Sport</a>
<a href="/about/">About us</a></div>"""

RELATED = """<div class="q7rel"><h3>More from the Courier</h3><ul>
<li><a href="/news/2010/01/04/road-repairs">Road repairs delayed again on Route 9</a></li>
<li><a href="/news/2010/01/03/school-board">School board names a new superintendent</a></li>
</ul></div>"""

FOOTER = """<div class="f00t">&copy; 2010 The Daily Courier. All rights reserved.
<a href="/privacy">Privacy</a> <a href="/contact">Contact</a></div>"""

URL = "https://www.dailycourier.example/news/2010/01/05/libraries-close"


def _page(head: str, body: str) -> bytes:
    return (f"<html><head>{head}</head><body>{NAV}<div class='c1a'>{body}"
            f"<div class='b0dy'>{STORY}</div></div>{RELATED}{FOOTER}</body></html>").encode()


def _title(head: str, body: str) -> tuple[str, str]:
    document = cleaners.clean(_page(head, body), URL)
    return document.title, dict(document.metadata_sources).get("title", "")


def test_a_site_name_in_square_brackets_is_cut_from_the_headline():
    head = ('<title>County to close two branch libraries [Daily Courier]</title>'
            '<meta property="og:site_name" content="Daily Courier">'
            '<meta property="og:title" content="County to close two branch libraries '
            '[Daily Courier]">')
    body = "<div class='h3dl'>County to close two branch libraries</div><p>By Jane Doe</p>"
    assert _title(head, body)[0] == "County to close two branch libraries"


def test_a_bracket_that_is_no_name_of_the_site_stays_in_the_headline():
    head = ('<title>County to close two branch libraries [VIDEO]</title>'
            '<meta property="og:site_name" content="Daily Courier">'
            '<meta property="og:title" content="County to close two branch libraries [VIDEO]">')
    assert _title(head, "<p>By Jane Doe</p>")[0] == "County to close two branch libraries [VIDEO]"


def test_a_timestamp_inside_the_h1_is_no_part_of_the_headline():
    """The h1 is dated under it: it is the headline shown, without its timestamp."""
    head = ('<title>County to close two branch libraries - Daily Courier</title>'
            '<meta property="og:title" content="County to close two branch libraries">')
    body = ('<h1 class="t1x">County to close two branch libraries '
            '<span class="k2">Jan. 5, 2010 10:32 PM</span></h1><p class="by">By Jane Doe</p>')
    assert _title(head, body)[0] == "County to close two branch libraries"


def test_a_timestamp_in_the_only_heading_of_a_page_without_a_title_is_cut_too():
    """No ``<title>``, no tags, a share bar between the heading and the text: trafilatura's
    title, the heading's whole text, is the only title source."""
    share = "".join(f'<span class="s{i}">Share {i}</span> ' for i in range(25))
    body = ('<h1 class="t1x">County to close two branch libraries '
            f'<small>(05/01/2010)</small></h1><div class="sh">{share}</div>'
            '<p class="by">By Jane Doe</p>')
    assert _title("", body)[0] == "County to close two branch libraries"


def test_a_day_inside_the_heading_s_own_text_stays():
    head = '<title>Courier: Weekly links, 5 January 2010</title>'
    body = "<h1>Weekly links, <em>5 January 2010</em> edition</h1>"
    assert _title(head, body)[0] == "Weekly links, 5 January 2010 edition"
    body = '<h1 class="t1x"><a href="/links/2010/01/05">Weekly links: 5 January 2010</a></h1>'
    assert _title("<title>Weekly links: 5 January 2010</title>", body)[0] == \
        "Weekly links: 5 January 2010"


def test_an_og_title_that_is_only_the_site_s_name_leaves_the_headline_to_the_title():
    head = ('<title>County to close two branch libraries | The Daily Courier</title>'
            '<meta property="og:title" content="The Daily Courier">'
            '<meta name="twitter:title" content="The Daily Courier">')
    body = "<div class='h3dl'>County to close two branch libraries</div><p>By Jane Doe</p>"
    assert _title(head, body)[0] == "County to close two branch libraries"


def test_a_home_page_named_only_by_the_site_keeps_its_name():
    head = ('<title>The Daily Courier</title>'
            '<meta property="og:title" content="The Daily Courier">')
    assert _title(head, "<p>By Jane Doe</p>")[0] == "The Daily Courier"


def test_a_short_headline_sharing_a_word_with_the_site_s_name_is_kept():
    head = ('<title>Courier readers pick the best diner | The Daily Courier</title>'
            '<meta property="og:title" content="Courier readers pick the best diner">')
    assert _title(head, "<p>By Jane Doe</p>")[0] == "Courier readers pick the best diner"


SECTION = """<h1 class="s3c">Crime and Courts</h1>
<h2 class="z8k">County to close two branch libraries</h2>
<p class="m4">By Jane Doe | January 5, 2010</p>
<p class="dk">A budget review found the system short of money, and two branches shut in June.</p>"""
SECTION_NAV = NAV.replace("Politics</a>", "Politics</a> <a href='/crime/'>Crime and Courts</a>")


def test_a_section_s_h1_over_the_story_s_signed_h2_is_no_headline():
    """The ``<title>`` names only the site: the heading over the text is read, and the h1 the
    menu links to is the section's, over the story's heading with its byline."""
    page = _page("<title>The Daily Courier</title>", SECTION).replace(
        NAV.encode(), SECTION_NAV.encode())
    assert cleaners.clean(page, URL).title == "County to close two branch libraries"


def test_an_h1_over_a_deck_is_the_headline_though_the_menu_names_it():
    """The same h1 over an unsigned h2 (a deck), or not in the menu, is the headline."""
    unsigned = SECTION.replace("By Jane Doe | January 5, 2010", "Share this story")
    for body, nav in ((unsigned, SECTION_NAV), (SECTION, NAV)):
        page = _page("<title>The Daily Courier</title>", body).replace(NAV.encode(), nav.encode())
        assert cleaners.clean(page, URL).title == "Crime and Courts"


def test_an_h2_the_title_names_wins_over_an_h1_it_does_not():
    head = ('<title>Branch closures: what the county decided about its libraries</title>')
    body = ("<h1 class='s3c'>County Services Manual - CS6358</h1>"
            "<h2>Branch closures: what the county decided about its libraries</h2>")
    title, source = _title(head, body)
    assert title == "Branch closures: what the county decided about its libraries"
    assert source.startswith("title, h2")


def test_the_story_s_h1_over_a_deck_stays_the_headline():
    """The dated h1 the title sources half name (a rewritten social headline) is kept over an
    h2 deck and a related story's heading that no title source names in full."""
    head = ('<title>Libraries to close after budget review | The Daily Courier</title>'
            '<meta property="og:title" content="Libraries to close after budget review">')
    body = ("<h1 class='s3c'>County to close two branch libraries</h1>"
            "<h2>Budget review found the system short of money for repairs</h2>"
            "<p class='m4'>By Jane Doe | January 5, 2010</p>")
    assert _title(head, body)[0] == "County to close two branch libraries"
