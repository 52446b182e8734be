"""Copies: near-duplicates grouped, canonical chosen deterministically, differences listed.

Articles here are invented; the seeds and the demo corpus are checked against their gold."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from storydiff.copies import (
    _batch_word_hashes,
    _is_word_char,
    _normalise,
    _same_words,
    _shingle_hashes,
    _word_hash,
    band_keys,
    estimated_jaccard,
    find_copies,
    has_shingles,
    lsh_bands,
    signature,
    signatures,
    split_sentences,
)
from storydiff.model import Document, Removed
from storydiff.pipeline import load_documents

FERRY = (
    "The ferry operator Norhaven Lines cancelled all crossings to the island of Tessel on Tuesday after "
    "a storm damaged the harbour wall at Brightmouth.\n\n"
    "Harbour master Ilse Vandermeer said engineers would inspect the wall on Wednesday morning and that "
    "repairs could take at least a week. About 400 passengers were stranded overnight in the town.\n\n"
    "The regional council opened two school halls for travellers who could not find a hotel room. "
    "Volunteers from the local rowing club handed out blankets and hot soup until late in the evening.\n\n"
    "Norhaven Lines said tickets would be refunded in full and that a replacement service from the port "
    "of Kellwick would start on Thursday if the weather allowed it."
)

BAKERY = (
    "A bakery in the village of Ostrum has won the national bread prize for the third year running, the "
    "judges of the Guild of Millers announced on Saturday.\n\n"
    "Owner Pieter Damsma, who took over the shop from his grandmother in 1998, said the secret was "
    "patience and a sourdough starter older than he is. The jury praised the crust and the open crumb.\n\n"
    "More than 300 bakeries entered this year. The prize comes with a trophy and a cheque that Damsma "
    "said he would spend on a new oven."
)


def doc(doc_id: str, text: str, **fields) -> Document:
    return Document(id=doc_id, source_path=f"{doc_id}.txt", text=text, **fields)


def test_near_duplicates_with_other_boilerplate_form_one_group(settings):
    original = doc("harbour-gazette", FERRY + "\n\nSubscribe to the Harbour Gazette for more local news.")
    repost = doc("coastal-wire", "Shared from Coastal Wire.\n\n" + FERRY + "\n\nAll rights reserved.")
    other = doc("bread", BAKERY)
    groups = find_copies([original, other, repost], settings)
    assert len(groups) == 1
    group = groups[0]
    assert set(group.members) == {"harbour-gazette", "coastal-wire"}
    assert group.members[0] == group.canonical
    assert settings.duplicate_threshold <= group.similarity <= 1.0
    [difference] = group.differences
    assert difference.document != group.canonical
    extra = {"harbour-gazette": "Subscribe to the Harbour Gazette for more local news.",
             "coastal-wire": "All rights reserved."}
    # each side's boilerplate is what the other lacks; the shared body is not listed
    assert any(extra[difference.document] in s for s in difference.added)
    assert any(extra[group.canonical] in s for s in difference.removed)
    assert not any("harbour wall" in s for s in difference.added + difference.removed)


def test_edited_copy_lists_the_changed_sentences(settings):
    edited = FERRY.replace(
        "About 400 passengers were stranded overnight in the town.",
        "About 400 passengers were stranded overnight in the town, many of them tourists.",
    )
    groups = find_copies([doc("a", FERRY), doc("b", edited)], settings)
    [group] = groups
    [difference] = group.differences
    changed_in_b = "About 400 passengers were stranded overnight in the town, many of them tourists."
    changed_in_a = "About 400 passengers were stranded overnight in the town."
    listed = {group.canonical: difference.removed, difference.document: difference.added}
    assert listed["b"] == [changed_in_b]
    assert listed["a"] == [changed_in_a]


def test_rewrites_of_one_event_are_not_copies(settings):
    rewrite = (
        "Crossings to Tessel were called off on Tuesday when storm waves broke part of the Brightmouth "
        "harbour wall, Norhaven Lines said. Hundreds of travellers spent the night in school halls. "
        "Ilse Vandermeer, the harbour master, expects repairs to last a week or more, and a service from "
        "Kellwick may begin on Thursday."
    )
    assert find_copies([doc("a", FERRY), doc("b", rewrite), doc("c", BAKERY)], settings) == []


def test_canonical_is_the_fullest_text_then_cleanest_then_earliest_then_id(settings):
    shorter = FERRY.rsplit("\n\n", 1)[0]
    full = doc("z-full", FERRY)
    short = doc("a-short", shorter)
    [group] = find_copies([short, full], settings)
    assert group.canonical == "z-full"  # more body text wins over a smaller id

    debris = [Removed(text="Share this", reason="share buttons")]
    clean_copy = doc("m", FERRY, published="2024-05-02")
    messy_copy = doc("b", FERRY, published="2024-05-01", removed=debris)
    [group] = find_copies([messy_copy, clean_copy], settings)
    assert group.canonical == "m"  # fewer removed pieces wins over an earlier date

    late, early = doc("a", FERRY, published="2024-05-02"), doc("b", FERRY, published="2024-05-01")
    [group] = find_copies([late, early], settings)
    assert group.canonical == "b"

    same = [doc(name, FERRY) for name in ("k", "c", "x")]
    for order in (same, same[::-1], [same[1], same[2], same[0]]):
        [group] = find_copies(order, settings)
        assert group.canonical == "c"
        assert set(group.members) == {"k", "c", "x"}


def test_odd_inputs_do_not_crash(settings):
    docs = [doc("empty", ""), doc("punct", "… — !!"), doc("short", "Yes."), doc("short2", "Yes."), doc("f", FERRY)]
    groups = find_copies(docs, settings)
    assert [set(g.members) for g in groups] == [{"short", "short2"}]
    assert find_copies([], settings) == []
    assert find_copies([doc("only", FERRY)], settings) == []


def test_many_documents_find_only_the_planted_copy(settings):
    rng = random.Random(7)
    words = [f"w{i}" for i in range(5000)]
    docs = [doc(f"r{i}", " ".join(rng.choice(words) for _ in range(150))) for i in range(600)]
    docs.append(doc("copy", docs[123].text + " Read more at our site."))
    groups = find_copies(docs, settings)
    assert [set(g.members) for g in groups] == [{"r123", "copy"}]


def test_split_sentences_keeps_closing_quotes():
    text = "He said “we will return.” Then he left!\nA new line"
    assert split_sentences(text) == ["He said “we will return.”", "Then he left!", "A new line"]


def test_seeds_duplicates(seeds_dir, seeds_gold, settings):
    docs, _ = load_documents([seeds_dir])
    groups = find_copies(docs, settings)
    assert sorted(sorted(g.members) for g in groups) == sorted(sorted(g) for g in seeds_gold["duplicates"])


def test_demo_duplicates(demo_dir, demo_gold, settings):
    docs, _ = load_documents([demo_dir])
    groups = find_copies(docs, settings)
    assert sorted(sorted(g.members) for g in groups) == sorted(sorted(g) for g in demo_gold["duplicates"])


# --- the public signature API (used by the corpus store) ---------------------------------


def invented_corpus(count: int = 120) -> list[Document]:
    """Random texts plus edited copies of some of them (a few words changed each)."""
    rng = random.Random(11)
    words = [f"v{i}" for i in range(800)]
    docs = [doc(f"t{i}", " ".join(rng.choice(words) for _ in range(rng.randint(5, 200)))) for i in range(count)]
    for i in range(0, count, 7):
        tokens = docs[i].text.split()
        for _ in range(rng.randint(0, 6)):
            tokens[rng.randrange(len(tokens))] = rng.choice(words)
        docs.append(doc(f"t{i}-edit", " ".join(tokens)))
    return docs


@pytest.mark.parametrize("threshold, perm, size", [(0.7, 128, 5), (0.5, 64, 3), (0.9, 256, 2)])
def test_signature_equals_datasketch_minhash(settings, threshold, perm, size):
    custom = settings.model_copy(update={"duplicate_threshold": threshold, "minhash_perm": perm, "shingle_size": size})
    for document in [doc("f", FERRY), doc("b", BAKERY), doc("s", "Yes."), *invented_corpus(10)]:
        expected = MinHash(num_perm=perm, hashfunc=int)
        expected.update_batch(_shingle_hashes(document.text, size, {}).tolist())
        sig = signature(document, custom)
        assert sig.dtype == np.uint32 and sig.shape == (perm,)
        assert np.array_equal(sig, expected.hashvalues)


def test_empty_signature_and_has_shingles(settings):
    assert not has_shingles(doc("p", "… — !!")) and has_shingles(doc("s", "Yes."))
    assert np.all(signature(doc("p", "… — !!"), settings) == np.uint32(0xFFFFFFFF))


def test_signatures_of_many_documents_are_each_one_s_signature(settings):
    # a store computes a chunk's signatures together: the same values and word masks
    docs = [*invented_corpus(), doc("p", "… — !!"), doc("s", "Yes."), doc("u", "Ça coûte 5 €, dit Zoë.")]
    values, has_words = signatures(docs, settings)
    assert values.shape == (len(docs), settings.minhash_perm)
    for d, row, words in zip(docs, values, has_words):
        assert np.array_equal(row, signature(d, settings))
        assert bool(words) == has_shingles(d)
    assert not has_words.all() and has_words.any()


def test_estimated_jaccard_equals_datasketch(settings):
    a, b = signature(doc("a", FERRY), settings), signature(doc("b", FERRY + " Subscribe now."), settings)
    expected = MinHash(hashvalues=a, scheme="affine32").jaccard(MinHash(hashvalues=b, scheme="affine32"))
    assert estimated_jaccard(a, b) == expected
    assert estimated_jaccard(a, a) == 1.0
    assert estimated_jaccard(a, signature(doc("c", BAKERY), settings)) < settings.duplicate_threshold


@pytest.mark.parametrize("threshold", [0.5, 0.7, 0.9])
def test_band_keys_give_datasketch_lsh_candidates(settings, threshold):
    custom = settings.model_copy(update={"duplicate_threshold": threshold})
    docs = invented_corpus()
    sigs = [signature(d, custom) for d in docs]
    lsh = MinHashLSH(threshold=threshold, num_perm=custom.minhash_perm, weights=(0.3, 0.7))
    assert lsh_bands(custom) == (lsh.b, lsh.r)
    minhashes = [MinHash(hashvalues=s, scheme="affine32") for s in sigs]
    for i, m in enumerate(minhashes):
        lsh.insert(i, m)
    keys = [set(band_keys(s, custom)) for s in sigs]
    assert all(len(k) == lsh.b for k in keys)  # one key per band, never shared across bands
    pairs = 0
    for i, m in enumerate(minhashes):
        sharing = {j for j, other in enumerate(keys) if keys[i] & other}
        assert sharing == set(lsh.query(m))
        pairs += len(sharing) - 1
    assert pairs > 0  # the edited copies are candidates


def test_band_keys_reject_a_signature_of_the_wrong_length(settings):
    with pytest.raises(ValueError):
        band_keys(np.zeros(settings.minhash_perm + 1, dtype=np.uint32), settings)


def test_find_copies_agrees_with_the_public_functions(settings):
    docs = invented_corpus()
    groups = find_copies(docs, settings)
    assert groups
    by_id = {d.id: signature(d, settings) for d in docs}
    for group in groups:
        canonical = by_id[group.canonical]
        others = [by_id[m] for m in group.members[1:]]
        assert group.similarity == round(min(estimated_jaccard(canonical, o) for o in others), 3)
        keys = [set(band_keys(by_id[m], settings)) for m in group.members]
        # every member was a candidate of another member (it may join through a chain)
        assert all(any(k & other for other in keys if other is not k) for k in keys)


def test_word_characters_are_those_of_the_regex():
    codes = np.arange(0x110000, dtype=np.uint32)
    codes = codes[(codes < 0xD800) | (codes > 0xDFFF)]
    text = "".join(map(chr, codes.tolist()))
    expected = np.zeros(0x110000, dtype=bool)
    expected[[ord(c) for c in re.findall(r"\w", text)]] = True
    assert np.array_equal(_is_word_char(codes), expected[codes])


def test_batch_word_hashes_equal_the_per_word_path():
    texts = [
        "The ﬁrst Straße in ÉCOLE-town: naïve café, 𝐁old 𝟐 and snake_case words; 42.5%!",
        "", "…", "Ünïcödé ǅ ß ΣΊΣΥΦΟΣ İstanbul ﬀ ½ ² 𝔘𝔫𝔦 🙂 a\u00a0b\u200bc", "the the THE The",
        "Same words, same words: same.",
    ]
    cache: dict[str, int] = {}
    hashes, lengths = _batch_word_hashes(texts, cache)
    expected = [_normalise(t) for t in texts]
    assert lengths.tolist() == [len(words) for words in expected]
    assert hashes.tolist() == [_word_hash(w) for words in expected for w in words]


def test_same_words_detects_a_difference():
    codes = np.array([ord(c) for c in "abc abd abc"], dtype=np.uint32)
    starts, ends = np.array([0, 4, 8]), np.array([3, 7, 11])
    assert _same_words(codes, starts, ends, np.array([0, 0, 0])) is False
    assert _same_words(codes, starts[[0, 2]], ends[[0, 2]], np.array([8, 0])) is True


def test_batch_word_hashes_fall_back_on_a_hash_collision(monkeypatch):
    import storydiff.copies as copies

    texts = ["Alpha beta, gamma.", "beta DELTA alpha", ""]
    monkeypatch.setattr(copies, "_same_words", lambda *args: False)
    hashes, lengths = _batch_word_hashes(texts, {})
    assert lengths.tolist() == [3, 3, 0]
    assert hashes.tolist() == [_word_hash(w) for t in texts for w in _normalise(t)]
