"""The one place that loads models. Nothing here downloads anything.

Models are pinned packages (see pyproject.toml and the README); their names live in
``Settings``. Loaders are cached per name so that one process loads each model once,
without module-level state leaking into the pipeline's functions.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .settings import Settings


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
            return _load_spacy(name)
        except (OSError, ImportError, FileNotFoundError):
            continue
    raise ModelUnavailable(
        f"no spaCy model could be loaded ({settings.spacy_model!r} or {settings.spacy_fallback_model!r}); "
        "install them as described in the README"
    )


def spacy_model_name(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


# The parse is what later stages read (tokens, sentences, tags, dependencies, entities);
# the tensor is the tok2vec output, needed by no stage after the pipeline and 10x the rest.
_PARSE_EXCLUDE = ["tensor", "user_data"]


def parse_to_bytes(doc: Doc) -> bytes:
    """A parse as bytes, to cache in a store or ship between processes (see parse_from_bytes)."""
    return doc.to_bytes(exclude=_PARSE_EXCLUDE)


def parse_from_bytes(data: bytes, vocab: Vocab) -> Doc:
    """The parse back, bound to ``vocab`` (the loaded model's: word vectors come from it)."""
    return Doc(vocab).from_bytes(data, exclude=_PARSE_EXCLUDE)
