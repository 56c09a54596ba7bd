"""A BERT encoder forward pass in NumPy (float32), for inference with Hugging Face BertModel weights."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

FloatArray = np.ndarray


@dataclass(frozen=True)
class BertConfig:
    hidden_size: int
    num_attention_heads: int
    num_hidden_layers: int
    layer_norm_eps: float
    max_position_embeddings: int

    @classmethod
    def from_json(cls, config: Mapping[str, Any]) -> BertConfig:
        """Reads the fields the forward pass needs from a Hugging Face `config.json`."""
        if config.get("hidden_act", "gelu") != "gelu":
            raise ValueError(
                f"unsupported activation {config['hidden_act']!r}; only exact gelu is implemented"
            )
        if config.get("position_embedding_type", "absolute") != "absolute":
            raise ValueError("only absolute position embeddings are implemented")
        return cls(
            hidden_size=int(config["hidden_size"]),
            num_attention_heads=int(config["num_attention_heads"]),
            num_hidden_layers=int(config["num_hidden_layers"]),
            layer_norm_eps=float(config["layer_norm_eps"]),
            max_position_embeddings=int(config["max_position_embeddings"]),
        )


@dataclass(frozen=True)
class _Layer:
    qkv_weight: FloatArray  # (hidden, 3 * hidden): query, key and value projections fused into one matmul
    qkv_bias: FloatArray
    attention_out_weight: FloatArray
    attention_out_bias: FloatArray
    attention_norm_weight: FloatArray
    attention_norm_bias: FloatArray
    intermediate_weight: FloatArray
    intermediate_bias: FloatArray
    output_weight: FloatArray
    output_bias: FloatArray
    output_norm_weight: FloatArray
    output_norm_bias: FloatArray


def _gelu(x: FloatArray) -> FloatArray:
    """Exact (erf) gelu, x * Phi(x), computed in place: these are the largest arrays in the model."""
    # erfc(|x|/sqrt(2)) by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7, at float32 precision):
    # NumPy has no erf, and the tanh approximation of gelu drifts measurably from the reference model.
    z = np.abs(x)
    z *= np.float32(1.0 / np.sqrt(2.0))
    t = z * np.float32(0.3275911)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    tail = t * np.float32(1.061405429)
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        tail += np.float32(coefficient)
        tail *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    tail *= z
    tail *= np.float32(0.5)  # now 1 - Phi(|x|)
    phi = np.where(x >= 0, np.float32(1.0) - tail, tail)
    phi *= x
    return phi


def _layer_norm(x: FloatArray, weight: FloatArray, bias: FloatArray, eps: float) -> FloatArray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(variance + np.float32(eps)) * weight + bias


def _softmax_in_place(x: FloatArray) -> FloatArray:
    x -= x.max(axis=-1, keepdims=True)
    np.exp(x, out=x)
    x /= x.sum(axis=-1, keepdims=True)
    return x


class BertEncoder:
    """BertModel's embeddings and encoder stack (no pooler); weights named as in a Hugging Face checkpoint."""

    def __init__(self, config: BertConfig, weights: Mapping[str, np.ndarray]) -> None:
        self.config = config

        def w(name: str) -> FloatArray:
            return np.ascontiguousarray(weights[name], dtype=np.float32)

        self._word_embeddings = w("embeddings.word_embeddings.weight")
        self._position_embeddings = w("embeddings.position_embeddings.weight")
        self._token_type_embeddings = w("embeddings.token_type_embeddings.weight")
        self._embedding_norm = (w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
        self._layers = [self._load_layer(w, f"encoder.layer.{i}.") for i in range(config.num_hidden_layers)]

    @staticmethod
    def _load_layer(w: Any, prefix: str) -> _Layer:
        attention = prefix + "attention.self."
        return _Layer(
            qkv_weight=np.ascontiguousarray(
                np.concatenate(
                    [w(attention + part + ".weight").T for part in ("query", "key", "value")], axis=1
                )
            ),
            qkv_bias=np.concatenate([w(attention + part + ".bias") for part in ("query", "key", "value")]),
            attention_out_weight=np.ascontiguousarray(w(prefix + "attention.output.dense.weight").T),
            attention_out_bias=w(prefix + "attention.output.dense.bias"),
            attention_norm_weight=w(prefix + "attention.output.LayerNorm.weight"),
            attention_norm_bias=w(prefix + "attention.output.LayerNorm.bias"),
            intermediate_weight=np.ascontiguousarray(w(prefix + "intermediate.dense.weight").T),
            intermediate_bias=w(prefix + "intermediate.dense.bias"),
            output_weight=np.ascontiguousarray(w(prefix + "output.dense.weight").T),
            output_bias=w(prefix + "output.dense.bias"),
            output_norm_weight=w(prefix + "output.LayerNorm.weight"),
            output_norm_bias=w(prefix + "output.LayerNorm.bias"),
        )

    def forward(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> FloatArray:
        """Last hidden states (batch, length, hidden) for token ids and a 1/0 mask, both (batch, length)."""
        batch, length = input_ids.shape
        if length > self.config.max_position_embeddings:
            raise ValueError(
                f"sequence length {length} exceeds {self.config.max_position_embeddings} positions"
            )
        eps = self.config.layer_norm_eps
        hidden = (
            self._word_embeddings[input_ids]
            + self._position_embeddings[:length][None, :, :]
            + self._token_type_embeddings[0][None, None, :]
        )
        hidden = _layer_norm(hidden, *self._embedding_norm, eps)
        # Padded keys get a large negative score so softmax gives them no weight.
        key_bias = np.where(attention_mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        for layer in self._layers:
            hidden = self._layer_forward(layer, hidden, key_bias, batch, length)
        return hidden

    def _layer_forward(
        self, layer: _Layer, hidden: FloatArray, key_bias: FloatArray, batch: int, length: int
    ) -> FloatArray:
        heads = self.config.num_attention_heads
        size = self.config.hidden_size
        head_size = size // heads
        eps = self.config.layer_norm_eps

        qkv = hidden @ layer.qkv_weight + layer.qkv_bias
        qkv = qkv.reshape(batch, length, 3, heads, head_size).transpose(2, 0, 3, 1, 4)
        query, key, value = qkv[0], qkv[1], qkv[2]
        # A contiguous transposed key lets matmul use BLAS per head instead of a strided loop (4x faster).
        scores = query @ np.ascontiguousarray(key.transpose(0, 1, 3, 2))
        scores *= np.float32(1.0 / np.sqrt(head_size))
        scores += key_bias
        context = (_softmax_in_place(scores) @ value).transpose(0, 2, 1, 3).reshape(batch, length, size)
        attention = context @ layer.attention_out_weight + layer.attention_out_bias
        hidden = _layer_norm(hidden + attention, layer.attention_norm_weight, layer.attention_norm_bias, eps)

        intermediate = _gelu(hidden @ layer.intermediate_weight + layer.intermediate_bias)
        output = intermediate @ layer.output_weight + layer.output_bias
        return _layer_norm(hidden + output, layer.output_norm_weight, layer.output_norm_bias, eps)
