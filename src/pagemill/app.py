"""The FastAPI application: routers, error envelope, conventions, and the runtime's lifecycle."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI

from pagemill import __version__
from pagemill.api.envelope import install_error_handlers
from pagemill.api.middleware import RequestConventions
from pagemill.classify_runs.endpoints import router as classify_router
from pagemill.config import Settings, get_settings
from pagemill.extract_runs.endpoints import router as extract_router
from pagemill.files.endpoints import download_router as file_download_router
from pagemill.files.endpoints import router as files_router
from pagemill.health.endpoints import router as health_router
from pagemill.parse_runs.endpoints import router as parse_router
from pagemill.processors.classify.config import CLASSIFIER
from pagemill.processors.extract import EXTRACTOR
from pagemill.processors.split.config import SPLITTER
from pagemill.runs.endpoints import download_router as output_download_router
from pagemill.runs.endpoints import router as batch_runs_router
from pagemill.runtime import build_runtime
from pagemill.saved_processors.endpoints import make_router
from pagemill.split_runs.endpoints import router as split_router
from pagemill.webhooks.endpoints import router as webhooks_router
from pagemill.workflow_runs.endpoints import review_router
from pagemill.workflow_runs.endpoints import router as workflow_runs_router
from pagemill.workflows.endpoints import router as workflows_router

UNVERSIONED_PREFIXES = ("/healthz", "/readyz", "/openapi.json", "/docs", "/redoc")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = build_runtime(settings)
        app.state.runtime = runtime
        # The engine talks to its database synchronously: keep that off the event loop.
        await anyio.to_thread.run_sync(runtime.start)
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(runtime.close)

    app = FastAPI(
        title="Pagemill API",
        version=__version__,
        description="Self-hosted document processing with an Extend-compatible API (version 2026-02-09).",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.add_middleware(
        RequestConventions,
        default_version=settings.default_api_version,
        unversioned_prefixes=UNVERSIONED_PREFIXES,
        # Multipart framing and form fields come on top of the file itself.
        max_body_bytes=settings.max_upload_bytes + 1024 * 1024,
    )
    for router in (
        health_router,
        files_router,
        file_download_router,
        parse_router,
        batch_runs_router,
        output_download_router,
        extract_router,
        make_router(EXTRACTOR),
        classify_router,
        make_router(CLASSIFIER),
        split_router,
        make_router(SPLITTER),
        webhooks_router,
        workflows_router,
        workflow_runs_router,
        review_router,
    ):
        app.include_router(router)
    return app
