"""The one parse every step shares: what it drops before trafilatura sees the page, and
trafilatura's own repair of faulty HTML, run on the part of the page it repairs."""

from __future__ import annotations

from trafilatura.utils import repair_faulty_html

from cleaners.extract import REPAIRED_HEAD, _repair, parse

PARAGRAPH = ("The council met on Tuesday and voted to rebuild the bridge over the river before "
             "the winter, the mayor said after the session.")


def page(body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><title>Bridge</title>'
            f'<link rel="stylesheet" href="/s.css">{head}</head><body>{body}</body></html>')


def test_code_styles_and_players_go_their_text_after_them_stays_data_stays():
    tree = parse(page(
        f'<div class="story"><p>{PARAGRAPH}<script>track("x")</script> it said.</p>'
        '<style>.a{}</style><svg><text>logo</text></svg>Tail text.'
        '<link rel="preload" href="/font.woff"><video><p>no video</p></video>'
        '<script type="module">load()</script></div>',
        head='<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
             '<script type="text/javascript">var a = 1;</script>'))
    assert [s.get("type") for s in tree.iter("script")] == ["application/ld+json"]
    assert [link.get("rel") for link in tree.iter("link")] == ["preload"]  # the body's stays
    assert not list(tree.iter("style", "svg", "video"))
    text = tree.text_content()
    assert f"{PARAGRAPH} it said." in text and "Tail text." in text
    assert "logo" not in text and "no video" not in text and "track" not in text


def test_the_repair_is_trafilaturas_on_long_pages_with_and_without_bad_characters():
    body = "".join(f"<p>{PARAGRAPH}</p>\n" for _ in range(4 * REPAIRED_HEAD // len(PARAGRAPH)))
    pages = [
        page(body),
        page(body + "<p>A form feed\x0c and a null\x00 in the text.</p>"),
        "<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN' '/DTD/xhtml1.dtd'/>\n<html/>\n"
        + page(body),
        page(body).replace("\n", " "),  # one line: nothing to cut at
    ]
    for text in pages:
        assert _repair(text) == repair_faulty_html(text, text[:50].lower())
    assert "\x0c" not in _repair(pages[1]) and "\x00" not in _repair(pages[1])
