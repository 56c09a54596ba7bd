"""Where the local GGUF model is: the configured path, or the one `./dev` assembles into the user cache."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_MODEL_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"


def cached_model_path() -> Path:
    """The file `./dev` assembles the Qwen2.5-Coder-1.5B-Instruct GGUF into (see `bootstrap_local_llm`)."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "pagemill" / "models" / DEFAULT_MODEL_NAME


def local_model_path(configured: Path | None) -> Path | None:
    """`configured` when set, else the cached model when it exists, else None."""
    if configured is not None:
        return configured.expanduser()
    cached = cached_model_path()
    return cached if cached.is_file() else None
