"""A deterministic corpus of N articles for scale benchmarks, built at run time from the
real texts in ``../shared/corpora`` (BASIL: 100 events x 3 outlets; PolNeAR: 924 articles).

    python benchmarks/make_corpus.py --size 10000             # -> benchmarks/out/corpus-10000.jsonl
    python benchmarks/make_corpus.py --size 100000 --out /tmp/c.jsonl

Writes ``PATH.jsonl`` (one record a line, the fields storydiff's JSON-lines reader takes:
``id``, ``title``, ``text``, ``outlet``, ``author``, ``published``, ``url``) and the gold
sidecar ``PATH.gold.json``: ``{"seed", "size", "kinds", "articles": {id: {"story", "kind",
"copy_of", "source"}}}``, where ``story`` is the story instance, ``copy_of`` the id of the
article a copy copies (``null`` for originals and rewrites) and ``source`` the corpus
article its words come from.

How the corpus is built
-----------------------
Only 1,224 real articles exist, so each source **event** (a BASIL triplet, or one PolNeAR
article) is instantiated many times, in **rounds**, as distinct **story instances**:
instance ``k`` of an event starts on ``START + k * ROUND_DAYS + phase(event)``, so two
instances of one event are ``ROUND_DAYS`` (5 weeks) apart, far outside storydiff's 4-day
story window, while different events overlap in time as real news does (about 35 instance
starts and 100 articles a day). Round 0 uses each article's full text; later rounds use a
**view**: a random 45% of its sentences (paragraph order kept), drawn so that no two views
of one article share more than half of their words (Jaccard of the sentence sets, each
sentence weighted by its words: one long sentence can carry most of a text): instances of
one event are then never near-duplicates of each other (storydiff's copy threshold is a
0.7 shingle Jaccard, estimated by MinHash with an error of about 0.04 there). An article too short for such views (fewer than
``MIN_VIEW_SENTENCES``) appears in round 0 only.

Within an instance every member article (the original outlets, with their own relative
dates, clamped to 3 days) is emitted, followed by ``Binomial(4, 0.464)`` extras (mean
1.857 = 65/35), each of one kind drawn with weights 10:12:20:23 (``KIND_WEIGHTS``):

* ``repost``: the exact text, re-posted by an invented outlet;
* ``boilerplate_repost``: the same text wrapped in that outlet's debris (bylines, date lines,
  breadcrumbs, "Read more" teasers, share buttons, newsletter and copyright footers,
  advertisement markers), which storydiff's cleaning should remove;
* ``near_copy``: a perturbed copy: one sentence dropped (when the text has 8 or more), 2 to
  4 words replaced by another word of the same text, deleted or swapped with a neighbour,
  paragraph order kept; half of them with boilerplate too. A near copy must share at least
  ``NEAR_COPY_MIN_JACCARD`` of its word 5-grams with its original (checked; lighter edits
  are tried when it does not, and an exact re-post with boilerplate is made when even one
  edit is too much for a very short text): each is a copy any detector should find;
* ``rewrite``: the same facts in another order and another title: 35% of the member's
  sentences plus, when the instance has another outlet, 15% of that one's, shuffled into
  paragraphs of 1 to 3 sentences; at most ~45% of any member, so never a near-duplicate.
  Checked: at most ``MAX_REWRITE_JACCARD`` of its word 5-grams are shared with the member.
  Texts of fewer than ``MIN_VIEW_SENTENCES`` sentences, or with no such draw, get a re-post
  with boilerplate instead (a rewrite of 1 or 2 sentences would be a fragment, or a near copy).

After the fallbacks of short texts the mix is about 35% originals, 25% re-posts (10% exact,
15% with boilerplate), 20% near copies, 20% rewrites (the gold header counts each kind). Copies always copy an original (the gold ``copy_of``), so a copy
family is an original and its re-posts and near copies.

Determinism: one ``random.Random(seed)`` consumed in a fixed order, ids from a hash of the
seed and the article's position, and the sources read in sorted order. A corpus of N
articles is the first N lines of any larger corpus with the same seed. Nothing here is
copied into the repository: the texts are read from ``../shared`` when the corpus is made.
Everything is streamed: the sources (a few MB) and the views' bit masks stay in memory,
each article is written as soon as it is made.

Known noise in the gold: the sources themselves are not all distinct stories (PolNeAR has
a few wire stories re-posted by two publishers, and articles on the same debate or vote)
and some BASIL triplets span more than the 4-day window; such pairs count as errors of
storydiff against this gold.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import IO

sys.path.insert(0, str(Path(__file__).resolve().parent))

from basil import BASIL_DIR, OUTLETS as BASIL_OUTLETS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "benchmarks" / "out"
DEFAULT_SEED = 20240607

START = date(2015, 1, 5)
ROUND_DAYS = 35
"""Days between two instances of one event: five weeks, far beyond the story window."""
PHASE_DAYS = ROUND_DAYS - 5
"""Instance starts of different events are spread over this many days of each round; the
last days of a round are left for the instance's later articles (up to 3 days later)."""
MAX_MEMBER_DAYS = 3
"""Members and extras of an instance are at most this many days after its start (inside
storydiff's 4-day story window)."""

VIEW_FRACTION = 0.45
"""Share of an article's sentences in a later instance: two independent views share about
0.2 / 0.7 = 29% of their sentences, a view and the full text 45%."""
MAX_VIEW_OVERLAP = 0.5
"""Most word-weighted Jaccard between two views of one article (a new view is redrawn up
to ``VIEW_TRIES`` times). With 0.6, 1% of the 100k corpus's originals were linked as copies
of another instance of their article by MinHash's estimation error and chained into
groups of up to 15; with 0.5 such a link is more than four standard errors away."""
VIEW_TRIES = 30
MIN_VIEW_SENTENCES = 8
"""Shorter texts have too few distinct views (and no room for a rewrite)."""

EXTRA_TRIALS, EXTRA_P = 4, 0.464  # extras per original: Binomial(4, 0.464), mean 1.857
KIND_WEIGHTS = {"repost": 10, "boilerplate_repost": 12, "near_copy": 20, "rewrite": 23}
"""Weights of the extras' kinds. About one rewrite in seven falls back to a boilerplate
re-post (short texts, see ``_extra``), so rewrites are asked for more often than 20:15."""
REWRITE_OWN, REWRITE_OTHER = 0.35, 0.15
MAX_REWRITE_JACCARD = 0.45
"""Most word 5-gram Jaccard of a rewrite with its member's text (checked, redrawn)."""
NEAR_COPY_MIN_JACCARD = 0.8
"""Least Jaccard similarity of word 5-gram sets between a near copy and its original."""
SHINGLE = 5

POLNEAR_OUTLETS = {
    "breitbart": "Breitbart", "huff-post": "HuffPost", "nyt": "The New York Times", "politico": "Politico",
    "usa-today": "USA Today", "wash-post": "The Washington Post", "west-journal": "Western Journal",
}

# Sentence ends for PolNeAR's plain text (BASIL comes split): terminal punctuation, maybe
# closed by a quote or bracket, before a capital or digit. Written here rather than taken
# from storydiff, so that the corpus does not change when the pipeline's splitter does.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])\s+(?=[\"“‘(\[]?[A-Z0-9])|(?<=[.!?][\"”’)\]])\s+(?=[\"“‘(\[]?[A-Z0-9])"
)
_ABBREVIATION = re.compile(r"(?:^|\s)[A-Z][A-Za-z.]{0,4}\.$")
"""A piece ending in "Sen.", "Mr.", "U.S.", "Sept.": the split after it was not a sentence end."""
MIN_REWRITE_WORDS = 40
"""A shorter rewrite would be a fragment (cleaning may even take it for a headline)."""
_WORD = re.compile(r"[A-Za-z][a-z]{3,}")  # a word that an edit may touch
_TOKEN = re.compile(r"\w+")
_SLUG = re.compile(r"[^a-z0-9]+")

# --- invented outlets, people and debris --------------------------------------------------

_TOWNS = ("Alderbrook", "Bramwell", "Calder Bay", "Dunmore Falls", "Eastmarch", "Fenwick", "Glenhollow",
          "Harrowgate", "Ironvale", "Juniper Creek", "Kingsmere", "Larkspur", "Millbrook", "Northwick",
          "Oakhaven", "Pinecrest", "Quarry Hill", "Ravensford", "Stonebridge", "Thornbury", "Umberfield",
          "Valemont", "Westerly", "Yarrowdale")
_PAPERS = ("Courier", "Ledger", "Gazette", "Observer", "Dispatch", "Chronicle", "Herald", "Tribune",
           "Sentinel", "Bulletin", "Daily", "Post", "News", "Wire", "Register")
_FIRST = ("Avery", "Jonah", "Mira", "Tobin", "Lena", "Caspian", "Rhea", "Idris", "Noor", "Elsa", "Marek",
          "Yara", "Dorian", "Sunniva", "Bram", "Odile")
_LAST = ("Halloway", "Brenning", "Castellane", "Dunmore", "Everleigh", "Fairbrook", "Grisholm", "Ashcombe",
         "Kestrel", "Lowther", "Marchbank", "Penhallow", "Quenby", "Rookwood", "Stallard", "Treganna")
_SECTIONS = ("Politics", "Nation", "World", "Government", "Elections", "Courts", "Congress")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
# Debris in the shapes storydiff's cleaning knows (clean.py's patterns), with invented
# names. {outlet}, {author}, {date}, {origin}, {teaser}, {section} are filled per article.
_HEADERS = (
    "By {author} | {outlet}",
    "By {author}",
    "{date}",
    "Home » {section} » {outlet}",
    "Published: {date}",
)
_FOOTERS = (
    "Read more: {teaser}",
    "Share  Tweet  Email",
    "Sign up for our newsletter to get the day's top stories in your inbox.",
    "© {year} {outlet}. All rights reserved.",
    "This article was originally published by {origin}.",
    "Follow us on Twitter for the latest updates.",
    "Leave a Comment",
    "Related: {teaser}",
)


@dataclass(frozen=True)
class _Outlet:
    name: str
    headers: tuple[str, ...]
    footers: tuple[str, ...]
    advert: bool  # an "Advertisement" line between the second and third paragraphs


def _invented_outlets(rng: random.Random) -> list[_Outlet]:
    """Every town x paper name, each with a fixed debris style (its own headers and footers)."""
    outlets = []
    for town in _TOWNS:
        for paper in _PAPERS:
            outlets.append(_Outlet(
                name=f"The {town} {paper}",
                headers=tuple(rng.sample(_HEADERS, rng.randint(1, 2))),
                footers=tuple(rng.sample(_FOOTERS, rng.randint(1, 3))),
                advert=rng.random() < 0.4,
            ))
    return outlets


# --- sources ------------------------------------------------------------------------------


@dataclass
class _Source:
    key: str  # where the words come from (gold only)
    outlet: str
    title: str
    author: str | None
    offset: int  # days after the event's first article (BASIL triplets), clamped
    sentences: tuple[str, ...]
    paragraph: tuple[int, ...]  # paragraph number of each sentence
    views: list[int] = field(default_factory=list)  # bit masks of the sentences of each instance
    _weights: list[list[int]] = field(default_factory=list)  # words of each 8-bit chunk of a mask

    def words(self, mask: int) -> int:
        """Words in the sentences of ``mask``: one table look-up per 8 sentences (the view
        sampler compares thousands of masks)."""
        if not self._weights:
            counts = [len(s.split()) for s in self.sentences]
            for base in range(0, len(counts), 8):
                table = [0] * 256
                for b in range(1, 256):
                    low = (b & -b).bit_length() - 1  # the lowest set bit
                    table[b] = table[b & (b - 1)] + (counts[base + low] if base + low < len(counts) else 0)
                self._weights.append(table)
        total = chunk = 0
        while mask:
            total += self._weights[chunk][mask & 0xFF]
            mask >>= 8
            chunk += 1
        return total

    @property
    def full(self) -> int:
        return (1 << len(self.sentences)) - 1


@dataclass
class _Event:
    index: int
    sources: list[_Source]
    phase: int = 0


def _source(key: str, outlet: str, title: str, author: str | None, offset: int,
            paragraphs: list[list[str]]) -> _Source | None:
    sentences: list[str] = []
    numbers: list[int] = []
    for n, para in enumerate(p for p in paragraphs if p):
        for s in para:
            sentences.append(s)
            numbers.append(n)
    if not sentences:
        return None
    return _Source(key, outlet, title.strip(), author, min(offset, MAX_MEMBER_DAYS), tuple(sentences), tuple(numbers))


def load_events(corpora: Path) -> list[_Event]:
    """BASIL triplets (3 sources each) then PolNeAR articles (1 each), in a stable order."""
    events = []
    basil_dir = corpora / "basil" / "articles"
    by_triplet: dict[str, list[tuple[str, dict]]] = {}
    for path in sorted(basil_dir.glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        by_triplet.setdefault(record["triplet-uuid"], []).append((path.stem, record))
    for triplet in sorted(by_triplet):
        members = by_triplet[triplet]
        days = [date.fromisoformat(r["date"][:10]) for _, r in members]
        sources = []
        for (stem, record), day in zip(members, days):
            paragraphs = [[s.strip() for s in p if isinstance(s, str) and s.strip()] for p in record.get("body-paragraphs") or []]
            code = str(record.get("source", "")).lower()
            src = _source(f"basil:{stem}", BASIL_OUTLETS.get(code, code), record.get("title") or "",
                          None, (day - min(days)).days, paragraphs)
            if src:
                sources.append(src)
        if sources:
            events.append(_Event(len(events), sources))

    polnear_dir = corpora / "polnear" / "data"
    metadata: dict[str, dict] = {}
    meta_path = polnear_dir / "metadata.tsv"
    if meta_path.is_file():
        with meta_path.open(encoding="utf-8", newline="") as f:
            metadata = {row["filename"]: row for row in csv.DictReader(f, delimiter="\t")}
    for path in sorted(polnear_dir.glob("*/text/*.txt")):
        meta = metadata.get(path.stem, {})
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
        title = meta.get("title") or lines[0]
        if lines and lines[0].strip().rstrip(".") == title.strip().rstrip("."):
            lines = lines[1:]  # the text repeats its title as a first line
        paragraphs = [_split_sentences(p) for p in "\n".join(lines).split("\n\n") if p.strip()]
        publisher = meta.get("publisher") or path.stem.split("_")[0]
        author = meta.get("author")
        src = _source(f"polnear:{path.stem}", POLNEAR_OUTLETS.get(publisher, publisher), title,
                      author if author and author != "None" else None, 0, paragraphs)
        if src:
            events.append(_Event(len(events), [src]))
    return events


def _split_sentences(paragraph: str) -> list[str]:
    sentences: list[str] = []
    for piece in _SENTENCE_END.split(paragraph.strip()):
        piece = piece.strip()
        if sentences and _ABBREVIATION.search(sentences[-1]):
            sentences[-1] += " " + piece
        elif piece:
            sentences.append(piece)
    return [s for s in sentences if s]


# --- views and renderings ---------------------------------------------------------------


def _overlap(src: _Source, a: int, b: int) -> float:
    """Jaccard similarity of two views, each sentence weighted by its words."""
    return src.words(a & b) / (src.words(a | b) or 1)


def _new_view(src: _Source, rng: random.Random) -> int | None:
    """A sentence subset of ``src`` not too close to any of its earlier views, or None."""
    n = len(src.sentences)
    if not src.views:
        return src.full
    if n < MIN_VIEW_SENTENCES:
        return None
    keep = max(2, round(VIEW_FRACTION * n))
    for _ in range(VIEW_TRIES):
        mask = 0
        for i in rng.sample(range(n), keep):
            mask |= 1 << i
        if all(_overlap(src, mask, v) <= MAX_VIEW_OVERLAP for v in src.views):
            return mask
    return None


def _indices(mask: int) -> list[int]:
    return [i for i in range(mask.bit_length()) if mask >> i & 1]


def _paragraphs(src: _Source, indices: list[int], sentences: dict[int, str] | None = None) -> list[str]:
    """Sentences in text order, grouped by their source paragraph."""
    paras: list[list[str]] = []
    last = None
    for i in indices:
        text = sentences.get(i, src.sentences[i]) if sentences else src.sentences[i]
        if not text:
            continue
        if src.paragraph[i] != last:
            paras.append([])
            last = src.paragraph[i]
        paras[-1].append(text)
    return [" ".join(p) for p in paras]


def _shingles(paragraphs: list[str]) -> set[int]:
    """Word 5-grams, each as its hash: a tuple's hash is not cached, so set operations on
    tuples would hash every 5-gram again (Python's salted hash is fine here: the values
    are compared within one run only, and a 64-bit collision does not happen)."""
    words = _TOKEN.findall(" ".join(paragraphs).lower())
    return set(map(hash, zip(*(words[k:] for k in range(SHINGLE))))) or {hash(tuple(words))}


def _near_copy(src: _Source, mask: int, original: list[str], rng: random.Random) -> list[str] | None:
    """A perturbed copy at least NEAR_COPY_MIN_JACCARD similar to ``original`` (the
    rendering of ``mask``): the full perturbation, then edits only, then one edit; None
    when even that is too much (a very short text)."""
    reference = _shingles(original)
    for drop, edits in ((True, rng.randint(2, 4)), (False, 2), (False, 1)):
        paragraphs = _perturb(src, mask, drop, edits, rng)
        candidate = _shingles(paragraphs)
        if len(candidate & reference) / len(candidate | reference) >= NEAR_COPY_MIN_JACCARD:
            return paragraphs
    return None


def _perturb(src: _Source, mask: int, drop: bool, edits: int, rng: random.Random) -> list[str]:
    """Maybe one sentence dropped (never the first), ``edits`` word edits."""
    indices = _indices(mask)
    if drop and len(indices) >= MIN_VIEW_SENTENCES:
        indices.remove(rng.choice(indices[1:]))
    edited: dict[int, str] = {}
    vocabulary = sorted({w for i in indices for w in _WORD.findall(src.sentences[i])})
    for _ in range(edits):
        i = rng.choice(indices)
        words = edited.get(i, src.sentences[i]).split(" ")
        positions = [p for p, w in enumerate(words) if _WORD.fullmatch(w)]
        if not positions or not vocabulary:
            continue
        p = rng.choice(positions)
        op = rng.random()
        if op < 0.5:
            words[p] = rng.choice(vocabulary)  # another word of the same text
        elif op < 0.75 and len(words) > 3:
            del words[p]
        elif p + 1 < len(words):
            words[p], words[p + 1] = words[p + 1], words[p]
        edited[i] = " ".join(words)
    return _paragraphs(src, indices, edited)


def _rewrite(src: _Source, mask: int, text: list[str], other: tuple[_Source, int] | None,
             rng: random.Random) -> list[str] | None:
    """Same facts, other order, not a near copy of ``text`` (the rendering of ``mask``);
    None when no draw is (a text whose words sit in one or two long sentences)."""
    reference = _shingles(text)
    for _ in range(5):
        paragraphs = _draw_rewrite(src, mask, other, rng)
        candidate = _shingles(paragraphs)
        if (len(candidate & reference) / len(candidate | reference) <= MAX_REWRITE_JACCARD
                and len(" ".join(paragraphs).split()) >= MIN_REWRITE_WORDS):
            return paragraphs
    return None


def _draw_rewrite(src: _Source, mask: int, other: tuple[_Source, int] | None, rng: random.Random) -> list[str]:
    """A share of this member's sentences (and another member's), shuffled into paragraphs
    of 1-3 sentences."""
    own = _indices(mask)
    chosen = [src.sentences[i] for i in rng.sample(own, max(1, round(REWRITE_OWN * len(own))))]
    if other is not None:
        theirs = _indices(other[1])
        chosen += [other[0].sentences[i] for i in rng.sample(theirs, max(1, round(REWRITE_OTHER * len(theirs))))]
    rng.shuffle(chosen)
    paras = []
    while chosen:
        size = rng.randint(1, 3)
        paras.append(" ".join(chosen[:size]))
        chosen = chosen[size:]
    return paras


def _rewrite_title(src: _Source, others: list[_Source], paragraphs: list[str]) -> str:
    """Another outlet's title for the event when there is one, else the rewrite's first
    words (at most 12): a different headline over the same facts."""
    for o in others:
        if o.title and o.title != src.title:
            return o.title
    words = paragraphs[0].split()[:12] if paragraphs else []
    return " ".join(words).rstrip(".,;:") or src.title


def _debris(outlet: _Outlet, paragraphs: list[str], day: date, origin: str, teaser: str,
            rng: random.Random) -> list[str]:
    values = {
        "outlet": outlet.name, "author": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", "origin": origin,
        "date": f"{_MONTHS[day.month - 1]} {day.day}, {day.year}", "year": day.year, "teaser": teaser,
        "section": rng.choice(_SECTIONS),
    }
    body = list(paragraphs)
    if outlet.advert and len(body) > 2:
        body.insert(2, "Advertisement")
    return ([h.format(**values) for h in outlet.headers] + body + [f.format(**values) for f in outlet.footers])


# --- the generator ------------------------------------------------------------------------


def _doc_id(seed: int, n: int) -> str:
    return "d" + hashlib.blake2b(f"{seed}:{n}".encode(), digest_size=7).hexdigest()


def _slug(text: str, limit: int = 60) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")[:limit].rstrip("-") or "article"


def _record(doc_id: str, title: str, paragraphs: list[str], outlet: str, author: str | None, day: date,
            rng: random.Random, first_hour: int) -> dict:
    # Originals are published in the morning and copies from noon on: a copy never
    # predates what it copies.
    stamp = f"{day.isoformat()}T{rng.randint(first_hour, first_hour + 11):02d}:{rng.randint(0, 59):02d}:00Z"
    record = {
        "id": doc_id,
        "title": title,
        "text": "\n\n".join(paragraphs),
        "outlet": outlet,
        "published": stamp,
        "url": f"https://{_slug(outlet, 40)}.example/{day:%Y/%m/%d}/{_slug(title)}-{doc_id[-6:]}",
    }
    if author:
        record["author"] = author
    return record


def _extra(kind: str, src: _Source, view: int, text: list[str], members: list[tuple[_Source, int]],
           outlet: _Outlet, day: date, titles: list[str], rng: random.Random) -> tuple[str, str, list[str]]:
    """``(kind, title, paragraphs)`` of one extra article of a member (see the module
    docstring); ``kind`` changes when the text is too short for the one asked for."""
    rewrite: list[str] | None = None
    others = [m for m in members if m[0] is not src]
    if kind == "rewrite" and view.bit_count() >= MIN_VIEW_SENTENCES:
        rewrite = _rewrite(src, view, text, rng.choice(others) if others else None, rng)
    if kind == "rewrite" and rewrite is None:
        kind = "boilerplate_repost"
    if kind == "near_copy":
        near = _near_copy(src, view, text, rng)
        if near is None:
            kind = "boilerplate_repost"
        else:
            debris = rng.random() < 0.5
            return kind, src.title, _debris(outlet, near, day, src.outlet, rng.choice(titles), rng) if debris else near
    if kind == "repost":
        return kind, src.title, text
    if kind == "boilerplate_repost":
        return kind, src.title, _debris(outlet, text, day, src.outlet, rng.choice(titles), rng)
    assert rewrite is not None
    return kind, _rewrite_title(src, [o for o, _ in others], rewrite), rewrite


def generate(events: list[_Event], size: int, seed: int = DEFAULT_SEED) -> Iterator[tuple[dict, dict]]:
    """``(record, gold)`` for each of ``size`` articles, in rounds of story instances."""
    rng = random.Random(seed)
    outlets = _invented_outlets(rng)
    for event in events:
        event.phase = rng.randrange(PHASE_DAYS)
        for src in event.sources:
            src.views.clear()
    titles = [s.title for e in events for s in e.sources if s.title]
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    n = 0
    round_number = 0
    while n < size:
        emitted_before = n
        order = list(events)
        rng.shuffle(order)
        for event in order:
            start = START + timedelta(days=round_number * ROUND_DAYS + event.phase)
            members: list[tuple[_Source, int]] = []
            for src in event.sources:
                view = _new_view(src, rng)
                if view is not None:
                    src.views.append(view)
                    members.append((src, view))
            story = f"s{round_number:03d}-{event.index:04d}"
            for src, view in members:
                if n >= size:
                    return
                day = start + timedelta(days=src.offset)
                original = _doc_id(seed, n)
                n += 1
                text = _paragraphs(src, _indices(view))
                yield (_record(original, src.title, text, src.outlet, src.author, day, rng, 0),
                       {"story": story, "kind": "original", "copy_of": None, "source": src.key})
                extras = sum(rng.random() < EXTRA_P for _ in range(EXTRA_TRIALS))
                for _ in range(extras):
                    if n >= size:
                        return
                    outlet = rng.choice(outlets)
                    when = min(day + timedelta(days=rng.randint(0, 1)), start + timedelta(days=MAX_MEMBER_DAYS))
                    kind, title, paragraphs = _extra(rng.choices(kinds, weights)[0], src, view, text, members,
                                                     outlet, when, titles, rng)
                    doc_id = _doc_id(seed, n)
                    n += 1
                    author = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
                    copy_of = None if kind == "rewrite" else original
                    yield (_record(doc_id, title, paragraphs, outlet.name, author, when, rng, 12),
                           {"story": story, "kind": kind, "copy_of": copy_of, "source": src.key})
        if n == emitted_before:
            raise ValueError("the sources allow no further story instances")
        round_number += 1


def write_corpus(
    out: Path, size: int, seed: int = DEFAULT_SEED, corpora: Path | None = None
) -> tuple[Path, Path, dict[str, int]]:
    """Write ``out`` (JSON lines) and ``out.with_suffix('.gold.json')``, streaming both;
    returns both paths and the number of articles of each kind."""
    events = load_events(corpora or BASIL_DIR.parents[1])
    if not events:
        raise FileNotFoundError(f"no BASIL or PolNeAR articles under {corpora or BASIL_DIR.parents[1]}")
    out.parent.mkdir(parents=True, exist_ok=True)
    gold_path = out.with_suffix(".gold.json")
    counts = dict.fromkeys(["original", *KIND_WEIGHTS], 0)
    gold_tmp = gold_path.with_suffix(".part")
    with out.open("w", encoding="utf-8") as lines, gold_tmp.open("w", encoding="utf-8") as gold:
        first = True
        for record, entry in generate(events, size, seed):
            lines.write(json.dumps(record, ensure_ascii=False) + "\n")
            gold.write(("" if first else ",\n") + json.dumps(record["id"]) + ": " + json.dumps(entry))
            first = False
            counts[entry["kind"]] += 1
    _finish_gold(gold_tmp, gold_path, {"seed": seed, "size": size, "kinds": counts})
    return out, gold_path, counts


def _finish_gold(body: Path, target: Path, header: dict) -> None:
    """The header (known only at the end) goes first: copy the streamed entries under it."""
    with target.open("w", encoding="utf-8") as f:
        f.write(json.dumps(header)[:-1] + ', "articles": {\n')
        with body.open(encoding="utf-8") as entries:
            _copy(entries, f)
        f.write("\n}}\n")
    body.unlink()


def _copy(src: IO[str], dst: IO[str]) -> None:
    while chunk := src.read(1 << 20):
        dst.write(chunk)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10000, help="number of articles (default 10000)")
    parser.add_argument("--out", type=Path, help="output .jsonl (default benchmarks/out/corpus-SIZE.jsonl)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--corpora", type=Path, default=BASIL_DIR.parents[1], help="the shared corpora folder")
    args = parser.parse_args()
    out = args.out or OUT_DIR / f"corpus-{args.size}.jsonl"
    start = time.perf_counter()
    lines, gold, kinds = write_corpus(out, args.size, args.seed, args.corpora)
    print(f"{args.size} articles in {time.perf_counter() - start:.1f}s -> {lines} ({lines.stat().st_size / 1e6:.0f} MB), {gold}")
    print("  " + ", ".join(f"{k} {v} ({v / max(1, args.size):.0%})" for k, v in kinds.items()))


if __name__ == "__main__":
    main()
