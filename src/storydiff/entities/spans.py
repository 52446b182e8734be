"""Entities from linked mentions, and every further occurrence of their names."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span

from ..model import Document, Entity, Mention
from .mentions import _Mention, _type_class
from ..settings import Settings
from .names import (
    COUNTRY_PREFIXES, FEMALE_HONORIFICS, FUNCTION_WORDS, GENERIC_WORDS, HONORIFICS, ROLE_NOUNS, SURNAME_DOMINANCE, _fold, is_acronym,
    LEGAL_FORMS, VESSEL_PREFIXES, acronym_matches, person_words,
)

def _canonical(names: Iterable[str], cls: str) -> str:
    names = list(names)
    full = [n for n in names if not is_acronym(n)]
    pool = full or names
    counts = Counter(pool)
    # A person: a full name beats a surname, then the form written most often wins ("Tim
    # Velt" over a headline's "Constable Tim Velt"). Anything else: the longest name (an
    # expansion beats its acronym), its words counted without function words and legal
    # forms ("Department of Justice" is no longer than "Justice Department", nor "Veltrix
    # Corp." than "Veltrix"), then the form written most often.
    if cls == "person":
        return max(pool, key=lambda n: (min(len(n.split()), 2), counts[n], len(n.split()), -len(n)))
    return max(pool, key=lambda n: (sum(w.lower() not in FUNCTION_WORDS and _fold(w) not in LEGAL_FORMS for w in n.split()),
                                    counts[n], -len(n)))


def _build_entity(ms: list[_Mention], settings: Settings = Settings()) -> Entity | None:
    if not ms:
        return None
    # The type most mentions were tagged with, except that a person named in full stays a
    # person: the surname tagged ORG ("Velt campaign") twenty times does not make the
    # person an organisation. A name that modifies a noun ("the Velt campaign") is
    # tagged for the phrase it sits in; its tag counts only when nothing else does.
    typed = [m for m in ms if not m.modifier] or ms
    label = Counter(m.label for m in typed).most_common(1)[0][0]
    longest = max(len(m.key.split()) for m in typed)
    top_full = Counter(m.label for m in typed if len(m.key.split()) == longest).most_common(1)[0][0]
    titled = sum(1 for m in typed if m.label == "PERSON") * settings.entity_titled_person_share >= len(typed) and any(m.roles for m in ms)
    if (longest >= 2 and top_full == "PERSON") or titled:
        label = "PERSON"  # a title is only ever a person's ("President Velt")
    elif _type_class(top_full) == "org" and _type_class(label) != "org":
        label = top_full  # a body's name tagged as a place or person where it is cut short
    if label == "PERSON" and longest == 1 and not any(m.roles for m in ms) \
            and sum(m.placed for m in ms) * 2 > len(ms):
        label = "GPE"  # a one-word "person" written "in Keltra", "near Keltra": a place
    cls = _type_class(label)
    name = _canonical((m.text for m in ms), cls)
    aliases = sorted({m.text for m in ms if m.text != name and _fold(m.text) != _fold(name)} |
                     {m.text for m in ms if m.text != name and is_acronym(m.text)})
    roles: list[str] = []
    for m in ms:
        for r in m.roles:
            if r.lower() not in {x.lower() for x in roles}:
                roles.append(r)
    spans = _dedupe([Mention(doc=m.doc, start=m.start, end=m.end, text=m.text) for m in ms])
    return Entity(id="", name=name, type=label, aliases=aliases, roles=roles, spans=spans,
                  mentions=dict(Counter(s.doc for s in spans)))


def _dedupe(spans: list[Mention]) -> list[Mention]:
    """Sorted, without overlaps (the longer span wins)."""
    out: list[Mention] = []
    for s in sorted(spans, key=lambda s: (s.doc, s.start, -(s.end - s.start))):
        if out and out[-1].doc == s.doc and s.start < out[-1].end:
            continue
        out.append(s)
    return out


def _complete_spans(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc]) -> None:
    """Add every occurrence of an entity's acronyms and names (a person's surname, a
    one-word name of a body or place) that NER missed in some document.

    A one-word form is taken only where it cannot be a common word or part of a longer
    name: it is capitalised, not a title or generic word, never written in lower case in
    the story, and a match next to another capitalised word ("Chargers Stadium") is left."""
    lower_words = _lower_words(docs)
    owner: dict[str, set[int]] = defaultdict(set)
    unprefixed: set[str] = set()  # "Forest Agency" of "U.S. Forest Agency"
    vessel_prefix: dict[str, str] = {}  # "Dauntlow" of "HMS Dauntlow" -> "HMS"
    for i, e in enumerate(entities):
        forms = {e.name, *e.aliases}
        for f in forms:
            if is_acronym(f) or len(f.split()) >= 2:
                owner[f].add(i)
            elif e.type != "PERSON" and _one_word_form(f, lower_words):
                owner[f].add(i)
            words = f.split()
            if e.type != "PERSON" and len(words) >= 2 and words[0].isupper() and _fold(words[0]) in VESSEL_PREFIXES:
                # a ship is then called by its name alone ("HMS Dauntlow ... carried out
                # by Dauntlow"), which the tagger often leaves untagged
                rest = " ".join(words[1:])
                if len(words) > 2 or _one_word_form(rest, lower_words):
                    owner[rest].add(i)
                    vessel_prefix[rest] = words[0]
            if e.type not in {"PERSON", "GPE"} and len(words) >= 3 and _fold(words[0]) in COUNTRY_PREFIXES:
                # a body's name drops its country once the text has given it ("the U.S.
                # Forest Agency ... the Forest Agency said"): a name of two words or more
                rest = " ".join(words[1:])
                owner[rest].add(i)
                unprefixed.add(rest)
        if e.type == "PERSON":
            for f in forms:
                words = f.split()
                if len(person_words(_fold(f))) < len(_fold(f).split()):
                    continue  # "Velt Jr.": his family's surname is his father's, "Jr." no one's
                if words and words[-1].lower() not in ROLE_NOUNS | HONORIFICS | GENERIC_WORDS:
                    owner[words[-1]].add(i)
    # A form two entities share (a surname, an acronym used for two bodies) is left alone,
    # except a surname of two people where one of them is named far more often
    # (SURNAME_DOMINANCE, decided per document below).
    forms = {f: next(iter(ids)) for f, ids in owner.items() if len(ids) == 1 and len(f) >= 2}
    shared_surnames = {f: sorted(ids) for f, ids in owner.items() if len(ids) > 1 and " " not in f
                       and any(entities[i].type == "PERSON" for i in ids)
                       and all(entities[i].type == "PERSON" or _fold(entities[i].name) == _fold(f) for i in ids)}
    for f, ids in shared_surnames.items():
        forms[f] = ids[0]  # found by the pattern; the holder is chosen per document
    if not forms:
        return
    counts = [Counter(sp.doc for sp in e.spans) for e in entities]
    # A form matches with any spacing or hyphenation between its words ("Camp 7" finds
    # "Camp-7"); never inside a longer word or hyphenated compound.
    # One alternation without a group per form (compiling hundreds of named groups cost
    # more than the search); the matched text, its separators made single spaces, gives
    # the form back (the first of two forms written alike, as the alternation tries them).
    ordered = sorted(forms, key=len, reverse=True)
    form_of: dict[str, str] = {}
    for f in ordered:
        form_of.setdefault(_spaced(f), f)
    folded_form_of = {k.lower(): f for k, f in reversed(list(form_of.items()))}

    def form_written(written: str) -> str:
        spaced = _spaced(written)
        return form_of.get(spaced) or folded_form_of[spaced.lower()]

    # A name of several words whose first word the story never writes in lower case is
    # also found with its other words in lower case ("the U.S. surgeon general", "the
    # Orvel national park"): the first word makes it that name ("Seven Days" is not found
    # in "Seven days later", as the story writes "seven") ... where the story writes it
    # capitalised (twice at least) as often as not: "Oscar host" is no further "Oscar
    # Host" of a headline. A first pass counts both writings.
    folding = {f for f in ordered if _folds_tail(f, lower_words)}
    if folding:
        trial = _forms_pattern([f for f in ordered if f in folding], folding)
        as_written, in_lower = Counter(), Counter()
        for document in docs:
            for m in trial.finditer(document.text):
                form = form_written(m.group(0))
                (as_written if _spaced(m.group(0)) == _spaced(form) else in_lower)[form] += 1
        folding = {f for f in folding if as_written[f] >= max(2, in_lower[f])}
    pattern = _forms_pattern(ordered, folding)
    taken: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for i, e in enumerate(entities):
        for s in e.spans:
            taken[s.doc].append((s.start, s.end, i))
    for document in docs:
        text = document.text
        covered = bytearray(len(text))  # characters inside a span already: one C-level find per match
        for a, b, _ in taken[document.id]:
            covered[a:b] = b"\x01" * (b - a)
        for m in pattern.finditer(text):
            start, end, written = m.start(), m.end(), m.group(0)
            form = form_written(written)
            if form in folding and _spaced(written) != _spaced(form) \
                    and _modifies_a_noun(parsed.get(document.id), end):
                continue  # "Indian naval ship": a common noun's modifier, not "Indian Naval"
            if covered.find(1, start, end) != -1:
                # A known name of several words written out in full wins over a shorter
                # tagged fragment inside it ("Lakeside" of "the Lakeside Mill"): the text
                # says the longer name
                if not _fragments_inside(form, written, start, end, taken[document.id], entities, document.id):
                    continue
            if form in shared_surnames:
                holder = _dominant(shared_surnames[form], counts, document.id)
                if holder is None or _female_before(text, start):
                    continue
                e = entities[holder]
            else:
                e = entities[forms[form]]
            if (" " not in form and not is_acronym(form) and e.type != "PERSON" or form in unprefixed) \
                    and _in_longer_name(text, start, end) and not _after_spelled_prefix(text, start, vessel_prefix.get(form)):
                continue  # another name's part ("Ardent Attorney General" is no "U.S. Attorney General")
            e.spans.append(Mention(doc=document.id, start=start, end=end, text=written))
            covered[start:end] = b"\x01" * (end - start)
    entities[:] = [e for e in entities if e.spans]  # an entity whose every span was a fragment of a longer name
    for e in entities:
        e.spans = _dedupe(e.spans)
        e.mentions = dict(Counter(s.doc for s in e.spans))
        written = {s.text for s in e.spans} - {e.name} - set(e.aliases)
        e.aliases = sorted(set(e.aliases) | {w for w in written if _fold(w) != _fold(e.name) or "-" in w})


def parsed_spans(e: Entity, parsed: dict[str, Doc]) -> Iterator[tuple[Mention, Doc, Span]]:
    """Each mention of an entity with its document's parse and its span there; a mention
    whose document has no parse, or whose span is empty, is left out."""
    for sp in e.spans:
        doc = parsed.get(sp.doc)
        span = doc.char_span(sp.start, sp.end, alignment_mode="expand") if doc is not None else None
        if span is not None and len(span):
            yield sp, doc, span


def taken_spans(entities: list[Entity]) -> dict[str, list[tuple[int, int]]]:
    """The character spans the entities already hold, by document: a later step adds no
    mention where one stands."""
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for e in entities:
        for sp in e.spans:
            taken[sp.doc].append((sp.start, sp.end))
    return taken


def entity_at_tokens(entities: list[Entity], doc_id: str, doc: Doc, types: set[str] | None = None) -> dict[int, int]:
    """Each token of ``doc`` inside a span of an entity (of ``types``; any when None) -> the
    index of that entity in ``entities``; where spans overlap, the first entity's."""
    at: dict[int, int] = {}
    for i, e in enumerate(entities):
        if types is not None and e.type not in types:
            continue
        for sp in e.spans:
            if sp.doc == doc_id:
                for t in doc.char_span(sp.start, sp.end, alignment_mode="expand") or ():
                    at.setdefault(t.i, i)
    return at


def overlaps(tok, spans: list[tuple[int, int]]) -> bool:
    """Whether a token overlaps any of the (start, end) character spans."""
    return any(a < tok.idx + len(tok) and tok.idx < b for a, b in spans)


def token_mention(doc_id: str, tok) -> Mention:
    """A mention of one token (a head noun: 'the migrants', 'his aides', 'the regime')."""
    return Mention(doc=doc_id, start=tok.idx, end=tok.idx + len(tok), text=tok.text)


def _fragments_inside(form: str, written: str, start: int, end: int, taken: list[tuple[int, int, int]],
                      entities: list[Entity], doc_id: str) -> bool:
    """Whether every span overlapping a match of a multiword ``form`` lies inside it and is
    shorter (then those spans are taken off their entities, and True); False otherwise."""
    if " " not in form or "\n" in written:
        return False
    inside = [t for t in taken if t[0] < end and start < t[1]]
    if not inside or any(a < start or b > end or (a, b) == (start, end) for a, b, _ in inside):
        return False
    for a, b, i in inside:
        entities[i].spans = [s for s in entities[i].spans if not (s.doc == doc_id and s.start == a and s.end == b)]
        taken.remove((a, b, i))
    return True


_SEPARATOR = r"[\s\-–]+"


def _modifies_a_noun(doc: Doc | None, end: int) -> bool:
    """Whether the word right after ``end`` is a common noun in lower case (what ends there
    modifies it)."""
    if doc is None:
        return False
    for at in (end, end + 1):  # the next word, after one space at most
        span = doc.char_span(at, at + 1, alignment_mode="expand")
        if span is not None and len(span) and span[0].idx == at and not span[0].is_space:
            return span[0].pos_ == "NOUN" and span[0].is_lower
    return False


def _folds_tail(form: str, lower_words: set[str]) -> bool:
    """Whether a form may be found with the words after its first in lower case: several
    words, the first a name's word (capitalised, never written in lower case in the story),
    and a capitalised later word the story also writes in lower case."""
    words = re.split(_SEPARATOR, form)
    return len(words) >= 2 and words[0][:1].isupper() and words[0].lower() not in lower_words \
        and any(w[:1].isupper() and w.lower() in lower_words for w in words[1:])


def _forms_pattern(ordered: list[str], folding: set[str]) -> re.Pattern:
    """One alternation of the forms, longest first, each with any spacing or hyphenation
    between its words; the words after the first in any case for the forms in ``folding``."""
    alternatives = []
    for form in ordered:
        words = [re.escape(w) for w in re.split(_SEPARATOR, form)]
        if form in folding:
            alternatives.append(words[0] + _SEPARATOR + "(?i:" + _SEPARATOR.join(words[1:]) + ")")
        else:
            alternatives.append(_SEPARATOR.join(words))
    return re.compile(r"(?<![\w\-])(?:" + "|".join(alternatives) + r")(?![\w]|-\w)")


def _spaced(text: str) -> str:
    return re.sub(r"[\s\-–]+", " ", text)


def _dominant(ids: list[int], counts: list[Counter], doc_id: str) -> int | None:
    """The person a shared surname means in ``doc_id``: the one whose mentions weigh at least
    SURNAME_DOMINANCE times any other's (this document's weigh 3, the story's 1)."""
    weight = sorted(((3 * counts[i][doc_id] + sum(counts[i].values()), i) for i in ids), reverse=True)
    return weight[0][1] if weight[0][0] >= SURNAME_DOMINANCE * weight[1][0] else None


def _female_before(text: str, start: int) -> bool:
    words = text[max(0, start - 8):start].split()
    return bool(words) and words[-1].lower().rstrip(".") in FEMALE_HONORIFICS


def _lower_words(docs: list[Document]) -> set[str]:
    """The words the story writes in lower case, web and mail addresses left out ("brixol.com"
    does not make "Brixol" a common word)."""
    words: set[str] = set()
    for document in docs:
        words.update(re.findall(r"\b[a-z][a-z'’\-]+\b", _ADDRESS.sub(" ", document.text)))
    return words


def _one_word_form(word: str, lower_words: set[str]) -> bool:
    """A one-word name that can be looked for everywhere in the story."""
    low = word.lower()
    return (
        len(word) >= 3
        and word[:1].isupper()
        and low not in ROLE_NOUNS | HONORIFICS | GENERIC_WORDS | FUNCTION_WORDS
        and low not in lower_words
    )


_ADDRESS = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+|\b[\w\-]+(?:\.[\w\-]+)*\.(?:com|org|net|gov|edu|co|io|uk|us|info|biz)\b\S*")

_CAPITALISED_WORD = re.compile(r"[A-Z][\w’'\-]*")


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """A match with a capitalised word right before (not at a sentence or line start) or
    right after it: part of another name."""
    after = re.match(r"[ ]+([A-Z][\w’'\-]*)", text[end:end + 40])
    if after:
        return True
    before = re.search(r"([\w’'\-]+)([ ]+)$", text[max(0, start - 40):start])
    if before and _CAPITALISED_WORD.fullmatch(before.group(1)):
        prefix = text[max(0, start - 40):start - len(before.group(0))].rstrip(" ")
        at_sentence_start = not prefix or prefix[-1] in ".!?\n:\"“”"
        return not at_sentence_start
    return False


def _after_spelled_prefix(text: str, start: int, prefix: str | None) -> bool:
    """Whether the capitalised words right before ``start`` spell out a ship's ``prefix``
    ("Royal Navy Ship Dauntlow" for "RNS"): the ship's name follows its prefix written out."""
    if not prefix:
        return False
    before = re.search(r"((?:[A-Z][\w’'\-]*[ ]+){2,5})$", text[max(0, start - 60):start])
    if not before:
        return False
    words = before.group(1).split()
    return any(acronym_matches(prefix, " ".join(words[k:])) for k in range(len(words) - 1))


def absorb(into: Entity, other: Entity) -> None:
    """Make ``other``'s mentions and names ``into``'s (the caller drops ``other``)."""
    into.spans = _dedupe(into.spans + other.spans)
    into.aliases = sorted(set(into.aliases) | {other.name, *other.aliases} - {into.name})
    into.mentions = dict(Counter(s.doc for s in into.spans))
