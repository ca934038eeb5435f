"""The line rules on the three seed texts themselves: extractor output with the sites'
boilerplate left in. Every article line stays; the boilerplate the line rules can tell from the
text alone goes. (The rest of it, a rubric or a caption credit, is cut on the HTML path or by the
site profile: `test_cleaners`, `test_quality_floors`; a line rule that cut such lines cut
bylines, datelines and headlines on the development corpus.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaners.lines import clean_lines, count_words, is_prose

FIXTURES = Path(__file__).parent / "fixtures" / "naive"

CASES = {
    "zerkalo-ru.txt": {
        "first": "Бывший глава пресс-службы Башара Асада",
        "last": "до падения режима.",
        "paragraphs": 4,
        "rules": {"call-to-action", "most-read-list", "lone-symbol", "duplicate-line"},
        "left": ["Беларусы на войне", "Ьашар Асад, 2023 год. Фото: Reuters"],
    },
    "turkeytoday-ar.txt": {
        "first": "قال كامل صقر",
        "last": "المصدر: منصة مزيج",
        "paragraphs": 5,
        "rules": {"call-to-action", "share-label", "ad-label", "after-ad-label"},
        "left": ["دولي", "مدير مكتب الأسد: زيارته الأخيرة لروسيا كانت بلا نتائج ولم يتصل ببوتين",
                 "Published", "on"],
    },
    "bild-de.txt": {
        "first": "Ein Monat nach dem Sturz",
        "last": "zogen sich bereits zurück.",
        "paragraphs": 12,
        "rules": {"image-residue"},
        "left": [],
    },
}


def read(name: str) -> list[str]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return [line.strip().replace("\xa0", " ") for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(CASES))
def test_seed_text_keeps_the_article_and_loses_what_the_rules_can_tell(name):
    case = CASES[name]
    lines = read(name)
    kept, removed = clean_lines("\n".join(lines), None)
    article = [line for line in kept if line not in case["left"]]
    assert article[0].startswith(case["first"]) and article[-1].endswith(case["last"])
    assert [line for line in lines if line in kept] == kept, "lines reordered or altered"
    assert [line for line in lines if is_prose(line) and line not in kept] == []
    assert len(article) == case["paragraphs"]
    assert {r.rule for r in removed} == case["rules"]
    assert not [r for r in removed if is_prose(r.text)], "a sentence of prose was cut"


def test_the_bild_marker_paragraph_stays():
    kept, removed = clean_lines("\n".join(read("bild-de.txt")), None)
    assert any(line.startswith("▶︎ Am Abend") for line in kept)
    assert [r.rule for r in removed] == ["image-residue"]


def test_zerkalo_most_read_list_above_the_article_goes():
    _, removed = clean_lines("\n".join(read("zerkalo-ru.txt")), None)
    assert [r.rule for r in removed].count("most-read-list") == 12


def test_a_numbered_list_inside_the_article_stays():
    """The "most read" rule looks above the article only: steps and top tens are content."""
    prose = ("Die Polizei hat am Montag neue Hinweise zu dem Vorfall veröffentlicht, der sich "
             "in der Nacht zum Sonntag ereignet hatte.")
    steps = ["1. Fenster schließen", "2. Heizung abdrehen", "3. Haustür abschließen"]
    kept, removed = clean_lines("\n".join([prose, *steps, prose]), None)
    assert kept == [prose, *steps, prose] and not removed


def test_arabic_related_posts_after_the_ad_label_all_go():
    kept, removed = clean_lines("\n".join(read("turkeytoday-ar.txt")), None)
    assert not [line for line in kept if "ago" in line or "ليرة" in line]
    assert "فيسبوك" in [r.text for r in removed if r.rule == "share-label"]
    assert "Advertisement" in [r.text for r in removed if r.rule == "ad-label"]


def test_an_ad_label_inside_the_story_cuts_nothing_after_it():
    prose = ("وقال المتحدث باسم الحكومة إن المفاوضات ستستمر خلال الأيام المقبلة رغم الخلافات "
             "القائمة بين الطرفين حول عدة ملفات.")
    kept, _ = clean_lines("\n".join([prose, "إعلان", "عنوان قصير", prose]), None)
    assert kept[-2:] == ["عنوان قصير", prose]


def test_labels_alone_and_table_rows_of_labels_go_a_heading_on_advertising_stays():
    """An ad slot's label, a share button or a page control on a line of its own, decorated
    or in table cells, goes wherever it stands; "Advertising", which also heads a section of a
    story on the business, and a table row with data in it stay."""
    prose = ("The company said revenue from its advertising business rose by a fifth in the "
             "third quarter, helped by video.")
    text = "\n".join([prose, "— ADVERTISEMENT —", "Advertising", prose,
                      "| Print this page | Back to top |", "| Advertising | 4.2 bn | 3.5 bn |",
                      "- Email this article", "|  | Anzeige |  |", "Share this:", prose,
                      "| Facebook | Twitter |", "| 3.1 bn | 0.4 bn |"])
    kept, removed = clean_lines(text, None)
    assert kept == [prose, "Advertising", prose, "| Advertising | 4.2 bn | 3.5 bn |", prose,
                    "| Facebook | Twitter |", "| 3.1 bn | 0.4 bn |"]
    assert [r.rule for r in removed] == ["ad-label", "share-label", "share-label", "ad-label",
                                         "share-label"]


def test_a_decorated_ad_label_under_the_story_takes_the_teasers_after_it():
    prose = ("Der Minister sagte am Abend, dass die Verhandlungen fortgesetzt werden und eine "
             "Einigung bis zum Wochenende möglich sei.")
    teasers = ["Diese Städte haben die höchsten Mieten", "So sparen Sie beim Heizen"]
    kept, removed = clean_lines("\n".join([prose, "— Werbung —", *teasers]), None)
    assert kept == [prose]
    assert [r.rule for r in removed] == ["ad-label", "after-ad-label", "after-ad-label"]


def test_a_sentence_of_prose_is_never_cut():
    line = ("Subscribe to the idea that the council will vote before the summer, officials said "
            "on Tuesday, and you will be disappointed.")
    kept, removed = clean_lines(line, None)
    assert kept == [line] and not removed


def test_a_repeated_sentence_in_an_article_is_not_a_duplicate_to_cut():
    """Only short lines (captions, titles) are deduplicated; long prose never is."""
    sentence = ("Der Minister sagte am Abend, dass die Verhandlungen fortgesetzt werden und eine "
                "Einigung bis zum Wochenende möglich sei, auch wenn viele Fragen offen bleiben. "
                ) * 3
    kept, _ = clean_lines(f"{sentence}\nZwischentext.\n{sentence}", None)
    assert kept.count(sentence.strip()) == 2


def test_page_controls_go_and_numbers_in_sentences_stay():
    prose = ("The committee met on Tuesday and 3 of 12 members voted against the plan, which "
             "now goes back to the council.")
    text = "\n".join(["hide caption", prose, "Фото 1 из 5", "Bild 2 von 10", "3 of 12",
                      "Older Post", "Home", "3 of 12 members"])
    kept, removed = clean_lines(text, None)
    assert kept == [prose, "Home", "3 of 12 members"]
    assert {r.rule for r in removed} == {"control-label"}


def test_a_comment_forms_labels_and_the_sites_own_links_go():
    prose = ("Die Stadt hat am Montag beschlossen, die Brücke über den Fluss bis zum Sommer zu "
             "sanieren, teilte ein Sprecher mit.")
    text = "\n".join([prose, "No comments yet.", "Schreibe einen Kommentar",
                      "Name (required)", "Mail (will not be published) (required)",
                      "Добавить комментарий", "| Impressum | Datenschutzerklärung |",
                      "Kommentar"])
    kept, removed = clean_lines(text, None)
    assert kept == [prose, "Kommentar"]
    assert {r.rule for r in removed} == {"control-label"}


@pytest.mark.parametrize("line", [
    "Читайте также: Лукашенко помиловал 16 человек", "Lesen Sie auch: Wer hat jetzt die Macht?",
    "اقرأ أيضاً: البنك المركزي التركي يلغي ترخيص شركة", "Czytaj także: Rząd przyjął projekt",
    "Lire aussi : Le gouvernement présente son budget", "Leggi anche: Il governo approva",
    "यह भी पढ़ें: पटना में बारिश से जलभराव", "FUNDA OLUNYE UDABA LAPHA | Kuboshwe abahlanu",
    "Taip pat skaitykite: Vyriausybė pritarė biudžetui",
])
def test_read_also_links_in_many_languages_go(line):
    _, removed = clean_lines(line, None)
    assert [r.rule for r in removed] == ["read-also"]


def test_a_label_that_introduces_a_source_is_not_read_also():
    for line in ("More: http://www.example.org/report.pdf", "Related: the full ruling (PDF)"):
        kept, _ = clean_lines(line, None)
        assert kept == [line]


@pytest.mark.parametrize(("line", "words"), [
    ("The council will vote before the summer.", 7),
    ("市政府周二宣布，从下个月起将在老城区新建三条公交线路。", 13),  # 25 characters and two marks
    ("気象庁は十日、関東地方で大雪となるおそれがあると発表した。", 14),
    ("ASEAN首脳会議は2024年に開かれた", 2 + 6),  # two spaced tokens, eleven characters
    ("서울시는 화요일 새 버스 노선을 발표했다.", 6),  # Korean puts spaces between words
    ("", 0),
])
def test_words_are_counted_in_any_script(line, words):
    assert count_words(line) == words


def test_a_chinese_sentence_is_prose_and_never_cut():
    line = "部分居民担心施工会影响附近商户的生意，市政府承诺在夜间施工并为受影响的商户提供补贴。"
    assert is_prose(line) and not is_prose("老城区将新建三条公交线路")
    kept, removed = clean_lines(f"订阅\n{line}", None)
    assert line in kept and not is_prose(line.replace("。", ""))


def test_counting_a_long_line_of_unspaced_text_is_bounded():
    """A hostile page's 5 MB line of Chinese characters: one regular-expression pass."""
    import time

    start = time.process_time()
    assert count_words("字" * 5_000_000) == 2_500_000
    assert time.process_time() - start < 5
