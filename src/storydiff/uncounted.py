"""Numbers that count nobody in the event: an age ("Jane Roe, 32", "ages 18, 19 and 20",
"a 43 y/o man"), an address ("the 700 block", "12 Seven Oaks Road"), a family ("a father of
four"), a rate's base ("per 100,000"), the size of a body ("the 100-member Senate"), a phone
number, a position in a series ("image 5 of 40"). counts.py asks ``not_a_count`` of every
number it reads; what is left is a figure of something.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from .casualties import PERSON_NOUNS, own_casualty
from .nlp import doc_text

FAMILY_NOUNS = {"father", "mother", "parent", "dad", "mom", "grandfather", "grandmother", "grandparent", "mum"}
"""'a father of four' describes a person, it counts nobody who took part in the event."""
BODY_SIZE_NOUNS = {"member", "seat", "man", "person", "strong", "nation", "country", "state", "judge", "justice"}
"""'the 100-member Senate', 'a 15-man jury', 'the 27-nation bloc': a compound that gives
the size of a body, not a count of anyone in the event."""
STREET_WORDS = {"block", "street", "st", "avenue", "ave", "road", "rd", "drive", "lane", "boulevard", "blvd",
                "way", "court", "place", "highway", "route", "interstate", "suite", "unit", "apartment", "room"}
"""Nouns after a number that make it an address or a road, not a count ('the 700 block of')."""


def not_a_count(span: Span) -> bool:
    """Numbers that count nobody in the event: an age ('Smith, 32,' 'aged 32'), a family
    ('a father of four'), a rate's base ('per 100,000'), the size of a body ('the 100-member
    Senate', a compound adjective)."""
    doc = span.doc
    first, last = span[0], span[-1]
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if before is not None and before.lower_ in ("aged", "age", "ages", "per") or _in_age_list(span):
        return True
    if after is not None and re.match(r"\s*(?:y\s*/\s*o|y\.o\.?|yo)\b", doc_text(doc)[last.idx + len(last.text):][:12], re.I):
        return True  # 'a 43 y/o man': an age, written short
    if span.text in ("911", "311") or (after is not None and re.fullmatch(r"-?\d{3,4}(-\d{3,4})*", after.text)
                                       and not last.whitespace_):
        return True  # an emergency or a phone number: 'call 911', '555-0199'
    if after is not None and not last.whitespace_ and re.fullmatch(r"-[A-Z]{3,}|-", after.text) and (
            after.text != "-" or (last.i + 2 < len(doc) and re.fullmatch(r"[A-Z]{3,}", doc[last.i + 2].text))):
        return True  # a vanity phone number: '555-TIPS'
    if before is not None and before.text == "(" and after is not None and after.text == ")" and re.match(
            r"\s*\d{3}-\d{4}", doc_text(doc)[after.idx + 1 : after.idx + 12]):
        return True  # a phone number's area code: '(555) 010-0199'
    if (before is not None and before.text == "(" and after is not None and after.text == ")" and first.i > 1
            and re.fullmatch(r"\d{1,3}", span.text) and doc[first.i - 2].pos_ == "PROPN"):
        return True  # 'the murders of Ada Quell (10) and Bram Oduya (16)': an age after a name
    if before is not None and (before.text == "©" or before.lower_ == "copyright"):
        return True  # a copyright notice's year
    if _in_street_name(span):
        return True  # '12 Seven Oaks Road': a number word in an address
    if (before is not None and before.lower_ in ("at", "on") and after is not None and after.pos_ == "PROPN"
            and after.ent_type_ not in ("DATE", "TIME") and re.fullmatch(r"\d{3,5}", span.text)):
        return True  # 'shot at 2630 Waldron': a house number before its street's name
    if after is not None and after.lower_ in ("year", "years") and last.i + 2 < len(doc) and doc[last.i + 2].lower_ in ("old", "-"):
        return True  # 'SIXTEEN YEAR OLD': an age in words
    if (after is not None and after.text in ("-", "–") and not last.whitespace_ and last.i + 2 < len(doc)
            and doc[last.i + 2].lemma_.lower() in BODY_SIZE_NOUNS):
        return True  # 'the 100-member Senate', 'a 12-person jury': the size of a body
    if before is not None and before.text == "," and first.i > 1 and re.fullmatch(r"\d{1,3}", span.text):
        named = doc[first.i - 2]
        if (named.ent_type_ == "PERSON" or named.pos_ == "PROPN") and (after is None or after.is_space or after.text in (",", ")", ";", ".", "–", "—", "of")):
            return True  # 'Jane Roe, 32, was ...', a list of names with ages: an age in apposition
    if span.text.lower() in ("one", "1") and after is not None and after.lower_ == "of":
        return True  # 'one of the senators': picks one out, counts nothing
    # (a figure with its unit is no position: '80% in 12 minutes')
    if after is not None and after.lower_ in ("of", "in") and last.i + 2 < len(doc) and doc[last.i + 2].like_num \
            and last.like_num:
        return True  # 'image 5 of 40': a position in a series; '1 in 3': a ratio
    if before is not None and before.lower_ in ("of", "in") and first.i > 1 and doc[first.i - 2].like_num \
            and first.like_num and not (before.lower_ == "of" and after is not None and after.pos_ == "NOUN"
                                        and own_casualty(after) is not None):
        return True  # but 'one of two people injured' sizes the group its own casualty word is said of
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in FAMILY_NOUNS:
        return True
    return False


def _in_age_list(span: Span) -> bool:
    """'four men, ages 18, 18, 19 and 20', 'three women - 17, 19 and 20': every number of a
    list after 'ages', or of a list set off after a noun for people, is an age."""
    doc, i = span.doc, span.start - 1
    while i >= 0 and span.start - i <= 16 and (doc[i].like_num or doc[i].lower_ in (",", "and", "&")):
        i -= 1
    if i >= 0 and i < span.start - 1 and doc[i].lower_ in ("ages", "aged"):
        return True
    if i < 1:
        return False
    j = span.end
    while j < len(doc) and j - span.end < 16 and (doc[j].like_num or doc[j].lower_ in (",", "and", "&")):
        j += 1
    listed = sum(1 for t in doc[i + 1 : j] if t.like_num)
    return listed >= 2 and doc[i].text in ("\u2014", "\u2013", "-", "(") and doc[i - 1].lemma_.lower() in PERSON_NOUNS


def _in_street_name(span: Span) -> bool:
    """A number followed, through capitalised words only, by a street word."""
    doc = span.doc
    for tok in doc[span.end : span.end + 3]:
        if tok.lower_.rstrip(".") in STREET_WORDS and tok.text[:1].isupper():
            return True
        if not (tok.text[:1].isupper() and tok.is_alpha):
            return False
    return False
