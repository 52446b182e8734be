"""Reading a date expression into an ISO partial date, resolving relative ones.

Absolute forms ("June 20, 2023", "July 2022", "2013", "the 1970s") and the relative
forms news writing uses ("on Tuesday", "last September", "a decade ago", "last year",
"mid-September") are resolved against a reference date (the document's publication date,
or the story's dates). Hand-rolled rather than dateparser: dateparser resolves a bare
weekday or month against its own notion of "now" and may pick a future date, while
news reports past events, so "Tuesday" means the latest Tuesday on or before
publication and "September" the latest September; it also cannot say which granularity
(year, month, day) a text states, which comparisons need ("2013" vs "July 2013" is one
date told at two granularities, not a conflict).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": None}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
UNIT_YEARS = {"year": 1, "years": 1, "decade": 10, "decades": 10}
YEAR_MIN, YEAR_MAX = 1800, 2100
"""Four-digit numbers outside this span are not read as years."""


@dataclass(frozen=True)
class Resolved:
    date: str
    low: str | None = None
    high: str | None = None
    relative: bool = False


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _latest_month(month: int, ref: dt.date, strictly_before: bool = False) -> int:
    """The year of the latest such month on or before ``ref`` (news reports the past)."""
    if month < ref.month or (month == ref.month and not strictly_before):
        return ref.year
    return ref.year - 1


def _clean(text: str) -> tuple[str, str | None]:
    t = text.lower().replace("\u2013", "-").replace("\u2014", "-").strip(" .,;:()")
    t = re.sub(r"['\u2019]s$", "", t)  # 'last year's
    part = None
    changed = True
    while changed:
        changed = False
        for lead in ("on ", "in ", "the ", "since ", "by ", "until ", "from ", "during ", "of ", "as of "):
            if t.startswith(lead):
                t, changed = t[len(lead):], True
        for p in ("early ", "mid-", "mid ", "late ", "the middle of ", "the end of ", "the beginning of ", "end of "):
            if t.startswith(p):
                part = p.strip(" -")
                t, changed = t[len(p):], True
    return t.strip(), part


def _year_part(y: int, part: str | None) -> Resolved:
    if part in ("early", "beginning of the", "the beginning of"):
        return Resolved(_iso(y), _iso(y, 1), _iso(y, 4))
    if part in ("mid", "middle of", "the middle of"):
        return Resolved(_iso(y), _iso(y, 5), _iso(y, 8))
    if part in ("late", "end of", "the end of"):
        return Resolved(_iso(y), _iso(y, 9), _iso(y, 12))
    return Resolved(_iso(y))


def _month_part(y: int, m: int, part: str | None, relative: bool) -> Resolved:
    last = calendar.monthrange(y, m)[1]
    if part in ("early", "beginning of", "the beginning of"):
        return Resolved(_iso(y, m), _iso(y, m, 1), _iso(y, m, 10), relative)
    if part in ("mid", "middle of", "the middle of"):
        return Resolved(_iso(y, m), _iso(y, m, 11), _iso(y, m, 20), relative)
    if part in ("late", "end of", "the end of"):
        return Resolved(_iso(y, m), _iso(y, m, 21), _iso(y, m, last), relative)
    return Resolved(_iso(y, m), relative=relative)


def resolve_date(text: str, ref: dt.date | None, future: bool = False) -> Resolved | None:
    """The date a text states, or None (durations, ages, or relative with no reference).

    ``future``: the sentence speaks of what is to come ('will address Congress on
    Wednesday'), so a bare weekday or month is the next one, not the last."""
    t, part = _clean(text)
    if not t or re.search(r"\b(old|long|later|earlier|days|weeks|months|hours|minutes)\b$", t):
        return None

    # ISO date
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        return Resolved(t)
    # decades: "1970s", "2010s", "'90s"
    m = re.fullmatch(r"(\d{3})0s", t)
    if m:
        start = int(m.group(1)) * 10
        if part == "mid":
            return Resolved(_iso(start), _iso(start + 3), _iso(start + 7))
        if part == "early":
            return Resolved(_iso(start), _iso(start), _iso(start + 3))
        if part == "late":
            return Resolved(_iso(start + 7), _iso(start + 7), _iso(start + 9))
        return Resolved(_iso(start), _iso(start), _iso(start + 9))
    # year
    m = re.fullmatch(r"(\d{4})", t)
    if m and YEAR_MIN <= int(t) <= YEAR_MAX:
        return _year_part(int(t), part)
    # "June 20, 2023" / "June 20 2023" / "20 June 2023" / "June 2023" / "June 20" / "June"
    m = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})", t) or None
    if m and m.group(1) in MONTHS:
        return _day(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)), False)
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)\.?,? (\d{4})", t)
    if m and m.group(2) in MONTHS:
        return _day(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)), False)
    m = re.fullmatch(r"([a-z]+)\.?,? (\d{4})", t)
    if m and m.group(1) in MONTHS:
        return _month_part(int(m.group(2)), MONTHS[m.group(1)], part, False)
    # from here on the text is relative: it needs a reference date
    if ref is None:
        return None
    m = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?", t) or re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)", t)
    if m:
        a, b = m.group(1), m.group(2)
        month_name, day = (a, b) if a in MONTHS else (b, a)
        if month_name in MONTHS:
            month = MONTHS[month_name]
            year = _latest_month(month, ref)
            if month == ref.month and int(day) > ref.day + 1:  # "June 28" in an article of June 20: last year
                year -= 1
            return _day(year, month, int(day), True)
    m = re.fullmatch(r"(last|this|past|next)? ?([a-z]+)", t)
    if m and m.group(2) in MONTHS:
        month = MONTHS[m.group(2)]
        if future or m.group(1) == "next":
            year = ref.year if month >= ref.month else ref.year + 1
        else:
            year = _latest_month(month, ref, strictly_before=m.group(1) in ("last", "past"))
        return _month_part(year, month, part, True)
    m = re.fullmatch(r"(last |this |past |next )?([a-z]+?)s?( morning| afternoon| evening| night)?", t)
    if m and m.group(2) in WEEKDAYS:
        weekday = WEEKDAYS[m.group(2)]
        if future or m.group(1) == "next ":
            # the next such weekday on or after publication
            ahead = (weekday - ref.weekday()) % 7
            return Resolved((ref + dt.timedelta(days=ahead)).isoformat(), relative=True)
        # the latest such weekday on or before publication (a week earlier for "last");
        # comparisons know a weekday's week is uncertain (see compare.py)
        back = (ref.weekday() - weekday) % 7
        if m.group(1) == "last " and back == 0:
            back = 7
        return Resolved((ref - dt.timedelta(days=back)).isoformat(), relative=True)
    m = re.fullmatch(r"(last|this|past|next)? ?(spring|summer|autumn|fall|winter)", t)
    if m:
        # northern seasons, as US and European news mean them: the latest one before the reference
        first, last = SEASONS[m.group(2)]
        year = ref.year if (first <= ref.month or m.group(1) == "this") else ref.year - 1
        if m.group(1) in ("last", "past") and first <= ref.month <= last + (12 if last < first else 0):
            year -= 1
        if m.group(1) == "next":
            year = ref.year if first > ref.month else ref.year + 1
        end_year = year + (1 if last < first else 0)
        return Resolved(_iso(year), _iso(year, first), _iso(end_year, last), relative=True)
    simple = {"today": 0, "yesterday": 1, "tonight": 0, "this morning": 0, "last night": 1, "tomorrow": -1}
    if t in simple:
        return Resolved((ref - dt.timedelta(days=simple[t])).isoformat(), relative=True)
    if t in ("this year", "so far this year"):
        return Resolved(_iso(ref.year), relative=True)
    if t == "next year":
        return Resolved(_iso(ref.year + 1), relative=True)
    if t in ("last year", "the previous year", "past year"):
        return Resolved(_iso(ref.year - 1), relative=True)
    if t in ("this month",):
        return Resolved(_iso(ref.year, ref.month), relative=True)
    if t in ("last month",):
        y, mth = (ref.year, ref.month - 1) if ref.month > 1 else (ref.year - 1, 12)
        return Resolved(_iso(y, mth), relative=True)
    m = re.fullmatch(r"(more than |nearly |about |some |almost |over )?([a-z]+|\d+) (years?|decades?) ago", t)
    if m:
        n = NUMBER_WORDS.get(m.group(2)) if not m.group(2).isdigit() else int(m.group(2))
        if n:
            years = n * UNIT_YEARS[m.group(3)]
            year = ref.year - years
            if m.group(1) in ("more than ", "over "):
                # earlier than that, by an amount the words leave open: up to as long again
                return Resolved(_iso(year), _iso(year - years), _iso(year), relative=True)
            return Resolved(_iso(year), _iso(year - 1), _iso(year + 1), relative=True)
    return None


NO_YEAR = "no year"
"""``DateValue.resolved_from`` of a day and month kept without its year ('March 9', '9
March': ISO '--03-09'), stated in a story none of whose documents gives a publication
date. Such a date names a day of some year; two of them compare by that name (see
``partial_overlap``)."""
NO_WEEK = "no week"
"""``DateValue.resolved_from`` of a bare weekday kept without its week ('Tuesday': ISO
'-W-2', 1 for Monday), in a story with no publication date."""

_PARTIAL_DAY_RE = re.compile(r"--(\d{2})-(\d{2})")
_PARTIAL_WEEKDAY_RE = re.compile(r"-W-([1-7])")


def resolve_without_reference(text: str) -> Resolved | None:
    """A relative date kept as far as its words go when there is no reference date: a day
    and month without its year ('--03-09'), or a weekday without its week ('-W-3', ISO
    day numbers, 1 for Monday). Anything else relative ('last year', 'September') needs a
    reference and gives None."""
    t, part = _clean(text)
    if part is not None:
        return None  # 'early March 9' is no form news uses; 'mid-March' has no day
    m = re.fullmatch(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?", t) or re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)", t)
    if m:
        a, b = m.group(1), m.group(2)
        month_name, day = (a, b) if a in MONTHS else (b, a)
        if month_name not in MONTHS or not day.isdigit():
            return None
        month, day_n = MONTHS[month_name], int(day)
        if not 1 <= day_n <= calendar.monthrange(2000, month)[1]:  # 2000: a leap year, so Feb 29 stands
            return None
        return Resolved(f"--{month:02d}-{day_n:02d}", relative=True)
    m = re.fullmatch(r"(this )?([a-z]+?)s?( morning| afternoon| evening| night)?", t)
    if m and m.group(2) in WEEKDAYS:
        # 'last Tuesday' and 'next Tuesday' say which week from a reference there is not
        return Resolved(f"-W-{WEEKDAYS[m.group(2)] + 1}", relative=True)
    return None


def is_partial(iso: str) -> bool:
    """A date kept without its year ('--03-09') or week ('-W-3')."""
    return iso.startswith("-")


def readable(iso: str) -> str:
    """A date for a reader: an ISO date as it is, a year-less one in words ('--03-09' is
    '9 March (no year stated)', '-W-2' 'a Tuesday (no week stated)')."""
    m = _PARTIAL_DAY_RE.fullmatch(iso)
    if m:
        return f"{int(m.group(2))} {calendar.month_name[int(m.group(1))]} (no year stated)"
    m = _PARTIAL_WEEKDAY_RE.fullmatch(iso)
    if m:
        return f"a {calendar.day_name[int(m.group(1)) - 1]} (no week stated)"
    return iso


def partial_overlap(partial: str, lo: str, hi: str) -> bool:
    """Whether a year-less date can be a day of [lo, hi]: of another partial date, the same
    day and month or the same weekday (a day and month of no known year falls on every
    weekday in some year: the two can be one day, though nothing confirms it); of a full
    range, a day in it with that day and month or weekday."""
    if is_partial(lo):
        kinds = {_PARTIAL_WEEKDAY_RE.fullmatch(x) is not None for x in (partial, lo)}
        return partial == lo == hi or len(kinds) == 2
    first, last = dt.date.fromisoformat(_first_day(lo)), dt.date.fromisoformat(_last_day(hi))
    m = _PARTIAL_WEEKDAY_RE.fullmatch(partial)
    if m:
        weekday = int(m.group(1)) - 1
        return (last - first).days >= 6 or any(
            (first + dt.timedelta(days=k)).weekday() == weekday for k in range((last - first).days + 1))
    m = _PARTIAL_DAY_RE.fullmatch(partial)
    if not m:
        return False
    month, day = int(m.group(1)), int(m.group(2))
    for year in range(first.year, last.year + 1):
        try:
            if first <= dt.date(year, month, day) <= last:
                return True
        except ValueError:  # Feb 29 of a common year
            continue
    return False


def _day(y: int, m: int, d: int, relative: bool) -> Resolved | None:
    try:
        return Resolved(dt.date(y, m, d).isoformat(), relative=relative)
    except ValueError:
        return None


def parse_published(value: str | None) -> dt.date | None:
    """The date part of an ISO date or date-time, or None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_range(r_date: str, low: str | None, high: str | None) -> tuple[str, str]:
    """Comparable [first day, last day] of a partial ISO date with its bounds."""
    lo = low or r_date
    hi = high or r_date
    return _first_day(lo), _last_day(hi)


def _first_day(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-01-01"
    if len(parts) == 2:
        return f"{parts[0]}-{parts[1]}-01"
    return iso


def _last_day(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1])
        return f"{parts[0]}-{parts[1]}-{calendar.monthrange(y, m)[1]:02d}"
    return iso
