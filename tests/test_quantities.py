"""Reading amounts and dates out of text (no parse needed)."""

import datetime as dt

import pytest

from storydiff.dates import date_range, resolve_date
from storydiff.quantities import interval, parse_amount


@pytest.mark.parametrize(
    "text, amount, low, high, unit",
    [
        ("15", 15, None, None, None),
        ("Fifteen", 15, None, None, None),
        ("two dozen", 24, None, None, None),
        ("1,480", 1480, None, None, None),
        ("1.2 million", 1_200_000, None, None, None),
        ("$3.5bn", 3_500_000_000, None, None, "USD"),
        ("nearly 40%", 40, 36, 40, "%"),
        ("about 50", 50, 45, 55, None),
        ("more than 100", 100, 100, 200, None),
        ("between 10 and 20", 15, 10, 20, None),
        ("a handful", 4, 3, 6, None),
        ("twenty-one", 21, None, None, None),
    ],
)
def test_parse_amount(text, amount, low, high, unit):
    a = parse_amount(text)
    assert a is not None
    assert a.amount == pytest.approx(amount)
    assert (a.low is None) == (low is None) and (a.low is None or a.low == pytest.approx(low))
    assert (a.high is None) == (high is None) and (a.high is None or a.high == pytest.approx(high))
    assert a.unit == unit


def test_vague_amounts_are_ranges():
    several = parse_amount("several thousand")
    assert several.low <= 2800 <= several.high
    # a plural of a unit is more than one of it, and open above: 'millions' agrees with 39 million
    dozens = parse_amount("dozens")
    assert dozens.low == 12 and dozens.high is None
    assert interval(dozens.amount, dozens.low, dozens.high)[1] == float("inf")
    millions = parse_amount("millions")
    assert interval(millions.amount, millions.low, millions.high)[0] <= 39_000_000


def test_lower_bounds_open_for_counts_bounded_for_large_estimates():
    small = parse_amount("at least 2")
    assert interval(small.amount, small.low, small.high) == (2, float("inf"))
    large = parse_amount("more than 1,000")
    assert interval(large.amount, large.low, large.high) == (1000, 2000)


def test_not_amounts():
    assert parse_amount("the committee") is None
    assert parse_amount("") is None


def test_rounding_tolerance_only_for_round_figures():
    lo, hi = interval(150, None, None)
    assert lo < 146 < hi
    assert interval(21, None, None) == (21, 21)


REF = dt.date(2031, 3, 13)  # a Thursday


@pytest.mark.parametrize(
    "text, date, relative",
    [
        ("June 20, 2030", "2030-06-20", False),
        ("July 2029", "2029-07", False),
        ("in 2013", "2013", False),
        ("on Tuesday", "2031-03-11", True),
        ("last September", "2030-09", True),
        ("last year", "2030", True),
        ("a decade ago", "2021", True),
        ("yesterday", "2031-03-12", True),
    ],
)
def test_resolve_date(text, date, relative):
    r = resolve_date(text, REF)
    assert r is not None and r.date == date and r.relative == relative


def test_relative_date_needs_a_reference_and_durations_are_not_dates():
    assert resolve_date("on Tuesday", None) is None
    assert resolve_date("2013", None).date == "2013"
    assert resolve_date("three days later", REF) is None
    assert resolve_date("12-year-old", REF) is None


def test_mid_month_is_a_range():
    r = resolve_date("mid-September", REF)
    lo, hi = date_range(r.date, r.low, r.high)
    assert lo == "2030-09-11" and hi == "2030-09-20"


def test_seasons_weekdays_and_future_tense():
    r = resolve_date("last summer", REF)  # REF is in March 2031
    assert date_range(r.date, r.low, r.high) == ("2030-06-01", "2030-08-31")
    assert resolve_date("Wednesday", REF).date == "2031-03-12"
    assert resolve_date("Wednesday", REF, future=True).date == "2031-03-19"
    assert resolve_date("September", REF, future=True).date == "2031-09"
    more = resolve_date("more than 20 years ago", REF)
    assert date_range(more.date, more.low, more.high) == ("1991-01-01", "2011-12-31")
