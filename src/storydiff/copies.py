"""Near-duplicate detection: MinHash LSH over normalised word shingles.

Stages (the text-dedup shape): fingerprint -> candidates -> verify -> cluster -> assign.

* fingerprint: the clean body is normalised (NFKC, case-folded, words only) and cut into
  word ``settings.shingle_size``-grams; each shingle gets a stable 32-bit hash and the
  document one datasketch ``MinHash`` (built with ``MinHash.bulk``).
* candidates: datasketch ``MinHashLSH`` whose bands and rows are derived from
  ``settings.duplicate_threshold``; no all-pairs comparison, so it scales to 100k documents.
* verify: every LSH candidate pair is checked with the estimated Jaccard similarity and
  dropped below the threshold (LSH lets through false positives near the threshold).
* cluster: union-find over the verified pairs.
* assign: one canonical per group (see ``_canonical_key``) and the sentences each member
  adds or drops relative to the canonical.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from .model import Difference, Document, DuplicateGroup
from .settings import Settings

_WORD = re.compile(r"\w+")
_SPLIT_SENTENCE = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)\]]))\s+|\n+")
"""Sentence ends for the differences: terminal punctuation (closing quotes kept with the
sentence) or a line break. A regex is enough here: sentences are only compared as wholes,
and the same splitter runs on both sides."""

_LSH_WEIGHTS = (0.3, 0.7)
"""(false positive, false negative) weights for deriving LSH bands and rows. Candidates are
verified afterwards, so a false positive costs one comparison while a false negative is a
missed copy: weigh misses more."""

_SHINGLE_BASE = np.uint64(1_000_003)
"""Odd multiplier of the polynomial that combines word hashes into a shingle hash."""


def find_copies(docs: list[Document], settings: Settings) -> list[DuplicateGroup]:
    """Groups of copies with a canonical member; singletons are not returned.

    Groups are ordered by their canonical's position in ``docs``; members keep input order
    with the canonical first. ``similarity`` is the lowest estimated Jaccard similarity of
    a member to the canonical (it can fall below the threshold when a member joined the
    group through another member)."""
    if len(docs) < 2:
        return []
    word_hashes: dict[str, int] = {}
    shingles = [_shingle_hashes(d.text, settings.shingle_size, word_hashes) for d in docs]
    usable = [i for i, s in enumerate(shingles) if s.size]
    if len(usable) < 2:
        return []
    minhashes: dict[int, MinHash] = dict(
        zip(
            usable,
            MinHash.bulk(
                (shingles[i].tolist() for i in usable), num_perm=settings.minhash_perm, hashfunc=int
            ),
        )
    )

    lsh = MinHashLSH(
        threshold=settings.duplicate_threshold, num_perm=settings.minhash_perm, weights=_LSH_WEIGHTS
    )
    for i in usable:
        lsh.insert(i, minhashes[i], check_duplication=False)

    parent = list(range(len(docs)))
    for i in usable:
        for j in lsh.query(minhashes[i]):
            if j <= i:
                continue
            # LSH candidates include pairs below the threshold: verify every one.
            if minhashes[i].jaccard(minhashes[j]) >= settings.duplicate_threshold:
                _union(parent, i, j)

    members_of: dict[int, list[int]] = {}
    for i in range(len(docs)):
        members_of.setdefault(_find(parent, i), []).append(i)

    groups = []
    for members in members_of.values():
        if len(members) < 2:
            continue
        canonical = min(members, key=lambda i: _canonical_key(docs[i]))
        others = [i for i in members if i != canonical]
        similarity = min(minhashes[canonical].jaccard(minhashes[i]) for i in others)
        groups.append(
            (
                canonical,
                DuplicateGroup(
                    canonical=docs[canonical].id,
                    members=[docs[canonical].id] + [docs[i].id for i in others],
                    similarity=round(float(similarity), 3),
                    differences=[_difference(docs[canonical], docs[i]) for i in others],
                ),
            )
        )
    groups.sort(key=lambda pair: pair[0])
    return [group for _, group in groups]


def _canonical_key(doc: Document) -> tuple:
    """Sort key; the smallest member of a group is its canonical.

    1. the most body text after cleaning (in words): the fullest version of the article,
       so that later stages analyse everything any copy has;
    2. the fewest pieces removed by cleaning: the cleanest source page;
    3. the earliest publication date (documents without one come last): the likely original;
    4. the smallest id, so that the choice never depends on input order.
    """
    words = len(_WORD.findall(doc.text))
    published = doc.published or "\uffff"  # ISO 8601 strings sort chronologically
    return (-words, len(doc.removed), published, doc.id)


def _normalise(text: str) -> list[str]:
    """Words of the text, NFKC-normalised and case-folded: punctuation, quote styles and
    line breaks do not count as differences."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _shingle_hashes(text: str, size: int, word_hashes: dict[str, int]) -> np.ndarray:
    """Unique 32-bit hashes of the word ``size``-grams of ``text``.

    Hand-rolled rather than datasketch's default (SHA-1 of every shingle in a Python loop):
    each distinct word is hashed once per run (``word_hashes`` is the caller's cache) and
    the n-grams are combined in numpy, an order of magnitude faster on long texts. Hashes
    are stable across runs (BLAKE2b, not Python's salted ``hash``). A text shorter than
    ``size`` words is one shingle; an empty text has none."""
    words = _normalise(text)
    if not words:
        return np.empty(0, dtype=np.uint64)
    for w in set(words).difference(word_hashes):
        word_hashes[w] = int.from_bytes(hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest(), "little")
    ids = np.fromiter(map(word_hashes.__getitem__, words), dtype=np.uint64, count=len(words))
    n = max(1, len(words) - size + 1)
    width = min(size, len(words))
    combined = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is intended
        for k in range(width):
            combined = combined * _SHINGLE_BASE + ids[k : k + n]
    # Fold 64 bits to the 32 that datasketch's affine32 scheme expects.
    folded = (combined >> np.uint64(32)) ^ (combined & np.uint64(0xFFFFFFFF))
    return np.unique(folded)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]  # path halving
        i = parent[i]
    return i


def _union(parent: list[int], i: int, j: int) -> None:
    ri, rj = _find(parent, i), _find(parent, j)
    if ri != rj:
        parent[max(ri, rj)] = min(ri, rj)


def split_sentences(text: str) -> list[str]:
    """Sentences of a clean body, stripped, empty ones dropped (used for differences)."""
    return [s.strip() for s in _SPLIT_SENTENCE.split(text) if s and s.strip()]


def _sentence_key(sentence: str) -> str:
    return " ".join(_normalise(sentence))


def _difference(canonical: Document, member: Document) -> Difference:
    """Sentences the member has that the canonical lacks (added) and the reverse (removed),
    compared after normalisation, in text order, each listed once."""
    return Difference(
        document=member.id,
        added=_missing_from(split_sentences(member.text), split_sentences(canonical.text)),
        removed=_missing_from(split_sentences(canonical.text), split_sentences(member.text)),
    )


def _missing_from(sentences: Sequence[str], other: Sequence[str]) -> list[str]:
    # Whole normalised sentences are compared: a sentence that was edited shows up as
    # removed in its old form and added in its new one, which is what changed.
    present = {_sentence_key(s) for s in other}
    missing: list[str] = []
    seen: set[str] = set()
    for sentence in sentences:
        key = _sentence_key(sentence)
        if not key or key in present or key in seen:
            continue
        seen.add(key)
        missing.append(sentence)
    return missing
