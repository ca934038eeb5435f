"""A story whose body is split into chunks with ad slots between them (as Condé Nast sites lay
out theirs): trafilatura keeps the first chunk only; the cleaner keeps them all, in order, and
still drops the ads between them."""

from __future__ import annotations

import trafilatura

import cleaners

PARAGRAPHS = [
    f"Paragraph {n} of the story tells what the regulator found when it opened the files of the "
    f"company in its {n}th week of hearings, and why the witnesses disagreed about the dates "
    "they had given to the committee under oath earlier this year."
    for n in range(1, 9)
]
CHUNKS = [PARAGRAPHS[:3], PARAGRAPHS[3:6], PARAGRAPHS[6:]]
AD = ('<div class="grid grid-margins grid-layout--adrail"><div class="ad__slot--x9">'
      '<span class="ad-label_a1">Advertisement</span>'
      '<ul><li><a href="/story/other-1/">The gadgets our editors loved most this month</a></li>'
      '<li><a href="/story/other-2/">Why everyone is suddenly talking about heat pumps</a></li>'
      '<li><a href="/story/other-3/">The best laptops for students, tested and ranked</a></li>'
      '</ul></div></div>')
FOOTER = ("The Magazine is where tomorrow is realized. It is the essential source of information "
          "and ideas that make sense of a world in constant transformation, and has been since "
          "the first issue, in print and online, for readers in every country of the world.")
TEASER = ("A different story, summarised for the rail beside the article: the council voted "
          "to close the library on Sundays after a long debate about its budget for next year, "
          "and the vote was closer than anyone expected.")


def chunk(paragraphs) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<div class="grid grid-margins grid-items-2 grid-layout--adrail narrow">'
            f'<div class="grid--item body body__container article__body">{body}</div></div>')


def page(rail: str = "") -> bytes:
    chunks = AD.join(chunk(c) for c in CHUNKS)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Regulator opens the files | The Magazine</title>
<meta property="og:type" content="article"></head><body>
<header class="site-header_h3"><nav><a href="/">Home</a> <a href="/science/">Science</a>
<a href="/business/">Business</a> <a href="/culture/">Culture</a></nav></header>
<main class="page_x7"><article class="article main-content">
<header class="content-header"><h1 data-testid="ContentHeaderHed">Regulator opens the files</h1>
<div class="byline">By A. Reporter</div></header>
<div class="article__chunks">{chunks}</div></article>{rail}</main>
<footer class="site-footer"><div class="site-footer__about"><p>{FOOTER}</p></div></footer>
</body></html>""".encode()


def test_bare_trafilatura_keeps_only_the_first_chunk():
    text = trafilatura.extract(page())
    assert PARAGRAPHS[0] in text
    assert [p for p in PARAGRAPHS if p not in text], "the page is not split for trafilatura"


def test_every_chunk_is_kept_in_order_and_the_ads_between_go():
    document = cleaners.clean(page(), "https://magazine.example/story/regulator/")
    assert document.text.split("\n") == PARAGRAPHS
    for residue in ("Advertisement", "heat pumps", "laptops", FOOTER[:40]):
        assert residue not in document.text


def test_a_rail_that_reuses_the_body_component_is_not_joined_into_the_story():
    card = ('<div class="grid grid-margins grid-items-2 grid-layout--adrail narrow">'
            f'<div class="grid--item body body__container article__body"><p>{TEASER}</p>'
            '<a href="/story/library/">Read the story</a></div></div>')
    rail = f'<aside class="rail_q2"><div class="collection">{card * 3}</div></aside>'
    document = cleaners.clean(page(rail), "https://magazine.example/story/regulator/")
    assert TEASER[:60] not in document.text
    assert document.text.split("\n") == PARAGRAPHS


def test_teaser_cards_that_reuse_the_body_class_below_the_story_are_not_joined_into_it():
    """A 2008 news site's layout: the story and the "more stories" below it are all
    ``<div class="module-content">``; each teaser opens with a linked heading and a byline."""
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:4])
    teasers = "".join(
        f'<div class="module-content"><h3 class="heading"><a href="http://news.example/story/{n}/">'
        f'Council closes the library on Sundays {n}</a></h3><p><strong class="byline">'
        f'A. Reporter</strong> {TEASER}</p></div>' for n in range(1, 3))
    html = f"""<html><head><title>Regulator opens the files</title></head><body>
<div id="page"><div class="nav"><a href="/">Home</a> | <a href="/business/">Business</a></div>
<div id="content"><div id="primary"><div class="module article" id="article">
<h1>Regulator opens the files</h1><div class="module-content">{story}</div></div></div>
<div id="tertiary"><div class="group today"><div class="item"><div class="module">
<h2>More stories</h2>{teasers}</div></div></div></div></div></div></body></html>"""
    document = cleaners.clean(html.encode(), "http://news.example/story/regulator/")
    assert document.text.split("\n")[-4:] == PARAGRAPHS[:4]
    assert TEASER[:60] not in document.text
