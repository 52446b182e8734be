"""Every number of a sentence as newspapers write them, read into values.

``read_numbers`` is pure string work on one sentence: it finds the number expressions
("EUR50m", "118.5p", "Y=590 billion", "$US55,931,000", "9 ksi", "517 rushing yards",
"a 2,900 year-old site", "four-, five- and six-cylinder", "from $160 to $180 to $200",
"between seven to 10 years", "tens of millions of dollars", "FTSE -0.6%", "won 3-1",
"twenty-eight thousand six hundred forty-two") and reads each into an ``Amount``: one
value, a range as written, or both sides of a score or vote, with its unit normalised
(a currency's ISO code, "GBX" for pence, SI and imperial symbols). It leaves out what
only looks like a quantity: phone numbers, house numbers, times of day, ordinals, and
numbers glued to a name ("iPhone 11", "M62", "COVID-19", "Flight 214").

``combine`` puts these readings together with the spans that ``claims.py`` finds in
the parse (the recogniser's numbers, vague amounts): where both see a number the
reading wins (it reads units, chains and scores), the parse's other spans stay, and the
parse's entities veto bare numbers inside names and dates.

Hand-written rather than quantulum3: measured on the same sentences
(``benchmarks/bench_numbers.py``), the library reads "rose 4p to 118.5p" as one range,
misses scores, signs in market lists and most newspaper currency forms, and knows no
counted nouns; it is a dictionary of units with a regex grammar, which this module is too,
fitted to news rather than to physics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .quantities import QUALIFIERS, SCALES, UNITS_WORDS, Amount, _bounds, apply_scale, parse_amount
from .number_context import (
    CHANGE_WORDS,
    MONTHS,
    ORDINAL_SUFFIXES,
    POSITION_WORDS,
    RANGE_VERBS,
    SCORE_CONTEXT,
    STREET_PREFIXES,
    STREET_WORDS,
    STRONG_STREET_WORDS,
)
from .units import (
    CURRENCY_PREFIXES,
    GLUED_ONLY_PREFIXES,
    GLUED_UNITS,
    MONEY_WORDS,
    MULTIWORD_UNITS,
    TIME_UNITS,
    UNIT_WORDS,
    unit_code,
)

# --- vocabularies ----------------------------------------------------------------------

METRE_CONTEXT = {
    "sprint", "final", "race", "hurdles", "freestyle", "butterfly", "breaststroke", "backstroke", "medley",
    "relay", "dash", "tall", "high", "deep", "long", "wide", "away", "above", "below", "tower", "drop", "wall",
    "waves", "wave", "cliff", "swim", "heat", "semi-final", "semifinal", "world", "metres", "under",
}
"""Words after a glued 'm' that make it metres ('the 100m final', 'a 30m drop'); otherwise
news means million ('EUR50m', '2.4m subscribers')."""
PLAIN_UNIT_WORDS_BETWEEN = {"extra", "more", "additional", "further", "straight", "consecutive"}
"""Words that may stand between a figure and its unit ('20 extra minutes'), besides '-ing'
words ('517 rushing yards')."""

WEIGHT_CONTEXT = re.compile(r"\bweigh|\bheav|\blost\b|\blose\b|\bkg\b|\bkilo", re.I)
"""'about 33 pounds' is weight, not money, next to these words."""

VAGUE_RE = re.compile(
    r"\b(?:(?:tens|hundreds) of (?:thousands|millions|billions)|dozens|scores(?= of)|hundreds|thousands|millions"
    r"|billions|(?:several|a few|a couple of) (?:hundred|thousand|million|billion))\b"
    r"(?: of (dollars|euros|pounds|yen|pounds sterling))?",
    re.I,
)
QUALIFIER_PHRASES = [q for q in QUALIFIERS if q[0] not in ("above", "below", "exceeding")]
"""'above 800 metres' is where, more often than how many."""
PHONE_RE = re.compile(
    r"\+\d[\d ()./-]{6,}\d|\(\d{3}\)\s*\d{3}[-.\s]\d{4}|\b1[-.]8\d\d[-.]\d{3}[-.]\d{4}\b"
    r"|\b\d{3}[-.]\d{3}[-.]\d{4}\b|(?<![\d,.\-])\b\d{3}[-.]\d{4}\b(?![\d,.])|\b0\d{2,4}[ -]\d{3,4}[ -]\d{3,4}\b"
)
"""Phone numbers: international, North American, '555-0187', UK '0800 555 0142'."""

_TOKEN_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|[^\W\d_]+|[^\s]")


@dataclass
class _Tok:
    text: str
    start: int
    end: int
    space_before: bool

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_digits(self) -> bool:
        return self.text[0].isdigit()


@dataclass
class Reading:
    """One number expression: [start, end) in the sentence text, and its value."""

    start: int
    end: int
    amount: Amount
    bare: bool = True
    """No unit, currency, scale or sign: only the figure (a name's number looks like this)."""
    words_only: bool = False
    """Written in words ('four'), without a digit."""

    @property
    def text_span(self) -> tuple[int, int]:
        return self.start, self.end


# --- atoms -------------------------------------------------------------------------------


@dataclass
class _Atom:
    start_tok: int  # first token of the figure itself (sign and prefix are before it)
    end_tok: int  # one past the figure's last token (scale and unit after it)
    value: float
    start: int  # char span, prefix and unit included
    end: int
    unit: str | None = None
    scaled: bool = False
    words_only: bool = False
    qualifier: str | None = None
    hyphen_open: bool = False  # 'four-,': a suspended hyphen, its unit comes later
    integer: bool = True


def _tokens(text: str) -> list[_Tok]:
    toks = []
    for m in _TOKEN_RE.finditer(text):
        toks.append(_Tok(m.group(), m.start(), m.end(), m.start() == 0 or text[m.start() - 1].isspace()))
    return toks


def _glued(toks: list[_Tok], i: int) -> bool:
    """Token i is glued to the token before it (no space)."""
    return 0 < i < len(toks) and not toks[i].space_before


def _word_value(toks: list[_Tok], i: int) -> tuple[float, int] | None:
    """A number in words from token i: 'twenty-eight thousand six hundred forty-two', 'a
    dozen', 'half a million', 'two and a half'. Returns (value, index after)."""
    total, current, j, seen = 0.0, None, i, False
    n = len(toks)
    if toks[i].low == "half" and i + 2 < n and toks[i + 1].low == "a" and toks[i + 2].low in SCALES \
            and len(toks[i + 2].text) > 2:
        return 0.5 * SCALES[toks[i + 2].low], i + 3
    while j < n:
        w = toks[j].low
        if w in ("a", "an") and not seen and j + 1 < n and toks[j + 1].low in ("dozen", "hundred", "thousand",
                                                                                 "million", "billion", "trillion"):
            current, j, seen = 1.0, j + 1, True
            continue
        if w in UNITS_WORDS and w not in ("a", "an", "a single"):
            if current is not None and current % 100 != 0 and not (current >= 20 and current % 10 == 0 and
                                                                     UNITS_WORDS[w] < 10):
                break  # 'four five' is two numbers
            current = (current or 0) + UNITS_WORDS[w]
            seen = True
            j += 1
            # 'twenty-eight'
            if j + 1 < n and toks[j].text == "-" and _glued(toks, j) and _glued(toks, j + 1) \
                    and toks[j + 1].low in UNITS_WORDS and UNITS_WORDS[toks[j + 1].low] < 10 and UNITS_WORDS[w] >= 20:
                current += UNITS_WORDS[toks[j + 1].low]
                j += 2
            continue
        if seen and w in SCALES and len(w) > 2:  # words, not the 'm'/'bn' of digits
            total, current = apply_scale(total, current, SCALES[w])
            j += 1
            continue
        if seen and w == "and" and j + 1 < n and (
            toks[j + 1].low in UNITS_WORDS and toks[j + 1].low not in ("a", "an") and (current or 0) >= 100
            or (toks[j + 1].low == "a" and j + 2 < n and toks[j + 2].low == "half")
            or (total > 0 and current is None and toks[j + 1].low in UNITS_WORDS)
        ):
            if toks[j + 1].low == "a":
                current = (current or 0) + 0.5
                j += 3
                break
            j += 1
            continue
        break
    if not seen:
        return None
    if j > i and toks[j - 1].low == "and":
        j -= 1
    return total + (current or 0), j


def _prefix(toks: list[_Tok], i: int) -> tuple[str | None, int]:
    """A currency written before token i: ('EUR', first token index) or (None, i)."""
    # glued tokens before the figure: '$', 'US' '$', '$' 'US', 'Y' '=', 'HK' '$', 'EUR'
    for width in (3, 2, 1):
        k = i - width
        if k < 0 or not all(_glued(toks, m) for m in range(k + 1, i + 1)):
            continue
        text = "".join(t.text for t in toks[k:i])
        code = CURRENCY_PREFIXES.get(text.lower()) or GLUED_ONLY_PREFIXES.get(text.lower())
        if code and (text.lower() not in ("try",) or text.isupper()):
            return code, k
    # spaced: 'EUR 2.45bn', 'US$ 5m', '$ 6.32'
    if i >= 1 and toks[i].space_before:
        t = toks[i - 1]
        code = CURRENCY_PREFIXES.get(t.low)
        if code and (t.text.isupper() or not t.text.isalpha()) and len(t.text) <= 3:
            if t.text == "$" and i >= 2 and _glued(toks, i - 1) and toks[i - 2].text.isalpha():
                k = i - 2
                code = CURRENCY_PREFIXES.get((toks[k].text + "$").lower(), code)
                return code, k
            return code, i - 1
    return None, i


def _unit_after(toks: list[_Tok], j: int, text: str, sentence: str) -> tuple[str | None, int]:
    """A unit written after the figure, from token j: (unit, index after) or (None, j)."""
    n = len(toks)
    if j >= n:
        return None, j
    t = toks[j]
    if not t.space_before and t.text in GLUED_UNITS:
        return GLUED_UNITS[t.text], j + 1
    if not t.space_before and t.text == "°" and j + 1 < n and toks[j + 1].text in ("C", "F"):
        return "°" + toks[j + 1].text, j + 2
    if not t.space_before and t.low in UNIT_WORDS and t.text not in ("m",):
        return UNIT_WORDS[t.low], j + 1
    # words after a space (or a compound hyphen: '40-hectare', '2,000-tonne', '6.1-inch')
    k = j
    if t.text in ("-", "\u2013") and not t.space_before and j + 1 < n and not toks[j + 1].space_before:
        k = j + 1
    elif not t.space_before:
        return None, j
    words = [x.low for x in toks[k:k + 4]]
    for phrase, code in MULTIWORD_UNITS:
        parts = phrase.split()
        if words[: len(parts)] == parts or (len(parts) == 1 and "".join(x.low for x in toks[k:k + 3]) == phrase):
            end = k + (len(parts) if words[: len(parts)] == parts else 3)
            return code, end
    if not words:
        return None, j
    w = words[0]
    if w == "in":
        return None, j  # a preposition, unless hyphenated: '6.1-inch'
    if w in UNIT_WORDS:
        if w == "degrees" and k + 1 < n and toks[k + 1].text in ("C", "F", "Celsius", "Fahrenheit"):
            return ("°C" if toks[k + 1].text.startswith("C") else "°F"), k + 2
        return UNIT_WORDS[w], k + 1
    if w in ("pound", "pounds"):
        # '300-pound', 'lost 33 pounds': weight; '5 million pounds': money
        return ("GBP" if k == j and not WEIGHT_CONTEXT.search(sentence) else "lb"), k + 1
    if w in MONEY_WORDS and k == j:
        return MONEY_WORDS[w], k + 1
    # '517 rushing yards', '20 extra minutes'
    if k == j and len(words) > 1 and (w.endswith("ing") or w in PLAIN_UNIT_WORDS_BETWEEN) and words[1] in UNIT_WORDS \
            and words[1] not in ("%", "percent", "degree", "degrees"):
        return UNIT_WORDS[words[1]], k + 2
    return None, j


def _atom(toks: list[_Tok], i: int, sentence: str) -> _Atom | None:
    """The figure that starts at token i, with its scale and unit, or None."""
    n = len(toks)
    t = toks[i]
    words_only = scaled_words = False
    integer = True
    if t.is_digits:
        if _glued(toks, i) and toks[i - 1].text.isalpha() and not _currency_glued(toks, i):
            return None  # 'M62', 'A320', 'G20'
        if _glued(toks, i) and toks[i - 1].text in ("-", "/", ":", ".") and i >= 2 and _glued(toks, i - 1) \
                and (toks[i - 2].text.isalpha() or toks[i - 2].is_digits and toks[i - 1].text != "-"):
            return None  # 'COVID-19', '9/11', '10:30'
        value = float(t.text.replace(",", ""))
        integer = "." not in t.text
        j = i + 1
        # '7-1/4': a fraction glued on
        if j + 3 < n + 1 and j + 3 <= n and toks[j].text == "-" and _glued(toks, j) and j + 3 < n \
                and toks[j + 1].is_digits and toks[j + 2].text == "/" and toks[j + 3].is_digits \
                and all(_glued(toks, m) for m in range(j + 1, j + 4)):
            den = float(toks[j + 3].text.replace(",", ""))
            if den:
                value += float(toks[j + 1].text) / den
                integer = False
                j += 4
        if j < n and toks[j].text in "½¼¾" and _glued(toks, j):
            value += {"½": 0.5, "¼": 0.25, "¾": 0.75}[toks[j].text]
            j += 1
        if j < n and _glued(toks, j) and toks[j].low in ORDINAL_SUFFIXES:
            return None  # '4th'
        if i >= 1 and toks[i - 1].text == "[" and _glued(toks, i) and j < n and toks[j].text == "]":
            return None  # '[7]': a citation mark
        if i >= 1 and toks[i - 1].text == "." and _glued(toks, i) and (i == 1 or toks[i - 1].space_before):
            return None  # '.38', '.22-caliber': a calibre
        if j < n and _glued(toks, j) and toks[j].text.isalpha() and toks[j].text not in GLUED_UNITS \
                and toks[j].low not in UNIT_WORDS and toks[j].low not in SCALES and toks[j].low not in ("bln", "mn"):
            return None  # '5G', '3D', '4x4': a name or a code
        if j < n and toks[j].text in (":",) and _glued(toks, j) and j + 1 < n and toks[j + 1].is_digits:
            return None  # '10:30'
    else:
        wv = _word_value(toks, i)
        if wv is None:
            return None
        value, j = wv
        words_only = True
        scaled_words = any(x.low in ("hundred", "thousand", "million", "billion", "trillion") for x in toks[i:j])
        integer = value == int(value)
    # times of day: '9 a.m.', '3pm'
    rest = sentence[toks[j - 1].end:toks[j - 1].end + 6].lower()
    if re.match(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b|o'clock)", rest):
        return None
    atom = _Atom(i, j, value, toks[i].start, toks[j - 1].end, words_only=words_only, integer=integer)
    if words_only and scaled_words:
        atom.scaled = True  # 'half a million', 'twenty-eight thousand ...': plainly a number
    # scale: 'bn', 'm', ' million', 'k'
    if j < n:
        s = toks[j]
        glued = not s.space_before
        scale = SCALES.get(s.low) if (glued or len(s.low) > 2 or s.low in ("mn", "bn", "tn", "mln", "bln")) else None
        if s.low == "bln":
            scale = 1_000_000_000
        if s.low == "lakh":
            scale = 100_000
        if s.low == "crore":
            scale = 10_000_000
        if s.low in ("hundred", "thousand") and not words_only and not glued:
            scale = SCALES[s.low]
        if s.low == "dozen" or (s.text == "m" and glued and _metres_not_million(toks, j)) \
                or (s.text in ("M", "B") and not glued) or (s.low == "b" and glued and j + 1 < n and toks[j + 1].text == "2"):
            scale = None
        if s.text == "m" and glued and _metres_not_million(toks, j):
            atom.unit, atom.end_tok, atom.end = "m", j + 1, s.end
            j += 1
        elif scale and not (words_only and len(s.low) <= 2):
            atom.value *= scale
            atom.scaled = True
            atom.integer = atom.integer or atom.value == int(atom.value)
            j += 1
            atom.end_tok, atom.end = j, s.end
            # 'billion euros' after a scale
    if atom.unit is None:
        unit, k = _unit_after(toks, j, "", sentence)
        if unit is not None:
            atom.unit = unit
            atom.end_tok, atom.end = k, toks[k - 1].end
            # '2,900 year-old', '2,900-year-old': an age of a thing
            if k + 1 < n and toks[k].text == "-" and toks[k + 1].low == "old":
                atom.end = toks[k + 1].end
                atom.end_tok = k + 2
    # a suspended hyphen: 'four-, five- and six-cylinder'
    if atom.unit is None and j < n and toks[j].text == "-" and _glued(toks, j) and (
        j + 1 >= n or toks[j + 1].space_before or toks[j + 1].text == ","
    ) and j + 1 < n and (toks[j + 1].text in (",",) or toks[j + 1].low in ("and", "or", "to")):
        atom.hyphen_open = True
    return atom


def _currency_glued(toks: list[_Tok], i: int) -> bool:
    code, _ = _prefix(toks, i)
    return code is not None


def _metres_not_million(toks: list[_Tok], j: int) -> bool:
    """A glued 'm' means metres before sport and height words ('the 100m final')."""
    nxt = toks[j + 1].low if j + 1 < len(toks) else ""
    return nxt in METRE_CONTEXT


# --- sentences -------------------------------------------------------------------------


def read_numbers(sentence: str) -> list[Reading]:
    """The number expressions of one sentence, in order, with their values."""
    toks = _tokens(sentence)
    masked = _masked_chars(sentence)
    atoms: list[_Atom] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.start in masked:
            i += 1
            continue
        atom = None
        if t.is_digits or t.low in UNITS_WORDS or t.low == "half":
            atom = _atom(toks, i, sentence)
        if atom is None:
            i += 1
            continue
        _attach_prefix(toks, atom, sentence)
        if any(c in masked for c in range(atom.start, atom.end)):
            i = atom.end_tok
            continue
        atoms.append(atom)
        i = max(atom.end_tok, i + 1)
    readings = _combine_atoms(toks, atoms, sentence)
    readings += _vague(sentence, readings)
    return sorted(readings, key=lambda r: r.start)


def _masked_chars(sentence: str) -> set[int]:
    """Characters of phone numbers and addresses: no figure there is a quantity."""
    masked: set[int] = set()
    for m in PHONE_RE.finditer(sentence):
        if sum(c.isdigit() for c in m.group()) >= 7:
            masked.update(range(m.start(), m.end()))
    headline = title_case(sentence)
    for m in re.finditer(r"\b\d+(?:[-\u2013]\d+)?[A-Za-z]?((?:\s+[A-Z][\w'.-]*){1,4})", sentence):
        words = m.group(1).split()
        first = words[0].lower().rstrip(".")
        if m.start() == 0:
            continue
        if first in STREET_PREFIXES and not headline or _address_words(words, headline):
            masked.update(range(m.start(), m.end()))
    return masked


def title_case(text: str) -> bool:
    """A headline in title case or capitals ('3 Killed In Park Shooting'): capitalised words
    say nothing there of names or addresses."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _address_words(words: list[str], headline: bool = False) -> bool:
    """Capitalised words up to a street word: 'Quarry Mill Road', not 'Labour MPs'; in a
    title-case headline only a plain street word ('Road', 'Street') and not as the first
    word ('3 Killed At Park', '2 Charged In Court')."""
    for k, w in enumerate(words):
        word = w.lower().rstrip(".,")
        if word in (STRONG_STREET_WORDS if headline else STREET_WORDS):
            return k > 0 or not headline
        if not w[0].isupper() or headline and word in ("on", "in", "at", "of", "for", "near", "after", "as", "to"):
            return False
    return False


def _attach_prefix(toks: list[_Tok], atom: _Atom, sentence: str) -> None:
    """Currency before the figure, a sign, and a qualifier ('more than', 'about')."""
    i = atom.start_tok
    code, k = _prefix(toks, i)
    if code is not None:
        if atom.unit is None or atom.unit in ("GBX", "cent"):
            atom.unit = code if atom.unit is None else atom.unit
        atom.start = toks[k].start
        i = k
    # a sign: '-0.6%', '+1.4%', 'minus 12 degrees'
    if i >= 1 and toks[i - 1].text in ("-", "+", "\u2212") and _glued(toks, i) and (
        i == 1 or toks[i - 1].space_before or toks[i - 2].text in ("(", ",", ":")
    ) and not (i >= 2 and (toks[i - 2].is_digits or toks[i - 2].text.isalpha() and not toks[i - 1].space_before)):
        if toks[i - 1].text != "+":
            atom.value = -atom.value
        atom.start = toks[i - 1].start
        i -= 1
    elif i >= 1 and toks[i - 1].low == "minus":
        atom.value = -atom.value
        atom.start = toks[i - 1].start
        i -= 1
    before = sentence[: atom.start].lower().rstrip()
    for phrase, _kind in QUALIFIER_PHRASES:
        if before.endswith(phrase) and (len(before) == len(phrase) or not before[-len(phrase) - 1].isalnum()):
            atom.qualifier = phrase
            atom.start = len(before) - len(phrase)
            break


def _score_context(toks: list[_Tok], a: _Atom, b: _Atom) -> bool:
    near = [t.low for t in toks[max(0, a.start_tok - 4):a.start_tok]] + [t.low for t in toks[b.end_tok:b.end_tok + 2]]
    return bool(SCORE_CONTEXT & set(near))


def _combine_atoms(toks: list[_Tok], atoms: list[_Atom], sentence: str) -> list[Reading]:
    """Ranges, scores, chains and suspended hyphens from neighbouring figures."""
    out: list[Reading] = []
    used: set[int] = set()
    chain = False  # the last pair was a change 'from A to B': 'to C' after it goes on with it
    for idx, a in enumerate(atoms):
        if idx in used:
            continue
        b = atoms[idx + 1] if idx + 1 < len(atoms) else None
        between = sentence[a.end:b.start] if b is not None else ""
        joiner = between.strip().lower()
        before = sentence[: a.start].lower()
        # suspended hyphens: 'four-, five- and six-cylinder' share the last one's unit
        if a.hyphen_open:
            group = [a]
            for m in atoms[idx + 1:]:
                group.append(m)
                if not m.hyphen_open:
                    break
            for m in group[:-1]:
                m.unit = group[-1].unit
        if b is None or joiner not in ("-", "\u2013", "to", "and", "or") or (
            joiner in ("and", "or") and not re.search(r"between\s*$", before)
        ):
            chain = False
            out.append(_single(a))
            continue
        if _years(a, b, sentence):
            used.update((idx, idx + 1))
            continue  # '1991-2020': a span of years, a date
        glued_dash = joiner in ("-", "\u2013") and between in ("-", "\u2013")
        from_ = re.search(r"\bfrom\s*$", before) is not None
        between_word = re.search(r"\bbetween\s*$", before) is not None
        continues = chain and re.search(r"\bto\s*$", before) is not None and not glued_dash
        # 'by 15 to 20 per cent': a bare start and a unit at the end is one range
        shared_unit = a.unit is None and not a.scaled and b.unit is not None and a.value < b.value
        change = (from_ and not RANGE_VERBS.search(before)) or continues or (
            joiner == "to" and not between_word and not shared_unit and _change_before(toks, a)
        )
        units_differ = a.unit is not None and b.unit is not None and a.unit != b.unit
        bare_pair = a.unit is None and b.unit is None and a.integer and b.integer and not a.scaled \
            and not b.scaled and a.qualifier is None
        if bare_pair and (glued_dash or joiner == "to") and not between_word and not from_ and (
            _score_context(toks, a, b) or (glued_dash and a.value >= b.value)
        ):
            out.append(Reading(a.start, b.end, Amount(amount=a.value, unit=None, sides=(a.value, b.value)), bare=False))
            used.update((idx, idx + 1))
            chain = False
            continue
        if change:
            chain = True
            if from_ and a.unit is None and not a.scaled:
                _share_scale_and_unit(a, _range_end(atoms, idx + 1, sentence))  # 'from 24.2 to 33-35 billion euros'
            out.append(_single(a))
            continue
        chain = False
        if not units_differ and (between_word or joiner in ("-", "\u2013", "to")):
            _share_scale_and_unit(a, b)
            if a.value < b.value:
                start = len(before.rstrip()) - len("between") if between_word else a.start
                amount = Amount(amount=(a.value + b.value) / 2, low=a.value, high=b.value, qualifier="between",
                                unit=b.unit or a.unit)
                out.append(Reading(start, b.end, amount, bare=False))
                used.update((idx, idx + 1))
                continue
        out.append(_single(a))
    return out


def _range_end(atoms: list[_Atom], k: int, sentence: str) -> _Atom:
    """The atom that closes the range starting at atom k ('33-35 billion euros': the 35)."""
    if k + 1 < len(atoms) and sentence[atoms[k].end:atoms[k + 1].start].strip() in ("-", "\u2013", "to"):
        return atoms[k + 1]
    return atoms[k]


def _years(lo: _Atom, hi: _Atom, sentence: str) -> bool:
    def year(x: _Atom) -> bool:
        return x.unit is None and not x.scaled and x.integer and 1800 <= x.value <= 2100 and "," not in \
            sentence[x.start:x.end]
    return year(lo) and (year(hi) or (hi.value < 100 and hi.integer and hi.unit is None and not hi.scaled))


def _share_scale_and_unit(lo: _Atom, hi: _Atom) -> None:
    """'33-35 billion euros', '$2-3 million', 'seven to 10 years': what one end says of both."""
    if hi.scaled and not lo.scaled and lo.value and lo.value < 1000 and hi.value / lo.value >= 1000:
        scale = max((s for s in (1_000, 1_000_000, 1_000_000_000, 1_000_000_000_000) if hi.value >= s), default=1)
        lo.value *= scale
        lo.scaled = True
    if lo.unit is None and hi.unit is not None:
        lo.unit = hi.unit
    elif hi.unit is None and lo.unit is not None and not hi.words_only:
        hi.unit = lo.unit


def _change_before(toks: list[_Tok], a: _Atom) -> bool:
    near = [t.low for t in toks[max(0, a.start_tok - 4):a.start_tok]]
    return bool(CHANGE_WORDS & set(near))


def _single(a: _Atom) -> Reading:
    if a.qualifier in ("over", "under") and a.unit in TIME_UNITS:
        a.qualifier = None  # 'over three years': during, not more than
    kind = next((k for p, k in QUALIFIER_PHRASES if p == a.qualifier), "exact")
    low, high = _bounds(kind, a.value) if a.qualifier else (None, None)
    amount = Amount(amount=a.value, low=low, high=high, qualifier=a.qualifier, unit=a.unit)
    bare = a.unit is None and not a.scaled and a.value >= 0 and not a.hyphen_open
    return Reading(a.start, a.end, amount, bare=bare, words_only=a.words_only)


def _vague(sentence: str, found: list[Reading]) -> list[Reading]:
    """'dozens', 'tens of millions of dollars', 'several hundred': amounts in words."""
    out = []
    for m in VAGUE_RE.finditer(sentence):
        if any(r.start < m.end() and m.start() < r.end for r in found):
            continue
        phrase = m.group(0)
        money = m.group(1)
        amount = parse_amount(phrase[: m.start(1) - m.start()].strip() if money else phrase)
        if amount is None:
            continue
        if money:
            amount = replace(amount, unit=MONEY_WORDS.get(money.lower().split()[0], "GBP"))
        out.append(Reading(m.start(), m.end(), amount, bare=False))
    return out



# --- with the parse --------------------------------------------------------------------

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
               "DATE", "TIME", "ORDINAL"}
"""A bare figure inside one of these entities is part of a name or a date ('Windows 11',
'in 1998'), unless the parse's own number spans already took it as a count."""


def combine(sent, found: list, vetoed: list, ents: list) -> list:
    """The number mentions of a parsed sentence, as (Span, Amount), in order.

    ``found``: (Span, Amount) that claims.py read from the parse; ``vetoed``: spans it
    found to be parts of names; ``ents``: the sentence's entities. A reading replaces the
    found spans it overlaps; found spans no reading overlaps stay, their unit normalised."""
    doc = sent.doc
    out = []
    replaced: set[int] = set()
    for r in read_numbers(sent.text):
        start, end = sent.start_char + r.start, sent.start_char + r.end
        if re.fullmatch(r"\d{1,3}-year-old", sent.text[r.start:r.end]):
            continue  # an age: claims.py reads those apart
        overlaps = [k for k, (span, _) in enumerate(found) if span.start_char < end and start < span.end_char]
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.start_char < start - 1 or span.end_char > end + 1:
            continue  # inside a longer token ('both.[1][7]'): not a figure the parse can place
        if r.bare and _names_a_thing(span, r):
            replaced.update(overlaps)  # 'exit 14', 'iPhone 11': drop the parse's reading too
            continue
        if not overlaps:
            if r.bare and any(v.start_char < end and start < v.end_char for v in vetoed):
                continue
            if r.bare and any(e.label_ in NAME_LABELS and e.start_char < end and start < e.end_char
                              and not (e.label_ in ("DATE", "TIME") and _counts_things(span)) for e in ents):
                continue
            if r.words_only and r.bare and (r.amount.amount == 1 or not (span[0].pos_ == "NUM" or span[0].like_num)):
                continue  # 'one' alone is a pronoun as often as a count
        replaced.update(overlaps)
        out.append((span, r.amount))
    for k, (span, amount) in enumerate(found):
        if k in replaced or re.fullmatch(r"\d+", span.text) and doc.text[span.end_char:span.end_char + 1].isalpha():
            continue  # '5G': a figure glued to letters is a name
        out.append((span, replace(amount, unit=unit_code(amount.unit))))
    out = [(span, amount) for span, amount in out if not _lone_scale_word(span)]
    return sorted(out, key=lambda pair: pair[0].start_char)


TIME_WORDS = {"second", "minute", "hour", "day", "night", "week", "weekend", "month", "year", "decade", "century",
              "morning", "evening", "afternoon", "quarter", "half", "term"}


def _counts_things(span) -> bool:
    """A bare figure the recogniser put in a date that counts a plural noun ('over 12
    seasons', '18 games'), not a time ('40 next year', 'the 1990s')."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is not None and nxt.tag_ == "NNS" and nxt.lemma_.lower() not in TIME_WORDS


def _lone_scale_word(span) -> bool:
    """'Thanks a million', 'the Million Dollar Band': a scale word alone, counting nothing."""
    words = [t for t in span if t.lower_ not in ("a", "an")]
    if len(words) != 1 or words[0].lower_ not in ("hundred", "thousand", "million", "billion", "trillion"):
        return False
    word = words[0]
    if word.text[0].isupper() and not word.is_sent_start:
        return True
    nxt = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    return nxt is None or not (nxt.pos_ in ("NOUN", "ADJ", "NUM") or nxt.lower_ == "of")


def _names_a_thing(span, r: Reading) -> bool:
    """A bare figure that names or places something: 'exit 14', 'iPhone 11', 'March 3'."""
    doc = span.doc
    first, last = span[0], span[-1]
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if prev is None:
        return False
    if prev.lower_ in POSITION_WORDS and not r.words_only and prev.pos_ != "VERB":
        return True
    small = r.amount.amount <= 31 and r.amount.amount == int(r.amount.amount)
    if small and (prev.lower_ in MONTHS and prev.text[0].isupper() or nxt is not None and nxt.lower_ in MONTHS
                  and nxt.text[0].isupper()):
        return True
    digits = span.text.strip()
    camel = prev.text[0].islower() and any(c.isupper() for c in prev.text[1:])
    if re.fullmatch(r"\d{1,4}", digits) and prev.whitespace_ and not prev.is_sent_start and prev.is_alpha \
            and (prev.pos_ == "PROPN" or camel or prev.is_upper) and prev.lower_ not in MONTHS \
            and not title_case(span.sent.text):
        return True  # 'Windows 11', 'iPhone 11', 'Boeing 737', 'CAC 40'
    return False
