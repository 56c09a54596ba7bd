"""The page a workflow run listing asks for, within the server's page size limits."""

from __future__ import annotations

from pagemill.kit.pagination import PageRequest, page_request
from pagemill.runtime import Runtime


def page_of(
    runtime: Runtime, token: str | None, size: int | None, sort_by: str | None, sort_dir: str | None
) -> PageRequest:
    settings = runtime.settings
    return page_request(
        next_page_token=token,
        max_page_size=size,
        limit=None,
        sort_by=sort_by,
        sort_dir=sort_dir,
        default_size=settings.default_page_size,
        max_size=settings.max_page_size,
    )
