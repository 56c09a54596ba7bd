import math

import numpy as np
import pytest

from pagemill.processors.models.bert import BertConfig, BertEncoder, _gelu

TINY = {
    "hidden_size": 8,
    "num_attention_heads": 2,
    "num_hidden_layers": 2,
    "layer_norm_eps": 1e-12,
    "max_position_embeddings": 16,
    "hidden_act": "gelu",
}


def _random_weights(config: BertConfig, vocab: int = 20, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    size, inner = config.hidden_size, 4 * config.hidden_size

    def rand(*shape: int) -> np.ndarray:
        return rng.normal(0, 0.5, shape).astype(np.float32)

    weights = {
        "embeddings.word_embeddings.weight": rand(vocab, size),
        "embeddings.position_embeddings.weight": rand(config.max_position_embeddings, size),
        "embeddings.token_type_embeddings.weight": rand(2, size),
        "embeddings.LayerNorm.weight": np.ones(size, np.float32),
        "embeddings.LayerNorm.bias": np.zeros(size, np.float32),
    }
    for i in range(config.num_hidden_layers):
        p = f"encoder.layer.{i}."
        for name in (
            "attention.self.query",
            "attention.self.key",
            "attention.self.value",
            "attention.output.dense",
        ):
            weights[p + name + ".weight"], weights[p + name + ".bias"] = rand(size, size), rand(size)
        weights[p + "intermediate.dense.weight"], weights[p + "intermediate.dense.bias"] = (
            rand(inner, size),
            rand(inner),
        )
        weights[p + "output.dense.weight"], weights[p + "output.dense.bias"] = rand(size, inner), rand(size)
        for norm in ("attention.output.LayerNorm", "output.LayerNorm"):
            weights[p + norm + ".weight"], weights[p + norm + ".bias"] = np.ones(size, np.float32), rand(size)
    return weights


def test_gelu_is_the_exact_erf_form() -> None:
    x = np.linspace(-8, 8, 4001, dtype=np.float32)
    exact = np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in x.astype(np.float64)])
    assert np.abs(_gelu(x) - exact).max() < 1e-6


def test_padding_does_not_change_the_real_tokens_hidden_states() -> None:
    config = BertConfig.from_json(TINY)
    encoder = BertEncoder(config, _random_weights(config))
    ids = np.array([[3, 7, 9]])
    padded = np.array([[3, 7, 9, 0, 0], [1, 2, 3, 4, 5]])
    alone = encoder.forward(ids, np.ones((1, 3), np.float32))
    batched = encoder.forward(padded, np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], np.float32))
    np.testing.assert_allclose(batched[0, :3], alone[0], atol=1e-5)


def test_every_position_attends_to_the_others() -> None:
    config = BertConfig.from_json(TINY)
    encoder = BertEncoder(config, _random_weights(config))
    mask = np.ones((1, 3), np.float32)
    first = encoder.forward(np.array([[3, 7, 9]]), mask)
    changed_last_token = encoder.forward(np.array([[3, 7, 10]]), mask)
    assert not np.allclose(first[0, 0], changed_last_token[0, 0])


def test_longer_sequences_than_positions_are_refused() -> None:
    config = BertConfig.from_json(TINY)
    encoder = BertEncoder(config, _random_weights(config))
    with pytest.raises(ValueError, match="positions"):
        encoder.forward(np.zeros((1, 17), np.int64), np.ones((1, 17), np.float32))


def test_unsupported_architectures_are_refused() -> None:
    with pytest.raises(ValueError, match="activation"):
        BertConfig.from_json({**TINY, "hidden_act": "relu"})
    with pytest.raises(ValueError, match="position"):
        BertConfig.from_json({**TINY, "position_embedding_type": "relative_key"})
