"""`provider_from_settings` builds the configured provider, with the shared rate limit for remote APIs."""

from __future__ import annotations

from pathlib import Path

import pytest

from pagemill.config import Settings
from pagemill.db.migrate import upgrade
from pagemill.processors.models.providers import ProviderError, provider_from_settings
from pagemill.processors.models.providers.anthropic_messages import AnthropicProvider
from pagemill.processors.models.providers.openai_compatible import OpenAICompatibleProvider
from tests.processors.models.providers.wire_server import Reply, wire_server

ANSWER = Reply(
    {
        "model": "served",
        "choices": [{"finish_reason": "stop", "message": {"content": '{"n": 1}'}}],
        "usage": {"prompt_tokens": 3, "completion_tokens": 2},
    }
)
SCHEMA = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}


def settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(home=tmp_path, **values)  # type: ignore[arg-type]


def test_openai_and_anthropic_are_built_from_their_settings(tmp_path: Path) -> None:
    configured = settings(
        tmp_path,
        openai_base_url="http://127.0.0.1:9/v1",
        openai_model="m1",
        anthropic_model="claude-x",
        anthropic_api_key="sk-ant",
    )
    openai = provider_from_settings(configured, "openai")
    assert isinstance(openai, OpenAICompatibleProvider)
    assert openai.url == "http://127.0.0.1:9/v1/chat/completions" and openai.model == "m1"
    anthropic = provider_from_settings(configured, "anthropic")
    assert isinstance(anthropic, AnthropicProvider)
    assert anthropic.url == "https://api.anthropic.com/v1/messages" and anthropic.api_key == "sk-ant"


def test_the_server_default_is_used_when_no_name_is_given(tmp_path: Path) -> None:
    provider = provider_from_settings(
        settings(tmp_path, llm_provider="anthropic", anthropic_model="claude-x")
    )
    assert provider.name == "anthropic"


def test_a_remote_provider_without_a_model_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProviderError, match="PAGEMILL_OPENAI_MODEL"):
        provider_from_settings(settings(tmp_path), "openai")


def test_llama_cpp_without_a_model_file_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(ProviderError) as caught:
        provider_from_settings(settings(tmp_path, llm_model_path=tmp_path / "missing.gguf"), "llama_cpp")
    assert caught.value.reason == "unavailable" and "missing.gguf" in caught.value.message


def test_an_unknown_name_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="llama_cpp, openai, anthropic"):
        provider_from_settings(settings(tmp_path), "embedded")


def test_the_rate_limit_is_shared_by_every_provider_on_the_same_database(tmp_path: Path) -> None:
    with wire_server([ANSWER]) as server:
        configured = settings(
            tmp_path,
            openai_base_url=f"{server.url}/v1",
            openai_model="m1",
            llm_rate_limit_per_minute=2,
            llm_timeout_seconds=0.5,
            llm_max_retries=0,
        )
        upgrade(configured.app_database_url)  # the buckets live in the app database, made by the migrations
        first = provider_from_settings(configured, "openai")
        for _ in range(2):
            assert first.complete_json(system="", prompt="n?", schema=SCHEMA, max_tokens=5).value == {"n": 1}
        second = provider_from_settings(configured, "openai")
        with pytest.raises(ProviderError) as caught:
            second.complete_json(system="", prompt="n?", schema=SCHEMA, max_tokens=5)
    assert caught.value.reason == "rate_limited"
    assert len(server.received) == 2
