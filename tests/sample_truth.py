"""What the cleaner must remove from the sample sites' seed articles: the boilerplate of the
three seed texts (see the project's seed notes), as it appears on the sample pages."""

from __future__ import annotations

from archive import samplesites

#: Strings that must not survive in the cleaned text of each site's seed article.
BOILERPLATE = {
    "zerkalo": [
        "Поддержать команду Зеркала", "Беларусы на войне", "Фото: Reuters",
        "Продаете продукты со своего огорода", "Келлог опроверг слова Лукашенко",
        "Читайте также", "В демсилах прокомментировали", "Подписывайтесь",
    ],
    "turkeytoday": [
        "Connect with us", "Published", "فيسبوك", "Advertisement", "ago",
        "حد الفقر يلامس 92 ألف ليرة", "البنك المركزي التركي", "اقرأ أيضاً",
        "جميع الحقوق محفوظة",
    ],
    "bild": [
        ".webp", "%20", "Foto: picture alliance", "Lesen Sie auch", "Wer hat jetzt die Macht",
        "Streit um den Haushalt", "Anzeige", "Teilen", "WhatsApp", "Impressum",
    ],
}
#: Seed boilerplate the cleaner keeps on a page of its own: the section label above the
#: headline (a rule that cut such labels cut kickers and bylines on the development corpus).
KEPT = {"zerkalo": [], "turkeytoday": ["دولي", "الاقتصاد التركي"], "bild": []}
#: Languages of the sample sites.
LANGUAGES = {"zerkalo": "ru", "turkeytoday": "ar", "bild": "de"}


def seed_article(site: str) -> samplesites.Article:
    return samplesites.articles(site)[0]


def article_lines(text: str, article: samplesites.Article) -> list[str]:
    """The cleaned text's lines less what the cleaner knowingly keeps: the headline (article
    text, as trafilatura and most annotators have it) and the site's ``KEPT`` labels."""
    return [line for line in text.split("\n")
            if line != article.title and line not in KEPT[article.site]]
