"""What story clustering reads from a document's text: the lead's words, the body's
names (a cheap proxy for named entities), and what the text says of the event itself (the
places its lead puts it in, the people it names in full, the days it states). Regexes
only, no parse: see ``storydiff.stories`` for why, and for how these terms are weighted
and compared.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import chain

from .copies import split_sentences
from .model import Document

LEAD_SENTENCES = 3
"""Sentences of the body that form the lead: news puts the event in the first few."""

INDEX_KEYS = 12
"""Salient entities and lead keywords per document put in (and looked up in) the
candidate index. More keys find more candidate stories at more scoring cost."""

_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]")
_PUNCTUATION = ".,;:!?\"'()[]{}“”‘’«»…—–-"
_CAPITALISED = re.compile(r"(?<![\w'’.-])[A-ZÀ-ÖØ-Þ](?:[\w'’.-]*[^\W_])?")
_POSSESSIVE = re.compile(r"['’]s?$")
_SKIPPED_BEFORE_WORD = " \t\r\n\"'“”‘’(["
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday".split()
)
_HONORIFICS = frozenset("mr mrs ms dr sir rep sen gov st jr sr".split())
OFFICE_TITLES = frozenset(
    "president vice senator sen representative rep congressman congresswoman governor gov mayor "
    "secretary speaker leader minister chairman chairwoman chair prosecutor attorney sheriff chief "
    "commissioner spokesman spokeswoman spokesperson director superintendent councilman councilwoman "
    "judge justice ambassador general lieutenant lt sergeant sgt detective det investigator coroner".split()
)
"""Titles of office: a person the text introduces with one ("Mayor Dana Whitlock", "Sen.
Lee Oduya", "police Lt. Aron Falk") speaks for an office, appears in many events, and does
not single one out. The ranks of those who speak for a police force (lieutenant, sergeant,
detective) are among them; "officer", "deputy", "corporal" and "trooper" are not: the
officer shot or shooting is the event's participant (with "officer", ECB+ dev loses 0.003)."""
INSTITUTION_WORDS = frozenset(
    "house senate congress assembly committee department agency office university college school "
    "hospital police church court company party republican republicans democrat democrats democratic news "
    "times post press".split()
)
"""Words that make two capitalised words an institution, not a person ("House Republicans",
"Valley News"): such pairs are not names."""

MAX_PAIRS = 40
"""Capitalised pairs a document keeps besides its names (``_names``): enough for the
people of a long report, few enough to keep a story's entity bag small."""


_LEAD_CHARS = 2000  # enough for LEAD_SENTENCES sentences of news prose

MAX_FINGERPRINTS = 40
"""Sentences of a text kept as fingerprints (``DocumentTerms.sentences``): enough for a
long report, few enough to keep a story's bag small."""
_FINGERPRINT_SPLIT = re.compile(r"(?=[.!?…\n])(?:[.!?…][\"'”’)\]]*\s+|\n+)")
"""Sentence ends for fingerprints: a plain character class, several times faster than the
look-behinds of ``copies.split_sentences``; both texts are cut the same way, and only
whole pieces are compared. The leading look-ahead (what both branches begin with) lets
every other character fail at once: twice as fast."""
_FINGERPRINT_MIN_WORDS = 6  # shorter sentences ("He said no.") recur in unrelated texts

@dataclass
class DocumentTerms:
    """A document's words before weighting: what document frequencies are counted from."""

    lead_tokens: list[str]
    entity_counts: Counter
    names: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    stated_days: list[date] = field(default_factory=list)
    header_day: date | None = None  # the date a page's header gives, when it has no published
    pairs: list[str] = field(default_factory=list)  # capitalised pairs that may be names (see _names)
    officials: list[str] = field(default_factory=list)  # names introduced by a title of office
    sentences: list[str] = field(default_factory=list)  # fingerprints of its sentences (see _fingerprints)
    common: frozenset[str] = frozenset()  # entity keys the text also writes in lower case ("Fired", "City")
    streets: list[str] = field(default_factory=list)  # streets the text names ("quill lane", see _streets)

    def distinct(self) -> set[str]:
        """Terms for document-frequency counts: ``w:`` lead words, ``e:`` entities, ``n:``
        full names of people, ``p:`` place words of the lead, ``r:`` capitalised pairs."""
        return (
            {f"w:{t}" for t in self.lead_tokens}
            | {f"e:{e}" for e in self.entity_counts}
            | {f"n:{n}" for n in self.names}
            | {f"p:{p}" for p in self.places}
            | {f"r:{p}" for p in self.pairs}
            | {f"v:{v}" for v in self.streets}
        )


def document_terms(doc: Document, stop_words: set[str] | frozenset[str]) -> DocumentTerms:
    """The lead's word tokens and the body's entity counts, before any weighting."""
    lead = _lead(doc)
    lowered = _lowered(doc.text)
    entities = _entity_counts(doc.text, stop_words, lowered)
    names, pairs, officials = _names(doc.text, lowered, stop_words, entities)
    return DocumentTerms(
        [t.lower() for t in _TOKEN.findall(lead)],
        entities,
        names,
        _places(doc.text, lead, lowered, stop_words, names),
        _stated_days(doc.text, story_day(doc.published)),
        None if doc.published else _header_day(doc.text),
        pairs,
        officials,
        _fingerprints(doc.text),
        frozenset(k for k in entities if k in lowered),
        _streets(doc.text, stop_words),
    )


_STREET_SUFFIX = re.compile(r"(?:Street|Avenue|Ave|Road|Rd|Drive|Boulevard|Blvd|Lane|Ln|Way|Terrace|Parkway|Pkwy|Circle)\b")
"""A street's last word ("Quill Lane", "36th Street"; not "St", "Dr", which also stand for
Saint and Doctor, nor "Court", "Park", "Highway", which name courts, districts and
routes). Found first, then the name before it (``_STREET_NAME``) where one is: the
suffixes are rare, and a plain alternation lets the regex engine skip to their initials
(a look-ahead or one pattern for name and suffix cost three to four times as much)."""
_STREET_NAME = re.compile(r"(?:^|[^\w'’.-])((?:[A-Z][a-z'’]+|\d+(?:st|nd|rd|th))(?: [A-Z][a-z'’]+)?) $")
_STREET_WORDS = {"ave": "avenue", "rd": "road", "blvd": "boulevard", "ln": "lane", "pkwy": "parkway"}
MAX_STREETS = 6
"""Streets a text keeps: the event's street and a few around it (a long report also names
the suspect's address, the hospital's road)."""


def _streets(text: str, stop_words: set[str] | frozenset[str]) -> list[str]:
    """The streets a text names, lower-cased with their suffix spelled out ("quill lane",
    "36th street"), in order, at most ``MAX_STREETS``: the finest place news gives of
    an event (the block, the corner), which two reports of one shooting share and two
    shootings in one city rarely do. Generic words are left out of the name ("South Main
    Street" is "main street"); a name of generic, stop or calendar words alone ("North
    Avenue", "On Elm" at a sentence's start is "elm") gives no street."""
    found: dict[str, None] = {}
    for m in _STREET_SUFFIX.finditer(text):
        start = m.start()
        if start < 2 or text[start - 1] != " ":
            continue
        name = _STREET_NAME.search(text, max(0, start - 40), start)
        if name is None:
            continue
        words = [
            w for w in name.group(1).lower().replace("’", "'").split()
            if w not in GENERIC_PLACE_WORDS and w not in stop_words and w not in _CALENDAR
        ]
        if not words or words[-1] in _HONORIFICS:
            continue
        suffix = m.group().lower()
        found[" ".join(words) + " " + _STREET_WORDS.get(suffix, suffix)] = None
        if len(found) == MAX_STREETS:
            break
    return list(found)


def count_terms(terms: Iterable[DocumentTerms]) -> Counter:
    """Document frequencies of ``DocumentTerms.distinct`` keys."""
    return Counter(chain.from_iterable(t.distinct() for t in terms))


def _lead(doc: Document) -> str:
    # The lead is at the top: no need to split the whole body into sentences.
    sentences = split_sentences(doc.text[:_LEAD_CHARS])[:LEAD_SENTENCES]
    return "\n".join(([doc.title] if doc.title else []) + sentences)


def _fingerprints(text: str) -> list[str]:
    """A short hash of each sentence of ``_FINGERPRINT_MIN_WORDS`` words or more (case
    ignored), at most ``MAX_FINGERPRINTS``: two texts share one where they share the
    sentence word for word. CRC-32: stable across processes (a store keeps them) and
    cheap; a chance collision between a text's sentences and a story's few thousand is
    about one in a hundred thousand."""
    found: dict[str, None] = {}
    for sentence in _FINGERPRINT_SPLIT.split(text):
        if sentence.count(" ") >= _FINGERPRINT_MIN_WORDS - 1:
            found[f"{zlib.crc32(sentence.strip().lower().encode('utf-8')):08x}"] = None
            if len(found) == MAX_FINGERPRINTS:
                break
    return list(found)


def _without_possessive(word: str) -> str:
    """``_POSSESSIVE.sub("", word)`` without a regex call (once per distinct word, it adds
    up): a final 's, ’s, ' or ’ taken off."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    if word.endswith(("'", "’")):
        return word[:-1]
    return word


def _lowered(text: str) -> set[str]:
    """Words as written (punctuation stripped): a key found here occurs in lower case.
    str.split is several times faster than a regex pass over the text."""
    return {w.strip(_PUNCTUATION) for w in text.split()}


def _entity_counts(text: str, stop_words: set[str] | frozenset[str], lowered: set[str] | None = None) -> Counter:
    """Capitalised words and acronyms as a proxy for names (see the module docstring)."""
    if lowered is None:
        lowered = _lowered(text)
    counts: Counter = Counter()
    ambiguous: dict[str, str] = {}  # token -> key, for forms that also occur in lower case
    # Count each distinct form once (C speed); positions are looked at only for the forms
    # that also occur in lower case, where a sentence-initial capital says nothing.
    for token, n in Counter(_CAPITALISED.findall(text)).items():
        key = _without_possessive(token.rstrip(".")).lower().replace("’", "'")
        if len(key) < 2 or key in stop_words or key in _CALENDAR or key in _HONORIFICS or _CONTRACTION.search(key):
            continue
        if key in lowered and not token.isupper():
            ambiguous[token] = key
        else:
            counts[key] += n
    # The few forms that also occur in lower case (one or two a text) are found with
    # str.find rather than a second regex pass over the whole text: a match of
    # ``_CAPITALISED`` never starts inside another (its look-behind), so the matches equal
    # to a form are the places where it is found and the pattern, tried there, gives it.
    for token, key in ambiguous.items():
        at = text.find(token)
        while at != -1:
            m = _CAPITALISED.match(text, at)
            if m is not None and m.group() == token and not _starts_sentence(text, at):
                counts[key] += 1
            at = text.find(token, at + 1)
    return counts


_CONTRACTION = re.compile(r"'(?:m|re|ve|ll|d)$|n't$")
"""'I'm', 'They're', 'Don't': capitalised at a sentence's start, never a name (two outlets'
quoted speakers both saying "I'm" tied their stories)."""


_NAME_PAIR = re.compile(r"(?=[A-Z])(?<![\w'’.-])([A-Z][a-z][\w'’-]*)(?=\s+([A-Z][a-z][\w'’-]*[^\W_]))")
"""Two capitalised words in a row (see ``_names``); the leading look-ahead lets every
character but a capital fail before the look-behind: twice as fast."""
_DATELINE = re.compile(r"\s*([A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,3})\s*(?:,|\(|—|–|--)")
_PLACE_AFTER = re.compile(
    r"\b(?:in|near|outside)\s+((?:[A-Z][\w'’.-]*[^\W_])(?:\s+[A-Z][\w'’.-]*[^\W_]){0,2})"
)
GENERIC_PLACE_WORDS = frozenset(
    "north south east west northern southern eastern western central northeast northwest southeast "
    "southwest new upper lower greater downtown city county town village township state district "
    "park street avenue road side area".split()
)
"""Words of a place phrase that say nothing about which place ("South", "County", "New"):
left out of place keys, so that "South Los Angeles" and "Los Angeles" share a place and
"New Jersey" and "New York" do not."""
HOLIDAY_WORDS = frozenset("year years eve christmas thanksgiving easter halloween holiday holidays weekend".split())
"""Words of a holiday or a time ("in Kellwick New Year's Eve party", "in Christmas Day
violence"): no place, and shared by every event of that night: read as a place word, a
shooting elsewhere on New Year's Day was no place conflict with another's story."""
NEWS_FLAGS = frozenset("update updated updates breaking developing watch video photos live alert exclusive".split())
"""Words a page puts in capitals before its story ("UPDATE —", "BREAKING (video)"), where a
dateline would stand: no place. Read as a place, one page's flag tied it to another's
event on the same day."""


def _names(
    text: str, lowered: set[str], stop_words: set[str] | frozenset[str], entities: Counter
) -> tuple[list[str], list[str], list[str]]:
    """Named people, cheaply: two capitalised words in a row ("Dana Whitlock"), neither of
    which the text also writes in lower case (so not "Police Chief") nor a stop, calendar,
    honorific or generic place word ("Elm Street"), whose second word also stands alone
    in the text ("Whitlock said"): news names a person in full once and then by surname.
    Lower-cased, most mentioned first, at most ``INDEX_KEYS``. Full names, unlike single
    words, are specific enough to tie a follow-up weeks later to its event (see ``assign``).

    Also the pairs that pass every test but the last, at most ``MAX_PAIRS``: a text that
    names a person once and never by surname alone ("a girl, Lia Brandt, was hit") still
    writes the pair, and a pair that another document of the story names as a person is
    that person (``story_identity.same_event``). And which of the names the text introduces with
    a title of office (``OFFICE_TITLES``): officials, who link storylines but do not single
    out an event."""
    counts: Counter = Counter()
    paired: Counter = Counter()  # how often a word is written next to another capitalised one
    officials: set[str] = set()
    key_of: dict[str, str] = {}  # a word as written -> its key (each distinct word read once)
    barred: dict[str, bool] = {}  # a key -> whether it cannot be part of a name

    def key(word: str) -> str:
        found = key_of.get(word)
        if found is None:
            found = key_of[word] = _without_possessive(word).lower().replace("’", "'")
            if found not in barred:
                barred[found] = (
                    found in lowered or found in stop_words or found in _CALENDAR or found in _HONORIFICS
                    or found in GENERIC_PLACE_WORDS or found in OFFICE_TITLES or found in INSTITUTION_WORDS
                )
        return found

    for m in _NAME_PAIR.finditer(text):
        first, second = m.groups()
        first = key_of.get(first) or key(first)
        second = key_of.get(second) or key(second)
        paired[first] += 1
        paired[second] += 1
        name = f"{first} {second}"
        start = m.start()
        before = text[max(0, start - 16) : start].split()
        if before and before[-1].strip(".,").lower() in OFFICE_TITLES:
            officials.add(name)
        if before and before[-1][:1].isupper() and before[-1].lower() in GENERIC_PLACE_WORDS:
            continue  # "New Port Richey", "North Las Vegas": the end of a place's name, no person
        if not (barred[first] or barred[second]):
            counts[name] += 1
    # A person is named in full, then by surname alone; a place or an institution ("Los
    # Angeles", "Mercy Hospital") is not cut down to its last word.
    ranked = sorted(counts, key=lambda n: (-counts[n], n))
    people = [n for n in ranked if entities.get(surname := n.rsplit(" ", 1)[1], 0) > paired[surname]]
    people = people[:INDEX_KEYS]
    return people, [n for n in ranked if n not in officials][:MAX_PAIRS], [n for n in people if n in officials]


def _places(
    text: str, lead: str, lowered: set[str], stop_words: set[str] | frozenset[str], people: Iterable[str] = ()
) -> list[str]:
    """Words of the places the lead puts the event in: a dateline ("KELLWICK, Norland
    (Wire) —") and capitalised phrases right after "in", "near", "outside" ("in
    Brightmouth", "near Upper Tessel"; not "in the House", an institution); generic words (``GENERIC_PLACE_WORDS``), words the text also
    writes in lower case ("in Court") and calendar words left out. So are institution words
    and titles of office ("in Assembly", "in Senate races") and the words of the people the
    text names in full (``people``: "in Marlow's budget" when it names Ines Marlow): no
    place, and in politics they recur across events, where a stated day with them tied a
    budget dispute's first week to its end weeks later."""
    named = {w for n in people for w in n.split()}
    phrases = [m.group(1) for m in _PLACE_AFTER.finditer(lead)]
    dateline = _DATELINE.match(text[:100])
    if dateline:
        phrases.append(dateline.group(1).title())
    words = set()
    for phrase in phrases:
        keys = [_POSSESSIVE.sub("", word.strip(_PUNCTUATION)).lower() for word in phrase.replace(".", " ").split()]
        if any(key in INSTITUTION_WORDS for key in keys):
            continue  # "in Grey House talks", "in Harbour County Court": a body, not a place
        for key in keys:
            if (
                len(key) > 1
                and key not in GENERIC_PLACE_WORDS
                and key not in NEWS_FLAGS
                and key not in lowered
                and key not in stop_words
                and key not in _CALENDAR
                and key not in HOLIDAY_WORDS
                and key not in _HONORIFICS
                and key not in OFFICE_TITLES
                and key not in named
            ):
                words.add(key)
    return sorted(words)


_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_MONTH_DAY = re.compile(  # the look-ahead: a month's initial, to fail fast elsewhere
    r"(?=[ADFJMNOS])\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+((?:19|20)\d\d))?"
)


def _stated_days(text: str, published: date | None) -> list[date]:
    """Days the text states ("on July 4", "Dec. 3, 2015"), at most ``INDEX_KEYS``, in
    order: what a follow-up says of the event it follows ("charged in the March 2
    shooting"). A day without a year is the latest such day not after publication; a text
    with no publication date keeps only the days that give their year."""
    days: list[date] = []
    for month, day, year in _MONTH_DAY.findall(text):
        m, d = _MONTHS[month.lower()], int(day)
        try:
            if year:
                found = date(int(year), m, d)
            elif published is None:
                continue
            else:
                found = date(published.year, m, d)
                if found > published:
                    found = date(published.year - 1, m, d)
        except ValueError:
            continue
        if found not in days:
            days.append(found)
            if len(days) == INDEX_KEYS:
                break
    return days


_HEADER_CHARS = 200
_HEADER_DATES = (
    re.compile(r"\b(?P<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<d>\d{1,2})\s+(?P<m>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)?\d\d)(?![\d/])"),
)


def _header_day(text: str) -> date | None:
    """The date a page's header states ("Published August 2, 2013", "16 September 2013",
    "4/9/2007"), in its first ``_HEADER_CHARS`` characters: for a document without a
    publication date, the day it was written, near enough (a page carries its own date)."""
    head = text[:_HEADER_CHARS]
    found = []
    for pattern in _HEADER_DATES:
        m = pattern.search(head)
        if not m:
            continue
        month = m.group("m")
        month = int(month) if month.isdigit() else _MONTHS[month[:3].lower()]
        year = int(m.group("y"))
        year = year + 2000 if year < 100 else year
        try:
            found.append((m.start(), date(year, month, int(m.group("d")))))
        except ValueError:
            continue
    return min(found)[1] if found else None


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a line or the text (quotes skipped)."""
    window = text[max(0, start - 12) : start]
    before = window.rstrip(_SKIPPED_BEFORE_WORD)
    return not before or "\n" in window[len(before) :] or before[-1] in ".!?…:;"


def story_day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None
