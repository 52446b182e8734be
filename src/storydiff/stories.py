"""Story clustering: documents that report the same event.

Why not the full spaCy pipeline or the sentence encoder here: clustering runs on the whole
corpus before the one parse, and must keep up with reading and cleaning (hundreds of
articles per second). So each document gets three cheap signals:

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
* **date**: articles more than ``settings.story_date_window_days`` apart (from the
  story's first article) never share a story; undated articles are not limited.

Clustering is incremental, in date order: each story keeps the sums of its members'
embeddings and entity vectors; candidate stories for a document come from an inverted
index from salient entities and lead keywords to stories (stale postings dropped as the
date moves on), never from a scan of all stories. The score of a document against a story
is the group-average link ``EMBEDDING_WEIGHT * mean cosine of embeddings + ENTITY_WEIGHT *
mean cosine of entity vectors`` over the story's members, both read off the sums in O(1).
Group-average rather than centroid similarity: a story's centroid drifts towards what all
news shares (the big names) and then swallows unrelated articles, most of all when there
are no dates to hold it in (PolNeAR without dates: one "story" of 305 articles with
centroids, at most 10 with group-average). The document joins the best candidate when its
score is at least ``settings.story_similarity`` and opens a new story otherwise. Copies
(``duplicate_of``) join their canonical's story.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

import numpy as np
from spacy.language import Language
from spacy.vocab import Vocab

from .copies import split_sentences
from .model import Document, Story
from .settings import Settings

LEAD_SENTENCES = 3
"""Sentences of the body that form the lead: news puts the event in the first few."""

EMBEDDING_WEIGHT = 0.5
ENTITY_WEIGHT = 0.5
"""Weights of the two similarities in the combined score (they sum to 1, so the score is
on the scale of a cosine). Chosen on BASIL, see settings.story_similarity: outlets word
one event very differently, and the shared names carry as much as the wording."""

COMMON_DIRECTIONS = 7
"""Principal directions of the vocabulary removed from the embeddings. Mu & Viswanath
suggest about dim/100 (3 for 300-d vectors); on BASIL, 7 separates same-event from
other-event pairs better (ROC AUC 0.95 against 0.89 for 3 and 0.85 for the mean alone)."""

INDEX_KEYS = 12
"""Salient entities and lead keywords per document put in (and looked up in) the
candidate index. More keys find more candidate stories at more scoring cost."""

MAX_POSTING = 200
"""Most stories one index key points to (the latest ones). Dated corpora never come near
it (postings are pruned to the date window); it keeps undated corpora of 100k articles
from turning a common name into a scan of every story."""

_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*[^\W_]|[^\W\d_]")
_PUNCTUATION = ".,;:!?\"'()[]{}“”‘’«»…—–-"
_CAPITALISED = re.compile(r"(?<![\w'’.-])[A-ZÀ-ÖØ-Þ](?:[\w'’.-]*[^\W_])?")
_POSSESSIVE = re.compile(r"['’]s$")
_SKIPPED_BEFORE_WORD = " \t\r\n\"'“”‘’(["
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday".split()
)
_HONORIFICS = frozenset("mr mrs ms dr sir rep sen gov st jr sr".split())
_NO_DATE = date.max
_LEAD_CHARS = 2000  # enough for LEAD_SENTENCES sentences of news prose


@dataclass
class _Features:
    index: int
    day: date | None
    embedding: np.ndarray
    entities: dict[str, float]
    keys: list[str]


@dataclass
class _Cluster:
    members: list[int] = field(default_factory=list)
    embedding_sum: np.ndarray | None = None  # sum of the members' unit embeddings
    entities: Counter = field(default_factory=Counter)  # sum of the members' unit entity vectors
    first_day: date | None = None


def group_stories(docs: list[Document], settings: Settings, nlp: Language) -> list[Story]:
    """Stories with id, headline, documents (copies included), outlets and date span.

    ``docs`` carry ``duplicate_of``; copies join their canonical's story. Stories are
    numbered S1, S2, ... by earliest date (undated last), then headline."""
    if not docs:
        return []
    ids = {d.id for d in docs}
    canonical = [i for i, d in enumerate(docs) if not d.duplicate_of or d.duplicate_of not in ids]
    features = _features([docs[i] for i in canonical], nlp)
    for f, i in zip(features, canonical):
        f.index = i
    clusters = _cluster(features, settings, EMBEDDING_WEIGHT, ENTITY_WEIGHT)
    return _stories(docs, clusters, {f.index: f for f in features})


# --- features ---------------------------------------------------------------------------


def _features(docs: list[Document], nlp: Language) -> list[_Features]:
    leads = [_lead(d) for d in docs]
    lead_tokens = [[t.lower() for t in _TOKEN.findall(text)] for text in leads]
    stop_words = nlp.Defaults.stop_words
    entity_counts = [_entity_counts(d.text, stop_words) for d in docs]

    n = len(docs)
    lead_df = Counter(t for tokens in lead_tokens for t in set(tokens))
    entity_df = Counter(e for counts in entity_counts for e in counts)
    # Smoothed IDF (never zero: in a corpus of one story every word is in every doc).
    lead_idf = {t: math.log((n + 1) / (df + 1)) + 1.0 for t, df in lead_df.items()}
    entity_idf = {e: math.log((n + 1) / (df + 1)) + 1.0 for e, df in entity_df.items()}

    vectors = nlp.vocab.vectors
    table = np.asarray(vectors.data) if vectors.shape[0] else None
    dim = table.shape[1] if table is not None else 1
    common, directions = _common_components(nlp.vocab) if table is not None else (None, None)
    row_of = {}  # lead word -> its row in the vectors table, for the words that have one
    if table is not None:
        for t in lead_df:
            if t not in stop_words and len(t) > 1:
                row = vectors.key2row.get(nlp.vocab.strings[t])
                if row is not None:
                    row_of[t] = row

    features = []
    for i, d in enumerate(docs):
        embedding = np.zeros(dim, dtype=np.float32)
        vectored = [t for t in lead_tokens[i] if t in row_of]
        if vectored:
            weights = np.array([lead_idf[t] for t in vectored], dtype=np.float32)
            embedding = weights @ table[[row_of[t] for t in vectored]]
            # Removing the common components is linear, so it is done once on the sum.
            embedding -= float(weights.sum()) * common
            embedding -= directions.T @ (directions @ embedding)
            norm = float(np.linalg.norm(embedding))
            if norm > 0:
                embedding /= norm

        weights = {e: (1.0 + math.log(c)) * entity_idf[e] for e, c in entity_counts[i].items()}
        entity_norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        entities = {e: w / entity_norm for e, w in weights.items()}

        keywords = {t: lead_idf[t] for t in lead_tokens[i] if t not in stop_words and len(t) > 2}
        keys = [f"e:{e}" for e in sorted(entities, key=lambda e: (-entities[e], e))[:INDEX_KEYS]]
        keys += [f"w:{t}" for t in sorted(keywords, key=lambda t: (-keywords[t], t))[:INDEX_KEYS]]
        features.append(_Features(i, _day(d.published), embedding, entities, keys))
    return features


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


def _lead(doc: Document) -> str:
    # The lead is at the top: no need to split the whole body into sentences.
    sentences = split_sentences(doc.text[:_LEAD_CHARS])[:LEAD_SENTENCES]
    return "\n".join(([doc.title] if doc.title else []) + sentences)


def _entity_counts(text: str, stop_words: set[str] | frozenset[str]) -> Counter:
    """Capitalised words and acronyms as a proxy for names (see the module docstring)."""
    # Words as written (punctuation stripped): a key found here occurs in lower case.
    # str.split is several times faster than a regex pass over the text.
    lowered = {w.strip(_PUNCTUATION) for w in text.split()}
    counts: Counter = Counter()
    ambiguous: dict[str, str] = {}  # token -> key, for forms that also occur in lower case
    # Count each distinct form once (C speed); positions are looked at only for the forms
    # that also occur in lower case, where a sentence-initial capital says nothing.
    for token, n in Counter(_CAPITALISED.findall(text)).items():
        key = _POSSESSIVE.sub("", token.rstrip(".")).lower()
        if len(key) < 2 or key in stop_words or key in _CALENDAR or key in _HONORIFICS:
            continue
        if key in lowered and not token.isupper():
            ambiguous[token] = key
        else:
            counts[key] += n
    if ambiguous:
        for m in _CAPITALISED.finditer(text):
            key = ambiguous.get(m.group())
            if key is not None and not _starts_sentence(text, m.start()):
                counts[key] += 1
    return counts


def _starts_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a line or the text (quotes skipped)."""
    window = text[max(0, start - 12) : start]
    before = window.rstrip(_SKIPPED_BEFORE_WORD)
    return not before or "\n" in window[len(before) :] or before[-1] in ".!?…:;"


def _day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


# --- clustering -------------------------------------------------------------------------


def _cluster(
    features: list[_Features], settings: Settings, embedding_weight: float, entity_weight: float
) -> list[_Cluster]:
    """Incremental clustering in date order (undated last) through an inverted index."""
    order = sorted(features, key=lambda f: (f.day or _NO_DATE, f.index))
    window = settings.story_date_window_days
    clusters: list[_Cluster] = []
    postings: dict[str, list[int]] = defaultdict(list)

    for f in order:
        candidates: set[int] = set()
        for key in f.keys:
            posting = postings.get(key)
            if not posting:
                continue
            if f.day is not None:
                # Processing is in date order: a story too old for this document is too
                # old for every later one, so its posting can go.
                posting[:] = [c for c in posting if not _too_far(clusters[c], f.day, window)]
            candidates.update(posting)

        best, best_score = None, 0.0
        for c in sorted(candidates):  # sorted: ties go to the older story
            cluster = clusters[c]
            if f.day is not None and _too_far(cluster, f.day, window):
                continue
            score = embedding_weight * _mean_embedding_cosine(f.embedding, cluster) + entity_weight * (
                _mean_entity_cosine(f.entities, cluster)
            )
            if score >= settings.story_similarity and (best is None or score > best_score):
                best, best_score = c, score

        if best is None:
            best = len(clusters)
            clusters.append(_Cluster(embedding_sum=np.zeros_like(f.embedding), first_day=f.day))
        cluster = clusters[best]
        cluster.members.append(f.index)
        cluster.embedding_sum += f.embedding
        cluster.entities.update(f.entities)
        if cluster.first_day is None:
            cluster.first_day = f.day
        for key in f.keys:
            posting = postings[key]
            if best not in posting:
                posting.append(best)
                if len(posting) > MAX_POSTING:
                    del posting[0]  # the oldest story; see MAX_POSTING
    return clusters


def _too_far(cluster: _Cluster, day: date, window: int) -> bool:
    return cluster.first_day is not None and (day - cluster.first_day).days > window


def _mean_embedding_cosine(embedding: np.ndarray, cluster: _Cluster) -> float:
    """Mean cosine to the story's members (group-average link), from the running sum."""
    return float(embedding @ cluster.embedding_sum) / len(cluster.members)


def _mean_entity_cosine(entities: dict[str, float], cluster: _Cluster) -> float:
    """Mean entity cosine to the story's members, from the running sum of their vectors."""
    bag = cluster.entities
    # only the shared entities contribute: intersect first (C speed), then sum
    return sum(entities[e] * bag[e] for e in entities.keys() & bag.keys()) / len(cluster.members)


# --- stories ----------------------------------------------------------------------------


def _stories(docs: list[Document], clusters: list[_Cluster], features: dict[int, _Features]) -> list[Story]:
    position = {d.id: i for i, d in enumerate(docs)}
    copies: dict[int, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        if d.duplicate_of and d.duplicate_of in position:
            copies[position[d.duplicate_of]].append(i)

    drafts = []
    for cluster in clusters:
        members = sorted(set(cluster.members) | {c for m in cluster.members for c in copies.get(m, [])})
        days = sorted(day for i in members if (day := _day(docs[i].published)) is not None)
        outlets = sorted({docs[i].outlet for i in members if docs[i].outlet})
        headline = _headline(docs, cluster, features)
        drafts.append(
            (
                (days[0] if days else _NO_DATE, headline, docs[members[0]].id),
                Story(
                    id="",
                    headline=headline,
                    documents=[docs[i].id for i in members],
                    outlets=outlets,
                    date_start=days[0].isoformat() if days else None,
                    date_end=days[-1].isoformat() if days else None,
                ),
            )
        )
    drafts.sort(key=lambda pair: pair[0])
    return [story.model_copy(update={"id": f"S{n + 1}"}) for n, (_, story) in enumerate(drafts)]


def _headline(docs: list[Document], cluster: _Cluster, features: dict[int, _Features]) -> str:
    """The title closest to the story's centroid (its most central title); without titles,
    the first sentence of the first article; ties go to the earlier document."""
    titled = [i for i in cluster.members if docs[i].title and docs[i].title.strip()]
    if titled:
        best = max(titled, key=lambda i: (float(features[i].embedding @ cluster.embedding_sum), -i))
        return docs[best].title.strip()
    first = min(cluster.members)
    sentences = split_sentences(docs[first].text)
    return sentences[0][:200] if sentences else docs[first].id

