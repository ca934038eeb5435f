"""Rules applied to the extracted text, line by line: what survives trafilatura but is not
article text (share labels, calls to donate or subscribe, "read also" links, a caption repeated
by its alt text, image-URL residue, a "most read" list above the article). Each cut is reported
with its rule.

Each rule earns its place on the development corpus (``python -m bench.quality``): at least 95%
of what it cuts is boilerplate by people's ground truth. Rules that were not (datelines, title
repeats, contact lines, photo credits, captions, leading labels, rubrics, date labels, "related"
headings, teaser meta lines, link-only paragraphs) were removed: annotators, and readers, count a
byline, a dateline, a credit or a headline as part of the article.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from cleaners.document import Removal
from cleaners.siterules import SiteRules

#: Networks' names: a share button alone on its line, but a table may list them too.
NETWORK_NAMES = {
    "facebook", "twitter", "x", "telegram", "whatsapp", "viber", "vk", "vkontakte", "вконтакте",
    "одноклассники", "linkedin", "pinterest", "reddit", "فيسبوك", "تويتر", "واتساب", "تيليجرام",
}
SHARE_LABELS = NETWORK_NAMES | {
    "e-mail", "email", "mail", "print", "share", "tweet", "teilen", "drucken", "поделиться",
    "распечатать", "مشاركة", "شارك", "copy link", "link kopieren", "скопировать ссылку",
    "share this", "share this article", "share this story", "share this post", "share this page",
    "print this", "print this article", "print this story", "print this page", "email this",
    "email this article", "email this story", "email this page", "e-mail this article",
    "printer-friendly version", "printer friendly version", "artikel teilen", "artikel drucken",
    "поделиться статьей", "partager l'article", "compartir en facebook", "شارك المقال",
    "pin it", "share this article on", "share on",
}
#: Labels of page controls that trafilatura takes for text: caption toggles, gallery and
#: pager buttons, blog navigation, comment forms, the site's own links.
CONTROL_LABELS = {
    "hide caption", "show caption", "toggle caption", "enlarge this image", "expand image",
    "back to top", "skip advertisement", "continue reading below",
    "advertisement - continue reading below", "older post", "newer post", "older posts",
    "newer posts", "post comments (atom)", "subscribe to: post comments (atom)",
    "subscribe to: posts (atom)", "post reply", "view replies", "private reply",
    "bildergalerie", "zur startseite", "nach oben", "наверх", "вернуться к началу",
    "retour en haut", "torna su", "volver arriba",
    # A comment form's buttons and fields, in the words blog software gives them
    "add comment", "add a comment", "post a comment", "leave a comment", "leave a reply",
    "no comments yet", "name (required)", "mail (will not be published) (required)",
    "email (will not be published) (required)", "schreibe einen kommentar",
    "kommentar schreiben", "laisser un commentaire", "ajouter un commentaire",
    "deja un comentario", "deja una respuesta", "lascia un commento", "deixe um comentário",
    "deixe uma resposta", "добавить комментарий", "оставить комментарий", "اترك تعليقاً",
    "اترك تعليقا", "أضف تعليق",
    # the links every page's header and footer repeat
    "skip to content", "skip to main content", "about us", "contact us", "privacy policy",
    "cookie policy", "terms of use", "terms of service", "advertise with us", "site map",
    "rss feeds", "impressum", "datenschutzerklärung", "mentions légales",
    "politique de confidentialité", "política de privacidad", "aviso legal",
    "политика конфиденциальности", "سياسة الخصوصية", "اتصل بنا", "من نحن",
}
#: "3 of 12", "Bild 2 von 10", "Фото 1 из 5": a gallery's counter.
GALLERY_COUNTER = re.compile(
    r"^(image|photo|picture|slide|bild|foto|фото|imagen|immagine|صورة)?\s*\d{1,3}\s*"
    r"(of|von|из|de|di|sur|z|av|af|van|من)\s*\d{1,3}$", re.IGNORECASE)
#: Calls to act that stand on a line of their own (donate, subscribe, follow).
CALL_TO_ACTION = re.compile(
    r"^(поддержать|поддержите|подпис(ывайтесь|аться)|подписаться на|читайте нас|support us|"
    r"donate|subscribe|sign up|follow us|connect with us|jetzt abonnieren|abonnieren|"
    r"folgen sie uns|unterstützen sie|تابعونا|اشترك|ادعم|like this story|"
    r"tell us what you think|get .{1,40} delivered)\b",
    re.IGNORECASE)
#: "Read also: <title of another story>" links set between paragraphs: a label that only
#: ever introduces another story ("More:" and "Related:" also introduce sources and quotes).
READ_ALSO = re.compile(
    r"^(читайте также|смотрите также|читайте по теме|читайте еще|lesen sie auch|"
    r"lesen sie mehr|auch interessant|read also|also read|see also|don't miss|"
    r"leggi anche|lire aussi|à lire aussi|lea también|leia também|czytaj także|czytaj też|"
    r"läs också|læs også|lees ook|přečtěte si také|čtěte také|baca juga|"
    r"함께 보면 좋은 기사|اقرأ أيضا|اقرأ أيضاً|اقرأ المزيد|طالع أيضا|यह भी पढ़ें|ये भी पढ़ें|"
    r"taip pat skaitykite|funda nalokhu|funda olunye udaba lapha)\s*[:：|]\s*\S",
    re.IGNORECASE)
#: A teaser title tagged by its section: "... outbreak [NEWS]", "... Review [Video]".
TEASER_TAG = re.compile(
    r"\[(VIDEO|INSIGHT|REACTION|NEWS|PICS|PHOTOS|POLL|LIVE|WATCH|GALLERY|REVEALED)\]\|?$",
    re.IGNORECASE)

#: The tail of an image link left by a markdown conversion: URL-encoded, ends in an image suffix.
IMAGE_RESIDUE = re.compile(
    r"(%[0-9A-Fa-f]{2}|\S\.(jpe?g|png|gif|webp|avif|svg)\)?$|^!\[|\]\(https?://)")
CAPTION_MAX = 200
NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+\S")
#: A numbered headline has a few words past its number; "1. Kebede - 2:04:38" is a result.
HEADLINE_WORDS = 5
_WORD = re.compile(r"\w")
_DIGITS = re.compile(r"\d+")
_QUOTES = re.compile(r"[\"'“”„«»‘’]")
#: Texts that label an ad slot; what follows them is promoted content (the HTML rules use
#: these too).
AD_LABELS = {
    "advertisement", "advertisements", "advertising", "anzeige", "werbung", "реклама", "إعلان",
    "اعلان", "publicité", "publicidad", "pubblicità", "sponsored", "reklam",
}
#: The ad labels that are never anything else: cut on a line of their own anywhere. The others
#: also name the business ("Advertising", "Werbung", "Реклама" head sections of stories about
#: it), so alone in the story they stay.
AD_SLOT_LABELS = {"advertisement", "advertisements", "anzeige", "sponsored", "إعلان", "اعلان"}
#: What decorates a label standing alone: trafilatura's table-cell bars, dashes, bullets
#: ("| — ADVERTISEMENT — |  |", "- Print this page", "No comments yet.").
DECORATION = " \t|-–—_*•·:."
SENTENCE_ENDS = (".", "!", "?", "…", "؟", "。", "！", "？", "｡", ":")
#: Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, Japanese kana,
#: Chinese characters (kanji, hanja) and their halfwidth and supplementary forms.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\u3005-\u3007\u3040-\u30ff"
    "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua9e0-\ua9ff\uaa60-\uaa7f\uf900-\ufaff\uff66-\uff9f"
    "\U00020000-\U0003ffff]")
#: Their punctuation, ideographic space and fullwidth forms: "，" or "。" is no word.
_UNSPACED_MARKS = re.compile(
    "[\u3000-\u3004\u3008-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")


def clean_lines(text: str, rules: SiteRules | None
                ) -> tuple[list[str], list[Removal]]:
    """Return the kept lines and the removals, in order. A sentence of prose is never cut,
    unless a "read also" label opens it."""
    patterns = rules.line_patterns() if rules else []
    kept: list[str] = []
    removed: list[Removal] = []
    previous = ""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    prose = [is_prose(line) for line in lines]
    edges = _headlines_above(lines, prose) | _teasers_below(lines, prose)
    for number, line in enumerate(lines):
        rule, detail = edges.get(number), ""
        if rule is None and (not prose[number] or READ_ALSO.match(line)):
            site = next((p for p in patterns if p.fullmatch(line)), None)
            if site:
                rule, detail = "site-line", site.pattern
            else:
                rule = _line_rule(line, previous)
        if rule is None:
            kept.append(line)
            previous = line
        else:
            removed.append(Removal(rule, line, detail))
    return kept, removed


def _line_rule(line: str, previous: str) -> str | None:
    """The rule that cuts ``line`` (``previous`` is the last line kept), or None."""
    key = _key(line)
    if len(line) <= 2 and not _WORD.search(line):
        return "lone-symbol"  # a breadcrumb "/" or a "|"; "___" and "***" divide stories
    if " " not in line.strip(")") and IMAGE_RESIDUE.search(line):
        return "image-residue"
    words = count_words(line)
    label = _label_rule(key) if words <= 12 else None
    if label:
        return label
    if READ_ALSO.match(line):
        return "read-also"
    if words <= 8 and CALL_TO_ACTION.match(line) and "://" not in line and \
            not line.endswith((".", "?")):
        return "call-to-action"
    if words <= 20 and TEASER_TAG.search(line):
        return "teaser-tag"
    if len(line) <= CAPTION_MAX and not line.startswith("|") and _repeats(key, _key(previous)):
        return "duplicate-line"
    return None


def _label_rule(key: str) -> str | None:
    """A label standing alone (a share button, a page control, an ad slot's label), or a table
    row of nothing but labels ("| Print this page | Back to top |"); not a table's row of
    networks' names ("| Facebook | Twitter |" heads the columns of a table of their users)."""
    cells = [cell.strip(DECORATION) for cell in key.split("|")] if "|" in key else \
        [key.strip(DECORATION)]
    cells = [cell for cell in cells if cell]
    if len(cells) > 1 and NETWORK_NAMES.issuperset(cells):
        return None
    rules = [_cell_rule(cell) for cell in cells]
    return rules[0] if rules and all(rules) else None


def _cell_rule(label: str) -> str | None:
    if label in SHARE_LABELS:
        return "share-label"
    if label in CONTROL_LABELS or GALLERY_COUNTER.match(label):
        return "control-label"
    if label in AD_SLOT_LABELS:
        return "ad-label"
    return None


def _headlines_above(lines: list[str], prose: list[bool]) -> dict[int, str]:
    """A numbered run of three or more headlines ("most read") above the article's first
    sentence of prose, where a page's top widgets end up. Lists inside the article (steps, a
    track list, a top ten) are never looked at."""
    first_prose = prose.index(True) if True in prose else 0
    found: dict[int, str] = {}
    run: list[int] = []
    for index, line in enumerate(lines[:first_prose + 1]):
        match = NUMBERED.match(line)
        if match and int(match.group(1)) == len(run) + 1 and \
                count_words(line) > HEADLINE_WORDS:
            run.append(index)
            continue
        if len(run) >= 3:
            found.update(dict.fromkeys(run, "most-read-list"))
        run = [index] if match and match.group(1) == "1" else []
    return found


def _teasers_below(lines: list[str], prose: list[bool]) -> dict[int, str]:
    """An ad label after the article's last sentence of prose, and the lines that follow it to
    the end: the related posts of an "Advertisement" block under the story. ("Related" headings
    were tried too: readers' and annotators' articles end with such lists too often.)"""
    if True not in prose:
        return {}
    last_prose = len(prose) - 1 - prose[::-1].index(True)
    for index in range(last_prose + 1, len(lines)):
        if is_ad_label(lines[index]):
            tail = [i for i in range(index + 1, len(lines)) if not prose[i]]
            if not tail or len(tail) < len(lines) - index - 1:
                return {}  # nothing follows, or prose does: the label is inside the story
            return {index: "ad-label", **dict.fromkeys(tail, "after-ad-label")}
    return {}


def is_ad_label(text: str) -> bool:
    """An ad slot's label, bare or decorated ("Advertisement", "— Anzeige —", "Publicité :"):
    the one test of the line rules and the HTML rules alike."""
    return text.strip().strip(DECORATION).lower() in AD_LABELS


def is_prose(line: str) -> bool:
    """A sentence of some length, ended as sentences are: not a title, label or teaser."""
    return line.rstrip("\"'”»)").endswith(SENTENCE_ENDS) and count_words(line) >= 12


def count_words(line: str) -> int:
    """The words of ``line`` in any script: its space-separated tokens, and one word per two
    characters of the scripts that put no space between words (a Chinese or Japanese sentence
    is one token to ``split()``). Two is about the length of a Chinese word (most are one or
    two characters) and of a Japanese one; a Thai, Lao, Khmer or Myanmar word is longer, so
    they count high, which keeps: the counts are a floor for prose and for a page's text, a
    ceiling for labels and teaser cards (a "most read" run's headlines, over five words, are
    only looked for above the first prose). Linear in the line's length."""
    if line.isascii():  # (no script without spaces)
        return len(line.split())
    spaced, unspaced = _UNSPACED.subn(" ", line)
    if unspaced:
        spaced = _UNSPACED_MARKS.sub(" ", spaced)
    return len(spaced.split()) + (unspaced + 1) // 2


def _repeats(key: str, previous: str) -> bool:
    """The line just before, again or nearly (an alt text and its caption differing by a typo).
    Only the line just before: tables and lists repeat short lines legitimately."""
    if previous == key:
        return True
    if abs(len(previous) - len(key)) > 3 or len(key) < 20 or \
            _DIGITS.findall(previous) != _DIGITS.findall(key):
        return False  # "round 2" after "round 1" is the next entry, not a typo
    matcher = SequenceMatcher(None, previous, key)
    return matcher.quick_ratio() >= 0.95 and matcher.ratio() >= 0.95


@lru_cache(maxsize=1024)  # a kept line is keyed again as the next one's previous
def _key(line: str) -> str:
    """Compare lines regardless of case, quotes, spacing and Unicode form."""
    text = unicodedata.normalize("NFKC", line).casefold()
    text = _QUOTES.sub("", text)
    return " ".join(text.split())
