"""Reading an amount out of a number expression: "some 1,480", "$3.5bn", "two dozen", "dozens".

Pure string work (no parse), so that it is testable on its own; ``claims.py`` finds the
spans in the parse and decides what is counted and what happened to it.

Hand-rolled rather than a library: the installed options (dateparser, spaCy's
``like_num``) recognise numbers but do not read number words into values, nor say what
a qualifier ("more than", "some") or a vague amount ("dozens") means as bounds, which is
what comparing outlets needs.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "a single": 1,
}
SCALES = {
    "dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000,
    "bn": 1_000_000_000, "b": 1_000_000_000, "tn": 1_000_000_000_000,
}

# Vague amounts as ranges, derived from the words. A plural of a unit ("dozens",
# "hundreds", "millions") says there are more than one of that unit and nothing about how
# many more: it is open above, so "millions of families" agrees with "39 million families".
# "A handful" and "a few" do bound their amount (a handful fits in a hand); "several" only
# says more than a couple: news calls a dozen shots "several" (audits of gvc-dev), so it
# is open above. ``None`` as the upper bound means open.
VAGUE: dict[str, tuple[float, float | None]] = {
    "a handful": (3, 6),
    "a few": (2, 5),
    "several": (3, None),
    "dozens": (12, None),
    "scores": (20, None),
    "hundreds": (100, None),
    "thousands": (1_000, None),
    "tens of thousands": (10_000, None),
    "hundreds of thousands": (100_000, None),
    "millions": (1_000_000, None),
    "tens of millions": (10_000_000, None),
    "hundreds of millions": (100_000_000, None),
    "billions": (1_000_000_000, None),
    "tens of billions": (10_000_000_000, None),
    "hundreds of billions": (100_000_000_000, None),
}
SEVERAL_FACTOR = (2, 9)
"""'several thousand' = 2,000 to 9,999: a multiple of a unit stays below the next unit
(ten thousand has its own words), and round figures such as 2,800 are naturally called
'several thousand'."""

APPROX_SPREAD = 0.1
"""'about N' reads as N +/- 10%: covers rounding (about 1,500 for 1,480) without making
every two figures compatible."""
OVER_CEILING = 2.0
"""'more than N' for a large round N (see BOUNDED_FROM) reads as N..2N: a writer who knew
there were three times as many would say "more than 2,000", not "more than 1,000" (the
maxim of quantity). A small lower bound ('at least 2 dead') is what has been confirmed so
far, and says nothing of how many more: it stays open, so a later '4 dead' is no conflict."""
BOUNDED_FROM = 100
"""Lower bounds from this figure up are estimates of a crowd or a population, read with
OVER_CEILING; below it they are counts of individuals confirmed so far, read as open."""

QUALIFIERS: list[tuple[str, str]] = [
    # (phrase, kind) — longest first so that "no more than" wins over "more than"
    ("no fewer than", "min"), ("no less than", "min"), ("no more than", "max"),
    ("as many as", "max"), ("as few as", "approx"), ("upwards of", "min"), ("in excess of", "min"),
    ("more than", "min"), ("fewer than", "max"), ("less than", "max"), ("at least", "min"),
    ("at most", "max"), ("up to", "max"), ("close to", "near"), ("just over", "min"),
    ("just under", "near"), ("an estimated", "approx"), ("estimated", "approx"),
    ("approximately", "approx"), ("roughly", "approx"), ("around", "approx"), ("about", "approx"),
    ("some", "approx"), ("nearly", "near"), ("almost", "near"), ("over", "min"), ("under", "max"),
    ("exceeding", "min"), ("below", "max"), ("above", "min"), ("only", "exact"), ("just", "exact"),
]

CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "yen": "JPY", "rupees": "INR", "francs": "CHF", "usd": "USD", "eur": "EUR", "gbp": "GBP",
}
FRACTIONS = {"half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths"}
PERCENT_WORDS = ("%", "percent", "per cent", "percentage points")


@dataclass(frozen=True)
class Amount:
    amount: float
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    unit: str | None = None
    sides: tuple[float, ...] = ()
    """Both sides of a score or vote as written ('won 3-1': (3, 1)); ``amount`` is the first."""


_NUM_RE = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def _number_token(tok: str) -> float | None:
    tok = tok.strip()
    if _NUM_RE.match(tok):
        return float(tok.replace(",", ""))
    return None


def _words_to_number(words: list[str]) -> float | None:
    """'two dozen', 'twenty-one', '1.2 million', 'one hundred and five', '3 thousand'."""
    if not words:
        return None
    total = 0.0
    current: float | None = None
    for w in words:
        if w == "and":
            continue
        numeric = _number_token(w)
        if numeric is not None:
            current = (current or 0) + numeric
            continue
        parts = w.split("-")
        if len(parts) == 2 and all(p in UNITS_WORDS for p in parts):  # "twenty-one"
            current = (current or 0) + UNITS_WORDS[parts[0]] + UNITS_WORDS[parts[1]]
            continue
        if w in UNITS_WORDS:
            current = (current or 0) + UNITS_WORDS[w]
            continue
        if w in SCALES:
            total, current = apply_scale(total, current, SCALES[w])
            continue
        return None
    return total + (current or 0)


def apply_scale(total: float, current: float | None, scale: float) -> tuple[float, float | None]:
    """A scale word in a number written in words: 'thousand' and up closes a group
    ('twenty-eight thousand' adds 28,000 to the total); 'hundred' multiplies the group in
    progress ('six hundred'). A bare scale word is one of it."""
    base = 1.0 if current is None else current
    if scale >= 1000:
        return total + base * scale, None
    return total, base * scale


_SPLIT_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?)([a-z]+)\b")


def _tokens(text: str) -> list[str]:
    text = text.lower().replace("\u2013", "-").replace("\u2014", "-")
    text = _SPLIT_RE.sub(r"\1 \2", text)  # "3.5bn" -> "3.5 bn"
    text = re.sub(r"([$€£¥₹%])", r" \1 ", text)
    return text.split()


def _strip_unit(words: list[str]) -> tuple[list[str], str | None]:
    """Currency and percent markers, wherever they sit in the span."""
    unit = None
    out = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("us", "u.s.") and i + 1 < len(words) and words[i + 1] == "$":
            unit, i = "USD", i + 2
            continue
        if w in CURRENCY_SYMBOLS:
            unit = CURRENCY_SYMBOLS[w]
        elif w in CURRENCY_WORDS:
            unit = CURRENCY_WORDS[w]
        elif w in ("%", "percent", "pct"):
            unit = "%"
        elif w == "per" and i + 1 < len(words) and words[i + 1] == "cent":
            unit, i = "%", i + 2
            continue
        else:
            out.append(w)
        i += 1
    return out, unit


def _bounds(kind: str, n: float) -> tuple[float | None, float | None]:
    if kind == "approx":
        return round(n * (1 - APPROX_SPREAD), 6), round(n * (1 + APPROX_SPREAD), 6)
    if kind == "near":
        return round(n * (1 - APPROX_SPREAD), 6), n
    if kind == "min":
        return n, (n * OVER_CEILING if n >= BOUNDED_FROM else None)
    if kind == "max":
        return 0.0, n
    return None, None


def parse_amount(text: str) -> Amount | None:
    """The value of one number expression, or None when it is not one."""
    amount = _parse_amount(text)
    if amount is None:
        # a trailing unit of measure: '3,000 tonnes', '4 km'
        head, _, last = text.strip().rpartition(" ")
        if head and last.isalpha() and last.lower() not in SCALES | UNITS_WORDS.keys() | FRACTIONS:
            inner = _parse_amount(head)
            if inner is not None and inner.unit is None:
                return Amount(inner.amount, inner.low, inner.high, inner.qualifier, last.lower())
    return amount


def _parse_amount(text: str) -> Amount | None:
    words, unit = _strip_unit(_tokens(text))
    words = [w.strip(".,;:()\"'") for w in words]
    words = [w for w in words if w]
    if not words:
        return None
    joined = " ".join(words)

    # ranges: "between 10 and 20", "10 to 20", "10-20"
    m = re.match(r"^(?:between )?(.+?) (?:and|to|-) (.+)$", joined) or re.match(r"^(\d[\d,.]*)-(\d[\d,.]*)$", joined)
    if m and not joined.startswith(("more than", "less than", "fewer than")):
        lo_text, hi_text = m.group(1), m.group(2)
        hi_words = hi_text.split()
        hi = _words_to_number(hi_words)
        lo = _words_to_number(lo_text.split())
        if lo is not None and hi is not None:
            scale_words = [w for w in hi_words if w in SCALES and SCALES[w] >= 1000]
            if scale_words and lo < SCALES[scale_words[-1]]:  # "2 to 3 million"
                lo *= SCALES[scale_words[-1]]
            if lo < hi:
                return Amount(amount=(lo + hi) / 2, low=lo, high=hi, qualifier="between", unit=unit)

    qualifier, kind = None, "exact"
    for phrase, k in QUALIFIERS:
        if joined == phrase:
            break
        if joined.startswith(phrase + " "):
            qualifier, kind = phrase, k
            joined = joined[len(phrase) + 1 :]
            break

    # vague amounts: "dozens", "several thousand", "hundreds of thousands"
    vague = joined.removesuffix(" of")
    if vague in VAGUE:
        lo, hi = VAGUE[vague]
        typical = (lo * hi) ** 0.5 if hi is not None else 2 * lo  # 'dozens': two dozen, for display
        return Amount(amount=float(round(typical)), low=float(lo), high=None if hi is None else float(hi),
                      qualifier=vague, unit=unit)
    m = re.match(r"^(several|a few|a couple of|some) (hundred|thousand|million|billion)$", vague)
    if m:
        scale = SCALES[m.group(2)]
        lo, hi = SEVERAL_FACTOR if m.group(1) == "several" else ((2, 5) if m.group(1) != "some" else (2, 9))
        lo_v, hi_v = lo * scale, hi * scale + (scale - 1 if m.group(1) == "several" else 0)
        return Amount(
            amount=float(round((lo_v * hi_v) ** 0.5)), low=float(lo_v), high=float(hi_v), qualifier=m.group(1) + " " + m.group(2), unit=unit
        )

    n = _words_to_number(joined.split())
    if n is None:
        return None
    low, high = _bounds(kind, n)
    return Amount(amount=n, low=low, high=high, qualifier=qualifier, unit=unit)


def interval(amount: float, low: float | None, high: float | None) -> tuple[float, float]:
    """The range a stated value allows, for comparison; a lower bound alone is open above.

    An unqualified round figure (a multiple of 10, at least 20) is read as rounded at its
    last non-zero digit: "150 devices" is 145 to 155 and matches "about 146", "$3.5
    billion" is 3.45 to 3.55 billion and differs from "$3.6 billion"."""
    lo = amount if low is None else low
    hi = (amount if low is None else math.inf) if high is None else high
    if low is None and high is None and amount >= 20 and amount == int(amount) and int(amount) % 10 == 0:
        digits = str(int(amount))
        half_step = 10 ** (len(digits) - len(digits.rstrip("0"))) / 2
        lo, hi = amount - half_step, amount + half_step
    return lo, hi


def format_amount(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")
