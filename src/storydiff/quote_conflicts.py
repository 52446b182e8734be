"""Attribution conflicts: the same words given to different speakers by different
documents of a story (split from quotes.py, which finds the quotes)."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict

from rapidfuzz import fuzz

from .entities.names import surname
from .model import Document, Entity, Quote, QuoteConflict
from .quote_speakers import PRONOUNS_PERSON

SAME_QUOTE_RATIO = 85
"""rapidfuzz token_set_ratio at or above which two quotes of different documents are the
same words (wording differences allowed); set on the seeds' re-worded quotes."""
MIN_MATCH_WORDS = 4
"""Quotes shorter than this are matched across documents only word for word (see
MIN_PHRASE_WORDS): a loose match of a few words is too easily coincident."""
MIN_PHRASE_WORDS = 2
"""A short quoted phrase ("indignant and offended") of at least this many words, quoted
with the very same words by two outlets, is the same quote: two words that both outlets
put in quotation marks are someone's words, and whose is a fact to compare. One word
("reckless") is too often a scare quote or a common label."""


CONFLICT_IN_ORDER = 0.8
"""Two quotations set two speakers against each other only when this share of the shorter
one's words appears in the longer one in the same order (difflib's matching blocks): a
loose match of shared words ("not going to pay" in two presidents' different sentences,
one stock phrase in two advocates' statements) matches quotes for reading, but is not the
same words given to two people. Set on BASIL's audited conflicts (benchmarks/audits/quotes/)."""


SHORT_QUOTE_WORDS = 8
"""A quotation shorter than this sets two speakers against each other only if every one of
its words is in the other's, in order: a fifth of a few words is one stock phrase ("deeply
saddened by this tragedy", a mayor's; "how deeply saddened we are by this senseless
shooting", a club owner's: gvc-dev)."""


# --- across documents -----------------------------------------------------------------


_INNER_QUOTE = re.compile(r"[‘'\"“]([^‘’'\"“”]{3,}?)[’'\"”]")


def _same_words(a: Quote, b: Quote, normed: dict[str, str]) -> bool:
    """Whether two matched quotations hold the same words in the same order, and neither
    is only a phrase the other itself quotes (a motto or title inside a statement)."""
    wa, wb = normed[a.id].split(), normed[b.id].split()
    short, long, outer = (wa, wb, b) if len(wa) <= len(wb) else (wb, wa, a)
    if not short:
        return False
    blocks = difflib.SequenceMatcher(None, short, long, autojunk=False).get_matching_blocks()
    matched = sum(m.size for m in blocks)
    if matched < CONFLICT_IN_ORDER * len(short):
        return False
    if len(short) < SHORT_QUOTE_WORDS and matched < len(short):
        return False  # 'deeply saddened by this tragedy' in another's 'deeply saddened we are by this shooting'
    inner = {_norm(m.group(1)) for m in _INNER_QUOTE.finditer(outer.text)}
    return " ".join(short) not in inner


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _speaker_key(q: Quote) -> tuple[str, str] | None:
    """('entity', id) or ('name', folded name) or None when nobody is named."""
    if q.speaker:
        return ("entity", q.speaker)
    if q.speaker_name and _is_proper_name(q.speaker_name):
        return ("name", _norm(q.speaker_name))
    return None


def _is_proper_name(text: str) -> bool:
    """Whether an unresolved speaker is a name ("Jo Doe") rather than a description
    ("the district authorities", "Officials"): a capitalised word after the first.  Only
    names can conflict: two descriptions may well be one source."""
    words = re.findall(r"[\w'’.-]+", text)
    if not words or words[0].lower() in {"the", "a", "an", "this", "that"} or any(c.isdigit() for c in text):
        return False  # "the Constitution", "The 14th Amendment": a text or a body, not a person's name
    return any(w[:1].isupper() and not w.isupper() for w in words[1:])


def _conflicting(a: tuple[str, str] | None, b: tuple[str, str] | None,
                 names: dict[str, tuple[str, str]] | None = None) -> bool:
    """Different resolved entities, or different names both unresolved; never when one side
    is unresolved and the other is an entity. Two people who share a surname ("Dana Velt" and
    "Velt", "Michael Velt" and "Mike Velt") may be one person the entities did not join, and
    a body and a person may be the body and its spokesperson: neither is a conflict
    (``names``: entity id -> (type, folded name))."""
    if a is None or b is None or a[0] != b[0] or a[1] == b[1]:
        return False
    if a[0] == "name":
        return not _surnames(a[1]) & _surnames(b[1])
    if names is None:
        return True
    (type_a, name_a), (type_b, name_b) = names.get(a[1], ("", "")), names.get(b[1], ("", ""))
    return type_a == type_b == "PERSON" and surname(name_a) != surname(name_b)


def _firm_attribution(q: Quote) -> bool:
    """A quotation whose speaker the sentence names: not a paraphrase, not a pronoun
    resolved from the sentences before (most wrong speakers on real news came from those:
    benchmarks/audits/quotes/), not the asker of a question (the words that follow are the
    answer)."""
    written = (q.speaker_name or "").strip().lower()
    cue = (q.cue or "").lower()
    return q.kind == "direct" and written not in PRONOUNS_PERSON | {"they", "it", "we", "i"} \
        and not cue.startswith("ask")


def _surnames(names: str) -> set[str]:
    """The surnames of a speaker written as one name or several ("producers Ada Quell and
    Bram Oduya said"): a quotation given to two people jointly is also each one's."""
    return {surname(part) for part in re.split(r",|\band\b|&", names)} - {""}




def _credited_by_document(members: list[Quote]) -> dict[str, set[tuple[str, str]]]:
    """Per document, everyone it gives the matched words to, however firmly. A document
    that gives the words to both people (a phrase one echoed from the other: "using his
    rival's own phrase") does not deny either, so the two outlets do not disagree."""
    credited: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for q in members:
        key = _speaker_key(q)
        if key is not None:
            credited[q.doc].add(key)
    return credited


def match_quotes(quotes: list[Quote], docs: list[Document], entities: list[Entity] | None = None) -> list[QuoteConflict]:
    """Fill ``Quote.matches`` / ``Quote.wording`` in place and return attribution conflicts:
    the same direct quotation given to different people by two documents (a paraphrase is
    too loose a match to set two speakers against each other)."""
    names = {e.id: (e.type, e.name) for e in entities} if entities is not None else None
    normed = {q.id: _norm(q.text) for q in quotes}
    # Block by word: only quotes sharing a rare-ish word are compared (linear-ish).
    index: dict[str, list[int]] = defaultdict(list)
    for i, q in enumerate(quotes):
        words = [w for w in set(normed[q.id].split()) if len(w) >= 5]
        if len(normed[q.id].split()) < MIN_MATCH_WORDS:
            words.append("=" + normed[q.id])  # a short phrase meets only its own words
        for w in words:
            index[w].append(i)
    parent = list(range(len(quotes)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    compared: set[tuple[int, int]] = set()
    same: set[tuple[int, int]] = set()  # pairs matched directly (a group also joins through chains)
    for ids in index.values():
        if len(ids) > 200:
            continue  # a word in too many quotes blocks nothing
        for x in range(len(ids)):
            for y in range(x + 1, len(ids)):
                i, j = ids[x], ids[y]
                if (i, j) in compared or quotes[i].doc == quotes[j].doc:
                    continue
                compared.add((i, j))
                a, b = normed[quotes[i].id], normed[quotes[j].id]
                if min(len(a.split()), len(b.split())) < MIN_MATCH_WORDS:
                    if a == b and len(a.split()) >= MIN_PHRASE_WORDS and quotes[i].kind == quotes[j].kind == "direct":
                        parent[find(i)] = find(j)  # a short phrase, word for word
                        same.add((i, j))
                    continue
                if fuzz.token_set_ratio(a, b) >= SAME_QUOTE_RATIO and fuzz.partial_ratio(a, b) >= SAME_QUOTE_RATIO - 10:
                    parent[find(i)] = find(j)
                    same.add((i, j))

    groups: dict[int, list[Quote]] = defaultdict(list)
    for i, q in enumerate(quotes):
        groups[find(i)].append(q)
    index_of = {q.id: i for i, q in enumerate(quotes)}

    def direct(a: Quote, b: Quote) -> bool:
        i, j = index_of[a.id], index_of[b.id]
        return (i, j) in same or (j, i) in same

    conflicts: list[QuoteConflict] = []
    for members in groups.values():
        if len({q.doc for q in members}) < 2:
            continue
        for q in members:
            q.matches = [o.id for o in members if o.doc != q.doc]
            q.wording = {o.id: o.text for o in members if o.doc != q.doc and normed[o.id] != normed[q.id]}
        keys = {q.id: _speaker_key(q) if _firm_attribution(q) else None for q in members}
        credited = _credited_by_document(members)
        # only two quotations matched to each other, not two ends of a chain of partial
        # matches (a motto quoted inside a longer statement, a stock phrase)
        if any(_conflicting(keys[a.id], keys[b.id], names) and direct(a, b) and _same_words(a, b, normed)
               and keys[a.id] not in credited[b.doc] and keys[b.id] not in credited[a.doc]
               for a in members for b in members if a.doc != b.doc):
            speakers: dict[str, str] = {}
            for q in members:
                if keys[q.id] is not None and q.doc not in speakers:
                    speakers[q.doc] = q.speaker or q.speaker_name or ""
            longest = max(members, key=lambda q: len(q.text))
            conflicts.append(QuoteConflict(text=longest.text, speakers=speakers, quotes=[q.id for q in members]))
    return conflicts
