"""Language of the cleaned text (langdetect, seeded so that results repeat) and the page's own
declaration (``<html lang>``, Content-Language, og:locale), kept side by side."""

from __future__ import annotations

from langdetect import DetectorFactory, LangDetectException, detect_langs

DetectorFactory.seed = 0

#: langdetect is slow on long texts and gains nothing past a few thousand characters.
SAMPLE_CHARS = 1000


def detect(text: str) -> tuple[str | None, float | None]:
    """``(code, probability)`` of the most likely language, or ``(None, None)`` for no text."""
    try:
        best = detect_langs(text[:SAMPLE_CHARS])[0]
    except (LangDetectException, IndexError):
        return None, None
    return best.lang, round(best.prob, 4)


def primary_subtag(tag: str | None) -> str | None:
    """``de-DE`` / ``ru_RU`` / ``AR`` → ``de`` / ``ru`` / ``ar``."""
    if not tag:
        return None
    code = tag.strip().replace("_", "-").split("-")[0].split(",")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None
