"""Dates as news pages write them: ISO 8601 times with their offset, the days a text shows
(``3.4.2019``, ``April 3rd, 2019``, ``6 Mär. 2023``), the day a URL's path carries, and the day
of publication in the newsroom's own offset when the page gives a time in UTC.
"""

from __future__ import annotations

import re
import threading
from calendar import monthrange
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import cache
from importlib.resources import files
from itertools import islice
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import htmldate.extractors
from htmldate.extractors import MONTHS

#: Offsets a newsroom's clock may have: from Hawaii's (UTC-10) to Kiribati's (UTC+14).
OFFSETS = (-10, 14)

#: Country-code domains that search engines treat as generic: sites everywhere use them.
GENERIC_CCTLDS = frozenset({"ad", "ai", "as", "bz", "cc", "cd", "co", "dj", "fm", "io", "la",
                            "me", "ms", "nu", "sc", "sr", "su", "tk", "tv", "ws"})

#: Years a date may fall in: past them it is a typo or a hostile page.
YEARS = (1800, 2200)

_MONTH_NUMBER = {name: number for number, names in enumerate(MONTHS, 1) for name in names}
#: Month names as pages write them, in htmldate's languages (lower case), as a pattern's
#: alternatives, the longest first (``sept`` before ``sep``).
MONTH_NAMES = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
#: English weekdays' names, in full and cut short.
WEEKDAYS = (r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
            r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)")
#: What a dateline's day may follow: the text's start, a label or a separator, then words
#: saying the story was published (``Article published``, ``Posted on``), then one word (a
#: weekday's name: ``Monday,``, ``jeudi``, ``Mi.``).
_PUBLISHED_WORDS = (r"(?:published|posted|publi[ée]|publicado|pubblicato|ver[öo]ffentlicht|"
                    r"erschienen)(?:\s+(?:on|am|le|el|em|il|op))?")
_DATELINE_PREFIX = re.compile(
    rf"(?:^|[:|–—·•-])\s*(?:(?:[^\W\d_]+\s+)?{_PUBLISHED_WORDS}\s+)?(?:[^\W\d_]+\.?,?\s+)?$",
    re.I)
_YEAR = re.compile(r"(?<!\d)[12][0-9]{3}(?!\d)")
_SHOWN_DAY = re.compile(
    r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?P<dotted>)(?!\d)"
    r"|(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?P<slashed>)(?!\d)"
    r"|(?<![\d-])(\d{1,2})-(\d{1,2})-(\d{4})(?P<dashed>)(?![\d-])"
    r"|(?<!\d)(\d{4})-(\d{2})-(\d{2})(?P<iso>)(?!\d)"
    r"|(?<![\d.])(\d{1,2})(?:(?:st|nd|rd|th)[.,]?|\.)?\s([^\W\d_]{3,})\.?,?\s(\d{4})(?P<day_month>)(?!\d)"
    r"|(?<![^\W\d_])([^\W\d_]{3,})\.?\s(\d{1,2})(?:st|nd|rd|th)?,?\s(\d{4})(?P<month_day>)(?!\d)")
_URL_MONTH = re.compile(r"/((?:19|20)[0-9]{2})/([0-9]{1,2})(?=/)")
_NUMERIC_DAY = re.compile(r"(?<![\d/-])([0-9]{1,2})([/-])([0-9]{1,2})\2([12][0-9]{3})(?![\d/-])")
#: A dotted numeric day (``23.01.2008``, ``01.23.2008``), not a version's or an address's part.
_DOTTED_DAY = re.compile(r"(?<![\d.])([0-9]{1,2})\.\s?([0-9]{1,2})\.\s?([12][0-9]{3})(?![\d]|\.\d)")
#: A numeric day and its time in a zone of the United States (``01/11/2008 9:53 AM EST``).
_US_CLOCK = re.compile(r"(?<![\d/])[0-9]{1,2}/[0-9]{1,2}/[12][0-9]{3},?\s+[0-9]{1,2}:[0-9]{2}"
                       r"(?::[0-9]{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[ECMP][SD]?T|AK[SD]T|H[SD]T)\b")
_WEEKDAY_BEFORE = re.compile(rf"\b({WEEKDAYS})\.?,?\s*$", re.I)
_WEEKDAY_NUMBER = {name: number for number, name in
                   enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}
#: Countries whose pages write a numeric day month first (``01/10/2008``: January 10).
MONTH_FIRST = frozenset({"US", "PH", "FM", "MH", "PW"})
#: How much of a page is searched for the order of its numeric days.
MAX_ORDER_SEARCH = 1_000_000
#: Three numbers a URL's path separates by slashes or hyphens, a day written any way round
#: (``/11/06/12/``, ``/2012-11-06``); the longest URL part searched for them.
_URL_NUMBERS = re.compile(r"(?<![0-9])([0-9]{1,4})[/-]([0-9]{1,2})[/-]([0-9]{1,4})(?![0-9])")
MAX_URL = 2000
_URL_DAY = re.compile(r"/((?:19|20)[0-9]{2})/([0-9]{1,2})/([0-9]{1,2})(?=/|$)")
#: A day a URL's path writes in one part: dashed (``/2019-11-19/``, ``-2023-04-25/`` ending a
#: slug), or eight digits alone between the path's separators (``/20200413/``, ``-20121106/``),
#: not a longer number's (``/20200413123/``, an article's id) nor one letters run into
#: (``dmf20250202``, ``20050519B.htm``), and joined by a hyphen or underscore to no other
#: number of five digits or more (``84229-20346427``: an id after a section's number; a time
#: after it, ``20080108-0356``, is the day's own). Not underscored: ``2005_05_29_..._archive``,
#: ``week_2004_07_11`` are a blog archive's week or month, its first day no publication's.
_URL_PATH_DAY = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})-([0-9]{2})-([0-9]{2})(?![0-9])"
    r"|(?<![0-9A-Za-z])(?<![0-9]{5}[-_])((?:19|20)[0-9]{2})([0-9]{2})([0-9]{2})"
    r"(?![0-9A-Za-z])(?![-_][0-9]{5})")
_BASIC = re.compile(r"^\s*([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2}):?([0-9]{2}):?([0-9]{2})"
                    r"(?![0-9])")
_DATE = re.compile(r"\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ]\s*([0-9]{1,2}):([0-9]{2})"
                   r"(?::([0-9]{1,2})(?:[.,]([0-9]{1,9}))?)?\s*(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?"
                   r"(?![0-9])")

#: PR Newswire's dateline, which opens a release with its month and day, the year left out
#: (``NEW YORK, Jan. 7 /PRNewswire-FirstCall/ --``): the wire's name, found as a literal (an
#: expression of several wires' names cost 40 ms a page), and the month's name and day right
#: before it, the separators and markup between them (``Jan. 7 <!--/PRNewswire/-->``) aside.
_WIRE = re.compile("Newswire")
_RELEASE_DAY = re.compile(rf"(?<![^\W\d_])({MONTH_NAMES})\.?\s+([0-9]{{1,2}})[\s/(-]*(?:PR\s?)?$",
                          re.I)
_TAG = re.compile(r"<[^<>]*>")
_TAG_END = re.compile(r"<[^<>]*$")
_URL_YEAR = re.compile(r"/((?:19|20)[0-9]{2})/")
_COPYRIGHT = re.compile(r"(?:©|&copy;|&#169;|\(c\)|copyright)\s*(?:©|&copy;|&#169;|\(c\))?\s*"
                        r"(?:[12][0-9]{3}\s*[-–]\s*)?([12][0-9]{3})(?![0-9])", re.I)
MAX_WIRES = 20

#: The languages whose dates htmldate's date parser (dateparser) reads in an undated page's
#: texts, besides the page's own: htmldate's month names' and Europe's most written. Left to
#: itself it tries each text in each of dateparser's 200 locales: on old pages, 80% of the
#: metadata step (see docs/benchmarks.md).
DATE_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "tr", "id")
_PARSER_LOCK = threading.Lock()


@contextmanager
def date_languages(language: str | None):
    """Within it, htmldate's date parser reads :data:`DATE_LANGUAGES` and ``language`` (a
    page's ``lang``, ``en-US``) only. htmldate builds its parser once, for every locale; it is
    swapped for the time of one search (under a lock: the swap is the module's)."""
    code = (language or "").replace("_", "-").split("-")[0].lower()
    with _PARSER_LOCK:
        parser = _date_parser(tuple(sorted({*DATE_LANGUAGES, code} & _parser_languages())))
        htmldate_parser = htmldate.extractors.get_external_parser
        htmldate.extractors.get_external_parser = lambda: parser
        try:
            yield
        finally:
            htmldate.extractors.get_external_parser = htmldate_parser



@cache
def _parser_languages() -> frozenset[str]:
    from dateparser.languages.loader import default_loader  # noqa: PLC0415 - slow import
    return frozenset(default_loader.get_locale_map())


@cache
def _date_parser(languages: tuple[str, ...]):
    """htmldate's parser (its settings) for ``languages`` only."""
    from dateparser import DateDataParser  # noqa: PLC0415 - slow import
    return DateDataParser(languages=list(languages),
                          settings=htmldate.extractors.get_external_parser()._settings)


def timestamp(value) -> str | None:
    """An ISO 8601 date or time as the page wrote it, offset kept (``2024-05-03T15:47:42+00:00``,
    or the day alone when it gives no time); the basic format too (``20200414T00:38:07Z``);
    None for anything else, or past :data:`YEARS`."""
    if not isinstance(value, str) or len(value) > 64:
        return None
    value = _BASIC.sub(r"\1-\2-\3T\4:\5:\6", value, count=1)
    if not (match := _DATE.match(value)):
        return None
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    try:
        if not YEARS[0] <= int(year) <= YEARS[1]:
            return None
        if hour is None:
            return date(int(year), int(month), int(day)).isoformat()
        zone = None
        if offset:
            digits = offset[1:].replace(":", "") if offset != "Z" else "0000"
            delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
            zone = UTC if not delta else timezone(-delta if offset[0] == "-" else delta)
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute),
                          int(second or 0), int((fraction or "0")[:6].ljust(6, "0")), zone)
    except ValueError:
        return None
    return moment.isoformat().replace("+00:00", "Z") if zone is UTC else moment.isoformat()


def url_day(url: str | None) -> str | None:
    """The day a URL's path writes (``/2019/11/8/``, else ``/2019-11-19/``, ``/20200413/``:
    :data:`_URL_PATH_DAY`), as ``YYYY-MM-DD``. Its query is not read: ``?pid=20601101`` is an
    id."""
    if not url:
        return None
    if match := _URL_DAY.search(url):
        return _valid_day(*map(int, match.groups()))
    path = url.split("?", 1)[0].split("#", 1)[0].split("//", 1)[-1].partition("/")[2]
    for match in _URL_PATH_DAY.finditer(path[:MAX_URL]):
        if day := _valid_day(*(int(group) for group in match.groups() if group)):
            return day
    return None


def _valid_day(year: int, month: int, day: int) -> str | None:
    if 1 <= month <= 12 and 1 <= day <= monthrange(year, month)[1]:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def release_day(page: str, url: str | None, years: set[int]) -> str | None:
    """The day a press release's dateline prints without its year (``NEW YORK, Jan. 7
    /PRNewswire/ --``, :data:`_WIRE`), in the year the page's other dates give: ``years``
    (its other days'), the URL path's (``/2008/``) and its copyright notices' (``© 2008``, the
    last of ``2000-2008``), when they all agree. A wire's dateline is the release's own day."""
    for wire in islice(_WIRE.finditer(page), MAX_WIRES):
        before = _TAG_END.sub("", _TAG.sub(" ", page[max(0, wire.start() - 80):wire.start()]))
        if not (found := _RELEASE_DAY.search(before)):
            continue
        month, day = _MONTH_NUMBER.get(found.group(1).lower()), int(found.group(2))
        years = years | page_years(page, url)
        if len(years) != 1 or not month:
            return None
        year = years.pop()
        return _valid_day(year, month, day) if YEARS[0] <= year <= YEARS[1] else None
    return None


#: A dateline that prints its day without the year, the whole of its text: a label or a
#: separator, an English weekday, the month's name and the day either way round, a clock
#: (``Fri Dec 28, 6:09 PM ET``, ``Published: March 13 at 11:52 am``, ``| Aug 09, 2:31 PM``,
#: ``Posted Tue, 5 Mar``, ``5. März``); not a city's (``LONDON, Dec. 5 --``: the day the story
#: was filed, the edition's the next) nor a day in a sentence (``opens on December 25``).
_YEARLESS = re.compile(
    rf"[\s|:·•–—-]*(?:{_PUBLISHED_WORDS}\s*:?\s*)?"
    rf"(?:(?P<weekday>{WEEKDAYS})\.?,?\s*)?"
    rf"(?:(?P<month>{MONTH_NAMES})\.?\s+(?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day_first>[0-9]{{1,2}})(?:st|nd|rd|th|\.)?\s+(?P<month_after>{MONTH_NAMES})\.?)"
    r"(?:,?\s*(?:at|um|à)?\s*[0-9]{1,2}[:.][0-9]{2}(?::[0-9]{2})?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:[a-z]{2,4}\b)?)?[\s,;|]*", re.I)
MAX_YEARLESS = 80


def yearless(text: str) -> tuple[int, int, int | None] | None:
    """The month, day and weekday (0 for Monday, or None) of a dateline printed without its
    year (:data:`_YEARLESS`), when ``text`` is one."""
    if len(text) > MAX_YEARLESS or not (found := _YEARLESS.fullmatch(text)):
        return None
    month = _MONTH_NUMBER.get((found["month"] or found["month_after"]).lower())
    number = int(found["day"] or found["day_first"])
    weekday = _WEEKDAY_NUMBER[found["weekday"].lower()[:3]] if found["weekday"] else None
    if not month or not 1 <= number <= (29 if month == 2 else monthrange(2001, month)[1]):
        return None
    return month, number, weekday


def year_of(printed: tuple[int, int, int | None], url: str | None, other: str | None,
            years: set[int]) -> tuple[str | None, str]:
    """The day of a dateline printed without its year (``printed``: :func:`yearless`), in the
    year the page's own evidence gives, and that evidence; the weekday printed with it, if
    any, must agree. The URL's day, when the printed one is within a day of it (a newsroom's
    clock); else the URL's year and month, when it is that month; else ``other`` (htmldate's
    day), when within a day of it. A URL's day or month, or an ``other`` day, that the printed
    day is not near says it is another's: no day. Without any of these, the one year of
    ``years`` (the URL's, the copyright notices', htmldate's) that puts it on its weekday."""
    month, number, weekday = printed

    def on(year: int) -> str | None:
        if not YEARS[0] <= year <= YEARS[1] or \
                not (day := _valid_day(year, month, number)) or \
                weekday is not None and date.fromisoformat(day).weekday() != weekday:
            return None
        return day

    def near(anchor: str) -> str | None:
        year = int(anchor[:4])
        days = {day for day in map(on, (year - 1, year, year + 1))
                if day and days_apart(day, anchor) <= 1}
        return days.pop() if len(days) == 1 else None

    if carried := url_day(url):
        return near(carried), "the URL's day"
    if url and (found := _URL_MONTH.search(url.split("?")[0][:MAX_URL])):
        year, carried_month = map(int, found.groups())
        if 1 <= carried_month <= 12:
            return on(year) if carried_month == month else None, "the URL's year and month"
    if other:
        return near(other), "htmldate's day"
    if weekday is None:
        return None, ""
    days = set(filter(None, map(on, years)))
    return (days.pop(), "its weekday") if len(days) == 1 else (None, "")


def page_years(page: str, url: str | None) -> set[int]:
    """The years a page names for itself: its URL path's (``/2008/``) and its copyright
    notices' (``© 2008``, the last of ``2000-2008``)."""
    years = {int(year) for year in _COPYRIGHT.findall(page)}
    if url and (carried := _URL_YEAR.search(url.split("?")[0][:MAX_URL])):
        years.add(int(carried.group(1)))
    return years


def starts_with_day(text: str) -> bool:
    """Whether ``text`` starts with a day as :func:`shown_days` reads them."""
    return bool(_SHOWN_DAY.match(text))


def near_url_month(day: str, url: str | None) -> bool:
    """Whether ``day`` falls in the year and month a URL's path carries (``/2012/11/``), or a
    day out of them (a newsroom's clock against the server's); True for a URL without them."""
    if not url or not (carried := _URL_MONTH.search(url)):
        return True
    year, month = map(int, carried.groups())
    if not 1 <= month <= 12:
        return True
    first = date(year, month, 1)
    last = first.replace(day=monthrange(year, month)[1])
    return first - timedelta(days=1) <= date.fromisoformat(day) <= last + timedelta(days=1)


def shown_days(text: str) -> set[str]:
    """The days ``text`` writes as pages do (``3.4.2019``, ``03/04/2019`` either way round,
    ``2019-04-03``, ``3. April 2019``, ``6 Mär. 2023``, ``April 3, 2019``; month names:
    htmldate's, in English, French, German, Indonesian and Turkish), as ``YYYY-MM-DD``."""
    days: set[str] = set()
    for year in _YEAR.finditer(text):  # look only around years: one pattern over the page is slow
        _read_days(text[max(0, year.start() - 24):year.end() + 6], days)
    return days



def _read_days(text: str, days: set[str]) -> None:
    for match in _SHOWN_DAY.finditer(text):
        groups = [g for g in match.groups() if g is not None]
        if match.lastgroup == "iso":
            candidates = [(groups[0], groups[1], groups[2])]
        elif match.lastgroup == "dotted":
            candidates = [(groups[2], groups[1], groups[0])]
        elif match.lastgroup in ("slashed", "dashed"):
            candidates = [(groups[2], groups[1], groups[0]), (groups[2], groups[0], groups[1])]
        elif match.lastgroup == "day_month":
            candidates = [(groups[2], _MONTH_NUMBER.get(groups[1].lower()), groups[0])]
        else:
            candidates = [(groups[2], _MONTH_NUMBER.get(groups[0].lower()), groups[1])]
        for year, month, day in candidates:  # days the calendar has (no 31.02.2008)
            if month and 1 <= int(month) <= 12 and \
                    1 <= int(day) <= monthrange(int(year), int(month))[1]:
                days.add(f"{int(year):04d}-{int(month):02d}-{int(day):02d}")



def publication_day(moment: str | None, source: str, local: str | None,
                    country: str | None = None, shown: str | None = None) -> tuple[str | None, str]:
    """The publication day in the publisher's own offset. The day ``shown`` by the headline
    is it, when the time falls on it in a newsroom's offset (:data:`OFFSETS`): markup may state
    the newsroom's clock with another offset (``02:15-06:00`` for 02:15 UTC). A time given in
    UTC does not say it: when htmldate (the URL, the dates the page shows) names another day
    that the UTC time falls on in a newsroom's offset, that day it is; else, on a site of a
    country (its country-code domain), the day the instant falls on in every one of that
    country's time zones, when they all agree."""
    if not moment:
        return None, source
    day = moment[:10]
    if shown and shown != day and _near(moment, shown):
        return shown, f"{source} (day: the dateline)"
    if not moment.endswith("Z"):
        return day, source
    utc = datetime.fromisoformat(moment)
    if local and local != day and _near(moment, local):
        return local, f"{source} (UTC; day: htmldate)"
    zones = _country_zones(country) if country else ()
    days = {utc.astimezone(zone).date().isoformat() for zone in zones}
    if len(days) == 1 and day not in days:
        return days.pop(), f"{source} (UTC; day: the .{country.lower()} time zones)"
    return day, source



def days_apart(day: str, other: str) -> int:
    """Whole days between the calendar days of two ISO days or times."""
    return abs((date.fromisoformat(day[:10]) - date.fromisoformat(other[:10])).days)


def unzoned_day_off(moment: str, day: str) -> bool:
    """Whether ``moment``, a markup time that gives no offset, is a day off ``day``, the day
    the page prints: a day alone (a server's or the UTC day), or a clock without offset
    (``sailthru.date``'s ``2012-03-05 02:30:00``) that, read as UTC, falls on ``day`` in a
    newsroom's offset. Such a time names no instant; the day printed is the publisher's."""
    if timestamp(day) != day or timestamp(moment) != moment or days_apart(moment, day) != 1:
        return False
    return len(moment) == 10 or (datetime.fromisoformat(moment).tzinfo is None
                                 and _near(f"{moment}Z", day))


def written_short(day: str, text: str) -> bool:
    """Whether ``text`` writes ``day`` (``YYYY-MM-DD``) with a two-digit year, month or day
    first (``11/18/19 11:04 PM EST``, ``18.11.19``), which :func:`shown_days` does not read."""
    year, month, number = day.split("-")
    month_, number_ = f"0?{int(month)}", f"0?{int(number)}"
    return bool(re.search(rf"(?<![\d/.-])(?:{month_}/{number_}|{number_}[/.]{month_})[/.]"
                          rf"{year[2:]}(?![\d/.-]|\.\d)", text))


def _near(moment: str, day: str) -> bool:
    """Whether the instant ``moment`` (with its offset) falls on ``day`` in a newsroom's."""
    if len(moment) <= 10 or timestamp(day) != day:
        return False
    instant = datetime.fromisoformat(moment)
    if instant.tzinfo is None:
        return False
    utc = instant.astimezone(UTC)
    return (utc + timedelta(hours=OFFSETS[0])).date().isoformat() <= day <= \
        (utc + timedelta(hours=OFFSETS[1])).date().isoformat()


@cache
def _country_zones(country: str) -> tuple[ZoneInfo, ...]:
    """A country's time zones, by ISO code, from the tz database's ``zone.tab``: loaded when
    the country is first asked for (all 400 of them take a tenth of a second)."""
    zones = []
    for name in _zone_names().get(country, ()):
        try:
            zones.append(ZoneInfo(name))
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return tuple(zones)



@cache
def _zone_names() -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    table = files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    for line in table.splitlines():
        if line and not line.startswith("#"):
            code, _, name = line.split("\t")[:3]
            names.setdefault(code, []).append(name)
    return names



def domain_country(url: str | None) -> str | None:
    """The country a URL's country-code domain names (``.ca``: CA; ``.uk``: GB), not one that
    sites everywhere use as a generic domain (:data:`GENERIC_CCTLDS`)."""
    if not url or "//" not in url:
        return None
    suffix = url.split("/")[2].split(":")[0].rstrip(".").rsplit(".", 1)[-1].lower()
    if len(suffix) != 2 or not suffix.isalpha() or suffix in GENERIC_CCTLDS:
        return None
    return "GB" if suffix == "uk" else suffix.upper()



def written(day: str, text: str) -> bool:
    """Whether ``text`` writes ``day`` (``YYYY-MM-DD``) as htmldate reads days: in digits, year
    first or last, either way round (``2005/12/15``, ``18/05/2006``, ``5.18.2006``,
    ``20051215``), or as :func:`shown_days` reads them (``May 18, 2006``)."""
    year, month, number = day.split("-")
    month_, number_ = f"0?{int(month)}", f"0?{int(number)}"
    digits = re.compile(rf"(?<!\d)(?:{year}[-/.]{month_}[-/.]{number_}|{year}{month}{number}|"
                        rf"(?:{number_}[-/.]{month_}|{month_}[-/.]{number_})[-/.]{year})(?!\d)")
    return bool(digits.search(text)) or day in shown_days(text)


def dateline_day(text: str, order=None, url: str | None = None,
                 latest: str | None = None) -> str | None:
    """The first day ``text`` writes when the text is a dateline: the day starts it, or follows
    a label or a separator (``Published: Jan 18, 2008``, ``By Jane Doe | Monday, 14 January,
    2008``, ``jeudi 13 juin 2019``) or words saying it was published (``Article published
    Wednesday, January 2, 2008``, ``Posted on Nov 7th, 2012``), a word (a weekday's name)
    allowed before it; not a day inside a sentence (``the period from 1 November 2006``) or
    brackets (a photo's credit; a time in brackets may follow it)."""
    if not (match := _SHOWN_DAY.search(text)):
        return None
    before = text[:match.start()]
    if "(" in before or ")" in before or not _DATELINE_PREFIX.search(before):
        return None
    return first_day(text, order, url, latest)  # the same first day, the words before it kept


#: A numeric day with a two-digit year (``30/12/07``; dotted, ``30.12.07``, with two digits
#: each), not part of a longer number, a version (``1.5.11``) or a fraction.
_SHORT_YEAR_DAY = re.compile(r"(?<![\d/.,-])(?:([0-9]{1,2})(/)([0-9]{1,2})/|"
                             r"([0-9]{2})(\.)([0-9]{2})\.)([0-9]{2})(?![\d/-]|[.,]\d)")


def short_year_dateline(text: str, order=None, url: str | None = None,
                        latest: str | None = None) -> str | None:
    """The day a dateline writes with a two-digit year (``30/12/07``, ``Posted: 30.12.07
    10:22``), when the text starts with it or it follows a label or a separator as
    :func:`dateline_day` reads them; read as :func:`numeric_day` reads a four-digit one, in
    the century that puts it on or before the last day the page can print (``latest``, else
    today): a wrong day is worse than none."""
    if not (match := _SHORT_YEAR_DAY.search(text)):
        return None
    before = text[:match.start()]
    if "(" in before or ")" in before or not _DATELINE_PREFIX.search(before):
        return None
    last = date.fromisoformat(latest) if latest and timestamp(latest) == latest \
        else datetime.now(UTC).date()
    first, separator, second, year = (group for group in match.groups() if group)
    year = 2000 + int(year)
    year -= 100 if year > last.year else 0
    day = _numeric(int(first), int(second), year, separator, before, order, url, latest)
    return day if day and date.fromisoformat(day) <= last else None


def first_day(text: str, order=None, url: str | None = None,
              latest: str | None = None) -> str | None:
    """The first day ``text`` writes, when it is sure: a numeric day that reads both ways
    (``03/04/2019``) is read as :func:`numeric_day` decides, else not at all."""
    for match in _SHOWN_DAY.finditer(text):
        days: set[str] = set()
        _read_days(match.group(0), days)
        days = {day for day in days if YEARS[0] <= int(day[:4]) <= YEARS[1]}
        if match.lastgroup in ("dotted", "slashed", "dashed") and days:
            return numeric_day(match, text[:match.start()], order, url, latest)
        if days:
            return days.pop() if len(days) == 1 else None
    return None


def numeric_day(match: re.Match, before: str, order=None, url: str | None = None,
                latest: str | None = None) -> str | None:
    """The day a numeric date of :data:`_SHOWN_DAY` (``11/06/2012``, ``11.06.2012``) writes.
    Pages write it day first (most of the world) or month first (the United States): when both
    read as days, the first of these that tells one reading from the other decides: the last
    day the page can print (``latest``: the day it was fetched), the weekday named before it
    (``Tuesday, 11.06.2012``), the year and month the URL's path carries (``/2012/11/``), a
    day it writes in digits (:func:`_url_day_readings`), then ``order(year, separator)``
    (:func:`numeric_order`: how the page and its site write such days; a dotted day, as the
    page's own dotted days); a dotted day is read day first when none of them does, a slashed
    or dashed one (``01-08-2008``) not at all (a wrong day is worse than none)."""
    first, second, year = (int(group) for group in re.split(r"[./-]\s?", match.group(0)))
    separator = {"slashed": "/", "dashed": "-"}.get(match.lastgroup, ".")
    return _numeric(first, second, year, separator, before, order, url, latest)


def _numeric(first: int, second: int, year: int, separator: str, before: str, order,
             url: str | None, latest: str | None = None) -> str | None:
    readings = {(month, day) for month, day in ((second, first), (first, second))
                if 1 <= month <= 12 and YEARS[0] <= year <= YEARS[1]
                and 1 <= day <= monthrange(year, month)[1]}
    if len(readings) > 1:
        past = {(month, day) for month, day in readings
                if latest and f"{year:04d}-{month:02d}-{day:02d}" <= latest}
        for sure in (past, _weekday_readings(before, year, readings),
                     _url_readings(url, year, readings), _url_day_readings(url, year, readings)):
            if len(sure) == 1:
                readings = sure
                break
        else:
            written = order(year, separator) if order else None
            if written == "dmy" or separator == "." and written != "mdy":
                readings = {(second, first)}
            elif written == "mdy":
                readings = {(first, second)}
    if len(readings) != 1:
        return None
    month, day = readings.pop()
    return f"{year:04d}-{month:02d}-{day:02d}"


def reread_day(day: str, text: str, order=None, url: str | None = None,
               latest: str | None = None) -> str:
    """``day`` as htmldate read it from ``text``, or the other reading of it. htmldate reads a
    numeric day day first (``01/10/2008``: 1 October; ``11.05.12``, ``08-7-2012`` too); when
    ``text`` writes ``day`` only so, :func:`numeric_day` decides how to read it (undecided, it
    stays): a slashed or dashed day as the page writes such days (``01-08-2008`` on an
    American page: January 8), a dotted one only by what tells the readings apart (the year
    and month of the URL: ``/2012/11/``; the page's other dotted days: ``01.23.2008``)."""
    year, month, number = map(int, day.split("-"))
    if number > 12 or number == month:
        return day
    written_so = re.compile(rf"(?<![\d/.-])0?{number}([/.-])0?{month}\1(?:{year}|{year % 100:02d})"
                            r"(?![\d/-]|\.\d)")
    if not (found := written_so.search(text)) or _written_otherwise(day, text):
        return day
    return _numeric(number, month, year, found.group(1),
                    text[max(0, found.start() - 16):found.start()], order, url, latest) or day


def _written_otherwise(day: str, text: str) -> bool:
    """Whether ``text`` writes ``day`` year first or with its month's name."""
    year, month, number = day.split("-")
    if re.search(rf"(?<!\d){year}[/.]0?{int(month)}[/.]0?{int(number)}(?!\d)", text):
        return True
    for found in re.finditer(rf"(?<!\d){year}(?!\d)", text):
        for match in _SHOWN_DAY.finditer(text[max(0, found.start() - 24):found.end() + 6]):
            if match.lastgroup in ("dotted", "slashed", "dashed"):
                continue
            days: set[str] = set()
            _read_days(match.group(0), days)
            if day in days:
                return True
    return False


def _weekday_readings(before: str, year: int, readings: set) -> set:
    """The readings that fall on the weekday named right before the day (``Tuesday, ``)."""
    if not (named := _WEEKDAY_BEFORE.search(before[-16:])):
        return set()
    weekday = _WEEKDAY_NUMBER[named.group(1).lower()[:3]]
    return {(month, day) for month, day in readings if date(year, month, day).weekday() == weekday}


def _url_readings(url: str | None, year: int, readings: set) -> set:
    """The readings in the year and month the URL's path carries (``/2012/11/``)."""
    if not url or not (carried := _URL_MONTH.search(url)) or int(carried.group(1)) != year:
        return set()
    return {(month, day) for month, day in readings if month == int(carried.group(2))}


def _url_day_readings(url: str | None, year: int, readings: set) -> set:
    """The readings within a day of a day the URL writes in digits, read any way round
    (``/world/11/06/12/``: 6 November 2012 month first, the newsroom's clock a day ahead)."""
    if not url or "//" not in url:
        return set()
    days = set()
    for found in _URL_NUMBERS.finditer(url.split("/", 3)[-1][:MAX_URL]):
        first, second, third = (int(group) for group in found.groups())
        for y, m, d in ((first, second, third), (third, first, second), (third, second, first)):
            y += 2000 if y < 100 else 0
            if YEARS[0] <= y <= YEARS[1] and 1 <= m <= 12 and 1 <= d <= monthrange(y, m)[1]:
                days.add(date(y, m, d))
    return {(month, day) for month, day in readings
            if any(abs((date(year, month, day) - near).days) <= 1 for near in days)}


def numeric_order(page: str, url: str | None, language: str | None, year: int,
                  separator: str = "/") -> str | None:
    """How a page writes numeric days of ``year``, ``"dmy"`` or ``"mdy"``, when something says.
    Dotted ones (``separator`` ``"."``): as its own dotted days of that year, the next or the
    last, that read one way only (``23.01.2008``, ``01.23.2008``), if all agree; a country or
    a language says nothing of them (a dotted day is day first, but on a page that writes
    ``01.23.2008``). Slashed or dashed ones:
    its own numeric days of that year, the next or the last, that read one way only
    (``25/12/2019``, ``12/25/2019``, ``12-25-2019``: a server's clock in a comment counts, it
    is the site's; a library's release note of years before, in a comment or a script, does
    not), if all agree;
    else its site's country (its country-code domain: the United States' and the few that
    write the month first, ``mdy``; any other, ``dmy``; ``.edu``, ``.gov`` and ``.mil`` are the
    United States'); else the language it declares (``en-US``, ``mdy``; English of another
    country or another language, ``dmy``); else a numeric day's time in a zone of the United
    States (``01/11/2008 09:53:03 AM EST``), ``mdy``. Nothing of these says: None."""
    orders = set()
    dotted = separator == "."
    for found in (_DOTTED_DAY if dotted else _NUMERIC_DAY).finditer(page[:MAX_ORDER_SEARCH]):
        first, second, written = (int(found.groups()[at]) for at in (0, -2, -1))
        if abs(written - year) > 1:
            continue
        if first > 12 >= second:
            orders.add("dmy")
        elif second > 12 >= first:
            orders.add("mdy")
    if len(orders) == 1:
        return orders.pop()
    if dotted:
        return None
    host = url.split("/")[2].split(":")[0].rstrip(".").lower() if url and "//" in url else ""
    country = "US" if host.rsplit(".", 1)[-1] in ("edu", "gov", "mil") else domain_country(url)
    if country:
        return "mdy" if country in MONTH_FIRST else "dmy"
    tag = (language or "").replace("_", "-").lower().split("-")
    if tag[0] and (tag[0] != "en" or len(tag) > 1):
        return "mdy" if tag[0] == "en" and tag[1] in ("us", "ph") else "dmy"
    return "mdy" if _US_CLOCK.search(page[:MAX_ORDER_SEARCH]) else None


def last_day(fetched: str | None) -> str | None:
    """The last day a page fetched at ``fetched`` (an HTTP ``Date``: ``Tue, 15 Jan 2008
    14:09:42 GMT``) can print: the day after, for a newsroom's clock ahead of UTC."""
    try:
        moment = parsedate_to_datetime(fetched) if fetched and len(fetched) <= 64 else None
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment is None or not YEARS[0] <= moment.year <= YEARS[1]:
        return None
    return (moment.date() + timedelta(days=1)).isoformat()


#: Zones' abbreviations that name one offset (hours from UTC): North America's, Britain's and
#: central Europe's, Australia's east; ``ET``, ``IST`` name several and are not read.
ZONE_OFFSETS = {"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8,
                "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10, "GMT": 0, "UTC": 0, "BST": 1,
                "CET": 1, "CEST": 2, "AEST": 10, "AEDT": 11}
#: A clock and a zone printed with a day (``Jan 7, 2008 11:30 PM CST``, ``Jan. 7, 2008, at
#: 11:30 p.m. EST``), or before it (``11:30 PM CST, Jan 7, 2008``).
_CLOCK = (r"([0-9]{1,2}):([0-9]{2})(?::[0-9]{2})?\s*([AaPp])?\.?(?:[Mm]\.?)?\s*\(?("
          + "|".join(sorted(ZONE_OFFSETS, key=len, reverse=True)) + r")\b")
_CLOCK_AFTER = re.compile(r"[\s,|/–—-]*(?:at\s+|um\s+)?" + _CLOCK)
_CLOCK_BEFORE = re.compile(_CLOCK + r"\)?[\s,|/–—-]*(?:on\s+)?$")


def printed_clock(text: str, day: str, order=None, url: str | None = None,
                  latest: str | None = None) -> datetime | None:
    """The instant ``text`` prints for ``day`` with a clock and a zone, in that zone's offset
    (``Jan 7, 2008 11:30 PM CST``: 2008-01-07T23:30-06:00); ``None`` when it prints none."""
    for match in islice(_SHOWN_DAY.finditer(text), 10):
        if first_day(match.group(0), order, url, latest) != day:
            continue
        clock = _CLOCK_AFTER.match(text, match.end()) or \
            _CLOCK_BEFORE.search(text[max(0, match.start() - 40):match.start()])
        if not clock:
            continue
        hour, minute = int(clock[1]), int(clock[2])
        if clock[3]:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if clock[3] in "Pp" else 0)
        if hour > 23 or minute > 59:
            continue
        year, month, number = map(int, day.split("-"))
        return datetime(year, month, number, hour, minute,
                        tzinfo=timezone(timedelta(hours=ZONE_OFFSETS[clock[4]])))
    return None


def clock_in_utc(moment: str, printed: datetime) -> bool:
    """Whether ``moment``, a markup time in an offset other than UTC's, writes the clock of
    ``printed`` in UTC (``2008-01-08T05:30:00-06:00`` for ``Jan 7, 2008 11:30 PM CST``): the
    same instant, labelled with the newsroom's offset and not shifted into it."""
    stamp = datetime.fromisoformat(moment)
    if stamp.utcoffset() in (None, timedelta(0)) or printed.utcoffset() == timedelta(0):
        return False
    return stamp.replace(tzinfo=None, second=0, microsecond=0) == \
        printed.astimezone(UTC).replace(tzinfo=None)
