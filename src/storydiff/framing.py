"""How each outlet labels the actors: descriptive terms, in whose voice, loaded or not.

A *label* is a descriptive noun phrase that a document applies to an entity: an
apposition ("the Front, a banned militia"), a predicate nominal ("the Front is a
cult"), a modifier of the name ("the violent Front"), a descriptor whose name follows
("the outlawed group Halden Front"), an "as" phrase ("designated as a terrorist
group"), or a definite noun phrase that refers back to the actor ("the exiled group").
Every label says in whose voice it is: the narrator's own, quoted (inside someone's
quotation) or attributed (the outlet marks distance: scare quotes, "X considers them",
"described as", reported speech).

All of it works on the dependency parse of the one spaCy pass: no coreference model is
installed, so references back ("the group", "they") are resolved by small, conservative
rules that skip whenever more than one actor could be meant (precision first).
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from .model import Document, Entity, Framing, Label, OutletFraming, Quote
from .settings import Settings

# --- vocabulary --------------------------------------------------------------------------

GROUP_NOUNS = frozenset(
    "group organisation organization movement cult sect party faction militia outfit network "
    "coalition alliance front army brigade gang cartel syndicate union opposition camp".split()
)
"""Heads that can name an organised actor; a definite NP with one of these heads may
refer back to an ORG/NORP entity."""

MEMBER_NOUNS = frozenset(
    "member militant fighter terrorist extremist rebel insurgent cultist dissident element "
    "activist supporter loyalist follower operative jihadist guerrilla radical exile separatist "
    "gunman resident".split()
)
"""Heads that name the people of an organised actor ("these terrorists")."""

ACTOR_TYPES = frozenset({"ORG", "NORP"})
"""Entity types that group and member nouns may refer back to."""

INSTITUTION_WORDS = frozenset(
    "ministry department police court government parliament agency office commission embassy "
    "army navy prosecutor university bank council news times post radio television tv press "
    "service authority bureau".split()
)
"""Words in an organisation's name that make it an institution rather than a group: a
definite "the group" does not refer back to a ministry."""

VIEW_VERBS = frozenset(
    "consider regard call describe portray label brand designate list blacklist delist deem view "
    "see dub term characterise characterize depict paint classify declare denounce condemn "
    "accuse refer tag".split()
)
"""Verbs whose subject (or agent) holds the view that the label expresses."""

SPEECH_VERBS = frozenset(
    "say tell claim allege state announce add warn insist argue write tweet report believe think "
    "contend assert note stress underline suggest maintain explain reply told accuse question ask wonder doubt "
    "fear hope".split()
)
"""Verbs of saying and thinking: a label in their clausal complement is reported speech."""

NON_LABEL_HEADS = frozenset(
    "one part home site case result reason way number lot kind type example subject focus "
    "target topic name".split()
)
"""Predicate heads that say where or what share an actor is, not what it is."""

DETERMINERS_ANAPHORIC = frozenset({"the", "this", "these", "that", "those"})
PRONOUNS_PLURAL = frozenset({"they", "them"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "that"})
QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’", "«": "»"}

SCARE_QUOTE_MAX_WORDS = 5
"""A quotation of at most this many words is a scare quote (the outlet distancing itself
from a word) rather than a quoted statement. Five words keeps "a 'terrorist' group" and
"'operates like a cult'" as scare quotes while whole quoted clauses count as speech."""

COREF_SENTENCE_WINDOW = 2
"""A definite group NP refers back to an entity mentioned in its own sentence or in at
most this many sentences before. Longer reach finds more labels but picks the wrong
actor more often."""

MAIN_ACTOR_SENTENCE_WINDOW = 4
"""When no compatible entity is in the short window, the story's main actor is taken if
the document named it at most this many sentences before."""

PRONOUN_SENTENCE_WINDOW = 1
""""they"/"them" refer back at most this many sentences."""

MAX_TERM_TOKENS = 8
"""Premodifier chains longer than this are usually misparses; the term is cut to the
tokens nearest the head."""

MAIN_ACTORS_MAX = 5
"""How many of a story's most-labelled entities get a framing comparison (besides every
entity labelled in two or more documents)."""

HEADLINE_CREDIT = re.compile(r"^(?P<claim>.+?):\s*(?P<who>[^:]{2,60})$")
"""'Claim: source' headlines ("X is a threat: rights group") attribute the claim."""


# --- lexicon -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LexiconEntry:
    term: str
    words: tuple[str, ...]
    category: str
    polarity: str
    note: str = ""


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[LexiconEntry, ...]

    def match(self, words: list[tuple[str, str]]) -> list[LexiconEntry]:
        """Entries whose words occur contiguously in ``words`` ((lower, lemma) pairs)."""
        found = []
        for entry in self.entries:
            n = len(entry.words)
            for i in range(len(words) - n + 1):
                if all(w in words[i + k] for k, w in enumerate(entry.words)):
                    found.append(entry)
                    break
        return found


def _lexicon_words(term: str) -> tuple[str, ...]:
    # Hyphens are their own tokens in spaCy; matching on the words alone makes
    # "Western-backed" and "Western - backed" the same.
    return tuple(w for w in re.split(r"[\s\-–]+", term.lower()) if w)


def load_lexicon(paths: Iterable[str | Path] = ()) -> Lexicon:
    """The bundled lexicon plus ``paths`` (same TSV format); later files override terms."""
    by_term: dict[str, LexiconEntry] = {}
    sources: list[str] = [resources.files("storydiff").joinpath("data/lexicon.tsv").read_text(encoding="utf-8")]
    for path in paths:
        sources.append(Path(path).read_text(encoding="utf-8"))
    for text in sources:
        rows = csv.reader(text.splitlines(), delimiter="\t")
        for row in rows:
            if not row or row[0].startswith("#") or row[0].strip().lower() == "term":
                continue
            term = row[0].strip()
            if not term:
                continue
            category = row[1].strip() if len(row) > 1 and row[1].strip() else "loaded"
            polarity = row[2].strip().lower() if len(row) > 2 and row[2].strip() else "negative"
            note = row[3].strip() if len(row) > 3 else ""
            by_term[term.lower()] = LexiconEntry(term, _lexicon_words(term), category, polarity, note)
    return Lexicon(tuple(by_term.values()))


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
    direct_quotes: list[Quote] = field(default_factory=list)
    indirect_quotes: list[Quote] = field(default_factory=list)
    quote_marks: list[tuple[int, int]] = field(default_factory=list)  # inner [start, end)
    text: str = field(init=False, default="")  # parsed.text, kept: Doc.text joins every token each call

    def __post_init__(self) -> None:
        self.text = self.parsed.text


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


# --- label candidates --------------------------------------------------------------------


@dataclass
class _Candidate:
    entity: str
    head: Token
    tokens: list[Token]
    construction: str
    view_verb: Token | None = None  # set when a view verb governs the label


PLACE_TYPES = frozenset({"GPE", "NORP", "LOC"})
"""Names that may stay inside a term ("Iranian opposition group", "anti-Iran"): they say
where the actor belongs, and are part of how the outlet describes it."""

EXCLUDED_DEPS = frozenset({"det", "predet", "poss", "nummod", "case", "cc", "preconj", "quantmod", "advmod"})


def _term_tokens(head: Token, ctx: _Context) -> list[Token]:
    """The head noun and its premodifiers; determiners, numbers and actor names left out."""
    doc = head.doc
    keep: set[int] = set()
    left = head.left_edge.i
    for tok in doc[left : head.i]:
        if tok.is_punct or tok.like_num or tok.dep_ in EXCLUDED_DEPS or tok not in head.subtree:
            continue
        entity = ctx.tok_entity.get(tok.i)
        if entity is not None and ctx.entity_types.get(entity) not in PLACE_TYPES:
            continue
        if tok.pos_ in {"PRON", "DET", "ADP", "NUM", "SCONJ", "CCONJ", "AUX", "PART"}:
            continue
        if tok.pos_ == "PROPN" and entity is None and tok.dep_ != "amod":
            continue
        keep.add(tok.i)
    # glue hyphenated compounds: "Western-backed", "anti-Iran"
    for tok in doc[left : head.i]:
        if tok.text in "-–" and not tok.whitespace_ and tok.i > 0 and not doc[tok.i - 1].whitespace_:
            a, b = tok.i - 1, tok.i + 1
            if (a in keep or b in keep) and b <= head.i:
                for k in (a, b):
                    if doc[k].is_alpha and ctx.entity_types.get(ctx.tok_entity.get(k, ""), "GPE") in PLACE_TYPES:
                        keep.add(k)
    # only the contiguous run that ends at the head (names and hyphens may sit in between)
    run: list[Token] = []
    for i in range(head.i - 1, left - 1, -1):
        if i in keep:
            run.insert(0, doc[i])
        elif not (doc[i].is_punct or i in ctx.tok_entity or doc[i].like_num):
            break
    return (run + [head])[-MAX_TERM_TOKENS:]


def _text_of(tokens: list[Token]) -> str:
    """Join tokens, keeping hyphenated compounds ("Western-backed") intact."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    out = []
    for n, tok in enumerate(tokens):
        if n:
            prev = tokens[n - 1]
            between = doc[prev.i + 1 : tok.i]
            if len(between) == 1 and between[0].text in "-–" and not prev.whitespace_ and not between[0].whitespace_:
                out.append(between[0].text)
            elif prev.whitespace_ or tok.i != prev.i + 1:
                out.append(" ")
        out.append(tok.text)
    return "".join(out)


def _is_label_head(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and tok.lemma_.lower() not in NON_LABEL_HEADS and tok.is_alpha


def _free_relatives(ctx: _Context, sent_of: dict[int, int], names: dict[str, str]) -> list[_Candidate]:
    """'what the ministry calls an "extremist" group': the named group is the actor the
    sentence is about, resolved like a reference back."""
    found = []
    for tok in ctx.parsed:
        if tok.lower_ != "what" or tok.head.lemma_ not in VIEW_VERBS:
            continue
        verb = tok.head
        heads = [c for c in verb.children if c.dep_ in {"oprd", "attr", "ccomp", "xcomp"} and c.pos_ == "NOUN"]
        heads += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
        for head in heads:
            if head.lemma_.lower() not in GROUP_NOUNS | MEMBER_NOUNS or not _is_label_head(head):
                continue
            entity_id = _resolve_back(ctx, tok, sent_of, head.lemma_.lower(), names)
            if entity_id:
                found.append(_Candidate(entity_id, head, _term_tokens(head, ctx), "what-x-calls", view_verb=verb))
    return found


def _candidates(ctx: _Context) -> list[_Candidate]:
    found: list[_Candidate] = []
    parsed = ctx.parsed
    for ref_i, entity_id in ctx.refs.items():
        ref = parsed[ref_i]
        # 1. apposition: "the Front, a banned militia"
        for child in ref.children:
            if child.dep_ == "appos" and _is_label_head(child) and child.i not in ctx.tok_entity and _delimited(child):
                found.append(_Candidate(entity_id, child, _term_tokens(child, ctx), "apposition"))
        # the parser often misses ", a group ..." after a name with an (ACRONYM)
        found.extend(_surface_apposition(ctx, ref, entity_id))
        # 2. predicate nominal: "the Front is a militia"; small clause "considers them a group"
        if ref.dep_ in {"nsubj", "nsubjpass"}:
            verb = ref.head
            if verb.lemma_ in {"be", "become", "remain"}:
                for child in verb.children:
                    if child.dep_ in {"attr", "acomp"} and _is_label_head(child):
                        found.append(_Candidate(entity_id, child, _term_tokens(child, ctx), "predicate"))
            elif _is_label_head(verb) and verb.head.lemma_ in VIEW_VERBS:
                found.append(
                    _Candidate(entity_id, verb, _term_tokens(verb, ctx), "predicate", view_verb=verb.head)
                )
        # "officials called the Front a gang"
        if ref.dep_ == "dobj":
            for child in ref.head.children:
                if child.dep_ == "oprd" and _is_label_head(child):
                    found.append(
                        _Candidate(entity_id, child, _term_tokens(child, ctx), "predicate", view_verb=ref.head)
                    )
        # 3. "as" phrase: "designated X as a terrorist group", "started as a student movement"
        has_object = any(c.dep_ == "dobj" for c in ref.head.children)
        if ref.dep_ in {"nsubjpass", "dobj"} or (ref.dep_ == "nsubj" and not has_object) or (ref.lower_ in RELATIVE_PRONOUNS):
            verb = ref.head
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ == "as":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and _is_label_head(pobj):
                            view = verb if verb.lemma_ in VIEW_VERBS else None
                            found.append(_Candidate(entity_id, pobj, _term_tokens(pobj, ctx), "as-phrase", view))
        if ref.i in ctx.tok_entity:
            found.extend(_name_rules(ctx, ref, entity_id))
        else:
            # 4. the reference itself, when it describes ("the exiled group", "these terrorists")
            if ref.pos_ == "NOUN" and _anaphoric_np(ref):
                found.append(_Candidate(entity_id, ref, _term_tokens(ref, ctx), "reference"))
    # "the exiled militant group Halden Front": a group noun right before an actor's name
    for tok in parsed:
        if tok.i + 1 >= len(parsed) or tok.i in ctx.tok_entity or tok.pos_ != "NOUN":
            continue
        named = ctx.tok_entity.get(tok.i + 1)
        if named and ctx.entity_types.get(named) in ACTOR_TYPES and tok.lemma_.lower() in GROUP_NOUNS:
            tokens = _term_tokens(tok, ctx)
            if len(tokens) > 1:
                found.append(_Candidate(named, tok, tokens, "name-in-np"))
    return found


def _delimited(head: Token) -> bool:
    """An appositive set off by commas or brackets: ", a banned militia," — not a dateline
    dash ("CITY – Passengers ...") nor a misparse running into the main clause."""
    doc = head.doc
    left, right = head.left_edge.i, head.right_edge.i
    if left == 0 or doc[left - 1].text not in {",", "(", "—"}:
        return False
    return right + 1 >= len(doc) or doc[right + 1].text in {",", ")", ";", ".", "—", ":", "!", "?"} or doc[right + 1].is_quote


def _surface_apposition(ctx: _Context, ref: Token, entity_id: str) -> list[_Candidate]:
    """'NAME (ACR), a/an ... NOUN' read from the token sequence when the parse missed it."""
    parsed = ctx.parsed
    i = max((t.i for t in ref.subtree if t.i in ctx.tok_entity or t.text in "()"), default=ref.i) + 1
    if i >= len(parsed) or parsed[i].text != ",":
        return []
    if i + 1 >= len(parsed) or parsed[i + 1].lower_ not in {"a", "an"}:
        return []
    for chunk in parsed.noun_chunks:
        if chunk.start == i + 1:
            head = chunk.root
            if head.dep_ == "appos" and head.head == ref:
                return []  # already an apposition
            if _is_label_head(head) and head.lemma_.lower() in GROUP_NOUNS | MEMBER_NOUNS:
                return [_Candidate(entity_id, head, _term_tokens(head, ctx), "apposition")]
    return []


def _loaded_word(tok: Token) -> bool:
    # titles before a person's name ("police chief X") are roles, not framing; only a
    # loaded premodifier ("notorious X") makes a label of them. Cheap check on the bundled
    # lexicon's words, loaded once.
    return tok.lemma_.lower() in _bundled_loaded_words() or tok.lower_ in _bundled_loaded_words()


@lru_cache(maxsize=1)
def _bundled_loaded_words() -> frozenset[str]:
    return frozenset(e.words[0] for e in load_lexicon().entries if len(e.words) == 1 and e.polarity != "neutral")


def _name_rules(ctx: _Context, ref: Token, entity_id: str) -> list[_Candidate]:
    """Descriptors fused with the name: 'the violent Front', 'the outlawed group Front',
    'the Front terror group'."""
    found = []
    # premodifiers of the name itself ("the terrorist Front Organization")
    pre = [
        c
        for c in ref.children
        if c.i < ref.i
        and c.i not in ctx.tok_entity
        and c.dep_ in {"amod", "compound", "nmod"}
        and c.pos_ in {"ADJ", "NOUN", "VERB"}
        and c.is_alpha
    ]
    if pre and (ctx.entity_types.get(entity_id) in ACTOR_TYPES or any(_loaded_word(c) for c in pre)):
        head = pre[-1]
        tokens = [t for t in _term_tokens(ref, ctx) if t.i != ref.i and t.i not in ctx.tok_entity]
        if tokens:
            found.append(_Candidate(entity_id, head, tokens, "name-modifier"))
    # the name inside an NP whose head is a group noun: "the Front terror group",
    # or a group noun compounded onto the name: "the militant group Halden Front"
    up = ref
    while up.dep_ == "compound" and up.head.i > up.i and up.head.i not in ctx.tok_entity:
        up = up.head
        if up.pos_ == "NOUN" and up.lemma_.lower() in GROUP_NOUNS | MEMBER_NOUNS:
            tokens = _term_tokens(up, ctx)
            if len(tokens) > 1 or _loaded_word(up):
                found.append(_Candidate(entity_id, up, tokens, "name-in-np"))
            break
    for child in ref.children:
        if (
            child.dep_ in {"compound", "nmod"}
            and child.i < ref.i
            and child.i not in ctx.tok_entity
            and child.pos_ == "NOUN"
            and child.lemma_.lower() in GROUP_NOUNS
        ):
            tokens = _term_tokens(child, ctx)
            if len(tokens) > 1:
                found.append(_Candidate(entity_id, child, tokens, "name-in-np"))
                found[:] = [c for c in found if c.construction != "name-modifier"]
    if ref.dep_ == "appos" and _is_label_head(ref.head) and ref.head.i not in ctx.tok_entity:
        head = ref.head
        if head.lemma_.lower() in GROUP_NOUNS | MEMBER_NOUNS:
            found.append(_Candidate(entity_id, head, _term_tokens(head, ctx), "name-in-np"))
    return found


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


# --- labels ------------------------------------------------------------------------------


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
    if not modifiers and not polarities and head.lemma_.lower() in GROUP_NOUNS | MEMBER_NOUNS:
        return None  # "the group", "a group": refers, describes nothing
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
            if len(name) < 2:
                continue
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", title):
                found.append((m.start(), m.end(), entity.id))
    return found


def _labels_in(ctx: _Context, lexicon: Lexicon, names: dict[str, str]) -> list[Label]:
    sent_of = _sent_index(ctx.parsed)
    _resolve_np_references(ctx, sent_of, names)
    _resolve_pronouns(ctx, sent_of)
    labels: list[Label] = []
    seen: set[tuple[str, int]] = set()
    for cand in _candidates(ctx) + _free_relatives(ctx, sent_of, names):
        key = (cand.entity, cand.head.i)
        if key in seen:
            continue
        # a descriptor that is itself a name of another entity is not a label
        if any(
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
        ctx.quote_marks = _quote_mark_spans(p.text)
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
            from .nlp import load_spacy

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


# --- comparison --------------------------------------------------------------------------


def compare_framing(labels: list[Label], entities: list[Entity], docs: list[Document]) -> list[Framing]:
    """Per main actor: each document's labels by voice, and the terms no other document uses.

    Main actors are the entities labelled in two or more documents plus the
    ``MAIN_ACTORS_MAX`` most-labelled ones. Copies keep their own entry (the report folds
    them); ``unique`` compares against the other documents that are not copies of this one.
    """
    by_entity: dict[str, list[Label]] = defaultdict(list)
    for label in labels:
        by_entity[label.entity].append(label)
    if not by_entity:
        return []
    names = {e.id: e.name for e in entities}
    mentions = {e.id: sum(e.mentions.values()) for e in entities}
    ranked = sorted(by_entity, key=lambda e: (-len(by_entity[e]), -mentions.get(e, 0), e))
    chosen = [e for e in ranked if len({l.doc for l in by_entity[e]}) >= 2]
    chosen += [e for e in ranked[:MAIN_ACTORS_MAX] if e not in chosen]
    canonical = {d.id: d.duplicate_of or d.id for d in docs}
    order = [d.id for d in docs]
    framings = []
    for entity_id in chosen:
        entity_labels = by_entity[entity_id]
        terms_by_outlet: dict[str, set[str]] = defaultdict(set)
        for label in entity_labels:
            terms_by_outlet[canonical.get(label.doc, label.doc)].add(_norm(label.term))
        by_document: dict[str, OutletFraming] = {}
        docs_with = sorted({l.doc for l in entity_labels}, key=lambda d: order.index(d) if d in order else len(order))
        for doc_id in docs_with:
            own = [l for l in entity_labels if l.doc == doc_id]
            group = canonical.get(doc_id, doc_id)
            others = set().union(*(t for g, t in terms_by_outlet.items() if g != group)) if len(terms_by_outlet) > 1 else set()
            voices: dict[str, list[str]] = {"narrator": [], "quoted": [], "attributed": []}
            for label in own:
                if label.term not in voices[label.voice]:
                    voices[label.voice].append(label.term)
            unique = []
            if len(terms_by_outlet) > 1:
                for label in own:
                    if _norm(label.term) not in others and label.term not in unique:
                        unique.append(label.term)
            by_document[doc_id] = OutletFraming(
                narrator=voices["narrator"],
                quoted=voices["quoted"],
                attributed=voices["attributed"],
                unique=unique,
                counts=dict(Counter(l.voice for l in own)),
            )
        framings.append(Framing(entity=entity_id, name=names.get(entity_id, entity_id), by_document=by_document))
    return framings


def _norm(term: str) -> str:
    return re.sub(r"[\s\-–]+", " ", term.lower()).strip()
