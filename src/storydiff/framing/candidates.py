"""Label candidates: the constructions that tie a descriptive noun phrase to an entity."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .lexicon import (ACTOR_TYPES, DESCRIPTION_NON_LABEL_HEADS, GROUP_NOUNS, MAX_TERM_TOKENS, MEMBER_NOUNS, NON_LABEL_HEADS,
                      QUANTIFYING_WORDS, RELATIVE_PRONOUNS, TIME_UNITS, TIME_WORDS, VIEW_VERBS, load_lexicon)
from ..entities.appositions import listed_after
from ..nlp import hypothetical, in_quote_marks
from .references import _Context, _anaphoric_np, _resolve_back, _social_party

# --- label candidates --------------------------------------------------------------------


@dataclass
class _Candidate:
    entity: str
    head: Token
    tokens: list[Token]
    construction: str
    view_verb: Token | None = None  # set when a view verb governs the label
    given_name: bool = False  # a quoted nickname given to the actor: its words may be a name


PLACE_TYPES = frozenset({"GPE", "NORP", "LOC"})
"""Names that may stay inside a term ("Iranian opposition group", "anti-Iran"): they say
where the actor belongs, and are part of how the outlet describes it."""

EXCLUDED_DEPS = frozenset({"det", "predet", "poss", "nummod", "case", "cc", "preconj", "quantmod", "advmod"})


def _term_tokens(head: Token, ctx: _Context) -> list[Token]:
    """The head noun and its premodifiers; determiners, numbers and actor names left out."""
    doc = head.doc
    keep: set[int] = set()
    left = head.left_edge.i
    # a nickname in quotation marks ("Little Tin Man") is kept whole, its capitals and all
    nickname = in_quote_marks(head)
    for tok in doc[left : head.i]:
        if tok.is_punct or (tok.like_num and tok.pos_ != "ADJ") or tok.dep_ in EXCLUDED_DEPS or tok not in head.subtree:
            continue  # an ordinal stays ("the first lady", "his second wife"); a count goes
        if _measure_word(tok):
            continue  # "a 17-year-old son", "a 20-year veteran": an age or a span, not a description
        entity = ctx.tok_entity.get(tok.i)
        if entity is not None and ctx.entity_types.get(entity) not in PLACE_TYPES:
            continue
        if tok.pos_ in {"PRON", "DET", "ADP", "NUM", "SCONJ", "CCONJ", "AUX", "PART"} or tok.lower_ in QUANTIFYING_WORDS | TIME_WORDS:
            continue
        if tok.pos_ == "PROPN" and entity is None and tok.dep_ != "amod" and not nickname:
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


def _measure_word(tok: Token) -> bool:
    """A word of an age or a span before a noun: "year" after a number ("17-year-old",
    "a 20-year veteran") and "old" after such a unit. Without its number it says nothing."""
    doc = tok.doc

    def before(i: int) -> Token | None:
        i -= 1
        while i >= 0 and doc[i].text in "-–":
            i -= 1
        return doc[i] if i >= 0 else None

    prev = before(tok.i)
    if prev is None:
        return False
    if tok.lower_ in TIME_UNITS:
        return prev.like_num
    return tok.lower_ == "old" and prev.lower_ in TIME_UNITS


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
            if (child.dep_ == "appos" and _is_label_head(child) and child.i not in ctx.tok_entity
                    and _delimited(child) and not _in_list(ref, child)
                    # "28,500 troops, a move that ...": a singular set beside a plural says
                    # what the clause did, not what the people are
                    and not (ref.tag_ == "NNS" and child.tag_ == "NN" and child.lemma_.lower() not in GROUP_NOUNS)):
                found.append(_Candidate(entity_id, child, _term_tokens(child, ctx), "apposition"))
        # the parser often misses ", a group ..." after a name with an (ACRONYM)
        found.extend(_surface_apposition(ctx, ref, entity_id))
        # 2. predicate nominal: "the Front is a militia"; small clause "considers them a group"
        if ref.dep_ in {"nsubj", "nsubjpass"}:
            verb = ref.head
            if verb.lemma_ in {"be", "become", "remain"} and not hypothetical(verb):
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
        # the subject of a view verb holds the view ("which Velt referred to as a disaster")
        viewer = ref.dep_ == "nsubj" and ref.head.lemma_ in VIEW_VERBS
        if ref.dep_ in {"nsubjpass", "dobj"} or (ref.dep_ == "nsubj" and not has_object and not viewer) or (ref.lower_ in RELATIVE_PRONOUNS):
            verb = ref.head
            as_preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
            # two "as" phrases on one verb ("described Lavria as an ally and Velt as a
            # friend"): the parse cannot tell which object each belongs to
            for prep in as_preps if len(as_preps) == 1 else ():
                # one that opens the clause ("As mayor, Velt named Orm") is the subject's
                if ref.dep_ == "dobj" and prep.i < min(verb.i, ref.i):
                    continue
                if prep.dep_ == "prep" and prep.lower_ == "as":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and _is_label_head(pobj):
                            view = verb if verb.lemma_ in VIEW_VERBS else None
                            found.append(_Candidate(entity_id, pobj, _term_tokens(pobj, ctx), "as-phrase", view))
        if ref.i in ctx.descriptive and (ref.is_lower or ref.text not in ctx.names_of.get(entity_id, ())) \
                and ref.lemma_.lower() not in DESCRIPTION_NON_LABEL_HEADS:
            # 4a. (a capitalised name form the tagger took for a noun, "Voltists", is no label) a description the entities resolved ("the president", "the migrants"): the
            # outlet's word for the actor, with its premodifiers
            found.append(_Candidate(entity_id, ref, _term_tokens(ref, ctx), "reference", view_verb=_as_view(ref)))
        elif ref.i in ctx.tok_entity:
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


def _as_view(ref: Token) -> Token | None:
    """The view verb whose "as" phrase a resolved description is ("described Lavria as an
    ally"): the label is that verb's subject's view, not the narrator's."""
    prep = ref.head
    if ref.dep_ == "pobj" and prep.lower_ == "as" and prep.head.lemma_ in VIEW_VERBS and prep.i > prep.head.i:
        return prep.head
    return None  # "As mayor, Quist declared ...": a phrase opening the clause is no view of the verb


def _title_case_line(tok: Token) -> bool:
    """Whether the line of ``tok`` (within its sentence: the parser runs a headline into
    the paragraph after it) is written in title case: four or more words of four letters
    or more, nearly all capitalised."""
    sent, doc = tok.sent, tok.doc
    start = tok.i
    while start > sent.start and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    end = tok.i + 1
    while end < sent.end and "\n" not in doc[end - 1].text_with_ws:
        end += 1
    words = [t for t in doc[start:end] if t.is_alpha and len(t) >= 4]
    return len(words) >= 4 and sum(t.is_title for t in words) >= 0.8 * len(words)


def _complement_of_a_noun(noun: Token) -> bool:
    """"the director of the film, Dana Velt": the name is set beside the whole phrase, whose
    head is "director"; the parse hangs it on "film", the complement's noun."""
    return noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in {"NOUN", "PROPN"}


def _in_list(ref: Token, appos: Token) -> bool:
    """"X, Y and associates": a noun in a list of names is a list member, not an
    apposition (the parser often attaches it as one)."""
    if ref.dep_ == "conj" or any(c.dep_ in {"conj", "cc"} for c in ref.children if c.i > ref.i):
        return True
    if any(c.dep_ in {"conj", "cc"} for c in appos.children) or listed_after(ref):
        return True
    before = appos.doc[appos.left_edge.i - 1] if appos.left_edge.i > 0 else None
    return before is not None and before.lower_ in {"and", "or"}


NEGATED_CONSTRUCTIONS = frozenset({"predicate", "as-phrase", "what-x-calls"})
"""Constructions whose label a negated verb takes back ("is not a militia", "does not
name X as a defendant"); an apposition stays true whatever its clause's verb says."""


def negated(cand: _Candidate) -> bool:
    """The label is denied: "no" before its head, or a negated verb governing a
    predicate or as-phrase label."""
    head = cand.head
    if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
        return True
    if cand.construction not in NEGATED_CONSTRUCTIONS:
        return False
    tok = head.head  # "a cult, not a charity": a "not" under the head denies the other noun
    for _ in range(4):
        if any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} and c.dep_ == "advmod" for c in tok.children):
            return True
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ not in {"xcomp", "ccomp", "conj", "advcl", "pcomp"} or tok.head.i == tok.i:
            break
        tok = tok.head
    return False


def _one_member(ctx: _Context, ref: Token, entity_id: str) -> bool:
    """"the ranking Republican", "a senior Democrat": a party's or a people's word in the
    singular, alone with an article, names one member of it; the words before it
    ("ranking", "senior") describe that person, not the body or group."""
    return (ctx.entity_types.get(entity_id) != "PERSON" and ref.ent_type_ == "NORP" and ref.tag_ in {"NNP", "NN"}
            and ctx.tok_entity.get(ref.i + 1) != entity_id
            and any(c.dep_ == "det" and c.lower_ in {"a", "an", "the"} for c in ref.children))


def _set_beside(noun: Token, name: Token) -> bool:
    """The name follows the noun's own words ("his lawyer, Dana Velt", "the director of
    the agency, Dana Velt"): a parse that hangs a name on a noun across a verb ("all
    senators were offered a talk with the director, Mr. Velt") or across a list ("the
    packages were sent to X; Y") sets it beside nothing. Nor does a colon: a word before
    one heads a headline or a section ("Report: X to speak", "Watch: X ..."), not the name."""
    own = {t.i for t in noun.subtree} - {t.i for t in name.subtree}
    between = range(noun.i + 1, name.left_edge.i)
    return noun.i < name.i and all((i in own or noun.doc[i].is_punct) and noun.doc[i].text != ":" for i in between)


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
    if i >= len(parsed) or parsed[i].text != "," or ref.dep_ == "conj" or any(c.dep_ == "conj" for c in ref.children):
        return []
    if i + 1 >= len(parsed) or parsed[i + 1].lower_ not in {"a", "an"}:
        return []
    if ctx.chunk_roots is None:  # the parse's noun chunks, worked out once per text
        ctx.chunk_roots = {chunk.start: chunk.root for chunk in parsed.noun_chunks}
    head = ctx.chunk_roots.get(i + 1)
    if head is None or (head.dep_ == "appos" and head.head == ref):
        return []  # no phrase there, or already an apposition
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


NICKNAME_TYPES = frozenset({"WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
"""What the tagger makes of a quoted nickname ("Tin Man" as a title): no actor of its own."""

NICKNAMING_VERBS = frozenset({"call", "nickname", "dub", "label", "brand", "name", "term"})
"""Verbs whose second object is a name given ("nicknamed him "Tin Man"")."""


def _nickname_verb(ref: Token) -> Token | None:
    """The verb that gives ``ref``, a name in quotation marks of its own, as what someone
    is called: an "as" phrase of a view verb ("referred to Velt as "Tin Man"") or the
    second object of a naming verb ("dubbed him "Tin Man""); None otherwise."""
    if not in_quote_marks(ref):
        return None
    if ref.dep_ == "pobj" and ref.head.lower_ == "as" and ref.head.head.lemma_ in VIEW_VERBS:
        return ref.head.head
    if ref.dep_ == "oprd" and ref.head.lemma_ in NICKNAMING_VERBS:
        return ref.head
    return None


def _verb_objects(verb: Token) -> list[Token]:
    """Whom a verb of naming names: its direct object ("called Velt ...", "dubbed him
    ...") or the object of its "to" ("referred to Velt as ...")."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    objects += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]
    return objects


def _describing_noun(tok: Token) -> bool:
    """A noun before a body's name that says what the body is ("the rebel Halden Front",
    "the terror Front Organization"): a group or member noun, or a loaded word. Any other
    noun there makes a compound with the name ("missile test <agency>" at the end of a
    caption, "media content <site>"), which describes nothing."""
    return tok.lemma_.lower() in GROUP_NOUNS | MEMBER_NOUNS or _loaded_word(tok)


def _cut_compound(tokens: list[Token]) -> bool:
    """A term that is only the second half of a hyphenated compound whose first half (a
    name) was left out: "based" of "<City>-based", "backed" of "<Country>-backed"."""
    if len(tokens) != 1:
        return False
    tok = tokens[0]
    return tok.i > 0 and tok.doc[tok.i - 1].text in "-–" and not tok.doc[tok.i - 1].whitespace_


def _name_rules(ctx: _Context, ref: Token, entity_id: str) -> list[_Candidate]:
    """Descriptors fused with the name: 'the violent Front', 'the outlawed group Front',
    'the Front terror group'."""
    found = []
    nickname = _nickname_verb(ref)
    named = {ctx.tok_entity.get(o.i) for o in _verb_objects(nickname)} - {None} if nickname is not None else set()
    if len(named) == 1 and (entity_id in named or ctx.entity_types.get(entity_id) in NICKNAME_TYPES):
        # "referred to Velt as "Tin Man"", "nicknamed Velt "Tin Man"": the quoted name the
        # text gives the actor is the describer's label for it, whether the entities
        # made it one of the actor's names or a title of its own
        tokens = [t for t in ref.subtree if ctx.tok_entity.get(t.i) == entity_id and not t.is_punct]
        found.append(_Candidate(next(iter(named)), ref, tokens or [ref], "as-phrase", view_verb=nickname,
                                given_name=True))
    # premodifiers of the name itself ("the terrorist Front Organization")
    pre = [
        c
        for c in ref.children
        if c.i < ref.i
        and c.i not in ctx.tok_entity
        and c.dep_ in {"amod", "compound", "nmod"}
        and c.pos_ in {"ADJ", "NOUN", "VERB"}
        and c.is_alpha
        and c.lower_ not in QUANTIFYING_WORDS | TIME_WORDS
        and not c.like_num  # "its first Orbix": counting, not describing
        # a word before a line break ends a caption, a link or a headline: the name opens the next
        and not any("\n" in t.text_with_ws for t in ctx.parsed[c.i:ref.i])
        # in a title-case headline a capitalised verb ("Document Reveals <Body> Knew") reads as a noun
        and not (c.is_title and _title_case_line(c))
    ]
    if ref.dep_ == "compound" and ref.head.i > ref.i and ref.head.i not in ctx.tok_entity:
        # the name modifies another noun ("the now-public Velt Agency records"): the words
        # before the name describe that noun, whatever the parser hung them on
        pre = []
    if _one_member(ctx, ref, entity_id):
        pre = []
    person_title = ctx.entity_types.get(entity_id) == "PERSON" and bool(pre) and _is_label_head(pre[-1])
    if pre and not person_title and pre[-1].pos_ == "NOUN" and not _describing_noun(pre[-1]):
        pre = []  # "missile test <agency>", "media content <site>": a noun compound, not a description
    if pre and (ctx.entity_types.get(entity_id) in ACTOR_TYPES or person_title or any(_loaded_word(c) for c in pre)):
        head = pre[-1]
        tokens = [t for t in _term_tokens(ref, ctx) if t.i != ref.i and t.i not in ctx.tok_entity and not t.like_num]
        if tokens and not _cut_compound(tokens):
            found.append(_Candidate(entity_id, head, tokens, "name-modifier"))
    # the name inside an NP whose head is a group noun: "the Front terror group",
    # or a group noun compounded onto the name: "the militant group Halden Front"
    up = ref
    while up.dep_ == "compound" and up.head.i > up.i and up.head.i not in ctx.tok_entity:
        up = up.head
        if up.pos_ == "NOUN" and up.lemma_.lower() in GROUP_NOUNS | MEMBER_NOUNS and not _social_party(up):
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
    if ref.dep_ == "appos" and _is_label_head(ref.head) and ref.head.i not in ctx.tok_entity \
            and _set_beside(ref.head, ref) and not _complement_of_a_noun(ref.head):
        head = ref.head
        # "his lawyer, Dana Velt": for a person, any noun the name is set beside
        person = ctx.entity_types.get(entity_id) == "PERSON" and not _in_list(head, ref)
        if head.lemma_.lower() in GROUP_NOUNS | MEMBER_NOUNS or person:
            found.append(_Candidate(entity_id, head, _term_tokens(head, ctx), "name-in-np"))
    return found
