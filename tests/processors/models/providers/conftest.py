"""The local GGUF model and a real OpenAI-compatible server (llama-cpp-python's) serving it on loopback.

Tests that need them skip, saying why, when llama-cpp-python or the model file is missing; `./dev test`
installs both, so in CI they run.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pagemill.processors.models.providers.llama_local import default_threads
from pagemill.processors.models.providers.model_file import cached_model_path, local_model_path

SERVER_START_SECONDS = 180


@pytest.fixture(scope="session")
def local_model() -> Path:
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is not installed (./dev test installs it)")
    configured = os.environ.get("PAGEMILL_LLM_MODEL_PATH")
    path = local_model_path(Path(configured) if configured else None)
    if path is None or not path.is_file():
        pytest.skip(f"no local GGUF model at {configured or cached_model_path()} (./dev test assembles it)")
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def llama_server(local_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (ending in /v1) of `python -m llama_cpp.server` serving the local model."""
    if importlib.util.find_spec("sse_starlette") is None:
        pytest.skip("llama-cpp-python's [server] extra is not installed (./dev test installs it)")
    port = free_port()
    log = tmp_path_factory.mktemp("llama_server") / "server.log"
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(local_model),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "4096",
        "--n_threads",
        str(default_threads()),
        "--model_alias",
        "local-qwen",
    ]
    with log.open("wb") as output:
        server = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            if server.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {server.returncode}: {log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{base_url}/models", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"llama_cpp.server did not start in {SERVER_START_SECONDS} s: {log.read_text()[-2000:]}"
                )
            time.sleep(0.5)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
