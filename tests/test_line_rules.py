"""The line rules on the three seed texts themselves: extractor output with the sites'
boilerplate left in. What the seed notes call boilerplate must go; every article line stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaners.lines import clean_lines

FIXTURES = Path(__file__).parent / "fixtures" / "naive"

CASES = {
    "zerkalo-ru.txt": {
        "title": None,
        "first": "Бывший глава пресс-службы Башара Асада",
        "last": "до падения режима.",
        "paragraphs": 4,
    },
    "turkeytoday-ar.txt": {
        "title": "مدير مكتب الأسد: زيارته الأخيرة لروسيا كانت بلا نتائج ولم يتصل ببوتين",
        "first": "قال كامل صقر",
        "last": "المصدر: منصة مزيج",
        "paragraphs": 5,
    },
    "bild-de.txt": {
        "title": None,
        "first": "Ein Monat nach dem Sturz",
        "last": "zogen sich bereits zurück.",
        "paragraphs": 12,
    },
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_seed_text_comes_out_as_the_article(name):
    case = CASES[name]
    text = (FIXTURES / name).read_text(encoding="utf-8")
    kept, removed = clean_lines(text, case["title"], None)
    kept = [line.replace("\xa0", " ") for line in kept]  # the seed texts keep no-break spaces
    assert kept[0].startswith(case["first"]), kept[:3]
    assert kept[-1].endswith(case["last"]), kept[-3:]
    assert len(kept) == case["paragraphs"]
    article = [line.strip().replace("\xa0", " ") for line in text.splitlines()
               if line.strip().replace("\xa0", " ") in kept]
    assert article == kept, "article lines were reordered or altered"
    assert all(r.rule for r in removed)


def test_the_bild_marker_paragraph_stays():
    text = (FIXTURES / "bild-de.txt").read_text(encoding="utf-8")
    kept, removed = clean_lines(text, None, None)
    assert any(line.startswith("▶︎ Am Abend") for line in kept)
    assert [r.rule for r in removed] == ["image-residue"]


def test_zerkalo_cuts_are_explained():
    text = (FIXTURES / "zerkalo-ru.txt").read_text(encoding="utf-8")
    _, removed = clean_lines(text, None, None)
    rules = [r.rule for r in removed]
    assert rules.count("headline-list") == 12
    assert {"call-to-action", "leading-label", "lone-symbol", "caption"} <= set(rules)


def test_arabic_related_posts_after_the_ad_label_all_go():
    text = (FIXTURES / "turkeytoday-ar.txt").read_text(encoding="utf-8")
    kept, removed = clean_lines(text, CASES["turkeytoday-ar.txt"]["title"], None)
    assert not [line for line in kept if "ago" in line or "ليرة" in line]
    assert "فيسبوك" in [r.text for r in removed if r.rule == "share-label"]


def test_a_repeated_sentence_in_an_article_is_not_a_duplicate_to_cut():
    """Only short lines (captions, titles) are deduplicated; long prose never is."""
    sentence = ("Der Minister sagte am Abend, dass die Verhandlungen fortgesetzt werden und eine "
                "Einigung bis zum Wochenende möglich sei, auch wenn viele Fragen offen bleiben. "
                ) * 3
    kept, _ = clean_lines(f"{sentence}\nZwischentext.\n{sentence}", None, None)
    assert kept.count(sentence.strip()) == 2
