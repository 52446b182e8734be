"""What a text says a named actor is: the noun a name is set beside ("his lawyer, Dana
Velt"), appositions ("Velt, a former prosecutor"), predicate nominals ("Velt is a
defendant") and "as" phrases ("sworn in as governor"), also through "who" and "he"/"she".
Each such head noun becomes one more mention of the actor; the words are its labels."""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens import Doc

from ..model import Document, Entity, Mention
from ..nlp import hypothetical, in_quote_marks
from .names import EVENT_HEADS, ROLE_NOUNS
from .spans import parsed_spans, token_mention

def _appositive_heads(entities: list[Entity], parsed: dict[str, Doc]) -> None:
    """"his personal lawyer, Dana Velt" and "the special counsel, Dana Velt": the noun a
    person's name is set beside (the name its apposition) refers to that person; its head
    word becomes one of the person's spans. Not in a list ("X, Y and associates"). So
    does a title written right before the name when the parse makes it the head."""
    for e in entities:
        if e.type != "PERSON":
            continue
        added = []
        for sp, doc, span in parsed_spans(e, parsed):
            root = span.root
            head = root.head
            if head.i == span.start - 1 and head.pos_ == "NOUN" and head.is_alpha and not head.ent_type_ \
                    and root.dep_ in {"appos", "compound", "npadvmod", "nmod"}:
                # "Lavrian leader Dana Velt" parsed with the title as the head: the title
                # word is her mention as much as the name is
                added.append(Mention(doc=sp.doc, start=head.idx, end=head.idx + len(head), text=head.text))
                continue
            before = doc[span.start - 1] if span.start > 0 else None
            if (before is not None and before.pos_ == "NOUN" and before.is_alpha and before.is_lower
                    and not before.ent_type_ and before.dep_ in {"compound", "nmod", "amod"}
                    and span.start <= before.head.i < span.end):
                # "defense attorney Dana Velt", "campaign chairman Dana Velt": the title noun
                # that modifies the name is her mention too
                added.append(Mention(doc=sp.doc, start=before.idx, end=before.idx + len(before), text=before.text))
                continue
            if root.dep_ == "appos" and doc[span.start - 1].text == "," and _title_of_body(head) is not None:
                # "the director of the Lavrian Intelligence Service, Dorn Vasko": the parse
                # sets the name beside the body; a person is no body, so it is the title's
                title = _title_of_body(head)
                added.append(Mention(doc=sp.doc, start=title.idx, end=title.idx + len(title), text=title.text))
                continue
            before_title = _title_right_before(doc, span)
            if before_title is not None:
                # "give candidate Dana Velt the memo", parsed with the name as a verb: a
                # title word written right before the name is hers whatever the parse says
                added.append(token_mention(sp.doc, before_title))
            after_title = _surface_title_apposition(doc, span)
            if after_title is not None:
                # "Dan Orm, then the deputy chief of staff," / "Dan Orm, director for the
                # situation room," parsed with the apposition hung elsewhere
                added.append(token_mention(sp.doc, after_title))
            if (root.dep_ != "appos" or head.i >= span.start or head.pos_ != "NOUN" or not head.is_alpha
                    or head.ent_type_ or doc[span.start - 1].text != ","):
                continue
            # a list ("X, Y and associates") joins before the name; a list going on after the
            # apposition ("Velt's son, Dan Velt, and his daughter") leaves it whole
            if any(c.dep_ in {"conj", "cc"} and c.i < span.start for c in head.children) or any(
                    c.dep_ in {"conj", "cc"} for c in root.children):
                continue
            added.append(Mention(doc=sp.doc, start=head.idx, end=head.idx + len(head), text=head.text))
        e.spans.extend(added)


TIME_ADVERBS = {"then", "now", "formerly", "currently", "later", "still", "once"}
"""Adverbs that may open an apposition ("Orm, then the chief of staff,"): they date the
role, and the role is still how the text describes the person."""

APPOSITION_PREPOSITIONS = {"of", "for", "at", "to", "in", "on", "with"}
APPOSITION_END = {",", ".", ";", ")", "—", ":"}
SURFACE_APPOSITION_TOKENS = 6
"""Words a title run may take before its title noun ("the deputy White House chief"):
longer, it is a clause rather than an apposition."""
SURFACE_APPOSITION_TAIL = 15
"""Words the title's own phrase may run after it ("director for the situation room at the
presidential office") before the closing comma; a longer run is read as no apposition."""


def _title_right_before(doc, span):
    """A lower-case title word (``ROLE_NOUNS``) written right before a person's name that
    the parse did not attach to it ("give candidate Dana Velt the memo"); None when the
    parse made the name a subject ("the prosecutor Dana Velt hired": a clause), the title
    is part of a list ("the prosecutor and Dana Velt") or is someone else's ("Velt's
    lawyer Dan Orm" is handled by the parse)."""
    if span.start == 0:
        return None
    before = doc[span.start - 1]
    if (before.pos_ != "NOUN" or not before.is_alpha or not before.is_lower or before.ent_type_
            or before.lower_ not in ROLE_NOUNS or before.dep_ in {"compound", "nmod", "amod", "conj"}):
        return None
    if span.root.dep_ in {"nsubj", "nsubjpass", "conj"} or any(c.dep_ in {"cc", "conj"} for c in before.children):
        return None
    return before


def _surface_title_apposition(doc, span):
    """The title noun of an apposition read from the words after a person's name: ", "
    then an optional ``TIME_ADVERBS`` word, a run of at most ``SURFACE_APPOSITION_TOKENS``
    words (article, possessive, adjectives, names, nouns) ending in a title noun
    (``ROLE_NOUNS``), and then the phrase's end or a preposition whose phrase runs to a
    comma or stop with no verb in it ("Orm, then the White House chief of staff,"; "Orm,
    director for the situation room at the presidential office."). Not for a name in a
    list ("Velt and Orm, the envoy" is read by the parse) nor a plural title."""
    n = len(doc)
    i = span.end
    if i >= n or doc[i].text != "," or (span.start > 0 and doc[span.start - 1].lower_ in {"and", "or", ","}):
        return None
    j = i + 1
    if j < n and doc[j].lower_ in TIME_ADVERBS:
        j += 1
    title = None
    for k in range(j, min(n, j + SURFACE_APPOSITION_TOKENS)):
        tok = doc[k]
        first = k == j
        if tok.pos_ in {"DET", "PRON"} and first and tok.lower_ in {"the", "a", "an", "his", "her", "its", "their"}:
            continue
        if tok.tag_ == "POS" or tok.text in {"-", "–"}:
            continue
        if tok.pos_ not in {"ADJ", "PROPN", "NOUN"} or tok.is_punct:
            break
        nxt = doc[k + 1] if k + 1 < n else None
        if (tok.pos_ == "NOUN" and tok.is_lower and tok.tag_ == "NN" and tok.lower_ in ROLE_NOUNS
                and (nxt is None or (nxt.pos_ not in {"NOUN", "PROPN"} and nxt.tag_ != "POS"))):
            title = tok
            break
    if title is None:
        return None
    k = title.i + 1
    if k < n and doc[k].lower_ in APPOSITION_PREPOSITIONS:
        while k < n and doc[k].text not in APPOSITION_END and k - title.i <= SURFACE_APPOSITION_TAIL:
            if doc[k].pos_ in {"VERB", "AUX"} or doc[k].lower_ in {"and", "or", "who", "which", "that"}:
                return None
            k += 1
    if k < n and doc[k].text not in APPOSITION_END:
        return None
    if k + 1 < n and doc[k].text == "," and doc[k + 1].lower_ in {"and", "or"}:
        return None  # "Orm, the envoy, and Velt": a list of people may be going on
    return title


def _title_of_body(body):
    """The title noun of "the <title> of <body>" when ``body`` is that "of" object: a
    role noun (``ROLE_NOUNS``) with "the", not in a list; else None."""
    prep = body.head
    if body.dep_ != "pobj" or prep.lower_ != "of" or body.ent_type_ == "PERSON":
        return None
    title = prep.head
    if title.pos_ != "NOUN" or title.lower_ not in ROLE_NOUNS or title.ent_type_ or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in title.children):
        return None
    if any(c.dep_ in {"conj", "cc"} for c in title.children) or any(c.dep_ in {"conj", "cc"} for c in body.children):
        return None
    return title


NOT_DESCRIPTIONS = {"one", "part", "kind", "type", "lot", "number", "way", "reason", "result", "case",
                    "example", "thing", "matter", "question", "issue", "time", "day", "year"} | EVENT_HEADS
"""Nouns that say what share or kind of thing a name is ("Velt is one of ...", "part of
the deal"), not how a text refers to it: never a mention of the actor."""

COPULAS = {"be", "become", "remain"}
ROLE_VERBS = {"serve", "act", "work", "run", "return", "resign", "step", "remain", "stay", "start", "begin",
              "continue", "emerge", "join", "retire", "quit", "take", "testify", "appear", "sit"}
"""Verbs whose subject an "as" phrase describes ("served as ambassador", "resigned as
chair"); after others it describes the subject's words or the object ("added as a
parenthetical", "referred to the deal as a disaster")."""
DESCRIBED_TYPES = {"PERSON", "ORG", "NORP", "GPE"}

TENURE_NOUNS = {"confirmation", "nomination", "appointment", "election", "tenure", "term", "stint", "career",
                "role", "job", "trip", "visit", "debut", "reign", "candidacy", "inauguration", "service", "years"}
"""Nouns for a person's time in a role, or what they do in it: an "as" phrase on one says
the role the person holds ("awaiting confirmation as envoy", "her first trip abroad as
governor", "Velt's tenure as mayor"). Other nouns let "as" describe something else
("Velt's view of the deal as a disaster", "the plan as a whole")."""


def _tenure_as_phrase(noun) -> list:
    """The head of the "as" phrase of a tenure noun (``TENURE_NOUNS``): "confirmation as
    envoy" -> "envoy"; none when the noun has an "of" object ("his nomination of Orm as
    envoy": Orm's role) or two "as" phrases."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in TENURE_NOUNS:
        return []
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        return []
    as_preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "as"]
    if len(as_preps) != 1:
        return []
    return [p for p in as_preps[0].children if p.dep_ == "pobj" and p.pos_ == "NOUN"]


def _denied(verb) -> bool:
    """A verb with a negation ("is not a defendant", "never became its leader")."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in {"never", "not", "n't"}) for c in verb.children)


def _description_heads(root) -> list:
    """The heads of the noun phrases a text sets beside a name or says it is: an
    apposition ("Velt, a former prosecutor,"; "Velt, a judge and an author,"; not inside
    a relative clause, where the comma often closes the clause), a predicate nominal
    ("Velt is a defendant", "Velt, who became the chair"), and an "as" phrase ("Velt was
    sworn in as governor", "Velt, who is named as a defendant", "Velt, as a senator,
    voted"); an apposition of the last name of a list when it is one singular,
    determined noun phrase ("met Orm and Velt, the new envoy and a critic of the deal");
    an "as" phrase written right after a name on a verb of describing ("described Lavria
    as an ally and Velt as a friend", "referred to Velt as a dreamer"); a list of names
    ("Velt, Marrow and an aide"), a negated clause ("is not a defendant") and words like
    "one" or "part" are left out."""
    doc = root.doc
    heads = []
    for child in root.children:
        if (child.dep_ == "appos" and child.i > root.i and child.pos_ == "NOUN" and doc[child.left_edge.i - 1].text == ","
                and not listed_after(root)
                # nothing named between the name and the comma: "the X Commission in Lavrograd,
                # the capital" is Lavrograd's apposition, whatever the parse attaches it to
                and not any(t.pos_ == "PROPN" or t.ent_type_ for t in doc[root.i + 1:child.left_edge.i - 1])
                and not any(a.dep_ in {"relcl", "acl"} for a in root.ancestors)
                and (root.dep_ != "conj" or _last_conjunct_apposition(child))
                and not any(c.dep_ in {"conj", "cc"} for c in root.children if c.i > root.i)):
            joined = [c for c in child.children if c.dep_ == "conj"]
            if all(c.pos_ == "NOUN" and any(d.dep_ == "det" for d in c.children) for c in joined):
                heads.append(child)  # "a former prosecutor and an expert on ...": both describe
                heads.extend(joined)
    heads.extend(_list_end_apposition(root))
    heads.extend(_clause_descriptions(root, root.head, root.dep_))
    heads.extend(_adjacent_as_phrase(root))
    if root.dep_ == "poss":
        heads.extend(_tenure_as_phrase(root.head))  # "Velt's tenure as mayor"
    for clause in root.children:
        # "Velt, who is named as a defendant": the relative pronoun stands for the name
        if clause.dep_ == "relcl":
            for pron in clause.children:
                if pron.dep_ in {"nsubj", "nsubjpass"} and pron.lower_ in {"who", "which", "that"}:
                    heads.extend(_clause_descriptions(pron, clause, pron.dep_))
    return [h for h in heads if h.is_alpha and not h.ent_type_ and h.lemma_.lower() not in NOT_DESCRIPTIONS
            and not any(c.dep_ == "det" and c.lower_ == "no" for c in h.children)]


def listed_after(name) -> bool:
    """Two noun phrases the parse hangs on one name as appositions are a list the name
    ends the first item of ("the cartoonists of Tarn Weekly, the jazz fans at the hall, the
    tourists at the airport and ..."), not two descriptions of it."""
    return sum(1 for c in name.children if c.dep_ == "appos" and c.pos_ == "NOUN" and c.i > name.i) >= 2


def _last_conjunct_apposition(appos) -> bool:
    """"Orm and Velt, the new envoy": a singular noun phrase with a determiner or owner set
    off after the last name of a list describes that name (a plural, "Orm and Velt, the
    envoys", describes them all; a bare noun, "Orm, Velt and associates", is one more
    member of the list)."""
    return appos.tag_ == "NN" and any(c.dep_ in {"det", "poss"} for c in appos.children)


def _list_end_apposition(root) -> list:
    """"met Orm and Velt, the new envoy and a critic": the parse often hangs the
    apposition on the list's first name; written after the last name, a singular one
    describes that last name (``_last_conjunct_apposition``)."""
    doc = root.doc
    first = root.head
    if root.dep_ != "conj" or any(c.dep_ in {"conj", "cc"} for c in root.children if c.i > root.i):
        return []
    if max((c.i for c in first.children if c.dep_ == "conj"), default=-1) != root.i:
        return []  # not the last name of the list
    heads = []
    for child in first.children:
        if (child.dep_ == "appos" and child.pos_ == "NOUN" and child.left_edge.i == root.right_edge.i + 2
                and doc[root.right_edge.i + 1].text == "," and _last_conjunct_apposition(child)):
            joined = [c for c in child.children if c.dep_ == "conj"]
            if all(c.pos_ == "NOUN" and any(d.dep_ == "det" for d in c.children) for c in joined):
                heads.append(child)
                heads.extend(joined)
    return heads


DESCRIBING_VERBS = frozenset(
    "describe refer portray depict paint characterize characterise cast label brand dub term designate list name "
    "identify view see regard consider classify denounce condemn deride dismiss hail praise mock".split()
)
"""Verbs that say what their object is through an "as" phrase ("described Velt as a
friend", "referred to Velt as a dreamer", "named Velt as a defendant")."""


def _adjacent_as_phrase(root) -> list:
    """"described Lavria as an ally and Velt as a friend", "referred to Velt as a
    dreamer": an "as" phrase written right after the name, in the clause of a verb of
    describing (``DESCRIBING_VERBS``) whose object the name is, describes that name (with
    two such pairs the parse attaches the second "as" anywhere; the word order pairs
    them). Not under a negated verb."""
    doc = root.doc
    nxt = root.right_edge.i + 1
    if nxt >= len(doc) or doc[nxt].lower_ != "as" or doc[nxt].dep_ != "prep":
        return []
    verb = next((a for a in root.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None or verb.lemma_ not in DESCRIBING_VERBS or _denied(verb) or verb not in doc[nxt].ancestors:
        return []
    if root.dep_ == "conj":
        # "... as an ally and Velt as a friend": a second pair, after "and" and a first one
        first = any(t.lower_ == "as" and t.dep_ == "prep" for t in doc[verb.i + 1:root.left_edge.i])
        if not first or root.left_edge.i == 0 or doc[root.left_edge.i - 1].lower_ != "and":
            return []
    elif not (root.dep_ == "dobj" and root.head == verb
              # "referred to Velt as": not "described the talks with Velt as a success"
              or root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head == verb):
        return []
    return [p for p in doc[nxt].children if p.dep_ == "pobj" and p.pos_ == "NOUN"]


def _clause_descriptions(subject, verb, dep: str) -> list:
    """Predicate nominals and "as" phrases that ``verb`` says of ``subject`` (see
    ``_description_heads``)."""
    if _denied(verb):
        return []
    heads = []
    if dep in {"nsubj", "nsubjpass"} and verb.lemma_ in COPULAS and not hypothetical(verb):
        heads.extend(c for c in verb.children if c.dep_ == "attr" and c.pos_ == "NOUN")
    if dep in {"nsubj", "nsubjpass"}:
        # "Velt, who is awaiting confirmation as envoy": the subject's own time in a role
        for obj in (c for c in verb.children if c.dep_ == "dobj" and not any(d.dep_ == "poss" for d in c.children)):
            heads.extend(_tenure_as_phrase(obj))  # an owned one ("his term") is read through its owner
    as_preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
    if len(as_preps) != 1:
        return heads
    prep = as_preps[0]
    # after the subject and before its verb ("Velt, as a senator, voted") an "as" phrase is
    # the subject's whatever the verb
    fronted = dep == "nsubj" and subject.i < prep.i < verb.i
    # and one that opens the clause ("As mayor, Velt named Orm to the board") is the
    # subject's, never the object's
    opening = prep.i < min(subject.i, verb.i)
    if (dep == "nsubjpass" or (dep == "dobj" and not opening)
            or (dep == "nsubj" and (verb.lemma_ in ROLE_VERBS or fronted or opening))):
        heads.extend(p for p in prep.children if p.dep_ == "pobj" and p.pos_ == "NOUN")
    return heads


def _described_heads(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc]) -> None:
    """The head noun of an apposition, predicate nominal or "as" phrase of a name (see
    ``_description_heads``) is one more mention of the named actor: outlets describe
    actors this way, and the words they choose are labels."""
    taken: dict[str, set[int]] = defaultdict(set)
    for e in entities:
        for sp in e.spans:
            taken[sp.doc].add(sp.start)
    for e in entities:
        if e.type not in DESCRIBED_TYPES:
            continue
        added = []
        for sp, doc, span in parsed_spans(e, parsed):
            if span.root.pos_ != "PROPN":
                continue
            for head in _description_heads(span.root):
                if head.idx in taken[sp.doc] or span.start <= head.i < span.end:
                    continue
                taken[sp.doc].add(head.idx)
                added.append(token_mention(sp.doc, head))
        e.spans.extend(added)
    _pronoun_descriptions(entities, docs, parsed, taken)


PERSONAL_PRONOUNS = {"he", "she"}
_PRONOUN_PATTERN = re.compile(r"\b(?:he|she)\b", re.I)
_OBJECT_PRONOUN_PATTERN = re.compile(r"\b(?:him|her)\b", re.I)
_POSSESSIVE_PRONOUN_PATTERN = re.compile(r"\b(?:his|her)\b", re.I)
JUDGING_VERBS = DESCRIBING_VERBS | {"criticize", "criticise", "attack", "question", "defend", "review",
                                    "investigate", "probe", "scrutinize", "scrutinise", "recall", "remember"}
"""Verbs by which one person speaks of another's time in a role: "Velt criticized his
tenure as mayor" may be anyone's tenure, so the "as" phrase is given to nobody."""


def _subject_person(pron, person_spans: list[tuple[int, int, int]]) -> int | None:
    """The person a possessive "his"/"her" belongs to when it is the named subject of its
    clause ("Velt made her first trip abroad as governor"); None otherwise: a role is
    given only where the owner is plain ("he met Orm on his first trip as leader" is not
    Orm's)."""
    verb = pron.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    for subject in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < pron.i):
        owners = {i for s, e, i in person_spans if s <= subject.idx < e}
        return next(iter(owners)) if len(owners) == 1 else None
    return None


def _judged(noun) -> bool:
    """Whether ``noun`` ("tenure") is the object of a verb of judging (``JUDGING_VERBS``)."""
    return noun.dep_ in {"dobj", "pobj"} and any(a.lemma_ in JUDGING_VERBS for a in list(noun.ancestors)[:2])
OBJECT_DEPS = {"dobj", "dative"}  # the parse takes "nicknamed him "X"" for a double object


def _object_descriptions(pron) -> list:
    """What a verb says its object pronoun is: a small clause ("called him a liar",
    "nicknamed her "the Iron Lady"", "made him chairman") or an "as" phrase on a verb of
    describing ("derided him as a coward"); nothing under a negated verb."""
    verb = pron.head
    if pron.dep_ not in OBJECT_DEPS or _denied(verb):
        return []
    heads = [c for c in verb.children if c.dep_ == "oprd" and c.pos_ in {"NOUN", "PROPN"}]
    as_preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
    if len(as_preps) == 1 and verb.lemma_ in DESCRIBING_VERBS:
        heads.extend(p for p in as_preps[0].children if p.dep_ == "pobj" and p.pos_ == "NOUN")
    # a name in quotation marks ("nicknamed him "Little Tin Man"") is the speaker's word
    # for the person, as a common noun is; an unquoted name is someone else
    return [h for h in heads if h.pos_ == "NOUN" or in_quote_marks(h)]


def _object_person(pron, doc_id: str, person_spans: list[tuple[int, int, int]]) -> int | None:
    """The person an object "him"/"her" can mean: the one person named before it in its
    sentence who is not the subject of its verb or of a verb above it ("The senator
    mocked Velt as a dreamer and nicknamed him ...": Velt, not the senator); when the
    sentence names none but subjects before it, the one such person of the sentence
    before. None with two people there."""
    sent = pron.sent
    verbs = [pron.head, *pron.head.ancestors]
    subjects = {i for t in sent if t.dep_ in {"nsubj", "nsubjpass"} and t.head in verbs
                for s, e, i in person_spans if s <= t.idx < e}
    here = {i for s, e, i in person_spans if sent.start_char <= s < pron.idx} - subjects
    if here:
        return next(iter(here)) if len(here) == 1 else None
    if any(pron.idx < s < sent.end_char for s, e, i in person_spans) or sent.start == 0:
        return None
    prev = pron.doc[sent.start - 1].sent
    before = {i for s, e, i in person_spans if prev.start_char <= s < prev.end_char} - subjects
    return next(iter(before)) if len(before) == 1 else None


def _pronoun_descriptions(entities: list[Entity], docs: list[Document], parsed: dict[str, Doc],
                          taken: dict[str, set[int]]) -> None:
    """"He is a former prosecutor", "she served as mayor": what a sentence says a "he" or
    "she" is describes the one person that pronoun can mean (the subject before it in its
    clause, else the one person named earlier in its sentence or in the sentence before;
    see ``governments._person_before``); with two people there, nothing."""
    from .governments import _person_before  # governments builds on this module

    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        pronouns = []
        for m in _PRONOUN_PATTERN.finditer(document.text):  # whole words: "he" starts too many others
            span = doc.char_span(m.start(), m.end())
            if span is not None and len(span) == 1 and span[0].dep_ in {"nsubj", "nsubjpass"}:
                pronouns.append(span[0])
        found = [(t, h) for t in pronouns for h in _clause_descriptions(t, t.head, t.dep_)
                 if h.is_alpha and not h.ent_type_ and h.lemma_.lower() not in NOT_DESCRIPTIONS]
        for m in _OBJECT_PRONOUN_PATTERN.finditer(document.text):
            span = doc.char_span(m.start(), m.end())
            if span is not None and len(span) == 1 and span[0].dep_ in OBJECT_DEPS:
                found.extend((span[0], h) for h in _object_descriptions(span[0])
                             if h.is_alpha and h.lemma_.lower() not in NOT_DESCRIPTIONS)
        for m in _POSSESSIVE_PRONOUN_PATTERN.finditer(document.text):
            span = doc.char_span(m.start(), m.end())
            if span is not None and len(span) == 1 and span[0].dep_ == "poss" and not _judged(span[0].head):
                # "her first trip abroad as governor": the owner's own role
                found.extend((span[0], h) for h in _tenure_as_phrase(span[0].head)
                             if h.is_alpha and not h.ent_type_ and h.lemma_.lower() not in NOT_DESCRIPTIONS)
        if not found:
            continue
        person_spans = [(sp.start, sp.end, i) for i, e in enumerate(entities) if e.type == "PERSON"
                        for sp in e.spans if sp.doc == document.id]
        named = [(sp.start, sp.end) for e in entities for sp in e.spans if sp.doc == document.id]
        for pron, head in found:
            if head.idx in taken[document.id] or any(s <= head.idx < e for s, e in named):
                continue  # a nickname the tagger made a name of its own is that name's
            if pron.dep_ in OBJECT_DEPS:
                person = _object_person(pron, document.id, person_spans)
            elif pron.dep_ == "poss":
                person = _subject_person(pron, person_spans)
            else:
                person = _person_before(pron, document.id, person_spans)
            if person is None:
                continue
            taken[document.id].add(head.idx)
            entities[person].spans.append(token_mention(document.id, head))
