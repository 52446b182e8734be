"""The dask engine: reading, cleaning and the per-story analysis on a Dask cluster.

Why Dask and not Ray: dask and distributed are pure-Python wheels; a ``LocalCluster``
starts in-process in about a second (so the tests run against a real cluster, not a mock);
``distributed.Client`` works the same against a real scheduler's address; and there is no
gigabyte-sized runtime to install. Ray Data is heavier to install and to start. storydiff's
work is a few coarse, independent tasks (a partition of files, a batch of stories), which
Dask's futures fit without a dataframe layer.

The split of the work, and why:

1. The driver lists the input files (``read.list_inputs``, the local engine's order).
2. Workers read and clean partitions of files, and write each partition's rows to
   ``read.parquet/part-N.parquet`` in the work directory.
3. The driver reads the partitions back in input order and gives each document its id with
   the local engine's rule (``pipeline._unique_id``: ``a``, ``a~2``): ids depend on every
   input before, so this one step is sequential. It runs copies and story grouping, which
   are global but cheap (MinHash, vector sums), and writes ``documents.parquet``.
4. Workers analyse batches of stories (one task per batch, stories in report order): each
   reads its stories' documents from ``documents.parquet``, parses them and analyses each
   story with the local engine's own functions, and writes ``stories.parquet/part-N.parquet``.
5. The driver reads the stories back, in order, into the Report.

Every intermediate is Parquet in a work directory, so that a real cluster whose workers
share storage with the driver (NFS, a mounted bucket) passes data through files, not through
the scheduler. The same storydiff version and models must be installed on every worker; the
report's models are checked against the workers'. Each worker process loads the models once
(the cached loaders in storydiff.nlp and storydiff.embed) and runs one task at a time
(``_process_lock``): spaCy pipelines and the sentence encoder's memo are not thread-safe.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from distributed import Client, LocalCluster, as_completed

from ..embed import load_encoder
from ..model import Document, RawDocument, Report, Skipped, Story
from ..nlp import load_spacy, spacy_model_name
from ..storylines import storylines_of
from ..pipeline import NothingToAnalyse, ProgressCallback, _no_progress, _unique_id, clean_or_skip, iter_analysed, link_documents
from ..read import STDIN, list_inputs, read_file
from ..read.jsonl import read_stdin
from ..settings import Settings
from .. import __version__

PARTITIONS_PER_WORKER = 4
"""Tasks per worker for each distributed stage: several, so that a slow partition (a big
JSON lines file, a long story) does not leave the other workers idle at the end."""

ROW_GROUP_ROWS = 2_000
"""Rows per Parquet row group of documents.parquet: the story tasks read only the row
groups whose story range covers theirs (documents are written in story order)."""

READ_SCHEMA = pa.schema(
    [
        ("file", pa.int32()),  # index of the input file, in the driver's listing
        ("raw_id", pa.string()),  # the reader's id, before de-duplication; null for a read failure
        ("document", pa.string()),  # the cleaned Document as JSON, or null
        ("skipped", pa.string()),  # the Skipped as JSON, or null
    ]
)
DOCUMENTS_SCHEMA = pa.schema(
    [
        ("story", pa.int32()),  # index of the document's story in the report
        ("id", pa.string()),
        ("outlet", pa.string()),
        ("published", pa.string()),
        ("title", pa.string()),
        ("document", pa.string()),  # the whole Document as JSON: what the workers read
    ]
)
STORIES_SCHEMA = pa.schema([("story", pa.int32()), ("id", pa.string()), ("analysed", pa.string())])


class InputNotVisible(RuntimeError):
    """A worker cannot see an input file or the work directory that the driver sees."""


def run_dask(
    inputs: Iterable[str | Path] | str | Path,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    work_dir: str | Path | None = None,
) -> Report:
    """``storydiff.analyze`` on a Dask cluster: the scheduler at ``scheduler`` (an address
    such as ``tcp://host:8786``), else a local cluster of ``workers`` processes started for
    this run. Intermediate Parquet goes to a fresh folder under ``work_dir`` (kept), else
    to a temporary folder (removed)."""
    settings = settings or Settings()
    progress = progress or _no_progress
    inputs = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    with _client(scheduler, workers) as client, _run_dir(work_dir) as run_dir:
        documents, skipped = _load_documents(client, inputs, run_dir, progress, settings)
        if not documents:
            raise NothingToAnalyse(skipped)

        # the whole-corpus stages run on the driver, as in pipeline.analyze
        nlp = load_spacy(settings)
        documents, groups, stories = link_documents(documents, settings, nlp)

        documents_path = _write_documents(run_dir / "documents.parquet", documents, stories)
        analysed, models = _analyse_stories(client, stories, documents_path, run_dir, settings, progress)

    spacy_name = spacy_model_name(nlp)
    if models and models[::2] != (spacy_name, __version__):
        raise RuntimeError(
            f"the workers run storydiff {models[2]} with {models[0]}, the driver storydiff {__version__} "
            f"with {spacy_name}: install the same storydiff and models on every machine"
        )
    return Report(
        storydiff_version=__version__,
        models={"spacy": spacy_name, "sentences": models[1] if models else _encoder_name(settings)},
        documents=documents,
        duplicate_groups=groups,
        stories=analysed,
        skipped=skipped,
        storylines=storylines_of(stories),
    )


def _encoder_name(settings: Settings) -> str:
    return load_encoder(settings.sentence_model).name


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the given scheduler, or of a local cluster that lives as long as the run."""
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    # processes=True: spaCy holds the GIL, so threads would not run in parallel;
    # one thread per worker: each process runs one task at a time (see the module docstring).
    with LocalCluster(
        n_workers=max(1, workers),
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: no clash with another cluster on 8787
        silence_logs=logging.ERROR,  # the CLI prints one line per message; dask's warnings are noise there
    ) as cluster, Client(cluster) as client:
        yield client


@contextlib.contextmanager
def _run_dir(work_dir: str | Path | None) -> Iterator[Path]:
    """A fresh folder for this run's Parquet: under ``work_dir`` (kept for inspection and
    never shared between runs), or a temporary one, removed afterwards."""
    if work_dir is None:
        with tempfile.TemporaryDirectory(prefix="storydiff-") as temporary:
            yield Path(temporary)
        return
    run_dir = Path(work_dir).absolute() / f"run-{uuid.uuid4().hex[:12]}"
    run_dir.mkdir(parents=True)
    yield run_dir


def _worker_count(client: Client) -> int:
    return max(1, sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()))


def _partitions(items: list[Any], count: int) -> list[list[Any]]:
    """``items`` cut into ``count`` runs of consecutive items (fewer when there are fewer items)."""
    count = max(1, min(count, len(items)))
    size, extra = divmod(len(items), count)
    runs, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        runs.append(items[start:end])
        start = end
    return [r for r in runs if r]


# --- reading and cleaning ---------------------------------------------------------------


def _load_documents(
    client: Client, inputs: list[str | Path], run_dir: Path, progress: ProgressCallback, settings: Settings
) -> tuple[list[Document], list[Skipped]]:
    """pipeline.load_documents, with the reading and cleaning done by the workers."""
    listed = list(list_inputs(inputs))
    files = [(n, str(path), str(path.absolute())) for n, path in enumerate(p for p in listed if isinstance(p, Path))]
    read_dir = run_dir / "read.parquet"
    read_dir.mkdir()
    partitions = _partitions(files, _worker_count(client) * PARTITIONS_PER_WORKER)
    futures = [
        client.submit(_read_partition, part, str(read_dir / f"part-{n:05d}.parquet"), settings, pure=False)
        for n, part in enumerate(partitions)
    ]
    done = 0
    for future in as_completed(futures):
        done += future.result()
        progress("read", done, len(files))
    rows_of_file: dict[int, list[dict[str, Any]]] = {}
    for part in sorted(read_dir.glob("part-*.parquet")):  # one file at a time: rows keep their order
        for row in pq.read_table(part, schema=READ_SCHEMA).to_pylist():
            rows_of_file.setdefault(row["file"], []).append(row)

    # In the listing's order, as the local engine: ids are made unique in input order.
    documents: list[Document] = []
    skipped: list[Skipped] = []
    seen_ids: dict[str, int] = {}
    files_seen = 0
    for item in listed:
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        if item == STDIN:  # only the driver has this standard input: it is read here
            rows = _read_and_clean(read_stdin(sys.stdin.buffer, settings), -1, settings)
        else:
            rows = rows_of_file.get(files_seen, [])
            files_seen += 1
        for row in rows:
            if row["raw_id"] is not None:  # a document read, maybe lost in cleaning: its id counts
                unique = _unique_id(RawDocument(id=row["raw_id"], source_path=""), seen_ids).id
                if row["document"] is not None:
                    document = Document.model_validate_json(row["document"])
                    documents.append(document if unique == document.id else document.model_copy(update={"id": unique}))
                    continue
            skipped.append(Skipped.model_validate_json(row["skipped"]))
    return documents, skipped


def _read_partition(files: list[tuple[int, str, str]], part_path: str, settings: Settings) -> int:
    """On a worker: read and clean consecutive input files; write their rows to
    ``part_path``; return the number of files read.

    A file is read under the name the driver gave when that name works here (a local
    cluster, or the same mount point); else under the driver's absolute path, and its
    ``source_path`` is set back to the given name so that the report is the same."""
    if not Path(part_path).parent.is_dir():
        raise InputNotVisible(f"the work directory {Path(part_path).parent} is not visible on this worker: "
                              "give --work-dir a folder on storage that every worker shares")
    rows: list[dict[str, Any]] = []
    for number, given, absolute in files:
        if Path(given).is_file():
            items: Iterable[RawDocument | Skipped] = read_file(Path(given), settings)
        elif Path(absolute).is_file():
            items = (_renamed(item, absolute, given) for item in read_file(Path(absolute), settings))
        else:
            raise InputNotVisible(f"the input {absolute} is not visible on this worker: "
                                  "inputs must be on storage that every worker shares")
        rows.extend(_read_and_clean(items, number, settings))
    pq.write_table(pa.Table.from_pylist(rows, schema=READ_SCHEMA), part_path)
    return len(files)


def _renamed(item: RawDocument | Skipped, actual: str, given: str) -> RawDocument | Skipped:
    return item.model_copy(update={"source_path": given}) if item.source_path == actual else item


def _read_and_clean(items: Iterable[RawDocument | Skipped], file: int, settings: Settings) -> list[dict[str, Any]]:
    """The rows of one input: what pipeline.load_documents does to each item, except the
    ids, which only the driver can make unique (it sees every input, in order).

    Cleaning does not look at the id (it only copies it), so cleaning under the reader's
    id and renaming afterwards gives the local engine's document."""
    rows = []
    for item in items:
        if isinstance(item, Skipped):
            rows.append({"file": file, "raw_id": None, "document": None, "skipped": item.model_dump_json()})
            continue
        cleaned = clean_or_skip(item, settings)  # as the local engine
        kind = "skipped" if isinstance(cleaned, Skipped) else "document"
        row = {"file": file, "raw_id": item.id, "document": None, "skipped": None}
        row[kind] = cleaned.model_dump_json()
        rows.append(row)
    return rows


# --- the per-story analysis --------------------------------------------------------------


def _write_documents(path: Path, documents: list[Document], stories: list[Story]) -> Path:
    """The cleaned documents, in story order, each with its story's index."""
    by_id = {d.id: d for d in documents}
    rows = [
        {
            "story": index,
            "id": doc_id,
            "outlet": by_id[doc_id].outlet,
            "published": by_id[doc_id].published,
            "title": by_id[doc_id].title,
            "document": by_id[doc_id].model_dump_json(),
        }
        for index, story in enumerate(stories)
        for doc_id in story.documents
    ]
    pq.write_table(pa.Table.from_pylist(rows, schema=DOCUMENTS_SCHEMA), path, row_group_size=ROW_GROUP_ROWS)
    return path


def _analyse_stories(
    client: Client,
    stories: list[Story],
    documents_path: Path,
    run_dir: Path,
    settings: Settings,
    progress: ProgressCallback,
) -> tuple[list[Story], tuple[str, str, str] | None]:
    """Batches of consecutive stories, one task each; the analysed stories in report order,
    and what the workers ran (spaCy model, sentence model, storydiff version)."""
    stories_dir = run_dir / "stories.parquet"
    stories_dir.mkdir()
    indexed = [(i, story.model_dump_json()) for i, story in enumerate(stories)]
    batches = _story_batches(indexed, stories, _worker_count(client) * PARTITIONS_PER_WORKER)
    futures = {
        client.submit(
            _analyse_batch, batch, str(documents_path), str(stories_dir / f"part-{n:05d}.parquet"), settings, pure=False
        ): batch
        for n, batch in enumerate(batches)
    }
    total_docs = sum(len(s.documents) for s in stories)
    done_docs = done_stories = 0
    models: set[tuple[str, str, str]] = set()
    for future in as_completed(futures):
        models.add(future.result())
        batch = futures[future]
        done_docs += sum(len(stories[i].documents) for i, _ in batch)
        done_stories += len(batch)
        progress("parse", done_docs, total_docs)
        progress("stories", done_stories, len(stories))
    if len(models) > 1:
        raise RuntimeError(f"the workers differ ({sorted(models)}): install the same storydiff and models on every worker")
    table = pq.read_table(stories_dir, schema=STORIES_SCHEMA).sort_by("story")
    analysed = [Story.model_validate_json(text) for text in table.column("analysed").to_pylist()]
    if len(analysed) != len(stories):
        raise RuntimeError(f"{len(stories) - len(analysed)} stories are missing from {stories_dir}")
    return analysed, next(iter(models), None)


def _story_batches(indexed: list[tuple[int, str]], stories: list[Story], count: int) -> list[list[tuple[int, str]]]:
    """Consecutive stories cut into about ``count`` batches of about the same number of
    documents (a story's cost grows with its documents, not with the number of stories)."""
    total = sum(len(s.documents) for s in stories)
    target = max(1, -(-total // max(1, count)))
    batches: list[list[tuple[int, str]]] = [[]]
    size = 0
    for index, text in indexed:
        if size >= target:
            batches.append([])
            size = 0
        batches[-1].append((index, text))
        size += len(stories[index].documents)
    return [b for b in batches if b]


def _analyse_batch(
    batch: list[tuple[int, str]], documents_path: str, part_path: str, settings: Settings
) -> tuple[str, str, str]:
    """On a worker: analyse a batch of stories with the local engine's iter_analysed
    (its parse stream and per-story stages) and write them to ``part_path``; return the
    models and the storydiff version used."""
    if not Path(documents_path).is_file():
        raise InputNotVisible(f"{documents_path} is not visible on this worker: "
                              "give --work-dir a folder on storage that every worker shares")
    indices = [index for index, _ in batch]
    stories = [Story.model_validate_json(text) for _, text in batch]
    table = pq.read_table(
        documents_path,
        columns=["document"],
        filters=[("story", ">=", min(indices)), ("story", "<=", max(indices))],
    )
    documents = [Document.model_validate_json(text) for text in table.column("document").to_pylist()]
    with _process_lock():
        nlp = load_spacy(settings)  # cached: each worker process loads its models once
        encoder = load_encoder(settings.sentence_model)
        analysed = list(iter_analysed(stories, documents, nlp, encoder, settings, parse_in_child=False))
    rows = [
        {"story": index, "id": story.id, "analysed": story.model_dump_json()}
        for index, story in zip(indices, analysed)
    ]
    pq.write_table(pa.Table.from_pylist(rows, schema=STORIES_SCHEMA), part_path)
    return spacy_model_name(nlp), encoder.name, __version__


@lru_cache(maxsize=1)
def _process_lock() -> threading.Lock:
    """One lock per worker process (cached like the model loaders, not a module global):
    a worker started with several threads still runs one analysis at a time, because the
    spaCy pipeline and the sentence encoder's memo are shared and not thread-safe."""
    return threading.Lock()


def preload_models(client: Client, settings: Settings | None = None) -> None:
    """Load the models on every worker now (all at once) rather than in each worker's first
    task: for a long-lived cluster, and for benchmarks that time the analysis alone."""
    client.run(_load_models, settings or Settings())


def _load_models(settings: Settings) -> tuple[str, str]:
    with _process_lock():
        return spacy_model_name(load_spacy(settings)), load_encoder(settings.sentence_model).name
