"""Quotes and their speakers (the same quote across documents and attribution conflicts:
quote_conflicts.py, re-exported here).

Direct quotes are the text between quotation marks (straight or curly), found paragraph by
paragraph; ``start``/``end`` cover the quoted words without the marks.  A quote split by
its attribution ("“A,” he said, “B.”") gives two quotes with the same speaker and cue.
A quoted span counts as a quote when a speech cue attributes it, or when it is long
enough to be speech rather than a scare-quoted term (“asset”).

Indirect quotes are the clause a speech verb governs ("X said that ...", "X told Y ...")
and the clause around "according to X".

Speakers come from the cue's subject on the one spaCy parse: a name (the story entity at
that span), a pronoun (the nearest preceding person who spoke or was a subject, in the same
paragraph or the previous sentence, only when that is unambiguous) or a role noun ("the
minister") matched to the one entity with that role.  What cannot be resolved stays as
text (``speaker_name``) with ``speaker`` null: never guessed.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from .entities import ROLE_NOUNS, entity_at
from .model import Document, Entity, Quote

SPEECH_VERBS = {
    "say", "tell", "add", "state", "claim", "warn", "explain", "note", "insist", "argue", "ask",
    "reply", "respond", "announce", "declare", "write", "tweet", "post", "conclude", "remark",
    "recall", "stress", "emphasize", "emphasise", "suggest", "acknowledge", "admit", "deny",
    "confirm", "report", "comment", "quip", "joke", "predict", "promise", "vow", "urge",
    "describe", "complain", "boast", "observe", "testify", "shout", "yell", "whisper", "muse",
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
OPEN_CLOSE = {"“": "”", "„": "“", "«": "»"}

MIN_UNCUED_WORDS = 8
"""A quoted span with no speech cue is kept only from this many words: shorter ones are
mostly scare quotes and titles.  Trades recall of unattributed quotes for precision."""
MIN_CUED_WORDS = 1
"""With a speech cue attributing it, even one quoted word is the speaker's ("called the
plan “reckless”"); without a cue, MIN_UNCUED_WORDS applies.  Measured on PolNeAR dev:
attributed one-word quotes are common and rarely scare quotes when a cue is present."""
MAX_SPEAKER_TOKENS = 12
"""A cue's subject longer than this is a clause, not a speaker name."""

# --- finding quoted spans -------------------------------------------------------------


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n\s*\n|\n", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _quoted_spans(text: str, p_start: int, p_end: int) -> list[tuple[int, int, bool]]:
    """(inner start, inner end, closed) for every quotation in a paragraph.  An opening mark
    left open runs to the paragraph's end (the multi-paragraph convention)."""
    found: list[tuple[int, int, bool]] = []
    i = p_start
    while i < p_end:
        c = text[i]
        close: str | None = None
        if c in OPEN_CLOSE:
            close = OPEN_CLOSE[c]
        elif c == "”" and (i == p_start or text[i - 1].isspace()) and i + 1 < p_end and text[i + 1].isalnum():
            close = "”"  # a typographic slip: ” opening a quotation, seen in scraped text
        elif c == '"':
            close = '"'
        if close is None:
            i += 1
            continue
        j = text.find(close, i + 1, p_end)
        if c == '"' and j == -1:
            # An unpaired straight quote: open to the end only at the paragraph start.
            if text[p_start:i].strip():
                i += 1
                continue
        end = j if j != -1 else p_end
        inner_s, inner_e = i + 1, end
        while inner_s < inner_e and text[inner_s].isspace():
            inner_s += 1
        while inner_e > inner_s and text[inner_e - 1].isspace():
            inner_e -= 1
        if inner_e > inner_s:
            found.append((inner_s, inner_e, j != -1))
        i = end + 1
    return found


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


# --- speakers -------------------------------------------------------------------------


def _is_cue(tok: Token) -> bool:
    if tok.lemma_.lower() not in SPEECH_VERBS or tok.pos_ not in {"VERB", "AUX"}:
        return False
    particle = NEEDS_PARTICLE.get(tok.lemma_.lower(), "")
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
        head_ent = entity_at(self.entities, self.doc_id, subj.idx, subj.idx + len(subj))
        if head_ent is not None and head_ent.type in {"PERSON", "ORG", "NORP", "GPE"}:
            return head_ent.id, written
        for ch in subj.children:  # "the chief executive, Martin Deverell, said"
            if ch.dep_ == "appos":
                named = entity_at(self.entities, self.doc_id, ch.idx, ch.idx + len(ch))
                if named is not None and named.type == "PERSON":
                    return named.id, written
        # A name inside the phrase speaks through the head only when the head is what it
        # said ("Velt's statement"); "the Velt campaign" and "Velt's strategist" are others.
        in_np = {
            e.id for e in self.entities for s in e.spans
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


# --- per document ---------------------------------------------------------------------


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


def _according_source(tok: Token) -> Token | None:
    doc = tok.doc
    if tok.i + 1 < len(doc):
        for ch in doc[tok.i + 1].children:
            if ch.dep_ == "pobj":
                return ch
    return None


def _token_at(doc: Doc, char: int) -> Token | None:
    """The token covering ``char``, or the last one before it (whitespace between tokens)."""
    if not len(doc):
        return None
    # bisect over the Doc itself: log(n) token look-ups, not a list of every offset per call
    i = bisect.bisect_right(doc, char, key=lambda t: t.idx) - 1
    return doc[max(i, 0)]


def _sent_bounds(doc: Doc, char: int) -> tuple[int, int]:
    tok = _token_at(doc, char)
    if tok is None:
        return char, char
    sent = tok.sent
    return sent.start_char, sent.end_char


SIGNATURE_NAME = re.compile(r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]*){1,3}(?=\s*(?:$|[\n.,;]))", re.M)
"""A signature after a dash: two to four capitalised words ending the line ("― Jo A. Doe")."""

TRANSCRIPT_LABEL = re.compile(r"\s*([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):\s")
"""A transcript's speaker label at the start of a quotation: a name in capitals and a colon."""


def _colon_intro(doc: Doc, text: str, before_lo: int, qs: int, p_start: int) -> Token | None:
    """The subject of the sentence that ends in a colon right before a quote (in its
    paragraph, or closing the paragraph before), else None."""
    if text[before_lo:qs - 1].rstrip().endswith(":") and before_lo < qs - 1:
        end = len(text[:qs - 1].rstrip()) - 1
    elif qs - 1 <= p_start and text[:p_start].rstrip().endswith(":"):
        end = len(text[:p_start].rstrip()) - 1
    else:
        return None
    colon = _token_at(doc, end)
    if colon is None:
        return None
    # the first subject of a verb before the colon (the parse may run the intro and the
    # quote into one sentence, rooted in the quote)
    start = colon.sent.start
    if doc[start:colon.i + 1].text.strip() == ":" and start > 0:
        start = doc[start - 1].sent.start
    return next((t for t in doc[start:colon.i] if t.dep_ in {"nsubj", "nsubjpass"} and t.head.i < colon.i), None)


def _person_named(entities: list[Entity], written: str) -> str | None:
    """The one person whose name or surname is ``written`` (any case), else None."""
    key = written.lower()
    hits = {e.id for e in entities if e.type == "PERSON"
            and any(key == n.lower() or key == n.split()[-1].lower() for n in (e.name, *e.aliases) if n)}
    return next(iter(hits)) if len(hits) == 1 else None


def _document_quotes(document: Document, doc: Doc, entities: list[Entity]) -> list[Quote]:
    text = document.text
    speakers = _Speakers(entities, document.id)
    quotes: list[Quote] = []
    history: list[tuple[int, str]] = []  # (char offset, entity id) of resolved speakers
    direct_spans = speakers.quoted
    prev_open: Quote | None = None  # a quote left open at the end of the previous paragraph

    for p_start, p_end in _paragraphs(text):
        spans = _quoted_spans(text, p_start, p_end)
        for k, (qs, qe, closed) in enumerate(spans):
            prev_end = spans[k - 1][1] + 1 if k else p_start
            next_start = spans[k + 1][0] - 1 if k + 1 < len(spans) else p_end
            s_lo, _ = _sent_bounds(doc, max(qs - 2, p_start))
            _, s_hi = _sent_bounds(doc, min(qe + 1, p_end - 1))
            # The sentence after a closing mark that ends the sentence: '"..." Valdor said.'
            after_hi = min(next_start, max(s_hi, _sent_bounds(doc, min(qe + 2, p_end - 1))[1]))
            before_lo = max(prev_end, s_lo, p_start)
            # '..." Brenn said, “...': the words after a quote that ended its sentence
            # and lead into the next quote attribute the next one only.
            leads_on = (k + 1 < len(spans) and text[qe - 1:qe] in ".!?"
                        and text[qe + 1:next_start].rstrip().endswith((",", ":")))
            # 'X said, “...' / 'X said: “...' introduces this quote: that cue wins.
            introduced = text[before_lo:qs - 1].rstrip().endswith((",", ":"))
            quote_span = doc.char_span(qs, qe, alignment_mode="expand")
            before_cues = _cues_in(doc, before_lo, qs - 1)[::-1] if before_lo < qs - 1 else []
            governing_before = _governing_cue(before_cues, quote_span)
            cue = None
            if introduced and before_lo < qs - 1:
                cue = governing_before or _cue_near(doc, before_lo, qs - 1, prefer_first=False)
            if cue is None and qe + 1 < after_hi and not leads_on:
                cue = _cue_near(doc, qe + 1, after_hi, prefer_first=True)
                if cue is not None and governing_before is not None and cue.lower_ != "according" \
                        and not _governs(cue, quote_span):
                    # 'Velt said "...". Marrow said ...': the next sentence's verb does not
                    # attribute a quote that its own sentence's verb governs
                    cue = governing_before
            if cue is None and before_lo < qs - 1:
                cue = governing_before or _cue_near(doc, before_lo, qs - 1, prefer_first=False)
            if cue is None and qs - 1 == p_start and text[:p_start].rstrip().endswith(":"):
                # "Brenn said:" closing the previous paragraph.
                prev_s, prev_e = _sent_bounds(doc, len(text[:p_start].rstrip()) - 1)
                cue = _cue_near(doc, prev_s, prev_e, prefer_first=False)
            n_words = _words(text[qs:qe])
            if n_words < MIN_CUED_WORDS or (cue is None and n_words < MIN_UNCUED_WORDS and prev_open is None):
                continue
            speaker_id: str | None = None
            speaker_name: str | None = None
            cue_text: str | None = None
            if cue is not None:
                cue_text = "according to" if cue.lower_ == "according" else cue.text
                if cue.lower_ != "according" and not introduced:
                    cue = _outer_cue(cue, p_start, p_end)  # a verb that introduces the quote ('X boasted, "..."') is its own
                subj = _according_source(cue) if cue.lower_ == "according" else _subject(cue)
                if cue.lower_ != "according":
                    if subj is None and cue.i > 0 and doc[cue.i - 1].pos_ == "PROPN" \
                            and doc[cue.i - 1].ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
                        subj = doc[cue.i - 1]  # 'In an interview Velt declared “...”' parsed without a subject
                    inside = next((b for a, b, _ in spans if subj is not None and a <= subj.idx < b), None)
                    if inside is not None:  # the parse took words of a quotation for the subject
                        subj = _subject_after_quote(doc, cue, inside)
                if subj is not None:
                    window = _window_start(doc, min(subj.idx, qs - 1), p_start)
                    speaker_id, speaker_name = speakers.resolve(subj, history, window)
            elif (intro := _colon_intro(doc, text, before_lo, qs, p_start)) is not None:
                # 'Velt made the following remark: "..."': a sentence ending in a colon
                # introduces the quote; its subject, when a person, is the speaker
                named = entity_at(entities, document.id, intro.idx, intro.idx + len(intro))
                if named is not None and named.type == "PERSON":
                    speaker_id, speaker_name = named.id, _np(intro).text
            elif (dash := re.match(r"[”\"]?\s*[―—–]+\s*", text[qe:p_end])) is not None:
                # '“...”― Jo Doe': the name after a dash signs the quote.
                name_at = qe + dash.end()
                signer = entity_at(entities, document.id, name_at, name_at + 1)
                if signer is not None:
                    speaker_id = signer.id
                    sig = next(sp for sp in signer.spans if sp.doc == document.id and sp.start <= name_at < sp.end)
                    speaker_name = sig.text
                elif (written := SIGNATURE_NAME.match(text, name_at, p_end)) is not None:
                    speaker_name = written.group(0)  # a name the tagger did not know signs it all the same
            if cue is None and speaker_id is None and speaker_name is None \
                    and (label := TRANSCRIPT_LABEL.match(text, qs, qe)) is not None:
                # '"VELT: Well, look, ...': a transcript's speaker label opens the quote
                written = label.group(1)
                named = entity_at(entities, document.id, label.start(1), label.end(1))
                speaker_id = named.id if named is not None and named.type == "PERSON" else _person_named(entities, written)
                speaker_name = written
            same_par = [q for q in quotes if q.doc == document.id and p_start <= q.start < qs]
            if cue is None and speaker_id is None and speaker_name is None and same_par and same_par[-1].speaker:
                # A second quotation in the same paragraph with no cue of its own continues
                # the previous one's speaker, unless another person is named in between.
                between = [s for s, _, _ in speakers.persons_in_doc if same_par[-1].end < s < qs]
                if not between:
                    speaker_id, speaker_name, cue_text = same_par[-1].speaker, same_par[-1].speaker_name, same_par[-1].cue
            if cue is None and speaker_id is None and speaker_name is None and prev_open is not None and qs - 1 <= p_start:
                # A paragraph that continues the previous paragraph's open quotation.
                speaker_id, speaker_name, cue_text = prev_open.speaker, prev_open.speaker_name, prev_open.cue
            quote = Quote(id="", doc=document.id, text=text[qs:qe], kind="direct", speaker=speaker_id,
                          speaker_name=speaker_name, cue=cue_text, start=qs, end=qe)
            quotes.append(quote)
            direct_spans.append((qs, qe))
            if speaker_id:
                history.append((qs, speaker_id))
        last = spans[-1] if spans else None
        prev_open = quotes[-1] if (last and not last[2] and quotes and quotes[-1].start == last[0]) else None

    quotes.extend(_indirect_quotes(document, doc, speakers, direct_spans, history))
    quotes.sort(key=lambda q: q.start)
    return quotes


MAX_SENTENCES_BACK = 2
"""A pronoun looks back this many sentences (within its paragraph, or the one sentence
before the paragraph) for its person: further back, "he" is too often someone else."""


def _window_start(doc: Doc, char: int, p_start: int) -> int:
    """Where a pronoun's antecedent may be: the previous sentence, and the paragraph up to
    MAX_SENTENCES_BACK sentences back."""
    tok = _token_at(doc, char)
    if tok is None:
        return p_start
    sent = tok.sent
    starts = [sent.start_char]
    cur = sent
    for _ in range(MAX_SENTENCES_BACK):
        if cur.start == 0:
            break
        cur = doc[cur.start - 1].sent
        starts.append(cur.start_char)
    within = [s for s in starts if s >= p_start]
    previous = starts[1] if len(starts) > 1 else starts[0]
    return min(min(within) if within else sent.start_char, previous)


def _indirect_quotes(document: Document, doc: Doc, speakers: _Speakers, direct: list[tuple[int, int]],
                     history: list[tuple[int, str]]) -> list[Quote]:
    def inside_direct(a: int, b: int) -> bool:
        return any(s - 1 <= a and b <= e + 1 or (a < e and s < b) for s, e in direct)

    found: list[Quote] = []
    paragraphs = _paragraphs(document.text)
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            subj = _according_source(tok)
            if subj is None:
                continue
            sent = tok.sent
            src = _np(subj)
            # The content is the rest of the sentence, on whichever side of "according to X".
            before = (sent.start_char, tok.idx)
            after = (src.end_char, sent.end_char)
            lo, hi = max((before, after), key=lambda r: r[1] - r[0])
            content = document.text[lo:hi].strip(" ,;.—–-\n")
            cue_tok, cue_text = subj, "according to"
        elif _is_cue(tok):
            comps = [ch for ch in tok.children if ch.dep_ == "ccomp"]
            if not comps:
                continue
            comp = comps[0]
            if comp.i < tok.i:
                continue  # '"...," he said' shapes are direct quotes or narration
            subj = _subject(tok)
            if subj is None:
                continue
            left = comp.left_edge
            if left.lower_ == "that":
                left = doc[left.i + 1] if left.i + 1 < len(doc) else left
            lo, hi = left.idx, comp.right_edge.idx + len(comp.right_edge)
            content = document.text[lo:hi].strip(" ,;.—–-\n")
            cue_tok, cue_text = tok, tok.text
        else:
            continue
        if not content or _words(content) < 3:
            continue
        lo = document.text.find(content, lo)
        hi = lo + len(content)
        if inside_direct(lo, hi) or any(c in content for c in "\"“”"):
            continue
        p_start = next((a for a, b in paragraphs if a <= cue_tok.idx < b), 0)
        speaker_id, speaker_name = speakers.resolve(subj, history, _window_start(doc, subj.idx, p_start))
        if speaker_name and speaker_name.lower() in {"it", "they", "this", "that", "which", "who"}:
            continue  # an indirect "quote" whose speaker is a bare pronoun is too often narration
        found.append(Quote(id="", doc=document.id, text=content, kind="indirect", speaker=speaker_id,
                           speaker_name=speaker_name, cue=cue_text, start=lo, end=hi))
    return found


def find_quotes(docs: list[Document], parsed: dict[str, Doc], entities: list[Entity]) -> list[Quote]:
    """Direct and indirect quotes of every document (copies included), ids Q1.. in order."""
    quotes: list[Quote] = []
    for document in docs:
        doc = parsed.get(document.id)
        if doc is None:
            continue
        try:
            quotes.extend(_document_quotes(document, doc, entities))
        except Exception:  # one odd document must not cost the story its quotes
            continue
    for i, q in enumerate(quotes, 1):
        q.id = f"Q{i}"
    return quotes


from .quote_conflicts import match_quotes  # noqa: E402  (re-exported: quote_conflicts reads this module's words, so it is imported last)

__all__ = ["find_quotes", "match_quotes"]
