"""Speakers of quotes: speech verbs (cues), the verb a quotation hangs on, the cue's
subject, and that subject resolved to an entity of the story (a name, a pronoun's person, a
role noun's holder). Split from quotes.py, which finds the quotations and uses these."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from .entities import ROLE_NOUNS, entity_at
from .model import Entity

SPEECH_VERBS = {
    "say", "tell", "add", "state", "claim", "warn", "explain", "note", "insist", "argue", "ask",
    "reply", "respond", "announce", "declare", "write", "tweet", "post", "conclude", "remark",
    "recall", "stress", "emphasize", "emphasise", "suggest", "acknowledge", "admit", "deny",
    "confirm", "report", "comment", "quip", "joke", "predict", "promise", "vow", "urge",
    "describe", "complain", "boast", "observe", "testify", "shout", "yell", "scream", "shriek", "whisper", "muse",
    "concede", "assert", "allege", "maintain", "contend", "counter", "recount", "reiterate",
    "indicate", "underline", "continue", "thunder", "scoff", "lament", "demand", "plead",
    "proclaim", "exclaim", "charge", "accuse", "caution", "advise", "told", "reveal", "wonder",
    "mention", "opine", "retort", "chant", "sing", "read", "brag", "point", "cry", "rail",
    "criticize", "criticise", "acknowledge", "blast", "praise", "threaten", "predict", "go",
    "call", "label", "dub", "brand", "term",  # 'called the plan “reckless”'
}
# Lemmas in SPEECH_VERBS that are speech only with a particle ("went on to say" is caught
# by "say"; "point out").
NEEDS_PARTICLE = {"go": None, "point": "out"}

PRONOUNS_PERSON = {"he", "she", "him", "her"}
SPEECH_NOUNS = {
    "statement", "statements", "comment", "comments", "remark", "remarks", "words", "letter", "tweet",
    "tweets", "post", "message", "speech", "note", "email", "e-mail", "testimony", "interview", "response",
    "reply", "release", "memo", "announcement", "op-ed", "column", "video", "ad", "advertisement",
}
"""Nouns for what someone said or wrote: "Velt's statement said", "Velt issued a statement
saying": the one who made it speaks. Any other noun a person's name modifies ("the Velt
campaign", "Velt's former strategist") is someone else speaking."""
MAX_SPEAKER_TOKENS = 12
"""A cue's subject longer than this is a clause, not a speaker name."""

# --- speakers -------------------------------------------------------------------------


def _is_cue(tok: Token) -> bool:
    lemma = tok.lemma_.lower()  # read once: asked of every token of every document
    if lemma == "put" and tok.pos_ == "VERB":
        # '..., as the memo put it': "put it" with "as" says who worded it
        return any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) \
            and any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)
    if lemma not in SPEECH_VERBS or tok.pos_ not in {"VERB", "AUX"}:
        return False
    particle = NEEDS_PARTICLE.get(lemma, "")
    if particle == "":
        return True
    if particle is None:
        return False
    return any(ch.dep_ == "prt" and ch.lower_ == particle for ch in tok.children)


def _subject(cue: Token) -> Token | None:
    """The cue's subject, climbing from "adding"/"went on to say" to the governing verb."""
    tok = cue
    if cue.tag_ == "VBG" and cue.dep_ == "advcl":
        # "X's remarks came as Velt turned it down, saying ...": the participle goes with
        # the clause right before it, which the parse hung beside it on the main verb
        nearer = [v for v in cue.head.children if v.dep_ in {"advcl", "conj"} and cue.head.i < v.i < cue.i]
        subjects = [ch for v in nearer[-1:] for ch in v.children if ch.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
    for _ in range(4):
        for ch in tok.children:
            if ch.dep_ in {"nsubj", "nsubjpass"}:
                # "a senator who said": the relative pronoun stands for the noun it hangs on.
                if ch.lower_ in {"who", "which", "that"} and tok.dep_ == "relcl":
                    return tok.head
                return ch
        # "Velt issued a statement saying ...": the one who issued it speaks.
        if tok.dep_ == "acl" and tok.head.lower_ in SPEECH_NOUNS and tok.head.dep_ in {"dobj", "pobj"}:
            verb = tok.head.head if tok.head.dep_ == "dobj" else tok.head.head.head
            issuer = next((ch for ch in verb.children if ch.dep_ in {"nsubj", "nsubjpass"}), None)
            if issuer is not None:
                return issuer
        # "footage of Trump saying ...": the noun the participle hangs on speaks, or the
        # one it shows ("a video of Velt saying", parsed onto "video").
        if tok.dep_ == "acl" and tok.head.pos_ in {"PROPN", "NOUN"}:
            shown = [g for p in tok.head.children if p.dep_ == "prep" and p.lower_ == "of"
                     for g in p.children if g.dep_ == "pobj" and g.ent_type_ == "PERSON"]
            return shown[0] if tok.head.pos_ == "NOUN" and shown else tok.head
        # "Velt responded by saying ...": the verb the preposition hangs on.
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ in {"VERB", "AUX"}:
            tok = tok.head.head
            continue
        # "said X" in inverted order: the subject follows ("said the minister").
        if tok.dep_ in {"advcl", "xcomp", "conj", "ccomp", "acl"} and tok.head is not tok:
            tok = tok.head
            continue
        break
    return None


def _np(tok: Token) -> Span:
    doc = tok.doc
    left = tok.left_edge.i
    right = tok.i
    # Keep the noun phrase up to the head and its appositions ("a spokesperson, Jo Doe"),
    # without relative clauses.
    for ch in tok.rights:
        if ch.dep_ in {"appos", "compound", "flat"} or (ch.dep_ == "punct" and ch.text == ","):
            right = max(right, ch.right_edge.i)
        else:
            break
    while right > tok.i and doc[right].is_punct:
        right -= 1
    # Never across a line break (a title line above the sentence) or a dateline dash.
    for i in range(tok.i - 1, left - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_ or doc[i].text in {"—", "–", "--"}:
            left = i + 1
            break
    return doc[left:right + 1]


class _Speakers:
    """Resolves a cue's subject to an entity of the story, per document."""

    def __init__(self, entities: list[Entity], doc_id: str):
        self.entities = entities
        self.doc_id = doc_id
        self.quoted: list[tuple[int, int]] = []  # direct quote spans found so far
        self.by_id = {e.id: e for e in entities}
        # the entities named in this document, in the story's order: what entity_at and the
        # names inside a subject can find here, without walking every other document's spans
        self.in_doc = [e for e in entities if any(s.doc == doc_id for s in e.spans)]
        self.persons_in_doc = sorted(
            (s.start, s.end, e.id) for e in entities if e.type == "PERSON" for s in e.spans if s.doc == doc_id
        )

    def resolve(self, subj: Token, history: list[tuple[int, str]], window_start: int) -> tuple[str | None, str]:
        """(entity id or None, the speaker as written)."""
        if subj.lower_ in PRONOUNS_PERSON:
            return self._pronoun(subj, history, window_start), subj.text
        np = _np(subj)
        if len(np) > MAX_SPEAKER_TOKENS:
            np = subj.doc[subj.i:subj.i + 1]
        written = np.text
        joint = [ch for ch in subj.children if ch.dep_ == "conj" and ch.pos_ in {"PROPN", "NOUN"}]
        if joint:
            # "Velt and Marrow said in a joint statement": several speakers, none of them alone
            whole = subj.doc[np.start:max(joint[-1].right_edge.i, np.end - 1) + 1]
            return None, (whole if len(whole) <= MAX_SPEAKER_TOKENS else np).text
        # A name in the subject (the head first, then anything in the phrase).
        head_ent = entity_at(self.in_doc, self.doc_id, subj.idx, subj.idx + len(subj))
        if head_ent is not None and head_ent.type in {"PERSON", "ORG", "NORP", "GPE"}:
            return head_ent.id, written
        for ch in subj.children:  # "the chief executive, Martin Deverell, said"
            if ch.dep_ == "appos":
                named = entity_at(self.in_doc, self.doc_id, ch.idx, ch.idx + len(ch))
                if named is not None and named.type == "PERSON":
                    return named.id, written
        # A name inside the phrase speaks through the head only when the head is what it
        # said ("Velt's statement"); "the Velt campaign" and "Velt's strategist" are others.
        in_np = {
            e.id for e in self.in_doc for s in e.spans
            if s.doc == self.doc_id and np.start_char <= s.start and s.end <= np.end_char
            and e.type in {"PERSON", "ORG"}
        } if subj.pos_ == "PROPN" or subj.lower_ in SPEECH_NOUNS else set()
        persons = [i for i in in_np if self.by_id[i].type == "PERSON"]
        if len(persons) == 1:
            return persons[0], written
        if len(in_np) == 1 and subj.lower_ not in ROLE_NOUNS:
            return next(iter(in_np)), written
        if subj.lemma_.lower() in ROLE_NOUNS or subj.lower_ in ROLE_NOUNS:
            return self._role(np, subj), written
        return None, written

    def _pronoun(self, subj: Token, history: list[tuple[int, str]], window_start: int) -> str | None:
        """The nearest preceding person who was a subject (or spoke) in the window, else the
        one person named there; None when that is not unambiguous."""
        doc = subj.doc
        best: tuple[int, str] | None = None
        for s, e_end, eid in self.persons_in_doc:
            if not (window_start <= s < subj.idx) or any(a <= s < b for a, b in self.quoted):
                continue
            tok = _token_at(doc, e_end - 1)
            while tok is not None and tok.dep_ in {"compound", "flat"} and tok.head is not tok:
                tok = tok.head
            if tok is not None and tok.dep_ == "appos":  # "the mayor, Dana Marrow, said"
                tok = tok.head
            # a subject of the sentence's own verb or of a speech verb, not of a clause
            # inside one ("Velt said he wants Marrow to do well ... 'X,' he said": Velt)
            if tok is not None and tok.dep_ in {"nsubj", "nsubjpass"} and (tok.head.dep_ == "ROOT" or _is_cue(tok.head)):
                best = (s, eid)
        for pos, speaker in history:
            if window_start <= pos < subj.idx and self.by_id.get(speaker) and self.by_id[speaker].type == "PERSON":
                if best is None or pos > best[0]:
                    best = (pos, speaker)
        if best:
            return best[1]
        # People named inside quotation marks are talked about, not talking.
        named = {e for s, _, e in self.persons_in_doc if window_start <= s < subj.idx
                 and not any(a <= s < b for a, b in self.quoted)}
        if len(named) == 1:
            return next(iter(named))
        return None

    def _role(self, np: Span, head: Token) -> str | None:
        """"the minister" -> the one entity of this document holding a role with that noun
        and every other content word of the phrase ("the NGO chief" needs "NGO").  An
        indefinite phrase ("a spokesperson") names someone unnamed: never resolved, and it
        makes later "the spokesperson" ambiguous too."""
        if any(t.dep_ == "det" and t.lower_ in {"a", "an", "one", "another"} for t in np):
            return None
        doc = head.doc
        for t in doc[:head.i]:
            if t.lower_ == head.lower_ and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in t.children):
                return None
        modifiers = {t.lower_ for t in np if t.i != head.i and not t.is_stop and not t.is_punct}
        candidates = set()
        for e in self.entities:
            if not any(s.doc == self.doc_id for s in e.spans):
                continue
            for role in e.roles:
                words = set(re.split(r"[\s\-]+", role.lower()))
                if (head.lower_ in words or head.lemma_.lower() in words) and modifiers <= words:
                    candidates.add(e.id)
        return next(iter(candidates)) if len(candidates) == 1 else None


def _cue_near(doc: Doc, lo: int, hi: int, prefer_first: bool) -> Token | None:
    """A speech verb in the character range [lo, hi) (nearest to the quote)."""
    span = doc.char_span(lo, hi, alignment_mode="contract")
    if span is None:
        return None
    cues = [t for t in span if _is_cue(t)]
    if not cues:
        # "according to X"
        for t in span:
            if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
                return t
        return None
    return cues[0] if prefer_first else cues[-1]


def _cues_in(doc: Doc, lo: int, hi: int) -> list[Token]:
    """The speech verbs in the character range [lo, hi), in text order."""
    span = doc.char_span(lo, hi, alignment_mode="contract")
    return [t for t in span if _is_cue(t)] if span is not None else []


def _governs(cue: Token, quote: Span | None) -> bool:
    """Whether the quoted words hang (through the parse) on the speech verb."""
    if quote is None:
        return False
    for t in quote[:40]:
        if cue in t.ancestors:
            return True
    return False


def _governing_cue(cues: list[Token], quote: Span | None) -> Token | None:
    """Of the cues (nearest first), the nearest that the quote hangs on and that has a
    subject: "saying anybody who complains about X 'is ...'" is said by the one saying,
    not by anybody who complains."""
    return next((c for c in cues if _governs(c, quote) and _subject(c) is not None), None)


CHARACTERISING_VERBS = {
    "describe": {"as"}, "portray": {"as"}, "depict": {"as"}, "paint": {"as"}, "characterize": {"as"},
    "characterise": {"as"}, "cast": {"as"}, "dismiss": {"as"}, "condemn": {"as"}, "denounce": {"as"},
    "deride": {"as"}, "mock": {"as"}, "hail": {"as"}, "praise": {"as"}, "admire": {"as"}, "rate": {"as"},
    "liken": {"to"}, "compare": {"to"}, "blame": {"on"},
}
"""Verbs by which a subject says what something is, with the preposition that gives it
("condemned the test as “reckless”", "likened the plan to “a bet”", "blamed the delay on
“red tape”"): quoted words in that phrase are the subject's."""
SPEECH_NOUNS_REPORTING = frozenset("claim statement remark assertion comment promise pledge warning charge".split())
"""Nouns for something said whose possessor said it ("Velt's claim that there were
“thousands” of them"): quoted words in what the noun reports are the possessor's."""


def _sentence_cue(quote: Span | None, sent_start_char: int) -> Token | None:
    """A cue for a quotation that no speech verb next to it attributes, read from the
    parse of its sentence: a speech verb earlier in the sentence that the quotation
    hangs on (across another quotation in between: 'Velt tells “Morning Desk” that
    “nobody knows”'), a verb of characterising whose "as"/"to"/"on" phrase holds it,
    with a subject of its own, or a possessed speech noun whose clause holds it. None
    otherwise."""
    if quote is None:
        return None
    root = quote.root
    prev = root
    for anc in root.ancestors:
        if anc.idx < sent_start_char:
            break
        lemma = anc.lemma_.lower()
        if (_is_cue(anc) or lemma in CHARACTERISING_VERBS) and prev.dep_ in BESIDE_DEPS \
                and any(c.dep_ in {"nsubj", "nsubjpass"} for c in prev.children):
            # 'X described Y as “...” after Z blamed it on “...”': a clause set beside the
            # verb, with a subject of its own, is not what the verb's subject said
            return None
        if anc.i < quote.start and _is_cue(anc) and _subject(anc) is not None:
            return anc
        if anc.pos_ == "VERB" and lemma in CHARACTERISING_VERBS:
            preps = CHARACTERISING_VERBS[lemma]
            via = next((c for c in anc.children if root in c.subtree and (
                c.dep_ == "prep" and c.lower_ in preps and c.i < quote.start
                # "likened the rules to “burning the charter”", parsed as an infinitive
                or c.tag_ == "VBG" and any(g.dep_ == "aux" and g.lower_ in preps and g.i < quote.start for g in c.children))),
                None)
            if via is not None and (subj := _subject(anc)) is not None and subj.dep_ == "nsubj":
                return anc
        if anc.pos_ == "NOUN" and lemma in SPEECH_NOUNS_REPORTING and anc.i < quote.start \
                and any(c.dep_ == "poss" for c in anc.children):
            return anc
        prev = anc
    return None


BESIDE_DEPS = frozenset({"advcl", "conj", "parataxis"})
"""Clauses set beside a verb's own rather than inside what it reports ("X said it after Z
..."): a subject of their own speaks for itself."""


def _outer_cue(cue: Token, p_start: int, p_end: int) -> Token:
    """The speech verb whose reported clause holds ``cue``, when there is one in the sentence
    and paragraph ("Velt said Marrow had called it 'a disgrace'": the quotation is Velt's
    report), else ``cue``."""
    tok = cue
    while tok.dep_ != "ROOT" and tok.head is not tok:
        if tok.dep_ == "ccomp" and _is_cue(tok.head) and p_start <= tok.head.idx < p_end \
                and (outer_subject := _subject(tok.head)) is not None and p_start <= outer_subject.idx < p_end:
            cue = tok.head
        tok = tok.head
    return cue


def _subject_after_quote(doc: Doc, cue: Token, qe: int) -> Token | None:
    """The speaker written after a quote whose parse took words of the quote for the
    subject: '"...," Rep. Jo Doe said' or '"...," said Jo Doe, a ...'."""
    end_tok = _token_at(doc, qe)
    if end_tok is None:
        return None
    order = [t for t in doc[end_tok.i + 1:cue.i]] if cue.i > end_tok.i else []
    order += list(doc[cue.i + 1:min(len(doc), cue.i + 8)])
    for t in order:
        if t.is_sent_start and t.i > cue.i:
            break
        if t.pos_ in {"PROPN", "NOUN"} and t.dep_ != "poss":
            while t.dep_ in {"compound", "flat", "amod", "nmod"} and t.i < t.head.i <= t.i + 6:
                t = t.head
            return t
    return None


def _token_at(doc: Doc, char: int) -> Token | None:
    """The token covering ``char``, or the last one before it (whitespace between tokens)."""
    if not len(doc):
        return None
    # bisect over the Doc itself: log(n) token look-ups, not a list of every offset per call
    i = bisect.bisect_right(doc, char, key=lambda t: t.idx) - 1
    return doc[max(i, 0)]
