"""Descriptions: bare titles ("the president") and groups without a name ("the migrants")
resolved to entities of a story."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from spacy.tokens import Doc

from ..model import Document, Entity, Mention
from .names import ROLE_NOUNS, _fold
from .spans import _dedupe

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
