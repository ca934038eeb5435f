"""Rules applied to the extracted text, line by line: what survives trafilatura but is not
article text (repeated titles and captions, share labels, calls to donate or subscribe, date-widget
labels, image-URL residue, teaser lines of related posts). Each cut is reported with its rule.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from cleaners.document import Removal
from cleaners.siterules import SiteRules

SHARE_LABELS = {
    "facebook", "twitter", "x", "telegram", "whatsapp", "viber", "vk", "vkontakte", "вконтакте",
    "одноклассники", "linkedin", "pinterest", "reddit", "e-mail", "email", "mail", "print",
    "share", "tweet", "teilen", "drucken", "поделиться", "распечатать", "فيسبوك", "تويتر",
    "واتساب", "تيليجرام", "مشاركة", "شارك", "copy link", "link kopieren", "скопировать ссылку",
}
#: Calls to act that stand on a line of their own (donate, subscribe, follow).
CALL_TO_ACTION = re.compile(
    r"^(поддержать|поддержите|подпис(ывайтесь|аться)|подписаться на|читайте нас|support us|"
    r"donate|subscribe|sign up|follow us|connect with us|jetzt abonnieren|abonnieren|"
    r"folgen sie uns|unterstützen sie|تابعونا|اشترك|ادعم|click here|like this story|"
    r"tell us what you think|get .{1,40} delivered|share (this|it) )\b|\bclick here\b",
    re.IGNORECASE)
#: "Read also: <title of another story>" links set between paragraphs.
READ_ALSO = re.compile(
    r"^(читайте также|смотрите также|читайте по теме|lesen sie auch|mehr zum thema|"
    r"auch interessant|read also|read more|see also|see more|more|related|don't miss|"
    r"leggi anche|lire aussi|lea también|leia também|"
    r"اقرأ أيضا|اقرأ أيضاً|اقرأ المزيد|طالع أيضا)\s*[:：]|^also on [\w.-]+\.[a-z]{2,} ",
    re.IGNORECASE)
#: Labels of empty date/author widgets ("Published" / "on").
WIDGET_LABELS = {
    "published", "on", "by", "updated", "опубликовано", "обновлено", "автор", "veröffentlicht",
    "aktualisiert", "von", "نشر", "في", "بواسطة", "advertisement", "anzeige", "реклама", "إعلان",
    "read more", "weiterlesen", "читать далее", "اقرأ المزيد", "mehr zum thema", "читайте также",
    "lesen sie auch", "read also", "اقرأ أيضا", "اقرأ أيضاً", "comments", "comment", "tags",
    "share this", "share this article", "related", "related articles", "related stories",
    "you may also like", "you may also like...", "you might also like", "don't miss",
    "more stories", "more from", "leggi anche", "lire aussi", "the bottom line ...",
    "kommentare", "комментарии", "теги", "التعليقات", "الوسوم",
}
#: A line that is only a date, a time or a byline-date ("Updated at 1:23 p.m.",
#: "05/10/2018 - Publicado por: ...", "2019-11-19T08:57:40+01:00").
DATELINE = re.compile(
    r"\b(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|"
    r"\d{1,2}\.? (januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|"
    r"dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|"
    r"décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
    r"noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|"
    r"novembro|dezembro|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|"
    r"октября|ноября|декабря)( de)? \d{4})", re.IGNORECASE)
DATELINE_WORDS = 12
#: Headings of lists of other stories: the short lines after them are those stories' titles.
LIST_HEADINGS = {
    "don't miss", "you may also like", "you may also like...", "you might also like",
    "related", "related articles", "related stories", "more stories", "more from", "read more",
    "leggi anche", "lire aussi", "lesen sie auch", "mehr zum thema", "читайте также",
    "اقرأ أيضا", "اقرأ أيضاً", "recommended", "most read", "most popular", "trending",
}
#: A teaser title tagged by its section: "... outbreak [NEWS]", "... Review [Video]".
TEASER_TAG = re.compile(
    r"\[(VIDEO|INSIGHT|REACTION|NEWS|PICS|PHOTOS|POLL|LIVE|WATCH|GALLERY|REVEALED)\]\|?$",
    re.IGNORECASE)
SOCIAL = re.compile(r"\b(facebook|twitter|instagram|youtube|linkedin|telegram|tiktok|vk)\b",
                    re.IGNORECASE)
FOLLOW = re.compile(r"\b(follow|folgen|подпис|تابع)", re.IGNORECASE)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")


#: "11 ساعة ago", "vor 3 Stunden", "2 часа назад", "5 minutes ago": the meta line of a teaser.
RELATIVE_TIME = re.compile(
    r"(\d+\s*\S+\s+ago|vor\s+\d+\s+\w+|\d+\s+\w+\s+назад|منذ\s+\d+\s+\S+|\d+\s+\S+\s+مضت)\s*$",
    re.IGNORECASE)
#: "Фото: Reuters", "Foto: dpa", "Photo: AFP", "صورة: ..." ending a short line: a caption.
PHOTO_CREDIT = re.compile(
    r"(фото|foto|photo|bild|credit|quelle: getty|صورة|الصورة)\s*:\s*[^.!?]{1,60}$", re.IGNORECASE)
#: The tail of an image link left by a markdown conversion: URL-encoded, ends in an image suffix.
IMAGE_RESIDUE = re.compile(
    r"(%[0-9A-Fa-f]{2}|\S\.(jpe?g|png|gif|webp|avif|svg)\)?$|^!\[|\]\(https?://)")
CAPTION_MAX = 200
LABEL_WORDS = 3
NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+\S")
#: Texts that label an ad slot; what follows them is promoted content (the HTML rules use
#: these too).
AD_LABELS = {
    "advertisement", "advertising", "anzeige", "werbung", "реклама", "إعلان", "اعلان",
    "publicité", "publicidad", "pubblicità", "sponsored", "reklam",
}
SENTENCE_ENDS = (".", "!", "?", "…", "؟", "。", ":")


def clean_lines(text: str, title: str | None, rules: SiteRules | None
                ) -> tuple[list[str], list[Removal]]:
    """Return the kept lines and the removals, in order."""
    patterns = rules.line_patterns() if rules else []
    kept: list[str] = []
    removed: list[Removal] = []
    previous = ""
    title_keys = _title_keys(title)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    in_lists = _headline_list_lines(lines)
    after_ad = previous_kept = False
    for number, line in enumerate(lines):
        rule = "headline-list" if number in in_lists else \
            _line_rule(line, patterns, title_keys, previous)
        if rule is None and after_ad and not is_prose(line):
            rule = "after-list-heading"
        if rule is None and not kept and _is_label(line):
            rule = "leading-label"
        previous = _key(line)
        if rule is None:
            kept.append(line)
            after_ad, previous_kept = False, True
            continue
        after_ad = after_ad or _key(line) in AD_LABELS or _key(line) in LIST_HEADINGS
        if rule == "teaser-meta" and previous_kept and not is_prose(kept[-1]):
            removed.append(Removal("teaser-title", kept.pop()))
        removed.append(Removal(rule, line))
        previous_kept = False
    return kept, removed


def _line_rule(line: str, patterns, title_keys: set[str], previous: str) -> str | None:
    key = _key(line)
    for pattern in patterns:
        if pattern.fullmatch(line):
            return f"site-line {pattern.pattern}"
    if len(line) <= 2 and not any(ch.isalnum() for ch in line):
        return "lone-symbol"  # a breadcrumb "/" or a "|"; "___" and "***" divide stories
    if IMAGE_RESIDUE.search(line) and " " not in line.strip(")"):
        return "image-residue"
    if key in title_keys:
        return "title-repeat"
    words = len(line.split())
    if key in SHARE_LABELS:
        return "share-label"
    if key in WIDGET_LABELS:
        return "widget-label"
    if READ_ALSO.search(line):
        return "read-also"
    if words <= 8 and CALL_TO_ACTION.search(line):
        return "call-to-action"
    if words <= 20 and RELATIVE_TIME.search(line):
        return "teaser-meta"
    if len(line) <= CAPTION_MAX and PHOTO_CREDIT.search(line):
        return "caption"
    if words <= DATELINE_WORDS and DATELINE.search(line) and not line.endswith(".") and \
            "@" not in line:  # "— Name (@handle) November 18, 2019" ends an embedded post
        return "dateline"
    if words <= 20 and TEASER_TAG.search(line):
        return "teaser-tag"
    if words <= 30 and EMAIL.search(line):
        return "contact-line"
    if words <= 25 and len(SOCIAL.findall(line)) >= 2 and FOLLOW.search(line):
        return "follow-us"
    if len(line) <= CAPTION_MAX and not line.startswith("|") and _repeats(key, previous):
        return "duplicate-line"
    return None


def _headline_list_lines(lines: list[str]) -> set[int]:
    """Indexes of numbered runs (1., 2., 3., ...) of three or more title-like lines: a "most
    read" widget. A numbered list of real sentences (steps, points) is left alone."""
    found: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*lines, ""]):
        match = NUMBERED.match(line)
        if match and int(match.group(1)) == len(run) + 1:
            run.append(index)
            continue
        if len(run) >= 3 and sum(is_prose(lines[i]) for i in run) <= len(run) // 5:
            found.update(run)
        run = [index] if match and match.group(1) == "1" else []
    return found


def is_prose(line: str) -> bool:
    """A sentence of some length, ended as sentences are: not a title, label or teaser."""
    return len(line.split()) >= 12 and line.rstrip("\"'”»)").endswith(SENTENCE_ENDS)


def _title_keys(title: str | None) -> set[str]:
    """The title, and its parts around a site-name separator ("Story - Site", "Site | Story")."""
    if not title:
        return set()
    keys = {_key(title)}
    for part in re.split(r"\s[|–—-]\s", title):
        if len(part) >= 20:
            keys.add(_key(part))
    return keys


def _is_label(line: str) -> bool:
    """A rubric or category label (one to three words, no sentence punctuation)."""
    return len(line.split()) <= LABEL_WORDS and not line.rstrip().endswith(SENTENCE_ENDS)


def _repeats(key: str, previous: str) -> bool:
    """The line just before, again or nearly (an alt text and its caption differing by a typo).
    Only the line just before: tables and lists repeat short lines legitimately."""
    if previous == key:
        return True
    if abs(len(previous) - len(key)) > 3 or len(key) < 20:
        return False
    matcher = SequenceMatcher(None, previous, key)
    return matcher.quick_ratio() >= 0.95 and matcher.ratio() >= 0.95


def _key(line: str) -> str:
    """Compare lines regardless of case, quotes, spacing and Unicode form."""
    text = unicodedata.normalize("NFKC", line).casefold()
    text = re.sub(r"[\"'“”„«»‘’]", "", text)
    return " ".join(text.split())
