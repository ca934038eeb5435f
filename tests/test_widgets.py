"""Widget lines: a line is cut only when a pruned widget holds it and nothing else on the page
does, never when it is prose, and a list of links only at the edges of the story."""

from __future__ import annotations

import importlib

from lxml import html as lxml_html

from cleaners.document import Removal
from cleaners.widgets import cut_widget_lines

prune = importlib.import_module("cleaners.prune").prune  # the package exports prune()

PROSE = ("Die Stadt hat am Montag beschlossen, den Hafen bis zum Sommer auszubauen, obwohl die "
         "Kosten seit dem Frühjahr deutlich gestiegen sind.")
TITLE = "Hafen wird ausgebaut"


def page(*paragraphs: str):
    """The page as the widget rules left it."""
    return lxml_html.fromstring("<html><body>" + "".join(f"<p>{p}</p>" for p in paragraphs)
                                + "</body></html>")


def test_a_line_only_a_widget_holds_goes_with_the_widgets_rule():
    widgets = [Removal("share-widget", "Teilen  WhatsApp"), Removal("ad-widget", "Anzeige")]
    kept, removed, guards = cut_widget_lines([PROSE, "Anzeige"], widgets, page(PROSE))
    assert kept == [PROSE] and removed == [Removal("ad-widget", "Anzeige")] and not guards


def test_a_line_the_page_holds_elsewhere_stays():
    """The story's own title in a list of teasers: the headline above the story keeps it."""
    widgets = [Removal("headline-list", f"{TITLE} Brücke gesperrt Neue Buslinie")]
    kept, removed, _ = cut_widget_lines([TITLE, PROSE], widgets, page(TITLE, PROSE))
    assert kept == [TITLE, PROSE] and not removed


def test_prose_in_a_widget_named_container_stays():
    widgets = [Removal("subscribe-widget", PROSE)]
    kept, removed, _ = cut_widget_lines([PROSE], widgets, page())
    assert kept == [PROSE] and not removed


def test_chinese_prose_in_a_widget_named_container_stays():
    """A sentence with no spaces in it is prose too (``paywall-share`` around a paragraph)."""
    prose = "部分居民担心施工会影响附近商户的生意，市政府承诺在夜间施工并为受影响的商户提供补贴。"
    widgets = [Removal("share-widget", f"分享 {prose}"), Removal("share-widget", "微信 微博")]
    kept, removed, _ = cut_widget_lines([prose, "微信 微博"], widgets, page())
    assert kept == [prose] and removed == [Removal("share-widget", "微信 微博")]


def test_list_items_match_with_trafilaturas_list_marks():
    widgets = [Removal("headline-list", "Brücke gesperrt Neue Buslinie eröffnet")]
    lines = [PROSE, "- Brücke gesperrt", "- Neue Buslinie eröffnet"]
    kept, removed, _ = cut_widget_lines(lines, widgets, page(PROSE))
    assert kept == [PROSE] and [r.rule for r in removed] == ["headline-list"] * 2


def test_a_headline_list_between_paragraphs_is_the_storys_reading_list():
    widgets = [Removal("headline-list", "Brücke gesperrt Neue Buslinie eröffnet")]
    lines = [PROSE, "- Brücke gesperrt", "- Neue Buslinie eröffnet", PROSE]
    kept, removed, _ = cut_widget_lines(lines, widgets, page(PROSE))
    assert kept == lines and not removed


def test_cuts_that_would_take_most_of_the_text_are_not_made():
    entries = [f"Leser {n}: der neue Fahrplan funktioniert gut" for n in range(8)]
    widgets = [Removal("share-widget", entry) for entry in entries]
    kept, removed, guards = cut_widget_lines([TITLE, *entries], widgets, page(TITLE))
    assert kept == [TITLE, *entries] and not removed
    assert guards == ["widgets-kept: the widget rules would cut 95% of the article"]


def test_a_decorated_ad_label_in_the_page_takes_the_teasers_after_it():
    """The HTML rules and the line rules tell an ad label the same way, decorated or not."""
    tree = lxml_html.fromstring(
        f'<html><body><div class="c7x"><p>{PROSE}</p>'
        '<div class="q1"><span>— Anzeige —</span></div>'
        '<div class="q2"><a href="/a/">Diese Städte haben die höchsten Mieten</a></div>'
        '<div class="q2"><a href="/b/">So sparen Sie beim Heizen</a></div>'
        f'<p>{PROSE}</p></div></body></html>')
    removed = prune(tree, None)
    assert [(r.rule, r.text) for r in removed] == [
        ("ad-label", "— Anzeige —"), ("after-ad-label", "Diese Städte haben die höchsten Mieten"),
        ("after-ad-label", "So sparen Sie beim Heizen")]
