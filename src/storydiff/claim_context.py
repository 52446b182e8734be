"""What claim extraction knows of one document, and how a claim is made and attributed.

``claims.py`` walks each document's sentences; ``counts.py`` reads its counts; both build
claims here, so that every claim carries its evidence (document, sentence, span) and its
attribution: a quote's speaker, the subject of a speech verb above it, the object of
'according to', or the outlet's own voice.
"""

from __future__ import annotations

import bisect
import datetime as dt

from spacy.tokens import Doc, Span, Token

from .model import Claim, Document, Entity, Quote

SPEECH_LEMMAS = {
    "say", "tell", "claim", "state", "announce", "report", "add", "allege", "insist", "deny",
    "confirm", "estimate", "write", "explain", "note", "warn", "declare", "assert", "stress",
    "argue", "maintain", "acknowledge", "admit", "reveal", "disclose", "underline", "accuse",
}
PERSONAL_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
PERSON_PRONOUNS = {"he", "she"}
"""Only these are resolved to the document's last named speaker ('..., he said'); 'it' and
'they' too often point at a body or the story's subject."""
NAMED_ENT_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


class DocContext:
    """What claim extraction needs to know about one document."""

    def __init__(self, doc: Document, parsed: Doc, entities: list[Entity], quotes: list[Quote], ref: dt.date | None,
                 ref_from: str | None, headline: bool = False):
        self.doc = doc
        self.parsed = parsed
        self.mentions = sorted(
            (m.start, m.end, e.id) for e in entities for m in e.spans if m.doc == doc.id
        )
        self.people = {e.id for e in entities if e.type == "PERSON"}
        self.quotes = [q for q in quotes if q.doc == doc.id]
        self.ref = ref
        self.ref_from = ref_from
        self.last_speaker: str | None = None
        self.headline = headline
        """A title: articles are dropped ('Teen killed'), so a bare singular person counts."""
        # Doc.ents and Span.ents rebuild the whole document's entity list on every call:
        # built once here, a sentence's entities are a bisect away.
        self.ents: tuple[Span, ...] = tuple(parsed.ents)
        self._ent_starts = [e.start for e in self.ents]

    def ents_in(self, sent: Span) -> list[Span]:
        """The entities that lie wholly inside ``sent`` (what ``sent.ents`` gives)."""
        found = []
        for i in range(bisect.bisect_left(self._ent_starts, sent.start), len(self.ents)):
            ent = self.ents[i]
            if ent.start >= sent.end or ent.end > sent.end:
                break
            found.append(ent)
        return found

    def entity_at(self, start: int, end: int) -> str | None:
        """The entity whose mention overlaps [start, end), preferring the longest overlap."""
        best, best_overlap = None, 0
        for m_start, m_end, ent_id in self.mentions:
            if m_start >= end:
                break
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > best_overlap:
                best, best_overlap = ent_id, overlap
        return best

    def quote_at(self, start: int, end: int) -> Quote | None:
        for q in self.quotes:
            if q.start <= start and end <= q.end:
                return q
        return None


def named(ctx: DocContext, tok: Token | None) -> str | None:
    """Entity id (or the name as written) when a token heads a named thing, else None."""
    if tok is None or tok.pos_ == "PRON":
        return None
    start, end = tok.idx, tok.idx + len(tok.text)
    ent_id = ctx.entity_at(start, end)
    if ent_id:
        return ent_id
    if tok.ent_type_ in NAMED_ENT_LABELS:
        ent = next((e for e in ctx.ents if e.start <= tok.i < e.end), None)
        return ent.text if ent is not None else tok.text
    return None


def subtree_text(tok: Token, max_words: int = 8) -> str:
    words = list(tok.subtree)
    if len(words) > max_words:
        words = [w for w in words if w.i <= tok.i][-max_words:]
    return " ".join(w.text for w in words)

def is_negated(verb: Token | None, noun: Token | None) -> bool:
    if verb is not None and any(c.dep_ == "neg" for c in verb.children):
        return True
    return noun is not None and any(c.lower_ == "no" and c.dep_ == "det" for c in noun.children)


def make_claim(ctx: DocContext, sent: Span, kind: str, start: int, end: int, value, anchor: Token | None,
               negated: bool = False) -> Claim:
    """A claim of the document's text [start, end) in ``sent``, attributed from ``anchor``
    (its id is set when the document's claims are numbered)."""
    return Claim(
        id="C0", doc=ctx.doc.id, kind=kind, text=ctx.doc.text[start:end], sentence=sent.text,
        start=start, end=end, sentence_start=sent.start_char, sentence_end=sent.end_char,
        value=value, attributed_to=attribution(ctx, sent, start, end, anchor), negated=negated,
    )


def attribution(ctx: DocContext, sent: Span, start: int, end: int, anchor: Token | None) -> str | None:
    """Who the claim belongs to: a quote's speaker, the subject of a speech verb above it,
    the object of 'according to'; None for the outlet's own voice."""
    quote = ctx.quote_at(start, end)
    if quote is not None:
        return quote.speaker or quote.speaker_name
    tok = anchor
    while tok is not None and tok.head.i != tok.i:
        tok = tok.head
        if tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass" if tok.lemma_ == "report" else "nsubj")
                         and not c.like_num), None)
            who = speaker(ctx, subj)
            if who:
                return who
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.nbor(1).lower_ == "to":
            pobj = next((g for g in t.nbor(1).children if g.dep_ == "pobj"), None)
            who = speaker(ctx, pobj)
            if who:
                return who
    return None


def speech_subject(ctx: DocContext, sent: Span) -> str | None:
    for tok in sent:
        if tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in PERSONAL_PRONOUNS:
                return speaker(ctx, subj)
    return None


def speaker(ctx: DocContext, subj: Token | None) -> str | None:
    if subj is None or subj.like_num:
        return None  # 'Nine wounded in shooting, hospital says': a count the parser took for the speaker
    if subj.lower_ in PERSONAL_PRONOUNS:
        # a pronoun speaker is the last named speaker of the document ('..., he said')
        return ctx.last_speaker if subj.lower_ in PERSON_PRONOUNS else None
    start = subj.left_edge.idx
    end = subj.idx + len(subj.text)
    ent_id = ctx.entity_at(subj.idx, end) or ctx.entity_at(start, end)
    if ent_id:
        return ent_id
    words = [t for t in subj.subtree if t.i <= subj.i and t.dep_ != "det" and not t.is_punct]
    return " ".join(t.text for t in words) or None
