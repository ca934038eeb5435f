"""Widget lines: a line is cut only when a pruned widget holds it and nothing else on the page
does, never when it is prose, and a list of links only at the edges of the story."""

from __future__ import annotations

from cleaners.document import Removal
from cleaners.widgets import cut_widget_lines, squash

PROSE = ("Die Stadt hat am Montag beschlossen, den Hafen bis zum Sommer auszubauen, obwohl die "
         "Kosten seit dem Frühjahr deutlich gestiegen sind.")
TITLE = "Hafen wird ausgebaut"


def test_a_line_only_a_widget_holds_goes_with_the_widgets_rule():
    widgets = [Removal("share-widget", "Teilen  WhatsApp"), Removal("ad-widget", "Anzeige")]
    kept, removed = cut_widget_lines([PROSE, "Anzeige"], widgets, squash(PROSE))
    assert kept == [PROSE] and removed == [Removal("ad-widget", "Anzeige")]


def test_a_line_the_page_holds_elsewhere_stays():
    """The story's own title in a list of teasers: the headline above the story keeps it."""
    widgets = [Removal("headline-list", f"{TITLE} Brücke gesperrt Neue Buslinie")]
    kept, removed = cut_widget_lines([TITLE, PROSE], widgets, squash(f"{TITLE} {PROSE}"))
    assert kept == [TITLE, PROSE] and not removed


def test_prose_in_a_widget_named_container_stays():
    widgets = [Removal("subscribe-widget", PROSE)]
    kept, removed = cut_widget_lines([PROSE], widgets, "")
    assert kept == [PROSE] and not removed


def test_list_items_match_with_trafilaturas_list_marks():
    widgets = [Removal("headline-list", "Brücke gesperrt Neue Buslinie eröffnet")]
    lines = [PROSE, "- Brücke gesperrt", "- Neue Buslinie eröffnet"]
    kept, removed = cut_widget_lines(lines, widgets, squash(PROSE))
    assert kept == [PROSE] and [r.rule for r in removed] == ["headline-list"] * 2


def test_a_headline_list_between_paragraphs_is_the_storys_reading_list():
    widgets = [Removal("headline-list", "Brücke gesperrt Neue Buslinie eröffnet")]
    lines = [PROSE, "- Brücke gesperrt", "- Neue Buslinie eröffnet", PROSE]
    kept, removed = cut_widget_lines(lines, widgets, squash(PROSE))
    assert kept == lines and not removed
