"""Labels: candidates made into Label records, document by document and in headlines."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..model import Document, Entity, Label, Quote
from ..nlp import doc_text, parse_memo
from ..settings import Settings
from .lexicon import GROUP_NOUNS, INSTITUTION_WORDS, Lexicon, MEMBER_NOUNS, load_lexicon
from .references import _Context, _add_mention, _compatible_group, _resolve_np_references, _resolve_pronouns, _sent_index
from .candidates import negated, PLACE_TYPES, _Candidate, _candidates, _free_relatives, _text_of
from .voice import _quote_mark_spans, _voice

# --- labels ------------------------------------------------------------------------------

DESCRIBING_CONSTRUCTIONS = frozenset({"apposition", "predicate", "as-phrase"})
"""Constructions that say what an actor is ("Velt is a member", "Orm, a party"): a bare
group or member noun there describes it. Elsewhere a bare "the group" is kept only where
the entities resolved it (the outlet's word for the actor, "the party" for a party)."""


def _make_label(cand: _Candidate, ctx: _Context, lexicon: Lexicon) -> Label | None:
    tokens = sorted({t.i: t for t in cand.tokens}.values(), key=lambda t: t.i)
    if not tokens:
        return None
    term = _text_of(tokens)
    if not term or not any(c.isalpha() for c in term):
        return None
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1])
    voice, speaker, speaker_name = _voice(cand, ctx, start, end)
    words = [(t.lower_, t.lemma_.lower()) for t in tokens if not t.is_punct]
    split_words = []
    for lower, lemma in words:
        split_words.append((lower, lemma))
    entries = lexicon.match(split_words)
    polarities = {e.polarity for e in entries if e.polarity != "neutral"}
    head = cand.head
    head_text = head.text if head in tokens else tokens[-1].text
    modifiers = _modifiers(tokens, head)
    if (not modifiers and not polarities and head.lemma_.lower() in GROUP_NOUNS | MEMBER_NOUNS
            and head.i not in ctx.descriptive and cand.construction not in DESCRIBING_CONSTRUCTIONS):
        return None  # "the group" guessed back to an actor: refers, describes nothing
    if _expands_acronym(tokens, ctx.names_of.get(cand.entity, ())):
        return None  # "a non-governmental organization (NGO)" spells out a name
    return Label(
        entity=cand.entity,
        doc=ctx.doc_id,
        term=term,
        head=head_text,
        modifiers=modifiers,
        voice=voice,
        speaker=speaker,
        speaker_name=speaker_name,
        loaded=bool(polarities),
        categories=sorted({e.category for e in entries}),
        polarity=("mixed" if len(polarities) > 1 else next(iter(polarities))) if polarities else None,
        construction=cand.construction,
        in_title=ctx.in_title,
        start=start,
        end=end,
        sentence=cand.head.sent.text.strip(),
    )


def _expands_acronym(tokens: list[Token], names: Iterable[str]) -> bool:
    initials = "".join(w[0] for t in tokens for w in re.split(r"[\-–]", t.text) if w).upper()
    return any(n.isupper() and len(n) >= 2 and n == initials for n in names)


def _modifiers(tokens: list[Token], head: Token) -> list[str]:
    """Premodifier words of the term, hyphenated compounds kept whole."""
    rest = [t for t in tokens if t.i != head.i]
    groups: list[list[Token]] = []
    for tok in rest:
        if groups:
            prev = groups[-1][-1]
            between = tok.doc[prev.i + 1 : tok.i]
            if len(between) == 1 and between[0].text in "-–" and not prev.whitespace_:
                groups[-1].append(tok)
                continue
        groups.append([tok])
    return [_text_of(g) for g in groups]


def _doc_main_actor(ctx: _Context, story_mentions: dict[str, int]) -> str | None:
    """The organised actor this document names most (as a noun, not "Iranian" as an
    adjective); ties go to the one the story names most."""
    counts: Counter[str] = Counter(
        e for i, e in ctx.refs.items() if _compatible_group(ctx, e, ctx.parsed[i])
    )
    if not counts:
        return None
    return max(counts, key=lambda e: (counts[e], story_mentions.get(e, 0), e))


def _title_mentions(title: str, entities: list[Entity]) -> list[tuple[int, int, str]]:
    """Where entity names and aliases occur in a headline (word-bounded, case-sensitive)."""
    found = []
    for entity in entities:
        for name in {entity.name, *entity.aliases}:
            if len(name) < 2 or name not in title:  # (most names are not in a headline: no pattern to build)
                continue
            for m in _name_pattern(name).finditer(title):
                found.append((m.start(), m.end(), entity.id))
    return found


@lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern:
    """A name, word-bounded, compiled once: a story's names outnumber ``re``'s own cache,
    which compiled them again for every headline."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def _labels_in(ctx: _Context, lexicon: Lexicon, names: dict[str, str]) -> list[Label]:
    sent_of = parse_memo(ctx.parsed, "sentence of token", lambda: _sent_index(ctx.parsed))
    _resolve_np_references(ctx, sent_of, names)
    _resolve_pronouns(ctx, sent_of)
    labels: list[Label] = []
    seen: set[tuple[str, int]] = set()
    for cand in _candidates(ctx) + _free_relatives(ctx, sent_of, names):
        key = (cand.entity, cand.head.i)
        if key in seen or negated(cand):
            continue
        # a descriptor that is itself a name of another entity is not a label
        if not cand.given_name and any(
            t.i in ctx.tok_entity
            and ctx.tok_entity[t.i] != cand.entity
            and ctx.entity_types.get(ctx.tok_entity[t.i]) not in PLACE_TYPES
            for t in cand.tokens
        ):
            continue
        try:
            label = _make_label(cand, ctx, lexicon)
        except Exception:  # one odd parse must not lose the story's other labels
            continue
        if label is not None:
            seen.add(key)
            labels.append(label)
    return labels


def find_labels(
    docs: list[Document],
    parsed: dict[str, Doc],
    entities: list[Entity],
    quotes: list[Quote],
    settings: Settings | None = None,
    lexicon: Lexicon | None = None,
    nlp=None,
) -> list[Label]:
    """Every label each document applies to an entity, with voice, loadedness and evidence.

    Headlines (``Document.title``, not part of the text) are parsed here with ``nlp``
    (default: the configured spaCy pipeline, already loaded and cached); their labels have
    ``in_title`` set and spans into the title.
    """
    settings = settings or Settings()
    lexicon = lexicon or load_lexicon(settings.lexicon_paths)
    entity_types = {e.id: e.type for e in entities}
    names = {e.id: " ".join([e.name, *e.aliases]).lower() for e in entities}
    institutional = {
        e.id
        for e in entities
        if any(w in INSTITUTION_WORDS for w in re.findall(r"[a-z]+", " ".join([e.name, *e.aliases]).lower()))
    }
    names_of = {e.id: (e.name, *e.aliases) for e in entities}
    story_mentions = {e.id: sum(e.mentions.values()) or len(e.spans) for e in entities}
    spans_by_doc: dict[str, list] = defaultdict(list)
    for entity in entities:
        for m in entity.spans:
            spans_by_doc[m.doc].append((m.start, m.end, entity.id))
    per_doc: list[tuple[list[Label], tuple[Document, str, _Context] | None]] = []
    for document in docs:
        p = parsed.get(document.id)
        if p is None:
            continue
        ctx = _Context(document.id, p, False, entity_types, institutional, None, names_of)
        for start, end, entity_id in sorted(spans_by_doc[document.id]):
            _add_mention(ctx, p.char_span(start, end, alignment_mode="expand"), entity_id)
        doc_actor = _doc_main_actor(ctx, story_mentions)
        ctx.main_actor = doc_actor
        ctx.direct_quotes = [q for q in quotes if q.doc == document.id and q.kind == "direct"]
        ctx.indirect_quotes = [q for q in quotes if q.doc == document.id and q.kind == "indirect"]
        ctx.quote_marks = parse_memo(p, "quote marks", lambda: _quote_mark_spans(doc_text(p)))
        body: list[Label] = []
        try:
            body = _labels_in(ctx, lexicon, names)
        except Exception:  # never lose the run to one document
            pass
        wants_title = bool(document.title and document.title.strip() and doc_actor)
        per_doc.append((body, (document, doc_actor, ctx) if wants_title else None))
    titles = _parse_titles([t[0].title for _, t in per_doc if t is not None], settings, nlp)
    labels: list[Label] = []
    for body, title_of in per_doc:
        labels.extend(body)
        if title_of is not None:
            document, doc_actor, ctx = title_of
            labels.extend(_title_labels(document, entities, doc_actor, ctx, lexicon, names, next(titles)))
    return labels


def _parse_titles(titles: list[str], settings: Settings, nlp) -> Iterator[Doc | None]:
    """The story's headlines parsed in one ``nlp.pipe`` call (a call per headline costs
    twice as much; the parses are the same); None for a headline that cannot be parsed."""
    if not titles:
        return iter(())
    try:
        if nlp is None:
            from ..nlp import load_spacy

            nlp = load_spacy(settings)
        return iter(list(nlp.pipe(titles)))
    except Exception:  # a headline is optional evidence: one that fails loses only itself
        return iter([_parse_title(nlp, t) for t in titles])


def _parse_title(nlp, title: str) -> Doc | None:
    try:
        return nlp(title)
    except Exception:
        return None


def _title_labels(document, entities, doc_actor, body_ctx, lexicon, names, title: Doc | None) -> list[Label]:
    if title is None:
        return []
    try:
        ctx = _Context(document.id, title, True, body_ctx.entity_types, body_ctx.institutional, doc_actor, body_ctx.names_of)
        for start, end, entity_id in _title_mentions(document.title, entities):
            _add_mention(ctx, title.char_span(start, end, alignment_mode="expand"), entity_id)
        ctx.quote_marks = _quote_mark_spans(title.text)
        return _labels_in(ctx, lexicon, names)
    except Exception:  # a headline is optional evidence; never fail the document over it
        return []
