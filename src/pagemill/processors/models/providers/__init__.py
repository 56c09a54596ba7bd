"""The model provider port (`ModelProvider.complete_json`) and its LLM providers: llama_cpp (a local GGUF
in-process), openai (any OpenAI-compatible server) and anthropic. The embedded provider needs no LLM."""

from pagemill.processors.models.providers.base import Completion, ModelProvider, ProviderError
from pagemill.processors.models.providers.factory import PROVIDER_NAMES, provider_from_settings

__all__ = ["PROVIDER_NAMES", "Completion", "ModelProvider", "ProviderError", "provider_from_settings"]
