"""What each outlet leaves out: core facts that others report and it states in no wording.

A stage of its own after the comparisons (``compare.py``), which it reads: only a fact
two or more documents agree on (or that rose over time) can be missing from another; a
compatible group (parts, bounds) was read as one fact in round 5's audit when it was two.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .dates import parse_published
from .facts import ROLE_CLASSES, lead_ends, rough_sentences
from .embed import Encoder
from .model import Claim, Comparison, Document, Entity, Omission
from .units import MONEY_UNITS

OMISSION_SIM = 0.55
"""A document 'mentions' a fact when one of its sentences reaches this similarity with a
sentence reporting it; below it in every sentence, the fact is missing. High enough that
a loosely related sentence does not hide an omission, low enough that rewordings count as
mentions (precision first: better to miss an omission than to claim a false one)."""


FIGURE_ROUNDING = 1.2
"""A sum within this factor of the reported one states it ('nearly $3 billion' for '$2.8
billion'): outlets round a figure they give; a document that rounds it has not left it out."""


SPECIFIC_ACTORS = {"PERSON", "FAC", "EVENT"}
"""Entity types that pin an event down: a city or a police force is named by every article
on every incident of a place, a person or a building only by those on the same event. A
document missing a fact must share one of these, or two entities of any type, with every
document that reports it."""


def find_omissions(
    claims: list[Claim], docs: list[Document], comparisons: list[Comparison], encoder: Encoder,
    entities: list[Entity] | None = None,
) -> list[Omission]:
    """Core facts two or more canonical documents report that another on the same event
    does not state in any wording.

    Only newsworthy facts count: a count with a role (killed, injured, arrested, ...) that
    the reporting documents agree on, or that rose over time. A date, a bare number or a
    verb's object is background. A document counts as on the same event only when it
    names a specific actor every reporting document names (see SPECIFIC_ACTORS); it
    states the fact 'in other words' when it uses the role's words at all or has a
    sentence close to a reporting one."""
    canonical = [d for d in docs if d.duplicate_of is None]
    if len(canonical) < 3:
        return []
    by_id = {c.id: c for c in claims}
    named_in: dict[str, set[str]] = defaultdict(set)
    for e in entities or []:
        for d in e.mentions:
            named_in[d].add(e.id)
    specific = {e.id for e in entities or [] if e.type in SPECIFIC_ACTORS}
    published = {d.id: parse_published(d.published) for d in canonical}
    leads = lead_ends(canonical)
    doc_sents: dict[str, list[str]] = {}
    omissions: list[tuple[int, Omission]] = []
    told: set[tuple[str, str]] = set()
    # the fact most documents report first: one role is missing from a document once
    for order, k in sorted(enumerate(comparisons), key=lambda ik: -len(ik[1].by_document)):
        if k.status not in ("agree", "updated"):
            continue  # a compatible group is parts and bounds: too loose to say what another leaves out
        figure = _key_figure(k, by_id, leads)
        if k.role not in ROLE_CLASSES and figure is None:
            continue
        first = min((published[doc] for doc in k.by_document if published.get(doc)), default=None)
        # a document published before any report of the fact could not know it (the
        # charges filed, the arrest made, the toll risen later); nor is a role missing twice
        missing = [d for d in canonical if d.id not in k.by_document and (d.id, k.role) not in told
                   and not (first and published[d.id] and published[d.id] < first)]
        shared = set.intersection(*(named_in[doc] for doc in k.by_document)) if k.by_document else set()
        reporting = [by_id[c] for c in k.claims if c in by_id]
        if not missing or not shared or not reporting:
            continue
        facts = list(dict.fromkeys(c.sentence for c in reporting))
        role_words = ROLE_CLASSES.get(k.role, set())
        absent = []
        for d in missing:
            common = named_in[d.id] & shared
            if not (common & specific or len(common) >= 2):
                continue  # too little in common: it may report another event of the story
            if d.id not in doc_sents:
                doc_sents[d.id] = rough_sentences(d.text)
            if figure is not None:
                # the event told without its figure: what is missing is the figure, which a
                # close sentence about the vote or the deal does not give
                if doc_sents[d.id] and not _states_figure(d, figure, reporting, claims):
                    absent.append(d.id)
                continue
            # the lexical guards first: a document they clear needs no sentence encoded
            if (doc_sents[d.id] and not _uses(d.text, role_words) and not _mentions(d.text, k.topic)
                    and not _reaches(doc_sents[d.id], facts, encoder)):
                absent.append(d.id)
        told.update((doc, k.role) for doc in absent)
        if absent:
            values = "; ".join(f"{doc}: {sv.value}" for doc, sv in k.by_document.items())
            reason = (f"names the event's actors but states no {figure}" if figure is not None else
                      f"names the event's actors but uses no word for '{k.role}' and no sentence close to the reports")
            omissions.append((order, Omission(
                fact=f"{k.topic} ({values})", reported_by=sorted(k.by_document), missing_from=absent, claims=k.claims,
                reason=reason,
            )))
    return [o for _, o in sorted(omissions, key=lambda x: x[0])]


def _key_figure(k: Comparison, by_id: dict[str, Claim], leads: dict[str, int]) -> str | None:
    """What kind of key figure a comparison is, in words, or None: a vote's tally or a sum of
    money that the reporting documents agree on and that one of them states in its title
    or lead, where news puts what its readers look for ('passed 61-38', 'a $3.2 billion
    demand'). A figure further down is a detail another outlet may rightly leave out."""
    reporting = [by_id[c] for c in k.claims if c in by_id]
    if not reporting or any(c.kind != "quantity" or c.value.reference for c in reporting):
        return None
    if not any(c.in_title or c.sentence_start < leads.get(c.doc, 0) for c in reporting):
        return None
    if all(c.value.sides for c in reporting):
        return "vote tally" if k.role == "vote" else "score"
    if all(c.value.unit in MONEY_UNITS for c in reporting):
        return "figure of " + str(reporting[0].text)
    return None


def _states_figure(d: Document, figure: str, reporting: list[Claim], claims: list[Claim]) -> bool:
    """Whether a document states the figure in any form: a tally of its own (any tally, as a
    later count of the same vote is an update, not an omission), or a sum in the currency
    within each other's bounds."""
    own = [c for c in claims if c.doc == d.id and c.kind == "quantity"]
    if figure in ("vote tally", "score"):
        return any(c.value.sides for c in own)
    unit = reporting[0].value.unit
    amounts = [c.value.amount for c in reporting if c.value.amount]
    if not amounts:
        return True
    low, high = min(amounts), max(amounts)
    return any(c.value.unit == unit and c.value.amount
               and low / FIGURE_ROUNDING <= c.value.amount <= high * FIGURE_ROUNDING for c in own)


def _uses(text: str, words: set[str]) -> bool:
    """Whether a text uses any word of a role class, in any inflection ('wound' ~ 'wounded')."""
    stems = {w[:5] for w in words}  # a crude stem, as compare.py's ('injury' ~ 'injure')
    return any(w[:5] in stems for w in re.findall(r"[a-z]+", text.lower()))


OMISSION_FIRST_CHUNK = 2
"""Sentences encoded first while looking for one that mentions a fact (see _reaches); each
later chunk is twice the one before. On BASIL a mentioning document's best sentence is
usually among its first few candidates by shared words."""


def _reaches(sentences: list[str], facts: list[str], encoder: Encoder) -> bool:
    """Whether any sentence reaches OMISSION_SIM with any fact sentence.

    The same answer as encoding every sentence, for less: sentences are tried in order of
    the words they share with the facts, a few at a time, and the search stops at the first
    that reaches the threshold. A document that does mention the fact usually does so in
    one of its first few candidates; only a true omission costs every sentence (in a few
    growing batches)."""
    fact_vecs = encoder.encode(facts)
    fact_words = {w for f in facts for w in _stems(f)}
    ranked = sorted(range(len(sentences)), key=lambda i: -len(_stems(sentences[i]) & fact_words))
    at, size = 0, OMISSION_FIRST_CHUNK
    while at < len(ranked):
        vecs = encoder.encode([sentences[i] for i in ranked[at:at + size]])
        if float((vecs @ fact_vecs.T).max()) >= OMISSION_SIM:
            return True
        at, size = at + size, size * 2
    return False


def _stems(text: str) -> set[str]:
    """Lower-cased word starts (5 letters) of the longer words: a cheap, rough overlap measure."""
    return {w[:5] for w in re.findall(r"[a-z0-9]{4,}", text.lower())}


def _mentions(text: str, topic: str) -> bool:
    """A cheap lexical guard: all content words of the topic appear in the text."""
    words = [w for w in re.findall(r"[a-z]{4,}", topic.lower()) if w not in ("date", "number")]
    low = text.lower()
    return bool(words) and all(w.rstrip("s")[:5] in low for w in words)
