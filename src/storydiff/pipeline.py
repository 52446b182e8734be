"""Wires the stages together; the only module that knows their order.

files -> read -> clean -> copies -> stories -> per story (parsed as a stream, one spaCy pass):
entities -> quotes -> claims -> comparisons/omissions -> labels/framing -> Report
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import closing
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .claims import extract_claims
from .clean import clean
from .compare import compare_claims
from .copies import find_copies
from .embed import Encoder, load_encoder
from .gc_pause import gc_paused
from .entities import resolve_entities
from .framing import compare_framing, find_labels
from .model import Document, DuplicateGroup, RawDocument, Report, Skipped, Story, StoryError
from .nlp import HeadlineParses, Parser, SharedParses, headline_texts, known_text, load_spacy, parse_groups, parse_titles, spacy_model_name
from .omissions import find_omissions
from .quotes import find_quotes, match_quotes
from .read import read_inputs
from .read._common import Unreadable, one_line as _one_line
from .settings import Settings
from .stories import group_stories
from .storylines import storylines_of

ProgressCallback = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called as work advances (the CLI draws a bar)."""


class NothingToAnalyse(Exception):
    """No input yielded a single readable article."""

    def __init__(self, skipped: list[Skipped]):
        self.skipped = skipped
        reasons = "; ".join(f"{s.source_path}: {s.reason}" for s in skipped[:3])
        more = f" (and {len(skipped) - 3} more)" if len(skipped) > 3 else ""
        super().__init__(f"no article could be read{': ' + reasons if reasons else ''}{more}")


def _no_progress(stage: str, done: int, total: int) -> None:
    return None


def load_documents(
    inputs: Iterable[str | Path], progress: ProgressCallback = _no_progress, settings: Settings | None = None
) -> tuple[list[Document], list[Skipped]]:
    """Read and clean every input; every input ends up as a Document or a Skipped."""
    with gc_paused():
        return _load_documents(inputs, progress, settings or Settings())


def _load_documents(
    inputs: Iterable[str | Path], progress: ProgressCallback, settings: Settings
) -> tuple[list[Document], list[Skipped]]:
    documents: list[Document] = []
    skipped: list[Skipped] = []
    seen_ids: dict[str, int] = {}
    for item in read_inputs(inputs, settings):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        cleaned = clean_or_skip(_unique_id(item, seen_ids), settings)
        if isinstance(cleaned, Skipped):
            skipped.append(cleaned)
            continue
        documents.append(cleaned)
        progress("read", len(documents), 0)
    return documents, skipped


def clean_or_skip(raw: RawDocument, settings: Settings | None = None) -> Document | Skipped:
    """The clean document, its text within ``settings.max_document_chars``, or why there
    is none (never an exception: a cleaning bug must not lose the rest of the run)."""
    try:
        document = clean(raw, max_chars=(settings or Settings()).max_document_chars)
    except Unreadable as error:
        return Skipped(source_path=raw.source_path, reason=str(error))
    except Exception as error:
        return Skipped(source_path=raw.source_path, reason=f"could not be cleaned: {type(error).__name__}: {_one_line(error)}")
    if not document.text.strip():
        return Skipped(source_path=raw.source_path, reason="no article text after cleaning")
    return document


def _unique_id(raw: RawDocument, seen: dict[str, int]) -> RawDocument:
    """Two inputs with one id (a.txt and a.html) get ``a``, ``a~2``: ids stay stable and unique."""
    count = seen.get(raw.id, 0) + 1
    seen[raw.id] = count
    return raw if count == 1 else raw.model_copy(update={"id": f"{raw.id}~{count}"})


def analyze(
    inputs: Iterable[str | Path],
    settings: Settings | None = None,
    progress: ProgressCallback = _no_progress,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
    work_dir: str | Path | None = None,
) -> Report:
    """Analyse news articles: the one public entry point. See the README for the contract.

    ``engine="dask"`` runs reading, cleaning and the per-story analysis on a Dask cluster
    (``scheduler`` address, else a local one of ``workers`` processes), with Parquet in
    ``work_dir``; the report is the same as the local engine's (see storydiff.engines)."""
    if engine != "local":
        from .engines import run_engine  # imported here: the engines import this module

        return run_engine(engine, inputs, settings, progress, scheduler=scheduler, workers=workers, work_dir=work_dir)
    header, stories = analyze_stream(inputs, settings, progress)
    return header.model_copy(update={"stories": list(stories)})


def analyze_stream(
    inputs: Iterable[str | Path], settings: Settings | None = None, progress: ProgressCallback = _no_progress
) -> tuple[Report, Iterator[Story]]:
    """``analyze`` (local engine) for corpora whose report is too large to hold: the report
    without its stories, and its stories, each analysed as the iterator reaches it (write
    them out as they come: ``report.write_json_stream``). Reading, copies and stories run
    before this returns; the per-story analysis runs as the stories are taken."""
    settings = settings or Settings()
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    documents, skipped = load_documents(inputs, progress, settings)
    if not documents:
        raise NothingToAnalyse(skipped)

    nlp = load_spacy(settings)
    documents, groups, stories = link_documents(documents, settings, nlp)
    encoder = load_encoder(settings.sentence_model)
    header = Report(
        storydiff_version=__version__,
        models={"spacy": spacy_model_name(nlp), "sentences": encoder.name},
        documents=documents,
        duplicate_groups=groups,
        skipped=skipped,
        storylines=storylines_of(stories),
    )
    return header, iter_analysed(stories, documents, nlp, encoder, settings, progress)


def link_documents(
    documents: list[Document], settings: Settings, nlp: Language
) -> tuple[list[Document], list[DuplicateGroup], list[Story]]:
    """The whole-corpus stages: copies (documents get ``duplicate_of``), then stories."""
    groups = find_copies(documents, settings)
    canonical_of = {member: g.canonical for g in groups for member in g.members if member != g.canonical}
    documents = [d.model_copy(update={"duplicate_of": canonical_of.get(d.id)}) for d in documents]
    return documents, groups, group_stories(documents, settings, nlp)


def iter_analysed(
    stories: list[Story],
    documents: list[Document],
    nlp: Language,
    encoder: Encoder,
    settings: Settings,
    progress: ProgressCallback = _no_progress,
    *,
    parse_in_child: bool | None = None,
) -> Iterator[Story]:
    """Each story analysed on its own (see analyse_story), in order, as it is asked for.

    Documents are parsed story by story, in one stream, and a story's parses are dropped
    once it is analysed: memory holds a few stories' parses, not the corpus's (a parse is
    a hundred times the size of its text). Copies are analysed too, so that quotes and
    labels are found in each copy, but a text is parsed once: a re-post whose cleaned
    text is its canonical's shares the canonical's parse (analysis only reads parses).

    The spaCy pass runs in a child process, ahead of the analysis, when there are at least
    ``settings.parse_in_child_from`` texts (``parse_in_child`` forces it either way; a
    Dask worker, a daemon process, cannot have children). Results do not depend on it."""
    by_id = {d.id: d for d in documents}
    texts_of = [list(dict.fromkeys(by_id[d].text for d in story.documents)) for story in stories]
    if parse_in_child is None:
        threshold = settings.parse_in_child_from
        parse_in_child = 0 < threshold <= sum(len(texts) for texts in texts_of)
    total = sum(len(story.documents) for story in stories)
    done = 0
    headlines = HeadlineParses(nlp, [headline_texts([by_id[d] for d in story.documents]) for story in stories])
    parses = parse_stories(texts_of, nlp, settings, parse_in_child)
    with closing(parses):
        for i, (story, texts, docs) in enumerate(zip(stories, texts_of, parses)):
            done += len(story.documents)
            progress("parse", done, total)
            parsed_text = {text: known_text(doc, text) if isinstance(doc, Doc) else doc for text, doc in zip(texts, docs)}
            members = [by_id[d] for d in story.documents]
            headlines.ready(i)
            yield analyse_parsed(story, members, {d.id: parsed_text[d.text] for d in members}, encoder, settings, headlines)
            progress("stories", i + 1, len(stories))


def parse_stories(
    groups: Iterable[Sequence[str]], nlp: Language, settings: Settings, in_child: bool
) -> Iterator[list[Doc | StoryError]]:
    """Each story's parses, in order (see nlp.parse_groups), a text that spaCy cannot
    parse giving the ``StoryError`` it raised in its place. A failure ends a parse stream,
    and the stream reads ahead, so the failure may be a later story's: the story due is
    parsed text by text to tell, then the stream starts again after it. One text spaCy
    cannot parse costs its own document only. ``groups`` are taken lazily (a store reads
    them from disk as it goes); an error in taking one is not a parse error, and is raised."""
    source = iter(groups)
    taken: deque[Sequence[str]] = deque()  # taken by the stream, not yet given back parsed

    def recorded() -> Iterator[Sequence[str]]:
        while True:
            try:
                group = next(source)
            except StopIteration:
                return
            except Exception as error:
                raise _SourceFailed() from error
            taken.append(group)
            yield group

    while True:
        try:
            with closing(parse_groups(recorded(), nlp, settings, in_child=in_child)) as parses:
                for docs in parses:
                    taken.popleft()
                    yield docs
            return
        except _SourceFailed as failed:
            raise failed.__cause__ from None
        except Exception:
            if not taken:
                raise
            yield [_parse_one(text, nlp) for text in taken.popleft()]
            source = itertools.chain(list(taken), source)
            taken.clear()


class _SourceFailed(Exception):
    """Taking the next group of texts failed (not parsing them)."""


def _parse_one(text: str, nlp: Language) -> Doc | StoryError:
    try:
        return nlp(text)
    except Exception as error:  # one text spaCy cannot parse must not cost the others
        return StoryError(stage="parse", message=_error_line(error))


def _error_line(error: BaseException) -> str:
    return f"{type(error).__name__}: {_one_line(error)}"


def analyse_parsed(
    story: Story, docs: list[Document], parsed: Mapping[str, Doc | StoryError], encoder: Encoder, settings: Settings,
    titles: Parser | None = None,
) -> Story:
    """``analyse_story`` over the documents whose text was parsed; a document whose parse
    failed is left out, with an ``errors`` entry naming it."""
    failed = {d.id: parsed[d.id] for d in docs if isinstance(parsed[d.id], StoryError)}
    if not failed:
        return analyse_story(story, docs, parsed, encoder, settings, titles)
    errors = [error.model_copy(update={"document": doc_id}) for doc_id, error in failed.items()]
    kept = _without(docs, set(failed))
    if not kept:
        return story.model_copy(update={"errors": errors})
    analysed = analyse_story(story, kept, parsed, encoder, settings, titles)
    return analysed.model_copy(update={"errors": errors + analysed.errors})


def analyse_story(
    story: Story, docs: list[Document], parsed: Mapping[str, Doc], encoder: Encoder, settings: Settings,
    titles: Parser | None = None,
) -> Story:
    """Everything storydiff finds inside one story; sees only that story's documents.
    Never raises for a stage that fails: the story's ``errors`` name it. Headlines are
    parsed with ``titles`` (default: the loaded spaCy pipeline).

    When a stage fails, the documents are tried one at a time (a text once, however many
    copies share it) to find one that the stage fails on alone: such a document is left
    out, named in ``errors``, and the story is analysed again without it, so that one odd
    article costs its own findings, not the story's. Two failures before any success mean
    that the stage fails whatever the document (a bug, not an input): probing stops, and
    the story keeps its first analysis, so a broken stage costs a run at most three
    analyses per story."""
    analysed = _analyse_all(story, docs, parsed, encoder, settings, titles)
    if not analysed.errors or len({d.text for d in docs}) < 2:
        return analysed
    culprits: dict[str, StoryError] = {}  # text -> the error the stage raised on it alone
    passed = False
    for text, members in _by_text(docs).items():
        alone = _analyse_all(story, _without(members, set()), parsed, encoder, settings, titles)
        if alone.errors:
            culprits[text] = alone.errors[0]
            if not passed and len(culprits) >= 2:
                return analysed
        else:
            passed = True
    if not culprits or not passed:
        return analysed
    left_out = {d.id for d in docs if d.text in culprits}
    rest = _analyse_all(story, _without(docs, left_out), parsed, encoder, settings, titles)
    errors = [culprits[d.text].model_copy(update={"document": d.id}) for d in docs if d.id in left_out]
    return rest.model_copy(update={"errors": errors + rest.errors})


def _by_text(docs: list[Document]) -> dict[str, list[Document]]:
    grouped: dict[str, list[Document]] = {}
    for d in docs:
        grouped.setdefault(d.text, []).append(d)
    return grouped


def _without(docs: list[Document], left_out: set[str]) -> list[Document]:
    """``docs`` less ``left_out``; a copy whose canonical is left out stands on its own."""
    kept_ids = {d.id for d in docs} - left_out
    return [
        d if d.duplicate_of is None or d.duplicate_of in kept_ids else d.model_copy(update={"duplicate_of": None})
        for d in docs
        if d.id in kept_ids
    ]


def _analyse_all(
    story: Story, docs: list[Document], parsed: Mapping[str, Doc], encoder: Encoder, settings: Settings,
    title_parser: Parser | None,
) -> Story:
    """The stages over ``docs``, in order; a stage that raises is recorded in ``errors``."""
    story_parsed = {d.id: parsed[d.id] for d in docs}
    errors: list[StoryError] = []
    # headlines are parsed for claims and again for labels: the same texts, parsed once
    title_parser = SharedParses(title_parser, settings)

    def stage(name: str, step: Callable, *args, **kwargs) -> list:
        """``step``'s result; if it raises, the error is kept for the report and the
        stage counts as having found nothing, so that the later stages still run."""
        try:
            return step(*args, **kwargs)
        except Exception as error:  # one story's bug must not cost the others (issue 17)
            errors.append(StoryError(stage=name, message=_error_line(error)))
            return []

    entities = stage("entities", resolve_entities, docs, story_parsed, settings)
    quotes = stage("quotes", find_quotes, docs, story_parsed, entities)
    quote_conflicts = stage("quote conflicts", match_quotes, quotes, docs, entities)
    titles = stage("titles", parse_titles, docs, settings, title_parser) or {}
    claims = stage("claims", extract_claims, docs, story_parsed, entities, quotes, titles)
    comparisons = stage("comparisons", compare_claims, claims, docs, entities, encoder, settings)
    omissions = stage("omissions", find_omissions, claims, docs, comparisons, encoder, entities)
    labels = stage("labels", find_labels, docs, story_parsed, entities, quotes, settings=settings, nlp=title_parser)
    framing = stage("framing", compare_framing, labels, entities, docs)
    return story.model_copy(
        update={
            "entities": entities,
            "quotes": quotes,
            "quote_conflicts": quote_conflicts,
            "claims": claims,
            "comparisons": comparisons,
            "omissions": omissions,
            "labels": labels,
            "framing": framing,
            "errors": errors,
        }
    )
