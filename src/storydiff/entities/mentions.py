"""Mentions: the names a parse holds (NER spans, cleaned and filtered; titles moved to
roles) and the acronym definitions a text states."""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens import Doc, Span

from ..model import Document
from ..nlp import parse_memo
from .names import (
    COMPOUND_WORDS, FEMALE_HONORIFICS, GENDERED_PRONOUNS, GENDERED_WORDS, MALE_HONORIFICS, LOCATIVE_WORDS, PLACE_FIRST_WORDS, VESSEL_NOUNS, VESSEL_PREFIXES, FUNCTION_WORDS, GENERIC_WORDS, HONORIFICS, INSTITUTION_LAST_WORDS, KEPT_TYPES, MIN_HEADLINE_WORDS, PARTICLES,
    ROLE_NOUNS, TRAILING_TITLES, TYPE_CLASS, _fold, acronym_matches, is_acronym,
)

class _Mention:
    __slots__ = ("doc", "start", "end", "text", "label", "roles", "key", "female", "male", "gender", "modifier",
                 "placed")

    def __init__(self, doc: str, start: int, end: int, text: str, label: str, roles: list[str] | None = None):
        self.doc, self.start, self.end, self.text, self.label = doc, start, end, text, label
        self.roles = roles or []
        self.key = _fold(text)
        self.female = False  # written with "Mrs."/"Ms."/"Miss": never given to another holder of the surname
        self.male = False  # written with "Mr."
        self.gender: str | None = None  # "f" or "m" when the text says so of a full name (gender_said)
        # the name modifies a noun after it ("the Velt campaign"): its tag says what that
        # phrase is (an organisation), not what the name is
        self.modifier = False
        self.placed = False  # right after "in", "at", "near" ...: read as a place

    def copy(self) -> _Mention:
        twin = _Mention.__new__(_Mention)
        for name in _Mention.__slots__:
            setattr(twin, name, getattr(self, name))
        twin.roles = list(self.roles)
        return twin


def _type_class(label: str) -> str:
    return TYPE_CLASS.get(label, label.lower())


PERSONAL_PRONOUN_WORDS = {"i", "we", "you", "he", "she", "they", "me", "us", "him", "them"}
"""Pronouns that never stand inside a name (unlike "it" or "one" in a title of a work)."""


def _clean_span(span: Span) -> tuple[int, int] | None:
    """Token range of the entity without a leading determiner/title/honorific and trailing
    possessive or punctuation; None when nothing name-like is left."""
    start, end = span.start, span.end
    doc = span.doc
    end = _whole_hyphenated(doc, end)
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct
                           or doc[start].lower_ in HONORIFICS):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "’s", "'", "’"}
                           or doc[end - 1].is_space):
        end -= 1
    # "President Velt Announces Plan": a headline's verb taken into the name; a name's
    # words are never the subject of its last word
    while end - start >= 2 and doc[end - 1].pos_ in {"VERB", "AUX"} and any(
            c.dep_ in {"nsubj", "nsubjpass"} and start <= c.i < end - 1 for c in doc[end - 1].children):
        end -= 1
    # "Nominee for Harbour Commissioner", "Candidate for Ravenport Council": the tagger took
    # the person's role with the name of what it is for; the name is what follows "for"
    if end - start >= 3 and doc[start].lower_ in ROLE_NOUNS and doc[start + 1].lower_ == "for":
        start += 2
    # "Dana and I were": a name holds no personal pronoun; the tagger ran on into the
    # clause, so the name ends before the pronoun and the "and" that joins it
    for i in range(start + 1, end):
        if doc[i].pos_ == "PRON" and doc[i].lower_ in PERSONAL_PRONOUN_WORDS:
            end = i
            while end > start and (doc[end - 1].pos_ == "CCONJ" or doc[end - 1].is_punct):
                end -= 1
            break
    # An NER span that swallowed an opening parenthesis: keep what comes before it.
    for i in range(start, end):
        if doc[i].text in "([" and i > start:
            end = i
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return (start, end) if end > start else None


def _whole_hyphenated(doc: Doc, end: int) -> int:
    """The end of a name that the tagger cut inside a hyphenated given name ("Moon Jae-"
    of "Moon Jae-in", "Jong" of "Jong-un"): a name never ends between the syllables of one
    word. Only short syllables on both sides are taken, the last in lower case ("Jae-in");
    a longer part is an English word joined to the name ("Velt-era", "Morrow-was" in a
    text without spaces around its dashes), and a capitalised one another name
    ("Velt-Morrow talks")."""
    def syllables(first, last) -> bool:
        return (first.is_alpha and first.is_title and len(first) <= 4 and last.is_alpha and last.is_lower
                and len(last) <= 3 and last.lower_ not in COMPOUND_WORDS)

    if (end < len(doc) and doc[end - 1].text == "-" and end >= 2 and not doc[end - 1].whitespace_
            and not doc[end - 2].whitespace_ and syllables(doc[end - 2], doc[end])):
        return end + 1
    if (end + 1 < len(doc) and not doc[end - 1].whitespace_ and doc[end].text == "-" and not doc[end].whitespace_
            and syllables(doc[end - 1], doc[end + 1])):
        return end + 2
    return end


def _is_junk(doc: Doc, start: int, end: int, label: str) -> bool:
    text = doc[start:end].text
    if not any(c.isupper() for c in text) or not any(c.isalpha() for c in text):
        return True
    if any(c in text for c in "@#\n") or len(text) > 80:
        return True
    if end - start == 1:
        tok = doc[start]
        if tok.lower_ in GENERIC_WORDS and not is_acronym(tok.text):
            return True
        if label == "ORG" and tok.pos_ not in {"PROPN"} and not is_acronym(tok.text):
            return True
    return False


def _whole_line(doc: Doc, start: int, end: int) -> bool:
    """A long name that fills its line: a headline the tagger took for one name."""
    if end - start < MIN_HEADLINE_WORDS:
        return False
    i = start - 1
    while i >= 0 and "\n" not in doc[i].text:
        if not (doc[i].is_punct or doc[i].is_quote):
            return False
        i -= 1
    j = end
    while j < len(doc) and "\n" not in doc[j].text and "\n" not in doc[j - 1].whitespace_:
        if not (doc[j].is_punct or doc[j].is_quote):
            return False
        j += 1
    return True


def gender_said(doc: Doc, start: int, end: int, honorific: str, roles: list[str]) -> str | None:
    """"f" or "m" when the text says it of a person named in full: a gendered honorific
    before the name, a kinship or gendered title beside it, or, for a name that is its
    clause's subject, the first personal pronoun after it in its sentence or the next,
    before any other person is named ("Ada Quell said her plan ..."; "... Bram Quell. He
    ...")."""
    if honorific in FEMALE_HONORIFICS:
        return "f"
    if honorific in MALE_HONORIFICS:
        return "m"
    for role in roles:
        # the nouns only: in "her husband" the pronoun is the other spouse's
        said = {GENDERED_WORDS[w] for w in re.findall(r"[a-z]+", role.lower())
                if w in GENDERED_WORDS and w not in GENDERED_PRONOUNS}
        if len(said) == 1:
            return said.pop()
    root = doc[start:end].root
    beside = [root.head] if root.dep_ == "appos" else [c for c in root.children if c.dep_ == "appos"]
    kin = {GENDERED_WORDS[t.lower_] for t in beside if t.pos_ == "NOUN" and t.lower_ in GENDERED_WORDS}
    if len(kin) == 1:
        return kin.pop()  # "their daughter, Ada Quell"; "Bram Quell, her husband"
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    sentence_end = doc[start].sent.end
    stop = doc[sentence_end].sent.end if sentence_end < len(doc) else sentence_end
    for tok in doc[end:min(stop, end + 40)]:
        if tok.ent_type_ == "PERSON" or tok.is_quote:
            return None  # another person, or someone else's words
        if tok.pos_ == "PRON" and tok.lower_ in GENDERED_WORDS:
            return GENDERED_WORDS[tok.lower_]
        if tok.pos_ == "NOUN" and tok.lower_ in GENDERED_WORDS:
            return None  # "... and her husband": the pronoun after it may be his
    return None


def _title_before(doc: Doc, start: int) -> tuple[int, str] | None:
    """A title run directly before a person's name: "Interior Minister", "State Police
    Director-General", "national police Chief".  Returns (token index, role text)."""
    i = start
    while i > 0:
        tok = doc[i - 1]
        if tok.is_sent_end and i - 1 < start - 1:
            break
        if tok.text == "-" or (tok.dep_ in {"compound", "amod", "nmod"} and tok.i < tok.head.i < start + 4
                               and not tok.is_punct and tok.ent_type_ not in {"PERSON", "DATE", "CARDINAL"}):
            i -= 1
            continue
        break
    # Without a leading article or nationality ("Lavrian Interior Minister" gives
    # "Interior Minister", comparable across outlets).
    while i < start and (doc[i].text == "-" or doc[i].lower_ in {"the", "a", "an"}
                         or doc[i].ent_type_ in {"NORP", "GPE"}):
        i += 1
    if i >= start:
        return None
    text = doc[i:start].text  # the span's text, not doc.text[...]: Doc.text joins every token each call
    # The run must end in a title word (so "Lavrian Ana Valdor" gives no role).
    last_parts = re.sub(r"\s*-\s*", "-", text).split()[-1].lower().split("-")
    if not any(p in ROLE_NOUNS for p in last_parts):
        return None
    return i, re.sub(r"\s*-\s*", "-", text)


def _appositive_role(doc: Doc, span: Span) -> str | None:
    """"X, the head of Y" (appos child of the name) or "the spokesperson, X" (the name is
    the appos of a role noun)."""
    root = span.root
    candidates: list[Span] = []
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end:
            candidates.append(doc[child.left_edge.i:child.right_edge.i + 1])
    if root.dep_ == "appos" and root.head.i < span.start:
        head = root.head
        candidates.append(doc[head.left_edge.i:span.start])
    for cand in candidates:
        toks = [t for t in cand if not t.is_punct or t.text == "-"]
        while toks and toks[0].lower_ in {"the", "a", "an", ","}:
            toks = toks[1:]
        while toks and toks[-1].is_punct:
            toks = toks[:-1]
        if not toks or len(toks) > 8:
            continue
        if any(t.ent_type_ == "PERSON" for t in toks):
            continue
        if not any(t.lower_ in ROLE_NOUNS for t in toks):
            continue
        return doc[toks[0].i:toks[-1].i + 1].text
    return None


def _common_plural(tok, lower_words: list[set[str]], third: bool = False) -> bool:
    """A plural noun the text also writes in lower case ("Memos" / "memos"): not a surname.
    The third word of a name may be one whatever its tag ("Dana Velt Memos" in a title-case
    line, tagged as a proper noun); a second word only when tagged plural (a surname that
    is also a plural noun, "Tyra Banks", stays).
    ``lower_words`` holds the text's lower-case words once asked for (a one-item list)."""
    if (tok.tag_ not in {"NNS", "NNPS"} and not third) or not tok.text.endswith("s"):
        return False
    if not lower_words:
        lower_words.append({t.text for t in tok.doc if t.is_lower})
    return tok.lower_ in lower_words[0]


_NUMERAL_NAME = re.compile(r"\d+[a-z]{2,}s", re.I)
"""A word written with a numeral and a plural ending ("49ers"), never an ordinal ("21st")
or a decade ("1990s"): a team's name."""


def _numeral_name_after(doc: Doc, end: int) -> bool:
    """The token after a name is a numeral-word name that the name's last word modifies."""
    if end >= len(doc) or not _NUMERAL_NAME.fullmatch(doc[end].text) or doc[end].ent_type_ not in {"", "ORG", "CARDINAL"}:
        return False
    return doc[end - 1].head.i == end and not doc[end - 1].whitespace_ == ""


POST_NOMINALS = {"md", "phd", "mba", "rn", "dds", "dvm", "esq", "jd", "mph", "obe", "mbe", "cbe", "kc", "qc"}
"""Degrees and honours written after a person's name ("Dana Velt, MD"): the tagger takes
"MD" for a state and "PhD" for a work; after a name and a comma they are neither."""


PARTY_STATE_TAG = re.compile(r"[DRI]\.?\s?-\s?(?:[A-Z][A-Za-z]*\.?\s?){1,3}")
"""A legislator's party and state ("D-Calif.", "R-N.Y.", "I-Vt.") as US news writes it
after a name: the tagger takes it for a place, a group or a person, and as an entity it
drew every later "the state" and "the country" of its document."""


def _post_nominal(doc: Doc, start: int, end: int) -> bool:
    """A one-word mention that is a degree or honour right after "<a person's name>," (or
    after another one: "Dana Velt, MD, PhD")."""
    if end - start != 1 or _fold(doc[start].text) not in POST_NOMINALS:
        return False
    i = start
    while i >= 2 and doc[i - 1].text == ",":
        if doc[i - 2].ent_type_ == "PERSON":
            return True
        if _fold(doc[i - 2].text) not in POST_NOMINALS:
            return False
        i -= 2
    return False


def _ner_mentions(doc_id: str, doc: Doc) -> list[_Mention]:
    found: list[_Mention] = []
    lower_words: list[set[str]] = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_TYPES:
            continue
        cleaned = _clean_span(ent)
        if cleaned is None:
            continue
        start, end = cleaned
        label = ent.label_
        if _post_nominal(doc, start, end) or PARTY_STATE_TAG.fullmatch(doc[start:end].text):
            continue
        roles: list[str] = []
        # "Warship HMS Dauntlow": a ship's name starts at its prefix
        start = next((i for i in range(start + 1, end - 1) if doc[i].lower_ in VESSEL_PREFIXES and doc[i].text.isupper()),
                     start)
        if end - start >= 2 and doc[start].lower_ in VESSEL_NOUNS and doc[start + 1].is_title:
            start += 1  # "Frigate Dauntlow": the kind of ship is no part of its name
        if label == "PERSON":
            # NER sometimes takes the title in: "Minister Ana Valdor".
            while end - start > 1 and doc[start].lower_ in ROLE_NOUNS:
                start += 1
        if label == "PERSON" and end - start == 1 and start > 0:
            # "her brother Piet Morrow" tagged as just "Morrow": the capitalised word before it
            # is a first name NER missed; taking it keeps this Morrow off other Morrows.
            prev = doc[start - 1]
            if (prev.pos_ == "PROPN" and prev.is_title and not prev.is_sent_start
                    and prev.lower_ not in ROLE_NOUNS | HONORIFICS and not prev.ent_type_):
                start -= 1
        if label == "PERSON" and end - start == 1 and end < len(doc):
            nxt_tok = doc[end]  # "Piet" tagged without its surname "Morrow"
            if nxt_tok.pos_ == "PROPN" and nxt_tok.is_title and not nxt_tok.ent_type_:
                end += 1
        # "Camp 7", "Camp-7": a numbered name; NER stops before the number.
        nxt = end
        if nxt < len(doc) and doc[nxt].text == "-" and nxt + 1 < len(doc) and doc[nxt + 1].like_num:
            nxt += 2
        elif nxt < len(doc) and doc[nxt].like_num and doc[nxt].is_digit and len(doc[nxt]) <= 3 \
                and doc[nxt - 1].whitespace_:
            nxt += 1
        if nxt != end:
            end = nxt
            if label == "PERSON":
                label = "FAC"  # people are not numbered; a numbered name is a place or thing
        elif label in {"GPE", "LOC", "ORG"} and _numeral_name_after(doc, end):
            # "the Lakeside 49ers": the tagger stops at the place; the word after it, a
            # numeral with a plural ending, is the body's name and the place its prefix
            end += 1
            label = "ORG"
        if label == "PERSON":
            # a title word after the name is caption debris ("Velt President"), never a
            # surname; nor is a plural noun ("Dana Velt Memos", a headline's words)
            while end - start > 1 and (doc[end - 1].lower_ in TRAILING_TITLES
                                       or _common_plural(doc[end - 1], lower_words, third=end - start >= 3)):
                end -= 1
            if all(t.lower_ in ROLE_NOUNS | HONORIFICS | GENERIC_WORDS for t in doc[start:end]):
                continue
            if STANCE_PREFIX.match(doc[start:end].text):
                continue  # "a pro-Quell group": an adjective of a stance, and no other Quell to weigh
            if doc[end - 1].lower_ in INSTITUTION_LAST_WORDS and end - start > 1:
                label = "ORG"
            elif doc[start].lower_ in PLACE_FIRST_WORDS and end - start > 1:
                label = "LOC"  # "Mount Halvik", "Lake Orm": people are not named so
        if _is_junk(doc, start, end, label) or _whole_line(doc, start, end):
            continue
        if label == "PERSON":
            title = _title_before(doc, start)
            if title:
                roles.append(title[1])
            appos = _appositive_role(doc, doc[start:end])
            if appos:
                roles.append(appos)
        text = doc[start:end].text
        mention = _Mention(doc_id, doc[start].idx, doc[start].idx + len(text), text, label, roles)
        honorific = doc[start - 1].lower_.rstrip(".") if start > 0 else ""
        mention.female = honorific in FEMALE_HONORIFICS
        mention.male = honorific in MALE_HONORIFICS
        if label == "PERSON" and end - start >= 2:
            mention.gender = gender_said(doc, start, end, honorific, roles)
        last = doc[end - 1]
        mention.modifier = last.dep_ == "compound" and last.head.i >= end and last.head.pos_ == "NOUN"
        mention.placed = start > 0 and doc[start - 1].lower_ in LOCATIVE_WORDS
        found.append(mention)
    return _linked_place_names(doc_id, doc, found)


NAME_LINK_WORDS = {"a", "au", "aux", "de", "del", "der", "di", "du", "en", "et", "la", "le", "on", "sur", "upon", "y"}
"""Small words that join the capitalised parts of one hyphenated place name ("Stratford-
upon-Avon", "Bois-de-Boulogne", "Port-au-Prince", "Mar-a-Lago"): the tagger often misses
such a name as a whole, though every outlet writes it so. English joining words of common
compounds ("in", "to", "and": "son-in-law", "Up-to-Date", "Rock-and-Roll") are not among
them."""


def _linked_place_names(doc_id: str, doc: Doc, found: list[_Mention]) -> list[_Mention]:
    """``found`` with the hyphenated names of the form "Capital-link-Capital"
    (``NAME_LINK_WORDS``) written whole: the tagger leaves such a name out (then it is
    added, a place, type FAC) or keeps only a part of it ("Porto" of "Porto-a-Vela"; the
    part then grows to the whole name, a place where the tagger took it for a person).
    A place a story keeps naming is often an actor's seat or host."""
    out = list(found)
    i, n = 0, len(doc)
    while i + 4 < n:
        first = doc[i]
        if not (first.is_alpha and first.is_title) or (i > 0 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_):
            i += 1
            continue
        j = i
        links = 0
        # parts joined by hyphens with no space: Cap (- link)+ - Cap
        while (j + 2 < n and doc[j + 1].text == "-" and not doc[j].whitespace_ and not doc[j + 1].whitespace_
               and doc[j + 2].is_alpha and (doc[j + 2].lower_ in NAME_LINK_WORDS and doc[j + 2].is_lower
                                            or doc[j + 2].is_title)):
            j += 2
            links += doc[j].is_lower
            if doc[j].is_title:
                break
        if j > i and links and doc[j].is_title and doc[j - 2].is_lower:
            start, end = first.idx, doc[j].idx + len(doc[j])
            inside = [m for m in out if m.start < end and start < m.end]
            if not inside:
                out.append(_Mention(doc_id, start, end, doc[i:j + 1].text, "FAC"))
            elif len(inside) == 1 and start <= inside[0].start and inside[0].end <= end and inside[0].end - inside[0].start < end - start:
                part = inside[0]
                part.start, part.end, part.text, part.key = start, end, doc[i:j + 1].text, _fold(doc[i:j + 1].text)
                part.label = "FAC" if part.label == "PERSON" else part.label
                part.roles = []
            i = j + 1
            continue
        i += 1
    return out


STANCE_PREFIX = re.compile(r"(?:pro|anti)\s*-\s*\w", re.I)
"""A name with a stance prefix ("pro-Quell", "anti-Quell") is an adjective: taken for a
person's full name, it made a second holder of the surname, and every bare "Quell" of the
document lost its person (PolNeAR: 40 mentions in one month of coverage)."""


# --- acronym definitions in a text ---------------------------------------------------

_NAME_WORD = r"(?:[A-Z][\w’'.-]*|of|and|the|for|against|de|e|al|el|&)"
_DEF_PATTERNS = [
    # "Long Name (ACR)"
    re.compile(rf"(?P<long>[A-Z][\w’'.-]*(?:[ -]{_NAME_WORD})*)\s*\((?P<acr>[A-Z][A-Z0-9&.]{{1,7}})\)"),
    # "ACR, also called/known as OTHER" and "ACR, or (the) OTHER"
    re.compile(
        rf"\b(?P<acr>[A-Z][A-Z0-9&]{{1,7}}),?\s+(?:also\s+(?:called|known\s+as)|or|a\.k\.a\.?)\s+(?:the\s+)?"
        rf"(?P<long>[A-Z][\w’'.-]*(?:[ -]{_NAME_WORD})*)"
    ),
    # "Long Name, also called/known as ACR"
    re.compile(
        rf"(?P<long>[A-Z][\w’'.-]*(?:[ -]{_NAME_WORD})*),\s+(?:also\s+(?:called|known\s+as)|a\.k\.a\.?)\s+(?:the\s+)?"
        rf"(?P<acr>[A-Z][A-Z0-9&]{{1,7}})\b"
    ),
]


def _trim_long(long: str, acr: str) -> str | None:
    """The expansion: drop leading words until the rest still abbreviates to ``acr`` when it
    can (initials); otherwise keep the whole capitalised run (translated acronyms such as an
    English name for a foreign-language acronym)."""
    words = long.split(" ")
    while words and words[0].lower() in {"the", "a", "an"} | FUNCTION_WORDS:
        words = words[1:]
    while words and words[-1].lower() in FUNCTION_WORDS | PARTICLES:
        words = words[:-1]
    for i in range(len(words)):
        cand = " ".join(words[i:])
        if acronym_matches(acr, cand):
            return cand
    if is_acronym(long.strip()):
        return long.strip()
    if len(words) < 2:
        return None
    return " ".join(words)


def _definitions(doc_id: str, text: str) -> list[tuple[_Mention, _Mention]]:
    pairs: list[tuple[_Mention, _Mention]] = []
    for pattern in _DEF_PATTERNS:
        for m in pattern.finditer(text):
            acr = m.group("acr").rstrip(".")
            if not is_acronym(acr):
                continue
            long_raw = m.group("long").rstrip(".,;:’'")
            long = _trim_long(long_raw, acr)
            if not long or long == acr:
                continue
            if not any(c.isupper() for c in long):
                continue
            long_start = m.start("long") + long_raw.find(long)
            if long_start < m.start("long"):
                continue
            a = _Mention(doc_id, m.start("acr"), m.start("acr") + len(acr), acr, "ORG")
            b = _Mention(doc_id, long_start, long_start + len(long), long, "ORG")
            pairs.append((a, b))
    return pairs


def _drop_contained(mentions: list[_Mention]) -> list[_Mention]:
    """NER fragments inside a longer mention (a definition's expansion) go."""
    by_doc: dict[str, list[_Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc].append(m)
    kept: list[_Mention] = []
    for ms in by_doc.values():
        ms.sort(key=lambda m: (m.start, -(m.end - m.start)))
        reach = -1
        seen: set[tuple[int, int]] = set()
        for m in ms:
            if (m.start, m.end) in seen:
                continue
            if m.end <= reach:
                continue
            seen.add((m.start, m.end))
            kept.append(m)
            reach = max(reach, m.end)
    return kept


def collect_mentions(docs: list[Document], parsed: dict[str, Doc]) -> tuple[list[_Mention], list[tuple[_Mention, _Mention]]]:
    """Every document's name mentions and acronym definitions; a document that fails
    loses only its own."""
    mentions: list[_Mention] = []
    definitions: list[tuple[_Mention, _Mention]] = []
    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        try:
            # the names a parse holds depend on it alone: read once per parse, copied, as
            # linking relabels the mentions of its story
            found = parse_memo(doc, ("mentions", document.id), lambda: _ner_mentions(document.id, doc))
            mentions.extend(m.copy() for m in found)
            definitions.extend(_definitions(document.id, document.text))
        except Exception:  # one odd document must not cost the story its entities
            continue
    return mentions, definitions
