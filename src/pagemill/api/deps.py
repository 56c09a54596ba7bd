"""FastAPI dependencies every feature router uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Query, Request
from sqlalchemy.orm import Session

from pagemill.auth.service import Principal, authenticate
from pagemill.errors import Forbidden, PagemillError
from pagemill.kit.pagination import PageRequest, page_request
from pagemill.runtime import Runtime


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def get_session(request: Request) -> Iterator[Session]:
    """The request's unit of work: committed after the endpoint returns and before the response is sent."""
    with get_runtime(request).database.session() as session:
        yield session


def get_principal(
    request: Request,
    session: Annotated[Session, Depends(get_session, scope="function")],
    authorization: Annotated[str | None, Header()] = None,
    x_extend_workspace_id: Annotated[str | None, Header()] = None,
) -> Principal:
    version_error: PagemillError | None = getattr(request.state, "api_version_error", None)
    if version_error is not None:
        raise version_error
    principal = authenticate(session, authorization)
    if x_extend_workspace_id and x_extend_workspace_id != principal.workspace_id:
        raise Forbidden(
            f"This API key belongs to workspace {principal.workspace_id}, not {x_extend_workspace_id}",
            path="x-extend-workspace-id",
        )
    return principal


def page_params(
    request: Request,
    sort_by: Annotated[str | None, Query(alias="sortBy", description="createdAt or updatedAt")] = None,
    sort_dir: Annotated[str | None, Query(alias="sortDir", description="asc or desc (default)")] = None,
    next_page_token: Annotated[str | None, Query(alias="nextPageToken")] = None,
    max_page_size: Annotated[int | None, Query(alias="maxPageSize")] = None,
    limit: Annotated[int | None, Query(description="The same as maxPageSize")] = None,
) -> PageRequest:
    """The page a list request asks for, within the server's page size limits."""
    settings = get_runtime(request).settings
    return page_request(
        next_page_token=next_page_token,
        max_page_size=max_page_size,
        limit=limit,
        sort_by=sort_by,
        sort_dir=sort_dir,
        default_size=settings.default_page_size,
        max_size=settings.max_page_size,
    )


def api_version(request: Request) -> str:
    version: str = request.state.api_version
    return version


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
PrincipalDep = Annotated[Principal, Depends(get_principal)]
ApiVersionDep = Annotated[str, Depends(api_version)]
PageDep = Annotated[PageRequest, Depends(page_params)]
