"""Entities of a story, resolved across its documents.

Steps (all on the one spaCy parse per document; nothing is parsed again):

1. Mentions: spaCy NER spans, cleaned (leading "the", trailing possessive and punctuation
   stripped, title words moved to ``roles``) and filtered (lowercase-only, lone generic
   words such as "State" or "Interior").  Acronym definitions ("Y (X)", "X, also called Y",
   "the X, or the Y", "X, also known as Y") add mentions the NER missed.
2. Names: mentions are grouped by their normalised surface form; the forms are then joined
   by (a) acronym definitions in a text, (b) an acronym matching the initials of another
   form anywhere in the story, (c) a surname-only person mention matching the last word of
   exactly one full name, (d) spelling variants that align word by word (rapidfuzz).
   Every join is guarded: a missed merge is cheaper than a wrong one.
3. Spans: every occurrence of an entity's acronyms and unambiguous names is added, so that
   other stages can ask ``entity_at`` about any span.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span

from .model import Document, Entity, Mention

KEPT_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}

# Types that can be the same thing under two NER labels (spaCy often says NORP for a
# movement named after its members, LOC/GPE/FAC for one place).
TYPE_CLASS = {
    "PERSON": "person",
    "ORG": "org", "NORP": "org",
    "GPE": "place", "LOC": "place", "FAC": "place",
}

# Lone capitalised words that NER tags as entities but that name nothing by themselves.
GENERIC_WORDS = {
    "state", "ministry", "interior", "government", "police", "court", "department", "office",
    "council", "parliament", "army", "party", "agency", "committee", "union", "organization",
    "organisation", "group", "administration", "president", "minister", "authorities", "videos",
    "video", "photo", "home", "comment", "source", "read", "more", "news", "media", "west",
    "east", "north", "south", "congress", "senate", "house", "cabinet", "republic", "federal",
}

# Words an acronym may skip when matched against a name's initials.
FUNCTION_WORDS = {"of", "the", "and", "for", "against", "in", "on", "to", "at", "&", "de", "du", "des", "la", "le"}
# Transliteration particles inside names (Mujahedin-e Khalq, Hezb-e, Ansar al-...).
PARTICLES = {"e", "i", "al", "el", "ul", "ud", "ad", "bin", "ibn", "van", "von", "der", "y"}
# Words an organisation's name may carry or drop without naming another body; an acronym
# may also add or drop their initial ("-O" for Organization).
GENERIC_SUFFIXES = {"organization", "organisation", "group", "movement", "party", "front", "society"}

# Title words: a capitalised run before a person's name that ends in one of these is a role.
ROLE_NOUNS = {
    "minister", "president", "prime", "chief", "director", "director-general", "general",
    "spokesperson", "spokesman", "spokeswoman", "secretary", "head", "leader", "chairman",
    "chairwoman", "chair", "governor", "mayor", "senator", "ambassador", "commander", "judge",
    "prosecutor", "attorney", "ceo", "founder", "official", "representative", "envoy",
    "king", "queen", "prince", "sheikh", "ayatollah", "pope", "bishop", "officer", "adviser",
    "advisor", "speaker", "deputy", "candidate", "rep.", "sen.", "gov.", "dr.", "professor",
    "editor", "analyst", "researcher", "coordinator", "manager", "captain", "colonel", "sergeant",
    "lawyer", "councillor", "councilor", "inspector", "superintendent", "commissioner", "nominee",
}
TRAILING_TITLES = {
    "president", "minister", "secretary", "director", "spokesman", "spokeswoman", "spokesperson",
    "chairman", "chairwoman", "governor", "senator", "ambassador", "official", "representative",
    "prosecutor", "ceo", "envoy", "commander", "adviser", "advisor", "spokesman", "nominee",
}
"""Title words that end no one's name: after a person's name they are caption or headline
debris ("Velt President"). Title words that are also surnames (King, Bishop, Judge) are
not among them."""
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.", "dr.", "sir", "dame", "lord", "lady"}

# Spelling variants: every word of the shorter form must match a word of the longer one at
# least this well (rapidfuzz ratio, 0-100).  85 joins Valdor/Valdorr or Mohammed/Muhammad
# and keeps Court/Structure or Jon/John-like first names apart only when whole names differ.
WORD_MATCH = 85
# Whole-name similarity for variants of multiword names (token_sort_ratio).
NAME_MATCH = 88

SPELLED_OUT = [
    (re.compile(r"\b(?:united states|u s)\b"), "us"),
    (re.compile(r"\b(?:united kingdom|u k)\b"), "uk"),
    (re.compile(r"\b(?:united nations|u n)\b"), "un"),
    (re.compile(r"\bmt\b"), "mount"),
]
"""Spellings of one name part that fold to one key: "U.S. Forest Service" is "United
States Forest Service", "Mt Cook" is "Mount Cook"."""

_SPELLED_HINT = re.compile(r"\b(?:united|u|mt)\b")

INSTITUTION_LAST_WORDS = {
    "police", "department", "court", "council", "ministry", "committee", "agency", "office",
    "service", "patrol", "commission", "party", "university", "bank", "company", "corporation",
    "association", "union", "administration", "campaign", "team", "club", "authority", "board",
    "bureau", "institute", "foundation", "network", "navy", "army", "guard",
}
"""A name that ends in one of these is an organisation even when the tagger says PERSON
("Bloomington Police", "Trump campaign"): people are not named after institutions."""

LOCATIVE_WORDS = {"in", "at", "near", "into", "across", "outside", "inside", "toward", "towards"}
"""A one-word name right after one of these reads as a place: a name that mostly does is
never joined to a person who carries it as a surname."""

MIN_HEADLINE_WORDS = 4
"""A name of at least this many words that is a whole line of the text is a headline the
tagger read as one name ("Land Bombs Town Refugee Camp"), not a name."""

ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_QUOTE_CHARS = "\"'“”‘’«»"


# --- small text helpers --------------------------------------------------------------


def _fold(text: str) -> str:
    """Lowercase, accents off, hyphens and apostrophes as spaces: the key for name equality."""
    if is_acronym(text):
        return text.replace(".", "").lower()  # U.S. = US
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = " ".join(text.split())
    if _SPELLED_HINT.search(text):
        for pattern, short in SPELLED_OUT:
            text = pattern.sub(short, text)
    return text


def is_acronym(text: str) -> bool:
    text = text.strip()
    return bool(ACRONYM_RE.match(text.replace(".", ""))) and sum(c.isalpha() for c in text) >= 2 \
        and " " not in text


def _words(name: str) -> list[str]:
    return _fold(name).split()


def acronym_matches(acronym: str, name: str) -> bool:
    """Whether ``acronym`` abbreviates ``name``: initials in order, function words and
    transliteration particles optional, a generic suffix word optional on either side.

    Hand-rolled (no library does this small alignment); a memoised walk over two short lists.
    """
    letters = acronym.replace(".", "").lower()
    words = _words(name)
    if len(words) < 2 or not letters.isalnum():
        return False

    from functools import lru_cache

    @lru_cache(maxsize=None)
    def walk(i: int, j: int) -> bool:
        if i == len(letters) and j == len(words):
            return True
        if j < len(words):
            w = words[j]
            optional = w in FUNCTION_WORDS or w in PARTICLES or (w in GENERIC_SUFFIXES and j == len(words) - 1)
            if i < len(letters) and w[0] == letters[i] and walk(i + 1, j + 1):
                return True
            if optional and walk(i, j + 1):
                return True
        # A trailing "O" (Organization) the name does not spell out.
        if j == len(words) and i == len(letters) - 1 and letters[i] == "o":
            return True
        return False

    return walk(0, 0)


# --- mentions -------------------------------------------------------------------------


class _Mention:
    __slots__ = ("doc", "start", "end", "text", "label", "roles", "key")

    def __init__(self, doc: str, start: int, end: int, text: str, label: str, roles: list[str] | None = None):
        self.doc, self.start, self.end, self.text, self.label = doc, start, end, text, label
        self.roles = roles or []
        self.key = _fold(text)


def _type_class(label: str) -> str:
    return TYPE_CLASS.get(label, label.lower())


def _clean_span(span: Span) -> tuple[int, int] | None:
    """Token range of the entity without a leading determiner/title/honorific and trailing
    possessive or punctuation; None when nothing name-like is left."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct
                           or doc[start].lower_ in HONORIFICS):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "’s", "'", "’"}
                           or doc[end - 1].is_space):
        end -= 1
    # An NER span that swallowed an opening parenthesis: keep what comes before it.
    for i in range(start, end):
        if doc[i].text in "([" and i > start:
            end = i
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return (start, end) if end > start else None


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


def _ner_mentions(doc_id: str, doc: Doc) -> list[_Mention]:
    found: list[_Mention] = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_TYPES:
            continue
        cleaned = _clean_span(ent)
        if cleaned is None:
            continue
        start, end = cleaned
        label = ent.label_
        roles: list[str] = []
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
        if label == "PERSON":
            # a title word after the name is caption debris ("Velt President"), never a surname
            while end - start > 1 and doc[end - 1].lower_ in TRAILING_TITLES:
                end -= 1
            if all(t.lower_ in ROLE_NOUNS | HONORIFICS | GENERIC_WORDS for t in doc[start:end]):
                continue
            if doc[end - 1].lower_ in INSTITUTION_LAST_WORDS and end - start > 1:
                label = "ORG"
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
        found.append(_Mention(doc_id, doc[start].idx, doc[start].idx + len(text), text, label, roles))
    return found


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


# --- resolution -----------------------------------------------------------------------


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _words_align(short: list[str], long: list[str]) -> bool:
    """Each word of ``short`` matches a distinct word of ``long`` (spelling variants and
    word order allowed: "Crime and Corruption" / "Corruption and Crime"); words of ``long``
    left over must be particles, function words or generic suffixes."""
    free = list(range(len(long)))
    for w in short:
        best = max(free, key=lambda j: fuzz.ratio(w, long[j]), default=None)
        if best is None or fuzz.ratio(w, long[best]) < WORD_MATCH:
            return False
        free.remove(best)
    return all(long[j] in PARTICLES | FUNCTION_WORDS | GENERIC_SUFFIXES for j in free)


def _variant(a: str, b: str, cls: str) -> bool:
    """Spelling/transliteration variants of one multiword name (or an ORG with and
    without a generic suffix word)."""
    wa, wb = a.split(), b.split()
    if wa == wb:
        return True
    if cls == "person":
        # Two full names: same number of words, each word a close variant (Ana Valdor /
        # Anna Valdorr); different first names with one surname stay apart.
        if len(wa) != len(wb) or len(wa) < 2:
            return False
        return all(fuzz.ratio(x, y) >= WORD_MATCH for x, y in zip(wa, wb)) and fuzz.ratio(a, b) >= NAME_MATCH
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(long) < 2:
        return False
    return _words_align(short, long) and (len(short) >= 2 or is_acronym(short[0].upper()))


def resolve_entities(docs: list[Document], parsed: dict[str, Doc]) -> list[Entity]:
    """The story's entities with their aliases, roles, mention counts and every span."""
    mentions: list[_Mention] = []
    definitions: list[tuple[_Mention, _Mention]] = []
    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        try:
            mentions.extend(_ner_mentions(document.id, doc))
            definitions.extend(_definitions(document.id, document.text))
        except Exception:  # one odd document must not cost the story its entities
            continue

    # Surface-form nodes: (type class, folded name).  Definitions add their two sides.
    def node(m: _Mention) -> str:
        # A lone surname is resolved per document ("Sorn" is Radek Sorn where only he is
        # named, and nobody where Radek and Greta Sorn both are).
        if m.label == "PERSON" and len(m.key.split()) == 1:
            return f"person|{m.key}@{m.doc}"
        return f"{_type_class(m.label)}|{m.key}"

    for a, b in definitions:
        # The definition's sides take the type NER gave the longer side, when it gave one.
        label = next((m.label for m in mentions if m.doc == b.doc and m.start <= b.start < m.end), None)
        label = label or next((m.label for m in mentions if m.key == b.key), "ORG")
        if label == "PERSON" or _type_class(label) == "place":
            continue
        a.label = b.label = label if _type_class(label) == "org" else "ORG"
        mentions.extend([a, b])

    # An acronym tagged under another class (NORP vs ORG) is one node in the org class.
    for m in mentions:
        if is_acronym(m.text) and _type_class(m.label) in {"org", "place"} and m.label != "GPE":
            m.label = "ORG" if m.label not in {"ORG", "NORP"} else m.label
        elif m.label == "PERSON" and is_acronym(m.text) and ("." in m.text or len(m.text) >= 3):
            # "D.N.C." tagged PERSON: people are not written as initials with full stops,
            # and three capitals are a body far more often than a person
            m.label = "ORG"
    mentions = _drop_contained(mentions)
    uf = _UnionFind()
    by_node: dict[str, list[_Mention]] = defaultdict(list)
    for m in mentions:
        by_node[node(m)].append(m)
        uf.find(node(m))

    for a, b in definitions:
        if a.label == "PERSON" or _type_class(a.label) == "place":
            continue
        uf.union(node(a), node(b))

    node_text: dict[str, str] = {}
    for n, ms in by_node.items():
        node_text[n] = Counter(m.text for m in ms).most_common(1)[0][0]
    nodes = sorted(by_node)

    # Same multiword name under different classes (a person tagged LOC once): one entity,
    # type by majority later.
    by_key: dict[str, list[str]] = defaultdict(list)
    for n in nodes:
        by_key[n.split("|", 1)[1].split("@")[0]].append(n)
    for key, ns in by_key.items():
        if len(key.split()) >= 2 and len(ns) > 1:
            for other in ns[1:]:
                uf.union(ns[0], other)

    # Acronyms against expansions elsewhere in the story (organisations and places: "EU"
    # is tagged GPE as often as ORG).  An acronym that matches two unrelated names is
    # ambiguous and joins neither.
    org_nodes = [n for n in nodes if n.split("|", 1)[0] in {"org", "place"}]
    acronyms = [n for n in org_nodes if is_acronym(node_text[n])]
    for acr in acronyms:
        hits = [n for n in org_nodes if n != acr and not is_acronym(node_text[n])
                and (acronym_matches(node_text[acr], node_text[n]) or _acronym_plus_suffix(node_text[acr], node_text[n]))]
        roots = {uf.find(h) for h in hits}
        if len(roots) == 1:
            uf.union(acr, hits[0])

    # Spelling variants, blocked by class and first letter of the first content word.
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for n in nodes:
        cls, key = n.split("|", 1)
        words = [w for w in key.split() if w not in FUNCTION_WORDS]
        if words and (len(key.split()) >= 2 or cls == "org"):
            blocks[(cls, words[0][0])].append(n)
    for (cls, _), ns in blocks.items():
        for i, x in enumerate(ns):
            for y in ns[i + 1:]:
                kx, ky = x.split("|", 1)[1], y.split("|", 1)[1]
                if is_acronym(node_text[x]) or is_acronym(node_text[y]):
                    continue
                if _variant(kx, ky, cls):
                    uf.union(x, y)

    _join_middle_variants(nodes, uf)
    _join_place_prefixed(nodes, node_text, uf)

    # Surname-only person mentions: join the one full name that ends in that word (or a
    # close spelling of it).  Two full names sharing the surname: leave the surname alone.
    persons = [n for n in nodes if n.startswith("person|")]
    full = [n for n in persons if len(n.split("|", 1)[1].split()) >= 2]
    for n in persons:
        if "@" not in n:
            continue
        word, doc_id = n.split("|", 1)[1].rsplit("@", 1)

        def holders(pool: list[str]) -> set[str]:
            exact = {uf.find(f) for f in pool if f.split("|", 1)[1].split()[-1] == word}
            return exact or {uf.find(f) for f in pool
                             if fuzz.ratio(f.split("|", 1)[1].split()[-1], word) >= NAME_MATCH}

        here = holders([f for f in full if any(m.doc == doc_id for m in by_node[f])])
        if not here:
            here = holders(full)  # named in full only in another document of the story
        if len(here) == 1:
            uf.union(n, next(iter(here)))
    # A one-word name nobody carries in full ("Madonna") is one person across documents.
    lone: dict[str, list[str]] = defaultdict(list)
    for n in persons:
        if "@" in n:
            word = n.split("|", 1)[1].rsplit("@", 1)[0]
            if not any(f.split("|", 1)[1].split()[-1] == word for f in full):
                lone[word].append(n)
    for ns in lone.values():
        for other in ns[1:]:
            uf.union(ns[0], other)

    # A surname NER filed under another type ("Sorn said" tagged GPE, "Sorn campaign"
    # tagged ORG): joined when it is the surname of exactly one person, every one of its
    # mentions is in a document that names that person (in full or by surname), and no
    # more than half read as a place ("in Sorn").  Types do not veto a merge the names support.
    texts = {d.id: d.text for d in docs}
    surname_of: dict[str, set[str]] = defaultdict(set)
    for f in full:
        surname_of[f.split("|", 1)[1].split()[-1]].add(uf.find(f))
    for n in nodes:
        cls, key = n.split("|", 1)
        if cls == "person" or len(key.split()) != 1 or len(surname_of.get(key, ())) != 1:
            continue
        target = next(iter(surname_of[key]))
        person_docs = {m.doc for p in persons if uf.find(p) == target for m in by_node[p]}
        placed = sum(_after_locative(texts.get(m.doc, ""), m.start) for m in by_node[n])
        if all(m.doc in person_docs for m in by_node[n]) and placed * 2 <= len(by_node[n]):
            uf.union(n, target)

    clusters: dict[str, list[_Mention]] = defaultdict(list)
    for n, ms in by_node.items():
        clusters[uf.find(n)].extend(ms)

    entities = [_build_entity(ms) for ms in clusters.values()]
    entities = [e for e in entities if e is not None]
    _complete_spans(entities, docs, parsed)
    try:
        _bare_titles(entities, docs, parsed)
        entities.extend(_unnamed_groups(entities, docs, parsed))
    except Exception:  # descriptions are extra evidence; never lose the names over them
        pass
    for e in entities:
        e.spans = _dedupe(e.spans)
        e.mentions = dict(Counter(s.doc for s in e.spans))
    entities.sort(key=lambda e: (-sum(e.mentions.values()), e.name))
    for i, e in enumerate(entities, 1):
        e.id = f"E{i}"
    return entities


def _after_locative(text: str, start: int) -> bool:
    words = text[max(0, start - 12):start].split()
    return bool(words) and words[-1].lower() in LOCATIVE_WORDS


def _join_middle_variants(nodes: list[str], uf: _UnionFind) -> None:
    """"Regina M. Benjamin" / "Regina Benjamin" / "Regina Mae Benjamin": full person names
    with one first and one last word are one person when the middles they carry agree
    (initials of one middle name, or one middle name); two different middles
    ("Walter J." and "Walter K.") make the short form ambiguous and nothing is joined."""
    groups: dict[tuple[str, str], list[tuple[str, list[str]]]] = defaultdict(list)
    for n in nodes:
        cls, key = n.split("|", 1)
        words = key.split("@")[0].split()
        if cls != "person" or len(words) < 2 or len(words) > 4:
            continue
        groups[(words[0], words[-1])].append((n, words[1:-1]))
    for members in groups.values():
        if len(members) < 2:
            continue
        middles = {tuple(m) for _, m in members if m}
        initials = {tuple(w[0] for w in m) for m in middles}
        full_middles = {m for m in middles if any(len(w) > 1 for w in m)}
        if len(initials) > 1 or len(full_middles) > 1:
            continue
        for n, _ in members[1:]:
            uf.union(members[0][0], n)


def _join_place_prefixed(nodes: list[str], node_text: dict[str, str], uf: _UnionFind) -> None:
    """"Chargers" and "San Diego Chargers": a one-word organisation name and the one
    longer organisation name that is a known place followed by that word."""
    places = {n.split("|", 1)[1] for n in nodes if n.startswith("place|")}
    orgs = [n for n in nodes if n.startswith("org|")]
    longer: dict[str, set[str]] = defaultdict(set)
    for n in orgs:
        words = n.split("|", 1)[1].split()
        if len(words) >= 2 and " ".join(words[:-1]) in places:
            longer[words[-1]].add(n)
    for n in orgs:
        key = n.split("|", 1)[1]
        if " " in key or is_acronym(node_text[n]) or key in GENERIC_WORDS:
            continue
        roots = {uf.find(x) for x in longer.get(key, ())}
        if len(roots) == 1:
            uf.union(n, next(iter(longer[key])))


def _acronym_plus_suffix(acr: str, name: str) -> bool:
    """"NVRC Organization": an acronym followed by a generic word."""
    words = name.split()
    return len(words) == 2 and _fold(words[0]) == _fold(acr) and words[1].lower() in GENERIC_SUFFIXES


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


def _canonical(names: Iterable[str], cls: str) -> str:
    names = list(names)
    full = [n for n in names if not is_acronym(n)]
    pool = full or names
    counts = Counter(pool)
    # Longest well-formed name; ties by frequency.  For a person, a full name beats a
    # surname; for an organisation, the expansion beats its acronym.
    return max(pool, key=lambda n: (len(n.split()) if cls != "person" else min(len(n.split()), 3),
                                    counts[n], -len(n)))


def _build_entity(ms: list[_Mention]) -> Entity | None:
    if not ms:
        return None
    label = Counter(m.label for m in ms).most_common(1)[0][0]
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
    lower_words: set[str] = set()
    for document in docs:
        lower_words.update(re.findall(r"\b[a-z][a-z'’\-]+\b", document.text))
    owner: dict[str, set[int]] = defaultdict(set)
    for i, e in enumerate(entities):
        forms = {e.name, *e.aliases}
        for f in forms:
            if is_acronym(f) or len(f.split()) >= 2:
                owner[f].add(i)
            elif e.type != "PERSON" and _one_word_form(f, lower_words):
                owner[f].add(i)
        if e.type == "PERSON":
            for f in forms:
                words = f.split()
                if words and words[-1].lower() not in ROLE_NOUNS | HONORIFICS | GENERIC_WORDS:
                    owner[words[-1]].add(i)
    # A form two entities share (a surname, an acronym used for two bodies) is left alone.
    forms = {f: next(iter(ids)) for f, ids in owner.items() if len(ids) == 1 and len(f) >= 2}
    if not forms:
        return
    # A form matches with any spacing or hyphenation between its words ("Camp 7" finds
    # "Camp-7"); never inside a longer word or hyphenated compound.
    flexible = {f: r"[\s\-–]+".join(re.escape(w) for w in re.split(r"[\s\-–]+", f)) for f in forms}
    alternatives = "|".join(f"(?P<f{k}>{flexible[f]})" for k, f in enumerate(sorted(forms, key=len, reverse=True)))
    ordered = sorted(forms, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w\-])(?:" + alternatives + r")(?![\w]|-\w)")
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for e in entities:
        for s in e.spans:
            taken[s.doc].append((s.start, s.end))
    for document in docs:
        spans_here = taken[document.id]
        text = document.text
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            if any(a < end and start < b for a, b in spans_here):
                continue
            form = ordered[int(m.lastgroup[1:])]
            e = entities[forms[form]]
            if " " not in form and not is_acronym(form) and e.type != "PERSON" and _in_longer_name(text, start, end):
                continue
            e.spans.append(Mention(doc=document.id, start=start, end=end, text=m.group(0)))
            spans_here.append((start, end))
    for e in entities:
        e.spans = _dedupe(e.spans)
        e.mentions = dict(Counter(s.doc for s in e.spans))
        written = {s.text for s in e.spans} - {e.name} - set(e.aliases)
        e.aliases = sorted(set(e.aliases) | {w for w in written if _fold(w) != _fold(e.name) or "-" in w})


def _one_word_form(word: str, lower_words: set[str]) -> bool:
    """A one-word name that can be looked for everywhere in the story."""
    low = word.lower()
    return (
        len(word) >= 3
        and word[:1].isupper()
        and low not in ROLE_NOUNS | HONORIFICS | GENERIC_WORDS | FUNCTION_WORDS
        and low not in lower_words
    )


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


# --- descriptions: bare titles and groups without a name --------------------------------

TITLE_DOMINANCE = 3
"""Two people in a document hold a title ("the president"): the bare title is given to
the one named at least this many times as often as any other holder there; otherwise to
nobody (a wrong actor costs more than a miss)."""

BODY_TITLES = {"administration", "government", "campaign", "regime"}
"""Bare heads that refer to a body named "<X> administration" etc. when the story has
exactly one such body."""

UNNAMED_GROUP_CLASSES = {
    "migrant": "migrants", "immigrant": "migrants", "refugee": "migrants", "seeker": "migrants",
    "alien": "migrants", "caravan": "migrants", "emigrant": "migrants",
    "protester": "protesters", "protestor": "protesters", "demonstrator": "protesters",
    "marcher": "protesters", "rioter": "protesters",
    "passenger": "passengers", "traveler": "passengers", "traveller": "passengers", "pilgrim": "pilgrims",
    "convoy": "convoy", "hostage": "hostages", "captive": "hostages", "pirate": "pirates",
    "climber": "climbers", "hiker": "climbers", "mountaineer": "climbers",
    "striker": "strikers", "evacuee": "evacuees", "survivor": "survivors",
}
"""Head lemmas that name a group of people outlets keep referring to without a name, and
the group they name: "the migrants", "the caravan" and "asylum-seekers" are one group
(the words an outlet chooses for it are its labels)."""

UNNAMED_GROUP_MIN_MENTIONS = 3
UNNAMED_GROUP_MIN_DOCS = 2
"""A group without a name becomes an entity when the story refers to it at least this
many times in at least this many documents: one passing "the passengers" is not an actor
whose labels are worth comparing."""


def _title_word(role: str) -> str | None:
    words = [w for w in re.split(r"[\s\-]+", role.lower()) if w in ROLE_NOUNS and not w.endswith(".")]
    words = [w for w in words if w not in {"prime", "chief", "deputy", "head"}] or words
    return words[-1] if words else None


def _plain_head(tok, allow_capital: bool = True) -> bool:
    """A bare NP: "the president", "President" (not before a name, not "the former
    president", "the president of X", "Iran's president")."""
    if tok.pos_ not in {"NOUN", "PROPN"} or tok.dep_ == "compound":
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.pos_ == "PROPN" and not nxt.is_punct:
        return False
    det = False
    for child in tok.children:
        if child.i < tok.i:
            if child.dep_ == "det" and child.lower_ == "the":
                det = True
                continue
            return False
        if child.dep_ == "prep" and child.lower_ == "of":
            return False
    return det or (allow_capital and tok.text[:1].isupper() and not tok.is_sent_start)


def _tokens_matching(document: Document, doc: Doc, words: Iterable[str]) -> list:
    """The tokens of ``doc`` whose text starts one of ``words`` (case-insensitive), found by
    one regex over the text instead of a walk over every token."""
    pattern = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")", re.I)
    out = []
    for m in pattern.finditer(document.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None and len(span) and span[0].idx == m.start():
            out.append(span[0])
    return out


def _bare_titles(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc]) -> None:
    """"the president" -> the one person with that title the document names (or the one it
    names far more than the others, TITLE_DOMINANCE); "the administration" -> the one body
    called "<X> administration" in the story. Spans are the head word."""
    holders: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(entities):
        if e.type == "PERSON":
            for word in {_title_word(r) for r in e.roles} - {None}:
                holders[word].append(i)
        else:
            last = _fold(e.name).split()[-1:] if e.name else []
            if last and last[0] in BODY_TITLES and len(e.name.split()) >= 2:
                holders[last[0]].append(i)
    if not holders:
        return
    taken = defaultdict(list)
    for e in entities:
        for sp in e.spans:
            taken[sp.doc].append((sp.start, sp.end))
    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        for tok in _tokens_matching(document, doc, holders):
            word = tok.lower_
            if word not in holders or not _plain_head(tok):
                continue
            if any(a < tok.idx + len(tok) and tok.idx < b for a, b in taken[document.id]):
                continue
            named = [(entities[i].mentions.get(document.id, 0), i) for i in holders[word]]
            named = sorted((n for n in named if n[0] > 0), reverse=True)
            if word in BODY_TITLES:
                named = [(1, i) for i in holders[word]]  # bodies: one in the story
            if not named or (len(named) > 1 and named[0][0] < TITLE_DOMINANCE * named[1][0]):
                continue
            e = entities[named[0][1]]
            e.spans.append(Mention(doc=document.id, start=tok.idx, end=tok.idx + len(tok), text=tok.text))
            taken[document.id].append((tok.idx, tok.idx + len(tok)))


def _unnamed_groups(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc]) -> list[Entity]:
    """Groups of people without a name that the story keeps referring to ("the migrants",
    "the caravan", "asylum-seekers"): one entity per group class, type GROUP, spans on the
    head words."""
    taken = defaultdict(list)
    for e in entities:
        for sp in e.spans:
            taken[sp.doc].append((sp.start, sp.end))
    found: dict[str, list[Mention]] = defaultdict(list)
    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        for tok in _tokens_matching(document, doc, UNNAMED_GROUP_CLASSES):
            group = UNNAMED_GROUP_CLASSES.get(tok.lemma_.lower())
            if group is None or tok.pos_ != "NOUN" or tok.dep_ == "compound":
                continue
            if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of" and tok.lemma_.lower() in {"caravan", "convoy"})
                   for c in tok.children):
                continue  # "the caravan of migrants": the group is its members, found on their own
            if any(a < tok.idx + len(tok) and tok.idx < b for a, b in taken[document.id]):
                continue
            found[group].append(Mention(doc=document.id, start=tok.idx, end=tok.idx + len(tok), text=tok.text))
    out = []
    for group, spans in found.items():
        if len(spans) < UNNAMED_GROUP_MIN_MENTIONS or len({s.doc for s in spans}) < UNNAMED_GROUP_MIN_DOCS:
            continue
        written = Counter(s.text.lower() for s in spans)
        out.append(Entity(id="", name=group, type="GROUP", aliases=sorted(set(written) - {group}), roles=[],
                          spans=_dedupe(spans), mentions=dict(Counter(s.doc for s in spans))))
    return out


def entity_at(entities: list[Entity], doc_id: str, start: int, end: int) -> Entity | None:
    """The entity with a mention overlapping ``[start, end)`` in ``doc_id`` (the one with the
    largest overlap), or None."""
    best: tuple[int, Entity] | None = None
    for e in entities:
        for s in e.spans:
            if s.doc != doc_id:
                continue
            overlap = min(end, s.end) - max(start, s.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, e)
    return best[1] if best else None
