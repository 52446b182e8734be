"""Set-up shared by the tests: documents of invented stories, parsed once, with their
entities and quotes; the settings that watch the local site (tests/local_site.py)."""

from __future__ import annotations

from storydiff.entities import resolve_entities
from storydiff.model import Document
from storydiff.quotes import find_quotes
from storydiff.settings import Settings

FAST = Settings(
    watch_host_delay=0.2, watch_timeout=1.0, watch_request_seconds=3.0, watch_retries=1, watch_backoff=0.1,
    watch_retry_later=0.0, watch_feed_interval=0.0,
)
"""Watching the local site fast but still politely: the delay is checked in test_watch;
failed URLs may be tried again at once."""


def build_story(nlp, texts: dict[str, str], duplicate_of: dict[str, str] | None = None,
                published: dict[str, str] | str | None = None):
    """Documents from {id: text} and their parses. ``duplicate_of``: {copy: original};
    ``published``: {id: date}, or one date for all."""
    duplicate_of = duplicate_of or {}
    dates = published if isinstance(published, dict) else {}
    docs = [Document(id=k, source_path=f"{k}.txt", text=v, duplicate_of=duplicate_of.get(k),
                     published=dates.get(k, published if isinstance(published, str) else None))
            for k, v in texts.items()]
    parsed = {d.id: p for d, p in zip(docs, nlp.pipe(d.text for d in docs), strict=True)}
    return docs, parsed


def story_entities(nlp, texts: dict[str, str], duplicate_of: dict[str, str] | None = None,
                   published: dict[str, str] | str | None = None):
    """(docs, parsed, entities) of an invented story."""
    docs, parsed = build_story(nlp, texts, duplicate_of, published)
    return docs, parsed, resolve_entities(docs, parsed)


def story_quotes(nlp, texts: dict[str, str], duplicate_of: dict[str, str] | None = None):
    """(docs, parsed, entities, quotes) of an invented story."""
    docs, parsed, entities = story_entities(nlp, texts, duplicate_of)
    return docs, parsed, entities, find_quotes(docs, parsed, entities)


def one_text_labels(nlp, text: str) -> list[tuple[str, str]]:
    """(entity name, label term) pairs of a one-document invented story, quotes not read."""
    from storydiff.framing import find_labels

    docs, parsed, entities = story_entities(nlp, {"a": text})
    names = {e.id: e.name for e in entities}
    return [(names[label.entity], label.term) for label in find_labels(docs, parsed, entities, [], nlp=nlp)]


def seed_texts(seeds_dir, seeds_gold) -> tuple[dict[str, str], dict[str, str]]:
    """The seeds' texts by file stem, and {copy: original} as their gold marks the copies."""
    duplicate_of = {m: g[0] for g in seeds_gold.get("duplicates", []) for m in g[1:]}
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}
    return texts, duplicate_of
