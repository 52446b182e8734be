"""BASIL (100 events x 3 outlets) as storydiff inputs: a shared loader for the benchmarks.

BASIL ships one JSON file per article under ``articles/<year>/``; the event an article
reports is its ``triplet-uuid``. This module turns the articles into

* ``RawDocument`` objects (what a reader would produce) and JSON lines with the same
  fields, to feed the real pipeline (``storydiff analyze file.jsonl``);
* ``Document`` objects directly (paragraphs joined by blank lines), for benchmarks of the
  stages after cleaning that must not depend on the readers;
* the gold events: document id -> event id.

Ids are ``<outlet code>-<article uuid>`` (or a hash of the file name where the record
has no uuid): they carry no trace of the event.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from storydiff.model import Document, RawDocument

ROOT = Path(__file__).resolve().parents[1]
BASIL_DIR = ROOT.parent / "shared" / "corpora" / "basil" / "articles"
POLNEAR_DIR = ROOT.parent / "shared" / "corpora" / "polnear" / "data"

OUTLETS = {"nyt": "New York Times", "fox": "Fox News", "hpo": "HuffPost"}


@dataclass(frozen=True)
class BasilArticle:
    raw: RawDocument
    event: str


def load_basil(root: Path = BASIL_DIR) -> list[BasilArticle]:
    """Every BASIL article, sorted by path (stable across runs)."""
    articles = []
    seen: set[str] = set()
    for path in sorted(root.glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(s.strip() for s in p if s.strip()) for p in record.get("body-paragraphs") or []]
        source = str(record.get("source", "")).lower()
        doc_id = f"{source}-{record.get('uuid')}"
        if not record.get("uuid") or record.get("uuid") == "empty" or doc_id in seen:
            # some records lack their uuid: a hash of the file name, which would show the event
            doc_id = f"{source}-" + hashlib.blake2b(path.name.encode(), digest_size=8).hexdigest()
        seen.add(doc_id)
        raw = RawDocument(
            id=doc_id,
            source_path=str(path),
            text="\n\n".join(p for p in paragraphs if p),
            url=record.get("url"),
            title=record.get("title"),
            outlet=OUTLETS.get(source, source or None),
            published=record.get("date"),
        )
        articles.append(BasilArticle(raw=raw, event=record["triplet-uuid"]))
    return articles


def to_document(raw: RawDocument) -> Document:
    """A Document straight from a RawDocument with plain text (no cleaning needed: BASIL
    bodies are already clean paragraphs)."""
    return Document(
        id=raw.id,
        source_path=raw.source_path,
        url=raw.url,
        title=raw.title,
        outlet=raw.outlet,
        outlet_source="record" if raw.outlet else None,
        published=raw.published,
        text=raw.text or "",
    )


def gold_events(articles: list[BasilArticle]) -> dict[str, str]:
    return {a.raw.id: a.event for a in articles}


def write_jsonl(articles: list[BasilArticle], path: Path) -> Path:
    """One JSON object per line with RawDocument's fields (no gold event)."""
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            record = a.raw.model_dump(exclude_none=True, exclude={"source_path"})
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def polnear_paths(root: Path = POLNEAR_DIR) -> list[Path]:
    """PolNeAR article texts (train/dev/... splits), sorted."""
    return sorted(root.glob("*/text/*.txt"))


def load_polnear(root: Path = POLNEAR_DIR) -> list[RawDocument]:
    """PolNeAR texts as RawDocuments without cleaning (for benchmarks that skip reading)."""
    return [
        RawDocument(id=p.stem, source_path=str(p), text=p.read_text(encoding="utf-8", errors="replace"))
        for p in polnear_paths(root)
    ]


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("basil.jsonl")
    print(write_jsonl(load_basil(), target))
