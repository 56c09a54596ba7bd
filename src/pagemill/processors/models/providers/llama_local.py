"""A local GGUF model run in-process by llama-cpp-python, its output held to the schema by a grammar.

The model is loaded once per process (1–2 s, about 2 GB) and shared by every provider instance; llama.cpp
contexts are not thread-safe, so calls on one model take turns.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pagemill.config import Settings
from pagemill.processors.models.providers.base import ProviderError
from pagemill.processors.models.providers.model_file import local_model_path
from pagemill.processors.models.providers.rate_limit import Unlimited
from pagemill.processors.models.providers.retry import RetryPolicy
from pagemill.processors.models.providers.structured import (
    Answer,
    CallPolicy,
    Repair,
    Request,
    StructuredProvider,
    chat_messages,
)

CONTEXT_TOKENS = 8192
LOADING = threading.Lock()
LOADED: dict[tuple[str, int], LoadedModel] = {}  # one model per process in practice: each holds ~2 GB


@dataclass
class LoadedModel:
    llama: Any
    chat_format: Any  # the GGUF's chat template, as a llama-cpp-python chat formatter
    turn: threading.Lock
    threads: int
    load_seconds: float


class LlamaCppProvider(StructuredProvider):
    name = "llama_cpp"

    def __init__(
        self,
        *,
        model_path: Path,
        policy: CallPolicy,
        context_tokens: int = CONTEXT_TOKENS,
        threads: int | None = None,
    ):
        if not model_path.is_file():
            raise ProviderError("unavailable", f"the GGUF model {model_path} does not exist", retryable=False)
        self.model_path = model_path
        self.policy = policy
        self.context_tokens = context_tokens
        self.threads = threads

    @classmethod
    def from_settings(cls, settings: Settings) -> LlamaCppProvider:
        path = local_model_path(settings.llm_model_path)
        if path is None:
            raise ProviderError(
                "unavailable",
                "no GGUF model: set PAGEMILL_LLM_MODEL_PATH, or run ./dev, which "
                "assembles the local model into the user cache",
                retryable=False,
            )
        policy = CallPolicy(
            retry=RetryPolicy(max_retries=settings.llm_max_retries),
            limiter=Unlimited(),
            timeout_seconds=settings.llm_timeout_seconds,
        )
        return cls(model_path=path, policy=policy)

    def model(self) -> LoadedModel:
        """The loaded model (loading it on first use)."""
        return load_model(str(self.model_path), self.context_tokens, self.threads)

    def generate(self, request: Request, repair: Repair | None) -> Answer:
        loaded = self.model()
        deadline = time.monotonic() + self.policy.timeout_seconds
        if not loaded.turn.acquire(timeout=self.policy.timeout_seconds):
            raise ProviderError("timeout", "the local model stayed busy with other requests", retryable=True)
        try:
            reply, timed_out = run_chat(loaded, request, repair, deadline)
        finally:
            loaded.turn.release()
        if timed_out:
            raise ProviderError(
                "timeout",
                f"the local model did not finish within {self.policy.timeout_seconds:g} s",
                retryable=False,
            )
        usage = reply.get("usage") or {}
        return Answer(
            text=reply["choices"][0].get("text") or "",
            input_tokens=int(usage.get("prompt_tokens") or 0),
            output_tokens=int(usage.get("completion_tokens") or 0),
            model=self.model_path.name,
        )


def run_chat(
    loaded: LoadedModel, request: Request, repair: Repair | None, deadline: float
) -> tuple[dict[str, Any], bool]:
    """The completion llama-cpp-python returns, and whether it was cut short by `deadline`.

    The prompt is formatted here with the model's own chat template, because only the plain completion call
    takes a stopping criterion, which is what ends a generation at the deadline."""
    from llama_cpp import StoppingCriteriaList

    timed_out = False

    def past_deadline(_tokens: Any, _logits: Any) -> bool:
        nonlocal timed_out
        timed_out = timed_out or time.monotonic() > deadline
        return timed_out

    chat = loaded.chat_format(messages=chat_messages(request, repair))
    prompt = loaded.llama.tokenize(chat.prompt.encode("utf-8"), add_bos=not chat.added_special, special=True)
    try:
        reply = loaded.llama.create_completion(
            prompt=prompt,
            max_tokens=request.max_tokens,
            temperature=request.temperature,
            repeat_penalty=1.0,
            stop=chat.stop,
            grammar=schema_grammar(json.dumps(request.schema, sort_keys=True)),
            stopping_criteria=StoppingCriteriaList([*(chat.stopping_criteria or []), past_deadline]),
        )
    except ValueError as error:  # llama-cpp-python's word for a prompt longer than the context
        raise ProviderError("bad_request", str(error), retryable=False) from error
    return reply, timed_out


@lru_cache(maxsize=64)
def schema_grammar(schema_json: str) -> Any:
    """A GBNF grammar for the schema; for schema features the converter lacks, one for any JSON object
    (the answer is still validated against the schema afterwards)."""
    from llama_cpp import LlamaGrammar
    from llama_cpp.llama_grammar import JSON_GBNF

    try:
        return LlamaGrammar.from_json_schema(schema_json, verbose=False)
    except Exception:  # the converter raises assorted errors for what it does not support
        return LlamaGrammar.from_string(JSON_GBNF, verbose=False)


def default_threads() -> int:
    """All cores, or one when the machine is already busier than its cores: llama.cpp's threads meet at
    spinning barriers each token, and on an oversubscribed machine two threads measured ten times slower
    than one (0.3 against 3.3 tokens/s at a load of 14 on 2 cores)."""
    cores = os.cpu_count() or 1
    return 1 if os.getloadavg()[0] >= cores else cores


def load_model(path: str, context_tokens: int, threads: int | None = None) -> LoadedModel:
    """The model at `path`, loaded on first use with `threads` (default `default_threads()`) and kept."""
    with LOADING:
        key = (path, context_tokens)
        if key not in LOADED:
            LOADED.clear()
            LOADED[key] = _load(path, context_tokens, threads or default_threads())
        return LOADED[key]


def _load(path: str, context_tokens: int, threads: int) -> LoadedModel:
    try:
        from llama_cpp import Llama
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter
    except ImportError as error:
        raise ProviderError(
            "unavailable",
            "llama-cpp-python is not installed (./dev installs it; pip extra 'llm')",
            retryable=False,
        ) from error
    started = time.monotonic()
    llama = Llama(
        model_path=path, n_ctx=context_tokens, n_threads=threads, n_threads_batch=threads, verbose=False
    )
    template = llama.metadata.get("tokenizer.chat_template")
    if not template:
        raise ProviderError("unavailable", f"the GGUF model {path} has no chat template", retryable=False)
    eos, bos = llama.token_eos(), llama.token_bos()
    chat_format = Jinja2ChatFormatter(
        template=template,
        eos_token=token_text(llama, eos),
        bos_token=token_text(llama, bos),
        stop_token_ids=[eos],
    )
    return LoadedModel(llama, chat_format, threading.Lock(), threads, load_seconds=time.monotonic() - started)


def token_text(llama: Any, token: int) -> str:
    return "" if token < 0 else llama.detokenize([token], special=True).decode("utf-8", errors="replace")
