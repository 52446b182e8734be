"""Voice: the narrator's own, quoted, or attributed (scare quotes, view verbs, reported speech)."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .lexicon import HEADLINE_CREDIT, QUOTE_PAIRS, RELATIVE_PRONOUNS, SCARE_QUOTE_MAX_WORDS, SPEECH_VERBS, VIEW_VERBS
from .references import _Context
from .candidates import _Candidate

# --- voice -------------------------------------------------------------------------------


def _quote_mark_spans(text: str) -> list[tuple[int, int]]:
    """Inner spans of paired quotation marks, paragraph by paragraph."""
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        s, chunk = para.start(), para.group()
        i = 0
        while i < len(chunk):
            ch = chunk[i]
            close = QUOTE_PAIRS.get(ch)
            if close is None or (ch == "‘" and i and chunk[i - 1].isalpha()):
                i += 1
                continue
            j = i + 1
            while j < len(chunk):
                if chunk[j] == close and not (close == "’" and j + 1 < len(chunk) and chunk[j + 1].isalpha()):
                    break
                j += 1
            if j >= len(chunk):
                i += 1
                continue
            spans.append((s + i + 1, s + j))
            i = j + 1
    return spans


def _speaker_of(verb: Token, ctx: _Context) -> tuple[str | None, str | None]:
    """(entity id, name as written) of whoever holds the view: subject or 'by' agent."""
    holder = None
    for _ in range(3):  # "greeted the news by saying that ...": the one who greeted
        holder = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if holder is not None or verb.dep_ not in {"pcomp", "advcl", "xcomp", "conj"}:
            break
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            break  # "X set off a panic, and Y was said to be furious": a passive's holder is its agent, if any
        verb = verb.head
    if holder is None:
        for t in verb.subtree:
            if t.dep_ in {"agent"} or (t.dep_ == "prep" and t.lower_ == "by"):
                objs = [c for c in t.children if c.dep_ == "pobj"]
                if objs:
                    holder = objs[0]
                    break
    if holder is None or holder.lower_ in RELATIVE_PRONOUNS:
        return None, None
    entity_id = ctx.refs.get(holder.i) or ctx.tok_entity.get(holder.i)
    if holder.pos_ == "PRON" and entity_id is None:
        return None, None
    span = ctx.parsed[holder.left_edge.i : holder.i + 1]
    name = span.text.strip(" ,") or None
    return entity_id, name


def _governing_speech(head: Token) -> Token | None:
    """A verb of saying whose clausal complement contains ``head``."""
    tok = head
    through_clause = False
    while tok.head.i != tok.i:
        if tok.dep_ in {"ccomp", "xcomp", "oprd", "parataxis"}:
            through_clause = True
        parent = tok.head
        if through_clause and parent.lemma_ in SPEECH_VERBS | VIEW_VERBS and tok.dep_ not in {"nsubj", "nsubjpass"}:
            return parent
        tok = parent
    return None


def _according_to(sent: Span) -> Token | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            return tok.doc[tok.i + 1]
    return None


def _voice(cand: _Candidate, ctx: _Context, start: int, end: int) -> tuple[str, str | None, str | None]:
    """(voice, speaker entity id, speaker name)."""
    for q in ctx.direct_quotes:
        if q.start <= start and end <= q.end:
            return "quoted", q.speaker, q.speaker_name
    sent = cand.head.sent
    marks = [(s, e) for s, e in ctx.quote_marks if s <= end and start < e]
    for s, e in marks:
        words = len(ctx.text[s:e].split())
        if s <= start and end <= e and words > SCARE_QUOTE_MAX_WORDS:
            speech = _nearest_speech_verb(ctx, s, e)
            who = _speaker_of(speech, ctx) if speech is not None else (None, None)
            return ("quoted", *who)
    scare = any(len(ctx.text[s:e].split()) <= SCARE_QUOTE_MAX_WORDS for s, e in marks)
    view = cand.view_verb or _governing_speech(cand.head)
    if view is not None:
        return ("attributed", *_speaker_of(view, ctx))
    for q in ctx.indirect_quotes:
        if q.start <= start and end <= q.end:
            return "attributed", q.speaker, q.speaker_name
    source = _according_to(sent)
    if source is not None:
        objs = [c for c in source.children if c.dep_ == "pobj"]
        if objs:
            holder = objs[0]
            name = ctx.parsed[holder.left_edge.i : holder.right_edge.i + 1].text
            return "attributed", ctx.refs.get(holder.i) or ctx.tok_entity.get(holder.i), name
    if ctx.in_title:
        credit = HEADLINE_CREDIT.match(ctx.text)
        if credit and end <= credit.end("claim"):
            return "attributed", None, credit.group("who").strip()
    if scare:
        return "attributed", None, None
    return "narrator", None, None


def _nearest_speech_verb(ctx: _Context, start: int, end: int) -> Token | None:
    """The speech verb outside a quotation, in the sentences it touches."""
    sents = {t.sent for t in ctx.parsed if start <= t.idx < end}
    best = None
    for sent in sorted(sents, key=lambda s: s.start):
        for tok in sent:
            if start <= tok.idx < end:
                continue
            if tok.pos_ == "VERB" and tok.lemma_ in SPEECH_VERBS:
                best = best or tok
    if best is None:
        # the attribution may follow in the next sentence fragment ("..." he said.)
        last = max((t for t in ctx.parsed if start <= t.idx < end), key=lambda t: t.i, default=None)
        if last is not None and last.sent.end < len(ctx.parsed):
            nxt = ctx.parsed[last.sent.end].sent
            if len(nxt) <= 8:
                best = next((t for t in nxt if t.lemma_ in SPEECH_VERBS), None)
    return best
