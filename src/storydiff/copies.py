"""Near-duplicate detection: MinHash LSH over normalised word shingles.

Stages (the text-dedup shape): fingerprint -> candidates -> verify -> cluster -> assign.

* fingerprint: the clean body is normalised (NFKC, case-folded, words only) and cut into
  word ``settings.shingle_size``-grams; each shingle gets a stable 32-bit hash and the
  document a MinHash signature (:func:`signature`), the values datasketch's ``MinHash``
  (scheme ``affine32``, seed 1) gives for the same shingle hashes, computed for all
  documents at once in numpy.
* candidates: LSH banding (:func:`band_keys`) with the bands and rows that datasketch's
  ``MinHashLSH`` derives from ``settings.duplicate_threshold``; documents that share a band
  key are candidates. No all-pairs comparison, so it scales to 100k documents.
* verify: every candidate pair is checked with the estimated Jaccard similarity
  (:func:`estimated_jaccard`) and dropped below the threshold (LSH lets through false
  positives near the threshold).
* cluster: union-find over the verified pairs.
* assign: one canonical per group (see ``_canonical_key``) and the sentences each member
  adds or drops relative to the canonical.

``signature``, ``band_keys`` and ``estimated_jaccard`` are public so that a store can keep
signatures and band keys per document and find a new document's copies by index look-ups.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain

import numpy as np
from datasketch import MinHash, MinHashLSH

from .gc_pause import gc_paused
from .model import Difference, Document, DuplicateGroup
from .settings import Settings

_WORD = re.compile(r"\w+")
_SPLIT_SENTENCE = re.compile(r"(?=\s)(?:(?:(?<=[.!?…])|(?<=[.!?…][\"'”’)\]]))\s+|\n+)")
"""Sentence ends for the differences: terminal punctuation (closing quotes kept with the
sentence) or a line break. A regex is enough here: sentences are only compared as wholes,
and the same splitter runs on both sides. The leading look-ahead changes nothing that
matches (both branches begin with white space) but lets every other character fail at
once, before the two look-behinds: twice as fast on news text."""

_LSH_WEIGHTS = (0.3, 0.7)
"""(false positive, false negative) weights for deriving LSH bands and rows. Candidates are
verified afterwards, so a false positive costs one comparison while a false negative is a
missed copy: weigh misses more."""

_SHINGLE_BASE = np.uint64(1_000_003)
"""Odd multiplier of the polynomial that combines word hashes into a shingle hash."""

_MINHASH_SEED = 1
"""datasketch's default seed: the permutations are those of ``MinHash(num_perm=n)``."""

_TEXTS_PER_BATCH = 2048
"""Texts whose words and shingles are held in memory at once (a few tens of MB)."""

_CHUNK_ROWS = 8192
"""Shingles per block of the (shingles x permutations) product: 8192 x 128 x 4 bytes = 4 MB,
small enough to stay in cache, large enough that numpy's per-call overhead does not count."""


# --- public API: signatures, band keys, similarity ---------------------------------------


def signature(document: Document, settings: Settings) -> np.ndarray:
    """The document's MinHash signature: ``settings.minhash_perm`` uint32 values.

    The shingles are the word ``settings.shingle_size``-grams of the normalised text (see
    ``_shingle_hashes``); the values equal datasketch's ``MinHash(num_perm=...,
    hashfunc=int)`` updated with the shingle hashes, and are what :func:`find_copies`
    uses. They are stable across runs and processes, so they can be stored.

    A document without words has no shingles: its signature is all ``0xFFFFFFFF`` (the
    empty MinHash). Such documents are never copies; :func:`find_copies` leaves them out
    and a store should too (see :func:`has_shingles`)."""
    return _signatures([document.text], settings)[0]


def signatures(documents: Sequence[Document], settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """``signature`` of each document, one row each, and whether each has shingles
    (``has_shingles``): the same values, computed for all of them at once (each distinct
    word hashed once, the shingles permuted together in numpy) rather than one by one."""
    sigs, mask, _ = _signatures_and_mask([d.text for d in documents], settings)
    return sigs, mask


def has_shingles(document: Document) -> bool:
    """Whether the document has any word, i.e. any shingle: only those take part in copy
    detection."""
    return bool(_normalise(document.text))


def band_keys(signature: np.ndarray, settings: Settings) -> list[bytes]:
    """The LSH band keys of a signature: one per band, ``b`` bands of ``r`` rows, with the
    ``(b, r)`` that datasketch's ``MinHashLSH`` chooses for ``settings.duplicate_threshold``
    and ``settings.minhash_perm`` (weights ``_LSH_WEIGHTS``).

    Each key is the band's number (2 bytes, big-endian) followed by its ``r`` values
    (big-endian uint32, datasketch's key bytes), so keys of different bands never collide:
    two documents are LSH candidates of :func:`find_copies` iff they share a key. Keys
    are deterministic bytes, fit for an index in a database."""
    bands, rows = lsh_bands(settings)
    values = np.asarray(signature, dtype=np.uint32)
    if values.shape != (settings.minhash_perm,):
        raise ValueError(f"signature has shape {values.shape}, expected ({settings.minhash_perm},)")
    big_endian = values[: bands * rows].astype(">u4").reshape(bands, rows)
    return [struct.pack(">H", band) + big_endian[band].tobytes() for band in range(bands)]


def lsh_bands(settings: Settings) -> tuple[int, int]:
    """``(b, r)``: the number of LSH bands and rows per band for the settings' threshold."""
    return _lsh_params(settings.duplicate_threshold, settings.minhash_perm)


def estimated_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two documents' shingle sets: the share of
    signature positions where they agree (datasketch's ``MinHash.jaccard``)."""
    if len(sig_a) != len(sig_b):
        raise ValueError("signatures of different lengths")
    return float(np.count_nonzero(np.asarray(sig_a) == np.asarray(sig_b))) / float(len(sig_a))


# --- find_copies -------------------------------------------------------------------------


def find_copies(docs: list[Document], settings: Settings) -> list[DuplicateGroup]:
    """Groups of copies with a canonical member; singletons are not returned.

    Groups are ordered by their canonical's position in ``docs``; members keep input order
    with the canonical first. ``similarity`` is the lowest estimated Jaccard similarity of
    a member to the canonical (it can fall below the threshold when a member joined the
    group through another member)."""
    if len(docs) < 2:
        return []
    with gc_paused():
        return _find_copies(docs, settings)


def _find_copies(docs: list[Document], settings: Settings) -> list[DuplicateGroup]:
    sigs, usable_mask, words = _signatures_and_mask([d.text for d in docs], settings)
    usable = np.flatnonzero(usable_mask).tolist()
    if len(usable) < 2:
        return []

    parent = list(range(len(docs)))
    first, second = _candidate_pairs(sigs, usable, settings)
    if first.size:
        agree = _agreements(sigs, first, second)
        # LSH candidates include pairs below the threshold: verify every one (the same
        # float division as datasketch's MinHash.jaccard, so ties fall the same way).
        keep = agree.astype(np.float64) / float(settings.minhash_perm) >= settings.duplicate_threshold
        for i, j in zip(first[keep].tolist(), second[keep].tolist()):
            _union(parent, i, j)

    members_of: dict[int, list[int]] = {}
    for i in range(len(docs)):
        members_of.setdefault(_find(parent, i), []).append(i)

    groups = []
    for members in members_of.values():
        if len(members) < 2:
            continue
        canonical = min(members, key=lambda i: _canonical_key(docs[i], int(words[i])))
        others = [i for i in members if i != canonical]
        similarity = min(estimated_jaccard(sigs[canonical], sigs[i]) for i in others)
        groups.append(
            (
                canonical,
                DuplicateGroup(
                    canonical=docs[canonical].id,
                    members=[docs[canonical].id] + [docs[i].id for i in others],
                    similarity=round(float(similarity), 3),
                    differences=_differences(docs[canonical], [docs[i] for i in others]),
                ),
            )
        )
    groups.sort(key=lambda pair: pair[0])
    return [group for _, group in groups]


def _candidate_pairs(sigs: np.ndarray, usable: list[int], settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) of usable documents that share at least one band key."""
    buckets: dict[bytes, list[int]] = {}
    for i in usable:
        for key in band_keys(sigs[i], settings):
            buckets.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > 1:
            pairs.update((a, b) for k, a in enumerate(members) for b in members[k + 1 :])
    if not pairs:
        return np.empty(0, dtype=np.intp), np.empty(0, dtype=np.intp)
    ordered = np.array(sorted(pairs), dtype=np.intp)
    return ordered[:, 0], ordered[:, 1]


def _agreements(sigs: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Number of equal signature positions for each pair (in blocks to bound memory)."""
    out = np.empty(first.size, dtype=np.int64)
    step = max(1, _CHUNK_ROWS * 16 // sigs.shape[1])
    for lo in range(0, first.size, step):
        a, b = first[lo : lo + step], second[lo : lo + step]
        out[lo : lo + step] = np.count_nonzero(sigs[a] == sigs[b], axis=1)
    return out


# --- signatures --------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    # datasketch's own optimisation (a few hundred numerical integrals): memoised, it
    # depends only on its arguments.
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=_LSH_WEIGHTS)
    return lsh.b, lsh.r


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutation parameters (a odd, b) for ``num_perm``."""
    minhash = MinHash(num_perm=num_perm, seed=_MINHASH_SEED, hashfunc=int)
    if minhash.scheme != "affine32" or minhash.hashvalues.dtype != np.uint32:
        raise RuntimeError(f"datasketch's default MinHash scheme changed to {minhash.scheme!r}")
    a, b = minhash.permutations
    return np.ascontiguousarray(a, dtype=np.uint32), np.ascontiguousarray(b, dtype=np.uint32)


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, which datasketch's affine32 scheme applies to every
    input hash before the permutations (written out here: datasketch's is private)."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def _signatures(texts: Sequence[str], settings: Settings) -> np.ndarray:
    return _signatures_and_mask(texts, settings)[0]


def _signatures_and_mask(texts: Sequence[str], settings: Settings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(signatures, has-shingles mask, words of the normalised text) for the texts, one
    row each.

    Texts are taken in batches of ``_TEXTS_PER_BATCH`` (memory stays bounded on large
    corpora); within a batch the words of all texts are hashed, cut into shingles and
    permuted together in numpy (``_batch_shingles``, ``_minhash``)."""
    sigs = np.empty((len(texts), settings.minhash_perm), dtype=np.uint32)
    counts = np.zeros(len(texts), dtype=np.int64)
    words = np.zeros(len(texts), dtype=np.int64)
    word_hashes: dict[str, int] = {}  # each distinct word is hashed once per call
    powers: dict[int, np.ndarray] = {}  # the hash's powers, computed once per call (``_powers``)
    for lo in range(0, len(texts), _TEXTS_PER_BATCH):
        batch = texts[lo : lo + _TEXTS_PER_BATCH]
        hashes, batch_counts, batch_words = _batch_shingles(batch, settings.shingle_size, word_hashes, powers)
        sigs[lo : lo + len(batch)] = _minhash(hashes, batch_counts, settings.minhash_perm)
        counts[lo : lo + len(batch)] = batch_counts
        words[lo : lo + len(batch)] = batch_words
    return sigs, counts > 0, words


def _batch_shingles(
    texts: Sequence[str], size: int, word_hashes: dict[str, int], powers: dict[int, np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The 32-bit shingle hashes of all texts, text after text, their count per text and
    the words per text:
    for each text the values of ``_shingle_hashes`` (with repeats, which MinHash ignores),
    computed for the whole batch with one word look-up pass and one numpy pass."""
    ids, lengths = _batch_word_hashes(texts, word_hashes, powers)
    shingle_counts = np.where(lengths > 0, np.maximum(1, lengths - size + 1), 0)
    if not ids.size:
        return np.empty(0, dtype=np.uint32), shingle_counts, lengths
    # For every word position g of text t: the Horner combination of the words g .. g+size-1
    # that lie inside t (all ``size`` of them, or up to the text's end for the one shingle
    # of a text shorter than ``size``); then keep the positions that start a shingle.
    ends = np.repeat(np.cumsum(lengths), lengths)
    starts = ends - np.repeat(lengths, lengths)
    positions = np.arange(ids.size)
    combined = np.zeros(ids.size, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is intended
        for k in range(size):
            index = positions + k
            inside = index < ends
            step = combined * _SHINGLE_BASE + ids[np.minimum(index, ids.size - 1)]
            combined = np.where(inside, step, combined)
    combined = combined[positions - starts < np.repeat(shingle_counts, lengths)]
    # Fold 64 bits to the 32 that datasketch's affine32 scheme expects.
    folded = (combined >> np.uint64(32)) ^ (combined & np.uint64(0xFFFFFFFF))
    return folded.astype(np.uint32), shingle_counts, lengths


def _batch_word_hashes(
    texts: Sequence[str], word_hashes: dict[str, int], powers: dict[int, np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """``_word_hash`` of every word of every text (``_normalise``'s words), text after
    text, and the number of words per text.

    Done on code points in numpy rather than with a regex and a dict look-up per word
    (which were most of the time of copy detection): the normalised texts are joined by
    line breaks (never part of a word), words are the runs of characters that ``re``
    counts as ``\\w``, and equal words are found with a polynomial hash of their code
    points. That hash is only a grouping key: every word is then compared code point by
    code point with the first word of its group, and if any differs (a hash collision),
    the batch falls back to the plain per-word path. So the result is always exactly
    ``[_word_hash(w) for w in _normalise(text)]``. ``powers``: the caller's cache of
    ``_powers`` across batches."""
    if powers is None:
        powers = {}
    normalised = [_normalised_text(text) for text in texts]
    joined = "\n".join(normalised)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    is_word = _is_word_char(codes)
    edges = np.diff(is_word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    text_ends = np.cumsum(np.fromiter(map(len, normalised), dtype=np.int64, count=len(normalised)) + 1)
    lengths = np.bincount(np.searchsorted(text_ends, starts, side="right"), minlength=len(texts))
    if not starts.size:
        return np.empty(0, dtype=np.uint64), lengths

    # polynomial hash of each word's code points, modulo 2**64: sum c_i * B**(i - start)
    base = _SHINGLE_BASE
    inverse_base = np.uint64(pow(int(base), -1, 1 << 64))
    with np.errstate(over="ignore"):
        base_powers = _powers(base, codes.size, powers)  # B**i
        inverse_powers = _powers(inverse_base, codes.size, powers)  # B**-i
        weighted = np.where(is_word, codes.astype(np.uint64) * base_powers, np.uint64(0))
        keys = np.add.reduceat(weighted, starts) * inverse_powers[starts]
        keys = keys * np.uint64(0x9E3779B97F4A7C15) + (ends - starts).astype(np.uint64)
    _, group = np.unique(keys, return_inverse=True)
    group = group.reshape(-1)
    first = np.empty(int(group.max()) + 1, dtype=np.intp)
    first[group] = np.arange(group.size)  # one occurrence of each group (the last one)
    if not _same_words(codes, starts, ends, starts[first][group]):
        words = list(chain.from_iterable(map(_normalise, texts)))
        for word in set(words).difference(word_hashes):
            word_hashes[word] = _word_hash(word)
        hashes = np.fromiter(map(word_hashes.__getitem__, words), dtype=np.uint64, count=len(words))
        return hashes, lengths
    distinct = np.empty(first.size, dtype=np.uint64)
    for k, (start, end) in enumerate(zip(starts[first].tolist(), ends[first].tolist())):
        word = joined[start:end]
        value = word_hashes.get(word)
        if value is None:
            value = word_hashes[word] = _word_hash(word)
        distinct[k] = value
    return distinct[group], lengths


def _powers(base: np.uint64, count: int, cache: dict[int, np.ndarray] | None = None) -> np.ndarray:
    """``base ** i`` modulo 2**64 for i in 0 .. count-1. With ``cache`` (per base), a
    longer run computed before is cut to length: every batch of a call needs a prefix of
    the same sequence, and computing it (a cumulative product over every character of
    the batch) was a tenth of copy detection."""
    known = cache.get(int(base)) if cache is not None else None
    if known is not None and known.size >= count:
        return known[:count]
    wanted = count
    if cache is not None:
        count += count // 4  # room for a longer batch to come
    powers = np.empty(count, dtype=np.uint64)
    powers[0] = 1
    with np.errstate(over="ignore"):
        np.cumprod(np.full(count - 1, base, dtype=np.uint64), out=powers[1:])
    if cache is not None:
        cache[int(base)] = powers
    return powers[:wanted]


def _same_words(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, other_starts: np.ndarray) -> bool:
    """Whether each word ``codes[starts[i]:ends[i]]`` equals the same-length run at
    ``other_starts[i]`` (lengths are equal by construction: they are part of the key)."""
    lengths = ends - starts
    other_ends = other_starts + lengths
    if np.any(other_ends > codes.size):
        return False
    offsets = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return bool(np.array_equal(codes[np.repeat(starts, lengths) + offsets], codes[np.repeat(other_starts, lengths) + offsets]))


def _normalised_text(text: str) -> str:
    """The text ``_normalise`` takes its words from."""
    if text.isascii():  # NFKC leaves ASCII as it is, and case folding is lower-casing
        return text.lower()
    return unicodedata.normalize("NFKC", text).casefold()


@lru_cache(maxsize=1)
def _word_char_table() -> np.ndarray:
    """For each code point below 0x10000, whether ``re`` counts it as ``\\w`` (alphanumeric
    or '_', as ``str.isalnum``)."""
    return np.fromiter((c.isalnum() or c == "_" for c in map(chr, range(0x10000))), dtype=bool, count=0x10000)


def _is_word_char(codes: np.ndarray) -> np.ndarray:
    table = _word_char_table()
    result = table[np.minimum(codes, 0xFFFF)]
    astral = codes > 0xFFFF
    if astral.any():  # rare: decided one distinct code point at a time
        values = np.unique(codes[astral])
        word = np.fromiter((chr(c).isalnum() for c in values.tolist()), dtype=bool, count=values.size)
        result[astral] = word[np.searchsorted(values, codes[astral])]
    return result


def _word_hash(word: str) -> int:
    """Stable 64-bit hash of a word (BLAKE2b, not Python's salted ``hash``)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _minhash(hashes: np.ndarray, counts: np.ndarray, num_perm: int) -> np.ndarray:
    """Per-text MinHash signatures of consecutive runs of 32-bit shingle hashes
    (``counts[t]`` hashes for text ``t``); texts without hashes get the empty signature."""
    a, b = _permutations(num_perm)
    sigs = np.full((counts.size, num_perm), np.uint32(0xFFFFFFFF), dtype=np.uint32)
    if not hashes.size:
        return sigs
    mixed = _fmix32(hashes.astype(np.uint32, copy=False))
    text_of = np.repeat(np.arange(counts.size), counts)
    b_column = b[:, None]
    for lo in range(0, mixed.size, _CHUNK_ROWS):
        block = mixed[lo : lo + _CHUNK_ROWS]
        owners = text_of[lo : lo + _CHUNK_ROWS]
        # permutations x shingles, so that each text's minimum runs along contiguous memory
        # (reduceat along the other axis is several times slower)
        permuted = np.multiply.outer(a, block)  # uint32 arithmetic wraps: modulo 2**32
        permuted += b_column
        # runs of one text inside the block; a text may continue into the next block
        starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
        mins = np.minimum.reduceat(permuted, starts, axis=1).T
        rows = owners[starts]
        sigs[rows] = np.minimum(sigs[rows], mins)
    return sigs


def canonical_member(docs: Sequence[Document]) -> int:
    """The position of the canonical among one group's members: the one ``find_copies``
    makes its canonical (see ``_canonical_key``)."""
    return min(range(len(docs)), key=lambda i: _canonical_key(docs[i]))


def _canonical_key(doc: Document, normalised_words: int | None = None) -> tuple:
    """Sort key; the smallest member of a group is its canonical.

    1. the most body text after cleaning (in words): the fullest version of the article,
       so that later stages analyse everything any copy has;
    2. the fewest pieces removed by cleaning: the cleanest source page;
    3. the earliest publication date (documents without one come last): the likely original;
    4. the smallest id, so that the choice never depends on input order.
    """
    # an ASCII text has the words of its normalised (lower-cased) form, which the
    # signatures counted already (``normalised_words``); others are counted as written
    ascii_text = normalised_words is not None and doc.text.isascii()
    words = normalised_words if ascii_text else len(_WORD.findall(doc.text))
    published = doc.published or "\uffff"  # ISO 8601 strings sort chronologically
    return (-words, len(doc.removed), published, doc.id)


def _normalise(text: str) -> list[str]:
    """Words of the text, NFKC-normalised and case-folded: punctuation, quote styles and
    line breaks do not count as differences."""
    return _WORD.findall(_normalised_text(text))


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
        word_hashes[w] = _word_hash(w)
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


def _differences(canonical: Document, members: Sequence[Document]) -> list[Difference]:
    """For each member, the sentences it has that the canonical lacks (added) and the
    reverse (removed), compared after normalisation, in text order, each listed once.

    The canonical's sentences are split and keyed once for the whole group (a syndicated
    article can have dozens of re-posts), and a member whose text is the canonical's has
    no difference to look for."""
    known: dict[str, str] = {}  # sentence -> key: copies share most of their sentences
    canonical_keyed = _keyed_sentences(canonical.text, known)
    canonical_keys = {key for _, key in canonical_keyed}
    differences = []
    for member in members:
        if member.text == canonical.text:
            differences.append(Difference(document=member.id, added=[], removed=[]))
            continue
        member_keyed = _keyed_sentences(member.text, known)
        differences.append(
            Difference(
                document=member.id,
                added=_missing_from(member_keyed, canonical_keys),
                removed=_missing_from(canonical_keyed, {key for _, key in member_keyed}),
            )
        )
    return differences


def _keyed_sentences(text: str, known: dict[str, str]) -> list[tuple[str, str]]:
    keyed = []
    for sentence in split_sentences(text):
        key = known.get(sentence)
        if key is None:
            key = known[sentence] = _sentence_key(sentence)
        keyed.append((sentence, key))
    return keyed


def _missing_from(keyed: Sequence[tuple[str, str]], present: set[str]) -> list[str]:
    # Whole normalised sentences are compared: a sentence that was edited shows up as
    # removed in its old form and added in its new one, which is what changed.
    missing: list[str] = []
    seen: set[str] = set()
    for sentence, key in keyed:
        if not key or key in present or key in seen:
            continue
        seen.add(key)
        missing.append(sentence)
    return missing
