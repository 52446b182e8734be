"""The one place that loads models. Nothing here downloads anything.

Models are pinned packages (see pyproject.toml and the README); their names live in
``Settings``. Loaders are cached per name so that one process loads each model once,
without module-level state leaking into the pipeline's functions.
"""

from __future__ import annotations

import importlib
import itertools
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Protocol, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .settings import Settings

T = TypeVar("T")


class ModelUnavailable(RuntimeError):
    """A configured model is not installed."""


def _model_location(name: str) -> str:
    """A spaCy model name, package with ``model_path()`` (vendored models), or path."""
    if Path(name).exists():
        return name
    try:
        module = importlib.import_module(name)
    except ImportError:
        return name
    model_path = getattr(module, "model_path", None)
    return str(model_path()) if callable(model_path) else name


@lru_cache(maxsize=4)
def _load_spacy(name: str) -> Language:
    return spacy.load(_model_location(name))


def load_spacy(settings: Settings) -> Language:
    """The spaCy pipeline for parsing, NER and vectors; the fallback model if needed."""
    for name in (settings.spacy_model, settings.spacy_fallback_model):
        try:
            nlp = _load_spacy(name)
        except (OSError, ImportError, FileNotFoundError):
            continue
        # cleaning cuts every text to max_document_chars: spaCy's own limit must not be lower
        nlp.max_length = max(nlp.max_length, settings.max_document_chars + 1)
        return nlp
    raise ModelUnavailable(
        f"no spaCy model could be loaded ({settings.spacy_model!r} or {settings.spacy_fallback_model!r}); "
        "install them as described in the README"
    )


def spacy_model_name(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


# The parse is what later stages read (tokens, sentences, tags, dependencies, entities);
# the tensor is the tok2vec output, needed by no stage after the pipeline and 10x the rest.
_PARSE_EXCLUDE = ["tensor", "user_data"]


def doc_text(doc: Doc) -> str:
    """A parsed document's text, built once: spaCy joins ``Doc.text`` from its tokens anew
    on every access, which per-mention slicing paid for again and again."""
    text = doc.user_data.get("storydiff.text")
    if text is None:
        text = doc.user_data["storydiff.text"] = doc.text
    return text


def known_text(doc: Doc, text: str) -> Doc:
    """``doc``, the parse of ``text``, with ``doc_text`` set to ``text`` (the same string:
    spaCy's tokens rejoin to exactly the text they were cut from), so that no stage pays
    for rejoining a text the caller already holds."""
    doc.user_data["storydiff.text"] = text
    return doc


def parse_memo(doc: Doc, key: Hashable, compute: Callable[[], T]) -> T:
    """What ``compute()`` gives for ``doc``, worked out once per parse: for what depends on
    the parse alone (a sentence's numbers, a text's names), which a story analysed again
    would otherwise work out again for every article it already held (a store keeps the
    parses of the stories it analysed, with these, see ``store.analysis``). Kept in
    ``doc.user_data``, which a parse's bytes leave out. Callers must not change the result."""
    memo = doc.user_data.setdefault("storydiff.memo", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether"})
MODAL_WORDS = frozenset({"could", "would", "might", "may", "should", "can"})


def hypothetical(verb) -> bool:
    """A clause the text does not state as so: "could become mayor", "if X were mayor",
    "the prospect of X becoming mayor", "wants to be mayor". What someone might be is
    neither a description of them nor a label the outlet gives."""
    if any(c.dep_ == "aux" and c.lower_ in MODAL_WORDS for c in verb.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in verb.children):
        return True
    return verb.tag_ in {"VBG", "VB"} and verb.dep_ in {"pcomp", "xcomp", "acl", "advcl"}


def in_quote_marks(tok) -> bool:
    """Whether the phrase ``tok`` heads is written in quotation marks of its own
    ("nicknamed him "Little Tin Man""): an opening mark right before its first word and a
    closing one within two tokens after its last (a comma may come between)."""
    doc = tok.doc
    left, right = tok.left_edge.i, tok.right_edge.i
    while left < tok.i and doc[left].is_punct:
        left += 1
    while right > tok.i and doc[right].is_punct:
        right -= 1
    return left > 0 and doc[left - 1].is_quote and any(t.is_quote for t in doc[right + 1:right + 3])


def parse_to_bytes(doc: Doc) -> bytes:
    """A parse as bytes, to cache in a store or ship between processes (see parse_from_bytes)."""
    return doc.to_bytes(exclude=_PARSE_EXCLUDE)


def parse_from_bytes(data: bytes, vocab: Vocab) -> Doc:
    """The parse back, bound to ``vocab`` (the loaded model's: word vectors come from it)."""
    return Doc(vocab).from_bytes(data, exclude=_PARSE_EXCLUDE)


# --- the spaCy pass --------------------------------------------------------------------

PARSE_BATCH = 32
"""Texts per ``nlp.pipe`` batch, and per task sent to a parsing child process."""
PARSE_AHEAD = 4
"""Tasks a parsing child runs ahead of the caller (bounds the parses held in memory)."""


def parse_groups(groups: Iterable[Sequence[str]], nlp: Language, settings: Settings, *, in_child: bool) -> Iterator[list[Doc]]:
    """The parses of each group of texts (a story's), group by group, in order.

    One stream over all groups, so that small groups still parse in full batches; groups
    are taken lazily (a store reads them from disk as it goes). With ``in_child`` the
    texts are parsed in one child process (the same model, loaded there from
    ``settings``) while the caller works on earlier groups; parses come back as bytes
    (``parse_to_bytes``, which round-trips exactly) and are bound to ``nlp``'s vocabulary,
    so the result is the same as parsing here."""
    if in_child and sys.platform.startswith("linux"):
        yield from _parse_groups_in_child(groups, nlp, settings)
        return
    # nlp.pipe reads a batch ahead of what it yields: tee keeps just those groups
    for_texts, for_sizes = itertools.tee(groups)
    stream = nlp.pipe((text for group in for_texts for text in group), batch_size=PARSE_BATCH)
    for group in for_sizes:
        yield [next(stream) for _ in group]


_CHILD_START = "fork"
"""How the parsing child starts. A forked child has the loaded model at once (copy-on-write
memory, no second load) and, unlike "spawn", does not re-import the caller's main script,
which would make every script that analyses a corpus need an ``if __name__ ==
"__main__":`` guard. The child only runs spaCy, which takes no lock another thread of the
parent could hold. Fork is safe on Linux; elsewhere (macOS system libraries do not survive
a fork, Windows has none) parsing stays in process."""


def _parse_groups_in_child(groups: Iterable[Sequence[str]], nlp: Language, settings: Settings) -> Iterator[list[Doc]]:
    pool = ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context(_CHILD_START), initializer=_end_with_parent
    )
    in_flight: deque[tuple[list[int], Future[list[bytes]]]] = deque()
    try:
        for sizes, texts in _batches(groups, PARSE_BATCH):
            in_flight.append((sizes, pool.submit(_parse_to_bytes_in_child, settings, texts)))
            if len(in_flight) > PARSE_AHEAD:
                yield from _bound_groups(*in_flight.popleft(), nlp.vocab)
        while in_flight:
            yield from _bound_groups(*in_flight.popleft(), nlp.vocab)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _end_with_parent() -> None:
    """In the child: be stopped when the parent dies, however it dies. A forked pool
    worker keeps its own copy of the task pipe open, so it would otherwise wait for work
    forever (holding its memory) after a SIGKILL or an out-of-memory kill of the parent.
    Linux's prctl(PR_SET_PDEATHSIG) is the one way to ask for that; the standard library
    has no call for it."""
    import ctypes

    pr_set_pdeathsig = 1
    # SIGKILL, not SIGTERM: a pool worker catches whatever its task raises, SystemExit too,
    # and would go back to waiting; the child holds nothing that needs an orderly end.
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def _batches(groups: Iterable[Sequence[str]], size: int) -> Iterator[tuple[list[int], list[str]]]:
    """Whole groups gathered until a batch has at least ``size`` texts: (group sizes, texts)."""
    sizes: list[int] = []
    texts: list[str] = []
    for group in groups:
        sizes.append(len(group))
        texts.extend(group)
        if len(texts) >= size:
            yield sizes, texts
            sizes, texts = [], []
    if sizes:
        yield sizes, texts


def _bound_groups(sizes: list[int], parsed: Future[list[bytes]], vocab: Vocab) -> Iterator[list[Doc]]:
    docs = [parse_from_bytes(data, vocab) for data in parsed.result()]
    start = 0
    for size in sizes:
        yield docs[start : start + size]
        start += size


def _parse_to_bytes_in_child(settings: Settings, texts: list[str]) -> list[bytes]:
    """In the child process: parse with the model ``settings`` name (the parent's, inherited
    through fork; loaded here if the process was started otherwise)."""
    return [parse_to_bytes(doc) for doc in load_spacy(settings).pipe(texts, batch_size=PARSE_BATCH)]


HEADLINE_CAPITALS = 0.6
"""A title with at least this share of capitalised words is in headline case ('3 Dead, 2
Injured In Shooting'): the parser reads capitalised words as names, so it is parsed in
lower case (the same length, so offsets hold). Below it, a title is in sentence case."""


class Parser(Protocol):
    """What parses headlines: the loaded spaCy pipeline, or one that caches its parses
    (a store keeps them, so a story analysed again parses only its new headlines)."""

    def pipe(self, texts: Iterable[str]) -> Iterable[Doc]: ...

    def __call__(self, text: str) -> Doc: ...


class SharedParses:
    """A ``Parser`` that parses each text once: a story's headlines are parsed for the
    counts they state (``parse_titles``, in sentence case) and again for labels (as
    written), mostly the same texts; this hands the second stage the first one's parses
    (a parse does not depend on the texts piped with it, and stages only read parses).
    One per story analysis: it holds its parses until dropped. ``nlp`` defaults to the
    configured pipeline, loaded when first needed (inside the stage that asks)."""

    def __init__(self, nlp: Parser | None, settings: Settings) -> None:
        self._nlp = nlp
        self._settings = settings
        self._docs: dict[str, Doc] = {}

    def _parser(self) -> Parser:
        if self._nlp is None:
            self._nlp = load_spacy(self._settings)
        return self._nlp

    def pipe(self, texts: Iterable[str]) -> list[Doc]:
        texts = list(texts)
        missing = [text for text in dict.fromkeys(texts) if text not in self._docs]
        if missing:
            self._docs.update(zip(missing, self._parser().pipe(missing)))
        return [self._docs[text] for text in texts]

    def __call__(self, text: str) -> Doc:
        if text not in self._docs:
            self._docs[text] = self._parser()(text)
        return self._docs[text]


class HeadlineParses:
    """A ``Parser`` for a run's headlines that parses them many stories at a time: one
    ``nlp.pipe`` call per story's three or four headlines cost twice what the same
    headlines cost in batches (spaCy's overhead per call). ``ready(i)`` before story
    ``i`` is analysed parses, if story ``i``'s are not at hand, the headlines of the
    stories from ``i`` on, ``PARSE_BATCH`` texts at least, and drops the earlier ones;
    a text not parsed ahead is parsed when asked for. A parse does not depend on the
    texts piped with it, so the analysis reads the parses it would have made itself."""

    def __init__(self, nlp: Language, texts_by_story: Sequence[Sequence[str]]) -> None:
        self._nlp = nlp
        self._texts = texts_by_story
        self._docs: dict[str, Doc] = {}

    def ready(self, story: int) -> None:
        if all(text in self._docs for text in self._texts[story]):
            return
        ahead: list[str] = []
        for texts in self._texts[story:]:
            ahead.extend(texts)
            if len(ahead) >= PARSE_BATCH:
                break
        ahead = list(dict.fromkeys(ahead))
        kept = {text: self._docs[text] for text in ahead if text in self._docs}
        try:
            missing = [text for text in ahead if text not in kept]
            kept.update(zip(missing, self._nlp.pipe(missing)))
        except Exception:  # one headline spaCy cannot parse: each is parsed when asked for
            pass
        self._docs = kept

    def pipe(self, texts: Iterable[str]) -> list[Doc]:
        texts = list(texts)
        missing = [text for text in dict.fromkeys(texts) if text not in self._docs]
        parsed = dict(zip(missing, self._nlp.pipe(missing))) if missing else {}
        return [self._docs[text] if text in self._docs else parsed[text] for text in texts]

    def __call__(self, text: str) -> Doc:
        return self._docs[text] if text in self._docs else self._nlp(text)


def headline_texts(documents: Sequence) -> list[str]:
    """The headline texts a story's analysis may parse: each title as written (labels)
    and, for a document that is no copy, in sentence case (``parse_titles``)."""
    texts: list[str] = []
    for d in documents:
        if d.title and d.title.strip():
            if d.duplicate_of is None:
                texts.append(_sentence_case(d.title))
            texts.append(d.title)
    return list(dict.fromkeys(texts))


def parse_titles(documents: Sequence, settings: Settings, nlp: Parser | None = None) -> dict[str, Doc]:
    """Parses of the documents' titles, by document id: a headline states the story's key
    count in few words ('Six injured, one dead in ...'). Titles are short, so they are
    parsed here, with the loaded model (or ``nlp``), rather than in the stream of article texts."""
    titles: dict[str, str] = {}
    for d in documents:
        title = (d.title or "").strip()
        if title and d.duplicate_of is None:
            titles[d.id] = _sentence_case(d.title)
    if not titles:
        return {}
    nlp = nlp or load_spacy(settings)
    return dict(zip(titles, nlp.pipe(titles.values())))


def _sentence_case(title: str) -> str:
    words = title.split()
    if len(words) >= 4 and sum(w[:1].isupper() for w in words) / len(words) >= HEADLINE_CAPITALS:
        lowered = title.lower()
        if len(lowered) == len(title):
            return lowered
    return title

