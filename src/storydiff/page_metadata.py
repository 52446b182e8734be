"""What a scraped page says of itself: its dateline, its date, its outlet's name.

clean.py finds these strings among the debris; this module reads them into the values a
Document carries (a place, an ISO date, a name as the outlet writes it).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
"""A month as news pages abbreviate it ('Sept.', 'Jan', 'June'), for patterns."""

# A dateline at the start of the body: "TEHRAN –", "WASHINGTON —", "KYIV, Ukraine (AP) —",
# "London (Reuters) -", "Tehran, June 21 (IRNA) -". Only the first body block is looked at.
DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Z'.\-]{2,}(?:\s[A-Z][A-Z'.\-]+){0,3})(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){0,2})?"
    r"(?:,?\s*" + MONTH + r"\.?\s+\d{1,2})?(?:\s*\([^()]{1,40}\))?\s*(?:[–—]|--?)\s+(?=\S)"
    r"|(?P<city2>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?:,\s*" + MONTH + r"\.?\s+\d{1,2})?\s*\((?:[A-Z][\w ]{1,25})\)\s*(?:[–—]|--?)\s+(?=\S)"
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")


def find_dateline(paragraph: str) -> str | None:
    """The place of a 'CITY –' dateline at the start of the body (the text is left intact)."""
    match = DATELINE.match(paragraph)
    if not match:
        return None
    return (match.group("city") or match.group("city2")).strip()


def normalise_outlet(name: str) -> str:
    """Trim punctuation; an all-lower-case name ('euractiv') gets capitals ('Euractiv').
    Domains ('example.com') are kept as written."""
    name = name.strip().strip(".,;:|–—-").strip()
    name = re.sub(r"\s+\d{4}$", "", name)  # "© Example Times 2024": the year is not part of the name
    if name.islower() and "." not in name:
        name = " ".join(w[:1].upper() + w[1:] for w in name.split())
    return name


def normalise_date(value: str | None) -> str | None:
    """ISO 8601: kept when already ISO, else parsed with dateparser (date only).

    A plain English calendar date ('March 5, 2021', '5 March 2021', with or without a
    weekday) is read directly: it is by far the commonest form on news pages, and
    dateparser spends milliseconds on each (it tries every language it knows). Anything
    else (times, other languages, relative dates) goes to dateparser, memoised, since a
    crawl repeats the same few date strings thousands of times."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if _ISO_DATE.fullmatch(value):
        return value
    return _english_calendar_date(value) or _dateparser_date(value)


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_MONTH_NUMBERS = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}
_ENGLISH_DATE = re.compile(
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month2>[a-z]+)\.?,?\s+(?P<year2>\d{4}))",
    re.IGNORECASE,
)


def _english_calendar_date(value: str) -> str | None:
    match = _ENGLISH_DATE.fullmatch(value)
    if not match:
        return None
    month = _MONTH_NUMBERS.get((match["month"] or match["month2"]).lower())
    if month is None:
        return None
    try:
        return date(int(match["year"] or match["year2"]), month, int(match["day"] or match["day2"])).isoformat()
    except ValueError:  # 'February 30': dateparser decides what that is
        return None


@lru_cache(maxsize=4096)
def _dateparser_date(value: str) -> str | None:
    import dateparser  # slow to import: only when such a date is met

    parsed = dateparser.parse(value, settings={"STRICT_PARSING": False, "PREFER_DAY_OF_MONTH": "first"})
    return parsed.date().isoformat() if parsed else None
