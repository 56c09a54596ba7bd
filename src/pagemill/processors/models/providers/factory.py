"""Choosing and configuring a provider from the server's settings."""

from __future__ import annotations

from pagemill.config import Settings
from pagemill.processors.models.providers.base import ModelProvider, ProviderError
from pagemill.processors.models.providers.rate_limit import (
    DatabaseTokenBucket,
    RateLimiter,
    Unlimited,
    shared_engine,
)
from pagemill.processors.models.providers.retry import RetryPolicy
from pagemill.processors.models.providers.structured import CallPolicy

PROVIDER_NAMES = ("llama_cpp", "openai", "anthropic")


def provider_from_settings(settings: Settings, name: str | None = None) -> ModelProvider:
    """The provider called `name` ("llama_cpp", "openai" or "anthropic"; default `settings.llm_provider`)."""
    chosen = name or settings.llm_provider
    if chosen == "llama_cpp":
        from pagemill.processors.models.providers.llama_local import LlamaCppProvider

        return LlamaCppProvider.from_settings(settings)
    if chosen == "openai":
        from pagemill.processors.models.providers.openai_compatible import OpenAICompatibleProvider

        return OpenAICompatibleProvider(
            base_url=settings.openai_base_url,
            model=required(settings.openai_model, "PAGEMILL_OPENAI_MODEL"),
            api_key=settings.openai_api_key.get_secret_value() if settings.openai_api_key else None,
            policy=remote_policy(settings, f"openai {settings.openai_base_url} {settings.openai_model}"),
        )
    if chosen == "anthropic":
        from pagemill.processors.models.providers.anthropic_messages import AnthropicProvider

        return AnthropicProvider(
            base_url=settings.anthropic_base_url,
            model=required(settings.anthropic_model, "PAGEMILL_ANTHROPIC_MODEL"),
            api_key=settings.anthropic_api_key.get_secret_value() if settings.anthropic_api_key else None,
            policy=remote_policy(
                settings, f"anthropic {settings.anthropic_base_url} {settings.anthropic_model}"
            ),
        )
    raise ValueError(f"unknown model provider {chosen!r}: expected one of {', '.join(PROVIDER_NAMES)}")


def remote_policy(settings: Settings, bucket_name: str) -> CallPolicy:
    limiter: RateLimiter = Unlimited()
    if settings.llm_rate_limit_per_minute > 0:
        limiter = DatabaseTokenBucket(
            shared_engine(settings.app_database_url),
            bucket_name,
            per_minute=settings.llm_rate_limit_per_minute,
        )
    return CallPolicy(
        retry=RetryPolicy(max_retries=settings.llm_max_retries),
        limiter=limiter,
        timeout_seconds=settings.llm_timeout_seconds,
    )


def required(value: str | None, variable: str) -> str:
    if not value:
        raise ProviderError("bad_request", f"no model is configured: set {variable}", retryable=False)
    return value
