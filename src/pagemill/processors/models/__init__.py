"""Models that processors run locally, with no network: the MiniLM sentence-embedding model."""

from pagemill.processors.models.embedding import EmbeddingModel

__all__ = ["EmbeddingModel"]
