"""Who an event harmed: the casualty words of news, and the people it counts without a numeral.

Plain functions over the spaCy parse that ``counts.py`` uses to read casualty counts:

* the casualty role a word states ('killed', 'injured', 'shot'), from a verb, an
  adjective ('dead'), an adverb ('fatally') or an event noun ('the fatal shooting of');
* the people a casualty word harmed (``harmed``), and whether a token is one person
  ('a man', 'the victim', 'Jane Roe', 'he');
* the count a word modifies itself ('four people wounded') and a bare number that
  counts people ('three were killed');
* a headline's casualty word for its count ('Shooting Kills 2, Wounds 4').

All word lists are general English, tied to no event.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

PRONOUNS_OF_ONE = {"he", "she", "him", "her"}
"""Pronouns for one person harmed ('he later died'): one, whom another sentence may count too."""


CASUALTY_CLASSES = {
    "killed": {"kill", "die", "murder", "slay", "dead", "death", "perish", "fatally"},
    "injured": {"injure", "wound", "hurt", "hospitalize", "hospitalise", "injury", "graze", "injured", "wounded"},
    "shot": {"shoot"},
}
"""What happened to the people an event harmed, for counts that news states without a
numeral ('a man was killed' is one killed): general English, not tied to any event."""


WOUND_WORDS = {"wound", "gunshot"}
"""Words for a gunshot wound, which news names whether or not the person survived it."""
ROLE_LEMMA = {"killed": "kill", "injured": "injure", "shot": "shoot"}
"""The lemma that stands for a casualty role among an implicit count's predicate terms."""


NAMED_EVENT_FLOOR = "at least, as the event's name implies"
"""The qualifier of a floor an event's name implies ('a murder-suicide': two dead at least).
Like an implicit one, it confirms no other figure, so it links to none."""
IMPLICIT_ONE = "one named or singular person"
"""The qualifier of a count a text states without a numeral ('a man was killed')."""


REFLEXIVES = {"himself", "herself"}


SINGULAR_DETS = {"a", "an", "one", "his", "her", "another", "the", "their"}
"""Determiners that make a singular noun one individual ('the victim', 'their son')."""


PERSON_NOUNS = {
    "man", "woman", "boy", "girl", "person", "victim", "child", "kid", "baby", "toddler", "infant", "teen",
    "teenager", "youth", "juvenile", "adult", "student", "officer", "deputy", "trooper", "agent", "guard",
    "driver", "passenger", "pedestrian", "bystander", "resident", "neighbor", "neighbour", "tenant", "customer",
    "employee", "worker", "clerk", "owner", "manager", "father", "mother", "son", "daughter", "brother", "sister",
    "wife", "husband", "girlfriend", "boyfriend", "partner", "friend", "cousin", "uncle", "aunt", "nephew", "niece",
    "grandmother", "grandfather", "grandson", "granddaughter", "relative", "parent", "stepfather", "stepmother",
    "suspect", "gunman", "shooter", "assailant", "attacker", "robber", "intruder", "inmate", "soldier", "civilian",
    "male", "female", "individual", "patron", "guest", "teacher", "doctor", "nurse", "pastor", "security",
}
"""Nouns for a person, for counts a text states without a numeral: 'a man was killed'
is one killed, 'a shell casing was found' counts nobody. General English."""


MULTIPLES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
"""'a triple shooting' is three people shot, 'a double homicide' two killed."""


MULTIPLE_EVENTS = {"shooting": "shot", "homicide": "killed", "murder": "killed", "slaying": "killed",
                   "killing": "killed", "fatality": "killed"}
"""The event nouns a multiple counts, with the casualty role of those it counts."""


NOT_PARTICIPANTS = {"count", "charge", "round", "bullet", "shot", "casing", "image", "photo", "time", "year",
                    "day", "hour", "minute", "week", "month", "gun", "weapon", "firearm", "shell", "wound",
                    "block", "mile", "foot", "feet", "yard", "door", "house", "home"}
"""Counted nouns that are never the people an event harmed: 'four counts of murder',
'several shots', 'image 5 of 40', 'shot two blocks away'. A count of them keeps its verb but loses its casualty
role (so 'charged with four counts of murder' is not four killed)."""


HEADLINE_REACH = 4
"""How many words after a headline's number its casualty word may stand ('4 dead', 'six
people shot', '2 critically injured'): headlines put it right after the count."""


def headline_role(doc: Doc, end_char: int, _depth: int = 0) -> Token | None:
    """The casualty word a headline's count is the count of, or None."""
    before = [t for t in doc if t.idx + len(t.text) <= end_char][-3:-1]
    if before and before[-1].pos_ == "DET":
        before = before[:-1]  # 'kills a dozen'
    if before and casualty_role(before[-1]) is not None:
        return before[-1]  # 'Shooting Kills 1, Wounds 4': the verb before its object
    after = [t for t in doc if t.idx >= end_char][:HEADLINE_REACH]
    for k, tok in enumerate(after):
        if tok.is_punct or tok.pos_ == "ADP" or tok.lower_ == "and":
            nxt = after[k + 1] if k + 1 < len(after) else None
            if tok.text in (",", "and", "&") and nxt is not None and nxt.like_num and _depth < 3:
                # '3 adults, 1 child found shot to death': a list of counts shares the
                # casualty word after its last member
                return headline_role(doc, nxt.idx + len(nxt.text), _depth + 1)
            return None
        if casualty_role(tok) is not None or tok.lemma_.lower() == "shoot" or tok.lower_ == "shot":
            return tok
    return None


def own_casualty(counted: Token) -> Token | None:
    """A casualty word that modifies the count itself ('four people wounded', 'three dead
    suspects', 'Three dead'): it says what happened to those counted, whatever verb governs
    the clause ('left one woman dead and four people wounded')."""
    for c in counted.children:
        if c.dep_ in ("acl", "amod", "oprd") and c.tag_ in ("VBN", "JJ") and casualty_role(c) is not None:
            return None if died_later(c) else c
    if counted.dep_ != "conj":
        # 'left three women and one man injured': the parser hangs the word on the last
        # conjunct, but it says what happened to all of them
        last = next((c for c in reversed(list(counted.conjuncts)) if c.i > counted.i), None)
        if last is not None:
            word = own_casualty(last)
            if word is not None and word.i > last.i:
                return word
    return None


def died_later(word: Token) -> bool:
    """A wound that describes someone whose death the clause states ('a juvenile injured in
    the shooting has died', 'two men wounded Saturday died'): they count as killed, by the
    verb they are the subject of, not also as injured."""
    if casualty_role(word) == "killed":
        return False
    if word.dep_ == "csubj":
        return casualty_role(word.head) == "killed"  # the parser's reading of the same clause
    return (word.dep_ == "acl" and word.head.dep_ in ("nsubj", "nsubjpass")
            and casualty_role(word.head.head) == "killed")


def is_participant(number: Token, verb: Token | None, terms: list[str]) -> bool:
    """A bare number that is the subject or object of a casualty verb counts people
    ('three were killed', 'the gunman shot two'), not things or times."""
    if verb is None or not any(t in ROLE_LEMMA.values() for t in terms[1:] + terms[:1]):
        return False
    tok = number
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head  # 'two were killed and three wounded'
    return tok.head.i == verb.i and tok.dep_ in ("nsubj", "nsubjpass", "dobj")


HARMING_VERBS = {"kill", "shoot", "wound", "injure", "hurt", "murder", "slay", "stab"}
"""Verbs whose active subject does the harm ('two gunmen killed three', 'five people were
shooting'): a count there is of attackers."""


def attackers(counted: Token, verb: Token) -> bool:
    """Whether a count is the active subject of a harming verb: those who did the harm."""
    tok = counted
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ != "nsubj" or tok.head.i != verb.i or verb.lemma_.lower() not in HARMING_VERBS:
        return False
    return not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) and verb.tag_ != "VBN"


SUFFER_VERBS = {"suffer", "sustain", "receive"}
"""Verbs whose object is the harm and whose subject the person harmed ('the child
suffered minor injuries', 'two men sustained gunshot wounds')."""


LEGAL_NOUNS = {"charge", "count", "indictment", "sentence", "trial", "case", "lawsuit"}
"""What a verb's object names when the verb is about a case, not harm ('face charges in the
death of', 'filed a lawsuit over the killing')."""


def about_a_case(verb: Token) -> bool:
    """Whether a verb's object is a charge, a trial or a suit (LEGAL_NOUNS)."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in LEGAL_NOUNS for c in verb.children)


FOUND_VERBS = {"find", "discover", "locate"}
"""'Deputies found two men wounded': the state those harmed were found in, which says they
were shot, not that they survived (news often adds later that they died)."""


MODALS = {"could", "would", "might", "may", "should", "must"}
"""'He could have died', 'a blast that might have killed dozens': harm that did not happen."""


def hypothetical(verb: Token) -> bool:
    """Whether a casualty word states harm that might have been, not harm done."""
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)


def _negated_word(tok: Token) -> bool:
    """'non-fatal', 'non fatal', 'not life-threatening': a word its prefix turns around."""
    doc = tok.doc
    before = [doc[i].lower_ for i in range(max(tok.i - 2, 0), tok.i)]
    return before[-1:] in (["non"], ["not"]) or before == ["non", "-"]


def casualty_role(verb: Token) -> str | None:
    """The casualty role a word states: 'killed' ('dead', 'shot to death', 'fatally shot'),
    'injured', or 'shot'. A wound named in a phrase ('found with a gunshot wound',
    'suffering from a gunshot wound', 'suffered gunshot wounds') says someone was shot,
    not that they lived; 'shot ... but survived' says they lived."""
    own = {verb.lemma_.lower()} | {c.lower_ for c in verb.children if c.dep_ == "advmod"}
    if about_a_case(verb):
        return None  # 'face murder charges in the death of': what the accused face, no harm done
    objects = {p.lemma_.lower() for prep in verb.children if prep.dep_ == "prep" for p in prep.children if p.dep_ == "pobj"}
    if verb.lemma_.lower() in SUFFER_VERBS:
        harms = [o for o in verb.children if o.dep_ == "dobj"]
        objects |= {o.lemma_.lower() for o in harms} | {m.lemma_.lower() for o in harms for m in o.children
                                                        if m.dep_ in ("amod", "compound") and not _negated_word(m)}
    if (own | objects) & CASUALTY_CLASSES["killed"] or objects & FATAL_WORDS:
        return "killed"
    survived = any(c.dep_ == "conj" and c.lemma_.lower() == "survive" for c in verb.children)
    finder = verb.head.head if verb.dep_ == "acl" and verb.head.dep_ == "dobj" else verb.head
    found = verb.dep_ in ("ccomp", "acl", "oprd", "xcomp") and finder.lemma_.lower() in FOUND_VERBS
    for role in ("injured", "shot"):
        if own & CASUALTY_CLASSES[role]:
            if found and not survived:
                return "shot"  # 'found two men wounded': as police found them, not whether they lived
            return "injured" if survived else role
    if objects & WOUND_WORDS:
        return "injured" if survived else "shot"
    return "injured" if objects & CASUALTY_CLASSES["injured"] else None


CONTRAST_WORDS = {"but", "while", "whereas", "yet"}


def contrasted(conj: Token) -> bool:
    """Whether a joined verb is set against the one it joins with a subject of its own that
    the parser hung elsewhere ('X survived the fire but the others ... died'): a contrast
    with a noun between joins what happened to different people. ('X survived the
    shooting but died a week later' is one person.)"""
    doc = conj.doc
    cc = next((i for i in range(conj.head.i + 1, conj.i) if doc[i].dep_ == "cc" and doc[i].lower_ in CONTRAST_WORDS),
              None)
    return cc is not None and any(doc[i].pos_ in ("NOUN", "PROPN", "PRON") for i in range(cc + 1, conj.i))


def harmed(sent: Span, headline: bool = False) -> Iterable[tuple[Token, str, list[Token], bool]]:
    """(casualty word, its role, the tokens for those it harmed, whether they harmed
    themselves) in a sentence (or a headline, whose participles the tagger often reads as
    past tenses)."""
    lemmas = {t.lemma_.lower() for t in sent}
    if not lemmas & _HARM_CUES:
        return  # most sentences harm nobody: skip the per-token reading
    attempt = "attempt" in lemmas
    for verb in sent:
        suicide = _suicide(verb)
        if suicide is not None and not attempt:
            yield verb, "killed", suicide, True  # 'then killed himself', 'committed suicide'
            continue
        if verb.pos_ == "NOUN":
            bearer = wound_bearer(verb)
            if bearer is not None:  # 'a man with a gunshot wound showed up at a diner'
                yield verb, "shot" if verb.lemma_.lower() in WOUND_WORDS else "injured", [bearer], False
                continue
            role = event_noun_role(verb)
            if role is not None:  # 'the fatal shooting of a teen', 'the death of his son'
                yield verb, role, [c for prep in verb.children if prep.dep_ == "prep" and prep.lower_ == "of"
                                   for c in prep.children if c.dep_ == "pobj"], False
            continue
        if not (verb.pos_ in ("VERB", "ADJ") or verb.tag_ == "VBN"):
            continue
        role = casualty_role(verb)
        if role is None or hypothetical(verb) or died_later(verb):
            continue
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        # 'Woman killed', 'a boy wounded': a bare participle with a subject and no object or
        # 'has' is a passive in headline style
        passive = passive or (verb.tag_ == "VBN" and not any(c.dep_ in ("dobj", "aux") for c in verb.children))
        # 'Child grazed by bullet': a headline's participle the tagger read as a past tense,
        # with a 'by' phrase and no object, is a passive too
        passive = passive or (headline and verb.tag_ == "VBD" and not any(c.dep_ in ("dobj", "aux") for c in verb.children)
                              and any(c.dep_ in ("agent", "prep") and c.lower_ == "by" for c in verb.children))
        intransitive = verb.lemma_.lower() in ("die", "dead", "perish") or verb.lemma_.lower() in SUFFER_VERBS
        patients = [c for c in verb.children if c.dep_ in (("nsubjpass", "nsubj") if passive or intransitive else ("dobj",))]
        reflexive = any(p.lower_ in REFLEXIVES for p in patients)
        if reflexive:
            patients = [c for c in verb.children if c.dep_ == "nsubj"]  # 'a boy shot himself'
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            patients.append(verb.head)  # 'a teen shot and killed on Friday'
        if not patients and verb.dep_ == "oprd":
            # 'left a boy dead', 'found a man wounded': an object's predicate tells of the object
            patients = [c for c in verb.head.children if c.dep_ == "dobj"]
        if not patients and verb.dep_ == "amod" and verb.head.dep_ == "dobj" and verb.head.head.lemma_.lower() == "leave":
            patients = [verb.head]  # 'left a man dead', as the parser often hangs it
        joined = verb
        for _ in range(3):
            # 'was shot and killed', 'was pronounced dead', 'was hit and pronounced dead':
            # the subject of the verb it joins
            if patients or joined.dep_ not in ("conj", "xcomp", "acomp", "oprd") or joined.head.pos_ not in ("VERB", "AUX"):
                break
            if joined.dep_ == "conj" and contrasted(joined):
                break  # 'survived the attack but ... died': the dead are others
            joined = joined.head
            patients = [c for c in joined.children if c.dep_ in ("nsubjpass", "nsubj")]
        yield verb, role, patients, reflexive and role == "killed" and not attempt


def _suicide(verb: Token) -> list[Token] | None:
    """The subject of 'committed suicide', 'took his own life', 'turned the gun on himself'
    (which news writes of an attacker who died by it), else None."""
    lemma = verb.lemma_.lower()
    objects = {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
    said = (lemma == "commit" and "suicide" in objects) or (
        lemma == "take" and "life" in objects and any(
            g.lower_ == "own" for c in verb.children if c.dep_ == "dobj" for g in c.children)) or (
        lemma == "turn" and any(p.lower_ == "on" and any(o.lower_ in REFLEXIVES for o in p.children)
                                for p in verb.children if p.dep_ == "prep"))
    if not said or any(c.dep_ == "neg" for c in verb.children):
        return None
    tok = verb
    for _ in range(3):  # 'killed two before turning the gun on himself': the clause's subject
        subjects = [c for c in tok.children if c.dep_ == "nsubj"]
        if subjects or tok.head.i == tok.i:
            return subjects
        tok = tok.head
    return []


EVENT_DEATHS = {"death", "killing", "murder", "slaying", "homicide"}
"""Nouns for a killing: 'the death of his son' is one killed."""


_HARM_CUES = set().union(*CASUALTY_CLASSES.values(), WOUND_WORDS, EVENT_DEATHS, {"shooting", "suicide", "life", "gun"} | REFLEXIVES)
"""A sentence whose lemmas include none of these states no harm that ``harmed`` reads."""


FATAL_WORDS = {"fatal", "deadly", "death"}
"""What makes a shooting a killing: 'the fatal shooting of', 'the shooting death of'."""


def wound_bearer(noun: Token) -> Token | None:
    """The person a wound is given to by 'with' ('a man with a gunshot wound', 'a teen with
    serious injuries'): one shot (or injured), as 'suffering from a gunshot wound' is.
    The wound must not be denied ('a man with no injuries')."""
    lemma = noun.lemma_.lower()
    if not (lemma in WOUND_WORDS or lemma in ("injury", "injuries")) or noun.dep_ != "pobj":
        return None
    prep = noun.head
    if prep.lower_ != "with" or prep.head.pos_ != "NOUN" or any(c.lower_ in ("no", "without") for c in noun.children):
        return None
    return prep.head


def event_noun_role(noun: Token) -> str | None:
    """The casualty role of an event noun ('death', 'fatal shooting'), or None."""
    lemma = noun.lemma_.lower()
    if lemma in EVENT_DEATHS:
        return "killed"
    if lemma == "shooting":
        return "killed" if any(c.lower_ in FATAL_WORDS for c in noun.children if c.dep_ in ("amod", "compound")) else "shot"
    return None


def one_person(tok: Token, headline: bool = False) -> bool:
    """A token that names one individual: a person's name, or a singular noun with 'a',
    'one', 'his', ... ('a 9-year-old boy'). Pronouns are left out: they point at someone
    another sentence already counts."""
    if any(c.dep_ == "nummod" and (c.lower_ != "one" or c.ent_type_) for c in tok.children):
        return False  # counted by its numeral (a bare 'one' the recogniser missed is counted here)
    if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN":
        return True
    if tok.lower_ in PRONOUNS_OF_ONE and tok.dep_ != "poss":
        return True  # 'he later died': one person, whom another sentence may count too
    doc = tok.doc
    if tok.lower_ == "old" and tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "year":
        return True  # 'a 16-year-old was shot': an age standing for the person
    if tok.tag_ != "NN" or tok.pos_ != "NOUN":
        return False
    aged = any(re.fullmatch(r"\d{1,3}-year-old", t.text) or t.lower_ == "old" for t in tok.lefts)
    if tok.lemma_.lower() not in PERSON_NOUNS and not aged:
        return False  # 'a shell casing', 'her knee'
    if headline and not any(c.dep_ in ("det", "poss") for c in tok.children):
        return True  # 'Teen killed in crash'
    if any(c.dep_ == "poss" and any(g.dep_ == "case" for g in c.children) for c in tok.children):
        return True  # 'the victim's mother', 'Ruston's brother': one relative of someone
    return any(c.dep_ in ("det", "poss", "nummod") and c.lower_ in SINGULAR_DETS for c in tok.children)
