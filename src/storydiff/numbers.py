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

One figure is read in ``number_atoms``, neighbouring figures are joined in
``number_ranges``; this module reads sentences (leaving out phone numbers and addresses)
and joins the readings with the parse.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .nlp import doc_text
from .number_atoms import FOLD_WORDS, Atom, attach_prefix, inches_after, read_atom, tokens
from .number_context import (
    CHANGE_WORDS,
    MONTHS,
    POSITION_WORDS,
    STREET_PREFIXES,
    STREET_WORDS,
    STRONG_STREET_WORDS,
)
from .number_ranges import Reading, combine_atoms
from .quantities import SCALES, UNITS_WORDS, parse_amount
from .units import MONEY_WORDS, unit_code

__all__ = ["Reading", "combine", "measured_noun", "read_numbers", "title_case", "unit_code"]

VAGUE_RE = re.compile(
    r"\b(?:(?:tens|hundreds) of (?:thousands|millions|billions)|dozens|scores(?= of)|hundreds|thousands|millions"
    r"|billions|(?:several|a few|a couple of) (?:hundred|thousand|million|billion))\b"
    r"(?: of (dollars|euros|pounds|yen|pounds sterling))?",
    re.I,
)
PHONE_RE = re.compile(
    r"\+\d[\d ()./-]{6,}\d|\(\d{3}\)\s*\d{3}[-.\s]\d{4}|\b1[-.]8\d\d[-.]\d{3}[-.]\d{4}\b"
    r"|\b\d{3}[-.]\d{3}[-.]\d{4}\b|(?<![\d,.\-])\b\d{3}[-.]\d{4}\b(?![\d,.])|\b0\d{2,4}[ -]\d{3,4}[ -]\d{3,4}\b"
)
"""Phone numbers: international, North American, '555-0187', UK '0800 555 0142'."""
_SMALL = r"(?:one|two|three|four|five|six|seven|eight|nine|ten)"
NOT_A_QUANTITY_RE = re.compile(
    rf"\bNos?\.\s?\d+(?:[-\u2013/]\d+)*\b|#\d+\b"
    rf"|\b{_SMALL}-(?:thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b"
    rf"|\b{_SMALL} (?:thirds?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b"
    r"|\bone-(?:off|time|way|sided|stop)\b",
    re.I,
)
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
DATE_OR_NAME_RE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+{_MONTH}"
    rf"(?![\w-])(?!\.?\s*\d{{1,2}}\b)"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-\u2013]\s*\d{{1,2}})?\b(?![,.]?\d)"
    r"|\bGroup of \d+\b"
)
"""Days of dates ('to 30 March', 'on June 4-5'), in capitals only ('may' is a verb), and
the Group of 20: figures that neither count nor measure."""
"""Figures that are no quantity: a place in a series ('the No. 9 shirt', '#3'), a
fraction in words ('two-thirds of members': the share, not a count of two; our gold
leaves word fractions out, as it leaves out 'a third' and 'half'), and 'one-off',
'one-time', 'one-way' (kinds, not counts)."""


_SCALE_WORDS = {w for w in SCALES if len(w) > 2}
NUMBER_WORDS = frozenset({w for w in UNITS_WORDS if " " not in w} - {"a", "an"} | _SCALE_WORDS
                         | {w + "s" for w in _SCALE_WORDS} | {"half", "scores"} | set(FOLD_WORDS))
"""Every word a figure in words or a vague amount starts with or needs ('dozens', 'a
million', 'half a'): a sentence without one of them, nor a digit, has no figure."""
_DIGIT_RE = re.compile(r"\d")
_WORD_RE = re.compile(r"[a-z]+")


def _may_hold_numbers(sentence: str) -> bool:
    """One cheap look before the tokens: most sentences have no figure."""
    if _DIGIT_RE.search(sentence) is not None:
        return True
    return not NUMBER_WORDS.isdisjoint(_WORD_RE.findall(sentence.lower()))


# --- sentences -------------------------------------------------------------------------


def read_numbers(sentence: str, rejected: list[tuple[int, int]] | None = None) -> list[Reading]:
    """The number expressions of one sentence, in order, with their values. The spans of
    figures that are no quantity (phone numbers, addresses, fractions in words, spans of
    years) go to ``rejected`` when it is given."""
    if not _may_hold_numbers(sentence):
        return []
    toks = tokens(sentence)
    spans = _masked_spans(sentence)
    if rejected is not None:
        rejected.extend(spans)
    masked = {c for start, end in spans for c in range(start, end)}
    atoms: list[Atom] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t.start in masked:
            i += 1
            continue
        atom = None
        if t.is_digits or t.low == "half" or t.low in FOLD_WORDS or t.low in UNITS_WORDS and (
            t.low not in ("a", "an") or i + 1 < n and toks[i + 1].low in SCALES
        ):  # 'a' and 'an' only before a scale word: 'a dozen', 'a million'
            atom = read_atom(toks, i, sentence)
        if atom is None:
            i += 1
            continue
        attach_prefix(toks, atom, sentence)
        if any(c in masked for c in range(atom.start, atom.end)):
            i = atom.end_tok
            continue
        atoms.append(atom)
        i = max(atom.end_tok, i + 1)
        inches = inches_after(toks, atom)
        if inches is not None:
            atoms.append(inches)
            i = inches.end_tok
    readings = combine_atoms(toks, atoms, sentence, rejected)
    readings += _vague(sentence, readings)
    return sorted(readings, key=lambda r: r.start)


def _masked_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of phone numbers, addresses, numbers in a series and fractions in words: no
    figure there is a quantity."""
    masked = [m.span() for m in PHONE_RE.finditer(sentence) if sum(c.isdigit() for c in m.group()) >= 7]
    headline = title_case(sentence)
    for m in re.finditer(r"\b\d+(?:[-\u2013]\d+)?[A-Za-z]?((?:\s+[A-Z][\w'.-]*){1,4})", sentence):
        words = m.group(1).split()
        first = words[0].lower().rstrip(".")
        if m.start() == 0:
            continue
        if first in STREET_PREFIXES and not headline or _address_words(words, headline):
            masked.append(m.span())
    masked += [m.span() for m in NOT_A_QUANTITY_RE.finditer(sentence)]
    masked += [m.span() for m in DATE_OR_NAME_RE.finditer(sentence)]
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
    rejected: list[tuple[int, int]] = []
    readings = read_numbers(sent.text, rejected)
    for k, (span, _) in enumerate(found):
        start, end = span.start_char - sent.start_char, span.end_char - sent.start_char
        if any(r_start < end and start < r_end for r_start, r_end in rejected):
            replaced.add(k)  # the parse's figure in an address, a series, a span of years
    for r in readings:
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
            if any(v.start_char < end and start < v.end_char and (r.bare or re.search(r"\d-[A-Z][a-z]", v.text))
                   for v in vetoed):
                continue  # a bare number inside a name claims.py set aside, or a name glued to one ('24-Hour News')
            if r.bare and any(e.label_ in NAME_LABELS and e.start_char < end and start < e.end_char
                              and not (e.label_ in ("DATE", "TIME") and _counts_things(span)) for e in ents):
                continue
            if r.words_only and r.bare and (r.amount.amount == 1 or not (span[0].pos_ == "NUM" or span[0].like_num)):
                continue  # 'one' alone is a pronoun as often as a count
        replaced.update(overlaps)
        out.append((span, r.amount))
    for k, (span, amount) in enumerate(found):
        if k in replaced or re.fullmatch(r"\d+", span.text) and doc_text(doc)[span.end_char:span.end_char + 1].isalpha():
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
    if re.fullmatch(r"(?:19|20)\d\d", digits) and (prev.pos_ == "DET" or prev.tag_ in ("POS", "PRP$")) \
            and nxt is not None and nxt.tag_ in ("NN", "NNP", "JJ", "VBG"):
        return True  # 'the 2033 target', 'its 2029 election': a year that names which one
    named = prev.is_alpha or re.fullmatch(r"[A-Z]+&[A-Z]+", prev.text) is not None  # 'S&P 500'
    if re.fullmatch(r"\d{1,4}", digits) and named and prev.text[0].isupper() and prev.whitespace_ \
            and re.match(r"\s+[+\-\u2212]\d", doc_text(doc)[span.end_char:span.end_char + 4]):
        return True  # 'FTSE 100 -0.1%': an index's name before its move
    if re.fullmatch(r"\d{1,4}", digits) and prev.whitespace_ and not prev.is_sent_start and named \
            and (prev.pos_ == "PROPN" or camel or prev.is_upper) and prev.lower_ not in MONTHS \
            and not title_case(span.sent.text):
        return True  # 'Windows 11', 'iPhone 11', 'Boeing 737', 'CAC 40'
    return False


LEVEL_VERBS = {"be", "stand", "reach", "total", "hit", "top", "remain"}
"""Verbs that give a measured thing its level ('turnout was 67.3 per cent', 'debt stood at
EUR 2.45bn'): only for a figure with a unit (a bare 'was 12' is an age as often)."""


def measured_noun(span, unit: str | None):
    """The noun a figure with no counted noun of its own measures, from the parse: 'a loss
    of EUR50m' (loss), 'a crowd of 61,432' (crowd), 'orders fell 8.2 percent' (orders),
    'cut its dividend to 8.25c' (dividend), and with a unit 'turnout was 67.3 per cent'.
    Only change verbs and, with a unit, verbs of level: 'police arrested 40' measures no
    police. A bare year measures nothing. counts.py may take it where its ``_counted_noun``
    finds none (bench_numbers "counted")."""
    root = span.root
    head = root.head
    if unit is None and re.fullmatch(r"(1[89]|20)\d\d", span.text.strip()):
        return None
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.i < span.start:
        return head.head
    verb, prep = None, None
    if root.dep_ in ("npadvmod", "dobj", "attr", "advmod") and head.pos_ in ("VERB", "AUX"):
        verb = head
    elif root.dep_ == "pobj" and head.lower_ in ("by", "to", "at") and head.head.pos_ in ("VERB", "AUX"):
        verb, prep = head.head, head.lower_
    if verb is None:
        return None
    lemma = verb.lemma_.lower()
    if lemma not in CHANGE_WORDS and verb.lower_ not in CHANGE_WORDS and not (unit and lemma in LEVEL_VERBS):
        return None
    if prep == "to":
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i < span.start), None)
        if obj is not None:
            return obj
    # the subject; a capitalised first word ('Turnout was ...') as well, unless a person
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and (
        c.pos_ == "NOUN" or c.pos_ == "PROPN" and c.is_sent_start and c.ent_type_ != "PERSON")), None)
