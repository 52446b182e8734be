"""References back to entities: definite noun phrases and pronouns, resolved by small rules
that skip whenever more than one actor could be meant."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..model import Quote
from ..nlp import doc_text, in_quote_marks
from .lexicon import ACTOR_TYPES, COREF_SENTENCE_WINDOW, DETERMINERS_ANAPHORIC, GROUP_NOUNS, MAIN_ACTOR_SENTENCE_WINDOW, MEMBER_NOUNS, PRONOUNS_PLURAL, PRONOUN_SENTENCE_WINDOW, RELATIVE_PRONOUNS, SPEECH_VERBS

# --- references to entities --------------------------------------------------------------


@dataclass
class _Context:
    """What the rules need about one parsed text (a body or a headline)."""

    doc_id: str
    parsed: Doc
    in_title: bool
    entity_types: dict[str, str]
    institutional: set[str]
    main_actor: str | None
    names_of: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tok_entity: dict[int, str] = field(default_factory=dict)  # token -> entity id (name tokens)
    refs: dict[int, str] = field(default_factory=dict)  # referring token (NP root) -> entity id
    descriptive: set[int] = field(default_factory=set)  # entity spans that are a common noun ("the president")
    direct_quotes: list[Quote] = field(default_factory=list)
    indirect_quotes: list[Quote] = field(default_factory=list)
    quote_marks: list[tuple[int, int]] = field(default_factory=list)  # inner [start, end)
    chunk_roots: dict[int, Token] | None = None  # noun chunk start -> its root, filled when first asked
    text: str = field(init=False, default="")  # parsed.text, kept: Doc.text joins every token each call

    def __post_init__(self) -> None:
        self.text = doc_text(self.parsed)


def _sent_index(parsed: Doc) -> dict[int, int]:
    index = {}
    for n, sent in enumerate(parsed.sents):
        for tok in sent:
            index[tok.i] = n
    return index


def _add_mention(ctx: _Context, span: Span | None, entity_id: str) -> None:
    if span is None or len(span) == 0:
        return
    for tok in span:
        ctx.tok_entity.setdefault(tok.i, entity_id)
    ctx.refs.setdefault(span.root.i, entity_id)
    if len(span) == 1 and span.root.is_alpha and (
            span.root.pos_ == "NOUN" or span.root.pos_ == "PROPN" and in_quote_marks(span.root)):
        # a bare title or group noun the entities resolved, or a nickname in quotation
        # marks the entities gave the person ("nicknamed him "Little Tin Man"")
        ctx.descriptive.add(span.root.i)


def _is_adjectival(tok: Token) -> bool:
    return tok.pos_ == "ADJ" or tok.dep_ == "amod"


def _compatible_group(ctx: _Context, entity_id: str, root: Token) -> bool:
    return (
        ctx.entity_types.get(entity_id) in ACTOR_TYPES
        and entity_id not in ctx.institutional
        and not _is_adjectival(root)
    )


def _resolve_back(ctx: _Context, tok: Token, sent_of: dict[int, int], head_lemma: str, names: dict[str, str]) -> str | None:
    """The entity a definite group/member NP at ``tok`` refers back to, or None if unclear."""
    here = sent_of[tok.i]
    recent: list[tuple[int, str]] = []
    main_seen = False
    for ref_i, entity_id in ctx.refs.items():
        if ref_i >= tok.left_edge.i:
            continue
        distance = here - sent_of[ref_i]
        if entity_id == ctx.main_actor and distance <= MAIN_ACTOR_SENTENCE_WINDOW:
            main_seen = True
        if distance <= COREF_SENTENCE_WINDOW and _compatible_group(ctx, entity_id, ctx.parsed[ref_i]):
            recent.append((ref_i, entity_id))
    candidates = {e for _, e in recent}
    if len(candidates) == 1:
        return next(iter(candidates))
    if len(candidates) > 1:
        # The head noun in the name ("the union" -> "Dock Workers Union") settles it.
        named = {e for e in candidates if head_lemma in names.get(e, "")}
        if len(named) == 1:
            return next(iter(named))
        latest = max(recent)[1]
        return latest if latest == ctx.main_actor else None
    if main_seen or (ctx.in_title and ctx.main_actor):
        return ctx.main_actor
    return None


def _anaphoric_np(tok: Token, name_words: frozenset[str] = frozenset()) -> bool:
    """A definite NP headed by a group or member noun (or by a word of an actor's name:
    "the committee") that can refer back to an actor."""
    if tok.pos_ != "NOUN":
        return False
    lemma = tok.lemma_.lower()
    if lemma not in GROUP_NOUNS and lemma not in MEMBER_NOUNS and lemma not in name_words:
        return False
    dets = [c for c in tok.children if c.dep_ == "det"]
    if not dets or dets[0].lower_ not in DETERMINERS_ANAPHORIC:
        return False
    # "the group of protesters", "the group that attacked": a new referent, defined here.
    if any(c.dep_ in {"relcl", "acl"} or (c.dep_ == "prep" and c.lower_ == "of") for c in tok.children):
        return False
    return True


def _social_party(tok: Token) -> bool:
    """"the birthday party", "a house party": a gathering, not a political party."""
    return tok.lemma_.lower() == "party" and any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in tok.children)


def _name_words(ctx: _Context, names: dict[str, str]) -> dict[str, set[str]]:
    """Common-noun words of the names of the organised actors named in this text."""
    named = set(ctx.tok_entity.values())
    words: dict[str, set[str]] = defaultdict(set)
    for entity_id in named:
        if ctx.entity_types.get(entity_id) != "ORG":
            continue
        for word in re.findall(r"[a-z]+", names.get(entity_id, "")):
            if len(word) > 3:
                words[word].add(entity_id)
    return words


def _resolve_np_references(ctx: _Context, sent_of: dict[int, int], names: dict[str, str]) -> None:
    name_words = _name_words(ctx, names)
    for tok in ctx.parsed:
        if tok.i in ctx.refs or tok.i in ctx.tok_entity or not _anaphoric_np(tok, frozenset(name_words)):
            continue
        lemma = tok.lemma_.lower()
        if lemma not in GROUP_NOUNS and lemma not in MEMBER_NOUNS:
            # "the committee" for the one named actor with that word in its name, named before
            owners = {e for e in name_words.get(lemma, ()) if any(i < tok.i and x == e for i, x in ctx.tok_entity.items())}
            # every modifier must be a word of that name too: "the interior committee" is
            # another committee than the "Valley Relief Committee"
            mods = [c.lower_ for c in tok.children if c.dep_ in {"amod", "compound", "nmod"}]
            if len(owners) == 1 and all(m in names.get(next(iter(owners)), "") for m in mods):
                ctx.refs[tok.i] = next(iter(owners))
            continue
        if any(t.i in ctx.tok_entity and ctx.entity_types.get(ctx.tok_entity[t.i]) in ACTOR_TYPES for t in tok.subtree):
            continue  # the NP names an actor ("the Front group"); handled by the name rules
        if lemma in GROUP_NOUNS and tok.tag_ == "NNS":
            continue  # "the relevant parties", "the groups": several bodies, not the one named before
        if lemma in MEMBER_NOUNS and tok.tag_ == "NN":
            continue  # "the gunman": one person, never the body named before ("the gunmen" may be its fighters)
        if _social_party(tok):
            continue
        entity_id = _resolve_back(ctx, tok, sent_of, tok.lemma_.lower(), names)
        if entity_id:
            ctx.refs[tok.i] = entity_id


def _clause_verb(tok: Token) -> Token:
    head = tok.head
    while head.dep_ in {"conj", "xcomp"} and head.head.i != head.i:
        head = head.head
    return head


def _in_quote_marks(ctx: _Context, tok: Token) -> bool:
    return any(s <= tok.idx < e for s, e in ctx.quote_marks)


def _predicate_head(subject: Token) -> Token | None:
    """The group noun a subject is said to be: "they are a cult", "considers them a group"."""
    verb = subject.head
    if subject.dep_ == "nsubj" and verb.lemma_ in {"be", "become", "remain"}:
        for child in verb.children:
            if child.dep_ == "attr" and child.lemma_.lower() in GROUP_NOUNS:
                return child
    if subject.dep_ == "nsubj" and verb.pos_ == "NOUN" and verb.lemma_.lower() in GROUP_NOUNS:
        return verb
    return None


def _resolve_pronouns(ctx: _Context, sent_of: dict[int, int]) -> None:
    """"they"/"them" and relative pronouns, only where one actor is plainly meant."""
    for tok in ctx.parsed:
        lower = tok.lower_
        if tok.pos_ != "PRON" or tok.i in ctx.refs:
            continue
        if lower in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            antecedent = tok.head.head
            if antecedent.i in ctx.refs:
                ctx.refs[tok.i] = ctx.refs[antecedent.i]
            continue
        if lower not in PRONOUNS_PLURAL and lower != "it":
            continue
        # "X said it was ...": the pronoun in a speech verb's complement is its subject.
        verb = tok.head
        if lower == "it" and verb.dep_ == "ccomp" and verb.head.lemma_ in SPEECH_VERBS:
            subjects = [
                c
                for c in verb.head.children
                if c.dep_ == "nsubj" and c.i in ctx.refs and _compatible_group(ctx, ctx.refs[c.i], c)
            ]
            if subjects and not _in_quote_marks(ctx, tok):
                ctx.refs[tok.i] = ctx.refs[subjects[0].i]
                continue
        if lower == "it":
            continue  # too many things are "it"
        own_verb = _clause_verb(tok)
        here = sent_of[tok.i]
        candidates = []
        for ref_i, entity_id in ctx.refs.items():
            if ref_i >= tok.i or here - sent_of[ref_i] > PRONOUN_SENTENCE_WINDOW:
                continue
            ref = ctx.parsed[ref_i]
            if ref.dep_ in {"nsubj", "nsubjpass"} and ref.head == own_verb:
                continue  # a pronoun object never refers to its own clause's subject
            if _compatible_group(ctx, entity_id, ref):
                candidates.append((ref_i, entity_id))
        if not candidates:
            # "They are a cult": a plural pronoun said to be a group is the story's main
            # organised actor when no other organisation is near.
            if ctx.main_actor and _predicate_head(tok) is not None and not any(
                r < tok.i and here - sent_of[r] <= COREF_SENTENCE_WINDOW and _compatible_group(ctx, e, ctx.parsed[r])
                for r, e in ctx.refs.items()
            ):
                ctx.refs[tok.i] = ctx.main_actor
            continue
        latest_i, entity_id = max(candidates)
        if len({e for _, e in candidates}) > 1 and entity_id != ctx.main_actor:
            continue  # two organisations it could be: skip
        # Another plural subject between the antecedent and the pronoun makes it ambiguous.
        competing = [
            t
            for t in ctx.parsed[latest_i + 1 : tok.i]
            if t.dep_ in {"nsubj", "nsubjpass"}
            and t.tag_ in {"NNS", "NNPS"}
            and t.i not in ctx.refs
            and not any(s.i in ctx.refs for s in t.subtree)
        ]
        if not competing:
            ctx.refs[tok.i] = entity_id
