"""The cleaner on the sample sites' pages: every article sentence kept, every piece of seed
boilerplate gone, each cut explained; and the failures it must name (binary, empty, charset)."""

from __future__ import annotations

import gzip
import importlib
import json
import subprocess
import sys

import pytest
import trafilatura
from lxml import html as lxml_html
from sample_truth import BOILERPLATE, KEPT, LANGUAGES, seed_article

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
    assert [b for b in BOILERPLATE[site] + KEPT[site] if b in text]


@pytest.mark.parametrize("site", SITES)
def test_cleaner_keeps_every_sentence_and_drops_the_boilerplate(sample_pages, site):
    article = seed_article(site)
    url, body = page(sample_pages, site, article.path)
    document = cleaners.clean(body, url)
    lines = [line for line in document.text.split("\n") if line not in KEPT[site]]
    assert [s for s in article.sentences if s not in lines] == []
    assert [b for b in BOILERPLATE[site] if b in document.text] == []
    if lines[0] == document.title:  # the headline is article text, as annotators have it
        lines = lines[1:]
    assert lines == article.sentences, "extra or reordered lines"


def test_every_cut_is_explained_and_none_is_article_text(sample_pages):
    cut = 0
    for site in SITES:
        article = seed_article(site)
        url, body = page(sample_pages, site, article.path)
        document = cleaners.clean(body, url)
        assert all(r.rule and r.text for r in document.removed)
        for removal in document.removed:
            assert not [s for s in article.sentences if len(s) > 40 and s in removal.text]
        assert document.metadata()["removed"] == [
            {"rule": r.rule, "text": r.text, **({"detail": r.detail} if r.detail else {})}
            for r in document.removed]
        cut += len(document.removed)
    assert cut >= 2  # the "read also" links of the Russian and German pages


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
            + "".join(f"<p>Größere Straßen im Bezirk {n} wurden gesperrt, weil über Nacht "
                      f"viel Schnee fiel und der Räumdienst erst am Morgen kam.</p>"
                      for n in range(1, 9))
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
    rules_used = {(r.rule, r.detail) for r in document.removed}
    assert ("site-selector", "div.article-body h2.crossheading") in rules_used
    assert ("site-line", "Es scheint, .*") in rules_used


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


PAYWALLED = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>The pond that cools the Arctic | The Weekly</title>
<meta property="og:type" content="article"></head><body>
<div class="nav_x1"><a href="/">Home</a> <a href="/news">News</a>
<a href="/culture">Culture</a></div>
<main><div class="sc-7f3a body__inner-container">
<h1 class="sc-a91b">The pond that cools the Arctic</h1>
<div class="sc-share_bar__k2"><a href="#">Facebook</a><a href="#">Twitter</a>
<a href="#">Email</a></div>
{paragraphs}
<div class="newsletter-signup_x9"><p>Sign up for our daily newsletter.</p>
<button>Subscribe</button></div>
</div></main><footer><a href="/about">About</a> <a href="/privacy">Privacy</a></footer>
</body></html>"""
SENTENCES = [
    "In 2015, the engineer gave a talk at a research center and met its associate director, a "
    "former neuroscientist interested in protecting the climate with reflective materials.",
    "Using bright materials to stay cool is intuitive enough: drivers place foil shades behind "
    "their windshields, and cities paint their roofs white to keep the summer heat out.",
    "After the field test on the frozen pond, the priorities of the team began to diverge, and "
    "the engineer wanted to conduct more tests as soon as the funding for them allowed.",
    "We went back to the kitchen table to regroup, near a window that overlooked the pond, the "
    "glaciers and a bird feeder busy with cardinals and woodpeckers all through the morning.",
]


def test_body_paragraphs_in_paywall_containers_are_kept():
    """Class words lie: each paragraph sits in a container named for the paywall, and a short
    credit line under them is a paragraph marked ``paywall`` too (as on Wired)."""
    credit = "Ann Lee and Bo Park contributed to this report."
    paragraphs = "\n".join(f'<div class="paywall sc-x{i}"><p class="sc-p">{s}</p></div>'
                           for i, s in enumerate(SENTENCES))
    paragraphs += f'\n<p class="paywall"><em>{credit}</em></p>'
    body = PAYWALLED.format(paragraphs=paragraphs).encode()
    document = cleaners.clean(body, "http://127.0.0.1/2023/05/16/pond")
    lines = document.text.split("\n")
    assert [s for s in SENTENCES + [credit] if s not in lines] == []
    assert "Sign up for our daily newsletter." not in lines
    assert not [r for r in document.removed if any(s in r.text for s in SENTENCES)]


def test_an_article_made_of_widget_named_blocks_is_kept_and_the_guard_says_so():
    """A reactions piece whose every entry sits in a "social" card: each looks like a share
    widget; cutting them would cut most of what trafilatura found, so the widget cuts are not
    applied and the record says why."""
    reactions = [f"Reader {i} from the harbour district: the new ferry timetable works fine"
                 for i in range(1, 11)]
    entries = "\n".join(f'<div class="social-card_{i} sc-q"><p>{text}</p></div>'
                         for i, text in enumerate(reactions))
    intro = "<p>We asked readers what they think of the new timetable.</p>"
    body = PAYWALLED.format(paragraphs=intro + entries)
    document = cleaners.clean(body.encode(), "http://127.0.0.1/ferry-reactions")
    assert [r for r in reactions if r not in document.text.split("\n")] == []
    assert document.guards and document.guards[0].startswith("widgets-kept")
    assert document.metadata()["guards"] == list(document.guards)


def test_the_clean_command_shows_cuts_and_guards(tmp_path):
    """`newsarchive clean`, the cleaner's debugging view: text out, cuts and guards on stderr."""
    reactions = "\n".join(
        f'<div class="social-card_{i}"><p>Reader {i}: the new ferry timetable works fine</p></div>'
        for i in range(10))
    page = tmp_path / "page.html"
    page.write_text(PAYWALLED.format(paragraphs=reactions), encoding="utf-8")
    command = [sys.executable, "-m", "archive", "clean", str(page), "--url", "http://127.0.0.1/r"]
    shown = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "Reader 9: the new ferry timetable works fine" in shown.stdout
    assert "kept by a guard: widgets-kept:" in shown.stderr
    as_json = json.loads(subprocess.run([*command, "--json"], capture_output=True, text=True,
                                        check=True).stdout)
    assert as_json["guards"][0].startswith("widgets-kept:") and as_json["text"]


@pytest.mark.parametrize(("names", "rule"), [
    ("artikel-teilen_x3", "share-widget"), ("bloc-partager", "share-widget"),
    ("styles_shareBar__x7Gh2", "share-widget"), ("werbung-slot", "ad-widget"),
    ("box_publicidad", "ad-widget"), ("nieuwsbrief-aanmelding", "subscribe-widget"),
    ("cuerpo-del-articulo", None), ("article-body__content", None), ("c-shadow-header", None),
    ("socialdock block", "share-widget"), ("sharedaddy sd-block", "share-widget"),
    ("addthis_toolbox", "share-widget"), ("shared-content post", None),
])
def test_widget_class_words_in_several_languages(names, rule):
    element = lxml_html.fragment_fromstring(f'<div class="{names}">x</div>')
    assert importlib.import_module("cleaners.prune")._widget_rule(element) == rule


def test_a_cut_widget_keeps_one_item_per_line():
    """What a cut menu held reads as its items, not glued together ("الرئيسيةسياسةاقتصاد")."""
    from cleaners.prune import prune

    tree = lxml_html.fromstring(
        "<html><body><div class='x1'><p>Text.</p>"
        "<ul class='share-links'><li><a href='/'>الرئيسية</a></li><li><a href='/p'>سياسة</a>"
        "</li><li><a href='/e'>اقتصاد</a></li></ul><p>More.</p></div></body></html>")
    removed = prune(tree, None)
    assert [(r.rule, r.text) for r in removed] == [("share-widget", "الرئيسية\nسياسة\nاقتصاد")]
    assert "".join(tree.itertext()) == "Text.More."


CHINESE = (
    "市政府周二宣布，从下个月起将在老城区新建三条公交线路，以缓解早晚高峰的交通压力。",
    "交通局负责人在发布会上表示，新线路将连接两个地铁站和市中心医院，预计每天服务两万名乘客。",
    "部分居民担心施工会影响附近商户的生意，市政府承诺在夜间施工并为受影响的商户提供补贴。",
    "专家认为，这项计划能否成功，取决于票价是否合理以及公交车能否按时到站。",
)
JAPANESE = (
    "気象庁は十日、関東地方で今週末にかけて大雪となるおそれがあると発表し、注意を呼びかけた。",
    "鉄道各社は運転本数を減らす可能性があるとして、最新の運行情報を確認するよう求めている。",
    "東京都内でも積雪が予想され、都は道路の凍結に備えて融雪剤の準備を進めているという。",
)


def _unspaced_page(lang: str, headline: str, paragraphs: tuple[str, ...]) -> bytes:
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (f'<html lang="{lang}"><head><meta charset="utf-8"><title>{headline}</title></head>'
            f'<body><nav class="x9f"><a href="/">首页</a> <a href="/c">社会</a></nav>'
            f'<div class="a1b2"><h1>{headline}</h1>{body}</div>'
            f'<footer><a href="/about">关于我们</a></footer></body></html>').encode()


@pytest.mark.parametrize(("lang", "headline", "paragraphs"), [
    ("zh-CN", "老城区将新建三条公交线路", CHINESE),
    ("ja", "関東で週末に大雪のおそれ", JAPANESE),
])
@pytest.mark.parametrize("kept", [1, 4])
def test_a_short_article_in_a_script_without_spaces_is_kept(lang, headline, paragraphs, kept):
    """A Chinese or Japanese sentence is one "word" to ``split()``: a brief of a few
    paragraphs was thrown away as "no-text"."""
    document = cleaners.clean(_unspaced_page(lang, headline, paragraphs[:kept]),
                              "https://news.example.cn/2024/05/city-buses.html")
    assert all(paragraph in document.text for paragraph in paragraphs[:kept])
