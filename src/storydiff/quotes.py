"""Quotes and their speakers (the same quote across documents and attribution conflicts:
quote_conflicts.py, re-exported here).

Direct quotes are the text between quotation marks (straight or curly), found paragraph by
paragraph; ``start``/``end`` cover the quoted words without the marks.  A quote split by
its attribution ("“A,” he said, “B.”") gives two quotes with the same speaker and cue.
A quoted span counts as a quote when a speech cue attributes it, or when it is long
enough to be speech rather than a scare-quoted term (“asset”).

Indirect quotes are the clause a speech verb governs ("X said that ...", "X told Y ...")
and the clause around "according to X".

Speakers (quote_speakers.py) come from the subject of the speech verb the quotation hangs
on, on the one spaCy parse: a name (the story entity at
that span), a pronoun (the nearest preceding person who spoke or was a subject, in the same
paragraph or the previous sentence, only when that is unambiguous) or a role noun ("the
minister") matched to the one entity with that role.  What cannot be resolved stays as
text (``speaker_name``) with ``speaker`` null: never guessed.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .entities import entity_at
from .model import Document, Entity, Quote
from .quote_conflicts import match_quotes  # re-exported: callers match quotes through this module
from .quote_speakers import (
    _cue_near, _cues_in, _governing_cue, _governs, _is_cue, _np, _outer_cue, _sentence_cue, _Speakers, _subject,
    _subject_after_quote, _token_at,
)

OPEN_CLOSE = {"“": "”", "„": "“", "«": "»"}

MIN_UNCUED_WORDS = 8
"""A quoted span with no speech cue is kept only from this many words: shorter ones are
mostly scare quotes and titles.  Trades recall of unattributed quotes for precision."""
MIN_CUED_WORDS = 1
"""With a speech cue attributing it, even one quoted word is the speaker's ("called the
plan “reckless”"); without a cue, MIN_UNCUED_WORDS applies.  Measured on PolNeAR dev:
attributed one-word quotes are common and rarely scare quotes when a cue is present."""
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
        elif c == "”" and (i == p_start or text[i - 1].isspace()) and OPENS_WORDS.match(text, i + 1, p_end):
            close = "”"  # a typographic slip: ” opening a quotation ("” … and then"), seen in scraped text
        elif c == '"':
            close = '"'
        if close is None:
            i += 1
            continue
        j = text.find(close, i + 1, p_end)
        if j == -1 and c in '"“':
            j = _other_close(text, i, p_end, c)
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


OPENS_WORDS = re.compile(r"\s?(?:…|\.\.\.)?\s?\w")
"""What follows an opening mark: a word, or an ellipsis and a word ("“… and then")."""


def _other_close(text: str, i: int, p_end: int, opened: str) -> int:
    """Where a quotation opened with one style of mark at ``i`` closes with the other
    style ('"more hours”', '“the deal,"'), a slip of scraped and edited text; -1 when the
    paragraph has no such closing mark, or another quotation opens first."""
    close, reopen = ("”", "“") if opened == '"' else ('"', "“")
    k = text.find(close, i + 1, p_end)
    if k == -1 or k == i + 1 or text[k - 1].isspace() or (k + 1 < p_end and text[k + 1].isalnum()):
        return -1  # a mark with a space before it or a word after it opens, not closes
    if reopen in text[i + 1:k] or (opened == '"' and '"' in text[i + 1:k]):
        return -1
    return k


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


# --- per document ---------------------------------------------------------------------


def _according_source(tok: Token) -> Token | None:
    doc = tok.doc
    if tok.i + 1 < len(doc):
        for ch in doc[tok.i + 1].children:
            if ch.dep_ == "pobj":
                return ch
    return None


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


MAX_TITLE_WORDS = 6
"""A title in quotation marks is short ("Morning Desk", "The Long Road Home"); a longer
span in title case is more likely a headline quoted whole."""
NAMING_VERBS = frozenset("call nickname dub label brand name chant hail".split())
"""Verbs by which a speaker gives a name ("called her “Miss Piggy”"): the name in title
case is then that speaker's words."""
TITLE_SMALL_WORDS = frozenset("a an the and or of in on at to for with by from".split())
"""Words a title leaves in lower case."""


def _title_like(span: Span | None) -> bool:
    """A short quoted span written as a title, every word capitalised but the small ones,
    with no verb: a show, a book or a nickname ("appeared on “Morning Desk,”", "called
    him “Lyin' Dan”"), no one's speech. Speech in title case ("I Will Win") has a verb."""
    if span is None:
        return False
    words = [t for t in span if t.is_alpha or "'" in t.text or "’" in t.text]
    if not words or len(words) > MAX_TITLE_WORDS or not words[0].text[:1].isupper():
        return False
    return all(t.text[:1].isupper() or t.lower_ in TITLE_SMALL_WORDS for t in words) \
        and not any(t.pos_ in {"VERB", "AUX"} for t in words)


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
                if cue is not None and governing_before is not None and not _governs(cue, quote_span) \
                        and (cue.lower_ != "according" or quote_span is None or cue.sent != quote_span[-1].sent):
                    # 'Velt said "...". Marrow said ...' (or '..., according to an aide'): the
                    # next sentence's verb does not attribute a quote its own sentence's verb governs
                    cue = governing_before
            if cue is None and before_lo < qs - 1:
                cue = governing_before or _cue_near(doc, before_lo, qs - 1, prefer_first=False)
            if cue is None and qs - 1 == p_start and text[:p_start].rstrip().endswith(":"):
                # "Brenn said:" closing the previous paragraph.
                prev_s, prev_e = _sent_bounds(doc, len(text[:p_start].rstrip()) - 1)
                cue = _cue_near(doc, prev_s, prev_e, prefer_first=False)
            if cue is None and not introduced:
                cue = _sentence_cue(quote_span, s_lo)
            n_words = _words(text[qs:qe])
            # 'the campaign's new message: “It's about us.”': a whole sentence a colon introduces
            sentence_after_colon = introduced and text[qs:qs + 1].isupper() and text[qs:qe].rstrip("”\"").endswith((".", "!", "?"))
            if n_words < MIN_CUED_WORDS or (cue is None and n_words < MIN_UNCUED_WORDS and prev_open is None
                                            and not sentence_after_colon):
                continue
            if prev_open is None and _title_like(quote_span) and not text[qs:qe].rstrip().endswith(("!", "?")) \
                    and (cue is None or cue.lemma_.lower() not in NAMING_VERBS):
                continue
            speaker_id: str | None = None
            speaker_name: str | None = None
            cue_text: str | None = None
            if cue is not None:
                cue_text = "according to" if cue.lower_ == "according" else cue.text
                said_by = next((c for c in cue.children if c.dep_ == "poss"), None) if cue.pos_ == "NOUN" else None
                if cue.lower_ != "according" and not introduced and said_by is None:
                    cue = _outer_cue(cue, p_start, p_end)  # a verb that introduces the quote ('X boasted, "..."') is its own
                subj = said_by or (_according_source(cue) if cue.lower_ == "according" else _subject(cue))
                if cue.lower_ != "according" and said_by is None:
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
                          speaker_name=_closed(speaker_name), cue=cue_text, start=qs, end=qe)
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


__all__ = ["find_quotes", "match_quotes"]


def _closed(name: str | None) -> str | None:
    """The speaker as written, without a bracket the noun phrase opened and did not close
    ("Majority Leader Dana Velt (D" of "Dana Velt (D-Lakeside) said"): the party and
    place tag is cut by the parse, and half of it reads as debris."""
    if not name or name.count("(") <= name.count(")"):
        return name
    return name[:name.rindex("(")].rstrip(" ,") or name
