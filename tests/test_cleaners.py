"""The cleaner on the sample sites' pages: every article sentence kept, every piece of seed
boilerplate gone, each cut explained; and the failures it must name (binary, empty, charset)."""

from __future__ import annotations

import gzip

import pytest
import trafilatura
from sample_truth import BOILERPLATE, LANGUAGES, seed_article

import cleaners
from archive import samplesites

SITES = samplesites.SITE_NAMES


def page(sample_pages, site: str, path: str) -> tuple[str, bytes]:
    origin, routes = sample_pages[site]
    return origin + path, routes[path].body


@pytest.mark.parametrize("site", SITES)
def test_bare_trafilatura_keeps_boilerplate_on_the_samples(sample_pages, site):
    """The samples are a real test: trafilatura alone leaves some of the seed boilerplate."""
    url, body = page(sample_pages, site, seed_article(site).path)
    text = trafilatura.extract(body, url=url)
    assert [b for b in BOILERPLATE[site] if b in text]


@pytest.mark.parametrize("site", SITES)
def test_cleaner_keeps_every_sentence_and_drops_the_boilerplate(sample_pages, site):
    article = seed_article(site)
    url, body = page(sample_pages, site, article.path)
    document = cleaners.clean(body, url)
    lines = document.text.split("\n")
    assert [s for s in article.sentences if s not in lines] == []
    assert [b for b in BOILERPLATE[site] if b in document.text] == []
    assert lines == article.sentences, "extra or reordered lines"


@pytest.mark.parametrize("site", SITES)
def test_every_cut_is_explained_and_none_is_article_text(sample_pages, site):
    article = seed_article(site)
    url, body = page(sample_pages, site, article.path)
    document = cleaners.clean(body, url)
    assert document.removed
    assert all(r.rule and r.text for r in document.removed)
    for removal in document.removed:
        assert not [s for s in article.sentences if len(s) > 40 and s in removal.text], removal
    metadata = document.metadata()
    assert metadata["removed"][0] == {"rule": document.removed[0].rule,
                                      "text": document.removed[0].text}


@pytest.mark.parametrize("site", SITES)
def test_metadata_and_language(sample_pages, site):
    article = seed_article(site)
    url, body = page(sample_pages, site, article.path)
    document = cleaners.clean(body, url)
    assert article.title in document.title
    assert document.published == article.published[:10]
    assert document.canonical_url == url
    assert document.language == document.declared_language == LANGUAGES[site]
    assert document.language_probability > 0.9
    assert document.word_count > 100
    assert document.text_digest.startswith("sha1:")
    assert document.cleaner_version == cleaners.CLEANER_VERSION
    assert "trafilatura" in document.cleaner_version


def test_headings_stay_on_their_own_lines(sample_pages):
    article = seed_article("bild")
    url, body = page(sample_pages, "bild", article.path)
    lines = cleaners.clean(body, url).text.split("\n")
    for heading in ("Assad bat Putin um militärische Unterstützung",
                    "Assad war sich seiner prekären Lage bewusst"):
        assert heading in lines
    assert any(line.startswith("▶︎ Am Abend des 7. Dezember") for line in lines)


def test_meta_declared_windows_1251(sample_pages):
    origin, routes = sample_pages["zerkalo"]
    article = samplesites.articles("zerkalo")[3]
    route = routes[article.path]
    assert route.content_type == "text/html"  # the charset is only in the page
    document = cleaners.clean(route.body, origin + article.path,
                              [("Content-Type", route.content_type)])
    assert document.charset in ("cp1251", "windows-1251")
    assert article.sentences[0] in document.text.split("\n")
    assert "\ufffd" not in document.text


def test_header_charset_wins_over_a_wrong_meta():
    html = ("<html><head><meta charset='utf-8'><title>Prüfung</title></head><body><article>"
            + "<p>Größere Straßen wurden gesperrt, weil über Nacht viel Schnee fiel.</p>" * 8
            + "</article></body></html>").encode("iso-8859-1")
    document = cleaners.clean(html, "http://127.0.0.1/a", [("Content-Type",
                                                            "text/html; charset=iso-8859-1")])
    assert "Größere Straßen" in document.text


@pytest.mark.parametrize(("body", "reason"), [
    (samplesites.PNG, "binary"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
    (gzip.compress(b"<html><body><p>still compressed</p></body></html>"), "binary"),
    (b"\x00\x01\x02\x03" * 200, "binary"),
    (b"   \n\t ", "empty"),
    (b"<html><head><title>x</title></head><body></body></html>", "no-text"),
])
def test_what_is_not_an_article_is_named(body, reason):
    with pytest.raises(cleaners.NotArticle) as caught:
        cleaners.clean(body, "http://127.0.0.1/x")
    assert caught.value.reason == reason


def test_truncated_page_is_not_a_crash(sample_pages):
    url, body = page(sample_pages, "bild", samplesites.articles("bild")[1].path)
    for cut in (len(body) // 5, len(body) // 3, len(body) // 2):
        try:
            cleaners.clean(body[:cut], url)
        except cleaners.NotArticle as exc:
            assert exc.reason == "no-text"


def test_site_rules_cut_and_report(sample_pages):
    article = samplesites.articles("bild")[0]
    url, body = page(sample_pages, "bild", article.path)
    rules = cleaners.SiteRules.from_mapping({
        "drop_selectors": ["div.article-body h2.crossheading"],
        "drop_lines": [r"Es scheint, .*"],
    })
    document = cleaners.clean(body, url, rules=rules)
    assert "Assad bat Putin um militärische Unterstützung" not in document.text
    assert "Es scheint, als ob" not in document.text
    rules_used = {r.rule for r in document.removed}
    assert "site-selector div.article-body h2.crossheading" in rules_used
    assert "site-line Es scheint, .*" in rules_used


@pytest.mark.parametrize("mapping", [
    {"drop_selectors": ["div[[["]}, {"drop_lines": ["(unclosed"]}, {"drop_selector": ["p"]},
])
def test_bad_site_rules_fail_early(mapping):
    with pytest.raises(ValueError):
        cleaners.SiteRules.from_mapping(mapping)


def test_cleaning_is_deterministic(sample_pages):
    url, body = page(sample_pages, "turkeytoday", seed_article("turkeytoday").path)
    first, second = cleaners.clean(body, url), cleaners.clean(body, url)
    assert first == second
