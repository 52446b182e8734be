"""One figure as newspapers write it: the tokens of a sentence, and from a token the
figure that starts there with its currency, sign, qualifier, scale and unit ('EUR50m',
'118.5p', '-0.6%', 'about 33 pounds', 'twenty-eight thousand six hundred forty-two',
'517 rushing yards'). number_ranges.py joins neighbouring figures; numbers.py reads
sentences with both."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .number_context import ORDINAL_SUFFIXES
from .quantities import QUALIFIERS, SCALES, UNITS_WORDS, apply_scale
from .units import CURRENCY_PREFIXES, GLUED_ONLY_PREFIXES, GLUED_UNITS, MONEY_WORDS, MULTIWORD_UNITS, UNIT_WORDS

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

QUALIFIER_PHRASES = [q for q in QUALIFIERS if q[0] not in ("above", "below", "exceeding")]
"""'above 800 metres' is where, more often than how many."""
PHONE_RE = re.compile(
    r"\+\d[\d ()./-]{6,}\d|\(\d{3}\)\s*\d{3}[-.\s]\d{4}|\b1[-.]8\d\d[-.]\d{3}[-.]\d{4}\b"
    r"|\b\d{3}[-.]\d{3}[-.]\d{4}\b|(?<![\d,.\-])\b\d{3}[-.]\d{4}\b(?![\d,.])|\b0\d{2,4}[ -]\d{3,4}[ -]\d{3,4}\b"
)
"""Phone numbers: international, North American, '555-0187', UK '0800 555 0142'."""

_TOKEN_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|[^\W\d_]+|[^\s]")


@dataclass(slots=True)
class Tok:
    text: str
    start: int
    end: int
    space_before: bool
    low: str
    is_digits: bool


FOLD_WORDS = {w + "fold": float(v) for w, v in {**UNITS_WORDS, **SCALES}.items()
              if v > 1 and w.isalpha() and len(w) > 2}
"""'twofold', 'tenfold', 'hundredfold': a multiplier in one word."""


# --- atoms -------------------------------------------------------------------------------


@dataclass
class Atom:
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
    multiplier: bool = False  # 'tenfold': stands alone, never one end of a range


def tokens(text: str) -> list[Tok]:
    toks = []
    for m in _TOKEN_RE.finditer(text):
        word, start = m.group(), m.start()
        toks.append(Tok(word, start, m.end(), start == 0 or text[start - 1].isspace(), word.lower(), word[0].isdigit()))
    return toks


def glued(toks: list[Tok], i: int) -> bool:
    """Token i is glued to the token before it (no space)."""
    return 0 < i < len(toks) and not toks[i].space_before


def _word_value(toks: list[Tok], i: int) -> tuple[float, int] | None:
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
            if j + 1 < n and toks[j].text == "-" and glued(toks, j) and glued(toks, j + 1) \
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


def _prefix(toks: list[Tok], i: int) -> tuple[str | None, int]:
    """A currency written before token i: ('EUR', first token index) or (None, i)."""
    # glued tokens before the figure: '$', 'US' '$', '$' 'US', 'Y' '=', 'HK' '$', 'EUR'
    for width in (3, 2, 1):
        k = i - width
        if k < 0 or not all(glued(toks, m) for m in range(k + 1, i + 1)):
            continue
        text = "".join(t.text for t in toks[k:i])
        code = CURRENCY_PREFIXES.get(text.lower()) or GLUED_ONLY_PREFIXES.get(text.lower())
        if code and (text.lower() not in ("try",) or text.isupper()):
            return code, k
    # spaced: 'EUR 2.45bn', 'US$ 5m', '$ 6.32'
    if i >= 1 and toks[i].space_before:
        t = toks[i - 1]
        code = CURRENCY_PREFIXES.get(t.low)
        if code and (t.text.isupper() or not t.text.isalpha() or t.text[0].isupper() and t.low != "try") \
                and len(t.text) <= 3:
            if t.text == "$" and i >= 2 and glued(toks, i - 1) and toks[i - 2].text.isalpha():
                k = i - 2
                code = CURRENCY_PREFIXES.get((toks[k].text + "$").lower(), code)
                return code, k
            return code, i - 1
        # 'Rs. 1,210': an abbreviation with its full stop
        if t.text == "." and i >= 2 and glued(toks, i - 1) and toks[i - 2].text[:1].isupper():
            code = CURRENCY_PREFIXES.get(toks[i - 2].low + ".")
            if code:
                return code, i - 2
    return None, i


def _unit_after(toks: list[Tok], j: int, text: str, sentence: str) -> tuple[str | None, int]:
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


def read_atom(toks: list[Tok], i: int, sentence: str) -> Atom | None:
    """The figure that starts at token i, with its scale and unit, or None."""
    n = len(toks)
    t = toks[i]
    words_only = scaled_words = False
    integer = True
    if t.is_digits:
        if glued(toks, i) and toks[i - 1].text.isalpha() and not _currency_glued(toks, i):
            return None  # 'M62', 'A320', 'G20'
        if glued(toks, i) and toks[i - 1].text in ("-", "/", ":", ".") and i >= 2 and glued(toks, i - 1) \
                and (toks[i - 2].text.isalpha() or toks[i - 2].is_digits and toks[i - 1].text != "-") \
                and not (toks[i - 2].low == "to" and i >= 4 and toks[i - 4].is_digits and toks[i - 3].text == "-"):
            return None  # 'COVID-19', '9/11', '10:30' (but '71-to-29' is two figures)'
        value = float(t.text.replace(",", ""))
        integer = "." not in t.text
        j = i + 1
        # '7-1/4': a fraction glued on
        if j + 3 < n + 1 and j + 3 <= n and toks[j].text == "-" and glued(toks, j) and j + 3 < n \
                and toks[j + 1].is_digits and toks[j + 2].text == "/" and toks[j + 3].is_digits \
                and all(glued(toks, m) for m in range(j + 1, j + 4)):
            den = float(toks[j + 3].text.replace(",", ""))
            if den:
                value += float(toks[j + 1].text) / den
                integer = False
                j += 4
        if j < n and toks[j].text in "½¼¾" and glued(toks, j):
            value += {"½": 0.5, "¼": 0.25, "¾": 0.75}[toks[j].text]
            j += 1
        if j < n and glued(toks, j) and toks[j].low in ORDINAL_SUFFIXES:
            return None  # '4th'
        if i >= 1 and toks[i - 1].text == "[" and glued(toks, i) and j < n and toks[j].text == "]":
            return None  # '[7]': a citation mark
        if i >= 1 and toks[i - 1].text == "." and glued(toks, i) and (i == 1 or toks[i - 1].space_before):
            return None  # '.38', '.22-caliber': a calibre
        if j < n and glued(toks, j) and toks[j].text.isalpha() and toks[j].text not in GLUED_UNITS \
                and toks[j].low not in UNIT_WORDS and toks[j].low not in SCALES and toks[j].low not in ("bln", "mn"):
            return None  # '5G', '3D', '4x4': a name or a code
        if j < n and toks[j].text in (":",) and glued(toks, j) and j + 1 < n and toks[j + 1].is_digits:
            return None  # '10:30'
    elif t.low in FOLD_WORDS:
        value, j = FOLD_WORDS[t.low], i + 1  # 'tenfold': a multiplier, as plain as '10-fold'
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
    atom = Atom(i, j, value, toks[i].start, toks[j - 1].end, words_only=words_only, integer=integer,
                multiplier=t.low in FOLD_WORDS)
    if words_only and scaled_words:
        atom.scaled = True  # 'half a million', 'twenty-eight thousand ...': plainly a number
    # scale: 'bn', 'm', ' million', 'k'
    if j + 1 < n and toks[j].text in ('"', "\u201d") and toks[j + 1].low in ("million", "billion", "trillion"):
        j += 1  # '"we want $4.2" billion': a quotation closed before its scale word
    if j < n:
        s = toks[j]
        scale_glued = not s.space_before
        spelled = len(s.low) > 2 or s.low in ("mn", "bn", "tn", "mln", "bln")
        scale = SCALES.get(s.low) if (scale_glued or spelled) else None
        if s.low == "bln":
            scale = 1_000_000_000
        if s.low == "lakh":
            scale = 100_000
        if s.low == "crore":
            scale = 10_000_000
        if s.low in ("hundred", "thousand") and not words_only and not scale_glued:
            scale = SCALES[s.low]
        if s.low == "dozen" or (s.text == "m" and scale_glued and _metres_not_million(toks, j)) \
                or (s.text in ("M", "B") and not scale_glued) \
                or (s.low == "b" and scale_glued and j + 1 < n and toks[j + 1].text == "2"):
            scale = None
        if s.text == "m" and scale_glued and _metres_not_million(toks, j):
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
    if atom.unit is None and j < n and toks[j].text == "-" and glued(toks, j) and (
        j + 1 >= n or toks[j + 1].space_before or toks[j + 1].text == ","
    ) and j + 1 < n and (toks[j + 1].text in (",",) or toks[j + 1].low in ("and", "or", "to")):
        atom.hyphen_open = True
    return atom


def inches_after(toks: list[Tok], atom: Atom) -> Atom | None:
    """The inches of a height written 'N-foot-M' ('the 6-foot-5 forward'): M is inches."""
    j = atom.end_tok
    if atom.unit != "ft" or j + 1 >= len(toks) or toks[j].text != "-" or not glued(toks, j) \
            or not toks[j + 1].is_digits or not glued(toks, j + 1) or "." in toks[j + 1].text:
        return None
    value = float(toks[j + 1].text)
    if value >= 12:
        return None
    return Atom(j + 1, j + 2, value, toks[j + 1].start, toks[j + 1].end, unit="in")


def _currency_glued(toks: list[Tok], i: int) -> bool:
    code, _ = _prefix(toks, i)
    return code is not None


def _metres_not_million(toks: list[Tok], j: int) -> bool:
    """A glued 'm' means metres before sport and height words ('the 100m final')."""
    nxt = toks[j + 1].low if j + 1 < len(toks) else ""
    return nxt in METRE_CONTEXT


def attach_prefix(toks: list[Tok], atom: Atom, sentence: str) -> None:
    """Currency before the figure, a sign, and a qualifier ('more than', 'about')."""
    i = atom.start_tok
    code, k = _prefix(toks, i)
    if code is not None:
        if atom.unit is None or atom.unit in ("GBX", "cent"):
            atom.unit = code if atom.unit is None else atom.unit
        atom.start = toks[k].start
        i = k
    # a sign: '-0.6%', '+1.4%', 'minus 12 degrees'; spaced from a figure before it, a sign
    # all the same ('FTSE 100 -0.1%'); glued to one, a range or a name ('15-20', 'COVID-19')
    if i >= 1 and toks[i - 1].text in ("-", "+", "\u2212") and glued(toks, i) and (
        i == 1 or toks[i - 1].space_before or toks[i - 2].text in ("(", ",", ":")
    ):
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

