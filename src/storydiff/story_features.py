"""Story features: what clustering knows of one document, read without the spaCy parse.

Why not the full spaCy pipeline or the sentence encoder here: clustering runs on the whole
corpus before the one parse, and must keep up with reading and cleaning (hundreds of
articles per second). So each document gets cheap signals, read from its text by
``storydiff.story_terms`` and weighted here (``story_features``); ``storydiff.stories``
groups the documents on them:

* **embedding**: the IDF-weighted average of the spaCy model's static word vectors over
  the title and lead (first ``LEAD_SENTENCES`` sentences), stop words left out, with the
  vocabulary's mean vector and top principal directions removed (what every English text
  shares, which would otherwise make any two news texts look alike; see
  ``COMMON_DIRECTIONS``). Tokens come from a regex, not the pipeline. IDF is computed over
  the documents being grouped.
* **entities**: a cheap proxy for named entities: capitalised words and acronyms of the
  body (not the title, whose Title Case says nothing), except at the start of a sentence when the word also occurs in lower case or is
  a stop word, and except calendar words and honorifics. Weighted by tf-idf, so names
  that every story mentions count little.
* **identity**: what the text says of the event itself, read with regexes too: the
  places the lead puts it in (a dateline, capitalised words right after "in", "near",
  "outside"), the people it names in full (two capitalised words whose second also
  stands alone: "Dana Whitlock ... Whitlock said"), and the days it states ("on March 2").
  Kept as ``@``-keys in the story's identity bag (``Cluster.identity``), apart from the
  scored entities.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import numpy as np
from spacy.language import Language
from spacy.vocab import Vocab

from .model import Document
from .settings import Settings
from .story_terms import INDEX_KEYS, DocumentTerms, count_terms, document_terms, story_day

COMMON_DIRECTIONS = 7
"""Principal directions of the vocabulary removed from the embeddings. Mu & Viswanath
suggest about dim/100 (3 for 300-d vectors); on BASIL, 7 separates same-event from
other-event pairs better (ROC AUC 0.95 against 0.89 for 3 and 0.85 for the mean alone)."""

MAX_PLACE_DAYS = 48
"""Most place-and-day keys a document posts (lead places x event days)."""


@dataclass
class StoryFeatures:
    """What clustering knows of one document (see the module docstring)."""

    index: int
    day: date | None
    embedding: np.ndarray
    entities: dict[str, float]
    keys: list[str]
    names: list[str] = field(default_factory=list)  # identity keys, ``@n:`` (see _names)
    places: list[str] = field(default_factory=list)  # place words of the lead, ``@p:``
    place_days: list[str] = field(default_factory=list)  # ``@d:place|day`` it happened on
    stated: list[str] = field(default_factory=list)  # ``@d:place|day`` the text states
    specific_places: list[str] = field(default_factory=list)  # ``@p:`` keys of rare places
    stated_days: list[date] = field(default_factory=list)  # the days the text states
    pairs: list[str] = field(default_factory=list)  # ``@n:`` keys of capitalised pairs (see _names)
    officials: list[str] = field(default_factory=list)  # ``@n:`` keys of names with a title of office
    sentences: list[str] = field(default_factory=list)  # ``@h:`` fingerprints of its sentences
    common: frozenset[str] = frozenset()  # entities also written in lower case: words, not names
    idf_documents: int = 0  # how many documents its IDF was read over (``story_features``)
    streets: list[str] = field(default_factory=list)  # ``@v:`` keys of the specific streets it names
    principal: str = ""  # the surname of the person it weighs most, when a person is its most weighted name (see principal_of)


def _features(docs: list[Document], nlp: Language, settings: Settings | None = None) -> list[StoryFeatures]:
    """Features of a batch, with IDF over the batch."""
    terms = [document_terms(d, nlp.Defaults.stop_words) for d in docs]
    return story_features(docs, terms, count_terms(terms), len(docs), nlp, settings)


def story_features(
    docs: list[Document],
    terms: list[DocumentTerms],
    df: Mapping[str, int],
    n_docs: int,
    nlp: Language,
    settings: Settings | None = None,
) -> list[StoryFeatures]:
    """Features from terms, with IDF from ``df`` over ``n_docs`` documents (the batch's own
    counts, or a store's running counts, which include these documents)."""
    stop_words = nlp.Defaults.stop_words
    # Smoothed IDF (never zero: in a corpus of one story every word is in every doc), over
    # at least settings.story_idf_min_docs documents (see there: small inputs).
    n_eff = max(n_docs, settings.story_idf_min_docs)
    specific_df = specific_cap(n_docs, settings)
    idf_cache: dict[str, float] = {}

    def idf(key: str) -> float:
        value = idf_cache.get(key)
        if value is None:
            value = idf_cache[key] = math.log((n_eff + 1) / (df.get(key, 0) + 1)) + 1.0
        return value

    vectors = nlp.vocab.vectors
    table = np.asarray(vectors.data) if vectors.shape[0] else None
    dim = table.shape[1] if table is not None else 1
    common, directions = _common_components(nlp.vocab) if table is not None else (None, None)
    # per distinct lead word, read once: its row in the vectors table (None: not embedded),
    # its idf, and whether it may be an index keyword
    row_of: dict[str, int | None] = {}
    word_idf: dict[str, float] = {}
    keyword: dict[str, bool] = {}

    def learn(token: str) -> None:
        row_of[token] = None
        if table is not None and token not in stop_words and len(token) > 1:
            row_of[token] = vectors.key2row.get(nlp.vocab.strings[token])
        word_idf[token] = idf("w:" + token)
        keyword[token] = token not in stop_words and len(token) > 2

    entity_idf: dict[str, float] = {}  # per distinct entity, as per word
    tf_weight: dict[int, float] = {}  # 1 + log(count), per count
    specific_pair: dict[str, bool] = {}  # per distinct pair: rare enough to single out an event
    known_place: dict[str, bool] = {}  # per distinct entity: a specific place some lead gives

    features = []
    for i, (d, t) in enumerate(zip(docs, terms)):
        lead_tokens = t.lead_tokens
        for w in lead_tokens:
            if w not in word_idf:
                learn(w)
        counts = t.entity_counts
        for e, c in counts.items():
            if e not in entity_idf:
                entity_idf[e] = idf("e:" + e)
                # a word some lead gives as a place, and few texts write at all: the
                # "Grey" of "Grey House" (a seat of government) is in one lead's "in Grey
                # Hollow" and in every political story, where a stated day with it tied
                # events weeks apart
                known_place[e] = 0 < df.get("p:" + e, 0) <= specific_df and df.get("e:" + e, 0) <= specific_df
            if c not in tf_weight:
                tf_weight[c] = 1.0 + math.log(c)
        for n in t.pairs:
            if n not in specific_pair:
                specific_pair[n] = df.get(f"r:{n}", 0) <= specific_df
        embedding = np.zeros(dim, dtype=np.float32)
        vectored = [w for w in lead_tokens if row_of[w] is not None]
        if vectored:
            weights = np.array([word_idf[w] for w in vectored], dtype=np.float32)
            embedding = weights @ table[[row_of[w] for w in vectored]]
            # Removing the common components is linear, so it is done once on the sum.
            embedding -= float(weights.sum()) * common
            embedding -= directions.T @ (directions @ embedding)
            norm = float(np.linalg.norm(embedding))
            if norm > 0:
                embedding /= norm

        weights = {e: tf_weight[c] * entity_idf[e] for e, c in counts.items()}
        entity_norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        entities = {e: w / entity_norm for e, w in weights.items()}

        keywords = {w: word_idf[w] for w in lead_tokens if keyword[w]}
        ranked = sorted(entities, key=lambda e: (-entities[e], e))  # most weighted first
        keys = [f"e:{e}" for e in ranked[:INDEX_KEYS]]
        keys += [f"w:{w}" for w in sorted(keywords, key=lambda w: (-keywords[w], w))[:INDEX_KEYS]]
        # A name or a place in many documents is an official, a public figure, a capital:
        # it does not single out one event (see settings.story_specific_df).
        names = [f"@n:{n}" for n in t.names if df.get(f"n:{n}", 0) <= specific_df]
        places = [f"@p:{w}" for w in t.places]
        specific_places = [w for w in t.places if df.get(f"p:{w}", 0) <= specific_df]
        day = story_day(d.published) or t.header_day
        # the place and the day of the event: the day of publication or the day before
        # (news reports last night's events), and the days the text states
        event_days = ([day, day - timedelta(days=1)] if day else []) + t.stated_days
        place_days = [f"@d:{w}|{x.isoformat()}" for w in specific_places for x in dict.fromkeys(event_days)]
        # the days the text states, in the specific places its lead gives or it names
        # anywhere (a place some document's lead gives): a follow-up that says "Dunmere
        # detectives" and "the March 8 killing" states where and when its event happened
        stated = []
        if t.stated_days:
            named = dict.fromkeys(specific_places + [e for e in counts if known_place[e] and e not in t.common])
            stated = [f"@d:{w}|{x.isoformat()}" for w in named for x in t.stated_days][:MAX_PLACE_DAYS]
        # the street it names, on the day it reports or states: the finest place, which
        # ties two reports of one shooting and not two shootings in one city
        streets = [v for v in t.streets if df.get("v:" + v, 0) <= specific_df]
        if streets:
            street_days = [f"@d:{v}|{x.isoformat()}" for v in streets for x in dict.fromkeys(event_days)][:MAX_PLACE_DAYS]
            place_days = place_days[:MAX_PLACE_DAYS] + street_days
            stated = stated + street_days
        features.append(
            StoryFeatures(
                i, day, embedding, entities, keys, names, places, place_days[: 2 * MAX_PLACE_DAYS], stated,
                [f"@p:{w}" for w in specific_places],
                t.stated_days,
                [f"@n:{n}" for n in t.pairs if specific_pair[n]],
                [f"@n:{n}" for n in t.officials],
                [f"@h:{h}" for h in t.sentences],
                t.common,
                n_eff,
                [f"@v:{v}" for v in streets],
                principal_of(ranked, t, settings.story_split_top_names if settings else 3),
            )
        )
    return features


def principal_of(ranked: list[str], t: DocumentTerms, top: int = 3) -> str:
    """The surname of the person the text is about, or "": of the people it names in full
    and then alone (``DocumentTerms.names``; officials left out, who speak for an office
    in many events), the one it weighs most, when that surname is among its ``top`` most
    weighted names (``ranked``: its entities by tf-idf weight, most weighted first; words
    it also writes in lower case left out). Specific or not: one event's principal is
    often named in more documents than ``story_specific_df`` (an arrested player, a fired
    coach), and what this serves (``story_identity.principal_conflict``) reads it on both
    sides."""
    if not t.names:
        return ""
    common = t.common
    surnames = {n.rsplit(" ", 1)[-1] for n in t.names if n not in t.officials}
    for e in [e for e in ranked[: top + len(common)] if e not in common][:top]:
        if e in surnames:
            return e
    return ""


def specific_cap(n_docs: int, settings: Settings) -> float:
    """The most documents a name or place may be in and still single out one event
    (``settings.story_specific_df``, ``settings.story_specific_share``): a name in more
    is a public figure's, an office's or a capital's, in many events. A batch of at most
    twice the cap cannot show that: a name in eleven of its twelve documents is the one
    event's principal far more often than a figure of many events (an ECB+ subtopic run
    alone: its nominee, in all but one page, counted as a public figure and tied nothing)."""
    if n_docs <= 2 * settings.story_specific_df:
        return float(n_docs)
    return max(settings.story_specific_df, settings.story_specific_share * n_docs)


@lru_cache(maxsize=2)
def _common_components(vocab: Vocab) -> tuple[np.ndarray, np.ndarray]:
    """The vocabulary's mean vector and its top ``COMMON_DIRECTIONS`` principal directions
    ("all-but-the-top", Mu & Viswanath 2018): what every word vector shares, mostly word
    frequency, not meaning. Computed from the model's own table, so it does not depend on
    the corpus (a corpus of one story has no "common" direction of its own to remove).
    Cached per vocabulary (a loaded model's vectors do not change): it costs a pass over
    the table."""
    table = np.asarray(vocab.vectors.data, dtype=np.float32)
    mean = table.mean(axis=0)
    centred = table - mean
    # eigenvectors of the 300 x 300 covariance: cheaper than an SVD of the whole table
    _, eigenvectors = np.linalg.eigh(centred.T @ centred)
    return mean.astype(np.float32), eigenvectors[:, ::-1][:, :COMMON_DIRECTIONS].T.astype(np.float32)

