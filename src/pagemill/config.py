"""Settings: one object, read from `PAGEMILL_*` environment variables.

The defaults are the embedded mode: everything under `PAGEMILL_HOME` (SQLite for the app and for the engine,
files on local disk, workers inside the server process). Pointing `PAGEMILL_DATABASE_URL` at PostgreSQL and
`PAGEMILL_STORAGE_URL` at S3 is the scale-out mode; the code path is the same.
"""

from __future__ import annotations

import contextlib
import enum
import json
import os
import secrets
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Role(enum.StrEnum):
    ALL = "all"  # API and engine workers in one process (the embedded default)
    API = "api"  # serves HTTP and enqueues; executes nothing
    WORKER = "worker"  # executes queued work; serves no HTTP


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PAGEMILL_", extra="ignore")

    home: Path = Field(default=Path(".pagemill"), description="Folder for all embedded-mode data.")
    role: Role = Role.ALL

    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL of the app database; default SQLite at HOME/pagemill.db."
    )
    engine_database_url: str | None = Field(
        default=None,
        description="System database of the execution engine; default SQLite at HOME/engine.db, or the app "
        "database when that is PostgreSQL.",
    )
    storage_url: str | None = Field(
        default=None, description="file:///path or s3://bucket/prefix; default HOME/files."
    )
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    s3_access_key_id: str | None = None
    s3_secret_access_key: SecretStr | None = None

    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str | None = Field(
        default=None, description="Base URL clients reach this server at; default: taken from each request."
    )
    secret_key: SecretStr | None = Field(
        default=None, description="Signs download URLs; default a random key kept at HOME/secret.key."
    )

    default_api_version: str = "2026-02-09"
    max_upload_bytes: int = 100 * 1024 * 1024
    download_url_ttl_seconds: int = 15 * 60
    default_page_size: int = 20
    max_page_size: int = 1000

    fetch_allow_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Hosts or CIDR ranges the URL guard lets through although private or loopback.",
    )
    fetch_timeout_seconds: float = 30.0
    fetch_max_redirects: int = 5

    engine_executor_id: str | None = Field(default=None, description="Name of this engine process.")
    worker_concurrency: int = Field(default=2, description="Heavy jobs one process runs at once.")
    engine_polling_seconds: float | None = Field(
        default=None,
        gt=0,
        description="How often executing processes look for queued work: the bound on enqueue-to-start latency. "
        "Default 0.05 s on SQLite (one process, cheap local reads), 0.25 s on PostgreSQL (N workers polling).",
    )

    webhook_timeout_seconds: float = Field(default=30.0, description="A receiver must answer within this.")
    webhook_retry_first_delay_seconds: float = Field(default=60.0, description="Wait before the 1st retry.")
    webhook_retry_backoff: float = Field(default=3.0, description="Each retry waits this many times longer.")
    webhook_retry_max_delay_seconds: float = Field(default=6 * 3600.0, description="Longest single wait.")
    webhook_retry_window_seconds: float = Field(
        default=24 * 3600.0, description="Retries go on until their waits add up to at least this."
    )
    webhook_payload_url_ttl_seconds: int = Field(default=3600, description="Life of signed payload URLs.")

    llm_provider: str = Field(
        default="embedded",
        description="Default model provider: embedded (no LLM), llama_cpp, openai or anthropic.",
    )
    llm_model_path: Path | None = Field(
        default=None,
        description="GGUF file for llama_cpp; default the model ./dev assembles in the user cache.",
    )
    llm_timeout_seconds: float = Field(default=120.0, description="Longest wait for one model answer.")
    llm_max_retries: int = Field(
        default=3, description="Retries of a model call that failed for a passing reason."
    )
    llm_rate_limit_per_minute: int = Field(
        default=0,
        description="Requests per minute to a remote model API, shared by all processes; 0: no limit.",
    )
    openai_base_url: str = "https://api.openai.com/v1"
    openai_api_key: SecretStr | None = None
    openai_model: str | None = None
    anthropic_base_url: str = "https://api.anthropic.com"
    anthropic_api_key: SecretStr | None = None
    anthropic_model: str | None = None

    ocr_engine: str = Field(
        default="auto",
        pattern="^(tesseract|rapidocr|auto)$",
        description="OCR of scans: tesseract, rapidocr (slower, reads noisy scans better) or auto "
        "(Tesseract, then RapidOCR for pages Tesseract reads with low confidence).",
    )

    @field_validator("fetch_allow_hosts", mode="before")
    @classmethod
    def _split_csv(cls, value: object) -> object:
        if isinstance(value, str):
            if value.strip().startswith("["):
                return json.loads(value)
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    # Derived locations -------------------------------------------------------------------------------------

    @property
    def resolved_home(self) -> Path:
        return self.home.expanduser().resolve()

    @property
    def app_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.resolved_home / 'pagemill.db'}"

    @property
    def system_database_url(self) -> str:
        if self.engine_database_url:
            return self.engine_database_url
        if self.is_postgres:
            return self.app_database_url
        return f"sqlite:///{self.resolved_home / 'engine.db'}"

    @property
    def file_storage_url(self) -> str:
        return self.storage_url or (self.resolved_home / "files").as_uri()

    @property
    def queue_polling_seconds(self) -> float:
        if self.engine_polling_seconds is not None:
            return self.engine_polling_seconds
        return 0.25 if self.system_database_url.startswith("postgresql") else 0.05

    @property
    def is_postgres(self) -> bool:
        return self.app_database_url.startswith("postgresql")

    def signing_key(self) -> bytes:
        if self.secret_key is not None:
            return self.secret_key.get_secret_value().encode()
        path = self.resolved_home / "secret.key"
        if not path.exists():
            _create_once(path, secrets.token_urlsafe(48))
        return path.read_text().strip().encode()


def _create_once(path: Path, content: str) -> None:
    """Write `path` unless another process got there first; every process then reads the same content."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent)
    try:
        os.write(fd, content.encode())
        os.fchmod(fd, 0o600)
        os.close(fd)
        with contextlib.suppress(FileExistsError):  # another process made it first: theirs stands
            os.link(tmp, path)
    finally:
        os.unlink(tmp)


@lru_cache
def get_settings() -> Settings:
    return Settings()
